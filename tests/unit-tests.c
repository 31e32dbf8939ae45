// SPDX-License-Identifier: MIT
/*
 * unit-tests.c - unit tests of the host library: ELF kernel reader, plan
 * checks, relocation classifier and the arch rows, here; the groups of
 * unit-*.c (unit.h) run from main(), then the groups arches register
 * (arch/<arch>/tests/unit-*.c, UNIT_GROUP). Built with
 * AddressSanitizer and UBSan; prints one line per case, "PASS: name" or
 * "FAIL: name (why)", which tests/run_tests.sh counts.
 *
 * Usage: unit-tests WORKDIR   (a scratch directory for files it writes)
 */
#include <elf.h>
#include <gelf.h>
#include <libfdt.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arch.h"
#include "blob.h"
#include "blobbuild.h"
#include "checksum.h"
#include "deps.h"
#include "desc.h"
#include "fromdesc.h"
#include "diag.h"
#include "fdtfix.h"
#include "kernel.h"
#include "segtxt.h"
#include "plan.h"
#include "util.h"
#include "unit.h"

const char *unit_work;
static int failures;

void unit_verdict(const char *name, int ok, const char *cond, int line)
{
	if (ok) {
		printf("PASS: unit/%s\n", name);
	} else {
		printf("FAIL: unit/%s (%s, line %d)\n", name, cond, line);
		failures++;
	}
}

/* The groups UNIT_GROUP registered, in link order, before main() runs. */
static struct {
	const char *name;
	void (*run)(void);
} registered[16];
static int nregistered;

void unit_register(const char *name, void (*run)(void))
{
	if (nregistered == (int)(sizeof(registered) / sizeof(registered[0]))) {
		fprintf(stderr, "unit-tests: too many groups (%s)\n", name);
		abort();
	}
	registered[nregistered].name = name;
	registered[nregistered++].run = run;
}

void unit_run_registered(void)
{
	for (int i = 0; i < nregistered; i++)
		registered[i].run();
}

char *write_text(const char *name, const char *text)
{
	char *path = cp_path_join(unit_work, name);

	if (cp_write_file(path, text, strlen(text)))
		abort();
	return path;
}

const struct cp_arch *e500(void)
{
	return cp_arch_find("ppc32-e500");
}

/* ---- ELF kernel reader -------------------------------------------------- */

struct phdr_spec {
	uint32_t vaddr, paddr, filesz, memsz, flags;
};

/* A big-endian ELF32 PowerPC executable with the given PT_LOADs. */
static char *make_elf(const char *name, uint16_t machine, uint32_t entry,
		      const struct phdr_spec *ph, int n)
{
	size_t off = 52 + 32 * (size_t)n, size = off;
	unsigned char *buf;
	char *path;

	for (int i = 0; i < n; i++)
		size += ph[i].filesz;
	buf = cp_xcalloc(1, size);
	memcpy(buf, ELFMAG, SELFMAG);
	buf[EI_CLASS] = ELFCLASS32;
	buf[EI_DATA] = ELFDATA2MSB;
	buf[EI_VERSION] = EV_CURRENT;
	cp_store_be(buf + 16, 2, ET_EXEC);
	cp_store_be(buf + 18, 2, machine);
	cp_store_be(buf + 20, 4, EV_CURRENT);
	cp_store_be(buf + 24, 4, entry);
	cp_store_be(buf + 28, 4, 52);
	cp_store_be(buf + 40, 2, 52);
	cp_store_be(buf + 42, 2, 32);
	cp_store_be(buf + 44, 2, (uint64_t)n);
	for (int i = 0; i < n; i++) {
		unsigned char *p = buf + 52 + 32 * i;

		cp_store_be(p, 4, PT_LOAD);
		cp_store_be(p + 4, 4, off);
		cp_store_be(p + 8, 4, ph[i].vaddr);
		cp_store_be(p + 12, 4, ph[i].paddr);
		cp_store_be(p + 16, 4, ph[i].filesz);
		cp_store_be(p + 20, 4, ph[i].memsz);
		cp_store_be(p + 24, 4, ph[i].flags);
		memset(buf + off, 0x40 + i, ph[i].filesz);
		off += ph[i].filesz;
	}
	path = cp_path_join(unit_work, name);
	cp_write_file(path, buf, size);
	free(buf);
	return path;
}

