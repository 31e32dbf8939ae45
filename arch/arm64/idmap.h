/* SPDX-License-Identifier: MIT */
/*
 * idmap.h - the identity map of memory that the arm64 codepage turns its
 * MMU on with (idmap.c).
 */
#ifndef CP_ARM64_IDMAP_H
#define CP_ARM64_IDMAP_H
#include <stdint.h>

#include "request.h"

/* Descriptors at table-area offset off: count of them, the first value,
 * each next one step more; relative: value is an offset into the table
 * area (a next-level table), to which the codepage adds the area's
 * address. */
struct a64_idmap_run {
	uint32_t off, count;
	int relative;
	uint64_t value, step;
};

#define A64_IDMAP_MAX_RUNS 1024
#define A64_IDMAP_MAX_RANGES 64

/* One allocation (a backend's arch_data is freed with free()). */
struct a64_idmap {
	int npages; /* table pages: the area's size; 0: nothing to map */
	struct a64_idmap_run runs[A64_IDMAP_MAX_RUNS];
	int nruns;
	struct cp_range ranges[A64_IDMAP_MAX_RANGES]; /* mapped, sorted */
	int nranges;
};

/*
 * The map of memory (n ranges, at most A64_IDMAP_MAX_RANGES) in 4 KiB
 * pages, 1 GiB and 2 MiB blocks. -1 if it needs more runs than it holds.
 */
int a64_idmap_build(const struct cp_range *memory, int n,
		    struct a64_idmap *map);
#endif
