# SPDX-License-Identifier: MIT
#
# linux-copy.s - the benchmark's x86_64 reference: a list-mode copier
# shaped like Linux 6.1's relocate_kernel (arch/x86/kernel/
# relocate_kernel_64.S, swap_pages): walk the indirection list and, for
# each source page, exchange it with its destination through a swap page,
# three rep movsq of 512 quadwords (6.1 swaps every page, for kexec jump's
# sake, whether or not the context is preserved). Written here from that
# description; `make bench` runs it through codepage-qemu in place of the
# codepage, entered like the list entry: rdi = list head (Linux's
# image->head), rdx = start. Linux's swap page is a page of the image
# apart from the list; here it is segment 0's second page (the codepage's
# work area: zeros nothing checks), not a page past this code, which runs
# from a control page of one page. When done it powers the machine off.

	.text
	.code64
	.globl	_start
_start:
	jmp	done			# offset 0: placed entry (unused)
	.balign	8
	movq	%rdi, %rax		# offset 8: list entry, rdi = list head
	movq	%rdx, %r10		# rdx: start, in segment 0's first page
	andq	$-4096, %r10
	addq	$4096, %r10		# r10: the swap page
	xorl	%edi, %edi		# rdi: destination
	jmp	dispatch
walk:
	movq	(%rbx), %rax
	addq	$8, %rbx
dispatch:
	movq	%rax, %rdx
	andq	$-4096, %rdx
	testb	$0x1, %al		# IND_DESTINATION
	jz	1f
	movq	%rdx, %rdi
	jmp	walk
1:	testb	$0x2, %al		# IND_INDIRECTION
	jz	2f
	movq	%rdx, %rbx
	jmp	walk
2:	testb	$0x4, %al		# IND_DONE
	jnz	done
	testb	$0x8, %al		# IND_SOURCE
	jz	walk
	movq	%rdi, %r8		# destination -> swap, source ->
	movq	%rdx, %r9		# destination, swap -> source
	movq	%r10, %rdi
	movq	%r8, %rsi
	movl	$512, %ecx
	rep movsq
	movq	%r8, %rdi
	movq	%r9, %rsi
	movl	$512, %ecx
	rep movsq
	movq	%r9, %rdi
	movq	%r10, %rsi
	movl	$512, %ecx
	rep movsq
	leaq	4096(%r8), %rdi		# the next destination page
	jmp	walk
done:
	.include "poweroff.inc"

