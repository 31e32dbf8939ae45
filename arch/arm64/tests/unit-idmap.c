// SPDX-License-Identifier: MIT
/*
 * unit-idmap.c - unit tests of the arm64 identity map (arch/arm64/idmap.c):
 * the tables it lays, walked as the MMU would. A group of the unit-tests
 * program (tests/unit.h), built with it by arch/arm64/build.mk.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "unit.h"
#include "../idmap.h"

#define IDMAP_AREA 0x7ff00000ULL /* where the test puts the table area */

/* Lay the runs out as the codepage does, into area (npages pages). */
static void idmap_lay(const struct a64_idmap *m, uint64_t *area)
{
	memset(area, 0, (size_t)m->npages * 4096);
	for (int i = 0; i < m->nruns; i++) {
		const struct a64_idmap_run *r = &m->runs[i];
		uint64_t v = r->value + (r->relative ? IDMAP_AREA : 0);

		for (uint32_t k = 0; k < r->count; k++, v += r->step)
			area[r->off / 8 + k] = v;
	}
}

/* Walk area as the MMU would for va: the output address and, in *level,
 * where the walk ended (1, 2: a block; 3: a page); -1 as a fault. */
static int64_t idmap_walk(const struct a64_idmap *m, const uint64_t *area,
			  uint64_t va, int *level)
{
	uint64_t table = 0;

	for (int l = 0; l <= 3; l++) {
		unsigned shift = 39 - 9 * (unsigned)l;
		uint64_t d = area[table / 8 + ((va >> shift) & 511)];
		uint64_t out = d & 0x0000fffffffff000ULL;

		*level = l;
		if (!(d & 1) || (l == 0 && (d & 3) != 3) ||
		    (d & 0x7fc) != (l < 3 && (d & 3) == 3 ? 0 : 0x700))
			return -1;
		if (l == 3 || (d & 3) == 1)
			return (int64_t)((out & ~((1ULL << shift) - 1)) |
					 (va & ((1ULL << shift) - 1)));
		if (out < IDMAP_AREA ||
		    out >= IDMAP_AREA + (uint64_t)m->npages * 4096)
			return -1;
		table = out - IDMAP_AREA;
	}
	return -1;
}

static int idmap_maps(const struct a64_idmap *m, const uint64_t *area,
		      uint64_t va, int want_level)
{
	int level;

	return idmap_walk(m, area, va, &level) == (int64_t)va &&
	       (!want_level || level == want_level);
}

static int idmap_faults(const struct a64_idmap *m, const uint64_t *area,
			uint64_t va)
{
	int level;

	return idmap_walk(m, area, va, &level) < 0;
}

static void test_idmap(void)
{
	static const struct cp_range sample[] = { { 0x40100000, 0x1ff00000 } };
	static const struct cp_range wide[] = { { 0x880000000, 0x1000 },
						{ 0x80000000, 0x100000000 } };
	static const struct cp_range ragged[] = { { 0x40000800, 0x3000 },
						  { 0x40001000, 0x800 } };
	struct a64_idmap *m = cp_xmalloc(sizeof(*m));
	uint64_t *area = cp_xcalloc(64, 4096);

	CHECK("idmap-builds", a64_idmap_build(sample, 1, m) == 0 &&
				      m->npages == 4 && m->npages <= 64);
	idmap_lay(m, area);
	CHECK("idmap-pages-at-unaligned-start",
	      idmap_maps(m, area, 0x40100000, 3) &&
		      idmap_maps(m, area, 0x401ff008, 3) &&
		      idmap_faults(m, area, 0x400ff000));
	CHECK("idmap-2m-blocks", idmap_maps(m, area, 0x40200000, 2) &&
					 idmap_maps(m, area, 0x5fffffff, 2));
	CHECK("idmap-nothing-else", idmap_faults(m, area, 0x60000000) &&
					    idmap_faults(m, area, 0x9000000) &&
					    idmap_faults(m, area, 0));
	CHECK("idmap-ranges", m->nranges == 1 &&
				      m->ranges[0].base == 0x40100000 &&
				      m->ranges[0].size == 0x1ff00000);
	CHECK("idmap-wide-builds",
	      a64_idmap_build(wide, 2, m) == 0 && m->npages <= 64);
	idmap_lay(m, area);
	CHECK("idmap-1g-blocks-above-4g",
	      idmap_maps(m, area, 0x80000000, 1) &&
		      idmap_maps(m, area, 0x17fffffff, 1) &&
		      idmap_faults(m, area, 0x180000000));
	CHECK("idmap-one-page-high",
	      idmap_maps(m, area, 0x880000fff, 3) &&
		      idmap_faults(m, area, 0x880001000));
	CHECK("idmap-ranges-sorted",
	      m->nranges == 2 && m->ranges[0].base == 0x80000000);
	CHECK("idmap-ragged-builds",
	      a64_idmap_build(ragged, 2, m) == 0 && m->npages <= 64);
	idmap_lay(m, area);
	CHECK("idmap-inward-to-pages",
	      idmap_faults(m, area, 0x40000800) &&
		      idmap_maps(m, area, 0x40001000, 3) &&
		      idmap_maps(m, area, 0x40002fff, 3) &&
		      idmap_faults(m, area, 0x40003000));
	CHECK("idmap-empty", a64_idmap_build(ragged + 1, 0, m) == 0 &&
				     m->npages == 0 && m->nruns == 0);
	free(area);
	free(m);
}

UNIT_GROUP(unit_idmap)

static void unit_idmap(void)
{
	test_idmap();
}
