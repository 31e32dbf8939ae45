# SPDX-License-Identifier: MIT
#
# trampoline.s - the fixed x86_64 codepage. Everything that differs
# between destinations is in the plan (plan.inc), found PC-relatively.
#
# Entries:
#   cp_entry       placed: every segment is in place. Entered in one of
#                  two states, told apart by its first bytes, which decode
#                  differently in each:
#     64-bit mode on an identity map, as Linux's relocate_kernel enters
#       image->start: interrupts off, GDTR and IDTR invalidated, a stack
#       at the end of its control page;
#     32-bit protected mode with paging off, as a bootloader's "go" or a
#       Multiboot loader leaves the CPU.
#   cp_list_entry  list, 64-bit mode: rdi = the head of a Linux kexec
#                  indirection list as the kernel keeps it (image->head:
#                  first list page | IND_INDIRECTION, or IND_DONE; 64-bit
#                  entries, IND_* flags, 4 KiB pages), rdx = this entry's
#                  address in segment 0 (kimage->start), the registers
#                  Linux 6.1's relocate_kernel takes them in; the rest
#                  (rsi: its page list) is unused.
# Nothing of the entrant's descriptor tables, page tables or stack is
# used (but for one call on the 32-bit entry, to learn its address): the
# codepage loads its own GDT (the selectors of Linux's boot protocol:
# 0x10 64-bit code, 0x18 data; 0x08 32-bit code), and takes its stack and
# its own identity map of [0, PLAN_MAP_TOP) in 2 MiB pages from the work
# area, pages segment 0 keeps past its code (map_memory). The 32-bit entry
# builds the same map, turns on long mode and joins the 64-bit path.
#
# In list mode each source page is copied with one rep movsq (512 moves),
# except onto the work area's pages (zeros in segment 0, which the stack
# and the live map hold instead). x86 caches are coherent with memory and with
# instruction fetch; what the SDM asks of code written before it runs is a
# serializing instruction, the mov to CR3 (or CR0, leaving long mode)
# before the jump.
#
# With PLAN_VERIFY, every segment's memory is checked against the block
# sum the plan holds (gen/checksum.h) before the jump: in list mode each
# page as it is written (from the cache it was just written to), in placed
# mode in one pass. A difference, or a segment the list never copied
# whole, ends in verify_stop, never at the destination.
#
# Then the preamble runs in 64-bit mode with rdi = plan; a destination
# entered in 32-bit protected mode (PLAN_DEST32: Multiboot) is reached
# through cp_enter32.
#
# Registers (64-bit path): rbp the plan, r15 list head (0: placed), r14
# segment 0, r13 PLAN_FLAGS, r12 the work area: its stack and live map
# (0: the entrant's), rbx the
# segment being checked (its plan entry, 0 none), r10/r11 its running
# s1/s2, r9 segments verified (a bit per index), r8 the index of rbx's.

	.include "plan.inc"
	.include "bimodal.inc"
	.include "kexec-list.inc"

	.equ	PAGE, 4096
	.equ	SEL_CODE32, 0x08
	.equ	SEL_CODE64, 0x10
	.equ	SEL_DATA, 0x18
	.equ	SEL_BOOT_CS, 0x10	# a 32-bit destination's: 0x10 made 32-bit code
	.equ	CR0_PG, 1 << 31
	.equ	CR4_PAE, 1 << 5
	.equ	CR4_PGE, 1 << 7
	.equ	CR4_LA57, 1 << 12
	.equ	CR4_PCIDE, 1 << 17
	.equ	MSR_EFER, 0xc0000080
	.equ	EFER_LME, 1 << 8
	.equ	PTE_TABLE, 0x003	# present, writable
	.equ	PTE_2M, 0x083		# present, writable, a 2 MiB page

	.section .text.entry, "ax"
	.globl	cp_entry
	.globl	cp_list_entry
	.code64
cp_entry:
	jump_if_32bit entry32
	cli
	cld
	xorl	%r15d, %r15d		# r15: list head, 0 = placed
	leaq	__codepage_start(%rip), %r14
	jmp	entry64
cp_list_entry:
	cli
	cld
	movq	%rdi, %r15
	leaq	cp_list_entry(%rip), %rax
	leaq	__codepage_start(%rip), %r14
	subq	%r14, %rax		# this entry's offset in segment 0
	movq	%rdx, %r14
	subq	%rax, %r14		# r14: segment 0, where kimage->start says
entry64:
	# A plan of another layout (a trampoline and a plan from different
	# versions of mkcodepage) is never followed: stop in bad_plan.
	leaq	cp_plan(%rip), %rbp
	cmpl	$PLAN_MAGIC_VALUE, PLAN_MAGIC(%rbp)
	jne	bad_plan
	# The work area past the code in segment 0: a stack page, four for
	# the 32-bit entry's bootstrap map, the map's pages. Used when
	# segment 0 is where r14 says (page-aligned) and the area and this
	# code lie in the map; else r12 = 0 and the entrant's stack and map
	# serve (Linux's maps all its RAM).
	leaq	__codepage_end(%rip), %r12
	leaq	__codepage_start(%rip), %rax
	subq	%rax, %r12
	addq	$PAGE - 1, %r12
	andq	$-PAGE, %r12
	addq	%r14, %r12
	movq	PLAN_MAP_PAGES(%rbp), %rax
	shlq	$12, %rax
	addq	%r12, %rax
	movq	PLAN_MAP_TOP(%rbp), %rdx
	testl	$PAGE - 1, %r14d
	jnz	1f
	cmpq	%rdx, %rax
	ja	1f
	leaq	__codepage_end(%rip), %rax
	cmpq	%rdx, %rax
	ja	1f
	leaq	PAGE(%r12), %rsp	# our stack
	jmp	2f
1:	xorl	%r12d, %r12d
2:	call	load_gdt
	movl	PLAN_FLAGS(%rbp), %r13d
	leaq	msg_entered(%rip), %rsi
	call	trail
	call	map_memory
	jmp	copy

# The 32-bit entry: paging off, flat segments of the entrant's (Multiboot
# promises no more). Data is reached from a call/pop base in ebx as
# "$symbol - 1b", which the assembler makes PC-relative.
	.code32
entry32:
	cli
	cld
	call	1f			# 4 bytes below the entrant's esp, once
1:	popl	%ebx
	movl	%ebx, %ebp
	addl	$cp_plan - 1b, %ebp
	cmpl	$PLAN_MAGIC_VALUE, PLAN_MAGIC(%ebp)
	jne	bad_plan		# (its bytes mean the same in either mode)
	movl	%ebx, %esi		# esi: the work area (see entry64)
	addl	$__codepage_end + PAGE - 1 - 1b, %esi
	andl	$-PAGE, %esi
	leal	PAGE(%esi), %esp
	movl	%ebx, %eax		# the GDT's base, for lgdt
	addl	$gdt - 1b, %eax
	movl	%eax, gdt_ptr + 2 - 1b(%ebx)
	lgdt	gdt_ptr - 1b(%ebx)
	movl	$SEL_DATA, %eax	# ds, es (rep stos) and ss: no more used
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	# Long mode needs a map first: a bootstrap one in the work area's
	# pages 1 to 4 (PML4, PDPT, two directories) for the GiB this code
	# starts in and the next, which hold the code, the plan and the work
	# area; map_memory writes the real one from 64-bit code.
	leal	PAGE(%esi), %edi
	movl	$4 * PAGE / 4, %ecx
	xorl	%eax, %eax
	rep stosl
	leal	2 * PAGE + PTE_TABLE(%esi), %eax
	movl	%eax, PAGE(%esi)	# PML4[0] -> PDPT
	movl	%ebx, %edx
	shrl	$30, %edx		# edx: this code's GiB (below the 4th)
	leal	3 * PAGE + PTE_TABLE(%esi), %eax
	movl	%eax, 2 * PAGE(%esi,%edx,8)	# PDPT -> the two directories
	addl	$PAGE, %eax
	movl	%eax, 2 * PAGE + 8(%esi,%edx,8)
	shll	$30, %edx
	leal	PTE_2M(%edx), %eax
	xorl	%edx, %edx
	leal	3 * PAGE(%esi), %edi
	movl	$1024, %ecx
