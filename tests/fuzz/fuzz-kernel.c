// SPDX-License-Identifier: MIT
/*
 * fuzz-kernel.c - a kernel file (ELF, an arch's Image, gzip, raw) as
 * mkcodepage places it. The first byte picks the arch and whether the
 * description gives kernel { load; entry; }; the rest is the file.
 */
#include "arch.h"
#include "desc.h"
#include "fuzz.h"
#include "kernel.h"
#include "plan.h"
#include "util.h"

#include <string.h>

/* Each arch's memory as its QEMU machine has it (512 MiB). */
static const struct {
	const char *arch;
	uint64_t ram;
} rows[] = {
	{ "ppc32-e500", 0 },
	{ "arm64", 0x40000000 },
	{ "riscv64", 0x80000000 },
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cp_desc desc = { 0 };
	struct cp_plan p;
	unsigned row;

	if (size < 1)
		return 0;
	row = (data[0] & 0x7f) % 3;
	memset(&p, 0, sizeof(p));
	p.arch = cp_arch_find(rows[row].arch);
	p.nseg = 1;
	p.seg[0].name = cp_xstrdup("codepage");
	p.seg[0].file = cp_xstrdup("codepage.bin");
	p.nmemory = 1;
	p.memory[0] = (struct cp_range){ rows[row].ram, 0x20000000 };
	p.desc_file = "fuzz.dts";
	desc.kernel_has_load = desc.kernel_has_entry = data[0] & 0x80;
	desc.kernel_load = rows[row].ram + 0x200000;
	desc.kernel_entry = desc.kernel_load;
	cp_kernel_load(&p, fuzz_file("kernel", data + 1, size - 1), &desc);
	cp_plan_free(&p);
	return 0;
}
