// SPDX-License-Identifier: MIT
/*
 * kexec-kept.c - the segments against the memory the running kernel says
 * someone keeps (kexec-loader.h):
 *   - /sys/firmware/fdt, the tree it was booted with: /memreserve/
 *     entries, /reserved-memory children, spin-table release pages;
 *   - on a machine booted through UEFI, /proc/iomem's "reserved"
 *     resources inside System RAM: arm64 lists there every range memblock
 *     had reserved at boot, among them what UEFI keeps that no tree shows
 *     (ACPI tables, the GIC's LPI tables it reserves for the next kernel).
 *     Without UEFI the same list holds only the tree's reservations (read
 *     above) and the old kernel's own boot allocations (its page tables,
 *     per-CPU areas, the tree and initrd it was handed: eleven ranges for
 *     Debian's arm64 kernel in QEMU, 80 MiB at the top of memory), which
 *     the handoff replaces: refusing them would refuse every layout.
 * Not counted: what the running kernel itself occupies (its "Kernel ..."
 * resources and what lies between them) and the initrd it was booted with
 * (/chosen): the handoff replaces both, as every kexec does.
 */
#include "kexec-loader.h"
#include "diag.h"
#include "fdtresv.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define KEPT_MAX 256

struct region {
	uint64_t base, size;
	char name[160];
};

struct kept {
	struct region kept[KEPT_MAX], spared[2]; /* spared: kernel, initrd */
	int nkept, nspared;
	long page;
};

static void keep(struct kept *k, uint64_t base, uint64_t size, const char *fmt,
		 const char *name, const char *kind)
{
	struct region *r;

	if (!size || k->nkept == KEPT_MAX)
		return;
	r = &k->kept[k->nkept++];
	r->base = base;
	r->size = size;
	snprintf(r->name, sizeof(r->name), fmt, name, kind);
}

static void spare(struct kept *k, uint64_t base, uint64_t size)
{
	if (size && k->nspared < 2)
		k->spared[k->nspared++] =
			(struct region){ .base = base, .size = size };
}

static int from_tree(const struct cp_fdt_region *r, void *ctx)
{
	struct kept *k = ctx;
	uint64_t page = (uint64_t)k->page;

	switch (r->kind) {
	case CP_FDT_MEMORY: break;
	case CP_FDT_INITRD:
		spare(k, cp_align_down(r->base, page),
		      cp_align_up(r->base + r->size, page) -
			      cp_align_down(r->base, page));
		break;
	case CP_FDT_RELEASE_ADDR:
		keep(k, cp_align_down(r->base, page), page,
		     "%s (%s, /sys/firmware/fdt)", r->name,
		     cp_fdt_kind_name(r->kind));
		break;
	default:
		keep(k, r->base, r->size, "%s (%s, /sys/firmware/fdt)", r->name,
		     cp_fdt_kind_name(r->kind));
	}
	return 0;
}

static void read_tree(const struct kexec_env *e, struct kept *k)
{
	const char *why;

	if (e->fdt &&
	    cp_fdt_regions(e->fdt, e->fdt_len, from_tree, k, &why) < 0)
		cp_warn(&(struct cp_loc){ .file = "/sys/firmware/fdt" },
			bad_dtb,
			"cannot read the reservations of the tree the kernel "
			"was booted with: %s",
			why);
}

/* Whether iomem entry i lies inside a System RAM resource. */
static int in_system_ram(const struct cp_iomem *io, int i)
{
	for (int p = io->e[i].parent; p >= 0; p = io->e[p].parent)
		if (cp_iomem_is(io, p, "System RAM"))
			return 1;
	return 0;
}

static void read_iomem(const struct kexec_env *e, struct kept *k)
{
	const struct cp_iomem *io = &e->io;
	uint64_t lo = UINT64_MAX, hi = 0;
	int uefi = kexec_exists(e, "/sys/firmware/efi");

	for (int i = 0; i < io->n; i++) {
		const struct cp_iomem_entry *x = &io->e[i];

		if (cp_iomem_is(io, i, "Kernel")) {
			lo = x->start < lo ? x->start : lo;
			hi = x->end > hi ? x->end : hi;
		} else if (uefi && cp_iomem_is(io, i, "reserved") &&
			   in_system_ram(io, i)) {
			keep(k, x->start, x->end - x->start + 1,
			     "'%s' inside System RAM (%s)", x->name,
			     "/proc/iomem");
		}
	}
	if (lo <= hi)
		spare(k, lo, hi - lo + 1);
}

/*
 * Whether the part of r that [base, base+size) meets lies, all of it, in
 * what the handoff replaces anyway (the running kernel, its initrd).
 */
static int spared(const struct kept *k, const struct region *r, uint64_t base,
		  uint64_t size)
{
	uint64_t at = base > r->base ? base : r->base;
	uint64_t end = base + size < r->base + r->size ? base + size :
							 r->base + r->size;
	int moved = 1;

	while (at < end && moved) {
		moved = 0;
		for (int i = 0; i < k->nspared; i++) {
			const struct region *s = &k->spared[i];

			if (at >= s->base && at - s->base < s->size) {
				at = s->base + s->size;
				moved = 1;
			}
		}
	}
	return at >= end;
}

int kexec_check_kept(const struct kexec_env *e, const struct cp_segtxt *t,
		     const char *outdir)
{
	struct kept *k = cp_xcalloc(1, sizeof(*k));
	struct cp_loc loc = { .file = outdir };
	int bad = 0;

	k->page = e->page;
	read_tree(e, k);
	read_iomem(e, k);
	for (int s = 0; s < t->nseg; s++)
		for (int i = 0; i < k->nkept; i++) {
			const struct region *r = &k->kept[i];

			if (!cp_range_touches(r->base, r->size, t->seg[s].mem,
					      t->seg[s].memsz) ||
			    spared(k, r, t->seg[s].mem, t->seg[s].memsz))
				continue;
			cp_diag(e->force ? CP_WARNING : CP_ERROR, &loc,
				CP_ID_reserved_overlap,
				"segment %d (0x%llx..0x%llx, %s) overlaps "
				"memory "
				"this kernel says is kept: 0x%llx..0x%llx, %s; "
				"describe it to mkcodepage (reserved-memory) "
				"and "
				"rebuild%s",
				s, (unsigned long long)t->seg[s].mem,
				(unsigned long long)(t->seg[s].mem +
						     t->seg[s].memsz - 1),
				cp_basename(t->seg[s].file),
				(unsigned long long)r->base,
				(unsigned long long)(r->base + r->size - 1),
				r->name,
				e->force ? "" :
					   ", or load with --force if you "
					   "know it is free");
			bad = 1;
		}
	free(k);
	return bad && !e->force;
}
