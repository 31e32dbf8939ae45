// SPDX-License-Identifier: MIT
/*
 * bzimage.c - the Linux x86 boot protocol (Documentation/arch/x86/
 * boot.rst), for both x86 rows, at its 64-bit entry or, for a kernel
 * without one (a 32-bit kernel: its setup header has no XLF_KERNEL_64),
 * when registers { mode = <32>; } ask, and always on i386, at its 32-bit
 * entry, the protected-mode kernel's first byte: the bzImage format (its setup header read and checked, the
 * protected-mode kernel placed) and, for protocol linux-x86, the
 * boot_params ("zero page") the kernel finds through rsi (esi): the setup
 * header, e820 from the description, command line, initrd and ACPI RSDP.
 * The real-mode setup code is not loaded: neither entry needs it.
 */
#include "bootinfo.h"
#include "kernel.h"
#include "util.h"
#include "x86.h"

#include <stdlib.h>
#include <string.h>

/* The setup header, at its offsets in the file and in boot_params. */
#define HDR_START 0x1f1 /* setup_sects: the header's first field */
#define HDR_SYSSIZE 0x1f4 /* protected-mode size in 16-byte units */
#define HDR_BOOT_FLAG 0x1fe /* 0xaa55 */
#define HDR_JUMP 0x200 /* a short jump over the header */
#define HDR_MAGIC 0x202 /* "HdrS" */
#define HDR_VERSION 0x206
#define HDR_LOADER 0x210 /* type_of_loader */
#define HDR_CODE32 0x214 /* code32_start */
#define HDR_RAMDISK 0x218 /* ramdisk_image, then ramdisk_size */
#define HDR_CMDLINE 0x228 /* cmd_line_ptr */
#define HDR_INITRD_MAX 0x22c
#define HDR_ALIGN 0x230 /* kernel_alignment */
#define HDR_RELOCATABLE 0x234
#define HDR_XLOADFLAGS 0x236
#define HDR_CMDLINE_SIZE 0x238
#define HDR_SETUP_DATA \
	0x250 /* setup_data: a list of struct setup_data (2.09) */
#define HDR_PREF 0x258 /* pref_address */
#define HDR_INIT_SIZE 0x260
#define HDR_END_MIN 0x264 /* through init_size: protocol 2.10 */
#define HDR_END_MAX 0x290 /* where boot_params goes on past the header */
_Static_assert(HDR_END_MAX <= CP_KERNEL_HEADER_MAX,
	       "plan.h keeps the whole setup header");

/* boot_params around the header */
#define BP_RSDP 0x070 /* acpi_rsdp_addr (2.14) */
#define BP_EXT_RAMDISK 0x0c0 /* ext_ramdisk_image, then ext_ramdisk_size */
#define BP_EXT_CMDLINE 0x0c8
#define BP_E820_ENTRIES 0x1e8
#define BP_E820_TABLE 0x2d0 /* packed {u64 addr, u64 size, u32 type} */
#define BP_E820_MAX 128
#define BP_SIZE 4096

#define MAGIC_HDRS 0x53726448
#define XLF_KERNEL_64 0x1
#define XLF_ABOVE_4G 0x2 /* XLF_CAN_BE_LOADED_ABOVE_4G */
#define LOADER_UNKNOWN 0xff /* type_of_loader: a loader with no id */
#define ENTRY_64 0x200 /* the 64-bit entry, from the kernel's start */
#define VERSION_MIN 0x020a /* 2.10: init_size, pref_address */
#define VERSION_64 0x020c /* 2.12: xloadflags */
#define VERSION_RSDP 0x020e /* 2.14: acpi_rsdp_addr */
#define VERSION_SETUP_DATA 0x0209
/* struct setup_data: u64 next, u32 type, u32 len, then len bytes */
#define SD_TYPE 8
#define SD_DATA 16
#define SETUP_NONE 0
#define SETUP_RNG_SEED 9 /* Linux 6.1; older kernels skip the type */
#define RNG_SEED_LEN 32 /* what kexec_file_load and kexec-tools give */
#define GIB4 (1ULL << 32)

