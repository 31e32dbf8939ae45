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
		"                           segments already placed (kexec_load), "
		"copied by the\n"
		"                           codepage from an indirection list, or "
		"moved from\n"
		"                           OUTDIR/blob.bin (mkcodepage --blob) "
		"(default placed)\n"
		"      --at ADDR            blob: where QEMU loads the blob, "
		"entered at ADDR\n"
		"      --reset              blob: the CPU starts there at reset, "
		"no stand-in old\n"
		"                           kernel (arm64; ppc32-e500, riscv64: "
		"as QEMU's payload)\n"
		"      --uboot              blob: Debian's U-Boot boots, and a "
		"command at its\n"
		"                           prompt (booti on arm64 and riscv64, "
		"go elsewhere)\n"
		"                           enters the blob\n"
		"  -t, --timeout S          give up after S seconds (default "
		"30)\n"
		"  -e, --expect TEXT        succeed as soon as TEXT appears\n"
		"      --expect-screen TEXT succeed as soon as TEXT appears on "
		"the text screen\n"
		"                           (x86_64: a VGA card is added and "
		"read each second)\n"
		"      --cpu CPU            QEMU -cpu (default: the machine's)\n"
		"      --cross-compile PFX  target binutils prefix\n"
		"      --smp N              N CPUs (the others wait in firmware)\n"
		"      --hart N             riscv64: enter from hart N (needs --smp "
		"> N)\n"
		"      --count-insns        count the instructions the codepage "
		"executes (slow)\n"
		"      --entry-as 0|1       ppc32-e500: the address space the "
		"codepage is entered in\n"
		"      --el 1|2             arm64: the exception level (2: QEMU's "
		"virtualization=on)\n"
		"      --mmu off|on         arm64, riscv64: Linux's state, or a "
		"bootloader's\n"
		"                           identity map (arm64: caches on, "
		"dirty lines)\n"
		"      --machine-opt K=V    one more setting of QEMU's machine (-M NAME,K=V),\n"
		"                           e.g. gic-version=3; may be repeated\n"
		"      --machine NAME       another machine of the arch's QEMU (x86_64: q35, pc)\n"
		"      --state NAME         the state the stand-in enters the codepage in, one\n"
		"                           its arch knows (x86_64: long, protected)\n"
		"      --list-outside       list mode: the list and its source pages in RAM the\n"
		"                           description does not list, as a kernel may put them\n"
		"                           (arm64: the codepage cannot map them and copies\n"
		"                           with its MMU off)\n"
		"      --corrupt N:OFF      flip the byte at OFF of segment N "
		"(N >= 1) after it is\n"
		"                           loaded (placed) or in its source "
		"page (list)\n"
		"  -v, --verbose            show the QEMU command\n"
		"  -h, --help               this text\n"
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
		cp_error(NULL, usage, "--corrupt is N:OFFSET with N >= 1, "
					"not '%s'", arg);
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
		cp_error(NULL, usage, "--at is a page-aligned address above 0, "
					"not '%s'", arg);
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
	    arg[strspn(arg, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
			    "0123456789_.-=")]) {
		cp_error(NULL, usage, "--machine-opt is KEY=VALUE of letters, "
					"digits, '_', '.' and '-', not '%s'",
			 arg);
		return -1;
	}
	cp_strlist_add(opts, arg);
	return 0;
}

