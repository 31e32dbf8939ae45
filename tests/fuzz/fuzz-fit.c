// SPDX-License-Identifier: MIT
/*
 * fuzz-fit.c - a FIT image as mkcodepage takes it: the kernel, and segments
 * fdt and initrd from the configuration's fdt and ramdisk (hashes checked,
 * data unpacked). The first byte picks the configuration: bit 0 names
 * "conf-1" rather than taking the default; the rest is the file.
 */
#include "arch.h"
#include "fit.h"
#include "fuzz.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

/* What any image may unpack to: kept small, as fuzzing runs in 2 GiB. */
#define FUZZ_LIMIT (64u << 20)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cp_request_segment segs[2] = {
		{ .name = "fdt", .node = "/segments/fdt", .fit_role = "fdt" },
		{ .name = "initrd",
		  .node = "/segments/initrd",
		  .fit_role = "ramdisk" },
	};
	/* the plan's memory is what any image may unpack to */
	struct cp_plan p = { .arch = cp_arch_find("arm64"),
			     .desc_file = "fuzz.dts",
			     .req = { .segments = segs, .nsegments = 2 },
			     .nmemory = 1,
			     .memory = { { 0, FUZZ_LIMIT } } };
	unsigned char *file, *kernel = NULL;
	size_t len;

	if (size < 1)
		return 0;
	p.req.kernel.fit_configuration = data[0] & 1 ? "conf-1" : NULL;
	/* as mkcodepage reads it: in a buffer of its own, aligned */
	file = memcpy(cp_xmalloc(size), data + 1, size - 1);
	if (!cp_fit_take(&p, file, size - 1, "fuzz.itb", &kernel, &len))
		free(kernel);
	free(file);
	for (int i = 0; i < 2; i++)
		if (segs[i].has_data)
			free(segs[i].data);
	return 0;
}
