// SPDX-License-Identifier: MIT
/*
 * kexec-codepage - load what mkcodepage wrote with the kexec_load system
 * call alone (no kexec-tools, no purgatory), and optionally reboot into it.
 *
 *   kexec-codepage [-n|--dry-run] [-e|--exec] [-l|--list] [-v] OUTDIR
 *
 * It reads OUTDIR/segments.txt (and segments.json's arch and page size)
 * and each segment's file and, before anything is loaded, checks them the
 * way the kernel will (count, page alignment, bufsz <= memsz, no overlap,
 * its arch's own conditions), against the "System RAM" ranges of
 * /proc/iomem and the memory the kernel says the firmware keeps
 * (kexec-kept.c), and asks whether the kernel takes kexec_load at all
 * (kexec-preflight.c: lockdown, kexec_load_disabled, no CONFIG_KEXEC).
 * Then it calls kexec_load(entry, segments) with the codepage's placed
 * entry or, with --list, with its list entry and KEXEC_CODEPAGE: a kernel
 * with the patches in kernel/linux-6.12/ then runs the codepage in place of
 * its own relocation code, and the codepage copies every page itself.
 * Built for each target (make cross-builds it static); it needs only the
 * C library.
 *
 * Exit status, as mkcodepage's: 0 loaded (or checked, with --dry-run);
 * 1 OUTDIR rejected (unreadable or inconsistent files, these checks, or the
 * kernel: EINVAL, EADDRNOTAVAIL); 2 usage or the kernel's environment
 * (EPERM, EBUSY, ENOSYS, lockdown, ...).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "diag.h"
#include "kexec-loader.h"
#include "segjson.h"
#include "segtxt.h"
#include "util.h"

#define KEXEC_SEGMENT_MAX 16
#define KEXEC_ARCH_DEFAULT 0
/* the arch this program runs on, as segments.json names an OUTDIR's */
#if defined(__powerpc__) && !defined(__powerpc64__)
#define LOADER_ARCH "ppc32-e500"
#elif defined(__aarch64__)
#define LOADER_ARCH "arm64"
#elif defined(__riscv) && __riscv_xlen == 64
#define LOADER_ARCH "riscv64"
#elif defined(__x86_64__)
#define LOADER_ARCH "x86_64"
#elif defined(__i386__)
/* a 32-bit x86 kernel's relocate_kernel_32 enters a codepage in 32-bit
 * protected mode: i386's, or x86_64's at its 32-bit entry, which goes on
 * to long mode (kexec-preflight.c: where the CPU has it) */
#define LOADER_ARCH "i386"
#define LOADER_ARCH_ALSO "x86_64"
#elif defined(__arm__)
#define LOADER_ARCH "arm"
#else
#define LOADER_ARCH ""
#endif
#ifndef LOADER_ARCH_ALSO
#define LOADER_ARCH_ALSO "" /* another arch whose OUTDIRs this one loads */
#endif
#define LINUX_REBOOT_MAGIC1 0xfee1dead
#define LINUX_REBOOT_MAGIC2 672274793
#define LINUX_REBOOT_CMD_KEXEC 0x45584543
/*
 * kexec_load flag of the kernel patches in kernel/linux-6.12/: segment 0 is
 * relocation code, run in place of the kernel's own, entered at "entry".
 */
#define KEXEC_CODEPAGE 0x00008000
#define CODEPAGE_MAX 4096 /* the kernel's control page */

/* The kernel's struct kexec_segment (include/uapi/linux/kexec.h). */
struct kexec_segment {
	const void *buf;
	size_t bufsz;
	const void *mem;
	size_t memsz;
};

