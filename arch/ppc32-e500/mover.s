# SPDX-License-Identifier: MIT
#
# mover.s - the ppc32-e500 blob mover (arch/blob.inc): the first code of a
# blob, entered at its first byte wherever the blob was loaded in memory:
# by a bootloader (U-Boot's go, with its own TLB entries; r3 and r4 are
# go's arguments, unused), a debugger, or an old kernel's stand-in (Linux
# style: through a linear map at 0xc0000000 + the physical address, or a
# page of its own in address space 0 or 1). Like the trampoline, it relies
# on no translation but the entry it is entered through, which need map
# only the blob's first 4 KiB (tlbmap.inc):
#   1. check that the blob lies in memory (else stop in outside, rather
#      than fault with no vectors), map every memory range 1:1 from its
#      own copy of the codepage's TLB1 entries (blob_tlbs, after the
#      header: backend.c writes them), and continue at its physical
#      address, MSR = 0;
#   2. put every segment at its destination (blob.inc), first copying
#      itself to a free spot when a destination covers it;
#   3. make the codepage visible to instruction fetch and enter its placed
#      entry, which maps memory again, cleans every other segment to
#      memory, checks it, and jumps.
#
# Caches: the L1 data cache is not coherent with instruction fetch. Code
# the mover wrote (its own copy, the codepage) is pushed to memory with
# dcbst, msync'd, and its stale instruction lines dropped with icbi before
# it runs (sync_code); the codepage cleans the other segments itself.
# Stores are single words, never stmw, for the reason trampoline.s gives.
#
# ppc32 addresses fit 32 bits (the backend refuses more), so the header's
# 64-bit fields are read by their low, second word (LO). Ends are carried
# as last bytes: a range may end at 4 GiB.
#
# Registers once mapped: r14 the blob as loaded, r15 the header of the
# copy that runs; while it finds its spot r12 the mover's bytes, r11 the
# blob's last byte, r8 the spot; while it moves r8 the segment count, r3
# the index. The copies take r16..r31 (lmw fills them). No stack.

	.include "blob.inc"
	.include "plan.inc"
	.include "tlbmap.inc"

	.equ	LO, 4			# the low word of a big-endian .quad
	.equ	LINE, 32		# smallest e500 cache line (e500mc: 64)
	.equ	SPOT_ALIGN, 64		# gen/blob.c's FREE_ALIGN

	.section .text.entry, "ax"
	.globl	cp_entry
cp_entry:
	b	mover
	.org	cp_entry + BLOB_CODE

	.text
# in_memory: return when the physical address r3 lies in one of the 1:1
# entries (memory), else stop in outside: in address space 1, through the
# entry the mover was entered by, rather than in an interrupt after the rfi
# to an address no entry maps. Runs from the first 4 KiB. Uses r9..r12,
# ctr.
in_memory:
	addis	r9, r30, (blob_ntlb - anchor)@ha
	addi	r9, r9, (blob_ntlb - anchor)@l
	lwz	r10, 0(r9)
	mtctr	r10
	addis	r9, r30, (blob_tlbs - anchor)@ha
	addi	r9, r9, (blob_tlbs - anchor)@l
1:	lwz	r10, TLBE_MAS1(r9)
	rlwinm	r10, r10, 25, 27, 31	# TSIZE
	li	r11, 1024
	slw	r11, r11, r10
	addi	r11, r11, -1		# its bytes - 1 (4 GiB: all ones)
	lwz	r12, TLBE_MAS3(r9)
	rlwinm	r12, r12, 0, 0, 19	# its base
	subf	r12, r12, r3
	cmplw	r12, r11
	blelr
	addi	r9, r9, TLBE_SIZE
	bdnz	1b
outside:
	b	outside			# loaded outside memory

mover:
	wrteei	0			# no interrupt: the vectors lose their map
	bcl	20, 31, anchor
anchor:
	mflr	r30
	tlb_enter_as1 anchor
	# the blob, first byte to last, must lie in memory
	addis	r3, r25, (cp_entry - anchor)@ha
	addi	r3, r3, (cp_entry - anchor)@l
	bl	in_memory
	addis	r9, r30, (cp_plan - anchor)@ha
	addi	r9, r9, (cp_plan - anchor)@l
	lwz	r4, BLOB_SIZE + LO(r9)
	add	r3, r3, r4
	addi	r3, r3, -1
	bl	in_memory
	addis	r21, r30, (blob_tlbs - anchor)@ha
	addi	r21, r21, (blob_tlbs - anchor)@l
	addis	r20, r30, (blob_ntlb - anchor)@ha
	addi	r20, r20, (blob_ntlb - anchor)@l
	lwz	r20, 0(r20)
	tlb_write_1to1
	tlb_leave_as1 anchor

	address_of r14, cp_entry
	address_of r15, cp_plan
	lwz	r12, BLOB_MOVER_SIZE + LO(r15)
	lwz	r11, BLOB_SIZE + LO(r15)
	add	r11, r11, r14
	addi	r11, r11, -1
	mr	r3, r14			# a destination over the mover?
	add	r4, r14, r12
	addi	r4, r4, -1
	bl	covered
	cmpwi	r3, 0
	beq	move
	bl	find_spot		# then run from a free spot
	cmpwi	r4, 0
	beq	stuck
	mr	r8, r3
	mr	r5, r3
	mr	r4, r14
	mr	r6, r12
	bl	copy_down
	mr	r3, r8
	mr	r4, r12
	bl	sync_code
	address_of r9, move
	subf	r9, r14, r9
	add	r9, r9, r8
	mtctr	r9
	bctr

# Segments going down, lowest first, then those going up, highest first:
# their sources lie in the order of their destinations, so no move
# overwrites a source not yet moved (blob.inc).
move:
	address_of r15, cp_plan		# the header of the copy that runs
	lwz	r8, BLOB_NSEG(r15)
	li	r3, 0
1:	cmplw	r3, r8
	bge	2f
	bl	segment
	cmplw	r5, r4
	bgt	3f
	bl	copy_down
3:	addi	r3, r3, 1
	b	1b
2:	cmpwi	r3, 0
	beq	4f
	addi	r3, r3, -1
	bl	segment
	cmplw	r5, r4
	ble	2b
	bl	copy_up
	b	2b
4:	cmplw	r3, r8			# then each zero tail
	bge	5f
	bl	segment
	add	r5, r5, r6
	subf	r6, r6, r7
	bl	zero
	addi	r3, r3, 1
	b	4b
5:	lwz	r3, BLOB_CODEPAGE(r15)	# the codepage, as fetch will see it
	bl	segment
	mr	r3, r5
	mr	r4, r7
	bl	sync_code
	lwz	r9, BLOB_ENTRY + LO(r15)
	mtctr	r9
	bctr

stuck:	b	stuck			# no free spot: the blob is not in memory

# segment: entry r3 of the table: r5 destination, r4 source, r6 packed
# bytes, r7 memsz. Uses r9, r10.
segment:
	lwz	r10, BLOB_SEGS(r15)
	slwi	r9, r3, 5		# BSEG_SIZE
	add	r9, r9, r10
	add	r9, r9, r15
	lwz	r5, BSEG_DEST + LO(r9)
	lwz	r4, BSEG_OFFSET + LO(r9)
	add	r4, r4, r14
	lwz	r6, BSEG_PACKED + LO(r9)
	lwz	r7, BSEG_MEMSZ + LO(r9)
	blr
	.if	BSEG_SIZE != 32
	.error	"segment: the shift is log2 BSEG_SIZE"
	.endif

	.macro	store16 off		# r16..r31 to off..off+60(r5)
	.irp	n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
	stw	16 + \n, \off + 4 * \n(r5)
	.endr
	.endm

# copy_down: r6 bytes (a multiple of 16) from r4 to r5, ascending: right
# when r5 <= r4, whatever the overlap. 64 bytes a step while it can (lmw
# loads all a step stores first, so only its own source may be written),
# then 16. Uses r4, r5, r9, r16..r31, ctr.
copy_down:
	srwi.	r9, r6, 6
	beq	2f
	mtctr	r9
1:	lmw	r16, 0(r4)
	store16	0
	addi	r4, r4, 64
	addi	r5, r5, 64
	bdnz	1b
2:	rlwinm.	r9, r6, 28, 30, 31	# 16-byte steps left: (r6 >> 4) & 3
	beqlr
	mtctr	r9
	addi	r4, r4, -4
	addi	r5, r5, -4
3:	lwz	r16, 4(r4)
	lwz	r17, 8(r4)
	lwz	r18, 12(r4)
	lwzu	r19, 16(r4)
	stw	r16, 4(r5)
	stw	r17, 8(r5)
	stw	r18, 12(r5)
	stwu	r19, 16(r5)
	bdnz	3b
	blr

# copy_up: the same, descending from the ends: right when r5 > r4.
copy_up:
	add	r4, r4, r6
	add	r5, r5, r6
	srwi.	r9, r6, 6
	beq	2f
	mtctr	r9
1:	addi	r4, r4, -64
	addi	r5, r5, -64
	lmw	r16, 0(r4)
	store16	0
	bdnz	1b
2:	rlwinm.	r9, r6, 28, 30, 31
	beqlr
	mtctr	r9
3:	lwz	r16, -4(r4)
	lwz	r17, -8(r4)
	lwz	r18, -12(r4)
	lwzu	r19, -16(r4)
	stw	r16, -4(r5)
	stw	r17, -8(r5)
	stw	r18, -12(r5)
	stwu	r19, -16(r5)
	bdnz	3b
	blr

# zero: r6 bytes (a multiple of 16) at r5. Uses r5, r9, r10, ctr.
zero:
	srwi.	r9, r6, 4
	beqlr
	mtctr	r9
	li	r10, 0
	addi	r5, r5, -4
1:	stw	r10, 4(r5)
	stw	r10, 8(r5)
	stw	r10, 12(r5)
	stwu	r10, 16(r5)
	bdnz	1b
	blr

# sync_code: the r4 bytes at r3, as stored, for instruction fetch: dcbst
# pushes each line to memory, msync waits until every one is done, icbi
# drops the line from the instruction cache (and any fetched copy), and
# the final msync and isync order that before the next fetch (e500 RM,
# "self-modifying code"). Lines are stepped at 32 bytes: right for the
# 64-byte lines of e500mc too. Uses r4, r9.
sync_code:
	add	r4, r4, r3
	rlwinm	r9, r3, 0, 0, 31 - 5	# down to a line
1:	cmplw	r9, r4
	bge	2f
	dcbst	0, r9
	addi	r9, r9, LINE
	b	1b
2:	sync
	rlwinm	r9, r3, 0, 0, 31 - 5
3:	cmplw	r9, r4
	bge	4f
	icbi	0, r9
	addi	r9, r9, LINE
	b	3b
4:	sync
	isync
	blr

# covered: r3 = 1 when a destination meets [r3, r4] (r4 the last byte),
# else 0. Uses r9, r10, r16, r17.
covered:
	lwz	r9, BLOB_NSEG(r15)
	lwz	r10, BLOB_SEGS(r15)
	add	r10, r10, r15
1:	cmpwi	r9, 0
	beq	2f
	lwz	r16, BSEG_DEST + LO(r10)
	lwz	r17, BSEG_MEMSZ + LO(r10)
	add	r17, r17, r16
	addi	r17, r17, -1		# its last byte
	addi	r10, r10, BSEG_SIZE
	addi	r9, r9, -1
	cmplw	r16, r4
	bgt	1b
	cmplw	r17, r3
	blt	1b
	li	r3, 1
	blr
2:	li	r3, 0
	blr

# find_spot: r3 = the first SPOT_ALIGN-aligned spot of r12 bytes in the
# free table outside the blob [r14, r11], r4 = 1; r4 = 0 if there is none
# (0 is a spot like any other). Uses r9, r10, r16, r17.
find_spot:
	lwz	r9, BLOB_NFREE(r15)
	lwz	r10, BLOB_FREE(r15)
	add	r10, r10, r15
1:	cmpwi	r9, 0
	beq	3f
	lwz	r3, BFREE_BASE + LO(r10)	# r3: the spot tried
	lwz	r16, BFREE_END + LO(r10)
	addi	r16, r16, -1		# r16: the range's last byte
	addi	r10, r10, BFREE_SIZE
	addi	r9, r9, -1
	add	r17, r3, r12
	addi	r17, r17, -1		# r17: the spot's last byte
	cmplw	r17, r14		# before the blob
	blt	2f
	cmplw	r3, r11			# after it
	bgt	2f
	addi	r3, r11, SPOT_ALIGN	# it meets the blob: just past it
	rlwinm	r3, r3, 0, 0, 31 - 6
	cmplw	r3, r11
	ble	1b			# the blob ends at 4 GiB
	add	r17, r3, r12
	addi	r17, r17, -1
2:	cmplw	r17, r3			# no wrap past 4 GiB
	blt	1b
	cmplw	r17, r16
	bgt	1b
	li	r4, 1
	blr
3:	li	r4, 0
	blr
	.if	SPOT_ALIGN != 1 << 6
	.error	"find_spot: the mask is SPOT_ALIGN's"
	.endif
