// SPDX-License-Identifier: MIT
/*
 * unit-reserve.c - unit tests of memory the firmware keeps: reservations in
 * the plan, the blob's free table and x86's e820 map (gen/reserve.c), and
 * the readers of what a running kernel shows (gen/fdtresv.c, gen/iomem.c).
 */
#include <libfdt.h>
#include <stdlib.h>
#include <string.h>

#include "blob.h"
#include "blobbuild.h"
#include "bootdata.h"
#include "cpuinfo.h"
#include "fdtresv.h"
#include "iomem.h"
#include "plan.h"
#include "reserve.h"
#include "util.h"
#include "unit.h"

/* ---- memory the firmware keeps ----------------------------------------- */

/* A reservation of the description's, as cp_reserve_collect() adds it. */
static void keep(struct cp_plan *p, uint64_t base, uint64_t size)
{
	struct cp_range r = { base, size };

	p->req.reserved = &r;
	p->req.nreserved = 1;
	cp_reserve_collect(p);
	p->req = (struct cp_request){ 0 };
}

static void test_reserve_plan(void)
{
	struct cp_plan p;
	uint64_t at;

	init_plan(&p);
	keep(&p, 0x1000, 0x1000);
	add(&p, "a", 0x0, 0x2000);
	CHECK("reserve-segment-over", cp_plan_check_segments(&p) != 0);
	cp_plan_free(&p);

	init_plan(&p);
	keep(&p, 0x1ff00000, 0x100000);
	add(&p, "a", 0x0, 0x1000);
	CHECK("reserve-codepage-steps-below",
	      cp_plan_check_segments(&p) == 0 &&
		      cp_plan_place_codepage(&p, 100) == 0 &&
		      p.seg[0].mem == 0x1feff000 &&
		      cp_plan_check_segments(&p) == 0);
	cp_plan_free(&p);

	init_plan(&p);
	keep(&p, 0x0, 0x3000);
	add(&p, "a", 0x3000, 0x1000);
	CHECK("reserve-find-low-steps-above",
	      cp_plan_find_low(&p, 0x1000, 0, UINT64_MAX, 0x1000, &at) == 0 &&
		      at == 0x4000);
	cp_plan_free(&p);

	/* a reservation reaching the very top of the address space */
	init_plan(&p);
	keep(&p, 0xfffffffffffff000ULL, 0x1000);
	CHECK("reserve-hit-at-the-top",
	      cp_reserve_hit(&p, 0xffffffffffff0000ULL, 0x10000) != NULL &&
		      !cp_reserve_hit(&p, 0x0, 0x10000));
	cp_plan_free(&p);
}

static void test_reserve_blob(void)
{
	unsigned char code[40];
	struct cp_image img = { .bytes = code, .size = sizeof(code) };
	struct cp_blob *b = cp_xcalloc(1, sizeof(*b));
	struct cp_plan p;
	int clear = 1;

	memset(code, 0x11, sizeof(code));
	init_plan(&p);
	keep(&p, 0x800000, 0x100000);
	add_full(&p, "k", 0x100000, 0x1000, 0x1000);
	p.seg[0].mem = 0x1fff0000;
	p.seg[0].memsz = 0x1000;
	cp_blob_layout(b, &p, &img, 0x400);
	for (int i = 0; i < b->nfree; i++)
		clear &= b->free[i].base + b->free[i].size <= 0x800000 ||
			 b->free[i].base >= 0x900000;
	CHECK("reserve-blob-free-table", clear && b->nfree == 4);
	cp_plan_free(&p);
	free(b);
}

static void test_reserve_e820(void)
{
	struct cp_plan p;
	struct cp_range r[2] = { { 0x9f000, 0x61000 }, { 0x1000000, 0x1000 } };
	struct cp_map_entry *m = NULL;
	int n = 0;

	init_plan(&p);
	p.arch = cp_arch_find("x86_64");
	p.page_size = p.arch->default_page_size;
	p.req.reserved = r;
	p.req.nreserved = 2;
	CHECK("reserve-e820-carved",
	      cp_memory_map(&p, &m, &n, 128) == 0 && n == 5 && m[0].base == 0 &&
		      m[0].size == 0x9f000 && m[0].type == CP_MAP_RAM &&
		      m[1].type == CP_MAP_RESERVED && m[2].base == 0x100000 &&
		      m[2].size == 0xf00000 && m[3].base == 0x1000000 &&
		      m[4].base == 0x1001000 &&
		      m[4].base + m[4].size == 0x20000000);
	free(m);
	r[1].base = 0xa0000; /* inside the first */
	CHECK("reserve-e820-overlap", cp_memory_map(&p, &m, &n, 128) != 0);
	p.req = (struct cp_request){ 0 };
	cp_plan_free(&p);
}

/* ---- fdtresv and iomem: readers of what a running kernel shows --------- */

/* Each region in its kind's slot (one of each in these trees). */
static int collect(const struct cp_fdt_region *r, void *ctx)
{
	((struct cp_fdt_region *)ctx)[r->kind] = *r;
	return 0;
}

