/* SPDX-License-Identifier: MIT */
/*
 * fdtfix.h - device-tree fixups of a segment, from the description, so a
 * real kernel finds what the codepage put in memory:
 *
 *   segments { fdt { file = "board.dtb"; load = <...>;
 *       bootargs = "console=ttyAMA0";  -> /chosen/bootargs
 *       initrd = "initrd";             -> /chosen/linux,initrd-start, -end
 *       memory-node;                   -> /memory from memory = <...>
 *   }; };
 *
 * The fixed-up tree replaces the segment's bytes (and so is what lands in
 * OUTDIR). Errors name the node and pass libfdt's reason on.
 */
#ifndef CP_FDTFIX_H
#define CP_FDTFIX_H

#include "plan.h"

/* Apply the fixups the description asks of every segment (plan->req);
 * 0 or -1 (reported). */
int cp_fdtfix_apply(struct cp_plan *plan);

/*
 * The segment NAME, which BY (a protocol, a description) passes to the
 * destination as its device tree, must hold one whole (cp_fdt_sane): a
 * kernel handed anything else fails long after the handoff, with no
 * console yet. LOC is where BY names it. 0 or -1 (reported).
 */
int cp_fdtfix_check_tree(const struct cp_plan *plan, const char *name,
			 const char *by, const struct cp_loc *loc);

#endif
