// SPDX-License-Identifier: MIT
/*
 * kexec-seeds.c - fresh seeds at every load (kexec-loader.h): the bytes
 * segments.txt's "seed" lines name get random bytes from getrandom(), the
 * word that arms each is written (an RNG seed is built under a name or
 * type the kernel ignores: zeros it would credit as entropy), and each
 * such segment's sums are computed again into the codepage where the
 * "check" lines say the plan holds them, so that the codepage still
 * checks every byte it enters.
 */
#define _GNU_SOURCE
#include "kexec-loader.h"
#include "checksum.h"
#include "diag.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

/* N random bytes: getrandom() (waits, once, for the kernel's generator to
 * be seeded), or /dev/urandom where the call does not exist. */
static int random_bytes(unsigned char *p, size_t n)
{
	while (n) {
		ssize_t r = getrandom(p, n, 0);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0 && errno == ENOSYS) {
			int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);

			r = fd < 0 ? -1 : read(fd, p, n);
			if (fd >= 0)
				close(fd);
		}
		if (r <= 0)
			return -1;
		p += r;
		n -= (size_t)r;
	}
	return 0;
}

static void store(unsigned char *p, int width, int big, uint64_t v)
{
	if (big)
		cp_store_be(p, (size_t)width, v);
	else
		cp_store_le(p, (size_t)width, v);
}

/* [off, off + n) inside len bytes. */
static int inside(uint64_t off, uint64_t n, uint64_t len)
{
	return off <= len && n <= len - off;
}

static int check_lines(const struct cp_segtxt *t, const struct cp_loc *loc)
{
	for (int i = 0; i < t->nseed; i++) {
		const struct cp_segtxt_seed *s = &t->seed[i];
		uint64_t len = t->seg[s->seg].bufsz;

		if (!inside(s->off, s->size, len) ||
		    (s->armed && !inside(s->arm_off, 4, len))) {
			cp_error(loc, bad_segments,
				 "seed %d lies outside segment %d's %llu bytes",
				 i, s->seg, (unsigned long long)len);
			return -1;
		}
	}
	for (int i = 0; i < t->ncheck; i++) {
		const struct cp_segtxt_check *c = &t->check[i];
		uint64_t len = t->seg[0].bufsz;

		if (!inside(c->s1, (uint64_t)c->word, len) ||
		    !inside(c->s2, (uint64_t)c->word, len) ||
		    (c->has_crc && !inside(c->crc, 4, len))) {
			cp_error(
				loc, bad_segments,
				"check %d names a place outside the codepage's "
				"%llu bytes",
				i, (unsigned long long)len);
			return -1;
		}
	}
	return 0;
}

/* CRC32C of the segment's memory as placed: its bytes, zeros to memsz. */
static uint32_t crc_placed(const unsigned char *buf, uint64_t len,
			   uint64_t memsz)
{
	static const unsigned char zero[4096];
	uint32_t crc = cp_crc32c(0, buf, (size_t)len);

	for (uint64_t left = memsz - len; left;) {
		size_t n = left < sizeof(zero) ? (size_t)left : sizeof(zero);

		crc = cp_crc32c(crc, zero, n);
		left -= n;
	}
	return crc;
}

static void resum(const struct cp_segtxt *t, const struct cp_segtxt_check *c,
		  unsigned char *const *bufs)
{
	const struct cp_segtxt_seg *s = &t->seg[c->seg];
	struct cp_blocksum sum = cp_blocksum(bufs[c->seg], (size_t)s->bufsz,
					     s->memsz - s->bufsz, c->word,
					     c->big);

	store(bufs[0] + c->s1, c->word, c->big, sum.s1);
	store(bufs[0] + c->s2, c->word, c->big, sum.s2);
	if (c->has_crc)
		store(bufs[0] + c->crc, 4, c->big,
		      crc_placed(bufs[c->seg], s->bufsz, s->memsz));
}

int kexec_refresh_seeds(const struct cp_segtxt *t, unsigned char *const *bufs,
			const char *outdir)
{
	struct cp_loc loc = { .file = outdir };

	if (check_lines(t, &loc))
		return CP_EXIT_REJECTED;
	for (int i = 0; i < t->nseed; i++) {
		const struct cp_segtxt_seed *s = &t->seed[i];
		unsigned char *b = bufs[s->seg];

		if (random_bytes(b + s->off, (size_t)s->size)) {
			cp_error(&loc, kexec_failed,
				 "no random bytes for the seeds: %s (to load "
				 "the build's seeds, rebuild with fixed-seeds; "
				 "in the description)",
				 strerror(errno));
			return CP_EXIT_ENV;
		}
		if (s->armed)
			store(b + s->arm_off, 4, s->arm_big, s->arm_value);
	}
	for (int i = 0; i < t->ncheck; i++)
		resum(t, &t->check[i], bufs);
	return CP_EXIT_OK;
}
