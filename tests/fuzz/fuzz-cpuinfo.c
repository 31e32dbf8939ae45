// SPDX-License-Identifier: MIT
/* fuzz-cpuinfo.c - /proc/cpuinfo's flags, as kexec-codepage reads them. */
#include "cpuinfo.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return cp_cpuinfo_lacks_flag((const char *)data, size, "lm") < 0;
}
