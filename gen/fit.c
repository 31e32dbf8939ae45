// SPDX-License-Identifier: MIT
/* fit.c - see fit.h. */
#include "fit.h"
#include "decompress.h"
#include "fdtsane.h"
#include "fithash.h"
#include "util.h"

#include <libfdt.h>
#include <stdlib.h>
#include <string.h>

/* Room for a node path in messages; longer ones are shown as "?". */
#define FIT_PATH_MAX 256

/* The FIT being read: its bytes, the configuration taken, the limits. */
struct fit {
	const unsigned char *file;
	size_t len;
	const char *path;
	int conf;
	const struct cp_arch *arch;
	size_t limit;
};

/* One image of the configuration, as the kernel or a segment takes it. */
struct fit_image {
	char path[FIT_PATH_MAX]; /* "/images/kernel-1", for messages */
	struct cp_loc loc;
	unsigned char *data; /* unpacked; owned */
	size_t len;
	int has_load, has_entry, noload;
	uint64_t load, entry;
};

/* What type an image of a role must be (U-Boot's fit_image_load()). */
static const struct {
	const char *role;
	const char *types[3];
} role_types[] = {
	{ "kernel", { "kernel", "kernel_noload", NULL } },
	{ "fdt", { "flat_dt", NULL } },
	{ "ramdisk", { "ramdisk", NULL } },
};

int cp_fit_recognize(const unsigned char *buf, size_t len)
{
	const char *why;

	return len >= FDT_V1_SIZE && fdt_magic(buf) == FDT_MAGIC &&
	       !cp_fdt_sane(buf, len, &why) &&
	       fdt_path_offset(buf, "/images") >= 0;
}

/* The number of strings property VALUE (LEN bytes) holds, or -1 if it is
 * not a list of NUL-terminated strings. */
static int count_strings(const char *v, int len)
{
	int n = 0;

	if (len <= 0 || v[len - 1])
		return -1;
	for (int i = 0; i < len; i++)
		n += !v[i];
	return n;
}

/* Property NAME of NODE as one string, or NULL when absent or not one. */
static const char *string_prop(const struct fit *f, int node, const char *name)
{
	int len;
	const char *v = fdt_getprop(f->file, node, name, &len);

	return v && count_strings(v, len) == 1 ? v : NULL;
}

/*
 * Property NAME of NODE as a number of one cell, or of one or two (MAX_CELLS
 * 2: load and entry, which U-Boot reads either way): 1 found, 0 absent,
 * -1 (reported) of another size.
 */
static int number_prop(const struct fit *f, int node, const char *name,
		       int max_cells, uint64_t *v, const struct cp_loc *loc)
{
	int len;
	const unsigned char *p = fdt_getprop(f->file, node, name, &len);

	if (!p)
		return 0;
	if (len != 4 && (len != 8 || max_cells < 2)) {
		cp_error(loc, bad_fit, "%s is %d bytes, not 4%s", name, len,
			 max_cells < 2 ? "" : " or 8");
		return -1;
	}
	*v = cp_load_be(p, (size_t)len);
	return 1;
}

static char *child_names(const struct fit *f, int parent)
{
	struct cp_strbuf sb = { 0 };
	int node;

	fdt_for_each_subnode(node, f->file, parent)
	{
		const char *name = fdt_get_name(f->file, node, NULL);

		cp_sb_printf(&sb, "%s'%s'", sb.len ? ", " : "",
			     name ? name : "?");
	}
	if (!sb.len)
		cp_sb_printf(&sb, "none");
	return sb.s;
}

