/* SPDX-License-Identifier: MIT */
/*
 * fit.h - U-Boot FIT images (.itb; U-Boot's doc/usage/fit/source_file_format)
 * as the source of the kernel and of segments: a configuration (named, or
 * /configurations:default) names the images for each role ("kernel",
 * "fdt", "ramdisk"); each image's data (embedded, or external at
 * data-offset / data-position) is checked against its hash nodes
 * (fithash.h), unpacked when its compression says so (decompress.h), and
 * comes with its load and entry addresses. Read with libfdt after
 * cp_fdt_sane(): the file is input like any other.
 */
#ifndef CP_FIT_H
#define CP_FIT_H

#include <stddef.h>
#include <stdint.h>

#include "arch.h"
#include "plan.h"

/* Whether LEN bytes at BUF are a FIT image: a tree with /images. */
int cp_fit_recognize(const unsigned char *buf, size_t len);

/*
 * Take from the FIT image FILE (LEN bytes, read from PATH) what the
 * description asks for (plan->req): the kernel of its configuration
 * (kernel { configuration }, else the default), into *KERNEL and
 * *KERNEL_LEN, its load and entry into plan->req.kernel unless the
 * description gives them; and for each segment with fit = "ROLE", the
 * configuration's image of that role as the segment's data, its load
 * unless the segment gives one. Images must be of the plan's arch; none
 * may unpack to more than the plan's memory. 0, or -1 after reporting.
 */
int cp_fit_take(struct cp_plan *plan, const unsigned char *file, size_t len,
		const char *path, unsigned char **kernel, size_t *kernel_len);

#endif
