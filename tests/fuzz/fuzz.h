/* SPDX-License-Identifier: MIT */
/*
 * fuzz.h - what every libFuzzer harness of tests/fuzz/ shares. Each
 * harness feeds one reader the bytes libFuzzer gives it, the way the
 * programs call that reader; readers that take a path get a file in a
 * directory made once per process.
 */
#ifndef CP_FUZZ_H
#define CP_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The process's scratch directory (made on first use, removed at exit). */
const char *fuzz_dir(void);

/* DATA (SIZE bytes) written to fuzz_dir()/NAME; the path, valid until
 * the next call with the same NAME. Aborts when it cannot write. */
const char *fuzz_file(const char *name, const uint8_t *data, size_t size);

#endif
