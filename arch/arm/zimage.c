// SPDX-License-Identifier: MIT
/*
 * zimage.c - the 32-bit Arm zImage (Linux arch/arm/boot/compressed/
 * head.S): a position-independent decompressor carrying the kernel,
 * entered at its first byte, which decompresses the kernel to TEXT_OFFSET
 * above the start of RAM (pc & 0xf8000000 with AUTO_ZRELADDR; Linux 5.16
 * and later take the device tree's memory, rounded up to 2 MiB, when that
 * is not RAM) and first copies itself past that kernel's end when the two
 * would meet.
 *
 * The header, little-endian words: 0x24 the magic, 0x28 the link address
 * (0: position-independent; else CONFIG_ZBOOT_ROM, placed there), 0x2c
 * the end of the image, 0x30 the byte order flag, 0x34 a second magic and
 * 0x38 the offset of a table of tags (size in words, tag, data; size 0
 * ends it) whose "KLSZ" tag gives where the decompressed size is stored,
 * the kernel's .bss size and, in newer kernels (6.1's), TEXT_OFFSET and the
 * decompressor's malloc size.
 *
 * Placed as kexec-tools and U-Boot place it by default: at RAM's start +
 * TEXT_OFFSET, where the kernel will run, with one segment reserving
 * everything the decompressor and the kernel write there (its first page
 * tables below, the kernel with its .bss, the decompressor's copy of
 * itself past them), so nothing else is placed in their way.
 */
#include "arm.h"
#include "kernel.h"
#include "util.h"

#define ZI_MAGIC_OFF 0x24
#define ZI_MAGIC 0x016f2818
#define ZI_START 0x28
#define ZI_END 0x2c
#define ZI_ENDIAN 0x30
#define ZI_ENDIAN_LE 0x04030201
#define ZI_TABLE_MAGIC_OFF 0x34
#define ZI_TABLE_MAGIC 0x45454545
#define ZI_TABLE 0x38
#define ZI_HEADER_END 0x3c
#define TAG_KLSZ 0x5a534c4b /* piggy size's offset, .bss size */
#define KLSZ_WORDS 4

/* arch/arm/Makefile's default; KLSZ says another (Debian's armmp has
 * 0x208000, for Meson and Qualcomm boards). */
#define TEXT_OFFSET 0x8000
/* The first page tables lie below the kernel's text: 16 KiB, 20 KiB with
 * LPAE (PG_DIR_SIZE, arch/arm/kernel/head.S). */
#define PGDIR_BELOW 0x5000
/* Past its image the decompressor keeps a stack of 4 KiB and its malloc
 * arena (64 KiB unless KLSZ says), and a page of slack. */
#define STACK_SIZE 0x1000
#define MALLOC_SIZE 0x10000
/* Where the decompressed kernel's physical base must lie: PHYS_OFFSET
 * aligned to 2 MiB (__fixup_pv_table), found by masking pc to 128 MiB. */
#define BASE_ALIGN (2ULL << 20)
#define ZRELADDR_MASK (~0x07ffffffULL)
/* Without a KLSZ tag (older kernels): about kexec-tools' estimate. */
#define RATIO_GUESS 4

static uint32_t word(const unsigned char *file, size_t off)
{
	return (uint32_t)cp_load_le(file + off, 4);
}

/* A BE8 zImage's magic, read as little-endian. */
#define ZI_MAGIC_BE8 0x18286f01

static int zi_recognize(const struct cp_image_format *f,
			const unsigned char *file, size_t len)
{
	(void)f;
	/* a big-endian (BE8) zImage has its words swapped: taken here to
	 * be refused by name, not as a raw image */
	return len >= ZI_HEADER_END &&
	       (word(file, ZI_MAGIC_OFF) == ZI_MAGIC ||
		word(file, ZI_MAGIC_OFF) == ZI_MAGIC_BE8);
}

static int corrupt(const struct cp_loc *loc, const char *why)
{
	cp_error(loc, bad_image, "zImage header: %s", why);
	return -1;
}

/* What the KLSZ tag says: the decompressed kernel and its .bss in bytes,
 * TEXT_OFFSET and the decompressor's malloc arena (in newer kernels'
 * tags; older ones leave the defaults). */
struct klsz {
	uint64_t kernel, bss, text_offset, malloc;
};

