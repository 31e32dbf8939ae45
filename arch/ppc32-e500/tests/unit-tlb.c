// SPDX-License-Identifier: MIT
/*
 * unit-tlb.c - unit tests of the e500 TLB1 mapping (arch/ppc32-e500's
 * prepare hook): memory sizes and alignments it maps, the initial mapped
 * area it gives the destination, and the layouts it must refuse. A group of
 * the unit-tests program (tests/unit.h), built with it by
 * arch/ppc32-e500/build.mk.
 */
#include <stdint.h>

#include "arch.h"
#include "plan.h"
#include "unit.h"

UNIT_GROUP(unit_tlb)

static int tlb_plan(struct cp_plan *p, uint64_t base, uint64_t size)
{
	init_plan(p);
	p->memory[0] = (struct cp_range){ base, size };
	return p->arch->prepare(p);
}

static void unit_tlb(void)
{
	struct cp_plan p;
	uint64_t ima;

	CHECK("tlb-768m", tlb_plan(&p, 0, 0x30000000) == 0);
	p.entry = 0x100;
	CHECK("tlb-ima",
	      p.arch->symbol(&p, "ima.size", &ima) == 0 && ima == 0x10000000);
	cp_plan_free(&p);
	CHECK("tlb-252m-4k", tlb_plan(&p, 0, 0x0fc01000) == 0);
	cp_plan_free(&p);
	CHECK("tlb-4g", tlb_plan(&p, 0, 0x100000000ULL) == 0);
	p.entry = 0;
	CHECK("tlb-4g-ima-capped",
	      p.arch->symbol(&p, "ima.size", &ima) == 0 && ima == 0x80000000);
	cp_plan_free(&p);
	/* 4 KiB + 4 GiB - 8 KiB: alignment forces dozens of entries */
	CHECK("tlb-too-many", tlb_plan(&p, 0x1000, 0xffffe000ULL) != 0);
	cp_plan_free(&p);
	CHECK("tlb-unaligned", tlb_plan(&p, 0x100, 0x10000) != 0);
	cp_plan_free(&p);
}
