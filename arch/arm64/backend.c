// SPDX-License-Identifier: MIT
/*
 * backend.c - the arm64 row of the arch table and the plan its fixed
 * trampoline (trampoline.s) reads: the destination's entry, the segment list
 * (for cache maintenance in placed mode) and x0..x29.
 *
 * Entered with the MMU off (Linux's kexec state), the codepage turns it on
 * over an identity map of memory (idmap.c) whose tables it writes into pages
 * segment 0 reserves past its code; entered with it on, it uses the map it
 * was given. Either way it hands over with the MMU and data cache off, as
 * Documentation/arch/arm64/booting.rst requires.
 */
#include "arch.h"
#include "idmap.h"
#include "kimage.h"
#include "plan.h"
#include "planasm.h"
#include "util.h"

#include <elf.h>

#define NREGS 30

static const struct cp_reloc_type cp_arch_relocs[] = {
#include "relocs.def"
};

static int arm64_prepare(struct cp_plan *plan)
{
	struct a64_idmap *map = cp_xmalloc(sizeof(*map));

	plan->arch_data = map;
	if (a64_idmap_build(plan->memory, plan->nmemory, map)) {
		cp_error(&plan->seg[0].loc, memory_fragmented,
			 "the identity map of memory needs more than %d runs "
			 "of descriptors; describe memory in fewer ranges",
			 A64_IDMAP_MAX_RUNS);
		return -1;
	}
	plan->codepage_reserve = (uint64_t)map->npages * 4096;
	return 0;
}

/* The identity map's ranges and runs, each a table after the segments. */
static void emit_map(const struct a64_idmap *map, struct cp_strbuf *o)
{
	cp_planasm_ranges(o, "ranges", map->ranges, map->nranges, "RANGE_SIZE",
			  "RANGE_BASE", "RANGE_END");
	cp_planasm_table(o, "runs");
	for (int i = 0; i < map->nruns; i++) {
		const struct a64_idmap_run *r = &map->runs[i];

		cp_planasm_entry(o, "runs", i, "RUN_SIZE", "RUN_OFF", ".word",
				 r->off);
		cp_sb_printf(o,
			     "\tentry runs, %d, RUN_SIZE, RUN_COUNT, .word, "
			     "0x%x | %d << RUN_RELATIVE_BIT\n",
			     i, r->count, r->relative ? 1 : 0);
		cp_planasm_entry(o, "runs", i, "RUN_SIZE", "RUN_VALUE", ".quad",
				 r->value);
		cp_planasm_entry(o, "runs", i, "RUN_SIZE", "RUN_STEP", ".quad",
				 r->step);
	}
	cp_planasm_table_end(o, "runs", map->nruns, "RUN_SIZE");
}

/* A segment's CRC-32C, which its verification checks (and a loader that
 * refreshes seeds rewrites: cp_seg_crc_E). */
static void emit_crc(struct cp_strbuf *o, int e, const struct cp_segment *s)
{
	cp_planasm_entry(o, "segs", e, "SEGE_SIZE", "SEGE_CRC", ".word",
			 s->crc32c);
	cp_planasm_entry_symbol(o, "cp_seg_crc", "segs", e, "SEGE_SIZE",
				"SEGE_CRC");
}

static void arm64_emit_plan(const struct cp_plan *plan, struct cp_strbuf *o)
{
	const struct a64_idmap *map = plan->arch_data;

	cp_planasm_head(o, plan, "arch/arm64/trampoline.s", 8, ".word", NULL);
	cp_planasm_field(o, "PLAN_ENTRY", ".quad", plan->entry);
	cp_planasm_seg_fields(o, plan, ".quad");
	cp_planasm_registers(o, plan, NREGS, "8", ".quad");
	cp_planasm_uart(o, plan, ".word", ".quad", plan->uart.addr);
	cp_planasm_field(o, "PLAN_MAP_PAGES", ".word", (uint64_t)map->npages);
	cp_planasm_field(o, "PLAN_MAP_NRUNS", ".word", (uint64_t)map->nruns);
	cp_sb_printf(o, "\tfield PLAN_MAP_RUNS, .quad, runs - cp_plan\n");
	cp_planasm_field(o, "PLAN_MAP_NRANGES", ".quad",
			 (uint64_t)map->nranges);
	cp_sb_printf(o, "\tfield PLAN_MAP_RANGES, .quad, ranges - cp_plan\n");
	cp_planasm_field(o, "PLAN_PAGE_SIZE", ".word", plan->page_size);
	cp_planasm_fixed_end(o);
	cp_planasm_segs(o, plan, ".quad", emit_crc);
	emit_map(map, o);
	cp_planasm_end(o);
}

