// SPDX-License-Identifier: MIT
/*
 * qemu.c - how codepage-qemu boots an x86_64 codepage: QEMU's q35
 * machine (or, with --machine pc, the i440FX one) under SeaBIOS, the
 * stand-in old kernel (qemu-oldkernel.s) loaded as a Multiboot image, RAM
 * from 0.
 */
#include "codepage-qemu.h"

static const char *x86_machine(const struct boot *b)
{
	(void)b;
	return "q35";
}

/*
 * SeaBIOS keeps the first MiB (real-mode vectors, its data, option
 * ROMs, the Multiboot information QEMU writes at 0x9000) and allocates
 * from the top of RAM below 4 GiB (its high zone, ACPI tables).
 */
static void x86_reserve(const struct boot *b, struct used *firmware,
			struct used *scratch)
{
	uint64_t top = b->ram < 0xc0000000 ? b->ram : 0xc0000000;

	(void)scratch;
	cq_use(firmware, 0, 1ULL << 20);
	cq_use(firmware, top - (2ULL << 20), 2ULL << 20);
}

const struct qemu_row cp_qemu_x86_64 = {
	.arch = "x86_64",
	.qemu = "qemu-system-x86_64",
	.package = "qemu-system-x86",
	.oldkernel = "qemu-oldkernel.s",
	.list_word = 8,
	.list_le = 1,
	.ram_base = 0,
	.ram_align = 2ULL << 20,
	.helper_limit = 0xc0000000, /* Multiboot: the stand-in below 4 GiB */
	.reserve = x86_reserve,
	.ram_extra = 2ULL << 20, /* SeaBIOS's high zone above memory */
	.machine = x86_machine,
	.params = cq_params64,
	.options = "--state, --machine, --list-outside",
	.states = (const char *const[]){ "long", "protected", NULL },
	/* pc: i440FX and PIIX, the other machine firmware and loaders meet */
	.machines = (const char *const[]){ "q35", "pc", NULL },
};
