/* SPDX-License-Identifier: MIT */
/*
 * qemu-options.h - codepage-qemu's command line (qemu-options.c): the
 * options that are its own, and those that set up the boot (struct boot)
 * or ask for a hostile entry state the arch's recipe checks.
 */
#ifndef QEMU_OPTIONS_H
#define QEMU_OPTIONS_H

#include <stdio.h>

#include "codepage-qemu.h"

struct options {
	const char *expect, *cpu, *prefix, *outdir;
	int timeout, verbose, count;
	int smp; /* --smp N: more CPUs, the others idle in firmware */
	struct cp_strlist machine_opts; /* --machine-opt KEY=VALUE */
	/* --NAME VALUE of the rows' own options (struct qemu_state_opt), as
	 * "NAME=VALUE": checked against OUTDIR's row once it is read */
	struct cp_strlist state_args;
	const char *screen; /* --expect-screen TEXT */
};

/* The help text, to f. */
void cq_usage(FILE *f);

/*
 * Read argv into o and b; the options only some arches take go to hostile
 * (--reset, --uboot, ...) or o->state_args (each row's own) for the row to
 * check. 0, 1 after --help, or -1 (reported).
 */
int cq_parse_options(int argc, char **argv, struct options *o, struct boot *b,
		     struct cp_strlist *hostile);

#endif
