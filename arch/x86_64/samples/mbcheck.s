# SPDX-License-Identifier: MIT
#
# mbcheck.s - a Multiboot and Multiboot2 kernel (both headers; an i386
# ELF, no address fields) that prints the information structure it is
# handed, so that a test can compare it with the description:
#
#   mbcheck: magic=0x2badb002 (or 0x36d76289)
#   mbcheck: flags=0x...                                (Multiboot only)
#   mbcheck: lower=0x... upper=0x...                    (KiB)
#   mbcheck: cmdline=TEXT
#   mbcheck: loader=TEXT
#   mbcheck: module 0xSTART-0xEND TEXT                  (each module)
#   mbcheck: mmap 0xBASE 0xLENGTH type=0x...            (each entry)
#   mbcheck: done
# on COM1, then ACPI soft-off (0x604 on q35, 0xb004 on pc). Its
# Multiboot2 header requires the tags mkcodepage gives and page-aligned
# modules, so a loader that cannot give them must refuse it.

	.equ	COM1, 0x3f8
	.equ	MB1_MAGIC, 0x1badb002
	.equ	MB1_FLAGS, 0x3			# page-aligned modules, memory
	.equ	MB2_MAGIC, 0xe85250d6

	.macro	say label
	movl	$\label, %esi
	call	puts
	.endm

	.text
	.code32
	.balign	8
mb1_header:
	.long	MB1_MAGIC, MB1_FLAGS, -(MB1_MAGIC + MB1_FLAGS)
	.balign	8
mb2_header:
	.long	MB2_MAGIC, 0, mb2_end - mb2_header
	.long	-(MB2_MAGIC + (mb2_end - mb2_header))
	.short	1, 0				# information request, required:
	.long	8 + 4 * 5			# cmdline, loader, module,
	.long	1, 2, 3, 4, 6			# meminfo, mmap
	.balign	8
	.short	6, 0				# modules page-aligned
	.long	8
	.short	0, 0				# end
	.long	8
mb2_end:

	.globl	_start
_start:
	movl	%eax, magic
	movl	%ebx, info
	movl	$stack_top, %esp
	say	s_magic
	movl	magic, %eax
	call	puthex
	call	newline
	movl	info, %ebx
	cmpl	$0x2badb002, magic
	je	mb1_walk
	cmpl	$0x36d76289, magic
	je	mb2_walk
	jmp	done

mb1_walk:
	say	s_flags
	movl	(%ebx), %eax
	call	puthex
	call	newline
	movl	4(%ebx), %eax
	movl	8(%ebx), %edx
	call	memory
	testl	$0x4, (%ebx)
	jz	1f
	movl	16(%ebx), %edi
	call	cmdline
1:	testl	$0x200, (%ebx)
	jz	2f
	movl	64(%ebx), %edi
	call	loader
2:	testl	$0x8, (%ebx)
	jz	4f
	movl	20(%ebx), %ecx
	movl	24(%ebx), %edi
3:	jecxz	4f
	movl	(%edi), %eax
	movl	4(%edi), %edx
	movl	8(%edi), %esi
	call	module
	addl	$16, %edi
	decl	%ecx
	jmp	3b
4:	testl	$0x40, (%ebx)
	jz	done
	movl	48(%ebx), %edi			# each entry: size, then it
	movl	44(%ebx), %ecx
	addl	%edi, %ecx
5:	cmpl	%ecx, %edi
	jae	done
	leal	4(%edi), %esi
	call	mmap
	addl	(%edi), %edi
	addl	$4, %edi
	jmp	5b

mb2_walk:
	leal	8(%ebx), %edi			# the first tag
1:	movl	(%edi), %eax
	testl	%eax, %eax
	jz	done
	cmpl	$1, %eax
	jne	2f
	pushl	%edi
	addl	$8, %edi
	call	cmdline
	popl	%edi
2:	cmpl	$2, (%edi)
	jne	3f
	pushl	%edi
	addl	$8, %edi
	call	loader
	popl	%edi
3:	cmpl	$3, (%edi)
	jne	4f
	leal	16(%edi), %esi
	movl	8(%edi), %eax
	movl	12(%edi), %edx
	call	module
4:	cmpl	$4, (%edi)
	jne	5f
	movl	8(%edi), %eax
	movl	12(%edi), %edx
	call	memory
5:	cmpl	$6, (%edi)
	jne	7f
	leal	16(%edi), %esi			# entries of entry_size bytes
6:	movl	%edi, %eax
	addl	4(%edi), %eax
	cmpl	%eax, %esi
	jae	7f
	call	mmap
	addl	8(%edi), %esi
	jmp	6b
7:	movl	4(%edi), %eax			# the next tag, 8-aligned
	addl	$7, %eax
	andl	$-8, %eax
	addl	%eax, %edi
	jmp	1b

done:	say	s_done
	call	newline
	movw	$0x2000, %ax			# SLP_EN, S5 as QEMU's PM has it
	movw	$0x604, %dx
	outw	%ax, %dx
	movw	$0xb004, %dx
	outw	%ax, %dx
1:	hlt
	jmp	1b

memory:	# eax = lower, edx = upper
	pushl	%edx
	pushl	%eax
	say	s_lower
	popl	%eax
	call	puthex
	say	s_upper
	popl	%eax
	call	puthex
	jmp	newline

cmdline: # edi = string
	say	s_cmdline
	movl	%edi, %esi
	call	puts
	jmp	newline

loader:	# edi = string
	say	s_loader
	movl	%edi, %esi
	call	puts
	jmp	newline

module:	# eax = start, edx = end, esi = string
	pushl	%esi
	pushl	%edx
	pushl	%eax
	say	s_module
	popl	%eax
	call	puthex
	movb	$'-', %al
	call	putc
	popl	%eax
	call	puthex
	movb	$' ', %al
	call	putc
	popl	%esi
	call	puts
	jmp	newline

mmap:	# esi = base (u64), length (u64), type (u32)
	pushl	%esi
	say	s_mmap
	popl	%esi
	movl	4(%esi), %eax
	movl	(%esi), %edx
	call	puthex64
	movb	$' ', %al
	call	putc
	movl	12(%esi), %eax
	movl	8(%esi), %edx
	call	puthex64
	pushl	%esi
	say	s_type
	popl	%esi
	movl	16(%esi), %eax
	call	puthex
	jmp	newline

puthex64: # eax = high, edx = low: 0x and sixteen digits
	pushl	%edx
	call	puthex
	popl	%edx
	pushl	%ecx
	movl	$32, %ecx
1:	subl	$4, %ecx
	movl	%edx, %eax
	shrl	%cl, %eax
	andl	$0xf, %eax
	movb	digits(%eax), %al
	pushl	%edx
	call	putc
	popl	%edx
	testl	%ecx, %ecx
	jnz	1b
	popl	%ecx
	ret

	.include "console32.inc"

	.section .rodata, "a"
s_magic: .asciz	"mbcheck: magic="
s_flags: .asciz	"mbcheck: flags="
s_lower: .asciz	"mbcheck: lower="
s_upper: .asciz	" upper="
s_cmdline: .asciz "mbcheck: cmdline="
s_loader: .asciz "mbcheck: loader="
s_module: .asciz "mbcheck: module "
s_mmap:	.asciz	"mbcheck: mmap "
s_type:	.asciz	" type="
s_done:	.asciz	"mbcheck: done"
digits: .ascii	"0123456789abcdef"

	.bss
	.balign	16
magic:	.space	4
info:	.space	4
	.space	4096
stack_top:
