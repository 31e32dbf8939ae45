// SPDX-License-Identifier: MIT
/*
 * backend.c - the ppc32-e500 row of the arch table, and the data its fixed
 * trampoline (trampoline.s) reads: the 1:1 TLB1 entries that map memory,
 * the segment list for cache cleaning, the destination's registers and MSR;
 * and the blob mover's own copy of those TLB1 entries (mover.s).
 *
 * e500 translation is always on, so the codepage cannot touch memory outside
 * the page it runs from until it has written TLB1 entries mapping every
 * memory range 1:1. TLB1 pages are powers of 4 from 4 KiB to 4 GiB (e500v2
 * and later; MAS1[TSIZE] holds log2(size / 1 KiB), always even here), each
 * aligned to its own size. Every e500 has at least 16 TLB1 entries; the
 * trampoline keeps one for its switch of address space, so a plan may use 15.
 */
#include "arch.h"
#include "park.h"
#include "plan.h"
#include "planasm.h"
#include "util.h"

#include <elf.h>
#include <stdlib.h>
#include <string.h>

#ifndef R_PPC_REL16DX_HA
#define R_PPC_REL16DX_HA 246
#endif

#define TLB1_USABLE 15
#define MAS1_V 0x80000000u
#define MAS1_IPROT 0x40000000u
#define MAS2_M 0x04u /* memory coherence required: safe on SMP parts */
#define MAS3_SUPERVISOR 0x15u /* SX | SW | SR */
#define MAS2_IG 0x0au /* cache-inhibited, guarded: a device */
#define NGPR 32

static const struct cp_reloc_type cp_arch_relocs[] = {
#include "relocs.def"
};

struct e500_tlbe {
	uint32_t base, tsize; /* tsize: log2(bytes / 1 KiB) */
	uint64_t size;
};

#define MAX_DEV 8 /* device pages: the debug UART's, spin tables' */

struct e500_data {
	struct e500_tlbe tlb[64];
	int ntlb;
	/* 4 KiB device pages, cache-inhibited and guarded, mapped until the
	 * jump: their physical and effective addresses (the UART's first) */
	uint64_t dev_pa[MAX_DEV];
	uint32_t dev_ea[MAX_DEV];
	int ndev;
	uint32_t uart_ea; /* where the debug UART's page is mapped */
	/* the effective address of each spin-table entry's addr_l to re-arm */
	uint32_t spin_ea[CP_MAX_RELEASES];
	int nspin;
};

/* Largest power-of-4 page, 4 KiB..4 GiB, aligned at base and within left. */
static uint64_t largest_page(uint64_t base, uint64_t left)
{
	uint64_t size = 4ULL << 30;

	while (size > 4096 && ((base & (size - 1)) || size > left))
		size >>= 2;
	return size;
}

static unsigned log2_u64(uint64_t v)
{
	unsigned n = 0;

	while (v >>= 1)
		n++;
	return n;
}

static int map_memory(struct cp_plan *plan, struct e500_data *d)
{
	struct cp_loc loc = cp_loc_at(plan->desc_file, "/:memory");

	for (int i = 0; i < plan->nmemory; i++) {
		uint64_t base = plan->memory[i].base,
			 left = plan->memory[i].size;

		if ((base | left) & 0xfff) {
			cp_error(&loc, memory_align,
				 "memory range 0x%llx size 0x%llx is not 4 KiB "
				 "aligned; e500 maps memory in 4 KiB pages",
				 (unsigned long long)base,
				 (unsigned long long)left);
			return -1;
		}
		while (left) {
			uint64_t size = largest_page(base, left);

			if (d->ntlb ==
			    (int)(sizeof(d->tlb) / sizeof(d->tlb[0])))
				break;
			d->tlb[d->ntlb++] = (struct e500_tlbe){
				.base = (uint32_t)base,
				.tsize = log2_u64(size >> 10),
				.size = size,
			};
			base += size;
			left -= size;
		}
	}
	if (d->ntlb > TLB1_USABLE) {
		cp_error(&loc, tlb_entries,
			 "memory needs %d TLB1 entries to be mapped 1:1 but an "
			 "e500 has %d free; list memory as fewer ranges whose "
			 "bases and sizes are larger powers of 4",
			 d->ntlb, TLB1_USABLE);
		return -1;
	}
	return 0;
}

