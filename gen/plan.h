/* SPDX-License-Identifier: MIT */
/*
 * plan.h - the plan: everything the codepage must do, as data.
 *
 * A plan is the list of kexec segments (segment 0 is the codepage itself),
 * the memory the destination may use, the destination's physical entry and
 * the register values its protocol wants. Backends turn it into the data
 * their fixed trampoline reads (arch->emit_plan) and into readable output.
 */
#ifndef CP_PLAN_H
#define CP_PLAN_H

#include <stddef.h>
#include <stdint.h>

#include "arch.h"
#include "checksum.h"
#include "diag.h"
#include "request.h"
#include "reserve.h"
#include "util.h"

#define CP_MAX_MEMORY 64
#define CP_MAX_SEGMENTS 128 /* what we hold; the arch's limit is checked */
#define CP_MAX_REGS 40
#define CP_MAX_RELEASES 32 /* spin-table CPUs of the destination's tree */

struct cp_segment {
	char *name; /* "codepage", "kernel.0", "fdt" */
	char *file; /* output file name, e.g. "fdt.bin" */
	uint64_t mem, memsz; /* destination, page-aligned */
	unsigned char *buf; /* bufsz bytes placed at mem */
	size_t bufsz;
	uint64_t data_off; /* where the described bytes start in buf */
	uint64_t size; /* ".size": bytes described (strlen for string) */
	int exec; /* holds code: instruction fetch must see it */
	struct cp_loc loc; /* where it was described */
	uint32_t crc32c; /* of its memory as placed (checksum.h) */
	struct cp_blocksum sum;
	/* where codepage.bin holds them (offsets; crc_at 0: the plan has no
	 * CRC), found for a segment with seeds (a loader rewrites them) */
	uint64_t s1_at, s2_at, crc_at;
};

/*
 * Bytes of a segment a loader fills with fresh random bytes at every load
 * (a KASLR seed, an RNG seed: segments.txt "seed" lines), then "arms" by
 * writing one 32-bit word: an RNG seed at build time is zeros, which a
 * kernel must never take (it would credit them as entropy), so it is
 * built under a name or type the kernel ignores, and the word is the one
 * it takes.
 */
#define CP_MAX_SEEDS 4
struct cp_seed {
	char *segment; /* its name: the segments are sorted later */
	uint64_t off, size; /* within the segment's bytes (buf) */
	const char *what; /* "/chosen/kaslr-seed", for map.txt */
	int armed;
	uint64_t arm_off; /* within buf */
	uint32_t arm_value;
	int arm_big; /* the word's byte order */
};

struct cp_regval {
	int set;
	uint64_t value; /* resolved */
	char *expr; /* symbolic source, for map.txt; NULL for numbers */
	int runtime; /* filled in by the codepage at run time */
	struct cp_loc loc;
};

/* Boot information a protocol hands to its destination (plan->took). */
enum {
	CP_TOOK_CMDLINE = 1, /* kernel { command-line } */
	CP_TOOK_INITRD = 2, /* kernel { initrd } */
	CP_TOOK_MODULES = 4, /* segments' module */
	CP_TOOK_RESERVED = 8, /* reserved-memory */
	CP_TOOK_RSDP = 16, /* acpi-rsdp */
};

/* Room for a kernel's boot header in cp_kernel_facts: a bzImage's runs
 * from the file's start to at most 0x290, where boot_params goes on. */
#define CP_KERNEL_HEADER_MAX 0x290

/*
 * What the image format that placed the kernel learnt of it (arch.h),
 * handed to the arch's protocol_data hook and to map.txt: x86's
 * boot_params copies a bzImage's setup header and points at its load
 * address; Multiboot information aligns modules as the header's
 * MODULE_ALIGN asks. Written by the format's load hook (format by
 * cp_kernel_load) and read only after; what a format does not set stays 0.
 */
struct cp_kernel_facts {
	const struct cp_image_format *format; /* NULL: ELF or raw */
	uint64_t load; /* where its first byte went */
	/* its boot header from the file's start, header_len bytes */
	unsigned char header[CP_KERNEL_HEADER_MAX];
	size_t header_len;
	int page_align_modules; /* Multiboot's MODULE_ALIGN */
	/* its own page size where its file says (an arm64 Image's header),
	 * else 0: shown, not used */
	uint64_t page_size;
};

struct cp_plan {
	const struct cp_arch *arch;
	char *protocol;
	const char *desc_file; /* the description, as given (in names) */
	const char *kernel_file; /* as given: -k, or kernel { file } resolved */
	/* what the description asks of the steps after it (fromdesc.h) */
	struct cp_request req;
	/* strings the plan's locations point at (cp_plan_name) */
	struct cp_strlist names;

	struct cp_range memory[CP_MAX_MEMORY];
	int nmemory;
	/* memory the firmware keeps (reserve.h) */
	struct cp_reserved *reserved;
	int nreserved;
	/* the segment the destination gets as its device tree (NULL: none),
	 * who names it ("the description", "protocol 'linux-arm64'") and
	 * where */
	char *tree;
	const char *tree_by;
	struct cp_loc tree_loc;
	/* the cpu-release-addr of every spin-table CPU of that tree, where a
	 * codepage may re-arm a spin table before the jump (e500) */
	uint64_t releases[CP_MAX_RELEASES];
	int nreleases;
	/* where the codepage parks the CPUs it does not run on (park.h):
	 * the park page's address (0: none), and the tree's CPUs */
	uint64_t park;
	struct cp_cpu {
		uint32_t id; /* its reg: the PIR it runs with */
		uint64_t entry; /* its spin-table entry in the park page */
		uint64_t release_at; /* its cpu-release-addr value, physical */
	} cpus[CP_MAX_RELEASES];
	int ncpus;