static void test_fdtresv(void)
{
	char fdt[4096];
	struct cp_fdt_region r[8];
	const char *why;
	int rm, cpus, cpu, n = 0;

	fdt_create_empty_tree(fdt, sizeof(fdt));
	fdt_add_mem_rsv(fdt, 0x1000, 0x2000);
	rm = fdt_add_subnode(fdt, 0, "reserved-memory");
	fdt_setprop_u32(fdt, rm, "#address-cells", 1);
	fdt_setprop_u32(fdt, rm, "#size-cells", 1);
	fdt_setprop_u64(fdt, fdt_add_subnode(fdt, rm, "a@5000"), "reg",
			0x500000001000ULL);
	fdt_setprop_string(fdt, fdt_add_subnode(fdt, rm, "b@6000"), "status",
			   "disabled");
	cpus = fdt_add_subnode(fdt, 0, "cpus");
	cpu = fdt_add_subnode(fdt, cpus, "cpu@1");
	fdt_setprop_string(fdt, cpu, "enable-method", "spin-table");
	fdt_setprop_u64(fdt, cpu, "cpu-release-addr", 0x7ff8);
	memset(r, 0, sizeof(r));
	CHECK("fdtresv-walk",
	      cp_fdt_regions(fdt, fdt_totalsize(fdt), collect, r, &why) == 0);
	for (int i = 0; i < 8; i++)
		n += r[i].name[0] != 0;
	CHECK("fdtresv-regions",
	      n == 3 && r[CP_FDT_MEMRESERVE].base == 0x1000 &&
		      r[CP_FDT_MEMRESERVE].size == 0x2000 &&
		      r[CP_FDT_RESERVED].base == 0x5000 &&
		      r[CP_FDT_RESERVED].size == 0x1000 &&
		      !strcmp(r[CP_FDT_RESERVED].name,
			      "/reserved-memory/a@5000") &&
		      r[CP_FDT_RELEASE_ADDR].base == 0x7ff8 &&
		      !strcmp(r[CP_FDT_RELEASE_ADDR].name, "/cpus/cpu@1"));
	CHECK("fdtresv-header-ok", cp_fdt_header_ok(fdt, sizeof(fdt)));
	CHECK("fdtresv-cut", cp_fdt_regions(fdt, 60, collect, r, &why) < 0 &&
				     !cp_fdt_header_ok(fdt, 30));
	/* (adding /cpus moved /reserved-memory) */
	rm = fdt_path_offset(fdt, "/reserved-memory");
	fdt_setprop_u32(fdt, rm, "#size-cells", 3);
	CHECK("fdtresv-cells",
	      cp_fdt_regions(fdt, fdt_totalsize(fdt), collect, r, &why) < 0);
}

static void test_iomem(void)
{
	static const char text[] = "00000000-00000fff : Reserved\n"
				   "40000000-7fffffff : System RAM\n"
				   "  40210000-4185ffff : Kernel code\n"
				   "    41000000-41000fff : deeper\n"
				   "  7fdfd000-7fffffff : reserved\n"
				   "        7fdfd000-7fffffff : skips a level\n"
				   "not a line\n"
				   "4010000000-401fffffff : PCI ECAM";
	static const char hidden[] = "00000000-00000000 : System RAM\n";
	struct cp_iomem io;

	CHECK("iomem-parse",
	      cp_iomem_parse(text, strlen(text), &io) == 6 &&
		      io.e[2].parent == 1 && io.e[3].depth == 2 &&
		      io.e[4].parent == 1 && cp_iomem_is(&io, 4, "reserved") &&
		      cp_iomem_is(&io, 0, "reserved") &&
		      !cp_iomem_is(&io, 2, "Kernel co") &&
		      io.e[5].start == 0x4010000000ULL);
	cp_iomem_free(&io);
	CHECK("iomem-hidden",
	      cp_iomem_parse(hidden, strlen(hidden), &io) == 0 && !io.e);
}

/* /proc/cpuinfo's flags: whole tokens, every CPU, none is no verdict. */
static void test_cpuinfo(void)
{
	static const char both[] = "processor\t: 0\nflags\t\t: fpu lm pae\n"
				   "processor\t: 1\nflags\t\t: fpu pae lm";
	static const char one[] = "flags\t\t: fpu lm\nflags\t\t: fpu pae\n";
	static const char lahf[] = "flags\t\t: fpu lahf_lm\n";

	CHECK("cpuinfo-every-cpu-has-lm",
	      !cp_cpuinfo_lacks_flag(both, strlen(both), "lm"));
	CHECK("cpuinfo-one-cpu-lacks-lm",
	      cp_cpuinfo_lacks_flag(one, strlen(one), "lm"));
	CHECK("cpuinfo-lahf_lm-is-not-lm",
	      cp_cpuinfo_lacks_flag(lahf, strlen(lahf), "lm"));
	CHECK("cpuinfo-no-flags-says-nothing",
	      !cp_cpuinfo_lacks_flag("processor\t: 0\n", 13, "lm"));
	CHECK("cpuinfo-cut-before-the-flag",
	      cp_cpuinfo_lacks_flag(both, strlen(both) - 3, "lm"));
}

void unit_reserve(void)
{
	test_reserve_plan();
	test_reserve_blob();
	test_reserve_e820();
	test_fdtresv();
	test_iomem();
	test_cpuinfo();
}
