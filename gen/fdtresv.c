// SPDX-License-Identifier: MIT
/* fdtresv.c - see fdtresv.h. Flattened tree layout: the Devicetree
 * Specification, chapter 5 (header, memory reservation block, structure
 * block tokens, strings block). */
#include "fdtresv.h"
#include "util.h"

#include <stdio.h>
#include <string.h>

#define FDT_MAGIC_VALUE 0xd00dfeedu
#define TOKEN_BEGIN_NODE 1u
#define TOKEN_END_NODE 2u
#define TOKEN_PROP 3u
#define TOKEN_NOP 4u
#define TOKEN_END 9u
#define HEADER_SIZE 40 /* up to size_dt_struct (version 17) */
#define MAX_DEPTH 3 /* root, /reserved-memory or /cpus, their children */

/* What one open node has said so far (properties come before children). */
struct frame {
	size_t path_len; /* its path's length in walk.path */
	int addr_cells, size_cells; /* for its children */
	const unsigned char *reg, *release, *rd_start, *rd_end;
	uint32_t reg_len, release_len, rd_start_len, rd_end_len;
	int disabled, memory, spin, no_map;
};

struct walk {
	const unsigned char *st, *strings; /* structure and strings blocks */
	size_t st_size, strings_size;
	char path[CP_FDT_NAME_MAX];
	struct frame f[MAX_DEPTH];
	long depth; /* of the node open now; -1 before the root */
	cp_fdt_region_fn fn;
	void *ctx;
	const char *why;
};

const char *cp_fdt_kind_name(enum cp_fdt_kind kind)
{
	switch (kind) {
	case CP_FDT_MEMRESERVE: return "a /memreserve/ entry";
	case CP_FDT_RESERVED: return "a /reserved-memory node";
	case CP_FDT_RELEASE_ADDR: return "a spin-table CPU's cpu-release-addr";
	case CP_FDT_MEMORY: return "a memory node";
	case CP_FDT_INITRD: return "the initrd /chosen names";
	}
	return "?";
}

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)cp_load_be(p, 4);
}

/* Append s (n bytes) to the path as printable ASCII, cut with "...". */
static void path_add(struct walk *w, const char *s, size_t n)
{
	size_t at = strlen(w->path);

	for (size_t i = 0; i < n; i++) {
		if (at + 1 >= sizeof(w->path)) {
			memcpy(w->path + sizeof(w->path) - 4, "...", 4);
			return;
		}
		w->path[at++] = s[i] > 0x20 && s[i] < 0x7f ? s[i] : '?';
	}
	w->path[at] = 0;
}

/* A property's name, or NULL when its offset is outside the strings. */
static const char *prop_name(const struct walk *w, uint32_t off)
{
	if (off >= w->strings_size ||
	    !memchr(w->strings + off, 0, w->strings_size - off))
		return NULL;
	return (const char *)w->strings + off;
}

/* 1 if the NUL-separated list (len bytes) holds s. */
static int list_has(const unsigned char *v, uint32_t len, const char *s)
{
	size_t n = strlen(s) + 1;

	for (uint32_t at = 0; at < len;) {
		const unsigned char *end = memchr(v + at, 0, len - at);
		size_t item = end ? (size_t)(end - v - at) + 1 : len - at;

		if (item == n && !memcmp(v + at, s, n))
			return 1;
		at += (uint32_t)item;
	}
	return 0;
}

static void cells_of(const unsigned char *v, uint32_t len, int *out)
{
	if (len == 4)
		*out = (int)be32(v);
}

static void take_prop(struct walk *w, const char *name, const unsigned char *v,
		      uint32_t len)
{
	struct frame *f = &w->f[w->depth];

	if (!strcmp(name, "#address-cells"))
		cells_of(v, len, &f->addr_cells);
	else if (!strcmp(name, "#size-cells"))
		cells_of(v, len, &f->size_cells);
	else if (!strcmp(name, "reg"))
		f->reg = v, f->reg_len = len;
	else if (!strcmp(name, "cpu-release-addr"))
		f->release = v, f->release_len = len;
	else if (!strcmp(name, "linux,initrd-start"))
		f->rd_start = v, f->rd_start_len = len;
	else if (!strcmp(name, "linux,initrd-end"))
		f->rd_end = v, f->rd_end_len = len;
	else if (!strcmp(name, "no-map"))
		f->no_map = 1;
	else if (!strcmp(name, "status"))
		/* "okay" (or the older "ok") is enabled, as Linux reads it */
		f->disabled = !list_has(v, len, "okay") &&
			      !list_has(v, len, "ok");
	else if (!strcmp(name, "device_type"))
		f->memory = list_has(v, len, "memory");
	else if (!strcmp(name, "enable-method"))
		f->spin = list_has(v, len, "spin-table");
}

