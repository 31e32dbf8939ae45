/* SPDX-License-Identifier: MIT */
/*
 * kexec-loader.h - what kexec-codepage's parts share: where the running
 * kernel's facts are read, and the checks made before anything is loaded.
 *
 *   kexec-codepage.c  options, segments.txt, the files, kexec_load()
 *   kexec-env.c       the running system's files, or a copy (--root)
 *   kexec-kept.c      memory the firmware keeps, as the running kernel
 *                     knows it (/sys/firmware/fdt, /proc/iomem)
 *   kexec-preflight.c refusals the kernel would make, said first: lockdown,
 *                     kexec_load_disabled, no CONFIG_KEXEC, each arch's
 *                     own preconditions
 *   kexec-seeds.c     fresh seeds at every load, the sums kept true
 */
#ifndef KEXEC_LOADER_H
#define KEXEC_LOADER_H

#include <stddef.h>
#include <stdint.h>

#include "iomem.h"
#include "segtxt.h"

/*
 * The running system: the real one, or the same paths under --root (a
 * board's /proc and /sys copied off, the tests' fixtures). Paths are
 * absolute ("/proc/iomem") and joined to root.
 */
struct kexec_env {
	const char *root; /* "" for the running system */
	const char *iomem; /* --iomem FILE, or NULL: ROOT/proc/iomem */
	const char *arch; /* the OUTDIR's arch (segments.json), or "" */
	char arch_buf[64];
	long page; /* the kernel's page size: sysconf, or --page-size */
	long plan_page; /* the OUTDIR's page size (segments.json), or 0 */
	int force; /* --force: loading over kept memory only warns */
	int probe; /* a real load: the kernel may be asked too */
	struct cp_iomem io; /* ROOT/proc/iomem, read once (empty: unknown) */
	char *fdt; /* ROOT/sys/firmware/fdt, read once, or NULL */
	size_t fdt_len;
};

/* ROOT/PATH read whole (NUL-terminated), or NULL with errno set. */
char *kexec_read(const struct kexec_env *e, const char *path, size_t *len);
/* Whether ROOT/PATH exists (a file or a directory). */
int kexec_exists(const struct kexec_env *e, const char *path);

/*
 * Memory the running kernel says the firmware keeps, against every
 * segment: [reserved-overlap] naming the region, 1; or 0. With force, a
 * warning and 0.
 */
int kexec_check_kept(const struct kexec_env *e, const struct cp_segtxt *t,
		     const char *outdir);

/*
 * What the kernel would refuse, said before the load: the exit status
 * (0: nothing known against it; 2: the kernel's environment; 1: the
 * OUTDIR): files alone, nothing asked of the kernel.
 */
int kexec_preflight(const struct kexec_env *e, const struct cp_segtxt *t,
		    const char *outdir);

/*
 * The arch's conditions on the segments' bytes (BUFS[i], t->seg[i].bufsz
 * of them): riscv's device tree at the start of a segment. The exit
 * status.
 */
int kexec_preflight_buffers(const struct kexec_env *e,
			    const struct cp_segtxt *t, const void *const *bufs,
			    const char *outdir);

/*
 * Fresh random bytes into every seed segments.txt names, each armed, and
 * the sums of their segments written again into the codepage (BUFS[0]),
 * as segments.txt's "check" lines say. The exit status.
 */
int kexec_refresh_seeds(const struct cp_segtxt *t, unsigned char *const *bufs,
			const char *outdir);

/*
 * A real load only: ask the kernel whether it takes kexec_load at all,
 * with a list it refuses for its length after its permission checks
 * (nothing is loaded or unloaded). The exit status, after saying why.
 */
int kexec_probe(const struct kexec_env *e);

#endif
