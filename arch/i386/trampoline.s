# SPDX-License-Identifier: MIT
#
# trampoline.s - the fixed i386 codepage, for x86 CPUs without long mode
# (and 32-bit kernels anywhere). Everything that differs between
# destinations is in the plan (plan.inc), found PC-relatively.
#
# Entries, both in 32-bit protected mode with paging off, flat segments,
# on a stack of 4 bytes at least (one call learns where this code runs):
#   cp_entry       placed: every segment is in place. As Linux's
#                  relocate_kernel_32 enters image->start (its GDT and IDT
#                  limits 0, the registers cleared), as a bootloader's "go"
#                  or a Multiboot loader leaves the CPU.
#   cp_list_entry  list: edi = the head of a Linux kexec indirection list
#                  as the kernel keeps it (image->head: first list page |
#                  IND_INDIRECTION, or IND_DONE; 32-bit entries, IND_*
#                  flags, 4 KiB pages), edx = this entry's address in
#                  segment 0 (kimage->start); esi (the control page) is
#                  unused. x86_64's list entry takes the same registers.
# Nothing of the entrant's descriptor tables or stack is kept: the
# codepage loads its own GDT (Linux's boot selectors: 0x10 code, 0x18
# data, both flat) and takes the work area, the page segment 0 keeps past
# its code (zeros), for its stack and its state (ST_*, at ebp).
#
# The copy: with SSE (CPUID, and FXSR for CR4.OSFXSR) 256 bytes a loop
# through xmm0..7, 16-byte aligned moves; without it (Quark, Vortex86,
# Pentium and older) rep movsl. CR0 and CR4 are put back as they came
# before the preamble. x86 caches are coherent with memory and with
# instruction fetch; what the SDM asks of code written before it runs
# (8.1.3) is a serializing instruction before the jump: the move to CR0.
# Paging stays off: nothing is translated, and every address below 4 GiB
# (all a 32-bit list names) is reached as it is.
#
# With PLAN_VERIFY, every segment's memory is checked against the block
# sum the plan holds (gen/checksum.h) before the jump: in list mode each
# page as it is written (from the cache it was just written to), in placed
# mode in one pass. A difference, or a segment the list never copied
# whole, ends in verify_stop, never at the destination.
#
# Registers: ebp the work area, ebx the list cursor (placed: the segment
# table's next entry), esi and edi source and destination; eax, ecx, edx
# scratch. The rest is in the state block.

	.include "plan.inc"
	.include "kexec-list.inc"

	.equ	PAGE, 4096
	.equ	CR0_EM, 1 << 2
	.equ	CR0_TS, 1 << 3
	.equ	CR4_OSFXSR, 1 << 9
	.equ	EFLAGS_ID, 1 << 21
	.equ	CPUID_FXSR, 1 << 24
	.equ	CPUID_SSE, 1 << 25

	# the state block, at the work area's start (the stack ends the page)
	.equ	ST_HERE, 0		# where "here" runs: every data reach's base
	.equ	ST_PLAN, 4		# the plan
	.equ	ST_FLAGS, 8		# PLAN_FLAGS
	.equ	ST_ENTRY, 12		# the segment checked (its plan entry), 0 none
	.equ	ST_INDEX, 16		# its index in the plan
	.equ	ST_S1, 20		# its running sums
	.equ	ST_S2, 24
	.equ	ST_DONE, 28		# segments verified, a bit per index
	.equ	ST_SSE, 32		# 1: the copy moves 16 bytes at a time
	.equ	ST_CR0, 36		# as entered
	.equ	ST_CR4, 40		# as entered (read only with SSE: CR4 exists)

# trail MSG: one of the strings below on the debug UART. Uses eax, ecx,
# edx, esi.
	.macro	trail msg
	movl	ST_HERE(%ebp), %esi
	leal	\msg - here(%esi), %esi
	call	say
	.endm

	.section .text.entry, "ax"
	.globl	cp_entry
	.globl	cp_list_entry
	.code32
