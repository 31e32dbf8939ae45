// SPDX-License-Identifier: MIT
/* plan.c - building and checking the plan (see plan.h). */
#include "plan.h"
#include "child.h"
#include "deps.h"
#include "fdtresv.h"
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct cp_segment *cp_plan_add(struct cp_plan *plan, const char *name,
			       uint64_t mem, unsigned char *buf, size_t bufsz,
			       uint64_t memsz, const struct cp_loc *loc)
{
	struct cp_segment *s;

	if (plan->nseg == 0)
		plan->nseg = 1; /* seg[0] is kept for the codepage */
	if (plan->nseg >= CP_MAX_SEGMENTS) {
		cp_error(loc, too_many_segments, "more than %d segments",
			 CP_MAX_SEGMENTS);
		free(buf);
		return NULL;
	}
	s = &plan->seg[plan->nseg++];
	memset(s, 0, sizeof(*s));
	s->name = cp_xstrdup(name);
	s->file = cp_xasprintf("%s.bin", name);
	s->mem = mem;
	s->buf = buf;
	s->bufsz = bufsz;
	s->size = bufsz;
	s->memsz = memsz;
	s->loc = *loc;
	return s;
}

struct cp_segment *cp_plan_find(const struct cp_plan *plan, const char *name)
{
	for (int i = 1; i < plan->nseg; i++)
		if (!strcmp(plan->seg[i].name, name))
			return (struct cp_segment *)&plan->seg[i];
	return NULL;
}

int cp_plan_in_memory(const struct cp_plan *plan, uint64_t base, uint64_t size)
{
	for (int i = 0; i < plan->nmemory; i++) {
		const struct cp_range *m = &plan->memory[i];

		if (base >= m->base && size <= m->size &&
		    base - m->base <= m->size - size)
			return 1;
	}
	return 0;
}

/* ---- the description's segments ----------------------------------- */

static unsigned char *compile_dts_segment(const char *path, const char *workdir,
					  size_t *len, struct cp_strlist *deps)
{
	static int seq;
	char *out = cp_xasprintf("%s/seg%d.dtb", workdir, seq);
	char *dep = cp_xasprintf("%s/seg%d.d", workdir, seq);
	char *dir = cp_dirname(path);
	char *argv[] = { "dtc", "-q", "-I", "dts", "-O", "dtb",	       "-o",
			 out,	"-d", dep,  "-i",  dir,	 (char *)path, NULL };
	unsigned char *buf = NULL;

	seq++;
	if (cp_spawn(argv, NULL,
		     "device-tree compiler, Debian package "
		     "device-tree-compiler") == 0) {
		buf = cp_read_file(out, len);
		cp_deps_read_dtc(dep, out, deps);
	}
	free(out);
	free(dep);
	free(dir);
	return buf;
}

static int ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);

	return a >= b && !strcmp(s + a - b, suffix);
}

static unsigned char *segment_bytes(const struct cp_request_segment *ds,
				    const char *workdir, size_t *len,
				    uint64_t *size, struct cp_strlist *deps,
				    const struct cp_loc *loc)
{
	unsigned char *buf;

	if (ds->string) {
		*size = strlen(ds->string);
		*len = *size + 1; /* the NUL goes to memory too */
		return (unsigned char *)cp_xstrdup(ds->string);
	}
	if (ds->has_data) {
		*size = *len = ds->data_len;
		return memcpy(cp_xmalloc(ds->data_len), ds->data, ds->data_len);
	}
	cp_strlist_add(deps, ds->path);
	if (ends_with(ds->path, ".dts"))
		buf = compile_dts_segment(ds->path, workdir, len, deps);
	else
		buf = cp_read_file(ds->path, len);
	if (!buf) {
		cp_error(loc, missing_file, "cannot read '%s': %s", ds->file,
			 ends_with(ds->path, ".dts") ? "dtc failed" :
						       strerror(errno));
		return NULL;
	}
	*size = *len;
	return buf;
}

const char *cp_plan_name(struct cp_plan *plan, const char *s)
{
	if (!s)
		return NULL;
	cp_strlist_add(&plan->names, s);
	for (int i = 0;; i++)
		if (!strcmp(plan->names.v[i], s))
			return plan->names.v[i];
}