/* Whether [ea, ea + 4 KiB) meets a 1:1 entry or a device page. */
static int ea_taken(const struct e500_data *d, uint64_t ea, uint64_t *below)
{
	for (int i = 0; i < d->ntlb; i++)
		if (ea < d->tlb[i].base + d->tlb[i].size &&
		    d->tlb[i].base < ea + 4096) {
			*below = d->tlb[i].base;
			return 1;
		}
	for (int i = 0; i < d->ndev; i++)
		if (ea == d->dev_ea[i]) {
			*below = ea;
			return 1;
		}
	return 0;
}

/*
 * A device page needs a mapping (translation is always on): one 4 KiB
 * entry, cache-inhibited and guarded, at the highest effective page below
 * 4 GiB that no 1:1 entry and no other device page covers (its physical
 * address may lie above 4 GiB, as QEMU's CCSR does). The trampoline
 * removes them before the jump. Its effective address, or 0 (reported
 * at LOC as WHAT).
 */
static uint32_t map_device(struct e500_data *d, uint64_t pa,
			   const struct cp_loc *loc, const char *what)
{
	uint64_t ea = 0x100000000ULL - 4096, below;

	for (int i = 0; i < d->ndev; i++)
		if (d->dev_pa[i] == pa)
			return d->dev_ea[i];
	if (pa >> 36) {
		cp_error(loc, debug_uart,
			 "%s at 0x%llx is beyond the e500's 36-bit physical "
			 "addresses",
			 what, (unsigned long long)pa);
		return 0;
	}
	while (ea >= 4096 && ea_taken(d, ea, &below))
		ea = below >= 4096 ? cp_align_down(below - 4096, 4096) : 0;
	if (ea < 4096 || d->ndev == MAX_DEV ||
	    d->ntlb + d->ndev + 1 > TLB1_USABLE) {
		cp_error(
			loc, tlb_entries,
			"no TLB1 entry or effective address is left to map %s; "
			"list memory in fewer ranges",
			what);
		return 0;
	}
	d->dev_pa[d->ndev] = pa;
	d->dev_ea[d->ndev++] = (uint32_t)ea;
	return (uint32_t)ea;
}

static int map_uart(struct cp_plan *plan, struct e500_data *d)
{
	struct cp_loc loc = cp_loc_at(plan->desc_file, "/debug-uart");

	if (plan->uart.type == CP_UART_NONE)
		return 0;
	d->uart_ea = map_device(d, plan->uart.addr & ~0xfffULL, &loc,
				"the debug UART");
	return d->uart_ea ? 0 : -1;
}

/*
 * Spin tables outside memory are a device, QEMU's paravirtual one: it
 * starts a CPU whenever an entry's address becomes even, whatever the CPU
 * runs, and only a machine reset sets it odd (1, "spinning") again. A
 * kexec leaves it even and the CPU in the old kernel's loop, so the next
 * kernel would find it "not spinning" and try a reset QEMU's MPIC does not
 * model: the codepage writes 1 to each addr_l first. A spin table in
 * memory belongs to the boot program's loop, which sets 1 itself when
 * Linux resets the core (before kexec, and again at start).
 */
static int map_spin_tables(struct cp_plan *plan, struct e500_data *d)
{
	struct cp_loc loc = cp_loc_at(plan->desc_file, "/segments");

	for (int i = 0; i < plan->nreleases; i++) {
		uint64_t r = plan->releases[i];
		uint32_t ea;

		if (cp_plan_in_memory(plan, r, 8))
			continue;
		/* ePAPR's entry: addr_h, then addr_l, big-endian */
		ea = map_device(d, (r + 4) & ~0xfffULL, &loc,
				"a spin table outside memory");
		if (!ea)
			return -1;
		d->spin_ea[d->nspin++] = ea | (uint32_t)((r + 4) & 0xfff);
	}
	return 0;
}

static int e500_prepare(struct cp_plan *plan)
{
	struct e500_data *d = cp_xcalloc(1, sizeof(*d));

	plan->arch_data = d;
	return map_memory(plan, d) || map_uart(plan, d) ||
			       map_spin_tables(plan, d) ?
		       -1 :
		       0;
}

