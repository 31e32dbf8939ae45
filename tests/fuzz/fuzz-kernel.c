// SPDX-License-Identifier: MIT
/*
 * fuzz-kernel.c - a kernel file (ELF, an arch's Image, gzip, raw) as
 * mkcodepage places it. The first byte picks the arch (its index in
 * arch/list) and whether the description gives kernel { load; entry; };
 * the rest is the file.
 */
#include "arch.h"
#include "desc.h"
#include "fuzz.h"
#include "kernel.h"
#include "plan.h"
#include "util.h"

#include <string.h>

/* Memory for every arch: 3 GiB from 0 holds each QEMU machine's RAM (at
 * 0, 1 GiB and 2 GiB), so each sample lands where it was linked. */
#define RAM_SIZE 0xc0000000ULL

static unsigned narches(void)
{
	unsigned n = 0;

	while (cp_arches[n])
		n++;
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cp_desc desc = { 0 };
	struct cp_plan p;

	if (size < 1)
		return 0;
	memset(&p, 0, sizeof(p));
	p.arch = cp_arches[(data[0] & 0x7f) % narches()];
	p.nseg = 1;
	p.seg[0].name = cp_xstrdup("codepage");
	p.seg[0].file = cp_xstrdup("codepage.bin");
	p.nmemory = 1;
	p.memory[0] = (struct cp_range){ 0, RAM_SIZE };
	p.desc_file = "fuzz.dts";
	desc.kernel_has_load = desc.kernel_has_entry = data[0] & 0x80;
	desc.kernel_load = 0x200000;
	desc.kernel_entry = desc.kernel_load;
	cp_kernel_load(&p, fuzz_file("kernel", data + 1, size - 1), &desc);
	cp_plan_free(&p);
	return 0;
}
