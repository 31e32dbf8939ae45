/* SPDX-License-Identifier: MIT */
/*
 * arm.h - what arch/arm's files share: its image formats and the boot
 * data its protocols build.
 */
#ifndef ARM_ARM_H
#define ARM_ARM_H

#include "arch.h"
#include "plan.h"

/* The zImage (kernel.0 placed as booting.rst and its header say). */
extern const struct cp_image_format arm_zimage;

/* Protocol linux-arm-atags: segment "atags" (atags.c); 0 or -1. */
int arm_atags(struct cp_plan *plan);

#endif
