/* SPDX-License-Identifier: MIT */
/*
 * fromdesc.h - the description and its protocol template turned into the
 * plan: the one step that reads them.
 *
 * It reads the description, chooses the arch, reads the protocol's
 * template, takes what both say into the plan's own fields (memory, page
 * size, codepage placement, registers, the debug-uart, the preamble, the
 * device tree the destination gets) and moves what the later steps act on
 * into plan->req (request.h). Both are freed before it returns: nothing
 * after it reads or writes a description.
 */
#ifndef CP_FROMDESC_H
#define CP_FROMDESC_H

#include "plan.h"
#include "srcmap.h"
#include "util.h"

struct cp_desc;

struct cp_fromdesc {
	const char *desc; /* the description's path, as given */
	const char *arch; /* --arch: checked against the description's, or
			   * NULL */
	const char *datadir; /* where templates are (protocol.h) */
	const char *workdir; /* where sources are compiled */
	struct cp_strlist *deps; /* gets every file read */
	/* the lines of the description's and the template's nodes, for
	 * messages after the step (diag.h's locator) */
	struct cp_srcmap *desc_map, *tmpl_map;
};

/* Fill PLAN from the description IN names. 0, or -1 after reporting. */
int cp_plan_from_desc(struct cp_plan *plan, const struct cp_fromdesc *in);

/*
 * Part of the step: the register values FROM gives (the template's are
 * taken first, then the description's). Unknown register names are
 * errors. Values stay symbolic until cp_plan_resolve_registers().
 */
int cp_plan_take_registers(struct cp_plan *plan, const struct cp_desc *from);

#endif