	struct cp_segment seg[CP_MAX_SEGMENTS]; /* seg[0]: the codepage */
	int nseg;
	/* every segment's mem and memsz align to it (the description's
	 * page-size, or the row's default_page_size) */
	uint64_t page_size;
	struct cp_kernel_facts kernel; /* what its format learnt of it */

	uint64_t entry; /* destination entry, physical */
	struct cp_loc entry_loc;

	struct cp_regval regs[CP_MAX_REGS]; /* indexed as arch->registers */

	char *preamble; /* custom preamble source or object, or NULL */

	int codepage_fixed; /* codepage { load } given */
	int verify; /* check every segment before the jump */
	int fixed_seeds; /* fixed-seeds: no seed is refreshed at load */
	struct cp_seed seeds[CP_MAX_SEEDS];
	int nseeds;
	struct cp_uart { /* where the codepage prints its trail */
		enum cp_uart_type type;
		uint64_t addr;
		unsigned shift, width; /* reg-shift, reg-io-width */
	} uart;
	uint64_t codepage_load;
	uint64_t codepage_reserve; /* bytes segment 0 keeps past its code for the
				    arch (arm64: page tables), set by prepare() */
	uint64_t codepage_limit; /* segment 0 ends at or below this (x86_64: 4
				  GiB), 0: anywhere; set by prepare() */
	uint64_t entry_off, list_entry_off; /* within the codepage */

	/* the description's boot information the protocol passed on
	 * (CP_TOOK_*, set by arch->protocol_data); the rest is warned of */
	unsigned took;

	void *arch_data; /* owned by the backend's prepare() */
};

/* Add a segment (copies name and file; takes buf). */
struct cp_segment *cp_plan_add(struct cp_plan *plan, const char *name,
			       uint64_t mem, unsigned char *buf, size_t bufsz,
			       uint64_t memsz, const struct cp_loc *loc);

/* Find a segment by name (kernel segments are "kernel.N"); NULL if none. */
struct cp_segment *cp_plan_find(const struct cp_plan *plan, const char *name);

/* The place AT ("/kernel:load", or NULL: the file) of the description
 * plan OF was made from, for a message. */
#define CP_DESC_AT(of, at) \
	(&(struct cp_loc){ .file = (of)->desc_file, .where = (at) })

/* S, kept as long as the plan: a location's file or node path (NULL:
 * NULL). */
const char *cp_plan_name(struct cp_plan *plan, const char *s);

/* Read the segments the description asks for (files, strings, .dts
 * compiled; plan->req). */
int cp_plan_read_segments(struct cp_plan *plan, const char *workdir,
			  struct cp_strlist *deps);

/* Register values, symbolic as the description gave them (fromdesc.c),
 * resolved once the segments are placed. */
int cp_plan_resolve_registers(struct cp_plan *plan);

/* Checks mirroring what kexec_load refuses, plus memory bounds: every
 * segment (the codepage once placed). */
int cp_plan_check_segments(struct cp_plan *plan);
/* The same for the codepage alone, once placed after the others were
 * checked. */
int cp_plan_check_codepage(const struct cp_plan *plan);

/*
 * What the arch's stock kexec_load() is known to refuse of a layout the
 * other checks pass (riscv: no segment starting with a device tree):
 * an error, or only a warning when the OUTDIR also goes out as a blob
 * (BLOB), which no kexec_load() sees. 0 or -1.
 */
int cp_plan_check_kexec(const struct cp_plan *plan, int blob);

/* Warn when the destination entry lies in no segment. */
void cp_plan_check_entry(const struct cp_plan *plan);

/*
 * Choose where the codepage goes (size bytes, already known) unless the
 * description fixed it (cp_plan_check_codepage checks it).
 */
int cp_plan_place_codepage(struct cp_plan *plan, uint64_t size);

/*
 * Whether [base, base+size) meets a segment (the codepage excluded) or
 * memory the firmware keeps: 1 with *hit (if not NULL) set to the first
 * such range, else 0.
 */
int cp_plan_obstacle(const struct cp_plan *plan, uint64_t base, uint64_t size,
		     struct cp_range *hit);

/*
 * The lowest align-aligned address at or above min where size bytes lie
 * in one memory range, end at or below limit and meet no obstacle (the
 * codepage is placed later, clear of them): 0 with *out set, or -1.
 */
int cp_plan_find_low(const struct cp_plan *plan, uint64_t align, uint64_t min,
		     uint64_t limit, uint64_t size, uint64_t *out);

/* The highest align-aligned address where size bytes lie in one memory
 * range, end at or below limit and meet no obstacle: 0 with *out set, or
 * -1. */
int cp_plan_find_high(const struct cp_plan *plan, uint64_t align, uint64_t size,
		      uint64_t limit, uint64_t *out);

/* The bytes of memory the plan has: what no input may unpack to more than
 * (SIZE_MAX at most). */
size_t cp_plan_memory_size(const struct cp_plan *plan);

/* 1 if [base, base+size) lies inside one memory range. */
int cp_plan_in_memory(const struct cp_plan *plan, uint64_t base, uint64_t size);

/*
 * Name SIZE bytes at OFF of segment NAME's bytes a seed (what: for
 * map.txt); the seed itself, to arm, or NULL when the plan holds no more
 * (reported at LOC).
 */
struct cp_seed *cp_plan_seed(struct cp_plan *plan, const char *name,
			     uint64_t off, uint64_t size, const char *what,
			     const struct cp_loc *loc);

void cp_plan_free(struct cp_plan *plan);

#endif
