@ SPDX-License-Identifier: MIT
@
@ my-preamble.s - an example arm custom preamble for a made-up OS whose
@ entry wants r0 = 0x4d4b4350 ("MKCP"), r1 = its device tree, r2 = where
@ the plan is, r3 = 0. Entered with r0 = the plan (see plan.inc); it must
@ jump itself, PC-relatively written.

	.arch	armv7-a
	.syntax	unified
	.arm

	.include "plan.inc"

	.text
	.globl	preamble
preamble:
	mov	r2, r0
	ldr	r12, [r2, #PLAN_ENTRY]
	ldr	r1, [r2, #PLAN_REGS]	@ registers { r0 } of the description
	movw	r0, #0x4350
	movt	r0, #0x4d4b
	mov	r3, #0
	bx	r12
