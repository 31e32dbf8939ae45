# SPDX-License-Identifier: MIT
#
# regcheck.s - a tiny riscv64 S-mode destination for QEMU's virt machine
# that reports how it was entered, like the other samples: a0 (hart id),
# a1 (device tree), a2, a3, satp and sstatus.SIE, and whether every loaded
# byte arrived. It starts with a real RISC-V Image header, so the same bytes
# work as an ELF and as an Image.
#
#   regcheck: pc=0x... satp=0x... sie=N
#   regcheck: a0=0x... a1=0x... a2=0x... a3=0x...
#   regcheck: fdt=ok|bad|none     (none: a1 does not point into RAM)
#   regcheck: payload=ok|bad bss=ok|bad sum=0x...
#   regcheck: PASS|FAIL
# then SBI system reset (shutdown).

	.equ	UART, 0x10000000	# ns16550a, byte registers
	.equ	RAM, 0x80000000
	.equ	PAYLOAD_WORDS, 262144
	.equ	BSS_CHECK, 65536

	.macro	say label
	lla	a0, \label
	call	puts
	.endm

	.text
	.option	norvc			# the header's first word: a plain j
	.globl	_start
_start:
	j	real_start		# code0
	.word	0			# code1
	.dword	0x200000		# text_offset: as Linux, 2 MiB into RAM
	.dword	_end - _start		# image_size
	.dword	0			# flags: little-endian
	.word	2			# version 0.2
	.word	0
	.dword	0
	.ascii	"RISCV\0\0\0"		# magic (deprecated)
	.ascii	"RSC\x05"		# magic2
	.word	0
	.option	rvc

real_start:
	mv	s2, a0			# keep the entry registers
	mv	s3, a1
	mv	s4, a2
	mv	s5, a3
	csrr	s6, satp
	csrr	s7, sstatus
	lla	sp, stack_top
	li	s11, 0			# failures

	say	s_pc
	lla	a0, _start
	call	puthex
	say	s_satp
	mv	a0, s6
	call	puthex
	say	s_sie
	srli	a0, s7, 1
	andi	a0, a0, 1
	addi	a0, a0, '0'
	call	putc
	call	newline

	say	s_a0
	mv	a0, s2
	call	puthex
	say	s_a1
	mv	a0, s3
	call	puthex
	say	s_a2
	mv	a0, s4
	call	puthex
	say	s_a3
	mv	a0, s5
	call	puthex
	call	newline

	say	s_fdt			# the device tree magic, big-endian
	li	t0, RAM
	bltu	s3, t0, 1f
	lbu	t1, 0(s3)
	lbu	t2, 1(s3)
	slli	t1, t1, 8
	or	t1, t1, t2
	li	t2, 0xd00d
	sub	a0, t1, t2
	call	okbad
	j	2f
1:	say	s_none
2:	call	newline

	say	s_payload		# regenerate the xorshift32 sequence
	lla	t0, payload
	li	t1, 0x12345678
	li	t2, PAYLOAD_WORDS
	li	t3, 0
	li	t5, 0xffffffff
3:	slli	t4, t1, 13
	xor	t1, t1, t4
	and	t1, t1, t5
	srli	t4, t1, 17
	xor	t1, t1, t4
	slli	t4, t1, 5
	xor	t1, t1, t4
	and	t1, t1, t5
	lwu	t4, 0(t0)
	addi	t0, t0, 4
	xor	t4, t4, t1
	or	t3, t3, t4
	addi	t2, t2, -1
	bnez	t2, 3b
	mv	a0, t3
	call	okbad

	say	s_bss			# what was zero-filled reads as zero
	lla	t0, bss_check
	li	t2, BSS_CHECK / 8
	li	t3, 0
4:	ld	t4, 0(t0)
	addi	t0, t0, 8
	or	t3, t3, t4
	addi	t2, t2, -1
	bnez	t2, 4b
	mv	a0, t3
	call	okbad

	say	s_sum			# FNV-1 over big-endian words
	lla	t0, _start
	lla	t1, _edata
	li	a0, 0x811c9dc5
	li	t2, 0x01000193
	li	t5, 0xffffffff
5:	lbu	t3, 0(t0)
	lbu	t4, 1(t0)
	slli	t3, t3, 8
	or	t3, t3, t4
	lbu	t4, 2(t0)
	slli	t3, t3, 8
	or	t3, t3, t4
	lbu	t4, 3(t0)
	slli	t3, t3, 8
	or	t3, t3, t4
	xor	a0, a0, t3
	mul	a0, a0, t2
	and	a0, a0, t5
	addi	t0, t0, 4
	bltu	t0, t1, 5b
	call	puthex
	call	newline

	bnez	s11, 6f
	say	s_pass
	j	7f
6:	say	s_fail
7:	call	newline
	li	a7, 0x53525354		# SBI SRST: shutdown
	li	a6, 0
	li	a0, 0
	li	a1, 0
	ecall
	j	.

okbad:	# "ok" if a0 = 0, else "bad" and count a failure
	addi	sp, sp, -16
	sd	ra, 0(sp)
	beqz	a0, 1f
	addi	s11, s11, 1
	say	s_bad
	j	2f
1:	say	s_ok
2:	ld	ra, 0(sp)
	addi	sp, sp, 16
	ret

putc:	# a0 = character
	li	t6, UART
1:	lbu	a7, 5(t6)		# LSR
	andi	a7, a7, 0x20		# THRE
	beqz	a7, 1b
	sb	a0, 0(t6)
	ret

puts:	# a0 = string
	addi	sp, sp, -16
	sd	ra, 0(sp)
	sd	s0, 8(sp)
	mv	s0, a0
1:	lbu	a0, 0(s0)
	beqz	a0, 2f
	call	putc
	addi	s0, s0, 1
	j	1b
2:	ld	ra, 0(sp)
	ld	s0, 8(sp)
	addi	sp, sp, 16
	ret

puthex:	# a0 = value, as 0x%08x or 0x%016x
	addi	sp, sp, -32
	sd	ra, 0(sp)
	sd	s0, 8(sp)
	sd	s1, 16(sp)
	mv	s0, a0
	li	a0, '0'
	call	putc
	li	a0, 'x'
	call	putc
	li	s1, 64
	srli	a0, s0, 32
	bnez	a0, 1f
	li	s1, 32
1:	addi	s1, s1, -4
	srl	a0, s0, s1
	andi	a0, a0, 0xf
	li	a1, 10
	bltu	a0, a1, 2f
	addi	a0, a0, 'a' - '0' - 10
2:	addi	a0, a0, '0'
	call	putc
	bnez	s1, 1b
	ld	ra, 0(sp)
	ld	s0, 8(sp)
	ld	s1, 16(sp)
	addi	sp, sp, 32
	ret

newline:
	addi	sp, sp, -16
	sd	ra, 0(sp)
	li	a0, '\n'
	call	putc
	ld	ra, 0(sp)
	addi	sp, sp, 16
	ret

	.section .rodata, "a"
s_pc:	.asciz	"regcheck: pc="
s_satp:	.asciz	" satp="
s_sie:	.asciz	" sie="
s_a0:	.asciz	"regcheck: a0="
s_a1:	.asciz	" a1="
s_a2:	.asciz	" a2="
s_a3:	.asciz	" a3="
s_fdt:	.asciz	"regcheck: fdt="
s_none:	.asciz	"none"
s_bss:	.asciz	" bss="
s_sum:	.asciz	" sum="

	.include "regcheck-common.inc"
