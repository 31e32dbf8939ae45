/* SPDX-License-Identifier: MIT */
/*
 * fithash.h - a FIT image's hash nodes (hash-1 { algo; value; }) checked
 * against the data they cover, as U-Boot's fit_image_verify() does: crc32
 * through zlib, md5, sha1, sha256, sha384 and sha512 through nettle.
 */
#ifndef CP_FITHASH_H
#define CP_FITHASH_H

#include <stddef.h>

#include "diag.h"

/*
 * Check every hash-* child of node IMAGE in tree FIT against LEN bytes at
 * DATA; LOC names the image for messages. The number of hashes checked
 * (0: the image has none), or -1 after reporting a mismatch, an algorithm
 * not known, or a value of the wrong size.
 */
int cp_fit_check_hashes(const void *fit, int image, const unsigned char *data,
			size_t len, const struct cp_loc *loc);

#endif