/*
 * ima.size: ePAPR's r7, the size of the initial mapped area. The IMA is the
 * TLB1 entry that maps the destination's entry point; a 32-bit register
 * cannot say 4 GiB, so that one case reports 2 GiB, which is also mapped.
 */
static int e500_symbol(const struct cp_plan *plan, const char *name,
		       uint64_t *value)
{
	const struct e500_data *d = plan->arch_data;

	if (strcmp(name, "ima.size"))
		return -1;
	*value = 0;
	for (int i = 0; d && i < d->ntlb; i++)
		if (plan->entry >= d->tlb[i].base &&
		    plan->entry - d->tlb[i].base < d->tlb[i].size)
			*value = d->tlb[i].size;
	if (*value > 0x80000000u)
		*value = 0x80000000u;
	return 0;
}

static uint32_t reg32(const struct cp_plan *plan, int i)
{
	return plan->regs[i].set ? (uint32_t)plan->regs[i].value : 0;
}

/* TLB1 entry i of a table: the MAS registers tlbwe takes. */
static void emit_tlbe(struct cp_strbuf *o, const char *table, int i,
		      uint32_t mas1, uint32_t mas2, uint32_t mas3,
		      uint32_t mas7)
{
	cp_planasm_entry(o, table, i, "TLBE_SIZE", "TLBE_MAS1", ".long", mas1);
	cp_planasm_entry(o, table, i, "TLBE_SIZE", "TLBE_MAS2", ".long", mas2);
	cp_planasm_entry(o, table, i, "TLBE_SIZE", "TLBE_MAS3", ".long", mas3);
	cp_planasm_entry(o, table, i, "TLBE_SIZE", "TLBE_MAS7", ".long", mas7);
}

/* The 1:1 mappings of memory, as entries first, first + 1, ... of table. */
static void emit_memory_tlbs(struct cp_strbuf *o, const char *table,
			     const struct e500_data *d, int first)
{
	for (int i = 0; i < d->ntlb; i++) {
		const struct e500_tlbe *t = &d->tlb[i];

		cp_sb_printf(o, "\t# 1:1 0x%08x size 0x%llx\n", t->base,
			     (unsigned long long)t->size);
		emit_tlbe(o, table, first + i,
			  MAS1_V | MAS1_IPROT | t->tsize << 7, t->base | MAS2_M,
			  t->base | MAS3_SUPERVISOR, 0);
	}
}

/* Where the destination's tree keeps boot_cpuid_phys (its header, 28
 * bytes in), which the codepage sets from PIR: a kernel entered on another
 * core than the tree says stops (BUG) in smp_prepare_cpus. 0: no tree. */
static uint32_t boot_cpuid_at(const struct cp_plan *plan)
{
	const struct cp_segment *s =
		plan->tree ? cp_plan_find(plan, plan->tree) : NULL;

	return s ? (uint32_t)(s->mem + s->data_off + 28) : 0;
}

/* SEGE_SEEN: 0 until the codepage has checked the segment (plan.inc). */
static void clear_seen(struct cp_strbuf *o, int e, const struct cp_segment *s)
{
	(void)s;
	cp_planasm_entry(o, "segs", e, "SEGE_SIZE", "SEGE_SEEN", ".long", 0);
}

