// SPDX-License-Identifier: MIT
/* kernel.c - see kernel.h. */
#include "kernel.h"
#include "decompress.h"
#include "util.h"

#include <gelf.h>
#include <stdlib.h>
#include <string.h>

struct load {
	uint64_t paddr, vaddr, filesz, memsz, offset;
	int exec;
};

static int compare_paddr(const void *a, const void *b)
{
	const struct load *x = a, *y = b;

	return x->paddr < y->paddr ? -1 : x->paddr > y->paddr;
}

static int check_identity(const struct cp_plan *plan, Elf *elf,
			  const struct cp_elf_identity *also,
			  const struct cp_loc *loc)
{
	const struct cp_arch *a = plan->arch;
	GElf_Ehdr eh;

	if (!gelf_getehdr(elf, &eh)) {
		cp_error(loc, bad_elf, "unreadable ELF header: %s",
			 elf_errmsg(-1));
		return -1;
	}
	if (!(also && eh.e_machine == also->machine &&
	      eh.e_ident[EI_CLASS] == also->cls &&
	      eh.e_ident[EI_DATA] == also->data) &&
	    cp_arch_check_identity(a, eh.e_machine, eh.e_ident[EI_CLASS],
				   eh.e_ident[EI_DATA], loc, "the kernel"))
		return -1;
	if (eh.e_type != ET_EXEC && eh.e_type != ET_DYN) {
		cp_error(loc, bad_elf,
			 "the kernel is an ELF of type %u, not an executable; "
			 "link it first",
			 eh.e_type);
		return -1;
	}
	return 0;
}

/* Collect PT_LOADs with memory; -1 on a truncated or bad table. */
static int collect_loads(Elf *elf, size_t flen, uint64_t plan_limit,
			 struct load **out, int *n, const struct cp_loc *loc)
{
	size_t phnum;

	*out = NULL;
	*n = 0;
	if (elf_getphdrnum(elf, &phnum)) {
		cp_error(loc, bad_elf, "no program headers: %s",
			 elf_errmsg(-1));
		return -1;
	}
	for (size_t i = 0; i < phnum; i++) {
		GElf_Phdr ph;

		if (!gelf_getphdr(elf, (int)i, &ph)) {
			cp_error(loc, bad_elf,
				 "program header %zu unreadable (truncated "
				 "file?): %s",
				 i, elf_errmsg(-1));
			return -1;
		}
		if (ph.p_type != PT_LOAD || ph.p_memsz == 0)
			continue;
		if (ph.p_filesz > ph.p_memsz || ph.p_offset > flen ||
		    ph.p_filesz > flen - ph.p_offset) {
			cp_error(loc, bad_elf,
				 "PT_LOAD %zu (offset 0x%llx, %llu bytes) lies "
				 "beyond the file's %zu bytes: truncated?",
				 i, (unsigned long long)ph.p_offset,
				 (unsigned long long)ph.p_filesz, flen);
			return -1;
		}
		if (ph.p_paddr + ph.p_memsz < ph.p_paddr) {
			cp_error(loc, address_overflow,
				 "PT_LOAD %zu wraps around the address space",
				 i);
			return -1;
		}
		*out = cp_xrealloc(*out, sizeof(**out) * (size_t)(*n + 1));
		(*out)[(*n)++] = (struct load){
			.paddr = ph.p_paddr,
			.vaddr = ph.p_vaddr,
			.filesz = ph.p_filesz,
			.memsz = ph.p_memsz,
			.offset = ph.p_offset,
			.exec = !!(ph.p_flags & PF_X),
		};
	}
	if (*n == 0) {
		cp_error(loc, bad_elf, "the kernel has no PT_LOAD to place");
		return -1;
	}
	for (int i = 0; i < *n; i++)
		if ((*out)[i].paddr >= plan_limit) {
			cp_error(
				loc, virtual_paddr,
				"PT_LOAD at physical 0x%llx is beyond what the "
				"arch can address: a vmlinux linked at virtual "
				"addresses? Give the kernel's Image (or a raw "
				"binary with kernel { load; entry; })",
				(unsigned long long)(*out)[i].paddr);
			return -1;
		}
	return 0;
}

