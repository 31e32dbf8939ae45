// SPDX-License-Identifier: MIT
//
// trampoline.s - the fixed arm64 codepage. Everything that differs between
// destinations is in the plan (plan.inc), found PC-relatively.
//
// Entries:
//   cp_entry       placed: every segment is already at its load address.
//   cp_list_entry  list: x0 = the head of a Linux kexec indirection list as
//                  the kernel keeps it (image->head: first list page |
//                  IND_INDIRECTION, or IND_DONE; native 64-bit entries,
//                  IND_* flags, 4 KiB pages), x2 = this entry's address in
//                  segment 0 (Linux's kimage->start); x1 is unused.
// Either at EL2 (with or without HCR_EL2.E2H) or EL1, in one of two states:
//   MMU off, as Linux's kexec path leaves the CPU: every access goes to
//     memory uncached, tens of times slower than through the cache. The
//     codepage turns the MMU and data cache on over an identity map of
//     memory (map_memory) for the copy and the verification, when there is
//     something to copy or read: placed and unverified, it has neither.
//     Where it cannot (no map, no 4 KiB granule, the list or a source page
//     outside memory), it copies with the MMU off and invalidates each
//     destination line (dc ivac) before writing it, as Linux's own MMU-off
//     relocation did: a stale dirty line could be written back over the
//     copy later. Placed segments are at the point of coherency already
//     (see placed:) and need no work per line.
//   MMU on over an identity map with caches on, as a bootloader's "go"
//     leaves it: its map serves.
// With the MMU on, each page copied is cleaned and invalidated to the
// point of coherency (dc civac), on the entrant's map the placed segments
// and this codepage likewise, and the MMU and data cache go off before
// the jump.
// With PLAN_VERIFY, every segment's memory is checked against the sums the
// plan holds (gen/checksum.h) before the jump: in list mode while its pages
// are copied (the sums fold the words the copy holds in registers), in
// placed mode in one pass after its cache maintenance. CRC32C where
// ID_AA64ISAR0_EL1 says the crc32c* instructions exist (one per 8 bytes),
// the block sum elsewhere. A difference, or a segment the list never
// copied whole, ends in verify_stop, never at the destination.
// Then the instruction cache is invalidated and the preamble runs with
// x0 = plan. The exception level is never changed (booting.rst: the kernel
// may be entered at EL2 or EL1).
//
// Registers: x16/x17 the live table area (list mode), x18 the MMU is on,
// x19 list head (0: placed), x20 how to verify (0 not, 1 block sum, 2
// CRC32C), x21 smallest D-cache line, x22 SCTLR as entered, x23 1 at EL2,
// x24 the MMU was on, x25 the segment being checked (its plan entry, 0 none),
// x26/x27 its running CRC or s1/s2, x28 segments verified (bit per
// index), x29 the index of x25's segment.

	.include "plan.inc"
	.include "kexec-list.inc"
	.arch	armv8-a+crc

	.equ	PAGE, 4096
	.equ	SCTLR_M, 1 << 0
	.equ	SCTLR_C, 1 << 2
	.equ	SCTLR_A, 1 << 1
	.equ	SCTLR_WXN, 1 << 19
	.equ	VERIFY_SUM, 1
	.equ	VERIFY_CRC, 2

	// page_lines OP: dc OP on each line of [x5, x6), whole pages, four
	// lines per iteration (a page holds a multiple of four). Advances x5.
	.macro	page_lines op
