// SPDX-License-Identifier: MIT
/*
 * multiboot.c - Multiboot (0.6.96) and Multiboot2 (2.0) kernels for the
 * protocols multiboot and multiboot2: the kernel's header found and
 * checked (address fields or ELF, flags and tags a loader must refuse
 * when it cannot honour them), and the information structure the kernel
 * finds through ebx, built here at build time from the description:
 * memory map, modules from segments, command lines, loader name.
 *
 * Command lines start with the image's name, as GRUB Legacy and QEMU
 * pass them; kernels that know this (Xen) drop the first word.
 */
#include "bootinfo.h"
#include "kernel.h"
#include "util.h"
#include "x86.h"

#include <elf.h>
#include <stdlib.h>
#include <string.h>

#define MB1_MAGIC 0x1badb002
#define MB1_SEARCH 8192 /* the header lies in the first 8 KiB */
#define MB1_PAGE_ALIGN 0x1 /* flags: modules page-aligned */
#define MB1_MEMORY 0x2 /* flags: memory information wanted */
#define MB1_ADDRESS 0x10000 /* flags: the address fields are valid */
#define MB2_MAGIC 0xe85250d6
#define MB2_SEARCH 32768
#define MB2_OPTIONAL 0x1 /* a header tag's flags */
#define GIB4 (1ULL << 32)
#define LOADER_NAME "mkcodepage"

/* mb1 information structure: fields and flags */
#define MB1_INFO_SIZE 120
#define MBI_FLAGS 0
#define MBI_MEM_LOWER 4 /* and mem_upper at 8 */
#define MBI_CMDLINE 16
#define MBI_MODS 20 /* mods_count, mods_addr */
#define MBI_MMAP 44 /* mmap_length, mmap_addr */
#define MBI_LOADER 64 /* boot_loader_name */
#define MBI_HAS_MEM 0x1
#define MBI_HAS_CMDLINE 0x4
#define MBI_HAS_MODS 0x8
#define MBI_HAS_MMAP 0x40
#define MBI_HAS_LOADER 0x200

/* mb2 information tags, the ones given here */
enum {
	MB2_TAG_END = 0,
	MB2_TAG_CMDLINE = 1,
	MB2_TAG_LOADER = 2,
	MB2_TAG_MODULE = 3,
	MB2_TAG_MEMINFO = 4,
	MB2_TAG_MMAP = 6,
};

/* mb2 header tags */
enum {
	MB2_HT_END = 0,
	MB2_HT_REQUEST = 1,
	MB2_HT_ADDRESS = 2,
	MB2_HT_ENTRY = 3,
	MB2_HT_CONSOLE = 4,
	MB2_HT_FRAMEBUFFER = 5,
	MB2_HT_MODALIGN = 6,
	MB2_HT_EFI_BS = 7,
	MB2_HT_EFI_I386 = 8,
	MB2_HT_EFI_AMD64 = 9,
	MB2_HT_RELOCATABLE = 10,
};

/* The address fields both versions share. */
struct mb_addresses {
	uint32_t header, load, load_end, bss_end;
};

static int mb_error(const struct cp_loc *loc, const char *version,
		    const char *why)
{
	cp_error(loc, bad_image, "%s header: %s", version, why);
	return -1;
}

/* ---- finding the headers ----------------------------------------------- */

/* File offset of a Multiboot header with a good checksum, or -1. */
static long mb1_find(const unsigned char *file, size_t len)
{
	for (size_t off = 0; off + 12 <= len && off < MB1_SEARCH; off += 4)
		if (x86_get32(file + off) == MB1_MAGIC &&
		    (uint32_t)(MB1_MAGIC + x86_get32(file + off + 4) +
			       x86_get32(file + off + 8)) == 0)
			return (long)off;
	return -1;
}

