/* SPDX-License-Identifier: MIT */
/*
 * link.h - assemble and link a codepage with the target's GNU binutils.
 *
 * The toolchain is found from the arch's list of cross prefixes (Debian's
 * binutils-<triplet> packages) unless the user names a prefix. Sources are
 * assembled with the arch's fixed flags and the arch directory on the
 * include path (so custom preambles can .include "plan.inc"); the link uses
 * the arch's linker script (arch/<arch>/codepage.ld, which INCLUDEs the
 * shared ldscripts/codepage-base.ld) with --emit-relocs and --orphan-handling=error.
 */
#ifndef CP_LINK_H
#define CP_LINK_H

#include <stdint.h>

#include "arch.h"
#include "util.h"

struct cp_toolchain {
	char *as, *ld;
};

/* Find as and ld; prefix may be NULL (automatic). 0 or -1 (reported). */
int cp_toolchain_find(const struct cp_arch *arch, const char *prefix,
		      struct cp_toolchain *tc);
void cp_toolchain_free(struct cp_toolchain *tc);

/*
 * Assemble src into obj. 0 or -1 (the assembler's messages pass through).
 * When deps is given, the files src .includes are added to it.
 */
int cp_assemble(const struct cp_toolchain *tc, const struct cp_arch *arch,
		const char *datadir, const char *src, const char *obj,
		struct cp_strlist *deps);

/* Link objs into out at base. 0 or -1. */
int cp_link(const struct cp_toolchain *tc, const struct cp_arch *arch,
	    const char *datadir, const struct cp_strlist *objs, uint64_t base,
	    const char *out);

/* Add the linker scripts a link reads (the arch's and the shared base). */
void cp_link_deps(const struct cp_arch *arch, const char *datadir,
		  struct cp_strlist *deps);

#endif
