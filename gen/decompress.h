/* SPDX-License-Identifier: MIT */
/*
 * decompress.h - kernels as distributions ship them (vmlinuz: a gzip
 * stream), unpacked in memory through zlib with a ceiling on the output,
 * so that a small hostile file cannot fill memory or disk.
 */
#ifndef CP_DECOMPRESS_H
#define CP_DECOMPRESS_H

#include <stddef.h>

/* Whether LEN bytes at BUF start like a stream cp_decompress() unpacks. */
int cp_is_compressed(const unsigned char *buf, size_t len);

/*
 * Unpack BUF (LEN bytes: one gzip member or several, then nothing but
 * zero padding) into a fresh buffer of *OUT_LEN bytes, at most LIMIT.
 * NULL with *WHY saying what is wrong: corrupt or truncated data, or more
 * than LIMIT bytes ("it unpacks to more than that").
 */
unsigned char *cp_decompress(const unsigned char *buf, size_t len,
			     size_t limit, size_t *out_len, const char **why);

#endif
