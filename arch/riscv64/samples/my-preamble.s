# SPDX-License-Identifier: MIT
#
# my-preamble.s - an example riscv64 custom preamble for a made-up OS whose
# entry wants a0 = 0x4d4b4350 ("MKCP"), a1 = the hart id, a2 = its device
# tree, a3 = 0. Entered with a0 = the plan and a1 = the hart id (see
# plan.inc); it jumps itself, written PC-relatively.

	.include "plan.inc"

	.text
	.globl	preamble
preamble:
	ld	t0, PLAN_ENTRY(a0)
	ld	a2, PLAN_REGS + 8 * 10(a0)	# registers { a1 } (x11)
	li	a0, 0x4d4b4350
	li	a3, 0
	jr	t0
