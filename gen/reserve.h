/* SPDX-License-Identifier: MIT */
/*
 * reserve.h - memory the firmware keeps: no segment, kernel, codepage (its
 * work area included), zero tail or blob mover's resting spot may touch it.
 *
 * A plan's reservations come from
 *   - the description's reserved-memory ranges;
 *   - the device tree the destination gets (the segment a protocol or the
 *     description names in device-tree; when none is named, every segment
 *     that holds a tree, which a custom preamble may pass): its
 *     /memreserve/ entries, the reg of every enabled /reserved-memory
 *     child (no-map or not) and the page of each spin-table CPU's
 *     cpu-release-addr (fdtresv.h);
 *   - the firmware at the start of DRAM that no tree written at build time
 *     shows (the arch row's firmware_size: riscv64's OpenSBI), unless the
 *     description's firmware-memory says where the firmware is instead.
 * Placement (plan.c's cp_plan_obstacle, the blob's free table) steps
 * around them and cp_reserve_check() refuses a segment over one.
 */
#ifndef CP_RESERVE_H
#define CP_RESERVE_H

#include <stdint.h>

#include "request.h"
#include "diag.h"

struct cp_plan;
struct cp_segment;

struct cp_reserved {
	uint64_t base, size;
	char *what; /* "/reserved-memory/optee@3e000000 in segment 'fdt'" */
	struct cp_loc loc; /* where it is described */
	char *segment; /* the tree's segment it was read from, or NULL */
	char *told; /* the node fdtfix.c added to that tree for it, or NULL */
};

/*
 * Collect the plan's reservations from the description's (plan->req) and
 * from segment plan->tree (the device tree the destination gets, or NULL:
 * every segment holding one), read before its fixups so the memory it
 * lists is the board's. 0, or -1 (reported).
 */
int cp_reserve_collect(struct cp_plan *plan);

/* The first reservation [base, base+size) touches, or NULL. */
const struct cp_reserved *cp_reserve_hit(const struct cp_plan *plan,
					 uint64_t base, uint64_t size);

/*
 * Refuse every segment (the codepage once placed) over a reservation, with
 * [reserved-overlap] naming both ranges. A tree's reservation that lies
 * wholly inside the tree's own segment (a tree that reserves itself, as
 * U-Boot and kexec-tools write them) is no conflict. 0 or -1.
 */
int cp_reserve_check(const struct cp_plan *plan);
/* The same for one segment (the codepage, placed after the others). */
int cp_reserve_check_segment(const struct cp_plan *plan,
			     const struct cp_segment *s);

void cp_reserve_free(struct cp_plan *plan);

#endif
