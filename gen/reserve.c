// SPDX-License-Identifier: MIT
/* reserve.c - see reserve.h. */
#include "reserve.h"
#include "fdtresv.h"
#include "fdtsane.h"
#include "plan.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

static void add(struct cp_plan *plan, uint64_t base, uint64_t size, char *what,
		const struct cp_loc *loc, const char *segment)
{
	struct cp_reserved *r;

	plan->reserved =
		cp_xrealloc(plan->reserved, (size_t)(plan->nreserved + 1) *
						    sizeof(*plan->reserved));
	r = &plan->reserved[plan->nreserved++];
	*r = (struct cp_reserved){ .base = base,
				   .size = size,
				   .what = what,
				   .loc = *loc,
				   .segment = segment ? cp_xstrdup(segment) :
							NULL };
}

/* What a walk of the tree learns: its reservations go to the plan, and
 * the lowest memory it lists says where DRAM starts. */
struct tree_walk {
	struct cp_plan *plan;
	const char *segment;
	struct cp_loc loc;
	uint64_t dram;
	int has_dram;
	int named; /* the tree is the one device-tree names */
};

static int take_region(const struct cp_fdt_region *r, void *ctx)
{
	struct tree_walk *w = ctx;
	uint64_t page = w->plan->arch->page_size, base = r->base;
	uint64_t size = r->size;

	if (r->kind == CP_FDT_INITRD)
		return 0; /* the destination's own initrd, a segment */
	if (r->kind == CP_FDT_MEMORY) {
		if (size && (!w->has_dram || base < w->dram))
			w->dram = base;
		w->has_dram |= size != 0;
		return 0;
	}
	if (r->kind == CP_FDT_RELEASE_ADDR && w->named &&
	    w->plan->nreleases < CP_MAX_RELEASES)
		w->plan->releases[w->plan->nreleases++] = r->base;
	if (r->kind == CP_FDT_RELEASE_ADDR) {
		/* the spin table lives in the page around the address */
		base = cp_align_down(r->base, page);
		size = page;
	}
	if (size)
		add(w->plan, base, size,
		    cp_xasprintf("%s (%s) in segment '%s'", r->name,
				 cp_fdt_kind_name(r->kind), w->segment),
		    &w->loc, w->segment);
	return 0;
}

static int from_tree(const struct cp_segment *s, struct tree_walk *w)
{
	const char *why;

	w->segment = s->name;
	w->loc = s->loc;
	if (cp_fdt_regions(s->buf + s->data_off, s->size, take_region, w,
			   &why) >= 0)
		return 0;
	cp_error(&s->loc, bad_dtb,
		 "cannot read the memory segment '%s' reserves: %s", s->name,
		 why);
	return -1;
}

/* The named tree, or (none named) every segment that holds a tree. */
static int from_trees(struct cp_plan *plan, const char *tree,
		      struct tree_walk *w)
{
	const struct cp_segment *s;
	const char *why;
	int err = 0;

	w->named = tree != NULL;
	if (tree)
		return (s = cp_plan_find(plan, tree)) ? from_tree(s, w) : 0;
	for (int i = 1; i < plan->nseg; i++) {
		s = &plan->seg[i];
		if (!cp_fdt_sane(s->buf + s->data_off, s->size, &why))
			err |= from_tree(s, w);
	}
	return err;
}

static void from_description(struct cp_plan *plan)
{
	const struct cp_request *d = &plan->req;
	struct cp_loc loc = cp_loc_at(plan->desc_file, "/:reserved-memory");

	for (int i = 0; i < d->nreserved; i++)
		add(plan, d->reserved[i].base, d->reserved[i].size,
		    cp_xasprintf("reserved-memory range %d of the description",
				 i),
		    &loc, NULL);
	loc = cp_loc_at(plan->desc_file, "/:firmware-memory");
	for (int i = 0; i < d->nfirmware; i++)
		add(plan, d->firmware[i].base, d->firmware[i].size,
		    cp_xasprintf("firmware-memory range %d of the description",
				 i),
		    &loc, NULL);
}

