// SPDX-License-Identifier: MIT
/* sums.c - see sums.h. */
#include "sums.h"
#include "diag.h"
#include "image.h"
#include "plan.h"

#include <elf.h>
#include <stdio.h>
#include <string.h>

void cp_sums_compute(struct cp_plan *plan)
{
	static const unsigned char zero[4096];
	int word = (int)plan->arch->reg_bytes;
	int big = plan->arch->elf.data == ELFDATA2MSB;

	for (int i = 1; i < plan->nseg;
	     i++) { /* the codepage checks the rest */
		struct cp_segment *s = &plan->seg[i];
		uint64_t zeros = s->memsz - s->bufsz;
		uint32_t crc = cp_crc32c(0, s->buf, s->bufsz);

		for (uint64_t left = zeros; left;) {
			size_t n = left < sizeof(zero) ? (size_t)left :
							 sizeof(zero);

			crc = cp_crc32c(crc, zero, n);
			left -= n;
		}
		s->crc32c = crc;
		s->sum = cp_blocksum(s->buf, s->bufsz, zeros, word, big);
	}
}

static int seeded(const struct cp_plan *plan, const char *name)
{
	for (int k = 0; k < plan->nseeds; k++)
		if (!strcmp(plan->seeds[k].segment, name))
			return 1;
	return 0;
}

int cp_sums_locate(struct cp_plan *plan, const char *path, uint64_t base)
{
	for (int i = 1; i < plan->nseg && plan->verify; i++) {
		struct cp_segment *s = &plan->seg[i];
		char n[3][40];
		const char *names[] = { n[0], n[1], n[2], NULL };
		uint64_t v[3];
		int found[3];

		if (!seeded(plan, s->name))
			continue;
		snprintf(n[0], sizeof(n[0]), "cp_seg_s1_%d", i - 1);
		snprintf(n[1], sizeof(n[1]), "cp_seg_s2_%d", i - 1);
		snprintf(n[2], sizeof(n[2]), "cp_seg_crc_%d", i - 1);
		if (cp_image_symbols(path, "codepage.elf", names, v, found))
			return -1;
		if (!found[0] || !found[1]) {
			cp_error(&(struct cp_loc){ .file = "codepage.elf" },
				 missing_symbol,
				 "the plan names no place for segment %d's "
				 "sums (%s, %s)",
				 i, n[0], n[1]);
			return -1;
		}
		s->s1_at = v[0] - base;
		s->s2_at = v[1] - base;
		s->crc_at = found[2] ? v[2] - base : 0;
	}
	return 0;
}
