// SPDX-License-Identifier: MIT
/*
 * fuzz-relocchk.c - the relocation checker (codepage-check, and mkcodepage
 * on every object and the linked codepage). The first byte picks the
 * arch's table or, as codepage-check does, the ELF header's; the rest is
 * the file.
 */
#include "arch.h"
#include "fuzz.h"
#include "relocchk.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const arches[] = { NULL, "ppc32-e500", "arm64",
					      "riscv64" };
	struct cp_relocchk_result res;
	const char *name;

	if (size < 1)
		return 0;
	name = arches[data[0] % 4];
	cp_relocchk(fuzz_file("object", data + 1, size - 1), "fuzz.o",
		    name ? cp_arch_find(name) : NULL, &res);
	return 0;
}
