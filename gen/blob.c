// SPDX-License-Identifier: MIT
/* blob.c - see blob.h; the layout it writes is arch/blob.inc's. */
#include <stdlib.h>
#include <string.h>

#include "blob.h"
#include "planasm.h"

/* Where the free table's spots start and end: the movers copy themselves
 * in whole cache lines of any arch we know. */
#define FREE_ALIGN 64

/* The bytes of a segment worth packing: up to its last nonzero one (the
 * mover zero-fills the rest). */
static size_t trimmed(const unsigned char *bytes, size_t len)
{
	while (len && !bytes[len - 1])
		len--;
	return len;
}

static int by_dest(const void *a, const void *b)
{
	const struct cp_blob_seg *x = a, *y = b;

	return x->dest < y->dest ? -1 : x->dest > y->dest;
}

/* If [base, base+size) is the lowest obstacle yet at or past at, it cuts
 * the free run there and the next run resumes past it. */
static void cut(uint64_t at, uint64_t base, uint64_t size, uint64_t *next,
		uint64_t *resume)
{
	uint64_t end = base + size < base ? UINT64_MAX : base + size;

	if (end <= at || base >= *next)
		return;
	*next = base > at ? base : at;
	*resume = end;
}

/* Memory no segment's destination covers and the firmware does not keep,
 * in spots of FREE_ALIGN. */
static void free_ranges(struct cp_blob *b, const struct cp_plan *plan)
{
	b->nfree = 0;
	for (int m = 0; m < plan->nmemory; m++) {
		uint64_t at = plan->memory[m].base;
		uint64_t end = at + plan->memory[m].size;

		while (at < end) {
			uint64_t next = end, resume = end;

			for (int i = 0; i < b->nseg; i++)
				cut(at, b->seg[i].dest, b->seg[i].memsz, &next,
				    &resume);
			for (int i = 0; i < plan->nreserved; i++)
				cut(at, plan->reserved[i].base,
				    plan->reserved[i].size, &next, &resume);
			uint64_t lo = cp_align_up(at, FREE_ALIGN);
			uint64_t hi = cp_align_down(next, FREE_ALIGN);

			if (lo < hi && b->nfree < CP_BLOB_MAX_FREE)
				b->free[b->nfree++] =
					(struct cp_range){ lo, hi - lo };
			at = next == end ? end : resume;
		}
	}
}

void cp_blob_layout(struct cp_blob *b, const struct cp_plan *plan,
		    const struct cp_image *img, uint64_t mover_size)
{
	uint64_t at = cp_align_up(mover_size, FREE_ALIGN);

	memset(b, 0, sizeof(*b));
	b->mover_size = at;
	b->entry = plan->seg[0].mem + plan->entry_off;
	b->align = (uint32_t)plan->arch->page_size;
	for (int i = 0; i < plan->nseg; i++) {
		const struct cp_segment *s = &plan->seg[i];
		struct cp_blob_seg *t = &b->seg[b->nseg++];

		t->dest = s->mem;
		t->memsz = s->memsz;
		t->bytes = i ? s->buf : img->bytes;
		t->len = trimmed(t->bytes, i ? s->bufsz : img->size);
		t->packed = cp_align_up(t->len, CP_BLOB_PACK);
	}
	/* the codepage keeps its place in the table by its destination */
	qsort(b->seg, (size_t)b->nseg, sizeof(b->seg[0]), by_dest);
	for (int i = 0; i < b->nseg; i++) {
		b->seg[i].offset = at;
		at += b->seg[i].packed;
		if (b->seg[i].dest == plan->seg[0].mem)
			b->codepage = i;
	}
	b->size = at;
	free_ranges(b, plan);
}

/*
 * The load addresses where the blob covers every spot the mover could copy
 * itself to: aligned B with [B, B + size) in one memory range, B at or
 * below the lowest spot and B + size at or above the highest. The first
 * such B, or 1 (never aligned) when there is none.
 */
static uint64_t cornered_at(const struct cp_blob *b, const struct cp_plan *plan,
			    uint64_t lo_spot, uint64_t hi_spot)
{
	for (int m = 0; m < plan->nmemory; m++) {
		uint64_t mb = plan->memory[m].base;
		uint64_t me = mb + plan->memory[m].size;

		if (me - mb < b->size)
			continue;
		uint64_t from = hi_spot > b->size ? hi_spot - b->size : 0;
		uint64_t to = me - b->size < lo_spot ? me - b->size : lo_spot;

		from = cp_align_up(from > mb ? from : mb, b->align);
		if (from <= to)
			return from;
	}
	return 1;
}

