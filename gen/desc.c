// SPDX-License-Identifier: MIT
/* desc.c - read descriptions and templates (see desc.h). */
#include "desc.h"
#include "child.h"
#include "fdtsane.h"
#include "deps.h"
#include "util.h"

#include <errno.h>
#include <libfdt.h>
#include <stdlib.h>
#include <string.h>

/* Properties and nodes schema v1 knows, per place; others warn. */
static const char *const root_props[] = {
	"compatible",
	"#address-cells",
	"#size-cells",
	"arch",
	"protocol",
	"memory",
	"model",
	"summary",
	"device-tree",
	"reserved-memory",
	"firmware-memory",
	"page-size",
	"fixed-seeds",
	"acpi-rsdp",
	NULL,
};
static const char *const root_nodes[] = {
	"codepage", "kernel",	  "segments", "registers",
	"preamble", "debug-uart", NULL,
};
static const char *const codepage_props[] = { "load", "no-verify", NULL };
static const char *const kernel_props[] = { "file",   "fit",   "configuration",
					    "load",   "entry", "command-line",
					    "initrd", NULL };
static const char *const segment_props[] = {
	"file",	    "string", "data",	     "fit",    "load",
	"bootargs", "initrd", "memory-node", "module", NULL,
};
static const char *const preamble_props[] = { "source", NULL };
static const char *const uart_props[] = { "type", "address", "reg-shift",
					  "reg-io-width", NULL };

/* A register string is a name like "fdt.end": printable, not a cell value. */
static int printable(const char *s)
{
	for (; *s; s++)
		if (*s < 0x20 || *s > 0x7e)
			return 0;
	return 1;
}

static int in_list(const char *const *list, const char *s)
{
	for (; *list; list++)
		if (!strcmp(*list, s))
			return 1;
	return 0;
}

/* ---- compiling source with dtc ------------------------------------- */

/* Reword one line of dtc's stderr into our format. */
static void reword_dtc_line(const char *desc, char *line)
{
	char file[4096];
	int l, c, n = 0;

	if (!*line)
		return;
	if (sscanf(line, "Error: %4095[^:]:%d.%d%n", file, &l, &c, &n) == 3) {
		const char *msg = line + n;
		struct cp_loc loc = { .file = file, .line = l, .col = c };

		while (*msg && *msg != ' ')
			msg++; /* the "-12.3" end of dtc's range */
		while (*msg == ' ')
			msg++;
		cp_error(&loc, dtc_syntax, "%s", msg);
	} else if (sscanf(line, "%4095[^:]:%d.%d%n", file, &l, &c, &n) == 3 &&
		   (strstr(line + n, ": ERROR (") ||
		    strstr(line + n, ": Warning ("))) {
		/* "f.dts:4.2-36: ERROR (check_name): /node: message" */
		const char *kind = strstr(line + n, ": ") + 2;
		const char *msg = strstr(kind, "): ");
		struct cp_loc loc = { .file = file, .line = l, .col = c };

		msg = msg ? msg + 3 : kind;
		if (kind[0] == 'E')
			cp_error(&loc, dtc_check, "%s", msg);
		else
			cp_warn(&loc, dtc_warning, "%s", msg);
	} else if (!strncmp(line, "ERROR: Input tree has errors", 28)) {
		/* said by the summary below */
	} else if (!strncmp(line, "Warning", 7)) {
		cp_warn(&(struct cp_loc){ .file = desc }, dtc_warning,
			"dtc: %s", line);
	} else if (!strncmp(line, "FATAL ERROR: ", 13)) {
		cp_error(&(struct cp_loc){ .file = desc }, dtc, "dtc: %s",
			 line + 13);
	} else {
		cp_note(&(struct cp_loc){ .file = desc }, none, "dtc: %s",
			line);
	}
}

static void reword_dtc_errors(const char *desc, const char *errfile)
{
	size_t len;
	char *text = (char *)cp_read_file(errfile, &len), *line, *save = NULL;

	if (!text)
		return;
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save))
		reword_dtc_line(desc, line);
	free(text);
}

