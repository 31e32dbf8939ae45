/* SPDX-License-Identifier: MIT */
/*
 * bootdata.h - what protocols share when mkcodepage builds their boot
 * data at build time (x86's boot_params and Multiboot information, arm's
 * ATAGS): the memory map a destination is told, and data segments placed
 * clear of everything else.
 */
#ifndef CP_BOOTDATA_H
#define CP_BOOTDATA_H

#include "plan.h"

#include <stddef.h>
#include <stdint.h>

/* Memory map types, as e820 and both Multiboots number them. */
#define CP_MAP_RAM 1
#define CP_MAP_RESERVED 2

struct cp_map_entry {
	uint64_t base, size;
	uint32_t type;
};

/*
 * The description's memory less its reserved-memory (RAM) and its
 * reserved-memory (reserved: beside memory or inside it), sorted by
 * address; at most max entries. Reports reserved ranges that overlap each
 * other and too many entries; 0 or -1.
 */
int cp_memory_map(const struct cp_plan *plan, struct cp_map_entry **map, int *n,
		  int max);

/*
 * Add protocol data (takes buf) as segment name at the lowest free
 * align-aligned address above the first page whose end is at or below
 * limit; *addr is where. Reports a name the description took already or
 * no room; 0 or -1.
 */
int cp_plan_add_data(struct cp_plan *plan, const char *name, unsigned char *buf,
		     size_t len, uint64_t align, uint64_t limit,
		     uint64_t *addr);

/*
 * The segment kernel { initrd } names, for a protocol that passes it in
 * data of its own (boot_params, ATAGS): 0 with *rd set (NULL when the
 * description names none), or -1 when it names no segment of the
 * description (reported).
 */
int cp_initrd_segment(const struct cp_plan *plan, const struct cp_segment **rd);

#endif
