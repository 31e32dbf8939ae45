/* SPDX-License-Identifier: MIT */
/*
 * diag.h - the one place where mkcodepage and its tools print diagnostics.
 *
 * Every message has a location first, then a severity, then the text, then a
 * stable id in brackets that tests and scripts match on:
 *
 *   board.dts:12:5: error: ... [segment-overlap]     (a source line is known)
 *   board.dts: /segments/fdt: error: ... [bad-cells] (a description node)
 *   codepage.elf: entry+0x1c: error: ... [abs-reloc] (an ELF place)
 *   mkcodepage: error: ... [usage]                   (no better location)
 *
 * Library-style code returns error codes and reports through cp_diag() where
 * the problem is detected, with the context it has there.
 */
#ifndef CP_DIAG_H
#define CP_DIAG_H

#include <stdarg.h>
#include <stdio.h>

enum cp_severity { CP_NOTE, CP_WARNING, CP_ERROR };

/* Exit statuses shared by every program of the project. */
enum {
	CP_EXIT_OK = 0,
	CP_EXIT_REJECTED = 1, /* input rejected or a check failed */
	CP_EXIT_ENV = 2, /* usage error, missing tool, I/O trouble */
};

/*
 * Where a message points. Any field may be empty; the printer uses the most
 * precise combination: file:line:col, file: where, or the program name.
 */
struct cp_loc {
	const char *file; /* a path as the user wrote it */
	int line, col; /* 1-based; 0 when unknown */
	const char *where; /* a node path, "symbol+0xoff", a segment name */
};

/* Name printed when a message has no file (set once by main()). */
void cp_diag_set_program(const char *name);

/* Where messages go: stderr unless set (fuzzing harnesses give /dev/null,
 * so that every message is still formatted). */
void cp_diag_set_output(FILE *f);

/*
 * Diagnostic ids (diag-ids.def): CP_ID_none for a message with none (a
 * note that continues another), then one per line of the table.
 */
enum cp_diag_id {
	CP_ID_none,
#define CP_DIAG_ID(sym, name) CP_ID_##sym,
#include "diag-ids.def"
#undef CP_DIAG_ID
	CP_NIDS
};

/* An id's name ("abs-reloc"); NULL for CP_ID_none. */
const char *cp_diag_id_name(enum cp_diag_id id);

/* Print one diagnostic. */
void cp_diag(enum cp_severity sev, const struct cp_loc *loc, enum cp_diag_id id,
	     const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void cp_vdiag(enum cp_severity sev, const struct cp_loc *loc,
	      enum cp_diag_id id, const char *fmt, va_list ap);

/* Shorthands for the common cases: id is the table's symbol (abs_reloc). */
#define cp_error(loc, id, ...) cp_diag(CP_ERROR, loc, CP_ID_##id, __VA_ARGS__)
#define cp_warn(loc, id, ...) cp_diag(CP_WARNING, loc, CP_ID_##id, __VA_ARGS__)
#define cp_note(loc, id, ...) cp_diag(CP_NOTE, loc, CP_ID_##id, __VA_ARGS__)

/*
 * A function that may add file:line:col to a location that has only a file
 * and a node path (srcmap.c does, for device-tree sources).
 */
typedef int (*cp_locator)(struct cp_loc *loc, void *ctx);
void cp_diag_set_locator(cp_locator fn, void *ctx);

/* Build a location from a file and an optional node path or place. */
struct cp_loc cp_loc_at(const char *file, const char *where);

#endif
