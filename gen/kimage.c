// SPDX-License-Identifier: MIT
/* kimage.c - see kimage.h. */
#include "kimage.h"
#include "kernel.h"
#include "util.h"

#include <string.h>

int cp_kimage_recognize(const struct cp_image_format *f,
			const unsigned char *file, size_t len)
{
	const struct cp_kimage *k = f->data;

	return len >= 64 && k->magic_off + k->magic_len <= 64 &&
	       !memcmp(file + k->magic_off, k->magic, k->magic_len);
}

/* The header's sizes, checked against the file; 0 or -1 (reported). */
static int read_header(const struct cp_image_format *f,
		       const struct cp_plan *plan, const unsigned char *file,
		       size_t len, const struct cp_loc *loc, uint64_t *toff,
		       uint64_t *size)
{
	const struct cp_kimage *k = f->data;
	const char *why = k->flags_problem ?
				  k->flags_problem(cp_load_le(file + 24, 8)) :
				  NULL;

	*toff = cp_load_le(file + 8, 8);
	*size = cp_load_le(file + 16, 8);
	if (why) {
		cp_error(loc, bad_image, "%s header: %s", f->name, why);
		return -1;
	}
	if (*size == 0) {
		cp_warn(loc, image_size,
			"%s header has image_size 0 (an old kernel): only the "
			"file's %zu bytes are reserved, not its .bss",
			f->name, len);
		*size = len;
	}
	if (*size < len || *toff % plan->arch->page_size) {
		cp_error(loc, bad_image,
			 "%s header is inconsistent (text_offset 0x%llx, "
			 "image_size 0x%llx, file 0x%zx bytes): corrupt?",
			 f->name, (unsigned long long)*toff,
			 (unsigned long long)*size, len);
		return -1;
	}
	return 0;
}

int cp_kimage_load(const struct cp_image_format *f, struct cp_plan *plan,
		   const unsigned char *file, size_t len,
		   const struct cp_loc *loc)
{
	const struct cp_kimage *k = f->data;
	uint64_t page = plan->page_size, toff, size, load = 0;
	struct cp_segment *s;

	if (read_header(f, plan, file, len, loc, &toff, &size))
		return -1;
	if (k->flags_page_size)
		plan->kernel.page_size =
			k->flags_page_size(cp_load_le(file + 24, 8));
	if (plan->req.kernel.has_load) {
		load = plan->req.kernel.load;
		if ((load - toff) % k->base_align) {
			cp_error(CP_DESC_AT(plan, "/kernel:load"), image_align,
				 "an %s goes text_offset (0x%llx) above a "
				 "0x%llx-aligned base; 0x%llx is not",
				 f->name, (unsigned long long)toff,
				 (unsigned long long)k->base_align,
				 (unsigned long long)load);
			return -1;
		}
	} else if (cp_kernel_place(plan, k->base_align, toff,
				   cp_align_up(size, page), &load)) {
		cp_error(loc, no_room,
			 "no 0x%llx-aligned place in memory for the 0x%llx "
			 "bytes "
			 "of this %s; give kernel { load = <...>; }",
			 (unsigned long long)k->base_align,
			 (unsigned long long)size, f->name);
		return -1;
	}
	s = cp_plan_add(plan, "kernel.0", load,
			memcpy(cp_xmalloc(len), file, len), len,
			cp_align_up(size, page), loc);
	if (!s)
		return -1;
	s->exec = 1;
	plan->entry = plan->req.kernel.has_entry ? plan->req.kernel.entry :
						   load;
	return 0;
}