static int bz_recognize(const struct cp_image_format *f,
			const unsigned char *file, size_t len)
{
	(void)f;
	return len >= HDR_VERSION + 2 &&
	       x86_get16(file + HDR_BOOT_FLAG) == 0xaa55 &&
	       x86_get32(file + HDR_MAGIC) == MAGIC_HDRS;
}

static int corrupt(const struct cp_loc *loc, const char *why)
{
	cp_error(loc, bad_image, "bzImage setup header: %s", why);
	return -1;
}

/*
 * The header's claims against the file and the boot protocol; *pm_off and
 * *pm_len: the protected-mode kernel in the file.
 */
static int check_header(const unsigned char *file, size_t len,
			const struct cp_loc *loc, size_t *pm_off,
			size_t *pm_len)
{
	unsigned version = x86_get16(file + HDR_VERSION);
	unsigned sects = file[HDR_START] ? file[HDR_START] : 4;
	size_t hdr_end = HDR_MAGIC + file[HDR_JUMP + 1];
	uint64_t sys = (uint64_t)x86_get32(file + HDR_SYSSIZE) * 16;
	uint32_t align = x86_get32(file + HDR_ALIGN);
	char why[200];

	*pm_off = (size_t)(sects + 1) * 512;
	if (version < VERSION_MIN) {
		snprintf(why, sizeof(why),
			 "boot protocol %u.%02u; linux-x86 places a kernel by "
			 "its init_size and pref_address, 2.10 (Linux 2.6.31) "
			 "or later: use a custom preamble",
			 version >> 8, version & 0xff);
		return corrupt(loc, why);
	}
	if (file[HDR_JUMP] != 0xeb || hdr_end < HDR_END_MIN ||
	    hdr_end > HDR_END_MAX || len <= *pm_off) {
		snprintf(why, sizeof(why),
			 "the jump at 0x200 ends the header at 0x%zx and "
			 "setup_sects is %u, in a file of 0x%zx bytes: corrupt "
			 "or truncated",
			 hdr_end, sects, len);
		return corrupt(loc, why);
	}
	*pm_len = len - *pm_off;
	if (sys == 0 || sys > *pm_len + 15) {
		snprintf(why, sizeof(why),
			 "syssize says 0x%llx bytes of protected-mode kernel, "
			 "the file has 0x%zx: corrupt or truncated",
			 (unsigned long long)sys, *pm_len);
		return corrupt(loc, why);
	}
	/* signed kernels carry their signature past syssize */
	if (*pm_len > sys)
		*pm_len = (size_t)sys;
	if (x86_get32(file + HDR_INIT_SIZE) < *pm_len || align < 4096 ||
	    (align & (align - 1))) {
		snprintf(why, sizeof(why),
			 "init_size 0x%x is below the kernel's 0x%zx bytes or "
			 "kernel_alignment 0x%x is not a power of two of at "
			 "least 4 KiB: corrupt",
			 x86_get32(file + HDR_INIT_SIZE), *pm_len, align);
		return corrupt(loc, why);
	}
	return 0;
}

/* The header offers the 64-bit entry (xloadflags, 2.12 and later). */
static int has_entry64(const unsigned char *hdr)
{
	return x86_get16(hdr + HDR_VERSION) >= VERSION_64 &&
	       (x86_get16(hdr + HDR_XLOADFLAGS) & XLF_KERNEL_64);
}

/*
 * The entry's mode, in registers { mode } (x86_64): 64 where the header
 * offers the 64-bit entry, unless the description asks for <32> (every
 * kernel has the 32-bit one); 32 for a kernel without it, said as a
 * template's mode would say it. An arch without the register (i386) has
 * the 32-bit entry alone. *entry32: the 32-bit entry. 0, or -1 (reported)
 * when the description asks a kernel for a 64-bit entry it does not have.
 */
