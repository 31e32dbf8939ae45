// SPDX-License-Identifier: MIT
/* pic.c - see pic.h. */
#include "pic.h"
#include "diag.h"
#include "relocchk.h"

#include <stdlib.h>
#include <string.h>

/* objs and srcs go in step: no cp_strlist_add, which drops repeats. */
static void add_pair(struct cp_pic *p, const char *obj, const char *src)
{
	struct cp_strlist *l[2] = { &p->objs, &p->srcs };
	const char *s[2] = { obj, src };

	for (int i = 0; i < 2; i++) {
		l[i]->v = cp_xrealloc(l[i]->v,
				      sizeof(*l[i]->v) * (size_t)(l[i]->n + 1));
		l[i]->v[l[i]->n++] = cp_xstrdup(s[i]);
	}
}

char *cp_pic_path(const struct cp_pic *p, const char *name)
{
	return cp_path_join(p->workdir, name);
}

int cp_pic_assemble(struct cp_pic *p, const char *src, const char *obj_name,
		    struct cp_strlist *deps)
{
	char *obj = cp_pic_path(p, obj_name);
	int err = cp_assemble(p->tc, p->arch, p->datadir, src, obj, deps);

	if (!err)
		add_pair(p, obj, src);
	free(obj);
	return err ? -1 : 0;
}

void cp_pic_add(struct cp_pic *p, const char *obj)
{
	add_pair(p, obj, obj);
}

void cp_pic_drop_last(struct cp_pic *p)
{
	if (!p->objs.n)
		return;
	free(p->objs.v[--p->objs.n]);
	free(p->srcs.v[--p->srcs.n]);
}

int cp_pic_check_objects(const struct cp_pic *p)
{
	long bad = 0;

	for (int i = 0; i < p->objs.n; i++) {
		struct cp_relocchk_result res;

		if (cp_relocchk(p->objs.v[i], p->srcs.v[i], p->arch, &res))
			return -1;
		bad += res.bad;
	}
	return bad ? -1 : 0;
}

int cp_pic_link(const struct cp_pic *p, uint64_t base, const char *name,
		const char *const *syms, uint64_t *values, int check,
		struct cp_image *img)
{
	static const char *const none[] = { NULL };
	char *out = cp_pic_path(p, name);
	struct cp_relocchk_result res;
	int err;

	memset(img, 0, sizeof(*img));
	err = cp_link(p->tc, p->arch, p->datadir, &p->objs, base, out);
	if (!err)
		err = cp_image_read(out, name, syms ? syms : none, values, img);
	if (!err && check && (cp_relocchk(out, name, p->arch, &res) || res.bad))
		err = -1;
	if (err)
		cp_image_free(img);
	free(out);
	return err ? -1 : 0;
}

int cp_pic_same(const struct cp_pic *p, const struct cp_image *a,
		const struct cp_image *b, const char *elf_name)
{
	if (a->size == b->size && !memcmp(a->bytes, b->bytes, a->size))
		return 0;
	cp_error(&(struct cp_loc){ .file = elf_name }, not_pic,
		 "linked at 0x%llx and at 0x%llx %s differs: it depends on "
		 "its address",
		 (unsigned long long)a->base, (unsigned long long)b->base,
		 p->what);
	return -1;
}

void cp_pic_free(struct cp_pic *p)
{
	cp_strlist_free(&p->objs);
	cp_strlist_free(&p->srcs);
}
