// SPDX-License-Identifier: MIT
/*
 * qemu.c - how codepage-qemu boots an x86_64 codepage: QEMU's q35
 * machine (or, with --machine pc, the i440FX one) under SeaBIOS, the
 * stand-in old kernel (qemu-oldkernel.s) loaded as a Multiboot image, RAM
 * from 0. The machines and their RAM are i386's too (qemu-x86.h).
 */
#include "codepage-qemu.h"
#include "qemu-x86.h"

#include <string.h>

/* --machine's values; pc: i440FX and PIIX, the other machine firmware and
 * loaders meet */
const char *const x86_machines[] = { "q35", "pc", NULL };

const char *x86_machine(const struct boot *b)
{
	return x86_machines[cq_state(b, "machine")];
}

/*
 * RAM as QEMU 7.2 lays out -m bytes: from 0 up to the PCI hole, the rest
 * from 4 GiB. q35 keeps 2 GiB below the hole once -m reaches 2.75 GiB, pc
 * 3 GiB once it reaches 3.5 GiB (hw/i386/pc_q35.c, pc_piix.c). SeaBIOS
 * keeps the first MiB (real-mode vectors, its data, option ROMs, the
 * Multiboot information QEMU writes at 0x9000) and allocates from the top
 * of the low RAM (its high zone, ACPI tables); the hole has no RAM. Below
 * 640 KiB, only the real-mode vectors and the EBDA stay SeaBIOS's once the
 * stand-in runs: a segment may go between them (Linux's boot_params and
 * real-mode trampoline do), staged by the stand-in.
 *
 * While it starts (POST), SeaBIOS 1.16 takes the top 16 MiB of the low RAM
 * as its high zone, and allocates temporary memory under that from the
 * top down (its init code is relocated there: 132 KiB under the zone with
 * -nodefaults); it gives back all but the tables it keeps when it is
 * done. QEMU's loaders write their data at reset, before POST: the list
 * and its source pages put there were found overwritten by SeaBIOS's
 * code, which made every list of 16 MiB or more fail its check. That RAM
 * is scratch: a segment may go there (staged), the stand-in's helpers not.
 */
#define SEABIOS_HIGH_ZONE (16ULL << 20)
#define SEABIOS_TMP_HIGH (1ULL << 20) /* room for its temporary allocations */
#define SEABIOS_KEPT (2ULL << 20) /* the tables it keeps at the top, and more */

void x86_reserve(const struct boot *b, struct used *firmware,
		 struct used *scratch)
{
	uint64_t size = b->ram - b->row->ram_base, low = size;
	int pc = !strcmp(x86_machine(b), "pc");

	if (!pc && size >= 0xb0000000)
		low = 0x80000000;
	else if (pc && size >= 0xe0000000)
		low = 0xc0000000;
	if (low > 0xc0000000)
		low = 0xc0000000;
	cq_use(firmware, 0, 0x1000);
	cq_use(scratch, 0x1000, 0x9f000 - 0x1000);
	cq_use(firmware, 0x9f000, 0x100000 - 0x9f000);
	cq_use(scratch, low - SEABIOS_HIGH_ZONE - SEABIOS_TMP_HIGH,
	       SEABIOS_HIGH_ZONE + SEABIOS_TMP_HIGH - SEABIOS_KEPT);
	cq_use(firmware, low - SEABIOS_KEPT, SEABIOS_KEPT);
	if (low < 1ULL << 32)
		cq_use(firmware, low, (1ULL << 32) - low);
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
	.options = "--list-outside, --expect-screen, --uboot",
	.state_opts =
		(const struct qemu_state_opt[]){
			{ "state",
			  (const char *const[]){ "long", "protected", NULL }, 0,
			  "the mode the codepage is entered in" },
			{ "machine", x86_machines, 0, "QEMU's machine" },
			{ 0 },
		},
	.standin_state = "state",
	/* VGA text mode, as SeaBIOS's VGA BIOS leaves the card */
	.text_screen = 0xb8000,
	.screen_device = "VGA",
	/* go enters the blob in 64-bit mode from the x86_64 build, in 32-bit
	 * protected mode (paging off) from the 32-bit one */
	.uboot_by_state =
		(const char *const[]){ "/usr/lib/u-boot/qemu-x86_64/u-boot.rom",
				       "/usr/lib/u-boot/qemu-x86/u-boot.rom",
				       NULL },
	.uboot_command = "go 0x%llx",
};
