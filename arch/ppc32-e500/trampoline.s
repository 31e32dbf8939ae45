# SPDX-License-Identifier: MIT
#
# trampoline.s - the fixed ppc32-e500 codepage: the code that runs between
# the old kernel and the destination. Everything that differs from one
# destination to the next is in the plan (plan.inc), found PC-relatively;
# nothing here is patched or generated.
#
# Three entries:
#   cp_entry       placed: every segment is already at its load address
#                  (stock kexec_load: the old kernel copied them). Linux
#                  ppc32 passes r3 = PIR, r4 = our physical address; we need
#                  neither.
#   cp_list_entry  list (replaces relocate_new_kernel): r3 = the head of a
#                  Linux kexec indirection list as the kernel keeps it
#                  (image->head: first list page | IND_INDIRECTION, or
#                  IND_DONE); r4, r5 (our physical address, the start
#                  address) unused; r6 = how many other cores the kernel
#                  sends to cp_secondary_entry.
#   cp_secondary_entry  cp_list_entry + 4 (the kernel patch's contract):
#                  every other core, sent by the old kernel in list mode;
#                  it waits, then moves to the park page (park_cores).
#
# Either may be entered at any effective address that maps the codepage's
# first 4 KiB, in AS0 (or in AS1 through a TLB1 entry), with any other TLB
# contents, MSR[EE] = 0 or not. We rely on no translation but the one we
# execute from (tlbmap.inc, shared with the blob mover):
#   1. find that entry (tlbsx), copy it into address space 1 (AS1), unless
#      it already is a TLB1 entry there, and move there with rfi;
#   2. invalidate everything else, write TLB1 entries mapping every memory
#      range 1:1 in AS0 (they cannot collide with the AS1 entry, even where
#      they cover the very address we run at), rfi to our physical address;
#   3. drop the AS1 entry, set PID 0 and quiet the timers, copy (list
#      mode) or clean the segments (placed mode) to memory, invalidate the
#      instruction cache, and branch to the preamble with r3 = plan.
#
# Only e500v2 and later (36-bit MAS7, 4 GiB pages) are supported.

	.include "plan.inc"
	.include "tlbmap.inc"
	.include "kexec-list.inc"

	.equ	LINE, 32		# smallest e500 cache line (e500mc: 64)
	.equ	PAGE, 4096		# kexec page
	.equ	BLOCK, 8 * LINE		# list-mode copy step: 256 bytes
	.equ	SBLOCK, 2 * LINE	# the same, summing: 64 bytes

	.section .text.entry, "ax"
	.globl	cp_entry
	.globl	cp_list_entry
	.globl	cp_secondary_entry

cp_entry:
	li	r29, 0			# r29: the list head (0: placed,
	li	r13, 0			# -1: a secondary core); r13: the
	b	1f			# cores sent to cp_secondary_entry
cp_list_entry:
	b	2f
cp_secondary_entry:
	li	r29, -1
	b	1f
2:	mr	r29, r3
	mr	r13, r6
1:
	# No interrupt may be taken from here on: the old kernel's vectors
	# are about to lose their mapping. rfi below clears CE, ME and DE.
	wrteei	0
	bcl	20, 31, anchor
