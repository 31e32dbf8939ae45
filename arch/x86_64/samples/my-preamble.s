# SPDX-License-Identifier: MIT
#
# my-preamble.s - an example x86_64 custom preamble for a made-up OS whose
# entry wants rax = 0x4d4b4350 ("MKCP"), rbx = its data (registers { rsi }
# of the description) and every other register 0, in 64-bit mode.
# Entered in 64-bit mode with rdi = the plan (see plan.inc); it jumps
# itself, written PC-relatively.

	.include "plan.inc"

	.text
	.code64
	.globl	preamble
preamble:
	movq	PLAN_REGS + REG_RSI(%rdi), %rbx
	movl	$0x4d4b4350, %eax
	xorl	%ecx, %ecx
	xorl	%edx, %edx
	xorl	%esi, %esi
	xorl	%edi, %edi
	xorl	%ebp, %ebp
	jmp	*cp_plan + PLAN_ENTRY(%rip)
