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
	const char *state; /* --state NAME, checked against the row */
	const char *machine; /* --machine NAME, likewise */
	const char *screen; /* --expect-screen TEXT */
};

/* The help text, to f. */
void cq_usage(FILE *f);

/*
 * Read argv into o and b; the hostile options (--el, --mmu, ...) go to
 * hostile for the row to check. 0, 1 after --help, or -1 (reported).
 */
int cq_parse_options(int argc, char **argv, struct options *o,
		     struct boot *b, struct cp_strlist *hostile);

#endif
