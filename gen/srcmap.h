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
	char *workdir; /* where dtc's annotated output goes */
	int built; /* dtc has run (or failed: the map stays empty) */
	struct cp_srcpos *pos;
	int n;
};

/*
 * The map of a .dts, empty until cp_srcmap_locate first needs it: then
 * dtc runs once more, its output in workdir (which must still exist), and
 * a build that reports nothing runs dtc once a source. A dtc that fails
 * leaves the map empty (diagnostics then name node paths).
 */
void cp_srcmap_init(struct cp_srcmap *m, const char *dts, const char *workdir);
void cp_srcmap_free(struct cp_srcmap *m);

/*
 * Fill in file, line and column of loc when it names m's source and a
 * path m knows ("node:prop" falls back to "node"). Returns 1 if it did.
 */
int cp_srcmap_locate(struct cp_srcmap *m, struct cp_loc *loc);

#endif
