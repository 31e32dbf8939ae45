// SPDX-License-Identifier: MIT
/*
 * backend.c - the riscv64 row of the arch table and the plan its fixed
 * trampoline (trampoline.s) reads: the destination's entry, x1..x30, and
 * which of them get the hart id the codepage was entered with ("hartid",
 * known only at run time).
 */
#include "arch.h"
#include "kimage.h"
#include "plan.h"
#include "planasm.h"
#include "util.h"

#include <elf.h>
#include <string.h>

#define NREGS 30

static const struct cp_reloc_type cp_arch_relocs[] = {
#include "relocs.def"
};

static int riscv_prepare(struct cp_plan *plan)
{
	(void)plan;
	return 0;
}

static int riscv_symbol(const struct cp_plan *plan, const char *name,
			uint64_t *value)
{
	(void)plan;
	if (strcmp(name, "hartid"))
		return -1;
	*value = 0;
	return 1; /* the entry's hart id, at run time */
}

static void riscv_emit_plan(const struct cp_plan *plan, struct cp_strbuf *o)
{
	uint32_t hartmask = 0;

	for (int i = 0; i < NREGS; i++)
		if (plan->regs[i].set && plan->regs[i].runtime)
			hartmask |= 1u << i;
	cp_planasm_begin(o, "arch/riscv64/trampoline.s", 8);
	cp_sb_printf(o, "\tfield PLAN_MAGIC, .word, PLAN_MAGIC_VALUE\n");
	cp_planasm_field(o, "PLAN_HARTMASK", ".word", hartmask);
	cp_planasm_field(o, "PLAN_ENTRY", ".dword", plan->entry);
	cp_planasm_seg_fields(o, plan, ".dword");
	/* a hart id is filled in at run time (PLAN_HARTMASK) */
	cp_planasm_registers(o, plan, NREGS, "8", ".dword");
	cp_sb_printf(o, "\tfield PLAN_FLAGS, .word, %s\n",
		     plan->verify ? "PLAN_VERIFY" : "0");
	cp_planasm_uart(o, plan, ".word", ".dword", plan->uart.addr);
	cp_planasm_fixed_end(o);
	cp_planasm_segs(o, plan, ".dword", NULL);
	cp_planasm_end(o);
}

static void riscv_describe(const struct cp_plan *plan, struct cp_strbuf *o)
{
	(void)plan;
	cp_sb_printf(o, "handover: S-mode, satp = 0, interrupts off, fence.i "
			"done\n");
}

/* The Image header's flags bit 0 is the kernel's endianness, 1 = big. */
static const char *riscv_flags_problem(uint64_t flags)
{
	return flags & 1 ? "it is a big-endian kernel" : NULL;
}

static const struct cp_kimage riscv_kimage = {
	.magic_off = 56,
	.magic = "RSC\x05",
	.magic_len = 4,
	.base_align = 2ULL << 20,
	.flags_problem = riscv_flags_problem,
};

static const struct cp_image_format riscv_image = {
	.name = "riscv Image",
	.recognize = cp_kimage_recognize,
	.load = cp_kimage_load,
	.data = &riscv_kimage,
};

static const struct cp_image_format *const riscv_formats[] = {
	&riscv_image,
	NULL,
};

/* x1..x30 by their ABI names; t6 (x31) carries the entry. */
static const char *const riscv_registers[] = {
	"ra", "sp", "gp", "tp",	 "t0",	"t1", "t2", "s0", "s1", "a0", "a1",
	"a2", "a3", "a4", "a5",	 "a6",	"a7", "s2", "s3", "s4", "s5", "s6",
	"s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", NULL,
};

const struct cp_arch cp_arch_riscv64 = {
	.name = "riscv64",
	.aliases = (const char *const[]){ "riscv", "rv64", NULL },
	.uboot_arches = (const char *const[]){ "riscv", NULL },
	.summary = "RISC-V RV64 in S-mode under SBI firmware",
	.elf = { .machine = EM_RISCV, .cls = ELFCLASS64, .data = ELFDATA2LSB },
	.cross_prefixes = CP_CROSS_PREFIXES("riscv64"),
	.binutils_package = "binutils-riscv64-linux-gnu",
	.as_flags = (const char *const[]){ "-march=rv64imac_zicsr_zifencei",
					   "-mabi=lp64", "-mno-relax", NULL },
	.ld_emulation = "elf64lriscv",
	.ld_flags = (const char *const[]){ "--no-relax", NULL },
	.image_formats = riscv_formats,
	CP_ROW_FOLDER("arch/riscv64"),
	CP_ROW_RELOCS,
	/* __blob_size: a number, not an address (the blob's size in the
	 * Image header of arch/riscv64/mover.s, for booti) */
	.abs_allowed = (const char *const[]){ "__blob_size", NULL },
	.registers = riscv_registers,
	.register_summary = "ra, sp, gp, tp, t0..t5, s0..s11, a0..a7 (t6 "
			    "carries the entry)",
	.reg_bytes = 8,
	.page_size = 4096,
	.default_page_size = 4096,
	.addr_limit = 1ULL << 56,
	.kexec_limit = 0,
	.max_segments = 16,
	.codepage_align = 4096,
	.uarts = 1u << CP_UART_NS16550 | 1u << CP_UART_SBI,
	/* OpenSBI's fw_jump and fw_dynamic run from the start of DRAM and
	 * hand over 2 MiB above it (FW_JUMP_ADDR; the Image's text_offset):
	 * what they keep lies in those 2 MiB, and only the tree OpenSBI
	 * passes on at boot says so (doc/design.md, "Memory the firmware
	 * keeps") */
	.firmware_size = 0x200000,
	.firmware_name = "OpenSBI",
	.kexec_needs_tree = 1,
	.prepare = riscv_prepare,
	.symbol = riscv_symbol,
	.emit_plan = riscv_emit_plan,
	.describe = riscv_describe,
};
