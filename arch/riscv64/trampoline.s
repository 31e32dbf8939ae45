# SPDX-License-Identifier: MIT
#
# trampoline.s - the fixed riscv64 codepage. Everything that differs
# between destinations is in the plan (plan.inc), found PC-relatively.
#
# Entries, in S-mode under SBI firmware:
#   cp_entry       placed: every segment is in place; a0 = hart id (as
#                  Linux's kexec path and SBI's HSM start pass it).
#   cp_list_entry  list: a0 = the head of a Linux kexec indirection list as
#                  the kernel keeps it (image->head: first list page |
#                  IND_INDIRECTION, or IND_DONE; native 64-bit entries,
#                  IND_* flags, 4 KiB pages), a1 = our physical address,
#                  a2 = start (both unused), a3 = hart id, a4 = our
#                  virtual minus physical address (these two as Linux's
#                  riscv_kexec_relocate takes them).
# Either with satp = 0, over an identity map, or (list entry) at a virtual
# address a4 away from the physical one. RISC-V harts keep data
# caches coherent with memory, so copying needs no cache maintenance; the
# only obligation is fence.i before instruction fetch may see the copied
# code (Linux's boot protocol and the unprivileged spec's Zifencei).
#
# With PLAN_VERIFY, every segment's memory is checked against the block
# sum the plan holds (gen/checksum.h) before the jump: in list mode while
# its pages are copied (one add per 8-byte word the copy already holds in
# a register, one per 64 bytes), in placed mode in one pass. A difference,
# or a segment the list never copied whole, ends in verify_stop, never at
# the destination.
#
# Registers: s0 list head (0: placed), s1 hart id, tp PLAN_VERIFY, t6 the
# segment being checked (its plan entry, 0 none), gp its index, s10/s11
# its running s1/s2, sp segments verified (a bit per index). No stack is
# used: sp, gp and tp come from the plan for the destination.

	.include "plan.inc"
	.include "kexec-list.inc"

	.equ	PAGE, 4096

	.macro	word16 op, base		# op a0..a7, s2..s9 at 0..120(base)
	.set	.Loff, 0
	.irp	r, a0, a1, a2, a3, a4, a5, a6, a7, s2, s3, s4, s5, s6, s7, s8, s9
	\op	\r, .Loff(\base)
	.set	.Loff, .Loff + 8
	.endr
	.endm
	# 64 bytes (eight words) into s10, then s10 into s11: the block sum
	.macro	fold8 r0, r1, r2, r3, r4, r5, r6, r7
	.irp	r, \r0, \r1, \r2, \r3, \r4, \r5, \r6, \r7
	add	s10, s10, \r
	.endr
	add	s11, s11, s10
	.endm

	.section .text.entry, "ax"
	.globl	cp_entry
	.globl	cp_list_entry
cp_entry:
	mv	s1, a0			# s1: hart id
	li	s0, 0			# s0: list head, 0 = placed
	li	a4, 0			# we run at our physical address
	j	1f
cp_list_entry:
	mv	s0, a0
	mv	s1, a3
1:	csrci	sstatus, 0x2		# SIE: no interrupt from here on
	csrw	sie, zero
	# Translation off, at our physical address. a4 = our virtual address
	# minus our physical one: 0 at a physical address or over an identity
	# map; Linux enters the list entry through its linear map and passes
	# that map's offset (riscv_kexec_relocate's convention). stvec = the
	# physical label: whether the jump below was fetched before satp = 0
	# took effect or its fetch faults after, we arrive there.
	lla	t0, 2f
	sub	t0, t0, a4
	csrw	stvec, t0
	csrw	satp, zero
	jr	t0
	.balign	4			# stvec: direct mode, 4-byte aligned
2:	sfence.vma			# drop stale translations
	# A plan of another layout (a trampoline and a plan from different
	# versions of mkcodepage) is never followed: stop in bad_plan.
	lla	t3, cp_plan
	lwu	t0, PLAN_MAGIC(t3)
	li	t1, PLAN_MAGIC_VALUE
	bne	t0, t1, bad_plan
	lwu	tp, PLAN_FLAGS(t3)
	andi	tp, tp, PLAN_VERIFY
	li	t6, 0
	li	sp, 0
	lla	a4, msg_entered
	jal	say
	beqz	s0, placed

	mv	t2, s0			# the head entry, as Linux's image->head
	li	t1, 0			# destination
	j	dispatch		# t0, the cursor, is set by the head