static int verbose;

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: kexec-codepage [-n] [-e] [-l] [-v] [--force] OUTDIR\n"
		"\n"
		"Load mkcodepage's OUTDIR with the kexec_load system call and, "
		"with -e,\nreboot into it.\n"
		"\n"
		"  -n, --dry-run   check and show what would be loaded; load "
		"nothing\n"
		"  -e, --exec      load, then reboot into the codepage at "
		"once\n"
		"  -l, --list      make the codepage the kernel's relocation "
		"code: "
		"it copies\n"
		"                  every page itself (kexec_load flag "
		"KEXEC_CODEPAGE, from\n"
		"                  the patches in mkcodepage's "
		"kernel/linux-6.12/)\n"
		"  -f, --force     load even over memory the kernel says the "
		"firmware keeps\n"
		"      --root DIR  read /proc and /sys under DIR (files copied "
		"off a board)\n"
		"      --iomem F   read RAM ranges from F (default "
		"ROOT/proc/iomem)\n"
		"      --page-size N  check for a kernel with N-byte pages "
		"(default: this one's)\n"
		"      --save DIR  also write what would be loaded (fresh "
		"seeds) "
		"as an OUTDIR\n"
		"  -v, --verbose   show each segment\n"
		"  -h, --help      this text\n"
		"\nExit status: 0 done, 1 OUTDIR rejected, 2 trouble (no "
		"kexec, lockdown, files).\n");
}

/* Top-level "System RAM" resources. */
static int in_ram(const struct cp_iomem *io, uint64_t base, uint64_t size)
{
	for (int i = 0; i < io->n; i++)
		if (io->e[i].depth == 0 && cp_iomem_is(io, i, "System RAM") &&
		    base >= io->e[i].start && size &&
		    base + size - 1 <= io->e[i].end)
			return 1;
	return 0;
}

/* ": 0x...-0x... is 'reserved'" for the first top-level resource other
 * than System RAM that [base, base+size) meets, or "". */
static const char *what_is(const struct cp_iomem *io, uint64_t base,
			   uint64_t size)
{
	static char text[128];

	for (int i = 0; i < io->n; i++) {
		const struct cp_iomem_entry *x = &io->e[i];

		if (x->depth || cp_iomem_is(io, i, "System RAM") ||
		    x->start > base + size - 1 || x->end < base)
			continue;
		snprintf(text, sizeof(text), ": 0x%llx..0x%llx is '%s' there",
			 (unsigned long long)x->start,
			 (unsigned long long)x->end, x->name);
		return text;
	}
	return "";
}

static int has_ram(const struct cp_iomem *io)
{
	for (int i = 0; i < io->n; i++)
		if (io->e[i].depth == 0 && cp_iomem_is(io, i, "System RAM"))
			return 1;
	return 0;
}

/* 1 if ADDR lies in segment 0's bytes, the codepage. */
static int in_codepage(const struct cp_segtxt *t, uint64_t addr)
{
	return t->nseg && addr >= t->seg[0].mem &&
	       addr - t->seg[0].mem < t->seg[0].bufsz;
}

/* A segment not aligned to the kernel's pages: say whose pages. */
static void misaligned(const struct kexec_env *e, int i,
		       const struct cp_segtxt_seg *s, const struct cp_loc *loc)
{
	if (e->plan_page && e->plan_page < e->page &&
	    !((s->mem | s->memsz) % (uint64_t)e->plan_page)) {
		cp_error(loc, segment_align,
			 "segment %d (mem 0x%llx memsz 0x%llx) is aligned to "
			 "the OUTDIR's %ld-byte pages, and this kernel's pages "
			 "are %ld bytes: rebuild with page-size = <%ld>; (or "
			 "larger) in the description",
			 i, (unsigned long long)s->mem,
			 (unsigned long long)s->memsz, e->plan_page, e->page,
			 e->page);
		return;
	}
	cp_error(loc, segment_align,
		 "segment %d (mem 0x%llx memsz 0x%llx bufsz 0x%llx) is not "
		 "aligned to this kernel's %ld-byte pages or does not hold its "
		 "data",
		 i, (unsigned long long)s->mem, (unsigned long long)s->memsz,
		 (unsigned long long)s->bufsz, e->page);
}