/* File offset of a Multiboot2 header (i386, whole, checksum good), or -1. */
static long mb2_find(const unsigned char *file, size_t len)
{
	for (size_t off = 0; off + 16 <= len && off < MB2_SEARCH; off += 8) {
		uint32_t arch = x86_get32(file + off + 4);
		uint32_t hlen = x86_get32(file + off + 8);

		if (x86_get32(file + off) == MB2_MAGIC && arch == 0 &&
		    hlen >= 16 && hlen <= len - off &&
		    (uint32_t)(MB2_MAGIC + arch + hlen +
			       x86_get32(file + off + 12)) == 0)
			return (long)off;
	}
	return -1;
}

static int mb1_recognize(const struct cp_image_format *f,
			 const unsigned char *file, size_t len)
{
	(void)f;
	return mb1_find(file, len) >= 0;
}

static int mb2_recognize(const struct cp_image_format *f,
			 const unsigned char *file, size_t len)
{
	(void)f;
	return mb2_find(file, len) >= 0;
}

/* ---- loading ------------------------------------------------------------ */

/*
 * The kernel by its address fields, the header found at file offset
 * hoff; entry checked to lie in what they load. Multiboot2 (mb2) also
 * lets load_addr be -1: the file from its start. 0 or -1 (reported).
 */
static int load_by_address(struct cp_plan *plan, const unsigned char *file,
			   size_t len, size_t hoff,
			   const struct mb_addresses *a, uint32_t entry,
			   int mb2, const struct cp_loc *loc)
{
	const char *version = mb2 ? "Multiboot2" : "Multiboot";
	uint64_t load = a->load, start, size, memsz;
	char why[240];

	if (mb2 && a->load == 0xffffffff) {
		load = (uint64_t)a->header - hoff; /* the file from its start */
		start = 0;
		if (a->header < hoff)
			return mb_error(loc, version,
					"header_addr lies below "
					"the file's start");
	} else if (a->load > a->header || a->header - a->load > hoff) {
		snprintf(why, sizeof(why),
			 "load_addr 0x%x and header_addr 0x%x put the load "
			 "before the file's start (the header is at offset "
			 "0x%zx): the header lies",
			 a->load, a->header, hoff);
		return mb_error(loc, version, why);
	} else {
		start = hoff - (a->header - a->load);
	}
	size = a->load_end ? (uint64_t)a->load_end - load : len - start;
	if (a->load_end && a->load_end < load)
		return mb_error(loc, version,
				"load_end_addr is below load_addr");
	if (size > len - start || size == 0) {
		snprintf(why, sizeof(why),
			 "load_end_addr asks for 0x%llx bytes from offset "
			 "0x%llx; the file has 0x%zx: the header lies or the "
			 "file is truncated",
			 (unsigned long long)size, (unsigned long long)start,
			 len);
		return mb_error(loc, version, why);
	}
	memsz = a->bss_end ? (uint64_t)a->bss_end - load : size;
	if (a->bss_end && a->bss_end < load + size)
		return mb_error(loc, version,
				"bss_end_addr is below the end of "
				"what is loaded");
	if (entry < load || entry >= load + memsz) {
		snprintf(why, sizeof(why),
			 "entry 0x%x lies outside what it loads, [0x%llx, "
			 "0x%llx): the header lies",
			 entry, (unsigned long long)load,
			 (unsigned long long)(load + memsz));
		return mb_error(loc, version, why);
	}
	if (!cp_kernel_add_image(plan, load, file + start, size, memsz, loc))
		return -1;
	plan->entry = entry;
	return 0;
}

/* An ELF Multiboot kernel: 32-bit (i386) or the arch's 64-bit ELF. */
static int load_elf(struct cp_plan *plan, const unsigned char *file, size_t len,
		    const char *version, const struct cp_loc *loc)
{
	static const struct cp_elf_identity i386 = { EM_386, ELFCLASS32,
						     ELFDATA2LSB };

	if (len < SELFMAG || memcmp(file, ELFMAG, SELFMAG))
		return mb_error(loc, version,
				"the kernel is not ELF and gives "
				"no address fields to load it by");
	return cp_kernel_load_elf(plan, file, len, &i386, loc);
}

