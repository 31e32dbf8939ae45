// SPDX-License-Identifier: MIT
/*
 * qemu.c - how codepage-qemu boots an arm (32-bit) codepage: the machine,
 * its RAM, what its firmware keeps, and the parameters of the stand-in old
 * kernel (qemu-oldkernel.s).
 */
#include "codepage-qemu.h"

/* QEMU's virt puts a device tree for firmware in the first MiB of RAM. */
static void arm_reserve(const struct boot *b, struct used *firmware,
			struct used *scratch)
{
	(void)firmware;
	cq_use(scratch, b->row->ram_base, 1ULL << 20);
}

static const char *arm_machine(const struct boot *b)
{
	return cq_state(b, "cpu-mode") == 1 ? "virt,virtualization=on" : "virt";
}

const struct qemu_row cp_qemu_arm = {
	.arch = "arm",
	.qemu = "qemu-system-arm",
	.package = "qemu-system-arm",
	.oldkernel = "qemu-oldkernel.s",
	.cpu = "cortex-a15",
	.list_word = 4,
	.list_le = 1,
	.start_by_loader = 1,
	.ram_base = 0x40000000,
	.ram_align = 2ULL << 20,
	/* its stand-in and the codepage run with 32-bit addresses */
	.helper_limit = 1ULL << 32,
	.reserve = arm_reserve,
	.machine = arm_machine,
	.params = cq_params64,
	.options = "--list-outside, --reset, --uboot",
	.state_opts =
		(const struct qemu_state_opt[]){
			{ "cpu-mode",
			  (const char *const[]){ "svc", "hyp", NULL }, 0,
			  "the mode (hyp: QEMU's virtualization=on)" },
			{ "mmu", (const char *const[]){ "off", "on", NULL }, 0,
			  "Linux's state, or a bootloader's identity map" },
			{ 0 },
		},
	.standin_state = "mmu",
	.uboot = "/usr/lib/u-boot/qemu_arm/u-boot.bin",
	/* bootz, not go: Debian's U-Boot 2023.01 hangs in go before it
	 * reaches any program (a four-instruction one that writes to the
	 * PL011 never runs; arch/arm64/qemu.c says why). The blob is a
	 * zImage, which bootz enters with the MMU and caches off, in the
	 * mode U-Boot runs in (HYP on virtualization=on: Debian's qemu_arm
	 * switches no mode). */
	.uboot_command = "bootz 0x%llx - ${fdtcontroladdr}",
};