static void e500_emit_plan(const struct cp_plan *plan, struct cp_strbuf *o)
{
	const struct e500_data *d = plan->arch_data;
	int msr = cp_arch_register(plan->arch, "msr");

	cp_planasm_begin(o, "arch/ppc32-e500/trampoline.s", 4);
	cp_sb_printf(o, "\tfield PLAN_MAGIC, .long, PLAN_MAGIC_VALUE\n");
	cp_planasm_field(o, "PLAN_ENTRY", ".long", (uint32_t)plan->entry);
	cp_planasm_field(o, "PLAN_MSR", ".long", reg32(plan, msr));
	cp_planasm_field(o, "PLAN_NTLB", ".long",
			 (uint64_t)(d->ntlb + d->ndev));
	cp_sb_printf(o, "\tfield PLAN_TLB, .long, tlbs - cp_plan\n");
	cp_planasm_seg_fields(o, plan, ".long");
	cp_planasm_registers(o, plan, NGPR, "4", ".long");
	cp_sb_printf(o, "\tfield PLAN_FLAGS, .long, %s\n",
		     plan->verify ? "PLAN_VERIFY" : "0");
	cp_planasm_uart(o, plan, ".long", ".long",
			d->uart_ea ? d->uart_ea | (uint32_t)(plan->uart.addr &
							     0xfff) :
				     0);
	cp_planasm_field(o, "PLAN_NDEV", ".long", (uint64_t)d->ndev);
	cp_planasm_field(o, "PLAN_BOOTCPU", ".long", boot_cpuid_at(plan));
	cp_planasm_field(o, "PLAN_NSPIN", ".long", (uint64_t)d->nspin);
	cp_sb_printf(o, "\tfield PLAN_SPIN, .long, spins - cp_plan\n");
	cp_planasm_field(o, "PLAN_PARK_CODE", ".long",
			 plan->park ? plan->park + CP_PARK_CODE : 0);
	cp_planasm_field(o, "PLAN_PARK_GO", ".long", 0);
	cp_planasm_field(o, "PLAN_NCPU", ".long", (uint64_t)plan->ncpus);
	cp_sb_printf(o, "\tfield PLAN_CPUS, .long, cpus - cp_plan\n");
	cp_planasm_field(o, "PLAN_NSENT", ".long", 0);
	cp_planasm_fixed_end(o);
	cp_planasm_table(o, "tlbs");
	for (int i = 0; i < d->ndev; i++) /* 4 KiB, I|G, SW|SR */
		emit_tlbe(o, "tlbs", i, MAS1_V | 1u << 8,
			  d->dev_ea[i] | MAS2_IG,
			  (uint32_t)d->dev_pa[i] | 0x05u,
			  (uint32_t)(d->dev_pa[i] >> 32));
	emit_memory_tlbs(o, "tlbs", d, d->ndev);
	cp_planasm_table_end(o, "tlbs", d->ntlb + d->ndev, "TLBE_SIZE");
	cp_planasm_table(o, "spins");
	for (int i = 0; i < d->nspin; i++)
		cp_planasm_entry(o, "spins", i, "4", "0", ".long",
				 d->spin_ea[i]);
	cp_planasm_table_end(o, "spins", d->nspin, "4");
	cp_planasm_table(o, "cpus");
	for (int i = 0; i < plan->ncpus; i++) {
		const struct cp_cpu *c = &plan->cpus[i];

		cp_planasm_entry(o, "cpus", i, "CPUE_SIZE", "CPUE_ID", ".long",
				 c->id);
		cp_planasm_entry(o, "cpus", i, "CPUE_SIZE", "CPUE_ENTRY",
				 ".long", c->entry);
		cp_planasm_entry(o, "cpus", i, "CPUE_SIZE", "CPUE_RELEASE",
				 ".long", c->release_at);
	}
	cp_planasm_table_end(o, "cpus", plan->ncpus, "CPUE_SIZE");
	cp_planasm_segs(o, plan, ".long", clear_seen);
	cp_planasm_end(o);
}

/*
 * The blob mover's own copy of the 1:1 mappings (mover.s): it maps memory
 * before it can reach the codepage's plan, through the blob's first 4 KiB.
 * No UART entry: the mover says nothing.
 */
static void e500_emit_mover_data(const struct cp_plan *plan,
				 struct cp_strbuf *o)
{
	const struct e500_data *d = plan->arch_data;

	cp_sb_printf(o,
		     "\t.include \"plan.inc\"\n"
		     "\t.globl blob_ntlb, blob_tlbs\n"
		     "blob_ntlb:\n\t.long %d\n",
		     d->ntlb);
	cp_planasm_table(o, "blob_tlbs");
	emit_memory_tlbs(o, "blob_tlbs", d, 0);
	cp_planasm_table_end(o, "blob_tlbs", d->ntlb, "TLBE_SIZE");
}

