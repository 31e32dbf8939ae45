/* SPDX-License-Identifier: MIT */
/*
 * protocol.h - where a protocol's template is.
 *
 * An arch owns the templates in arch/<arch>/templates/ (linux-epapr is
 * ppc32-e500's alone) and takes the shared ones in templates/ that its row
 * lists in shared_templates ("none"): a new arch brings its own and names
 * the shared ones it takes, without editing either.
 */
#ifndef CP_PROTOCOL_H
#define CP_PROTOCOL_H

#include <stdio.h>

#include "arch.h"

/*
 * The template of protocol name for arch a, as a fresh path, or NULL:
 * then *elsewhere is 1 if some other arch has a protocol of that name.
 * Names with a '/' or starting with '.' are no protocol's.
 */
char *cp_protocol_path(const char *datadir, const struct cp_arch *a,
		       const char *name, int *elsewhere);

/* Each protocol, sorted by name: its arches and its template's summary.
 * workdir is where template sources are compiled. */
void cp_protocol_list(const char *datadir, const char *workdir, FILE *out);

#endif
