// SPDX-License-Identifier: MIT
/*
 * sha256-kat.c - the bench's SHA-256 yardstick (tools/bench/sha256-ref.c)
 * built for the host: prints the SHA-256 of FILE as sha256sum does, with
 * the round constants read from K-FILE (sha256-data.inc, the table the target
 * stubs assemble), so the test can hold it against sha256sum.
 * Usage: sha256-kat K-FILE FILE
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

void sha256_once(const unsigned char *p, unsigned long len, const uint32_t *k,
		 uint32_t out[8]);

static int read_k(const char *path, uint32_t k[64])
{
	FILE *f = fopen(path, "r");
	char word[64];
	int n = 0;

	if (!f)
		return -1;
	while (n < 64 && fscanf(f, " %63[^, \t\n]", word) == 1) {
		char *end;
		unsigned long v = strtoul(word, &end, 16);

		if (!*end && word[0] == '0' && word[1] == 'x')
			k[n++] = (uint32_t)v;
		fscanf(f, ",");
	}
	fclose(f);
	return n == 64 ? 0 : -1;
}

int main(int argc, char **argv)
{
	uint32_t k[64], h[8];
	unsigned char *buf = NULL;
	size_t len = 0, cap = 0, n;
	FILE *f;

	if (argc != 3 || read_k(argv[1], k) || !(f = fopen(argv[2], "rb"))) {
		fprintf(stderr, "usage: sha256-kat K-FILE FILE\n");
		return 2;
	}
	do {
		if (len == cap && !(buf = realloc(buf, cap = cap * 2 + 4096)))
			return 2;
		n = fread(buf + len, 1, cap - len, f);
		len += n;
	} while (n);
	fclose(f);
	sha256_once(buf, len, k, h);
	for (int i = 0; i < 8; i++)
		printf("%08x", h[i]);
	printf("  %s\n", argv[2]);
	free(buf);
	return 0;
}
