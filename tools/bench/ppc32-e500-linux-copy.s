# SPDX-License-Identifier: MIT
#
# ppc32-e500-linux-copy.s - the benchmark's reference: a list-mode copier
# shaped like Linux ppc32's relocate_new_kernel (arch/powerpc/kernel/
# misc_32.S): it walks the same kexec indirection list and copies one word
# at a time, cleaning the data cache, syncing and invalidating the
# instruction cache after every word. Written here from that description;
# `make bench` runs it through codepage-qemu in place of the codepage and
# counts its instructions beside ours.
#
# Entered like the codepage's list entry: r3 = list head (image->head). The
# stand-in old kernel maps PA 0..256 MiB at 0xc0000000, which is where the
# benchmark keeps every page, so addresses are used through that map (one
# extra addis per entry, not per word). When done it powers QEMU off.

	.equ	LINEAR, 0xc000
	.equ	SPRN_MAS0, 624
	.equ	SPRN_MAS1, 625
	.equ	SPRN_MAS2, 626
	.equ	SPRN_MAS3, 627
	.equ	SPRN_MAS7, 944

	.text
	.globl	_start
_start:
	b	1f			# offset 0: placed entry (unused)
	nop
	b	1f			# offset 8: list entry
1:	mr	r0, r3			# the list head, an entry itself
	li	r7, 0			# destination
	b	dispatch
walk:
	lwzu	r0, 4(r3)
dispatch:
	andi.	r5, r0, 0x4		# IND_DONE
	bne	done
	rlwinm	r6, r0, 0, 0, 19
	addis	r6, r6, LINEAR
	andi.	r5, r0, 0x1		# IND_DESTINATION
	beq	2f
	mr	r7, r6
	b	walk
2:	andi.	r5, r0, 0x2		# IND_INDIRECTION
	beq	3f
	addi	r3, r6, -4
	b	walk
3:	andi.	r5, r0, 0x8		# IND_SOURCE
	beq	walk
	li	r9, 4096 / 4
	mtctr	r9
	addi	r6, r6, -4
	addi	r8, r7, -4
4:	lwzu	r0, 4(r6)		# the Linux shape: per word
	stwu	r0, 4(r8)
	dcbst	0, r8
	sync
	icbi	0, r8
	bdnz	4b
	addi	r7, r7, 4096
	b	walk

done:	isync
	# power off: pin 0 of the ppce500 GPIO block (CCSR 0xf_e00f_f000),
	# through a TLB1 entry of our own at 0xe0000000
	lis	r4, 0x100f		# TLB1, ESEL 15
	mtspr	SPRN_MAS0, r4
	lis	r4, 0x8000
	ori	r4, r4, 0x500		# V, 1 MiB
	mtspr	SPRN_MAS1, r4
	lis	r4, 0xe000
	ori	r4, r4, 0x0a		# I | G
	mtspr	SPRN_MAS2, r4
	lis	r4, 0xe000
	ori	r4, r4, 0x05
	mtspr	SPRN_MAS3, r4
	li	r4, 0xf
	mtspr	SPRN_MAS7, r4
	isync
	tlbwe
	isync
	lis	r4, 0xe00f
	ori	r4, r4, 0xf000
	lis	r5, 0x8000
	stw	r5, 0(r4)
	stw	r5, 8(r4)
	b	.
