// SPDX-License-Identifier: MIT
/*
 * codepage-qemu - boot what mkcodepage wrote in QEMU, entering the codepage
 * the way a kernel's kexec path would, and watch the destination's console.
 *
 *   codepage-qemu [--mode placed|list] [--timeout S] [--expect TEXT] OUTDIR
 *
 * A small stand-in for the old kernel (arch/<arch>/qemu-oldkernel.s, linked
 * here at run time with the target's binutils) leaves the MMU and TLB as a
 * kernel would and enters the codepage:
 *   placed  every segment is loaded at its destination (-device loader), as
 *           kexec_load leaves them; the codepage is entered at "entry".
 *   list    the destinations hold garbage; every page of every segment sits
 *           in a scattered source page, described by a Linux indirection
 *           list built here; a copy of the codepage in a separate control
 *           page is entered at "list-entry" with the list's address.
 * It prints the guest's console and exits 0 when TEXT appears (or, without
 * --expect, when the guest powers off), 1 on timeout or when QEMU ends
 * without it, 2 on usage or environment trouble.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "arch.h"
#include "child.h"
#include "diag.h"
#include "link.h"
#include "planasm.h"
#include "segjson.h"
#include "segtxt.h"
#include "util.h"

#include "codepage-qemu.h"
#include "qemu-options.h"
#include "qemu-rows.h"
#include "qemu-screen.h"

uint64_t cq_list_head(const struct boot *b)
{
	return b->list_pa | 0x2;
}

/*
 * The parameter block of the 64-bit stand-ins (arm64, riscv64, x86_64):
 * mode, where the codepage is and its entries, the list, the start
 * address, the entry state (the row's standin_state option), RAM, the
 * hart, and the segments the stand-in copies in.
 */
void cq_params64(struct boot *b, struct cp_strbuf *o)
{
	static const char *const copy_at[4] = {
		"P_COPY + COPY_SRC",
		"P_COPY + COPY_DST",
		"P_COPY + COPY_LEN",
		"P_COPY + COPY_MEMSZ",
	};

	b->cp_ea = b->cp_pa; /* MMU off, or an identity map */
	cp_planasm_begin_block(o, "the stand-in", "standin64.inc", ".data",
			       "oldkernel_params", 8);
	cp_planasm_field(o, "P_MODE", ".quad", (uint64_t)b->list_mode);
	cp_planasm_field(o, "P_CP_PA", ".quad", b->cp_pa);
	cp_planasm_field(o, "P_ENTRY_OFF", ".quad", b->entry_off);
	cp_planasm_field(o, "P_LIST", ".quad", cq_list_head(b));
	cp_planasm_field(o, "P_START", ".quad", b->start);
	cp_planasm_field(o, "P_MMU", ".quad",
			 (uint64_t)(int64_t)cq_state(b, b->row->standin_state));
	cp_planasm_field(o, "P_RAM_BASE", ".quad", b->row->ram_base);
	cp_planasm_field(o, "P_RAM_SIZE", ".quad", b->ram - b->row->ram_base);
	cp_planasm_field(o, "P_HART", ".quad",
			 (uint64_t)(int64_t)cq_state(b, "hart"));
	cp_planasm_field(o, "P_NCOPY", ".quad", (uint64_t)b->ncopy);
	for (int i = 0; i < b->ncopy; i++)
		for (int k = 0; k < 4; k++)
			cp_planasm_entry(o, "oldkernel_params", i, "COPY_SIZE",
					 copy_at[k], ".quad", b->copy[i][k]);
}

/* ---- free memory for the helpers ---------------------------------------- */

void cq_use(struct used *u, uint64_t base, uint64_t size)
{
	if (u->n < MAX_RANGES) {
		u->base[u->n] = base;
		u->size[u->n++] = size;
	}
}

int cq_is_free(const struct used *u, uint64_t base, uint64_t size)
{
	for (int i = 0; i < u->n; i++)
		if (base < u->base[i] + u->size[i] && u->base[i] < base + size)
			return 0;
	return 1;
}

/*
 * Highest aligned spot of size below limit, free in u and in also; 0 on
 * success.
 */
static int find_free2(const struct used *u, const struct used *also,
		      uint64_t size, uint64_t align, uint64_t limit,
		      uint64_t *out)
{
	for (uint64_t at = cp_align_down(limit - size, align);
	     at + size <= limit && at >= align; at -= align)
		if (cq_is_free(u, at, size) && cq_is_free(also, at, size)) {
			*out = at;
			return 0;
		}
	return -1;
}

/*
 * --list-outside: size bytes of RAM that no memory range of the
 * description covers (a hole in it, or RAM above it).
 */
static int reserve_outside(struct boot *b, const char *what, uint64_t size,
			   uint64_t *out)
{
	struct used described = { 0 };

	for (int i = 0; i < b->lay.j.nmem; i++)
		cq_use(&described, b->lay.j.mem_base[i], b->lay.j.mem_size[i]);
	if (find_free2(&b->used, &described, size, PAGE, b->ram, out) ||
	    *out < b->row->ram_base) {
		cp_error(
			NULL, no_room,
			"no free 0x%llx bytes of RAM outside the description's "
			"memory for the %s (--list-outside); leave a hole in "
			"memory",
			(unsigned long long)size, what);
		return -1;
	}
	cq_use(&b->used, *out, size);
	return 0;
}

/* Reserve size bytes of described memory below limit. */
static int reserve(struct boot *b, const char *what, uint64_t size,
		   uint64_t align, uint64_t limit, uint64_t *out)
{
	if (limit > b->ram)
		limit = b->ram;
	if (find_free2(&b->used, &b->outside, size, align, limit, out) ||
	    *out < b->row->ram_base) {
		cp_error(NULL, no_room,
			 "no free 0x%llx bytes below 0x%llx for the %s; give "
			 "the machine more memory in the description",
			 (unsigned long long)size, (unsigned long long)limit,
			 what);
		return -1;
	}
	cq_use(&b->used, *out, size);
	return 0;
}

/* ---- QEMU's command line ------------------------------------------------ */

static void arg(struct boot *b, const char *s)
{
	b->args.v = cp_xrealloc(b->args.v,
				sizeof(char *) * (size_t)(b->args.n + 2));
	b->args.v[b->args.n++] = cp_xstrdup(s);
	b->args.v[b->args.n] = NULL;
}

/* -device loader for a file at addr; commas in paths are doubled. */
static void load_file(struct boot *b, const char *file, uint64_t addr)
{
	struct cp_strbuf sb = { 0 };

	if (addr == UINT64_MAX) /* an ELF, at its own addresses */
		cp_sb_printf(&sb, "loader,file=");
	else
		cp_sb_printf(&sb, "loader,addr=0x%llx,force-raw=on,file=",
			     (unsigned long long)addr);
	for (const char *p = file; *p; p++)
		cp_sb_printf(&sb, *p == ',' ? ",," : "%c", *p);
	arg(b, "-device");
	arg(b, sb.s);
	cp_sb_free(&sb);
}

static int write_blob(struct boot *b, const char *name, const void *buf,
		      size_t len, uint64_t addr)
{
	char *path = cp_path_join(b->work, name);
	int err = cp_write_file(path, buf, len);

	if (err)
		cp_error(&(struct cp_loc){ .file = path }, write_failed, "%s",
			 strerror(errno));
	else
		load_file(b, path, addr);
	free(path);
	return err;
}

/* ---- list mode ----------------------------------------------------------- */

static void put_word(const struct boot *b, unsigned char *p, uint64_t v)
{
	unsigned size = b->row->list_word;

	/* the target's unsigned long */
	if (b->row->list_le)
		cp_store_le(p, size, v);
	else
		cp_store_be(p, size, v);
}

