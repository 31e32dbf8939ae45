# SPDX-License-Identifier: MIT
#
# preamble.s - the standard x86_64 preamble: the destination's registers
# from the plan, then its entry: in 64-bit mode on the codepage's identity
# map (Linux's 64-bit boot protocol), or through cp_enter32 in 32-bit
# protected mode with paging off (PLAN_DEST32: Multiboot). Entered in
# 64-bit mode with rdi = plan; see plan.inc for the state.

	.include "plan.inc"

	.text
	.code64
	.globl	preamble
preamble:
	testl	$PLAN_DEST32, PLAN_FLAGS(%rdi)
	jnz	cp_enter32
	movq	PLAN_REGS + 0(%rdi), %rax
	movq	PLAN_REGS + 8(%rdi), %rbx
	movq	PLAN_REGS + 16(%rdi), %rcx
	movq	PLAN_REGS + 24(%rdi), %rdx
	movq	PLAN_REGS + 32(%rdi), %rsi
	movq	PLAN_REGS + 48(%rdi), %rbp
	movq	PLAN_REGS + 56(%rdi), %rsp
	movq	PLAN_REGS + 64(%rdi), %r8
	movq	PLAN_REGS + 72(%rdi), %r9
	movq	PLAN_REGS + 80(%rdi), %r10
	movq	PLAN_REGS + 88(%rdi), %r11
	movq	PLAN_REGS + 96(%rdi), %r12
	movq	PLAN_REGS + 104(%rdi), %r13
	movq	PLAN_REGS + 112(%rdi), %r14
	movq	PLAN_REGS + 120(%rdi), %r15
	movq	PLAN_REGS + 40(%rdi), %rdi
	jmp	*cp_plan + PLAN_ENTRY(%rip)