2:	movl	%eax, (%edi)		# 2 MiB pages, identity
	movl	%edx, 4(%edi)
	addl	$8, %edi
	addl	$0x200000, %eax
	adcl	$0, %edx
	loop	2b
	movl	%cr4, %eax
	orl	$CR4_PAE, %eax
	movl	%eax, %cr4
	leal	PAGE(%esi), %eax
	movl	%eax, %cr3
	movl	$MSR_EFER, %ecx
	rdmsr
	orl	$EFER_LME, %eax
	wrmsr
	movl	%cr0, %eax
	orl	$CR0_PG, %eax
	movl	%eax, %cr0
	pushl	$SEL_CODE64
	leal	from32 - 1b(%ebx), %eax
	pushl	%eax
	lret

	.code64
from32:
	movl	%esi, %r12d		# r12: the work area
	movl	%ebp, %ebp		# rbp: the plan
	movl	%esp, %esp
	xorl	%r15d, %r15d		# placed
	leaq	__codepage_start(%rip), %r14
	movl	PLAN_FLAGS(%rbp), %r13d
	leaq	msg_entered32(%rip), %rsi
	call	trail
	call	map_memory
	jmp	copy

# load_gdt: ours (its base written first: lgdt takes an address), ds, es
# and ss as Linux's 64-bit boot protocol wants them, then CS through a
# far return.
load_gdt:
	leaq	gdt(%rip), %rax
	movq	%rax, gdt_ptr + 2(%rip)
	lgdt	gdt_ptr(%rip)
	movl	$SEL_DATA, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	popq	%rax
	pushq	$SEL_CODE64
	pushq	%rax
	lretq

# map_memory: the map into the work area (r12; 0: none, the entrant's map
# serves, as Linux's maps all its RAM), then CR3. Under CR4.LA57
# (5-level paging, which long mode cannot leave) the PML5 page names the
# PML4. CR4.PGE and PCIDE go off so that nothing of the entrant's
# translations outlives the switch.
map_memory:
	testq	%r12, %r12
	jz	9f			# no work area (entry64)
	leaq	5 * PAGE(%r12), %rsi	# rsi: the map's first page (the PML5's)
	movq	%rsi, %rdi
	movq	PLAN_MAP_PAGES(%rbp), %rcx
	subq	$5, %rcx		# not the stack's page nor the bootstrap
	shlq	$9, %rcx		# quadwords
	xorl	%eax, %eax
	rep stosq
	movq	PLAN_MAP_TOP(%rbp), %rax
	shrq	$30, %rax		# rax: GiB, the page directories
	leaq	511(%rax), %rcx
	shrq	$9, %rcx		# rcx: PDPT pages
	leaq	PAGE(%rsi), %rdi	# PML4 -> PDPTs
	leaq	2 * PAGE + PTE_TABLE(%rsi), %rdx
	call	entries64
	leaq	-PTE_TABLE(%rdx), %r8	# the first directory
	movq	%rax, %rcx		# PDPTs -> page directories
	leaq	2 * PAGE(%rsi), %rdi
	call	entries64
	movq	%r8, %rdi
	shlq	$9, %rax		# directories -> 2 MiB pages
	movq	%rax, %rcx
	movl	$PTE_2M, %eax
1:	movq	%rax, (%rdi)
	addq	$8, %rdi
	addq	$0x200000, %rax
	loop	1b
	movq	%cr4, %rax
	andq	$~(CR4_PGE | CR4_PCIDE), %rax
	movq	%rax, %cr4
	leaq	PAGE(%rsi), %rdx	# CR3: the PML4 ...
	testq	$CR4_LA57, %rax
	jz	2f
	leaq	PTE_TABLE(%rdx), %rax	# ... or the PML5 naming it
	movq	%rax, (%rsi)
	movq	%rsi, %rdx
2:	movq	%rdx, %cr3
	leaq	msg_mapped(%rip), %rsi
	call	trail
9:	ret
# entries64: rcx table entries at rdi from rdx, a page apart.
entries64:
	movq	%rdx, (%rdi)
	addq	$8, %rdi
	addq	$PAGE, %rdx
	loop	entries64
	ret

# ---- the copy (list mode) and the checks -------------------------------
copy:
	xorl	%r9d, %r9d		# r9: segments verified
	xorl	%ebx, %ebx		# rbx: the segment being checked
	testq	%r15, %r15
	jz	placed
	movq	%r15, %rax		# the head entry, as Linux's image->head
	xorl	%edi, %edi		# rdi: destination
	jmp	dispatch		# r15, the cursor, is set by the head
