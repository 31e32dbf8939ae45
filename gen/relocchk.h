/* SPDX-License-Identifier: MIT */
/*
 * relocchk.h - prove that an ELF file holds no absolute relocation.
 *
 * Every relocation section whose target is loaded (and every loaded
 * relocation section, i.e. dynamic ones) is read with libelf; each entry's
 * type is looked up in the arch's relocation table:
 *   pc-relative, none  -> fine
 *   absolute           -> error [abs-reloc], unless its symbol is on the
 *                         arch's audited allow-list
 *   not in the table   -> error [unknown-reloc]
 * Each error names the place (symbol+offset), the section, the type and the
 * symbol the relocation is against. Works on objects (ET_REL) and on
 * executables linked with --emit-relocs; an executable without relocation
 * sections cannot be proven and is an error [no-relocs].
 */
#ifndef CP_RELOCCHK_H
#define CP_RELOCCHK_H

#include "arch.h"

struct cp_relocchk_result {
	const struct cp_arch *arch; /* the backend the file belongs to */
	long checked; /* relocations looked at */
	long bad; /* absolute or unknown ones */
};

/*
 * Check path (reported as display, e.g. just "codepage.elf"). arch may be
 * NULL: the file's ELF header chooses it. Returns 0 when the file was read
 * (look at res->bad), -1 when it could not be (reported).
 */
int cp_relocchk(const char *path, const char *display,
		const struct cp_arch *arch, struct cp_relocchk_result *res);

#endif