/* A multiplier coprime to n, to scatter n pages over n slots. */
static uint64_t scatter_step(uint64_t n)
{
	static const uint64_t primes[] = { 7919, 7907, 7901, 7883, 7879 };

	for (size_t i = 0; i < sizeof(primes) / sizeof(primes[0]); i++)
		if (n % primes[i])
			return (primes[i] % n) ? (primes[i] % n) : 1;
	return 1;
}

static int build_list(struct boot *b)
{
	const struct layout *l = &b->lay;
	unsigned w = b->row->list_word, per = (unsigned)(PAGE / w) - 1;
	uint64_t npages = 0, nent, nlist, region, step, k = 0;
	unsigned char *img;
	size_t size;
	int err;

	for (int i = 0; i < l->t.nseg; i++)
		npages += l->t.seg[i].memsz / PAGE;
	nent = npages + (uint64_t)l->t.nseg +
	       1; /* sources, destinations, done */
	nlist = (nent + per - 1) / per;
	if (b->h.list_outside ?
		    reserve_outside(b, "indirection list and source pages",
				    (nlist + npages) * PAGE, &region) :
		    reserve(b, "indirection list and source pages",
			    (nlist + npages) * PAGE, PAGE, UINT64_MAX, &region))
		return -1;
	size = (size_t)((nlist + npages) * PAGE);
	img = cp_xcalloc(1, size);
	step = scatter_step(npages);
	{
		uint64_t slot_list = 0, used_in_page = 0;
		unsigned char *cur = img;

#define EMIT(v)                                                            \
	do {                                                               \
		if (used_in_page == per) {                                 \
			put_word(b, cur + used_in_page * w,                \
				 (region + (slot_list + 1) * PAGE) | 0x2); \
			slot_list++;                                       \
			cur = img + slot_list * PAGE;                      \
			used_in_page = 0;                                  \
		}                                                          \
		put_word(b, cur + used_in_page++ * w, (v));                \
	} while (0)

		for (int i = 0; i < l->t.nseg; i++) {
			const struct cp_segtxt_seg *s = &l->t.seg[i];
			size_t flen = 0;
			unsigned char *data = cp_read_file(s->file, &flen);

			if (!data) {
				cp_error(&(struct cp_loc){ .file = s->file },
					 missing_file, "%s", strerror(errno));
				free(img);
				return -1;
			}
			EMIT(s->mem | 0x1);
			for (uint64_t p = 0; p < s->memsz / PAGE; p++, k++) {
				uint64_t slot = nlist + (k * step) % npages;
				uint64_t off = p * PAGE;

				if (off < flen)
					memcpy(img + slot * PAGE, data + off,
					       flen - off < PAGE ? flen - off :
								   PAGE);
				if (b->corrupt_seg && i == b->corrupt_seg &&
				    b->corrupt_off - off < PAGE)
					img[slot * PAGE + b->corrupt_off - off] ^=
						0xff;
				EMIT((region + slot * PAGE) | 0x8);
			}
			free(data);
		}
		EMIT(0x4);
#undef EMIT
	}
	b->list_pa = region;
	err = write_blob(b, "list.bin", img, size, region);
	free(img);
	return err;
}

/* Garbage at every destination, so only a real copy makes it right. */
static int poison_destinations(struct boot *b)
{
	for (int i = 0; i < b->lay.t.nseg; i++) {
		const struct cp_segtxt_seg *s = &b->lay.t.seg[i];
		unsigned char *junk;
		char name[32];
		int err;

		if (b->staged[i]) /* QEMU's own data is garbage enough */
			continue;
		junk = cp_xmalloc(s->memsz);

		for (uint64_t j = 0; j < s->memsz; j++)
			junk[j] = (unsigned char)(0xa5 ^ (j >> 12));
		snprintf(name, sizeof(name), "junk%d.bin", i);
		err = write_blob(b, name, junk, s->memsz, s->mem);
		free(junk);
		if (err)
			return -1;
	}
	return 0;
}

