// SPDX-License-Identifier: MIT
/*
 * fuzz-fdtresv.c - a tree's memory and reservations as kexec-codepage
 * reads /sys/firmware/fdt: raw bytes, no libfdt check first.
 */
#include "fdtresv.h"
#include "fuzz.h"

#include <string.h>

static int count(const struct cp_fdt_region *r, void *ctx)
{
	/* every field is read, so the sanitizers see what was written */
	*(uint64_t *)ctx += r->base + r->size + (uint64_t)r->kind +
			    (uint64_t)r->no_map + strlen(r->name);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint64_t sum = 0;
	const char *why;

	cp_fdt_regions(data, size, count, &sum, &why);
	cp_fdt_header_ok(data, size);
	return sum == 1; /* never: keeps sum alive */
}