int cp_plan_read_segments(struct cp_plan *plan, const char *workdir,
			  struct cp_strlist *deps)
{
	const struct cp_request *req = &plan->req;

	uint64_t page = plan->page_size;
	int err = 0;

	for (int i = 0; i < req->nsegments; i++) {
		const struct cp_request_segment *ds = &req->segments[i];
		struct cp_loc loc = cp_loc_at(plan->desc_file, ds->node);
		uint64_t mem = cp_align_down(ds->load, page), size;
		uint64_t pad = ds->load - mem;
		size_t len;
		unsigned char *bytes, *buf;
		struct cp_segment *s;

		if (!strncmp(ds->name, "kernel", 6) ||
		    !strcmp(ds->name, "codepage")) {
			cp_error(&loc, reserved_name,
				 "segment name '%s' is reserved; rename the "
				 "node",
				 ds->name);
			err = -1;
			continue;
		}
		bytes = segment_bytes(ds, workdir, &len, &size, deps, &loc);
		if (!bytes) {
			err = -1;
			continue;
		}
		if (len == 0) {
			cp_error(&loc, empty_segment,
				 "segment '%s' has no bytes; drop it or give "
				 "it content",
				 ds->name);
			free(bytes);
			err = -1;
			continue;
		}
		buf = cp_xcalloc(1, pad + len);
		memcpy(buf + pad, bytes, len);
		free(bytes);
		s = cp_plan_add(plan, ds->name, mem, buf, pad + len,
				cp_align_up(pad + len, page), &loc);
		if (!s)
			return -1;
		s->data_off = pad;
		s->size = size;
	}
	return err;
}

/* ---- registers ------------------------------------------------------ */

/* "fdt", "fdt.load", "fdt.size", "fdt.end"; "kernel" is the lowest part. */
static int segment_field(const struct cp_plan *plan, const char *expr,
			 int *found, uint64_t *value)
{
	char name[128];
	const char *dot = strrchr(expr, '.');
	const char *field = "load";
	const struct cp_segment *s;

	snprintf(name, sizeof(name), "%.*s",
		 (int)(dot ? (size_t)(dot - expr) : strlen(expr)), expr);
	s = cp_plan_find(plan, name);
	if (!s && !strcmp(name, "kernel"))
		s = cp_plan_find(plan, "kernel.0");
	if (dot && !s) {
		/* "kernel.0" alone: the dot is part of the name */
		s = cp_plan_find(plan, expr);
		if (s)
			dot = NULL;
		else
			field = dot + 1;
	} else if (dot) {
		field = dot + 1;
	}
	*found = !!s;
	if (!s)
		return 0;
	if (!strcmp(field, "load"))
		*value = s->mem + s->data_off;
	else if (!strcmp(field, "size"))
		*value = s->size;
	else if (!strcmp(field, "end"))
		*value = s->mem + s->data_off + s->size;
	else
		return -1;
	return 0;
}

static int resolve_one(const struct cp_plan *plan, struct cp_regval *v,
		       const char *reg)
{
	char expr[128];
	size_t n;
	int optional = 0, found = 0;

	snprintf(expr, sizeof(expr), "%s", v->expr);
	n = strlen(expr);
	if (n && expr[n - 1] == '?') {
		optional = 1;
		expr[n - 1] = 0;
	}
	if (cp_parse_u64(expr, &v->value) == 0)
		return 0;
	if (!strcmp(expr, "entry")) {
		v->value = plan->entry;
		return 0;
	}
	if (plan->arch->symbol) {
		int st = plan->arch->symbol(plan, expr, &v->value);

		if (st >= 0) {
			v->runtime = st == 1;
			return 0;
		}
	}
	if (segment_field(plan, expr, &found, &v->value)) {
		cp_error(&v->loc, bad_register_value,
			 "%s = \"%s\": a segment has .load, .size and .end",
			 reg, v->expr);
		return -1;
	}
	if (found)
		return 0;
	if (optional) {
		v->value = 0;
		return 0;
	}
	if (v->loc.file && plan->desc_file &&
	    strcmp(v->loc.file, plan->desc_file)) {
		/* the protocol's template asked for it: say so where the
		 * user can act, at the description */
		struct cp_loc at = cp_loc_at(plan->desc_file, "/segments");

		cp_error(&at, missing_segment,
			 "protocol %s passes segment '%.*s' in %s, but the "
			 "description has none; add segments { %.*s { file = "
			 "\"...\"; load = <...>; }; } or set %s under "
			 "registers { }",
			 plan->protocol, (int)strcspn(expr, "."), expr, reg,
			 (int)strcspn(expr, "."), expr, reg);
		return -1;
	}
	cp_error(&v->loc, missing_segment,
		 "%s = \"%s\" names no segment of the description; add "
		 "segments { %.*s { file = \"...\"; load = <...>; }; } or set "
		 "%s to a number under registers { }",
		 reg, v->expr, (int)strcspn(expr, "."), expr, reg);
	return -1;
}

