// SPDX-License-Identifier: MIT
/* fdtfix.c - see fdtfix.h. */
#include "fdtfix.h"
#include "fdtresv.h"
#include "fdtsane.h"
#include "park.h"
#include "util.h"

#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int node_cells(const void *fdt, int node, const char *name, int def)
{
	int len;
	const fdt32_t *p = fdt_getprop(fdt, node, name, &len);

	return p && len == 4 ? (int)fdt32_to_cpu(*p) : def;
}

static int cells(const void *fdt, const char *name, int def)
{
	return node_cells(fdt, 0, name, def);
}

/* Store v in n cells (1 or 2), big-endian. */
static unsigned char *put_cells(unsigned char *p, int n, uint64_t v)
{
	cp_store_be(p, (size_t)n * 4, v);
	return p + n * 4;
}

static int set_number(void *fdt, int node, const char *name, uint64_t v)
{
	/* as wide as the tree's addresses: what Linux and U-Boot read */
	if (cells(fdt, "#address-cells", 2) >= 2 || v > 0xffffffffu)
		return fdt_setprop_u64(fdt, node, name, v);
	return fdt_setprop_u32(fdt, node, name, (uint32_t)v);
}

static int chosen(void *fdt)
{
	int node = fdt_path_offset(fdt, "/chosen");

	return node >= 0 ? node : fdt_add_subnode(fdt, 0, "chosen");
}

static int fix_initrd(void *fdt, const struct cp_plan *plan, const char *name,
		      const struct cp_loc *loc)
{
	const struct cp_segment *rd = cp_plan_find(plan, name);
	uint64_t start;
	int node, err;

	if (!rd) {
		cp_error(loc, missing_segment,
			 "initrd = \"%s\" names no segment of the description",
			 name);
		return 1; /* reported */
	}
	start = rd->mem + rd->data_off;
	node = chosen(fdt);
	if (node < 0)
		return node;
	err = set_number(fdt, node, "linux,initrd-start", start);
	return err ? err :
		     set_number(fdt, node, "linux,initrd-end",
				start + rd->size);
}

/*
 * The memory node's reg in the tree's own cells: 1 or 2 each (anything else
 * is a tree we cannot write a memory node for), and every base and size
 * must fit them.
 */
static int memory_cells(const void *fdt, const struct cp_plan *plan,
			const struct cp_loc *loc, int *ac, int *sc)
{
	*ac = cells(fdt, "#address-cells", 2);
	*sc = cells(fdt, "#size-cells", 1);
	if (*ac < 1 || *ac > 2 || *sc < 1 || *sc > 2) {
		cp_error(loc, fdt_fixup,
			 "memory-node: the tree has #address-cells = %d and "
			 "#size-cells = %d; a memory node needs 1 or 2 of each",
			 *ac, *sc);
		return -1;
	}
	for (int i = 0; i < plan->nmemory; i++)
		if ((*ac == 1 && plan->memory[i].base > 0xffffffffu) ||
		    (*sc == 1 && plan->memory[i].size > 0xffffffffu)) {
			cp_error(loc, fdt_fixup,
				 "memory-node: memory at 0x%llx size 0x%llx "
				 "does not fit the tree's 32-bit cells",
				 (unsigned long long)plan->memory[i].base,
				 (unsigned long long)plan->memory[i].size);
			return -1;
		}
	return 0;
}

static int fix_memory(void *fdt, const struct cp_plan *plan,
		      const struct cp_loc *loc)
{
	unsigned char *reg, *p;
	char name[32];
	int ac, sc, node, err;

	if (memory_cells(fdt, plan, loc, &ac, &sc))
		return 1; /* reported */
	reg = p = cp_xmalloc((size_t)plan->nmemory * 16);
	/* every existing memory node goes: the description is the truth */
	while ((node = fdt_node_offset_by_prop_value(fdt, -1, "device_type",
						     "memory", 7)) >= 0)
		if ((err = fdt_del_node(fdt, node)))
			goto out;
	for (int i = 0; i < plan->nmemory; i++) {
		p = put_cells(p, ac, plan->memory[i].base);
		p = put_cells(p, sc, plan->memory[i].size);
	}
	snprintf(name, sizeof(name), "memory@%llx",
		 (unsigned long long)plan->memory[0].base);
	node = fdt_add_subnode(fdt, 0, name);
	err = node < 0 ? node :
			 fdt_setprop_string(fdt, node, "device_type", "memory");
	if (!err)
		err = fdt_setprop(fdt, node, "reg", reg, (int)(p - reg));
out:
	free(reg);
	return err;
}

