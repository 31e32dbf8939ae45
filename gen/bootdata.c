// SPDX-License-Identifier: MIT
/* bootdata.c - see bootdata.h. */
#include "bootdata.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

static int by_base(const void *a, const void *b)
{
	const struct cp_map_entry *x = a, *y = b;

	return x->base < y->base ? -1 : x->base > y->base;
}

/* Reserved ranges, sorted, none empty, wrapping or overlapping another. */
static int reserved_sorted(const struct cp_plan *plan, struct cp_map_entry *m)
{
	struct cp_loc loc = cp_loc_at(plan->desc_file, "/:reserved-memory");

	for (int i = 0; i < plan->req.nreserved; i++)
		m[i] = (struct cp_map_entry){ plan->req.reserved[i].base,
					      plan->req.reserved[i].size,
					      CP_MAP_RESERVED };
	if (plan->req.nreserved)
		qsort(m, (size_t)plan->req.nreserved, sizeof(*m), by_base);
	for (int i = 0; i < plan->req.nreserved; i++)
		if (m[i].size == 0 || m[i].base + m[i].size < m[i].base ||
		    (i > 0 && m[i - 1].base + m[i - 1].size > m[i].base)) {
			cp_error(&loc, memory_overlap,
				 "the reserved range at 0x%llx (0x%llx bytes) "
				 "is empty, wraps, or overlaps another; the "
				 "destination's memory map must not",
				 (unsigned long long)m[i].base,
				 (unsigned long long)m[i].size);
			return -1;
		}
	return 0;
}

/* Memory range r less the nres sorted reserved ranges, as RAM entries
 * appended to m at *n while they fit max. */
static int ram_pieces(const struct cp_range *r, const struct cp_map_entry *res,
		      int nres, struct cp_map_entry *m, int *n, int max)
{
	uint64_t at = r->base, end = r->base + r->size;

	for (int i = 0; i <= nres && at < end; i++) {
		uint64_t stop = i < nres && res[i].base < end ? res[i].base :
								end;

		if (i < nres && res[i].base + res[i].size <= at)
			continue;
		if (stop > at) {
			if (*n >= max)
				return -1;
			m[(*n)++] = (struct cp_map_entry){ at, stop - at,
							   CP_MAP_RAM };
		}
		if (i < nres && res[i].base + res[i].size > at)
			at = res[i].base + res[i].size;
	}
	return 0;
}

int cp_memory_map(const struct cp_plan *plan, struct cp_map_entry **map, int *n,
		  int max)
{
	struct cp_loc loc = cp_loc_at(plan->desc_file, "/:reserved-memory");
	/* each reserved range splits at most one memory range in two */
	int cap = 2 * plan->nmemory + 2 * plan->req.nreserved;
	struct cp_map_entry *m = cp_xcalloc((size_t)cap + 1, sizeof(*m));

	*n = plan->req.nreserved;
	if (reserved_sorted(plan, m)) {
		free(m);
		return -1;
	}
	for (int i = 0; i < plan->nmemory; i++)
		if (ram_pieces(&plan->memory[i], m, plan->req.nreserved, m, n,
			       cap) ||
		    *n > max) {
			cp_error(&loc, too_many_ranges,
				 "memory and reserved-memory make more than %d "
				 "ranges; the protocol's memory map holds %d",
				 max, max);
			free(m);
			return -1;
		}
	qsort(m, (size_t)*n, sizeof(*m), by_base);
	*map = m;
	return 0;
}

int cp_plan_add_data(struct cp_plan *plan, const char *name, unsigned char *buf,
		     size_t len, uint64_t align, uint64_t limit, uint64_t *addr)
{
	uint64_t page = plan->page_size;
	struct cp_loc loc = cp_loc_at(plan->desc_file, "/:protocol");
	struct cp_segment *s;

	if (cp_plan_find(plan, name)) {
		cp_error(&loc, reserved_name,
			 "protocol \"%s\" builds a segment named %s; rename "
			 "the description's",
			 plan->protocol, name);
		free(buf);
		return -1;
	}
	if (cp_plan_find_low(plan, align > page ? align : page, page, limit,
			     cp_align_up(len, page), addr)) {
		cp_error(&loc, no_room,
			 "no free 0x%zx bytes in memory below 0x%llx for "
			 "protocol \"%s\"'s %s",
			 len, (unsigned long long)limit, plan->protocol, name);
		free(buf);
		return -1;
	}
	s = cp_plan_add(plan, name, *addr, buf, len, cp_align_up(len, page),
			&loc);
	return s ? 0 : -1;
}

int cp_initrd_segment(const struct cp_plan *plan, const struct cp_segment **rd)
{
	*rd = NULL;
	if (!plan->req.kernel.initrd)
		return 0;
	*rd = cp_plan_find(plan, plan->req.kernel.initrd);
	if (*rd && strncmp((*rd)->name, "kernel.", 7))
		return 0;
	cp_error(CP_DESC_AT(plan, "/kernel:initrd"), missing_segment,
		 "initrd names no segment of the description; name one, e.g. "
		 "segments { initrd { file = \"...\"; load = <...>; }; }");
	return -1;
}