walk:
	movq	(%r15), %rax
	addq	$8, %r15
dispatch:
	testb	$IND_DONE, %al
	jnz	done
	movq	%rax, %rdx
	andq	$-PAGE, %rdx		# the page address in the entry
	testb	$IND_DESTINATION, %al
	jz	1f
	call	segment_end		# the copy moves on: check what it made
	movq	%rdx, %rdi
	call	segment_begin
	jmp	walk
1:	testb	$IND_INDIRECTION, %al
	jz	2f
	movq	%rdx, %r15
	jmp	walk
2:	testb	$IND_SOURCE, %al
	jz	walk
	movq	%rdx, %rsi
	testq	%r12, %r12
	jz	3f
	movq	%rdi, %rax		# a page of the live map (zeros of
	subq	%r12, %rax		# segment 0, which no check reads):
	movq	PLAN_MAP_PAGES(%rbp), %rcx	# the map stays
	shlq	$12, %rcx
	cmpq	%rcx, %rax
	jb	4f
3:	movl	$PAGE / 8, %ecx
	rep movsq
	testq	%rbx, %rbx
	jz	walk
	leaq	-PAGE(%rdi), %rsi	# sum what was written
	call	sum_page
	jmp	walk
4:	addq	$PAGE, %rdi
	jmp	walk

done:
	call	segment_end
	testl	$PLAN_VERIFY, %r13d
	jz	copied
	# every segment of the plan copied and checked: r9 = 2^nseg - 1
	movq	PLAN_NSEG(%rbp), %rcx
	xorl	%eax, %eax
	btsq	%rcx, %rax
	decq	%rax
	cmpq	%rax, %r9
	je	checked
	movq	$-1, %rdi		# no one segment; rsi = 0: not copied
	xorl	%esi, %esi
	movq	%r9, %rdx		# rdx: the segments that were
	jmp	verify_stop

# placed mode: each segment's sums, in one pass over its memory
placed:
	testl	$PLAN_VERIFY, %r13d
	jz	copied
	movq	PLAN_SEG(%rbp), %r15
	addq	%rbp, %r15		# r15 (no list here): the next entry
	xorl	%r8d, %r8d
5:	cmpq	PLAN_NSEG(%rbp), %r8
	je	checked
	movq	%r15, %rbx
	movq	SEGE_MEM(%rbx), %rsi
	movq	SEGE_MEMSZ(%rbx), %rdi
	addq	%rsi, %rdi		# rdi: the end, as the copy would leave it
	xorl	%r10d, %r10d
	xorl	%r11d, %r11d
6:	call	sum_page
	cmpq	%rdi, %rsi
	jne	6b
	call	segment_end
	addq	$SEGE_SIZE, %r15
	incq	%r8
	jmp	5b

checked:
	leaq	msg_checked(%rip), %rsi
	call	trail
copied:
	leaq	msg_jumping(%rip), %rsi
	call	trail
	movq	%cr3, %rax		# serializing: fetch sees every copy
	movq	%rax, %cr3
	movq	%rbp, %rdi
	jmp	preamble		# rdi = plan

# sum_page: the block sum of the page at rsi into r10/r11; rsi moves past
# it. Uses rcx.
sum_page:
	movl	$PAGE / 64, %ecx
7:	addq	(%rsi), %r10
	addq	8(%rsi), %r10
	addq	16(%rsi), %r10
	addq	24(%rsi), %r10
	addq	32(%rsi), %r10
	addq	40(%rsi), %r10
	addq	48(%rsi), %r10
	addq	56(%rsi), %r10
	addq	%r10, %r11
	addq	$64, %rsi
	loop	7b
	ret

# segment_begin: rdi = a destination. rbx = its plan entry and r8 its
# index (rbx = 0 when no segment of the plan starts there, or no
# PLAN_VERIFY), the sums started. Uses rax, rcx.
segment_begin:
	xorl	%ebx, %ebx
	xorl	%r10d, %r10d
	xorl	%r11d, %r11d
	testl	$PLAN_VERIFY, %r13d
	jz	9f
	movq	PLAN_SEG(%rbp), %rax
	addq	%rbp, %rax
	xorl	%r8d, %r8d
