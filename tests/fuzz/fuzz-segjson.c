// SPDX-License-Identifier: MIT
/* fuzz-segjson.c - segments.json, as codepage-qemu reads it. */
#include "fuzz.h"
#include "segjson.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cp_segjson j;

	cp_segjson_parse((const char *)data, size, "segments.json", &j);
	return 0;
}
