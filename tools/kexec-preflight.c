// SPDX-License-Identifier: MIT
/*
 * kexec-preflight.c - what the kernel would refuse, said before anything
 * is loaded (kexec-loader.h). Linux 6.1 and 6.12, kernel/kexec.c
 * kexec_load_check(): CAP_SYS_BOOT and kernel.kexec_load_disabled (6.12:
 * also kernel.kexec_load_limit_reboot), security modules, lockdown (both
 * integrity and confidentiality forbid kexec_load), then the flags and
 * the segment count; without CONFIG_KEXEC the call does not exist.
 * kernel/kexec_core.c sanity_check_segment_list(): page-aligned segments
 * below the arch's destination limit, all of them together at most half
 * of RAM. Then each arch's machine_kexec_prepare().
 */
#define _GNU_SOURCE
#include "kexec-loader.h"
#include "cpuinfo.h"
#include "diag.h"
#include "fdtresv.h"
#include "util.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#define KEXEC_SEGMENT_MAX 16

/* What each arch's stock kernel asks of a kexec_load() segment list. */
struct arch_rule {
	const char *arch; /* as segments.json names it */
	/* KEXEC_DESTINATION_MEMORY_LIMIT: every segment ends below it; 0:
	 * none (ppc32 e500: 2 GiB - 1, the kernel's 1:1 map of lowmem) */
	uint64_t dest_limit;
	/* riscv: machine_kexec_prepare() finds the device tree it passes
	 * at the start of some segment, else "Device tree not included in
	 * the provided image" (EINVAL) */
	int needs_tree;
	/* arm64: machine_kexec_prepare() refuses (EBUSY, "Can't kexec: CPUs
	 * are stuck in the kernel.") when other CPUs cannot be turned off:
	 * spin-table CPUs have no cpu_die */
	int cpus_must_die;
	/* x86_64: a 32-bit kernel's relocate_kernel_32 enters the codepage
	 * at its 32-bit entry, which goes on to long mode: a CPU without it
	 * (an i586 or i686) stops there */
	int needs_long_mode;
};

static const struct arch_rule rules[] = {
	{ "ppc32-e500", 0x7fffffff, 0, 0, 0 },
	{ "arm64", 0, 0, 1, 0 },
	{ "riscv64", 0, 1, 0, 0 },
	{ "x86_64", 0, 0, 0, 1 },
};

/* The first line of a sysctl or sysfs file as a number; 0 if unreadable. */
static int read_number(const struct kexec_env *e, const char *path, long *v)
{
	char *text = kexec_read(e, path, NULL), *end;
	int ok;

	if (!text)
		return 0;
	*v = strtol(text, &end, 10);
	ok = end != text;
	free(text);
	return ok;
}

/* CONFIG_KEXEC_CORE leaves /proc/sys/kernel/kexec_load_disabled and
 * /sys/kernel/kexec_loaded; a kernel with /proc/sys but neither has no
 * kexec at all. */
static int check_kexec_built(const struct kexec_env *e)
{
	if (!kexec_exists(e, "/proc/sys/kernel/osrelease") ||
	    kexec_exists(e, "/proc/sys/kernel/kexec_load_disabled") ||
	    kexec_exists(e, "/sys/kernel/kexec_loaded"))
		return CP_EXIT_OK;
	cp_error(NULL, kexec_missing,
		 "this kernel has no kexec (no /proc/sys/kernel/"
		 "kexec_load_disabled, no /sys/kernel/kexec_loaded): boot one "
		 "built with CONFIG_KEXEC=y");
	return CP_EXIT_ENV;
}

static int check_disabled(const struct kexec_env *e)
{
	long v;

	if (read_number(e, "/proc/sys/kernel/kexec_load_disabled", &v) && v) {
		cp_error(
			NULL, kexec_disabled,
			"kernel.kexec_load_disabled is 1: this kernel refuses "
			"every kexec load until it reboots (the setting cannot "
			"go back to 0); boot without it set (sysctl.d, "
			"kexec_load_disabled on the command line)");
		return CP_EXIT_ENV;
	}
	if (read_number(e, "/proc/sys/kernel/kexec_load_limit_reboot", &v) &&
	    v == 0) {
		cp_error(NULL, kexec_disabled,
			 "kernel.kexec_load_limit_reboot is 0: this kernel "
			 "allows no more kexec loads until it reboots");
		return CP_EXIT_ENV;
	}
	return CP_EXIT_OK;
}

