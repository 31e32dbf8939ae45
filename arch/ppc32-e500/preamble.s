# SPDX-License-Identifier: MIT
#
# preamble.s - the standard ppc32-e500 preamble: enter the destination with
# the registers and MSR of the plan. Every protocol template (linux-epapr,
# linux-bdinfo, none) is this code with other plan data; a description's
# preamble { source } replaces it.
#
# Entered with r3 = the plan's physical address, translation 1:1 (see
# plan.inc for the whole state).

	.include "plan.inc"

	.text
	.globl	preamble
preamble:
	lwz	r4, PLAN_ENTRY(r3)
	mtsrr0	r4
	lwz	r4, PLAN_MSR(r3)
	mtsrr1	r4
	addi	r2, r3, PLAN_REGS
	lmw	r3, 12(r2)		# r3..r31; r2 is not among them
	lwz	r0, 0(r2)
	lwz	r1, 4(r2)
	lwz	r2, 8(r2)		# the base register last
	rfi				# MSR and PC change together