static int entry_mode(struct cp_plan *plan, const unsigned char *hdr,
		      const struct cp_loc *loc, int *entry32)
{
	int reg = cp_arch_register(plan->arch, "mode");
	struct cp_regval *mode;

	*entry32 = 1;
	if (reg < 0)
		return 0;
	mode = &plan->regs[reg];
	if (has_entry64(hdr)) {
		*entry32 = mode->set && mode->value == 32;
		return 0;
	}
	if (mode->set && mode->value != 32) {
		cp_error(&mode->loc, bad_register_value,
			 "this kernel has no 64-bit entry (its setup header "
			 "lacks XLF_KERNEL_64: a 32-bit kernel); leave mode "
			 "out, or give <32>");
		return -1;
	}
	if (!mode->set)
		*mode = (struct cp_regval){ .set = 1,
					    .value = 32,
					    .loc = *loc };
	return 0;
}

/* The kernel may run above 4 GiB: entered at 64 bits, and says it may. */
static int above_4g(const unsigned char *hdr, int entry32)
{
	return !entry32 && has_entry64(hdr) &&
	       (x86_get16(hdr + HDR_XLOADFLAGS) & XLF_ABOVE_4G);
}

/*
 * Where the kernel runs from: the description's load, pref_address for a
 * kernel that cannot move, else the lowest kernel_alignment-aligned
 * address at or above pref_address (the kernel moves up to pref_address
 * when loaded below it, and needs init_size bytes there).
 */
static int place(const struct cp_plan *plan, const unsigned char *hdr,
		 int entry32, const struct cp_loc *loc, uint64_t *load)
{
	uint64_t pref = x86_get64(hdr + HDR_PREF);
	uint64_t align = x86_get32(hdr + HDR_ALIGN);
	uint64_t size = cp_align_up(x86_get32(hdr + HDR_INIT_SIZE), 4096);
	uint64_t limit = above_4g(hdr, entry32) ? plan->arch->addr_limit : GIB4;
	int relocatable = hdr[HDR_RELOCATABLE] != 0;
	struct cp_loc at = cp_loc_at(plan->desc_file, "/kernel:load");

	if (plan->req.kernel.has_load || !relocatable) {
		*load = plan->req.kernel.has_load ? plan->req.kernel.load :
						    pref;
		if (relocatable ? *load % align || *load < pref :
				  *load != pref) {
			cp_error(&at, image_align,
				 "this bzImage runs at 0x%llx%s; load 0x%llx "
				 "is not %s",
				 (unsigned long long)pref,
				 relocatable ? " or at a higher multiple of "
					       "its kernel_alignment" :
					       " only",
				 (unsigned long long)*load,
				 relocatable ? "one" : "it");
			return -1;
		}
		if (*load + size > limit) {
			cp_error(&at, image_align,
				 "the kernel's 0x%llx bytes at 0x%llx go past "
				 "4 GiB, which its xloadflags or its 32-bit "
				 "entry do not allow",
				 (unsigned long long)size,
				 (unsigned long long)*load);
			return -1;
		}
		return 0;
	}
	if (cp_plan_find_low(plan, align, pref, limit, size, load)) {
		cp_error(loc, no_room,
			 "no 0x%llx-aligned place in memory at or above "
			 "pref_address 0x%llx for the kernel's init_size of "
			 "0x%llx bytes; give kernel { load = <...>; }",
			 (unsigned long long)align, (unsigned long long)pref,
			 (unsigned long long)size);
		return -1;
	}
	return 0;
}

