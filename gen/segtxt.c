// SPDX-License-Identifier: MIT
/* segtxt.c - see segtxt.h. */
#include "segtxt.h"
#include "diag.h"
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "seed segment=N offset=0x.. size=0x..[ arm=0x..:0x..:be32]" */
static int parse_seed(struct cp_segtxt *t, const char *line)
{
	struct cp_segtxt_seed *s = &t->seed[t->nseed];
	unsigned long long off, size, arm_off;
	unsigned value;
	char order[5];
	int n = 0, seg;

	if (t->nseed == CP_SEGTXT_MAX_SEEDS ||
	    sscanf(line, "seed segment=%d offset=0x%llx size=0x%llx%n", &seg,
		   &off, &size, &n) != 3 ||
	    seg < 1 || seg >= t->nseg)
		return -1;
	*s = (struct cp_segtxt_seed){ .seg = seg, .off = off, .size = size };
	if (line[n]) {
		int m = 0;

		if (sscanf(line + n, " arm=0x%llx:0x%x:%4[bel]32%n", &arm_off,
			   &value, order, &m) != 3 ||
		    line[n + m] || (strcmp(order, "be") && strcmp(order, "le")))
			return -1;
		s->armed = 1;
		s->arm_off = arm_off;
		s->arm_value = value;
		s->arm_big = !strcmp(order, "be");
	}
	t->nseed++;
	return 0;
}

/* "check segment=N sum=le64 s1=0x.. s2=0x.. crc=0x..|-" */
static int parse_check(struct cp_segtxt *t, const char *line)
{
	struct cp_segtxt_check *c = &t->check[t->ncheck];
	unsigned long long s1, s2, crc = 0;
	char order[3], crc_text[24];
	int seg, bits;

	if (t->ncheck == CP_SEGTXT_MAX ||
	    sscanf(line,
		   "check segment=%d sum=%2[bel]%d s1=0x%llx s2=0x%llx "
		   "crc=%23s",
		   &seg, order, &bits, &s1, &s2, crc_text) != 6 ||
	    seg < 1 || seg >= t->nseg || (bits != 32 && bits != 64) ||
	    (strcmp(order, "be") && strcmp(order, "le")) ||
	    (strcmp(crc_text, "-") && sscanf(crc_text, "0x%llx", &crc) != 1))
		return -1;
	*c = (struct cp_segtxt_check){ .seg = seg,
				       .word = bits / 8,
				       .big = !strcmp(order, "be"),
				       .s1 = s1,
				       .s2 = s2,
				       .crc = crc,
				       .has_crc = strcmp(crc_text, "-") != 0 };
	t->ncheck++;
	return 0;
}

static int parse_line(struct cp_segtxt *t, const char *outdir, const char *line)
{
	unsigned long long a, b, c;
	char name[512];
	int idx;

	if (sscanf(line, "entry 0x%llx", &a) == 1) {
		t->entry = a;
		t->has_entry = 1;
	} else if (sscanf(line, "list-entry 0x%llx", &a) == 1) {
		t->list_entry = a;
		t->has_list_entry = 1;
	} else if (sscanf(line,
			  "segment %d mem=0x%llx memsz=0x%llx file=%511s "
			  "bufsz=0x%llx",
			  &idx, &a, &b, name, &c) == 5 &&
		   idx == t->nseg && t->nseg < CP_SEGTXT_MAX &&
		   !strchr(name, '/')) {
		struct cp_segtxt_seg *s = &t->seg[t->nseg++];

		s->mem = a;
		s->memsz = b;
		s->bufsz = c;
		s->file = cp_path_join(outdir, name);
	} else if (!strncmp(line, "seed ", 5)) {
		return parse_seed(t, line);
	} else if (!strncmp(line, "check ", 6)) {
		return parse_check(t, line);
	} else if (sscanf(line, "blob file=%511s size=0x%llx", name, &a) == 2 &&
		   !t->blob && !strchr(name, '/')) {
		t->blob = cp_path_join(outdir, name);
		t->blob_size = a;
	} else {
		return -1;
	}
	return 0;
}

int cp_segtxt_parse(const char *text, size_t len, const char *outdir,
		    const char *display, struct cp_segtxt *t)
{
	char line[1024];
	size_t at = 0;
	int lineno = 0, err = 0;

	memset(t, 0, sizeof(*t));
	while (at < len) {
		const char *nl = memchr(text + at, '\n', len - at);
		size_t n = (nl ? (size_t)(nl - text) : len) - at;
		struct cp_loc loc = { .file = display, .line = ++lineno };
		int bad =
			-1; /* a line too long, or with a NUL, is none of ours */

		if (n < sizeof(line) && !memchr(text + at, 0, n)) {
			memcpy(line, text + at, n);
			line[n] = 0;
			bad = parse_line(t, outdir, line);
		}
		if (bad) {
			cp_error(&loc, bad_segments,
				 "not a segments.txt line (entry, list-entry, "
				 "segment N in order, seed, check, or blob)");
			err = -1;
		}
		at += n + 1;
	}
	if (!err && (!t->has_entry || t->nseg == 0)) {
		cp_error(&(struct cp_loc){ .file = display }, bad_segments,
			 "no entry line or no segments");
		err = -1;
	}
	if (err)
		cp_segtxt_free(t); /* a caller frees only what it was given */
	return err;
}

char *cp_outdir_read(const char *outdir, const char *name, char **path,
		     size_t *len)
{
	char *text;

	*path = cp_path_join(outdir, name);
	text = (char *)cp_read_file(*path, len);
	if (!text) {
		cp_error(&(struct cp_loc){ .file = *path }, missing_file,
			 "cannot read: %s (is it mkcodepage's OUTDIR?)",
			 strerror(errno));
		free(*path);
	}
	return text;
}

int cp_segtxt_read(const char *outdir, struct cp_segtxt *t)
{
	char *path;
	size_t len;
	char *text = cp_outdir_read(outdir, "segments.txt", &path, &len);
	int err;

	memset(t, 0, sizeof(*t));
	if (!text)
		return -1;
	err = cp_segtxt_parse(text, len, outdir, path, t);
	free(text);
	free(path);
	return err;
}

void cp_segtxt_free(struct cp_segtxt *t)
{
	for (int i = 0; i < t->nseg; i++)
		free(t->seg[i].file);
	free(t->blob);
	memset(t, 0, sizeof(*t));
}
