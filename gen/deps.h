/* SPDX-License-Identifier: MIT */
/*
 * deps.h - the inputs that the programs we run read (an /include/d file,
 * an .include), from the depfiles they write, so that mkcodepage's own
 * depfile (output.c) names them. The two quote names differently.
 */
#ifndef CP_DEPS_H
#define CP_DEPS_H

#include "util.h"

/*
 * GNU as --MD: "OUT: name name \" in make's quoting (a space, tab, '#' or
 * ':' after a backslash, '$' doubled). Adds each name to L; an unreadable
 * file adds nothing.
 */
void cp_deps_read_as(const char *path, struct cp_strlist *l);

/*
 * dtc -d: "OUT: name name" with names unquoted, one space before each, so a
 * space in a name splits it: the pieces are joined again, the longest run
 * of them that names an existing file first. OUT is the output dtc was
 * given. Adds each name to L.
 */
void cp_deps_read_dtc(const char *path, const char *out, struct cp_strlist *l);

#endif
