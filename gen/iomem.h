/* SPDX-License-Identifier: MIT */
/*
 * iomem.h - read /proc/iomem: one resource a line, "start-end : name",
 * hexadecimal inclusive bounds, two spaces of indent per level of
 * nesting (kernel/resource.c, r_show). A reader without privilege sees
 * every bound as 0; such a file says nothing and reads as empty.
 */
#ifndef CP_IOMEM_H
#define CP_IOMEM_H

#include <stddef.h>
#include <stdint.h>

#define CP_IOMEM_NAME_MAX 48

struct cp_iomem_entry {
	uint64_t start, end; /* inclusive, as the file has them */
	int depth; /* 0 for a top-level resource */
	int parent; /* index of the enclosing entry, or -1 */
	char name[CP_IOMEM_NAME_MAX]; /* printable ASCII, cut */
};

struct cp_iomem {
	struct cp_iomem_entry *e;
	int n;
};

/*
 * Parse LEN bytes of text. Lines that are not resources are skipped, as
 * are lines nested deeper than the line above allows. Returns the number
 * of entries (0 when the bounds are hidden, all zero).
 */
int cp_iomem_parse(const char *text, size_t len, struct cp_iomem *io);
void cp_iomem_free(struct cp_iomem *io);

/* 1 if entry i is named NAME, or starts with it followed by nothing
 * else but a space ("reserved" matches "Reserved"); case-insensitive. */
int cp_iomem_is(const struct cp_iomem *io, int i, const char *name);

#endif
