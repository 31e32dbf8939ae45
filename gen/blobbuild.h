/* SPDX-License-Identifier: MIT */
/*
 * blobbuild.h - build a blob (--blob): the arch's mover (arch/<arch>/
 * mover.s) with its header, proven position-independent, and every
 * segment of the plan packed after it (blob.h has the layout).
 */
#ifndef CP_BLOBBUILD_H
#define CP_BLOBBUILD_H

#include <stddef.h>

#include "image.h"
#include "link.h"
#include "plan.h"
#include "util.h"

/* What a build needs of mkcodepage's run. */
struct cp_blob_env {
	const struct cp_toolchain *tc;
	const char *datadir, *workdir;
	struct cp_strlist *deps; /* the mover's sources are added */
};

/*
 * The blob of plan, whose codepage is codepage: *bytes (malloc'd) of *len.
 * 0, or -1 (reported: no mover for the arch, a layout that cannot be
 * moved, an assembler or linker failure, an absolute relocation).
 */
int cp_blob_build(const struct cp_blob_env *e, const struct cp_plan *plan,
		  const struct cp_image *codepage, unsigned char **bytes,
		  size_t *len);

#endif