int cp_blob_check(const struct cp_blob *b, const struct cp_plan *plan)
{
	struct cp_loc loc = cp_loc_at(plan->desc_file, "/:memory");
	uint64_t largest = 0, lo = 0, hi = 0;
	int spots = 0;

	for (int m = 0; m < plan->nmemory; m++)
		if (plan->memory[m].size > largest)
			largest = plan->memory[m].size;
	if (b->size > largest) {
		cp_error(&loc, blob_layout,
			 "the blob (%llu bytes) fits in no memory range (the "
			 "largest has %llu): there is nowhere to load it",
			 (unsigned long long)b->size,
			 (unsigned long long)largest);
		return -1;
	}
	for (int i = 0; i < b->nfree; i++) {
		const struct cp_range *f = &b->free[i];

		if (f->size < b->mover_size)
			continue;
		if (!spots++ || f->base < lo)
			lo = f->base;
		if (f->base + f->size > hi)
			hi = f->base + f->size;
	}
	if (!spots) {
		cp_error(&loc, blob_layout,
			 "the segments leave no %llu bytes of memory free for "
			 "the blob's mover to step out of their way; give "
			 "memory more room",
			 (unsigned long long)b->mover_size);
		return -1;
	}
	uint64_t at = cornered_at(b, plan, lo, hi);

	if (at != 1) {
		cp_error(&loc, blob_layout,
			 "loaded at 0x%llx, the blob (%llu bytes) would cover "
			 "all the memory no segment goes to, and its mover "
			 "needs %llu bytes of it to step out of the segments' "
			 "way; give memory %llu more bytes apart from the "
			 "segments",
			 (unsigned long long)at, (unsigned long long)b->size,
			 (unsigned long long)b->mover_size,
			 (unsigned long long)(b->mover_size + FREE_ALIGN));
		return -1;
	}
	return 0;
}

void cp_blob_emit(const struct cp_blob *b, const struct cp_plan *plan,
		  struct cp_strbuf *o)
{
	cp_planasm_begin_layout(o, "the blob's mover", "blob.inc", 8);
	/* a number, for a loader header in the arch's first bytes (blob.inc) */
	cp_sb_printf(o, "\t.globl __blob_size\n\t.set __blob_size, 0x%llx\n",
		     (unsigned long long)b->size);
	cp_sb_printf(o, "\tfield BLOB_MAGIC, .ascii, \"MKCPBLOB\"\n");
	cp_sb_printf(o, "\tfield BLOB_VERSION, .long, BLOB_VERSION_VALUE\n");
	cp_planasm_field(o, "BLOB_MACHINE", ".long", plan->arch->elf.machine);
	cp_planasm_field(o, "BLOB_SIZE", ".quad", b->size);
	cp_planasm_field(o, "BLOB_MOVER_SIZE", ".quad", b->mover_size);
	cp_planasm_field(o, "BLOB_ENTRY", ".quad", b->entry);
	cp_planasm_field(o, "BLOB_ALIGN", ".long", b->align);
	cp_planasm_field(o, "BLOB_NSEG", ".long", (uint64_t)b->nseg);
	cp_sb_printf(o, "\tfield BLOB_SEGS, .long, blob_segs - cp_plan\n");
	cp_planasm_field(o, "BLOB_NFREE", ".long", (uint64_t)b->nfree);
	cp_sb_printf(o, "\tfield BLOB_FREE, .long, blob_free - cp_plan\n");
	cp_planasm_field(o, "BLOB_CODEPAGE", ".long", (uint64_t)b->codepage);
	cp_sb_printf(o, "\t.org cp_plan + BLOB_FIXED_SIZE\n");
	if (plan->arch->emit_mover_data)
		plan->arch->emit_mover_data(plan, o);
	cp_sb_printf(o, "\t.balign 8\n");
	cp_planasm_table(o, "blob_segs");
	for (int i = 0; i < b->nseg; i++) {
		const struct cp_blob_seg *s = &b->seg[i];

		cp_planasm_entry(o, "blob_segs", i, "BSEG_SIZE", "BSEG_DEST",
				 ".quad", s->dest);
		cp_planasm_entry(o, "blob_segs", i, "BSEG_SIZE", "BSEG_OFFSET",
				 ".quad", s->offset);
		cp_planasm_entry(o, "blob_segs", i, "BSEG_SIZE", "BSEG_PACKED",
				 ".quad", s->packed);
		cp_planasm_entry(o, "blob_segs", i, "BSEG_SIZE", "BSEG_MEMSZ",
				 ".quad", s->memsz);
	}
	cp_planasm_table_end(o, "blob_segs", b->nseg, "BSEG_SIZE");
	cp_planasm_ranges(o, "blob_free", b->free, b->nfree, "BFREE_SIZE",
			  "BFREE_BASE", "BFREE_END");
	cp_planasm_end(o);
}

unsigned char *cp_blob_bytes(const struct cp_blob *b,
			     const struct cp_image *mover)
{
	unsigned char *out = cp_xcalloc(1, (size_t)b->size);

	memcpy(out, mover->bytes, mover->size);
	for (int i = 0; i < b->nseg; i++)
		if (b->seg[i].len)
			memcpy(out + b->seg[i].offset, b->seg[i].bytes,
			       b->seg[i].len);
	return out;
}
