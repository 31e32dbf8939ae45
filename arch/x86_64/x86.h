/* SPDX-License-Identifier: MIT */
/*
 * x86.h - what the x86_64 and i386 rows share (arch/x86_64/backend.c and
 * arch/i386/backend.c hold them): their kernel formats and the protocol
 * data built for them.
 */
#ifndef X86_H
#define X86_H

#include "arch.h"
#include "plan.h"

/* bzimage.c: the Linux x86 boot protocol (protocol linux-x86) */
extern const struct cp_image_format x86_bzimage;
int x86_linux_boot_params(struct cp_plan *plan);

/* multiboot.c: protocols multiboot and multiboot2 */
extern const struct cp_image_format x86_multiboot, x86_multiboot2;
int x86_multiboot_info(struct cp_plan *plan);

/* bootinfo.c: the formats, each bound to its protocol (a Multiboot
 * header in an ELF kernel matters under protocol multiboot alone), and
 * the protocol data mkcodepage builds, by plan->protocol */
extern const struct cp_image_format *const x86_image_formats[];
int x86_protocol_data(struct cp_plan *plan);

#endif
