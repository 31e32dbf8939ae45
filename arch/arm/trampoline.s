@ SPDX-License-Identifier: MIT
@
@ trampoline.s - the fixed arm (32-bit, ARMv7-A) codepage. Everything
@ that differs between destinations is in the plan (plan.inc), found
@ PC-relatively.
@
@ Entries, in ARM state, in SVC or HYP mode (the mode is kept: a kernel
@ booted in HYP must be entered in HYP, or it loses KVM):
@   cp_entry       placed: every segment is in place. As Linux's
@                  relocate_new_kernel enters image->start (MMU and
@                  caches off, r0 = 0, r1 = machine type, r2 = the tree),
@                  or as a bootloader's go does (U-Boot: MMU and data
@                  cache on, over an identity map). Registers are not read.
@   cp_list_entry  list: r0 = the head of a Linux kexec indirection list
@                  as the kernel keeps it (image->head: first list page |
@                  IND_INDIRECTION, or IND_DONE; 32-bit entries, IND_*
@                  flags, 4 KiB pages), r1 = our physical address (the
@                  control page; unused), r2 = start: this entry's address
@                  in segment 0 as the kernel placed it, whose pages past
@                  the code hold the identity map's tables; MMU off, as
@                  relocate_new_kernel runs.
@ Either way the code runs where it is fetched: physical, or an identity
@ map, so turning the MMU off changes no address.
@
@ First the MMU and caches go off. Entered with the data cache on (a
@ bootloader's go), what the entrant wrote through it is cleaned to the
@ point of coherency by set/way before SCTLR.C (HSCTLR.C in HYP) is
@ cleared, and once more after, for the lines speculation allocated in
@ between, as the ARMv7-A Architecture Reference Manual (B2.2, B4.1.130)
@ and Linux's __soft_restart do it. Entered with it off, it is taken to
@ hold no line of memory the codepage reads or writes: Linux's
@ soft_restart empties it so (a flush after cpu_proc_fin), the blob's
@ mover does (set/way invalidate), and a reset leaves it so. Then the
@ instruction cache, branch predictor and TLBs are invalidated. Set/way
@ operations reach every level CLIDR lists, not an outer cache such as a
@ PL310, which the entrant must have cleaned and disabled (Linux does,
@ outer_disable; U-Boot's bootz does, v7_outer_cache_disable).
@
@ When there is something to copy (list mode) or to read (PLAN_VERIFY),
@ the MMU and caches then go on again over an identity map the codepage
@ writes past its code in segment 0 (map_memory: memory cached, the rest
@ Strongly-ordered, so a list page outside memory is still reached):
@ an uncached copy on a Cortex-A is an order of magnitude slower. The
@ list copy keeps off those pages. Before the jump map_off turns them off
@ again and cleans every copied line to memory.
@
@ With PLAN_VERIFY, every segment's memory is checked against the block
@ sum the plan holds (gen/checksum.h, 4-byte words) before the jump: in
@ list mode while its pages are copied (one add per word the copy holds in
@ a register, one per 64 bytes), in placed mode in one pass. A difference,
@ or a segment the list never copied whole, ends in verify_stop, never at
@ the destination.
@
@ Registers: sp the plan (no stack is used), r11 list head (0: placed;
@ in list mode, once the walk starts, the base of the map's tables),
@ r10 PLAN_VERIFY, r9 the segment being checked (its plan entry, 0 none),
@ r6/r7 its running s1/s2, r12 segments verified (a bit per index), r8
@ the list cursor, r4/r5 the source and destination.

	.arch	armv7-a
	.syntax	unified
	.arm

	.include "plan.inc"
	.include "kexec-list.inc"
	.include "pcrel.inc"
	.include "setway.inc"

	.equ	PAGE, 4096
	.equ	MODE_MASK, 0x1f
	.equ	MODE_HYP, 0x1a
	.equ	SCTLR_M, 1 << 0
	.equ	SCTLR_A, 1 << 1
	.equ	SCTLR_C, 1 << 2
	.equ	SCTLR_Z, 1 << 11
	.equ	SCTLR_I, 1 << 12
	.equ	SCTLR_TRE, 1 << 28
	.equ	SCTLR_AFE, 1 << 29
	@ the identity map's tables (map_memory): 16 KiB-aligned, 20 KiB
	.equ	MAP_ALIGN, 0x4000
	.equ	MAP_AREA, 0x5000
	.equ	MAP_SCRATCH, 0x4800		@ a few words of ours in it
	@ short descriptors (SVC), 1 MiB sections, domain 0, AP = 0b11:
	@ Strongly-ordered and never executed (but where our code is), or
	@ Normal write-back write-allocate (TEX 0b001, C, B). Non-shareable:
	@ one CPU runs, and a Cortex-A9 whose ACTLR.SMP the entrant cleared
	@ would not cache shareable memory; set/way reaches every level.
	.equ	SECT_DEVICE, 0x00c12
	.equ	SECT_XN, 0x10
	.equ	SECT_NORMAL, 0x01c0e
	@ long descriptors (HYP), 2 MiB blocks, AF, AP[1] (RES1 at PL2):
	@ HMAIR0 attribute 0 (Strongly-ordered) and XN, or attribute 1
	@ (Normal write-back), non-shareable as above; first-level table
	@ entries
	.equ	BLOCK_DEVICE, 0x441
	.equ	BLOCK_XN_HIGH, 1 << 22		@ XN, bit 54, in the high word
	.equ	BLOCK_NORMAL, 0x445
	.equ	TABLE_DESC, 0x3

	.if	SEGE_SIZE != 16
	.error	"segment_end divides by SEGE_SIZE with a shift of 4"
	.endif

	@ in_hyp RT: Z set when in HYP mode. Uses RT.
	.macro	in_hyp rt
	mrs	\rt, cpsr
	and	\rt, \rt, #MODE_MASK
	cmp	\rt, #MODE_HYP
	.endm

	@ ctl_read RD, RT / ctl_write RD, RT: the system control register
	@ of our mode, SCTLR (PL1) or HSCTLR (HYP). Use RT.
	.macro	ctl_read rd, rt
	in_hyp	\rt
	mrceq	p15, 4, \rd, c1, c0, 0
	mrcne	p15, 0, \rd, c1, c0, 0
	.endm
	.macro	ctl_write rd, rt
	in_hyp	\rt
	mcreq	p15, 4, \rd, c1, c0, 0
	mcrne	p15, 0, \rd, c1, c0, 0
	isb
	.endm

	@ all_off: the MMU, data and instruction caches off in our mode
	@ (alignment checks too). Uses r0, r1.
	.macro	all_off
	ctl_read r0, r1
	bic	r0, r0, #SCTLR_M | SCTLR_A | SCTLR_C
	bic	r0, r0, #SCTLR_I
	ctl_write r0, r1
	.endm

	@ fetch_clean: no stale line, prediction or translation left for
	@ instruction fetch and the MMU: ICIALLU, BPIALL, the TLBs of our
	@ mode (B2.2.9). Uses r0, r1.
	.macro	fetch_clean
	mov	r0, #0
	mcr	p15, 0, r0, c7, c5, 0	@ ICIALLU
	mcr	p15, 0, r0, c7, c5, 6	@ BPIALL
	in_hyp	r1
	mcreq	p15, 4, r0, c8, c7, 0	@ TLBIALLH
	mcrne	p15, 0, r0, c8, c7, 0	@ TLBIALL
	dsb
	isb
	.endm

	@ dcache_sw_flush: clean and invalidate every data or unified cache
	@ level up to the point of coherency by set/way (DCCISW), as Linux's
	@ v7_flush_dcache_all (setway.inc). Uses r0-r8.
	.macro	dcache_sw_flush
	dcache_set_way c14
	.endm

	@ copy64 / sum64: 64 bytes from r4 to r5, both advancing; sum64 also
	@ adds each word to r6, then r6 to r7 (the block sum). copy64 uses
	@ r0-r3, r6, r7, r9 and r10; sum64 r0-r3.
	.macro	copy64
	.rept	2
	ldmia	r4!, {r0-r3, r6, r7, r9, r10}
	stmia	r5!, {r0-r3, r6, r7, r9, r10}
	.endr
	.endm
	.macro	add4 a=r0, b=r1, c=r2, d=r3
	add	r6, r6, \a
	add	r6, r6, \b
	add	r6, r6, \c
	add	r6, r6, \d
	.endm
	.macro	sum64
	.rept	4
	ldmia	r4!, {r0-r3}
	add4
	stmia	r5!, {r0-r3}
	.endr
	add	r7, r7, r6
	.endm

	.section .text.entry, "ax"
	.globl	cp_entry
	.globl	cp_list_entry
cp_entry:
	mov	r11, #0			@ placed
	b	2f
cp_list_entry:
	mov	r11, r0			@ segment 0 where the kernel put it (r2 =
	sub	r10, r2, #cp_list_entry - cp_entry	@ start, this entry
	b	1f			@ there); we may run from a copy
2:	pcrel	r10, cp_entry		@ placed: we run in segment 0
1:	cpsid	aif			@ no IRQ, FIQ or asynchronous abort
	bl	caches_off
	pcrel	r3, cp_plan
	mov	sp, r3
	@ A plan of another layout (a trampoline and a plan from different
	@ versions of mkcodepage) is never followed: stop in bad_plan.
	ldr	r0, [sp, #PLAN_MAGIC]
	movw	r1, #:lower16:PLAN_MAGIC_VALUE
	movt	r1, #:upper16:PLAN_MAGIC_VALUE
	cmp	r0, r1
	bne	bad_plan
	mov	r8, r10			@ segment 0, for map_memory
	ldr	r10, [sp, #PLAN_FLAGS]
	and	r10, r10, #PLAN_VERIFY
	mov	r9, #0
	mov	r12, #0
	adrl	r4, msg_entered
	bl	say
	orrs	r0, r11, r10		@ something to copy or to read: through
	blne	map_memory		@ the identity map, cached
	cmp	r11, #0
	beq	placed

	mov	r3, r11			@ the head entry, as Linux's image->head
	mov	r11, r8			@ r11 from now: the tables' pages
	mov	r5, #0			@ destination
	b	dispatch		@ r8, the cursor, is set by the head
walk:
	ldr	r3, [r8], #4
dispatch:
	tst	r3, #IND_DONE
	bne	done
	lsr	r4, r3, #12
	lsl	r4, r4, #12		@ the page address in the entry
	tst	r3, #IND_DESTINATION
	beq	2f
	bl	segment_end		@ the copy moves on: check what it made
	mov	r5, r4
	bl	segment_begin
	b	walk
2:	tst	r3, #IND_INDIRECTION
	movne	r8, r4
	bne	walk
	tst	r3, #IND_SOURCE
	beq	walk
	sub	r0, r5, r11		@ a page of the live tables (zeros past
	cmp	r0, #MAP_AREA		@ our code in segment 0): not copied
	addlo	r5, r5, #PAGE
	blo	walk
	cmp	r9, #0
	bne	4f
3:	copy64				@ a page, 64 bytes per iteration,
	tst	r4, #0xfc0		@ through eight registers: the sums'
	bne	3b			@ (none kept with r9 0) and r9, r10,
	mov	r9, #0			@ set again after it
	ldr	r10, [sp, #PLAN_FLAGS]
	and	r10, r10, #PLAN_VERIFY
	b	walk
4:	sum64				@ the same, summing the words
	tst	r4, #0xfc0
	bne	4b
	b	walk

done:
	bl	segment_end
	cmp	r10, #0
	beq	copied
	@ every segment of the plan copied and checked: r12 = 2^nseg - 1
	ldr	r0, [sp, #PLAN_NSEG]
	mov	r1, #1
	lsl	r1, r1, r0
	sub	r1, r1, #1
	cmp	r12, r1
	beq	checked
	mvn	r0, #0			@ r0: no one segment; r1 = 0: not copied
	mov	r1, #0
	mov	r2, r12			@ r2: the segments that were
	b	verify_stop

@ placed mode: each segment's sums, in one pass over its memory
placed:
	cmp	r10, #0
	beq	copied
	add	r8, r8, #MAP_SCRATCH	@ r8: words of ours past the tables
	ldr	r11, [sp, #PLAN_NSEG]	@ r11: segments left, r9: the next one
	ldr	r9, [sp, #PLAN_SEG]
	add	r9, r9, sp
6:	cmp	r11, #0
	beq	checked
	ldr	r4, [r9, #SEGE_MEM]
	ldr	r5, [r9, #SEGE_MEMSZ]
	add	r5, r5, r4		@ the end, as the copy would leave it
	mov	r6, #0
	mov	r7, #0
	stmia	r8, {r9, r11, r12}	@ the loop reads through eight registers
7:	.rept	2			@ 128 bytes (two blocks) per iteration:
	.rept	2			@ memsz is whole pages
	ldmia	r4!, {r0-r3, r9-r12}
	add4
	add4	r9, r10, r11, r12
	.endr
	add	r7, r7, r6
	.endr
	cmp	r4, r5
	bne	7b
	ldmia	r8, {r9, r11, r12}
	mov	r10, #PLAN_VERIFY	@ (it is, on this path)
	add	r3, r9, #SEGE_SIZE
	bl	segment_end
	mov	r9, r3
	sub	r11, r11, #1
	b	6b

checked:
	cmp	r10, #0
	beq	copied
	adrl	r4, msg_checked
	bl	say

copied:
	@ Through the map, the copies went into the data cache: map_off
	@ turns the MMU and caches off and cleans them to memory. Either
	@ way no line of them is left in the data cache, and only
	@ instruction fetch may still hold stale lines or predictions for
	@ the copied code, and the map's translations the TLBs (fetch_clean:
	@ B2.2.9, ICIALLU and BPIALL, then DSB and ISB).
	ctl_read r0, r1
	tst	r0, #SCTLR_M
	blne	map_off
	fetch_clean
	adrl	r4, msg_jumping
	bl	say
	mov	r0, sp
	b	preamble		@ r0 = plan

@ caches_off: MMU, data and instruction caches off in our mode, what the
@ entrant left in the data cache cleaned to memory and invalidated, the
@ instruction cache, branch predictor and TLBs invalidated (see the top).
@ Uses r0-r8, r12.
caches_off:
	mov	r12, lr
	ctl_read r0, r1
	tst	r0, #SCTLR_C
	beq	1f			@ off: the entrant emptied it (see the top)
	dcache_sw_flush			@ what was written through the cache
	all_off
	dcache_sw_flush			@ what speculation allocated meanwhile
	b	2f
1:	all_off
2:	fetch_clean
	bx	r12

@ map_off: our map's MMU and caches off, then every line of the data
@ cache cleaned to memory and invalidated, in one pass: with SCTLR.C clear
@ no line is allocated any more and nothing is stored before the pass, so
@ it writes back every copy the map left dirty and drops every line it
@ read (the destination may write memory under them uncached) before
@ anything is read uncached. Our code is fetched from memory meanwhile:
@ the map never wrote it. The caller invalidates what instruction fetch
@ and the TLBs hold (fetch_clean). Uses r0-r8, r12.
map_off:
	mov	r12, lr
	all_off
	dcache_sw_flush
	bx	r12

@ map_memory: an identity map of the 4 GiB (backend.c, map_memory: the
@ plan's ranges Normal and cached, the rest Strongly-ordered) written
@ past our code in segment 0 with the MMU off, straight to memory (the
@ data cache holds no line of it: caches_off cleaned and invalidated them
@ all), and the MMU, data and instruction caches turned on with it: an
@ uncached copy on a Cortex-A is an order of magnitude slower. SVC takes
@ short descriptors, which every ARMv7-A has (a Cortex-A9 has no LPAE);
@ HYP only has long ones (B3.6), the virtualization extensions bring
@ them. Walks are non-cacheable: they read the tables where they were
@ written. SCTLR.TRE and AFE, which Linux sets, are cleared: the section
@ attributes mean what they say. Returns r8 = the tables' base, mapped or
@ not (none when the plan has no range). Uses r0-r7.
map_memory:
	pcrel	r0, __codepage_end	@ the tables: 16 KiB-aligned past our
	pcrel	r1, cp_entry		@ code in segment 0 (r8): its pages
	sub	r0, r0, r1		@ there are ours (a kernel never puts
	add	r8, r8, r0		@ a source page in a destination)
	movw	r0, #MAP_ALIGN - 1
	add	r8, r8, r0
	bic	r8, r8, r0
	ldr	r4, [sp, #PLAN_MAP_NRANGES]
	ldr	r5, [sp, #PLAN_MAP_RANGES]
	add	r5, r5, sp		@ r4/r5: the ranges to cache
	@ r2 (list mode) is trusted only as far as it puts the tables in a
	@ range of memory: else no map
	mov	r2, r4
	mov	r3, r5
	lsr	r0, r8, #20		@ the tables' first and last MiB
	add	r1, r8, #MAP_AREA
	sub	r1, r1, #1
	lsr	r1, r1, #20
8:	subs	r2, r2, #1
	bxmi	lr
	ldmia	r3!, {r6, r7}		@ [first, end)
	cmp	r6, r0
	cmpls	r1, r7
	bhs	8b
	in_hyp	r0
	beq	hyp_map
	movw	r2, #SECT_DEVICE	@ 4096 sections, Strongly-ordered
	mov	r1, #0
1:	orr	r3, r2, r1, lsl #20
	str	r3, [r8, r1, lsl #2]
	add	r1, r1, #1
	cmp	r1, #4096
	blo	1b
	movw	r2, #:lower16:SECT_NORMAL	@ then the ranges, Normal
	movt	r2, #:upper16:SECT_NORMAL
2:	ldmia	r5!, {r6, r7}		@ [first, end) sections
3:	orr	r3, r2, r6, lsl #20
	str	r3, [r8, r6, lsl #2]
	add	r6, r6, #1
	cmp	r6, r7
	blo	3b
	subs	r4, r4, #1
	bne	2b
	pcrel	r0, __codepage_start	@ our own code may lie outside them
	lsr	r0, r0, #20		@ (a block the firmware keeps a part
	ldr	r3, [r8, r0, lsl #2]	@ of): executable all the same
	bic	r3, r3, #SECT_XN
	str	r3, [r8, r0, lsl #2]
	dsb				@ the tables in memory before any walk
	mov	r0, #0
	mcr	p15, 0, r0, c2, c0, 2	@ TTBCR: short descriptors, TTBR0 only
	mcr	p15, 0, r8, c2, c0, 0	@ TTBR0, walks non-cacheable
	mov	r0, #1
	mcr	p15, 0, r0, c3, c0, 0	@ DACR: domain 0 a client
	mcr	p15, 0, r0, c8, c7, 0	@ TLBIALL: nothing the entrant left
	dsb
	isb
	mrc	p15, 0, r0, c1, c0, 0
	bic	r0, r0, #SCTLR_TRE | SCTLR_AFE
	bic	r0, r0, #SCTLR_A
	orr	r0, r0, #SCTLR_M | SCTLR_C
	orr	r0, r0, #SCTLR_I | SCTLR_Z
	mcr	p15, 0, r0, c1, c0, 0
	isb
	b	map_on

@ HYP: four second-level tables of 512 2 MiB blocks at r8, the first level
@ (four table entries) at r8 + 16 KiB, through HTTBR.
hyp_map:
	movw	r2, #BLOCK_DEVICE	@ 2048 blocks, Strongly-ordered
	mov	r7, #BLOCK_XN_HIGH
	mov	r1, #0
4:	orr	r3, r2, r1, lsl #21
	add	r0, r8, r1, lsl #3
	stmia	r0, {r3, r7}
	add	r1, r1, #1
	cmp	r1, #2048
	blo	4b
	movw	r2, #BLOCK_NORMAL	@ then the ranges, Normal
	mov	r7, #0
5:	ldmia	r5!, {r1, r6}		@ [first, end) in MiB: blocks of two
	lsr	r1, r1, #1
	lsr	r6, r6, #1
6:	orr	r3, r2, r1, lsl #21
	add	r0, r8, r1, lsl #3
	stmia	r0, {r3, r7}
	add	r1, r1, #1
	cmp	r1, r6
	blo	6b
	subs	r4, r4, #1
	bne	5b
	pcrel	r0, __codepage_start	@ our own code executable, as above
	lsr	r0, r0, #21
	add	r0, r8, r0, lsl #3
	str	r7, [r0, #4]		@ (the high word, XN, cleared)
	add	r0, r8, #MAP_ALIGN	@ the first level: the four tables
	orr	r3, r8, #TABLE_DESC
	mov	r1, #4
7:	stmia	r0!, {r3, r7}
	add	r3, r3, #PAGE
	subs	r1, r1, #1
	bne	7b
	dsb				@ the tables in memory before any walk
	mov	r0, #0xff00		@ HMAIR0: 0 Strongly-ordered, 1 Normal
	mcr	p15, 4, r0, c10, c2, 0	@ write-back read/write-allocate
	mov	r0, #0x80000000		@ HTCR: RES1 bits 31 and 23, T0SZ 0,
	orr	r0, r0, #0x00800000	@ walks non-cacheable
	mcr	p15, 4, r0, c2, c0, 2
	add	r0, r8, #MAP_ALIGN
	mov	r1, #0
	mcrr	p15, 4, r0, r1, c2	@ HTTBR
	isb
	mcr	p15, 4, r0, c8, c7, 0	@ TLBIALLH
	dsb
	isb
	mrc	p15, 4, r0, c1, c0, 0
	bic	r0, r0, #SCTLR_A
	orr	r0, r0, #SCTLR_M | SCTLR_C
	orr	r0, r0, #SCTLR_I
	mcr	p15, 4, r0, c1, c0, 0
	isb
map_on:
	adrl	r4, msg_caches		@ (say: r4, r7 are spent by now)
	mov	r6, lr
	bl	say
	bx	r6

@ segment_begin: r5 = a destination. r9 = its plan entry (0 when no
@ segment of the plan starts there, or r10 = 0), the sums started.
@ Uses r0-r2.
segment_begin:
	mov	r9, #0
	mov	r6, #0
	mov	r7, #0
	cmp	r10, #0
	bxeq	lr
	ldr	r0, [sp, #PLAN_NSEG]
	ldr	r1, [sp, #PLAN_SEG]
	add	r1, r1, sp
8:	subs	r0, r0, #1
	bxmi	lr
	ldr	r2, [r1, #SEGE_MEM]
	cmp	r2, r5
	moveq	r9, r1
	bxeq	lr
	add	r1, r1, #SEGE_SIZE
	b	8b

@ segment_end: r9 = the segment checked (0: nothing to do), r5 = where its
@ bytes ended, r6/r7 = its sums. Marks it in r12, or stops. Uses r0-r2.
segment_end:
	cmp	r9, #0
	bxeq	lr
	ldr	r0, [sp, #PLAN_SEG]
	add	r0, r0, sp
	sub	r0, r9, r0
	lsr	r0, r0, #4		@ its index (SEGE_SIZE is 16)
	ldr	r1, [r9, #SEGE_MEM]
	ldr	r2, [r9, #SEGE_MEMSZ]
	add	r2, r2, r1
	cmp	r2, r5			@ every page of it came
	bne	9f
	ldr	r2, [r9, #SEGE_S1]
	cmp	r2, r6
	bne	9f
	ldr	r2, [r9, #SEGE_S2]
	cmp	r2, r7
	bne	9f
	mov	r2, #1
	orr	r12, r12, r2, lsl r0
	mov	r9, #0
	bx	lr
9:	mov	r2, r6			@ r0: its index, r1: its address, r2: s1
	b	verify_stop

@ verify_stop: a segment is not what the plan says. The destination is
@ never entered: stop here, interrupts masked, on the identity map (if
@ map_memory made it: addresses are physical either way), with r0 = the
@ segment's index in the plan (-1: the list left some uncopied, r2 = the
@ mask of those it copied), r1 = its address, r2 = the s1 found. A
@ debugger reads them; nothing else will.
verify_stop:
	mov	r9, r0
	mov	r10, r1
	mov	r11, r2
	adrl	r4, msg_segment
	bl	say
	mov	r5, r10
	bl	say_hex
	adrl	r4, msg_differs
	bl	say
	mov	r0, r9
	mov	r1, r10
	mov	r2, r11
10:	wfi
	b	10b

@ bad_plan: the plan is not of the layout this trampoline reads (its magic
@ differs). Nothing in it can be trusted, not even the UART: stop here,
@ interrupts masked, MMU off, r0 = the magic found.
bad_plan:
	wfi
	b	bad_plan

@ --- the trail on the plan's debug-uart ----------------------------------
@ Short lines at each stage, for a handoff that hangs: nothing when the
@ plan names no UART. The UART is used as the firmware or old kernel left
@ it (baud rate, FIFO); with the MMU off or on our map its registers are
@ Strongly-ordered.

@ uart_putc: r0 to the UART. Uses r0-r3.
uart_putc:
	ldr	r1, [sp, #PLAN_UART_TYPE]
	cmp	r1, #0
	bxeq	lr
	ldr	r2, [sp, #PLAN_UART_ADDR]
	cmp	r1, #UART_PL011
	bne	2f
1:	ldr	r1, [r2, #0x18]		@ FR: wait while TXFF
	tst	r1, #0x20
	bne	1b
	str	r0, [r2]		@ DR
	bx	lr
2:	ldr	r1, [sp, #PLAN_UART_SHIFT]
	mov	r3, #5			@ LSR at 5 << reg-shift
	lsl	r3, r3, r1
	add	r3, r3, r2
	ldr	r1, [sp, #PLAN_UART_WIDTH]
	cmp	r1, #4
	beq	4f
3:	ldrb	r1, [r3]		@ wait for THRE (LSR bit 5)
	tst	r1, #0x20
	beq	3b
	strb	r0, [r2]		@ THR
	bx	lr
4:	ldr	r1, [r3]
	tst	r1, #0x20
	beq	4b
	str	r0, [r2]
	bx	lr

@ say: the NUL-terminated string at r4. Uses r0-r4, r7.
say:
	mov	r7, lr
5:	ldrb	r0, [r4], #1
	cmp	r0, #0
	bxeq	r7
	bl	uart_putc
	b	5b

@ say_hex: r5 in 8 hex digits. Uses r0-r4, r7.
say_hex:
	mov	r7, lr
	mov	r4, #28
6:	lsr	r0, r5, r4
	and	r0, r0, #0xf
	cmp	r0, #10
	addge	r0, r0, #'a' - '0' - 10
	add	r0, r0, #'0'
	bl	uart_putc
	subs	r4, r4, #4
	bge	6b
	bx	r7

msg_entered:	.asciz	"mkcodepage: entered\r\n"
msg_caches:	.asciz	"mkcodepage: caches on\r\n"
	.include "trail.inc"
	.balign	4
