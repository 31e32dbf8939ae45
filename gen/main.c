// SPDX-License-Identifier: MIT
/*
 * main.c - mkcodepage: build a proven position-independent codepage (kexec
 * segment 0) from a destination kernel and a description.
 *
 * The steps, each in its own file: turn the description and its protocol
 * template into a plan (fromdesc.c: nothing after it reads them), read the
 * kernel (kernel.c) and the segments into it (plan.c), let the backend derive its data (arch/<arch>/backend.c), check
 * the plan, emit it as assembler data, assemble and link it with the fixed
 * trampoline and prove it position-independent (pic.c: every relocation
 * PC-relative, two links at different addresses equal), then write the
 * outputs atomically (output.c).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arch.h"
#include "blobbuild.h"
#include "diag.h"
#include "fdtfix.h"
#include "fit.h"
#include "fromdesc.h"
#include "image.h"
#include "kernel.h"
#include "link.h"
#include "output.h"
#include "park.h"
#include "pic.h"
#include "plan.h"
#include "protocol.h"
#include "reserve.h"
#include "sums.h"
#include "child.h"
#include "util.h"

#ifndef CP_VERSION
#define CP_VERSION "0.1"
#endif

struct options {
	const char *desc, *kernel, *outdir, *arch, *cross, *depfile;
	int verbose, blob;
};

struct run {
	struct options opt;
	char *datadir, *workdir;
	struct cp_srcmap desc_map, tmpl_map; /* lines for messages */
	struct cp_plan plan;
	struct cp_toolchain tc;
	struct cp_strlist deps;
	struct cp_pic pic; /* the codepage's objects, built and proven */
	struct cp_image img;
	char *elf;
	unsigned char *blob; /* --blob: OUTDIR/blob.bin */
	size_t blob_len;
	char *rule; /* the depfile's, made before OUTDIR is written */
};

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: mkcodepage -d DESC [-k KERNEL] -o OUTDIR [options]\n"
		"\n"
		"Build a codepage: the position-independent code that runs "
		"after an old kernel\nlets go and before the destination "
		"starts (kexec segment 0).\n"
		"\n"
		"  -d, --desc DESC          description: .dts (compiled with "
		"dtc) or .dtb\n"
		"  -k, --kernel KERNEL      destination: ELF, or raw with "
		"kernel { load; entry; }\n"
		"  -o, --output OUTDIR      where to write codepage.bin, "
		"segments.txt, ...\n"
		"  -a, --arch ARCH          check the description's arch "
		"(or set it)\n"
		"      --cross-compile PFX  target binutils prefix (default: "
		"found in PATH)\n"
		"      --depfile FILE       write a make rule naming every "
		"input\n"
		"      --blob               also write blob.bin: the codepage, "
		"a mover and every\n"
		"                           segment, to load anywhere in "
		"memory "
		"and enter\n"
		"                           at its first byte (a bootloader's "
		"go, a debugger)\n"
		"  -l, --list               list arches and protocols\n"
		"  -v, --verbose            show each command and the memory "
		"map\n"
		"  -h, --help               this text\n"
		"  -V, --version            the version\n"
		"\n"
		"Exit status: 0 written, 1 input rejected or a check failed, "
		"2 usage or\nenvironment trouble. See mkcodepage(1) and "
		"mkcodepage-desc(5).\n");
}

static void list_arches(const char *datadir)
{
	printf("arches:\n");
	for (int i = 0; cp_arches[i]; i++) {
		const struct cp_arch *a = cp_arches[i];

		printf("  %-14s%s\n", a->name, a->summary);
	}
	printf("\nprotocols (%s/arch/ARCH/templates, and the shared %s/"
	       "templates):\n",
	       datadir, datadir);
	cp_protocol_list(datadir, cp_workdir_create("mkcodepage"), stdout);
}

