/* SPDX-License-Identifier: MIT */
/*
 * sums.h - the checksums (checksum.h) the plan carries for each segment,
 * and where the linked codepage keeps those of a segment a loader changes
 * at every load (its seeds: plan.h), so that the loader can write them
 * again (segments.txt "check" lines) and the codepage still checks every
 * byte it enters. The plan places the global symbols
 * cp_seg_s1_N, cp_seg_s2_N and, where the arch checks a CRC32C too,
 * cp_seg_crc_N on entry N of its segment table (planasm.h).
 */
#ifndef CP_SUMS_H
#define CP_SUMS_H

#include <stdint.h>

struct cp_plan;

/*
 * Every segment's crc32c and sum (struct cp_segment), over its memory as
 * placed: bufsz bytes of buf, then zeros to memsz; words as the plan's
 * arch has them (its register width and byte order). Once the segments
 * are final (after the fixups), before the plan is emitted.
 */
void cp_sums_compute(struct cp_plan *plan);

/*
 * Set s1_at, s2_at and crc_at (offsets in codepage.bin) of every segment
 * with a seed, from the symbols of the codepage ELF at PATH linked at
 * BASE; nothing when the plan checks no segment. 0, or -1 (reported).
 */
int cp_sums_locate(struct cp_plan *plan, const char *path, uint64_t base);

#endif
