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
#include "request.h"
#include "srcmap.h"
#include "util.h"

#define CP_DESC_COMPATIBLE "mkcodepage,description-v1"
#define CP_TEMPLATE_COMPATIBLE "mkcodepage,protocol-v1"

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
	/* page-size = <N>: what every segment aligns to, for kernels with
	 * pages of N bytes; 0 when not given (the arch's default) */
	uint32_t page_size;

	int has_codepage_load;
	int no_verify; /* codepage { no-verify; }: the segments go unchecked */
	int fixed_seeds; /* fixed-seeds;: the tree's seeds go as built */
	uint64_t codepage_load;

	/* what the plan is asked beyond the fields above (request.h): the
	 * step that turns a description into a plan (fromdesc.h) moves it */
	struct cp_request req;

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
};

/*
 * Read a description or template. workdir holds temporary files (the dtb
 * compiled from source). The lines of a source's nodes and properties go
 * to MAP (or nowhere: NULL), which outlives the description: messages
 * point at them after it is freed. Returns 0, or -1 after reporting errors.
 */
int cp_desc_load(struct cp_desc *d, const char *file, const char *workdir,
		 const char *compatible, struct cp_srcmap *map);
void cp_desc_free(struct cp_desc *d);

#endif
