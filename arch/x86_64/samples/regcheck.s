# SPDX-License-Identifier: MIT
#
# regcheck.s - a tiny x86_64 destination for QEMU's q35 and pc machines
# that reports how it was entered, like the other samples: the mode
# (64-bit, paging, PAE), CS, the interrupt flag, rax .. rdi, rbp and rsp,
# and whether every loaded byte arrived. Entered in 64-bit mode on an
# identity map (Linux's 64-bit boot protocol) at _start.
#
#   regcheck: pc=0x... mode=64 cs=0x.... if=N
#   regcheck: rax=0x... rbx=0x... rcx=0x... rdx=0x...
#   regcheck: rsi=0x... rdi=0x... rbp=0x... rsp=0x...
#   regcheck: payload=ok|bad bss=ok|bad sum=0x...
#   regcheck: PASS|FAIL
# then ACPI soft-off (QEMU's PM1a control: 0x604 on q35, 0xb004 on pc).

	.include "regcheck-data.inc"

	.macro	say label
	leaq	\label(%rip), %rsi
	call	puts
	.endm
	.macro	hex reg
	movq	\reg, %rax
	call	puthex
	.endm
	# the text s_NAME ("regcheck: rax="), then the register saved at OFF
	.macro	showreg name, off
	say	s_\name
	hex	saved + \off(%rip)
	.endm

	.text
	.code64
	.globl	_start
_start:
	movq	%rax, saved + 0(%rip)	# keep the entry registers
	movq	%rbx, saved + 8(%rip)
	movq	%rcx, saved + 16(%rip)
	movq	%rdx, saved + 24(%rip)
	movq	%rsi, saved + 32(%rip)
	movq	%rdi, saved + 40(%rip)
	movq	%rbp, saved + 48(%rip)
	movq	%rsp, saved + 56(%rip)
	leaq	stack_top(%rip), %rsp	# a stack of our own before pushfq
	pushfq
	popq	saved + 64(%rip)
	movw	%cs, saved + 72(%rip)
	xorl	%r15d, %r15d		# failures

	say	s_pc
	leaq	_start(%rip), %rax
	call	puthex
	say	s_mode			# CR0.PG and long mode: how we run
	movq	%cr4, %rax
	andl	$0x20, %eax		# PAE
	jz	1f
	say	s_64
	jmp	2f
1:	say	s_other
2:	say	s_cs
	movzwl	saved + 72(%rip), %eax
	call	puthex
	say	s_if
	movq	saved + 64(%rip), %rax
	shrq	$9, %rax
	andl	$1, %eax
	addl	$'0', %eax
	call	putc
	call	newline

	showreg	rax, 0
	showreg	rbx, 8
	showreg	rcx, 16
	showreg	rdx, 24
	call	newline
	showreg	rsi, 32
	showreg	rdi, 40
	showreg	rbp, 48
	showreg	rsp, 56
	call	newline

	say	s_payload		# regenerate the xorshift32 sequence
	leaq	payload(%rip), %rsi
	movl	$0x12345678, %ecx
	movl	$PAYLOAD_WORDS, %edi
	xorl	%edx, %edx
3:	movl	%ecx, %eax
	shll	$13, %eax
	xorl	%eax, %ecx
	movl	%ecx, %eax
	shrl	$17, %eax
	xorl	%eax, %ecx
	movl	%ecx, %eax
	shll	$5, %eax
	xorl	%eax, %ecx
	movl	(%rsi), %eax
	addq	$4, %rsi
	xorl	%ecx, %eax
	orl	%eax, %edx
	decl	%edi
	jnz	3b
	movl	%edx, %eax
	call	okbad

	say	s_bss			# what was zero-filled reads as zero
	leaq	bss_check(%rip), %rsi
	movl	$BSS_CHECK / 8, %ecx
	xorl	%edx, %edx
4:	orq	(%rsi), %rdx
	addq	$8, %rsi
	loop	4b
	movq	%rdx, %rax
	call	okbad

	say	s_sum			# FNV-1 over big-endian words
	leaq	_start(%rip), %rsi
	leaq	_edata(%rip), %rdi
	movl	$0x811c9dc5, %eax
5:	movl	(%rsi), %edx
	bswapl	%edx
	xorl	%edx, %eax
	imull	$0x01000193, %eax, %eax
	addq	$4, %rsi
	cmpq	%rdi, %rsi
	jb	5b
	call	puthex
	call	newline

	testl	%r15d, %r15d
	jnz	6f
	say	s_pass
	jmp	7f
6:	say	s_fail
7:	call	newline
	movw	$0x2000, %ax		# SLP_EN, S5 as QEMU's PM has it
	movw	$0x604, %dx
	outw	%ax, %dx
	movw	$0xb004, %dx
	outw	%ax, %dx
8:	hlt
	jmp	8b

okbad:	# "ok" if rax = 0, else "bad" and count a failure
	testq	%rax, %rax
	jz	1f
	incl	%r15d
	say	s_bad
	ret
1:	say	s_ok
	ret

putc:	# al
	movb	%al, %ah
	movw	$COM1 + 5, %dx		# LSR
1:	inb	%dx, %al
	testb	$0x20, %al		# THRE
	jz	1b
	movw	$COM1, %dx
	movb	%ah, %al
	outb	%al, %dx
	ret

puts:	# rsi = string
1:	movzbl	(%rsi), %eax
	testl	%eax, %eax
	jz	2f
	call	putc
	incq	%rsi
	jmp	1b
2:	ret

puthex:	# rax, as 0x%08x or 0x%016x
	pushq	%rbx
	pushq	%rcx
	movq	%rax, %rbx
	movb	$'0', %al
	call	putc
	movb	$'x', %al
	call	putc
	movl	$64, %ecx
	movq	%rbx, %rax
	shrq	$32, %rax
	jnz	1f
	movl	$32, %ecx
1:	subl	$4, %ecx
	movq	%rbx, %rax
	shrq	%cl, %rax
	andl	$0xf, %eax
	addb	$'0', %al
	cmpb	$'9', %al
	jbe	2f
	addb	$'a' - '9' - 1, %al
2:	call	putc
	testl	%ecx, %ecx
	jnz	1b
	popq	%rcx
	popq	%rbx
	ret

newline:
	movb	$'\n', %al
	jmp	putc

	.section .rodata, "a"
s_mode:	.asciz	" mode="
s_64:	.asciz	"64"
s_other: .asciz	"other"
s_rax:	.asciz	"regcheck: rax="
s_rbx:	.asciz	" rbx="
s_rcx:	.asciz	" rcx="
s_rdx:	.asciz	" rdx="
s_rsi:	.asciz	"regcheck: rsi="
s_rdi:	.asciz	" rdi="
s_rbp:	.asciz	" rbp="
s_rsp:	.asciz	" rsp="
