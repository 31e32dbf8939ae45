// SPDX-License-Identifier: MIT
/* qemu-options.c - see qemu-options.h. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "arch.h"
#include "child.h"
#include "diag.h"
#include "link.h"
#include "planasm.h"
#include "segjson.h"
#include "segtxt.h"
#include "util.h"

#include "codepage-qemu.h"
#include "qemu-screen.h"
#include "qemu-options.h"

/* The arches whose rows take option name, ", "-separated, into who. */
static void arches_taking(const char *name, struct cp_strbuf *who)
{
	for (size_t k = 0; k < cq_nrows; k++)
		if (cq_row_option(cq_rows[k], name) >= 0)
			cp_sb_printf(who, "%s%s", who->len ? ", " : "",
				     cq_rows[k]->arch);
}

/* One line for each option of the rows' own: its values, the arches that
 * take it, what it sets (in the words of the first row that has it). */
static void usage_state_opts(FILE *f)
{
	for (size_t r = 0; r < cq_nrows; r++)
		for (const struct qemu_state_opt *so = cq_rows[r]->state_opts;
		     so && so->name; so++) {
			struct cp_strbuf arg = { 0 }, who = { 0 };

			if (cq_first_row_with(so->name) != r)
				continue;
			cp_sb_printf(&arg, "--%s ", so->name);
			for (int i = 0; so->values && so->values[i]; i++)
				cp_sb_printf(&arg, "%s%s", i ? "|" : "",
					     so->values[i]);
			if (!so->values)
				cp_sb_printf(&arg, "N");
			arches_taking(so->name, &who);
			/* the column of the options above, or a line of
			 * its own for a long one */
			fprintf(f, "      %-20s%s%s: %s\n", arg.s,
				arg.len > 20 ? "\n                           " :
					       " ",
				who.s, so->help);
			cp_sb_free(&arg);
			cp_sb_free(&who);
		}
}

void cq_usage(FILE *f)
{
	fprintf(f,
		"Usage: codepage-qemu [options] OUTDIR\n"
		"\n"
		"Boot mkcodepage's OUTDIR in QEMU, entering the codepage the "
		"way a kernel's\nkexec path would, and print the destination's "
		"console.\n"
		"\n"
		"  -m, --mode placed|list|blob\n"
		"                           segments already placed "
		"(kexec_load), "
		"copied by the\n"
		"                           codepage from an indirection list, "
		"or "
		"moved from\n"
		"                           OUTDIR/blob.bin (mkcodepage "
		"--blob) "
		"(default placed)\n"
		"      --at ADDR            blob: where QEMU loads the blob, "
		"entered at ADDR\n"
		"      --reset              blob: the CPU starts there at "
		"reset, "
		"no stand-in old\n"
		"                           kernel (arm64; ppc32-e500, "
		"riscv64: "
		"as QEMU's payload)\n"
		"      --uboot              blob: Debian's U-Boot boots, and a "
		"command at its\n"
		"                           prompt (booti on arm64 and "
		"riscv64, "
		"go elsewhere)\n"
		"                           enters the blob\n"
		"  -t, --timeout S          give up after S seconds (default "
		"30)\n"
		"  -e, --expect TEXT        succeed as soon as TEXT appears\n"
		"      --expect-screen TEXT succeed as soon as TEXT appears on "
		"the text screen\n"
		"                           (x86_64: a VGA card is added and "
		"read each second)\n"
		"      --cpu CPU            QEMU -cpu (default: the "
		"machine's)\n"
		"      --cross-compile PFX  target binutils prefix\n"
		"      --smp N              N CPUs (the others wait in "
		"firmware)\n"
		"      --count-insns        count the instructions the "
		"codepage "
		"executes (slow)\n"
		"      --machine-opt K=V    one more setting of QEMU's machine "
		"(-M NAME,K=V),\n"
		"                           e.g. gic-version=3; may be "
		"repeated\n"
		"      --list-outside       list mode: the list and its source "
		"pages in RAM the\n"
		"                           description does not list, as a "
		"kernel may put them\n"
		"                           (arm64: the codepage cannot map "
		"them and copies\n"
		"                           with its MMU off)\n"
		"      --corrupt N:OFF      flip the byte at OFF of segment N "
		"(N >= 1) after it is\n"
		"                           loaded (placed) or in its source "
		"page (list)\n"
		"  -v, --verbose            show the QEMU command\n"
		"  -h, --help               this text\n"
		"\nWhat an arch's recipe takes of its own (the entry state of "
		"its stand-in,\nits machine; the first value is the "
		"default):\n");
	usage_state_opts(f);
	fprintf(f,
		"\nExit status: 0 TEXT seen (or the guest powered off), 1 not, "
		"2 trouble.\n");
}

static int flag01(const char *opt, const char *value, const char *zero,
		  const char *one, int *out)
{
	if (strcmp(value, zero) && strcmp(value, one)) {
		cp_error(NULL, usage, "%s is %s or %s, not '%s'", opt, zero,
			 one, value);
		return -1;
	}
	*out = !strcmp(value, one);
	return 0;
}

/* --corrupt N:OFF, checked against the layout once it is read. */
static int parse_corrupt(const char *arg, struct boot *b)
{
	long long off;
	int n, end = 0;

	if (sscanf(arg, "%d:%lli%n", &n, &off, &end) != 2 || arg[end] ||
	    n < 1 || off < 0) {
		cp_error(NULL, usage,
			 "--corrupt is N:OFFSET with N >= 1, "
			 "not '%s'",
			 arg);
		return -1;
	}
	b->corrupt_seg = n;
	b->corrupt_off = (uint64_t)off;
	return 0;
}

/* --at ADDR: where --mode blob loads the blob (a page, not 0). */
static int parse_at(const char *arg, struct boot *b)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(arg, &end, 0);
	if (errno || end == arg || *end || !v || v % PAGE) {
		cp_error(NULL, usage,
			 "--at is a page-aligned address above 0, "
			 "not '%s'",
			 arg);
		return -1;
	}
	b->blob_at = v;
	return 0;
}

/*
 * --machine-opt KEY=VALUE: one more setting of QEMU's machine (-M
 * NAME,KEY=VALUE), e.g. gic-version=3. Only the characters QEMU's option
 * syntax takes as plain text: a comma would smuggle in another setting.
 */
static int parse_machine_opt(const char *arg, struct cp_strlist *opts)
{
	const char *eq = strchr(arg, '=');

	if (!eq || eq == arg || !eq[1] ||
	    arg[strspn(arg,
		       "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
		       "0123456789_.-=")]) {
		cp_error(NULL, usage,
			 "--machine-opt is KEY=VALUE of letters, "
			 "digits, '_', '.' and '-', not '%s'",
			 arg);
		return -1;
	}
	cp_strlist_add(opts, arg);
	return 0;
}

/* The options every arch takes; each row's own follow at run time. */
static const struct option fixed_opts[] = {
	{ "mode", required_argument, NULL, 'm' },
	{ "timeout", required_argument, NULL, 't' },
	{ "expect", required_argument, NULL, 'e' },
	{ "expect-screen", required_argument, NULL, 'E' },
	{ "cpu", required_argument, NULL, 'c' },
	{ "cross-compile", required_argument, NULL, 'C' },
	{ "count-insns", no_argument, NULL, 'I' },
	{ "smp", required_argument, NULL, 'S' },
	{ "corrupt", required_argument, NULL, 'X' },
	{ "list-outside", no_argument, NULL, 'O' },
	{ "machine-opt", required_argument, NULL, 'M' },
	{ "at", required_argument, NULL, 'B' },
	{ "reset", no_argument, NULL, 'R' },
	{ "uboot", no_argument, NULL, 'G' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "help", no_argument, NULL, 'h' },
};
#define NFIXED (sizeof(fixed_opts) / sizeof(fixed_opts[0]))
#define STATE_OPT 'Z' /* getopt's value for a row's own option */

/* fixed_opts, then one entry for each distinct option of the rows' own,
 * then the terminator: getopt_long's table (free it). */
static struct option *all_options(void)
{
	size_t n = NFIXED;
	struct option *all = cp_xcalloc(
		NFIXED + cq_nrows * CQ_MAX_STATE_OPTS + 1, sizeof(*all));

	memcpy(all, fixed_opts, sizeof(fixed_opts));
	for (size_t r = 0; r < cq_nrows; r++)
		for (const struct qemu_state_opt *so = cq_rows[r]->state_opts;
		     so && so->name; so++)
			if (cq_first_row_with(so->name) == r)
				all[n++] = (struct option){ so->name,
							    required_argument,
							    NULL, STATE_OPT };
	return all;
}

/* The option --mode's value, into b. */
static int parse_mode(const char *arg, struct boot *b)
{
	b->blob_mode = !strcmp(arg, "blob");
	return b->blob_mode ?
		       0 :
		       flag01("--mode", arg, "placed", "list", &b->list_mode);
}

/* One option c (getopt's value; name: a row's own option's), into o, b or
 * hostile. 0, 1 after --help, -1 (reported). */
static int take_option(int c, const char *name, struct options *o,
		       struct boot *b, struct cp_strlist *hostile)
{
	switch (c) {
	case 'm': return parse_mode(optarg, b);
	case 'B': return parse_at(optarg, b);
	case 'X': return parse_corrupt(optarg, b);
	case 'M': return parse_machine_opt(optarg, &o->machine_opts);
	case 'R': b->reset = 1; break;
	case 'G': b->uboot = 1; break;
	case 'E': o->screen = optarg; break;
	case 'O': b->h.list_outside = 1; break;
	case 't': o->timeout = atoi(optarg); return 0;
	case 'e': o->expect = optarg; return 0;
	case 'c': o->cpu = optarg; return 0;
	case 'C': o->prefix = optarg; return 0;
	case 'I': o->count = 1; return 0;
	case 'v': o->verbose = 1; return 0;
	case 'S':
		o->smp = atoi(optarg);
		if (o->smp >= 1 && o->smp <= 8)
			return 0;
		cp_error(NULL, usage, "--smp is 1 to 8");
		return -1;
	case STATE_OPT: {
		char *arg = cp_xasprintf("%s=%s", name, optarg);

		cp_strlist_add(&o->state_args, arg);
		free(arg);
		return 0;
	}
	case 'h': cq_usage(stdout); return 1;
	default: cq_usage(stderr); return -1;
	}
	/* an option only some arches take: the row says if it is one */
	for (size_t i = 0; i < NFIXED; i++)
		if (fixed_opts[i].val == c) {
			char *opt = cp_xasprintf("--%s", fixed_opts[i].name);

			cp_strlist_add(hostile, opt);
			free(opt);
		}
	return 0;
}

/* The options that need others, or exclude them. 0 or -1 (reported). */
static int check_combinations(const struct options *o, const struct boot *b)
{
	const char *why = NULL;

	if (o->screen && o->expect)
		why = "give --expect or --expect-screen, not both";
	else if (b->h.list_outside && !b->list_mode)
		why = "--list-outside needs --mode list";
	else if (b->blob_mode != (b->blob_at != 0))
		why = "--mode blob and --at ADDR go together";
	else if (b->uboot && (!b->blob_mode || b->reset))
		why = "--uboot needs --mode blob, without --reset";
	else if (b->reset && !b->blob_mode)
		why = "--reset needs --mode blob";
	else if (b->corrupt_seg && b->blob_mode)
		why = "--corrupt needs --mode placed or list";
	if (why)
		cp_error(NULL, usage, "%s", why);
	return why ? -1 : 0;
}

int cq_parse_options(int argc, char **argv, struct options *o, struct boot *b,
		     struct cp_strlist *hostile)
{
	struct option *longopts = all_options();
	int c, idx = 0, st = 0;

	o->timeout = 30;
	while (!st &&
	       (c = getopt_long(argc, argv, "m:t:e:vh", longopts, &idx)) != -1)
		st = take_option(c, c == STATE_OPT ? longopts[idx].name : NULL,
				 o, b, hostile);
	free(longopts);
	if (st)
		return st;
	if (check_combinations(o, b))
		return -1;
	if (optind != argc - 1 || o->timeout <= 0) {
		cq_usage(stderr);
		return -1;
	}
	o->outdir = argv[optind];
	return 0;
}
