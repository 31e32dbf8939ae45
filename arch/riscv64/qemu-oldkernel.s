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
# With P_HART >= 0 it first moves to that hart (Linux may kexec from any).
# codepage-qemu links this with a generated params.s (oldkernel_params).

	.include "standin64.inc"

	.equ	PTE_VRWXAD, 0xcf

	.text
	.globl	_start
_start:
	mv	s0, a0			# hart id
	lla	s1, oldkernel_params
	# Linux may kexec from any hart: move to the one asked for (SBI HSM
	# hart_start enters it here, a0 = its id) and park this one.
	ld	t0, P_HART(s1)
	bltz	t0, 1f
	beq	t0, s0, 1f
	mv	a0, t0
	lla	a1, _start
	li	a2, 0
	li	a6, 0			# HART_START
	li	a7, 0x48534d		# "HSM"
	ecall
0:	wfi
	j	0b
1:
	call	copy_in
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
	li	a4, 0			# VA - PA: we run on physical addresses
	jr	t5

# copy_in: put staged segments in place, zero-filled to memsz, as a kernel
# that placed them would (QEMU keeps data of its own where they go).
copy_in:
	ld	t0, P_NCOPY(s1)
	addi	t1, s1, P_COPY
1:	beqz	t0, 4f
	ld	t2, COPY_SRC(t1)
	ld	t3, COPY_DST(t1)
	ld	t4, COPY_LEN(t1)
	ld	t5, COPY_MEMSZ(t1)
	addi	t1, t1, COPY_SIZE
	li	t6, 0
2:	bgeu	t6, t4, 3f
	add	a4, t2, t6
	ld	a5, 0(a4)
	add	a4, t3, t6
	sd	a5, 0(a4)
	addi	t6, t6, 8
	j	2b
3:	bgeu	t6, t5, 5f
	add	a4, t3, t6
	sd	zero, 0(a4)
	addi	t6, t6, 8
	j	3b
5:	addi	t0, t0, -1
	j	1b
4:	ret

	.bss
	.balign	4096
table:	.space	4096