static void e500_describe(const struct cp_plan *plan, struct cp_strbuf *o)
{
	const struct e500_data *d = plan->arch_data;

	cp_sb_printf(o, "TLB1 1:1 mappings (AS0, IPROT, WIMGE=M, SX|SW|SR):\n");
	for (int i = 0; i < d->ntlb; i++)
		cp_sb_printf(o, "  0x%08x..0x%08llx  %8llu KiB\n",
			     d->tlb[i].base,
			     (unsigned long long)(d->tlb[i].base +
						  d->tlb[i].size - 1),
			     (unsigned long long)(d->tlb[i].size >> 10));
	for (int i = 0; i < d->ndev; i++)
		cp_sb_printf(o,
			     "%s 0x%llx mapped at 0x%08x (4 KiB, I|G), "
			     "removed before the jump\n",
			     d->dev_ea[i] == d->uart_ea ? "debug UART" :
							  "spin table",
			     (unsigned long long)d->dev_pa[i], d->dev_ea[i]);
	for (int i = 0; i < d->nspin; i++)
		cp_sb_printf(o,
			     "spin table entry re-armed (addr_l = 1) at "
			     "0x%08x\n",
			     d->spin_ea[i]);
	if (boot_cpuid_at(plan))
		cp_sb_printf(o,
			     "the tree's boot_cpuid_phys (at 0x%08x) set from "
			     "PIR before the jump\n",
			     boot_cpuid_at(plan));
	if (plan->park)
		cp_sb_printf(
			o,
			"%s 0x%08llx..0x%08llx: where the other cores "
			"wait in list mode (a /memreserve/ entry of the "
			"tree)\n",
			CP_PARK_NAME, (unsigned long long)plan->park,
			(unsigned long long)(plan->park + plan->page_size - 1));
	for (int i = 0; i < plan->ncpus; i++)
		cp_sb_printf(o,
			     "  CPU %u: spin-table entry 0x%08llx, "
			     "cpu-release-addr at 0x%08llx\n",
			     plan->cpus[i].id,
			     (unsigned long long)plan->cpus[i].entry,
			     (unsigned long long)plan->cpus[i].release_at);
}

static const char *const e500_registers[] = {
	"r0",  "r1",  "r2",  "r3",  "r4",  "r5",  "r6",	 "r7",	"r8",
	"r9",  "r10", "r11", "r12", "r13", "r14", "r15", "r16", "r17",
	"r18", "r19", "r20", "r21", "r22", "r23", "r24", "r25", "r26",
	"r27", "r28", "r29", "r30", "r31", "msr", NULL,
};

const struct cp_arch cp_arch_ppc32_e500 = {
	.name = "ppc32-e500",
	.aliases = (const char *const[]){ "e500", "ppc-e500", NULL },
	.uboot_arches = (const char *const[]){ "powerpc", "ppc", NULL },
	.summary = "Freescale/NXP e500v2 and e500mc PowerPC Book E (32-bit)",
	.elf = { .machine = EM_PPC, .cls = ELFCLASS32, .data = ELFDATA2MSB },
	.cross_prefixes = CP_CROSS_PREFIXES("powerpc"),
	.binutils_package = "binutils-powerpc-linux-gnu",
	.as_flags = (const char *const[]){ "-a32", "-mbig", "-me500",
					   "-mregnames", NULL },
	.ld_emulation = "elf32ppc",
	.emit_mover_data = e500_emit_mover_data,
	CP_ROW_FOLDER("arch/ppc32-e500"),
	CP_ROW_RELOCS,
	.abs_allowed = (const char *const[]){ NULL },
	.registers = e500_registers,
	.register_summary = "r0 .. r31 and msr",
	.reg_bytes = 4,
	.page_size = 4096,
	.default_page_size = 4096,
	.addr_limit = 1ULL << 32,
	/* arch/powerpc/include/asm/kexec.h: KEXEC_*_MEMORY_LIMIT, 2 GiB */
	.kexec_limit = 1ULL << 31,
	.max_segments = 16,
	.codepage_align = 4096,
	.parks_cpus = 1,
	.uarts = 1u << CP_UART_NS16550,
	.prepare = e500_prepare,
	.symbol = e500_symbol,
	.emit_plan = e500_emit_plan,
	.describe = e500_describe,
};