/* Returns 0 to go on, 1 when done (--help), -1 on a usage error. */
int cq_parse_options(int argc, char **argv, struct options *o,
			 struct boot *b, struct cp_strlist *hostile)
{
	static const struct option longopts[] = {
		{ "mode", required_argument, NULL, 'm' },
		{ "timeout", required_argument, NULL, 't' },
		{ "expect", required_argument, NULL, 'e' },
		{ "expect-screen", required_argument, NULL, 'E' },
		{ "cpu", required_argument, NULL, 'c' },
		{ "cross-compile", required_argument, NULL, 'C' },
		{ "count-insns", no_argument, NULL, 'I' },
		{ "entry-as", required_argument, NULL, 'A' },
		{ "el", required_argument, NULL, 'L' },
		{ "mmu", required_argument, NULL, 'U' },
		{ "smp", required_argument, NULL, 'S' },
		{ "hart", required_argument, NULL, 'H' },
		{ "corrupt", required_argument, NULL, 'X' },
		{ "list-outside", no_argument, NULL, 'O' },
		{ "machine-opt", required_argument, NULL, 'M' },
		{ "state", required_argument, NULL, 'T' },
		{ "machine", required_argument, NULL, 'P' },
		{ "at", required_argument, NULL, 'B' },
		{ "reset", no_argument, NULL, 'R' },
		{ "uboot", no_argument, NULL, 'G' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	int c, err = 0;

	o->timeout = 30;
	b->h.hart = -1;
	while (!err &&
	       (c = getopt_long(argc, argv, "m:t:e:vh", longopts, NULL)) != -1) {
		switch (c) {
		case 'm':
			b->blob_mode = !strcmp(optarg, "blob");
			if (!b->blob_mode)
				err = flag01("--mode", optarg, "placed",
					     "list", &b->list_mode);
			break;
		case 'B':
			err = parse_at(optarg, b);
			break;
		case 'R':
			b->reset = 1;
			cp_strlist_add(hostile, "--reset");
			break;
		case 'G':
			b->uboot = 1;
			cp_strlist_add(hostile, "--uboot");
			break;
		case 't': o->timeout = atoi(optarg); break;
		case 'e': o->expect = optarg; break;
		case 'E':
			o->screen = optarg;
			cp_strlist_add(hostile, "--expect-screen");
			break;
		case 'c': o->cpu = optarg; break;
		case 'C': o->prefix = optarg; break;
		case 'I': o->count = 1; break;
		case 'A':
			err = flag01("--entry-as", optarg, "0", "1", &b->h.as1);
			cp_strlist_add(hostile, "--entry-as");
			break;
		case 'L':
			err = flag01("--el", optarg, "1", "2", &b->h.el2);
			cp_strlist_add(hostile, "--el");
			break;
		case 'U':
			err = flag01("--mmu", optarg, "off", "on", &b->h.mmu);
			cp_strlist_add(hostile, "--mmu");
			break;
		case 'H':
			b->h.hart = atoi(optarg);
			cp_strlist_add(hostile, "--hart");
			break;
		case 'S':
			o->smp = atoi(optarg);
			if (o->smp < 1 || o->smp > 8) {
				cp_error(NULL, usage, "--smp is 1 to 8");
				err = -1;
			}
			break;
		case 'X':
			err = parse_corrupt(optarg, b);
			break;
		case 'P':
			o->machine = optarg;
			cp_strlist_add(hostile, "--machine");
			break;
		case 'T':
			o->state = optarg;
			cp_strlist_add(hostile, "--state");
			break;
		case 'M':
			err = parse_machine_opt(optarg, &o->machine_opts);
			break;
		case 'O':
			b->h.list_outside = 1;
			cp_strlist_add(hostile, "--list-outside");
			break;
		case 'v': o->verbose = 1; break;
		case 'h': cq_usage(stdout); return 1;
		default: cq_usage(stderr); return -1;
		}
	}
	if (!err && o->screen && o->expect) {
		cp_error(NULL, usage, "give --expect or --expect-screen, not both");
		err = -1;
	}
	if (!err && b->h.list_outside && !b->list_mode) {
		cp_error(NULL, usage, "--list-outside needs --mode list");
		err = -1;
	}
	if (!err && b->blob_mode != (b->blob_at != 0)) {
		cp_error(NULL, usage, "--mode blob and --at ADDR go together");
		err = -1;
	}
	if (!err && b->uboot && (!b->blob_mode || b->reset)) {
		cp_error(NULL, usage, "--uboot needs --mode blob, without --reset");
		err = -1;
	}
	if (!err && b->reset && !b->blob_mode) {
		cp_error(NULL, usage, "--reset needs --mode blob");
		err = -1;
	}
	if (!err && b->corrupt_seg && b->blob_mode) {
		cp_error(NULL, usage, "--corrupt needs --mode placed or list");
		err = -1;
	}
	if (!err && b->h.hart >= (o->smp ? o->smp : 1)) {
		cp_error(NULL, usage, "--hart %d needs --smp %d or more",
			 b->h.hart, b->h.hart + 1);
		err = -1;
	}
	if (err || optind != argc - 1 || o->timeout <= 0) {
		if (!err)
			cq_usage(stderr);
		return -1;
	}
	o->outdir = argv[optind];
	return 0;
}
