// SPDX-License-Identifier: MIT
/*
 * blobbuild.c - build a blob (blob.h): the arch's fixed mover assembled
 * with its header, linked, proven position-independent as the codepage is
 * (every relocation of every object and of the link classified, two links
 * at different addresses equal), then the segments packed after it.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "blob.h"
#include "blobbuild.h"
#include "relocchk.h"

/* arch/blob.inc's BLOB_HEADER: the mover's entry code (and its arch's
 * loader header) fills the bytes before it; checked on every link. */
#define HEADER_AT 64

struct mover {
	const struct cp_blob_env *e;
	const struct cp_plan *plan;
	struct cp_strlist objs, srcs;
};

/* Assemble src into the work directory's name; deps: what it includes
 * goes to the depfile (not for the generated header, which lives there). */
static int assemble(struct mover *m, const char *src, const char *name,
		    struct cp_strlist *deps)
{
	char *obj = cp_path_join(m->e->workdir, name);
	struct cp_relocchk_result res;
	int err = cp_assemble(m->e->tc, m->plan->arch, m->e->datadir, src, obj,
			      deps);

	if (!err)
		err = cp_relocchk(obj, src, m->plan->arch, &res) || res.bad;
	if (!err) {
		cp_strlist_add(&m->objs, obj);
		cp_strlist_add(&m->srcs, src);
	}
	free(obj);
	return err ? -1 : 0;
}

/* The header for b, assembled as the last object (replacing the last). */
static int assemble_header(struct mover *m, const struct cp_blob *b)
{
	struct cp_strbuf s = { 0 };
	char *src = cp_path_join(m->e->workdir, "blob.s");
	int err;

	if (m->objs.n > 1) {
		free(m->objs.v[--m->objs.n]);
		free(m->srcs.v[--m->srcs.n]);
	}
	cp_blob_emit(b, m->plan, &s);
	err = cp_write_file(src, s.s, s.len);
	if (err)
		cp_error(&(struct cp_loc){ .file = src }, write_failed, "%s",
			 strerror(errno));
	else
		err = assemble(m, src, "blob.o", NULL);
	cp_sb_free(&s);
	free(src);
	return err;
}

static int link_at(struct mover *m, uint64_t base, const char *name,
		   struct cp_image *img)
{
	static const char *const syms[] = { "__codepage_start", "cp_plan", NULL };
	char *out = cp_path_join(m->e->workdir, name);
	uint64_t at[2];
	struct cp_relocchk_result res;
	int err;

	memset(img, 0, sizeof(*img));
	err = cp_link(m->e->tc, m->plan->arch, m->e->datadir, &m->objs, base,
		      out);
	if (!err)
		err = cp_image_read(out, name, syms, at, img);
	if (!err && at[1] - at[0] != HEADER_AT) {
		cp_error(&(struct cp_loc){ .file = m->srcs.v[0] }, link,
			 "the blob's header lands at offset %llu, not %d: the "
			 "mover's .text.entry must be BLOB_CODE bytes",
			 (unsigned long long)(at[1] - at[0]), HEADER_AT);
		err = -1;
	}
	if (!err && (cp_relocchk(out, name, m->plan->arch, &res) || res.bad))
		err = -1;
	if (err)
		cp_image_free(img);
	free(out);
	return err;
}

/* Two links, at two page-aligned addresses, must give the same bytes. */
static int link_twice(struct mover *m, struct cp_image *img)
{
	struct cp_image other;
	int err;

	if (link_at(m, 0x10000, "blob-probe.elf", &other))
		return -1;
	err = link_at(m, 0x20000000, "blob-mover.elf", img);
	if (!err && (other.size != img->size ||
		     memcmp(other.bytes, img->bytes, img->size))) {
		cp_error(&(struct cp_loc){ .file = "blob-mover.elf" }, not_pic,
			 "linked at two addresses the blob's mover differs: it "
			 "depends on its address");
		err = -1;
	}
	cp_image_free(&other);
	return err;
}

int cp_blob_build(const struct cp_blob_env *e, const struct cp_plan *plan,
		  const struct cp_image *codepage, unsigned char **bytes,
		  size_t *len)
{
	const struct cp_arch *a = plan->arch;
	struct mover m = { .e = e, .plan = plan };
	struct cp_blob *b = cp_xcalloc(1, sizeof(*b));
	struct cp_image img = { 0 };
	char *src;
	int err;

	if (!a->mover) {
		cp_error(NULL, blob_unsupported,
			 "--blob: the %s backend has no blob mover yet; load "
			 "the segments with kexec_load (kexec-codepage) "
			 "instead", a->name);
		free(b);
		return -1;
	}
	src = cp_xasprintf("%s/%s/%s", e->datadir, a->srcdir, a->mover);
	cp_strlist_add(e->deps, src);
	/* the mover's size decides where the segments go: learn it from a
	 * first link with a header of the same shape */
	cp_blob_layout(b, plan, codepage, 0);
	err = assemble(&m, src, "mover.o", e->deps) || assemble_header(&m, b) ||
	      link_at(&m, 0x10000, "blob-size.elf", &img);
	if (!err) {
		uint64_t size = img.size;

		cp_image_free(&img);
		cp_blob_layout(b, plan, codepage, size);
		err = cp_blob_check(b, plan) || assemble_header(&m, b) ||
		      link_twice(&m, &img);
		if (!err && img.size != size) {
			cp_error(NULL, link, "the blob's mover changed size "
					     "with its header's values");
			err = -1;
		}
	}
	if (!err) {
		*bytes = cp_blob_bytes(b, &img);
		*len = (size_t)b->size;
	}
	cp_image_free(&img);
	cp_strlist_free(&m.objs);
	cp_strlist_free(&m.srcs);
	free(src);
	free(b);
	return err ? -1 : 0;
}
