// SPDX-License-Identifier: MIT
//
// my-preamble.s - an example arm64 custom preamble for a made-up OS whose
// entry wants x0 = 0x4d4b4350 ("MKCP"), x1 = its device tree, x2 = where
// the plan is, x3 = 0. Entered with x0 = the plan (see plan.inc); it must
// jump itself, PC-relatively written.

	.include "plan.inc"

	.text
	.globl	preamble
preamble:
	mov	x2, x0
	ldr	x9, [x2, #PLAN_ENTRY]
	ldr	x1, [x2, #PLAN_REGS]	// registers { x0 } of the description
	movz	x0, #0x4350
	movk	x0, #0x4d4b, lsl #16
	mov	x3, xzr
	br	x9
