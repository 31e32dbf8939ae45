# SPDX-License-Identifier: MIT
#
# qemu-oldkernel.s - codepage-qemu's stand-in for what runs before an i386
# codepage on QEMU's q35 and pc machines. QEMU's Multiboot support loads
# it (arch/x86_64/standin32.inc) and enters _start in 32-bit protected
# mode, paging off. It leaves the CPU as Linux 6.1's relocate_kernel_32
# enters image->start, which is also what a bootloader's "go" leaves:
# 32-bit protected mode, paging off, flat segments (their descriptors
# cached, GDTR and IDTR invalidated: limit 0, as machine_kexec leaves
# them), interrupts off, every general register 0 but esp (the top of a
# stack page); placed: at the entry; list: edi = the list, esi = a page
# list (ours holds garbage), edx = start, at the list entry (the list
# entry's registers, x86_64's).
# codepage-qemu links this with a generated params.s (oldkernel_params).

	.include "standin64.inc"
	.include "x86_64/standin32.inc"

	.globl	_start
_start:
	cli
	cld
	movl	$stack_top, %esp
	call	copy_in
	lgdt	no_table
	lidt	no_table
	movl	$oldkernel_params, %esi
	movl	P_CP_PA(%esi), %eax
	addl	P_ENTRY_OFF(%esi), %eax
	xorl	%edi, %edi
	xorl	%edx, %edx
	cmpl	$0, P_MODE(%esi)
	je	1f
	movl	P_LIST(%esi), %edi
	movl	P_START(%esi), %edx
1:	movl	$0xdeadb000, %esi	# its page list: not ours to read
	xorl	%ebx, %ebx
	xorl	%ecx, %ecx
	xorl	%ebp, %ebp
	jmp	*%eax

	.data
	.balign	8
no_table:
	.word	0
	.long	0

	.bss
	.balign	4096
	.space	4096
stack_top:
