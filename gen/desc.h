/* SPDX-License-Identifier: MIT */
/*
 * desc.h - the description (schema v1, doc/mkcodepage-desc.5) and the
 * protocol templates, read with libfdt from device-tree source (compiled by
 * running dtc) or a flattened tree.
 *
 * Reading checks the shape of each property (string, cell counts governed by
 * the root's #address-cells and #size-cells) and reports problems with the
 * file and node path. It does not check the plan: overlaps, memory bounds and
 * protocol needs are plan.c's job, once the kernel is known.
 */
#ifndef CP_DESC_H
#define CP_DESC_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "srcmap.h"
#include "util.h"

#define CP_DESC_COMPATIBLE "mkcodepage,description-v1"
#define CP_TEMPLATE_COMPATIBLE "mkcodepage,protocol-v1"

struct cp_range {
	uint64_t base, size;
};

/* One segments/<name> node. */
struct cp_desc_segment {
	char *name; /* node name: "fdt", "initrd" */
	char *file; /* file as written, or NULL */
	char *path; /* file resolved against the description's directory */
	char *string; /* string = "...": the bytes are the text and a NUL */
	unsigned char *data; /* data = [bytes] or <cells>: the bytes as given,
			     * or the FIT image's (fit.c) */
	size_t data_len;
	int has_data;
	char *fit_role; /* fit = "fdt": the kernel FIT's image of that role */
	int has_load;
	uint64_t load;
	char *node; /* "/segments/fdt" */
	/* device-tree fixups of this segment (fdtfix.c) */
	char *bootargs; /* /chosen/bootargs */
	char *initrd; /* segment for linux,initrd-start/end */
	int memory_node; /* rewrite /memory from the description */
	/* module; or module = "args";: a Multiboot module (protocol_data) */
	int module;
	char *module_args; /* its arguments, or NULL */
};

/*
 * A register value: a number, or an expression naming a segment or an arch
 * symbol: "fdt" or "fdt.load", "fdt.size", "fdt.end", "ima.size". A trailing
 * '?' (templates) makes it 0 when the segment is absent.
 */
struct cp_desc_reg {
	char *name; /* "r3", "msr" */
	int is_expr;
	uint64_t value;
	char *expr;
	char *node; /* "/registers" */
	const char *file;
};

struct cp_desc {
	char *file; /* as given */
	char *dir; /* its directory: where relative names start */
	void *fdt; /* the flattened tree */
	int addr_cells, size_cells;

	char *compatible;
	char *arch, *protocol;
	char *summary; /* templates: one-line description */
	char *device_tree; /* the segment the protocol passes as the tree */

	struct cp_range *memory;
	int nmemory;
	/* reserved-memory: ranges the destination is told are not RAM
	 * (linux-x86's e820, Multiboot's memory map) */
	struct cp_range *reserved;
	int nreserved;
	/* firmware-memory: where the platform's firmware keeps memory, in
	 * place of the arch's default (riscv64: OpenSBI's first 2 MiB of
	 * DRAM); given empty, the firmware keeps none (reserve.h) */
	struct cp_range *firmware;
	int nfirmware, has_firmware;
	/* page-size = <N>: what every segment aligns to, for kernels with
	 * pages of N bytes; 0 when not given (the arch's default) */
	uint32_t page_size;
	int has_acpi_rsdp; /* acpi-rsdp = <...>: where the ACPI RSDP is */
	uint64_t acpi_rsdp;

	int has_codepage_load;
	int no_verify; /* codepage { no-verify; }: the segments go unchecked */
	int fixed_seeds; /* fixed-seeds;: the tree's seeds go as built */
	uint64_t codepage_load;

	char *kernel_file; /* kernel { file } or { fit } resolved, or NULL */
	int kernel_fit; /* it was given as fit = "image.itb" */
	char *kernel_fit_configuration; /* kernel { configuration }, or NULL */
	int kernel_has_load, kernel_has_entry;
	uint64_t kernel_load, kernel_entry;
	char *kernel_cmdline; /* kernel { command-line }, or NULL */
	char *kernel_initrd; /* kernel { initrd }: a segment's name, or NULL */

	struct cp_desc_segment *segments;
	int nsegments;

	struct cp_desc_reg *regs;
	int nregs;

	char *preamble_source; /* preamble { source } resolved, or NULL */

	/* debug-uart { type; address; reg-shift; reg-io-width; } (type NULL:
	 * none), and its node path for diagnostics */
	char *uart_type, *uart_node;
	int uart_has_address;
	uint64_t uart_address;
	uint32_t uart_shift, uart_width;

	struct cp_strlist deps; /* files the description includes (dtc -d) */
	struct cp_srcmap srcmap; /* lines of nodes and properties (source only) */
};

/*
 * Read a description or template. workdir holds temporary files (the dtb
 * compiled from source). Returns 0, or -1 after reporting errors.
 */
int cp_desc_load(struct cp_desc *d, const char *file, const char *workdir,
		 const char *compatible);
void cp_desc_free(struct cp_desc *d);

/* Parse a hex/decimal register or address string ("0x1000"); -1 if bad. */
int cp_parse_u64(const char *s, uint64_t *v);

#endif