anchor:
	mflr	r30			# r30: effective address of anchor

	tlb_enter_as1 anchor

	# --- 2. write the 1:1 mappings from the plan (AS0) ------------------
	addis	r31, r30, (cp_plan - anchor)@ha
	addi	r31, r31, (cp_plan - anchor)@l	# r31: plan (AS1 address)
	# A plan of another layout (a trampoline and a plan from different
	# versions of mkcodepage) is never followed: stop in bad_plan.
	lwz	r20, PLAN_MAGIC(r31)
	lis	r21, PLAN_MAGIC_VALUE@h
	ori	r21, r21, PLAN_MAGIC_VALUE@l
	cmpw	r20, r21
	bne	bad_plan
	lwz	r20, PLAN_NTLB(r31)
	lwz	r21, PLAN_TLB(r31)
	add	r21, r21, r31
	tlb_write_1to1
	tlb_leave_as1 anchor
	li	r0, 0
	# Leave the destination a clean core: PID 0, no timer interrupts
	# armed, no stale timer status (TSR bits are write-one-to-clear).
	mtspr	SPRN_PID, r0
	mtspr	SPRN_TCR, r0
	li	r9, -1
	mtspr	SPRN_TSR, r9
	isync
	cmpwi	r29, -1
	beq	secondary
	bl	plan_address		# r16 = plan
	stw	r13, PLAN_NSENT(r16)	# for park_cores: the walk takes
					# r13 over

	address_of r22, msg_entered
	bl	say

	cmpwi	r29, 0
	beq	placed

	# --- 3a. list mode: walk the indirection list -----------------------
	# Linux semantics: DESTINATION sets the next page's destination,
	# INDIRECTION continues the list elsewhere, SOURCE copies one page
	# and advances the destination, DONE ends. The walk lives in r3..r15;
	# lmw fills r16..r31 with 64 bytes of source in one instruction.
	#
	# Each 256-byte block of a destination page is copied in three steps:
	#  - dcba every line of the block first: the line is established in
	#    the cache, zeroed, without being read from memory (it is about to
	#    be overwritten whole). dcba, not dcbz: the e500 does the same for
	#    both, but dcbz takes an alignment interrupt when the data cache is
	#    disabled or locked or the page is write-through or cache-inhibited,
	#    where dcba is a no-op (e500 RM, user-level cache instructions);
	#    whoever enters us may have left the data cache disabled. All of
	#    them come before any store, because a line is 32 bytes on e500v2
	#    and 64 on e500mc: a later one could otherwise zero bytes already
	#    copied. Both sizes divide 256 and pages are 4 KiB-aligned, so none
	#    reaches outside the block.
	#  - one stw per word, never stmw. Both are correct on hardware, but
	#    QEMU 7.2 (Debian 12) invalidates its translated code only for the
	#    first byte of a multi-word store (stmw, dcbz): after copying
	#    over code the old kernel ran, it would run stale code. A word
	#    store covers its own bytes. (Loads cannot go stale: lmw is fine.)
	#  - dcbst every line as soon as it is written: the destination may
	#    invalidate the data cache without flushing it (U-Boot's e500
	#    start.S does), and instruction fetch reads memory, not the data
	#    cache.
	# 87 instructions per 256 bytes (0.34 per byte). With PLAN_VERIFY,
	# pages of a segment of the plan also fold every word into the block
	# sum (r0 += word, r2 += r0 per 64 bytes), 64 bytes a step: 41
	# instructions (0.64 per byte, 0.30 more), unrolled no further to keep
	# the codepage and its plan inside the kernel's 4 KiB control page;
	# r1 is that segment's plan entry (0: none, or this codepage).
	.macro	store16 off		# r16..r31 to off..off+60(r4)
	.irp	n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
	stw	16 + \n, \off + 4 * \n(r4)
	.endr
	.endm
	.macro	fold16			# r16..r31 into r0, then r0 into r2
	.irp	n, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	add	r0, r0, \n
	.endr
	add	r2, r2, r0
	.endm
	.macro	eachline op		# op on the 8 LINE-sized lines at r4
	\op	0, r4
	.irp	reg, r8, r10, r11, r12, r13, r14, r15
	\op	\reg, r4
	.endr
	.endm
	.macro	copy_block		# BLOCK bytes from r7 to r4
	eachline dcba
	.irp	off, 0, 64, 128, 192
	lmw	r16, \off(r7)
	store16	\off
	.endr
	eachline dcbst
	addi	r7, r7, BLOCK
	addi	r4, r4, BLOCK
	.endm
	.macro	copy_summed		# SBLOCK bytes from r7 to r4, summed
	dcba	0, r4
	dcba	r8, r4
	lmw	r16, 0(r7)
	fold16
	store16	0
	dcbst	0, r4
	dcbst	r8, r4
	addi	r7, r7, SBLOCK
	addi	r4, r4, SBLOCK
	.endm

	mr	r5, r29			# r5: the head entry, as Linux's image->head
	li	r4, 0			# r4: destination
	li	r1, 0			# r1: no segment being checked
	li	r8, LINE		# r8, r10..r15: line offsets in a block
	li	r10, 2 * LINE
	li	r11, 3 * LINE
	li	r12, 4 * LINE
	li	r13, 5 * LINE
	li	r14, 6 * LINE
	li	r15, 7 * LINE
	li	r9, PAGE / BLOCK
	b	dispatch		# r3, the cursor, is set by the head
