// SPDX-License-Identifier: MIT
/* image.c - see image.h. */
#include "image.h"
#include "diag.h"
#include "util.h"
#include "arch.h"

#include <errno.h>
#include <gelf.h>
#include <stdlib.h>
#include <string.h>

static int flatten(Elf *elf, const unsigned char *file, size_t flen,
		   struct cp_image *img)
{
	size_t phnum;
	uint64_t lo = UINT64_MAX, hi = 0;

	if (elf_getphdrnum(elf, &phnum))
		return -1;
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < phnum; i++) {
			GElf_Phdr ph;

			if (!gelf_getphdr(elf, (int)i, &ph))
				return -1;
			if (ph.p_type != PT_LOAD || !ph.p_memsz)
				continue;
			if (ph.p_offset + ph.p_filesz > flen)
				return -1;
			if (pass == 0) {
				if (ph.p_paddr < lo)
					lo = ph.p_paddr;
				if (ph.p_paddr + ph.p_memsz > hi)
					hi = ph.p_paddr + ph.p_memsz;
			} else {
				memcpy(img->bytes + (ph.p_paddr - lo),
				       file + ph.p_offset, ph.p_filesz);
			}
		}
		if (pass == 0) {
			if (lo >= hi || hi - lo > (1u << 24))
				return -1;
			img->base = lo;
			img->size = hi - lo;
			img->bytes = cp_xcalloc(1, img->size);
		}
	}
	return 0;
}

/* 1 if a defined global or weak symbol name exists. */
static int find_global(Elf *elf, const char *want, uint64_t *value)
{
	Elf_Scn *scn = NULL;

	while ((scn = elf_nextscn(elf, scn))) {
		size_t symsz = gelf_fsize(elf, ELF_T_SYM, 1, EV_CURRENT);
		GElf_Shdr sh;
		Elf_Data *d;

		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_SYMTAB ||
		    !(d = elf_getdata(scn, NULL)) || !symsz)
			continue;
		/* counted from the data: the header's sh_entsize may be 0 */
		for (size_t i = 1; i < d->d_size / symsz; i++) {
			GElf_Sym sym;
			const char *name;

			if (!gelf_getsym(d, (int)i, &sym) ||
			    sym.st_shndx == SHN_UNDEF ||
			    GELF_ST_BIND(sym.st_info) == STB_LOCAL)
				continue;
			name = elf_strptr(elf, sh.sh_link, sym.st_name);
			if (name && !strcmp(name, want)) {
				*value = sym.st_value;
				return 1;
			}
		}
	}
	return 0;
}

static int find_symbols(Elf *elf, const char *const *names, uint64_t *values,
			const struct cp_loc *loc)
{
	int err = 0;

	for (int k = 0; names[k]; k++)
		if (!find_global(elf, names[k], &values[k])) {
			cp_error(loc, missing_symbol,
				 "the codepage has no symbol '%s'", names[k]);
			err = -1;
		}
	return err;
}

/* Read path whole and open it with libelf; the caller frees *file. */
static Elf *open_elf(const char *path, const struct cp_loc *loc,
		     unsigned char **file, size_t *len)
{
	*file = cp_read_file(path, len);
	if (!*file) {
		cp_error(loc, missing_file, "cannot read: %s", strerror(errno));
		return NULL;
	}
	elf_version(EV_CURRENT);
	return elf_memory((char *)*file, *len);
}

int cp_image_read(const char *path, const char *display,
		  const char *const *names, uint64_t *values,
		  struct cp_image *img)
{
	struct cp_loc loc = { .file = display };
	size_t len;
	unsigned char *file;
	Elf *elf;
	int err;

	memset(img, 0, sizeof(*img));
	elf = open_elf(path, &loc, &file, &len);
	if (!file)
		return -1;
	if (!elf || elf_kind(elf) != ELF_K_ELF ||
	    flatten(elf, file, len, img)) {
		cp_error(&loc, bad_elf, "cannot read the linked codepage: %s",
			 elf_errmsg(-1));
		err = -1;
	} else {
		err = find_symbols(elf, names, values, &loc);
	}
	if (elf)
		elf_end(elf);
	free(file);
	if (err)
		cp_image_free(img);
	return err;
}

int cp_image_symbols(const char *path, const char *display,
		     const char *const *names, uint64_t *values, int *found)
{
	struct cp_loc loc = { .file = display };
	size_t len;
	unsigned char *file;
	Elf *elf = open_elf(path, &loc, &file, &len);

	if (!file)
		return -1;
	if (!elf || elf_kind(elf) != ELF_K_ELF) {
		cp_error(&loc, bad_elf, "cannot read the linked codepage: %s",
			 elf_errmsg(-1));
		if (elf)
			elf_end(elf);
		free(file);
		return -1;
	}
	for (int k = 0; names[k]; k++)
		found[k] = find_global(elf, names[k], &values[k]);
	elf_end(elf);
	free(file);
	return 0;
}

void cp_image_free(struct cp_image *img)
{
	free(img->bytes);
	memset(img, 0, sizeof(*img));
}

int cp_object_check(const char *path, const struct cp_arch *arch,
		    const char *symbol)
{
	struct cp_loc loc = { .file = path };
	size_t len;
	unsigned char *file;
	Elf *elf = open_elf(path, &loc, &file, &len);
	GElf_Ehdr eh;
	int err = -1;

	if (!file)
		return -1;
	if (!elf || !gelf_getehdr(elf, &eh)) {
		cp_error(&loc, bad_elf, "not an ELF object: %s",
			 elf_errmsg(-1));
	} else if (cp_arch_check_identity(
			   arch, eh.e_machine, eh.e_ident[EI_CLASS],
			   eh.e_ident[EI_DATA], &loc, "the object") == 0) {
		uint64_t v;

		err = find_global(elf, symbol, &v) ? 0 : -1;
		if (err)
			cp_error(&loc, preamble_symbol,
				 "defines no global symbol '%s': a custom "
				 "preamble starts there (add .globl %s)",
				 symbol, symbol);
	}
	if (elf)
		elf_end(elf);
	free(file);
	return err;
}
