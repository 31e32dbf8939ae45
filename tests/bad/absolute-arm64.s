// SPDX-License-Identifier: MIT
// An arm64 preamble that is NOT position-independent: MOVW_UABS and ABS64.
	.text
	.globl	preamble
preamble:
	movz	x0, #:abs_g1:here
	movk	x0, #:abs_g0_nc:here
	br	x0
here:	b	.
	.data
table:	.quad	here
