// SPDX-License-Identifier: MIT
/* fdtsane.c - see fdtsane.h. Every offset is checked against what is left
 * before it is used; nothing here trusts a length from the tree. */
#include "fdtsane.h"
#include "util.h"

#include <libfdt.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A header field, read by us: libfdt's accessors trust the header. */
#define FIELD(p, name) word(p, offsetof(struct fdt_header, name))

static uint32_t word(const unsigned char *p, size_t off)
{
	return (uint32_t)cp_load_be(p + off, 4);
}

/* The structure block: tokens, 4-byte aligned, all inside [0, size). */
static int walk_struct(const unsigned char *s, size_t size, size_t strings_size,
		       const char **why)
{
	size_t off = 0;
	long depth = 0;

	while (off + 4 <= size) {
		uint32_t token = word(s, off);
		const unsigned char *nul;

		off += 4;
		switch (token) {
		case FDT_BEGIN_NODE:
			nul = memchr(s + off, 0, size - off);
			if (!nul)
				return *why = "a node name runs past the "
					      "structure block",
				       -1;
			off = cp_align_up((size_t)(nul - s) + 1, 4);
			depth++;
			break;
		case FDT_END_NODE:
			if (--depth < 0)
				return *why = "a node ends that never began",
				       -1;
			break;
		case FDT_PROP: {
			uint32_t plen, nameoff;

			if (size - off < 8)
				return *why = "a property header runs past the "
					      "structure block",
				       -1;
			plen = word(s, off);
			nameoff = word(s, off + 4);
			off += 8;
			if (plen > size - off)
				return *why = "a property value runs past the "
					      "structure block",
				       -1;
			if (nameoff >= strings_size)
				return *why = "a property name lies outside "
					      "the strings block",
				       -1;
			off = cp_align_up(off + plen, 4);
			break;
		}
		case FDT_NOP: break;
		case FDT_END:
			if (depth)
				return *why = "the tree ends inside a node", -1;
			return 0;
		default:
			return *why = "an unknown token in the structure block",
			       -1;
		}
	}
	return *why = "the structure block has no END token", -1;
}

/* ---- names: a property once per node, a child's name once ---------- */

struct names {
	const char **v;
	size_t n, cap;
};

static void push(struct names *l, const char *s)
{
	if (l->n == l->cap)
		l->v = cp_xrealloc(l->v,
				   (l->cap = 2 * l->cap + 16) * sizeof(*l->v));
	l->v[l->n++] = s;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* A name L holds twice (L is sorted here), or NULL. */
static const char *repeated(struct names *l)
{
	if (l->n < 2)
		return NULL; /* and qsort is never given NULL */
	qsort(l->v, l->n, sizeof(*l->v), by_name);
	for (size_t i = 1; i < l->n; i++)
		if (!strcmp(l->v[i - 1], l->v[i]))
			return l->v[i];
	return NULL;
}

/* "node P has two properties named 'x'", in a buffer that lasts until the
 * next call. */
static const char *say_twice(const void *fdt, int node, const char *what,
			     const char *name)
{
	static char msg[512];
	char path[256];

	if (fdt_get_path(fdt, node, path, sizeof(path)))
		snprintf(path, sizeof(path), "%s",
			 fdt_get_name(fdt, node, NULL));
	snprintf(msg, sizeof(msg), "node '%s' has two %s named '%s'", path,
		 what, name);
	return msg;
}

/*
 * dtc refuses a repeated property or sibling name in source; a .dtb can
 * carry one, and libfdt then sees only the first, so a reader and the
 * kernel could disagree about what the tree says. Runs after
 * fdt_check_full(), so libfdt's iterators are safe; no recursion, so no
 * depth the input could choose reaches the stack.
 */
static int names_unique(const void *fdt, const char **why)
{
	struct names l = { 0 };
	const char *dup = NULL, *what = NULL;
	int node, off;

	for (node = 0; node >= 0; node = fdt_next_node(fdt, node, NULL)) {
		const char *name;

		l.n = 0;
		fdt_for_each_property_offset(off, fdt, node)
		{
			fdt_getprop_by_offset(fdt, off, &name, NULL);
			push(&l, name);
		}
		what = "properties";
		if ((dup = repeated(&l)))
			break;
		l.n = 0;
		fdt_for_each_subnode(off, fdt, node)
			push(&l, fdt_get_name(fdt, off, NULL));
		what = "children";
		if ((dup = repeated(&l)))
			break;
	}
	if (dup)
		*why = say_twice(fdt, node, what, dup);
	free(l.v);
	return dup ? -1 : 0;
}

int cp_fdt_sane(const void *buf, size_t len, const char **why)
{
	const unsigned char *p = buf;
	uint64_t total, st_off, st_size, str_off, str_size, rsv_off;
	int err;

	if (len < FDT_V16_SIZE || FIELD(p, magic) != FDT_MAGIC)
		return *why = "no device tree header", -1;
	if (FIELD(p, version) < 16 || FIELD(p, last_comp_version) > 17)
		return *why = "header version below 16 or not compatible with "
			      "17",
		       -1;
	total = FIELD(p, totalsize);
	st_off = FIELD(p, off_dt_struct);
	str_off = FIELD(p, off_dt_strings);
	rsv_off = FIELD(p, off_mem_rsvmap);
	str_size = FIELD(p, size_dt_strings);
	if (total > len || total < FDT_V16_SIZE)
		return *why = "totalsize is beyond the bytes given", -1;
	st_size = FIELD(p, version) >= 17 && total >= FDT_V17_SIZE ?
			  FIELD(p, size_dt_struct) :
			  (st_off < total ? total - st_off : 0);
	if (st_off % 4 || rsv_off % 8 || rsv_off + 16 > total ||
	    st_off + st_size > total || str_off + str_size > total)
		return *why = "a block lies outside totalsize", -1;
	if (walk_struct(p + st_off, (size_t)st_size, (size_t)str_size, why))
		return -1;
	if ((err = fdt_check_full(buf, len)))
		return *why = fdt_strerror(err), -1;
	return names_unique(buf, why);
}
