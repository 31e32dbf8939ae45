// SPDX-License-Identifier: MIT
/*
 * fuzz-kernel.c - a kernel file (ELF, an arch's Image, compressed, raw) as
 * mkcodepage places it, and the protocol data built for it. The first
 * byte picks the arch (bits 0-3: its index in arch/list), the protocol
 * (bits 4-5: none, linux-x86, multiboot, multiboot2) and whether the
 * description gives kernel { load; entry; } (bit 7); the rest is the file.
 */
#include "arch.h"
#include "fuzz.h"
#include "kernel.h"
#include "plan.h"
#include "util.h"

#include <string.h>

/* Memory for every arch: 3 GiB from 0 holds each QEMU machine's RAM (at
 * 0, 1 GiB and 2 GiB), so each sample lands where it was linked. */
#define RAM_SIZE 0xc0000000ULL

static const char *const protocols[] = { "none", "linux-x86", "multiboot",
					 "multiboot2" };

static unsigned narches(void)
{
	unsigned n = 0;

	while (cp_arches[n])
		n++;
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cp_plan p;

	if (size < 1)
		return 0;
	memset(&p, 0, sizeof(p));
	p.arch = cp_arches[(data[0] & 0x0f) % narches()];
	p.page_size = p.arch->default_page_size;
	p.nseg = 1;
	p.seg[0].name = cp_xstrdup("codepage");
	p.seg[0].file = cp_xstrdup("codepage.bin");
	p.nmemory = 1;
	p.memory[0] = (struct cp_range){ 0, RAM_SIZE };
	p.desc_file = "fuzz.dts";
	p.kernel_file = "kernel";
	/* bits 4-5: the protocol; x86_64's bind formats and data to theirs */
	p.protocol = cp_xstrdup(protocols[data[0] >> 4 & 3]);
	p.req.kernel.has_load = p.req.kernel.has_entry = data[0] & 0x80;
	p.req.kernel.load = 0x200000;
	p.req.kernel.entry = p.req.kernel.load;
	if (!cp_kernel_load(&p, "kernel",
			    memcpy(cp_xmalloc(size), data + 1, size - 1),
			    size - 1) &&
	    p.arch->protocol_data)
		p.arch->protocol_data(&p);
	cp_plan_free(&p);
	return 0;
}