void init_plan(struct cp_plan *p)
{
	memset(p, 0, sizeof(*p));
	p->arch = e500();
	p->page_size = p->arch->default_page_size;
	p->nseg = 1;
	p->seg[0].name = cp_xstrdup("codepage");
	p->seg[0].file = cp_xstrdup("codepage.bin");
	p->nmemory = 1;
	p->memory[0] = (struct cp_range){ 0, 0x20000000 };
	p->desc_file = "unit.dts";
}

/* cp_kernel_load() on the file at PATH, as mkcodepage reads it. */
static int load_kernel_file(struct cp_plan *p, const char *path)
{
	size_t len;
	unsigned char *file = cp_read_file(path, &len);

	return file ? cp_kernel_load(p, path, file, len) : -1;
}

/* Whether the kernel at PATH (freed) is refused by an e500 plan. */
static int kernel_refused(char *path)
{
	struct cp_plan p;
	int refused;

	init_plan(&p);
	refused = load_kernel_file(&p, path) != 0;
	cp_plan_free(&p);
	free(path);
	return refused;
}

static void test_kernel(void)
{
	struct phdr_spec two[] = {
		{ 0xc0000000, 0x0, 0x1800, 0x1800, PF_R | PF_X },
		/* shares its first page with the text: merged */
		{ 0xc0001800, 0x1800, 0x100, 0x3000, PF_R | PF_W },
		{ 0xc0100000, 0x100000, 0x10, 0x10, PF_R },
	};
	struct cp_plan p;
	char *path = make_elf("k.elf", EM_PPC, 0xc0000010, two, 3);

	init_plan(&p);
	CHECK("kernel-reads", load_kernel_file(&p, path) == 0);
	CHECK("kernel-entry-physical", p.entry == 0x10);
	CHECK("kernel-merged-pages",
	      p.nseg == 3 && p.seg[1].mem == 0 && p.seg[1].memsz == 0x5000 &&
		      p.seg[1].bufsz == 0x1900 && p.seg[1].exec);
	CHECK("kernel-bytes",
	      p.seg[1].buf[0] == 0x40 && p.seg[1].buf[0x1800] == 0x41);
	CHECK("kernel-second", p.seg[2].mem == 0x100000 && !p.seg[2].exec);
	cp_plan_free(&p);
	free(path);

	CHECK("kernel-wrong-arch",
	      kernel_refused(make_elf("arm.elf", EM_AARCH64, 0, two, 1)));
	path = make_elf("trunc.elf", EM_PPC, 0xc0000000, two, 1);
	truncate(path, 100);
	CHECK("kernel-truncated", kernel_refused(path));
	CHECK("kernel-entry-outside",
	      kernel_refused(
		      make_elf("noentry.elf", EM_PPC, 0x12345678, two, 1)));

	path = write_text("raw.bin", "raw kernel bytes");
	init_plan(&p);
	CHECK("kernel-raw-needs-load", load_kernel_file(&p, path) != 0);
	cp_plan_free(&p);
	init_plan(&p);
	p.req.kernel = (struct cp_request_kernel){
		.has_load = 1, .has_entry = 1, .load = 0x10010, .entry = 0x10010
	};
	CHECK("kernel-raw",
	      load_kernel_file(&p, path) == 0 && p.seg[1].mem == 0x10000 &&
		      p.seg[1].data_off == 0x10 && p.entry == 0x10010);
	cp_plan_free(&p);
	free(path);
}

void add(struct cp_plan *p, const char *name, uint64_t mem, uint64_t memsz)
{
	static const struct cp_loc loc = { .file = "unit.dts" };

	cp_plan_add(p, name, mem, cp_xcalloc(1, 16), 16, memsz, &loc);
}

