# SPDX-License-Identifier: MIT
#
# riscv64-linux-copy.s - the benchmark's riscv64 reference: a list-mode
# copier shaped like Linux's riscv_kexec_relocate
# (arch/riscv/kernel/kexec_relocate.S): walk the indirection list and copy
# each page one register-sized word per iteration, then fence.i. Written
# here from that description; `make bench` runs it through codepage-qemu in
# place of the codepage. Entered like the list entry: a0 = list head (Linux's image->head). When done
# it shuts the machine down through SBI.

	.text
	.option	norvc
	.globl	_start
_start:
	j	1f			# offset 0: placed entry (unused)
	nop
1:	mv	t0, a0			# offset 8: list entry, a0 = list head
	li	s1, 0			# destination
	j	dispatch
walk:
	ld	t0, 0(s0)
	addi	s0, s0, 8
dispatch:
	andi	t1, t0, 0x4		# IND_DONE
	bnez	t1, done
	srli	t2, t0, 12
	slli	t2, t2, 12
	andi	t1, t0, 0x1		# IND_DESTINATION
	beqz	t1, 2f
	mv	s1, t2
	j	walk
2:	andi	t1, t0, 0x2		# IND_INDIRECTION
	beqz	t1, 3f
	mv	s0, t2
	j	walk
3:	andi	t1, t0, 0x8		# IND_SOURCE
	beqz	t1, walk
	li	t3, 4096 / 8
4:	ld	t4, 0(t2)
	sd	t4, 0(s1)
	addi	t2, t2, 8
	addi	s1, s1, 8
	addi	t3, t3, -1
	bnez	t3, 4b
	j	walk
done:
	.include "poweroff.inc"
