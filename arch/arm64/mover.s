// SPDX-License-Identifier: MIT
//
// mover.s - the arm64 blob mover (arch/blob.inc): the first code of a blob,
// entered at its first byte wherever the blob was loaded, by a bootloader's
// "go" (U-Boot: MMU and caches on over an identity map of memory), a
// debugger or a reset (MMU off), at EL2 or EL1. It puts every segment at
// its destination and enters the codepage's placed entry in the state it
// was entered in, but for DAIF, masked: the codepage then does what it
// does after kexec_load (with the MMU on, it cleans every segment to the
// point of coherency and turns the MMU off; it checks the segments).
//
// Caches (Arm ARM, D7.4 and D7.5): with the MMU or the data cache off
// (SCTLR.M or .C clear), data accesses do not look up the data cache, so a
// line a previous owner left there would be written back over the moved
// bytes later; every destination line is invalidated (dc ivac) before any
// move, as Linux's MMU-off relocation did. With both on, moves go through
// the cache.
// Either way, code the mover wrote (its own copy, the codepage) is cleaned
// to the point of unification and the instruction cache invalidated before
// it is fetched.
//
// Registers: x19 the blob as loaded, x20 the header being run from, x21
// mover bytes, x22 blob bytes, x23 smallest D-cache line, x24 data
// accesses are cached (SCTLR.M and .C).

	.include "blob.inc"
	.equ	SCTLR_M, 1 << 0
	.equ	SCTLR_C, 1 << 2

	// lines OP, LO, HI: dc OP on each line of [LO, HI) (none when empty).
	// Clobbers x9 and LO.
	.macro	lines op, lo, hi
	cmp	\lo, \hi
	b.hs	78f
	sub	x9, x23, #1
	bic	\lo, \lo, x9
77:	dc	\op, \lo
	add	\lo, \lo, x23
	cmp	\lo, \hi
	b.lo	77b
