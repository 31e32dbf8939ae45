// SPDX-License-Identifier: MIT
//
// regcheck.s - a tiny arm64 destination for QEMU's virt machine that
// reports how it was entered, like arch/ppc32-e500/samples/regcheck.s: the
// registers booting.rst promises, the exception level, whether the MMU and
// data cache are off, and whether every loaded byte arrived. It starts with
// a real arm64 Image header, so the same bytes work as an ELF and as an
// Image (objcopy -O binary), placed anywhere 2 MiB-aligned.
//
//   regcheck: pc=0x... el=N
//   regcheck: x0=0x... x1=0x... x2=0x... x3=0x... mmu=0 dcache=0 daif=0xf
//   regcheck: fdt=ok|bad|none                 (none: x1 != 0, no device tree)
//   regcheck: payload=ok|bad  bss=ok|bad  sum=0x...
//   regcheck: PASS|FAIL
// then PSCI SYSTEM_OFF (hvc at EL1, smc at EL2 as QEMU's virt wants).

	.equ	UART, 0x09000000	// PL011 data register; flags at +0x18
	.equ	PAYLOAD_WORDS, 262144
	.equ	BSS_CHECK, 65536

	// la xN, sym: PC-relative address beyond adr's +-1 MiB
	.macro	la reg, sym
	adrp	\reg, \sym
	add	\reg, \reg, :lo12:\sym
	.endm

	.macro	say label
	adr	x0, \label
	bl	puts
	.endm

	.text
	.globl	_start
_start:
	// the arm64 Image header (booting.rst)
	b	real_start		// code0
	.word	0			// code1
	.quad	0			// text_offset
	.quad	_end - _start		// image_size
	.quad	0xa			// flags: LE, 4 KiB pages, anywhere
	.quad	0, 0, 0			// res2..res4
	.ascii	"ARM\x64"		// magic
	.word	0			// res5

real_start:
	mov	x19, x0			// keep the entry registers
	mov	x20, x1
	mov	x21, x2
	mov	x22, x3
	mrs	x23, CurrentEL
	ubfx	x23, x23, #2, #2
	mrs	x24, daif
	cmp	x23, #2
	b.eq	1f
	mrs	x25, sctlr_el1
	b	2f
1:	mrs	x25, sctlr_el2
2:	la	x9, stack_top
	mov	sp, x9
	mov	x28, xzr		// failures

	say	s_pc
	adr	x0, _start
	bl	puthex
	say	s_el
	add	x0, x23, #'0'
	bl	putc
	bl	newline

	say	s_x0
	mov	x0, x19
	bl	puthex
	say	s_x1
	mov	x0, x20
	bl	puthex
	say	s_x2
	mov	x0, x21
	bl	puthex
	say	s_x3
	mov	x0, x22
	bl	puthex
	say	s_mmu
	and	x0, x25, #1
	add	x0, x0, #'0'
	bl	putc
	say	s_dcache
	ubfx	x0, x25, #2, #1
	add	x0, x0, #'0'
	bl	putc
	say	s_daif
	lsr	x0, x24, #6
	bl	puthex
	bl	newline

	say	s_fdt			// the device tree magic, big-endian,
	cbz	x20, 9f			// when x1 = 0 says x0 is one (booting.rst)
	say	s_none
	b	10f
9:	ldr	w0, [x19]
	rev	w0, w0
	movz	w1, #0xfeed
	movk	w1, #0xd00d, lsl #16
	cmp	w0, w1
	bl	okbad
10:
	bl	newline

	say	s_payload		// regenerate the xorshift32 sequence
	la	x9, payload
	movz	w10, #0x5678
	movk	w10, #0x1234, lsl #16
	mov	x11, #PAYLOAD_WORDS
	mov	w12, wzr
3:	eor	w10, w10, w10, lsl #13
	eor	w10, w10, w10, lsr #17
	eor	w10, w10, w10, lsl #5
	ldr	w13, [x9], #4
	eor	w13, w13, w10
	orr	w12, w12, w13
	subs	x11, x11, #1
	b.ne	3b
	cmp	w12, #0
	bl	okbad

	say	s_bss			// what was zero-filled reads as zero
	la	x9, bss_check
	mov	x11, #BSS_CHECK / 8
	mov	x12, xzr
4:	ldr	x13, [x9], #8
	orr	x12, x12, x13
	subs	x11, x11, #1
	b.ne	4b
	cmp	x12, #0
	bl	okbad

	say	s_sum			// FNV-1 over big-endian words
	adr	x9, _start
	la	x11, _edata
	movz	w0, #0x9dc5
	movk	w0, #0x811c, lsl #16
	movz	w14, #0x0193
	movk	w14, #0x0100, lsl #16
5:	ldr	w13, [x9], #4
	rev	w13, w13
	eor	w0, w0, w13
	mul	w0, w0, w14
	cmp	x9, x11
	b.lo	5b
	bl	puthex
	bl	newline

	cbnz	x28, 6f
	say	s_pass
	b	7f
6:	say	s_fail
7:	bl	newline
	movz	w0, #0x0008		// PSCI SYSTEM_OFF
	movk	w0, #0x8400, lsl #16
	cmp	x23, #2
	b.eq	8f
	hvc	#0
	b	.
8:	smc	#0
	b	.

okbad:	// "ok" if the flags say equal, else "bad" and count a failure
	mov	x27, x30
	b.eq	1f
	add	x28, x28, #1
	say	s_bad
	ret	x27
1:	say	s_ok
	ret	x27

putc:	// w0 = character
	mov	x9, #UART
1:	ldr	w10, [x9, #0x18]
	tbnz	w10, #5, 1b		// TXFF
	strb	w0, [x9]
	ret

puts:	// x0 = string
	mov	x26, x30
	mov	x15, x0
1:	ldrb	w0, [x15], #1
	cbz	w0, 2f
	bl	putc
	b	1b
2:	ret	x26

puthex:	// x0 = value, as 0x%08x or 0x%016x
	mov	x26, x30
	mov	x16, x0
	mov	w0, #'0'
	bl	putc
	mov	w0, #'x'
	bl	putc
	mov	x17, #64
	lsr	x9, x16, #32
	cbnz	x9, 1f
	mov	x17, #32
1:	sub	x17, x17, #4
	lsr	x0, x16, x17
	and	x0, x0, #0xf
	cmp	x0, #10
	add	x9, x0, #'0'
	add	x10, x0, #'a' - 10
	csel	x0, x9, x10, lo
	bl	putc
	cbnz	x17, 1b
	ret	x26

newline:
	mov	x26, x30
	mov	w0, #'\n'
	bl	putc
	ret	x26

	.section .rodata, "a"
s_pc:	.asciz	"regcheck: pc="
s_el:	.asciz	" el="
s_x0:	.asciz	"regcheck: x0="
s_x1:	.asciz	" x1="
s_x2:	.asciz	" x2="
s_x3:	.asciz	" x3="
s_mmu:	.asciz	" mmu="
s_dcache: .asciz " dcache="
s_daif:	.asciz	" daif="
s_fdt:	.asciz	"regcheck: fdt="
s_none:	.asciz	"none"
s_bss:	.asciz	" bss="
s_sum:	.asciz	" sum="

	.include "regcheck-common.inc"