static int setup_list(struct boot *b)
{
	const struct cp_segtxt_seg *cp = &b->lay.t.seg[0];
	uint64_t ctrl;

	/* one page, as a kernel's control page is (KEXEC_CONTROL_PAGE_SIZE
	 * on every arch): a codepage that reached past it would overwrite
	 * whatever the kernel keeps next to it, and must fail here too */
	if (cp->bufsz > PAGE) {
		cp_error(NULL, no_room,
			 "the codepage has 0x%llx bytes, more than the one "
			 "page a kernel's control page holds",
			 (unsigned long long)cp->bufsz);
		return -1;
	}
	if (poison_destinations(b) || build_list(b) ||
	    reserve(b, "control page", PAGE, PAGE, UINT64_MAX, &ctrl))
		return -1;
	load_file(b, cp->file, ctrl);
	b->cp_pa = ctrl;
	b->entry_off = b->lay.t.list_entry - cp->mem;
	b->start = b->lay.t.list_entry; /* as Linux passes kimage->start */
	return 0;
}

/* Segment I's file with --corrupt's byte flipped (the file grown with
 * zeros to reach it): a fresh buffer of *LEN bytes, or NULL. */
static unsigned char *corrupted(const struct boot *b, int i, size_t *len)
{
	const struct cp_segtxt_seg *s = &b->lay.t.seg[i];
	unsigned char *data = cp_read_file(s->file, len);

	if (!data) {
		cp_error(&(struct cp_loc){ .file = s->file }, missing_file,
			 "%s", strerror(errno));
		return NULL;
	}
	if (b->corrupt_off >= *len) {
		data = cp_xrealloc(data, (size_t)b->corrupt_off + 1);
		memset(data + *len, 0, (size_t)b->corrupt_off + 1 - *len);
		*len = (size_t)b->corrupt_off + 1;
	}
	data[b->corrupt_off] ^= 0xff;
	return data;
}

/* Load segment I at AT: its file, or the corrupted copy of it. The bytes
 * loaded, or (uint64_t)-1 on trouble. */
static uint64_t load_segment(struct boot *b, int i, uint64_t at)
{
	const struct cp_segtxt_seg *s = &b->lay.t.seg[i];
	unsigned char *data;
	size_t len;
	int err;

	if (!b->corrupt_seg || i != b->corrupt_seg) {
		load_file(b, s->file, at);
		return s->bufsz;
	}
	if (!(data = corrupted(b, i, &len)))
		return (uint64_t)-1;
	err = write_blob(b, "corrupted.bin", data, len, at);
	free(data);
	return err ? (uint64_t)-1 : len;
}

/*
 * Every segment at its destination, as kexec_load leaves them: loaded by
 * QEMU, or, where QEMU keeps data of its own, staged elsewhere and copied
 * in (and zero-filled to memsz) by the stand-in.
 */
static int setup_placed(struct boot *b)
{
	for (int i = 0; i < b->lay.t.nseg; i++) {
		const struct cp_segtxt_seg *s = &b->lay.t.seg[i];
		uint64_t at, len = s->bufsz;

		if (b->corrupt_seg && i == b->corrupt_seg &&
		    b->corrupt_off >= len)
			len = b->corrupt_off + 1;
		if (!b->staged[i]) {
			if (load_segment(b, i, s->mem) == (uint64_t)-1)
				return -1;
			continue;
		}
		if (reserve(b, "staged segment", cp_align_up(len, PAGE), PAGE,
			    b->row->helper_limit, &at) ||
		    load_segment(b, i, at) == (uint64_t)-1)
			return -1;
		b->copy[b->ncopy][0] = at;
		b->copy[b->ncopy][1] = s->mem;
		b->copy[b->ncopy][2] = cp_align_up(len, 8);
		b->copy[b->ncopy++][3] = s->memsz;
	}
	b->cp_pa = b->lay.t.seg[0].mem;
	b->entry_off = b->lay.t.entry - b->lay.t.seg[0].mem;
	return 0;
}

