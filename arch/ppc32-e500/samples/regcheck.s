# SPDX-License-Identifier: MIT
#
# regcheck.s - a tiny destination kernel for QEMU's ppce500 machine that
# reports how it was entered: the registers a protocol promises, the MSR,
# where it runs, and whether every byte it was loaded with arrived.
#
# It is linked like a ppc32 vmlinux (virtual 0xc0000000 + physical, entered
# at its physical address) but is position-independent, so one source serves
# any load address (PHYS, set at link time).
#
# Output on the first UART, one line each:
#   regcheck: pc=0x...                       where _start runs
#   regcheck: r3=0x... r4=... r9=... msr=0x...
#   regcheck: fdt=ok|bad|none                r3 holds a device tree (ePAPR)
#   regcheck: pir=0x... boot_cpuid_phys=0x...  the core running here, and
#                                            the one the tree says boots
#   regcheck: payload=ok|bad                 1 MiB of xorshift32 data intact
#   regcheck: bss=ok|bad                     64 KiB of .bss reads as zero
#   regcheck: sum=0x...                      FNV-1 over the loaded words
#   regcheck: PASS|FAIL
# then it powers the machine off through the GPIO pin QEMU wires to it.

	.equ	CCSR_EA, 0xe0000000	# AS1 only: see putc
	.equ	CCSR_PA_HI, 0xf		# ppce500: CCSR at 0xf_e000_0000
	.equ	CCSR_PA_LO, 0xe0000000
	.equ	UART, CCSR_EA + 0x4500	# ns16550, byte registers
	.equ	GPIO, CCSR_EA + 0xff000	# mpc8xxx GPIO: pin 0 is power-off
	.equ	EPAPR_MAGIC, 0x45504150
	.equ	FDT_MAGIC, 0xd00dfeed
	.equ	PAYLOAD_WORDS, 262144
	.equ	BSS_CHECK, 65536

	.equ	SPRN_PIR, 286
	.equ	SPRN_MAS0, 624
	.equ	SPRN_MAS1, 625
	.equ	SPRN_MAS2, 626
	.equ	SPRN_MAS3, 627
	.equ	SPRN_TLB1CFG, 689
	.equ	SPRN_MAS7, 944

	# la rD, sym: physical address of sym, relative to the anchor in r29
	.macro	la rd, sym
	addis	\rd, r29, (\sym - anchor)@ha
	addi	\rd, \rd, (\sym - anchor)@l
	.endm

	.macro	say label
	la	r4, \label
	bl	puts
	.endm

	.text
	.globl	_start
_start:
	mr	r20, r3			# keep the entry registers untouched
	mr	r21, r4
	mr	r22, r5
	mr	r23, r6
	mr	r24, r7
	mr	r25, r8
	mr	r26, r9
	mfmsr	r27
	bcl	20, 31, anchor
anchor:
	mflr	r29
	la	r1, stack_top
	li	r0, 0
	stwu	r0, -16(r1)
	li	r31, 0			# r31: failures
	bl	map_ccsr

	say	s_pc
	la	r4, _start
	bl	puthex
	bl	newline

	say	s_r3
	mr	r4, r20
	bl	puthex
	say	s_r4
	mr	r4, r21
	bl	puthex
	say	s_r5
	mr	r4, r22
	bl	puthex
	say	s_r6
	mr	r4, r23
	bl	puthex
	say	s_r7
	mr	r4, r24
	bl	puthex
	say	s_r8
	mr	r4, r25
	bl	puthex
	say	s_r9
	mr	r4, r26
	bl	puthex
	say	s_msr
	mr	r4, r27
	bl	puthex
	bl	newline

	# fdt: only when the ePAPR magic says r3 is a device tree; r28: 1
	# when r3 holds one (the boot CPU line below reads it)
	li	r28, 0
	say	s_fdt
	lis	r5, EPAPR_MAGIC@h
	ori	r5, r5, EPAPR_MAGIC@l
	cmpw	r23, r5
	bne	1f
	lwz	r5, 0(r20)
	lis	r6, FDT_MAGIC@h
	ori	r6, r6, FDT_MAGIC@l
	cmpw	r5, r6
	bne	0f
	li	r28, 1			# li leaves cr0 as cmpw set it
0:	bl	okbad
	b	2f
1:	say	s_none
2:	bl	newline

	# the core that runs here, and the one the tree names the boot CPU
	# (a codepage sets it from PIR: a handoff from another core)
	say	s_pir
	mfspr	r4, SPRN_PIR
	bl	puthex
	cmpwi	r28, 0
	beq	3f
	say	s_bootcpu
	lwz	r4, 28(r20)
	bl	puthex
3:	bl	newline

	# payload: regenerate the xorshift32 sequence the assembler wrote
	say	s_payload
	la	r5, payload
	lis	r6, 0x1234
	ori	r6, r6, 0x5678
	lis	r7, PAYLOAD_WORDS@h
	ori	r7, r7, PAYLOAD_WORDS@l
	mtctr	r7
	li	r8, 0
3:	slwi	r7, r6, 13
	xor	r6, r6, r7
	srwi	r7, r6, 17
	xor	r6, r6, r7
	slwi	r7, r6, 5
	xor	r6, r6, r7
	lwz	r7, 0(r5)
	addi	r5, r5, 4
	xor	r7, r7, r6
	or	r8, r8, r7
	bdnz	3b
	cmpwi	r8, 0
	bl	okbad
	bl	newline

	# bss: what kexec (or the copy) zero-filled must read as zero
	say	s_bss
	la	r5, bss_check
	li	r7, BSS_CHECK / 4
	mtctr	r7
	li	r8, 0
