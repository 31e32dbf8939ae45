// SPDX-License-Identifier: MIT
/* diag.c - formatting and counting of diagnostics (see diag.h). */
#include "diag.h"

#include <stdio.h>
#include <stdlib.h>

static const char *program = "mkcodepage";
static cp_locator locator;
static void *locator_ctx;
static FILE *stream; /* NULL: stderr */

static FILE *sink(void)
{
	return stream ? stream : stderr;
}

void cp_diag_set_output(FILE *f)
{
	stream = f;
}

void cp_diag_set_locator(cp_locator fn, void *ctx)
{
	locator = fn;
	locator_ctx = ctx;
}

void cp_diag_set_program(const char *name)
{
	program = name;
}

struct cp_loc cp_loc_at(const char *file, const char *where)
{
	struct cp_loc loc = { .file = file, .where = where };
	return loc;
}

/*
 * Names and strings from the input reach messages: a control byte (a
 * newline that forges a line, an escape sequence) never reaches the
 * terminal or a log as it is.
 */
static void put_clean(const char *s)
{
	for (; *s; s++)
		fputc((unsigned char)*s < 0x20 || *s == 0x7f ? '?' : *s,
		      sink());
}

static const char *severity_name(enum cp_severity sev)
{
	switch (sev) {
	case CP_ERROR: return "error";
	case CP_WARNING: return "warning";
	default: return "note";
	}
}

static void print_location(const struct cp_loc *loc)
{
	if (!loc || !loc->file) {
		fprintf(sink(), "%s: ", program);
		if (loc && loc->where) {
			put_clean(loc->where);
			fputs(": ", sink());
		}
		return;
	}
	put_clean(loc->file);
	if (loc->line > 0) {
		fprintf(sink(), ":%d", loc->line);
		if (loc->col > 0)
			fprintf(sink(), ":%d", loc->col);
	}
	fputs(": ", sink());
	if (loc->where) {
		put_clean(loc->where);
		fputs(": ", sink());
	}
}

/* The formatted message, cleaned; long ones on the heap. */
static void put_message(const char *fmt, va_list ap)
{
	char small[512], *msg = small;
	va_list aq;
	int n;

	va_copy(aq, ap);
	n = vsnprintf(small, sizeof(small), fmt, aq);
	va_end(aq);
	if (n >= (int)sizeof(small)) {
		msg = malloc((size_t)n + 1);
		if (msg)
			vsnprintf(msg, (size_t)n + 1, fmt, ap);
		else
			msg = small; /* truncated rather than lost */
	}
	put_clean(msg);
	if (msg != small)
		free(msg);
}

static const char *const id_names[CP_NIDS] = {
#define CP_DIAG_ID(sym, name) [CP_ID_##sym] = name,
#include "diag-ids.def"
#undef CP_DIAG_ID
};

const char *cp_diag_id_name(enum cp_diag_id id)
{
	return (unsigned)id < CP_NIDS ? id_names[id] : NULL;
}

void cp_vdiag(enum cp_severity sev, const struct cp_loc *loc,
	      enum cp_diag_id id, const char *fmt, va_list ap)
{
	/* stdout may carry the same run's listing; keep the order readable. */
	fflush(stdout);
	if (loc && locator && loc->file && loc->where && !loc->line) {
		struct cp_loc found = *loc;

		if (locator(&found, locator_ctx)) {
			print_location(&found);
			goto text;
		}
	}
	print_location(loc);
text:
	fprintf(sink(), "%s: ", severity_name(sev));
	put_message(fmt, ap);
	if (cp_diag_id_name(id))
		fprintf(sink(), " [%s]", cp_diag_id_name(id));
	fputc('\n', sink());
}

void cp_diag(enum cp_severity sev, const struct cp_loc *loc, enum cp_diag_id id,
	     const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cp_vdiag(sev, loc, id, fmt, ap);
	va_end(ap);
}