cp_entry:
	cli
	cld
	xorl	%edi, %edi		# no list: placed
	call	here
here:
	popl	%ebx			# ebx: where here runs
	leal	__codepage_start - here(%ebx), %eax	# segment 0: this code
	jmp	start
cp_list_entry:
	cli
	cld
	call	1f
1:	popl	%ebx
	leal	here - 1b(%ebx), %ebx
	leal	cp_list_entry - here(%ebx), %eax
	leal	__codepage_start - here(%ebx), %ecx
	subl	%ecx, %eax		# this entry's offset in segment 0
	subl	%eax, %edx
	movl	%edx, %eax		# segment 0, where kimage->start says
# eax segment 0, ebx here, edi the list head (0: placed)
start:
	# A plan of another layout (a trampoline and a plan from different
	# versions of mkcodepage) is never followed: stop in bad_plan.
	leal	cp_plan - here(%ebx), %edx
	cmpl	$PLAN_MAGIC_VALUE, PLAN_MAGIC(%edx)
	jne	bad_plan
	leal	__codepage_end + PAGE - 1 - here(%ebx), %ecx
	leal	__codepage_start - here(%ebx), %esi
	subl	%esi, %ecx
	andl	$-PAGE, %ecx
	leal	(%eax,%ecx), %ebp	# ebp: the work area
	leal	PAGE(%ebp), %esp	# our stack
	movl	%ebx, ST_HERE(%ebp)
	movl	%edx, ST_PLAN(%ebp)
	movl	PLAN_FLAGS(%edx), %eax
	movl	%eax, ST_FLAGS(%ebp)
	xorl	%eax, %eax
	movl	%eax, ST_ENTRY(%ebp)
	movl	%eax, ST_DONE(%ebp)
	# our GDT (lgdt takes its address: written first), the data
	# selectors, then CS through a far return
	leal	gdt - here(%ebx), %eax
	movl	%eax, gdt_ptr + 2 - here(%ebx)
	lgdt	gdt_ptr - here(%ebx)
	movl	$SEL_BOOT_DS, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %fs
	movl	%eax, %gs
	movl	%eax, %ss
	leal	1f - here(%ebx), %eax
	pushl	$SEL_BOOT_CS
	pushl	%eax
	lret
1:	trail	msg_entered
	call	sse_on
	jmp	copy

# sse_on: ST_SSE = 1, and SSE usable (CR4.OSFXSR on, CR0.EM and TS off),
# where CPUID says the CPU has SSE and FXSR; else 0. A CPU without CPUID
# (a 486 where EFLAGS.ID does not toggle) has neither. Uses eax, ebx, ecx,
# edx.
sse_on:
	movl	%cr0, %eax
	movl	%eax, ST_CR0(%ebp)
	movl	$0, ST_SSE(%ebp)
	pushfl
	popl	%eax
	movl	%eax, %ecx
	xorl	$EFLAGS_ID, %eax
	pushl	%eax
	popfl
	pushfl
	popl	%eax
	pushl	%ecx
	popfl				# EFLAGS as they were
	xorl	%ecx, %eax
	testl	$EFLAGS_ID, %eax
	jz	9f
	xorl	%eax, %eax
	cpuid
	testl	%eax, %eax		# no leaf 1
	jz	9f
	movl	$1, %eax
	cpuid
	andl	$CPUID_FXSR | CPUID_SSE, %edx
	cmpl	$CPUID_FXSR | CPUID_SSE, %edx
	jne	9f
	movl	%cr4, %eax
	movl	%eax, ST_CR4(%ebp)
	orl	$CR4_OSFXSR, %eax
	movl	%eax, %cr4
	movl	ST_CR0(%ebp), %eax
	andl	$~(CR0_EM | CR0_TS), %eax
	movl	%eax, %cr0
	movl	$1, ST_SSE(%ebp)
9:	ret