int cp_plan_resolve_registers(struct cp_plan *plan)
{
	int err = 0;
	uint64_t max = plan->arch->reg_bytes >= 8 ?
			       UINT64_MAX :
			       (1ULL << (plan->arch->reg_bytes * 8)) - 1;

	for (int i = 0; plan->arch->registers[i]; i++) {
		struct cp_regval *v = &plan->regs[i];
		const char *name = plan->arch->registers[i];

		if (!v->set)
			continue;
		if (v->expr && resolve_one(plan, v, name)) {
			err = -1;
			continue;
		}
		if (v->value > max) {
			cp_error(&v->loc, register_range,
				 "%s = 0x%llx does not fit a %u-bit register",
				 name, (unsigned long long)v->value,
				 plan->arch->reg_bytes * 8);
			err = -1;
		}
	}
	return err;
}

/* ---- checks ------------------------------------------------------------ */

static int check_memory(struct cp_plan *plan)
{
	const struct cp_arch *a = plan->arch;
	struct cp_loc loc = cp_loc_at(plan->desc_file, "/:memory");
	int err = 0;

	if (plan->nmemory == 0) {
		cp_error(&loc, missing_memory,
			 "the description has no memory = <address size ...>; "
			 "say which RAM the destination may use");
		return -1;
	}
	for (int i = 0; i < plan->nmemory; i++) {
		const struct cp_range *m = &plan->memory[i];

		if (m->size == 0) {
			cp_error(&loc, bad_memory,
				 "memory range %d at 0x%llx has size 0", i,
				 (unsigned long long)m->base);
			err = -1;
		} else if (m->base + m->size < m->base) {
			cp_error(&loc, address_overflow,
				 "memory range %d (0x%llx size 0x%llx) wraps "
				 "around the address space",
				 i, (unsigned long long)m->base,
				 (unsigned long long)m->size);
			err = -1;
		} else if (m->base + m->size > a->addr_limit) {
			cp_error(&loc, memory_limit,
				 "memory range 0x%llx..0x%llx ends above "
				 "0x%llx, "
				 "which %s cannot map 1:1; list only memory "
				 "below it",
				 (unsigned long long)m->base,
				 (unsigned long long)(m->base + m->size - 1),
				 (unsigned long long)a->addr_limit, a->name);
			err = -1;
		}
		for (int j = 0; j < i && !err; j++) {
			const struct cp_range *o = &plan->memory[j];

			if (m->base < o->base + o->size &&
			    o->base < m->base + m->size) {
				cp_error(&loc, memory_overlap,
					 "memory ranges %d and %d overlap", j,
					 i);
				err = -1;
			}
		}
	}
	return err;
}

/* Where the alignment is larger than the arch's smallest page (arm64's
 * 64 KiB default), what a refusal caused by it can do about it. */
static const char *page_hint(const struct cp_plan *plan)
{
	static char hint[256];

	if (plan->page_size <= plan->arch->page_size)
		return "";
	snprintf(hint, sizeof(hint),
		 "; segments align to 0x%llx so that kernels with pages that "
		 "large load them: page-size = <0x%llx>; if yours use %llu KiB "
		 "pages only",
		 (unsigned long long)plan->page_size,
		 (unsigned long long)plan->arch->page_size,
		 (unsigned long long)(plan->arch->page_size >> 10));
	return hint;
}

