// SPDX-License-Identifier: MIT
/* fuzz.c - see fuzz.h. */
#include "fuzz.h"
#include "diag.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *dir;
static struct {
	char *name, *path;
} files[4];

static void remove_dir(void)
{
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		if (files[i].path) {
			remove(files[i].path);
			free(files[i].name);
			free(files[i].path);
		}
	remove(dir);
	free(dir);
}

const char *fuzz_dir(void)
{
	if (!dir) {
		const char *tmp = getenv("TMPDIR");

		dir = cp_xasprintf("%s/cp-fuzz.XXXXXX", tmp ? tmp : "/tmp");
		if (!mkdtemp(dir))
			abort();
		atexit(remove_dir);
	}
	return dir;
}

const char *fuzz_file(const char *name, const uint8_t *data, size_t size)
{
	size_t i = 0;

	while (files[i].name && strcmp(files[i].name, name))
		if (++i == sizeof(files) / sizeof(files[0]))
			abort();
	if (!files[i].name) {
		files[i].name = cp_xstrdup(name);
		files[i].path = cp_path_join(fuzz_dir(), name);
	}
	if (cp_write_file(files[i].path, data, size))
		abort();
	return files[i].path;
}

int LLVMFuzzerInitialize(int *argc, char ***argv);

/* Messages are formatted but not shown (FUZZ_VERBOSE=1 shows them): a
 * fuzzer prints nothing but its own progress and what it finds. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (!getenv("FUZZ_VERBOSE")) {
		FILE *null = fopen("/dev/null", "w");

		if (!null)
			abort();
		cp_diag_set_output(null);
	}
	return 0;
}