static int bz_load(const struct cp_image_format *f, struct cp_plan *plan,
		   const unsigned char *file, size_t len,
		   const struct cp_loc *loc)
{
	struct cp_segment *s;
	size_t pm_off, pm_len;
	uint64_t load;
	int entry32;

	(void)f; /* cp_kernel_load notes it (plan->kernel) */
	if (check_header(file, len, loc, &pm_off, &pm_len) ||
	    entry_mode(plan, file, loc, &entry32) ||
	    place(plan, file, entry32, loc, &load))
		return -1;
	s = cp_plan_add(plan, "kernel.0", load,
			memcpy(cp_xmalloc(pm_len), file + pm_off, pm_len),
			pm_len,
			cp_align_up(x86_get32(file + HDR_INIT_SIZE), 4096),
			loc);
	if (!s)
		return -1;
	s->exec = 1;
	plan->entry = plan->req.kernel.has_entry ? plan->req.kernel.entry :
		      entry32			 ? load :
						   load + ENTRY_64;
	/* what boot_params copies (x86_linux_boot_params) */
	plan->kernel.header_len = HDR_MAGIC + file[HDR_JUMP + 1];
	memcpy(plan->kernel.header, file, plan->kernel.header_len);
	plan->kernel.load = load;
	return 0;
}

const struct cp_image_format x86_bzimage = {
	.name = "x86 bzImage",
	.protocol = "linux-x86",
	.needs = "setup header (0xaa55 at 0x1fe, \"HdrS\" at 0x202)",
	.recognize = bz_recognize,
	.load = bz_load,
};

/* ---- boot_params ------------------------------------------------------ */

static int set_e820(struct cp_plan *plan, unsigned char *bp)
{
	struct cp_map_entry *map;
	int n;

	if (cp_memory_map(plan, &map, &n, BP_E820_MAX))
		return -1;
	bp[BP_E820_ENTRIES] = (unsigned char)n;
	for (int i = 0; i < n; i++) {
		unsigned char *e = bp + BP_E820_TABLE + 20 * i;

		x86_put64(e, map[i].base);
		x86_put64(e + 8, map[i].size);
		x86_put32(e + 16, map[i].type);
	}
	free(map);
	return 0;
}

/* kernel { initrd }: ramdisk_image and _size (ext_: the high halves). */
static int set_initrd(const struct cp_plan *plan, const unsigned char *hdr,
		      unsigned char *bp)
{
	struct cp_loc loc = cp_loc_at(plan->desc_file, "/kernel:initrd");
	const struct cp_segment *s;
	uint64_t addr, max = x86_get32(hdr + HDR_INITRD_MAX);

	if (cp_initrd_segment(plan, &s))
		return -1;
	if (!s)
		return 0;
	addr = s->mem + s->data_off;
	if (addr + s->size - 1 > max &&
	    !(x86_get16(hdr + HDR_XLOADFLAGS) & XLF_ABOVE_4G)) {
		cp_error(&loc, outside_memory,
			 "the kernel takes an initrd ending at or below its "
			 "initrd_addr_max 0x%llx; segment %s ends at 0x%llx",
			 (unsigned long long)max, s->name,
			 (unsigned long long)(addr + s->size - 1));
		return -1;
	}
	x86_put32(bp + HDR_RAMDISK, (uint32_t)addr);
	x86_put32(bp + HDR_RAMDISK + 4, (uint32_t)s->size);
	x86_put32(bp + BP_EXT_RAMDISK, (uint32_t)(addr >> 32));
	x86_put32(bp + BP_EXT_RAMDISK + 4, (uint32_t)(s->size >> 32));
	return 0;
}

static int set_rsdp(const struct cp_plan *plan, const unsigned char *hdr,
		    unsigned char *bp)
{
	unsigned version = x86_get16(hdr + HDR_VERSION);

	if (!plan->req.has_acpi_rsdp)
		return 0;
	if (version < VERSION_RSDP) {
		cp_error(CP_DESC_AT(plan, "/:acpi-rsdp"), unused_property,
			 "this kernel speaks boot protocol %u.%02u; "
			 "acpi_rsdp_addr needs 2.14 (Linux 5.0)",
			 version >> 8, version & 0xff);
		return -1;
	}
	x86_put64(bp + BP_RSDP, plan->req.acpi_rsdp);
	return 0;
}

/* The kernel's real-mode trampoline (SMP start, reboot) must be below 1 MiB. */
static void check_low_memory(const struct cp_plan *plan)
{
	for (int i = 0; i < plan->nmemory; i++)
		if (plan->memory[i].base < 0x100000)
			return;
	cp_warn(CP_DESC_AT(plan, "/:memory"), bad_memory,
		"no memory below 1 MiB: Linux x86 puts its real-mode "
		"trampoline there and panics without it (\"Real mode "
		"trampoline was not allocated\"); add the firmware's low RAM, "
		"e.g. <0x0 0x1000 0x0 0x9e000>");
}