walk:
	ld	t2, 0(t0)
	addi	t0, t0, 8
dispatch:
	andi	t3, t2, IND_DONE
	bnez	t3, done
	srli	t4, t2, 12
	slli	t4, t4, 12		# the page address in the entry
	andi	t3, t2, IND_DESTINATION
	beqz	t3, 2f
	jal	segment_end		# the copy moves on: check what it made
	mv	t1, t4
	jal	segment_begin
	j	walk
2:	andi	t3, t2, IND_INDIRECTION
	beqz	t3, 3f
	mv	t0, t4
	j	walk
3:	andi	t3, t2, IND_SOURCE
	beqz	t3, walk
	li	t5, PAGE
	add	t5, t5, t4		# end of the source page
	bnez	t6, 5f
4:	word16	ld, t4			# 128 bytes per iteration
	word16	sd, t1
	addi	t4, t4, 128
	addi	t1, t1, 128
	bne	t4, t5, 4b
	j	walk
5:	word16	ld, t4			# the same, summing the words
	fold8	a0, a1, a2, a3, a4, a5, a6, a7
	fold8	s2, s3, s4, s5, s6, s7, s8, s9
	word16	sd, t1
	addi	t4, t4, 128
	addi	t1, t1, 128
	bne	t4, t5, 5b
	j	walk

done:
	jal	segment_end
	beqz	tp, copied
	# every segment of the plan copied and checked: sp = 2^nseg - 1
	lla	t3, cp_plan
	ld	t5, PLAN_NSEG(t3)
	li	t3, 1
	sll	t3, t3, t5
	addi	t3, t3, -1
	beq	sp, t3, checked
	li	a0, -1			# a0: no one segment; a1 = 0: not copied
	li	a1, 0
	mv	a2, sp			# a2: the segments that were
	j	verify_stop

# placed mode: each segment's sums, in one pass over its memory
placed:
	beqz	tp, copied
	lla	t3, cp_plan
	ld	s3, PLAN_NSEG(t3)	# s3: segments left, s2: the next one
	ld	s2, PLAN_SEG(t3)
	add	s2, s2, t3
	li	gp, 0
6:	beq	gp, s3, checked
	mv	t6, s2
	ld	t4, SEGE_MEM(s2)
	ld	t1, SEGE_MEMSZ(s2)
	add	t1, t1, t4		# t1: the end, as the copy would leave it
	li	s10, 0
	li	s11, 0
7:	ld	a0, 0(t4)		# 64 bytes per iteration
	ld	a1, 8(t4)
	ld	a2, 16(t4)
	ld	a3, 24(t4)
	ld	a4, 32(t4)
	ld	a5, 40(t4)
	ld	a6, 48(t4)
	ld	a7, 56(t4)
	fold8	a0, a1, a2, a3, a4, a5, a6, a7
	addi	t4, t4, 64
	bne	t4, t1, 7b
	jal	segment_end
	addi	s2, s2, SEGE_SIZE
	addi	gp, gp, 1
	j	6b

checked:
	beqz	tp, copied
	lla	a4, msg_checked
	jal	say

copied:
	fence	rw, rw			# every copy done ...
	fence.i				# ... before fetching any of it
	lla	a4, msg_jumping
	jal	say
	lla	a0, cp_plan
	mv	a1, s1
	j	preamble		# a0 = plan, a1 = hart id

# segment_begin: t1 = a destination. t6 = its plan entry and gp its index
# (t6 = 0 when no segment of the plan starts there, or tp = 0), the sums
# started. Uses a0, a1, t3, t5.
segment_begin:
	li	t6, 0
	li	s10, 0
	li	s11, 0
	beqz	tp, 9f
	lla	t3, cp_plan
	ld	t5, PLAN_NSEG(t3)
	ld	a1, PLAN_SEG(t3)
	add	a1, a1, t3
	li	gp, 0
8:	beq	gp, t5, 9f
	ld	a0, SEGE_MEM(a1)
	beq	a0, t1, 10f
	addi	a1, a1, SEGE_SIZE
	addi	gp, gp, 1
	j	8b
