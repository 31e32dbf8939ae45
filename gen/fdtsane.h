/* SPDX-License-Identifier: MIT */
/*
 * fdtsane.h - every flattened device tree from the input (the description,
 * an fdt segment) is checked here: first its structure by us, because
 * libfdt 1.6.1 (Debian 12) dereferences NULL in fdt_check_full() on a
 * header version below 16 and loops forever on a property length near
 * 2^32; then by fdt_check_full().
 */
#ifndef CP_FDTSANE_H
#define CP_FDTSANE_H

#include <stddef.h>

/*
 * 0 when BUF (LEN bytes) holds a tree of version 16 or 17 whose blocks lie
 * inside its totalsize and inside LEN, whose structure block is a sequence
 * of well-formed tokens (node names and property values inside the block,
 * property names inside the strings block, nodes balanced, one END at the
 * end), which fdt_check_full() accepts, and in which no node has two
 * properties or two children of the same name. Otherwise -1, with *WHY saying
 * what is wrong (ours, or libfdt's fdt_strerror()).
 */
int cp_fdt_sane(const void *buf, size_t len, const char **why);

#endif