static int check(const struct kexec_env *e, const struct cp_segtxt *t,
		 const char *outdir)
{
	uint64_t page = (uint64_t)e->page;
	struct cp_loc loc = { .file = outdir };
	int err = 0;

	if (t->nseg > KEXEC_SEGMENT_MAX) {
		cp_error(&loc, too_many_segments,
			 "%d segments; kexec_load takes at most %d", t->nseg,
			 KEXEC_SEGMENT_MAX);
		return -1;
	}
	/* the kernel enters the codepage: its entry lies in segment 0 */
	if (!in_codepage(t, t->entry)) {
		cp_error(&loc, bad_segments,
			 "entry 0x%llx does not lie in segment 0, the codepage",
			 (unsigned long long)t->entry);
		return -1;
	}
	for (int i = 0; i < t->nseg; i++) {
		const struct cp_segtxt_seg *s = &t->seg[i];

		if ((s->mem | s->memsz) % page || s->bufsz > s->memsz ||
		    s->mem + s->memsz < s->mem) {
			misaligned(e, i, s, &loc);
			err = -1;
		}
		for (int j = 0; j < i; j++)
			if (s->mem < t->seg[j].mem + t->seg[j].memsz &&
			    t->seg[j].mem < s->mem + s->memsz) {
				cp_error(&loc, segment_overlap,
					 "segments %d and %d overlap", j, i);
				err = -1;
			}
		if (has_ram(&e->io) && !in_ram(&e->io, s->mem, s->memsz)) {
			cp_error(&loc, outside_memory,
				 "segment %d (0x%llx..0x%llx) is not inside "
				 "this machine's System RAM%s",
				 i, (unsigned long long)s->mem,
				 (unsigned long long)(s->mem + s->memsz - 1),
				 what_is(&e->io, s->mem, s->memsz));
			err = -1;
		}
	}
	return err;
}

/* Read every segment's file; its size must be the bufsz listed. */
static int read_buffers(const struct cp_segtxt *t, struct kexec_segment *ks)
{
	for (int i = 0; i < t->nseg; i++) {
		const struct cp_segtxt_seg *s = &t->seg[i];
		struct cp_loc loc = { .file = s->file };
		size_t len;
		void *buf = cp_read_file(s->file, &len);

		if (!buf) {
			cp_error(&loc, missing_file, "cannot read: %s",
				 strerror(errno));
			return -1;
		}
		if (len != s->bufsz) {
			cp_error(&loc, bad_segments,
				 "has %zu bytes, but segments.txt says bufsz="
				 "0x%llx",
				 len, (unsigned long long)s->bufsz);
			free(buf);
			return -1;
		}
		ks[i] = (struct kexec_segment){
			.buf = buf,
			.bufsz = len,
			.mem = (const void *)(uintptr_t)s->mem,
			.memsz = (size_t)s->memsz,
		};
	}
	return 0;
}

/* What the kernel's refusal most likely means, and the exit status. */
static int explain(int err)
{
	switch (err) {
	case EPERM:
		cp_error(NULL, kexec_disabled,
			 "kexec_load: not permitted: it needs root "
			 "(CAP_SYS_BOOT), kernel.kexec_load_disabled = 0, no "
			 "lockdown (Secure Boot forbids kexec_load) and no "
			 "security module (IMA, SELinux) refusing it");
		return CP_EXIT_ENV;
	case EBUSY:
		cp_error(NULL, kexec_busy,
			 "kexec_load: busy: another kexec image is being "
			 "loaded or executed, or (arm64) other CPUs cannot be "
			 "turned off (\"CPUs are stuck in the kernel\" in "
			 "dmesg: spin-table CPUs; boot with nr_cpus=1)");
		return CP_EXIT_ENV;
	case ENOSYS:
		cp_error(NULL, kexec_missing,
			 "kexec_load: this kernel is built without "
			 "CONFIG_KEXEC");
		return CP_EXIT_ENV;
	case EINVAL:
		cp_error(NULL, kexec_invalid,
			 "kexec_load: the kernel refused the segment list; "
			 "likely a destination outside the memory it may "
			 "use, a kernel page size other than this build's, "
			 "an entry outside every segment, or (riscv) no "
			 "device tree among the segments");
		return CP_EXIT_REJECTED;
	case EADDRNOTAVAIL:
		cp_error(NULL, kexec_invalid,
			 "kexec_load: a destination is not memory this kernel "
			 "can hand over (reserved or crash kernel memory?)");
		return CP_EXIT_REJECTED;
	case ENOMEM:
		cp_error(NULL, kexec_nomem,
			 "kexec_load: the kernel has no memory to stage the "
			 "segments");
		return CP_EXIT_ENV;
	default:
		cp_error(NULL, kexec_failed, "kexec_load: %s", strerror(err));
		return CP_EXIT_ENV;
	}
}

/*
 * --list: segment 0 must be a codepage the kernel can put in its control
 * page, entered at the list entry (else 1); and the codepage walks 4 KiB
 * pages (else 2: the kernel's, not OUTDIR's, trouble).
 */