/* The kernel entered in 32-bit mode must lie below 4 GiB. */
static int below_4g(const struct cp_plan *plan, const char *version,
		    const struct cp_loc *loc)
{
	for (int i = 1; i < plan->nseg; i++)
		if (!strncmp(plan->seg[i].name, "kernel.", 7) &&
		    plan->seg[i].mem + plan->seg[i].memsz > GIB4)
			return mb_error(loc, version,
					"the kernel loads above 4 GiB, where "
					"32-bit protected mode cannot reach");
	return 0;
}

static int mb1_load(const struct cp_image_format *f, struct cp_plan *plan,
		    const unsigned char *file, size_t len,
		    const struct cp_loc *loc)
{
	size_t off = (size_t)mb1_find(file, len);
	uint32_t flags = x86_get32(file + off + 4);
	uint32_t unknown = flags & 0xffff & ~(MB1_PAGE_ALIGN | MB1_MEMORY);
	int err;

	(void)f; /* cp_kernel_load notes it (plan->kernel) */
	if (unknown) {
		char why[160];

		snprintf(why, sizeof(why),
			 "flags 0x%x ask for %s, which this loader cannot give "
			 "(the specification says to refuse the kernel)",
			 flags,
			 unknown & 0x4 ? "a video mode (bit 2)" :
					 "something unknown (bits 3-15)");
		return mb_error(loc, "Multiboot", why);
	}
	if (flags & MB1_ADDRESS) {
		const unsigned char *h = file + off;
		struct mb_addresses a;

		if (off + 32 > len)
			return mb_error(loc, "Multiboot",
					"the address fields "
					"run past the file's end");
		a = (struct mb_addresses){ x86_get32(h + 12), x86_get32(h + 16),
					   x86_get32(h + 20),
					   x86_get32(h + 24) };
		err = load_by_address(plan, file, len, off, &a,
				      x86_get32(h + 28), 0, loc);
	} else {
		err = load_elf(plan, file, len, "Multiboot", loc);
	}
	if (err || below_4g(plan, "Multiboot", loc))
		return -1;
	if (plan->req.kernel.has_entry)
		plan->entry = plan->req.kernel.entry;
	plan->kernel.page_align_modules = flags & MB1_PAGE_ALIGN;
	return 0;
}

/* The information tags mb2_info() gives. */
static int mb2_given(uint32_t type)
{
	return type == MB2_TAG_CMDLINE || type == MB2_TAG_LOADER ||
	       type == MB2_TAG_MODULE || type == MB2_TAG_MEMINFO ||
	       type == MB2_TAG_MMAP;
}

/*
 * One header tag: address and entry read into *a, *entry; a required
 * request for something not given here refused. 0 or -1.
 */
static int mb2_header_tag(const unsigned char *t, uint32_t size,
			  struct mb_addresses *a, int *has_a, uint32_t *entry,
			  int *has_entry, int *modalign,
			  const struct cp_loc *loc)
{
	unsigned type = x86_get16(t),
		 optional = x86_get16(t + 2) & MB2_OPTIONAL;
	char why[200];

	switch (type) {
	case MB2_HT_REQUEST:
		for (uint32_t i = 8; i + 4 <= size && !optional; i += 4)
			if (!mb2_given(x86_get32(t + i))) {
				snprintf(why, sizeof(why),
					 "it requires information tag %u, "
					 "which this loader does not give "
					 "(it gives 1, 2, 3, 4 and 6)",
					 x86_get32(t + i));
				return mb_error(loc, "Multiboot2", why);
			}
		return 0;
	case MB2_HT_ADDRESS:
		if (size < 24)
			break;
		*a = (struct mb_addresses){ x86_get32(t + 8), x86_get32(t + 12),
					    x86_get32(t + 16),
					    x86_get32(t + 20) };
		*has_a = 1;
		return 0;
	case MB2_HT_ENTRY:
		if (size < 12)
			break;
		*entry = x86_get32(t + 8);
		*has_entry = 1;
		return 0;
	case MB2_HT_MODALIGN: *modalign = 1; return 0;
	case MB2_HT_CONSOLE: /* only its "console required" bit matters */
		if (size >= 12 && x86_get32(t + 8) & 1 && !optional)
			return mb_error(loc, "Multiboot2",
					"it requires a console description, "
					"which this loader does not give");
		return 0;
	case MB2_HT_EFI_BS: /* EFI only: the codepage runs without EFI */
	case MB2_HT_EFI_I386:
	case MB2_HT_EFI_AMD64:
	case MB2_HT_RELOCATABLE: /* it may also run where it is linked */
		return 0;
	default:
		if (optional)
			return 0;
		snprintf(why, sizeof(why),
			 "it requires header tag %u (%s), which this loader "
			 "cannot honour",
			 type,
			 type == MB2_HT_FRAMEBUFFER ? "a framebuffer" :
						      "unknown");
		return mb_error(loc, "Multiboot2", why);
	}
	snprintf(why, sizeof(why), "header tag %u has size %u, too small", type,
		 size);
	return mb_error(loc, "Multiboot2", why);
}