static int check_one_segment(const struct cp_plan *plan,
			     const struct cp_segment *s)
{
	const struct cp_arch *a = plan->arch;

	if (s->mem + s->memsz < s->mem || s->mem + s->memsz > a->addr_limit) {
		cp_error(&s->loc, address_overflow,
			 "segment '%s' at 0x%llx size 0x%llx %s", s->name,
			 (unsigned long long)s->mem,
			 (unsigned long long)s->memsz,
			 s->mem + s->memsz < s->mem ?
				 "wraps around the address space" :
				 "ends beyond what the arch can address");
		return -1;
	}
	if ((s->mem | s->memsz) & (plan->page_size - 1) ||
	    s->memsz < s->bufsz) {
		cp_error(&s->loc, segment_align,
			 "segment '%s' (mem 0x%llx memsz 0x%llx) must be "
			 "page-aligned (0x%llx) and hold its data%s",
			 s->name, (unsigned long long)s->mem,
			 (unsigned long long)s->memsz,
			 (unsigned long long)plan->page_size, page_hint(plan));
		return -1;
	}
	if (!cp_plan_in_memory(plan, s->mem, s->memsz)) {
		cp_error(&s->loc, outside_memory,
			 "segment '%s' (0x%llx..0x%llx) is not inside the "
			 "description's memory; move it or list that RAM in "
			 "memory = <...>",
			 s->name, (unsigned long long)s->mem,
			 (unsigned long long)(s->mem + s->memsz - 1));
		return -1;
	}
	if (a->kexec_limit && s->mem + s->memsz > a->kexec_limit)
		cp_warn(&s->loc, kexec_limit,
			"segment '%s' ends above 0x%llx: Linux's kexec_load "
			"refuses such destinations on %s (a bootloader or "
			"debugger can still load it)",
			s->name, (unsigned long long)a->kexec_limit, a->name);
	return 0;
}

static int overlaps(const struct cp_segment *x, const struct cp_segment *y)
{
	return x->mem < y->mem + y->memsz && y->mem < x->mem + x->memsz;
}

/* x and y overlap: blamed on y, or on the codepage x (codepage): it
 * moves. */
static void report_overlap(const struct cp_plan *plan,
			   const struct cp_segment *x,
			   const struct cp_segment *y, int codepage)
{
	const struct cp_segment *blamed = codepage ? x : y,
				*other = codepage ? y : x;

	cp_diag(CP_ERROR, &blamed->loc,
		codepage ? CP_ID_codepage_overlap : CP_ID_segment_overlap,
		"segment '%s' (0x%llx..0x%llx) overlaps '%s' "
		"(0x%llx..0x%llx)%s",
		blamed->name, (unsigned long long)blamed->mem,
		(unsigned long long)(blamed->mem + blamed->memsz - 1),
		other->name, (unsigned long long)other->mem,
		(unsigned long long)(other->mem + other->memsz - 1),
		page_hint(plan));
}

static int compare_mem(const void *a, const void *b)
{
	const struct cp_segment *x = a, *y = b;

	return x->mem < y->mem ? -1 : x->mem > y->mem;
}

int cp_plan_check_segments(struct cp_plan *plan)
{
	const struct cp_arch *a = plan->arch;
	int err = check_memory(plan);
	int first = plan->seg[0].memsz ? 0 : 1;

	if (err)
		return err;
	if (plan->nseg < 2) {
		cp_error(CP_DESC_AT(plan, NULL), no_segments,
			 "nothing to load: give a kernel");
		return -1;
	}
	if ((unsigned)plan->nseg > a->max_segments) {
		cp_error(CP_DESC_AT(plan, NULL), too_many_segments,
			 "%d segments (the codepage included), but kexec_load "
			 "takes at most %u; merge some",
			 plan->nseg, a->max_segments);
		return -1;
	}
	qsort(&plan->seg[1], (size_t)plan->nseg - 1, sizeof(plan->seg[0]),
	      compare_mem);
	for (int i = first; i < plan->nseg; i++)
		if (check_one_segment(plan, &plan->seg[i]))
			err = -1;
	if (!err && cp_reserve_check(plan))
		err = -1;
	for (int i = first; i < plan->nseg; i++)
		for (int j = i + 1; j < plan->nseg; j++)
			if (overlaps(&plan->seg[i], &plan->seg[j])) {
				report_overlap(plan, &plan->seg[i],
					       &plan->seg[j], i == 0);
				err = -1;
			}
	return err;
}

