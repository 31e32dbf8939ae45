@ SPDX-License-Identifier: MIT
@
@ qemu-oldkernel.s - codepage-qemu's stand-in for what runs before an arm
@ codepage on QEMU's virt machine (started in SVC, or HYP with
@ virtualization=on, MMU off), in one of two shapes:
@   P_MMU = 0  Linux's kexec path (cpu_v7_proc_fin, cpu_v7_reset): MMU,
@              data and instruction caches off; placed: r0 = 0, r1 = ~0,
@              r2 = 0 (relocate_new_kernel's registers, which the codepage
@              does not read); list: r0 = list, r1 = codepage, r2 = start.
@   P_MMU = 1  a bootloader's go (U-Boot's qemu_arm): an identity map of
@              the 4 GiB (device below RAM, write-back RAM), MMU and caches
@              on, and the codepage's own lines dirty in the cache. SVC:
@              1 MiB sections; HYP, where only long descriptors exist:
@              1 GiB blocks through HTTBR, as U-Boot's LPAE map.
@ It reads the 64-bit parameter block's low words (little-endian; every
@ address is below 4 GiB). codepage-qemu links this with a generated
@ params.s (oldkernel_params) and starts the CPU here.

	.arch	armv7-a
	.arch_extension virt
	.syntax	unified
	.arm

	.include "standin64.inc"

	.equ	MODE_HYP, 0x1a
	.equ	SECT_DEVICE, 0x0c12	@ AP=11, XN, section
	.equ	SECT_NORMAL, 0x1c0e	@ AP=11, TEX=001 C B: write-back, section
	.equ	BLOCK_DEVICE, 0x401	@ long descriptor: AF, block, AttrIndx 0
	.equ	BLOCK_NORMAL, 0x705	@ AF, inner shareable, block, AttrIndx 1

	.text
	.globl	_start
_start:
	ldr	r4, =oldkernel_params	@ we run where we are linked
	bl	copy_in
	mrs	r5, cpsr
	and	r5, r5, #0x1f		@ r5: the mode
	ldr	r0, [r4, #P_MMU]
	cmp	r0, #0
	beq	enter			@ QEMU starts us as Linux leaves the CPU
	cmp	r5, #MODE_HYP
	beq	1f
	bl	section_map
	b	dirty
1:	bl	block_map
dirty:	@ rewrite the codepage page through the cache: its lines go dirty
	ldr	r0, [r4, #P_CP_PA]
	mov	r1, #4096 / 4
2:	ldr	r2, [r0]
	str	r2, [r0], #4
	subs	r1, r1, #1
	bne	2b
enter:
	ldr	r6, [r4, #P_CP_PA]
	ldr	r0, [r4, #P_ENTRY_OFF]
	add	r6, r6, r0
	ldr	r3, [r4, #P_MODE]
	mov	r0, #0
	mvn	r1, #0
	mov	r2, #0
	cmp	r3, #0
	ldrne	r0, [r4, #P_LIST]
	ldrne	r1, [r4, #P_CP_PA]
	ldrne	r2, [r4, #P_START]
	bx	r6

@ copy_in: put staged segments in place, zero-filled to memsz, as a kernel
@ that placed them would (QEMU keeps data of its own where they go).
copy_in:
	ldr	r0, [r4, #P_NCOPY]
	add	r1, r4, #P_COPY
1:	cmp	r0, #0
	bxeq	lr
	ldr	r2, [r1, #COPY_SRC]
	ldr	r3, [r1, #COPY_DST]
	ldr	r6, [r1, #COPY_LEN]
	ldr	r7, [r1, #COPY_MEMSZ]
	add	r1, r1, #COPY_SIZE
	mov	r8, #0
2:	cmp	r8, r6
	bhs	3f
	ldr	r9, [r2, r8]
	str	r9, [r3, r8]
	add	r8, r8, #4
	b	2b
3:	mov	r9, #0
4:	cmp	r8, r7
	bhs	5f
	str	r9, [r3, r8]
	add	r8, r8, #4
	b	4b
5:	sub	r0, r0, #1
	b	1b

@ fill_map SHIFT, COUNT, STRIDE, NORMAL, DEVICE: COUNT descriptors at
@ table, 1 << STRIDE bytes apart, each mapping 1 << SHIFT bytes 1:1:
@ NORMAL over the RAM the parameters give, DEVICE elsewhere (an LPAE
@ entry's high word stays 0). Uses r2, r3, r6-r9.
	.macro	fill_map shift, count, stride, normal, device
	ldr	r6, =table		@ 16 KiB aligned
	ldr	r7, [r4, #P_RAM_BASE]
	ldr	r8, [r4, #P_RAM_SIZE]
	add	r8, r8, r7
	mov	r9, #0
1:	lsl	r2, r9, #\shift
	movw	r3, #\device
	cmp	r2, r7
	blo	2f
	cmp	r2, r8
	bhs	2f
	movw	r3, #\normal
2:	orr	r3, r3, r2
	str	r3, [r6, r9, lsl #\stride]
	add	r9, r9, #1
	cmp	r9, #\count
	blo	1b
	dsb
	.endm

@ section_map: SVC, short descriptors: 4096 1 MiB sections, TTBR0, domain 0
@ a client, MMU and caches on. Uses r0-r3, r6-r9.
section_map:
	fill_map 20, 4096, 2, SECT_NORMAL, SECT_DEVICE
	mov	r0, #0
	mcr	p15, 0, r0, c8, c7, 0	@ TLBIALL
	mcr	p15, 0, r0, c2, c0, 2	@ TTBCR: short descriptors, TTBR0
	mcr	p15, 0, r6, c2, c0, 0	@ TTBR0
	mov	r0, #1
	mcr	p15, 0, r0, c3, c0, 0	@ DACR: domain 0 a client
	isb
	mrc	p15, 0, r0, c1, c0, 0
	orr	r0, r0, #(1 << 0) | (1 << 2)	@ M, C
	orr	r0, r0, #(1 << 12)		@ I
	mcr	p15, 0, r0, c1, c0, 0
	isb
	bx	lr

@ block_map: HYP, long descriptors: four 1 GiB blocks through HTTBR,
@ HMAIR0 attribute 0 device, 1 normal write-back; MMU and caches on.
@ Uses r0-r3, r6-r9.
block_map:
	fill_map 30, 4, 3, BLOCK_NORMAL, BLOCK_DEVICE	@ low words
	mov	r0, #0xff00		@ HMAIR0: 0 device-nGnRnE, 1 normal WB
	mcr	p15, 4, r0, c10, c2, 0
	movw	r0, #(1 << 8) | (1 << 10) | (3 << 12)	@ HTCR: T0SZ 0, WBWA, inner
	mcr	p15, 4, r0, c2, c0, 2
	mov	r1, #0
	mcrr	p15, 4, r6, r1, c2	@ HTTBR
	isb
	mcr	p15, 4, r0, c8, c7, 0	@ TLBIALLH
	dsb
	isb
	mrc	p15, 4, r0, c1, c0, 0	@ HSCTLR
	orr	r0, r0, #(1 << 0) | (1 << 2)
	orr	r0, r0, #(1 << 12)
	mcr	p15, 4, r0, c1, c0, 0
	isb
	bx	lr

	.ltorg

	.bss
	.balign	16384
table:	.space	16384
