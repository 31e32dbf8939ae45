/* SPDX-License-Identifier: MIT */
/*
 * fdtresv.h - the memory a flattened device tree says is RAM and the
 * memory it says someone else keeps, read without libfdt so that the
 * target loader (kexec-codepage, static, reading /sys/firmware/fdt) and
 * mkcodepage (reading the device-tree segment) read a tree the same way.
 *
 * What it reports, in tree order:
 *   - each /memreserve/ entry of the header's reservation block;
 *   - each (address, size) of the reg of every enabled child of
 *     /reserved-memory (with or without no-map; a child with only a size
 *     is placed by the kernel and names no fixed memory);
 *   - the cpu-release-addr of every /cpus child whose enable-method has
 *     "spin-table" (ePAPR and arm64: parked CPUs wait on it);
 *   - each reg range of an enabled device_type = "memory" node at the root;
 *   - the initrd /chosen names (linux,initrd-start and -end): what a
 *     running kernel was booted with.
 * Cells follow the parent's #address-cells and #size-cells (the root's
 * default 2 and 1, as the Devicetree Specification says).
 *
 * The tree is input: every offset and length is checked against the bytes
 * given before it is used, nothing recurses, and node names are copied as
 * printable ASCII only.
 */
#ifndef CP_FDTRESV_H
#define CP_FDTRESV_H

#include <stddef.h>
#include <stdint.h>

#define CP_FDT_NAME_MAX 96

enum cp_fdt_kind {
	CP_FDT_MEMRESERVE, /* a /memreserve/ entry */
	CP_FDT_RESERVED, /* a /reserved-memory child's reg */
	CP_FDT_RELEASE_ADDR, /* a spin-table CPU's cpu-release-addr (size 8) */
	CP_FDT_MEMORY, /* a memory node's reg */
	CP_FDT_INITRD, /* /chosen's linux,initrd-start to -end */
};

struct cp_fdt_region {
	enum cp_fdt_kind kind;
	uint64_t base, size;
	int no_map; /* a /reserved-memory child with no-map */
	/* "/memreserve/ 0", "/reserved-memory/optee@30000000", "/cpus/cpu@1",
	 * "/memory@80000000"; a path too long for it ends in "..." */
	char name[CP_FDT_NAME_MAX];
};

/* Called for each region; a nonzero return stops the walk and is returned. */
typedef int (*cp_fdt_region_fn)(const struct cp_fdt_region *r, void *ctx);

/*
 * Walk the tree in BUF (LEN bytes; at most its totalsize is read). Returns
 * 0, FN's nonzero return, or -1 with *WHY set when the tree is not one it
 * can read (bad header, a block or token outside the tree, cells other
 * than 1 or 2 where it must read addresses).
 */
int cp_fdt_regions(const void *buf, size_t len, cp_fdt_region_fn fn, void *ctx,
		   const char **why);

/*
 * Whether the LEN bytes at BUF begin with a header libfdt's
 * fdt_check_header() accepts (magic; version 2 to 17, not below the last
 * compatible one; every block inside totalsize), as Linux's riscv kexec
 * runs it on the first bytes of each segment to find the device tree.
 */
int cp_fdt_header_ok(const void *buf, size_t len);

/* A region's kind as words, for messages: "a /memreserve/ entry". */
const char *cp_fdt_kind_name(enum cp_fdt_kind kind);

#endif