static int check_list(const struct kexec_env *e, const struct cp_segtxt *t,
		      const char *outdir)
{
	struct cp_loc loc = { .file = outdir };
	const struct cp_segtxt_seg *s = &t->seg[0];

	if (!t->has_list_entry || !t->nseg) {
		cp_error(&loc, bad_segments,
			 "segments.txt names no list entry and codepage");
		return CP_EXIT_REJECTED;
	}
	if (s->bufsz > CODEPAGE_MAX || !in_codepage(t, t->list_entry)) {
		cp_error(&loc, bad_segments,
			 "segment 0 (%llu bytes at 0x%llx) is not a codepage "
			 "of at most %d bytes holding the list entry 0x%llx",
			 (unsigned long long)s->bufsz,
			 (unsigned long long)s->mem, CODEPAGE_MAX,
			 (unsigned long long)t->list_entry);
		return CP_EXIT_REJECTED;
	}
	if (e->page != 4096) {
		cp_error(&loc, page_size,
			 "this kernel's pages are %ld bytes; a codepage walks "
			 "an indirection list of 4 KiB pages: load it without "
			 "--list",
			 e->page);
		return CP_EXIT_ENV;
	}
	return CP_EXIT_OK;
}

/*
 * Does the running kernel take KEXEC_CODEPAGE? A load of no segments
 * (an unload) checks the flags and nothing else; it also unloads any image
 * loaded before, which the load that follows would replace anyway.
 */
static int codepage_supported(void)
{
	if (!syscall(SYS_kexec_load, 0UL, 0UL, NULL,
		     KEXEC_CODEPAGE | KEXEC_ARCH_DEFAULT))
		return CP_EXIT_OK;
	if (errno != EINVAL)
		return explain(errno);
	cp_error(NULL, no_codepage_support,
		 "this kernel does not take a codepage as its relocation "
		 "code (kexec_load flag KEXEC_CODEPAGE): it lacks the patches "
		 "in mkcodepage's kernel/linux-6.12/. Load without --list: the "
		 "kernel then copies the segments and enters the codepage's "
		 "placed entry");
	return CP_EXIT_ENV;
}

int kexec_probe(const struct kexec_env *e)
{
	long limit;
	char *text =
		kexec_read(e, "/proc/sys/kernel/kexec_load_limit_reboot", NULL);

	limit = text ? strtol(text, NULL, 10) : -1;
	free(text);
	if (limit != -1)
		return CP_EXIT_OK; /* every call would spend one of the loads */
	if (syscall(SYS_kexec_load, 0UL, (unsigned long)KEXEC_SEGMENT_MAX + 1,
		    NULL, (unsigned long)KEXEC_ARCH_DEFAULT) &&
	    errno != EINVAL)
		return explain(errno);
	return CP_EXIT_OK;
}

/* The system call: the placed entry, or the list entry with the flag. */
static int load(const struct cp_segtxt *t, struct kexec_segment *ks, int list)
{
	unsigned long flags = KEXEC_ARCH_DEFAULT;
	uint64_t entry = t->entry;
	int st;

	if (list) {
		if ((st = codepage_supported()))
			return st;
		flags |= KEXEC_CODEPAGE;
		entry = t->list_entry;
	}
	if (syscall(SYS_kexec_load, (unsigned long)entry,
		    (unsigned long)t->nseg, ks, flags))
		return explain(errno);
	return CP_EXIT_OK;
}

static void show(const struct cp_segtxt *t, int list)
{
	printf("%s 0x%llx, %d segments:\n", list ? "list-entry" : "entry",
	       (unsigned long long)(list ? t->list_entry : t->entry), t->nseg);
	for (int i = 0; i < t->nseg; i++)
		printf("  %2d  0x%llx..0x%llx  %llu bytes from %s\n", i,
		       (unsigned long long)t->seg[i].mem,
		       (unsigned long long)(t->seg[i].mem + t->seg[i].memsz -
					    1),
		       (unsigned long long)t->seg[i].bufsz,
		       cp_basename(t->seg[i].file));
}

struct options {
	int dry, exec, list;
	const char *outdir;
	const char *save; /* --save DIR, or NULL */
};

