# SPDX-License-Identifier: MIT
#
# my-preamble.s - an example i386 custom preamble for a made-up OS whose
# entry wants eax = 0x4d4b4350 ("MKCP"), ebx = its data (registers { esi }
# of the description) and every other register but esp 0, in 32-bit
# protected mode. Entered with edi = the plan (see plan.inc) on the
# codepage's stack, where it pushes the entry to return to.

	.include "plan.inc"

	.text
	.code32
	.globl	preamble
preamble:
	movl	PLAN_REGS + REG_ESI(%edi), %ebx
	pushl	PLAN_ENTRY(%edi)
	movl	$0x4d4b4350, %eax
	xorl	%ecx, %ecx
	xorl	%edx, %edx
	xorl	%esi, %esi
	xorl	%edi, %edi
	xorl	%ebp, %ebp
	ret				# to the entry
