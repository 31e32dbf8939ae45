# SPDX-License-Identifier: MIT
#
# trampoline.s - the fixed riscv64 codepage. Everything that differs
# between destinations is in the plan (plan.inc), found PC-relatively.
#
# Entries, in S-mode under SBI firmware:
#   cp_entry       placed: every segment is in place; a0 = hart id (as
#                  Linux's kexec path and SBI's HSM start pass it).
#   cp_list_entry  list: a0 = the head of a Linux kexec indirection list as
#                  the kernel keeps it (image->head: first list page |
#                  IND_INDIRECTION, or IND_DONE; native 64-bit entries,
#                  IND_* flags, 4 KiB pages), a1 = our physical address,
#                  a2 = start (both unused), a3 = hart id, a4 = our
#                  virtual minus physical address (these two as Linux's
#                  riscv_kexec_relocate takes them).
# Either with satp = 0, over an identity map, or (list entry) at a virtual
# address a4 away from the physical one. RISC-V harts keep data
# caches coherent with memory, so copying needs no cache maintenance; the
# only obligation is fence.i before instruction fetch may see the copied
# code (Linux's boot protocol and the unprivileged spec's Zifencei).

	.include "plan.inc"

	.equ	IND_DESTINATION, 0x1
	.equ	IND_INDIRECTION, 0x2
	.equ	IND_DONE, 0x4
	.equ	IND_SOURCE, 0x8
	.equ	PAGE, 4096

	.section .text.entry, "ax"
	.globl	cp_entry
	.globl	cp_list_entry
cp_entry:
	mv	s1, a0			# s1: hart id
	li	s0, 0			# s0: list head, 0 = placed
	li	a4, 0			# we run at our physical address
	j	1f
cp_list_entry:
	mv	s0, a0
	mv	s1, a3
1:	csrci	sstatus, 0x2		# SIE: no interrupt from here on
	csrw	sie, zero
	# Translation off, at our physical address. a4 = our virtual address
	# minus our physical one: 0 at a physical address or over an identity
	# map; Linux enters the list entry through its linear map and passes
	# that map's offset (riscv_kexec_relocate's convention). stvec = the
	# physical label: whether the jump below was fetched before satp = 0
	# took effect or its fetch faults after, we arrive there.
	lla	t0, 2f
	sub	t0, t0, a4
	csrw	stvec, t0
	csrw	satp, zero
	jr	t0
	.balign	4			# stvec: direct mode, 4-byte aligned
2:	sfence.vma			# drop stale translations
	beqz	s0, copied

	mv	t2, s0			# the head entry, as Linux's image->head
	li	t1, 0			# destination
	j	dispatch		# t0, the cursor, is set by the head
walk:
	ld	t2, 0(t0)
	addi	t0, t0, 8
dispatch:
	andi	t3, t2, IND_DONE
	bnez	t3, copied
	srli	t4, t2, 12
	slli	t4, t4, 12		# the page address in the entry
	andi	t3, t2, IND_DESTINATION
	beqz	t3, 2f
	mv	t1, t4
	j	walk
2:	andi	t3, t2, IND_INDIRECTION
	beqz	t3, 3f
	mv	t0, t4
	j	walk
3:	andi	t3, t2, IND_SOURCE
	beqz	t3, walk
	li	t5, PAGE
	add	t5, t5, t4		# end of the source page
4:	ld	a0, 0(t4)		# 128 bytes per iteration
	ld	a1, 8(t4)
	ld	a2, 16(t4)
	ld	a3, 24(t4)
	ld	a4, 32(t4)
	ld	a5, 40(t4)
	ld	a6, 48(t4)
	ld	a7, 56(t4)
	ld	s2, 64(t4)
	ld	s3, 72(t4)
	ld	s4, 80(t4)
	ld	s5, 88(t4)
	ld	s6, 96(t4)
	ld	s7, 104(t4)
	ld	s8, 112(t4)
	ld	s9, 120(t4)
	sd	a0, 0(t1)
	sd	a1, 8(t1)
	sd	a2, 16(t1)
	sd	a3, 24(t1)
	sd	a4, 32(t1)
	sd	a5, 40(t1)
	sd	a6, 48(t1)
	sd	a7, 56(t1)
	sd	s2, 64(t1)
	sd	s3, 72(t1)
	sd	s4, 80(t1)
	sd	s5, 88(t1)
	sd	s6, 96(t1)
	sd	s7, 104(t1)
	sd	s8, 112(t1)
	sd	s9, 120(t1)
	addi	t4, t4, 128
	addi	t1, t1, 128
	bne	t4, t5, 4b
	j	walk

copied:
	fence	rw, rw			# every copy done ...
	fence.i				# ... before fetching any of it
	lla	a0, cp_plan
	mv	a1, s1
	j	preamble		# a0 = plan, a1 = hart id
