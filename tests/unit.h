/* SPDX-License-Identifier: MIT */
/*
 * unit.h - what the files of the unit-tests program share: the verdict
 * line, the scratch directory, and the plans and segments tests start
 * from (all in unit-tests.c). Each file of tests is a group with one entry
 * point, called from main() in unit-tests.c.
 */
#ifndef UNIT_H
#define UNIT_H

#include <stddef.h>
#include <stdint.h>

struct cp_arch;
struct cp_plan;

/* "PASS: unit/NAME", or "FAIL: unit/NAME (COND, line LINE)" and a failure
 * counted. */
void unit_verdict(const char *name, int ok, const char *cond, int line);
#define CHECK(name, cond) unit_verdict(name, (cond) != 0, #cond, __LINE__)

/* The WORKDIR of the command line: files the tests write go there. */
extern const char *unit_work;

/* TEXT written to WORKDIR/NAME; the path, a fresh string. */
char *write_text(const char *name, const char *text);
const struct cp_arch *e500(void);
/* An e500 plan: 512 MiB of memory at 0 and the codepage, not yet placed. */
void init_plan(struct cp_plan *p);
/* A segment of 16 zero bytes, memsz bytes at mem. */
void add(struct cp_plan *p, const char *name, uint64_t mem, uint64_t memsz);
/* A segment of len bytes of 0x5a (the blob packs only up to the last
 * nonzero byte), memsz bytes at mem. */
void add_full(struct cp_plan *p, const char *name, uint64_t mem, size_t len,
	      uint64_t memsz);

/* The groups in files of their own */
void unit_desc(void); /* unit-desc.c: the description reader */
void unit_reserve(void); /* unit-reserve.c: memory the firmware keeps */

/*
 * An arch's group, in arch/<arch>/tests/ (kselftest's harness registers its
 * tests so): UNIT_GROUP(fn) before the group's static void fn(void) adds
 * it, at program start, to the groups main() runs after its own; the
 * arch's build.mk adds the file to unit-test-srcs.
 */
void unit_register(const char *name, void (*run)(void));
void unit_run_registered(void);
#define UNIT_GROUP(fn)                                               \
	static void fn(void);                                        \
	__attribute__((constructor)) static void fn##_register(void) \
	{                                                            \
		unit_register(#fn, fn);                              \
	}

#endif