# ---- the copy (list mode) and the checks -------------------------------
copy:
	testl	%edi, %edi
	jz	placed
	movl	%edi, %eax		# the head entry, as Linux's image->head
	xorl	%edi, %edi		# edi: destination
	jmp	dispatch		# ebx, the cursor, is set by the head
walk:
	movl	(%ebx), %eax
	addl	$4, %ebx
dispatch:
	testb	$IND_DONE, %al
	jnz	done
	movl	%eax, %edx
	andl	$-PAGE, %edx		# the page address in the entry
	testb	$IND_DESTINATION, %al
	jz	1f
	call	segment_end		# the copy moves on: check what it made
	movl	%edx, %edi
	call	segment_begin
	jmp	walk
1:	testb	$IND_INDIRECTION, %al
	jz	2f
	movl	%edx, %ebx
	jmp	walk
2:	testb	$IND_SOURCE, %al
	jz	walk
	movl	%edx, %esi
	cmpl	%ebp, %edi		# the work area (zeros of segment 0,
	je	3f			# which no check reads) stays
	call	copy_page
	cmpl	$0, ST_ENTRY(%ebp)
	je	walk
	leal	-PAGE(%edi), %esi	# sum what was written
	call	sum_page
	jmp	walk
3:	addl	$PAGE, %edi
	jmp	walk

done:
	call	segment_end
	testl	$PLAN_VERIFY, ST_FLAGS(%ebp)
	jz	copied
	# every segment of the plan copied and checked: ST_DONE = 2^nseg - 1
	movl	ST_PLAN(%ebp), %edx
	movl	PLAN_NSEG(%edx), %ecx
	movl	$1, %eax
	shll	%cl, %eax
	decl	%eax
	cmpl	%eax, ST_DONE(%ebp)
	je	checked
	movl	$-1, ST_INDEX(%ebp)	# no one segment, no address
	xorl	%eax, %eax
	jmp	verify_stop

# placed mode: each segment's sums, in one pass over its memory
placed:
	testl	$PLAN_VERIFY, ST_FLAGS(%ebp)
	jz	copied
	movl	ST_PLAN(%ebp), %edx
	movl	PLAN_SEG(%edx), %ebx
	addl	%edx, %ebx		# ebx: the next entry
	movl	$0, ST_INDEX(%ebp)
4:	movl	ST_PLAN(%ebp), %edx
	movl	ST_INDEX(%ebp), %eax
	cmpl	PLAN_NSEG(%edx), %eax
	je	checked
	movl	%ebx, ST_ENTRY(%ebp)
	movl	$0, ST_S1(%ebp)
	movl	$0, ST_S2(%ebp)
	movl	SEGE_MEM(%ebx), %esi
	movl	SEGE_MEMSZ(%ebx), %edi
	addl	%esi, %edi		# edi: the end, as the copy would leave it
5:	call	sum_page
	cmpl	%edi, %esi
	jne	5b
	call	segment_end
	addl	$SEGE_SIZE, %ebx
	incl	ST_INDEX(%ebp)
	jmp	4b

checked:
	trail	msg_checked
copied:
	trail	msg_jumping
	cmpl	$0, ST_SSE(%ebp)
	je	6f
	movl	ST_CR4(%ebp), %eax
	movl	%eax, %cr4
6:	movl	ST_CR0(%ebp), %eax	# serializing: fetch sees every copy
	movl	%eax, %cr0
	movl	ST_PLAN(%ebp), %edi
	jmp	preamble		# edi = plan

# copy_page: the page at esi to the one at edi; both move past it. Uses
# eax, ecx.
	.macro	move8 at
	movaps	\at(%esi,%eax), %xmm0
	movaps	\at + 16(%esi,%eax), %xmm1
	movaps	\at + 32(%esi,%eax), %xmm2
	movaps	\at + 48(%esi,%eax), %xmm3
	movaps	\at + 64(%esi,%eax), %xmm4
	movaps	\at + 80(%esi,%eax), %xmm5
	movaps	\at + 96(%esi,%eax), %xmm6
	movaps	\at + 112(%esi,%eax), %xmm7
	movaps	%xmm0, \at(%edi,%eax)
	movaps	%xmm1, \at + 16(%edi,%eax)
	movaps	%xmm2, \at + 32(%edi,%eax)
	movaps	%xmm3, \at + 48(%edi,%eax)
	movaps	%xmm4, \at + 64(%edi,%eax)
	movaps	%xmm5, \at + 80(%edi,%eax)
	movaps	%xmm6, \at + 96(%edi,%eax)
	movaps	%xmm7, \at + 112(%edi,%eax)
	.endm