/* The table's KLSZ tag into *k; 0 if the table has none. */
static int klsz(const unsigned char *file, size_t len, struct klsz *k)
{
	size_t at = word(file, ZI_TABLE);

	if (word(file, ZI_TABLE_MAGIC_OFF) != ZI_TABLE_MAGIC)
		return 0;
	while (at <= len - 8 && word(file, at) != 0) {
		size_t words = word(file, at);

		if (words > (len - at) / 4)
			return 0;
		if (word(file, at + 4) == TAG_KLSZ && words >= KLSZ_WORDS) {
			size_t size_at = word(file, at + 8);

			if (size_at > len - 4)
				return 0;
			k->kernel = word(file, size_at);
			k->bss = word(file, at + 12);
			if (words > KLSZ_WORDS)
				k->text_offset = word(file, at + 16);
			if (words > KLSZ_WORDS + 1)
				k->malloc = word(file, at + 20);
			return 1;
		}
		at += 4 * words;
	}
	return 0;
}

/* The header's claims against the file; *image: the zImage's bytes. */
static int check_header(const unsigned char *file, size_t len,
			const struct cp_loc *loc, size_t *image)
{
	uint32_t start = word(file, ZI_START), end = word(file, ZI_END);
	char why[200];

	if (word(file, ZI_MAGIC_OFF) != ZI_MAGIC ||
	    word(file, ZI_ENDIAN) != ZI_ENDIAN_LE)
		return corrupt(loc, "a big-endian (BE8) kernel; arm here is "
				    "little-endian");
	if (end < start || end - start < ZI_HEADER_END || end - start > len) {
		snprintf(why, sizeof(why),
			 "it says the image runs from 0x%x to 0x%x, in a file "
			 "of 0x%zx bytes: corrupt or truncated",
			 start, end, len);
		return corrupt(loc, why);
	}
	/* what follows end (an appended device tree) stays with it */
	*image = len;
	return 0;
}

/* The sizes the decompressor works with: KLSZ's, else a guess (warned). */
static void sizes(const unsigned char *file, size_t len,
		  const struct cp_loc *loc, struct klsz *k)
{
	*k = (struct klsz){ .text_offset = TEXT_OFFSET, .malloc = MALLOC_SIZE };
	if (klsz(file, len, k) && k->kernel >= len / 2 &&
	    k->text_offset % 4096 == 0 && k->text_offset < BASE_ALIGN * 4)
		return;
	*k = (struct klsz){ .kernel = RATIO_GUESS * (uint64_t)len,
			    .text_offset = TEXT_OFFSET,
			    .malloc = MALLOC_SIZE };
	cp_warn(loc, image_size,
		"this zImage states no decompressed size (no KLSZ tag: an "
		"older kernel, or a damaged table): 0x%llx bytes (%d times the "
		"file) are kept for the kernel, at TEXT_OFFSET 0x%x",
		(unsigned long long)k->kernel, RATIO_GUESS, TEXT_OFFSET);
}

/* The start of RAM the decompressor will choose for a zImage at load. */
static int ram_base(const struct cp_plan *plan, uint64_t load, uint64_t *base)
{
	uint64_t best = UINT64_MAX;

	*base = load & ZRELADDR_MASK;
	if (cp_plan_in_memory(plan, *base, 1))
		return 0;
	for (int i = 0; i < plan->nmemory; i++) {
		const struct cp_range *m = &plan->memory[i];
		uint64_t b = cp_align_up(m->base, BASE_ALIGN);

		if (b < best && b < m->base + m->size)
			best = b;
	}
	*base = best;
	return best == UINT64_MAX ? -1 : 0;
}

/* Where the zImage goes unless the description says: RAM's start +
 * TEXT_OFFSET (the lowest memory, its start rounded up to 2 MiB). */
static int default_load(const struct cp_plan *plan, const struct klsz *k,
			const struct cp_loc *loc, uint64_t *load)
{
	if (plan->nmemory > 0 && ram_base(plan, 0, load) == 0) {
		*load += k->text_offset;
		return 0;
	}
	cp_error(loc, no_room, "no memory to place the zImage in");
	return -1;
}

