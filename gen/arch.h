/* SPDX-License-Identifier: MIT */
/*
 * arch.h - the architecture backends as rows of a runtime table.
 *
 * One binary builds codepages for every architecture. A backend is a const
 * struct cp_arch (arch/<dir>/backend.c) naming its ELF identity, its cross
 * toolchain, its fixed target sources and linker script, its relocation
 * table and a few hooks that turn a generic plan into the data its fixed
 * trampoline reads. Nothing here is chosen at build time.
 */
#ifndef CP_ARCH_H
#define CP_ARCH_H

#include <stddef.h>
#include <stdint.h>

struct cp_plan;
struct cp_loc;
struct cp_strbuf;

/* How a relocation type behaves when the code is moved. */
enum cp_reloc_kind {
	CP_RELOC_NONE, /* no effect on the bytes (R_*_NONE) */
	CP_RELOC_PCREL, /* relative to the place: survives any load address */
	CP_RELOC_ABS, /* an absolute address: breaks when moved */
};

struct cp_reloc_type {
	unsigned type;
	const char *name;
	enum cp_reloc_kind kind;
};

/*
 * An arch's relocation table, written once: each line of its relocs.def is
 * a CP_RELOC(type, kind), and backend.c includes the file as the body of
 *	static const struct cp_reloc_type cp_arch_relocs[] = { ... };
 * then names it in the row with CP_ROW_RELOCS.
 */
#define CP_RELOC(type, kind) { type, #type, CP_RELOC_##kind },

/*
 * The binutils prefixes an arch's cross tools go by: Debian's
 * (TRIPLE-linux-gnu-), then those of toolchains built from source
 * (TRIPLE-linux-, TRIPLE-elf-), tried in that order.
 */
#define CP_CROSS_PREFIXES(triple)                                            \
	(const char *const[])                                                \
	{                                                                    \
		triple "-linux-gnu-", triple "-linux-", triple "-elf-", NULL \
	}

/*
 * The files every arch's folder has, by the names every arch gives them
 * (doc/design.md, "An arch is a folder"): its linker script, trampoline,
 * standard preamble and blob mover; and the templates of templates/ it
 * takes (none.dts: no calling convention, for every arch).
 */
#define CP_ROW_FOLDER(dir)                                        \
	.srcdir = dir, .ldscript = "codepage.ld",                 \
	.sources = (const char *const[]){ "trampoline.s", NULL }, \
	.preamble = "preamble.s", .mover = "mover.s",             \
	.shared_templates = (const char *const[])                 \
	{                                                         \
		"none", NULL                                      \
	}
#define CP_ROW_RELOCS             \
	.relocs = cp_arch_relocs, \
	.nrelocs = sizeof(cp_arch_relocs) / sizeof(cp_arch_relocs[0])

/*
 * A kernel file format besides ELF and raw images (arm64 and riscv
 * "Image": gen/kimage.h; x86 "bzImage"), as hooks: the arch's row lists
 * the formats it reads, and a file in another arch's format is refused by
 * name instead of being taken for a raw image.
 */
struct cp_image_format {
	const char *name; /* "arm64 Image", for messages */
	/* NULL: a format of the arch's kernels under any protocol, read when
	 * the file is not ELF. Else the one format of that protocol's
	 * kernels, read first (ELF or not) and required under it, and a
	 * file in it is refused under other protocols. */
	const char *protocol;
	/* what a file in the format has, for "this one has no ...":
	 * "Multiboot header (...) in its first 8192 bytes"; NULL unless
	 * protocol is set */
	const char *needs;
	/* 1 if file is in this format (its magic), else 0 */
	int (*recognize)(const struct cp_image_format *f,
			 const unsigned char *file, size_t len);
	/*
	 * Place the kernel as plan->req.kernel asks (its load and entry,
	 * when given): add its segments to plan (the segments plan->req
	 * names are there already), set plan->entry, and note in
	 * plan->kernel what protocol_data needs of it (plan.h). Reports
	 * errors itself; 0 or -1.
	 */
	int (*load)(const struct cp_image_format *f, struct cp_plan *plan,
		    const unsigned char *file, size_t len,
		    const struct cp_loc *loc);
	const void *data; /* the hooks' own (struct cp_kimage for Images) */
};

