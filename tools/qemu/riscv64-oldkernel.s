# SPDX-License-Identifier: MIT
#
# riscv64-oldkernel.s - codepage-qemu's stand-in for what runs before the
# codepage on QEMU's riscv64 virt machine, started in S-mode by OpenSBI
# (a0 = hart id), in one of two shapes:
#   P_MMU = 0  Linux's kexec path: satp = 0; placed: a0 = hart id, a1 = 0;
#              list: a0 = list, a1 = codepage, a2 = start, a3 = hart id
#              (riscv_kexec_relocate's registers).
#   P_MMU = 1  a bootloader's identity map: Sv39 with 1 GiB pages over the
#              first 512 GiB, satp on.
# codepage-qemu links this with a generated params.s (oldkernel_params).

	.equ	P_MODE, 0
	.equ	P_CP_PA, 8
	.equ	P_ENTRY_OFF, 16
	.equ	P_LIST, 24
	.equ	P_START, 32
	.equ	P_MMU, 40

	.equ	PTE_VRWXAD, 0xcf

	.text
	.globl	_start
_start:
	mv	s0, a0			# hart id
	lla	s1, oldkernel_params
	ld	t0, P_MMU(s1)
	beqz	t0, 2f
	lla	t1, table		# 512 gigapages, PA = VA
	li	t2, 0
	li	t3, 512
1:	slli	t4, t2, 28		# PPN (i << 18) in place (<< 10)
	ori	t4, t4, PTE_VRWXAD
	sd	t4, 0(t1)
	addi	t1, t1, 8
	addi	t2, t2, 1
	bne	t2, t3, 1b
	lla	t1, table
	srli	t1, t1, 12
	li	t2, 8			# Sv39
	slli	t2, t2, 60
	or	t1, t1, t2
	sfence.vma
	csrw	satp, t1
	sfence.vma
2:	ld	t5, P_CP_PA(s1)
	ld	t6, P_ENTRY_OFF(s1)
	add	t5, t5, t6
	ld	t0, P_MODE(s1)
	bnez	t0, 3f
	mv	a0, s0
	li	a1, 0
	jr	t5
3:	ld	a0, P_LIST(s1)
	ld	a1, P_CP_PA(s1)
	ld	a2, P_START(s1)
	mv	a3, s0
	jr	t5

	.bss
	.balign	4096
table:	.space	4096
