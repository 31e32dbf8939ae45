// SPDX-License-Identifier: MIT
/*
 * idmap.c - the identity map of memory that the arm64 codepage turns its
 * MMU and data cache on with when it is entered with them off, so that it
 * copies and verifies through the cache (with the MMU off every access
 * goes to memory uncached, tens of times slower on hardware).
 *
 * VMSAv8-64 with the 4 KiB granule and 48-bit addresses: lookup starts at
 * level 0 (512 GiB per entry), and each range of memory is mapped in the
 * largest descriptors that fit it exactly, 1 GiB blocks at level 1, 2 MiB
 * blocks at level 2, 4 KiB pages at level 3, as Normal write-back memory
 * (MAIR attribute 0), inner shareable, read/write, executable. Nothing but
 * memory is mapped: a speculative access may reach anything mapped Normal,
 * and a device must never see one.
 *
 * The tables are computed here and reach the plan as runs of descriptors;
 * the codepage writes them into table pages that segment 0 reserves past
 * its code. Their addresses are offsets into that area, added at run time,
 * so the plan stays independent of where the codepage lies.
 */
#include "idmap.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

#define ENTRIES 512
#define PAGE 4096ULL
#define DESC_TABLE 0x3ULL /* levels 0-2: the next table */
#define DESC_BLOCK 0x1ULL /* levels 1-2 */
#define DESC_PAGE 0x3ULL /* level 3 */
/* AF (bit 10), inner shareable (SH, bits 9:8), AttrIndx 0, AP 0 */
#define DESC_NORMAL 0x700ULL

struct tables {
	uint64_t (*entry)[ENTRIES];
	int *level;
	int n;
};

static int new_table(struct tables *t, int level)
{
	t->entry =
		cp_xrealloc(t->entry, (size_t)(t->n + 1) * sizeof(*t->entry));
	t->level =
		cp_xrealloc(t->level, (size_t)(t->n + 1) * sizeof(*t->level));
	memset(t->entry[t->n], 0, sizeof(*t->entry));
	t->level[t->n] = level;
	return t->n++;
}

static int is_table(const struct tables *t, int table, uint64_t d)
{
	return t->level[table] < 3 && (d & 3) == DESC_TABLE;
}

/* Map [start, end) (page-aligned) through table, at its level. */
static void map(struct tables *t, int table, uint64_t start, uint64_t end)
{
	int level = t->level[table];
	unsigned shift = 39 - 9 * (unsigned)level;
	uint64_t span = 1ULL << shift;

	while (start < end) {
		unsigned idx = (unsigned)(start >> shift) & (ENTRIES - 1);
		uint64_t entry_end = (start | (span - 1)) + 1;
		uint64_t piece_end = end < entry_end ? end : entry_end;
		uint64_t d = t->entry[table][idx];

		if (level == 3 || (level > 0 && start % span == 0 &&
				   piece_end == entry_end)) {
			t->entry[table][idx] =
				start | DESC_NORMAL |
				(level == 3 ? DESC_PAGE : DESC_BLOCK);
		} else if (!d || is_table(t, table, d)) {
			int next = d ? (int)(d / PAGE) :
				       new_table(t, level + 1);

			t->entry[table][idx] = (uint64_t)next * PAGE |
					       DESC_TABLE;
			map(t, next, start, piece_end);
		} /* else a block already maps it (ranges that overlap) */
		start = piece_end;
	}
}

static int by_base(const void *a, const void *b)
{
	const struct cp_range *x = a, *y = b;

	return x->base < y->base ? -1 : x->base > y->base;
}

/* Each table's entries as runs: consecutive entries of one kind whose
 * values grow by one step. -1 when there are more than the map holds. */
static int emit_runs(const struct tables *t, struct a64_idmap *m)
{
	for (int p = 0; p < t->n; p++) {
		for (unsigned i = 0; i < ENTRIES;) {
			uint64_t v = t->entry[p][i];
			int rel = is_table(t, p, v);
			unsigned j = i + 1;
			uint64_t step = 0;
			struct a64_idmap_run *r;

			if (!v) {
				i++;
				continue;
			}
			if (j < ENTRIES && t->entry[p][j] &&
			    is_table(t, p, t->entry[p][j]) == rel)
				step = t->entry[p][j] - v;
			while (j < ENTRIES && t->entry[p][j] &&
			       is_table(t, p, t->entry[p][j]) == rel &&
			       t->entry[p][j] == v + step * (j - i))
				j++;
			if (m->nruns == A64_IDMAP_MAX_RUNS)
				return -1;
			r = &m->runs[m->nruns++];
			r->off = (uint32_t)(p * PAGE + i * 8);
			r->count = j - i;
			r->relative = rel;
			r->value = v;
			r->step = step;
			i = j;
		}
	}
	return 0;
}

int a64_idmap_build(const struct cp_range *memory, int n, struct a64_idmap *m)
{
	struct tables t = { 0 };
	int err;

	memset(m, 0, sizeof(*m));
	for (int i = 0; i < n && i < A64_IDMAP_MAX_RANGES; i++) {
		/* inward to whole pages: never map what is not memory */
		uint64_t base = cp_align_up(memory[i].base, PAGE);
		uint64_t end = (memory[i].base + memory[i].size) & ~(PAGE - 1);

		if (end > base)
			m->ranges[m->nranges++] =
				(struct cp_range){ base, end - base };
	}
	if (!m->nranges)
		return 0;
	qsort(m->ranges, (size_t)m->nranges, sizeof(*m->ranges), by_base);
	new_table(&t, 0);
	for (int i = 0; i < m->nranges; i++)
		map(&t, 0, m->ranges[i].base,
		    m->ranges[i].base + m->ranges[i].size);
	m->npages = t.n;
	err = emit_runs(&t, m);
	free(t.entry);
	free(t.level);
	return err;
}
