/* SPDX-License-Identifier: MIT */
/*
 * util.h - small helpers shared by the host programs: checked allocation,
 * whole-file reads, a growable string buffer, path handling and the lookup
 * of the project's data files (arch sources, templates, linker scripts).
 */
#ifndef CP_UTIL_H
#define CP_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Allocation that never returns NULL: on failure the program exits 2. */
void *cp_xmalloc(size_t n);
void *cp_xcalloc(size_t n, size_t size);
void *cp_xrealloc(void *p, size_t n);
char *cp_xstrdup(const char *s);
char *cp_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Read a whole file into a fresh buffer (NUL-terminated for convenience, the
 * terminator not counted in *len). Returns NULL with errno set on failure.
 */
unsigned char *cp_read_file(const char *path, size_t *len);

/* Write len bytes to path (created 0644). Returns 0 or -1 with errno set. */
int cp_write_file(const char *path, const void *buf, size_t len);

/* A growable string; always NUL-terminated once anything was appended. */
struct cp_strbuf {
	char *s;
	size_t len, cap;
};
void cp_sb_printf(struct cp_strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void cp_sb_free(struct cp_strbuf *sb);

/* The directory part of path ("." when it has none); a fresh string. */
char *cp_dirname(const char *path);
/* The last component of path; points into path. */
const char *cp_basename(const char *path);
/* dir/name, or name alone when it is absolute or dir is "." or NULL. */
char *cp_path_join(const char *dir, const char *name);

/*
 * The directory holding the project's data (arch/, templates/, ldscripts/,
 * the stand-ins): $MKCODEPAGE_DATADIR if set, else ../share/mkcodepage beside
 * the running executable when that exists (an installed tool), else the
 * source tree the executable was built from. A fresh string.
 */
char *cp_datadir(void);

/* Round up/down to a power-of-two alignment. */
static inline uint64_t cp_align_up(uint64_t v, uint64_t a)
{
	return (v + a - 1) & ~(a - 1);
}
static inline uint64_t cp_align_down(uint64_t v, uint64_t a)
{
	return v & ~(a - 1);
}

/*
 * Whether [base, base+size) meets [at, at+len), without sums that could
 * wrap (a range may end at 2^64). An empty [base, ...) meets nothing.
 */
static inline int cp_range_touches(uint64_t at, uint64_t len, uint64_t base,
				   uint64_t size)
{
	return size && (base - at < len || at - base < size);
}

/* Big-endian load of n (1..8) bytes. */
uint64_t cp_load_be(const unsigned char *p, size_t n);
/* Big-endian store of v into n bytes. */
void cp_store_be(unsigned char *p, size_t n, uint64_t v);
/* Little-endian load of n (1..8) bytes. */
uint64_t cp_load_le(const unsigned char *p, size_t n);
/* Little-endian store of v into n bytes. */
void cp_store_le(unsigned char *p, size_t n, uint64_t v);

/* A list of strings (dependencies, file names), kept unique and in order. */
struct cp_strlist {
	char **v;
	int n;
};
void cp_strlist_add(struct cp_strlist *l, const char *s);
void cp_strlist_free(struct cp_strlist *l);

/*
 * Create a private temporary directory ($TMPDIR or /tmp, named after prog)
 * that is removed with its contents at exit or on SIGINT/SIGTERM.
 * Returns its path (owned here; the same on later calls) or NULL (reported).
 */
const char *cp_workdir_create(const char *prog);
/* Parse a hex/decimal register or address string ("0x1000"); -1 if bad. */
int cp_parse_u64(const char *s, uint64_t *v);

/* P as an absolute path: joined to the working directory unless it is
 * one (a copy; P itself when the directory cannot be read). */
char *cp_path_absolute(const char *p);

#endif