static int open_configuration(struct fit *f, const char *want,
			      const struct cp_loc *loc)
{
	int confs = fdt_path_offset(f->file, "/configurations");
	const char *name = want;
	char *names;

	if (confs < 0) {
		cp_error(loc, bad_fit,
			 "the FIT has no /configurations node; "
			 "make it with mkimage -f from an .its "
			 "that has one");
		return -1;
	}
	if (!name)
		name = string_prop(f, confs, "default");
	if (name && (f->conf = fdt_subnode_offset(f->file, confs, name)) >= 0)
		return 0;
	names = child_names(f, confs);
	if (!name)
		cp_error(loc, fit_configuration,
			 "the FIT names no default configuration; choose one "
			 "of %s with kernel { configuration = \"...\"; }",
			 names);
	else
		cp_error(loc, fit_configuration,
			 "the FIT has no configuration '%s'%s; it has %s", name,
			 want ? "" : " (its default)", names);
	free(names);
	return -1;
}

/* The image the configuration names for ROLE: its node, -1 when it names
 * none, -2 (reported) when that is not one image of /images. */
static int role_node(const struct fit *f, const char *role,
		     const struct cp_loc *loc)
{
	int len, n, node;
	const char *v = fdt_getprop(f->file, f->conf, role, &len);

	if (!v)
		return -1;
	if ((n = count_strings(v, len)) != 1) {
		cp_error(loc, bad_fit,
			 n < 0 ? "%s is not a list of image names" :
				 "%s names %d images (overlays or several "
				 "loadables); mkcodepage takes one",
			 role, n);
		return -2;
	}
	node = fdt_path_offset(f->file, "/images");
	if (node < 0 || (node = fdt_subnode_offset(f->file, node, v)) < 0) {
		cp_error(loc, bad_fit,
			 "%s is '%s', which /images does not have", role, v);
		return -2;
	}
	return node;
}

static int check_type(const struct fit *f, int node, const char *role,
		      struct fit_image *img)
{
	const char *type = string_prop(f, node, "type");

	for (size_t i = 0; i < sizeof(role_types) / sizeof(role_types[0]);
	     i++) {
		const char *const *t = role_types[i].types;

		if (strcmp(role_types[i].role, role))
			continue;
		for (; type && *t; t++)
			if (!strcmp(*t, type)) {
				img->noload = !strcmp(type, "kernel_noload");
				return 0;
			}
		cp_error(&img->loc, bad_fit,
			 "its type is %s%s%s; a configuration's %s must be "
			 "%s%s%s",
			 type ? "'" : "", type ? type : "missing",
			 type ? "'" : "", role, role_types[i].types[0],
			 role_types[i].types[1] ? " or " : "",
			 role_types[i].types[1] ? role_types[i].types[1] : "");
		return -1;
	}
	return 0;
}

/* A kernel must be of the description's arch, in U-Boot's names. */
static int check_arch(const struct fit *f, int node, struct fit_image *img)
{
	const char *arch = string_prop(f, node, "arch");

	for (const char *const *a = f->arch->uboot_arches; arch && *a; a++)
		if (!strcmp(*a, arch))
			return 0;
	cp_error(&img->loc, wrong_arch,
		 "the kernel's arch is %s%s%s; the description's arch %s is "
		 "\"%s\" in a FIT",
		 arch ? "'" : "", arch ? arch : "missing", arch ? "'" : "",
		 f->arch->name, f->arch->uboot_arches[0]);
	return -1;
}

/*
 * The image's data as stored: embedded (data), or after the tree
 * (data-offset, from its 4-byte-aligned end) or anywhere in the file
 * (data-position), data-size bytes, as mkimage -E writes them.
 */
static const unsigned char *stored_data(const struct fit *f, int node,
					size_t *len, const struct cp_loc *loc)
{
	int n, has_off, has_pos, has_size;
	const unsigned char *v = fdt_getprop(f->file, node, "data", &n);
	uint64_t off = 0, pos = 0, size = 0, start;

	if (v) {
		*len = (size_t)n;
		return v;
	}
	has_off = number_prop(f, node, "data-offset", 1, &off, loc);
	has_pos = number_prop(f, node, "data-position", 1, &pos, loc);
	has_size = number_prop(f, node, "data-size", 1, &size, loc);
	if (has_off < 0 || has_pos < 0 || has_size < 0)
		return NULL;
	if ((!has_off && !has_pos) || !has_size) {
		cp_error(loc, bad_fit,
			 "it has no data: neither data nor data-size with "
			 "data-offset or data-position");
		return NULL;
	}
	start = has_pos ? pos : cp_align_up(fdt_totalsize(f->file), 4) + off;
	if (start > f->len || size > f->len - start) {
		cp_error(loc, bad_fit,
			 "its data, 0x%llx bytes at 0x%llx in the file, goes "
			 "past the file's end at 0x%zx: truncated?",
			 (unsigned long long)size, (unsigned long long)start,
			 f->len);
		return NULL;
	}
	*len = (size_t)size;
	return f->file + start;
}

