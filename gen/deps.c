// SPDX-License-Identifier: MIT
/* deps.c - see deps.h. */
#include "deps.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The text after "OUT:" (after the first ": " without OUT), or NULL. */
static char *prerequisites(char *text, const char *out)
{
	size_t n = out ? strlen(out) : 0;
	char *p;

	if (out)
		return !strncmp(text, out, n) && text[n] == ':' ? text + n + 1 :
								  NULL;
	p = strstr(text, ": ");
	return p ? p + 1 : NULL;
}

/* The name built so far in [NAME, *W) goes to L; the next starts over. */
static void flush(struct cp_strlist *l, char *name, char **w)
{
	if (*w > name) {
		**w = 0;
		cp_strlist_add(l, name);
	}
	*w = name;
}

void cp_deps_read_as(const char *path, struct cp_strlist *l)
{
	size_t len;
	char *text = (char *)cp_read_file(path, &len), *p, *name, *w;

	if (!text || !(p = prerequisites(text, NULL))) {
		free(text);
		return;
	}
	name = w = cp_xmalloc(strlen(p) + 1);
	while (*p) {
		size_t run = strspn(p, "\\");
		char c = p[run];

		if (run == 1 && c == '\n') { /* a continued line */
			flush(l, name, &w);
			p += 2;
		} else if (run) {
			/* before a character make splits or stops at, 2n
			 * backslashes stand for n, and one more quotes it */
			int special = c && strchr(" \t#:", c);
			size_t keep = special ? run / 2 : run;

			memset(w, '\\', keep);
			w += keep;
			p += run;
			if (special && run % 2)
				*w++ = *p++;
		} else if (c == ' ' || c == '\t' || c == '\n') {
			flush(l, name, &w);
			p++;
		} else {
			*w++ = c;
			p += c == '$' && p[1] == '$' ? 2 : 1;
		}
	}
	flush(l, name, &w);
	free(name);
	free(text);
}

static int is_file(const char *name)
{
	struct stat st;

	return !stat(name, &st) && S_ISREG(st.st_mode);
}

/* Where the name starting at P ends: the last space (or the end) at which
 * [P, there) names a file, else the first space. */
static char *name_end(char *p)
{
	char *end = p + strlen(p), *e = end;

	for (;;) {
		char c = *e;
		int found;

		*e = 0;
		found = is_file(p);
		*e = c;
		if (found)
			return e;
		while (e > p && *--e != ' ')
			;
		if (e == p)
			break;
	}
	e = strchr(p, ' ');
	return e ? e : end;
}

void cp_deps_read_dtc(const char *path, const char *out, struct cp_strlist *l)
{
	size_t len;
	char *text = (char *)cp_read_file(path, &len), *p;

	if (!text || !(p = prerequisites(text, out))) {
		free(text);
		return;
	}
	while (len && text[len - 1] == '\n')
		text[--len] = 0;
	while (*p == ' ') {
		char *end = name_end(++p), c = *end;

		*end = 0;
		if (*p)
			cp_strlist_add(l, p);
		*end = c;
		p = end;
	}
	free(text);
}