/* A 64-byte Image header: arm64 (magic "ARM\x64" at 56) or riscv (magic2
 * "RSC\x05" at 56), then len - 64 bytes of 0x5a. */
static char *make_image(const char *name, int riscv, uint64_t toff,
			uint64_t size, uint64_t flags, size_t len)
{
	unsigned char *b = cp_xcalloc(1, len);
	char *path = cp_path_join(unit_work, name);

	for (int i = 0; i < 8; i++) {
		b[8 + i] = (unsigned char)(toff >> (8 * i));
		b[16 + i] = (unsigned char)(size >> (8 * i));
		b[24 + i] = (unsigned char)(flags >> (8 * i));
	}
	memcpy(b + 56, riscv ? "RSC\x05" : "ARM\x64", 4);
	memset(b + 64, 0x5a, len - 64);
	cp_write_file(path, b, len);
	free(b);
	return path;
}

static void image_plan(struct cp_plan *p, const char *arch, uint64_t base,
		       uint64_t size)
{
	init_plan(p);
	p->arch = cp_arch_find(arch);
	p->page_size = p->arch->default_page_size;
	p->memory[0] = (struct cp_range){ base, size };
}

static void test_kimage(void)
{
	struct cp_plan p;
	char *a64 = make_image("a64.Image", 0, 0, 0x300000, 0xa, 0x2000);
	char *rv = make_image("rv.Image", 1, 0x200000, 0x100000, 0, 0x2000);

	image_plan(&p, "arm64", 0x40100000, 0x10000000);
	CHECK("image-arm64-placed-2mib",
	      load_kernel_file(&p, a64) == 0 && p.seg[1].mem == 0x40200000 &&
		      p.entry == 0x40200000 && p.seg[1].memsz == 0x300000 &&
		      p.seg[1].bufsz == 0x2000);
	cp_plan_free(&p);

	image_plan(&p, "arm64", 0x40000000, 0x10000000);
	add(&p, "fdt", 0x40000000, 0x1000);
	CHECK("image-arm64-clear-of-segments",
	      load_kernel_file(&p, a64) == 0 && p.seg[2].mem == 0x40200000);
	cp_plan_free(&p);

	image_plan(&p, "riscv64", 0x80200000, 0x10000000);
	CHECK("image-riscv-text-offset", load_kernel_file(&p, rv) == 0 &&
						 p.seg[1].mem == 0x80200000 &&
						 p.seg[1].memsz == 0x100000);
	cp_plan_free(&p);

	image_plan(&p, "riscv64", 0x80200000, 0x10000000);
	CHECK("image-foreign-refused", load_kernel_file(&p, a64) != 0);
	cp_plan_free(&p);

	image_plan(&p, "arm64", 0x40000000, 0x100000);
	CHECK("image-no-room", load_kernel_file(&p, a64) != 0);
	cp_plan_free(&p);
	free(a64);

	a64 = make_image("be.Image", 0, 0, 0x300000, 0xb, 0x2000);
	image_plan(&p, "arm64", 0x40000000, 0x10000000);
	CHECK("image-big-endian-refused", load_kernel_file(&p, a64) != 0);
	cp_plan_free(&p);
	free(a64);

	a64 = make_image("small.Image", 0, 0, 0x1000, 0xa, 0x2000);
	image_plan(&p, "arm64", 0x40000000, 0x10000000);
	CHECK("image-size-below-file-refused", load_kernel_file(&p, a64) != 0);
	cp_plan_free(&p);
	free(a64);
	free(rv);
}

/* ---- plan checks --------------------------------------------------------- */