/* An ELF identity a format also takes (Multiboot: EM_386 on x86_64). */
struct cp_elf_identity {
	unsigned machine;
	unsigned char cls, data;
};

/* The consoles a codepage can leave its trail on (debug-uart). */
enum cp_uart_type {
	CP_UART_NONE,
	CP_UART_NS16550, /* 8250-style: THR at 0, LSR at 5 << reg-shift */
	CP_UART_PL011, /* Arm PrimeCell: DR at 0, FR at 0x18 */
	CP_UART_SBI, /* the SBI legacy console_putchar call */
	CP_UART_NS16550_IO, /* an ns16550 in x86 I/O port space (COM1: 0x3f8) */
	CP_UART_TYPES, /* how many there are */
};

/*
 * One backend: a row of data and hooks. Every field is required unless its
 * comment says what NULL (or 0) means; tests/unit-tests.c checks every row
 * of cp_arches.
 */
struct cp_arch {
	const char *name; /* "ppc32-e500": the description's arch */
	const char *const *aliases; /* other spellings, NULL-ended, or NULL */
	const char *const *uboot_arches; /* U-Boot's names, a FIT image's arch:
					  * the first is shown; NULL-ended */
	const char *summary; /* one line for --help */

	/* ELF identity, checked against every kernel and object. */
	struct cp_elf_identity elf;

	/* Target toolchain: GNU binutils for the arch. */
	const char *const *cross_prefixes; /* tried in order, NULL-ended */
	const char *binutils_package; /* Debian's package with them */
	const char *const *as_flags; /* NULL-ended */
	const char *ld_emulation; /* ld -m */
	const char *const *ld_flags; /* more ld flags, NULL-ended, or NULL */

	/* Fixed target code, relative to the data directory. */
	const char *ldscript; /* in srcdir; INCLUDEs ldscripts/codepage-base.ld */
	const char *srcdir; /* arch/<dir> */
	const char *const *sources; /* always linked, NULL-ended */
	const char *preamble; /* the standard preamble, unless custom */
	/* The blob mover (--blob; arch/blob.inc), or NULL: no blob mode yet. */
	const char *mover;
	/* Append what the mover reads besides arch/blob.inc's header, after its
	 * fixed part (e500: the TLB1 entries that map memory 1:1); NULL: no more. */
	void (*emit_mover_data)(const struct cp_plan *plan,
				struct cp_strbuf *out);

	/* Kernel file formats besides ELF and raw, NULL-ended, or NULL. */
	const struct cp_image_format *const *image_formats;

	/* Protocols of templates/ the arch takes besides its own in
	 * srcdir/templates (gen/protocol.h), NULL-ended, or NULL. */
	const char *const *shared_templates;

	/* Relocation knowledge: every type the linker may leave. */
	const struct cp_reloc_type *relocs;
	size_t nrelocs;
	/* Symbols whose absolute relocations are legitimate (each commented
	 * where the table is defined); NULL-ended, may be empty. */
	const char *const *abs_allowed;

	/* Registers the description may set, in plan order; NULL-ended. */
	const char *const *registers;
	const char *register_summary; /* "r0 .. r31, msr" for messages */
	unsigned reg_bytes; /* width of one register */