copy_page:
	cmpl	$0, ST_SSE(%ebp)
	je	8f
	addl	$PAGE, %esi
	addl	$PAGE, %edi
	movl	$-PAGE, %eax		# counts up to the pages' ends
7:	move8	0
	move8	128
	addl	$256, %eax
	jnz	7b
	ret
8:	movl	$PAGE / 4, %ecx
	rep movsl
	ret

# sum_page: the block sum of the page at esi into ST_S1 and ST_S2; esi
# moves past it. Uses eax, ecx, edx.
sum_page:
	movl	ST_S1(%ebp), %eax
	movl	ST_S2(%ebp), %edx
	movl	$PAGE / 64, %ecx
9:	addl	(%esi), %eax
	addl	4(%esi), %eax
	addl	8(%esi), %eax
	addl	12(%esi), %eax
	addl	16(%esi), %eax
	addl	20(%esi), %eax
	addl	24(%esi), %eax
	addl	28(%esi), %eax
	addl	32(%esi), %eax
	addl	36(%esi), %eax
	addl	40(%esi), %eax
	addl	44(%esi), %eax
	addl	48(%esi), %eax
	addl	52(%esi), %eax
	addl	56(%esi), %eax
	addl	60(%esi), %eax
	addl	%eax, %edx
	addl	$64, %esi
	loop	9b
	movl	%eax, ST_S1(%ebp)
	movl	%edx, ST_S2(%ebp)
	ret

# segment_begin: edi = a destination. ST_ENTRY = its plan entry and
# ST_INDEX its index (ST_ENTRY = 0 when no segment of the plan starts
# there, or no PLAN_VERIFY), the sums started. Uses eax, ecx.
segment_begin:
	xorl	%eax, %eax
	movl	%eax, ST_ENTRY(%ebp)
	movl	%eax, ST_S1(%ebp)
	movl	%eax, ST_S2(%ebp)
	testl	$PLAN_VERIFY, ST_FLAGS(%ebp)
	jz	12f
	pushl	%edx
	movl	ST_PLAN(%ebp), %edx
	movl	PLAN_SEG(%edx), %ecx
	addl	%edx, %ecx
10:	cmpl	PLAN_NSEG(%edx), %eax
	je	11f
	cmpl	SEGE_MEM(%ecx), %edi
	je	13f
	addl	$SEGE_SIZE, %ecx
	incl	%eax
	jmp	10b
13:	movl	%ecx, ST_ENTRY(%ebp)
	movl	%eax, ST_INDEX(%ebp)
11:	popl	%edx
12:	ret

# segment_end: ST_ENTRY = the segment checked (0: nothing to do), edi =
# where its bytes ended. Marks it in ST_DONE, or stops. Uses eax, ecx.
segment_end:
	movl	ST_ENTRY(%ebp), %ecx
	testl	%ecx, %ecx
	jz	14f
	movl	SEGE_MEM(%ecx), %eax
	addl	SEGE_MEMSZ(%ecx), %eax
	cmpl	%eax, %edi
	jne	15f			# every page of it came
	movl	ST_S1(%ebp), %eax
	cmpl	SEGE_S1(%ecx), %eax
	jne	15f
	movl	ST_S2(%ebp), %eax
	cmpl	SEGE_S2(%ecx), %eax
	jne	15f
	movl	ST_INDEX(%ebp), %ecx
	movl	$1, %eax
	shll	%cl, %eax
	orl	%eax, ST_DONE(%ebp)
	movl	$0, ST_ENTRY(%ebp)