/*
 * --mode blob: OUTDIR/blob.bin at --at, in RAM that QEMU and its firmware
 * leave alone, as a bootloader's load command or a debugger would put it;
 * the stand-in (or, with --reset, the CPU itself) enters its first byte,
 * and the segments' destinations are the blob's to fill.
 */
static int setup_blob(struct boot *b)
{
	const struct cp_segtxt *t = &b->lay.t;
	uint64_t at = b->blob_at, size = t->blob_size;

	if (!t->blob) {
		cp_error(NULL, missing_file,
			 "OUTDIR has no blob (a \"blob\" "
			 "line in segments.txt): run "
			 "mkcodepage with --blob");
		return -1;
	}
	if (at < b->row->ram_base || at + size > b->ram || at + size < at ||
	    !cq_is_free(&b->firmware, at, size) ||
	    !cq_is_free(&b->scratch, at, size)) {
		cp_error(NULL, no_room,
			 "--at 0x%llx: the blob (0x%llx bytes) must lie in RAM "
			 "(0x%llx to 0x%llx) clear of what QEMU and its "
			 "firmware keep",
			 (unsigned long long)at, (unsigned long long)size,
			 (unsigned long long)b->row->ram_base,
			 (unsigned long long)b->ram);
		return -1;
	}
	if (!b->reset || b->row->start_by_loader)
		load_file(b, t->blob,
			  at); /* else wrap_blob() makes it -kernel */
	cq_use(&b->used, at, size);
	b->cp_pa = at;
	b->entry_off = 0;
	return 0;
}

/*
 * --count-insns: QEMU logs every instruction (one per translation block,
 * chaining off) whose address lies in the codepage's pages, at the
 * effective address it is entered at and at its physical address. The
 * count is deterministic: no interrupt is enabled while it runs.
 */
static void trace_args(struct boot *b)
{
	uint64_t size = cp_align_up(b->lay.t.seg[0].memsz, PAGE);
	char *range = cp_xasprintf(
		"0x%llx+0x%llx,0x%llx+0x%llx", (unsigned long long)b->cp_ea,
		(unsigned long long)size,
		(unsigned long long)cp_align_down(b->cp_pa, PAGE),
		(unsigned long long)size);

	b->trace = cp_path_join(b->work, "exec.log");
	for (const char *o = "-singlestep\0-d\0exec,nochain\0-D\0"; *o;
	     o += strlen(o) + 1)
		arg(b, o);
	arg(b, b->trace);
	arg(b, "-dfilter");
	arg(b, range);
	free(range);
}

static int report_count(const struct boot *b)
{
	FILE *f = fopen(b->trace, "r");
	char line[512];
	unsigned long long n = 0;

	if (!f) {
		cp_error(&(struct cp_loc){ .file = b->trace }, no_trace,
			 "QEMU wrote no exec log: %s", strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof(line), f))
		n += !strncmp(line, "Trace ", 6);
	fclose(f);
	fprintf(stderr,
		"codepage-qemu: the codepage executed %llu "
		"instructions\n",
		n);
	return 0;
}

/* ---- main ----------------------------------------------------------------- */

/* RAM outside every memory range of the description, into b->outside. */
static void mark_outside(struct boot *b)
{
	uint64_t at = b->row->ram_base;

	while (at < b->ram) {
		uint64_t next = b->ram;
		int inside = 0;

		for (int i = 0; i < b->lay.j.nmem; i++) {
			uint64_t lo = b->lay.j.mem_base[i];
			uint64_t hi = lo + b->lay.j.mem_size[i];

			if (at >= lo && at < hi) {
				inside = 1;
				next = hi;
			} else if (lo > at && lo < next) {
				next = lo;
			}
		}
		if (!inside)
			cq_use(&b->outside, at, next - at);
		at = next;
	}
}

