# SPDX-License-Identifier: MIT
#
# mover.s - the riscv64 blob mover (arch/blob.inc): the first code of a
# blob, entered at its first byte in S-mode with a0 = the hart id, wherever
# the blob was loaded: by a bootloader (U-Boot's booti: the blob is also a
# Linux Image; its go passes argc in a0, not the hart id), a debugger, or
# an old kernel's stand-in; with satp 0 or over an identity map. It puts
# every segment at its destination and enters the codepage's placed entry
# with a0 = the hart id: the codepage then does what it does after
# kexec_load (translation off, its check of every segment, the jump).
#
# Caches: harts keep data caches coherent with memory, so moving needs no
# maintenance; code the mover wrote (its own copy, the codepage) is made
# visible to instruction fetch with fence.i before it runs (Zifencei).
#
# Registers: s1 the hart id, s2 the blob as loaded, s3 the header being
# run from, s4 mover bytes, s5 blob bytes, s6 the segment table, s7 the
# segment count, s8 the index. No stack.

	.include "blob.inc"
	.option	norvc			# the header's offsets are fixed

	.section .text.entry, "ax"
	.globl	cp_entry
# A Linux riscv Image header (Documentation/arch/riscv/boot-image-header.rst),
# so U-Boot's booti and other Image loaders start the blob. U-Boot moves an
# Image in RAM to the start of RAM + text_offset: 2 MiB, past the SBI
# firmware, as Linux's.
cp_entry:
	j	mover			# code0
	.word	0			# code1
	.quad	0x200000		# text_offset
	.quad	__blob_size		# image_size: what a loader must keep
	.quad	0			# flags: little-endian
	.word	2			# version 0.2
	.word	0			# res1
	.quad	0			# res2
	.ascii	"RISCV\0\0\0"		# magic (deprecated)
	.ascii	"RSC\x05"		# magic2
	.word	0			# res3: no PE header

	.text
mover:
	csrci	sstatus, 0x2		# SIE: no interrupt from here on
	mv	s1, a0
	lla	s2, cp_entry
	lla	s3, cp_plan
	ld	s4, BLOB_MOVER_SIZE(s3)
	ld	s5, BLOB_SIZE(s3)
	mv	a0, s2			# a destination over the mover?
	add	a1, s2, s4
	jal	covered
	beqz	a0, move
	jal	find_spot		# then run from a free spot
	beqz	a1, stuck
	mv	s8, a0
	mv	a3, a0			# the spot lies outside the blob
	mv	a1, s2
	mv	a2, s4
	jal	copy_down
	fence.i
	lla	t0, move
	sub	t0, t0, s2
	add	t0, t0, s8
	jr	t0

# Segments going down, lowest first, then those going up, highest first:
# their sources lie in the order of their destinations, so no move
# overwrites a source not yet moved (blob.inc).
move:
	lla	s3, cp_plan		# the header of the copy that runs
	lwu	s7, BLOB_NSEG(s3)
	lwu	t0, BLOB_SEGS(s3)
	add	s6, s3, t0
	li	s8, 0
1:	bgeu	s8, s7, 2f
	jal	segment
	bgtu	a3, a1, 3f
	jal	copy_down
3:	addi	s8, s8, 1
	j	1b
2:	beqz	s8, 4f
	addi	s8, s8, -1
	jal	segment
	bleu	a3, a1, 2b
	jal	copy_up
	j	2b
4:	bgeu	s8, s7, 5f		# then each zero tail
	jal	segment
	add	a3, a3, a2
	sub	a2, a4, a2
	jal	zero
	addi	s8, s8, 1
	j	4b
5:	fence.i				# the codepage, as instruction fetch sees it
	ld	t0, BLOB_ENTRY(s3)
	mv	a0, s1
	jr	t0

stuck:	wfi				# loaded outside memory: nowhere to go
	j	stuck

# segment: entry s8 of the table: a3 destination, a1 source, a2 packed
# bytes, a4 memsz.
segment:
	slli	t0, s8, 5		# BSEG_SIZE
	add	t0, t0, s6
	ld	a3, BSEG_DEST(t0)
	ld	a1, BSEG_OFFSET(t0)
	add	a1, a1, s2
	ld	a2, BSEG_PACKED(t0)
	ld	a4, BSEG_MEMSZ(t0)
	ret
	.if	BSEG_SIZE != 32
	.error	"segment: the shift is log2 BSEG_SIZE"
	.endif

# copy_down: a2 bytes (a multiple of 16) from a1 to a3, ascending: right
# when a3 <= a1, whatever the overlap. 64 bytes a step while it can (each
# step loads all it stores first, so only its own source may be written),
# then 16. Uses a1..a3, a5, a6, t0..t6.
copy_down:
	srli	t2, a2, 6
	beqz	t2, 2f
1:	ld	t0, 0(a1)
	ld	t1, 8(a1)
	ld	t3, 16(a1)
	ld	t4, 24(a1)
	ld	t5, 32(a1)
	ld	t6, 40(a1)
	ld	a5, 48(a1)
	ld	a6, 56(a1)
	sd	t0, 0(a3)
	sd	t1, 8(a3)
	sd	t3, 16(a3)
	sd	t4, 24(a3)
	sd	t5, 32(a3)
	sd	t6, 40(a3)
	sd	a5, 48(a3)
	sd	a6, 56(a3)
	addi	a1, a1, 64
	addi	a3, a3, 64
	addi	t2, t2, -1
	bnez	t2, 1b
2:	andi	a2, a2, 63
	beqz	a2, 4f
3:	ld	t0, 0(a1)
	ld	t1, 8(a1)
	sd	t0, 0(a3)
	sd	t1, 8(a3)
	addi	a1, a1, 16
	addi	a3, a3, 16
	addi	a2, a2, -16
	bnez	a2, 3b
4:	ret

# copy_up: the same, descending from the ends: right when a3 > a1.
copy_up:
	add	a1, a1, a2
	add	a3, a3, a2
	srli	t2, a2, 6
	beqz	t2, 2f
1:	ld	t0, -8(a1)
	ld	t1, -16(a1)
	ld	t3, -24(a1)
	ld	t4, -32(a1)
	ld	t5, -40(a1)
	ld	t6, -48(a1)
	ld	a5, -56(a1)
	ld	a6, -64(a1)
	sd	t0, -8(a3)
	sd	t1, -16(a3)
	sd	t3, -24(a3)
	sd	t4, -32(a3)
	sd	t5, -40(a3)
	sd	t6, -48(a3)
	sd	a5, -56(a3)
	sd	a6, -64(a3)
	addi	a1, a1, -64
	addi	a3, a3, -64
	addi	t2, t2, -1
	bnez	t2, 1b
2:	andi	a2, a2, 63
	beqz	a2, 4f
3:	ld	t0, -16(a1)
	ld	t1, -8(a1)
	sd	t0, -16(a3)
	sd	t1, -8(a3)
	addi	a1, a1, -16
	addi	a3, a3, -16
	addi	a2, a2, -16
	bnez	a2, 3b
4:	ret

# zero: a2 bytes (a multiple of 16) at a3.
zero:
	beqz	a2, 2f
1:	sd	zero, 0(a3)
	sd	zero, 8(a3)
	addi	a3, a3, 16
	addi	a2, a2, -16
	bnez	a2, 1b
2:	ret

# covered: a0 = 1 when a destination overlaps [a0, a1), else 0.
covered:
	lwu	t0, BLOB_NSEG(s3)
	lwu	t1, BLOB_SEGS(s3)
	add	t1, t1, s3
1:	beqz	t0, 2f
	ld	t2, BSEG_DEST(t1)
	ld	t3, BSEG_MEMSZ(t1)
	add	t3, t3, t2
	addi	t1, t1, BSEG_SIZE
	addi	t0, t0, -1
	bgeu	t2, a1, 1b
	bleu	t3, a0, 1b
	li	a0, 1
	ret
2:	li	a0, 0
	ret

# find_spot: a0 = the first spot of s4 bytes in the free table outside the
# blob [s2, s2 + s5), 64-byte aligned, and a1 = 1; a1 = 0 if there is none
# (0 is a spot like any other).
find_spot:
	lwu	t0, BLOB_NFREE(s3)
	lwu	t1, BLOB_FREE(s3)
	add	t1, t1, s3
	add	t4, s2, s5		# the blob's end, to 64 bytes
	addi	t4, t4, 63
	andi	t4, t4, -64
1:	beqz	t0, 3f
	ld	t2, BFREE_BASE(t1)
	ld	t3, BFREE_END(t1)
	addi	t1, t1, BFREE_SIZE
	addi	t0, t0, -1
	add	t5, t2, s4		# [t2, t5): the range's first spot
	bgeu	t2, t4, 2f
	bleu	t5, s2, 2f
	mv	t2, t4			# it meets the blob: just past it
	add	t5, t2, s4
2:	bgtu	t5, t3, 1b
	mv	a0, t2
	li	a1, 1
	ret
3:	li	a1, 0
	ret
