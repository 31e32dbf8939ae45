// SPDX-License-Identifier: MIT
/* checksum.c - see checksum.h. */
#include "checksum.h"

#include <string.h>

#define CRC32C_POLY 0x82f63b78u /* Castagnoli, bit-reversed */

static uint32_t crc_table[256];

static void make_table(void)
{
	for (uint32_t i = 0; i < 256; i++) {
		uint32_t c = i;

		for (int k = 0; k < 8; k++)
			c = (c >> 1) ^ (CRC32C_POLY & -(c & 1));
		crc_table[i] = c;
	}
}

/* The register form: no inversion on the way in or out. */
static uint32_t crc_update(uint32_t crc, const unsigned char *p, size_t len)
{
	if (!crc_table[1])
		make_table();
	while (len--)
		crc = (crc >> 8) ^ crc_table[(crc ^ *p++) & 0xff];
	return crc;
}

uint32_t cp_crc32c(uint32_t crc, const void *buf, size_t len)
{
	return ~crc_update(~crc, buf, len);
}

static uint64_t load_word(const unsigned char *p, int word, int big)
{
	uint64_t v = 0;

	for (int i = 0; i < word; i++)
		v |= (uint64_t)p[big ? word - 1 - i : i] << (8 * i);
	return v;
}

struct cp_blocksum cp_blocksum(const unsigned char *buf, size_t len,
			       uint64_t zeros, int word, int big)
{
	uint64_t mask = word == 8 ? ~0ULL : (1ULL << (8 * word)) - 1;
	uint64_t blocks = (len + zeros) / CP_SUM_BLOCK;
	struct cp_blocksum s = { 0, 0 };
	unsigned char block[CP_SUM_BLOCK];

	for (uint64_t b = 0; b < blocks; b++) {
		uint64_t off = b * CP_SUM_BLOCK;

		if (off >= len) {
			/* zeros add nothing to s1; s2 gains s1 per block */
			s.s2 = (s.s2 + s.s1 * (blocks - b)) & mask;
			break;
		}
		memset(block, 0, sizeof(block));
		memcpy(block, buf + off,
		       len - off < CP_SUM_BLOCK ? len - off : CP_SUM_BLOCK);
		for (int w = 0; w < CP_SUM_BLOCK; w += word)
			s.s1 = (s.s1 + load_word(block + w, word, big)) & mask;
		s.s2 = (s.s2 + s.s1) & mask;
	}
	return s;
}
