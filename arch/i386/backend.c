// SPDX-License-Identifier: MIT
/*
 * backend.c - the i386 row of the arch table and the plan its fixed
 * trampoline (trampoline.s) reads: the destination's entry and registers,
 * all entered in 32-bit protected mode with paging off. The codepage
 * needs no map (paging stays off) and one page of work area past its
 * code, its stack and state. Its kernel formats and protocol data
 * (linux-x86 at the 32-bit entry, Multiboot) are x86_64's (x86.h).
 */
#include "arch.h"
#include "plan.h"
#include "planasm.h"
#include "util.h"
#include "../x86_64/x86.h"

#include <elf.h>

#define NREGS 8 /* eax .. esp in the plan */

static const struct cp_reloc_type cp_arch_relocs[] = {
#include "relocs.def"
};

static int i386_prepare(struct cp_plan *plan)
{
	plan->codepage_reserve = 4096; /* the work area (trampoline.s) */
	return 0;
}

static void i386_emit_plan(const struct cp_plan *plan, struct cp_strbuf *o)
{
	cp_planasm_head(o, plan, "arch/i386/trampoline.s", 4, ".long", NULL);
	cp_planasm_field(o, "PLAN_ENTRY", ".long", plan->entry);
	cp_planasm_seg_fields(o, plan, ".long");
	cp_planasm_registers(o, plan, NREGS, "4", ".long");
	cp_planasm_uart(o, plan, ".long", ".long", plan->uart.addr);
	cp_planasm_fixed_end(o);
	cp_planasm_segs(o, plan, ".long", NULL);
	cp_planasm_end(o);
}

static void i386_describe(const struct cp_plan *plan, struct cp_strbuf *o)
{
	(void)plan;
	cp_sb_printf(o, "handover: 32-bit protected mode, paging off, flat "
			"segments (code 0x10, data 0x18), interrupts off\n");
}

static const char *const i386_registers[] = {
	"eax", "ebx", "ecx", "edx", "esi", "edi", "ebp", "esp", NULL,
};

const struct cp_arch cp_arch_i386 = {
	.name = "i386",
	.aliases = (const char *const[]){ "x86", "i686", "x86-32", NULL },
	.uboot_arches = (const char *const[]){ "x86", NULL },
	.summary = "32-bit x86 (no long mode needed), entered in protected "
		   "mode with paging off",
	.elf = { .machine = EM_386, .cls = ELFCLASS32, .data = ELFDATA2LSB },
	/* Debian's i686 binutils, or its x86-64 ones (--32 -m elf_i386) */
	.cross_prefixes =
		(const char *const[]){ "i686-linux-gnu-", "x86_64-linux-gnu-",
				       "i686-linux-", "i686-elf-", NULL },
	.binutils_package = "binutils-i686-linux-gnu",
	.as_flags = (const char *const[]){ "--32", NULL },
	.ld_emulation = "elf_i386",
	.image_formats = x86_image_formats,
	CP_ROW_FOLDER("arch/i386"),
	CP_ROW_RELOCS,
	.abs_allowed = (const char *const[]){ NULL },
	.registers = i386_registers,
	.register_summary = "eax .. edi, ebp, esp",
	.reg_bytes = 4,
	.page_size = 4096,
	.default_page_size = 4096,
	/* a 32-bit list names pages below 4 GiB; paging off reaches no more */
	.addr_limit = 1ULL << 32,
	.kexec_limit = 0,
	.max_segments = 16,
	.codepage_align = 4096,
	.uarts = 1u << CP_UART_NS16550 | 1u << CP_UART_NS16550_IO,
	.prepare = i386_prepare,
	.protocol_data = x86_protocol_data,
	.emit_plan = i386_emit_plan,
	.describe = i386_describe,
};
