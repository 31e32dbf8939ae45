// SPDX-License-Identifier: MIT
//
// arm64-oldkernel.s - codepage-qemu's stand-in for what runs before the
// codepage on QEMU's virt machine (started at EL1, or EL2 with
// virtualization=on, MMU off), in one of two shapes:
//   P_MMU = 0  Linux's kexec path: MMU and data cache off, instruction
//              cache on, registers as Linux passes them
//              (placed: x0 = 0; list: x0 = list, x1 = codepage, x2 = start,
//              the list entry in segment 0, as Linux passes kimage->start).
//   P_MMU = 1  a bootloader's "go": an identity map of the first 512 GiB
//              (1 GiB blocks: device below RAM, write-back RAM), MMU and
//              caches on, and the codepage's own lines dirty in the cache.
// codepage-qemu links this with a generated params.s (oldkernel_params) at
// an address of its choosing and starts the CPU here.

	.include "standin64.inc"

	.equ	BLOCK_DEVICE, 0x401	// AF | block, AttrIndx 0
	.equ	BLOCK_NORMAL, 0x705	// AF | inner shareable | AttrIndx 1

	.text
	.globl	_start
_start:
	adr	x19, oldkernel_params
	bl	copy_in
	mrs	x20, CurrentEL
	ubfx	x20, x20, #2, #2
	ldr	x0, [x19, #P_MMU]
	cbz	x0, mmu_off
	bl	identity_map
	b	enter
mmu_off:
	cmp	x20, #2			// instruction cache on, as Linux leaves it
	b.eq	1f
	mrs	x0, sctlr_el1
	orr	x0, x0, #(1 << 12)
	msr	sctlr_el1, x0
	b	2f
1:	mrs	x0, sctlr_el2
	orr	x0, x0, #(1 << 12)
	msr	sctlr_el2, x0
2:	isb
enter:
	ldr	x9, [x19, #P_CP_PA]
	ldr	x10, [x19, #P_ENTRY_OFF]
	add	x9, x9, x10
	ldr	x3, [x19, #P_MODE]
	mov	x0, xzr
	cbz	x3, 3f
	ldr	x0, [x19, #P_LIST]
	ldr	x1, [x19, #P_CP_PA]
	ldr	x2, [x19, #P_START]
3:	br	x9

// copy_in: put staged segments in place, zero-filled to memsz, as a kernel
// that placed them would (QEMU keeps data of its own where they go).
copy_in:
	ldr	x10, [x19, #P_NCOPY]
	add	x11, x19, #P_COPY
1:	cbz	x10, 4f
	ldr	x12, [x11, #COPY_SRC]
	ldr	x13, [x11, #COPY_DST]
	ldr	x14, [x11, #COPY_LEN]
	ldr	x15, [x11, #COPY_MEMSZ]
	add	x11, x11, #COPY_SIZE
	mov	x16, xzr
2:	cmp	x16, x14
	b.hs	3f
	ldr	x17, [x12, x16]
	str	x17, [x13, x16]
	add	x16, x16, #8
	b	2b
3:	cmp	x16, x15
	b.hs	5f
	str	xzr, [x13, x16]
	add	x16, x16, #8
	b	3b
5:	sub	x10, x10, #1
	b	1b
4:	ret

identity_map:
	adrp	x9, table
	add	x9, x9, :lo12:table
	mov	x10, xzr		// 1 GiB blocks for the whole table
	ldr	x11, [x19, #P_RAM_BASE]
	ldr	x12, [x19, #P_RAM_SIZE]
	add	x12, x12, x11
4:	lsl	x13, x10, #30
	mov	x14, #BLOCK_DEVICE
	cmp	x13, x11
	b.lo	5f
	cmp	x13, x12
	b.hs	5f
	mov	x14, #BLOCK_NORMAL
5:	orr	x14, x14, x13
	str	x14, [x9, x10, lsl #3]
	add	x10, x10, #1
	cmp	x10, #512
	b.lo	4b
	dsb	sy
	mov	x0, #0xff00		// MAIR: 0 device-nGnRnE, 1 normal WB
	cmp	x20, #2
	b.eq	el2_map
	msr	mair_el1, x0
	// T0SZ 25 (39 bits, start at level 1), WB WA inner and outer,
	// inner shareable, 4 KiB granule, no TTBR1 walks, 40-bit PA
	ldr	x0, =(25 | (1 << 8) | (1 << 10) | (3 << 12) | (1 << 23) | (2 << 32))
	msr	tcr_el1, x0
	msr	ttbr0_el1, x9
	isb
	tlbi	vmalle1
	dsb	sy
	isb
	mrs	x0, sctlr_el1
	orr	x0, x0, #(1 << 0)	// M
	orr	x0, x0, #(1 << 2)	// C
	orr	x0, x0, #(1 << 12)	// I
	msr	sctlr_el1, x0
	isb
	b	dirty
el2_map:
	msr	mair_el2, x0
	ldr	x0, =(25 | (1 << 8) | (1 << 10) | (3 << 12) | (2 << 16) | (1 << 23) | (1 << 31))
	msr	tcr_el2, x0
	msr	ttbr0_el2, x9
	isb
	tlbi	alle2
	dsb	sy
	isb
	mrs	x0, sctlr_el2
	orr	x0, x0, #(1 << 0)
	orr	x0, x0, #(1 << 2)
	orr	x0, x0, #(1 << 12)
	msr	sctlr_el2, x0
	isb
dirty:	// rewrite the codepage page through the cache: its lines go dirty
	ldr	x9, [x19, #P_CP_PA]
	mov	x10, #4096 / 8
6:	ldr	x11, [x9]
	str	x11, [x9], #8
	subs	x10, x10, #1
	b.ne	6b
	ret

	.ltorg
	.bss
	.balign	4096
table:	.space	4096
