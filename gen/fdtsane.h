/* SPDX-License-Identifier: MIT */
/*
 * fdtsane.h - a flattened device tree's structure checked by us, before
 * libfdt walks it. libfdt 1.6.1 (Debian 12) dereferences NULL in
 * fdt_check_full() on a header version below 16 and loops forever on a
 * property length near 2^32; every tree from the input (the description,
 * an fdt segment) passes here first, then through fdt_check_full().
 */
#ifndef CP_FDTSANE_H
#define CP_FDTSANE_H

#include <stddef.h>

/*
 * 0 when BUF (LEN bytes) holds a tree of version 16 or 17 whose blocks lie
 * inside its totalsize and inside LEN, and whose structure block is a
 * sequence of well-formed tokens (node names and property values inside the
 * block, property names inside the strings block, nodes balanced, one END
 * at the end). Otherwise -1, with *WHY saying what is wrong.
 */
int cp_fdt_sane(const void *buf, size_t len, const char **why);

#endif
