/* SPDX-License-Identifier: MIT */
/*
 * request.h - what a description asks of the plan, typed: the kernel's
 * placement and boot information, the segments and their fixups, the
 * memory the destination is told of.
 *
 * desc.c reads it into the description; the one step that turns a
 * description into a plan (fromdesc.h) moves it into plan->req, and every
 * step after reads it there: the image formats, the FIT reader, the
 * segments, the device-tree fixups, the reserved-memory collection and the
 * arch's protocol data. None of them sees the description.
 */
#ifndef CP_REQUEST_H
#define CP_REQUEST_H

#include <stddef.h>
#include <stdint.h>

struct cp_range {
	uint64_t base, size;
};

/* kernel { ... }: where the kernel comes from and what it is told. */
struct cp_request_kernel {
	char *file; /* { file } or { fit } resolved, or NULL */
	int fit; /* it was given as fit = "image.itb" */
	char *fit_configuration; /* { configuration }, or NULL */
	/* { load; entry; }, or what a FIT image's kernel says (fit.c) */
	int has_load, has_entry;
	uint64_t load, entry;
	char *cmdline; /* { command-line }, or NULL */
	char *initrd; /* { initrd }: a segment's name, or NULL */
};

/* One segments/<name> node. */
struct cp_request_segment {
	char *name; /* node name: "fdt", "initrd" */
	char *node; /* "/segments/fdt": where messages point */
	/* its bytes: exactly one of file, string, data or fit_role */
	char *file; /* file as written, or NULL */
	char *path; /* file resolved against the description's directory */
	char *string; /* string = "...": the bytes are the text and a NUL */
	unsigned char *data; /* data = [bytes] or <cells>: the bytes as given,
			     * or the FIT image's (fit.c) */
	size_t data_len;
	int has_data;
	char *fit_role; /* fit = "fdt": the kernel FIT's image of that role */
	int has_load; /* load = <...>, or the FIT image's (fit.c) */
	uint64_t load;
	/* device-tree fixups of this segment (fdtfix.c) */
	char *bootargs; /* /chosen/bootargs */
	char *initrd; /* segment for linux,initrd-start/end */
	int memory_node; /* rewrite /memory from the description */
	/* module; or module = "args";: a Multiboot module (protocol_data) */
	int module;
	char *module_args; /* its arguments, or NULL */
};

struct cp_request {
	struct cp_request_kernel kernel;
	struct cp_request_segment *segments;
	int nsegments;
	/* reserved-memory: ranges the destination is told are not RAM
	 * (linux-x86's e820, Multiboot's memory map) */
	struct cp_range *reserved;
	int nreserved;
	/* firmware-memory: where the platform's firmware keeps memory, in
	 * place of the arch's default (riscv64: OpenSBI's first 2 MiB of
	 * DRAM); given empty, the firmware keeps none (reserve.h) */
	struct cp_range *firmware;
	int nfirmware, has_firmware;
	int has_acpi_rsdp; /* acpi-rsdp = <...>: where the ACPI RSDP is */
	uint64_t acpi_rsdp;
};

/* Free what REQ holds and clear it. */
void cp_request_free(struct cp_request *req);

#endif
