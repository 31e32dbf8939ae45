# SPDX-License-Identifier: MIT
#
# sha256.s - the x86_64 stub of make bench's SHA-256 yardstick
# (tools/bench/sha256-ref.c). Entered like the codepage's list entry (rdi =
# list head) in 64-bit mode on an identity map: a stack, the round
# constants and room for the digests for the C code, then power-off.

	.equ	SHA_PAGES, 32		# hashed: 128 KiB (bench.sh divides by it)

	.text
	.code64
	.globl	_start
_start:
	jmp	1f			# offset 0: placed entry (unused)
	.balign	8
1:	leaq	stack_top(%rip), %rsp	# offset 8: list entry, rdi = list head
	xorl	%esi, %esi		# pages at their physical addresses
	leaq	sha256_k(%rip), %rdx
	leaq	digests(%rip), %rcx
	movl	$SHA_PAGES, %r8d
	call	sha256_walk
	.include "poweroff.inc"

	.include "sha256-data.inc"