/* ---- memory the firmware keeps, told to the destination ------------- */

#define VIEW_MAX 64

/* What a tree says of memory: its RAM, and what it reserves already. */
struct view {
	struct cp_range mem[VIEW_MAX], kept[VIEW_MAX];
	int nmem, nkept;
};

static int see(const struct cp_fdt_region *r, void *ctx)
{
	struct view *v = ctx;
	uint64_t size = r->kind == CP_FDT_RELEASE_ADDR ||
					r->kind == CP_FDT_INITRD ?
				0 :
				r->size;

	if (r->kind == CP_FDT_MEMORY && v->nmem < VIEW_MAX)
		v->mem[v->nmem++] = (struct cp_range){ r->base, size };
	else if (size && v->nkept < VIEW_MAX)
		v->kept[v->nkept++] = (struct cp_range){ r->base, size };
	return 0;
}

/* Whether the tree leaves [base, base+size) to the kernel: some memory
 * node covers part of it and no reservation covers all of it. */
static int left_to_kernel(const struct view *v, uint64_t base, uint64_t size)
{
	int in_memory = 0;

	for (int i = 0; i < v->nkept; i++)
		if (base >= v->kept[i].base &&
		    base - v->kept[i].base + size <= v->kept[i].size)
			return 0;
	for (int i = 0; i < v->nmem; i++)
		in_memory |= base < v->mem[i].base + v->mem[i].size &&
			     v->mem[i].base < base + size;
	return in_memory;
}

/* /reserved-memory, made as the binding asks (the root's cells, ranges)
 * when the tree has none. */
static int reserved_memory_node(void *fdt)
{
	int node = fdt_path_offset(fdt, "/reserved-memory"), err;

	if (node >= 0)
		return node;
	node = fdt_add_subnode(fdt, 0, "reserved-memory");
	if (node < 0)
		return node;
	err = fdt_setprop_u32(fdt, node, "#address-cells",
			      (uint32_t)cells(fdt, "#address-cells", 2));
	if (!err)
		err = fdt_setprop_u32(fdt, node, "#size-cells",
				      (uint32_t)cells(fdt, "#size-cells", 1));
	if (!err)
		err = fdt_setprop_empty(fdt, node, "ranges");
	return err ? err : node;
}

/* A no-map child of /reserved-memory for [base, base+size), named in
 * *told. */
static int keep_node(void *fdt, uint64_t base, uint64_t size,
		     const struct cp_loc *loc, char **told)
{
	int parent = reserved_memory_node(fdt), node, ac, sc;
	unsigned char reg[16], *p = reg;
	char name[40];

	if (parent < 0)
		return parent;
	ac = node_cells(fdt, parent, "#address-cells", 2);
	sc = node_cells(fdt, parent, "#size-cells", 1);
	if (ac < 1 || ac > 2 || sc < 1 || sc > 2 ||
	    (ac == 1 && (base > 0xffffffffu || size > 0x100000000ULL - base)) ||
	    (sc == 1 && size > 0xffffffffu)) {
		cp_error(loc, fdt_fixup,
			 "cannot tell the destination that 0x%llx..0x%llx is "
			 "kept: /reserved-memory's cells (%d, %d) cannot hold "
			 "it",
			 (unsigned long long)base,
			 (unsigned long long)(base + size - 1), ac, sc);
		return 1; /* reported */
	}
	p = put_cells(p, ac, base);
	p = put_cells(p, sc, size);
	snprintf(name, sizeof(name), "mkcodepage-keep@%llx",
		 (unsigned long long)base);
	node = fdt_add_subnode(fdt, parent, name);
	if (node < 0)
		return node;
	free(*told);
	*told = cp_xasprintf("/reserved-memory/%s", name);
	int err = fdt_setprop(fdt, node, "reg", reg, (int)(p - reg));

	return err ? err : fdt_setprop_empty(fdt, node, "no-map");
}

/*
 * The reservations the description states (reserved-memory,
 * firmware-memory, the arch's default) that the tree leaves to the
 * kernel become no-map children of /reserved-memory: the destination must
 * keep clear of them as the segments do, and a tree written at build time
 * lacks what firmware adds at boot (OpenSBI's node).
 */
