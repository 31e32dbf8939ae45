# SPDX-License-Identifier: MIT
# A custom preamble that is NOT position-independent: absolute addresses of
# its own labels (ADDR16_HA/LO, ADDR32, ADDR24). mkcodepage must refuse it.
	.text
	.globl	preamble
preamble:
	lis	r4, here@ha
	addi	r4, r4, here@l
	mtctr	r4
	bctr
here:	ba	preamble
	.data
table:	.long	here
