/* SPDX-License-Identifier: MIT */
/*
 * park.h - a page of the plan where the codepage parks the CPUs it does
 * not run on.
 *
 * The old kernel hands off from one CPU. On e500 Linux leaves the others
 * in a loop of its own, in memory a destination may overwrite, and resets
 * them to the boot program, which cannot bring every core back: QEMU's
 * spin table never starts core 0 again, and its tree gives core 0 no
 * cpu-release-addr. With the kernel patch (list mode) they enter
 * the codepage instead, which moves them to this page, "cpu-park":
 * mkcodepage places it as a segment, reserves it in the destination's
 * tree (/memreserve/, which Linux keeps in its linear map) and lists every
 * CPU of the tree (a /cpus child with device_type "cpu") with a spin-table
 * entry there: CPUs without a cpu-release-addr get theirs now (and
 * enable-method "spin-table"), the others are pointed at it by the
 * codepage once they have come (doc/design.md, "SMP").
 */
#ifndef CP_PARK_H
#define CP_PARK_H

#include "plan.h"

#define CP_PARK_ENTRY 64 /* bytes between two entries: an e500mc cache line */
#define CP_PARK_CODE 2048 /* where the codepage copies its park code */
#define CP_PARK_NAME "cpu-park"

/*
 * Add the park page, the highest free page the old kernel can load, when
 * the arch parks CPUs and the destination's tree lists two or more. 0, or
 * -1 when reported.
 */
int cp_park_place(struct cp_plan *plan);

/* Whether segment NAME is the tree the park page is told to. */
int cp_park_tree(const struct cp_plan *plan, const char *name);

/* In FDT (open, with room): the /memreserve/ and each CPU's properties.
 * 0 or a libfdt error. */
int cp_park_fix_tree(const struct cp_plan *plan, void *fdt);

/* Once segment S holds the final tree: each CPU's id, its entry and where
 * the tree keeps its cpu-release-addr. 0, or -1 when reported at LOC. */
int cp_park_note_cpus(struct cp_plan *plan, const struct cp_segment *s,
		      const struct cp_loc *loc);

#endif