static int fix_reserved(void *fdt, struct cp_plan *plan,
			const struct cp_loc *loc)
{
	struct view v = { .nmem = 0 };
	const char *why;
	int err = 0;

	if (cp_fdt_regions(fdt, fdt_totalsize(fdt), see, &v, &why) < 0) {
		cp_error(loc, fdt_fixup, "cannot read the tree: %s", why);
		return 1;
	}
	for (int i = 0; i < plan->nreserved && !err; i++) {
		struct cp_reserved *r = &plan->reserved[i];

		if (r->segment || !left_to_kernel(&v, r->base, r->size))
			continue;
		err = keep_node(fdt, r->base, r->size, loc, &r->told);
		plan->took |= CP_TOOK_RESERVED;
	}
	return err;
}

/* ---- seeds a loader refreshes at every load ----------------------------- */

/*
 * The placeholder of an RNG seed: a property the kernel ignores, whose
 * name ends in "rng-seed"; a loader that writes fresh bytes into it points
 * its nameoff at that end (the same string, SEED_PREFIX bytes on). An RNG
 * seed of build-time zeros must never reach a kernel as one: Linux
 * credits what rng-seed holds as entropy.
 */
#define SEED_PREFIX "mkcodepage,"
#define RNG_SEED_SIZE \
	64 /* what kexec-tools and the file loader give: 32..128 */

/* /chosen's kaslr-seed (8 bytes: 0 means none to Linux on arm64, riscv
 * and e500) and an rng-seed, each added unless the tree has one. */
static int add_seeds(void *fdt)
{
	static const unsigned char zeros[RNG_SEED_SIZE];
	int node = chosen(fdt), err = 0;

	if (node < 0)
		return node;
	if (!fdt_getprop(fdt, node, "kaslr-seed", NULL))
		err = fdt_setprop(fdt, node, "kaslr-seed", zeros, 8);
	node = fdt_path_offset(fdt, "/chosen");
	if (!err && !fdt_getprop(fdt, node, "rng-seed", NULL))
		err = fdt_setprop(fdt, node, SEED_PREFIX "rng-seed", zeros,
				  sizeof(zeros));
	return err;
}

/* The value of /chosen's property NAME at its offset in TREE (the bytes
 * at DATA_OFF of the segment); 0 with *off, *len set, or -1 if absent. */
static int prop_at(const void *tree, const char *name, uint64_t data_off,
		   uint64_t *off, int *len)
{
	const char *v =
		fdt_getprop(tree, fdt_path_offset(tree, "/chosen"), name, len);

	if (!v || *len <= 0)
		return -1;
	*off = data_off + (uint64_t)(v - (const char *)tree);
	return 0;
}

/* Where the segment's seeds ended up, once the tree is final. */
static int note_seeds(struct cp_plan *plan, const struct cp_segment *s,
		      const struct cp_loc *loc)
{
	const void *tree = s->buf + s->data_off;
	struct cp_seed *seed;
	uint64_t off;
	int len;

	if (!prop_at(tree, "kaslr-seed", s->data_off, &off, &len) && len == 8 &&
	    !cp_plan_seed(plan, s->name, off, 8, "/chosen/kaslr-seed", loc))
		return -1;
	if (!prop_at(tree, "rng-seed", s->data_off, &off, &len))
		return cp_plan_seed(plan, s->name, off, (uint64_t)len,
				    "/chosen/rng-seed", loc) ?
			       0 :
			       -1;
	if (prop_at(tree, SEED_PREFIX "rng-seed", s->data_off, &off, &len))
		return 0;
	seed = cp_plan_seed(plan, s->name, off, (uint64_t)len,
			    "/chosen/rng-seed", loc);
	if (!seed)
		return -1;
	/* struct fdt_property: tag, len, nameoff, then the value */
	seed->armed = 1;
	seed->arm_off = off - 4;
	seed->arm_value = (uint32_t)cp_load_be(s->buf + off - 4, 4) +
			  (uint32_t)strlen(SEED_PREFIX);
	seed->arm_big = 1;
	return 0;
}

/* Whether the segment is the destination's tree, and it takes seeds. */
static int tree_takes_seeds(const struct cp_plan *plan,
			    const struct cp_request_segment *ds)
{
	return plan->tree && !strcmp(plan->tree, ds->name) &&
	       !plan->fixed_seeds;
}

/* Whether a reservation stated outside the tree is to be added to it. */
static int tree_needs_keep(const struct cp_plan *plan,
			   const struct cp_request_segment *ds)
{
	if (!plan->tree || strcmp(plan->tree, ds->name))
		return 0;
	for (int i = 0; i < plan->nreserved; i++)
		if (!plan->reserved[i].segment)
			return 1;
	return 0;
}