14:	ret
15:	movl	SEGE_MEM(%ecx), %eax
	jmp	verify_stop

# verify_stop: a segment is not what the plan says, eax its address (0:
# the list left some uncopied). The destination is never entered: stop
# here, interrupts off, with edi = the segment's index in the plan (-1:
# none, ST_DONE the mask of those the list copied), esi = its address,
# edx = the s1 found. A debugger reads them; nothing else will.
verify_stop:
	pushl	%eax
	trail	msg_segment
	movl	(%esp), %eax
	call	say_hex
	trail	msg_differs
	popl	%esi
	movl	ST_INDEX(%ebp), %edi
	movl	ST_S1(%ebp), %edx
16:	hlt
	jmp	16b

# bad_plan: the plan is not of the layout this trampoline reads (its magic
# differs). Nothing in it can be trusted, not even the UART: stop here,
# interrupts off.
bad_plan:
	hlt
	jmp	bad_plan

# --- the trail on the plan's debug-uart ----------------------------------
# Short lines at each stage, for a handoff that hangs: nothing when the
# plan names no UART. An ns16550 is used as the firmware or old kernel
# left it (baud rate, FIFO), in I/O port space or memory-mapped.

# uart_putc: al to the UART. Uses eax, ecx, edx.
uart_putc:
	pushl	%ebx
	movl	ST_PLAN(%ebp), %ebx
	movl	PLAN_UART_TYPE(%ebx), %ecx
	movl	PLAN_UART_ADDR(%ebx), %edx
	cmpl	$UART_NS16550_IO, %ecx
	jne	19f
	movb	%al, %ah
	addl	$5, %edx		# LSR
17:	inb	%dx, %al
	testb	$0x20, %al		# THRE
	jz	17b
	subl	$5, %edx
	movb	%ah, %al
	outb	%al, %dx		# THR
	jmp	22f
19:	cmpl	$UART_NS16550, %ecx
	jne	22f
	pushl	%esi
	movl	PLAN_UART_WIDTH(%ebx), %esi
	movl	PLAN_UART_SHIFT(%ebx), %ecx
	movl	$5, %ebx
	shll	%cl, %ebx
	addl	%edx, %ebx		# ebx: LSR
	cmpl	$4, %esi
	popl	%esi
	je	21f
20:	testb	$0x20, (%ebx)
	jz	20b
	movb	%al, (%edx)
	jmp	22f
21:	testl	$0x20, (%ebx)
	jz	21b
	movzbl	%al, %eax
	movl	%eax, (%edx)
22:	popl	%ebx
	ret

# say: the NUL-terminated string at esi. Uses eax, ecx, edx, esi.
say:
	movzbl	(%esi), %eax
	testl	%eax, %eax
	jz	23f
	incl	%esi
	call	uart_putc
	jmp	say
23:	ret

# say_hex: eax in 8 hex digits. Uses eax, ecx, edx, esi.
say_hex:
	movl	%eax, %esi
	movl	$28, %ecx
24:	movl	%esi, %eax
	shrl	%cl, %eax
	andl	$0xf, %eax
	addl	$'0', %eax
	cmpl	$'9', %eax
	jbe	25f
	addl	$'a' - '9' - 1, %eax
25:	pushl	%ecx
	call	uart_putc
	popl	%ecx
	subl	$4, %ecx
	jns	24b
	ret

	.section .rodata
msg_entered:	.asciz	"mkcodepage: entered\r\n"
	.include "trail.inc"

	.data
	.balign	8
gdt:	.quad	0
	.quad	0
	.quad	0x00cf9a000000ffff	# 0x10: 32-bit code, flat
	.quad	0x00cf92000000ffff	# 0x18: data, flat
gdt_end:
	.balign	4
	.word	0
gdt_ptr:
	.word	gdt_end - gdt - 1
	.long	0			# the base, written before lgdt
