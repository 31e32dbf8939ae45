// SPDX-License-Identifier: MIT
/*
 * kexec-codepage - load what mkcodepage wrote with the kexec_load system
 * call alone (no kexec-tools, no purgatory), and optionally reboot into it.
 *
 *   kexec-codepage [-n|--dry-run] [-e|--exec] [-l|--list] [-v] OUTDIR
 *
 * It reads OUTDIR/segments.txt and each segment's file, checks them the way
 * the kernel will (count, page alignment, bufsz <= memsz, no overlap) and
 * against the "System RAM" ranges of /proc/iomem when they are readable,
 * then calls kexec_load(entry, segments) with the codepage's placed entry
 * or, with --list, with its list entry and KEXEC_CODEPAGE: a kernel with
 * the patches in kernel/linux-6.1/ then runs the codepage in place of its
 * own relocation code, and the codepage copies every page itself.
 * Built for each target (make cross-builds it static); it needs only the
 * C library.
 *
 * Exit status, as mkcodepage's: 0 loaded (or checked, with --dry-run);
 * 1 OUTDIR rejected (unreadable or inconsistent files, these checks, or the
 * kernel: EINVAL, EADDRNOTAVAIL); 2 usage or the kernel's environment
 * (EPERM, EBUSY, ENOSYS, ...).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "diag.h"
#include "segtxt.h"
#include "util.h"

#define KEXEC_SEGMENT_MAX 16
#define KEXEC_ARCH_DEFAULT 0
#define LINUX_REBOOT_MAGIC1 0xfee1dead
#define LINUX_REBOOT_MAGIC2 672274793
#define LINUX_REBOOT_CMD_KEXEC 0x45584543
/*
 * kexec_load flag of the kernel patches in kernel/linux-6.1/: segment 0 is
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

struct ram {
	uint64_t base[64], end[64]; /* inclusive ends, as /proc/iomem */
	int n;
};

static int verbose;

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: kexec-codepage [-n] [-e] [-l] [-v] OUTDIR\n"
		"\n"
		"Load mkcodepage's OUTDIR with the kexec_load system call and, "
		"with -e,\nreboot into it.\n"
		"\n"
		"  -n, --dry-run   check and show what would be loaded; load "
		"nothing\n"
		"  -e, --exec      load, then reboot into the codepage at once\n"
		"  -l, --list      make the codepage the kernel's relocation code: "
		"it copies\n"
		"                  every page itself (kexec_load flag "
		"KEXEC_CODEPAGE, from\n"
		"                  the patches in mkcodepage's kernel/linux-6.1/)\n"
		"      --iomem F   read RAM ranges from F (default /proc/iomem)\n"
		"  -v, --verbose   show each segment\n"
		"  -h, --help      this text\n"
		"\nExit status: 0 done, 1 OUTDIR rejected, 2 trouble (no "
		"kexec, files).\n");
}

/* Top-level "System RAM" lines of /proc/iomem; n = 0 when unknowable. */
static void read_ram(const char *path, struct ram *r)
{
	FILE *f = fopen(path, "r");
	char line[256];

	r->n = 0;
	while (f && fgets(line, sizeof(line), f) && r->n < 64) {
		unsigned long long a, b;
		int off = 0;

		if (line[0] == ' ') /* nested: part of something above */
			continue;
		if (sscanf(line, "%llx-%llx : %n", &a, &b, &off) == 2 && off &&
		    !strncmp(line + off, "System RAM", 10) && b > a) {
			r->base[r->n] = a;
			r->end[r->n++] = b;
		}
	}
	if (f)
		fclose(f);
}

static int in_ram(const struct ram *r, uint64_t base, uint64_t size)
{
	for (int i = 0; i < r->n; i++)
		if (base >= r->base[i] && base + size - 1 <= r->end[i])
			return 1;
	return 0;
}

/* 1 if ADDR lies in segment 0's bytes, the codepage. */
static int in_codepage(const struct cp_segtxt *t, uint64_t addr)
{
	return t->nseg && addr >= t->seg[0].mem &&
	       addr - t->seg[0].mem < t->seg[0].bufsz;
}