10:	mv	t6, a1
9:	ret

# segment_end: t6 = the segment checked (0: nothing to do), t1 = where its
# bytes ended, s10/s11 = its sums. Marks it in sp, or stops. Uses a0..a2.
segment_end:
	beqz	t6, 11f
	ld	a0, SEGE_MEM(t6)
	ld	a1, SEGE_MEMSZ(t6)
	add	a0, a0, a1
	bne	a0, t1, 12f		# every page of it came
	ld	a0, SEGE_S1(t6)
	bne	a0, s10, 12f
	ld	a0, SEGE_S2(t6)
	bne	a0, s11, 12f
	li	a0, 1
	sll	a0, a0, gp
	or	sp, sp, a0
	li	t6, 0
11:	ret
12:	mv	a0, gp			# a0: the segment's index
	ld	a1, SEGE_MEM(t6)	# a1: its address
	mv	a2, s10			# a2: the s1 its memory gave
	j	verify_stop

# verify_stop: a segment is not what the plan says. The destination is
# never entered: stop here, interrupts off, satp = 0, with a0 = the
# segment's index in the plan (-1: the list left some uncopied, a2 = the
# mask of those it copied), a1 = its address, a2 = the s1 found. A
# debugger reads them; nothing else will.
verify_stop:
	mv	s4, a0
	mv	s5, a1
	mv	s6, a2
	lla	a4, msg_segment
	jal	say
	mv	a5, s5
	jal	say_hex
	lla	a4, msg_differs
	jal	say
	mv	a0, s4
	mv	a1, s5
	mv	a2, s6
13:	wfi
	j	13b

# bad_plan: the plan is not of the layout this trampoline reads (its magic
# differs). Nothing in it can be trusted, not even the UART: stop here,
# interrupts off, translation off, t0 = the magic found.
bad_plan:
	wfi
	j	bad_plan

# --- the trail on the plan's debug-uart ----------------------------------
# Short lines at each stage, for a handoff that hangs: nothing when the
# plan names no UART. An ns16550 is used as the firmware or old kernel
# left it (baud rate, FIFO); the SBI console through the legacy
# console_putchar call (EID 0x01), which OpenSBI keeps.

# uart_putc: a0 to the UART. Uses a0..a3, a6, a7.
uart_putc:
	lla	a1, cp_plan
	lwu	a2, PLAN_UART_TYPE(a1)
	beqz	a2, 3f
	li	a3, UART_SBI
	bne	a2, a3, 1f
	li	a7, 0x01
	li	a6, 0
	ecall
	ret
1:	ld	a3, PLAN_UART_ADDR(a1)
	lwu	a2, PLAN_UART_SHIFT(a1)
	li	a6, 5			# LSR at 5 << reg-shift
	sll	a6, a6, a2
	add	a6, a6, a3
	lwu	a2, PLAN_UART_WIDTH(a1)
	li	a7, 4
	beq	a2, a7, 2f
0:	lbu	a1, 0(a6)		# wait for THRE (LSR bit 5)
	andi	a1, a1, 0x20
	beqz	a1, 0b
	sb	a0, 0(a3)		# THR
	ret
2:	lw	a1, 0(a6)
	andi	a1, a1, 0x20
	beqz	a1, 2b
	sw	a0, 0(a3)
3:	ret

# say: the NUL-terminated string at a4. Uses a0..a4, a6, a7, t3.
say:
	mv	t3, ra
4:	lbu	a0, 0(a4)
	beqz	a0, 5f
	addi	a4, a4, 1
	jal	uart_putc
	j	4b
5:	jr	t3

# say_hex: a5 in 16 hex digits. Uses a0..a4, a6, a7, t3.
say_hex:
	mv	t3, ra
	li	a4, 60
6:	srl	a0, a5, a4
	andi	a0, a0, 0xf
	li	a1, 10
	blt	a0, a1, 7f
	addi	a0, a0, 'a' - '0' - 10
7:	addi	a0, a0, '0'
	jal	uart_putc
	addi	a4, a4, -4
	bgez	a4, 6b
	jr	t3

msg_entered:	.asciz	"mkcodepage: entered\r\n"
	.include "trail.inc"
	.balign	4
