// SPDX-License-Identifier: MIT
//
// arm64-linux-copy.s - the benchmark's arm64 reference: a list-mode copier
// shaped like Linux's arm64 relocate_kernel before it gained an MMU-on copy
// (arch/arm64/kernel/relocate_kernel.S, Linux 4.x-5.13): with the MMU off,
// for every source page it invalidates each destination line to the point
// of coherency (one dc ivac per line), then copies the page with copy_page
// (four ldp / four stnp, 64 bytes per iteration), and ends with ic iallu.
// Written here from that description; `make bench` runs it through
// codepage-qemu in place of the codepage. Entered like the list entry:
// x0 = list head (Linux's image->head). When done it powers QEMU off (PSCI SYSTEM_OFF over hvc).

	.text
	.globl	_start
_start:
	b	1f			// offset 0: placed entry (unused)
	nop
1:	mov	x14, x0			// offset 8: list entry, x0 = list head
	mrs	x9, ctr_el0		// D-cache line size
	ubfx	x9, x9, #16, #4
	mov	x15, #4
	lsl	x15, x15, x9
	mov	x13, xzr		// destination
	b	dispatch
walk:
	ldr	x14, [x16], #8
dispatch:
	tbnz	x14, #2, done		// IND_DONE
	and	x12, x14, #~0xfff
	tbz	x14, #0, 2f		// IND_DESTINATION
	mov	x13, x12
	b	walk
2:	tbz	x14, #1, 3f		// IND_INDIRECTION
	mov	x16, x12
	b	walk
3:	tbz	x14, #3, walk		// IND_SOURCE
	mov	x0, x13
	add	x20, x0, #4096
4:	dc	ivac, x0
	add	x0, x0, x15
	cmp	x0, x20
	b.lo	4b
	dsb	sy
5:	ldp	x1, x2, [x12]
	ldp	x3, x4, [x12, #16]
	ldp	x5, x6, [x12, #32]
	ldp	x7, x8, [x12, #48]
	add	x12, x12, #64
	stnp	x1, x2, [x13]
	stnp	x3, x4, [x13, #16]
	stnp	x5, x6, [x13, #32]
	stnp	x7, x8, [x13, #48]
	add	x13, x13, #64
	tst	x12, #(4096 - 1)
	b.ne	5b
	b	walk
done:
	.include "poweroff.inc"
