// SPDX-License-Identifier: MIT
/* util.c - see util.h. */
#define _XOPEN_SOURCE 700
#include "util.h"
#include "diag.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef CP_BUILTIN_DATADIR
#define CP_BUILTIN_DATADIR "."
#endif

static void out_of_memory(void)
{
	cp_error(NULL, no_memory, "out of memory");
	exit(CP_EXIT_ENV);
}

void *cp_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		out_of_memory();
	return p;
}

void *cp_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		out_of_memory();
	return p;
}

void *cp_xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		out_of_memory();
	return p;
}

char *cp_xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(cp_xmalloc(n), s, n);
}

char *cp_xasprintf(const char *fmt, ...)
{
	va_list ap;
	int n;
	char *s;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	s = cp_xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return s;
}

unsigned char *cp_read_file(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	unsigned char *buf;
	size_t got = 0;

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		int e = S_ISDIR(st.st_mode) ? EISDIR : errno;

		close(fd);
		errno = e ? e : EINVAL;
		return NULL;
	}
	buf = cp_xmalloc((size_t)st.st_size + 1);
	while (got < (size_t)st.st_size) {
		ssize_t r = read(fd, buf + got, (size_t)st.st_size - got);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			int e = r ? errno : EIO;

			free(buf);
			close(fd);
			errno = e;
			return NULL;
		}
		got += (size_t)r;
	}
	close(fd);
	buf[got] = 0;
	*len = got;
	return buf;
}

int cp_write_file(const char *path, const void *buf, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	const unsigned char *p = buf;

	if (fd < 0)
		return -1;
	while (len) {
		ssize_t w = write(fd, p, len);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			int e = w ? errno : EIO;

			close(fd);
			errno = e;
			return -1;
		}
		p += w;
		len -= (size_t)w;
	}
	return close(fd);
}

void cp_sb_printf(struct cp_strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (sb->len + (size_t)n + 1 > sb->cap) {
		sb->cap = (sb->len + (size_t)n + 1) * 2;
		sb->s = cp_xrealloc(sb->s, sb->cap);
	}
	va_start(ap, fmt);
	vsnprintf(sb->s + sb->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	sb->len += (size_t)n;
}

void cp_sb_free(struct cp_strbuf *sb)
{
	free(sb->s);
	sb->s = NULL;
	sb->len = sb->cap = 0;
}

char *cp_dirname(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return cp_xstrdup(".");
	if (slash == path)
		return cp_xstrdup("/");
	return cp_xasprintf("%.*s", (int)(slash - path), path);
}

const char *cp_basename(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

char *cp_path_join(const char *dir, const char *name)
{
	if (name[0] == '/' || !dir || !strcmp(dir, "."))
		return cp_xstrdup(name);
	return cp_xasprintf("%s/%s", dir, name);
}

static int is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

char *cp_datadir(void)
{
	const char *env = getenv("MKCODEPAGE_DATADIR");
	char exe[PATH_MAX];
	ssize_t n;

	if (env && *env)
		return cp_xstrdup(env);
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		char *bindir, *share;

		exe[n] = 0;
		bindir = cp_dirname(exe);
		share = cp_xasprintf("%s/../share/mkcodepage", bindir);
		free(bindir);
		if (is_dir(share)) {
			char *clean = realpath(share, NULL);

			if (clean) {
				free(share);
				return clean;
			}
			return share;
		}
		free(share);
	}
	return cp_xstrdup(CP_BUILTIN_DATADIR);
}

uint64_t cp_load_be(const unsigned char *p, size_t n)
{
	uint64_t v = 0;

	while (n--)
		v = v << 8 | *p++;
	return v;
}

void cp_store_be(unsigned char *p, size_t n, uint64_t v)
{
	while (n--) {
		p[n] = (unsigned char)v;
		v >>= 8;
	}
}

uint64_t cp_load_le(const unsigned char *p, size_t n)
{
	uint64_t v = 0;

	while (n--)
		v = v << 8 | p[n];
	return v;
}

void cp_store_le(unsigned char *p, size_t n, uint64_t v)
{
	for (size_t i = 0; i < n; i++, v >>= 8)
		p[i] = (unsigned char)v;
}

void cp_strlist_add(struct cp_strlist *l, const char *s)
{
	for (int i = 0; i < l->n; i++)
		if (!strcmp(l->v[i], s))
			return;
	l->v = cp_xrealloc(l->v, sizeof(*l->v) * (size_t)(l->n + 1));
	l->v[l->n++] = cp_xstrdup(s);
}

void cp_strlist_free(struct cp_strlist *l)
{
	for (int i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

static char *workdir_path;

static int remove_entry(const char *path, const struct stat *sb, int flag,
			struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void remove_workdir(void)
{
	if (workdir_path)
		nftw(workdir_path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(workdir_path);
	workdir_path = NULL;
}

static void remove_workdir_on_signal(int sig)
{
	remove_workdir();
	signal(sig, SIG_DFL);
	raise(sig);
}

const char *cp_workdir_create(const char *prog)
{
	const char *tmp = getenv("TMPDIR");
	char *tmpl;

	if (workdir_path) /* one per process */
		return workdir_path;
	tmpl = cp_xasprintf("%s/%s.XXXXXX", tmp && *tmp ? tmp : "/tmp", prog);

	if (!mkdtemp(tmpl)) {
		cp_error(NULL, workdir, "cannot create %s: %s", tmpl,
			 strerror(errno));
		free(tmpl);
		return NULL;
	}
	workdir_path = tmpl;
	atexit(remove_workdir);
	signal(SIGINT, remove_workdir_on_signal);
	signal(SIGTERM, remove_workdir_on_signal);
	signal(SIGHUP, remove_workdir_on_signal);
	return workdir_path;
}

int cp_parse_u64(const char *s, uint64_t *v)
{
	char *end;

	if (!*s || *s == '-')
		return -1;
	errno = 0;
	*v = strtoull(s, &end, 0);
	return (errno || *end) ? -1 : 0;
}

char *cp_path_absolute(const char *p)
{
	char *cwd;
	char *abs;

	if (p[0] == '/' || !(cwd = getcwd(NULL, 0)))
		return cp_xstrdup(p);
	abs = cp_path_join(cwd, p);
	free(cwd);
	return abs;
}
