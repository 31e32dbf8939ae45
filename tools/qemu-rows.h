/* SPDX-License-Identifier: MIT */
/*
 * qemu-rows.h - choosing codepage-qemu's recipe for an OUTDIR, and the
 * options of the recipe's own (qemu-rows.c; the table itself and cq_state
 * are in codepage-qemu.h, for the recipes).
 */
#ifndef QEMU_ROWS_H
#define QEMU_ROWS_H

#include "codepage-qemu.h"
#include "qemu-options.h"

/*
 * b->row and b->arch for OUTDIR's arch (b->lay.j.arch), and every option
 * of hostile (those only some arches take) one the row takes. 0 or -1
 * (reported).
 */
int cq_choose_row(struct boot *b, const struct cp_strlist *hostile);

/*
 * The row's own options into b->h.state: each its default, then as given
 * in o->state_args; a --hart the CPUs (--smp) have. 0 or -1 (reported).
 */
int cq_choose_states(struct boot *b, const struct options *o);

#endif