walk:
	lwz	r5, 0(r3)
	addi	r3, r3, 4
dispatch:
	rlwinm	r7, r5, 0, 0, 19	# the page address in the entry
	andi.	r6, r5, IND_DONE
	bne	done
	andi.	r6, r5, IND_DESTINATION
	beq	8f
	bl	segment_end		# the copy moves on: check what it made
	mr	r4, r7
	bl	segment_begin
	b	walk
8:	andi.	r6, r5, IND_INDIRECTION
	beq	9f
	mr	r3, r7
	b	walk
9:	andi.	r6, r5, IND_SOURCE
	beq	walk
	cmpwi	r1, 0
	bne	11f
	mtctr	r9
10:	copy_block
	bdnz	10b
	b	walk
11:	li	r6, PAGE / SBLOCK
	mtctr	r6
19:	copy_summed
	bdnz	19b
	b	walk

done:
	bl	segment_end
	bl	plan_address		# r16 = plan
	lwz	r17, PLAN_FLAGS(r16)
	andi.	r17, r17, PLAN_VERIFY
	beq	copied
	# every segment of the plan copied and checked
	lwz	r17, PLAN_NSEG(r16)
	lwz	r18, PLAN_SEG(r16)
	add	r18, r18, r16
	cmpwi	r17, 0
	beq	checked
	mtctr	r17
12:	lwz	r19, SEGE_SEEN(r18)
	cmpwi	r19, 0
	beq	13f
	addi	r18, r18, SEGE_SIZE
	bdnz	12b
	b	checked
13:	lwz	r3, SEGE_MEM(r18)	# never copied: r4 = 0
	li	r4, 0
	li	r5, 0
	b	verify_stop

	# --- 3b. placed mode: clean every segment to memory, check it -------
	# Whoever placed the segments may have left dirty lines; push them
	# out for the same reasons as above. Four lines per iteration. Then,
	# with PLAN_VERIFY, its block sum in one pass (lmw, 16 adds and one:
	# 0.33 instructions per byte).
placed:
	bl	plan_address		# r16 = plan
	lwz	r5, PLAN_NSEG(r16)	# r5: segments left, r6: the next one
	lwz	r6, PLAN_SEG(r16)
	add	r6, r6, r16
	lwz	r11, PLAN_FLAGS(r16)	# r11: PLAN_VERIFY
	andi.	r11, r11, PLAN_VERIFY
	li	r8, LINE
	li	r9, 2 * LINE
	li	r10, 3 * LINE
	cmpwi	r5, 0
	beq	copied
14:	lwz	r3, SEGE_MEM(r6)
	lwz	r4, SEGE_MEMSZ(r6)
	srwi.	r4, r4, 7		# 128-byte steps; memsz is page-aligned
	beq	16f
	mtctr	r4
15:	dcbst	0, r3
	dcbst	r8, r3
	dcbst	r9, r3
	dcbst	r10, r3
	addi	r3, r3, 4 * LINE
	bdnz	15b
16:	cmpwi	r11, 0
	beq	18f
	mr	r1, r6
	lwz	r3, SEGE_MEM(r6)
	lwz	r4, SEGE_MEMSZ(r6)
	add	r4, r4, r3		# r4: the end, as the copy would leave it
	li	r0, 0
	li	r2, 0
17:	lmw	r16, 0(r3)
	fold16
	addi	r3, r3, 64
	cmpw	r3, r4
	bne	17b
	bl	segment_end
18:	addi	r6, r6, SEGE_SIZE
	addi	r5, r5, -1
	cmpwi	r5, 0
	bne	14b
	cmpwi	r11, 0
	beq	copied
checked:
	address_of r22, msg_checked
	bl	say

