/* SPDX-License-Identifier: MIT */
/*
 * kernel.h - read the destination kernel into plan segments.
 *
 * An ELF kernel (read with libelf) gives one segment per PT_LOAD at its
 * physical address p_paddr (PT_LOADs sharing a page are merged), and its
 * entry is e_entry translated to physical through the PT_LOAD that holds it.
 * The ELF's machine, class and byte order must match the arch. A kernel
 * "Image" of the arch (arm64, riscv: struct cp_image_format) is placed by
 * its header: text_offset above the lowest aligned base in memory clear of
 * the description's segments (read those first), image_size reserved;
 * another arch's Image is refused. Any other file is a raw image, accepted
 * when the description's kernel node gives load and entry.
 */
#ifndef CP_KERNEL_H
#define CP_KERNEL_H

#include "desc.h"
#include "plan.h"

/*
 * A gzip-compressed kernel (vmlinuz as many distributions ship it) is
 * unpacked first, in memory, to at most the memory the plan has
 * (decompress.h).
 * Returns 0, or -1 after reporting why the kernel was rejected.
 */
int cp_kernel_load(struct cp_plan *plan, const char *path,
		   const struct cp_desc *desc);

#endif
