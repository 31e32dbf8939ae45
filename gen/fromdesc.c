// SPDX-License-Identifier: MIT
/*
 * fromdesc.c - the description and its template turned into the plan (see
 * fromdesc.h).
 */
#include "fromdesc.h"
#include "desc.h"
#include "protocol.h"

#include <stdlib.h>
#include <string.h>

/* What the step reads, freed when it ends. */
struct step {
	struct cp_plan *plan;
	const struct cp_fromdesc *in;
	struct cp_desc desc, tmpl;
};

/* The arch: --arch, or the description's (both: the same one). */
static int choose_arch(struct step *s)
{
	const char *name = s->in->arch ? s->in->arch : s->desc.arch;
	struct cp_loc loc = cp_loc_at(s->plan->desc_file, "/:arch");

	if (name)
		s->plan->arch = cp_arch_find(name);
	if (!name)
		cp_error(&loc, missing_arch,
			 "the description names no arch; add arch = \"...\"; "
			 "(mkcodepage --list shows them)");
	else if (!s->plan->arch)
		cp_error(&loc, unknown_arch,
			 "unknown arch '%s' (mkcodepage --list shows them)",
			 name);
	else if (s->in->arch && s->desc.arch &&
		 cp_arch_find(s->desc.arch) != s->plan->arch)
		cp_error(&loc, arch_mismatch,
			 "--arch %s, but the description says arch = \"%s\"",
			 s->in->arch, s->desc.arch);
	else
		return 0;
	return -1;
}

/* page-size: a power of two from the arch's smallest page up to 2 MiB
 * (a larger one would only waste memory); the row's default else. */
static int take_page_size(struct step *s)
{
	const struct cp_arch *a = s->plan->arch;
	uint64_t ps = s->desc.page_size ? s->desc.page_size :
					  a->default_page_size;

	if (ps < a->page_size || ps > 0x200000 || ps & (ps - 1)) {
		cp_error(CP_DESC_AT(s->plan, "/:page-size"), bad_property,
			 "page-size = <0x%llx>: the page size of the kernels "
			 "that will load this, a power of two from 0x%llx "
			 "(%s's smallest) to 0x200000",
			 (unsigned long long)ps,
			 (unsigned long long)a->page_size, a->name);
		return -1;
	}
	s->plan->page_size = ps;
	return 0;
}

static int load_template(struct step *s)
{
	const struct cp_arch *a = s->plan->arch;
	const char *proto = s->desc.protocol, *datadir = s->in->datadir;
	struct cp_loc loc = cp_loc_at(s->plan->desc_file, "/:protocol");
	char *path;
	int elsewhere, err;

	if (!proto) {
		cp_error(&loc, missing_protocol,
			 "the description names no protocol; add protocol = "
			 "\"none\"; or a template's name (mkcodepage --list)");
		return -1;
	}
	s->plan->protocol = cp_xstrdup(proto);
	path = cp_protocol_path(datadir, a, proto, &elsewhere);
	if (!path && elsewhere) {
		cp_error(&loc, protocol_arch,
			 "protocol '%s' does not exist for arch %s", proto,
			 a->name);
		return -1;
	}
	if (!path) {
		cp_error(&loc, unknown_protocol,
			 "no protocol template '%s' for arch %s (in %s/%s/"
			 "templates or the shared %s/templates); these exist:",
			 proto, a->name, datadir, a->srcdir, datadir);
		cp_protocol_list(datadir, NULL, stderr);
		return -1;
	}
	cp_strlist_add(s->in->deps, path);
	err = cp_desc_load(&s->tmpl, path, s->in->workdir,
			   CP_TEMPLATE_COMPATIBLE, s->in->tmpl_map);
	free(path);
	return err;
}

/* memory, and the codepage's own: where it goes, whether it verifies. */
static int take_memory(struct step *s)
{
	struct cp_plan *p = s->plan;
	const struct cp_desc *d = &s->desc;

	if (d->nmemory > CP_MAX_MEMORY) {
		cp_error(CP_DESC_AT(p, "/:memory"), too_many_ranges,
			 "%d memory ranges; at most %d are taken, merge "
			 "adjacent ones",
			 d->nmemory, CP_MAX_MEMORY);
		return -1;
	}
	p->nmemory = d->nmemory;
	if (p->nmemory)
		memcpy(p->memory, d->memory,
		       sizeof(*p->memory) * (size_t)p->nmemory);
	p->codepage_fixed = d->has_codepage_load;
	p->verify = !d->no_verify;
	p->fixed_seeds = d->fixed_seeds;
	p->codepage_load = d->codepage_load;
	p->nseg = 1;
	p->seg[0].name = cp_xstrdup("codepage");
	p->seg[0].file = cp_xstrdup("codepage.bin");
	p->seg[0].loc = cp_loc_at(p->desc_file, "/codepage");
	return 0;
}