static int mb2_load(const struct cp_image_format *f, struct cp_plan *plan,
		    const unsigned char *file, size_t len,
		    const struct cp_loc *loc)
{
	size_t off = (size_t)mb2_find(file, len);
	size_t end = off + x86_get32(file + off + 8), t = off + 16;
	struct mb_addresses a = { 0 };
	uint32_t entry = 0;
	int has_a = 0, has_entry = 0, modalign = 0, err;

	(void)f; /* cp_kernel_load notes it (plan->kernel) */
	for (;;) {
		uint32_t size = t + 8 <= end ? x86_get32(file + t + 4) : 0;

		if (size < 8 || size > end - t)
			return mb_error(loc, "Multiboot2",
					"its tags run past the header's length "
					"without an end tag: corrupt");
		if (x86_get16(file + t) == MB2_HT_END)
			break;
		if (mb2_header_tag(file + t, size, &a, &has_a, &entry,
				   &has_entry, &modalign, loc))
			return -1;
		t += cp_align_up(size, 8);
	}
	if (has_a && !has_entry)
		return mb_error(loc, "Multiboot2",
				"an address tag without an "
				"entry address tag");
	err = has_a ? load_by_address(plan, file, len, off, &a, entry, 1, loc) :
		      load_elf(plan, file, len, "Multiboot2", loc);
	if (err || below_4g(plan, "Multiboot2", loc))
		return -1;
	if (has_entry && !has_a)
		plan->entry = entry;
	if (plan->req.kernel.has_entry)
		plan->entry = plan->req.kernel.entry;
	plan->kernel.page_align_modules = modalign;
	return 0;
}

const struct cp_image_format x86_multiboot = {
	.name = "Multiboot",
	.protocol = "multiboot",
	.needs = "Multiboot header (magic 0x1badb002, flags and checksum "
		 "summing to 0, 4-byte aligned in the first 8192 bytes)",
	.recognize = mb1_recognize,
	.load = mb1_load,
};

const struct cp_image_format x86_multiboot2 = {
	.name = "Multiboot2",
	.protocol = "multiboot2",
	.needs = "Multiboot2 header (magic 0xe85250d6, architecture 0, "
		 "checksum good, 8-byte aligned in the first 32768 bytes)",
	.recognize = mb2_recognize,
	.load = mb2_load,
};

/* ---- the information structures ----------------------------------------- */

struct mb_module {
	uint32_t start, end; /* [start, end) */
	char *cmdline;
};

/* What both information structures say, gathered from the plan. */
struct mb_boot {
	char *cmdline;
	struct mb_module *mods;
	int nmods;
	struct cp_map_entry *map;
	int nmap;
	uint32_t lower, upper; /* KiB */
};

static void mb_boot_free(struct mb_boot *b)
{
	free(b->cmdline);
	for (int i = 0; i < b->nmods; i++)
		free(b->mods[i].cmdline);
	free(b->mods);
	free(b->map);
}