/* A zImage linked to run at one address (CONFIG_ZBOOT_ROM: it runs from
 * flash or ROM there, and writes to RAM only at TEXT_OFFSET) goes there;
 * *load 0 for a position-independent one. */
static int linked_at(const struct cp_plan *plan, const unsigned char *file,
		     uint64_t *load)
{
	*load = word(file, ZI_START);
	if (!*load || !plan->req.kernel.has_load ||
	    plan->req.kernel.load == *load)
		return 0;
	cp_error(CP_DESC_AT(plan, "/kernel:load"), image_align,
		 "this zImage is linked to run at 0x%llx (CONFIG_ZBOOT_ROM), "
		 "not anywhere; load 0x%llx is not that",
		 (unsigned long long)*load,
		 (unsigned long long)plan->req.kernel.load);
	return -1;
}

/*
 * [*from, *to): what the decompressor and the kernel write for a zImage
 * of image bytes at load: the page tables below the kernel's text, the
 * kernel and its .bss, the zImage where it was put with its stack and
 * malloc arena, and the copy of all that it makes past the kernel when
 * they would meet (it moves unless it lies wholly below the page tables
 * or wholly above the kernel).
 */
static void footprint(uint64_t load, size_t image, uint64_t text,
		      const struct klsz *k, uint64_t page, uint64_t *from,
		      uint64_t *to)
{
	uint64_t own = image + STACK_SIZE + k->malloc + page;
	uint64_t tables = cp_align_down(text - PGDIR_BELOW, page);

	*from = load < tables ? cp_align_down(load, page) : tables;
	*to = text + k->kernel + k->bss;
	if (load + own > *to)
		*to = load + own;
	if (load + own > tables && load < text + k->kernel &&
	    text + cp_align_up(k->kernel, 256) + own > *to)
		*to = text + cp_align_up(k->kernel, 256) + own;
}

/* What the decompressor writes must be free: it chooses where, no load
 * address moves it. 0, or -1 (reported, naming what is in the way). */
static int in_the_way(const struct cp_plan *plan, uint64_t base,
		      const struct klsz *k, uint64_t from, uint64_t to,
		      const struct cp_loc *loc)
{
	struct cp_range hit;

	if (!cp_plan_obstacle(plan, from, to - from, &hit))
		return 0;
	cp_error(loc, reserved_overlap,
		 "this zImage's decompressor puts the kernel at 0x%llx (the "
		 "start of RAM it finds, 0x%llx, + TEXT_OFFSET 0x%llx) and "
		 "writes 0x%llx..0x%llx, and 0x%llx..0x%llx is taken there "
		 "(memory the firmware keeps, or a segment); no load address "
		 "moves it: keep that memory elsewhere, or describe memory "
		 "from past it (2 MiB-aligned)",
		 (unsigned long long)(base + k->text_offset),
		 (unsigned long long)base, (unsigned long long)k->text_offset,
		 (unsigned long long)from, (unsigned long long)(to - 1),
		 (unsigned long long)hit.base,
		 (unsigned long long)(hit.base + hit.size - 1));
	return -1;
}

static int zi_load(const struct cp_image_format *f, struct cp_plan *plan,
		   const unsigned char *file, size_t len,
		   const struct cp_loc *loc)
{
	uint64_t load, base, from, to, page = plan->page_size;
	struct klsz k;
	size_t image;

	(void)f;
	if (check_header(file, len, loc, &image))
		return -1;
	sizes(file, len, loc, &k);
	if (linked_at(plan, file, &load))
		return -1;
	if (!load && plan->req.kernel.has_load)
		load = plan->req.kernel.load;
	else if (!load && default_load(plan, &k, loc, &load))
		return -1;
	if (ram_base(plan, load, &base))
		return corrupt(loc, "no memory to decompress the kernel into");
	footprint(load, image, base + k.text_offset, &k, page, &from, &to);
	if (in_the_way(plan, base, &k, from, to, loc))
		return -1;
	if (!cp_kernel_add_image_from(plan, from, load, file, image, to - load,
				      loc))
		return -1;
	plan->entry = plan->req.kernel.has_entry ? plan->req.kernel.entry :
						   load;
	plan->kernel.load = load;
	return 0;
}

const struct cp_image_format arm_zimage = {
	.name = "arm zImage",
	.recognize = zi_recognize,
	.load = zi_load,
};
