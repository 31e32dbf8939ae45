# SPDX-License-Identifier: MIT
#
# regcheck32.s - regcheck entered as a 32-bit destination is (a Multiboot
# kernel, registers { mode = <32>; }): in 32-bit protected mode with
# paging off. It reports that state, eax .. edi, ebp and esp, and whether
# every loaded byte arrived, like regcheck.s:
#
#   regcheck: pc=0x... mode=32 pg=N cs=0x.... if=N
#   regcheck: eax=0x... ebx=0x... ecx=0x... edx=0x...
#   regcheck: esi=0x... edi=0x... ebp=0x... esp=0x...
#   regcheck: payload=ok|bad bss=ok|bad sum=0x...
#   regcheck: PASS|FAIL
# then ACPI soft-off (0x604 on q35, 0xb004 on pc). Linked at a fixed
# address below 4 GiB: an ELF64 file for x86_64 (regcheck32.elf), an ELF32
# one for i386 (arch/i386/samples/regcheck.s).

	.include "regcheck-data.inc"

	.macro	say label
	movl	$\label, %esi
	call	puts
	.endm
	.macro	hex from
	movl	\from, %eax
	call	puthex
	.endm

	.text
	.code32
	.globl	_start
_start:
	movl	%eax, saved + 0		# keep the entry registers
	movl	%ebx, saved + 4
	movl	%ecx, saved + 8
	movl	%edx, saved + 12
	movl	%esi, saved + 16
	movl	%edi, saved + 20
	movl	%ebp, saved + 24
	movl	%esp, saved + 28
	movl	$stack_top, %esp	# a stack of our own before pushfl
	pushfl
	popl	saved + 32
	movw	%cs, saved + 36
	xorl	%ebp, %ebp		# failures

	say	s_pc
	hex	$_start
	say	s_mode
	movl	%cr0, %eax
	shrl	$31, %eax		# PG
	addb	$'0', %al
	call	putc
	say	s_cs
	movzwl	saved + 36, %eax
	call	puthex
	say	s_if
	movl	saved + 32, %eax
	shrl	$9, %eax
	andb	$1, %al
	addb	$'0', %al
	call	putc
	call	newline

	say	s_eax
	hex	saved + 0
	say	s_ebx
	hex	saved + 4
	say	s_ecx
	hex	saved + 8
	say	s_edx
	hex	saved + 12
	call	newline
	say	s_esi
	hex	saved + 16
	say	s_edi
	hex	saved + 20
	say	s_ebp
	hex	saved + 24
	say	s_esp
	hex	saved + 28
	call	newline

	say	s_payload		# regenerate the xorshift32 sequence
	movl	$payload, %esi
	movl	$0x12345678, %ecx
	movl	$PAYLOAD_WORDS, %edi
	xorl	%edx, %edx
1:	movl	%ecx, %eax
	shll	$13, %eax
	xorl	%eax, %ecx
	movl	%ecx, %eax
	shrl	$17, %eax
	xorl	%eax, %ecx
	movl	%ecx, %eax
	shll	$5, %eax
	xorl	%eax, %ecx
	movl	(%esi), %eax
	addl	$4, %esi
	xorl	%ecx, %eax
	orl	%eax, %edx
	decl	%edi
	jnz	1b
	movl	%edx, %eax
	call	okbad

	say	s_bss			# what was zero-filled reads as zero
	movl	$bss_check, %esi
	movl	$BSS_CHECK / 4, %ecx
	xorl	%edx, %edx
2:	orl	(%esi), %edx
	addl	$4, %esi
	loop	2b
	movl	%edx, %eax
	call	okbad

	say	s_sum			# FNV-1 over big-endian words
	movl	$_start, %esi
	movl	$0x811c9dc5, %eax
3:	movl	(%esi), %edx
	bswapl	%edx
	xorl	%edx, %eax
	imull	$0x01000193, %eax, %eax
	addl	$4, %esi
	cmpl	$_edata, %esi
	jb	3b
	call	puthex
	call	newline

	testl	%ebp, %ebp
	jnz	4f
	say	s_pass
	jmp	5f
4:	say	s_fail
5:	call	newline
	movw	$0x2000, %ax		# SLP_EN, S5 as QEMU's PM has it
	movw	$0x604, %dx
	outw	%ax, %dx
	movw	$0xb004, %dx
	outw	%ax, %dx
6:	hlt
	jmp	6b

okbad:	# "ok" if eax = 0, else "bad" and count a failure
	testl	%eax, %eax
	jz	1f
	incl	%ebp
	say	s_bad
	ret
1:	say	s_ok
	ret

	.include "console32.inc"

	.section .rodata, "a"
s_mode:	.asciz	" mode=32 pg="
s_eax:	.asciz	"regcheck: eax="
s_ebx:	.asciz	" ebx="
s_ecx:	.asciz	" ecx="
s_edx:	.asciz	" edx="
s_esi:	.asciz	"regcheck: esi="
s_edi:	.asciz	" edi="
s_ebp:	.asciz	" ebp="
s_esp:	.asciz	" esp="
