// SPDX-License-Identifier: MIT
/*
 * backend.c - the arm (32-bit, ARMv7-A) row of the arch table and the plan
 * its fixed trampoline (trampoline.s) reads: the destination's entry and
 * r0..r12.
 */
#include "arch.h"
#include "arm.h"
#include "plan.h"
#include "planasm.h"
#include "util.h"

#include <elf.h>
#include <string.h>

/* The Arm ELF ABI's names (aaelf32) for the types glibc's <elf.h> spells
 * the older way. */
#define R_ARM_LDR_PC_G0 R_ARM_PC13
#define R_ARM_THM_CALL R_ARM_THM_PC22
#define R_ARM_THM_JUMP11 R_ARM_THM_PC11
#define R_ARM_THM_JUMP8 R_ARM_THM_PC9

#define NREGS 13

static const struct cp_reloc_type cp_arch_relocs[] = {
#include "relocs.def"
};

static int arm_protocol_data(struct cp_plan *plan)
{
	return strcmp(plan->protocol, "linux-arm-atags") ? 0 : arm_atags(plan);
}

static const struct cp_image_format *const arm_formats[] = {
	&arm_zimage,
	NULL,
};

static int arm_prepare(struct cp_plan *plan)
{
	(void)plan;
	return 0;
}

static void arm_emit_plan(const struct cp_plan *plan, struct cp_strbuf *o)
{
	cp_planasm_begin(o, "arch/arm/trampoline.s", 4);
	cp_sb_printf(o,
		     "\tfield PLAN_MAGIC, .long, PLAN_MAGIC_VALUE\n"
		     "\tfield PLAN_FLAGS, .long, %s\n",
		     plan->verify ? "PLAN_VERIFY" : "0");
	cp_planasm_field(o, "PLAN_ENTRY", ".long", plan->entry);
	cp_planasm_seg_fields(o, plan, ".long");
	cp_planasm_registers(o, plan, NREGS, "4", ".long");
	cp_planasm_uart(o, plan, ".long", ".long", plan->uart.addr);
	cp_planasm_fixed_end(o);
	cp_planasm_segs(o, plan, ".long", NULL);
	cp_planasm_end(o);
}

static void arm_describe(const struct cp_plan *plan, struct cp_strbuf *o)
{
	(void)plan;
	cp_sb_printf(o, "handover: ARM state, in the mode the codepage was "
			"entered in (SVC or HYP), MMU and caches off, IRQ, FIQ "
			"and asynchronous aborts masked\n");
}

static const char *const arm_registers[] = {
	"r0", "r1", "r2", "r3",	 "r4",	"r5",  "r6",
	"r7", "r8", "r9", "r10", "r11", "r12", NULL,
};

const struct cp_arch cp_arch_arm = {
	.name = "arm",
	.aliases = (const char *const[]){ "arm32", "armv7", "armhf", NULL },
	.uboot_arches = (const char *const[]){ "arm", NULL },
	.summary = "ARMv7-A, 32-bit, entered in SVC or HYP mode, MMU on or off",
	.elf = { .machine = EM_ARM, .cls = ELFCLASS32, .data = ELFDATA2LSB },
	.cross_prefixes = (const char *const[]){ "arm-linux-gnueabihf-",
						 "arm-linux-gnueabi-",
						 "arm-none-eabi-", NULL },
	.binutils_package = "binutils-arm-linux-gnueabihf",
	.as_flags = (const char *const[]){ "-EL", "-march=armv7-a", NULL },
	.ld_emulation = "armelf_linux_eabi",
	.srcdir = "arch/arm",
	.ldscript = "codepage.ld",
	.sources = (const char *const[]){ "trampoline.s", NULL },
	.preamble = "preamble.s",
	.image_formats = arm_formats,
	.shared_templates = (const char *const[]){ "none", NULL },
	CP_ROW_RELOCS,
	.abs_allowed = (const char *const[]){ NULL },
	.registers = arm_registers,
	.register_summary = "r0 .. r12 (lr carries the plan, the entry goes "
			    "to pc)",
	.reg_bytes = 4,
	.page_size = 4096,
	.default_page_size = 4096,
	/* the codepage runs with the MMU off: 32-bit physical addresses */
	.addr_limit = 1ULL << 32,
	.kexec_limit = 0,
	.max_segments = 16,
	.codepage_align = 4096,
	.uarts = 1u << CP_UART_NS16550 | 1u << CP_UART_PL011,
	.prepare = arm_prepare,
	.protocol_data = arm_protocol_data,
	.emit_plan = arm_emit_plan,
	.describe = arm_describe,
};