static void test_plan(void)
{
	struct cp_plan p;

	init_plan(&p);
	add(&p, "a", 0x0, 0x2000);
	add(&p, "b", 0x1000, 0x1000);
	CHECK("plan-overlap", cp_plan_check_segments(&p) != 0);
	cp_plan_free(&p);

	init_plan(&p);
	add(&p, "a", 0x1ffff000, 0x2000);
	CHECK("plan-outside-memory", cp_plan_check_segments(&p) != 0);
	cp_plan_free(&p);

	init_plan(&p);
	add(&p, "a", 0xfffff000, 0x2000);
	CHECK("plan-overflow", cp_plan_check_segments(&p) != 0);
	cp_plan_free(&p);

	init_plan(&p);
	for (int i = 0; i < 16; i++) {
		char name[8];

		snprintf(name, sizeof(name), "s%d", i);
		add(&p, name, 0x100000 * (uint64_t)i, 0x1000);
	}
	CHECK("plan-17-segments", cp_plan_check_segments(&p) != 0);
	cp_plan_free(&p);

	init_plan(&p);
	add(&p, "top", 0x1ffff000, 0x1000);
	add(&p, "low", 0x0, 0x1000);
	CHECK("plan-good", cp_plan_check_segments(&p) == 0 &&
				   p.seg[1].mem == 0); /* sorted */
	CHECK("plan-place-below-segment",
	      cp_plan_place_codepage(&p, 1000) == 0 &&
		      p.seg[0].mem == 0x1fffe000 && p.seg[0].memsz == 0x1000);
	CHECK("plan-placed-clear", cp_plan_check_segments(&p) == 0);
	cp_plan_free(&p);

	init_plan(&p);
	p.memory[0] = (struct cp_range){ 0, 0x100000000ULL };
	add(&p, "k", 0x0, 0x1000);
	CHECK("plan-place-below-kexec-limit",
	      cp_plan_place_codepage(&p, 4096) == 0 &&
		      p.seg[0].mem == 0x7ffff000);
	cp_plan_free(&p);

	init_plan(&p);
	p.codepage_fixed = 1;
	p.codepage_load = 0x1000;
	add(&p, "k", 0x0, 0x2000);
	CHECK("plan-codepage-overlap", cp_plan_place_codepage(&p, 100) == 0 &&
					       cp_plan_check_segments(&p) != 0);
	cp_plan_free(&p);

	init_plan(&p);
	p.memory[0] = (struct cp_range){ 0x100000000ULL, 0x1000 };
	add(&p, "k", 0x0, 0x1000);
	CHECK("plan-memory-above-4g", cp_plan_check_segments(&p) != 0);
	cp_plan_free(&p);
}

void add_full(struct cp_plan *p, const char *name, uint64_t mem, size_t len,
	      uint64_t memsz)
{
	static const struct cp_loc loc = { .file = "unit.dts" };
	unsigned char *b = cp_xcalloc(1, len);

	memset(b, 0x5a, len);
	cp_plan_add(p, name, mem, b, len, memsz, &loc);
}

/* Whether cp_blob_check refuses the blob of a 64 KiB segment at 0 and a
 * one-page codepage at CODEPAGE, in the NMEM ranges of MEM. */
static int blob_refused(struct cp_blob *b, const struct cp_image *img,
			uint64_t codepage, int nmem, const struct cp_range *mem)
{
	struct cp_plan p;
	int refused;

	init_plan(&p);
	p.nmemory = nmem;
	memcpy(p.memory, mem, sizeof(*mem) * (size_t)nmem);
	add_full(&p, "k", 0, 0x10000, 0x10000);
	p.seg[0].mem = codepage;
	p.seg[0].memsz = 0x1000;
	cp_blob_layout(b, &p, img, 0x400);
	refused = cp_blob_check(b, &p) != 0;
	cp_plan_free(&p);
	return refused;
}

