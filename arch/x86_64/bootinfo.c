// SPDX-License-Identifier: MIT
/* bootinfo.c - see bootinfo.h. */
#include "bootinfo.h"
#include "util.h"
#include "x86.h"

#include <stdlib.h>
#include <string.h>

/* Bytes of RAM that run without a hole from addr up, as far as limit. */
static uint64_t ram_from(const struct cp_plan *plan, uint64_t addr,
			 uint64_t limit)
{
	uint64_t end = addr;
	int grew = 1;

	while (grew && end < limit) {
		grew = 0;
		for (int i = 0; i < plan->nmemory; i++) {
			const struct cp_range *r = &plan->memory[i];

			if (r->base <= end && r->base + r->size > end) {
				end = r->base + r->size;
				grew = 1;
			}
		}
	}
	/* memory the firmware keeps is a hole too */
	for (int i = 0; i < plan->nreserved; i++) {
		const struct cp_reserved *r = &plan->reserved[i];

		if (r->base + r->size > addr && r->base < end)
			end = r->base > addr ? r->base : addr;
	}
	return (end < limit ? end : limit) - addr;
}

void x86_lower_upper(const struct cp_plan *plan, uint32_t *lower,
		     uint32_t *upper)
{
	*lower = (uint32_t)(ram_from(plan, 0, 640 << 10) >> 10);
	*upper = (uint32_t)(ram_from(plan, 1 << 20, 1ULL << 32) >> 10);
}

char *x86_command_line(const char *path, const char *args,
		       const struct cp_loc *loc)
{
	const char *name = cp_basename(path);

	for (const char *p = name; *p; p++)
		if (*p <= 0x20 || *p > 0x7e) {
			cp_error(loc, bad_name,
				 "a Multiboot command line starts with the "
				 "image's name, and this one has a space or a "
				 "byte that is not printable ASCII; rename the "
				 "file");
			return NULL;
		}
	return args && *args ? cp_xasprintf("%s %s", name, args) :
			       cp_xstrdup(name);
}

const struct cp_image_format *const x86_image_formats[] = {
	&x86_bzimage,
	&x86_multiboot,
	&x86_multiboot2,
	NULL,
};

int x86_protocol_data(struct cp_plan *plan)
{
	if (!strcmp(plan->protocol, "linux-x86"))
		return x86_linux_boot_params(plan);
	if (!strcmp(plan->protocol, "multiboot") ||
	    !strcmp(plan->protocol, "multiboot2"))
		return x86_multiboot_info(plan);
	return 0;
}
