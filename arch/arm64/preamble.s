// SPDX-License-Identifier: MIT
//
// preamble.s - the standard arm64 preamble: load x0..x29 from the plan and
// branch to the destination (x30 carries the entry). Entered with x0 = the
// plan's physical address; see plan.inc for the state.

	.include "plan.inc"

	.text
	.globl	preamble
preamble:
	add	x30, x0, #PLAN_REGS
	ldp	x2, x3, [x30, #16]
	ldp	x4, x5, [x30, #32]
	ldp	x6, x7, [x30, #48]
	ldp	x8, x9, [x30, #64]
	ldp	x10, x11, [x30, #80]
	ldp	x12, x13, [x30, #96]
	ldp	x14, x15, [x30, #112]
	ldp	x16, x17, [x30, #128]
	ldp	x18, x19, [x30, #144]
	ldp	x20, x21, [x30, #160]
	ldp	x22, x23, [x30, #176]
	ldp	x24, x25, [x30, #192]
	ldp	x26, x27, [x30, #208]
	ldp	x28, x29, [x30, #224]
	ldp	x0, x1, [x30]
	ldur	x30, [x30, #PLAN_ENTRY - PLAN_REGS]
	br	x30