8:	cmpq	PLAN_NSEG(%rbp), %r8
	je	9f
	cmpq	SEGE_MEM(%rax), %rdi
	je	10f
	addq	$SEGE_SIZE, %rax
	incq	%r8
	jmp	8b
10:	movq	%rax, %rbx
9:	ret

# segment_end: rbx = the segment checked (0: nothing to do), rdi = where
# its bytes ended, r10/r11 = its sums. Marks it in r9, or stops. Uses rax.
segment_end:
	testq	%rbx, %rbx
	jz	11f
	movq	SEGE_MEM(%rbx), %rax
	addq	SEGE_MEMSZ(%rbx), %rax
	cmpq	%rax, %rdi
	jne	12f			# every page of it came
	cmpq	SEGE_S1(%rbx), %r10
	jne	12f
	cmpq	SEGE_S2(%rbx), %r11
	jne	12f
	btsq	%r8, %r9
	xorl	%ebx, %ebx
11:	ret
12:	movq	%r8, %rdi		# rdi: the segment's index
	movq	SEGE_MEM(%rbx), %rsi	# rsi: its address
	movq	%r10, %rdx		# rdx: the s1 its memory gave
	jmp	verify_stop

# verify_stop: a segment is not what the plan says. The destination is
# never entered: stop here, interrupts off, with rdi = the segment's index
# in the plan (-1: the list left some uncopied, rdx = the mask of those it
# copied), rsi = its address, rdx = the s1 found. A debugger reads them;
# nothing else will.
verify_stop:
	pushq	%rdi
	pushq	%rdx
	pushq	%rsi
	leaq	msg_segment(%rip), %rsi
	call	say_prefixed
	movq	(%rsp), %rax
	call	say_hex
	leaq	msg_differs(%rip), %rsi
	call	say
	popq	%rsi
	popq	%rdx
	popq	%rdi
13:	hlt
	jmp	13b

# bad_plan: the plan is not of the layout this trampoline reads (its magic
# differs). Nothing in it can be trusted, not even the UART: stop here,
# interrupts off.
bad_plan:
	hlt
	jmp	bad_plan

# cp_enter32: the destination in 32-bit protected mode with paging off
# (Multiboot's state, and Linux's 32-bit boot protocol's), rdi = plan, this
# code below 4 GiB. Through the 32-bit code segment 0x08 out of long mode,
# paging and PAE off, flat data segments 0x18, eax .. edi and esp from the
# plan, then a far jump to 32-bit code at 0x10: Linux's 32-bit entry wants
# CS = __BOOT_CS (0x10), DS = ES = SS = __BOOT_DS (0x18) (boot.rst), and
# Multiboot any flat code segment. The 64-bit code descriptor at 0x10 is
# rewritten as 32-bit code first: CS keeps the descriptor it loaded until
# the next load of a selector (the far return and jump here), which reads
# the new one. The jump's target is written into the instruction first
# (32-bit code has no PC-relative operand to jump through); the moves to
# CR0 serialize.
	.globl	cp_enter32
cp_enter32:
	leaq	gdt(%rip), %rax
	movq	SEL_CODE32(%rax), %rdx
	movq	%rdx, SEL_BOOT_CS(%rax)
	leaq	1f(%rip), %rax
	pushq	$SEL_CODE32
	pushq	%rax
	lretq
	.code32
1:	movl	%cr0, %eax
	andl	$~CR0_PG, %eax
	movl	%eax, %cr0
	movl	$MSR_EFER, %ecx
	rdmsr
	andl	$~EFER_LME, %eax
	wrmsr
	movl	%cr4, %eax
	andl	$~(CR4_PAE | CR4_LA57 | CR4_PGE | CR4_PCIDE), %eax
	movl	%eax, %cr4
	movl	$SEL_DATA, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %fs
	movl	%eax, %gs
	movl	%eax, %ss
	call	2f
2:	popl	%ebx
	movl	PLAN_ENTRY(%edi), %eax
	movl	%eax, far_jump + 1 - 2b(%ebx)
	jmp	3f			# the SDM's way to run code just stored
