# SPDX-License-Identifier: MIT
# A riscv64 preamble that is NOT position-independent: HI20/LO12 and 64.
	.text
	.globl	preamble
preamble:
	lui	a0, %hi(here)
	addi	a0, a0, %lo(here)
	jr	a0
here:	j	.
	.data
table:	.dword	here
