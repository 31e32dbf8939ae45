/* SPDX-License-Identifier: MIT */
/*
 * segtxt.h - read the segments.txt mkcodepage writes (output.c renders
 * it): a line "entry 0x<hex>", a line "list-entry 0x<hex>", then
 * "segment <n> mem=0x<hex> memsz=0x<hex> file=<name> bufsz=0x<hex>" in
 * order; then, for a loader that refreshes seeds at every load,
 *   seed segment=<n> offset=0x<hex> size=0x<hex>[ arm=0x<off>:0x<value>:be32|le32]
 *     random bytes at offset of segment n's file, then (arm) a 32-bit word
 *   check segment=<n> sum=be32|le64|... s1=0x<off> s2=0x<off> crc=0x<off>|-
 *     where codepage.bin holds segment n's sums, to compute again after
 * and last, with --blob, "blob file=<name> size=0x<hex>". Used by the
 * tools that load what mkcodepage wrote.
 */
#ifndef CP_SEGTXT_H
#define CP_SEGTXT_H

#include <stddef.h>
#include <stdint.h>

#define CP_SEGTXT_MAX 64
#define CP_SEGTXT_MAX_SEEDS 8

struct cp_segtxt_seed {
	int seg;
	uint64_t off, size;
	int armed, arm_big;
	uint64_t arm_off;
	uint32_t arm_value;
};

struct cp_segtxt_check {
	int seg;
	int word, big; /* the sums' width in bytes and order */
	uint64_t s1, s2, crc; /* offsets in segment 0's file */
	int has_crc;
};

struct cp_segtxt_seg {
	uint64_t mem, memsz, bufsz;
	char *file; /* OUTDIR/name */
};

struct cp_segtxt {
	uint64_t entry, list_entry;
	int has_entry, has_list_entry;
	struct cp_segtxt_seg seg[CP_SEGTXT_MAX];
	int nseg;
	struct cp_segtxt_seed seed[CP_SEGTXT_MAX_SEEDS];
	int nseed;
	struct cp_segtxt_check check[CP_SEGTXT_MAX];
	int ncheck;
	char *blob; /* OUTDIR/blob.bin (--blob), or NULL */
	uint64_t blob_size;
};

/*
 * Parse LEN bytes of segments.txt text (file names are taken as OUTDIR/name;
 * DISPLAY names the file in diagnostics); 0, or -1 after reporting
 * file:line, and T then holds nothing to free.
 */
int cp_segtxt_parse(const char *text, size_t len, const char *outdir,
		    const char *display, struct cp_segtxt *t);
/*
 * OUTDIR/NAME, whole and NUL-terminated, with *PATH (fresh) naming it;
 * NULL after reporting missing-file (and *PATH then freed).
 */
char *cp_outdir_read(const char *outdir, const char *name, char **path,
		     size_t *len);
/* The same for OUTDIR/segments.txt. */
int cp_segtxt_read(const char *outdir, struct cp_segtxt *t);
void cp_segtxt_free(struct cp_segtxt *t);

#endif