copied:
	bl	park_cores
	bl	smp_fixups
	# Every dcbst must reach memory before instruction fetch may look:
	# msync (sync) orders and completes them.
	sync
	bl	icache_invalidate

	address_of r22, msg_jumping
	bl	say
	bl	unmap_devices
	bl	plan_address
	mr	r3, r16
	b	preamble		# r3 = plan; the preamble jumps

# plan_address: r16 = the plan's address (we run 1:1). Uses r17.
plan_address:
	mflr	r17
	bcl	20, 31, 20f
20:	mflr	r16
	mtlr	r17
	addis	r16, r16, (cp_plan - 20b)@ha
	addi	r16, r16, (cp_plan - 20b)@l
	blr

# segment_begin: r4 = a destination. r1 = the plan entry of the segment
# that starts there (0: none, or PLAN_VERIFY is clear), r0 = r2 = 0.
# Uses r16..r20 and ctr.
segment_begin:
	mflr	r20
	li	r1, 0
	li	r0, 0
	li	r2, 0
	bl	plan_address
	mtlr	r20
	lwz	r17, PLAN_FLAGS(r16)
	andi.	r17, r17, PLAN_VERIFY
	beqlr
	lwz	r17, PLAN_NSEG(r16)
	lwz	r18, PLAN_SEG(r16)
	add	r18, r18, r16
	cmpwi	r17, 0
	beqlr
	mtctr	r17
21:	lwz	r19, SEGE_MEM(r18)
	cmpw	r19, r4
	beq	22f
	addi	r18, r18, SEGE_SIZE
	bdnz	21b
	blr
22:	mr	r1, r18
	blr

# segment_end: r1 = the segment checked (0: nothing to do), r4 = where
# its bytes ended, r0/r2 = its sums. Marks it SEEN, or stops. Uses r16,
# r17.
segment_end:
	cmpwi	r1, 0
	beqlr
	lwz	r16, SEGE_MEM(r1)
	lwz	r17, SEGE_MEMSZ(r1)
	add	r16, r16, r17
	cmpw	r16, r4			# every page of it came
	bne	23f
	lwz	r16, SEGE_S1(r1)
	cmpw	r16, r0
	bne	23f
	lwz	r16, SEGE_S2(r1)
	cmpw	r16, r2
	bne	23f
	li	r16, 1
	stw	r16, SEGE_SEEN(r1)
	li	r1, 0
	blr
23:	lwz	r3, SEGE_MEM(r1)	# r3: its address
	mr	r5, r0			# r5: the s1 its memory gave

# verify_stop: a segment is not what the plan says. The destination is
# never entered: stop here, MSR[EE] = 0, translation 1:1, with r3 = the
# segment's address, r4 = where its copy ended (0: the list never copied
# it), r5 = the s1 found. A debugger reads them; nothing else will.
verify_stop:
	mr	r25, r3
	address_of r22, msg_segment
	bl	say
	mr	r22, r25
	bl	say_hex
	address_of r22, msg_differs
	bl	say
	mr	r3, r25
30:	b	30b

# bad_plan: the plan is not of the layout this trampoline reads (its magic
# differs). Nothing in it can be trusted, not even the UART: stop here,
# external interrupts off, running in address space 1 through the entry we
# were entered with, r20 = the magic found.
bad_plan:
	b	bad_plan

# --- the trail on the plan's debug-uart ----------------------------------
# Short lines at each stage, for a handoff that hangs: nothing when the
# plan names no UART. The ns16550 is used as the firmware or old kernel
# left it; the plan's first TLB entry maps it (cache-inhibited, guarded:
# accesses happen in order, each once) from the moment the 1:1 mappings
# are written, and it is removed before the jump.

# uart_putc: r21 to the UART. Uses r16..r20.
uart_putc:
	mflr	r20
	bl	plan_address		# r16 = plan
	mtlr	r20
	lwz	r17, PLAN_UART_TYPE(r16)
	cmpwi	r17, 0
	beqlr
	lwz	r18, PLAN_UART_ADDR(r16)
	lwz	r17, PLAN_UART_SHIFT(r16)
	li	r19, 5			# LSR at 5 << reg-shift
	slw	r19, r19, r17
	add	r19, r19, r18
	lwz	r17, PLAN_UART_WIDTH(r16)
	cmpwi	r17, 4
	beq	25f
