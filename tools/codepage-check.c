// SPDX-License-Identifier: MIT
/*
 * codepage-check - prove that ELF files hold no absolute relocation.
 *
 *   codepage-check [-a ARCH] [-q] FILE...
 *
 * Works on objects and on executables linked with --emit-relocs, of any
 * arch mkcodepage supports (chosen from each file's ELF header unless -a
 * names one). Every relocation against loaded code or data is classified
 * through the arch's table; absolute and unknown ones are reported with
 * their place, section, type and symbol.
 *
 * Exit status: 0 all files clean, 1 an absolute or unknown relocation (or a
 * file that cannot be proven), 2 usage or unreadable files.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "arch.h"
#include "diag.h"
#include "relocchk.h"

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: codepage-check [-a ARCH] [-q] FILE...\n"
		"\n"
		"Check that every relocation in each ELF object or executable "
		"(linked with\n--emit-relocs) is PC-relative, so the code runs "
		"at any address.\n"
		"\n"
		"  -a, --arch ARCH   the arch's relocation table (default: "
		"from "
		"the ELF header)\n"
		"  -q, --quiet       print only problems\n"
		"  -h, --help        this text\n"
		"\nExit status: 0 clean, 1 absolute or unknown relocations, 2 "
		"trouble.\n");
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "arch", required_argument, NULL, 'a' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	const struct cp_arch *arch = NULL;
	int quiet = 0, c, status = 0;

	cp_diag_set_program("codepage-check");
	while ((c = getopt_long(argc, argv, "a:qh", longopts, NULL)) != -1) {
		switch (c) {
		case 'a':
			arch = cp_arch_find(optarg);
			if (!arch) {
				cp_error(NULL, unknown_arch,
					 "unknown arch '%s'", optarg);
				return CP_EXIT_ENV;
			}
			break;
		case 'q': quiet = 1; break;
		case 'h': usage(stdout); return CP_EXIT_OK;
		default: usage(stderr); return CP_EXIT_ENV;
		}
	}
	if (optind == argc) {
		usage(stderr);
		return CP_EXIT_ENV;
	}
	for (int i = optind; i < argc; i++) {
		struct cp_relocchk_result res;

		if (cp_relocchk(argv[i], argv[i], arch, &res)) {
			status = res.arch || status == CP_EXIT_REJECTED ?
					 CP_EXIT_REJECTED :
					 CP_EXIT_ENV;
			continue;
		}
		if (res.bad) {
			status = CP_EXIT_REJECTED;
			continue;
		}
		if (!quiet)
			printf("%s: %s: %ld relocations, all position-"
			       "independent\n",
			       argv[i], res.arch->name, res.checked);
	}
	return status;
}
