// SPDX-License-Identifier: MIT
/*
 * atags.c - protocol linux-arm-atags: the tagged list 32-bit Arm kernels
 * older than device trees are booted with (Documentation/arch/arm/
 * booting.rst, section 4a; the tags as arch/arm/include/uapi/asm/setup.h
 * numbers them), built at build time as segment "atags": ATAG_CORE, an
 * ATAG_MEM for each range of RAM the description gives (its
 * reserved-memory left out: a tagged list cannot say "reserved"),
 * ATAG_INITRD2 for kernel { initrd }, ATAG_CMDLINE for kernel
 * { command-line }, then ATAG_NONE. r1 carries the board's machine type,
 * which only the description knows; r2 = "atags" (the template).
 */
#include "arm.h"
#include "bootdata.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

/* Each tag: u32 size in words (the header's two included), u32 tag. */
#define ATAG_NONE 0x00000000
#define ATAG_CORE 0x54410001 /* flags, pagesize, rootdev */
#define ATAG_MEM 0x54410002 /* size, start */
#define ATAG_INITRD2 0x54420005 /* start, size: physical */
#define ATAG_CMDLINE 0x54410009 /* the line, NUL-ended, word-padded */
#define CORE_WORDS 5
#define MEM_WORDS 4
#define INITRD_WORDS 4
#define HDR_WORDS 2

/* Linux arm's COMMAND_LINE_SIZE: longer lines are cut at boot. */
#define CMDLINE_MAX 1024
/* The most ATAG_MEM tags written: no kernel has more banks than that. */
#define MEM_MAX 64
/* booting.rst: "the first 16KiB of RAM" keeps the list clear of the
 * decompressor and of the kernel's first page tables (16 KiB below its
 * text, 20 KiB with LPAE: so the first 12 KiB). */
#define ATAGS_WINDOW 0x3000
#define R1 1

struct atags {
	unsigned char *buf;
	size_t len, cap; /* bytes */
};

static void put_word(struct atags *t, uint32_t v)
{
	if (t->len + 4 > t->cap) {
		t->cap = t->cap ? 2 * t->cap : 256;
		t->buf = cp_xrealloc(t->buf, t->cap);
	}
	cp_store_le(t->buf + t->len, 4, v);
	t->len += 4;
}

static void put_tag(struct atags *t, uint32_t tag, uint32_t words)
{
	put_word(t, words);
	put_word(t, tag);
}

/* ATAG_MEM for each piece of RAM, below 4 GiB (the tag's 32-bit fields). */
static int put_memory(struct atags *t, const struct cp_plan *plan,
		      uint64_t *first_ram)
{
	struct cp_map_entry *map;
	int n, tags = 0;

	if (cp_memory_map(plan, &map, &n, MEM_MAX))
		return -1;
	*first_ram = 0;
	for (int i = 0; i < n; i++) {
		uint64_t end = map[i].base + map[i].size;

		if (map[i].type != CP_MAP_RAM || map[i].base >= 1ULL << 32)
			continue;
		if (end > 1ULL << 32)
			end = 1ULL << 32;
		if (!tags++)
			*first_ram = map[i].base;
		put_tag(t, ATAG_MEM, MEM_WORDS);
		put_word(t, (uint32_t)(end - map[i].base));
		put_word(t, (uint32_t)map[i].base);
	}
	free(map);
	if (!tags) {
		cp_error(CP_DESC_AT(plan, "/:memory"), bad_memory,
			 "protocol linux-arm-atags passes RAM below 4 GiB (the "
			 "tags' fields are 32 bits), and memory has none");
		return -1;
	}
	return 0;
}

static int put_initrd(struct atags *t, const struct cp_plan *plan)
{
	const struct cp_segment *rd;

	if (cp_initrd_segment(plan, &rd))
		return -1;
	if (!rd)
		return 0;
	put_tag(t, ATAG_INITRD2, INITRD_WORDS);
	put_word(t, (uint32_t)(rd->mem + rd->data_off));
	put_word(t, (uint32_t)rd->size);
	return 0;
}

static int put_cmdline(struct atags *t, const struct cp_plan *plan)
{
	const char *line = plan->req.kernel.cmdline;
	size_t len = line ? strlen(line) : 0, words = (len + 1 + 3) / 4, at;

	if (!line)
		return 0;
	if (len >= CMDLINE_MAX) {
		cp_error(CP_DESC_AT(plan, "/kernel:command-line"), bad_property,
			 "the command line has %zu bytes; a 32-bit Arm kernel "
			 "keeps at most %d (COMMAND_LINE_SIZE, its NUL "
			 "included)",
			 len, CMDLINE_MAX);
		return -1;
	}
	put_tag(t, ATAG_CMDLINE, (uint32_t)(HDR_WORDS + words));
	at = t->len;
	for (size_t w = 0; w < words; w++)
		put_word(t, 0); /* the NUL and the padding */
	memcpy(t->buf + at, line, len);
	return 0;
}

/* The machine type is the board's: no default would boot anything. */
static int check_machine_type(const struct cp_plan *plan)
{
	if (plan->regs[R1].set)
		return 0;
	cp_error(CP_DESC_AT(plan, "/registers"), missing_property,
		 "protocol linux-arm-atags passes the board's machine type "
		 "in r1, and the description gives none; add registers { r1 "
		 "= <N>; } with the number Linux's arch/arm/tools/mach-types "
		 "gives the board (or its vendor kernel's)");
	return -1;
}

int arm_atags(struct cp_plan *plan)
{
	struct atags t = { 0 };
	uint64_t first_ram, addr;

	if (check_machine_type(plan))
		return -1;
	/* ATAG_CORE with flags 0 (root read-write), pagesize and rootdev 0,
	 * as U-Boot writes it; booting.rst wants it first */
	put_tag(&t, ATAG_CORE, CORE_WORDS);
	put_word(&t, 0);
	put_word(&t, 0);
	put_word(&t, 0);
	if (put_memory(&t, plan, &first_ram) || put_initrd(&t, plan) ||
	    put_cmdline(&t, plan)) {
		free(t.buf);
		return -1;
	}
	put_tag(&t, ATAG_NONE, 0);
	if (cp_plan_add_data(plan, "atags", t.buf, t.len, 4,
			     first_ram + ATAGS_WINDOW, &addr))
		return -1;
	plan->took |= CP_TOOK_CMDLINE | CP_TOOK_INITRD | CP_TOOK_RESERVED;
	return 0;
}
