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

done:
	.include "poweroff.inc"