/* One segment with module: where it lies, its command line. */
static int gather_module(const struct cp_plan *plan,
			 const struct cp_request_segment *ds, int page_align,
			 struct mb_module *m)
{
	struct cp_loc loc = cp_loc_at(plan->desc_file, ds->node);
	const struct cp_segment *s = cp_plan_find(plan, ds->name);
	uint64_t start = s->mem + s->data_off;

	if (start + s->size > GIB4 || (page_align && start % 4096)) {
		cp_error(&loc, segment_align,
			 "a module goes below 4 GiB%s; this one is at 0x%llx",
			 page_align ? " and page-aligned, as the kernel asks" :
				      "",
			 (unsigned long long)start);
		return -1;
	}
	m->start = (uint32_t)start;
	m->end = (uint32_t)(start + s->size);
	m->cmdline = x86_command_line(ds->file ? ds->file : ds->name,
				      ds->module_args, &loc);
	return m->cmdline ? 0 : -1;
}

static int gather(struct cp_plan *plan, int max_map, struct mb_boot *b)
{
	struct cp_loc loc = cp_loc_at(plan->desc_file, "/kernel");

	memset(b, 0, sizeof(*b));
	b->cmdline = x86_command_line(plan->kernel_file,
				      plan->req.kernel.cmdline, &loc);
	if (!b->cmdline)
		return -1;
	b->mods = cp_xcalloc((size_t)plan->req.nsegments + 1, sizeof(*b->mods));
	for (int i = 0; i < plan->req.nsegments; i++)
		if (plan->req.segments[i].module &&
		    gather_module(plan, &plan->req.segments[i],
				  plan->kernel.page_align_modules,
				  &b->mods[b->nmods++]))
			return -1;
	x86_lower_upper(plan, &b->lower, &b->upper);
	return cp_memory_map(plan, &b->map, &b->nmap, max_map);
}

/* A string at *pos in buf (at address base): its address. */
static uint32_t put_string(unsigned char *buf, uint64_t base, size_t *pos,
			   const char *s)
{
	size_t at = *pos;

	memcpy(buf + at, s, strlen(s) + 1);
	*pos += strlen(s) + 1;
	return (uint32_t)(base + at);
}

/*
 * Multiboot's structure: the 120-byte information, the memory map, the
 * module list, then the strings; one segment below 4 GiB.
 */
static int mb1_info(struct cp_plan *plan, const struct mb_boot *b)
{
	size_t map_at = 128, mods_at = map_at + 24 * (size_t)b->nmap;
	size_t pos = mods_at + 16 * (size_t)b->nmods;
	size_t size = pos + strlen(b->cmdline) + sizeof(LOADER_NAME) + 1;
	unsigned char *buf;
	uint64_t base;

	for (int i = 0; i < b->nmods; i++)
		size += strlen(b->mods[i].cmdline) + 1;
	buf = cp_xcalloc(1, size);
	if (cp_plan_add_data(plan, "multiboot_info", buf, size, 8, GIB4, &base))
		return -1;
	x86_put32(buf + MBI_FLAGS, MBI_HAS_MEM | MBI_HAS_CMDLINE |
					   MBI_HAS_MODS | MBI_HAS_MMAP |
					   MBI_HAS_LOADER);
	x86_put32(buf + MBI_MEM_LOWER, b->lower);
	x86_put32(buf + MBI_MEM_LOWER + 4, b->upper);
	x86_put32(buf + MBI_CMDLINE, put_string(buf, base, &pos, b->cmdline));
	x86_put32(buf + MBI_MODS, (uint32_t)b->nmods);
	x86_put32(buf + MBI_MODS + 4, (uint32_t)(base + mods_at));
	for (int i = 0; i < b->nmods; i++) {
		unsigned char *m = buf + mods_at + 16 * i;

		x86_put32(m, b->mods[i].start);
		x86_put32(m + 4, b->mods[i].end);
		x86_put32(m + 8,
			  put_string(buf, base, &pos, b->mods[i].cmdline));
	}
	/* each entry: its size (20, not counting the size field), then
	 * base, length and type */
	x86_put32(buf + MBI_MMAP, 24 * (uint32_t)b->nmap);
	x86_put32(buf + MBI_MMAP + 4, (uint32_t)(base + map_at));
	for (int i = 0; i < b->nmap; i++) {
		unsigned char *e = buf + map_at + 24 * i;

		x86_put32(e, 20);
		x86_put64(e + 4, b->map[i].base);
		x86_put64(e + 12, b->map[i].size);
		x86_put32(e + 20, b->map[i].type);
	}
	x86_put32(buf + MBI_LOADER, put_string(buf, base, &pos, LOADER_NAME));
	return 0;
}

