/* SPDX-License-Identifier: MIT */
/*
 * qemu-screen.h - read a guest's text screen (VGA text mode: a character
 * byte and an attribute byte per cell) through QEMU's human monitor on a
 * Unix socket: "pmemsave" dumps the cells to a file, read back here.
 * For destinations that draw on the screen and print nothing on a UART.
 */
#ifndef QEMU_SCREEN_H
#define QEMU_SCREEN_H

#include <stdint.h>

#define QSCREEN_COLS 80
#define QSCREEN_ROWS 25

struct qemu_screen {
	char *socket; /* the monitor: -monitor unix:SOCKET,server=on,wait=off */
	char *dump; /* where pmemsave writes */
	uint64_t addr; /* the cells' physical address (0xb8000) */
	int fd; /* connected monitor, or -1 */
	/* the screen as text: rows of printable ASCII ('.' for others),
	 * trailing blanks dropped, each ending in '\n' */
	char text[QSCREEN_ROWS * (QSCREEN_COLS + 1) + 1];
};

/* Files under workdir; nothing is opened yet. */
void qscreen_init(struct qemu_screen *s, const char *workdir, uint64_t addr);

/*
 * Read the screen into s->text: 0, or -1 while QEMU's monitor is not
 * there yet or did not answer within a second (try again later).
 */
int qscreen_read(struct qemu_screen *s);

void qscreen_free(struct qemu_screen *s);

#endif