static int report(struct walk *w, enum cp_fdt_kind kind, uint64_t base,
		  uint64_t size, int no_map)
{
	struct cp_fdt_region r = {
		.kind = kind, .base = base, .size = size, .no_map = no_map
	};

	snprintf(r.name, sizeof(r.name), "%s", w->path[0] ? w->path : "/");
	return w->fn(&r, w->ctx);
}

/* Each (address, size) of a reg in the parent's cells. */
static int report_reg(struct walk *w, enum cp_fdt_kind kind,
		      const struct frame *parent, const struct frame *f)
{
	int ac = parent->addr_cells, sc = parent->size_cells;
	uint32_t pair;
	int st;

	if (ac < 1 || ac > 2 || sc < 1 || sc > 2) {
		w->why = "a reg in #address-cells or #size-cells other than 1 "
			 "or 2";
		return -1;
	}
	pair = (uint32_t)(ac + sc) * 4;
	for (uint32_t at = 0; at + pair <= f->reg_len; at += pair)
		if ((st = report(
			     w, kind, cp_load_be(f->reg + at, (size_t)ac * 4),
			     cp_load_be(f->reg + at + ac * 4, (size_t)sc * 4),
			     f->no_map)))
			return st;
	return 0;
}

/* A number of 4 or 8 bytes, as /chosen and cpu-release-addr hold them. */
static int number(const unsigned char *v, uint32_t len, uint64_t *out)
{
	if (!v || (len != 4 && len != 8))
		return 0;
	*out = cp_load_be(v, len);
	return 1;
}

static int chosen_initrd(struct walk *w, const struct frame *f)
{
	uint64_t start, end;

	if (!number(f->rd_start, f->rd_start_len, &start) ||
	    !number(f->rd_end, f->rd_end_len, &end) || end <= start)
		return 0;
	return report(w, CP_FDT_INITRD, start, end - start, 0);
}

/* The node open at depth ends: what does it say? */
static int node_ends(struct walk *w)
{
	const struct frame *f = &w->f[w->depth];
	const char *parent = w->path + (w->depth > 1 ? 1 : 0);

	if (f->disabled && !(f->spin && w->depth == 2))
		return 0; /* a parked CPU is "disabled" until released */
	if (w->depth == 1 && f->memory && f->reg)
		return report_reg(w, CP_FDT_MEMORY, &w->f[0], f);
	if (w->depth == 1 && !strcmp(w->path, "/chosen"))
		return chosen_initrd(w, f);
	if (w->depth != 2)
		return 0;
	if (!strncmp(parent, "reserved-memory/", 16) && f->reg)
		return report_reg(w, CP_FDT_RESERVED, &w->f[1], f);
	uint64_t release;

	if (!strncmp(parent, "cpus/", 5) && f->spin &&
	    number(f->release, f->release_len, &release))
		return report(w, CP_FDT_RELEASE_ADDR, release, 8, 0);
	return 0;
}

static int begin_node(struct walk *w, size_t *off)
{
	const unsigned char *name = w->st + *off;
	const unsigned char *nul = memchr(name, 0, w->st_size - *off);

	if (!nul)
		return w->why = "a node name runs past the structure block", -1;
	*off = cp_align_up((size_t)(nul - w->st) + 1, 4);
	w->depth++;
	if (w->depth >= MAX_DEPTH)
		return 0; /* deeper nodes say nothing read here */
	w->f[w->depth] = (struct frame){ .addr_cells = 2, .size_cells = 1 };
	w->f[w->depth].path_len = strlen(w->path);
	if (w->depth > 0) {
		path_add(w, "/", 1);
		path_add(w, (const char *)name, (size_t)(nul - name));
	}
	return 0;
}

static int end_node(struct walk *w)
{
	int st = 0;

	if (w->depth < 0)
		return w->why = "a node ends that never began", -1;
	if (w->depth < MAX_DEPTH) {
		st = node_ends(w);
		w->path[w->f[w->depth].path_len] = 0;
	}
	w->depth--;
	return st;
}

static int prop(struct walk *w, size_t *off)
{
	uint32_t len, nameoff;
	const char *name;

	if (w->st_size - *off < 8)
		return w->why = "a property header runs past the structure "
				"block",
		       -1;
	len = be32(w->st + *off);
	nameoff = be32(w->st + *off + 4);
	*off += 8;
	if (len > w->st_size - *off)
		return w->why =
			       "a property value runs past the structure block",
		       -1;
	if (!(name = prop_name(w, nameoff)))
		return w->why =
			       "a property name lies outside the strings block",
		       -1;
	if (w->depth < 0)
		return w->why = "a property outside every node", -1;
	if (w->depth < MAX_DEPTH)
		take_prop(w, name, w->st + *off, len);
	*off = cp_align_up(*off + len, 4);
	return 0;
}

