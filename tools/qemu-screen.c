// SPDX-License-Identifier: MIT
/* qemu-screen.c - see qemu-screen.h. */
#define _GNU_SOURCE
#include "qemu-screen.h"
#include "util.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#define CELLS (QSCREEN_COLS * QSCREEN_ROWS)
#define PROMPT "(qemu) "

void qscreen_init(struct qemu_screen *s, const char *workdir, uint64_t addr)
{
	memset(s, 0, sizeof(*s));
	s->socket = cp_path_join(workdir, "monitor.sock");
	s->dump = cp_path_join(workdir, "screen.bin");
	s->addr = addr;
	s->fd = -1;
}

/* Read the monitor's output until its prompt, for at most a second. */
static int await_prompt(int fd)
{
	char buf[4096];
	size_t have = 0;

	for (;;) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		ssize_t n;

		if (poll(&p, 1, 1000) <= 0)
			return -1;
		n = read(fd, buf + have, sizeof(buf) - 1 - have);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		have += (size_t)n;
		buf[have] = 0;
		if (strstr(buf, PROMPT))
			return 0;
		if (have > sizeof(buf) / 2) { /* keep the tail */
			memmove(buf, buf + have - 16, 16);
			have = 16;
		}
	}
}

static int connect_monitor(struct qemu_screen *s)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	int fd;

	if (strlen(s->socket) >= sizeof(a.sun_path))
		return -1;
	strcpy(a.sun_path, s->socket);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	if (connect(fd, (struct sockaddr *)&a, sizeof(a)) || await_prompt(fd)) {
		close(fd);
		return -1;
	}
	s->fd = fd;
	return 0;
}

/* The cells as rows of text, trailing blanks dropped. */
static void cells_to_text(struct qemu_screen *s, const unsigned char *cells)
{
	char *o = s->text;

	for (int r = 0; r < QSCREEN_ROWS; r++) {
		char *row = o;

		for (int c = 0; c < QSCREEN_COLS; c++) {
			unsigned char ch = cells[2 * (r * QSCREEN_COLS + c)];

			*o++ = ch >= 0x20 && ch < 0x7f ? (char)ch :
			       ch		       ? '.' :
							 ' ';
		}
		while (o > row && o[-1] == ' ')
			o--;
		*o++ = '\n';
	}
	*o = 0;
}

int qscreen_read(struct qemu_screen *s)
{
	char *cmd;
	unsigned char *cells;
	size_t len;
	int err;

	if (s->fd < 0 && connect_monitor(s))
		return -1;
	unlink(s->dump);
	/* the dump's name is ours (the work directory), never the guest's */
	cmd = cp_xasprintf("pmemsave 0x%llx %d \"%s\"\n",
			   (unsigned long long)s->addr, 2 * CELLS, s->dump);
	err = write(s->fd, cmd, strlen(cmd)) != (ssize_t)strlen(cmd) ||
	      await_prompt(s->fd);
	free(cmd);
	if (err) {
		close(s->fd);
		s->fd = -1;
		return -1;
	}
	cells = cp_read_file(s->dump, &len);
	if (!cells || len != 2 * CELLS) {
		free(cells);
		return -1;
	}
	cells_to_text(s, cells);
	free(cells);
	return 0;
}

void qscreen_free(struct qemu_screen *s)
{
	if (s->fd >= 0)
		close(s->fd);
	free(s->socket);
	free(s->dump);
	memset(s, 0, sizeof(*s));
	s->fd = -1;
}