/*
 * Loads sorted by paddr may share a page (merged below) but not a byte: a
 * later one would overwrite an earlier one's bytes, its entry code say,
 * and which wins would be our order's choice, not the linker's.
 */
static int check_disjoint(const struct load *ld, int n,
			  const struct cp_loc *loc)
{
	int far = 0; /* the load that reaches highest so far */

	for (int i = 1; i < n; i++) {
		uint64_t reach = ld[far].paddr + ld[far].memsz;

		if (reach > ld[i].paddr) {
			cp_error(loc, segment_overlap,
				 "PT_LOADs at physical 0x%llx (0x%llx bytes) "
				 "and 0x%llx overlap: relink the kernel",
				 (unsigned long long)ld[far].paddr,
				 (unsigned long long)ld[far].memsz,
				 (unsigned long long)ld[i].paddr);
			return -1;
		}
		if (ld[i].paddr + ld[i].memsz > reach)
			far = i;
	}
	return 0;
}

/* Merge loads whose pages overlap into one segment each. */
static int add_segments(struct cp_plan *plan, const unsigned char *file,
			struct load *ld, int n, const struct cp_loc *loc)
{
	uint64_t page = plan->page_size;
	int part = 0;

	qsort(ld, (size_t)n, sizeof(*ld), compare_paddr);
	if (check_disjoint(ld, n, loc))
		return -1;
	for (int i = 0; i < n;) {
		uint64_t mem = cp_align_down(ld[i].paddr, page);
		uint64_t end = cp_align_up(ld[i].paddr + ld[i].memsz, page);
		uint64_t fend = ld[i].paddr + ld[i].filesz;
		int j = i + 1, exec = ld[i].exec;
		unsigned char *buf;
		char name[32];
		struct cp_segment *s;

		while (j < n && cp_align_down(ld[j].paddr, page) < end) {
			uint64_t e =
				cp_align_up(ld[j].paddr + ld[j].memsz, page);

			if (e > end)
				end = e;
			if (ld[j].filesz && ld[j].paddr + ld[j].filesz > fend)
				fend = ld[j].paddr + ld[j].filesz;
			exec |= ld[j].exec;
			j++;
		}
		if (end - mem > (uint64_t)1 << 32) {
			cp_error(loc, bad_elf,
				 "PT_LOAD at 0x%llx spans 0x%llx bytes: not a "
				 "kernel a codepage can place",
				 (unsigned long long)mem,
				 (unsigned long long)(end - mem));
			return -1;
		}
		buf = cp_xcalloc(1, fend - mem);
		for (int k = i; k < j; k++)
			memcpy(buf + (ld[k].paddr - mem), file + ld[k].offset,
			       ld[k].filesz);
		snprintf(name, sizeof(name), "kernel.%d", part++);
		s = cp_plan_add(plan, name, mem, buf, fend - mem, end - mem,
				loc);
		if (!s)
			return -1;
		s->data_off = ld[i].paddr - mem;
		s->size = fend - ld[i].paddr;
		s->exec = exec;
		i = j;
	}
	return 0;
}

static int translate_entry(struct cp_plan *plan, Elf *elf,
			   const struct load *ld, int n,
			   const struct cp_loc *loc)
{
	GElf_Ehdr eh;

	gelf_getehdr(elf, &eh);
	for (int i = 0; i < n; i++)
		if (eh.e_entry >= ld[i].vaddr &&
		    eh.e_entry - ld[i].vaddr < ld[i].memsz) {
			plan->entry = eh.e_entry - ld[i].vaddr + ld[i].paddr;
			return 0;
		}
	cp_error(loc, bad_entry,
		 "the entry 0x%llx lies in no PT_LOAD of the kernel; give "
		 "kernel { entry = <...>; }",
		 (unsigned long long)eh.e_entry);
	return -1;
}