static int parse_options(int argc, char **argv, struct options *o)
{
	static const struct option longopts[] = {
		{ "desc", required_argument, NULL, 'd' },
		{ "kernel", required_argument, NULL, 'k' },
		{ "output", required_argument, NULL, 'o' },
		{ "arch", required_argument, NULL, 'a' },
		{ "cross-compile", required_argument, NULL, 'C' },
		{ "depfile", required_argument, NULL, 'D' },
		{ "blob", no_argument, NULL, 'B' },
		{ "list", no_argument, NULL, 'l' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ 0 },
	};
	int c;

	while ((c = getopt_long(argc, argv, "d:k:o:a:lvhV", longopts, NULL)) !=
	       -1) {
		switch (c) {
		case 'd': o->desc = optarg; break;
		case 'k': o->kernel = optarg; break;
		case 'o': o->outdir = optarg; break;
		case 'a': o->arch = optarg; break;
		case 'C': o->cross = optarg; break;
		case 'D': o->depfile = optarg; break;
		case 'B': o->blob = 1; break;
		case 'v': o->verbose = 1; break;
		case 'l': return 'l';
		case 'h': return 'h';
		case 'V': return 'V';
		default:
			fprintf(stderr, "Try 'mkcodepage --help'.\n");
			return -1;
		}
	}
	if (optind < argc) {
		cp_error(NULL, usage, "unexpected argument '%s'", argv[optind]);
		return -1;
	}
	if (!o->desc || !o->outdir) {
		cp_error(NULL, usage,
			 "-d DESC and -o OUTDIR are required "
			 "(see mkcodepage --help)");
		return -1;
	}
	return 0;
}

static int make_workdir(struct run *r)
{
	const char *dir = cp_workdir_create("mkcodepage");

	if (!dir)
		return -1;
	r->workdir = cp_xstrdup(dir);
	return 0;
}

/* ---- description, template, kernel, segments -------------------------- */

/*
 * Boot information the protocol does not pass on (a command line under
 * protocol "none") would silently not reach the destination: warn.
 */
static void warn_not_taken(const struct run *r)
{
	static const struct {
		unsigned bit;
		const char *where, *what, *then;
	} info[] = {
		{ CP_TOOK_CMDLINE, "/kernel:command-line", "command line",
		  "this is ignored" },
		{ CP_TOOK_INITRD, "/kernel:initrd", "initrd",
		  "this is ignored" },
		{ CP_TOOK_MODULES, "/segments", "modules", "this is ignored" },
		/* the segments keep clear of it all the same (reserve.h) */
		{ CP_TOOK_RESERVED, "/:reserved-memory", "reserved memory",
		  "the segments keep clear of it, and the destination must "
		  "learn of it elsewhere" },
		{ CP_TOOK_RSDP, "/:acpi-rsdp", "ACPI RSDP", "this is ignored" },
	};
	const struct cp_request *d = &r->plan.req;
	unsigned given = (d->kernel.cmdline ? CP_TOOK_CMDLINE : 0) |
			 (d->kernel.initrd ? CP_TOOK_INITRD : 0) |
			 (d->nreserved ? CP_TOOK_RESERVED : 0) |
			 (d->has_acpi_rsdp ? CP_TOOK_RSDP : 0);

	for (int i = 0; i < d->nsegments; i++)
		if (d->segments[i].module)
			given |= CP_TOOK_MODULES;
	for (size_t i = 0; i < sizeof(info) / sizeof(info[0]); i++)
		if (given & ~r->plan.took & info[i].bit)
			cp_warn(CP_DESC_AT(&r->plan, info[i].where),
				unused_property,
				"protocol \"%s\" passes no %s to the "
				"destination; %s",
				r->plan.protocol, info[i].what, info[i].then);
}

/* The protocol's device tree (or the description's choice) must be one. */
static int check_device_tree(const struct cp_plan *p)
{
	return p->tree ? cp_fdtfix_check_tree(p, p->tree, p->tree_by,
					      &p->tree_loc) :
			 0;
}

