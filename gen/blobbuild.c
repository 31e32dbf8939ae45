// SPDX-License-Identifier: MIT
/*
 * blobbuild.c - build a blob (blob.h): the arch's fixed mover assembled
 * with its header, linked, proven position-independent as the codepage is
 * (pic.h), then the segments packed after it.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "blob.h"
#include "blobbuild.h"
#include "pic.h"

/* arch/blob.inc's BLOB_HEADER: the mover's entry code (and its arch's
 * loader header) fills the bytes before it; checked on every link. */
#define HEADER_AT 64

/* The header for b, assembled as the last object (replacing the last). */
static int assemble_header(struct cp_pic *m, const struct cp_blob *b,
			   const struct cp_plan *plan)
{
	struct cp_strbuf s = { 0 };
	char *src = cp_pic_path(m, "blob.s");
	int err;

	if (m->objs.n > 1)
		cp_pic_drop_last(m);
	cp_blob_emit(b, plan, &s);
	err = cp_write_file(src, s.s, s.len);
	if (err)
		cp_error(&(struct cp_loc){ .file = src }, write_failed, "%s",
			 strerror(errno));
	else
		err = cp_pic_assemble(m, src, "blob.o", NULL) ||
		      cp_pic_check_objects(m);
	cp_sb_free(&s);
	free(src);
	return err ? -1 : 0;
}

/* A link at base, its relocations checked, its header where the mover's
 * code leaves it. */
static int link_at(const struct cp_pic *m, uint64_t base, const char *name,
		   struct cp_image *img)
{
	static const char *const syms[] = { "__codepage_start", "cp_plan",
					    NULL };
	uint64_t at[2];

	if (cp_pic_link(m, base, name, syms, at, 1, img))
		return -1;
	if (at[1] - at[0] == HEADER_AT)
		return 0;
	cp_error(&(struct cp_loc){ .file = m->srcs.v[0] }, link,
		 "the blob's header lands at offset %llu, not %d: the "
		 "mover's .text.entry must be BLOB_CODE bytes",
		 (unsigned long long)(at[1] - at[0]), HEADER_AT);
	cp_image_free(img);
	return -1;
}

/* Two links, at two page-aligned addresses, must give the same bytes. */
static int link_twice(const struct cp_pic *m, struct cp_image *img)
{
	struct cp_image other;
	int err;

	if (link_at(m, 0x10000, "blob-probe.elf", &other))
		return -1;
	err = link_at(m, 0x20000000, "blob-mover.elf", img) ||
	      cp_pic_same(m, &other, img, "blob-mover.elf");
	cp_image_free(&other);
	return err ? -1 : 0;
}

int cp_blob_build(const struct cp_blob_env *e, const struct cp_plan *plan,
		  const struct cp_image *codepage, unsigned char **bytes,
		  size_t *len)
{
	const struct cp_arch *a = plan->arch;
	struct cp_pic m = { .tc = e->tc,
			    .arch = a,
			    .datadir = e->datadir,
			    .workdir = e->workdir,
			    .what = "the blob's mover" };
	struct cp_blob *b = cp_xcalloc(1, sizeof(*b));
	struct cp_image img = { 0 };
	char *src;
	int err;

	if (!a->mover) {
		cp_error(NULL, blob_unsupported,
			 "--blob: the %s backend has no blob mover yet; load "
			 "the segments with kexec_load (kexec-codepage) "
			 "instead",
			 a->name);
		free(b);
		return -1;
	}
	src = cp_xasprintf("%s/%s/%s", e->datadir, a->srcdir, a->mover);
	cp_strlist_add(e->deps, src);
	/* the mover's size decides where the segments go: learn it from a
	 * first link with a header of the same shape */
	cp_blob_layout(b, plan, codepage, 0);
	err = cp_pic_assemble(&m, src, "mover.o", e->deps) ||
	      assemble_header(&m, b, plan) ||
	      link_at(&m, 0x10000, "blob-size.elf", &img);
	if (!err) {
		uint64_t size = img.size;

		cp_image_free(&img);
		cp_blob_layout(b, plan, codepage, size);
		err = cp_blob_check(b, plan) || assemble_header(&m, b, plan) ||
		      link_twice(&m, &img);
		if (!err && img.size != size) {
			cp_error(NULL, link,
				 "the blob's mover changed size "
				 "with its header's values");
			err = -1;
		}
	}
	if (!err) {
		*bytes = cp_blob_bytes(b, &img);
		*len = (size_t)b->size;
	}
	cp_image_free(&img);
	cp_pic_free(&m);
	free(src);
	free(b);
	return err ? -1 : 0;
}
