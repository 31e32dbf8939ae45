/* SPDX-License-Identifier: MIT */
/*
 * pic.h - build a piece of target code that must run wherever it is put
 * (the codepage, the blob's mover, whatever comes next) and prove it
 * position-independent, the same way for each:
 *   1. every object's relocations classified before the link
 *      (relocchk.h), so an absolute reference is named in the source it
 *      comes from;
 *   2. every link's relocations classified (--emit-relocs keeps them);
 *   3. two links at different addresses compared byte for byte.
 * The user decides where the links go (the codepage learns its size from
 * the first before it is placed) and what each link must define.
 */
#ifndef CP_PIC_H
#define CP_PIC_H

#include <stdint.h>

#include "arch.h"
#include "image.h"
#include "link.h"
#include "util.h"

struct cp_pic {
	const struct cp_toolchain *tc;
	const struct cp_arch *arch;
	const char *datadir, *workdir;
	const char *what; /* "the codepage", for messages */
	struct cp_strlist objs, srcs; /* srcs: what each object came from */
};

/* Assemble src into the work directory as obj_name and add it; deps (or
 * NULL): where the files it .includes go. 0 or -1 (reported). */
int cp_pic_assemble(struct cp_pic *p, const char *src, const char *obj_name,
		    struct cp_strlist *deps);

/* Add an object built elsewhere (a custom preamble given as .o). */
void cp_pic_add(struct cp_pic *p, const char *obj);

/* Take the last object added away (it is about to be assembled again). */
void cp_pic_drop_last(struct cp_pic *p);

/* Step 1: every object's relocations. 0, or -1 with each bad one
 * reported. */
int cp_pic_check_objects(const struct cp_pic *p);

/*
 * Link every object at base into the work directory as name, read its
 * image and the value of each of syms (NULL-ended; values may be NULL when
 * there are none) and, with check, its relocations (step 2). 0 or -1
 * (reported).
 */
int cp_pic_link(const struct cp_pic *p, uint64_t base, const char *name,
		const char *const *syms, uint64_t *values, int check,
		struct cp_image *img);

/* Step 3: two links of it, at two different addresses, are the same
 * bytes; else [not-pic] at elf_name. 0 or -1. */
int cp_pic_same(const struct cp_pic *p, const struct cp_image *a,
		const struct cp_image *b, const char *elf_name);

/* The path of name in the work directory (free it). */
char *cp_pic_path(const struct cp_pic *p, const char *name);

void cp_pic_free(struct cp_pic *p);

#endif