int cp_plan_take_registers(struct cp_plan *plan, const struct cp_desc *from)
{
	int err = 0;

	for (int i = 0; i < from->nregs; i++) {
		const struct cp_desc_reg *r = &from->regs[i];
		int idx = cp_arch_register(plan->arch, r->name);
		struct cp_regval *v;
		struct cp_loc loc = cp_loc_at(cp_plan_name(plan, r->file),
					      cp_plan_name(plan, r->node));

		if (idx < 0) {
			cp_error(&loc, unknown_register,
				 "'%s' is not a register of %s; its registers "
				 "are %s",
				 r->name, plan->arch->name,
				 plan->arch->register_summary);
			err = -1;
			continue;
		}
		v = &plan->regs[idx];
		free(v->expr);
		v->set = 1;
		v->value = r->value;
		v->expr = r->is_expr ? cp_xstrdup(r->expr) : NULL;
		v->loc = loc;
	}
	return err;
}

/* debug-uart: a console this arch's trampoline can print to, described
 * completely. */
static int take_uart(struct step *s)
{
	static const char *const names[] = { [CP_UART_NS16550] = "ns16550",
					     [CP_UART_PL011] = "pl011",
					     [CP_UART_SBI] = "sbi",
					     [CP_UART_NS16550_IO] =
						     "ns16550-io" };
	const struct cp_desc *d = &s->desc;
	const struct cp_arch *a = s->plan->arch;
	struct cp_uart *u = &s->plan->uart;
	struct cp_loc loc = cp_loc_at(s->plan->desc_file, d->uart_node);

	if (!d->uart_type)
		return 0;
	for (unsigned t = CP_UART_NS16550; t < CP_UART_TYPES; t++)
		if (!strcmp(d->uart_type, names[t]))
			u->type = (enum cp_uart_type)t;
	if (u->type == CP_UART_NONE || !(a->uarts & 1u << u->type)) {
		struct cp_strbuf known = { 0 };

		for (unsigned t = CP_UART_NS16550; t < CP_UART_TYPES; t++)
			if (a->uarts & 1u << t)
				cp_sb_printf(&known, " %s", names[t]);
		cp_error(&loc, debug_uart,
			 "%s cannot print to a debug-uart of type '%s'; it "
			 "knows:%s",
			 a->name, d->uart_type, known.s);
		cp_sb_free(&known);
		return -1;
	}
	u->addr = d->uart_address;
	u->shift = d->uart_shift;
	u->width = d->uart_width;
	if (u->type != CP_UART_SBI &&
	    (!d->uart_has_address || u->shift > 4 ||
	     (u->width != 1 && u->width != 4) || u->addr % u->width)) {
		cp_error(&loc, debug_uart,
			 "a %s needs address = <...>; (its registers), "
			 "reg-shift = <0> to <4> and "
			 "reg-io-width = <1> or <4>, the address a multiple "
			 "of the width",
			 names[u->type]);
		return -1;
	}
	if (u->type == CP_UART_NS16550_IO &&
	    (u->addr > 0xfff8 || u->shift || u->width != 1)) {
		cp_error(&loc, debug_uart,
			 "an ns16550-io has its eight registers at an I/O port "
			 "address (0x3f8 for COM1) below 0xfff9, byte-wide and "
			 "adjacent (reg-shift 0, reg-io-width 1)");
		return -1;
	}
	return 0;
}

/* The segment the destination gets as its device tree: the description's
 * choice, else the protocol's; none when neither names one. */
static void take_tree(struct step *s)
{
	struct cp_plan *p = s->plan;
	const struct cp_desc *by = s->desc.device_tree ? &s->desc : &s->tmpl;
	char *who;

	if (!by->device_tree)
		return;
	p->tree = cp_xstrdup(by->device_tree);
	who = by == &s->desc ? cp_xstrdup("the description") :
			       cp_xasprintf("protocol '%s'", p->protocol);
	p->tree_by = cp_plan_name(p, who);
	free(who);
	p->tree_loc = cp_loc_at(cp_plan_name(p, by->file), "/:device-tree");
}

static int take(struct step *s)
{
	struct cp_plan *p = s->plan;

	for (int i = 0; i < s->desc.deps.n; i++)
		cp_strlist_add(s->in->deps, s->desc.deps.v[i]);
	if (choose_arch(s) || take_page_size(s) || load_template(s) ||
	    take_memory(s))
		return -1;
	if (s->desc.preamble_source)
		p->preamble = cp_xstrdup(s->desc.preamble_source);
	take_tree(s);
	if (cp_plan_take_registers(p, &s->tmpl) ||
	    cp_plan_take_registers(p, &s->desc) || take_uart(s))
		return -1;
	p->req = s->desc.req;
	memset(&s->desc.req, 0, sizeof(s->desc.req));
	return 0;
}

int cp_plan_from_desc(struct cp_plan *plan, const struct cp_fromdesc *in)
{
	struct step s = { .plan = plan, .in = in };
	int err;

	plan->desc_file = cp_plan_name(plan, in->desc);
	cp_strlist_add(in->deps, in->desc);
	err = cp_desc_load(&s.desc, in->desc, in->workdir, CP_DESC_COMPATIBLE,
			   in->desc_map) ||
	      take(&s);
	cp_desc_free(&s.desc);
	cp_desc_free(&s.tmpl);
	return err ? -1 : 0;
}