static void test_blob(void)
{
	unsigned char code[40];
	struct cp_image img = { .bytes = code, .size = sizeof(code) };
	struct cp_blob *b = cp_xcalloc(1, sizeof(*b));
	struct cp_plan p;

	memset(code, 0x11, sizeof(code));
	init_plan(&p);
	add_full(&p, "high", 0x1000000, 100, 0x1000);
	add_full(&p, "low", 0x100000, 0x2000, 0x200000);
	p.seg[0].mem = 0x1fff0000;
	p.seg[0].memsz = 0x1000;
	cp_blob_layout(b, &p, &img, 0x3c0);
	CHECK("blob-sorted-by-destination",
	      b->nseg == 3 && b->seg[0].dest == 0x100000 &&
		      b->seg[1].dest == 0x1000000 && b->codepage == 2);
	CHECK("blob-packed-in-order",
	      b->mover_size == 0x3c0 && b->seg[0].offset == 0x3c0 &&
		      b->seg[0].packed == 0x2000 &&
		      b->seg[1].offset == 0x23c0 && b->seg[1].packed == 112 &&
		      b->seg[2].packed == 48 && b->size == 0x23c0 + 112 + 48);
	CHECK("blob-free-ranges",
	      b->nfree == 4 && b->free[0].base == 0 &&
		      b->free[0].size == 0x100000 &&
		      b->free[1].base == 0x300000 &&
		      b->free[3].base == 0x1fff1000 &&
		      b->free[3].base + b->free[3].size == 0x20000000);
	CHECK("blob-movable", cp_blob_check(b, &p) == 0);
	cp_plan_free(&p);

	/* all free memory within one blob's reach: a load address leaves
	 * the mover nowhere to step aside to */
	CHECK("blob-mover-cornered",
	      blob_refused(b, &img, 0x1f000, 1,
			   (const struct cp_range[]){ { 0, 0x20000 } }));
	/* larger than every memory range */
	CHECK("blob-fits-nowhere",
	      blob_refused(b, &img, 0x100000, 2,
			   (const struct cp_range[]){ { 0, 0x10000 },
						      { 0x100000, 0x10000 } }));

	/* a row without a mover refuses before anything is assembled */
	init_plan(&p);
	{
		struct cp_arch no_mover = *p.arch;
		struct cp_blob_env env = { 0 };
		unsigned char *bytes = NULL;
		size_t len = 0;

		no_mover.mover = NULL;
		p.arch = &no_mover;
		CHECK("blob-unsupported-without-mover",
		      cp_blob_build(&env, &p, &img, &bytes, &len) != 0 &&
			      !bytes);
	}
	cp_plan_free(&p);
	free(b);
}

static void test_registers(void)
{
	struct cp_plan p;
	struct cp_desc d = { 0 };
	struct cp_desc_reg regs[] = {
		{ .name = "r3", .is_expr = 1, .expr = "fdt", .file = "u" },
		{ .name = "r4", .is_expr = 1, .expr = "fdt.end", .file = "u" },
		{ .name = "r5",
		  .is_expr = 1,
		  .expr = "initrd.load?",
		  .file = "u" },
		{ .name = "r6", .value = 0x45504150, .file = "u" },
		{ .name = "msr", .value = 0x1000, .file = "u" },
	};
	struct cp_segment *s;

	init_plan(&p);
	add(&p, "fdt", 0x1f00000, 0x1000);
	s = cp_plan_find(&p, "fdt");
	s->data_off = 0x10;
	s->size = 0x20;
	d.regs = regs;
	d.nregs = 5;
	CHECK("regs-set", cp_plan_take_registers(&p, &d) == 0);
	CHECK("regs-resolve", cp_plan_resolve_registers(&p) == 0 &&
				      p.regs[3].value == 0x1f00010 &&
				      p.regs[4].value == 0x1f00030 &&
				      p.regs[5].value == 0 &&
				      p.regs[6].value == 0x45504150 &&
				      p.regs[32].value == 0x1000);
	cp_plan_free(&p);

	init_plan(&p);
	regs[0].expr = "initrd";
	d.nregs = 1;
	cp_plan_take_registers(&p, &d);
	CHECK("regs-missing-segment", cp_plan_resolve_registers(&p) != 0);
	cp_plan_free(&p);

	init_plan(&p);
	regs[0].name = "r42";
	CHECK("regs-unknown", cp_plan_take_registers(&p, &d) != 0);
	cp_plan_free(&p);

	init_plan(&p);
	regs[0].name = "r3";
	regs[0].is_expr = 0;
	regs[0].value = 0x100000000ULL;
	cp_plan_take_registers(&p, &d);
	CHECK("regs-too-wide", cp_plan_resolve_registers(&p) != 0);
	cp_plan_free(&p);
}