/* What only a FIT image can give, asked of a kernel that is not one. */
static int fit_asked(const struct cp_plan *p, const char *kernel)
{
	const struct cp_request *d = &p->req;
	struct cp_loc loc = { .file = p->desc_file, .where = "/kernel" };
	int err = 0;

	if (d->kernel.fit_configuration) {
		cp_error(
			&loc, bad_fit,
			"configuration = \"...\" names a FIT image's "
			"configuration, and the kernel '%s' is not a FIT image",
			kernel);
		err = -1;
	}
	for (int i = 0; i < d->nsegments; i++)
		if (d->segments[i].fit_role) {
			loc.where = d->segments[i].node;
			cp_error(&loc, bad_fit,
				 "fit = \"%s\" takes an image of the kernel's "
				 "FIT, and the kernel '%s' is not a FIT image",
				 d->segments[i].fit_role, kernel);
			err = -1;
		}
	return err;
}

/*
 * The kernel's bytes: the file, or the kernel of a FIT image (given as
 * kernel { fit }, or recognised), which also gives the segments their
 * images. NULL (reported) on error.
 */
static unsigned char *kernel_bytes(struct run *r, const char *path, size_t *len)
{
	struct cp_loc loc = { .file = path };
	unsigned char *file = cp_read_file(path, len), *kernel = NULL;

	if (!file) {
		cp_error(&loc, missing_file, "cannot read the kernel: %s",
			 strerror(errno));
		return NULL;
	}
	if (r->plan.req.kernel.fit || cp_fit_recognize(file, *len)) {
		if (cp_fit_take(&r->plan, file, *len, path, &kernel, len))
			kernel = NULL;
		free(file);
		return kernel;
	}
	if (fit_asked(&r->plan, path)) {
		free(file);
		return NULL;
	}
	return file;
}

/* The description turned into the plan (fromdesc.h), then the kernel and
 * the segments it asks for read into it. */
static int read_inputs(struct run *r)
{
	struct cp_plan *p = &r->plan;
	const struct cp_fromdesc in = { .desc = r->opt.desc,
					.arch = r->opt.arch,
					.datadir = r->datadir,
					.workdir = r->workdir,
					.deps = &r->deps,
					.desc_map = &r->desc_map,
					.tmpl_map = &r->tmpl_map };
	const char *kernel;
	unsigned char *bytes;
	size_t len;

	if (cp_plan_from_desc(p, &in))
		return -1;
	kernel = r->opt.kernel ? r->opt.kernel : p->req.kernel.file;
	if (!kernel) {
		cp_error(NULL, missing_kernel,
			 "no kernel: give -k KERNEL or kernel { file = "
			 "\"...\"; } in the description");
		return -1;
	}
	cp_strlist_add(&r->deps, kernel);
	p->kernel_file = kernel;
	if (!(bytes = kernel_bytes(r, kernel, &len)))
		return -1;
	/* the description's segments first: an Image is placed clear of them
	 * and of the memory the firmware keeps, which the device tree says
	 * before its fixups */
	if (cp_plan_read_segments(p, r->workdir, &r->deps) ||
	    check_device_tree(p) || cp_reserve_collect(p) || cp_park_place(p) ||
	    cp_fdtfix_apply(p)) {
		free(bytes);
		return -1;
	}
	if (cp_kernel_load(p, kernel, bytes, len) ||
	    (p->arch->protocol_data && p->arch->protocol_data(p)))
		return -1;
	warn_not_taken(r);
	if (p->preamble)
		cp_strlist_add(&r->deps, p->preamble);
	return 0;
}

/* ---- building the codepage -------------------------------------------- */

static char *work_path(const struct run *r, const char *name)
{
	return cp_xasprintf("%s/%s", r->workdir, name);
}

static int ends_with_o(const char *s)
{
	size_t n = strlen(s);

	return n > 2 && !strcmp(s + n - 2, ".o");
}