78:
	.endm

	// dests_begin ... dests_end: the code between, for each segment, with
	// x12, x13 = [its destination, its end). Clobbers x10, x11.
	.macro	dests_begin
	ldr	w10, [x20, #BLOB_NSEG]
	ldr	w11, [x20, #BLOB_SEGS]
	add	x11, x20, x11
88:	cbz	x10, 89f
	ldr	x12, [x11, #BSEG_DEST]
	ldr	x13, [x11, #BSEG_MEMSZ]
	add	x13, x13, x12
	add	x11, x11, #BSEG_SIZE
	sub	x10, x10, #1
	.endm
	.macro	dests_end
	b	88b
89:
	.endm

	.section .text.entry, "ax"
	.globl	cp_entry
// A Linux arm64 Image header (Documentation/arch/arm64/booting.rst), so
// U-Boot's booti (which enters with the MMU and caches off) and any other
// Image loader start the blob; a loader that moves it keeps 2 MiB
// alignment, which the blob does not need.
cp_entry:
	b	mover			// code0
	.word	0			// code1
	.quad	0			// text_offset
	.quad	__blob_size		// image_size: what a loader must keep
	.quad	0xa			// flags: little-endian, 4 KiB pages,
					// anywhere in memory (bit 3)
	.quad	0, 0, 0			// res2 .. res4
	.ascii	"ARM\x64"		// magic
	.word	0			// res5: no PE header
	.if	. - cp_entry != BLOB_CODE
	.error	"the Image header must end where the blob's header starts"
	.endif

	.text
mover:
	msr	daifset, #0xf
	adr	x19, cp_entry
	adr	x20, cp_plan
	ldr	x21, [x20, #BLOB_MOVER_SIZE]
	ldr	x22, [x20, #BLOB_SIZE]
	mrs	x9, ctr_el0		// DminLine: log2 of words
	ubfx	x9, x9, #16, #4
	mov	x23, #4
	lsl	x23, x23, x9
	mrs	x9, CurrentEL
	ubfx	x9, x9, #2, #2
	cmp	x9, #2
	b.eq	1f
	mrs	x24, sctlr_el1
	b	2f
1:	mrs	x24, sctlr_el2
2:	mov	x9, #(SCTLR_M | SCTLR_C)
	and	x24, x24, x9
	cmp	x24, x9
	cset	x24, eq
	cbnz	x24, 3f
	bl	discard_destinations
3:	mov	x0, x19			// a destination over the mover?
	add	x1, x19, x21
	bl	covered
	cbz	x0, move
	bl	find_spot		// then run from a free spot
	cbz	x1, stuck
	mov	x25, x0
	cbnz	x24, 4f
	add	x1, x0, x21
	lines	ivac, x0, x1		// as the destinations below
	dsb	sy
4:	mov	x3, x25
	mov	x1, x19
	mov	x2, x21
	bl	copy_down		// the spot lies outside the blob
	mov	x0, x25
	add	x1, x25, x21
	bl	sync_code
	adr	x9, move
	sub	x9, x9, x19
	add	x9, x9, x25
	br	x9

// Segments going down, lowest first, then those going up, highest first:
// their sources lie in the order of their destinations, so no move
// overwrites a source not yet moved (blob.inc).
move:
	adr	x20, cp_plan		// the header of the copy that runs
	ldr	w25, [x20, #BLOB_NSEG]
	ldr	w9, [x20, #BLOB_SEGS]
	add	x26, x20, x9		// x26: the segment table
	mov	x27, xzr
4:	cmp	x27, x25
	b.hs	5f
	bl	segment
	cmp	x3, x1
	b.hi	6f
	bl	copy_down
6:	add	x27, x27, #1
	b	4b
5:	cbz	x27, 7f
	sub	x27, x27, #1
	bl	segment
	cmp	x3, x1
	b.ls	5b
	bl	copy_up
	b	5b
7:	cmp	x27, x25		// then each zero tail
	b.hs	8f
	bl	segment
	add	x3, x3, x2
	sub	x2, x4, x2
	bl	zero
	add	x27, x27, #1
	b	7b
8:	ldr	w27, [x20, #BLOB_CODEPAGE]
	bl	segment
	mov	x0, x3
	add	x1, x3, x2
	bl	sync_code
	ldr	x9, [x20, #BLOB_ENTRY]
	br	x9

stuck:	wfe				// loaded outside memory: nowhere to go
	b	stuck

// segment: entry x27 of the table: x3 destination, x1 source, x2 packed
// bytes, x4 memsz.
segment:
	mov	x9, #BSEG_SIZE
	madd	x9, x27, x9, x26
	ldr	x3, [x9, #BSEG_DEST]
	ldr	x1, [x9, #BSEG_OFFSET]
	add	x1, x1, x19
	ldr	x2, [x9, #BSEG_PACKED]
	ldr	x4, [x9, #BSEG_MEMSZ]
	ret

// copy_down: x2 bytes (a multiple of 16) from x1 to x3, ascending: right
// when x3 <= x1, whatever the overlap. Advances x1, x3.
copy_down:
	cbz	x2, 2f
	tst	x2, #63
	b.eq	1f
	ldp	x5, x6, [x1], #16
	stp	x5, x6, [x3], #16
	sub	x2, x2, #16
	b	copy_down
1:	ldp	x5, x6, [x1], #16
	ldp	x7, x8, [x1], #16
	ldp	x9, x10, [x1], #16
	ldp	x11, x12, [x1], #16
	stp	x5, x6, [x3], #16
	stp	x7, x8, [x3], #16
	stp	x9, x10, [x3], #16
	stp	x11, x12, [x3], #16
	subs	x2, x2, #64
	b.ne	1b
2:	ret

// copy_up: the same, descending from the ends: right when x3 > x1.
copy_up:
	add	x1, x1, x2
	add	x3, x3, x2
3:	cbz	x2, 2f
	tst	x2, #63
	b.eq	1f
	ldp	x5, x6, [x1, #-16]!
	stp	x5, x6, [x3, #-16]!
	sub	x2, x2, #16
	b	3b
1:	ldp	x5, x6, [x1, #-16]!
	ldp	x7, x8, [x1, #-16]!
	ldp	x9, x10, [x1, #-16]!
	ldp	x11, x12, [x1, #-16]!
	stp	x5, x6, [x3, #-16]!
	stp	x7, x8, [x3, #-16]!
	stp	x9, x10, [x3, #-16]!
	stp	x11, x12, [x3, #-16]!
	subs	x2, x2, #64
	b.ne	1b
2:	ret

// zero: x2 bytes (a multiple of 16) at x3. Not dc zva: with the MMU off
// memory is Device memory, where it faults.
zero:
	cbz	x2, 2f
1:	stp	xzr, xzr, [x3], #16
	subs	x2, x2, #16
	b.ne	1b
2:	ret

// covered: x0 = 1 when a destination overlaps [x0, x1), else 0.
covered:
	dests_begin
	cmp	x12, x1
	b.hs	88b
	cmp	x13, x0
	b.ls	88b
	mov	x0, #1
	ret
	dests_end
	mov	x0, xzr
	ret

// find_spot: x0 = the first spot of x21 bytes in the free table outside
// the blob [x19, x19 + x22), 64-byte aligned, and x1 = 1; x1 = 0 if there
// is none (0 is a spot like any other).
find_spot:
	ldr	w10, [x20, #BLOB_NFREE]
	ldr	w11, [x20, #BLOB_FREE]
	add	x11, x20, x11
	add	x14, x19, x22		// the blob's end
	add	x14, x14, #63
	and	x14, x14, #~63
1:	cbz	x10, 3f
	ldp	x12, x13, [x11, #BFREE_BASE]
	add	x11, x11, #BFREE_SIZE
	sub	x10, x10, #1
	add	x15, x12, x21		// [x12, x15): the range's first spot
	cmp	x12, x14
	b.hs	2f
	cmp	x15, x19
	b.ls	2f
	mov	x12, x14		// it meets the blob: just past it
	add	x15, x12, x21
2:	cmp	x15, x13
	b.hi	1b
	mov	x0, x12
	mov	x1, #1
	ret
3:	mov	x1, xzr
	ret

// discard_destinations: dc ivac every line of every destination, then dsb.
discard_destinations:
	dests_begin
	lines	ivac, x12, x13
	dests_end
	dsb	sy
	ret

// sync_code: make [x0, x1), just written, what instruction fetch sees:
// clean to the point of unification, then invalidate the instruction
// cache (D7.5.9: dc cvau, dsb ish, ic iallu, dsb ish, isb).
sync_code:
	lines	cvau, x0, x1
	dsb	ish
	ic	iallu
	dsb	ish
	isb
	ret