/* ---- device-tree fixups and segments.txt ---------------------------------- */

static void test_fdtfix(void)
{
	struct cp_plan p;
	unsigned char *tree = cp_xcalloc(1, 4096);
	struct cp_request_segment segs[2] = {
		{ .name = "fdt",
		  .node = "/segments/fdt",
		  .bootargs = "quiet",
		  .initrd = "initrd",
		  .memory_node = 1 },
		{ .name = "initrd", .node = "/segments/initrd" },
	};
	const struct cp_request asks = { .segments = segs, .nsegments = 2 };
	struct cp_segment *s;
	const void *fdt;
	const char *args;
	const unsigned char *v;
	int len, node;

	fdt_create_empty_tree(tree, 4096);
	fdt_setprop_u32(tree, 0, "#address-cells", 2);
	fdt_setprop_u32(tree, 0, "#size-cells", 1);
	fdt_pack(tree);
	init_plan(&p);
	p.nmemory = 2;
	p.memory[1] = (struct cp_range){ 0x100000000ULL, 0x1000 };
	cp_plan_add(&p, "fdt", 0x1000, tree, fdt_totalsize(tree), 0x1000,
		    &(struct cp_loc){ .file = "unit" });
	add(&p, "initrd", 0x8000, 0x1000);
	s = cp_plan_find(&p, "initrd");
	s->data_off = 0x10;
	s->size = 0x20;
	p.req = asks;
	CHECK("fdtfix-applies", cp_fdtfix_apply(&p) == 0);
	fdt = cp_plan_find(&p, "fdt")->buf;
	node = fdt_path_offset(fdt, "/chosen");
	args = fdt_getprop(fdt, node, "bootargs", &len);
	CHECK("fdtfix-bootargs", args && !strcmp(args, "quiet"));
	v = fdt_getprop(fdt, node, "linux,initrd-start", &len);
	CHECK("fdtfix-initrd-start",
	      v && len == 8 && cp_load_be(v, 8) == 0x8010);
	v = fdt_getprop(fdt, node, "linux,initrd-end", &len);
	CHECK("fdtfix-initrd-end", v && len == 8 && cp_load_be(v, 8) == 0x8030);
	node = fdt_path_offset(fdt, "/memory@0");
	v = fdt_getprop(fdt, node, "reg", &len);
	CHECK("fdtfix-memory-node",
	      v && len == 24 && cp_load_be(v + 12, 8) == 0x100000000ULL);
	p.req = (struct cp_request){ 0 }; /* segs is not the plan's */
	cp_plan_free(&p);

	init_plan(&p);
	add(&p, "fdt", 0x1000, 0x1000); /* sixteen zero bytes: no tree */
	segs[0].initrd = NULL;
	p.req = asks;
	CHECK("fdtfix-not-a-tree", cp_fdtfix_apply(&p) != 0);
	p.req = (struct cp_request){ 0 };
	cp_plan_free(&p);
}

static void test_segtxt(void)
{
	struct cp_segtxt t;
	char *dir = cp_path_join(unit_work, "segtxt");

	mkdir(dir, 0755);
	free(write_text("segtxt/segments.txt",
			"entry 0x1000\nlist-entry 0x1008\n"
			"segment 0 mem=0x1000 memsz=0x1000 "
			"file=codepage.bin bufsz=0x400\n"));
	CHECK("segtxt-reads", cp_segtxt_read(dir, &t) == 0 &&
				      t.entry == 0x1000 &&
				      t.list_entry == 0x1008 && t.nseg == 1 &&
				      t.seg[0].bufsz == 0x400 &&
				      strstr(t.seg[0].file, "codepage.bin"));
	cp_segtxt_free(&t);
	free(write_text("segtxt/segments.txt",
			"entry 0x1000\nsegment 1 mem=0x0\n"));
	CHECK("segtxt-rejects", cp_segtxt_read(dir, &t) != 0);
	cp_segtxt_free(&t);
	free(dir);
}

