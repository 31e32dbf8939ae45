/* SPDX-License-Identifier: MIT */
/*
 * image.h - the flat bytes and the symbols of a linked codepage ELF.
 */
#ifndef CP_IMAGE_H
#define CP_IMAGE_H

#include <stddef.h>
#include <stdint.h>

struct cp_image {
	uint64_t base; /* address of the first byte */
	unsigned char *bytes; /* every PT_LOAD, gaps and .bss as zeros */
	size_t size;
};

/*
 * Read path (reported as display). names is NULL-ended; values[i] receives
 * each symbol's value, and a missing symbol is an error. 0 or -1 (reported).
 */
int cp_image_read(const char *path, const char *display,
		  const char *const *names, uint64_t *values,
		  struct cp_image *img);
void cp_image_free(struct cp_image *img);

/*
 * The value of each global symbol NAMES (NULL-ended) names in the ELF at
 * PATH, FOUND[i] 0 where it has none. 0, or -1 (reported as DISPLAY) when
 * the file cannot be read.
 */
int cp_image_symbols(const char *path, const char *display,
		     const char *const *names, uint64_t *values, int *found);

struct cp_arch;
/*
 * Check that the object at path is of arch and defines the global symbol
 * (a custom preamble must define "preamble"). 0 or -1 (reported).
 */
int cp_object_check(const char *path, const struct cp_arch *arch,
		    const char *symbol);

#endif