3:	movl	PLAN_REGS + REG_RAX(%edi), %eax
	movl	PLAN_REGS + REG_RBX(%edi), %ebx
	movl	PLAN_REGS + REG_RCX(%edi), %ecx
	movl	PLAN_REGS + REG_RDX(%edi), %edx
	movl	PLAN_REGS + REG_RSI(%edi), %esi
	movl	PLAN_REGS + REG_RBP(%edi), %ebp
	movl	PLAN_REGS + REG_RSP(%edi), %esp
	movl	PLAN_REGS + REG_RDI(%edi), %edi
far_jump:
	.byte	0xea			# ljmp $SEL_BOOT_CS, $entry
	.long	0
	.word	SEL_BOOT_CS
	.code64

# --- the trail on the plan's debug-uart ----------------------------------
# Short lines at each stage, for a handoff that hangs: nothing when the
# plan names no UART. An ns16550 is used as the firmware or old kernel
# left it (baud rate, FIFO), in I/O port space or memory-mapped.

# uart_putc: al to the UART. Uses rax, rcx, rdx.
uart_putc:
	movl	PLAN_UART_TYPE(%rbp), %ecx
	movq	PLAN_UART_ADDR(%rbp), %rdx
	cmpl	$UART_NS16550_IO, %ecx
	jne	3f
	movb	%al, %ah
	addl	$5, %edx		# LSR
1:	inb	%dx, %al
	testb	$0x20, %al		# THRE
	jz	1b
	subl	$5, %edx
	movb	%ah, %al
	outb	%al, %dx		# THR
	ret
3:	cmpl	$UART_NS16550, %ecx
	jne	6f
	movl	PLAN_UART_SHIFT(%rbp), %ecx
	pushq	%rbx
	movl	$5, %ebx
	shll	%cl, %ebx
	addq	%rdx, %rbx		# rbx: LSR
	cmpl	$4, PLAN_UART_WIDTH(%rbp)
	je	5f
4:	testb	$0x20, (%rbx)
	jz	4b
	movb	%al, (%rdx)
	popq	%rbx
	ret
5:	testl	$0x20, (%rbx)
	jz	5b
	movzbl	%al, %eax
	movl	%eax, (%rdx)
	popq	%rbx
6:	ret

# say: the NUL-terminated string at rsi. Uses rax, rcx, rdx, rsi.
say:
	movzbl	(%rsi), %eax
	testl	%eax, %eax
	jz	7f
	incq	%rsi
	call	uart_putc
	jmp	say
7:	ret

# trail: one line of the trail, "mkcodepage: " and the string at rsi;
# say_prefixed: the same without the line's end. Use rax, rcx, rdx, rsi.
trail:
	call	say_prefixed
	leaq	msg_crlf(%rip), %rsi
	jmp	say
say_prefixed:
	pushq	%rsi
	leaq	msg_prefix(%rip), %rsi
	call	say
	popq	%rsi
	jmp	say

# say_hex: rax in 16 hex digits. Uses rax, rcx, rdx, rsi.
say_hex:
	movq	%rax, %rsi
	movl	$60, %ecx
8:	movq	%rsi, %rax
	shrq	%cl, %rax
	andl	$0xf, %eax
	addl	$'0', %eax
	cmpl	$'9', %eax
	jbe	9f
	addl	$'a' - '9' - 1, %eax
9:	pushq	%rcx
	call	uart_putc
	popq	%rcx
	subl	$4, %ecx
	jns	8b
	ret

	.section .rodata
msg_prefix:	.asciz	"mkcodepage: "
msg_crlf:	.asciz	"\r\n"
msg_entered:	.asciz	"entered"
msg_entered32:	.asciz	"entered (32-bit)"
msg_mapped:	.asciz	"memory mapped"
msg_checked:	.asciz	"segments checked"
msg_jumping:	.asciz	"jumping"
msg_segment:	.asciz	"segment "
msg_differs:	.asciz	" differs (or never came): stopped\r\n"

	.data
	.balign	8
gdt:	.quad	0
	.quad	0x00cf9a000000ffff	# 0x08: 32-bit code, flat
	.quad	0x00af9a000000ffff	# 0x10: 64-bit code (32-bit at cp_enter32)
	.quad	0x00cf92000000ffff	# 0x18: data, flat
gdt_end:
gdt_ptr:
	.word	gdt_end - gdt - 1
	.quad	0			# the base, written before lgdt
