@ SPDX-License-Identifier: MIT
@
@ regcheck.s - a tiny 32-bit Arm destination for QEMU's virt machine that
@ reports how it was entered, like arch/arm64/samples/regcheck.s: the
@ registers booting.rst promises, the mode, whether the MMU and data cache
@ are off and interrupts masked, and whether every loaded byte arrived.
@ Position-independent, and it starts with a zImage header (Linux's
@ arch/arm/boot/compressed/head.S) whose KLSZ tag says "nothing to
@ decompress, TEXT_OFFSET 0x208000", so the same bytes work as an ELF at
@ 0x40208000, raw, and as a zImage (objcopy -O binary) placed at RAM's
@ start + TEXT_OFFSET.
@
@   regcheck: pc=0x... mode=svc|hyp
@   regcheck: r0=0x... r1=0x... r2=0x... mmu=0 dcache=0 aif=0x7
@   regcheck: fdt=ok|bad|none       (none: r1 != ~0, no device tree)
@   regcheck: atags= core mem=START+SIZE initrd=START+SIZE cmdline=... end
@                                   (each tag of the list r2 points at when
@                                   r1 is a machine type; none: no list)
@   regcheck: payload=ok|bad  bss=ok|bad  sum=0x...
@   regcheck: PASS|FAIL
@ then PSCI SYSTEM_OFF (hvc from SVC, smc from HYP, as QEMU's virt wants).
@
@ Registers: r4..r6 the entry's r0..r2, r7 the mode, r8 the CPSR, r9 the
@ system control register, r10 failures; puts, puthex and newline keep lr
@ in r12, okbad in r11 (puthex counts in r11: okbad never calls it).

	.arch	armv7-a
	.syntax	unified
	.arm

	.include "../pcrel.inc"

	.equ	UART, 0x09000000	@ PL011 data register; flags at +0x18
	.equ	PAYLOAD_WORDS, 262144
	.equ	BSS_CHECK, 65536
	.equ	MODE_HYP, 0x1a
	.equ	RAM, 0x40000000
	.equ	RAM_SIZE, 0x10000000
	.equ	ATAG_CORE, 0x54410001
	.equ	ATAG_MEM, 0x54410002
	.equ	ATAG_INITRD2, 0x54420005
	.equ	ATAG_CMDLINE, 0x54410009
	.equ	ATAGS_MAX, 16

	.macro	li rd, value
	movw	\rd, #:lower16:\value
	movt	\rd, #:upper16:\value
	.endm

	@ tagis TAG, LABEL: on to LABEL unless r9 (the tag) is TAG
	.macro	tagis tag, label
	li	r0, \tag
	cmp	r9, r0
	bne	\label
	.endm

	@ pair FIRST, SECOND: the tag's words at those offsets, "0x..+0x.."
	.macro	pair first, second
	ldr	r0, [r4, #\first]
	bl	puthex
	mov	r0, #'+'
	bl	putc
	ldr	r0, [r4, #\second]
	bl	puthex
	.endm

	.macro	say label
	pcrel	r3, \label
	bl	puts
	.endm

	.text
	.globl	_start
_start:
	@ the zImage header: eight no-ops (r0..r2 kept), a branch over it
	.rept	8
	mov	r0, r0
	.endr
	b	real_start
	.word	0x016f2818		@ the magic
	.word	0			@ linked at 0: position-independent
	.word	_edata - _start		@ where the image ends
	.word	0x04030201		@ little-endian
	.word	0x45454545		@ a table of tags follows, at
	.word	ztable - _start
real_start:
	mov	r4, r0			@ keep the entry registers
	mov	r5, r1
	mov	r6, r2
	mrs	r8, cpsr
	and	r7, r8, #0x1f
	cmp	r7, #MODE_HYP
	mrceq	p15, 4, r9, c1, c0, 0	@ HSCTLR
	mrcne	p15, 0, r9, c1, c0, 0	@ SCTLR
	mov	r10, #0

	say	s_pc
	adr	r0, _start
	bl	puthex
	cmp	r7, #MODE_HYP
	bne	1f
	say	s_hyp
	b	2f
1:	say	s_svc
2:	bl	newline

	say	s_r0
	mov	r0, r4
	bl	puthex
	say	s_r1
	mov	r0, r5
	bl	puthex
	say	s_r2
	mov	r0, r6
	bl	puthex
	say	s_mmu
	and	r0, r9, #1
	add	r0, r0, #'0'
	bl	putc
	say	s_dcache
	ubfx	r0, r9, #2, #1
	add	r0, r0, #'0'
	bl	putc
	say	s_aif
	ubfx	r0, r8, #6, #3
	bl	puthex
	bl	newline

	say	s_fdt			@ the device tree magic, big-endian,
	cmn	r5, #1			@ when r1 = ~0 says r2 is one
	beq	3f
	say	s_none
	b	4f
3:	ldr	r0, [r6]
	rev	r0, r0
	movw	r1, #0xfeed
	movt	r1, #0xd00d
	cmp	r0, r1
	bl	okbad
4:	bl	newline

	say	s_atags			@ a tagged list at r2 when r1 is a
	cmn	r5, #1			@ machine type: RAM, word-aligned,
	beq	28f			@ ATAG_CORE first
	sub	r0, r6, #RAM
	li	r1, RAM_SIZE - 8
	cmp	r0, r1
	bhs	28f
	tst	r6, #3
	bne	28f
	ldr	r9, [r6, #4]
	tagis	ATAG_CORE, 28f
	mov	r4, r6			@ r4: the tag, r5: tags to go
	mov	r5, #ATAGS_MAX
20:	ldr	r9, [r4, #4]
	ldr	r0, [r4]
	cmp	r0, #0			@ ATAG_NONE ends the list
	beq	27f
	tagis	ATAG_CORE, 21f
	say	s_core
	b	26f
21:	tagis	ATAG_MEM, 22f
	say	s_mem
	pair	12, 8			@ {size, start}
	b	26f
22:	tagis	ATAG_INITRD2, 23f
	say	s_initrd
	pair	8, 12			@ {start, size}
	b	26f
23:	tagis	ATAG_CMDLINE, 24f
	say	s_cmdline
	add	r3, r4, #8
	bl	puts
	b	26f
24:	say	s_tag
	mov	r0, r9
	bl	puthex
26:	ldr	r0, [r4]
	add	r4, r4, r0, lsl #2
	subs	r5, r5, #1
	bne	20b
	add	r10, r10, #1		@ no ATAG_NONE within ATAGS_MAX
	say	s_bad
	b	29f
27:	say	s_end
	b	29f
28:	say	s_none
29:	bl	newline

	say	s_payload		@ regenerate the xorshift32 sequence
	pcrel	r1, payload
	movw	r2, #0x5678
	movt	r2, #0x1234
	mov	r3, #PAYLOAD_WORDS
	mov	r0, #0
5:	eor	r2, r2, r2, lsl #13
	eor	r2, r2, r2, lsr #17
	eor	r2, r2, r2, lsl #5
	ldr	r11, [r1], #4
	eor	r11, r11, r2
	orr	r0, r0, r11
	subs	r3, r3, #1
	bne	5b
	cmp	r0, #0
	bl	okbad

	say	s_bss			@ what was zero-filled reads as zero
	pcrel	r1, bss_check
	mov	r3, #BSS_CHECK / 4
	mov	r0, #0
6:	ldr	r11, [r1], #4
	orr	r0, r0, r11
	subs	r3, r3, #1
	bne	6b
	cmp	r0, #0
	bl	okbad

	say	s_sum			@ FNV-1 over big-endian words
	pcrel	r1, _start
	pcrel	r2, _edata
	movw	r0, #0x9dc5
	movt	r0, #0x811c
	movw	r3, #0x0193
	movt	r3, #0x0100
7:	ldr	r11, [r1], #4
	rev	r11, r11
	eor	r0, r0, r11
	mul	r0, r0, r3
	cmp	r1, r2
	blo	7b
	bl	puthex
	bl	newline

	cmp	r10, #0
	bne	8f
	say	s_pass
	b	9f
8:	say	s_fail
9:	bl	newline
	movw	r0, #0x0008		@ PSCI SYSTEM_OFF
	movt	r0, #0x8400
	cmp	r7, #MODE_HYP
	beq	10f
	.arch_extension virt
	hvc	#0
	b	.
10:	.arch_extension sec
	smc	#0
	b	.

okbad:	@ "ok" if the flags say equal, else "bad" and count a failure
	mov	r11, lr
	beq	1f
	add	r10, r10, #1
	say	s_bad
	bx	r11
1:	say	s_ok
	bx	r11

putc:	@ r0 = character; uses r1, r2
	movw	r1, #:lower16:UART
	movt	r1, #:upper16:UART
1:	ldr	r2, [r1, #0x18]
	tst	r2, #0x20		@ TXFF
	bne	1b
	strb	r0, [r1]
	bx	lr

puts:	@ r3 = string; uses r0-r3
	mov	r12, lr
1:	ldrb	r0, [r3], #1
	cmp	r0, #0
	bxeq	r12
	bl	putc
	b	1b

puthex:	@ r0 = value, as 0x%08x; uses r0-r3, r11
	mov	r12, lr
	mov	r3, r0
	mov	r0, #'0'
	bl	putc
	mov	r0, #'x'
	bl	putc
	mov	r11, #28
1:	lsr	r0, r3, r11
	and	r0, r0, #0xf
	cmp	r0, #10
	addlo	r0, r0, #'0'
	addhs	r0, r0, #'a' - 10
	bl	putc
	subs	r11, r11, #4
	bge	1b
	bx	r12

newline:
	mov	r12, lr
	mov	r0, #'\n'
	bl	putc
	bx	r12

	@ the zImage's table of tags (in .text: the assembler resolves
	@ distances from _start only within its section)
	.balign	4
ztable:	.word	6, 0x5a534c4b		@ KLSZ: what the decompressor needs
	.word	zsize - _start		@ where the kernel's size is kept
	.word	_bss_size		@ its .bss (regcheck.ld)
	.word	0x208000		@ TEXT_OFFSET
	.word	0x10000			@ the decompressor's malloc arena
	.word	0			@ the table's end
zsize:	.word	_edata - _start		@ the "decompressed" kernel: itself

	.section .rodata, "a"
s_pc:	.asciz	"regcheck: pc="
s_hyp:	.asciz	" mode=hyp"
s_svc:	.asciz	" mode=svc"
s_r0:	.asciz	"regcheck: r0="
s_r1:	.asciz	" r1="
s_r2:	.asciz	" r2="
s_mmu:	.asciz	" mmu="
s_dcache: .asciz " dcache="
s_aif:	.asciz	" aif="
s_fdt:	.asciz	"regcheck: fdt="
s_none:	.asciz	"none"
s_atags: .asciz	"regcheck: atags="
s_core:	.asciz	" core"
s_mem:	.asciz	" mem="
s_initrd: .asciz " initrd="
s_cmdline: .asciz " cmdline="
s_tag:	.asciz	" tag="
s_end:	.asciz	" end"
s_bss:	.asciz	" bss="
s_sum:	.asciz	" sum="

	.include "regcheck-common.inc"
