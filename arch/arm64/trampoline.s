// SPDX-License-Identifier: MIT
//
// trampoline.s - the fixed arm64 codepage. Everything that differs between
// destinations is in the plan (plan.inc), found PC-relatively.
//
// Entries:
//   cp_entry       placed: every segment is already at its load address.
//   cp_list_entry  list: x0 = physical address of a Linux kexec indirection
//                  list (native 64-bit entries, IND_* flags, 4 KiB pages);
//                  x1 (our physical address) and x2 (start) are unused.
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
3:	tbnz	x22, #0, mmu_on

// --- MMU off ------------------------------------------------------------
	cbz	x19, placed_off
	mov	x1, x19			// list cursor
	mov	x2, xzr			// destination
walk_off:
	ldr	x3, [x1], #8
	tbnz	x3, #IND_DONE_BIT, caches_done
	and	x4, x3, #~(PAGE - 1)
	tbz	x3, #IND_DESTINATION_BIT, 4f
	mov	x2, x4
	b	walk_off
4:	tbz	x3, #IND_INDIRECTION_BIT, 5f
	mov	x1, x4
	b	walk_off
5:	tbz	x3, #IND_SOURCE_BIT, walk_off
	add	x6, x2, #PAGE		// invalidate the destination page first
	mov	x5, x2
6:	dc	ivac, x5
	add	x5, x5, x21
	dc	ivac, x5
	add	x5, x5, x21
	cmp	x5, x6
	b.lo	6b
	dsb	sy			// done before the first store
	bl	copy_page
	b	walk_off

placed_off:
	adr	x10, cp_plan
	ldr	x11, [x10, #PLAN_NSEG]
	ldr	x12, [x10, #PLAN_SEG]
	add	x12, x12, x10
7:	cbz	x11, caches_done
	ldp	x5, x6, [x12], #SEGE_SIZE
	add	x6, x6, x5
8:	dc	ivac, x5		// discard stale lines over the segment
	add	x5, x5, x21
	cmp	x5, x6
	b.lo	8b
	sub	x11, x11, #1
	b	7b

// --- MMU on, identity map ----------------------------------------------
mmu_on:
	cbz	x19, placed_on
	mov	x1, x19
	mov	x2, xzr
walk_on:
	ldr	x3, [x1], #8
	tbnz	x3, #IND_DONE_BIT, turn_off
	and	x4, x3, #~(PAGE - 1)
	tbz	x3, #IND_DESTINATION_BIT, 4f
	mov	x2, x4
	b	walk_on
4:	tbz	x3, #IND_INDIRECTION_BIT, 5f
	mov	x1, x4
	b	walk_on
5:	tbz	x3, #IND_SOURCE_BIT, walk_on
	mov	x5, x2
	bl	copy_page
6:	dc	civac, x5		// the copy, out to the point of coherency
	add	x5, x5, x21
	cmp	x5, x2
	b.lo	6b
	b	walk_on

placed_on:
	adr	x10, cp_plan
	ldr	x11, [x10, #PLAN_NSEG]
	ldr	x12, [x10, #PLAN_SEG]
	add	x12, x12, x10
7:	cbz	x11, turn_off
	ldp	x5, x6, [x12], #SEGE_SIZE
	add	x6, x6, x5
8:	dc	civac, x5
	add	x5, x5, x21
	cmp	x5, x6
	b.lo	8b
	sub	x11, x11, #1
	b	7b

turn_off:
	// This codepage was written through the cache too; the preamble
	// reads the plan with the cache off.
	adr	x5, __codepage_start
	adr	x6, __codepage_end
9:	dc	civac, x5
	add	x5, x5, x21
	cmp	x5, x6
	b.lo	9b
	dsb	sy
	bic	x22, x22, #SCTLR_M
	bic	x22, x22, #SCTLR_C
	cbnz	x23, 10f
	msr	sctlr_el1, x22
	b	11f
10:	msr	sctlr_el2, x22
11:	isb				// the identity map keeps us running

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
// Uses x3, x7..x18.
copy_page:
	mov	x7, #PAGE / 128
12:	ldp	x8, x9, [x4], #16
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
	b.ne	12b
	ret
