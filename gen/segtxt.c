// SPDX-License-Identifier: MIT
/* segtxt.c - see segtxt.h. */
#include "segtxt.h"
#include "diag.h"
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int parse_line(struct cp_segtxt *t, const char *outdir,
		      const char *line)
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
	} else {
		return -1;
	}
	return 0;
}

int cp_segtxt_read(const char *outdir, struct cp_segtxt *t)
{
	char *path = cp_path_join(outdir, "segments.txt");
	FILE *f = fopen(path, "r");
	char line[1024];
	int lineno = 0, err = 0;

	memset(t, 0, sizeof(*t));
	if (!f) {
		cp_error(&(struct cp_loc){ .file = path }, "missing-file",
			 "cannot read: %s (is it mkcodepage's OUTDIR?)",
			 strerror(errno));
		free(path);
		return -1;
	}
	while (fgets(line, sizeof(line), f)) {
		struct cp_loc loc = { .file = path, .line = ++lineno };

		if (parse_line(t, outdir, line)) {
			cp_error(&loc, "bad-segments",
				 "not a segments.txt line (entry, list-entry "
				 "or segment N in order)");
			err = -1;
		}
	}
	fclose(f);
	if (!err && (!t->has_entry || t->nseg == 0)) {
		cp_error(&(struct cp_loc){ .file = path }, "bad-segments",
			 "no entry line or no segments");
		err = -1;
	}
	free(path);
	return err;
}

void cp_segtxt_free(struct cp_segtxt *t)
{
	for (int i = 0; i < t->nseg; i++)
		free(t->seg[i].file);
	memset(t, 0, sizeof(*t));
}