/*
 * The image's bytes as the destination takes them: unpacked when its
 * compression says so, except a ramdisk's, which U-Boot and Linux leave
 * to the kernel to unpack.
 */
static int image_data(const struct fit *f, int node, const char *role,
		      const unsigned char *data, size_t len,
		      struct fit_image *img)
{
	const char *comp = string_prop(f, node, "compression");
	const struct cp_codec *c;
	char why[160];

	if (!comp || !strcmp(comp, "none") || !strcmp(role, "ramdisk")) {
		img->data = memcpy(cp_xmalloc(len ? len : 1), data, len);
		img->len = len;
		return 0;
	}
	if (!(c = cp_codec_named(comp))) {
		cp_error(&img->loc, bad_fit,
			 "compression '%s' is not one mkcodepage unpacks; "
			 "make the FIT with none, gzip, lzma, lz4, zstd or xz",
			 comp);
		return -1;
	}
	img->data = cp_decompress(c, data, len, f->limit, &img->len, why,
				  sizeof(why));
	if (!img->data) {
		cp_error(&img->loc, bad_fit,
			 "cannot unpack its %s data into the memory the "
			 "description gives (0x%llx bytes): %s",
			 comp, (unsigned long long)f->limit, why);
		return -1;
	}
	return 0;
}

/* The configuration's image of ROLE: 0, 1 when it has none, -1 reported. */
static int read_image(const struct fit *f, const char *role,
		      struct fit_image *img, const struct cp_loc *conf_loc)
{
	int node = role_node(f, role, conf_loc), load, entry, hashes = 0;
	const unsigned char *data;
	size_t len;

	memset(img, 0, sizeof(*img));
	if (node < 0)
		return node == -1 ? 1 : -1;
	if (fdt_get_path(f->file, node, img->path, sizeof(img->path)))
		strcpy(img->path, "?");
	img->loc = cp_loc_at(f->path, img->path);
	if (check_type(f, node, role, img) ||
	    (!strcmp(role, "kernel") && check_arch(f, node, img)) ||
	    !(data = stored_data(f, node, &len, &img->loc)) ||
	    (hashes = cp_fit_check_hashes(f->file, node, data, len,
					  &img->loc)) < 0 ||
	    (load = number_prop(f, node, "load", 2, &img->load, &img->loc)) <
		    0 ||
	    (entry = number_prop(f, node, "entry", 2, &img->entry, &img->loc)) <
		    0)
		return -1;
	if (!hashes)
		cp_warn(&img->loc, fit_hash,
			"the image has no hash node: its data is not checked");
	img->has_load = load && !img->noload;
	img->has_entry = entry;
	return image_data(f, node, role, data, len, img);
}

/*
 * The kernel: its load and entry go to the request unless it gives
 * them. A kernel_noload image runs where it is put, entered at its start
 * plus entry; with the description's load and entry it is placed raw,
 * otherwise its format places it (an Image's header) and entry must be 0.
 */
