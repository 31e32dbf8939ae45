// SPDX-License-Identifier: MIT
//
// trampoline.s - the fixed arm64 codepage. Everything that differs between
// destinations is in the plan (plan.inc), found PC-relatively.
//
// Entries:
//   cp_entry       placed: every segment is already at its load address.
//   cp_list_entry  list: x0 = the head of a Linux kexec indirection list as
//                  the kernel keeps it (image->head: first list page |
//                  IND_INDIRECTION, or IND_DONE; native 64-bit entries,
//                  IND_* flags, 4 KiB pages); x1 (our physical address)
//                  and x2 (start) are unused.
// Either at EL2 or EL1, in one of two states:
//   MMU off, as Linux's kexec path leaves the CPU: data accesses bypass the
//     cache, so a stale dirty line for a destination could be written back
//     over the copy later. Each destination line is invalidated (dc ivac)
//     before it is written, as booting.rst and Linux's own relocation code
//     require; placed segments get the same invalidation.
//   MMU on over an identity map with caches on, as a bootloader's "go"
//     leaves it: copy through the cache, clean and invalidate each written
//     line to the point of coherency (dc civac), clean the segments and this
//     codepage likewise, then turn the MMU and data cache off.
// Then the instruction cache is invalidated and the preamble runs with
// x0 = plan. The exception level is never changed (booting.rst: the kernel
// may be entered at EL2 or EL1).

	.include "plan.inc"

	.equ	IND_DESTINATION_BIT, 0
	.equ	IND_INDIRECTION_BIT, 1
	.equ	IND_DONE_BIT, 2
	.equ	IND_SOURCE_BIT, 3
	.equ	PAGE, 4096
	.equ	SCTLR_M, 1 << 0
	.equ	SCTLR_C, 1 << 2

	.section .text.entry, "ax"
	.globl	cp_entry
	.globl	cp_list_entry
cp_entry:
	mov	x19, xzr		// x19: indirection list, 0 = placed
	b	1f
cp_list_entry:
	mov	x19, x0
1:	msr	daifset, #0xf		// no exception may be taken from here on
	// x21: smallest data cache line (CTR_EL0.DminLine, log2 of words)
	mrs	x9, ctr_el0
	ubfx	x9, x9, #16, #4
	mov	x21, #4
	lsl	x21, x21, x9
	// x22: SCTLR of the current exception level; x23: 1 at EL2
	mrs	x9, CurrentEL
	ubfx	x23, x9, #2, #2
	cmp	x23, #2
	cset	x23, eq
	cbnz	x23, 2f
	mrs	x22, sctlr_el1
	b	3f
2:	mrs	x22, sctlr_el2
3:	and	x24, x22, #SCTLR_M		// x24: the MMU was on
	cbz	x19, placed

// --- list mode: walk the indirection list ------------------------------
	mov	x3, x19			// the head entry, as Linux's image->head
	mov	x2, xzr			// destination
	b	dispatch		// x1, the cursor, is set by the head
walk:
	ldr	x3, [x1], #8
dispatch:
	tbnz	x3, #IND_DONE_BIT, copied
	and	x4, x3, #~(PAGE - 1)
	tbz	x3, #IND_DESTINATION_BIT, 4f
	mov	x2, x4
	b	walk
4:	tbz	x3, #IND_INDIRECTION_BIT, 5f
	mov	x1, x4
	b	walk
5:	tbz	x3, #IND_SOURCE_BIT, walk
	cbnz	x24, 7f
	add	x6, x2, #PAGE		// MMU off: invalidate the page first
	mov	x5, x2
6:	dc	ivac, x5		// four lines per iteration: a page
	add	x5, x5, x21		// holds a multiple of four lines
	dc	ivac, x5
	add	x5, x5, x21
	dc	ivac, x5
	add	x5, x5, x21
	dc	ivac, x5
	add	x5, x5, x21
	cmp	x5, x6
	b.lo	6b
	dsb	sy			// done before the first store
7:	mov	x5, x2
	bl	copy_page
	cbz	x24, walk
8:	dc	civac, x5		// MMU on: the copy, out to the PoC
	add	x5, x5, x21
	cmp	x5, x2
	b.lo	8b
	b	walk

// --- placed mode: every segment's lines ------------------------------
// MMU off: discard stale lines over the segments (the data is in memory);
// MMU on: clean and invalidate them, the data is in the cache.
placed:
	adr	x10, cp_plan
	ldr	x11, [x10, #PLAN_NSEG]
	ldr	x12, [x10, #PLAN_SEG]
	add	x12, x12, x10
9:	cbz	x11, copied
	ldp	x5, x6, [x12], #SEGE_SIZE
	add	x6, x6, x5
	cbnz	x24, 11f
10:	dc	ivac, x5
	add	x5, x5, x21
	cmp	x5, x6
	b.lo	10b
	b	12f
11:	dc	civac, x5
	add	x5, x5, x21
	cmp	x5, x6
	b.lo	11b
12:	sub	x11, x11, #1
	b	9b

copied:
	cbz	x24, caches_done
	// MMU on: this codepage was written through the cache too, and the
	// preamble reads the plan with the cache off.
	adr	x5, __codepage_start
	adr	x6, __codepage_end
13:	dc	civac, x5
	add	x5, x5, x21
	cmp	x5, x6
	b.lo	13b
	dsb	sy
	bic	x22, x22, #SCTLR_M
	bic	x22, x22, #SCTLR_C
	cbnz	x23, 14f
	msr	sctlr_el1, x22
	b	15f
14:	msr	sctlr_el2, x22
15:	isb				// the identity map keeps us running

caches_done:
	// Every clean and invalidate complete, then no stale instruction
	// anywhere in this CPU's instruction cache.
	dsb	sy
	ic	iallu
	dsb	sy
	isb
	adr	x0, cp_plan
	b	preamble		// x0 = plan; the preamble jumps

// copy_page: 4 KiB from x4 to x2, 128 bytes per iteration; advances x2.
// Uses x7..x15.
copy_page:
	mov	x7, #PAGE / 128
16:	ldp	x8, x9, [x4], #16
	ldp	x10, x11, [x4], #16
	ldp	x12, x13, [x4], #16
	ldp	x14, x15, [x4], #16
	stp	x8, x9, [x2], #16
	stp	x10, x11, [x2], #16
	stp	x12, x13, [x2], #16
	stp	x14, x15, [x2], #16
	ldp	x8, x9, [x4], #16
	ldp	x10, x11, [x4], #16
	ldp	x12, x13, [x4], #16
	ldp	x14, x15, [x4], #16
	stp	x8, x9, [x2], #16
	stp	x10, x11, [x2], #16
	stp	x12, x13, [x2], #16
	stp	x14, x15, [x2], #16
	subs	x7, x7, #1
	b.ne	16b
	ret
