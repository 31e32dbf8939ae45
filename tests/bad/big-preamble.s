# SPDX-License-Identifier: MIT
# big-preamble.s - a preamble with 1 KiB of data (big-codepage.dts): it
# jumps to the destination, the bytes after it are never run.

	.include "plan.inc"

	.text
	.globl	preamble
preamble:
	lwz	r0, PLAN_ENTRY(r3)
	mtctr	r0
	bctr
	.space	1024