int cp_kernel_load_elf(struct cp_plan *plan, const unsigned char *file,
		       size_t len, const struct cp_elf_identity *also,
		       const struct cp_loc *loc)
{
	Elf *elf;
	struct load *ld = NULL;
	int n = 0, err;

	elf_version(EV_CURRENT);
	elf = elf_memory((char *)file, len);
	if (!elf || elf_kind(elf) != ELF_K_ELF) {
		cp_error(loc, bad_elf, "not a readable ELF file: %s",
			 elf_errmsg(-1));
		if (elf)
			elf_end(elf);
		return -1;
	}
	err = check_identity(plan, elf, also, loc) ||
	      collect_loads(elf, len, plan->arch->addr_limit, &ld, &n, loc) ||
	      add_segments(plan, file, ld, n, loc);
	if (!err && plan->req.kernel.has_entry) {
		plan->entry = plan->req.kernel.entry;
		plan->entry_loc = cp_loc_at(plan->desc_file, "/kernel:entry");
	} else if (!err)
		err = translate_entry(plan, elf, ld, n, loc);
	if (!err && plan->req.kernel.has_load)
		cp_warn(CP_DESC_AT(plan, "/kernel"), unused_property,
			"kernel { load } is ignored: an ELF kernel is placed "
			"at its own physical addresses");
	free(ld);
	elf_end(elf);
	return err ? -1 : 0;
}

int cp_kernel_place(const struct cp_plan *plan, uint64_t align, uint64_t off,
		    uint64_t size, uint64_t *load)
{
	int found = 0;

	for (int i = 0; i < plan->nmemory; i++) {
		const struct cp_range *m = &plan->memory[i];
		uint64_t end = m->base + m->size;
		uint64_t b =
			cp_align_up(m->base > off ? m->base - off : 0, align);

		for (; b + off >= m->base && b + off + size <= end; b += align)
			if (!cp_plan_obstacle(plan, b + off, size, NULL)) {
				if (!found || b + off < *load)
					*load = b + off;
				found = 1;
				break;
			}
	}
	return found ? 0 : -1;
}

/*
 * The first of arch's image formats file is in, or NULL: of the formats
 * any protocol may take (bound 0), or of all of them (bound 1).
 */
static const struct cp_image_format *format_of(const struct cp_arch *a,
					       const unsigned char *file,
					       size_t len, int bound)
{
	for (int i = 0; a->image_formats && a->image_formats[i]; i++) {
		const struct cp_image_format *f = a->image_formats[i];

		if ((bound || !f->protocol) && f->recognize(f, file, len))
			return f;
	}
	return NULL;
}

/* The arch's format bound to protocol (its kernels are only that), or NULL. */
static const struct cp_image_format *protocol_format(const struct cp_arch *a,
						     const char *protocol)
{
	for (int i = 0; protocol && a->image_formats && a->image_formats[i];
	     i++)
		if (a->image_formats[i]->protocol &&
		    !strcmp(a->image_formats[i]->protocol, protocol))
			return a->image_formats[i];
	return NULL;
}

/*
 * A file in a format another protocol of the arch boots (a bzImage under
 * protocol "none") cannot be entered without that protocol's data: say
 * which, unless the description places it as a raw image.
 */
static int other_protocol_format(const struct cp_plan *plan,
				 const unsigned char *file, size_t len,
				 const struct cp_loc *loc)
{
	const struct cp_image_format *f = format_of(plan->arch, file, len, 1);

	if (!f || (plan->req.kernel.has_load && plan->req.kernel.has_entry))
		return 0;
	cp_error(loc, wrong_protocol,
		 "the kernel is in %s format, booted with protocol \"%s\", "
		 "not \"%s\"; "
		 "or give kernel { load; entry; } to place it as a raw image",
		 f->name, f->protocol, plan->protocol);
	return 1;
}

/* Another arch's format, not this one's too (x86_64's and i386's share
 * theirs): say so rather than take it for a raw image. */
static int foreign_format(const struct cp_plan *plan, const unsigned char *file,
			  size_t len, const struct cp_loc *loc)
{
	const struct cp_image_format *f;

	if (format_of(plan->arch, file, len, 1))
		return 0;
	for (int i = 0; cp_arches[i]; i++)
		if (cp_arches[i] != plan->arch &&
		    (f = format_of(cp_arches[i], file, len, 1))) {
			cp_error(loc, wrong_arch,
				 "the kernel is in %s format, but the arch is "
				 "%s",
				 f->name, plan->arch->name);
			return 1;
		}
	return 0;
}

struct cp_segment *cp_kernel_add_image(struct cp_plan *plan, uint64_t load,
				       const unsigned char *bytes, size_t len,
				       uint64_t memsz, const struct cp_loc *loc)
{
	return cp_kernel_add_image_from(plan, load, load, bytes, len, memsz,
					loc);
}

