/* SPDX-License-Identifier: MIT */
/*
 * planasm.h - a plan written as assembler whose every field is placed by
 * the name arch/<arch>/plan.inc gives its offset.
 *
 * plan.inc is the one statement of a plan's layout: the trampoline reads
 * fields by those names, and a backend's emit_plan writes them by the same
 * names through the macros below, which .org to each offset. No offset is
 * repeated in C, and the assembler refuses a plan whose fields overlap or
 * come out of order (".org backwards") or outgrow the fixed part, at every
 * mkcodepage run rather than at a boot.
 */
#ifndef CP_PLANASM_H
#define CP_PLANASM_H

#include <stdint.h>

#include "request.h"
#include "util.h"

struct cp_plan;

/*
 * Open the plan: .include "plan.inc", section .plan aligned to align, the
 * global label cp_plan, and the macros
 *   field AT, DIRECTIVE, VALUES        at cp_plan + AT
 *   entry TABLE, I, SIZE, AT, DIRECTIVE, VALUES
 *                                      at TABLE + I * SIZE + AT
 * where AT and SIZE are plan.inc names (or expressions of them).
 */
void cp_planasm_begin(struct cp_strbuf *o, const char *generator,
		      unsigned align);

/*
 * cp_planasm_begin, then the head of a plan that has flags: PLAN_MAGIC
 * (PLAN_MAGIC_VALUE) and PLAN_FLAGS (PLAN_VERIFY when the plan verifies,
 * ORed with more, an expression of plan.inc names, unless NULL), both as
 * word (".long", ".word").
 */
void cp_planasm_head(struct cp_strbuf *o, const struct cp_plan *plan,
		     const char *generator, unsigned align, const char *word,
		     const char *more);

/* The same for another layout file (arch/blob.inc: the blob's header). */
void cp_planasm_begin_layout(struct cp_strbuf *o, const char *generator,
			     const char *layout, unsigned align);

/* The same for any block of data laid out in a layout file: in section
 * (".data"), at the global label (which field's offsets count from). */
void cp_planasm_begin_block(struct cp_strbuf *o, const char *generator,
			    const char *layout, const char *section,
			    const char *label, unsigned align);

/* One field: directive (".quad") value at cp_plan + at (a plan.inc name). */
void cp_planasm_field(struct cp_strbuf *o, const char *at,
		      const char *directive, uint64_t value);

/* Field at of entry i (each size bytes) of table. */
void cp_planasm_entry(struct cp_strbuf *o, const char *table, int i,
		      const char *size, const char *at, const char *directive,
		      uint64_t value);

/*
 * The debug UART (debug-uart): PLAN_UART_TYPE, _SHIFT and _WIDTH as word
 * (".word", ".long"), PLAN_UART_ADDR as addr_directive with addr (where
 * the trampoline reaches its registers).
 */
void cp_planasm_uart(struct cp_strbuf *o, const struct cp_plan *plan,
		     const char *word, const char *addr_directive,
		     uint64_t addr);

/* PLAN_NSEG and PLAN_SEG as directive: how many segments the table
 * "segs" has (the codepage is not one of them) and where it is. */
void cp_planasm_seg_fields(struct cp_strbuf *o, const struct cp_plan *plan,
			   const char *directive);

/* PLAN_REGS: the first n registers, each size bytes (a plan.inc name or a
 * number) as directive; 0 for one not set or filled in at run time. */
void cp_planasm_registers(struct cp_strbuf *o, const struct cp_plan *plan,
			  int n, const char *size, const char *directive);

/*
 * The table "segs": for every segment but the codepage, entry e (each
 * SEGE_SIZE bytes) has where it lies and its block sum, SEGE_MEM, _MEMSZ,
 * _S1 and _S2 as directive, the sums' places as the global symbols
 * cp_seg_s1_E and cp_seg_s2_E (a loader that refreshes seeds rewrites
 * them, segments.txt), then what more writes of the arch's own fields
 * (NULL: none).
 */
struct cp_segment;
void cp_planasm_segs(struct cp_strbuf *o, const struct cp_plan *plan,
		     const char *directive,
		     void (*more)(struct cp_strbuf *o, int e,
				  const struct cp_segment *s));

/* The global symbol NAME_I at field AT of entry I (each SIZE bytes) of
 * TABLE: a place the linked codepage's symbols name. */
void cp_planasm_entry_symbol(struct cp_strbuf *o, const char *name,
			     const char *table, int i, const char *size,
			     const char *at);

/* The table NAME of N ranges, each SIZE bytes, at the current place:
 * BASE_AT and END_AT of each ([base, end)) as .quad. */
void cp_planasm_ranges(struct cp_strbuf *o, const char *name,
		       const struct cp_range *r, int n, const char *size,
		       const char *base_at, const char *end_at);

/* End the fixed part: PLAN_FIXED_SIZE bytes from cp_plan, no more. */
void cp_planasm_fixed_end(struct cp_strbuf *o);

/* Open a table of entries at the current place, labelled name. */
void cp_planasm_table(struct cp_strbuf *o, const char *name);

/* Close table name after n entries of size bytes (a plan.inc name). */
void cp_planasm_table_end(struct cp_strbuf *o, const char *name, int n,
			  const char *size);

/* Close the plan: the global label cp_plan_end. */
void cp_planasm_end(struct cp_strbuf *o);

#endif
