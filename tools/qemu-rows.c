// SPDX-License-Identifier: MIT
/*
 * qemu-rows.c - the table of QEMU recipes, one a line of arch/list (each in
 * arch/<arch>/qemu.c), and the options only some of them take: chosen by
 * OUTDIR's arch, checked against the row, read by the recipes (cq_state).
 */
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "util.h"

#include "codepage-qemu.h"
#include "qemu-options.h"
#include "qemu-rows.h"

/* One recipe per line of arch/list (arches.h), each in arch/<arch>/qemu.c. */
#define CP_ARCH(sym) extern const struct qemu_row cp_qemu_##sym;
#include "arches.h"
#undef CP_ARCH

const struct qemu_row *const cq_rows[] = {
#define CP_ARCH(sym) &cp_qemu_##sym,
#include "arches.h"
#undef CP_ARCH
};
const size_t cq_nrows = sizeof(cq_rows) / sizeof(cq_rows[0]);

int cq_row_option(const struct qemu_row *row, const char *name)
{
	for (int i = 0; row->state_opts && row->state_opts[i].name; i++)
		if (!strcmp(row->state_opts[i].name, name))
			return i;
	return -1;
}

size_t cq_first_row_with(const char *name)
{
	size_t r = 0;

	while (r < cq_nrows && cq_row_option(cq_rows[r], name) < 0)
		r++;
	return r;
}

int cq_state(const struct boot *b, const char *name)
{
	int i = name ? cq_row_option(b->row, name) : -1;

	return i < 0 ? -1 : b->h.state[i];
}

/* name's index in the row's list (of option --opt, for the message), or
 * -1 after naming those there are. */
static int choose(const struct boot *b, const char *const *list,
		  const char *opt, const char *name)
{
	struct cp_strbuf known = { 0 };

	for (int i = 0; list && list[i]; i++)
		if (!strcmp(list[i], name))
			return i;
	for (int i = 0; list && list[i]; i++)
		cp_sb_printf(&known, "%s%s", i ? ", " : "", list[i]);
	cp_error(NULL, usage, "--%s %s: %s's recipe knows %s", opt, name,
		 b->row->arch, known.len ? known.s : "no other");
	cp_sb_free(&known);
	return -1;
}

/* What the row takes of the options some arches take: its own and those
 * of row->options, ", "-separated (a fresh string). */
static char *row_takes(const struct qemu_row *row)
{
	struct cp_strbuf t = { 0 };

	for (const struct qemu_state_opt *so = row->state_opts; so && so->name;
	     so++)
		cp_sb_printf(&t, "--%s, ", so->name);
	cp_sb_printf(&t, "%s", row->options);
	return t.s;
}

/* opt is no option of b's row: said, -1. */
static int not_taken(const struct boot *b, const char *opt)
{
	char *takes = row_takes(b->row);

	cp_error(NULL, usage, "%s does not apply to %s (it takes %s)", opt,
		 b->row->arch, takes);
	free(takes);
	return -1;
}

int cq_choose_row(struct boot *b, const struct cp_strlist *hostile)
{
	for (size_t i = 0; i < cq_nrows; i++)
		if (!strcmp(cq_rows[i]->arch, b->lay.j.arch))
			b->row = cq_rows[i];
	b->arch = cp_arch_find(b->lay.j.arch);
	if (!b->row || !b->arch) {
		cp_error(NULL, unsupported_arch, "no QEMU recipe for arch '%s'",
			 b->lay.j.arch);
		return -1;
	}
	for (int i = 0; i < hostile->n; i++)
		if (!strstr(b->row->options, hostile->v[i]))
			return not_taken(b, hostile->v[i]);
	return 0;
}

/* VALUE of the row's option so: its index in so->values, or a number. */
static int state_value(const struct boot *b, const struct qemu_state_opt *so,
		       const char *value)
{
	char *end;
	long v;

	if (so->values)
		return choose(b, so->values, so->name, value);
	v = strtol(value, &end, 10);
	if (end != value && !*end && v >= 0 && v <= so->max)
		return (int)v;
	cp_error(NULL, usage, "--%s is a number from 0 to %d, not '%s'",
		 so->name, so->max, value);
	return -1;
}

/* One "NAME=VALUE" of o->state_args into b. 0 or -1 (reported). */
static int take_state(struct boot *b, const char *arg)
{
	char *name = cp_xstrdup(arg), *value = strchr(name, '=');
	int i, st = -1;

	*value++ = '\0';
	i = cq_row_option(b->row, name);
	if (i < 0) {
		char *opt = cp_xasprintf("--%s", name);

		not_taken(b, opt);
		free(opt);
	} else if ((b->h.state[i] = state_value(b, &b->row->state_opts[i],
						value)) >= 0) {
		st = 0;
	}
	free(name);
	return st;
}

int cq_choose_states(struct boot *b, const struct options *o)
{
	const struct qemu_state_opt *so = b->row->state_opts;
	int hart;

	for (int i = 0; so && so[i].name; i++)
		b->h.state[i] = so[i].values ? 0 : -1;
	for (int k = 0; k < o->state_args.n; k++)
		if (take_state(b, o->state_args.v[k]))
			return -1;
	hart = cq_state(b, "hart");
	if (hart < (o->smp ? o->smp : 1))
		return 0;
	cp_error(NULL, usage, "--hart %d needs --smp %d or more", hart,
		 hart + 1);
	return -1;
}
