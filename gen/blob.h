/* SPDX-License-Identifier: MIT */
/*
 * blob.h - a blob (--blob, OUTDIR/blob.bin): the arch's mover, its header
 * (arch/blob.inc) and every segment packed, in one file that runs wherever
 * it is loaded in memory and entered at its first byte: the mover puts the
 * segments in place and enters the codepage as if kexec_load had.
 *
 * Segments are packed in the order of their destinations, each PACKED
 * bytes (its bytes without their zero tail, to a multiple of 16) at a
 * multiple of 16; that order is what lets the mover move them one by one
 * without a scratch copy, wherever the blob lies (blob.inc says how).
 */
#ifndef CP_BLOB_H
#define CP_BLOB_H

#include <stdint.h>

#include "image.h"
#include "plan.h"
#include "util.h"

#define CP_BLOB_PACK 16 /* the packing unit: the movers copy 16 bytes a step */
#define CP_BLOB_MAX_FREE (CP_MAX_MEMORY + CP_MAX_SEGMENTS)

struct cp_blob_seg {
	uint64_t dest, offset, packed, memsz;
	const unsigned char *bytes; /* len of them are packed (not owned) */
	size_t len;
};

struct cp_blob {
	struct cp_blob_seg seg[CP_MAX_SEGMENTS];
	int nseg, codepage; /* codepage: its index in seg */
	struct cp_range free[CP_BLOB_MAX_FREE];
	int nfree;
	uint64_t mover_size; /* bytes before the first segment */
	uint64_t size; /* of the whole blob */
	uint64_t entry; /* the codepage's placed entry */
	uint32_t align; /* of the load address */
};

/*
 * Lay out plan's segments (the codepage's bytes are img's) after a mover
 * of mover_size bytes: offsets, the free table, the blob's size.
 */
void cp_blob_layout(struct cp_blob *b, const struct cp_plan *plan,
		    const struct cp_image *img, uint64_t mover_size);

/*
 * Refuse a blob that cannot be moved from every place it may be loaded:
 * larger than every memory range, or with no room for the mover outside
 * it. 0, or -1 (reported).
 */
int cp_blob_check(const struct cp_blob *b, const struct cp_plan *plan);

/* The header and tables as assembler (section .plan, label cp_plan). */
void cp_blob_emit(const struct cp_blob *b, const struct cp_plan *plan,
		  struct cp_strbuf *out);

/* The blob's bytes: the mover's image, padding, the packed segments. */
unsigned char *cp_blob_bytes(const struct cp_blob *b,
			     const struct cp_image *mover);

#endif