24:	lbz	r20, 0(r19)		# wait for THRE (LSR bit 5)
	andi.	r20, r20, 0x20
	beq	24b
	stb	r21, 0(r18)		# THR
	blr
25:	lwz	r20, 0(r19)
	andi.	r20, r20, 0x20
	beq	25b
	stw	r21, 0(r18)
	blr

# say: the NUL-terminated string at r22. Uses r16..r23.
say:
	mflr	r23
26:	lbz	r21, 0(r22)
	cmpwi	r21, 0
	beq	27f
	addi	r22, r22, 1
	bl	uart_putc
	b	26b
27:	mtlr	r23
	blr

# say_hex: r22 in 8 hex digits. Uses r16..r24.
say_hex:
	mflr	r23
	li	r24, 28
28:	srw	r21, r22, r24
	andi.	r21, r21, 0xf
	cmpwi	r21, 10
	blt	29f
	addi	r21, r21, 'a' - '0' - 10
29:	addi	r21, r21, '0'
	bl	uart_putc
	addic.	r24, r24, -4
	bge	28b
	mtlr	r23
	blr

# unmap_devices: remove the PLAN_NDEV device entries at the start of the
# TLB table (found by their effective addresses, MAS6 = AS0, PID 0): the
# destination sees memory mapped 1:1 and nothing else. Uses r16..r20.
unmap_devices:
	mflr	r18
	bl	plan_address
	mtlr	r18
	lwz	r19, PLAN_NDEV(r16)
	lwz	r20, PLAN_TLB(r16)
	add	r20, r20, r16
	li	r17, 0
	mtspr	SPRN_MAS6, r17
	isync
1:	cmpwi	r19, 0
	beqlr
	lwz	r18, TLBE_MAS2(r20)
	rlwinm	r18, r18, 0, 0, 19	# the page's effective address
	tlbsx	0, r18
	mtspr	SPRN_MAS1, r17		# MAS0 names it: write it invalid
	isync
	tlbwe
	isync
	addi	r20, r20, TLBE_SIZE
	addi	r19, r19, -1
	b	1b

# smp_fixups: what the destination needs to find its CPUs (doc/design.md,
# "SMP"). The tree's boot_cpuid_phys gets this core's PIR: the kernel
# takes the boot CPU from it, and stops (BUG) when it runs elsewhere, as
# after a handoff from another core (reboot=s1). Each spin-table entry
# of a device (QEMU's) gets addr_l = 1, "spinning", which only a reset
# sets and the next kernel waits for; a write of 1 does not start the
# CPU. The store to the tree reaches memory with the dcbst and the sync
# that follow at copied; the device stores are cache-inhibited and
# guarded, in order, complete with that sync too. Uses r16..r20.
smp_fixups:
	mflr	r18
	bl	plan_address
	mtlr	r18
	lwz	r17, PLAN_BOOTCPU(r16)
	cmpwi	r17, 0
	beq	1f
	mfspr	r18, SPRN_PIR
	stw	r18, 0(r17)
	dcbst	0, r17
1:	lwz	r19, PLAN_NSPIN(r16)
	lwz	r20, PLAN_SPIN(r16)
	add	r20, r20, r16
	li	r18, 1
2:	cmpwi	r19, 0
	beqlr
	lwz	r17, 0(r20)
	stw	r18, 0(r17)
	addi	r20, r20, 4
	addi	r19, r19, -1
	b	2b

# --- cores other than ours ------------------------------------------------
# In list mode the old kernel sends every other core to cp_secondary_entry
# rather than leave it in its own memory, which the destination may
# overwrite, or reset it, which returns a core to the boot program's spin
# table if it has one (QEMU's never starts core 0 again, and its tree
# gives core 0 none). Such a core maps memory as we do, then waits
# here until the primary has put every segment in place and written the
# park page, and moves there for good. The park page is a segment of the
# plan (mkcodepage places it, the destination's tree reserves it and names
# its entries as the cores' cpu-release-addr): the codepage's own page is
# not kept once the destination runs.

	.equ	PARK_WAIT, 0x1000000	# rounds park_cores waits for the cores