static void arm64_describe(const struct cp_plan *plan, struct cp_strbuf *o)
{
	(void)plan;
	cp_sb_printf(o, "handover: MMU and data cache off, instruction cache "
			"invalidated, at the entry's exception level\n");
}

/* booting.rst: flags bit 0 is the kernel's endianness, 1 = big. */
static const char *arm64_flags_problem(uint64_t flags)
{
	return flags & 1 ? "it is a big-endian kernel" : NULL;
}

/* booting.rst: flags bits 1-2 are the kernel's page size: 1 4 KiB, 2 16
 * KiB, 3 64 KiB, 0 unspecified. */
static uint64_t arm64_flags_page_size(uint64_t flags)
{
	static const uint64_t sizes[] = { 0, 4096, 16384, 65536 };

	return sizes[flags >> 1 & 3];
}

static const struct cp_kimage arm64_kimage = {
	.magic_off = 56,
	.magic = "ARM\x64",
	.magic_len = 4,
	.base_align = 2ULL << 20,
	.flags_problem = arm64_flags_problem,
	.flags_page_size = arm64_flags_page_size,
};

static const struct cp_image_format arm64_image = {
	.name = "arm64 Image",
	.recognize = cp_kimage_recognize,
	.load = cp_kimage_load,
	.data = &arm64_kimage,
};

static const struct cp_image_format *const arm64_formats[] = {
	&arm64_image,
	NULL,
};

static const char *const arm64_registers[] = {
	"x0",  "x1",  "x2",  "x3",  "x4",  "x5",  "x6",	 "x7",
	"x8",  "x9",  "x10", "x11", "x12", "x13", "x14", "x15",
	"x16", "x17", "x18", "x19", "x20", "x21", "x22", "x23",
	"x24", "x25", "x26", "x27", "x28", "x29", NULL,
};

const struct cp_arch cp_arch_arm64 = {
	.name = "arm64",
	.aliases = (const char *const[]){ "aarch64", NULL },
	.uboot_arches = (const char *const[]){ "arm64", NULL },
	.summary = "ARMv8-A AArch64, entered at EL2 or EL1, MMU on or off",
	.elf = { .machine = EM_AARCH64, .cls = ELFCLASS64, .data = ELFDATA2LSB },
	.cross_prefixes = CP_CROSS_PREFIXES("aarch64"),
	.binutils_package = "binutils-aarch64-linux-gnu",
	.as_flags = (const char *const[]){ "-EL", NULL },
	.ld_emulation = "aarch64linux",
	.image_formats = arm64_formats,
	CP_ROW_FOLDER("arch/arm64"),
	CP_ROW_RELOCS,
	/* __blob_size: a number, not an address (the blob's size in the
	 * Image header of arch/arm64/mover.s, for booti) */
	.abs_allowed = (const char *const[]){ "__blob_size", NULL },
	.registers = arm64_registers,
	.register_summary = "x0 .. x29 (x30 carries the entry)",
	.reg_bytes = 8,
	.page_size = 4096,
	/* Linux on arm64 runs with 4, 16 (Debian's -arm64-16k, the Raspberry
	 * Pi 5's) or 64 KiB pages (RHEL's kernel-64k) */
	.default_page_size = 65536,
	.addr_limit = 1ULL << 48,
	.kexec_limit = 0,
	.max_segments = 16,
	.codepage_align = 4096,
	.uarts = 1u << CP_UART_NS16550 | 1u << CP_UART_PL011,
	.prepare = arm64_prepare,
	.emit_plan = arm64_emit_plan,
	.describe = arm64_describe,
};
