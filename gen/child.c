// SPDX-License-Identifier: MIT
/* child.c - see child.h. */
#define _GNU_SOURCE
#include "child.h"
#include "diag.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

int cp_spawn_verbose;
int cp_spawn_missing;

/* The parent's environment with LC_ALL forced to C. */
static char **child_environment(void)
{
	size_t n = 0, i, j = 0;
	char **env;

	while (environ[n])
		n++;
	env = cp_xcalloc(n + 2, sizeof(*env));
	for (i = 0; i < n; i++)
		if (strncmp(environ[i], "LC_ALL=", 7))
			env[j++] = environ[i];
	env[j++] = "LC_ALL=C";
	env[j] = NULL;
	return env;
}

static void print_command(char *const argv[])
{
	for (int i = 0; argv[i]; i++)
		fprintf(stderr, "%s%s", i ? " " : "  ", argv[i]);
	fputc('\n', stderr);
}

/* cp_spawn, cp_spawn_in and cp_spawn_to: in DIR (NULL: ours). */
static int spawn(const char *dir, char *const argv[], const char *stdout_path,
		 const char *stderr_path, const char *what_for)
{
	posix_spawn_file_actions_t fa;
	char **env = child_environment();
	pid_t pid;
	int status, err;

	if (cp_spawn_verbose)
		print_command(argv);
	posix_spawn_file_actions_init(&fa);
	if (dir)
		posix_spawn_file_actions_addchdir_np(&fa, dir);
	if (stdout_path)
		posix_spawn_file_actions_addopen(&fa, 1, stdout_path,
						 O_WRONLY | O_CREAT | O_TRUNC,
						 0644);
	if (stderr_path)
		posix_spawn_file_actions_addopen(&fa, 2, stderr_path,
						 O_WRONLY | O_CREAT | O_TRUNC,
						 0644);
	err = posix_spawnp(&pid, argv[0], &fa, NULL, argv, env);
	posix_spawn_file_actions_destroy(&fa);
	free(env);
	if (err) {
		cp_spawn_missing++;
		cp_error(NULL, missing_tool, "cannot run '%s' (%s): %s",
			 argv[0], what_for, strerror(err));
		return -1;
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	cp_error(NULL, tool_crashed, "'%s' was killed by signal %d", argv[0],
		 WIFSIGNALED(status) ? WTERMSIG(status) : 0);
	return -1;
}

int cp_spawn(char *const argv[], const char *stderr_path, const char *what_for)
{
	return spawn(NULL, argv, NULL, stderr_path, what_for);
}

int cp_spawn_in(const char *dir, char *const argv[], const char *stderr_path,
		const char *what_for)
{
	return spawn(dir, argv, NULL, stderr_path, what_for);
}

int cp_spawn_to(char *const argv[], const char *stdout_path,
		const char *stderr_path, const char *what_for)
{
	return spawn(NULL, argv, stdout_path, stderr_path, what_for);
}

int cp_spawn_async(char *const argv[], int in_fd, int out_fd,
		   const char *stderr_path, int *err)
{
	posix_spawn_file_actions_t fa;
	char **env = child_environment();
	pid_t pid;

	if (cp_spawn_verbose)
		print_command(argv);
	posix_spawn_file_actions_init(&fa);
	if (in_fd >= 0)
		posix_spawn_file_actions_adddup2(&fa, in_fd, 0);
	else
		posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY,
						 0);
	posix_spawn_file_actions_adddup2(&fa, out_fd, 1);
	posix_spawn_file_actions_addopen(&fa, 2, stderr_path,
					 O_WRONLY | O_CREAT | O_TRUNC, 0644);
	*err = posix_spawnp(&pid, argv[0], &fa, NULL, argv, env);
	posix_spawn_file_actions_destroy(&fa);
	free(env);
	return *err ? -1 : (int)pid;
}

int cp_have_program(const char *name)
{
	const char *path = getenv("PATH");
	char *copy, *dir, *save = NULL;
	int found = 0;

	if (strchr(name, '/'))
		return access(name, X_OK) == 0;
	if (!path)
		path = "/usr/bin:/bin";
	copy = cp_xstrdup(path);
	for (dir = strtok_r(copy, ":", &save); dir && !found;
	     dir = strtok_r(NULL, ":", &save)) {
		char *full = cp_path_join(*dir ? dir : ".", name);
		struct stat st;

		found = stat(full, &st) == 0 && S_ISREG(st.st_mode) &&
			access(full, X_OK) == 0;
		free(full);
	}
	free(copy);
	return found;
}