/*
 * QEMU's RAM: from the row's base to the end of the highest memory range
 * (at least 128 MiB, room for the helpers). A codepage maps only described
 * memory (e500 cannot reach anything else), so the list, its pages and the
 * control page lie there unless --list-outside asks otherwise; the
 * stand-in may lie anywhere in RAM.
 */
static int ram_for(struct boot *b)
{
	const struct qemu_row *r = b->row;
	uint64_t top = r->ram_base + (128ULL << 20);

	for (int i = 0; i < b->lay.j.nmem; i++)
		if (b->lay.j.mem_base[i] + b->lay.j.mem_size[i] > top)
			top = b->lay.j.mem_base[i] + b->lay.j.mem_size[i];
	b->ram = cp_align_up(top, r->ram_align) + r->ram_extra;
	/* U-Boot relocates itself, its stack and its page tables to the top
	 * of RAM: above the description's memory, where no segment goes */
	if (b->uboot)
		b->ram += 256ULL << 20;
	struct used *firmware = &b->firmware, *scratch = &b->scratch;

	if (r->reserve)
		r->reserve(b, firmware, scratch);
	for (int i = 0; i < b->lay.t.nseg; i++) {
		const struct cp_segtxt_seg *s = &b->lay.t.seg[i];

		b->staged[i] = !cq_is_free(scratch, s->mem, s->memsz);
		if (s->mem < r->ram_base ||
		    !cq_is_free(firmware, s->mem, s->memsz)) {
			cp_error(NULL, no_room,
				 "segment %d (0x%llx..0x%llx) lies where %s "
				 "keeps "
				 "no RAM for it (below 0x%llx, or the "
				 "firmware's); "
				 "move it",
				 i, (unsigned long long)s->mem,
				 (unsigned long long)(s->mem + s->memsz - 1),
				 r->qemu, (unsigned long long)r->ram_base);
			return -1;
		}
		cq_use(&b->used, s->mem, s->memsz);
	}
	for (int i = 0; i < firmware->n; i++)
		cq_use(&b->used, firmware->base[i], firmware->size[i]);
	for (int i = 0; i < scratch->n; i++)
		cq_use(&b->used, scratch->base[i], scratch->size[i]);
	mark_outside(b);
	return 0;
}

/* --corrupt names a byte some segment of OUTDIR has (not the codepage). */
static int check_corrupt(const struct boot *b)
{
	int n = b->corrupt_seg;

	if (!n || (n < b->lay.t.nseg && b->corrupt_off < b->lay.t.seg[n].memsz))
		return 0;
	cp_error(NULL, usage,
		 "--corrupt %d:0x%llx: OUTDIR has segments 1 "
		 "to %d, and offsets below their memsz",
		 n, (unsigned long long)b->corrupt_off, b->lay.t.nseg - 1);
	return -1;
}

/* -M's argument: the row's machine, then each --machine-opt. */
static char *machine_arg(struct boot *b, const struct options *o)
{
	struct cp_strbuf m = { 0 };

	cp_sb_printf(&m, "%s", b->row->machine(b));
	for (int i = 0; i < o->machine_opts.n; i++)
		cp_sb_printf(&m, ",%s", o->machine_opts.v[i]);
	return m.s;
}

static void qemu_command(struct boot *b, const struct options *o,
			 struct qemu_screen *screen, const char *elf)
{
	struct cp_strlist loads = b->args;
	const char *cpu = o->cpu ? o->cpu : b->row->cpu;
	char *ram = cp_xasprintf(
		"%lluM",
		(unsigned long long)((b->ram - b->row->ram_base) >> 20));
	char *machine;

