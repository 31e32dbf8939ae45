# SPDX-License-Identifier: MIT
#
# sha256.s - the i386 stub of make bench's SHA-256 yardstick
# (tools/bench/sha256-ref.c). Entered like the codepage's list entry (edi
# = list head) in 32-bit protected mode, paging off: a stack, the round
# constants and room for the digests for the C code (its arguments on the
# stack, cdecl), then power-off.

	.equ	SHA_PAGES, 32		# hashed: 128 KiB (bench.sh divides by it)

	.text
	.code32
	.globl	_start
_start:
	jmp	1f			# offset 0: placed entry (unused)
	.balign	8
1:	call	2f			# offset 8: list entry, edi = list head
2:	popl	%ebx
	leal	stack_top - 2b(%ebx), %esp
	pushl	$SHA_PAGES
	leal	digests - 2b(%ebx), %eax
	pushl	%eax
	leal	sha256_k - 2b(%ebx), %eax
	pushl	%eax
	pushl	$0			# pages at their physical addresses
	pushl	%edi
	call	sha256_walk
	.include "poweroff.inc"

	.include "sha256-data.inc"