# secondary: running 1:1 like the primary, in AS0, MSR = 0. Never returns.
secondary:
	bl	unmap_devices		# the destination sees memory and nothing else
	bl	plan_address		# r16 = plan
	lwz	r17, PLAN_PARK_CODE(r16)
	cmpwi	r17, 0
	beq	doze			# no park page
	addi	r18, r16, PLAN_PARK_GO
	# Wait for the primary: dcbf drops any copy of the flag our cache
	# holds (memory is coherent, M = 1, but what the old kernel left in
	# this core's cache need not be), sync completes it before the load.
1:	dcbf	0, r18
	sync
	lwz	r19, 0(r18)
	cmpwi	r19, 0
	beq	1b
	# our entry: the tree's CPU whose reg is our PIR
	mfspr	r19, SPRN_PIR
	lwz	r20, PLAN_NCPU(r16)
	lwz	r21, PLAN_CPUS(r16)
	add	r21, r21, r16
2:	cmpwi	r20, 0
	beq	doze			# not in the tree: nothing starts us
	lwz	r22, CPUE_ID(r21)
	cmpw	r22, r19
	beq	3f
	addi	r21, r21, CPUE_SIZE
	addi	r20, r20, -1
	b	2b
3:	lwz	r3, CPUE_ENTRY(r21)
	# This core's L1 instruction cache may still hold what the old kernel
	# ran where the park page now is: the primary's invalidation was its
	# own.
	bl	icache_invalidate
	mtctr	r17
	bctr				# park_code, r3 = our entry

# doze: a core nothing will start again leaves memory alone for good,
# rather than run from this page, which the destination may overwrite:
# MSR[WE] with HID0[DOZE] stops it until an interrupt, and every one is
# off (e500 RM, power management).
	.equ	SPRN_HID0, 1008
	.equ	HID0_DOZE, 0x0080	# (upper half)
	.equ	MSR_WE, 0x0004		# (upper half)
doze:
	mfspr	r5, SPRN_HID0
	oris	r5, r5, HID0_DOZE
	mtspr	SPRN_HID0, r5
	isync
	lis	r5, MSR_WE
	sync
	mtmsr	r5
	isync
	b	doze

# icache_invalidate: flash-invalidate this core's whole L1 instruction
# cache (and clear its locks), which is cheaper than icbi per line of
# every segment and cannot miss one, but is the core's own; the bit clears
# itself when done (e500 RM, L1CSR1). isync discards anything already
# fetched. Uses r5.
icache_invalidate:
	mfspr	r5, SPRN_L1CSR1
	ori	r5, r5, L1CSR1_ICFI_ICLFR
	mtspr	SPRN_L1CSR1, r5
1:	mfspr	r5, SPRN_L1CSR1
	andi.	r5, r5, L1CSR1_ICFI
	bne	1b
	isync
	blr

# park_cores: when the plan has a park page (PLAN_PARK_CODE), copy
# park_code there, in memory before any core looks; the page came with
# each CPU's spin-table entry, "spinning" (addr_l = 1) with its PIR
# (park.c). When the old kernel sent cores to cp_secondary_entry (PLAN_NSENT,
# its r6), then let them go (PLAN_PARK_GO) and wait until each has
# acknowledged from its entry (at most PARK_WAIT rounds: a core that hung
# on its way must not hold the handoff); the tree's cpu-release-addr of
# each core that came then points at its entry (those mkcodepage added
# do already). The destination may then overwrite this codepage. Uses
# r3..r12, r16..r25.
park_cores:
	mflr	r12
	bl	plan_address		# r16 = plan
	lwz	r3, PLAN_PARK_CODE(r16)
	cmpwi	r3, 0
	beq	9f
	address_of r4, park_code
	li	r5, (park_code_end - park_code) / 4
	mtctr	r5