	uint64_t page_size; /* the smallest page size of the arch's kernels */
	/* What every segment's mem and memsz align to unless the description's
	 * page-size says otherwise: the largest page size of the arch's
	 * kernels, so that an OUTDIR loads whatever pages the old kernel has
	 * (kexec_load wants both aligned to its PAGE_SIZE; arm64: 64 KiB). */
	uint64_t default_page_size;
	uint64_t addr_limit; /* segments must end at or below this */
	uint64_t kexec_limit; /* kexec_load refuses destinations above; 0: none */
	unsigned max_segments; /* KEXEC_SEGMENT_MAX */
	uint64_t codepage_align; /* alignment the codepage is placed at */
	unsigned uarts; /* debug-uart types, 1 << cp_uart_type; 0: none */
	/* Memory the platform's firmware keeps at the start of DRAM that no
	 * tree written at build time shows (riscv64: OpenSBI reports it with
	 * a node it adds at boot), in bytes, and who keeps it; 0 and NULL:
	 * none. The description's firmware-memory replaces it (reserve.h). */
	uint64_t firmware_size;
	const char *firmware_name;
	/* The stock kernel's kexec_load() looks for the device tree it
	 * passes at the start of a segment and refuses a list without one
	 * (riscv: "Device tree not included in the provided image"). */
	int kexec_needs_tree;
	/* The codepage parks the CPUs it does not run on (the old kernel
	 * sends them to its secondary entry in list mode) in a page of the
	 * plan that the destination's tree names as their spin table
	 * (park.h; e500). */
	int parks_cpus;

	/*
	 * Arch checks and derived values once segments and registers are
	 * known (e500: the TLB1 mapping of memory). Reports errors itself;
	 * returns 0 or -1.
	 */
	int (*prepare)(struct cp_plan *plan);
	/*
	 * Protocol data only the arch knows how to build (x86: boot_params
	 * for linux-x86, a Multiboot information structure), by
	 * plan->protocol, from the boot information the description asks
	 * for (plan->req) and what the kernel's format noted (plan->kernel):
	 * called once the segments and the kernel are read, before the
	 * registers resolve; may add segments and set plan->entry, and says
	 * in plan->took what it passed on. Reports errors itself; 0 or -1.
	 * NULL: the arch's protocols are registers and segments alone.
	 */
	int (*protocol_data)(struct cp_plan *plan);
	/* Value of an arch-defined symbol a register may name ("ima.size"):
	 * returns 0 with *value set, 1 when the codepage fills it in at run
	 * time ("hartid"), or -1 when the name is not the arch's. NULL: the
	 * arch defines no symbols. */
	int (*symbol)(const struct cp_plan *plan, const char *name,
		      uint64_t *value);
	/* Append the plan as assembler data (.section .plan) to out. */
	void (*emit_plan)(const struct cp_plan *plan, struct cp_strbuf *out);
	/* Append a human description of arch data (TLB entries) to map.txt. */
	void (*describe)(const struct cp_plan *plan, struct cp_strbuf *out);
};

/* All backends, NULL-ended. */
extern const struct cp_arch *const cp_arches[];

/* Find a backend by name or alias; NULL if none. */
const struct cp_arch *cp_arch_find(const char *name);
/* Find the backend for an ELF identity; NULL if none. */
const struct cp_arch *cp_arch_by_elf(unsigned machine, unsigned char cls,
				     unsigned char data);
/* The table row for a relocation type; NULL if the type is unknown. */
const struct cp_reloc_type *cp_arch_reloc(const struct cp_arch *arch,
					  unsigned type);
/* Index of a register name in arch->registers, or -1. */
int cp_arch_register(const struct cp_arch *arch, const char *name);
/*
 * 0 if an ELF identity (e_machine, EI_CLASS, EI_DATA) is the arch's; else
 * report [wrong-arch] at loc, naming what the file is ("the kernel").
 */
int cp_arch_check_identity(const struct cp_arch *arch, unsigned machine,
			   unsigned char cls, unsigned char data,
			   const struct cp_loc *loc, const char *what);
/* A readable ELF identity ("PowerPC 32-bit big-endian") for messages. */
const char *cp_elf_identity(unsigned machine, unsigned char cls,
			    unsigned char data, char *buf, size_t len);

#endif
