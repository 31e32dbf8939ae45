@ SPDX-License-Identifier: MIT
@
@ preamble.s - the standard arm preamble: load r0..r12 from the plan and
@ jump to the destination in ARM state (lr carries the plan). Entered
@ with r0 = plan; see plan.inc for the state.

	.arch	armv7-a
	.syntax	unified
	.arm

	.include "plan.inc"

	.text
	.globl	preamble
preamble:
	mov	lr, r0
	add	r0, lr, #PLAN_REGS
	ldm	r0, {r0-r12}		@ r0 is loaded last: no writeback
	ldr	pc, [lr, #PLAN_ENTRY]