struct cp_segment *cp_kernel_add_image_from(struct cp_plan *plan, uint64_t from,
					    uint64_t load,
					    const unsigned char *bytes,
					    size_t len, uint64_t memsz,
					    const struct cp_loc *loc)
{
	uint64_t page = plan->page_size;
	uint64_t mem = cp_align_down(from, page), pad = load - mem;
	unsigned char *buf = cp_xcalloc(1, pad + len);
	struct cp_segment *s;

	memcpy(buf + pad, bytes, len);
	s = cp_plan_add(plan, "kernel.0", mem, buf, pad + len,
			cp_align_up(pad + memsz, page), loc);
	if (s) {
		s->data_off = pad;
		s->size = len;
		s->exec = 1;
	}
	return s;
}

static int load_raw(struct cp_plan *plan, unsigned char *file, size_t len,
		    const struct cp_loc *loc)
{
	if (!plan->req.kernel.has_load || !plan->req.kernel.has_entry) {
		cp_error(loc, not_elf,
			 "not an ELF file; a raw kernel image needs kernel "
			 "{ load = <...>; entry = <...>; } in the description");
		return -1;
	}
	if (len == 0) {
		cp_error(loc, empty_kernel, "the kernel file is empty");
		return -1;
	}
	if (!cp_kernel_add_image(plan, plan->req.kernel.load, file, len, len,
				 loc))
		return -1;
	plan->entry = plan->req.kernel.entry;
	plan->entry_loc = cp_loc_at(plan->desc_file, "/kernel:entry");
	return 0;
}

/*
 * FILE unpacked by codec C, or NULL (reported); FILE is freed. A kernel
 * cannot unpack to more than the memory it is to be placed in.
 */
static unsigned char *unpack(const struct cp_plan *plan, unsigned char *file,
			     size_t *len, const struct cp_codec *c,
			     const struct cp_loc *loc)
{
	size_t limit = cp_plan_memory_size(plan);
	char why[160];
	unsigned char *out;

	out = cp_decompress(c, file, *len, limit, len, why, sizeof(why));
	if (!out)
		cp_error(loc, bad_kernel,
			 "cannot unpack the %s-compressed kernel into the "
			 "memory the description gives (0x%llx bytes): %s",
			 cp_codec_name(c), (unsigned long long)limit, why);
	free(file);
	return out;
}

/* Under a protocol with its own format, the kernel must be in it. */
static int not_in_format(const struct cp_plan *plan,
			 const struct cp_image_format *f,
			 const struct cp_loc *loc)
{
	cp_error(loc, bad_kernel,
		 "protocol \"%s\" boots kernels in %s format; this one "
		 "has no %s",
		 plan->protocol, f->name, f->needs);
	return -1;
}

/* Placed by format F, which the protocol_data hook learns (plan.h). */
static int load_as(const struct cp_image_format *f, struct cp_plan *plan,
		   const unsigned char *file, size_t len,
		   const struct cp_loc *loc)
{
	plan->kernel.format = f;
	return f->load(f, plan, file, len, loc);
}

int cp_kernel_load(struct cp_plan *plan, const char *path, unsigned char *file,
		   size_t len)
{
	struct cp_loc loc = { .file = path };
	const struct cp_codec *codec;
	const struct cp_image_format *f;
	int err;

	if ((codec = cp_codec_of(file, len)) &&
	    !(file = unpack(plan, file, &len, codec, &loc)))
		return -1;
	plan->entry_loc = loc;
	if ((f = protocol_format(plan->arch, plan->protocol)))
		err = f->recognize(f, file, len) ?
			      load_as(f, plan, file, len, &loc) :
			      not_in_format(plan, f, &loc);
	else if (len >= 4 && !memcmp(file, ELFMAG, SELFMAG))
		err = cp_kernel_load_elf(plan, file, len, NULL, &loc);
	else if ((f = format_of(plan->arch, file, len, 0)))
		err = load_as(f, plan, file, len, &loc);
	else if (!foreign_format(plan, file, len, &loc) &&
		 !other_protocol_format(plan, file, len, &loc))
		err = load_raw(plan, file, len, &loc);
	else
		err = -1;
	free(file);
	return err;
}
