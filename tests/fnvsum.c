// SPDX-License-Identifier: MIT
/*
 * fnvsum.c - the checksum the sample destinations print: FNV-1 over the
 * big-endian 32-bit words of a file (a trailing partial word is ignored),
 * printed as 0x%08x. Tests compare it with what the guest computed over the
 * bytes it was loaded with. Zero words before the first other one are
 * skipped: they are a segment's padding in front of its described bytes
 * (arm's zImage segment starts at the kernel's page tables), and every
 * sample starts with an instruction, never zero.
 */
#include <stdint.h>
#include <stdio.h>

int main(int argc, char **argv)
{
	FILE *f;
	unsigned char w[4];
	uint32_t h = 0x811c9dc5u, v;
	int started = 0;

	if (argc != 2 || !(f = fopen(argv[1], "rb"))) {
		fprintf(stderr, "usage: fnvsum FILE\n");
		return 2;
	}
	while (fread(w, 1, 4, f) == 4) {
		v = (uint32_t)w[0] << 24 | (uint32_t)w[1] << 16 |
		    (uint32_t)w[2] << 8 | w[3];
		started |= v != 0;
		if (started)
			h = (h ^ v) * 0x01000193u;
	}
	fclose(f);
	printf("0x%08x\n", h);
	return 0;
}
