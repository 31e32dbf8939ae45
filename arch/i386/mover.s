# SPDX-License-Identifier: MIT
#
# mover.s - the i386 blob mover (arch/blob.inc): the first code of a blob,
# entered at its first byte wherever the blob was loaded in memory, in
# 32-bit protected mode with paging off and flat segments (a 32-bit
# bootloader's "go", U-Boot's qemu-x86 build's; a Multiboot-style
# loader). x86_64's 32-bit path does the rest (arch/x86_64/mover32.inc):
# every segment to its destination, then the codepage's placed entry in
# the same state.
#
# Caches: x86 keeps data caches coherent with memory and instruction
# fetch with a processor's own stores; the jump to code the mover wrote
# (its own copy, the codepage) is all the SDM asks (8.1.3).

	.include "blob.inc"

	.equ	SPOT_ALIGN, 64		# gen/blob.c's FREE_ALIGN

	.section .text.entry, "ax"
	.globl	cp_entry
	.code32
cp_entry:
	jmp	mover32
	.org	cp_entry + BLOB_CODE

	.text
	.include "x86_64/mover32.inc"

	.if	BSEG_SIZE != 32
	.error	"segment32: the shift is log2 BSEG_SIZE"
	.endif