static int check(const struct cp_segtxt *t, const struct ram *ram,
		 const char *outdir)
{
	long page = sysconf(_SC_PAGESIZE);
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

		if ((s->mem | s->memsz) % (uint64_t)page || s->bufsz > s->memsz ||
		    s->mem + s->memsz < s->mem) {
			cp_error(&loc, segment_align,
				 "segment %d (mem 0x%llx memsz 0x%llx bufsz "
				 "0x%llx) is not page-aligned (%ld) or does "
				 "not hold its data",
				 i, (unsigned long long)s->mem,
				 (unsigned long long)s->memsz,
				 (unsigned long long)s->bufsz, page);
			err = -1;
		}
		for (int j = 0; j < i; j++)
			if (s->mem < t->seg[j].mem + t->seg[j].memsz &&
			    t->seg[j].mem < s->mem + s->memsz) {
				cp_error(&loc, segment_overlap,
					 "segments %d and %d overlap", j, i);
				err = -1;
			}
		if (ram->n && !in_ram(ram, s->mem, s->memsz)) {
			cp_error(&loc, outside_memory,
				 "segment %d (0x%llx..0x%llx) is not inside "
				 "this machine's System RAM",
				 i, (unsigned long long)s->mem,
				 (unsigned long long)(s->mem + s->memsz - 1));
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
			.buf = buf, .bufsz = len,
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
			 "kexec_load: not permitted: needs root (CAP_SYS_BOOT), "
			 "kernel.kexec_load_disabled = 0 and no lockdown "
			 "(Secure Boot forbids kexec_load)");
		return CP_EXIT_ENV;
	case EBUSY:
		cp_error(NULL, kexec_busy,
			 "kexec_load: busy: another kexec image is being "
			 "loaded or executed; try again");
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
		cp_error(NULL, kexec_failed, "kexec_load: %s",
			 strerror(err));
		return CP_EXIT_ENV;
	}
}

/*
 * --list: segment 0 must be a codepage the kernel can put in its control
 * page, entered at the list entry (else 1); and the codepage walks 4 KiB
 * pages (else 2: the kernel's, not OUTDIR's, trouble).
 */
static int check_list(const struct cp_segtxt *t, const char *outdir)
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
	if (sysconf(_SC_PAGESIZE) != 4096) {
		cp_error(&loc, page_size,
			 "this kernel's pages are %ld bytes; a codepage walks "
			 "an indirection list of 4 KiB pages: load it without "
			 "--list",
			 sysconf(_SC_PAGESIZE));
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
		 "in mkcodepage's kernel/linux-6.1/. Load without --list: the "
		 "kernel then copies the segments and enters the codepage's "
		 "placed entry");
	return CP_EXIT_ENV;
}

/* The system call: the placed entry, or the list entry with the flag. */
static int load(const struct cp_segtxt *t, struct kexec_segment *ks,
		int list)
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

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "dry-run", no_argument, NULL, 'n' },
		{ "exec", no_argument, NULL, 'e' },
		{ "list", no_argument, NULL, 'l' },
		{ "iomem", required_argument, NULL, 'I' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	const char *iomem = "/proc/iomem";
	struct kexec_segment ks[CP_SEGTXT_MAX];
	struct cp_segtxt t;
	struct ram ram;
	int dry = 0, exec = 0, list = 0, c, st = CP_EXIT_OK;

	cp_diag_set_program("kexec-codepage");
	while ((c = getopt_long(argc, argv, "nelvh", longopts, NULL)) != -1) {
		switch (c) {
		case 'n': dry = 1; break;
		case 'e': exec = 1; break;
		case 'l': list = 1; break;
		case 'I': iomem = optarg; break;
		case 'v': verbose = 1; break;
		case 'h': usage(stdout); return CP_EXIT_OK;
		default: usage(stderr); return CP_EXIT_ENV;
		}
	}
	if (optind != argc - 1 || (dry && exec)) {
		usage(stderr);
		return CP_EXIT_ENV;
	}
	if (cp_segtxt_read(argv[optind], &t))
		return CP_EXIT_REJECTED;
	read_ram(iomem, &ram);
	if (!ram.n)
		cp_note(&(struct cp_loc){ .file = iomem }, none,
			"no System RAM ranges readable (not root?): "
			"destinations are left to the kernel to check");
	if (check(&t, &ram, argv[optind]))
		st = CP_EXIT_REJECTED;
	else if (list)
		st = check_list(&t, argv[optind]);
	if (st) {
		cp_segtxt_free(&t);
		return st;
	}
	memset(ks, 0, sizeof(ks));
	if (read_buffers(&t, ks))
		st = CP_EXIT_REJECTED;
	if (!st && (dry || verbose))
		show(&t, list);
	if (!st && !dry)
		st = load(&t, ks, list);
	if (!st && exec) {
		sync();
		syscall(SYS_reboot, LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2,
			LINUX_REBOOT_CMD_KEXEC, NULL);
		cp_error(NULL, kexec_failed, "reboot into the codepage: %s",
			 strerror(errno));
		st = CP_EXIT_ENV;
	}
	if (!st && !dry && !exec)
		printf("loaded; reboot into it with kexec-codepage -e or "
		       "systemctl kexec\n");
	for (int i = 0; i < t.nseg; i++)
		free((void *)ks[i].buf);
	cp_segtxt_free(&t);
	return st;
}
