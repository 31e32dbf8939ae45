/* SPDX-License-Identifier: MIT */
/*
 * checksum.h - what the codepage checks each segment against before it
 * jumps, computed here at build time over the bytes the segment's memory
 * holds once placed (its data, then zeros up to memsz, as kexec_load
 * leaves it). Two functions, chosen per arch for speed (doc/design.md):
 *
 *   CRC32C (Castagnoli, reflected, initial and final value ~0): arm64's
 *   crc32cx folds 8 bytes in one instruction.
 *   The block sum: the segment as words of the arch's size and byte order;
 *   s1 is the sum of every word, and after each 64-byte block s2 += s1
 *   (both modulo 2^bits). One add per word and one per block: e500 and
 *   riscv64 have no CRC instruction, and the copy loops already hold each
 *   word in a register.
 */
#ifndef CP_CHECKSUM_H
#define CP_CHECKSUM_H

#include <stddef.h>
#include <stdint.h>

#define CP_SUM_BLOCK 64

/* CRC32C of LEN bytes at BUF, continuing CRC (start with 0). */
uint32_t cp_crc32c(uint32_t crc, const void *buf, size_t len);

struct cp_blocksum {
	uint64_t s1, s2;
};

/*
 * The block sum of LEN bytes at BUF followed by ZEROS zero bytes (LEN +
 * ZEROS a multiple of CP_SUM_BLOCK), as WORD-byte words (4 or 8),
 * big-endian when BIG. Sums are kept modulo 2^(8 * WORD).
 */
struct cp_blocksum cp_blocksum(const unsigned char *buf, size_t len,
			       uint64_t zeros, int word, int big);

#endif
