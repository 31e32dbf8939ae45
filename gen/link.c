// SPDX-License-Identifier: MIT
/* link.c - see link.h. */
#include "link.h"
#include "diag.h"
#include "child.h"
#include "deps.h"

#include <stdlib.h>
#include <string.h>

/* What to install for the arch's assembler and linker, for messages. */
static const char *package_hint(const struct cp_arch *arch)
{
	static char hint[160];

	snprintf(hint, sizeof(hint), "Debian package %s",
		 arch->binutils_package);
	return hint;
}

int cp_toolchain_find(const struct cp_arch *arch, const char *prefix,
		      struct cp_toolchain *tc)
{
	memset(tc, 0, sizeof(*tc));
	if (prefix) {
		tc->as = cp_xasprintf("%sas", prefix);
		tc->ld = cp_xasprintf("%sld", prefix);
		if (cp_have_program(tc->as) && cp_have_program(tc->ld))
			return 0;
		cp_error(NULL, missing_tool,
			 "--cross-compile %s: no %s and %s in PATH", prefix,
			 tc->as, tc->ld);
		cp_toolchain_free(tc);
		return -1;
	}
	for (int i = 0; arch->cross_prefixes[i]; i++) {
		tc->as = cp_xasprintf("%sas", arch->cross_prefixes[i]);
		tc->ld = cp_xasprintf("%sld", arch->cross_prefixes[i]);
		if (cp_have_program(tc->as) && cp_have_program(tc->ld))
			return 0;
		cp_toolchain_free(tc);
	}
	cp_error(NULL, missing_tool,
		 "no GNU assembler and linker for %s (tried %sas and others); "
		 "install the %s or give --cross-compile PREFIX",
		 arch->name, arch->cross_prefixes[0], package_hint(arch));
	return -1;
}

void cp_toolchain_free(struct cp_toolchain *tc)
{
	free(tc->as);
	free(tc->ld);
	tc->as = tc->ld = NULL;
}

/* A tool the linking steps run: by name in PATH, or a path made absolute
 * (they run in the output's directory, cp_spawn_in). */
static char *tool(const char *name)
{
	return strchr(name, '/') ? cp_path_absolute(name) : cp_xstrdup(name);
}

int cp_assemble(const struct cp_toolchain *tc, const struct cp_arch *arch,
		const char *datadir, const char *src, const char *obj,
		struct cp_strlist *deps)
{
	char *data = cp_path_absolute(datadir);
	char *inc = cp_xasprintf("%s/%s", data, arch->srcdir);
	char *shared = cp_xasprintf("%s/arch", data); /* blob.inc */
	char *as = tool(tc->as), *in = cp_path_absolute(src);
	char *out = cp_path_absolute(obj), *dir = cp_dirname(out);
	char *dep = cp_xasprintf("%s.d", out);
	char *argv[32];
	int n = 0, st;

	argv[n++] = as;
	for (int i = 0; arch->as_flags[i] && n < 24; i++)
		argv[n++] = (char *)arch->as_flags[i];
	argv[n++] = "-I";
	argv[n++] = inc;
	argv[n++] = "-I";
	argv[n++] = shared;
	argv[n++] = "--MD";
	argv[n++] = dep;
	argv[n++] = "-o";
	argv[n++] = out;
	argv[n++] = in;
	argv[n] = NULL;
	st = cp_spawn_in(dir, argv, NULL, package_hint(arch));
	if (st > 0)
		cp_error(&(struct cp_loc){ .file = src }, assemble,
			 "the assembler rejected this source (messages above)");
	else if (st == 0 && deps)
		cp_deps_read_as(dep, deps);
	free(data);
	free(inc);
	free(shared);
	free(as);
	free(in);
	free(out);
	free(dir);
	free(dep);
	return st == 0 ? 0 : -1;
}

int cp_link(const struct cp_toolchain *tc, const struct cp_arch *arch,
	    const char *datadir, const struct cp_strlist *objs, uint64_t base,
	    const char *out)
{
	char *data = cp_path_absolute(datadir);
	char *script =
		cp_xasprintf("%s/%s/%s", data, arch->srcdir, arch->ldscript);
	char *shared = cp_xasprintf("-L%s/ldscripts", data);
	char *defsym = cp_xasprintf("--defsym=__codepage_base=0x%llx",
				    (unsigned long long)base);
	char *ld = tool(tc->ld), *elf = cp_path_absolute(out);
	char *dir = cp_dirname(elf);
	struct cp_strlist in = { 0 };
	char **argv = cp_xcalloc((size_t)objs->n + 32, sizeof(*argv));
	int n = 0, st;

	for (int i = 0; i < objs->n; i++) {
		char *o = cp_path_absolute(objs->v[i]);

		cp_strlist_add(&in, o);
		free(o);
	}
	argv[n++] = ld;
	argv[n++] = "-m";
	argv[n++] = (char *)arch->ld_emulation;
	argv[n++] = shared; /* where INCLUDE finds the shared base */
	argv[n++] = "-T";
	argv[n++] = script;
	argv[n++] = defsym;
	argv[n++] = "--emit-relocs";
	argv[n++] = "--orphan-handling=error";
	argv[n++] = "-static";
	argv[n++] = "-nostdlib";
	argv[n++] = "--build-id=none";
	argv[n++] = "--no-undefined";
	for (int i = 0; arch->ld_flags && arch->ld_flags[i]; i++)
		argv[n++] = (char *)arch->ld_flags[i];
	argv[n++] = "-o";
	argv[n++] = elf;
	for (int i = 0; i < in.n; i++)
		argv[n++] = in.v[i];
	argv[n] = NULL;
	st = cp_spawn_in(dir, argv, NULL, package_hint(arch));
	if (st > 0)
		cp_error(NULL, link,
			 "linking the codepage failed (the linker says why "
			 "above)");
	free(data);
	free(script);
	free(defsym);
	free(shared);
	free(ld);
	free(elf);
	free(dir);
	cp_strlist_free(&in);
	free(argv);
	return st == 0 ? 0 : -1;
}

void cp_link_deps(const struct cp_arch *arch, const char *datadir,
		  struct cp_strlist *deps)
{
	char *script =
		cp_xasprintf("%s/%s/%s", datadir, arch->srcdir, arch->ldscript);
	char *shared = cp_xasprintf("%s/ldscripts/codepage-base.ld", datadir);

	cp_strlist_add(deps, script);
	cp_strlist_add(deps, shared);
	free(script);
	free(shared);
}
