/* SPDX-License-Identifier: MIT */
/*
 * output.h - write what mkcodepage produces, atomically.
 *
 * Everything is first written into a staging directory beside OUTDIR; only
 * when every file is complete are they renamed into OUTDIR (created if
 * missing). On any earlier error the staging directory is removed and
 * OUTDIR is untouched. Files a previous run listed in segments.txt that this
 * run does not produce are removed, so OUTDIR never mixes two runs.
 *
 *   codepage.elf   the linked codepage, with its relocations (re-checkable)
 *   codepage.bin   segment 0
 *   <name>.bin     every other segment
 *   segments.txt   entry, list-entry, then one line per segment
 *   segments.json  the same facts, plus arch, protocol, memory, registers
 *   map.txt        a readable memory map
 *   blob.bin       with --blob (blob_len > 0): the blob (blob.h), named in
 *                  segments.txt by a line "blob file=blob.bin size=0x..."
 */
#ifndef CP_OUTPUT_H
#define CP_OUTPUT_H

#include "image.h"
#include "plan.h"

int cp_output_write(const struct cp_plan *plan, const char *outdir,
		    const char *elf_path, const struct cp_image *img,
		    const unsigned char *blob, size_t blob_len);

/*
 * The make rule for DEPFILE: OUTDIR's segments.txt, codepage.bin and
 * codepage.elf (and blob.bin with blob) depend on every input in DEPS,
 * each name escaped as make reads it. A fresh string, or NULL after
 * reporting a name make cannot read; made before anything is written, so
 * a bad name leaves no OUTDIR.
 */
char *cp_output_make_rule(const char *depfile, const char *outdir,
			  const struct cp_strlist *deps, int blob);
/* Write RULE to PATH (through PATH.tmp); 0 or -1. */
int cp_output_depfile(const char *path, const char *rule);

#endif