/*
 * An RNG seed for the kernel in boot_params' setup_data list, at SD_OFF of
 * bp: built as SETUP_NONE (zeros a kernel must not credit as entropy), a
 * seed a loader fills with fresh bytes and arms as SETUP_RNG_SEED at
 * every load. Needs boot protocol 2.09.
 */
static int seed_setup_data(struct cp_plan *plan,
			   const struct cp_kernel_facts *k, unsigned char *bp,
			   uint64_t addr, size_t sd_off)
{
	struct cp_seed *seed;

	if (plan->fixed_seeds ||
	    x86_get16(k->header + HDR_VERSION) < VERSION_SETUP_DATA)
		return 0;
	x86_put32(bp + sd_off + SD_TYPE, SETUP_NONE);
	x86_put32(bp + sd_off + SD_TYPE + 4, RNG_SEED_LEN);
	x86_put64(bp + HDR_SETUP_DATA, addr + sd_off);
	seed = cp_plan_seed(plan, "boot_params", sd_off + SD_DATA, RNG_SEED_LEN,
			    "setup_data SETUP_RNG_SEED",
			    CP_DESC_AT(plan, "/:protocol"));
	if (!seed)
		return -1;
	seed->armed = 1;
	seed->arm_off = sd_off + SD_TYPE;
	seed->arm_value = SETUP_RNG_SEED;
	return 0;
}

int x86_linux_boot_params(struct cp_plan *plan)
{
	const struct cp_kernel_facts *k = &plan->kernel;
	const char *cmdline =
		plan->req.kernel.cmdline ? plan->req.kernel.cmdline : "";
	size_t clen = strlen(cmdline);
	uint32_t csize = x86_get32(k->header + HDR_CMDLINE_SIZE);
	unsigned char *bp;
	uint64_t addr;
	/* after the command line: the RNG seed's setup_data, 8-aligned */
	size_t sd_off = cp_align_up(BP_SIZE + clen + 1, 8);

	if (clen > csize) {
		cp_error(CP_DESC_AT(plan, "/kernel:command-line"), bad_property,
			 "the command line has %zu bytes; this kernel takes "
			 "at most %u (cmdline_size)",
			 clen, csize);
		return -1;
	}
	bp = cp_xcalloc(1, sd_off + SD_DATA + RNG_SEED_LEN);
	memcpy(bp + HDR_START, k->header + HDR_START,
	       k->header_len - HDR_START);
	bp[HDR_LOADER] = LOADER_UNKNOWN;
	if (k->load < GIB4)
		x86_put32(bp + HDR_CODE32, (uint32_t)k->load);
	memcpy(bp + BP_SIZE, cmdline, clen);
	if (set_e820(plan, bp) || set_initrd(plan, k->header, bp) ||
	    set_rsdp(plan, k->header, bp)) {
		free(bp);
		return -1;
	}
	check_low_memory(plan);
	/* boot_params and the command line after it, below 4 GiB for
	 * cmd_line_ptr's low half (ext_cmd_line_ptr is set too) */
	if (cp_plan_add_data(plan, "boot_params", bp,
			     sd_off + SD_DATA + RNG_SEED_LEN, 4096, GIB4,
			     &addr))
		return -1;
	x86_put32(bp + HDR_CMDLINE, (uint32_t)(addr + BP_SIZE));
	x86_put32(bp + BP_EXT_CMDLINE, (uint32_t)((addr + BP_SIZE) >> 32));
	if (seed_setup_data(plan, k, bp, addr, sd_off))
		return -1;
	plan->took |= CP_TOOK_CMDLINE | CP_TOOK_INITRD | CP_TOOK_RESERVED |
		      CP_TOOK_RSDP;
	return 0;
}