static void *compile_source(struct cp_desc *d, const char *workdir, size_t *len)
{
	static int seq;
	char *out = cp_xasprintf("%s/desc%d.dtb", workdir, seq);
	char *dep = cp_xasprintf("%s/desc%d.d", workdir, seq);
	char *err = cp_xasprintf("%s/desc%d.err", workdir, seq);
	char *argv[] = { "dtc", "-I", "dts", "-O",   "dtb",   "-o", out,
			 "-d",	dep,  "-i",  d->dir, d->file, NULL };
	void *fdt = NULL;
	int st;

	seq++;
	st = cp_spawn(argv, err,
		      "device-tree compiler, Debian package "
		      "device-tree-compiler");
	reword_dtc_errors(d->file, err);
	if (st == 0) {
		fdt = cp_read_file(out, len);
		cp_deps_read_dtc(dep, out, &d->deps);
	} else if (st > 0) {
		cp_error(&(struct cp_loc){ .file = d->file }, dtc_syntax,
			 "the description is not valid device-tree source; "
			 "fix the lines dtc names above");
	}
	free(out);
	free(dep);
	free(err);
	return fdt;
}

/* ---- typed property readers ---------------------------------------- */

struct reader {
	struct cp_desc *d;
	int node;
	char path[256];
};

static struct cp_loc rloc(const struct reader *r)
{
	return cp_loc_at(r->d->file, r->path);
}

/* A property's location, "node:prop" as dtc writes it; valid until the
 * next call, which is enough for a diagnostic printed right away. */
static struct cp_loc ploc(const struct reader *r, const char *prop)
{
	static char where[800];

	snprintf(where, sizeof(where), "%s:%s", r->path, prop);
	return cp_loc_at(r->d->file, where);
}

static const void *getprop(const struct reader *r, const char *name, int *len)
{
	return fdt_getprop(r->d->fdt, r->node, name, len);
}

/* A single NUL-terminated string, or NULL when absent (error if malformed). */
static int read_string(const struct reader *r, const char *name, char **out)
{
	int len;
	const char *v = getprop(r, name, &len);
	struct cp_loc loc = ploc(r, name);

	*out = NULL;
	if (!v)
		return 0;
	if (len < 1 || v[len - 1] || strlen(v) + 1 != (size_t)len) {
		cp_error(&loc, bad_property,
			 "'%s' must be one string, e.g. %s = \"...\";", name,
			 name);
		return -1;
	}
	*out = cp_xstrdup(v);
	return 0;
}

static uint64_t cells_value(const unsigned char *p, int cells)
{
	return cp_load_be(p, (size_t)cells * 4);
}

/* An address ("load", "entry") of #address-cells cells. */
static int read_address(const struct reader *r, const char *name, int *has,
			uint64_t *v)
{
	int len;
	const unsigned char *p = getprop(r, name, &len);
	struct cp_loc loc = ploc(r, name);

	*has = 0;
	if (!p)
		return 0;
	if (len != r->d->addr_cells * 4) {
		cp_error(&loc, bad_cells,
			 "'%s' has %d bytes but #address-cells = <%d> wants %d "
			 "cells (%d bytes)",
			 name, len, r->d->addr_cells, r->d->addr_cells,
			 r->d->addr_cells * 4);
		return -1;
	}
	*v = cells_value(p, r->d->addr_cells);
	*has = 1;
	return 0;
}

static void warn_unknown_props(const struct reader *r, const char *const *known)
{
	int off;

	fdt_for_each_property_offset(off, r->d->fdt, r->node)
	{
		const char *name;
		struct cp_loc loc;

		fdt_getprop_by_offset(r->d->fdt, off, &name, NULL);
		loc = ploc(r, name ? name : "?");
		if (name && !in_list(known, name) && strcmp(name, "phandle"))
			cp_warn(&loc, unknown_property,
				"unknown property '%s' is ignored", name);
	}
}

/* parent/name into a reader path; names longer than a path are cut. */
static void join_path(char *dst, size_t n, const char *parent, const char *name)
{
	int w = snprintf(dst, n, "%s/%s", strcmp(parent, "/") ? parent : "",
			 name);

	if (w < 0 || (size_t)w >= n)
		dst[n - 1] = 0;
}

