# SPDX-License-Identifier: MIT
#
# qemu-oldkernel.s - codepage-qemu's stand-in for what runs before the
# codepage on QEMU's q35 and pc machines. QEMU's Multiboot support loads it
# (standin32.inc) and enters _start in 32-bit protected mode, paging off.
# It leaves the CPU in one of two states (P_MMU: the --state index):
#   0 long       as Linux 6.1's relocate_kernel enters image->start:
#                64-bit mode on an identity map (2 MiB pages over the
#                first 8 GiB), GDTR and IDTR invalidated (limit 0), every
#                general register 0 but rsp (the top of a stack page),
#                interrupts off; placed: at the entry; list: rdi = the
#                list, rsi = a page list (ours holds garbage), rdx =
#                start, at the list entry (relocate_kernel's registers).
#   1 protected  as a bootloader's "go": 32-bit protected mode, paging
#                off, the firmware's flat segments; placed only.
# codepage-qemu links this with a generated params.s (oldkernel_params).

	.include "standin64.inc"
	.include "x86_64/standin32.inc"
	.equ	MAP_GIB, 8

	.globl	_start
_start:
	cli
	cld
	movl	$stack_top, %esp
	call	copy_in
	movl	$oldkernel_params, %esi
	cmpl	$1, P_MMU(%esi)
	jne	long_mode
	movl	P_CP_PA(%esi), %eax
	addl	P_ENTRY_OFF(%esi), %eax
	xorl	%ebx, %ebx
	xorl	%ecx, %ecx
	xorl	%edx, %edx
	xorl	%esi, %esi
	xorl	%edi, %edi
	xorl	%ebp, %ebp
	jmp	*%eax

long_mode:
	# an identity map as Linux's: a PML4, a PDPT, MAP_GIB directories
	movl	$pml4, %edi
	leal	4096 + 3(%edi), %eax	# PML4[0] -> the PDPT
	movl	%eax, (%edi)
	movl	$pdpt, %edi
	movl	$pd + 3, %eax
	movl	$MAP_GIB, %ecx
1:	movl	%eax, (%edi)
	addl	$8, %edi
	addl	$4096, %eax
	loop	1b
	movl	$pd, %edi
	movl	$0x83, %eax		# present, writable, 2 MiB
	xorl	%edx, %edx
	movl	$MAP_GIB * 512, %ecx
2:	movl	%eax, (%edi)
	movl	%edx, 4(%edi)
	addl	$8, %edi
	addl	$0x200000, %eax
	adcl	$0, %edx
	loop	2b
	movl	%cr4, %eax
	orl	$0x20, %eax		# PAE
	movl	%eax, %cr4
	movl	$pml4, %eax
	movl	%eax, %cr3
	movl	$0xc0000080, %ecx	# EFER.LME
	rdmsr
	orl	$0x100, %eax
	wrmsr
	lgdt	gdt_ptr
	movl	%cr0, %eax
	orl	$0x80000000, %eax
	movl	%eax, %cr0
	ljmp	$0x08, $3f
	.code64
3:	movl	$0x10, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	lgdt	no_table(%rip)		# as machine_kexec leaves them
	lidt	no_table(%rip)
	leaq	oldkernel_params(%rip), %rsi
	movq	P_CP_PA(%rsi), %r8
	addq	P_ENTRY_OFF(%rsi), %r8
	xorl	%edi, %edi
	xorl	%edx, %edx
	cmpq	$0, P_MODE(%rsi)
	je	4f
	movq	P_LIST(%rsi), %rdi
	movq	P_START(%rsi), %rdx
4:	leaq	stack_top - 8(%rip), %rsp
	pushq	%r8			# relocate_kernel returns into it
	movq	$0xdeadbeef000, %rsi	# its page list: not ours to read
	xorl	%eax, %eax
	xorl	%ebx, %ebx
	xorl	%ecx, %ecx
	xorl	%ebp, %ebp
	xorl	%r8d, %r8d
	xorl	%r9d, %r9d
	xorl	%r10d, %r10d
	xorl	%r11d, %r11d
	xorl	%r12d, %r12d
	xorl	%r13d, %r13d
	xorl	%r14d, %r14d
	xorl	%r15d, %r15d
	ret

	.data
	.balign	8
gdt:	.quad	0
	.quad	0x00af9a000000ffff	# 0x08: 64-bit code
	.quad	0x00cf92000000ffff	# 0x10: data
gdt_ptr:
	.word	gdt_ptr - gdt - 1
	.long	gdt
no_table:
	.word	0
	.quad	0

	.bss
	.balign	4096
pml4:	.space	4096
pdpt:	.space	4096
pd:	.space	MAP_GIB * 4096
	.space	4096
stack_top:
