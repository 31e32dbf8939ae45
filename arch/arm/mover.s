@ SPDX-License-Identifier: MIT
@
@ mover.s - the arm (32-bit, ARMv7-A) blob mover (arch/blob.inc): the
@ first code of a blob, entered at its first byte in ARM state, in SVC or
@ HYP mode, wherever the blob was loaded: by U-Boot's bootz (the blob is
@ also a zImage; MMU and caches off), its go (MMU and data cache on over
@ its identity map), a debugger or a reset (MMU off). It puts every
@ segment at its destination and enters the codepage's placed entry in
@ the mode it was entered in, IRQ, FIQ and asynchronous aborts masked:
@ the codepage then does what it does after kexec_load (its caches off
@ cleans what the moves left in the data cache, its check of every
@ segment, the jump).
@
@ Caches (ARMv7-A ARM, B2.2): with the data cache off (SCTLR.C, HSCTLR.C
@ in HYP, clear) data accesses do not look it up, so a dirty line a
@ previous owner left there would be written back over the moved bytes
@ when the codepage cleans the cache; the whole data cache is first
@ invalidated by set/way (DCISW), as after a reset: nothing in it is ours,
@ and a previous owner that ran with it on cleaned it before turning it
@ off (U-Boot's bootz and Linux do). With it on, the moves go through the
@ cache. Either way, code the mover wrote (its own copy, the codepage) is
@ cleaned to the point of unification (DCCMVAU) and the instruction cache
@ and branch predictor invalidated before it is fetched.
@
@ Registers: r4 the blob as loaded, r5 the header being run from, r6
@ mover bytes, r7 blob bytes, r8 the segment's index, r9 the data cache is
@ on. The blob's u64 fields are read by their low words: everything lies
@ below 4 GiB. No stack.

	.arch	armv7-a
	.syntax	unified
	.arm

	.include "blob.inc"
	.include "pcrel.inc"
	.include "setway.inc"
	.equ	SCTLR_C, 1 << 2
	.equ	MODE_MASK, 0x1f
	.equ	MODE_HYP, 0x1a

	@ block16 OP, ADDR: 16 bytes through r0, r10-r12 (ldmia/stmia, or
	@ ldmdb/stmdb going down), ADDR advancing
	.macro	block16 op, addr
	\op	\addr!, {r0, r10, r11, r12}
	.endm

	.section .text.entry, "ax"
	.globl	cp_entry
@ A zImage header (Linux's arch/arm/boot/compressed/head.S), so U-Boot's
@ bootz and any other zImage loader start the blob where it lies: eight
@ no-ops, a branch past the header, the magic, the link address 0
@ (position-independent), the end, the byte order; no table of tags (no
@ KLSZ: the blob decompresses nothing).
cp_entry:
	.rept	8
	mov	r0, r0
	.endr
	b	mover
	.word	0x016f2818		@ the magic
	.word	0			@ linked at 0: anywhere
	.word	__blob_size		@ the end: what a loader must keep
	.word	0x04030201		@ little-endian
	.word	0, 0			@ no table of tags
	.word	0
	.if	. - cp_entry != BLOB_CODE
	.error	"the zImage header must end where the blob's header starts"
	.endif

	.text
mover:
	cpsid	aif
	mrs	r0, cpsr
	and	r0, r0, #MODE_MASK
	cmp	r0, #MODE_HYP
	mrceq	p15, 4, r9, c1, c0, 0	@ HSCTLR
	mrcne	p15, 0, r9, c1, c0, 0	@ SCTLR
	ands	r9, r9, #SCTLR_C
	bne	1f
	dcache_set_way c6		@ DCISW: nothing in it is ours
1:	pcrel	r4, cp_entry
	pcrel	r5, cp_plan
	ldr	r6, [r5, #BLOB_MOVER_SIZE]
	ldr	r7, [r5, #BLOB_SIZE]
	mov	r0, r4			@ a destination over the mover?
	add	r1, r4, r6
	bl	covered
	cmp	r0, #0
	beq	move
	bl	find_spot		@ then run from a free spot
	cmp	r1, #0
	beq	stuck
	mov	r8, r0
	mov	r3, r0			@ the spot lies outside the blob
	mov	r1, r4
	mov	r2, r6
	bl	copy_down
	mov	r0, r8
	add	r1, r8, r6
	bl	sync_code
	adr	r0, move
	sub	r0, r0, r4
	add	r0, r0, r8
	bx	r0

@ Segments going down, lowest first, then those going up, highest first:
@ their sources lie in the order of their destinations, so no move
@ overwrites a source not yet moved (blob.inc).
move:
	pcrel	r5, cp_plan		@ the header of the copy that runs
	mov	r8, #0
1:	ldr	r0, [r5, #BLOB_NSEG]
	cmp	r8, r0
	bhs	2f
	bl	segment
	cmp	r3, r1
	blls	copy_down
	add	r8, r8, #1
	b	1b
2:	subs	r8, r8, #1
	bmi	3f
	bl	segment
	cmp	r3, r1
	blhi	copy_up
	b	2b
3:	mov	r8, #0			@ then each zero tail
4:	ldr	r0, [r5, #BLOB_NSEG]
	cmp	r8, r0
	bhs	5f
	bl	segment
	add	r3, r3, r2
	sub	r2, r0, r2
	bl	zero
	add	r8, r8, #1
	b	4b
5:	ldr	r8, [r5, #BLOB_CODEPAGE]
	bl	segment
	mov	r0, r3
	add	r1, r3, r2
	bl	sync_code
	ldr	r0, [r5, #BLOB_ENTRY]
	bx	r0

stuck:	wfi				@ loaded outside memory: nowhere to go
	b	stuck

@ segment: entry r8 of the table: r3 destination, r1 source, r2 packed
@ bytes, r0 memsz.
segment:
	ldr	r0, [r5, #BLOB_SEGS]
	add	r0, r0, r5
	add	r0, r0, r8, lsl #5	@ BSEG_SIZE
	ldr	r3, [r0, #BSEG_DEST]
	ldr	r1, [r0, #BSEG_OFFSET]
	add	r1, r1, r4
	ldr	r2, [r0, #BSEG_PACKED]
	ldr	r0, [r0, #BSEG_MEMSZ]
	bx	lr
	.if	BSEG_SIZE != 32
	.error	"segment: the shift is log2 BSEG_SIZE"
	.endif

@ copy_down: r2 bytes (a multiple of 16) from r1 to r3, ascending: right
@ when r3 <= r1, whatever the overlap (each 16 bytes are loaded before
@ they are stored, and the distance is a multiple of 16). 32 bytes a step
@ while it can. Advances r1, r3. Uses r0, r2, r10-r12.
copy_down:
	tst	r2, #16
	beq	1f
	block16	ldmia, r1
	block16	stmia, r3
	sub	r2, r2, #16
1:	subs	r2, r2, #32
	bxlo	lr
	block16	ldmia, r1
	block16	stmia, r3
	block16	ldmia, r1
	block16	stmia, r3
	b	1b

@ copy_up: the same, descending from the ends: right when r3 > r1.
copy_up:
	add	r1, r1, r2
	add	r3, r3, r2
	tst	r2, #16
	beq	1f
	block16	ldmdb, r1
	block16	stmdb, r3
	sub	r2, r2, #16
1:	subs	r2, r2, #32
	bxlo	lr
	block16	ldmdb, r1
	block16	stmdb, r3
	block16	ldmdb, r1
	block16	stmdb, r3
	b	1b

@ zero: r2 bytes (a multiple of 16) at r3. Uses r0, r10-r12.
zero:
	mov	r0, #0
	mov	r10, #0
	mov	r11, #0
	mov	r12, #0
1:	subs	r2, r2, #16
	bxlo	lr
	block16	stmia, r3
	b	1b

@ covered: r0 = 1 when a destination overlaps [r0, r1), else 0. Uses
@ r2, r3, r10, r11.
covered:
	ldr	r10, [r5, #BLOB_NSEG]
	ldr	r11, [r5, #BLOB_SEGS]
	add	r11, r11, r5
1:	subs	r10, r10, #1
	movmi	r0, #0
	bxmi	lr
	ldr	r2, [r11, #BSEG_DEST]
	ldr	r3, [r11, #BSEG_MEMSZ]
	add	r3, r3, r2
	add	r11, r11, #BSEG_SIZE
	cmp	r2, r1			@ [r2, r3) meets [r0, r1)?
	bhs	1b
	cmp	r3, r0
	bls	1b
	mov	r0, #1
	bx	lr

@ find_spot: r0 = the first spot of r6 bytes in the free table outside the
@ blob [r4, r4 + r7), 64-byte aligned, and r1 = 1; r1 = 0 if there is none
@ (0 is a spot like any other). Uses r2, r3, r10-r12.
find_spot:
	ldr	r10, [r5, #BLOB_NFREE]
	ldr	r11, [r5, #BLOB_FREE]
	add	r11, r11, r5
	add	r12, r4, r7		@ the blob's end, to 64 bytes
	add	r12, r12, #63
	bic	r12, r12, #63
1:	subs	r10, r10, #1
	movmi	r1, #0
	bxmi	lr
	ldr	r0, [r11, #BFREE_BASE]
	ldr	r3, [r11, #BFREE_END]
	add	r11, r11, #BFREE_SIZE
	add	r2, r0, r6		@ [r0, r2): the range's first spot
	cmp	r0, r12
	bhs	2f
	cmp	r2, r4
	bls	2f
	mov	r0, r12			@ it meets the blob: just past it
	add	r2, r0, r6
2:	cmp	r2, r3
	bhi	1b
	mov	r1, #1
	bx	lr

@ sync_code: [r0, r1) holds code the mover wrote: with the data cache on,
@ each line cleaned to the point of unification (DCCMVAU, at the smallest
@ line CTR.DminLine gives); then the instruction cache and branch
@ predictor invalidated (B2.2.7). Uses r0-r3.
sync_code:
	cmp	r9, #0
	beq	2f
	mrc	p15, 0, r2, c0, c0, 1	@ CTR
	ubfx	r2, r2, #16, #4		@ DminLine: log2 of words
	mov	r3, #4
	lsl	r3, r3, r2
	sub	r2, r3, #1
	bic	r0, r0, r2
1:	mcr	p15, 0, r0, c7, c11, 1	@ DCCMVAU
	add	r0, r0, r3
	cmp	r0, r1
	blo	1b
	dsb
2:	mov	r0, #0
	mcr	p15, 0, r0, c7, c5, 0	@ ICIALLU
	mcr	p15, 0, r0, c7, c5, 6	@ BPIALL
	dsb
	isb
	bx	lr
