// SPDX-License-Identifier: MIT
/* qemu-run.c - codepage-qemu runs QEMU: answers its prompts, watches its
 * console, judges how it ended (codepage-qemu.h). */
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

/* SIGTERM lets QEMU flush its logs; SIGKILL if it does not go in 5 s. */
static void stop(pid_t pid, int *status)
{
	kill(pid, SIGTERM);
	for (int i = 0; i < 500; i++) {
		if (waitpid(pid, status, WNOHANG) == pid)
			return;
		usleep(10000);
	}
	kill(pid, SIGKILL);
	waitpid(pid, status, 0);
}

/* How a QEMU run ended, as watch() saw it. */
struct outcome {
	int found; /* --expect's text appeared */
	int ended; /* QEMU exited by itself (status holds how) */
	int status; /* waitpid() status */
	time_t after; /* seconds from start to the end of the watch */
};

/* A line of console dialogue: when await appears, send is typed. */
struct reply {
	const char *await;
	char *send;
};

/*
 * Type the first reply whose text appeared in window (a later one may
 * come first: U-Boot's prompt without its autoboot countdown); 1 when one
 * was sent, and *next moves past it.
 */
static int answer(int fd, const struct reply *r, int n, int *next,
		  const char *window)
{
	for (int i = *next; i < n; i++) {
		if (!strstr(window, r[i].await))
			continue;
		if (write(fd, r[i].send, strlen(r[i].send)) < 0)
			return 0;
		*next = i + 1;
		return 1;
	}
	return 0;
}

/*
 * Copy QEMU's console to stdout until the text appears, QEMU ends (its
 * end of the pipe closes) or the timeout. QEMU is always reaped before
 * this returns: waited for when it ended by itself, stopped otherwise, so
 * the outcome never depends on how soon it exits after closing the pipe.
 */
static void watch(int fd, pid_t pid, const char *expect,
		  struct qemu_screen *screen, int timeout, struct outcome *out,
		  int in, const struct reply *replies, int nreplies)
{
	char window[8192];
	size_t have = 0, keep = expect && !screen ? strlen(expect) : 0;
	time_t start = time(NULL), deadline = start + timeout;
	int eof = 0, seen = 0, next = 0;

	for (int i = 0; i < nreplies; i++)
		if (strlen(replies[i].await) > keep)
			keep = strlen(replies[i].await);

	memset(out, 0, sizeof(*out));
	while (!out->found && !eof) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		int left = (int)(deadline - time(NULL));
		ssize_t n;

		if (left <= 0)
			break;
		/* the screen is looked at about once a second */
		n = poll(&p, 1, screen ? 1000 : left * 1000);
		if (screen && qscreen_read(screen) == 0) {
			seen = 1;
			out->found = strstr(screen->text, expect) != NULL;
		}
		if (n <= 0)
			continue;
		n = read(fd, window + have, sizeof(window) - 1 - have);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			eof = 1;
			break;
		}
		fwrite(window + have, 1, (size_t)n, stdout);
		have += (size_t)n;
		window[have] = 0;
		if (!screen)
			out->found = expect && strstr(window, expect);
		if (answer(in, replies, nreplies, &next, window))
			have = 0; /* what was answered is not looked at again */
		if (have > keep + 1 && have > sizeof(window) / 2) {
			memmove(window, window + have - keep, keep);
			have = keep;
		}
	}
	if (have && window[have - 1] != '\n')
		putchar('\n'); /* QEMU was stopped mid-line */
	if (seen)
		printf("codepage-qemu: the screen:\n%s", screen->text);
	fflush(stdout);
	if (eof) {
		/* the pipe closed: QEMU is exiting, wait for its status */
		while (waitpid(pid, &out->status, 0) < 0 && errno == EINTR)
			;
		out->ended = 1;
	} else {
		stop(pid, &out->status);
	}
	out->after = time(NULL) - start;
}

/* Why QEMU ended, for messages: "exit status 1", "signal 9". */
static const char *how_ended(int status, char *buf, size_t len)
{
	if (WIFEXITED(status))
		snprintf(buf, len, "exit status %d", WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		snprintf(buf, len, "signal %d", WTERMSIG(status));
	else
		snprintf(buf, len, "status 0x%x", status);
	return buf;
}

/*
 * 0 when the run did what was asked (the text appeared; without --expect,
 * the guest powered off and QEMU exited 0), else 1 with the reason.
 */
static int judge(const struct outcome *o, const char *expect, int timeout)
{
	char how[48];

	if (expect && o->found)
		return 0;
	if (!expect && o->ended && WIFEXITED(o->status) &&
	    !WEXITSTATUS(o->status))
		return 0;
	if (o->ended && expect)
		cp_error(NULL, no_expect,
			 "QEMU ended (%s) after %lld s and "
			 "'%s' never appeared",
			 how_ended(o->status, how, sizeof(how)),
			 (long long)o->after, expect);
	else if (o->ended)
		cp_error(NULL, qemu_failed, "QEMU ended with %s after %lld s",
			 how_ended(o->status, how, sizeof(how)),
			 (long long)o->after);
	else if (expect)
		cp_error(NULL, no_expect,
			 "'%s' did not appear within %d s "
			 "(QEMU stopped)",
			 expect, timeout);
	else
		cp_error(NULL, timeout,
			 "the guest did not power off within "
			 "%d s (QEMU stopped)",
			 timeout);
	return 1;
}

/* QEMU's own messages, but not the one saying we stopped it. */
static void pass_stderr(const char *path)
{
	FILE *f = fopen(path, "r");
	char line[1024];

	while (f && fgets(line, sizeof(line), f))
		if (!strstr(line, "terminating on signal"))
			fputs(line, stderr);
	if (f)
		fclose(f);
}

int cq_run_qemu(struct boot *b, const char *expect, struct qemu_screen *screen,
		int timeout)
{
	char *errlog;
	int fds[2];
	int in[2] = { -1, -1 };
	/* --uboot: stop its autoboot, then enter the blob at its prompt */
	struct reply go[2] = {
		{ "Hit any key to stop autoboot", " " },
		{ "=> ", NULL },
	};

	if (b->uboot) {
		char cmd[128];

		snprintf(cmd, sizeof(cmd), b->row->uboot_command,
			 (unsigned long long)b->blob_at);
		go[1].send = cp_xasprintf("%s\r", cmd);
	}
	pid_t pid;
	struct outcome out;
	int err;

	if (pipe2(fds, O_CLOEXEC) || (b->uboot && pipe2(in, O_CLOEXEC))) {
		cp_error(NULL, pipe, "%s", strerror(errno));
		free(go[1].send);
		return 2;
	}
	errlog = cp_path_join(b->work, "qemu.err");
	pid = cp_spawn_async(b->args.v, b->uboot ? in[0] : -1, fds[1], errlog,
			     &err);
	close(fds[1]);
	if (b->uboot)
		close(in[0]);
	if (pid < 0) {
		cp_error(NULL, missing_tool,
			 "cannot run %s: %s; install "
			 "Debian's %s",
			 b->args.v[0], strerror(err), b->row->package);
		close(fds[0]);
		if (b->uboot)
			close(in[1]);
		free(go[1].send);
		free(errlog);
		return 2;
	}
	watch(fds[0], pid, expect, screen, timeout, &out, in[1], go,
	      b->uboot ? 2 : 0);
	close(fds[0]);
	if (b->uboot)
		close(in[1]);
	free(go[1].send);
	pass_stderr(errlog);
	free(errlog);
	return judge(&out, expect, timeout);
}
