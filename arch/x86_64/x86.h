/* SPDX-License-Identifier: MIT */
/*
 * x86.h - the x86_64 backend's parts (backend.c holds the row): its
 * kernel formats and the protocol data built for them.
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

#endif