static int assemble_all(struct run *r)
{
	const struct cp_arch *a = r->plan.arch;
	struct cp_strbuf plan = { 0 };
	char *plan_src = work_path(r, "plan.s"), *src;
	int err = 0;

	for (int i = 0; a->sources[i] && !err; i++) {
		char *obj = cp_xasprintf("%.*s.o",
					 (int)strcspn(a->sources[i], "."),
					 a->sources[i]);

		src = cp_xasprintf("%s/%s/%s", r->datadir, a->srcdir,
				   a->sources[i]);
		cp_strlist_add(&r->deps, src);
		err = cp_pic_assemble(&r->pic, src, obj, &r->deps);
		free(src);
		free(obj);
	}
	if (!err && r->plan.preamble && ends_with_o(r->plan.preamble)) {
		cp_pic_add(&r->pic, r->plan.preamble);
	} else if (!err) {
		src = r->plan.preamble ? cp_xstrdup(r->plan.preamble) :
					 cp_xasprintf("%s/%s/%s", r->datadir,
						      a->srcdir, a->preamble);
		cp_strlist_add(&r->deps, src);
		err = cp_pic_assemble(&r->pic, src, "preamble.o", &r->deps);
		free(src);
	}
	if (!err && r->plan.preamble &&
	    cp_object_check(r->pic.objs.v[r->pic.objs.n - 1], a, "preamble"))
		err = -1;
	a->emit_plan(&r->plan, &plan);
	if (!err && cp_write_file(plan_src, plan.s, plan.len)) {
		cp_error(&(struct cp_loc){ .file = plan_src }, write_failed,
			 "%s", strerror(errno));
		err = -1;
	}
	if (!err)
		err = cp_pic_assemble(&r->pic, plan_src, "plan.o", NULL);
	cp_sb_free(&plan);
	free(plan_src);
	return err;
}

static const char *const entry_symbols[] = {
	"__codepage_start",
	"cp_entry",
	"cp_list_entry",
	NULL,
};

/* Link at base (checking the link's relocations with check); read the
 * flat image and entry offsets. */
static int link_at(struct run *r, uint64_t base, const char *name, int check,
		   struct cp_image *img)
{
	uint64_t sym[3];

	if (cp_pic_link(&r->pic, base, name, entry_symbols, sym, check, img))
		return -1;
	r->plan.entry_off = sym[1] - sym[0];
	r->plan.list_entry_off = sym[2] - sym[0];
	return 0;
}

/* KEXEC_CODEPAGE takes a codepage that fits the kernel's control page
 * (KEXEC_CONTROL_PAGE_SIZE, 4096 on every arch that has it). */
static void check_list_size(const struct run *r)
{
	if (r->img.size > 4096)
		cp_warn(&r->plan.seg[0].loc, list_too_big,
			"the codepage is %zu bytes, more than the 4096 of a "
			"kernel's control page: kexec-codepage --list cannot "
			"load it (placed loads can); fewer segments, CPUs or "
			"memory ranges (a smaller plan) or a smaller preamble "
			"make it fit",
			r->img.size);
}

/*
 * Proven as pic.h says: the objects, then a first link at a probe address
 * (its size places the codepage), then the link at its own address, its
 * relocations and the same bytes as the probe's.
 */
static int build_codepage(struct run *r)
{
	struct cp_plan *p = &r->plan;
	uint64_t probe_base = 0x10000;
	struct cp_image probe;

	r->pic = (struct cp_pic){ .tc = &r->tc,
				  .arch = p->arch,
				  .datadir = r->datadir,
				  .workdir = r->workdir,
				  .what = "the codepage" };
	if (cp_toolchain_find(p->arch, r->opt.cross, &r->tc) ||
	    assemble_all(r) || cp_pic_check_objects(&r->pic) ||
	    link_at(r, probe_base, "probe.elf", 0, &probe))
		return -1;
	if (cp_plan_place_codepage(p, probe.size) ||
	    cp_plan_check_codepage(p)) {
		cp_image_free(&probe);
		return -1;
	}
	if (p->seg[0].mem == probe_base) {
		/* the proof needs two different addresses: probe again */
		cp_image_free(&probe);
		probe_base += 0x100000;
		if (link_at(r, probe_base, "probe.elf", 0, &probe))
			return -1;
	}
	cp_link_deps(p->arch, r->datadir, &r->deps);
	r->elf = work_path(r, "codepage.elf");
	if (link_at(r, p->seg[0].mem, "codepage.elf", 1, &r->img) ||
	    cp_pic_same(&r->pic, &probe, &r->img, "codepage.elf")) {
		cp_image_free(&probe);
		return -1;
	}
	cp_image_free(&probe);
	check_list_size(r);
	p->seg[0].bufsz = r->img.size;
	p->seg[0].size = r->img.size;
	p->seg[0].exec = 1;
	return cp_sums_locate(p, r->elf, r->img.base);
}

