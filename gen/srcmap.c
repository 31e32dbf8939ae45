// SPDX-License-Identifier: MIT
/* srcmap.c - see srcmap.h. */
#include "srcmap.h"
#include "child.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void add(struct cp_srcmap *m, const char *path, const char *file,
		int line, int col)
{
	struct cp_srcpos *p;

	m->pos = cp_xrealloc(m->pos, sizeof(*m->pos) * (size_t)(m->n + 1));
	p = &m->pos[m->n++];
	p->path = cp_xstrdup(path);
	p->file = cp_xstrdup(file);
	p->line = line;
	p->col = col;
}

/* The " / * file:L:C-L:C * /" annotation at the end of a line. */
static int annotation(const char *line, char *file, size_t flen, int *l, int *c)
{
	const char *a = strstr(line, "/* ");
	char fmt[32];

	if (!a)
		return 0;
	snprintf(fmt, sizeof(fmt), "/* %%%zu[^:]:%%d:%%d", flen - 1);
	return sscanf(a, fmt, file, l, c) == 3;
}

static void parse(struct cp_srcmap *m, FILE *f)
{
	char line[4096], file[1024], path[1024] = "", name[512];
	int l, c;

	while (fgets(line, sizeof(line), f)) {
		char *s = line + strspn(line, " \t");
		size_t len = strcspn(s, " =;{");

		if (!annotation(s, file, sizeof(file), &l, &c))
			continue;
		if (s[0] == '}') { /* leaving a node */
			char *slash = strrchr(path, '/');

			if (slash)
				*slash = 0;
			continue;
		}
		snprintf(name, sizeof(name), "%.*s", (int)len, s);
		if (s[len] == ' ' && s[len + 1] == '{') { /* entering a node */
			if (!strcmp(name, "/")) {
				add(m, "/", file, l, c);
				continue;
			}
			strncat(path, "/", sizeof(path) - strlen(path) - 1);
			strncat(path, name, sizeof(path) - strlen(path) - 1);
			add(m, path, file, l, c);
		} else { /* a property of the current node */
			char full[1600];

			snprintf(full, sizeof(full), "%s:%s",
				 *path ? path : "/", name);
			add(m, full, file, l, c);
		}
	}
}

void cp_srcmap_init(struct cp_srcmap *m, const char *dts, const char *workdir)
{
	memset(m, 0, sizeof(*m));
	m->source = cp_xstrdup(dts);
	m->workdir = cp_xstrdup(workdir);
}

/* dtc's annotated output of the source, read the first time a diagnostic
 * asks (most builds say nothing, and dtc then runs once a source). */
static void build(struct cp_srcmap *m)
{
	static int seq;
	char *out = cp_xasprintf("%s/srcmap%d.dts", m->workdir, seq);
	char *err = cp_xasprintf("%s/srcmap%d.err", m->workdir, seq);
	char *dir = cp_dirname(m->source);
	char *argv[] = { "dtc", "-q", "-I", "dts", "-O", "dts",	    "-T",
			 "-T",	"-i", dir,  "-o",  out,	 m->source, NULL };
	int verbose = cp_spawn_verbose;
	FILE *f;

	seq++;
	m->built = 1;
	cp_spawn_verbose = 0; /* a second look at the same source */
	if (cp_spawn(argv, err, "dtc") == 0 && (f = fopen(out, "r"))) {
		parse(m, f);
		fclose(f);
	}
	cp_spawn_verbose = verbose;
	free(out);
	free(err);
	free(dir);
}

void cp_srcmap_free(struct cp_srcmap *m)
{
	for (int i = 0; i < m->n; i++) {
		free(m->pos[i].path);
		free(m->pos[i].file);
	}
	free(m->pos);
	free(m->source);
	free(m->workdir);
	memset(m, 0, sizeof(*m));
}

static const struct cp_srcpos *find(const struct cp_srcmap *m, const char *path)
{
	for (int i = 0; i < m->n; i++)
		if (!strcmp(m->pos[i].path, path))
			return &m->pos[i];
	return NULL;
}

int cp_srcmap_locate(struct cp_srcmap *m, struct cp_loc *loc)
{
	const struct cp_srcpos *p;

	if (!m->source || !loc->file || !loc->where || loc->line ||
	    strcmp(loc->file, m->source))
		return 0;
	if (!m->built)
		build(m);
	p = find(m, loc->where);
	if (!p && strchr(loc->where, ':')) {
		char node[1024];

		snprintf(node, sizeof(node), "%.*s",
			 (int)strcspn(loc->where, ":"), loc->where);
		p = find(m, node);
	}
	if (!p)
		return 0;
	loc->file = p->file;
	loc->line = p->line;
	loc->col = p->col;
	return 1;
}
