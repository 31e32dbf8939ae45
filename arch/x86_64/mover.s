# SPDX-License-Identifier: MIT
#
# mover.s - the x86_64 blob mover (arch/blob.inc): the first code of a
# blob, entered at its first byte wherever the blob was loaded in memory,
# in either state the codepage's placed entry takes, told apart the same
# way (bimodal.inc):
#   64-bit mode on an identity map of memory (a 64-bit loader's or
#     bootloader's "go", as U-Boot's x86_64 build leaves it);
#   32-bit protected mode, paging off, flat segments (a 32-bit
#     bootloader's "go", a Multiboot-style loader). 32-bit mode reaches
#     only the first 4 GiB: a blob with a destination above stops in
#     stuck32 rather than move part of it.
# It puts every segment at its destination (blob.inc) and enters the
# codepage's placed entry in the same state, which then does what it does
# after kexec_load (its own GDT and map, its check of every segment, the
# jump).
#
# No stack is used, but for the one call the 32-bit path makes to learn
# its address (4 bytes below the entrant's esp, as the trampoline's
# 32-bit entry): a move may overwrite whatever the entrant's stack was.
# The 32-bit path enters the codepage with esp at the end of free memory
# (no destination there) for that same call of the codepage's.
#
# Caches: x86 keeps data caches coherent with memory and instruction
# fetch with a processor's own stores; the jump to code the mover wrote
# (its own copy, the codepage) is all the SDM asks (8.1.3).

	.include "blob.inc"
	.include "bimodal.inc"

	.equ	SPOT_ALIGN, 64		# gen/blob.c's FREE_ALIGN

	.section .text.entry, "ax"
	.globl	cp_entry
	.code64
cp_entry:
	jump_if_32bit mover32
	jmp	mover64
	.org	cp_entry + BLOB_CODE

# ---- 64-bit mode ------------------------------------------------------------
# r8 the blob as loaded, r9 the header being run from, r10 the mover's
# bytes, r11 the blob's bytes; then r12 the segment table, r13 the count,
# r14 the index.
	.text
	.code64
mover64:
	cli
	cld
	leaq	cp_entry(%rip), %r8
	leaq	cp_plan(%rip), %r9
	movq	BLOB_MOVER_SIZE(%r9), %r10
	movq	BLOB_SIZE(%r9), %r11
	# a destination over the mover [r8, r8 + r10)?
	movl	BLOB_NSEG(%r9), %ecx
	movl	BLOB_SEGS(%r9), %esi
	addq	%r9, %rsi
	leaq	(%r8,%r10), %rdx
1:	testl	%ecx, %ecx
	jz	move64
	movq	BSEG_DEST(%rsi), %rdi
	movq	BSEG_MEMSZ(%rsi), %rbx
	addq	%rdi, %rbx
	addq	$BSEG_SIZE, %rsi
	decl	%ecx
	cmpq	%rdx, %rdi
	jae	1b
	cmpq	%r8, %rbx
	jbe	1b
	# then run from the first free spot of r10 bytes outside the blob
	movl	BLOB_NFREE(%r9), %ecx
	movl	BLOB_FREE(%r9), %esi
	addq	%r9, %rsi
	leaq	SPOT_ALIGN - 1(%r8,%r11), %rbp
	andq	$-SPOT_ALIGN, %rbp	# rbp: the blob's end, aligned
2:	testl	%ecx, %ecx
	jz	stuck64
	movq	BFREE_BASE(%rsi), %rax	# rax: the spot tried
	movq	BFREE_END(%rsi), %rbx
	addq	$BFREE_SIZE, %rsi
	decl	%ecx
	leaq	(%rax,%r10), %rdi	# rdi: its end
	cmpq	%rbp, %rax		# after the blob
	jae	3f
	cmpq	%r8, %rdi		# before it
	jbe	3f
	movq	%rbp, %rax		# it meets the blob: just past it
	leaq	(%rax,%r10), %rdi
3:	cmpq	%rbx, %rdi
	ja	2b
	movq	%rax, %r15
	movq	%r8, %rsi
	movq	%rax, %rdi
	movq	%r10, %rcx
	shrq	$3, %rcx
	rep movsq
	leaq	move64(%rip), %rax
	subq	%r8, %rax
	addq	%r15, %rax
	jmp	*%rax

# segment64: entry r14 of the table: rdi destination, rsi source, rcx
# packed bytes, rdx memsz. Uses rax.
	.macro	segment64
	movq	%r14, %rax
	shlq	$5, %rax		# BSEG_SIZE
	addq	%r12, %rax
	movq	BSEG_DEST(%rax), %rdi
	movq	BSEG_OFFSET(%rax), %rsi
	addq	%r8, %rsi
	movq	BSEG_PACKED(%rax), %rcx
	movq	BSEG_MEMSZ(%rax), %rdx
	.endm

# Segments going down, lowest first, ascending, then those going up,
# highest first, descending: their sources lie in the order of their
# destinations, so no move overwrites a source not yet moved (blob.inc).
move64:
	leaq	cp_plan(%rip), %r9	# the header of the copy that runs
	movl	BLOB_NSEG(%r9), %r13d
	movl	BLOB_SEGS(%r9), %r12d
	addq	%r9, %r12
	xorl	%r14d, %r14d
1:	cmpq	%r13, %r14
	jae	2f
	segment64
	cmpq	%rsi, %rdi
	ja	3f
	shrq	$3, %rcx
	rep movsq
3:	incq	%r14
	jmp	1b
2:	testq	%r14, %r14
	jz	4f
	decq	%r14
	segment64
	cmpq	%rsi, %rdi
	jbe	2b
	leaq	-8(%rsi,%rcx), %rsi
	leaq	-8(%rdi,%rcx), %rdi
	shrq	$3, %rcx
	std
	rep movsq
	cld
	jmp	2b
4:	cmpq	%r13, %r14		# then each zero tail
	jae	5f
	segment64
	addq	%rcx, %rdi
	subq	%rcx, %rdx
	movq	%rdx, %rcx
	shrq	$3, %rcx
	xorl	%eax, %eax
	rep stosq
	incq	%r14
	jmp	4b
5:	movq	BLOB_ENTRY(%r9), %rax
	jmp	*%rax

stuck64:
	hlt				# no free spot: the blob is not in memory
	jmp	stuck64

# ---- 32-bit protected mode: i386's mover too ----------------------------
	.include "x86_64/mover32.inc"

	.if	BSEG_SIZE != 32
	.error	"segment64, segment32: the shift is log2 BSEG_SIZE"
	.endif
