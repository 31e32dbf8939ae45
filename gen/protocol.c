// SPDX-License-Identifier: MIT
/* protocol.c - see protocol.h. */
#include "protocol.h"
#include "desc.h"
#include "util.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_PROTOCOLS 64

static int takes_shared(const struct cp_arch *a, const char *name)
{
	for (int i = 0; a->shared_templates && a->shared_templates[i]; i++)
		if (!strcmp(a->shared_templates[i], name))
			return 1;
	return 0;
}

/* arch/<arch>/templates/NAME.dts, or templates/NAME.dts if a takes it. */
static char *own_or_shared(const char *datadir, const struct cp_arch *a,
			   const char *name)
{
	char *p = cp_xasprintf("%s/%s/templates/%s.dts", datadir, a->srcdir,
			       name);

	if (!access(p, R_OK))
		return p;
	free(p);
	p = cp_xasprintf("%s/templates/%s.dts", datadir, name);
	if (takes_shared(a, name) && !access(p, R_OK))
		return p;
	free(p);
	return NULL;
}

char *cp_protocol_path(const char *datadir, const struct cp_arch *a,
		       const char *name, int *elsewhere)
{
	char *p;

	*elsewhere = 0;
	if (!*name || strchr(name, '/') || name[0] == '.')
		return NULL;
	if ((p = own_or_shared(datadir, a, name)))
		return p;
	for (int i = 0; cp_arches[i]; i++) {
		char *q = own_or_shared(datadir, cp_arches[i], name);

		*elsewhere |= q != NULL;
		free(q);
	}
	return NULL;
}

struct protocol {
	char *name, *path;
	struct cp_strbuf arches;
};

struct protocols {
	struct protocol v[MAX_PROTOCOLS];
	int n;
};

/* Note that arch a has protocol name (template at path). */
static void note(struct protocols *ps, const char *name, const char *path,
		 const struct cp_arch *a)
{
	struct protocol *p = NULL;

	for (int i = 0; i < ps->n && !p; i++)
		if (!strcmp(ps->v[i].name, name))
			p = &ps->v[i];
	if (!p) {
		if (ps->n == MAX_PROTOCOLS)
			return;
		p = &ps->v[ps->n++];
		*p = (struct protocol){ .name = cp_xstrdup(name),
					.path = cp_xstrdup(path) };
	}
	cp_sb_printf(&p->arches, "%s%s", p->arches.len ? "," : "", a->name);
}

/* Add every NAME of DIR/NAME.dts to names. */
static void dts_names(const char *dir, struct cp_strlist *names)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	while (d && (e = readdir(d))) {
		size_t len = strlen(e->d_name);

		if (len > 4 && e->d_name[0] != '.' &&
		    !strcmp(e->d_name + len - 4, ".dts")) {
			char *n = cp_xasprintf("%.*s", (int)len - 4, e->d_name);

			cp_strlist_add(names, n);
			free(n);
		}
	}
	if (d)
		closedir(d);
}

static int by_string(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

void cp_protocol_list(const char *datadir, const char *workdir, FILE *out)
{
	struct protocols ps = { .n = 0 };
	char *shared = cp_xasprintf("%s/templates", datadir);
	struct cp_strlist names = { 0 };

	dts_names(shared, &names);
	for (int i = 0; cp_arches[i]; i++) {
		char *own = cp_xasprintf("%s/%s/templates", datadir,
					 cp_arches[i]->srcdir);

		dts_names(own, &names);
		free(own);
	}
	qsort(names.v, (size_t)names.n, sizeof(*names.v), by_string);
	for (int j = 0; j < names.n; j++) {
		if (j && !strcmp(names.v[j], names.v[j - 1]))
			continue;
		for (int i = 0; cp_arches[i]; i++) {
			char *p = own_or_shared(datadir, cp_arches[i],
						names.v[j]);

			if (p)
				note(&ps, names.v[j], p, cp_arches[i]);
			free(p);
		}
	}
	/* the names' column: the longest and two spaces, 14 at least */
	int width = 12;

	for (int i = 0; i < ps.n; i++)
		if ((int)strlen(ps.v[i].name) > width)
			width = (int)strlen(ps.v[i].name);
	width += 2;
	for (int i = 0; i < ps.n; i++) {
		struct cp_desc t = { 0 };

		fprintf(out, "  %-*s%s\n", width, ps.v[i].name,
			ps.v[i].arches.s);
		if (workdir && !cp_desc_load(&t, ps.v[i].path, workdir,
					     CP_TEMPLATE_COMPATIBLE, NULL))
			fprintf(out, "  %*s%s\n", width, "",
				t.summary ? t.summary : "");
		cp_desc_free(&t);
		free(ps.v[i].name);
		free(ps.v[i].path);
		cp_sb_free(&ps.v[i].arches);
	}
	cp_strlist_free(&names);
	free(shared);
}
