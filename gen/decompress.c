// SPDX-License-Identifier: MIT
/*
 * decompress.c - see decompress.h. One function per codec decodes one
 * stream through its library into a growing buffer; cp_decompress() walks
 * the streams and judges what follows the last one.
 */
#include "decompress.h"
#include "util.h"

#include <lz4.h>
#include <lz4frame.h>
#include <lzma.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include <zstd.h>

/* lz4 -l writes blocks that each unpack to at most 8 MiB. */
#define LZ4_LEGACY_BLOCK (8u << 20)
/* liblzma's ceiling: kernels use dictionaries of 32 MiB at most. */
#define LZMA_MEMLIMIT (256u << 20)
/* zlib counts in uInt: feed and drain at most 1 GiB per call. */
#define ZLIB_CHUNK (1u << 30)

/* The output so far, its ceiling, and where a codec says what is wrong. */
struct sink {
	unsigned char *buf;
	size_t cap, used, limit;
	const struct cp_codec *codec;
	char *why;
	size_t why_size;
};

struct cp_codec {
	const char *name; /* in messages */
	const char *fit_name; /* a FIT image's "compression", or NULL */
	const char *magic; /* NULL: recognised only by name */
	size_t magic_len;
	int (*unpack)(struct sink *s, const unsigned char *in, size_t len,
		      size_t *took);
};

static const char too_big[] = "it unpacks to more than that";

__attribute__((format(printf, 2, 3))) static int say(struct sink *s,
						     const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(s->why, s->why_size, fmt, ap);
	va_end(ap);
	return -1;
}

static int truncated(struct sink *s)
{
	return say(s, "the %s data ends early (truncated?)", s->codec->name);
}

static int corrupt(struct sink *s, const char *lib_says)
{
	return say(s, "corrupt %s data (%s)", s->codec->name, lib_says);
}

/*
 * Room for more output: the buffer doubles up to LIMIT, and -1 (reported)
 * when the output has reached it. An lz4 legacy block is decoded whole and
 * judged after: MIN > 1 asks for that much room past what is used, even
 * beyond LIMIT.
 */
static int grow(struct sink *s, size_t min)
{
	size_t want = s->cap ? s->cap * 2 : 1 << 20;

	if (min == 1 && s->used >= s->limit)
		return say(s, too_big);
	if (want > s->limit)
		want = s->limit;
	if (want < s->used + min)
		want = s->used + min;
	if (want > s->cap) {
		s->buf = cp_xrealloc(s->buf, want);
		s->cap = want;
	}
	return 0;
}

static size_t clamp(size_t n, size_t max)
{
	return n < max ? n : max;
}

static int unpack_gzip(struct sink *s, const unsigned char *in, size_t len,
		       size_t *took)
{
	z_stream z;
	int st = Z_OK, err = 0;
	size_t at = 0;

	memset(&z, 0, sizeof(z));
	if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK)
		return say(s, "zlib cannot start");
	while (st != Z_STREAM_END && !err) {
		if (s->used == s->cap && (err = grow(s, 1)))
			break;
		z.next_in = (unsigned char *)in + at;
		z.avail_in = (uInt)clamp(len - at, ZLIB_CHUNK);
		z.next_out = s->buf + s->used;
		z.avail_out = (uInt)clamp(s->cap - s->used, ZLIB_CHUNK);
		st = inflate(&z, Z_NO_FLUSH);
		at = (size_t)(z.next_in - in);
		s->used = (size_t)(z.next_out - s->buf);
		if (st == Z_BUF_ERROR && at == len)
			err = truncated(s);
		else if (st != Z_OK && st != Z_STREAM_END && st != Z_BUF_ERROR)
			err = corrupt(s, z.msg ? z.msg : "zlib");
	}
	inflateEnd(&z);
	*took = at;
	return err;
}

