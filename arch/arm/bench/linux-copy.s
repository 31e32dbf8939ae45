@ SPDX-License-Identifier: MIT
@
@ arm-linux-copy.s - the benchmark's arm reference: a list-mode copier
@ shaped like Linux 6.1's relocate_new_kernel (arch/arm/kernel/
@ relocate_kernel.S): walk the indirection list and copy each page one
@ word per iteration, with the MMU and caches off as soft_restart leaves
@ them. Written here from that description; `make bench` runs it through
@ codepage-qemu in place of the codepage. Entered like the list entry:
@ r0 = the list head (Linux's image->head). Then QEMU is powered off.

	.arch	armv7-a
	.syntax	unified
	.arm

	.text
	.globl	_start
_start:
	b	1f			@ offset 0: placed entry (unused)
	nop
1:	mov	r3, r0			@ offset 8: list entry, r0 = list head
	mov	r4, #0			@ destination
	b	dispatch
walk:
	ldr	r3, [r0], #4
dispatch:
	tst	r3, #1			@ IND_DESTINATION
	bicne	r4, r3, #1
	bne	walk
	tst	r3, #2			@ IND_INDIRECTION
	bicne	r0, r3, #2
	bne	walk
	tst	r3, #4			@ IND_DONE
	bne	done
	tst	r3, #8			@ IND_SOURCE
	beq	walk
	bic	r3, r3, #8
	mov	r6, #1024		@ a page, a word at a time
2:	ldr	r5, [r3], #4
	str	r5, [r4], #4
	subs	r6, r6, #1
	bne	2b
	b	walk
done:
	.include "poweroff.inc"