static int fix_one(struct cp_plan *plan, const struct cp_request_segment *ds,
		   const struct cp_loc *loc)
{
	struct cp_segment *s = cp_plan_find(plan, ds->name);
	const void *old = s->buf + s->data_off;
	const char *why;
	size_t room;
	void *fdt;
	int err;

	if (cp_fdt_sane(old, s->size, &why)) {
		cp_error(loc, not_dtb,
			 "bootargs, initrd and memory-node fix up a device "
			 "tree, and segment '%s' is none (%s)",
			 ds->name, why);
		return -1;
	}
	room = s->size + 4096 + (ds->bootargs ? strlen(ds->bootargs) : 0) +
	       (size_t)plan->nmemory * 16 + (size_t)plan->nreserved * 128 +
	       RNG_SEED_SIZE + 128 +
	       (cp_park_tree(plan, ds->name) ? CP_MAX_RELEASES * 64 : 0);
	fdt = cp_xmalloc(room);
	err = fdt_open_into(old, fdt, (int)room);
	if (!err && ds->bootargs) {
		int node = chosen(fdt);

		err = node < 0 ? node :
				 fdt_setprop_string(fdt, node, "bootargs",
						    ds->bootargs);
	}
	if (!err && ds->initrd)
		err = fix_initrd(fdt, plan, ds->initrd, loc);
	if (!err && ds->memory_node)
		err = fix_memory(fdt, plan, loc);
	if (!err && tree_needs_keep(plan, ds))
		err = fix_reserved(fdt, plan, loc);
	if (!err && tree_takes_seeds(plan, ds))
		err = add_seeds(fdt);
	if (!err && cp_park_tree(plan, ds->name))
		err = cp_park_fix_tree(plan, fdt);
	if (!err)
		err = fdt_pack(fdt);
	if (err) {
		if (err < 0)
			cp_error(loc, fdt_fixup, "cannot fix up the tree: %s",
				 fdt_strerror(err));
		free(fdt);
		return -1;
	}
	/* the tree replaces the segment's bytes, at the same load address */
	free(s->buf);
	s->size = fdt_totalsize(fdt);
	s->bufsz = s->data_off + s->size;
	s->buf = cp_xcalloc(1, s->bufsz);
	memcpy(s->buf + s->data_off, fdt, s->size);
	s->memsz = cp_align_up(s->bufsz, plan->page_size);
	free(fdt);
	if (cp_park_tree(plan, ds->name) && cp_park_note_cpus(plan, s, loc))
		return -1;
	return tree_takes_seeds(plan, ds) ? note_seeds(plan, s, loc) : 0;
}

int cp_fdtfix_apply(struct cp_plan *plan)
{
	const struct cp_request *req = &plan->req;
	int err = 0, announced = 0;

	for (int i = 0; i < req->nsegments; i++) {
		const struct cp_request_segment *ds = &req->segments[i];
		struct cp_loc loc = cp_loc_at(plan->desc_file, ds->node);

		announced |= ds->initrd != NULL;
		if (ds->bootargs || ds->initrd || ds->memory_node ||
		    tree_needs_keep(plan, ds) || tree_takes_seeds(plan, ds) ||
		    cp_park_tree(plan, ds->name))
			err |= fix_one(plan, ds, &loc);
	}
	if (!announced && cp_plan_find(plan, "initrd") &&
	    cp_plan_find(plan, "fdt"))
		cp_warn(CP_DESC_AT(plan, "/segments/fdt"), initrd_not_in_fdt,
			"segment 'initrd' is not announced in the device tree; "
			"add initrd = \"initrd\"; to /segments/fdt so the "
			"kernel "
			"finds it");
	return err ? -1 : 0;
}

int cp_fdtfix_check_tree(const struct cp_plan *plan, const char *name,
			 const char *by, const struct cp_loc *loc)
{
	const struct cp_segment *s = cp_plan_find(plan, name);
	const char *why;

	if (!s) {
		cp_error(loc, missing_segment,
			 "%s passes segment '%s' as the device tree, and there "
			 "is no such segment",
			 by, name);
		return -1;
	}
	if (!cp_fdt_sane(s->buf + s->data_off, s->size, &why))
		return 0;
	cp_error(&s->loc, not_dtb,
		 "%s passes segment '%s' to the destination as its device "
		 "tree, and it holds none (%s); give it a .dtb or .dts file "
		 "dtc accepts",
		 by, name, why);
	return -1;
}