/* An mb2 tag at *pos: type and size written, *pos past it (8-aligned). */
static unsigned char *mb2_tag(unsigned char *buf, size_t *pos, uint32_t type,
			      size_t size)
{
	unsigned char *t = buf + *pos;

	x86_put32(t, type);
	x86_put32(t + 4, (uint32_t)size);
	*pos += cp_align_up(size, 8);
	return t;
}

static size_t mb2_string_tag(unsigned char *buf, size_t *pos, uint32_t type,
			     size_t head, const char *s)
{
	unsigned char *t = mb2_tag(buf, pos, type, head + strlen(s) + 1);

	memcpy(t + head, s, strlen(s) + 1);
	return (size_t)(t - buf);
}

/* Multiboot2's structure: its tags, 8-aligned, in one segment. */
static int mb2_info(struct cp_plan *plan, const struct mb_boot *b)
{
	size_t size = 8 + 8 + strlen(b->cmdline) + 8 + 8 + sizeof(LOADER_NAME) +
		      8 + 16 + 8 + 16 + 24 * (size_t)b->nmap + 8 + 8;
	size_t pos = 8;
	unsigned char *buf, *t;
	uint64_t base;

	for (int i = 0; i < b->nmods; i++)
		size += 16 + strlen(b->mods[i].cmdline) + 1 + 8;
	buf = cp_xcalloc(1, size);
	mb2_string_tag(buf, &pos, MB2_TAG_CMDLINE, 8, b->cmdline);
	mb2_string_tag(buf, &pos, MB2_TAG_LOADER, 8, LOADER_NAME);
	for (int i = 0; i < b->nmods; i++) {
		t = buf + mb2_string_tag(buf, &pos, MB2_TAG_MODULE, 16,
					 b->mods[i].cmdline);
		x86_put32(t + 8, b->mods[i].start);
		x86_put32(t + 12, b->mods[i].end);
	}
	t = mb2_tag(buf, &pos, MB2_TAG_MEMINFO, 16);
	x86_put32(t + 8, b->lower);
	x86_put32(t + 12, b->upper);
	t = mb2_tag(buf, &pos, MB2_TAG_MMAP, 16 + 24 * (size_t)b->nmap);
	x86_put32(t + 8, 24); /* entry_size; entry_version 0 */
	for (int i = 0; i < b->nmap; i++) {
		unsigned char *e = t + 16 + 24 * i;

		x86_put64(e, b->map[i].base);
		x86_put64(e + 8, b->map[i].size);
		x86_put32(e + 16, b->map[i].type);
	}
	mb2_tag(buf, &pos, MB2_TAG_END, 8);
	x86_put32(buf, (uint32_t)pos); /* total_size */
	return cp_plan_add_data(plan, "multiboot_info", buf, pos, 8, GIB4,
				&base);
}

int x86_multiboot_info(struct cp_plan *plan)
{
	struct mb_boot b;
	int err = gather(plan, 64, &b);

	if (!err)
		err = strcmp(plan->protocol, "multiboot2") ?
			      mb1_info(plan, &b) :
			      mb2_info(plan, &b);
	mb_boot_free(&b);
	if (!err)
		plan->took |= CP_TOOK_CMDLINE | CP_TOOK_MODULES |
			      CP_TOOK_RESERVED;
	return err;
}
