/* SPDX-License-Identifier: MIT */
/*
 * codepage-qemu.h - what an arch's QEMU recipe (arch/<arch>/qemu.c, a
 * row of codepage-qemu's table) sees of a boot being set up.
 */
#ifndef CP_CODEPAGE_QEMU_H
#define CP_CODEPAGE_QEMU_H

#include <stdint.h>

#include "arch.h"
#include "segjson.h"
#include "segtxt.h"
#include "util.h"

#define MAX_RANGES 256
#define PAGE 4096ULL

struct layout {
	struct cp_segtxt t; /* entry, list-entry, segments */
	struct cp_segjson j; /* arch, memory */
};

struct used {
	uint64_t base[MAX_RANGES], size[MAX_RANGES];
	int n;
};

/*
 * An option an arch's recipe owns (--NAME VALUE), for the state its
 * stand-in enters the codepage in or the machine it runs on: VALUE is one
 * of values, the first the default, and the recipe reads its index; or,
 * with values NULL, a number from 0 to max, -1 when not given. kexec-tools'
 * arches own their options so; here the row is chosen at run time, by
 * OUTDIR's arch, and an option no row of that arch has is refused.
 */
struct qemu_state_opt {
	const char *name;
	const char *const *values;
	int max;
	const char *help; /* for --help: what it sets */
};

#define CQ_MAX_STATE_OPTS 4

/* What the user asked the stand-in old kernel to look like. */
struct hostile {
	int list_outside; /* the list and its pages in RAM memory does not list */
	/* per option of the row's state_opts: a value's index, or a number */
	int state[CQ_MAX_STATE_OPTS];
};

struct boot {
	const struct qemu_row *row;
	const struct cp_arch *arch;
	struct layout lay;
	struct used used; /* segments and helpers */
	struct used firmware, scratch; /* the row's reserve(): kept, reused */
	struct used outside; /* RAM the description does not list */
	int staged[CP_SEGTXT_MAX]; /* placed by the stand-in, not by QEMU */
	uint64_t copy[CP_SEGTXT_MAX][4]; /* src, dst, bufsz, memsz */
	int ncopy;
	const char *work;
	int list_mode;
	int blob_mode; /* --mode blob: OUTDIR/blob.bin loaded at blob_at */
	uint64_t blob_at;
	int reset; /* --reset: the CPU starts in the blob, no stand-in */
	int uboot; /* --uboot: U-Boot boots and its command enters the blob */
	struct hostile h;
	uint64_t ram; /* end of RAM */
	uint64_t cp_pa, entry_off, list_pa, start;
	uint64_t cp_ea; /* where the stand-in maps the codepage's page */
	uint64_t oldkernel_at; /* where the stand-in starts */
	const char *trace; /* --count-insns: QEMU's exec log */
	int corrupt_seg; /* --corrupt: segment index, 0 none */
	uint64_t corrupt_off; /* and the byte in it flipped */
	struct cp_strlist args;
};

/*
 * How one arch boots in QEMU. RAM starts at ram_base; the stand-in, and the
 * staged segments it copies in, must lie below helper_limit (x86: its copy
 * runs in 32-bit mode). e500: QEMU puts its own dtb at (payload end +
 * dtb_pad) & ~dtb_mask and wants dtb_max bytes there; elsewhere reserve()
 * names what QEMU and its firmware keep. arm64's stand-in is started by
 * the generic loader instead of -kernel.
 */
struct qemu_row {
	const char *arch, *qemu, *package, *oldkernel, *cpu;
	unsigned list_word; /* bytes of an indirection entry */
	int list_le; /* little-endian entries */
	int start_by_loader; /* -device loader,cpu-num=0, not -kernel */
	uint64_t ram_base, ram_align, helper_limit;
	uint64_t ram_extra; /* RAM above the description's, for QEMU's own use */
	/*
	 * RAM the firmware keeps (no segment may go there) and RAM QEMU fills
	 * with data nobody needs once the stand-in runs (a segment may go
	 * there: the stand-in copies it in, as an old kernel would).
	 */
	void (*reserve)(const struct boot *b, struct used *firmware,
			struct used *scratch);
	const char *bios; /* -bios argument, or NULL */
	uint64_t dtb_pad, dtb_mask, dtb_max;
	const char *(*machine)(const struct boot *b);
	void (*params)(struct boot *b, struct cp_strbuf *o);
	/* the options of every arch it takes (--list-outside, --reset,
	 * --uboot, --expect-screen) */
	const char *options;
	/* its own options, ended by one without a name; NULL: none */
	const struct qemu_state_opt *state_opts;
	/* the one of them its stand-in reads as its entry state (standin64.inc's
	 * P_MMU); NULL: none */
	const char *standin_state;
	/* a text screen (--expect-screen): the cells' physical address and
	 * the -device that makes it; 0 and NULL: none */
	uint64_t text_screen;
	const char *screen_device;
	/* Debian's U-Boot for the machine, as -bios or (after SBI firmware,
	 * bios) as -kernel, and the command --uboot types at its prompt to
	 * enter a blob (a format taking the blob's address:
	 * "booti 0x%llx - ${fdtcontroladdr}");
	 * NULL: none */
	const char *uboot, *uboot_command;
	/* Instead of uboot, where the build decides the entry state: one per
	 * value of standin_state, in its order (x86: 64-bit and 32-bit
	 * U-Boot). */
	const char *const *uboot_by_state;
};

/* Every row, one per line of arch/list (codepage-qemu.c). */
extern const struct qemu_row *const cq_rows[];
extern const size_t cq_nrows;

/* The index of row's option NAME in its state_opts, or -1. */
int cq_row_option(const struct qemu_row *row, const char *name);
/* The first row with an option called NAME (cq_nrows: none). */
size_t cq_first_row_with(const char *name);

/* The value of b's row's option NAME (an index into its values, or a
 * number), -1 when the row has no such option or a number was not given. */
int cq_state(const struct boot *b, const char *name);

/* Mark [base, base + size) used in u. */
void cq_use(struct used *u, uint64_t base, uint64_t size);

/*
 * The list entry's first argument, as Linux passes image->head: the entry
 * that leads to the first indirection page (page | IND_INDIRECTION).
 */
uint64_t cq_list_head(const struct boot *b);

/*
 * The parameter block of the 64-bit stand-ins (arm64, riscv64, x86_64), as
 * oldkernel_params in .data, each field placed by its name in
 * arch/standin64.inc: a row's params hook when its stand-in reads that
 * layout. A params hook writes through planasm.h's macros, so that the
 * assembler refuses a block that drifts from its layout file.
 */
void cq_params64(struct boot *b, struct cp_strbuf *o);

/* Whether [base, base + size) meets none of u's ranges. */
int cq_is_free(const struct used *u, uint64_t base, uint64_t size);

/* qemu-oldkernel.c: the stand-in for the old kernel, built for b at a
 * free spot (*elf: its ELF), or a blob wrapped as QEMU's -kernel for
 * --reset. 0 or -1 (reported). */
int cq_build_oldkernel(struct boot *b, const char *prefix, char **elf);
int cq_wrap_blob(struct boot *b, const char *prefix, char **elf);

struct qemu_screen;
/* qemu-run.c: run QEMU with b->args until expect is on its console (or on
 * the screen), it ends, or timeout seconds pass; at a U-Boot prompt
 * (--uboot) enter the blob. The exit status: 0 seen, 1 not, 2 trouble. */
int cq_run_qemu(struct boot *b, const char *expect, struct qemu_screen *screen,
		int timeout);

#endif
