/* SPDX-License-Identifier: MIT */
/*
 * cpuinfo.h - read /proc/cpuinfo's "flags" lines (x86: one per CPU,
 * "flags<tabs>: fpu vme ... lm ...", the CPUID features the kernel
 * found, space-separated).
 */
#ifndef CP_CPUINFO_H
#define CP_CPUINFO_H

#include <stddef.h>

/*
 * Of LEN bytes of text: 1 when some "flags" line lacks the token FLAG
 * (whole: "lahf_lm" is not "lm"), 0 when every one has it or there is
 * none (nothing known).
 */
int cp_cpuinfo_lacks_flag(const char *text, size_t len, const char *flag);

#endif
