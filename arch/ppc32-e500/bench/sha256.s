# SPDX-License-Identifier: MIT
#
# ppc32-e500-sha256.s - the stub of make bench's SHA-256 yardstick
# (sha256-ref.c). Entered like the codepage's list entry (r3 = list head)
# through the stand-in's linear map (PA 0..256 MiB at 0xc0000000, where
# the benchmark keeps every page): a stack, the round constants and room
# for the digests for the C code, then QEMU powered off.

	.equ	SHA_PAGES, 32		# hashed: 128 KiB (bench.sh divides by it)

	.text
	.globl	_start
_start:
	b	1f			# offset 0: placed entry (unused)
	nop
	b	1f			# offset 8: list entry, r3 = list head
1:	bcl	20, 31, 2f
2:	mflr	r9
	addis	r1, r9, (stack_top - 2b)@ha
	addi	r1, r1, (stack_top - 2b)@l
	addis	r5, r9, (sha256_k - 2b)@ha
	addi	r5, r5, (sha256_k - 2b)@l
	addis	r6, r9, (digests - 2b)@ha
	addi	r6, r6, (digests - 2b)@l
	li	r7, SHA_PAGES
	lis	r4, 0xc000		# the linear map's offset
	li	r0, 0
	stwu	r0, -16(r1)		# an empty back chain
	bl	sha256_walk
	.include "poweroff.inc"

	.include "sha256-data.inc"
