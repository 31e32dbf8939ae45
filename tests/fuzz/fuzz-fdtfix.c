// SPDX-License-Identifier: MIT
/*
 * fuzz-fdtfix.c - an fdt segment: the protocol's device-tree check and the
 * fixups (bootargs, initrd, memory-node) a description asks for. The first
 * byte picks the fixups and the memory's cells; the rest is the tree.
 */
#include "fdtfix.h"
#include "fuzz.h"
#include "plan.h"
#include "util.h"

#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cp_request_segment segs[2] = {
		{ .name = "fdt", .node = "/segments/fdt" },
		{ .name = "initrd", .node = "/segments/initrd" },
	};
	struct cp_loc loc = { .file = "fuzz.dts" };
	struct cp_plan p;
	struct cp_segment *s;
	unsigned char *tree;

	if (size < 1)
		return 0;
	memset(&p, 0, sizeof(p));
	p.arch = cp_arch_find("arm64");
	p.desc_file = "fuzz.dts";
	p.req = (struct cp_request){ .segments = segs, .nsegments = 2 };
	p.page_size = p.arch->default_page_size;
	p.nmemory = 1 + (data[0] >> 7);
	p.memory[0] = (struct cp_range){ 0x40000000, 0x20000000 };
	p.memory[1] = (struct cp_range){ 0x100000000ULL, 0x40000000 };
	segs[0].bootargs = data[0] & 1 ? "console=ttyAMA0" : NULL;
	segs[0].initrd = data[0] & 2 ? "initrd" : NULL;
	segs[0].memory_node = data[0] & 4;
	tree = cp_xmalloc(size - 1 ? size - 1 : 1);
	memcpy(tree, data + 1, size - 1);
	cp_plan_add(&p, "fdt", 0x48000000, tree, size - 1,
		    cp_align_up(size - 1 ? size - 1 : 1, 4096), &loc);
	s = cp_plan_add(&p, "initrd", 0x49000000, cp_xcalloc(1, 64), 64, 4096,
			&loc);
	s->size = 64;
	if (!cp_fdtfix_check_tree(&p, "fdt", "fuzz", &loc))
		cp_fdtfix_apply(&p);
	p.req = (struct cp_request){ 0 }; /* segs is not the plan's */
	cp_plan_free(&p);
	return 0;
}
