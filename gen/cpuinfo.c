// SPDX-License-Identifier: MIT
/* cpuinfo.c - see cpuinfo.h. */
#include "cpuinfo.h"

#include <string.h>

/* The token of n bytes at word, among the blank-separated ones of [p, end). */
static int has_token(const char *p, const char *end, const char *word, size_t n)
{
	while (p < end) {
		const char *t;

		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		for (t = p; p < end && *p != ' ' && *p != '\t'; p++)
			;
		if ((size_t)(p - t) == n && !memcmp(t, word, n))
			return 1;
	}
	return 0;
}

int cp_cpuinfo_lacks_flag(const char *text, size_t len, const char *flag)
{
	const char *end = text + len, *line = text;
	size_t n = strlen(flag);

	while (line < end) {
		const char *eol = memchr(line, '\n', (size_t)(end - line));
		const char *colon;

		if (!eol)
			eol = end;
		colon = memchr(line, ':', (size_t)(eol - line));
		if ((size_t)(eol - line) >= 5 && !memcmp(line, "flags", 5) &&
		    colon &&
		    (line[5] == ' ' || line[5] == '\t' || line[5] == ':') &&
		    !has_token(colon + 1, eol, flag, n))
			return 1;
		line = eol + 1;
	}
	return 0;
}