int cp_plan_check_codepage(const struct cp_plan *plan)
{
	const struct cp_segment *cp = &plan->seg[0];
	int err = check_one_segment(plan, cp) ||
				  cp_reserve_check_segment(plan, cp) ?
			  -1 :
			  0;

	for (int j = 1; j < plan->nseg; j++)
		if (overlaps(cp, &plan->seg[j])) {
			report_overlap(plan, cp, &plan->seg[j], 1);
			err = -1;
		}
	return err;
}

int cp_plan_check_kexec(const struct cp_plan *plan, int blob)
{
	struct cp_loc loc = cp_loc_at(plan->desc_file, "/segments");

	if (!plan->arch->kexec_needs_tree)
		return 0;
	for (int i = 1; i < plan->nseg; i++)
		if (plan->seg[i].memsz > 40 &&
		    cp_fdt_header_ok(plan->seg[i].buf, plan->seg[i].bufsz))
			return 0;
	cp_diag(blob ? CP_WARNING : CP_ERROR, &loc, CP_ID_no_device_tree,
		"no segment starts with a device tree, and %s's kexec_load "
		"refuses such a list (\"Device tree not included in the "
		"provided image\")%s; give an fdt segment a page-aligned load",
		plan->arch->name, blob ? " (the blob does not need one)" : "");
	return blob ? 0 : -1;
}

void cp_plan_check_entry(const struct cp_plan *plan)
{
	for (int i = 1; i < plan->nseg; i++)
		if (plan->entry - plan->seg[i].mem < plan->seg[i].memsz)
			return;
	cp_warn(&plan->entry_loc, entry_outside,
		"the destination entry 0x%llx lies in no segment: only right "
		"if something resident (firmware in flash) is there",
		(unsigned long long)plan->entry);
}

/* ---- where the codepage goes ------------------------------------------ */

int cp_plan_obstacle(const struct cp_plan *plan, uint64_t base, uint64_t size,
		     struct cp_range *hit)
{
	const struct cp_reserved *r = cp_reserve_hit(plan, base, size);
	struct cp_range h;

	if (!hit)
		hit = &h;
	for (int i = 1; i < plan->nseg; i++) {
		const struct cp_segment *s = &plan->seg[i];

		if (base < s->mem + s->memsz && s->mem < base + size) {
			*hit = (struct cp_range){ s->mem, s->memsz };
			return 1;
		}
	}
	if (r)
		*hit = (struct cp_range){ r->base, r->size };
	return r != NULL;
}

int cp_plan_find_low(const struct cp_plan *plan, uint64_t align, uint64_t min,
		     uint64_t limit, uint64_t size, uint64_t *out)
{
	int found = 0;

	for (int i = 0; i < plan->nmemory; i++) {
		const struct cp_range *m = &plan->memory[i];
		uint64_t top = m->base + m->size < limit ? m->base + m->size :
							   limit;
		uint64_t cand =
			cp_align_up(m->base > min ? m->base : min, align);

		while (cand >= min && cand <= top && top - cand >= size &&
		       (!found || cand < *out)) {
			struct cp_range hit;

			if (!cp_plan_obstacle(plan, cand, size, &hit)) {
				*out = cand;
				found = 1;
				break;
			}
			if (hit.base + hit.size <= cand)
				break; /* an obstacle reaching the top of memory */
			cand = cp_align_up(hit.base + hit.size, align);
		}
	}
	return found ? 0 : -1;
}

