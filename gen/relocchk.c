// SPDX-License-Identifier: MIT
/* relocchk.c - see relocchk.h. */
#include "relocchk.h"
#include "diag.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

struct scan {
	Elf *elf;
	const char *display;
	const struct cp_arch *arch;
	Elf_Scn *symtab;
	GElf_Ehdr eh;
	struct cp_relocchk_result *res;
};

static const char *sym_name(const struct scan *s, Elf_Scn *symtab, size_t idx,
			    GElf_Sym *sym)
{
	GElf_Shdr sh;
	Elf_Data *d;
	const char *name;

	if (!symtab || !gelf_getshdr(symtab, &sh) ||
	    !(d = elf_getdata(symtab, NULL)) || !gelf_getsym(d, (int)idx, sym))
		return NULL;
	name = elf_strptr(s->elf, sh.sh_link, sym->st_name);
	if (name && !*name && GELF_ST_TYPE(sym->st_info) == STT_SECTION) {
		size_t shstrndx;
		GElf_Shdr ts;
		Elf_Scn *t = elf_getscn(s->elf, sym->st_shndx);

		if (t && gelf_getshdr(t, &ts) &&
		    !elf_getshdrstrndx(s->elf, &shstrndx))
			name = elf_strptr(s->elf, shstrndx, ts.sh_name);
	}
	return name;
}

/* "label+0x1c" for the place: the nearest symbol at or below it. */
static void place_name(const struct scan *s, size_t target, uint64_t off,
		       const char *secname, char *buf, size_t len)
{
	const char *best = NULL;
	uint64_t best_val = 0;
	GElf_Shdr sh;
	Elf_Data *d;

	if (s->symtab && gelf_getshdr(s->symtab, &sh) &&
	    (d = elf_getdata(s->symtab, NULL))) {
		size_t n = sh.sh_size / (sh.sh_entsize ? sh.sh_entsize : 1);

		for (size_t i = 1; i < n; i++) {
			GElf_Sym sym;
			const char *name;

			if (!gelf_getsym(d, (int)i, &sym) ||
			    sym.st_shndx != target || sym.st_value > off ||
			    GELF_ST_TYPE(sym.st_info) == STT_SECTION ||
			    GELF_ST_TYPE(sym.st_info) == STT_FILE)
				continue;
			name = elf_strptr(s->elf, sh.sh_link, sym.st_name);
			if (!name || !*name ||
			    (best && sym.st_value < best_val))
				continue;
			/* prefer global names over local labels at a tie */
			if (best && sym.st_value == best_val &&
			    GELF_ST_BIND(sym.st_info) == STB_LOCAL)
				continue;
			best = name;
			best_val = sym.st_value;
		}
	}
	if (best)
		snprintf(buf, len, "%s+0x%llx", best,
			 (unsigned long long)(off - best_val));
	else
		snprintf(buf, len, "%s+0x%llx", secname,
			 (unsigned long long)off);
}

static int allowed(const struct cp_arch *a, const char *name)
{
	for (int i = 0; name && a->abs_allowed[i]; i++)
		if (!strcmp(a->abs_allowed[i], name))
			return 1;
	return 0;
}

static void check_one(struct scan *s, const GElf_Shdr *rsh, uint64_t r_offset,
		      uint64_t r_info, int64_t addend)
{
	/* gelf hands every class its 64-bit r_info layout */
	unsigned type = (unsigned)GELF_R_TYPE(r_info);
	size_t symidx = GELF_R_SYM(r_info);
	const struct cp_reloc_type *rt = cp_arch_reloc(s->arch, type);
	Elf_Scn *symtab = elf_getscn(s->elf, rsh->sh_link);
	GElf_Sym sym = { 0 };
	const char *sname = symidx ? sym_name(s, symtab, symidx, &sym) : NULL;
	size_t shstrndx, tsec = rsh->sh_info;
	GElf_Shdr tsh;
	const char *secname = "?";
	char place[256];
	uint64_t off = r_offset;
	struct cp_loc loc = { .file = s->display, .where = place };
	char target[256];

	s->res->checked++;
	if (rt && rt->kind != CP_RELOC_ABS)
		return;
	if (rt && allowed(s->arch, sname))
		return;
	if (!elf_getshdrstrndx(s->elf, &shstrndx) && tsec &&
	    gelf_getshdr(elf_getscn(s->elf, tsec), &tsh)) {
		secname = elf_strptr(s->elf, shstrndx, tsh.sh_name);
		/* executables give addresses; symbols too, so no rebase */
	}
	place_name(s, tsec, off, secname ? secname : "?", place, sizeof(place));
	/* a local label is reached through its section: name the label */
	if (symidx && GELF_ST_TYPE(sym.st_info) == STT_SECTION)
		place_name(s, sym.st_shndx, sym.st_value + (uint64_t)addend,
			   sname ? sname : "?", target, sizeof(target));
	else
		snprintf(target, sizeof(target), "%s",
			 sname && *sname ? sname : "(none)");
	s->res->bad++;
	if (rt)
		cp_error(&loc, abs_reloc,
			 "%s against '%s' in %s is absolute: the code would "
			 "only work at its link address",
			 rt->name, target, secname);
	else
		cp_error(&loc, unknown_reloc,
			 "relocation type %u against '%s' in %s is not in the "
			 "%s relocation table, so it cannot be proven "
			 "position-independent",
			 type, target, secname, s->arch->name);
}

