// SPDX-License-Identifier: MIT
/* arch.c - lookups in the backend table (see arch.h). */
#include "arch.h"
#include "diag.h"

#include <elf.h>
#include <stdio.h>
#include <string.h>

/* One row per line of arch/list (arches.h is generated from it). */
#define CP_ARCH(sym) extern const struct cp_arch cp_arch_##sym;
#include "arches.h"
#undef CP_ARCH

const struct cp_arch *const cp_arches[] = {
#define CP_ARCH(sym) &cp_arch_##sym,
#include "arches.h"
#undef CP_ARCH
	NULL,
};

const struct cp_arch *cp_arch_find(const char *name)
{
	for (int i = 0; cp_arches[i]; i++) {
		const struct cp_arch *a = cp_arches[i];

		if (!strcmp(a->name, name))
			return a;
		for (int j = 0; a->aliases && a->aliases[j]; j++)
			if (!strcmp(a->aliases[j], name))
				return a;
	}
	return NULL;
}

const struct cp_arch *cp_arch_by_elf(unsigned machine, unsigned char cls,
				     unsigned char data)
{
	for (int i = 0; cp_arches[i]; i++) {
		const struct cp_arch *a = cp_arches[i];

		if (a->elf.machine == machine && a->elf.cls == cls &&
		    a->elf.data == data)
			return a;
	}
	return NULL;
}

const struct cp_reloc_type *cp_arch_reloc(const struct cp_arch *arch,
					  unsigned type)
{
	for (size_t i = 0; i < arch->nrelocs; i++)
		if (arch->relocs[i].type == type)
			return &arch->relocs[i];
	return NULL;
}

int cp_arch_register(const struct cp_arch *arch, const char *name)
{
	for (int i = 0; arch->registers[i]; i++)
		if (!strcmp(arch->registers[i], name))
			return i;
	return -1;
}

static const char *machine_name(unsigned machine)
{
	switch (machine) {
	case EM_PPC: return "PowerPC";
	case EM_PPC64: return "PowerPC64";
	case EM_AARCH64: return "AArch64";
	case EM_RISCV: return "RISC-V";
	case EM_X86_64: return "x86-64";
	case EM_386: return "i386";
	case EM_ARM: return "ARM";
	default: return NULL;
	}
}

const char *cp_elf_identity(unsigned machine, unsigned char cls,
			    unsigned char data, char *buf, size_t len)
{
	const char *m = machine_name(machine);
	char num[32];

	if (!m) {
		snprintf(num, sizeof(num), "e_machine %u", machine);
		m = num;
	}
	snprintf(buf, len, "%s %s %s", m,
		 cls == ELFCLASS64 ? "64-bit" :
		 cls == ELFCLASS32 ? "32-bit" :
				     "?-bit",
		 data == ELFDATA2MSB ? "big-endian" :
		 data == ELFDATA2LSB ? "little-endian" :
				       "?-endian");
	return buf;
}

int cp_arch_check_identity(const struct cp_arch *a, unsigned machine,
			   unsigned char cls, unsigned char data,
			   const struct cp_loc *loc, const char *what)
{
	char have[64], want[64];

	if (machine == a->elf.machine && cls == a->elf.cls &&
	    data == a->elf.data)
		return 0;
	cp_error(loc, wrong_arch, "%s is %s, but arch %s wants %s", what,
		 cp_elf_identity(machine, cls, data, have, sizeof(have)),
		 a->name,
		 cp_elf_identity(a->elf.machine, a->elf.cls, a->elf.data, want,
				 sizeof(want)));
	return -1;
}