4:	lwz	r7, 0(r5)
	addi	r5, r5, 4
	or	r8, r8, r7
	bdnz	4b
	cmpwi	r8, 0
	bl	okbad
	bl	newline

	# sum: FNV-1 over every loaded word, _start to _edata
	say	s_sum
	la	r5, _start
	la	r6, _edata
	subf	r6, r5, r6
	srwi	r6, r6, 2
	mtctr	r6
	lis	r4, 0x811c
	ori	r4, r4, 0x9dc5
	lis	r8, 0x0100
	ori	r8, r8, 0x0193
5:	lwz	r7, 0(r5)
	addi	r5, r5, 4
	xor	r4, r4, r7
	mullw	r4, r4, r8
	bdnz	5b
	bl	puthex
	bl	newline

	cmpwi	r31, 0
	bne	6f
	say	s_pass
	b	7f
6:	say	s_fail
7:	bl	newline
	bl	power_off
	b	.

# okbad: print "ok" if cr0 says equal, else "bad" and count a failure.
okbad:
	mflr	r14
	beq	1f
	addi	r31, r31, 1
	say	s_bad
	mtlr	r14
	blr
1:	say	s_ok
	mtlr	r14
	blr

# map_ccsr: a TLB1 entry in address space 1 for the SoC registers, in the
# highest free slot. AS1 because memory may be mapped 1:1 over the whole
# 4 GiB of AS0, leaving no effective address free there.
map_ccsr:
	mfspr	r5, SPRN_TLB1CFG
	andi.	r5, r5, 0xfff
1:	addi	r5, r5, -1
	lis	r6, 0x1000		# TLBSEL 1
	rlwimi	r6, r5, 16, 4, 15
	mtspr	SPRN_MAS0, r6
	isync
	tlbre
	mfspr	r7, SPRN_MAS1
	andis.	r7, r7, 0x8000
	bne	1b			# valid: try the next one down
	lis	r7, 0x8000
	ori	r7, r7, 0x1500		# V, TS = 1, 1 MiB
	mtspr	SPRN_MAS1, r7
	lis	r7, CCSR_EA@h
	ori	r7, r7, 0x0a		# I | G
	mtspr	SPRN_MAS2, r7
	lis	r7, CCSR_PA_LO@h
	ori	r7, r7, 0x05		# SW | SR
	mtspr	SPRN_MAS3, r7
	li	r7, CCSR_PA_HI
	mtspr	SPRN_MAS7, r7
	isync
	tlbwe
	isync
	blr

# putc: r3 = character; data accesses go through AS1 (MSR[DS]) meanwhile.
putc:
	mfmsr	r12
	ori	r11, r12, 0x10
	lis	r10, UART@h
	ori	r10, r10, UART@l
	mtmsr	r11
	isync
1:	lbz	r9, 5(r10)		# LSR
	andi.	r9, r9, 0x20		# THRE
	beq	1b
	stb	r3, 0(r10)
	mtmsr	r12
	isync
	blr

# puts: r4 = NUL-terminated string.
puts:
	mflr	r15
	mr	r16, r4
1:	lbz	r3, 0(r16)
	cmpwi	r3, 0
	beq	2f
	bl	putc
	addi	r16, r16, 1
	b	1b
2:	mtlr	r15
	blr

# puthex: r4 = value, printed as 0x%08x.
puthex:
	mflr	r17
	mr	r18, r4
	li	r3, '0'
	bl	putc
	li	r3, 'x'
	bl	putc
	li	r19, 8
1:	rlwinm	r18, r18, 4, 0, 31
	andi.	r3, r18, 0xf
	addi	r3, r3, '0'
	cmpwi	r3, '9'
	ble	2f
	addi	r3, r3, 'a' - '9' - 1
2:	bl	putc
	addi	r19, r19, -1
	cmpwi	r19, 0
	bne	1b
	mtlr	r17
	blr

newline:
	mflr	r17
	li	r3, '\n'
	bl	putc
	mtlr	r17
	blr

power_off:
	lis	r10, GPIO@h
	ori	r10, r10, GPIO@l
	mfmsr	r12
	ori	r11, r12, 0x10
	mtmsr	r11
	isync
	lis	r9, 0x8000
	stw	r9, 0(r10)		# GPDIR: pin 0 output
	stw	r9, 8(r10)		# GPDAT: pin 0 high
	mtmsr	r12
	isync
	blr

	.section .rodata, "a"
s_pc:	.asciz	"regcheck: pc="
s_r3:	.asciz	"regcheck: r3="
s_r4:	.asciz	" r4="
s_r5:	.asciz	" r5="
s_r6:	.asciz	" r6="
s_r7:	.asciz	" r7="
s_r8:	.asciz	" r8="
s_r9:	.asciz	" r9="
s_msr:	.asciz	" msr="
s_fdt:	.asciz	"regcheck: fdt="
s_none:	.asciz	"none"
s_pir:	.asciz	"regcheck: pir="
s_bootcpu: .asciz " boot_cpuid_phys="
s_bss:	.asciz	"regcheck: bss="
s_sum:	.asciz	"regcheck: sum="

	.include "regcheck-common.inc"
