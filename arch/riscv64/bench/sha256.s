# SPDX-License-Identifier: MIT
#
# riscv64-sha256.s - the stub of make bench's SHA-256 yardstick
# (sha256-ref.c). Entered like the codepage's list entry (a0 = list head)
# in S-mode at physical addresses: a stack, the round constants and room
# for the digests for the C code, then an SBI shutdown.

	.equ	SHA_PAGES, 32		# hashed: 128 KiB (bench.sh divides by it)

	.text
	.option	norvc
	.globl	_start
_start:
	j	1f			# offset 0: placed entry (unused)
	nop
1:	lla	sp, stack_top		# offset 8: list entry, a0 = list head
	li	a1, 0			# pages at their physical addresses
	lla	a2, sha256_k
	lla	a3, digests
	li	a4, SHA_PAGES
	call	sha256_walk
	.include "poweroff.inc"

	.include "sha256-data.inc"