static int loaded_target(Elf *elf, const GElf_Shdr *rsh)
{
	GElf_Shdr tsh;
	Elf_Scn *t;

	if (rsh->sh_flags & SHF_ALLOC)
		return 1; /* dynamic relocations are applied at load time */
	t = rsh->sh_info ? elf_getscn(elf, rsh->sh_info) : NULL;
	return t && gelf_getshdr(t, &tsh) && (tsh.sh_flags & SHF_ALLOC);
}

static int scan_sections(struct scan *s, size_t *nchecked)
{
	Elf_Scn *scn = NULL;

	*nchecked = 0;
	while ((scn = elf_nextscn(s->elf, scn))) {
		GElf_Shdr sh;

		if (!gelf_getshdr(scn, &sh))
			return -1;
		if (sh.sh_type == SHT_SYMTAB)
			s->symtab = scn;
	}
	while ((scn = elf_nextscn(s->elf, scn))) {
		GElf_Shdr sh;
		Elf_Data *d;
		size_t n;

		if (!gelf_getshdr(scn, &sh) ||
		    (sh.sh_type != SHT_RELA && sh.sh_type != SHT_REL))
			continue;
		if (!loaded_target(s->elf, &sh))
			continue;
		if (!(d = elf_getdata(scn, NULL)))
			return -1;
		n = sh.sh_size / (sh.sh_entsize ? sh.sh_entsize : 1);
		*nchecked += n;
		for (size_t i = 0; i < n; i++) {
			GElf_Rela ra;
			GElf_Rel r;

			if (sh.sh_type == SHT_RELA) {
				if (!gelf_getrela(d, (int)i, &ra))
					return -1;
				check_one(s, &sh, ra.r_offset, ra.r_info,
					  ra.r_addend);
			} else {
				if (!gelf_getrel(d, (int)i, &r))
					return -1;
				check_one(s, &sh, r.r_offset, r.r_info, 0);
			}
		}
	}
	return 0;
}

static int choose_arch(struct scan *s)
{
	char have[64];

	if (!gelf_getehdr(s->elf, &s->eh))
		return -1;
	if (!s->arch) {
		s->arch = cp_arch_by_elf(s->eh.e_machine,
					 s->eh.e_ident[EI_CLASS],
					 s->eh.e_ident[EI_DATA]);
		if (!s->arch) {
			cp_error(&(struct cp_loc){ .file = s->display },
				 unsupported_arch,
				 "%s: no mkcodepage backend for this machine",
				 cp_elf_identity(s->eh.e_machine,
						 s->eh.e_ident[EI_CLASS],
						 s->eh.e_ident[EI_DATA], have,
						 sizeof(have)));
			return 1;
		}
	}
	return 0;
}

int cp_relocchk(const char *path, const char *display,
		const struct cp_arch *arch, struct cp_relocchk_result *res)
{
	struct scan s = { .display = display, .arch = arch, .res = res };
	struct cp_loc loc = { .file = display };
	size_t nchecked = 0;
	int fd, st;

	memset(res, 0, sizeof(*res));
	elf_version(EV_CURRENT);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		cp_error(&loc, missing_file, "cannot open: %s",
			 strerror(errno));
		return -1;
	}
	s.elf = elf_begin(fd, ELF_C_READ, NULL);
	if (!s.elf || elf_kind(s.elf) != ELF_K_ELF) {
		cp_error(&loc, bad_elf, "not an ELF file: %s", elf_errmsg(-1));
		goto fail;
	}
	st = choose_arch(&s);
	if (st < 0)
		cp_error(&loc, bad_elf, "unreadable ELF header: %s",
			 elf_errmsg(-1));
	if (st)
		goto fail;
	res->arch = s.arch;
	if (scan_sections(&s, &nchecked)) {
		cp_error(&loc, bad_elf, "unreadable section: %s",
			 elf_errmsg(-1));
		goto fail;
	}
	/* sections that are empty, or relocate what is never loaded, prove
	 * nothing: an executable linked without --emit-relocs can have them */
	if (nchecked == 0 && s.eh.e_type != ET_REL) {
		cp_error(&loc, no_relocs,
			 "an executable with no relocations of its loaded "
			 "sections cannot be checked; link it with "
			 "--emit-relocs (or check its object files)");
		res->bad++;
	}
	elf_end(s.elf);
	close(fd);
	return 0;
fail:
	if (s.elf)
		elf_end(s.elf);
	close(fd);
	return -1;
}
