/* SPDX-License-Identifier: MIT */
/*
 * decompress.h - kernels as distributions and build systems ship them
 * (vmlinuz and Image.gz, Image.xz, Image.zst, Image.lz4 in the lz4 frame
 * format or the legacy format Linux's arch/arm64/boot/Image.lz4 uses, and
 * the compression a FIT image names), unpacked in memory through zlib,
 * liblzma, libzstd and liblz4 with a ceiling on the output, so that a
 * small hostile file cannot fill memory or disk.
 */
#ifndef CP_DECOMPRESS_H
#define CP_DECOMPRESS_H

#include <stddef.h>

struct cp_codec;

/* The codec whose magic LEN bytes at BUF start with, or NULL. */
const struct cp_codec *cp_codec_of(const unsigned char *buf, size_t len);

/* The codec a U-Boot FIT image calls NAME ("gzip", "lzma", "lz4",
 * "zstd"; "xz" too), or NULL. */
const struct cp_codec *cp_codec_named(const char *name);

/* What the codec is called in messages: "gzip", "xz", "lz4 legacy"... */
const char *cp_codec_name(const struct cp_codec *c);

/*
 * Unpack BUF (LEN bytes: one stream of codec C or several, then nothing,
 * zero padding, or the 4-byte little-endian unpacked size Linux's
 * size_append writes) into a fresh buffer of *OUT_LEN bytes, at most LIMIT.
 * NULL with WHY (WHY_SIZE bytes) saying what is wrong: corrupt or truncated data, bytes
 * after the data, or more than LIMIT bytes ("it unpacks to more than
 * that").
 */
unsigned char *cp_decompress(const struct cp_codec *c, const unsigned char *buf,
			     size_t len, size_t limit, size_t *out_len,
			     char *why, size_t why_size);

#endif
