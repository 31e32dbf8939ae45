// SPDX-License-Identifier: MIT
/* iomem.c - see iomem.h. */
#include "iomem.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_DEPTH 16

/* A hexadecimal number of at most 16 digits at *p; 0 if none. */
static int hex(const char **p, const char *end, uint64_t *v)
{
	int digits = 0;

	*v = 0;
	for (; *p < end && digits < 17; (*p)++, digits++) {
		char c = **p;
		int d = c >= '0' && c <= '9' ? c - '0' :
			c >= 'a' && c <= 'f' ? c - 'a' + 10 :
			c >= 'A' && c <= 'F' ? c - 'A' + 10 :
					       -1;

		if (d < 0)
			break;
		*v = *v << 4 | (uint64_t)d;
	}
	return digits > 0 && digits <= 16;
}

/* One line [p, end): 0 and *e filled if it is a resource. */
static int parse_line(const char *p, const char *end, struct cp_iomem_entry *e)
{
	const char *s = p;
	size_t n = 0;

	while (p < end && *p == ' ')
		p++;
	if ((p - s) % 2)
		return -1;
	e->depth = (int)(p - s) / 2;
	if (!hex(&p, end, &e->start) || p == end || *p++ != '-' ||
	    !hex(&p, end, &e->end) || end - p < 3 || memcmp(p, " : ", 3) ||
	    e->end < e->start)
		return -1;
	for (p += 3; p < end && n + 1 < sizeof(e->name); p++)
		e->name[n++] = *p >= 0x20 && *p < 0x7f ? *p : '?';
	e->name[n] = 0;
	return 0;
}

int cp_iomem_parse(const char *text, size_t len, struct cp_iomem *io)
{
	const char *p = text, *end = text + len;
	int open[MAX_DEPTH], cap = 0, shown = 0;

	io->e = NULL;
	io->n = 0;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *eol = nl ? nl : end;
		struct cp_iomem_entry e;

		if (!parse_line(p, eol, &e) && e.depth < MAX_DEPTH &&
		    (e.depth == 0 ||
		     (io->n && io->e[io->n - 1].depth + 1 >= e.depth))) {
			e.parent = e.depth ? open[e.depth - 1] : -1;
			if (io->n == cap)
				io->e = cp_xrealloc(
					io->e, (size_t)(cap = 2 * cap + 32) *
						       sizeof(*io->e));
			open[e.depth] = io->n;
			io->e[io->n++] = e;
			shown |= e.start || e.end;
		}
		p = nl ? nl + 1 : end;
	}
	if (!shown)
		cp_iomem_free(io);
	return io->n;
}

void cp_iomem_free(struct cp_iomem *io)
{
	free(io->e);
	io->e = NULL;
	io->n = 0;
}

int cp_iomem_is(const struct cp_iomem *io, int i, const char *name)
{
	size_t n = strlen(name);
	const char *s = io->e[i].name;

	return !strncasecmp(s, name, n) && (!s[n] || s[n] == ' ');
}