/* --blob: the mover and the packed segments (blobbuild.c). */
static int build_blob(struct run *r)
{
	const struct cp_blob_env e = {
		.tc = &r->tc,
		.datadir = r->datadir,
		.workdir = r->workdir,
		.deps = &r->deps,
	};

	return cp_blob_build(&e, &r->plan, &r->img, &r->blob, &r->blob_len);
}

/* Lines for node paths, from the description's and template's maps. */
static int locate(struct cp_loc *loc, void *ctx)
{
	struct run *r = ctx;

	return cp_srcmap_locate(&r->desc_map, loc) ||
	       cp_srcmap_locate(&r->tmpl_map, loc);
}

static int run(struct run *r)
{
	struct cp_plan *p = &r->plan;

	cp_diag_set_locator(locate, r);
	if (make_workdir(r))
		return CP_EXIT_ENV;
	r->datadir = cp_datadir();
	if (read_inputs(r))
		return CP_EXIT_REJECTED;
	cp_plan_check_entry(p);
	if (cp_plan_check_segments(p) || cp_plan_check_kexec(p, r->opt.blob) ||
	    p->arch->prepare(p) || cp_plan_resolve_registers(p))
		return CP_EXIT_REJECTED;
	cp_sums_compute(p);
	if (build_codepage(r))
		return r->tc.as ? CP_EXIT_REJECTED : CP_EXIT_ENV;
	if (r->opt.blob && build_blob(r))
		return CP_EXIT_REJECTED;
	if (r->opt.depfile &&
	    !(r->rule = cp_output_make_rule(r->opt.depfile, r->opt.outdir,
					    &r->deps, r->opt.blob)))
		return CP_EXIT_REJECTED;
	if (cp_output_write(p, r->opt.outdir, r->elf, &r->img, r->blob,
			    r->blob_len))
		return CP_EXIT_ENV;
	if (r->rule && cp_output_depfile(r->opt.depfile, r->rule))
		return CP_EXIT_ENV;
	if (r->opt.verbose) {
		char *map = cp_path_join(r->opt.outdir, "map.txt");
		size_t len;
		char *text = (char *)cp_read_file(map, &len);

		if (text)
			fputs(text, stdout);
		free(text);
		free(map);
	}
	return CP_EXIT_OK;
}

static void cleanup(struct run *r)
{
	cp_srcmap_free(&r->desc_map);
	cp_srcmap_free(&r->tmpl_map);
	cp_plan_free(&r->plan);
	cp_toolchain_free(&r->tc);
	cp_strlist_free(&r->deps);
	cp_pic_free(&r->pic);
	cp_image_free(&r->img);
	free(r->elf);
	free(r->rule);
	free(r->blob);
	free(r->datadir);
	free(r->workdir);
}

int main(int argc, char **argv)
{
	struct run r = { 0 };
	int st;

	cp_diag_set_program("mkcodepage");
	st = parse_options(argc, argv, &r.opt);
	if (st == 'h') {
		usage(stdout);
		return CP_EXIT_OK;
	}
	if (st == 'V') {
		printf("mkcodepage %s\n", CP_VERSION);
		return CP_EXIT_OK;
	}
	if (st == 'l') {
		char *d = cp_datadir();

		list_arches(d);
		free(d);
		return CP_EXIT_OK;
	}
	if (st)
		return CP_EXIT_ENV;
	cp_spawn_verbose = r.opt.verbose;
	st = run(&r);
	cp_diag_set_locator(NULL, NULL);
	if (st == CP_EXIT_REJECTED && cp_spawn_missing)
		st = CP_EXIT_ENV; /* a tool was missing, not the input wrong */
	cleanup(&r);
	return st;
}