/*
 * The firmware at the start of DRAM (riscv64: OpenSBI, which tells the
 * kernel with a /reserved-memory node it adds at boot, so no tree written
 * at build time has it). DRAM starts at the lowest memory the description
 * or the tree lists.
 */
static void arch_firmware(struct cp_plan *plan, const struct tree_walk *w)
{
	const struct cp_arch *a = plan->arch;
	uint64_t dram = w->dram;
	int has = w->has_dram;

	if (!a->firmware_size || plan->req.has_firmware)
		return;
	for (int i = 0; i < plan->nmemory; i++)
		if (!has || plan->memory[i].base < dram) {
			dram = plan->memory[i].base;
			has = 1;
		}
	if (has)
		add(plan, dram, a->firmware_size,
		    cp_xasprintf("the first 0x%llx bytes of DRAM, where %s "
				 "runs (%s's default; firmware-memory says "
				 "where yours is)",
				 (unsigned long long)a->firmware_size,
				 a->firmware_name, a->name),
		    CP_DESC_AT(plan, "/:memory"), NULL);
}

int cp_reserve_collect(struct cp_plan *plan)
{
	struct tree_walk w = { .plan = plan };

	from_description(plan);
	if (from_trees(plan, plan->tree, &w))
		return -1;
	arch_firmware(plan, &w);
	return 0;
}

/* Whether [base, base+size) meets r. */
static int touches(const struct cp_reserved *r, uint64_t base, uint64_t size)
{
	return cp_range_touches(r->base, r->size, base, size);
}

const struct cp_reserved *cp_reserve_hit(const struct cp_plan *plan,
					 uint64_t base, uint64_t size)
{
	for (int i = 0; i < plan->nreserved; i++)
		if (touches(&plan->reserved[i], base, size))
			return &plan->reserved[i];
	return NULL;
}

/* A tree's reservation of (part of) the tree's own segment. */
static int reserves_itself(const struct cp_segment *s,
			   const struct cp_reserved *r)
{
	return r->segment && !strcmp(s->name, r->segment) &&
	       r->base >= s->mem && r->base + r->size <= s->mem + s->memsz;
}

static int check_one(const struct cp_plan *plan, const struct cp_segment *s)
{
	int err = 0;

	for (int i = 0; i < plan->nreserved; i++) {
		const struct cp_reserved *r = &plan->reserved[i];

		if (!touches(r, s->mem, s->memsz) || reserves_itself(s, r))
			continue;
		cp_error(&s->loc, reserved_overlap,
			 "segment '%s' (0x%llx..0x%llx%s) overlaps memory the "
			 "firmware keeps: 0x%llx..0x%llx, %s; %s clear of it",
			 s->name, (unsigned long long)s->mem,
			 (unsigned long long)(s->mem + s->memsz - 1),
			 s == &plan->seg[0] || touches(r, s->mem, s->bufsz) ?
				 "" :
				 ": its zero tail",
			 (unsigned long long)r->base,
			 (unsigned long long)(r->base + r->size - 1), r->what,
			 s == &plan->seg[0] ?
				 "give codepage { load = <...>; }" :
				 "move the segment");
		cp_note(&r->loc, none, "the reservation is described here");
		err = -1;
	}
	return err;
}

int cp_reserve_check(const struct cp_plan *plan)
{
	int err = 0;

	for (int i = plan->seg[0].memsz ? 0 : 1; i < plan->nseg; i++)
		err |= check_one(plan, &plan->seg[i]);
	return err;
}

int cp_reserve_check_segment(const struct cp_plan *plan,
			     const struct cp_segment *s)
{
	return check_one(plan, s);
}

void cp_reserve_free(struct cp_plan *plan)
{
	for (int i = 0; i < plan->nreserved; i++) {
		free(plan->reserved[i].what);
		free(plan->reserved[i].told);
		free(plan->reserved[i].segment);
	}
	free(plan->reserved);
	plan->reserved = NULL;
	plan->nreserved = 0;
}
