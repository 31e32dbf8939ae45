// SPDX-License-Identifier: MIT
//
// arm64-sha256.s - the stub of make bench's SHA-256 yardstick
// (sha256-ref.c). Entered like the codepage's list entry (x0 = list head)
// with the MMU off at EL1: a stack, the round constants and room for the
// digests for the C code, then QEMU powered off.

	.equ	SHA_PAGES, 32		// hashed: 128 KiB (bench.sh divides by it)

	.text
	.globl	_start
_start:
	b	1f			// offset 0: placed entry (unused)
	nop
1:	adr	x9, stack_top		// offset 8: list entry, x0 = list head
	mov	sp, x9
	mov	x1, xzr			// pages at their physical addresses
	adr	x2, sha256_k
	adr	x3, digests
	mov	x4, #SHA_PAGES
	bl	sha256_walk
	.include "poweroff.inc"

	.include "sha256-data.inc"