/* /sys/kernel/security/lockdown: "none [integrity] confidentiality", the
 * mode in force in brackets. */
static int check_lockdown(const struct kexec_env *e)
{
	char *text = kexec_read(e, "/sys/kernel/security/lockdown", NULL);
	char *open = text ? strchr(text, '[') : NULL;
	char *close = open ? strchr(open, ']') : NULL;
	int st = CP_EXIT_OK;

	if (close && strncmp(open, "[none]", 6)) {
		cp_error(NULL, kexec_lockdown,
			 "the kernel is locked down (%.*s; Secure Boot does "
			 "this): it refuses kexec_load whatever is loaded. "
			 "Boot with Secure Boot's validation off (mokutil "
			 "--disable-validation) or lockdown=none where the "
			 "kernel lets the command line lower it; "
			 "kexec_file_load "
			 "of a signed kernel (kexec -s) is the way left",
			 (int)(close - open - 1), open + 1);
		st = CP_EXIT_ENV;
	}
	free(text);
	return st;
}

static const struct arch_rule *rule_of(const char *arch)
{
	for (size_t i = 0; i < sizeof(rules) / sizeof(rules[0]); i++)
		if (!strcmp(rules[i].arch, arch))
			return &rules[i];
	return NULL;
}

/* How many CPUs the kernel may bring up: /sys/devices/system/cpu/possible
 * ("0-3", "0,2"); 0 if unknown. */
static int possible_cpus(const struct kexec_env *e)
{
	char *text = kexec_read(e, "/sys/devices/system/cpu/possible", NULL);
	char *p = text;
	int n = 0;

	while (p && *p >= '0' && *p <= '9') {
		long a = strtol(p, &p, 10), b = a;

		if (*p == '-')
			b = strtol(p + 1, &p, 10);
		n += b >= a ? (int)(b - a + 1) : 1;
		if (*p == ',')
			p++;
	}
	free(text);
	return n;
}

static int count_spin(const struct cp_fdt_region *r, void *ctx)
{
	*(int *)ctx += r->kind == CP_FDT_RELEASE_ADDR;
	return 0;
}

static int check_cpus_die(const struct kexec_env *e)
{
	const char *why;
	int spin = 0, n = possible_cpus(e);

	if (e->fdt)
		cp_fdt_regions(e->fdt, e->fdt_len, count_spin, &spin, &why);
	if (!spin || n < 2)
		return CP_EXIT_OK;
	cp_error(NULL, kexec_stuck_cpus,
		 "%d CPUs are possible and the tree this kernel booted with "
		 "parks %d of them in a spin table, which cannot turn a CPU "
		 "off: Linux refuses kexec_load (\"CPUs are stuck in the "
		 "kernel\", EBUSY). Boot with nr_cpus=1, or with firmware that "
		 "gives PSCI",
		 n, spin);
	return CP_EXIT_ENV;
}

/* Every CPU of /proc/cpuinfo has long mode (its flags say lm); unread or
 * without flags lines: nothing known, nothing said. */
static int check_long_mode(const struct kexec_env *e)
{
	size_t len;
	char *text = kexec_read(e, "/proc/cpuinfo", &len);
	int lacks = text && cp_cpuinfo_lacks_flag(text, len, "lm");

	free(text);
	if (!lacks)
		return CP_EXIT_OK;
	cp_error(NULL, no_long_mode,
		 "this CPU has no long mode (/proc/cpuinfo: no lm among its "
		 "flags), and the OUTDIR's x86_64 codepage needs it: this "
		 "kernel's relocate_kernel would enter it at its 32-bit entry, "
		 "and it would stop there. Build the OUTDIR for arch "
		 "\"i386\", whose codepage needs no long mode");
	return CP_EXIT_ENV;
}

/* MemTotal of /proc/meminfo in bytes; 0 if unknown. */
static uint64_t ram_total(const struct kexec_env *e)
{
	char *text = kexec_read(e, "/proc/meminfo", NULL);
	char *at = text ? strstr(text, "MemTotal:") : NULL;
	unsigned long long kib = 0;

	if (at)
		sscanf(at, "MemTotal: %llu kB", &kib);
	free(text);
	return (uint64_t)kib << 10;
}

