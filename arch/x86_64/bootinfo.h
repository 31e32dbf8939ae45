/* SPDX-License-Identifier: MIT */
/*
 * bootinfo.h - what x86's boot protocols share when mkcodepage builds
 * their data at build time (linux-x86's boot_params, Multiboot's
 * information structures) besides gen/bootdata.h: low and upper memory,
 * Multiboot's command lines, little-endian fields.
 */
#ifndef X86_BOOTINFO_H
#define X86_BOOTINFO_H

#include "bootdata.h"
#include "plan.h"
#include "util.h"

#include <stdint.h>

/* KiB of RAM from 0 up (at most 640), and from 1 MiB up to the first hole. */
void x86_lower_upper(const struct cp_plan *plan, uint32_t *lower,
		     uint32_t *upper);

/*
 * A Multiboot command line: the image's name (the last part of path),
 * then args if any, as GRUB Legacy and QEMU pass them (Xen drops the
 * first word). A name with a space or a byte that is not printable ASCII
 * is reported at loc; the line, or NULL.
 */
char *x86_command_line(const char *path, const char *args,
		       const struct cp_loc *loc);

/* Little-endian fields, typed (gen/util.h does the bytes). */
static inline void x86_put32(unsigned char *p, uint32_t v)
{
	cp_store_le(p, 4, v);
}

static inline void x86_put64(unsigned char *p, uint64_t v)
{
	cp_store_le(p, 8, v);
}

static inline uint16_t x86_get16(const unsigned char *p)
{
	return (uint16_t)cp_load_le(p, 2);
}

static inline uint32_t x86_get32(const unsigned char *p)
{
	return (uint32_t)cp_load_le(p, 4);
}

static inline uint64_t x86_get64(const unsigned char *p)
{
	return cp_load_le(p, 8);
}

#endif
