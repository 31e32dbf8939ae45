// SPDX-License-Identifier: MIT
/*
 * fuzz-desc.c - a description (or a protocol template) given as a .dtb,
 * read as mkcodepage reads it. Source text goes to dtc, which is not ours
 * to fuzz: inputs without the FDT magic are skipped.
 */
#include "desc.h"
#include "fuzz.h"

#include <libfdt.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cp_desc d;

	if (size < 4 || fdt_magic(data) != FDT_MAGIC)
		return 0;
	cp_desc_load(&d, fuzz_file("desc.dtb", data, size), fuzz_dir(),
		     CP_DESC_COMPATIBLE, NULL);
	cp_desc_free(&d);
	return 0;
}
