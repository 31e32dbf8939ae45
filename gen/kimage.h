/* SPDX-License-Identifier: MIT */
/*
 * kimage.h - the kernel "Image" format arm64 and riscv share, as the hooks
 * of a struct cp_image_format (arch.h).
 *
 * A 64-byte little-endian header with text_offset at 8, image_size at 16
 * and flags at 24, recognised by a magic. The kernel goes text_offset
 * bytes above a base_align-aligned base anywhere in memory ("as close as
 * possible to the base of DRAM", booting.rst) and needs image_size bytes
 * there, its .bss included.
 */
#ifndef CP_KIMAGE_H
#define CP_KIMAGE_H

#include <stddef.h>
#include <stdint.h>

#include "arch.h"

/* What tells one arch's Image from another's: a cp_image_format's data. */
struct cp_kimage {
	unsigned magic_off; /* where the magic is, within the 64 bytes */
	const char *magic;
	unsigned magic_len;
	uint64_t base_align;
	/* NULL if the header's flags suit the arch, else why not */
	const char *(*flags_problem)(uint64_t flags);
	/* The kernel's page size its flags state, 0 if they state none;
	 * NULL: the format's flags never do. */
	uint64_t (*flags_page_size)(uint64_t flags);
};

/* The cp_image_format hooks, for .recognize and .load. */
int cp_kimage_recognize(const struct cp_image_format *f,
			const unsigned char *file, size_t len);
int cp_kimage_load(const struct cp_image_format *f, struct cp_plan *plan,
		   const unsigned char *file, size_t len,
		   const struct cp_loc *loc);

#endif
