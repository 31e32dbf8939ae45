// SPDX-License-Identifier: MIT
/*
 * fuzz-fit.c - a FIT image as mkcodepage takes it: the kernel, and segments
 * fdt and initrd from the configuration's fdt and ramdisk (hashes checked,
 * data unpacked). The first byte picks the configuration: bit 0 names
 * "conf-1" rather than taking the default; the rest is the file.
 */
#include "arch.h"
#include "desc.h"
#include "fit.h"
#include "fuzz.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

/* What any image may unpack to: kept small, as fuzzing runs in 2 GiB. */
#define FUZZ_LIMIT (64u << 20)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cp_desc_segment segs[2] = {
		{ .name = "fdt", .node = "/segments/fdt", .fit_role = "fdt" },
		{ .name = "initrd",
		  .node = "/segments/initrd",
		  .fit_role = "ramdisk" },
	};
	struct cp_desc d = { .file = "fuzz.dts",
			     .segments = segs,
			     .nsegments = 2 };
	unsigned char *file, *kernel = NULL;
	size_t len;

	if (size < 1)
		return 0;
	d.kernel_fit_configuration = data[0] & 1 ? "conf-1" : NULL;
	/* as mkcodepage reads it: in a buffer of its own, aligned */
	file = memcpy(cp_xmalloc(size), data + 1, size - 1);
	if (!cp_fit_take(file, size - 1, "fuzz.itb", &d, cp_arch_find("arm64"),
			 FUZZ_LIMIT, &kernel, &len))
		free(kernel);
	free(file);
	for (int i = 0; i < 2; i++)
		if (segs[i].has_data)
			free(segs[i].data);
	return 0;
}
