// SPDX-License-Identifier: MIT
/*
 * qemu.c - how codepage-qemu boots a riscv64 codepage: the machine, its RAM,
 * what its firmware keeps, and the parameters of the stand-in old kernel
 * (qemu-oldkernel.s).
 */
#include "codepage-qemu.h"

static const char *riscv_machine(const struct boot *b)
{
	(void)b;
	return "virt";
}

/*
 * OpenSBI keeps the first 2 MiB of RAM (Linux starts above it too); QEMU
 * puts its device tree 2 MiB-aligned just below the end of RAM or 3 GiB,
 * whichever is lower (hw/riscv/boot.c), up to 2 MiB.
 */
static void riscv_reserve(const struct boot *b, struct used *firmware,
			  struct used *scratch)
{
	uint64_t top = b->ram < 0xc0000000 ? b->ram : 0xc0000000;

	cq_use(firmware, b->row->ram_base, 2ULL << 20);
	cq_use(scratch, top - (2ULL << 20), 2ULL << 20);
}

const struct qemu_row cp_qemu_riscv64 = {
	.arch = "riscv64",
	.qemu = "qemu-system-riscv64",
	.package = "qemu-system-misc",
	.oldkernel = "qemu-oldkernel.s",
	.list_word = 8,
	.list_le = 1,
	.ram_base = 0x80000000,
	.ram_align = 2ULL << 20,
	.helper_limit = UINT64_MAX,
	.reserve = riscv_reserve,
	.ram_extra = 2ULL << 20, /* its device tree lands above memory */
	.bios = "default",
	.machine = riscv_machine,
	.params = cq_params64,
	.options = "--list-outside, --reset, --uboot",
	.state_opts =
		(const struct qemu_state_opt[]){
			{ "mmu", (const char *const[]){ "off", "on", NULL }, 0,
			  "Linux's state, or a bootloader's identity map" },
			{ "hart", NULL, 7,
			  "enter from hart N (needs --smp > N)" },
			{ 0 },
		},
	.standin_state = "mmu",
	/* booti: U-Boot passes the hart id in a0 (its go passes argc) */
	.uboot = "/usr/lib/u-boot/qemu-riscv64_smode/uboot.elf",
	.uboot_command = "booti 0x%llx - ${fdtcontroladdr}",
};