	b->args = (struct cp_strlist){ 0 };
	arg(b, b->row->qemu);
	arg(b, "-M");
	machine = machine_arg(b, o);
	arg(b, machine);
	free(machine);
	if (cpu) {
		arg(b, "-cpu");
		arg(b, cpu);
	}
	arg(b, "-m");
	arg(b, ram);
	if (o->smp > 1) {
		char n[16];

		snprintf(n, sizeof(n), "%d", o->smp);
		arg(b, "-smp");
		arg(b, n);
	}
	for (const char *s = "-nodefaults\0-display\0none\0-serial\0"
			     "stdio\0-no-reboot\0-monitor\0";
	     *s; s += strlen(s) + 1)
		arg(b, s);
	if (screen) {
		char *mon = cp_xasprintf("unix:%s,server=on,wait=off",
					 screen->socket);

		arg(b, mon);
		free(mon);
		arg(b, "-device");
		arg(b, b->row->screen_device);
	} else {
		arg(b, "none");
	}
	if (o->count)
		trace_args(b);
	if (b->uboot) {
		arg(b, b->row->bios ? "-kernel" : "-bios");
		arg(b, b->row->uboot_by_state ?
			       b->row->uboot_by_state[cq_state(
				       b, b->row->standin_state)] :
			       b->row->uboot);
	} else if (b->row->start_by_loader) {
		/* --reset: the CPU starts in the blob, as after a reset */
		char *pc = cp_xasprintf(
			"loader,addr=0x%llx,cpu-num=0",
			(unsigned long long)(b->reset ? b->blob_at :
							b->oldkernel_at));

		if (!b->reset)
			load_file(b, elf, UINT64_MAX);
		arg(b, "-device");
		arg(b, pc);
		free(pc);
	} else {
		arg(b, "-kernel");
		arg(b, elf);
	}
	if (b->row->bios) {
		arg(b, "-bios");
		arg(b, b->row->bios);
	}
	for (int i = 0; i < loads.n; i++)
		arg(b, loads.v[i]);
	cp_strlist_free(&loads);
	free(ram);
}

int main(int argc, char **argv)
{
	struct boot b = { 0 };
	struct qemu_screen screen;
	struct options o = { 0 };
	struct cp_strlist hostile = { 0 };
	char *elf = NULL;
	int st;

	cp_diag_set_program("codepage-qemu");
	signal(SIGPIPE, SIG_IGN); /* --uboot: QEMU may end before it reads */
	st = cq_parse_options(argc, argv, &o, &b, &hostile);
	if (st) {
		st = st > 0 ? 0 : 2;
		goto out;
	}
	st = 2;
	if (cp_segtxt_read(o.outdir, &b.lay.t) ||
	    cp_segjson_read(o.outdir, &b.lay.j) ||
	    cq_choose_row(&b, &hostile) || cq_choose_states(&b, &o) ||
	    check_corrupt(&b))
		goto out;
	cp_spawn_verbose = o.verbose;
	if (!(b.work = cp_workdir_create("codepage-qemu")) || ram_for(&b) ||
	    (b.blob_mode ? setup_blob(&b) :
	     b.list_mode ? setup_list(&b) :
			   setup_placed(&b)) ||
	    (!b.reset && !b.uboot && cq_build_oldkernel(&b, o.prefix, &elf)) ||
	    (b.reset && !b.row->start_by_loader &&
	     cq_wrap_blob(&b, o.prefix, &elf)))
		goto out;
	if (o.screen)
		qscreen_init(&screen, b.work, b.row->text_screen);
	qemu_command(&b, &o, o.screen ? &screen : NULL, elf);
	st = cq_run_qemu(&b, o.screen ? o.screen : o.expect,
			 o.screen ? &screen : NULL, o.timeout);
	if (o.screen)
		qscreen_free(&screen);
	if (o.count && report_count(&b))
		st = 2;
out:
	free(elf);
	cp_strlist_free(&hostile);
	cp_strlist_free(&o.machine_opts);
	cp_strlist_free(&o.state_args);
	cp_strlist_free(&b.args);
	cp_segtxt_free(&b.lay.t);
	return st;
}