/* sanity_check_segment_list(): one segment, or all together, may take at
 * most half of the pages the kernel has (EINVAL). */
static int check_half(const struct kexec_env *e, const struct cp_segtxt *t,
		      const struct cp_loc *loc)
{
	uint64_t page = (uint64_t)e->page, half = ram_total(e) / page / 2;
	uint64_t sum = 0;

	for (int i = 0; i < t->nseg; i++)
		sum += cp_align_up(t->seg[i].memsz, page) / page;
	if (!half || sum <= half)
		return CP_EXIT_OK;
	cp_error(loc, kexec_too_big,
		 "the segments take %llu KiB, and kexec_load takes at most "
		 "half of this kernel's RAM (%llu KiB): give the old kernel "
		 "more memory, or the destination less to load",
		 (unsigned long long)(sum * page >> 10),
		 (unsigned long long)(half * page >> 10));
	return CP_EXIT_REJECTED;
}

/* A 32-bit build passes kexec_load() addresses and sizes of 32 bits, as
 * a 32-bit kernel takes them: a segment or entry past 4 GiB cannot be
 * named (it would be cut, not refused). */
static int check_word(const struct cp_segtxt *t, const struct cp_loc *loc)
{
	const uint64_t top = (uint64_t)UINTPTR_MAX + 1;

	if (sizeof(void *) >= 8)
		return CP_EXIT_OK;
	for (int i = 0; i < t->nseg; i++)
		if (t->seg[i].mem >= top ||
		    t->seg[i].memsz > top - t->seg[i].mem) {
			cp_error(loc, kexec_limit,
				 "segment %d ends at 0x%llx, past the 4 GiB "
				 "this 32-bit kexec-codepage and a 32-bit "
				 "kernel's kexec_load can name: use the 64-bit "
				 "one on a 64-bit kernel, or give the segment "
				 "a load below 4 GiB",
				 i,
				 (unsigned long long)(t->seg[i].mem +
						      t->seg[i].memsz));
			return CP_EXIT_REJECTED;
		}
	return CP_EXIT_OK;
}

int kexec_preflight(const struct kexec_env *e, const struct cp_segtxt *t,
		    const char *outdir)
{
	const struct arch_rule *rule = rule_of(e->arch);
	struct cp_loc loc = { .file = outdir };
	int st;

	if ((st = check_word(t, &loc)) || (st = check_kexec_built(e)) ||
	    (st = check_disabled(e)) || (st = check_lockdown(e)))
		return st;
	if (rule && rule->cpus_must_die && (st = check_cpus_die(e)))
		return st;
	if (rule && rule->needs_long_mode && (st = check_long_mode(e)))
		return st;
	for (int i = 0; rule && rule->dest_limit && i < t->nseg; i++)
		if (t->seg[i].mem + t->seg[i].memsz > rule->dest_limit) {
			cp_error(&loc, kexec_limit,
				 "segment %d ends at 0x%llx, and %s's "
				 "kexec_load "
				 "takes only destinations below 0x%llx",
				 i,
				 (unsigned long long)(t->seg[i].mem +
						      t->seg[i].memsz),
				 e->arch, (unsigned long long)rule->dest_limit);
			return CP_EXIT_REJECTED;
		}
	return check_half(e, t, &loc);
}

int kexec_preflight_buffers(const struct kexec_env *e,
			    const struct cp_segtxt *t, const void *const *bufs,
			    const char *outdir)
{
	const struct arch_rule *rule = rule_of(e->arch);

	if (!rule || !rule->needs_tree)
		return CP_EXIT_OK;
	/* the kernel reads sizeof(struct fdt_header) = 40 bytes of each
	 * segment longer than that */
	for (int i = 0; i < t->nseg; i++)
		if (t->seg[i].memsz > 40 && t->seg[i].bufsz >= 40 &&
		    cp_fdt_header_ok(bufs[i], (size_t)t->seg[i].bufsz))
			return CP_EXIT_OK;
	cp_error(&(struct cp_loc){ .file = outdir }, no_device_tree,
		 "no segment starts with a device tree, and %s's kexec_load "
		 "refuses such a list (\"Device tree not included in the "
		 "provided image\"): give the description an fdt segment "
		 "loaded at a page boundary",
		 e->arch);
	return CP_EXIT_REJECTED;
}
