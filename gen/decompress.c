// SPDX-License-Identifier: MIT
/* decompress.c - see decompress.h. */
#include "decompress.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

int cp_is_compressed(const unsigned char *buf, size_t len)
{
	return len > 2 && buf[0] == 0x1f && buf[1] == 0x8b;
}

static int all_zero(const unsigned char *p, size_t n)
{
	while (n && !*p)
		p++, n--;
	return !n;
}

/* Grow OUT (CAP bytes) for more output, never past LIMIT; 0 or -1. */
static int grow(unsigned char **out, size_t *cap, size_t used, size_t limit)
{
	size_t want = *cap ? *cap * 2 : 1 << 20;

	if (used == limit)
		return -1;
	if (want > limit)
		want = limit;
	*out = cp_xrealloc(*out, want);
	*cap = want;
	return 0;
}

unsigned char *cp_decompress(const unsigned char *buf, size_t len,
			     size_t limit, size_t *out_len, const char **why)
{
	z_stream z;
	unsigned char *out = NULL;
	size_t cap = 0, used = 0, at = 0;
	int st = Z_OK;

	memset(&z, 0, sizeof(z));
	if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK)
		return *why = "zlib cannot start", NULL;
	/* zlib counts in uInt: feed and drain at most 1 GiB per call */
	while (st != Z_STREAM_END || (at < len && !all_zero(buf + at, len - at))) {
		if (st == Z_STREAM_END)
			inflateReset(&z); /* another gzip member */
		if (used == cap && grow(&out, &cap, used, limit)) {
			*why = "it unpacks to more than that";
			goto fail;
		}
		z.next_in = (unsigned char *)buf + at;
		z.avail_in = (uInt)(len - at < (1u << 30) ? len - at : 1u << 30);
		z.next_out = out + used;
		z.avail_out = (uInt)(cap - used < (1u << 30) ? cap - used : 1u << 30);
		st = inflate(&z, Z_NO_FLUSH);
		at = (size_t)(z.next_in - buf);
		used = (size_t)(z.next_out - out);
		if (st == Z_BUF_ERROR && at == len) {
			*why = "the compressed data ends early (truncated?)";
			goto fail;
		}
		if (st != Z_OK && st != Z_STREAM_END && st != Z_BUF_ERROR) {
			*why = z.msg ? z.msg : "corrupt compressed data";
			goto fail;
		}
	}
	inflateEnd(&z);
	*out_len = used;
	return out;
fail:
	inflateEnd(&z);
	free(out);
	return NULL;
}
