# SPDX-License-Identifier: MIT
# A custom preamble that is position-independent: only PC-relative
# references (REL24, REL16_HA/LO). mkcodepage must accept it.
	.include "plan.inc"
	.text
	.globl	preamble
preamble:
	bcl	20, 31, 1f
1:	mflr	r5
	addis	r5, r5, (value - 1b)@ha
	lwz	r5, (value - 1b)@l(r5)
	lwz	r4, PLAN_ENTRY(r3)
	mtctr	r4
	li	r3, 0
	bctr
	.data
value:	.long	0x600dcafe
