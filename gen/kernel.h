/* SPDX-License-Identifier: MIT */
/*
 * kernel.h - read the destination kernel into plan segments.
 *
 * An ELF kernel (read with libelf) gives one segment per PT_LOAD at its
 * physical address p_paddr (PT_LOADs sharing a page are merged), and its
 * entry is e_entry translated to physical through the PT_LOAD that holds it.
 * The ELF's machine, class and byte order must match the arch. A file in
 * one of the arch's image formats (its row's image_formats: arm64 and riscv
 * "Image", gen/kimage.h) is placed by that format's hook; a file in another
 * arch's format is refused. Any other file is a raw image, accepted when
 * the description's kernel node gives load and entry.
 */
#ifndef CP_KERNEL_H
#define CP_KERNEL_H

#include "plan.h"

/*
 * Place the kernel FILE (LEN bytes, read from PATH; taken and freed).
 * A compressed kernel (vmlinuz, Image.gz, .xz, .zst, .lz4) is unpacked
 * first, in memory, to at most the memory the plan has (decompress.h).
 * Returns 0, or -1 after reporting why the kernel was rejected.
 */
int cp_kernel_load(struct cp_plan *plan, const char *path, unsigned char *file,
		   size_t len);

/*
 * For image formats: the lowest align-aligned base whose [base + off,
 * + size) lies in memory clear of every segment so far ("as close as
 * possible to the base of DRAM"), as *load = base + off. 0, or -1 if none.
 */
int cp_kernel_place(const struct cp_plan *plan, uint64_t align, uint64_t off,
		    uint64_t size, uint64_t *load);

/*
 * For image formats: add the kernel as segment kernel.0, len bytes at
 * load (not page-aligned: the page is padded), memsz bytes of memory
 * from load reserved. The segment, or NULL (reported).
 */
struct cp_segment *cp_kernel_add_image(struct cp_plan *plan, uint64_t load,
				       const unsigned char *bytes, size_t len,
				       uint64_t memsz,
				       const struct cp_loc *loc);

/* The same, reserving memory from from (at or below load) up as well:
 * what the image writes below itself (arm's zImage: the kernel's first
 * page tables). */
struct cp_segment *cp_kernel_add_image_from(struct cp_plan *plan, uint64_t from,
					    uint64_t load,
					    const unsigned char *bytes,
					    size_t len, uint64_t memsz,
					    const struct cp_loc *loc);

/*
 * For image formats whose files are ELF (Multiboot): place an ELF kernel
 * as above, taking also an ELF of identity also (NULL: the arch's only).
 */
int cp_kernel_load_elf(struct cp_plan *plan, const unsigned char *file,
		       size_t len, const struct cp_elf_identity *also,
		       const struct cp_loc *loc);

#endif
