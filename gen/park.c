// SPDX-License-Identifier: MIT
/* park.c - see park.h. */
#include "park.h"
#include "util.h"

#include <libfdt.h>
#include <string.h>

/* The offset of the tree's Nth CPU (from 0), or -1. */
static int nth_cpu(const void *fdt, int n)
{
	int cpus = fdt_path_offset(fdt, "/cpus"), node;

	if (cpus < 0)
		return -1;
	fdt_for_each_subnode(node, fdt, cpus)
	{
		const char *type = fdt_getprop(fdt, node, "device_type", NULL);

		if (type && !strcmp(type, "cpu") &&
		    fdt_getprop(fdt, node, "reg", NULL) && n-- == 0)
			return node;
	}
	return -1;
}

static int count_cpus(const void *fdt)
{
	int n = 0;

	while (nth_cpu(fdt, n) >= 0)
		n++;
	return n;
}

int cp_park_tree(const struct cp_plan *plan, const char *name)
{
	return plan->park && plan->tree && !strcmp(plan->tree, name);
}

int cp_park_place(struct cp_plan *plan)
{
	const struct cp_arch *a = plan->arch;
	const struct cp_segment *t =
		plan->tree ? cp_plan_find(plan, plan->tree) : NULL;
	struct cp_loc loc = cp_loc_at(plan->desc_file, "/segments");
	uint64_t page = plan->page_size, at;
	int n;

	if (!a->parks_cpus || !t || (n = count_cpus(t->buf + t->data_off)) < 2)
		return 0;
	if (n > CP_MAX_RELEASES) {
		cp_error(&t->loc, fdt_fixup,
			 "the tree lists %d CPUs under /cpus; at most %d can "
			 "wait for the destination: list fewer",
			 n, CP_MAX_RELEASES);
		return -1;
	}
	if (cp_plan_find(plan, CP_PARK_NAME)) {
		cp_error(&cp_plan_find(plan, CP_PARK_NAME)->loc, reserved_name,
			 "mkcodepage builds a segment named %s (the page where "
			 "the destination's other CPUs wait); rename this one",
			 CP_PARK_NAME);
		return -1;
	}
	if (cp_plan_find_high(plan, page, page,
			      a->kexec_limit ? a->kexec_limit : a->addr_limit,
			      &at)) {
		cp_error(&loc, no_room,
			 "no free page in memory for the page where the "
			 "destination's CPUs wait (%s)",
			 CP_PARK_NAME);
		return -1;
	}
	if (!cp_plan_add(plan, CP_PARK_NAME, at, cp_xcalloc(1, page),
			 (size_t)page, page, &loc))
		return -1;
	cp_plan_find(plan, CP_PARK_NAME)->exec = 1;
	plan->park = at;
	return 0;
}

int cp_park_fix_tree(const struct cp_plan *plan, void *fdt)
{
	int err = fdt_add_mem_rsv(fdt, plan->park, plan->page_size), node;

	for (int i = 0; !err && (node = nth_cpu(fdt, i)) >= 0; i++) {
		int len;
		const fdt32_t *v =
			fdt_getprop(fdt, node, "cpu-release-addr", &len);
		uint64_t release = plan->park + (uint64_t)i * CP_PARK_ENTRY;

		/* 8 bytes, which the codepage may rewrite (a 4-byte one too) */
		if (v && len == 4)
			release = fdt32_to_cpu(*v);
		if (!v || len == 4)
			err = fdt_setprop_u64(fdt, node, "cpu-release-addr",
					      release);
		if (!err && !fdt_getprop(fdt, node, "enable-method", NULL))
			err = fdt_setprop_string(fdt, node, "enable-method",
						 "spin-table");
	}
	return err;
}

/* Entry I as ePAPR's boot program leaves it for a CPU that waits: addr =
 * 1 ("spinning"), r3 = the CPU's id (as QEMU's spin table has it),
 * reserved = 0, pir = its id; big-endian. The rest of the 64 bytes is the
 * codepage's (arch/ppc32-e500/plan.inc, SPIN_ACK), zero. */
static void write_entry(struct cp_plan *plan, int i, uint32_t id)
{
	unsigned char *e = cp_plan_find(plan, CP_PARK_NAME)->buf +
			   (size_t)i * CP_PARK_ENTRY;

	cp_store_be(e, 8, 1);
	cp_store_be(e + 8, 8, id);
	cp_store_be(e + 20, 4, id);
}

int cp_park_note_cpus(struct cp_plan *plan, const struct cp_segment *s,
		      const struct cp_loc *loc)
{
	const char *tree = (const char *)s->buf + s->data_off;
	int node;

	plan->ncpus = 0;
	for (int i = 0; i < CP_MAX_RELEASES && (node = nth_cpu(tree, i)) >= 0;
	     i++) {
		struct cp_cpu *c = &plan->cpus[plan->ncpus++];
		int len;
		const fdt32_t *reg = fdt_getprop(tree, node, "reg", &len);
		const char *v;

		if (len < 4) {
			cp_error(loc, fdt_fixup,
				 "CPU %s of the tree has a reg of %d bytes; "
				 "its first cell is the PIR it runs with",
				 fdt_get_name(tree, node, NULL), len);
			return -1;
		}
		c->id = fdt32_to_cpu(*reg);
		c->entry = plan->park + (uint64_t)i * CP_PARK_ENTRY;
		write_entry(plan, i, c->id);
		v = fdt_getprop(tree, node, "cpu-release-addr", &len);
		c->release_at = v && len == 8 ? s->mem + s->data_off +
							(uint64_t)(v - tree) :
						0;
	}
	return 0;
}