/* One xz or .lzma stream through liblzma, its decoder set up in Z. */
static int run_lzma(struct sink *s, lzma_stream *z, lzma_ret r,
		    const unsigned char *in, size_t len, size_t *took)
{
	int err = 0;

	if (r != LZMA_OK)
		return say(s, "liblzma cannot start");
	z->next_in = in;
	z->avail_in = len;
	while (r == LZMA_OK && !err) {
		if (s->used == s->cap && (err = grow(s, 1)))
			break;
		z->next_out = s->buf + s->used;
		z->avail_out = s->cap - s->used;
		r = lzma_code(z, LZMA_FINISH);
		s->used = (size_t)(z->next_out - s->buf);
	}
	*took = len - z->avail_in;
	lzma_end(z);
	if (err || r == LZMA_STREAM_END)
		return err;
	switch (r) {
	case LZMA_BUF_ERROR: return truncated(s);
	case LZMA_MEMLIMIT_ERROR:
		return say(s,
			   "the %s data needs more than %u MiB to unpack, "
			   "more than any kernel's",
			   s->codec->name, LZMA_MEMLIMIT >> 20);
	case LZMA_OPTIONS_ERROR:
		return corrupt(s, "options liblzma does not know");
	case LZMA_FORMAT_ERROR: return corrupt(s, "not in that format");
	default: return corrupt(s, "liblzma finds it damaged");
	}
}

static int unpack_xz(struct sink *s, const unsigned char *in, size_t len,
		     size_t *took)
{
	lzma_stream z = LZMA_STREAM_INIT;

	return run_lzma(s, &z, lzma_stream_decoder(&z, LZMA_MEMLIMIT, 0), in,
			len, took);
}

static int unpack_lzma(struct sink *s, const unsigned char *in, size_t len,
		       size_t *took)
{
	lzma_stream z = LZMA_STREAM_INIT;

	return run_lzma(s, &z, lzma_alone_decoder(&z, LZMA_MEMLIMIT), in, len,
			took);
}

static int unpack_zstd(struct sink *s, const unsigned char *in, size_t len,
		       size_t *took)
{
	ZSTD_DStream *z = ZSTD_createDStream();
	ZSTD_inBuffer src = { in, len, 0 };
	size_t left = 1;
	int err = 0;

	if (!z)
		return say(s, "libzstd cannot start");
	/* 0: the frame is decoded and flushed */
	while (left && !err) {
		ZSTD_outBuffer dst;

		if (s->used == s->cap && (err = grow(s, 1)))
			break;
		dst = (ZSTD_outBuffer){ s->buf, s->cap, s->used };
		left = ZSTD_decompressStream(z, &dst, &src);
		s->used = dst.pos;
		if (ZSTD_isError(left))
			err = corrupt(s, ZSTD_getErrorName(left));
		else if (left && src.pos == len && dst.pos < dst.size)
			err = truncated(s);
	}
	ZSTD_freeDStream(z);
	*took = src.pos;
	return err;
}

static int unpack_lz4_frame(struct sink *s, const unsigned char *in, size_t len,
			    size_t *took)
{
	LZ4F_dctx *z;
	size_t left = 1, at = 0;
	int err = 0;

	if (LZ4F_isError(LZ4F_createDecompressionContext(&z, LZ4F_VERSION)))
		return say(s, "liblz4 cannot start");
	/* 0: the frame is decoded and flushed */
	while (left && !err) {
		size_t room, got, used_in = len - at;

		if (s->used == s->cap && (err = grow(s, 1)))
			break;
		room = got = s->cap - s->used;
		left = LZ4F_decompress(z, s->buf + s->used, &got, in + at,
				       &used_in, NULL);
		at += used_in;
		s->used += got;
		if (LZ4F_isError(left))
			err = corrupt(s, LZ4F_getErrorName(left));
		else if (left && at == len && got < room)
			err = truncated(s);
	}
	LZ4F_freeDecompressionContext(z);
	*took = at;
	return err;
}

static int all_zero(const unsigned char *p, size_t n)
{
	while (n && !*p)
		p++, n--;
	return !n;
}

/*
 * The legacy format: its magic, then blocks, each a 32-bit little-endian
 * compressed size and that many bytes unpacking to at most 8 MiB. It has
 * no end mark: the stream ends at the end of the data, at zero padding,
 * at another stream's magic, or at the last 4 bytes (Linux's size_append;
 * cp_decompress judges them).
 */
