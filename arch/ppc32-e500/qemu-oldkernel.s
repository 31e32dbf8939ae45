# SPDX-License-Identifier: MIT
#
# ppc32-e500-oldkernel.s - codepage-qemu's stand-in for an old Linux kernel
# on QEMU's ppce500: it leaves the machine the way a kernel's kexec path
# leaves it, then enters the codepage.
#
# QEMU starts us with one TLB1 entry mapping EA 0 1:1 (the ePAPR IMA). We
#   1. map a kernel linear map, EA 0xc0000000 -> PA 0, 256 MiB, like the
#      first CAM entry of a ppc32 kernel, and a 4 KiB entry for the codepage
#      when the linear map does not reach it (at 0xc0000000 + its physical
#      address, or a high "fixmap" address above 1 GiB);
#   2. continue through the linear map and invalidate every other TLB entry:
#      the codepage may rely on nothing but the entry it runs from;
#   3. enter the codepage at its effective address with MSR[ME] set and
#      external interrupts off, registers as Linux passes them:
#      (or, with P_AS1, through an address-space-1 entry, MSR[IS|DS] set)
#        placed: r3 = PIR (0), r4 = codepage physical address
#        list:   r3 = indirection list, r4 = codepage physical address,
#                r5 = start
#
# codepage-qemu links this file with a generated params.s (symbol
# oldkernel_params) at an address of its choosing below 256 MiB.

	.equ	SPRN_MAS0, 624
	.equ	SPRN_MAS1, 625
	.equ	SPRN_MAS2, 626
	.equ	SPRN_MAS3, 627
	.equ	SPRN_TLB1CFG, 689
	.equ	SPRN_MAS7, 944
	.equ	SPRN_MMUCSR0, 1012

	.include "standin.inc"

	.equ	LINEAR, 0xc0000000

	.text
	.globl	_start
_start:
	bcl	20, 31, anchor
anchor:
	mflr	r29			# physical = effective here (QEMU's IMA)
	addis	r30, r29, (oldkernel_params - anchor)@ha
	addi	r30, r30, (oldkernel_params - anchor)@l

	# ESEL 1: the linear map, 256 MiB, IPROT, like a kernel's CAM 0
	li	r3, 1
	lis	r4, 0x8000 | 0x4000	# V | IPROT
	ori	r4, r4, 18 << 7		# 256 MiB
	lis	r5, LINEAR@h
	ori	r5, r5, 0x04		# M
	li	r6, 0x15		# SX | SW | SR at PA 0
	bl	write_tlb1

	# ESEL 2: the codepage's own page, if the linear map misses it
	lwz	r0, P_CP_OWN(r30)
	cmpwi	r0, 0
	beq	1f
	li	r3, 2
	lis	r4, 0x8000
	ori	r4, r4, 2 << 7		# 4 KiB
	lwz	r0, P_AS1(r30)
	cmpwi	r0, 0
	beq	5f
	ori	r4, r4, 0x1000		# TS = 1: the page is in AS1 only
5:
	lwz	r5, P_CP_EA(r30)
	ori	r5, r5, 0x04
	lwz	r6, P_CP_PA(r30)
	ori	r6, r6, 0x15
	bl	write_tlb1
1:
	# continue at our linear-map address
	addis	r3, r29, (in_linear - anchor)@ha
	addi	r3, r3, (in_linear - anchor)@l
	addis	r3, r3, LINEAR@h
	mtsrr0	r3
	li	r3, 0
	mtsrr1	r3
	rfi
in_linear:
	# invalidate every TLB1 entry but 1 and 2, and all of TLB0
	mfspr	r7, SPRN_TLB1CFG
	andi.	r7, r7, 0xfff
	li	r3, 0
2:	cmpwi	r3, 1
	beq	3f
	cmpwi	r3, 2
	beq	3f
	li	r4, 0
	li	r5, 0
	li	r6, 0
	bl	write_tlb1
3:	addi	r3, r3, 1
	cmpw	r3, r7
	blt	2b
	li	r3, 4
	mtspr	SPRN_MMUCSR0, r3
	isync

	# the params, now through the linear map
	addis	r30, r30, LINEAR@h
	lwz	r3, P_MODE(r30)
	lwz	r9, P_CP_EA(r30)
	lwz	r10, P_ENTRY_OFF(r30)
	add	r9, r9, r10
	mtsrr0	r9
	li	r9, 0x1000		# MSR[ME], as a kernel runs
	lwz	r0, P_AS1(r30)
	cmpwi	r0, 0
	beq	6f
	ori	r9, r9, 0x30		# MSR[IS] | MSR[DS]
6:
	mtsrr1	r9
	lwz	r4, P_CP_PA(r30)
	cmpwi	r3, 0
	bne	4f
	li	r3, 0			# placed: PIR
	rfi
4:	lwz	r3, P_LIST(r30)
	lwz	r5, P_START(r30)
	rfi

# write_tlb1: r3 = ESEL, r4 = MAS1, r5 = MAS2, r6 = MAS3; MAS7 = 0.
write_tlb1:
	lis	r0, 0x1000
	rlwimi	r0, r3, 16, 4, 15
	mtspr	SPRN_MAS0, r0
	mtspr	SPRN_MAS1, r4
	mtspr	SPRN_MAS2, r5
	mtspr	SPRN_MAS3, r6
	li	r0, 0
	mtspr	SPRN_MAS7, r0
	isync
	tlbwe
	isync
	blr