/* ---- relocation classifier -------------------------------------------------- */

static void test_relocs(void)
{
	const struct cp_arch *a = e500();
	const struct cp_reloc_type *t;

	t = cp_arch_reloc(a, R_PPC_REL24);
	CHECK("reloc-rel24-pcrel", t && t->kind == CP_RELOC_PCREL);
	t = cp_arch_reloc(a, R_PPC_REL16_HA);
	CHECK("reloc-rel16ha-pcrel", t && t->kind == CP_RELOC_PCREL);
	t = cp_arch_reloc(a, R_PPC_ADDR32);
	CHECK("reloc-addr32-abs", t && t->kind == CP_RELOC_ABS);
	t = cp_arch_reloc(a, R_PPC_ADDR16_HA);
	CHECK("reloc-addr16ha-abs", t && t->kind == CP_RELOC_ABS);
	t = cp_arch_reloc(a, R_PPC_NONE);
	CHECK("reloc-none", t && t->kind == CP_RELOC_NONE);
	CHECK("reloc-unknown", cp_arch_reloc(a, 200) == NULL &&
				       cp_arch_reloc(a, R_PPC_TPREL16) == NULL);
	CHECK("arch-by-elf",
	      cp_arch_by_elf(EM_PPC, ELFCLASS32, ELFDATA2MSB) == a &&
		      !cp_arch_by_elf(EM_PPC, ELFCLASS32, ELFDATA2LSB));
	CHECK("arch-alias", cp_arch_find("e500") == a);
}

static void test_util(void)
{
	unsigned char b[8];

	cp_store_be(b, 4, 0x12345678);
	CHECK("util-be",
	      b[0] == 0x12 && b[3] == 0x78 && cp_load_be(b, 4) == 0x12345678);
	CHECK("util-align", cp_align_up(0x1001, 0x1000) == 0x2000 &&
				    cp_align_down(0x1fff, 0x1000) == 0x1000);
	{
		char *j = cp_path_join("dir", "/abs");

		CHECK("util-join-absolute", !strcmp(j, "/abs"));
		free(j);
	}
}

/* ---- segment checksums (known answers) -------------------------------- */

static void test_checksum(void)
{
	unsigned char ones[128], count[64];
	struct cp_blocksum s;

	memset(ones, 1, sizeof(ones));
	for (int i = 0; i < 64; i++)
		count[i] = (unsigned char)i;
	/* the CRC-32C check value (RFC 3720, and every CRC catalogue) */
	CHECK("crc32c-check-value",
	      cp_crc32c(0, "123456789", 9) == 0xe3069283u);
	CHECK("crc32c-continues",
	      cp_crc32c(cp_crc32c(0, "1234", 4), "56789", 5) == 0xe3069283u);
	/* 8-byte words of 0x01: s1 = 8 words per block, s2 after each */
	s = cp_blocksum(ones, sizeof(ones), 64, 8, 0);
	CHECK("blocksum-64-bit",
	      s.s1 == 0x1010101010101010ULL && s.s2 == 0x2828282828282828ULL);
	s = cp_blocksum(ones, sizeof(ones), 0, 4, 1);
	CHECK("blocksum-32-bit", s.s1 == 0x20202020 && s.s2 == 0x30303030);
	/* byte order: 00 01 02 03 is 0x00010203 big-endian, the reverse little */
	s = cp_blocksum(count, 4, 60, 4, 1);
	CHECK("blocksum-big-endian", s.s1 == 0x00010203 && s.s2 == 0x00010203);
	s = cp_blocksum(count, 4, 60, 4, 0);
	CHECK("blocksum-little-endian", s.s1 == 0x03020100);
	/* a word swap across blocks changes s2, and any one byte s1 */
	{
		unsigned char a[128] = { 1 }, b[128] = { 0 };

		b[64] = 1;
		CHECK("blocksum-position",
		      cp_blocksum(a, 128, 0, 8, 0).s2 !=
			      cp_blocksum(b, 128, 0, 8, 0).s2);
	}
	/* 32-bit sums wrap at 2^32 */
	memset(ones, 0xff, sizeof(ones));
	s = cp_blocksum(ones, 64, 0, 4, 1);
	CHECK("blocksum-wraps", s.s1 == 0xfffffff0u);
}

