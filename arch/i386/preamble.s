# SPDX-License-Identifier: MIT
#
# preamble.s - the standard i386 preamble: the destination's registers
# from the plan (eax .. edi, ebp, esp), then its entry, CS = SEL_BOOT_CS
# (Linux's 32-bit boot protocol wants __BOOT_CS; Multiboot any flat code
# segment). Entered with edi = plan; see plan.inc for the state.
#
# 32-bit code has no PC-relative operand to jump through and every
# register is the destination's: the entry is written into a far jump
# first, and a jump makes the CPU fetch what was written (SDM 8.1.3).

	.include "plan.inc"

	.text
	.code32
	.globl	preamble
preamble:
	call	1f
1:	popl	%ebx
	movl	PLAN_ENTRY(%edi), %eax
	movl	%eax, far_jump + 1 - 1b(%ebx)
	jmp	2f
2:	movl	PLAN_REGS + REG_EAX(%edi), %eax
	movl	PLAN_REGS + REG_EBX(%edi), %ebx
	movl	PLAN_REGS + REG_ECX(%edi), %ecx
	movl	PLAN_REGS + REG_EDX(%edi), %edx
	movl	PLAN_REGS + REG_ESI(%edi), %esi
	movl	PLAN_REGS + REG_EBP(%edi), %ebp
	movl	PLAN_REGS + REG_ESP(%edi), %esp
	movl	PLAN_REGS + REG_EDI(%edi), %edi
far_jump:
	.byte	0xea			# ljmp $SEL_BOOT_CS, $entry
	.long	0
	.word	SEL_BOOT_CS
