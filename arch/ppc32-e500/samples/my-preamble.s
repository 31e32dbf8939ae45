# SPDX-License-Identifier: MIT
#
# my-preamble.s - an example custom preamble for a made-up OS whose entry
# wants r3 = 0x4d4b4350 ("MKCP"), r4 = its device tree, r5 = the tree's
# size, r6 = where the plan is; everything else 0. It is entered with
# r3 = the plan (see plan.inc for the state) and must jump itself. Write it
# PC-relative: mkcodepage rejects any absolute relocation.

	.include "plan.inc"

	.text
	.globl	preamble
preamble:
	mr	r6, r3
	lwz	r0, PLAN_ENTRY(r6)
	mtctr	r0
	lwz	r4, PLAN_REGS + 4 * 3(r6)	# registers { r3 } of the description
	lwz	r5, PLAN_REGS + 4 * 4(r6)	# registers { r4 }
	lis	r3, 0x4d4b
	ori	r3, r3, 0x4350
	li	r0, 0
	li	r7, 0
	li	r8, 0
	li	r9, 0
	bctr				# MSR stays 0, as the trampoline left it
