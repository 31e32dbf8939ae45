// SPDX-License-Identifier: MIT
/* segjson.c - see segjson.h. Every search is bounded by an end pointer:
 * the text may hold NULs, and need not end where a string does. */
#include "segjson.h"
#include "segtxt.h"
#include "diag.h"
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The first NEEDLE in [S, END), or NULL. */
static const char *find(const char *s, const char *end, const char *needle)
{
	size_t n = strlen(needle);

	for (; s && (size_t)(end - s) >= n; s++) {
		s = memchr(s, needle[0], (size_t)(end - s) - n + 1);
		if (!s || !memcmp(s, needle, n))
			return s;
	}
	return NULL;
}

/* "KEY": "VALUE" in [S, END), VALUE copied to OUT (LEN bytes); 0 or -1. */
static int string_value(const char *s, const char *end, const char *key,
			char *out, size_t len)
{
	char pat[64];
	const char *v, *q;

	snprintf(pat, sizeof(pat), "\"%s\": \"", key);
	if (!(v = find(s, end, pat)))
		return -1;
	v += strlen(pat);
	q = memchr(v, '"', (size_t)(end - v));
	if (!q || (size_t)(q - v) >= len)
		return -1;
	memcpy(out, v, (size_t)(q - v));
	out[q - v] = 0;
	return 0;
}

/* "KEY": "0x..." in [S, END) as a number; 0 or -1. */
static int number_value(const char *s, const char *end, const char *key,
			uint64_t *v)
{
	char text[24], *e;

	if (string_value(s, end, key, text, sizeof(text)) ||
	    strncmp(text, "0x", 2) || !text[2])
		return -1;
	errno = 0;
	*v = strtoull(text + 2, &e, 16);
	return errno || *e ? -1 : 0;
}

/* "KEY": DIGITS in [S, END) as a decimal number; 0 if absent or not one. */
static uint64_t decimal_value(const char *s, const char *end, const char *key)
{
	char pat[64];
	const char *v;
	uint64_t n = 0;

	snprintf(pat, sizeof(pat), "\"%s\": ", key);
	if (!(v = find(s, end, pat)))
		return 0;
	for (v += strlen(pat); v < end && *v >= '0' && *v <= '9'; v++) {
		if (n > (UINT64_MAX - 9) / 10)
			return 0;
		n = n * 10 + (uint64_t)(*v - '0');
	}
	return n;
}

/* The memory array's { base, size } objects in [S, END); 0 or -1. */
static int memory_ranges(const char *s, const char *end, struct cp_segjson *j)
{
	const char *open, *close;

	while ((open = find(s, end, "{"))) {
		close = find(open, end, "}");
		if (!close || j->nmem == CP_SEGJSON_MAX_MEMORY ||
		    number_value(open, close, "base", &j->mem_base[j->nmem]) ||
		    number_value(open, close, "size", &j->mem_size[j->nmem]))
			return -1;
		j->nmem++;
		s = close + 1;
	}
	return j->nmem ? 0 : -1;
}

int cp_segjson_parse(const char *text, size_t len, const char *display,
		     struct cp_segjson *j)
{
	const char *end = text + len, *mem, *close;

	memset(j, 0, sizeof(*j));
	mem = find(text, end, "\"memory\": [");
	close = mem ? find(mem, end, "]") : NULL;
	if (string_value(text, end, "arch", j->arch, sizeof(j->arch)) ||
	    !close || memory_ranges(mem, close, j)) {
		cp_error(&(struct cp_loc){ .file = display }, bad_segments,
			 "no arch, or no memory ranges of { \"base\": "
			 "\"0x...\", \"size\": \"0x...\" } in it (is it "
			 "mkcodepage's?)");
		return -1;
	}
	j->page_size = decimal_value(text, mem, "page_size");
	return 0;
}

int cp_segjson_read(const char *outdir, struct cp_segjson *j)
{
	char *path;
	size_t len;
	char *text = cp_outdir_read(outdir, "segments.json", &path, &len);
	int err;

	memset(j, 0, sizeof(*j));
	if (!text)
		return -1;
	err = cp_segjson_parse(text, len, path, j);
	free(text);
	free(path);
	return err;
}
