// SPDX-License-Identifier: MIT
/* kexec-env.c - the running system's files, or a copy under --root
 * (kexec-loader.h). */
#include "kexec-loader.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static char *full(const struct kexec_env *e, const char *path)
{
	return cp_xasprintf("%s%s", e->root, path);
}

/*
 * Whole, NUL-terminated: /proc and sysfs files give their size as 0 or a
 * page, so read to the end (at most MAX bytes: an fdt, an iomem).
 */
char *kexec_read(const struct kexec_env *e, const char *path, size_t *len)
{
	enum { MAX = 16 << 20 };
	char *name = full(e, path), *buf = NULL;
	size_t got = 0, cap = 0;
	int fd = open(name, O_RDONLY | O_CLOEXEC), err = 0;

	free(name);
	if (fd < 0)
		return NULL;
	for (;;) {
		ssize_t r;

		if (got + 1 >= cap) {
			if (cap >= MAX) {
				err = EFBIG;
				break;
			}
			buf = cp_xrealloc(buf, cap = cap ? 2 * cap : 4096);
		}
		r = read(fd, buf + got, cap - got - 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			err = r ? errno : 0;
			break;
		}
		got += (size_t)r;
	}
	close(fd);
	if (err) {
		free(buf);
		errno = err;
		return NULL;
	}
	buf[got] = 0;
	if (len)
		*len = got;
	return buf;
}

int kexec_exists(const struct kexec_env *e, const char *path)
{
	char *name = full(e, path);
	struct stat st;
	int found = !stat(name, &st);

	free(name);
	return found;
}
