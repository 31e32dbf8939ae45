@ SPDX-License-Identifier: MIT
@
@ regcheck.s - a stand-in destination for the arm codepage: it prints the
@ registers it was entered with (r0..r2), its mode and whether the MMU and
@ caches are off, on QEMU virt's PL011, then powers the machine off with
@ PSCI SYSTEM_OFF (hvc from SVC, smc from HYP: QEMU's conduit for each).

	.arch	armv7-a
	.syntax	unified
	.arm

	.equ	UART, 0x09000000
	.equ	PSCI_SYSTEM_OFF, 0x84000008

	.text
	.globl	_start
_start:
	mov	r8, r0
	mov	r9, r1
	mov	r10, r2
	adr	r4, s_hello
	bl	puts
	mov	r5, r8
	bl	puthex
	adr	r4, s_r1
	bl	puts
	mov	r5, r9
	bl	puthex
	adr	r4, s_r2
	bl	puts
	mov	r5, r10
	bl	puthex
	mrs	r0, cpsr
	and	r11, r0, #0x1f
	cmp	r11, #0x1a
	adreq	r4, s_hyp
	adrne	r4, s_svc
	bl	puts
	cmp	r11, #0x1a		@ puts changed the flags
	mrceq	p15, 4, r5, c1, c0, 0	@ HSCTLR
	mrcne	p15, 0, r5, c1, c0, 0	@ SCTLR
	movw	r0, #0x1005		@ M, C, I
	and	r5, r5, r0
	adr	r4, s_ctl
	bl	puts
	bl	puthex
	adr	r4, s_nl
	bl	puts
	movw	r0, #:lower16:PSCI_SYSTEM_OFF
	movt	r0, #:upper16:PSCI_SYSTEM_OFF
	cmp	r11, #0x1a
	beq	1f
	.arch_extension virt
	hvc	#0
	b	.
1:	.arch_extension sec
	smc	#0
	b	.

@ puts: the string at r4. Uses r0, r1, r4, r6.
puts:
	mov	r6, lr
2:	ldrb	r0, [r4], #1
	cmp	r0, #0
	bxeq	r6
	bl	putc
	b	2b

@ puthex: r5 in 8 hex digits. Uses r0-r2, r6, r7.
puthex:
	mov	r6, lr
	mov	r7, #28
3:	lsr	r0, r5, r7
	and	r0, r0, #0xf
	cmp	r0, #10
	addge	r0, r0, #'a' - '0' - 10
	add	r0, r0, #'0'
	bl	putc
	subs	r7, r7, #4
	bge	3b
	bx	r6

@ putc: r0 to the PL011. Uses r1, r2.
putc:
	movw	r1, #:lower16:UART
	movt	r1, #:upper16:UART
4:	ldr	r2, [r1, #0x18]
	tst	r2, #0x20
	bne	4b
	str	r0, [r1]
	bx	lr

s_hello:	.asciz	"regcheck: r0="
s_r1:	.asciz	" r1="
s_r2:	.asciz	" r2="
s_hyp:	.asciz	" mode=hyp"
s_svc:	.asciz	" mode=svc"
s_ctl:	.asciz	" mmu/caches="
s_nl:	.asciz	"\r\n"
	.balign	4
