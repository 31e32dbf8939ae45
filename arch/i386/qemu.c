// SPDX-License-Identifier: MIT
/*
 * qemu.c - how codepage-qemu boots an i386 codepage: x86_64's machines
 * (q35, or pc) and SeaBIOS on qemu-system-i386 with the qemu32 CPU, which
 * has no long mode (--cpu 486: no CPUID, no SSE either), the stand-in old
 * kernel (qemu-oldkernel.s) loaded as a Multiboot image, RAM from 0.
 */
#include "codepage-qemu.h"
#include "../x86_64/qemu-x86.h"

const struct qemu_row cp_qemu_i386 = {
	.arch = "i386",
	.qemu = "qemu-system-i386",
	.package = "qemu-system-x86",
	.oldkernel = "qemu-oldkernel.s",
	.cpu = "qemu32",
	.list_word = 4,
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
			{ "machine", x86_machines, 0, "QEMU's machine" },
			{ 0 },
		},
	/* VGA text mode, as SeaBIOS's VGA BIOS leaves the card */
	.text_screen = 0xb8000,
	.screen_device = "VGA",
	/* the 32-bit build's go: protected mode, paging off */
	.uboot = "/usr/lib/u-boot/qemu-x86/u-boot.rom",
	.uboot_command = "go 0x%llx",
};