static int parse_options(int argc, char **argv, struct options *o,
			 struct kexec_env *e)
{
	static const struct option longopts[] = {
		{ "dry-run", no_argument, NULL, 'n' },
		{ "exec", no_argument, NULL, 'e' },
		{ "list", no_argument, NULL, 'l' },
		{ "force", no_argument, NULL, 'f' },
		{ "root", required_argument, NULL, 'R' },
		{ "iomem", required_argument, NULL, 'I' },
		{ "page-size", required_argument, NULL, 'P' },
		{ "save", required_argument, NULL, 'S' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	char *end;
	int c;

	while ((c = getopt_long(argc, argv, "nelfvh", longopts, NULL)) != -1) {
		switch (c) {
		case 'n': o->dry = 1; break;
		case 'e': o->exec = 1; break;
		case 'l': o->list = 1; break;
		case 'f': e->force = 1; break;
		case 'R': e->root = optarg; break;
		case 'S': o->save = optarg; break;
		case 'I': e->iomem = optarg; break;
		case 'P':
			e->page = strtol(optarg, &end, 0);
			if (*end || e->page < 4096 || e->page & (e->page - 1)) {
				cp_error(NULL, usage,
					 "--page-size %s: a power of two of at "
					 "least 4096",
					 optarg);
				return 'x';
			}
			break;
		case 'v': verbose = 1; break;
		case 'h': return 'h';
		default: return 'x';
		}
	}
	if (optind != argc - 1 || (o->dry && o->exec))
		return 'x';
	o->outdir = argv[optind];
	e->probe = !o->dry;
	return 0;
}

/* What segments.json says (arch, page size), the running kernel's iomem
 * and the tree it was booted with, into e. */
static void read_env(struct kexec_env *e, const char *outdir)
{
	struct cp_segjson j;
	char *text;
	size_t len;

	if (!cp_segjson_read(outdir, &j)) {
		snprintf(e->arch_buf, sizeof(e->arch_buf), "%s", j.arch);
		e->plan_page = (long)j.page_size;
	}
	text = e->iomem ? kexec_read(&(struct kexec_env){ .root = "" },
				     e->iomem, &len) :
			  kexec_read(e, "/proc/iomem", &len);
	if (text)
		cp_iomem_parse(text, len, &e->io);
	free(text);
	if (!has_ram(&e->io))
		cp_note(&(struct cp_loc){ .file = e->iomem ? e->iomem :
							     "/proc/iomem" },
			none,
			"no System RAM ranges readable (not root?): "
			"destinations are left to the kernel to check");
	/* no tree (x86), or not root: NULL, and iomem alone counts */
	e->fdt = kexec_read(e, "/sys/firmware/fdt", &e->fdt_len);
}

/*
 * An OUTDIR for another arch's kernel would jump into foreign code; so
 * would --list with the other arch this build loads: a 32-bit x86 kernel
 * enters the list entry in protected mode, and x86_64's is 64-bit code.
 */
static int check_arch(const struct kexec_env *e, const struct options *o)
{
	const char *outdir = o->outdir;

	if (o->list && *LOADER_ARCH_ALSO &&
	    !strcmp(e->arch, LOADER_ARCH_ALSO)) {
		cp_error(&(struct cp_loc){ .file = outdir }, wrong_arch,
			 "--list: this %s kernel would enter the %s "
			 "codepage's list entry, which runs in another mode; "
			 "load it without --list (its placed entry takes "
			 "both), or build the OUTDIR for %s",
			 LOADER_ARCH, e->arch, LOADER_ARCH);
		return CP_EXIT_REJECTED;
	}
	if (!e->probe || !*e->arch || !*LOADER_ARCH ||
	    !strcmp(e->arch, LOADER_ARCH) ||
	    (*LOADER_ARCH_ALSO && !strcmp(e->arch, LOADER_ARCH_ALSO)))
		return CP_EXIT_OK;
	cp_error(&(struct cp_loc){ .file = outdir }, wrong_arch,
		 "the OUTDIR is for %s and this is %s: use its "
		 "kexec-codepage on a %s kernel",
		 e->arch, LOADER_ARCH, e->arch);
	return CP_EXIT_REJECTED;
}

/* Everything said before a byte of the segments is read. */
static int check_all(const struct kexec_env *e, const struct options *o,
		     const struct cp_segtxt *t)
{
	int st;

	if ((st = check_arch(e, o)) || (st = kexec_preflight(e, t, o->outdir)))
		return st;
	/* both: memory kept out of System RAM (no-map) is named by the
	 * second */
	st = check(e, t, o->outdir) ? CP_EXIT_REJECTED : CP_EXIT_OK;
	if (kexec_check_kept(e, t, o->outdir) || st)
		return CP_EXIT_REJECTED;
	if (o->list && (st = check_list(e, t, o->outdir)))
		return st;
	return e->probe ? kexec_probe(e) : CP_EXIT_OK;
}

/* One file, whole; 0 or -1 (reported). */
static int save_file(const char *dir, const char *name, const void *buf,
		     size_t len)
{
	char *path = cp_path_join(dir, name);
	int err = cp_write_file(path, buf, len);

	if (err)
		cp_error(&(struct cp_loc){ .file = path }, write_failed, "%s",
			 strerror(errno));
	free(path);
	return err;
}

/* --save DIR: segments.txt, segments.json and every segment as it would
 * be loaded, an OUTDIR of its own (codepage-qemu boots it). */
static int save(const char *dir, const char *outdir, const struct cp_segtxt *t,
		const struct kexec_segment *ks)
{
	static const char *const texts[] = { "segments.txt", "segments.json" };
	int err = 0;

	if (mkdir(dir, 0755) && errno != EEXIST) {
		cp_error(&(struct cp_loc){ .file = dir }, write_failed, "%s",
			 strerror(errno));
		return CP_EXIT_ENV;
	}
	for (size_t i = 0; i < 2 && !err; i++) {
		char *path;
		size_t len;
		char *text = cp_outdir_read(outdir, texts[i], &path, &len);

		err = !text || save_file(dir, texts[i], text, len);
		free(text);
		free(path);
	}
	for (int i = 0; i < t->nseg && !err; i++)
		err = save_file(dir, cp_basename(t->seg[i].file), ks[i].buf,
				ks[i].bufsz);
	return err ? CP_EXIT_ENV : CP_EXIT_OK;
}

static int load_and_go(const struct options *o, const struct cp_segtxt *t,
		       struct kexec_segment *ks)
{
	int st = load(t, ks, o->list);

	if (!st && o->exec) {
		sync();
		syscall(SYS_reboot, LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2,
			LINUX_REBOOT_CMD_KEXEC, NULL);
		cp_error(NULL, kexec_failed, "reboot into the codepage: %s",
			 strerror(errno));
		return CP_EXIT_ENV;
	}
	if (!st)
		printf("loaded; reboot into it with kexec-codepage -e or "
		       "systemctl kexec\n");
	return st;
}

int main(int argc, char **argv)
{
	struct kexec_segment ks[CP_SEGTXT_MAX];
	unsigned char *bufs[CP_SEGTXT_MAX];
	struct kexec_env e = { .root = "", .page = sysconf(_SC_PAGESIZE) };
	struct options o = { 0 };
	struct cp_segtxt t;
	int st;

	cp_diag_set_program("kexec-codepage");
	e.arch = e.arch_buf;
	st = parse_options(argc, argv, &o, &e);
	if (st == 'h') {
		usage(stdout);
		return CP_EXIT_OK;
	}
	if (st) {
		usage(stderr);
		return CP_EXIT_ENV;
	}
	if (cp_segtxt_read(o.outdir, &t))
		return CP_EXIT_REJECTED;
	read_env(&e, o.outdir);
	memset(ks, 0, sizeof(ks));
	st = check_all(&e, &o, &t);
	if (!st && read_buffers(&t, ks))
		st = CP_EXIT_REJECTED;
	for (int i = 0; i < t.nseg; i++)
		bufs[i] = (unsigned char *)ks[i].buf;
	if (!st)
		st = kexec_preflight_buffers(&e, &t, (const void *const *)bufs,
					     o.outdir);
	if (!st)
		st = kexec_refresh_seeds(&t, bufs, o.outdir);
	if (!st && o.save)
		st = save(o.save, o.outdir, &t, ks);
	if (!st && (o.dry || verbose))
		show(&t, o.list);
	if (!st && !o.dry)
		st = load_and_go(&o, &t, ks);
	for (int i = 0; i < t.nseg; i++)
		free((void *)ks[i].buf);
	cp_iomem_free(&e.io);
	free(e.fdt);
	cp_segtxt_free(&t);
	return st;
}