77:	.rept	4
	dc	\op, x5
	add	x5, x5, x21
	.endr
	cmp	x5, x6
	b.lo	77b
	.endm

	// seg_table N, T: N = how many segments the plan's table holds, T =
	// its address (x10 = cp_plan)
	.macro	seg_table n, t
	adr	x10, cp_plan
	ldr	\n, [x10, #PLAN_NSEG]
	ldr	\t, [x10, #PLAN_SEG]
	add	\t, \t, x10
	.endm

	.section .text.entry, "ax"
	.globl	cp_entry
	.globl	cp_list_entry
cp_entry:
	mov	x19, xzr		// x19: indirection list, 0 = placed
	adr	x16, __codepage_start	// x16: segment 0 (map_memory)
	b	1f
cp_list_entry:
	mov	x19, x0
	adr	x16, cp_list_entry	// x2: this entry's address in segment 0
	adr	x9, __codepage_start
	sub	x16, x16, x9
	sub	x16, x2, x16
1:	msr	daifset, #0xf		// no exception may be taken from here on
	// A plan of another layout (a trampoline and a plan from different
	// versions of mkcodepage) is never followed: stop in bad_plan.
	adr	x10, cp_plan
	ldr	w9, [x10, #PLAN_MAGIC]
	movz	w11, #(PLAN_MAGIC_VALUE & 0xffff)
	movk	w11, #(PLAN_MAGIC_VALUE >> 16), lsl #16
	cmp	w9, w11
	b.ne	bad_plan
	// x21: smallest data cache line (CTR_EL0.DminLine, log2 of words)
	mrs	x9, ctr_el0
	ubfx	x9, x9, #16, #4
	mov	x21, #4
	lsl	x21, x21, x9
	// x22: SCTLR of the current exception level; x23: 1 at EL2
	mrs	x9, CurrentEL
	ubfx	x23, x9, #2, #2
	cmp	x23, #2
	cset	x23, eq
	cbnz	x23, 2f
	mrs	x22, sctlr_el1
	b	3f
2:	mrs	x22, sctlr_el2
3:	and	x24, x22, #SCTLR_M		// x24: the MMU was on
	mov	x18, x24			// x18: the MMU is on
	// x20: how to verify. ID_AA64ISAR0_EL1.CRC32 (bits 19:16) nonzero:
	// crc32cx is implemented (Arm ARM, D19.2); the register is readable
	// at EL1 and above.
	adr	x10, cp_plan
	ldr	w9, [x10, #PLAN_FLAGS]
	and	x20, x9, #PLAN_VERIFY
	cbz	x20, 4f
	mrs	x9, id_aa64isar0_el1
	ubfx	x9, x9, #16, #4
	cbz	x9, 4f
	mov	x20, #VERIFY_CRC
4:	mov	x25, xzr
	mov	x28, xzr
	adr	x0, msg_entered
	bl	say
	mov	x17, xzr		// x16/x17: the live table area, none yet
	cbnz	x24, 5f			// entered with the MMU on: its map serves
	cbnz	x19, 6f
	cbz	x20, 5f			// placed, unverified: nothing to read
6:	bl	map_memory
5:	cbz	x19, placed

// --- list mode: walk the indirection list ------------------------------
	mov	x3, x19			// the head entry, as Linux's image->head
	mov	x2, xzr			// destination
	b	dispatch		// x1, the cursor, is set by the head
walk:
	ldr	x3, [x1], #8
dispatch:
	tbnz	x3, #IND_DONE_BIT, done
	and	x4, x3, #~(PAGE - 1)
	tbz	x3, #IND_DESTINATION_BIT, 5f
	bl	segment_end		// the copy moves on: check what it made
	mov	x2, x4
	bl	segment_begin
	b	walk
5:	tbz	x3, #IND_INDIRECTION_BIT, 6f
	mov	x1, x4
	b	walk
6:	tbz	x3, #IND_SOURCE_BIT, walk
	cmp	x2, x16			// a page of the live table area or
	ccmp	x2, x17, #2, hs		// past it in segment 0: its source
	b.lo	15f			// holds zeros, and the tables stay
	cbnz	x18, 8f
	add	x6, x2, #PAGE		// MMU off: invalidate the page first
	mov	x5, x2
	page_lines ivac
	dsb	sy			// done before the first store
8:	mov	x5, x2
	cbz	x25, 9f			// not a segment of the plan (this codepage)
	cmp	x20, #VERIFY_SUM
	b.eq	10f
	b.hi	11f
9:	bl	copy_page
	b	12f
10:	bl	copy_page_sum
	b	12f
11:	bl	copy_page_crc
12:	cbz	x18, walk
	mov	x6, x2			// MMU on: the copy, out to the PoC
	page_lines civac
	b	walk
15:	add	x2, x2, #PAGE
	b	walk

done:
	bl	segment_end
	cbz	x20, copied
	// every segment of the plan copied and checked: x28 = 2^nseg - 1
	adr	x10, cp_plan
	ldr	x11, [x10, #PLAN_NSEG]
	mov	x9, #1
	lsl	x9, x9, x11
	sub	x9, x9, #1
	cmp	x9, x28
	b.eq	checked
	mvn	x9, x28			// the first segment never copied
	rbit	x9, x9
	clz	x29, x9
	mov	x0, x29
	mov	x1, xzr
	mov	x2, xzr
	b	verify_stop

// --- placed mode: every segment's lines, then its sums -------------------
// MMU off: nothing to do per line. Whoever placed the segments left them at
// the point of coherency, as booting.rst asks of anyone who loads a kernel:
// Linux cleans and invalidates each page it relocates (>= 5.14, with the
// MMU on), invalidated before it copied with the MMU off (< 5.14), cleans
// the segments to the PoC when nothing moves (kexec_segment_flush), and a
// loader with its caches off wrote memory itself. With the MMU off we
// neither allocate nor hit a line, so there is nothing of ours to clean.
// On our own map (map_memory) we only read them through the cache: the
// lines that leaves are clean and hold what memory holds, which is all
// booting.rst asks (a kernel discards lines over what it writes with its
// MMU off, as Linux does, since speculation leaves such lines anyway).
// On the entrant's map its lines may be dirty: clean and invalidate them.
placed:				// x16: the segment table, x17: its length
	seg_table x17, x16
	mov	x29, xzr
14:	cmp	x29, x17
	b.eq	checked
	mov	x25, x16
	ldp	x5, x6, [x16], #SEGE_SIZE
	add	x6, x6, x5
	cbz	x24, 17f		// the entrant's MMU was off
	mov	x7, x5
16:	dc	civac, x7
	add	x7, x7, x21
	cmp	x7, x6
	b.lo	16b
	dsb	sy			// maintenance done before the reads
17:	cbz	x20, 18f
	bl	sum_range
	mov	x2, x6
	bl	segment_end
18:	add	x29, x29, #1
	b	14b

checked:			// the same, with x20 saying it verified
copied:
	cbz	x18, caches_done	// the MMU is off: nothing to clean
	cbz	x24, 20f		// our map: each page written is clean
	// The entrant's map: this codepage was written through the cache
	// too, and the preamble reads the plan with the cache off.
	adr	x5, __codepage_start
	adr	x6, __codepage_end
19:	dc	civac, x5
	add	x5, x5, x21
	cmp	x5, x6
	b.lo	19b
20:	bl	mmu_off

caches_done:
	cbz	x20, 21f
	adr	x0, msg_checked		// with the MMU off: the UART is in no
	bl	say			// map of ours
	// Every clean and invalidate complete, then no stale instruction
	// anywhere in this CPU's instruction cache.
21:	dsb	sy
	ic	iallu
	dsb	sy
	isb
	adr	x0, msg_jumping
	bl	say
	adr	x0, cp_plan
	b	preamble		// x0 = plan; the preamble jumps

// segment_begin: x2 = a destination. x25 = its plan entry and x29 its
// index (x25 = 0 when no segment starts there), the sums started.
segment_begin:
	mov	x25, xzr
	mov	x26, xzr
	mov	x27, xzr
	cmp	x20, #VERIFY_CRC
	b.ne	22f
	mvn	w26, w26		// CRC32C starts from ~0
22:	cbz	x20, 24f
	seg_table x11, x12
	mov	x29, xzr
23:	cmp	x29, x11
	b.eq	24f
	ldr	x9, [x12, #SEGE_MEM]
	cmp	x9, x2
	csel	x25, x12, x25, eq
	b.eq	24f
	add	x12, x12, #SEGE_SIZE
	add	x29, x29, #1
	b	23b
24:	ret

// segment_end: x25 = the segment checked (0: nothing to do), x2 = where
// its bytes ended, x26/x27 = its sums. Marks it in x28, or stops.
segment_end:
	cbz	x25, 26f
	ldp	x9, x10, [x25, #SEGE_MEM]
	add	x9, x9, x10
	cmp	x9, x2			// every page of it came
	b.ne	25f
	cmp	x20, #VERIFY_CRC
	b.ne	27f
	mvn	w26, w26
	ldr	w9, [x25, #SEGE_CRC]
	cmp	w9, w26
	b.ne	25f
	b	28f
27:	ldp	x9, x10, [x25, #SEGE_S1]
	cmp	x9, x26
	ccmp	x10, x27, #0, eq
	b.ne	25f
28:	mov	x9, #1
	lsl	x9, x9, x29
	orr	x28, x28, x9
	mov	x25, xzr
26:	ret
25:	mov	x0, x29			// x0: the segment's index
	ldr	x1, [x25, #SEGE_MEM]	// x1: its address
	mov	x2, x26			// x2: what its memory sums to
	b	verify_stop

// verify_stop: a segment is not what the plan says. The destination is
// never entered: stop here, exceptions masked, in the state the codepage
// was entered in (MMU and caches as they were: our own map is taken down
// first), x0 = the segment's index in the plan, x1 = its address (0: it
// was never copied), x2 = the CRC or s1 found. A debugger or a JTAG probe
// reads them; nothing else will.
verify_stop:
	cbz	x18, 29f
	cbnz	x24, 29f
	bl	mmu_off
29:	mov	x3, x0
	mov	x4, x1
	mov	x5, x2
	adr	x0, msg_segment
	bl	say
	mov	x0, x4
	bl	say_hex
	adr	x0, msg_differs
	bl	say
	mov	x0, x3
	mov	x1, x4
	mov	x2, x5
30:	dsb	sy
	wfe
	b	30b

// bad_plan: the plan is not of the layout this trampoline reads (its
// magic differs). Nothing in it can be trusted, not even the UART: stop
// here, exceptions masked, MMU and caches as entered, x9 = the magic found.
bad_plan:
	dsb	sy
	wfe
	b	bad_plan

// --- caches on: an identity map of memory -------------------------------
// Entered with the MMU off, every access goes to memory uncached: on
// hardware a copy runs tens of times slower than through the cache (Linux
// measured 57 MB/s against 1.1 GB/s). So the codepage turns the MMU and the
// data cache on over an identity map of memory (arch/arm64/idmap.c) for
// the copy and the verification, and off again before the jump.

// map_memory: x16 = segment 0. When the plan has a map, the CPU the 4 KiB
// granule and (list mode) this code, the list and every source page lie in
// it, write the tables past our code in segment 0 and turn the MMU and data
// cache on: x18 = 1, x16/x17 = the table area. Else nothing changes (the
// copy runs with the MMU off). Uses x0..x15.
map_memory:
	mov	x7, x30
	adr	x10, cp_plan
	ldr	w11, [x10, #PLAN_MAP_PAGES]
	cbz	w11, 9f
	mrs	x14, id_aa64mmfr0_el1
	ubfx	x9, x14, #28, #4	// TGran4 0b1111: no 4 KiB granule
	cmp	x9, #0xf
	b.eq	9f
	cbz	x19, 1f
	adr	x0, cp_list_entry
	bl	mapped
	cbz	x0, 9f
	bl	list_mapped
	cbz	x0, 9f
1:	adr	x12, __codepage_start	// the table area: segment 0's first
	adr	x13, __codepage_end	// page boundary past our code
	sub	x12, x13, x12
	add	x12, x12, #PAGE - 1
	and	x12, x12, #~(PAGE - 1)
	add	x13, x16, x12		// x13: the tables' base (TTBR0)
	adr	x10, cp_plan
	ldr	w11, [x10, #PLAN_MAP_PAGES]
	add	x6, x13, x11, lsl #12
	// x16 came from x2 in list mode: trust it only as far as it points
	// at a page-aligned segment 0 whose table area lies in the map
	tst	x16, #PAGE - 1
	b.ne	9f
	mov	x0, x13
	bl	mapped
	cbz	x0, 9f
	sub	x0, x6, #1
	bl	mapped
	cbz	x0, 9f
	adr	x10, cp_plan
	// Written with the MMU off, straight to memory: a line the entrant
	// left dirty over these pages could be written back over the tables
	// later, so such lines go first (dc ivac), as for every page written
	// with the MMU off.
	mov	x5, x13
	page_lines ivac
	dsb	sy
	mov	x5, x13
3:	stp	xzr, xzr, [x5], #16
	cmp	x5, x6
	b.lo	3b
	ldr	w11, [x10, #PLAN_MAP_NRUNS]
	ldr	x12, [x10, #PLAN_MAP_RUNS]
	add	x12, x12, x10
4:	cbz	w11, 6f			// each run: count descriptors from value
	ldp	w4, w5, [x12, #RUN_OFF]
	ldp	x8, x9, [x12, #RUN_VALUE]
	add	x12, x12, #RUN_SIZE
	sub	w11, w11, #1
	add	x4, x13, x4
	tbz	w5, #RUN_RELATIVE_BIT, 5f
	add	x8, x8, x13		// a next-level table: in the area
	and	w5, w5, #~(1 << RUN_RELATIVE_BIT)
5:	str	x8, [x4], #8
	add	x8, x8, x9
	subs	w5, w5, #1
	b.ne	5b
	b	4b
6:	dsb	sy			// the tables in memory before any walk
	// x16/x17: the tables, and past them what segment 0 keeps up to its
	// end (its size aligned to PLAN_PAGE_SIZE: 64 KiB by default): list
	// pages bound there hold zeros nobody reads, and are not copied
	ldr	w11, [x10, #PLAN_PAGE_SIZE]
	sub	x11, x11, #1
	sub	x12, x6, x16
	add	x12, x12, x11
	bic	x12, x12, x11
	add	x17, x16, x12
	mov	x16, x13
	// MAIR attribute 0: Normal, inner and outer write-back, read and
	// write allocate (0xff), the only one the descriptors use. TCR: T0SZ
	// 16 (48-bit addresses, lookup from level 0), 4 KiB granule (TG0 0),
	// walks non-cacheable (IRGN0 = ORGN0 = 0): the tables went straight
	// to memory and a non-cacheable walk reads them there, no clean in
	// between; 1 GiB and 2 MiB blocks keep walks rare. Output size from
	// ID_AA64MMFR0_EL1.PARange, at most 48 bits (the 4 KiB granule without
	// FEAT_LPA2). TCR_EL1, and TCR_EL2 of the EL2&0 regime (HCR_EL2.E2H
	// set, VHE), have IPS at 34:32, EPD1 (bit 23: no walk through TTBR1)
	// and TG1 4 KiB (bits 31:30 0b10); TCR_EL2 of plain EL2 has PS at
	// 18:16 and bits 31 and 23 RES1: the same two bits set.
	and	x14, x14, #0xf
	cmp	x14, #5
	mov	x9, #5
	csel	x14, x14, x9, ls
	mov	x12, #16
	orr	x12, x12, #(1 << 23)
	orr	x12, x12, #(1 << 31)
	lsl	x15, x14, #32
	cbz	x23, 7f
	mrs	x10, hcr_el2
	tbnz	x10, #34, 7f
	lsl	x15, x14, #16
7:	orr	x12, x12, x15
	mov	x9, #0xff
	cbnz	x23, 10f
	msr	mair_el1, x9
	msr	tcr_el1, x12
	msr	ttbr0_el1, x13
	isb
	tlbi	vmalle1			// nothing the entrant's translations
	b	11f			// left may be used
10:	msr	mair_el2, x9
	msr	tcr_el2, x12
	msr	ttbr0_el2, x13
	isb
	tlbi	alle2
11:	dsb	nsh
	isb
	// (said while the UART is still reachable: it is in no map of ours)
	adr	x0, msg_caches
	bl	say
	// SCTLR as entered, with M and C set, and WXN (writable means never
	// executable: our code is in a writable map) and A (alignment
	// checks) clear.
	orr	x9, x22, #SCTLR_M
	orr	x9, x9, #SCTLR_C
	bic	x9, x9, #SCTLR_A
	bic	x9, x9, #SCTLR_WXN
	cbnz	x23, 12f
	msr	sctlr_el1, x9
	b	13f
12:	msr	sctlr_el2, x9
13:	isb				// identity: we run on at the same address
	mov	x18, #1
9:	ret	x7

// mmu_off: every line written through the cache is clean to the PoC.
// Turn the MMU and data cache off (SCTLR as entered, M and C clear) and
// drop the map's TLB entries, which the destination must not inherit.
// Uses x9.
mmu_off:
	dsb	sy
	bic	x9, x22, #SCTLR_M
	bic	x9, x9, #SCTLR_C
	cbnz	x23, 1f
	msr	sctlr_el1, x9
	isb
	tlbi	vmalle1
	b	2f
1:	msr	sctlr_el2, x9
	isb
	tlbi	alle2
2:	dsb	nsh
	isb
	mov	x18, xzr
	ret

// mapped: x0 = 1 if the address in x0 lies in a range the map covers, else
// 0. Uses x9..x12.
mapped:
	adr	x9, cp_plan
	ldr	x10, [x9, #PLAN_MAP_NRANGES]
	ldr	x11, [x9, #PLAN_MAP_RANGES]
	add	x11, x11, x9
1:	cbz	x10, 2f
	ldp	x9, x12, [x11], #RANGE_SIZE
	sub	x10, x10, #1
	cmp	x0, x9
	ccmp	x0, x12, #2, hs		// base <= x0 < end
	b.hs	1b
	mov	x0, #1
	ret
2:	mov	x0, xzr
	ret

// list_mapped: x0 = 1 if every indirection and source page of the list
// (x19) lies in the map; destinations are the plan's segments, in memory.
// Uses x0, x3, x4, x9..x12, x15.
list_mapped:
	mov	x15, x30
	mov	x3, x19
	b	2f
1:	ldr	x3, [x4], #8
2:	tbnz	x3, #IND_DONE_BIT, 3f
	tbnz	x3, #IND_INDIRECTION_BIT, 5f
	tbz	x3, #IND_SOURCE_BIT, 1b
5:	and	x0, x3, #~(PAGE - 1)
	tbz	x3, #IND_INDIRECTION_BIT, 4f
	mov	x4, x0
4:	bl	mapped
	cbnz	x0, 1b
	ret	x15
3:	mov	x0, #1
	ret	x15

// --- the trail on the plan's debug-uart ---------------------------------
// Short lines at each stage, for a handoff that hangs: nothing when the
// plan names no UART. The UART is used as the old kernel or firmware left
// it (baud rate, FIFO); with the MMU on it must be mapped where it is, as
// U-Boot maps its devices. Device accesses with the MMU off are ordered
// and uncached (Arm ARM, B2.7), so polling needs no barrier.

// uart_putc: w13 to the UART. Uses x9..x12, x15.
uart_putc:
	adr	x9, cp_plan
	ldr	w10, [x9, #PLAN_UART_TYPE]
	cbz	w10, 4f
	ldr	x11, [x9, #PLAN_UART_ADDR]
	cmp	w10, #UART_PL011
	b.ne	1f
0:	ldr	w12, [x11, #0x18]	// FR: wait while TXFF
	tbnz	w12, #5, 0b
	str	w13, [x11]		// DR
	ret
1:	ldr	w12, [x9, #PLAN_UART_SHIFT]
	ldr	w15, [x9, #PLAN_UART_WIDTH]
	mov	x10, #5			// LSR at 5 << reg-shift
	lsl	x10, x10, x12
	add	x10, x10, x11
2:	cmp	w15, #4			// wait for THRE (LSR bit 5)
	b.eq	3f
	ldrb	w12, [x10]
	tbz	w12, #5, 2b
	strb	w13, [x11]		// THR
	ret
3:	ldr	w12, [x10]
	tbz	w12, #5, 3b
	str	w13, [x11]
4:	ret

// say: the NUL-terminated string at x0. Uses x0, x9..x15.
say:
	mov	x14, x30
5:	ldrb	w13, [x0], #1
	cbz	w13, 6f
	bl	uart_putc
	b	5b
6:	ret	x14

// say_hex: x0 in 16 hex digits. Uses x0, x9..x16.
say_hex:
	mov	x14, x30
	mov	x16, #60
7:	lsr	x13, x0, x16
	and	x13, x13, #0xf
	cmp	x13, #10
	add	x12, x13, #'0'
	add	x13, x13, #'a' - 10
	csel	x13, x12, x13, lo
	bl	uart_putc
	subs	x16, x16, #4
	b.pl	7b
	ret	x14

msg_entered:	.asciz	"mkcodepage: entered\r\n"
msg_caches:	.asciz	"mkcodepage: caches on\r\n"
	.include "trail.inc"
	.balign	4

// Copies: 4 KiB from x4 to x2, 128 bytes per iteration; advance both.
// Use x7..x15. The _sum and _crc ones also fold every 8-byte word into
// x26 (and, for the block sum, x26 into x27 after each 64 bytes).
	.macro	fold_sum a, b
	add	x26, x26, \a
	add	x26, x26, \b
	.endm
	.macro	fold_crc a, b
	crc32cx	w26, w26, \a
	crc32cx	w26, w26, \b
	.endm
	.macro	fold_none a, b
	.endm
	.macro	load64 from		// x8..x15 = 64 bytes at from, which advances
	.irp	pair, "x8, x9", "x10, x11", "x12, x13", "x14, x15"
	ldp	\pair, [\from], #16
	.endr
	.endm
	.macro	half_page fold, block	// 64 bytes from x4 to x2
	load64	x4
	\fold	x8, x9
	\fold	x10, x11
	\fold	x12, x13
	\fold	x14, x15
	stp	x8, x9, [x2], #16
	stp	x10, x11, [x2], #16
	stp	x12, x13, [x2], #16
	stp	x14, x15, [x2], #16
	.ifnb	\block
	add	x27, x27, x26
	.endif
	.endm
	.macro	copy_loop fold, block
	mov	x7, #PAGE / 128
29:	half_page \fold, \block
	half_page \fold, \block
	subs	x7, x7, #1
	b.ne	29b
	ret
	.endm
copy_page:
	copy_loop fold_none
copy_page_sum:
	copy_loop fold_sum, block
copy_page_crc:
	copy_loop fold_crc

	.macro	sum_loop fold, block	// [x5, x6) into x26 (x27: per 64 bytes)
30:	load64	x5
	\fold	x8, x9
	\fold	x10, x11
	\fold	x12, x13
	\fold	x14, x15
	.ifnb	\block
	add	x27, x27, x26
	.endif
	cmp	x5, x6
	b.lo	30b
	ret
	.endm
// sum_range: x26/x27 = the sums of [x5, x6) (64-byte multiples), as
// segment_begin starts them. Uses x7..x15.
sum_range:
	mov	x26, xzr
	mov	x27, xzr
	cmp	x20, #VERIFY_CRC
	b.ne	31f
	mvn	w26, w26
	sum_loop fold_crc
31:	sum_loop fold_sum, block
