/* SPDX-License-Identifier: MIT */
/*
 * child.h - run a child program from an argv array (never through a shell),
 * with LC_ALL=C so its messages are stable, and report how it ended.
 */
#ifndef CP_CHILD_H
#define CP_CHILD_H

/* Print each command before running it (set by -v / V=1). */
extern int cp_spawn_verbose;

/* Number of children that could not be started at all. */
extern int cp_spawn_missing;

/*
 * Run argv[0] (looked up in PATH) with argv, wait for it and return its exit
 * status (0..255). If stderr_path is set, the child's stderr goes to that
 * file instead of ours, so the caller can reword it. Returns -1 when the
 * program could not be started (reported here as [missing-tool], naming
 * what_for so the user knows which package is missing) or was killed.
 */
int cp_spawn(char *const argv[], const char *stderr_path, const char *what_for);

/* The same, with the child's stdout going to stdout_path (when set). */
int cp_spawn_to(char *const argv[], const char *stdout_path,
		const char *stderr_path, const char *what_for);

/*
 * cp_spawn with DIR as the child's working directory: where the assembler
 * and the linker look first for what they include (.include "plan.inc",
 * INCLUDE codepage-base.ld), so a file of the same name in the user's
 * directory never stands in for ours. Every path in ARGV must be absolute
 * (cp_path_absolute).
 */
int cp_spawn_in(const char *dir, char *const argv[], const char *stderr_path,
		const char *what_for);

/*
 * Start argv[0] (looked up in PATH) without waiting for it, as the others
 * do (LC_ALL=C, printed first when verbose): stdin from in_fd (-1:
 * /dev/null), stdout to out_fd, stderr to the file stderr_path. Pass
 * descriptors opened with O_CLOEXEC: the child keeps only its own three.
 * Its pid, or -1 with the reason in *err, unreported (the caller knows
 * which package to name).
 */
int cp_spawn_async(char *const argv[], int in_fd, int out_fd,
		   const char *stderr_path, int *err);

/* 1 if name is an executable found in PATH. */
int cp_have_program(const char *name);

#endif