1:	lwz	r6, 0(r4)
	stw	r6, 0(r3)
	dcbst	0, r3			# to memory: instruction fetch reads it
	addi	r4, r4, 4
	addi	r3, r3, 4
	bdnz	1b
	sync
	lwz	r20, PLAN_NSENT(r16)
	cmpwi	r20, 0
	beq	9f			# placed, or no core was sent to us
	lwz	r7, PLAN_NCPU(r16)	# r7: CPUs, r8: their table
	lwz	r8, PLAN_CPUS(r16)
	add	r8, r8, r16
	li	r6, 1
	stw	r6, PLAN_PARK_GO(r16)
	addi	r3, r16, PLAN_PARK_GO
	dcbst	0, r3
	sync
	lis	r11, PARK_WAIT@h
	ori	r11, r11, PARK_WAIT@l
4:	bl	parked			# r5 = the cores that acknowledged
	cmpw	r5, r20
	beq	5f
	addic.	r11, r11, -1
	bne	4b
5:	li	r11, 0			# once more, pointing the tree at them
	bl	parked
	mr	r25, r5
	address_of r22, msg_parked
	bl	say
	mr	r22, r25
	bl	say_hex
	address_of r22, msg_eol
	bl	say
9:	mtlr	r12
	blr

# parked: r5 = how many cores other than ours acknowledged from their
# entry; with r11 = 0, also point the tree's cpu-release-addr of each
# (8 bytes, big-endian, so addr_h = 0) at its entry. r7, r8 as park_cores
# sets them. Uses r3, r4, r6, r9, r10, r17..r19.
parked:
	li	r5, 0
	mfspr	r17, SPRN_PIR
	mr	r9, r7
	mr	r10, r8
1:	cmpwi	r9, 0
	beqlr
	lwz	r4, CPUE_ID(r10)
	cmpw	r4, r17
	beq	2f
	lwz	r3, CPUE_ENTRY(r10)
	dcbf	0, r3			# read what the core wrote, not our copy
	sync
	lwz	r6, SPIN_ACK(r3)
	cmpwi	r6, 0
	beq	2f
	addi	r5, r5, 1
	cmpwi	r11, 0
	bne	2f
	lwz	r18, CPUE_RELEASE(r10)
	cmpwi	r18, 0
	beq	2f
	li	r19, 0
	stw	r19, 0(r18)
	stw	r3, 4(r18)
	dcbst	0, r18			# 8 bytes at a 4-byte boundary: may
	addi	r19, r18, 4		# span two lines
	dcbst	0, r19
2:	addi	r10, r10, CPUE_SIZE
	addi	r9, r9, -1
	b	1b

# park_code: copied to the park page and run there by each secondary, r3 =
# its spin-table entry (ePAPR's layout, then SPIN_ACK). It acknowledges,
# waits for an even address in its entry (the destination's release), and
# enters it as an ePAPR boot program releases a CPU (QEMU's spin table
# does the same): r3 = the entry's r3, r4 = r5 = r6 = r8 = r9 = 0, r7 =
# the IMA's size, 64 MiB; MSR = 0, memory mapped 1:1 (the plan's TLB1
# entries: every memory range, so the IMA too). An address above 4 GiB
# cannot be entered through that map: the core then keeps waiting. It is
# copied: nothing here may reach outside park_code..park_code_end.
	.balign	4
park_code:
	li	r4, 1
	stw	r4, SPIN_ACK(r3)
	dcbst	0, r3
	sync
1:	dcbf	0, r3			# the destination writes from another core
	sync
	lwz	r4, SPIN_ADDR_L(r3)
	andi.	r5, r4, 1
	bne	1b
	lwz	r5, SPIN_ADDR_H(r3)
	cmpwi	r5, 0
	bne	1b
	mtctr	r4
	lwz	r3, SPIN_R3_L(r3)
	li	r4, 0
	li	r5, 0
	li	r6, 0
	lis	r7, 0x0400		# 64 MiB
	li	r8, 0
	li	r9, 0
	bctr
park_code_end:

msg_parked:	.asciz	"mkcodepage: cores parked: "
msg_eol:	.asciz	"\r\n"
msg_entered:	.asciz	"mkcodepage: entered, memory mapped\r\n"
	.include "trail.inc"
	.balign	4
