// SPDX-License-Identifier: MIT
/* fuzz-iomem.c - /proc/iomem, as kexec-codepage reads it. */
#include "fuzz.h"
#include "iomem.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cp_iomem io;
	int n = cp_iomem_parse((const char *)data, size, &io), hits = 0;

	for (int i = 0; i < n; i++)
		hits += cp_iomem_is(&io, i, "System RAM") +
			(io.e[i].parent >= 0 &&
			 io.e[io.e[i].parent].depth < io.e[i].depth);
	cp_iomem_free(&io);
	return hits < 0;
}