static int unpack_lz4_legacy(struct sink *s, const unsigned char *in,
			     size_t len, size_t *took)
{
	size_t at = s->codec->magic_len;
	int err = 0;

	while (!err && len - at > 4 && !all_zero(in + at, len - at) &&
	       memcmp(in + at, s->codec->magic, s->codec->magic_len)) {
		uint32_t n = (uint32_t)cp_load_le(in + at, 4);
		int got;

		at += 4;
		if (n > len - at)
			err = truncated(s);
		else if (n > (uint32_t)LZ4_compressBound(LZ4_LEGACY_BLOCK))
			err = corrupt(s,
				      "a block larger than the format allows");
		else if (!(err = grow(s, LZ4_LEGACY_BLOCK))) {
			got = LZ4_decompress_safe((const char *)in + at,
						  (char *)s->buf + s->used,
						  (int)n, LZ4_LEGACY_BLOCK);
			if (got < 0)
				err = corrupt(s,
					      "liblz4 cannot decode a block");
			else if ((size_t)got > s->limit - s->used)
				err = say(s, too_big);
			s->used += got < 0 ? 0 : (size_t)got;
			at += n;
		}
	}
	*took = at;
	return err;
}

static const struct cp_codec codecs[] = {
	{ "gzip", "gzip", "\x1f\x8b", 2, unpack_gzip },
	{ "xz", "xz",
	  "\xfd"
	  "7zXZ\0",
	  6, unpack_xz },
	{ "zstd", "zstd", "\x28\xb5\x2f\xfd", 4, unpack_zstd },
	{ "lz4", "lz4", "\x04\x22\x4d\x18", 4, unpack_lz4_frame },
	{ "lz4 legacy", NULL, "\x02\x21\x4c\x18", 4, unpack_lz4_legacy },
	{ "lzma", "lzma", NULL, 0, unpack_lzma },
};

const struct cp_codec *cp_codec_of(const unsigned char *buf, size_t len)
{
	for (size_t i = 0; i < sizeof(codecs) / sizeof(codecs[0]); i++)
		if (codecs[i].magic && len > codecs[i].magic_len &&
		    !memcmp(buf, codecs[i].magic, codecs[i].magic_len))
			return &codecs[i];
	return NULL;
}

const struct cp_codec *cp_codec_named(const char *name)
{
	for (size_t i = 0; i < sizeof(codecs) / sizeof(codecs[0]); i++)
		if (codecs[i].fit_name && !strcmp(codecs[i].fit_name, name))
			return &codecs[i];
	return NULL;
}

const char *cp_codec_name(const struct cp_codec *c)
{
	return c->name;
}

/* Linux's size_append: the unpacked size, 32-bit little-endian. */
static int size_trailer(const unsigned char *p, size_t n, size_t size)
{
	return n == 4 && cp_load_le(p, 4) == (uint32_t)size;
}

static int another_stream(const struct cp_codec *c, const unsigned char *p,
			  size_t n)
{
	return c->magic && n > c->magic_len &&
	       !memcmp(p, c->magic, c->magic_len);
}

unsigned char *cp_decompress(const struct cp_codec *c, const unsigned char *buf,
			     size_t len, size_t limit, size_t *out_len,
			     char *why, size_t why_size)
{
	struct sink s = {
		.limit = limit, .codec = c, .why = why, .why_size = why_size
	};
	size_t at = 0, took;

	for (;;) {
		if (c->unpack(&s, buf + at, len - at, &took))
			goto fail;
		at += took;
		if (at == len || all_zero(buf + at, len - at) ||
		    size_trailer(buf + at, len - at, s.used))
			break;
		if (!took || !another_stream(c, buf + at, len - at)) {
			say(&s,
			    "%zu bytes after the %s data are neither zero "
			    "padding, its unpacked size, nor another %s "
			    "stream",
			    len - at, c->name, c->name);
			goto fail;
		}
	}
	*out_len = s.used;
	return s.buf ? s.buf : cp_xmalloc(1);
fail:
	free(s.buf);
	return NULL;
}
