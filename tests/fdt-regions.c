// SPDX-License-Identifier: MIT
/*
 * fdt-regions.c - what a flattened tree says of memory, one line a region
 * (gen/fdtresv.h): "KIND BASE SIZE NAME", so that a test can compare the
 * tree mkcodepage wrote with the one it was given, or grep one region.
 */
#include "fdtresv.h"
#include "util.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

static int print(const struct cp_fdt_region *r, void *ctx)
{
	static const char *const kinds[] = {
		[CP_FDT_MEMRESERVE] = "memreserve",
		[CP_FDT_RESERVED] = "reserved",
		[CP_FDT_RELEASE_ADDR] = "release-addr",
		[CP_FDT_MEMORY] = "memory",
		[CP_FDT_INITRD] = "initrd",
	};

	(void)ctx;
	printf("%s 0x%" PRIx64 " 0x%" PRIx64 " %s%s\n", kinds[r->kind], r->base,
	       r->size, r->name, r->no_map ? " no-map" : "");
	return 0;
}

int main(int argc, char **argv)
{
	size_t len;
	unsigned char *fdt = argc == 2 ? cp_read_file(argv[1], &len) : NULL;
	const char *why;
	int st;

	if (!fdt) {
		fprintf(stderr, "usage: fdt-regions FILE.dtb\n");
		return 2;
	}
	st = cp_fdt_regions(fdt, len, print, NULL, &why);
	if (st < 0)
		fprintf(stderr, "fdt-regions: %s: %s\n", argv[1], why);
	free(fdt);
	return st < 0;
}
