// SPDX-License-Identifier: MIT
/*
 * qemu.c - how codepage-qemu boots an arm64 codepage: the machine, its RAM,
 * what its firmware keeps, and the parameters of the stand-in old kernel
 * (qemu-oldkernel.s).
 */
#include "codepage-qemu.h"

/* QEMU's virt puts a device tree for firmware in the first MiB of RAM. */
static void arm64_reserve(const struct boot *b, struct used *firmware,
			  struct used *scratch)
{
	(void)firmware;
	cq_use(scratch, b->row->ram_base, 1ULL << 20);
}

static const char *arm64_machine(const struct boot *b)
{
	return cq_state(b, "el") == 1 ? "virt,virtualization=on" : "virt";
}

const struct qemu_row cp_qemu_arm64 = {
	.arch = "arm64",
	.qemu = "qemu-system-aarch64",
	.package = "qemu-system-arm",
	.oldkernel = "qemu-oldkernel.s",
	.cpu = "cortex-a57",
	.list_word = 8,
	.list_le = 1,
	.start_by_loader = 1,
	.ram_base = 0x40000000,
	.ram_align = 2ULL << 20,
	.helper_limit = UINT64_MAX,
	.reserve = arm64_reserve,
	.machine = arm64_machine,
	.params = cq_params64,
	.options = "--list-outside, --reset, --uboot",
	.state_opts =
		(const struct qemu_state_opt[]){
			{ "el", (const char *const[]){ "1", "2", NULL }, 0,
			  "the exception level (2: QEMU's virtualization=on)" },
			{ "mmu", (const char *const[]){ "off", "on", NULL }, 0,
			  "Linux's state, or a bootloader's identity map" },
			{ 0 },
		},
	.standin_state = "mmu",
	.uboot = "/usr/lib/u-boot/qemu_arm64/u-boot.bin",
	/* booti, not go: Debian's U-Boot 2023.01 hangs in go itself (its
	 * serial flush waits for the PL011 FIFO to fill: pl01x_serial_pending
	 * says output is pending whenever it is not full). The blob is an
	 * Image, which booti enters with the MMU and caches off. */
	.uboot_command = "booti 0x%llx - ${fdtcontroladdr}",
};
