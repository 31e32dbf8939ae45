/* SPDX-License-Identifier: MIT */
/*
 * srcmap.h - where each node and property of a device-tree source came from
 * (file:line:col), read from dtc's annotated output (dtc -O dts -T -T), so
 * that a diagnostic about "/segments/fdt:load" can point at its line, in
 * the description or in a file it /include/s.
 */
#ifndef CP_SRCMAP_H
#define CP_SRCMAP_H

#include "diag.h"

struct cp_srcpos {
	char *path; /* "/segments/fdt" or "/segments/fdt:load" */
	char *file;
	int line, col;
};

struct cp_srcmap {
	char *source; /* the .dts the map describes, as given */
	struct cp_srcpos *pos;
	int n;
};

/*
 * Build the map of a .dts by running dtc once more; workdir holds its
 * output. Failure leaves an empty map (diagnostics then name node paths).
 */
void cp_srcmap_build(struct cp_srcmap *m, const char *dts, const char *workdir);
void cp_srcmap_free(struct cp_srcmap *m);

/*
 * Fill in file, line and column of loc when it names m's source and a
 * path m knows ("node:prop" falls back to "node"). Returns 1 if it did.
 */
int cp_srcmap_locate(const struct cp_srcmap *m, struct cp_loc *loc);

#endif
