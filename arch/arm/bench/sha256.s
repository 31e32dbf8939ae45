@ SPDX-License-Identifier: MIT
@
@ arm-sha256.s - the stub of make bench's SHA-256 yardstick
@ (sha256-ref.c). Entered like the codepage's list entry (r0 = list head)
@ with the MMU off in SVC mode: a stack, the round constants and room for
@ the digests for the C code, then QEMU powered off.

	.arch	armv7-a
	.syntax	unified
	.arm

	.equ	SHA_PAGES, 32		@ hashed: 128 KiB (bench.sh divides by it)

	.text
	.globl	_start
_start:
	b	1f			@ offset 0: placed entry (unused)
	nop
1:	adr	sp, stack_top		@ offset 8: list entry, r0 = list head
	mov	r1, #0			@ pages at their physical addresses
	adr	r2, sha256_k
	adr	r3, digests
	mov	r4, #SHA_PAGES
	push	{r4}			@ the fifth argument, on the stack
	bl	sha256_walk
	.include "poweroff.inc"

	.include "sha256-data.inc"