static int take_kernel(const struct fit *f, struct cp_request_kernel *k,
		       const struct cp_loc *conf_loc, unsigned char **kernel,
		       size_t *kernel_len)
{
	struct fit_image img;
	int err = read_image(f, "kernel", &img, conf_loc);

	if (err > 0)
		cp_error(conf_loc, bad_fit, "the configuration has no kernel");
	if (err)
		return -1;
	if (img.noload && img.has_entry && img.entry && !k->has_entry) {
		cp_error(&img.loc, bad_fit,
			 "a kernel_noload image entered 0x%llx past its start: "
			 "give kernel { load; entry; } to place it",
			 (unsigned long long)img.entry);
		free(img.data);
		return -1;
	}
	if (img.has_load && !k->has_load) {
		k->has_load = 1;
		k->load = img.load;
	}
	if (img.has_entry && !img.noload && !k->has_entry) {
		k->has_entry = 1;
		k->entry = img.entry;
	}
	*kernel = img.data;
	*kernel_len = img.len;
	return 0;
}

/* A segment with fit = "ROLE": the image's bytes and, unless it has one,
 * the image's load address. */
static int take_segment(const struct fit *f, struct cp_request_segment *s,
			const char *desc_file, const struct cp_loc *conf_loc)
{
	struct fit_image img;
	struct cp_loc loc = cp_loc_at(desc_file, s->node);
	int err = read_image(f, s->fit_role, &img, conf_loc);

	if (err > 0)
		cp_error(&loc, bad_fit,
			 "segment '%s' takes the FIT's %s, and its "
			 "configuration has none",
			 s->name, s->fit_role);
	else if (!err && !s->has_load && !img.has_load) {
		cp_error(&loc, missing_load,
			 "segment '%s' has no load address, nor has the FIT's "
			 "image %s; add load = <...>;",
			 s->name, img.path);
		err = -1;
	}
	if (err) {
		free(img.data);
		return -1;
	}
	if (!s->has_load) {
		s->has_load = 1;
		s->load = img.load;
	}
	s->data = img.data;
	s->data_len = img.len;
	s->has_data = 1;
	return 0;
}

/* A device tree or ramdisk the configuration has and no segment takes. */
static void warn_not_taken(const struct fit *f, const struct cp_request *req,
			   const struct cp_loc *conf_loc)
{
	static const char *const roles[] = { "fdt", "ramdisk" };

	for (size_t r = 0; r < sizeof(roles) / sizeof(roles[0]); r++) {
		int taken = 0;

		for (int i = 0; i < req->nsegments; i++)
			taken |= req->segments[i].fit_role &&
				 !strcmp(req->segments[i].fit_role, roles[r]);
		if (!taken && fdt_getprop(f->file, f->conf, roles[r], NULL))
			cp_warn(conf_loc, unused_property,
				"the configuration has a %s and no segment "
				"takes it; add segments { NAME { fit = "
				"\"%s\"; }; } to pass it on",
				roles[r], roles[r]);
	}
}

int cp_fit_take(struct cp_plan *plan, const unsigned char *file, size_t len,
		const char *path, unsigned char **kernel, size_t *kernel_len)
{
	struct cp_request *req = &plan->req;
	struct fit f = { .file = file,
			 .len = len,
			 .path = path,
			 .arch = plan->arch,
			 .limit = cp_plan_memory_size(plan) };
	struct cp_loc loc = { .file = path };
	char conf_path[FIT_PATH_MAX];
	const char *why;
	int err = 0;

	if (len < FDT_V1_SIZE || fdt_magic(file) != FDT_MAGIC ||
	    cp_fdt_sane(file, len, &why)) {
		cp_error(&loc, bad_fit, "not a FIT image: %s",
			 len < FDT_V1_SIZE || fdt_magic(file) != FDT_MAGIC ?
				 "no device-tree header" :
				 why);
		return -1;
	}
	if (open_configuration(&f, req->kernel.fit_configuration, &loc))
		return -1;
	if (fdt_get_path(file, f.conf, conf_path, sizeof(conf_path)))
		strcpy(conf_path, "?");
	loc.where = conf_path;
	for (int i = 0; i < req->nsegments; i++)
		if (req->segments[i].fit_role)
			err |= take_segment(&f, &req->segments[i],
					    plan->desc_file, &loc);
	warn_not_taken(&f, req, &loc);
	if (err || take_kernel(&f, &req->kernel, &loc, kernel, kernel_len))
		return -1;
	return 0;
}