int cp_plan_find_high(const struct cp_plan *plan, uint64_t align, uint64_t size,
		      uint64_t limit, uint64_t *out)
{
	uint64_t best = 0;
	int found = 0;

	for (int i = 0; i < plan->nmemory; i++) {
		const struct cp_range *m = &plan->memory[i];
		uint64_t top = m->base + m->size, cand;

		if (top > limit)
			top = limit;
		if (top < m->base + size)
			continue;
		cand = cp_align_down(top - size, align);
		while (cand >= m->base) {
			struct cp_range hit;

			if (!cp_plan_obstacle(plan, cand, size, &hit)) {
				if (!found || cand > best)
					best = cand;
				found = 1;
				break;
			}
			if (hit.base < m->base + size)
				break;
			cand = cp_align_down(hit.base - size, align);
		}
	}
	*out = best;
	return found ? 0 : -1;
}

int cp_plan_place_codepage(struct cp_plan *plan, uint64_t size)
{
	const struct cp_arch *a = plan->arch;
	struct cp_segment *cp = &plan->seg[0];
	uint64_t memsz = cp_align_up(cp_align_up(size, a->page_size) +
					     plan->codepage_reserve,
				     plan->page_size);
	uint64_t limit = plan->codepage_limit ? plan->codepage_limit :
						UINT64_MAX;
	uint64_t align = a->codepage_align > plan->page_size ?
				 a->codepage_align :
				 plan->page_size;
	uint64_t at;

	if (plan->codepage_fixed) {
		at = plan->codepage_load;
		if (at & (plan->page_size - 1)) {
			cp_error(&cp->loc, segment_align,
				 "codepage load 0x%llx is not page-aligned "
				 "(0x%llx)%s",
				 (unsigned long long)at,
				 (unsigned long long)plan->page_size,
				 page_hint(plan));
			return -1;
		}
		if (at + memsz < at || at + memsz > limit) {
			cp_error(&cp->loc, outside_memory,
				 "the codepage (0x%llx bytes at 0x%llx) must "
				 "end "
				 "at or below 0x%llx on %s",
				 (unsigned long long)memsz,
				 (unsigned long long)at,
				 (unsigned long long)limit, a->name);
			return -1;
		}
	} else if ((!a->kexec_limit ||
		    cp_plan_find_high(plan, align, memsz,
				      a->kexec_limit < limit ? a->kexec_limit :
							       limit,
				      &at)) &&
		   cp_plan_find_high(plan, align, memsz, limit, &at)) {
		cp_error(&cp->loc, no_room,
			 "no free 0x%llx bytes in memory%s for the codepage; "
			 "free some or give codepage { load = <...>; }",
			 (unsigned long long)memsz,
			 plan->codepage_limit ? " below its limit" : "");
		return -1;
	}
	cp->mem = at;
	cp->memsz = memsz;
	return 0;
}

struct cp_seed *cp_plan_seed(struct cp_plan *plan, const char *name,
			     uint64_t off, uint64_t size, const char *what,
			     const struct cp_loc *loc)
{
	struct cp_seed *s;

	if (plan->nseeds == CP_MAX_SEEDS) {
		cp_error(loc, too_many_segments,
			 "more than %d seeds to refresh", CP_MAX_SEEDS);
		return NULL;
	}
	s = &plan->seeds[plan->nseeds++];
	*s = (struct cp_seed){ .segment = cp_xstrdup(name),
			       .off = off,
			       .size = size,
			       .what = what };
	return s;
}

void cp_plan_free(struct cp_plan *plan)
{
	for (int i = 0; i < plan->nseg; i++) {
		free(plan->seg[i].name);
		free(plan->seg[i].file);
		free(plan->seg[i].buf);
	}
	for (int i = 0; i < CP_MAX_REGS; i++)
		free(plan->regs[i].expr);
	for (int i = 0; i < plan->nseeds; i++)
		free(plan->seeds[i].segment);
	free(plan->protocol);
	free(plan->preamble);
	free(plan->tree);
	cp_request_free(&plan->req);
	cp_strlist_free(&plan->names);
	free(plan->arch_data);
	cp_reserve_free(plan);
	memset(plan, 0, sizeof(*plan));
}

size_t cp_plan_memory_size(const struct cp_plan *plan)
{
	uint64_t total = 0;

	for (int i = 0; i < plan->nmemory; i++)
		total += plan->memory[i].size;
	return total > SIZE_MAX ? SIZE_MAX : (size_t)total;
}
