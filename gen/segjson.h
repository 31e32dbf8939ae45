/* SPDX-License-Identifier: MIT */
/*
 * segjson.h - read what codepage-qemu needs from the segments.json
 * mkcodepage writes (output.c renders it): "arch", "page_size" and the
 * "memory" array of { "base": "0x...", "size": "0x..." }. Not a JSON parser: it takes the
 * layout output.c writes, and refuses anything else with bad-segments,
 * never reading outside the text.
 */
#ifndef CP_SEGJSON_H
#define CP_SEGJSON_H

#include <stddef.h>
#include <stdint.h>

#define CP_SEGJSON_MAX_MEMORY 32

struct cp_segjson {
	char arch[64];
	uint64_t page_size; /* the plan's page alignment; 0 if not given */
	uint64_t mem_base[CP_SEGJSON_MAX_MEMORY],
		mem_size[CP_SEGJSON_MAX_MEMORY];
	int nmem;
};

/* Parse LEN bytes of TEXT (DISPLAY names it in diagnostics); 0, or -1
 * after reporting. */
int cp_segjson_parse(const char *text, size_t len, const char *display,
		     struct cp_segjson *j);
/* The same for OUTDIR/segments.json. */
int cp_segjson_read(const char *outdir, struct cp_segjson *j);

#endif