static int walk_struct(struct walk *w)
{
	size_t off = 0;
	int st;

	while (w->st_size - off >= 4) {
		uint32_t token = be32(w->st + off);

		off += 4;
		switch (token) {
		case TOKEN_BEGIN_NODE: st = begin_node(w, &off); break;
		case TOKEN_END_NODE: st = end_node(w); break;
		case TOKEN_PROP: st = prop(w, &off); break;
		case TOKEN_NOP: st = 0; break;
		case TOKEN_END:
			if (w->depth != -1)
				return w->why = "the tree ends inside a node",
				       -1;
			return 0;
		default:
			return w->why = "an unknown token in the structure "
					"block",
			       -1;
		}
		if (st)
			return st;
		if (off > w->st_size)
			return w->why = "a token runs past the structure block",
			       -1;
	}
	return w->why = "the structure block has no END token", -1;
}

/* The reservation block: 16-byte (address, size) pairs up to (0, 0). */
static int walk_memreserve(struct walk *w, const unsigned char *p, size_t total,
			   size_t off)
{
	for (int i = 0; off <= total && total - off >= 16; i++, off += 16) {
		uint64_t base = cp_load_be(p + off, 8);
		uint64_t size = cp_load_be(p + off + 8, 8);
		int st;

		if (!base && !size)
			return 0;
		snprintf(w->path, sizeof(w->path), "/memreserve/ %d", i);
		st = report(w, CP_FDT_MEMRESERVE, base, size, 0);
		w->path[0] = 0;
		if (st)
			return st;
	}
	return w->why = "the /memreserve/ block has no end inside the tree", -1;
}

int cp_fdt_regions(const void *buf, size_t len, cp_fdt_region_fn fn, void *ctx,
		   const char **why)
{
	const unsigned char *p = buf;
	struct walk w = { .fn = fn, .ctx = ctx, .depth = -1 };
	uint64_t total, st_off, st_size, str_off, str_size, rsv_off;
	int st;

	*why = NULL;
	if (len < HEADER_SIZE || be32(p) != FDT_MAGIC_VALUE)
		return *why = "no device tree header", -1;
	if (be32(p + 20) < 16 || be32(p + 24) > 17)
		return *why = "a device tree version other than 16 or 17", -1;
	total = be32(p + 4);
	st_off = be32(p + 8);
	str_off = be32(p + 12);
	rsv_off = be32(p + 16);
	str_size = be32(p + 32);
	st_size = be32(p + 36);
	if (be32(p + 20) < 17) /* no size_dt_struct: up to the end */
		st_size = st_off < total ? total - st_off : 0;
	if (total > len || st_off % 4 || rsv_off % 8 || st_off > total ||
	    st_size > total - st_off || str_off > total ||
	    str_size > total - str_off || rsv_off > total)
		return *why = "a block lies outside the tree's totalsize", -1;
	w.st = p + st_off;
	w.st_size = (size_t)st_size;
	w.strings = p + str_off;
	w.strings_size = (size_t)str_size;
	st = walk_memreserve(&w, p, (size_t)total, (size_t)rsv_off);
	if (!st)
		st = walk_struct(&w);
	if (st < 0 && w.why)
		*why = w.why;
	return st;
}

/* An offset libfdt's header check accepts: past the header, inside. */
static int header_off(uint64_t hdr, uint64_t total, uint64_t off)
{
	return off >= hdr && off <= total;
}

static int header_block(uint64_t hdr, uint64_t total, uint64_t off,
			uint64_t size)
{
	return header_off(hdr, total, off) &&
	       header_off(hdr, total, off + size);
}

int cp_fdt_header_ok(const void *buf, size_t len)
{
	const unsigned char *p = buf;
	uint32_t version, total, hdr;

	if (len < HEADER_SIZE || be32(p) != FDT_MAGIC_VALUE)
		return 0;
	version = be32(p + 20);
	if (version < 2 || be32(p + 24) > 17 || version < be32(p + 24))
		return 0;
	/* the header's size grew with its versions: 28, 32, 36, 40 bytes */
	hdr = version <= 1 ? 28 : version == 2 ? 32 : version <= 16 ? 36 : 40;
	total = be32(p + 4);
	if (total < hdr || total > 0x7fffffffu ||
	    !header_off(hdr, total, be32(p + 16)))
		return 0;
	if (version < 17 ? !header_off(hdr, total, be32(p + 8)) :
			   !header_block(hdr, total, be32(p + 8), be32(p + 36)))
		return 0;
	return header_block(hdr, total, be32(p + 12), be32(p + 32));
}
