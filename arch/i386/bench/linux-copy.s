# SPDX-License-Identifier: MIT
#
# linux-copy.s - the benchmark's i386 reference: a list-mode copier shaped
# like Linux 6.1's relocate_kernel_32 (arch/x86/kernel/relocate_kernel_32.S,
# swap_pages), with paging off: walk the indirection list and, for each
# source page, exchange it with its destination through a swap page, three
# rep movsl of 1024 longs (6.1 swaps every page, for kexec jump's sake,
# whether or not the context is preserved). Written here from that
# description; `make bench` runs it through codepage-qemu in place of the
# codepage, entered like the list entry: edi = list head (Linux's
# image->head), edx = start. Linux's swap page is a page of the image
# apart from the list; here it is segment 0's second page (the codepage's
# work area: zeros nothing checks), not a page past this code, which runs
# from a control page of one page. When done it powers the machine off.

	.text
	.code32
	.globl	_start
_start:
	jmp	done			# offset 0: placed entry (unused)
	.balign	8
	movl	%edi, %eax		# offset 8: list entry, edi = list head
	movl	%edx, %ebp		# edx: start, in segment 0's first page
	andl	$-4096, %ebp
	addl	$4096, %ebp		# ebp: the swap page
	xorl	%edi, %edi		# edi: destination
	jmp	dispatch
walk:
	movl	(%ebx), %eax
	addl	$4, %ebx
dispatch:
	movl	%eax, %edx
	andl	$-4096, %edx
	testb	$0x1, %al		# IND_DESTINATION
	jz	2f
	movl	%edx, %edi
	jmp	walk
2:	testb	$0x2, %al		# IND_INDIRECTION
	jz	3f
	movl	%edx, %ebx
	jmp	walk
3:	testb	$0x4, %al		# IND_DONE
	jnz	done
	testb	$0x8, %al		# IND_SOURCE
	jz	walk
	pushl	%edi			# destination -> swap, source ->
	pushl	%edx			# destination, swap -> source
	movl	%edi, %esi
	movl	%ebp, %edi
	movl	$1024, %ecx
	rep movsl
	movl	(%esp), %esi
	movl	4(%esp), %edi
	movl	$1024, %ecx
	rep movsl
	popl	%edi
	movl	%ebp, %esi
	movl	$1024, %ecx
	rep movsl
	popl	%edi
	addl	$4096, %edi		# the next destination page
	jmp	walk
done:
	.include "poweroff.inc"