/* ---- every arch row has what gen/ needs -------------------------------- */

/* Each image format a row lists has its name and both hooks, and one bound
 * to a protocol says what its files have (for "this one has no ..."). */
static int formats_complete(const struct cp_arch *a)
{
	for (int i = 0; a->image_formats && a->image_formats[i]; i++) {
		const struct cp_image_format *f = a->image_formats[i];

		if (!f->name || !f->recognize || !f->load ||
		    (f->protocol && !f->needs))
			return 0;
	}
	return 1;
}

static int row_complete(const struct cp_arch *a)
{
	return a->name && a->summary && a->uboot_arches && a->uboot_arches[0] &&
	       a->elf.machine && a->elf.cls && a->elf.data &&
	       a->cross_prefixes && a->cross_prefixes[0] &&
	       a->binutils_package && a->as_flags && a->ld_emulation &&
	       a->ldscript && a->srcdir && a->sources && a->sources[0] &&
	       a->preamble && a->relocs && a->nrelocs && a->abs_allowed &&
	       a->registers && a->registers[0] && a->register_summary &&
	       a->reg_bytes && a->page_size &&
	       !(a->page_size & (a->page_size - 1)) && a->addr_limit &&
	       a->max_segments && a->codepage_align &&
	       !(a->codepage_align & (a->codepage_align - 1)) && a->prepare &&
	       a->emit_plan && a->describe && formats_complete(a);
}

static void test_arch_rows(void)
{
	int n = 0, complete = 0;

	for (const struct cp_arch *const *a = cp_arches; *a; a++, n++)
		if (row_complete(*a))
			complete++;
		else
			fprintf(stderr,
				"unit-tests: arch row '%s' is incomplete\n",
				(*a)->name ? (*a)->name : "?");
	CHECK("arch-rows-complete", n >= 3 && complete == n);
}

/* ---- depfiles of the programs we run --------------------------------- */

static void test_deps(void)
{
	struct cp_strlist l = { 0 };
	char *as = write_text("as.d",
			      "x.o: a\\ b$$c d\\\\\\ e \\\n f\\#g \\\\h\n");
	char *spaced = write_text("a b c", "");
	char *dtc_text =
		cp_xasprintf("out.dtb: %s %s/plain\n", spaced, unit_work);
	char *dtc = write_text("dtc.d", dtc_text);
	char *plain = cp_xasprintf("%s/plain", unit_work);

	cp_deps_read_as(as, &l);
	CHECK("deps-as-make-quoting", l.n == 4 && !strcmp(l.v[0], "a b$c") &&
					      !strcmp(l.v[1], "d\\ e") &&
					      !strcmp(l.v[2], "f#g") &&
					      !strcmp(l.v[3], "\\\\h"));
	cp_strlist_free(&l);
	cp_deps_read_dtc(dtc, "out.dtb", &l);
	CHECK("deps-dtc-spaces-rejoined",
	      l.n == 2 && !strcmp(l.v[0], spaced) && !strcmp(l.v[1], plain));
	cp_strlist_free(&l);
	cp_deps_read_dtc(dtc, "other.dtb", &l);
	CHECK("deps-dtc-other-target", l.n == 0);
	free(as);
	free(spaced);
	free(dtc_text);
	free(dtc);
	free(plain);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: unit-tests WORKDIR\n");
		return 2;
	}
	unit_work = argv[1];
	cp_diag_set_program("unit-tests");
	unit_desc();
	test_kernel();
	test_kimage();
	test_plan();
	test_blob();
	test_registers();
	test_fdtfix();
	test_segtxt();
	test_relocs();
	test_util();
	test_deps();
	test_checksum();
	test_arch_rows();
	unit_reserve();
	unit_run_registered();
	return failures ? 1 : 0;
}