static int sub_reader(const struct reader *parent, const char *name,
		      struct reader *r)
{
	r->d = parent->d;
	r->node = fdt_subnode_offset(parent->d->fdt, parent->node, name);
	join_path(r->path, sizeof(r->path), parent->path, name);
	return r->node >= 0;
}

/* ---- the nodes ------------------------------------------------------ */

static int read_cells_count(const struct reader *r, const char *name, int def,
			    int *out)
{
	int len;
	const unsigned char *p = getprop(r, name, &len);
	struct cp_loc loc = ploc(r, name);

	*out = def;
	if (!p)
		return 0;
	if (len != 4 || (cp_load_be(p, 4) != 1 && cp_load_be(p, 4) != 2)) {
		cp_error(&loc, bad_cells, "'%s' must be <1> or <2>", name);
		return -1;
	}
	*out = (int)cp_load_be(p, 4);
	return 0;
}

/* (address, size) pairs ("memory", "reserved-memory"); *n = 0 if absent. */
static int read_ranges(const struct reader *r, const char *name,
		       struct cp_range **out, int *n)
{
	struct cp_desc *d = r->d;
	int len, pair = (d->addr_cells + d->size_cells) * 4;
	const unsigned char *p = getprop(r, name, &len);
	struct cp_loc loc = ploc(r, name);

	if (!p)
		return 0;
	if (len == 0 || len % pair) {
		cp_error(&loc, bad_cells,
			 "'%s' must be (address, size) pairs of %d+%d "
			 "cells; it has %d bytes",
			 name, d->addr_cells, d->size_cells, len);
		return -1;
	}
	*n = len / pair;
	*out = cp_xcalloc((size_t)*n, sizeof(**out));
	for (int i = 0; i < *n; i++, p += pair) {
		(*out)[i].base = cells_value(p, d->addr_cells);
		(*out)[i].size =
			cells_value(p + d->addr_cells * 4, d->size_cells);
	}
	return 0;
}

/*
 * A command line (kernel { command-line }, a segment's module): it ends up
 * in the destination's memory and in map.txt, so printable ASCII only.
 */
