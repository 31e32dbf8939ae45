// SPDX-License-Identifier: MIT
/*
 * sha256-ref.c - make bench's yardstick for the verification: SHA-256 of
 * every segment, the check kexec-tools' purgatory makes before its jump
 * (FIPS 180-4). It walks the same kexec indirection list as the codepage
 * and hashes each source page into its segment's digest; it copies
 * nothing. Freestanding and position-independent: no data of its own
 * (the stub passes the round constants, sha256-data.inc, and where the
 * digests go), built with the target's gcc, linked with the stub of its
 * arch (ARCH-sha256.s). The known answer is checked on the host by
 * tests (the same source, built natively).
 */
#include <stdint.h>

#define IND_DESTINATION 0x1ul
#define IND_INDIRECTION 0x2ul
#define IND_DONE 0x4ul
#define IND_SOURCE 0x8ul
#define PAGE 4096ul

struct sha {
	uint32_t h[8];
	uint64_t bytes;
};

void sha256_walk(unsigned long head, unsigned long linear, const uint32_t *k,
		 uint32_t *digests, unsigned long pages);
void sha256_once(const unsigned char *p, unsigned long len, const uint32_t *k,
		 uint32_t out[8]);

static uint32_t ror(uint32_t x, int n)
{
	return x >> n | x << (32 - n);
}

static void compress(uint32_t h[8], const unsigned char *p, const uint32_t *k)
{
	uint32_t w[64], a = h[0], b = h[1], c = h[2], d = h[3], e = h[4],
			f = h[5], g = h[6], hh = h[7];

	for (int i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		       (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
	for (int i = 16; i < 64; i++)
		w[i] = w[i - 16] + w[i - 7] +
		       (ror(w[i - 15], 7) ^ ror(w[i - 15], 18) ^
			w[i - 15] >> 3) +
		       (ror(w[i - 2], 17) ^ ror(w[i - 2], 19) ^ w[i - 2] >> 10);
	for (int i = 0; i < 64; i++) {
		uint32_t t1 = hh + (ror(e, 6) ^ ror(e, 11) ^ ror(e, 25)) +
			      ((e & f) ^ (~e & g)) + k[i] + w[i];
		uint32_t t2 = (ror(a, 2) ^ ror(a, 13) ^ ror(a, 22)) +
			      ((a & b) ^ (a & c) ^ (b & c));

		hh = g;
		g = f;
		f = e;
		e = d + t1;
		d = c;
		c = b;
		b = a;
		a = t1 + t2;
	}
	h[0] += a;
	h[1] += b;
	h[2] += c;
	h[3] += d;
	h[4] += e;
	h[5] += f;
	h[6] += g;
	h[7] += hh;
}

static void start(struct sha *s)
{
	/* written out, not a table: no data of our own */
	s->h[0] = 0x6a09e667;
	s->h[1] = 0xbb67ae85;
	s->h[2] = 0x3c6ef372;
	s->h[3] = 0xa54ff53a;
	s->h[4] = 0x510e527f;
	s->h[5] = 0x9b05688c;
	s->h[6] = 0x1f83d9ab;
	s->h[7] = 0x5be0cd19;
	s->bytes = 0;
}

/* The last block(s): 0x80, zeros, the length in bits, big-endian. Whole
 * 64-byte blocks only came before (pages, or sha256_once's own split). */
static void finish(struct sha *s, const unsigned char *tail, unsigned n,
		   const uint32_t *k, uint32_t *out)
{
	unsigned char b[128];
	unsigned total = n < 56 ? 64 : 128;
	uint64_t bits = (s->bytes + n) * 8;

	for (unsigned i = 0; i < total; i++)
		b[i] = i < n ? tail[i] : 0;
	b[n] = 0x80;
	for (int i = 0; i < 8; i++)
		b[total - 1 - i] = (unsigned char)(bits >> (8 * i));
	for (unsigned i = 0; i < total; i += 64)
		compress(s->h, b + i, k);
	for (int i = 0; i < 8; i++)
		out[i] = s->h[i];
}

void sha256_once(const unsigned char *p, unsigned long len, const uint32_t *k,
		 uint32_t out[8])
{
	struct sha s;

	start(&s);
	for (; len >= 64; p += 64, len -= 64, s.bytes += 64)
		compress(s.h, p, k);
	finish(&s, p, (unsigned)len, k, out);
}

void sha256_walk(unsigned long head, unsigned long linear, const uint32_t *k,
		 uint32_t *digests, unsigned long pages)
{
	unsigned long entry = head, *cursor = 0;
	struct sha s;
	int open = 0;

	for (; !(entry & IND_DONE); entry = *cursor++) {
		unsigned long page = (entry & ~(PAGE - 1)) + linear;

		if (entry & IND_DESTINATION) {
			if (open)
				finish(&s, 0, 0, k, digests);
			start(&s);
			open = 1;
		} else if (entry & IND_INDIRECTION) {
			cursor = (unsigned long *)page;
		} else if ((entry & IND_SOURCE) && pages) {
			pages--;
			for (unsigned long off = 0; off < PAGE; off += 64)
				compress(s.h, (const unsigned char *)page + off,
					 k);
			s.bytes += PAGE;
		}
	}
	if (open)
		finish(&s, 0, 0, k, digests);
}
