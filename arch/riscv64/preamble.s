# SPDX-License-Identifier: MIT
#
# preamble.s - the standard riscv64 preamble: give the registers the plan
# marks (PLAN_HARTMASK) the entry's hart id, load x1..x30 from the plan and
# jump to the destination (t6 carries the entry). Entered with a0 = plan,
# a1 = hart id; see plan.inc for the state.

	.include "plan.inc"

	.text
	.globl	preamble
preamble:
	lwu	t0, PLAN_HARTMASK(a0)
	addi	t1, a0, PLAN_REGS
1:	beqz	t0, 3f
	andi	t2, t0, 1
	beqz	t2, 2f
	sd	a1, 0(t1)
2:	srli	t0, t0, 1
	addi	t1, t1, 8
	j	1b
3:	mv	t6, a0
	ld	x1, PLAN_REGS + 0(t6)
	ld	x2, PLAN_REGS + 8(t6)
	ld	x3, PLAN_REGS + 16(t6)
	ld	x4, PLAN_REGS + 24(t6)
	ld	x5, PLAN_REGS + 32(t6)
	ld	x6, PLAN_REGS + 40(t6)
	ld	x7, PLAN_REGS + 48(t6)
	ld	x8, PLAN_REGS + 56(t6)
	ld	x9, PLAN_REGS + 64(t6)
	ld	x10, PLAN_REGS + 72(t6)
	ld	x11, PLAN_REGS + 80(t6)
	ld	x12, PLAN_REGS + 88(t6)
	ld	x13, PLAN_REGS + 96(t6)
	ld	x14, PLAN_REGS + 104(t6)
	ld	x15, PLAN_REGS + 112(t6)
	ld	x16, PLAN_REGS + 120(t6)
	ld	x17, PLAN_REGS + 128(t6)
	ld	x18, PLAN_REGS + 136(t6)
	ld	x19, PLAN_REGS + 144(t6)
	ld	x20, PLAN_REGS + 152(t6)
	ld	x21, PLAN_REGS + 160(t6)
	ld	x22, PLAN_REGS + 168(t6)
	ld	x23, PLAN_REGS + 176(t6)
	ld	x24, PLAN_REGS + 184(t6)
	ld	x25, PLAN_REGS + 192(t6)
	ld	x26, PLAN_REGS + 200(t6)
	ld	x27, PLAN_REGS + 208(t6)
	ld	x28, PLAN_REGS + 216(t6)
	ld	x29, PLAN_REGS + 224(t6)
	ld	x30, PLAN_REGS + 232(t6)
	ld	t6, PLAN_ENTRY(t6)
	jr	t6