static int read_command_line(const struct reader *r, const char *name,
			     char **out)
{
	struct cp_loc loc = ploc(r, name);

	if (read_string(r, name, out))
		return -1;
	if (*out && !printable(*out)) {
		cp_error(&loc, bad_property,
			 "'%s' holds a control or non-ASCII byte; a command "
			 "line is printable ASCII",
			 name);
		free(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}

static char *resolve(const struct cp_desc *d, const char *name)
{
	return cp_path_join(d->dir, name);
}

static int read_kernel(const struct reader *root)
{
	struct reader r;
	struct cp_desc *d = root->d;
	char *file = NULL, *fit = NULL;
	int err = 0;

	if (!sub_reader(root, "kernel", &r))
		return 0;
	warn_unknown_props(&r, kernel_props);
	err |= read_string(&r, "file", &file);
	err |= read_string(&r, "fit", &fit);
	err |= read_string(&r, "configuration",
			   &d->req.kernel.fit_configuration);
	if (file && fit) {
		struct cp_loc loc = rloc(&r);

		cp_error(&loc, segment_source,
			 "the kernel comes from file = \"name\"; or from fit = "
			 "\"image.itb\";, not both");
		err = -1;
	}
	err |= read_address(&r, "load", &d->req.kernel.has_load,
			    &d->req.kernel.load);
	err |= read_address(&r, "entry", &d->req.kernel.has_entry,
			    &d->req.kernel.entry);
	err |= read_command_line(&r, "command-line", &d->req.kernel.cmdline);
	err |= read_string(&r, "initrd", &d->req.kernel.initrd);
	if (file || fit)
		d->req.kernel.file = resolve(d, file ? file : fit);
	d->req.kernel.fit = fit != NULL;
	free(file);
	free(fit);
	return err ? -1 : 0;
}

/* module; or module = "arguments";: a Multiboot module, its command line. */
static int read_module(const struct reader *r, struct cp_request_segment *s)
{
	int len;

	if (!getprop(r, "module", &len))
		return 0;
	s->module = 1;
	return len ? read_command_line(r, "module", &s->module_args) : 0;
}

static int read_one_segment(struct reader *r, struct cp_request_segment *s)
{
	struct cp_loc loc = rloc(r);
	int err = 0;

	warn_unknown_props(r, segment_props);
	s->node = cp_xstrdup(r->path);
	err |= read_string(r, "file", &s->file);
	err |= read_string(r, "string", &s->string);
	err |= read_string(r, "fit", &s->fit_role);
	if (!err) {
		int len;
		const void *v = getprop(r, "data", &len);

		if (v) {
			s->data = cp_xmalloc((size_t)len);
			memcpy(s->data, v, (size_t)len);
			s->data_len = (size_t)len;
			s->has_data = 1;
		}
	}
	err |= read_address(r, "load", &s->has_load, &s->load);
	err |= read_string(r, "bootargs", &s->bootargs);
	err |= read_string(r, "initrd", &s->initrd);
	s->memory_node = getprop(r, "memory-node", NULL) != NULL;
	err |= read_module(r, s);
	if (err)
		return -1;
	if (!!s->file + !!s->string + s->has_data + !!s->fit_role != 1) {
		cp_error(&loc, segment_source,
			 "a segment needs exactly one of file = \"name\";, "
			 "string = \"text\";, data = [bytes]; or fit = "
			 "\"fdt\"; (an image of the kernel's FIT)");
		return -1;
	}
	/* a FIT image may give the load address (fit.c) */
	if (!s->has_load && !s->fit_role) {
		cp_error(&loc, missing_load,
			 "segment '%s' has no load address; add load = <...>;",
			 s->name);
		return -1;
	}
	if (s->file)
		s->path = resolve(r->d, s->file);
	return 0;
}

/* dtc's node-name characters (the name, then @ and a unit address). */
#define NODE_NAME_CHARS \
	"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789,._+-@"

/*
 * A segment's name becomes its file in OUTDIR and a comment in generated
 * plan source, and a .dtb description skips dtc's rules for names: accept
 * dtc's node-name characters only, and no "..". Other
 * bytes are shown as '?', never printed.
 */
static int check_segment_name(const struct reader *segs, const char *name)
{
	struct cp_loc loc = rloc(segs);
	char shown[64];
	size_t i;

	if (!name || !*name) {
		cp_error(&loc, bad_name, "a segment node has no name");
		return -1;
	}
	for (i = 0; name[i] && i < sizeof(shown) - 1; i++)
		shown[i] = strchr(NODE_NAME_CHARS, name[i]) ? name[i] : '?';
	shown[i] = 0;
	if (strspn(name, NODE_NAME_CHARS) != strlen(name) ||
	    strstr(name, "..") || strlen(name) >= sizeof(shown)) {
		cp_error(&loc, bad_name,
			 "segment name '%s' is not a node name: use at most "
			 "%zu of a-z A-Z 0-9 , . _ + - @, and no \"..\"",
			 shown, sizeof(shown) - 1);
		return -1;
	}
	return 0;
}

/* A one-cell number, DEF when absent; -1 after reporting a bad one. */
static int read_u32(const struct reader *r, const char *name, uint32_t def,
		    uint32_t *out)
{
	int len;
	const unsigned char *p = getprop(r, name, &len);
	struct cp_loc loc = ploc(r, name);

	*out = def;
	if (!p)
		return 0;
	if (len != 4) {
		cp_error(&loc, bad_property,
			 "'%s' must be one cell, e.g. "
			 "%s = <%u>;",
			 name, name, def);
		return -1;
	}
	*out = (uint32_t)cp_load_be(p, 4);
	return 0;
}

/* debug-uart { type; address; reg-shift; reg-io-width; }: read here,
 * checked against the arch by main.c. */
static int read_uart(const struct reader *root)
{
	struct reader r;
	struct cp_desc *d = root->d;
	int err = 0;

	if (!sub_reader(root, "debug-uart", &r))
		return 0;
	warn_unknown_props(&r, uart_props);
	d->uart_node = cp_xstrdup(r.path);
	err |= read_string(&r, "type", &d->uart_type);
	err |= read_address(&r, "address", &d->uart_has_address,
			    &d->uart_address);
	err |= read_u32(&r, "reg-shift", 0, &d->uart_shift);
	err |= read_u32(&r, "reg-io-width", 1, &d->uart_width);
	if (!err && !d->uart_type) {
		struct cp_loc loc = rloc(&r);

		cp_error(&loc, missing_property,
			 "debug-uart needs type = \"ns16550\", \"ns16550-io\", "
			 "\"pl011\" or \"sbi\";");
		err = -1;
	}
	return err ? -1 : 0;
}

static int read_segments(const struct reader *root)
{
	struct reader segs, r;
	struct cp_desc *d = root->d;
	int child, err = 0;

	if (!sub_reader(root, "segments", &segs))
		return 0;
	warn_unknown_props(&segs, (const char *const[]){ NULL });
	fdt_for_each_subnode(child, d->fdt, segs.node)
	{
		struct cp_request_segment *s;
		const char *name = fdt_get_name(d->fdt, child, NULL);

		if (check_segment_name(&segs, name)) {
			err = -1;
			continue;
		}
		d->req.segments = cp_xrealloc(d->req.segments,
					      sizeof(*d->req.segments) *
						      (d->req.nsegments + 1));
		s = &d->req.segments[d->req.nsegments++];
		memset(s, 0, sizeof(*s));
		s->name = cp_xstrdup(name);
		r.d = d;
		r.node = child;
		join_path(r.path, sizeof(r.path), segs.path, name);
		if (read_one_segment(&r, s))
			err = -1;
	}
	return err;
}

static int read_registers(const struct reader *root)
{
	struct reader r;
	struct cp_desc *d = root->d;
	int off, err = 0;

	if (!sub_reader(root, "registers", &r))
		return 0;
	fdt_for_each_property_offset(off, d->fdt, r.node)
	{
		const char *name;
		int len;
		const char *v = fdt_getprop_by_offset(d->fdt, off, &name, &len);
		struct cp_desc_reg *g;
		struct cp_loc loc = ploc(&r, name);

		d->regs =
			cp_xrealloc(d->regs, sizeof(*d->regs) * (d->nregs + 1));
		g = &d->regs[d->nregs++];
		memset(g, 0, sizeof(*g));
		g->name = cp_xstrdup(name);
		g->node = cp_xasprintf("%s:%s", r.path, name);
		g->file = d->file;
		if (len > 1 && !v[len - 1] && strlen(v) + 1 == (size_t)len &&
		    printable(v) && (v[0] < '0' || v[0] > '9' || len > 8)) {
			g->is_expr = 1;
			g->expr = cp_xstrdup(v);
		} else if (len == 4 || len == 8) {
			g->value = cp_load_be((const unsigned char *)v,
					      (size_t)len);
		} else {
			cp_error(
				&loc, bad_register_value,
				"register '%s' must be <value> (1 or 2 cells) "
				"or a string naming a segment, e.g. \"fdt\" or "
				"\"initrd.end\"",
				name);
			err = -1;
		}
	}
	return err;
}

static int read_root(struct cp_desc *d, const char *compatible)
{
	struct reader root = { .d = d, .node = 0, .path = "/" }, r;
	struct cp_loc loc = rloc(&root);
	int err = 0, has, len;

	err |= read_string(&root, "compatible", &d->compatible);
	if (!err && (!d->compatible || strcmp(d->compatible, compatible))) {
		cp_error(&loc, bad_compatible,
			 "compatible must be \"%s\" (it is %s%s%s)", compatible,
			 d->compatible ? "\"" : "",
			 d->compatible ? d->compatible : "missing",
			 d->compatible ? "\"" : "");
		return -1;
	}
	err |= read_cells_count(&root, "#address-cells", 2, &d->addr_cells);
	err |= read_cells_count(&root, "#size-cells", 1, &d->size_cells);
	if (err)
		return -1;
	warn_unknown_props(&root, root_props);
	{
		int child;

		fdt_for_each_subnode(child, d->fdt, 0)
		{
			const char *name = fdt_get_name(d->fdt, child, NULL);

			/* NULL only from a tree libfdt half-accepts */
			if (!name || !in_list(root_nodes, name))
				cp_warn(&loc, unknown_node,
					"unknown node '%s' is ignored",
					name ? name : "?");
		}
	}
	err |= read_string(&root, "arch", &d->arch);
	err |= read_string(&root, "protocol", &d->protocol);
	err |= read_string(&root, "summary", &d->summary);
	err |= read_string(&root, "device-tree", &d->device_tree);
	err |= read_ranges(&root, "memory", &d->memory, &d->nmemory);
	err |= read_ranges(&root, "reserved-memory", &d->req.reserved,
			   &d->req.nreserved);
	/* firmware-memory; (empty) is a statement too: no firmware keeps any */
	d->req.has_firmware = getprop(&root, "firmware-memory", &len) != NULL;
	if (d->req.has_firmware && len)
		err |= read_ranges(&root, "firmware-memory", &d->req.firmware,
				   &d->req.nfirmware);
	err |= read_u32(&root, "page-size", 0, &d->page_size);
	d->fixed_seeds = getprop(&root, "fixed-seeds", NULL) != NULL;
	err |= read_address(&root, "acpi-rsdp", &d->req.has_acpi_rsdp,
			    &d->req.acpi_rsdp);
	if (sub_reader(&root, "codepage", &r)) {
		warn_unknown_props(&r, codepage_props);
		err |= read_address(&r, "load", &has, &d->codepage_load);
		d->has_codepage_load = has;
		d->no_verify = getprop(&r, "no-verify", NULL) != NULL;
	}
	err |= read_kernel(&root);
	err |= read_segments(&root);
	err |= read_registers(&root);
	err |= read_uart(&root);
	if (sub_reader(&root, "preamble", &r)) {
		char *src = NULL;

		warn_unknown_props(&r, preamble_props);
		err |= read_string(&r, "source", &src);
		if (src)
			d->preamble_source = resolve(d, src);
		else if (!err) {
			loc = rloc(&r);
			cp_error(&loc, missing_property,
				 "preamble needs source = \"file.S\"; (an "
				 "assembly source or an object)");
			err = -1;
		}
		free(src);
	}
	return err ? -1 : 0;
}

int cp_desc_load(struct cp_desc *d, const char *file, const char *workdir,
		 const char *compatible, struct cp_srcmap *map)
{
	size_t len;
	unsigned char *bytes;
	const char *why;

	memset(d, 0, sizeof(*d));
	d->file = cp_xstrdup(file);
	d->dir = cp_dirname(file);
	bytes = cp_read_file(file, &len);
	if (!bytes) {
		cp_error(&(struct cp_loc){ .file = file }, missing_file,
			 "cannot read the description: %s", strerror(errno));
		return -1;
	}
	if (len >= 4 && cp_load_be(bytes, 4) == FDT_MAGIC) {
		d->fdt = bytes;
	} else {
		free(bytes);
		d->fdt = compile_source(d, workdir, &len);
		if (!d->fdt)
			return -1;
		if (map)
			cp_srcmap_init(map, file, workdir);
	}
	if (cp_fdt_sane(d->fdt, len, &why)) {
		cp_error(&(struct cp_loc){ .file = file }, bad_dtb,
			 "not a valid flattened device tree: %s", why);
		return -1;
	}
	return read_root(d, compatible);
}

void cp_desc_free(struct cp_desc *d)
{
	free(d->file);
	free(d->dir);
	free(d->fdt);
	free(d->compatible);
	free(d->arch);
	free(d->protocol);
	free(d->summary);
	free(d->device_tree);
	free(d->memory);
	cp_request_free(&d->req);
	for (int i = 0; i < d->nregs; i++) {
		free(d->regs[i].name);
		free(d->regs[i].expr);
		free(d->regs[i].node);
	}
	free(d->regs);
	free(d->preamble_source);
	free(d->uart_type);
	free(d->uart_node);
	cp_strlist_free(&d->deps);
	memset(d, 0, sizeof(*d));
}
