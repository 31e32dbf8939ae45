// SPDX-License-Identifier: MIT
/* fuzz-segtxt.c - segments.txt, as kexec-codepage and codepage-qemu read it. */
#include "fuzz.h"
#include "segtxt.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cp_segtxt t;

	if (!cp_segtxt_parse((const char *)data, size, "/out", "segments.txt",
			     &t))
		cp_segtxt_free(&t);
	return 0;
}
