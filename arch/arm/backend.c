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

/*
 * The identity map the codepage copies and verifies through (trampoline.s,
 * map_memory): Normal, cached, over memory less what the firmware keeps
 * (no speculative access may reach that), in whole 2 MiB blocks, the
 * granule of both its forms (1 MiB sections in SVC, 2 MiB blocks in HYP);
 * the rest of the 4 GiB is Strongly-ordered, so a list page or a
 * destination outside those blocks is still reached, uncached. Ranges
 * past MAP_MAX_RANGES stay Strongly-ordered: slower, never wrong.
 */
#define MAP_BLOCK (2ULL << 20)
#define MAP_MAX_RANGES 32
#define MIB_SHIFT 20
/* The tables, in segment 0 past the code: 16 KiB (16 KiB-aligned, the
 * short-descriptor first level; in HYP four second-level tables) and a
 * page for HYP's first level, after up to 12 KiB of alignment. */
#define MAP_RESERVE (32 << 10)

struct arm_map {
	struct cp_range ranges[MAP_MAX_RANGES];
	int n;
};

static int block_kept(const struct cp_plan *plan, uint64_t base)
{
	for (int i = 0; i < plan->nreserved; i++)
		if (plan->reserved[i].base < base + MAP_BLOCK &&
		    plan->reserved[i].base + plan->reserved[i].size > base)
			return 1;
	return 0;
}

/* Each block of memory below 4 GiB the firmware keeps nothing in, runs of
 * them merged. */
static void map_memory(const struct cp_plan *plan, struct arm_map *map)
{
	for (int i = 0; i < plan->nmemory; i++) {
		const struct cp_range *m = &plan->memory[i];
		uint64_t b = cp_align_up(m->base, MAP_BLOCK);
		uint64_t end = cp_align_down(m->base + m->size, MAP_BLOCK);

		for (end = end < 1ULL << 32 ? end : 1ULL << 32; b < end;
		     b += MAP_BLOCK) {
			struct cp_range *last =
				map->n ? &map->ranges[map->n - 1] : NULL;

			if (block_kept(plan, b))
				continue;
			if (last && last->base + last->size == b)
				last->size += MAP_BLOCK;
			else if (map->n < MAP_MAX_RANGES)
				map->ranges[map->n++] =
					(struct cp_range){ b, MAP_BLOCK };
		}
	}
}

static int arm_prepare(struct cp_plan *plan)
{
	struct arm_map *map = cp_xcalloc(1, sizeof(*map));

	plan->arch_data = map;
	map_memory(plan, map);
	plan->codepage_reserve = MAP_RESERVE;
	return 0;
}

/* The map's ranges in MiB ([first, end) sections), a table after the
 * segments. */
static void emit_map(const struct arm_map *map, struct cp_strbuf *o)
{
	cp_planasm_table(o, "ranges");
	for (int i = 0; i < map->n; i++) {
		const struct cp_range *r = &map->ranges[i];

		cp_planasm_entry(o, "ranges", i, "RANGE_SIZE", "RANGE_FIRST",
				 ".long", r->base >> MIB_SHIFT);
		cp_planasm_entry(o, "ranges", i, "RANGE_SIZE", "RANGE_END",
				 ".long", (r->base + r->size) >> MIB_SHIFT);
	}
	cp_planasm_table_end(o, "ranges", map->n, "RANGE_SIZE");
}

static void arm_emit_plan(const struct cp_plan *plan, struct cp_strbuf *o)
{
	const struct arm_map *map = plan->arch_data;

	cp_planasm_head(o, plan, "arch/arm/trampoline.s", 4, ".long", NULL);
	cp_planasm_field(o, "PLAN_ENTRY", ".long", plan->entry);
	cp_planasm_seg_fields(o, plan, ".long");
	cp_planasm_registers(o, plan, NREGS, "4", ".long");
	cp_planasm_uart(o, plan, ".long", ".long", plan->uart.addr);
	cp_planasm_field(o, "PLAN_MAP_NRANGES", ".long", (uint64_t)map->n);
	cp_sb_printf(o, "\tfield PLAN_MAP_RANGES, .long, ranges - cp_plan\n");
	cp_planasm_fixed_end(o);
	cp_planasm_segs(o, plan, ".long", NULL);
	emit_map(map, o);
	cp_planasm_end(o);
}

static void arm_describe(const struct cp_plan *plan, struct cp_strbuf *o)
{
	const struct arm_map *map = plan->arch_data;

	cp_sb_printf(o,
		     "copied and checked through an identity map, cached "
		     "over:%s\n",
		     map->n ? "" : " nothing (no whole 2 MiB of memory)");
	for (int i = 0; i < map->n; i++)
		cp_sb_printf(o, "  0x%09llx..0x%09llx\n",
			     (unsigned long long)map->ranges[i].base,
			     (unsigned long long)(map->ranges[i].base +
						  map->ranges[i].size - 1));
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
	.mover = "mover.s",
	.image_formats = arm_formats,
	.shared_templates = (const char *const[]){ "none", NULL },
	CP_ROW_RELOCS,
	/* the blob's size, an absolute symbol gen/blob.c defines: the
	 * mover's zImage header states it (its end) */
	.abs_allowed = (const char *const[]){ "__blob_size", NULL },
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
