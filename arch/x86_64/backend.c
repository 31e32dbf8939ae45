// SPDX-License-Identifier: MIT
/*
 * backend.c - the x86_64 row of the arch table and the plan its fixed
 * trampoline (trampoline.s) reads: the destination's entry and registers,
 * whether it is entered in 64-bit or in 32-bit protected mode (the "mode"
 * register), and the extent of the identity map the codepage writes at
 * run time (all of [0, top), 2 MiB pages: x86 takes the memory type of a
 * hole from the firmware's MTRRs, so mapping holes is harmless, and one
 * extent needs no list of ranges).
 */
#include "arch.h"
#include "plan.h"
#include "planasm.h"
#include "util.h"
#include "x86.h"

#include <elf.h>

#define NREGS 16 /* rax .. r15 in the plan */
#define REG_MODE NREGS /* "mode": 64 (the default) or 32 */
#define GIB (1ULL << 30)

static const struct cp_reloc_type cp_arch_relocs[] = {
#include "relocs.def"
};

struct x86_data {
	uint64_t map_top; /* the identity map covers [0, map_top) */
	uint64_t map_pages; /* the work area: a stack page, the map's */
	int dest32; /* enter the destination in 32-bit mode */
};

/* The destination's mode: 64 unless registers { mode = <32>; }. */
static int read_mode(const struct cp_plan *plan, int *dest32)
{
	const struct cp_regval *m = &plan->regs[REG_MODE];

	*dest32 = 0;
	if (!m->set)
		return 0;
	if (m->expr || (m->value != 32 && m->value != 64)) {
		cp_error(
			&m->loc, bad_register_value,
			"mode is <64> (64-bit mode, paging on) or <32> (32-bit "
			"protected mode, paging off), a number");
		return -1;
	}
	*dest32 = m->value == 32;
	return 0;
}

/*
 * The map: at least the first 4 GiB (where firmware, the UART and a
 * 32-bit destination live), up to the end of memory in whole GiB; a page
 * for a PML5, the PML4, a PDPT per 512 GiB and a page directory per GiB.
 */
static int x86_prepare(struct cp_plan *plan)
{
	struct x86_data *d = cp_xcalloc(1, sizeof(*d));
	uint64_t top = 4 * GIB, ndir;

	plan->arch_data = d;
	for (int i = 0; i < plan->nmemory; i++) {
		uint64_t end = plan->memory[i].base + plan->memory[i].size;

		if (end > top)
			top = cp_align_up(end, GIB);
	}
	ndir = top / GIB;
	d->map_top = top;
	/* the work area (trampoline.s): the stack's page, the 32-bit
	 * entry's bootstrap map (4 pages), then the map */
	d->map_pages = 7 + (ndir + 511) / 512 + ndir;
	plan->codepage_reserve = d->map_pages * 4096;
	/* its 32-bit entry and cp_enter32 run it with paging off */
	plan->codepage_limit = 4 * GIB;
	return read_mode(plan, &d->dest32);
}

static void x86_emit_plan(const struct cp_plan *plan, struct cp_strbuf *o)
{
	const struct x86_data *d = plan->arch_data;

	cp_planasm_head(o, plan, "arch/x86_64/trampoline.s", 8, ".long",
			d->dest32 ? "PLAN_DEST32" : NULL);
	cp_planasm_field(o, "PLAN_ENTRY", ".quad", plan->entry);
	cp_planasm_seg_fields(o, plan, ".quad");
	cp_planasm_registers(o, plan, NREGS, "8", ".quad");
	cp_planasm_uart(o, plan, ".long", ".quad", plan->uart.addr);
	cp_planasm_field(o, "PLAN_MAP_TOP", ".quad", d->map_top);
	cp_planasm_field(o, "PLAN_MAP_PAGES", ".quad", d->map_pages);
	cp_planasm_fixed_end(o);
	cp_planasm_segs(o, plan, ".quad", NULL);
	cp_planasm_end(o);
}

static void x86_describe(const struct cp_plan *plan, struct cp_strbuf *o)
{
	const struct x86_data *d = plan->arch_data;

	cp_sb_printf(
		o,
		"identity map: [0, 0x%llx) in 2 MiB pages; %llu pages past "
		"the code in segment 0 hold it and the stack\n",
		(unsigned long long)d->map_top,
		(unsigned long long)d->map_pages);
	cp_sb_printf(o, "handover: %s\n",
		     d->dest32 ? "32-bit protected mode, paging off, flat "
				 "segments (code 0x10, data 0x18)" :
				 "64-bit mode on the identity map, GDT with "
				 "code 0x10 and data 0x18, interrupts off");
}

static const char *const x86_registers[] = {
	"rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "rsp",	 "r8",
	"r9",  "r10", "r11", "r12", "r13", "r14", "r15", "mode", NULL,
};

const struct cp_arch cp_arch_x86_64 = {
	.name = "x86_64",
	.aliases = (const char *const[]){ "amd64", "x86-64", NULL },
	.uboot_arches = (const char *const[]){ "x86_64", NULL },
	.summary = "x86-64, entered in 64-bit mode (Linux's kexec) or 32-bit "
		   "protected mode (a bootloader)",
	.elf = { .machine = EM_X86_64, .cls = ELFCLASS64, .data = ELFDATA2LSB },
	.cross_prefixes = CP_CROSS_PREFIXES("x86_64"),
	.binutils_package = "binutils-x86-64-linux-gnu",
	.as_flags = (const char *const[]){ "--64", NULL },
	.ld_emulation = "elf_x86_64",
	.image_formats = x86_image_formats,
	CP_ROW_FOLDER("arch/x86_64"),
	CP_ROW_RELOCS,
	.abs_allowed = (const char *const[]){ NULL },
	.registers = x86_registers,
	.register_summary = "rax .. rdi, rbp, rsp, r8 .. r15 (the low halves "
			    "in 32-bit mode), mode (64 or 32)",
	.reg_bytes = 8,
	.page_size = 4096,
	.default_page_size = 4096,
	.addr_limit = 1ULL << 40, /* the map's directories: 4 MiB at most */
	.kexec_limit = 0,
	.max_segments = 16,
	.codepage_align = 4096,
	.uarts = 1u << CP_UART_NS16550 | 1u << CP_UART_NS16550_IO,
	.prepare = x86_prepare,
	.protocol_data = x86_protocol_data,
	.emit_plan = x86_emit_plan,
	.describe = x86_describe,
};
