// SPDX-License-Identifier: MIT
/*
 * qemu.c - how codepage-qemu boots a ppc32-e500 codepage: the machine, its RAM,
 * what its firmware keeps, and the parameters of the stand-in old kernel
 * (qemu-oldkernel.s).
 */
#include "codepage-qemu.h"
#include "planasm.h"

/*
 * --uboot: RAM Debian's qemu-ppce500 U-Boot uses before it relocates to
 * the top, which a blob QEMU loads there at reset would lose, though a
 * segment may go there: its image (linked at 0xf00000), its initial RAM
 * (CFG_SYS_INIT_RAM_ADDR, 16 KiB at 1 MiB) and the dtb QEMU puts after a
 * firmware image (DTC_LOAD_PAD past its end, 1 MiB-aligned).
 */
static void e500_reserve(const struct boot *b, struct used *firmware,
			 struct used *scratch)
{
	(void)firmware;
	if (!b->uboot)
		return;
	cq_use(scratch, 0x100000, 0x4000);
	cq_use(scratch, 0xf00000, 0x100000);
	cq_use(scratch, 0x2700000, 0x100000);
}

static const char *e500_machine(const struct boot *b)
{
	(void)b;
	return "ppce500";
}

static void e500_params(struct boot *b, struct cp_strbuf *o)
{
	uint64_t page = cp_align_down(b->cp_pa, PAGE);
	uint64_t linear = 256ULL << 20;
	/* Through the linear map if it reaches, else a page of its own at the
	 * kernel-style address or, above 1 GiB, a high fixmap-like address. */
	int as1 = cq_state(b, "entry-as") == 1;
	int own = b->cp_pa >= linear || as1;
	uint64_t ea = page < (1ULL << 30) ? 0xc0000000 + page : 0xd0000000;

	b->cp_ea = ea;
	cp_planasm_begin_block(o, "the stand-in", "standin.inc", ".data",
			       "oldkernel_params", 4);
	cp_planasm_field(o, "P_MODE", ".long", (uint64_t)b->list_mode);
	cp_planasm_field(o, "P_CP_PA", ".long", page);
	cp_planasm_field(o, "P_ENTRY_OFF", ".long",
			 b->cp_pa - page + b->entry_off);
	cp_planasm_field(o, "P_LIST", ".long", cq_list_head(b));
	cp_planasm_field(o, "P_CP_EA", ".long", ea);
	cp_planasm_field(o, "P_CP_OWN", ".long", (uint64_t)own);
	cp_planasm_field(o, "P_START", ".long", b->start);
	cp_planasm_field(o, "P_AS1", ".long", (uint64_t)as1);
}

const struct qemu_row cp_qemu_ppc32_e500 = {
	.arch = "ppc32-e500",
	.qemu = "qemu-system-ppc",
	.package = "qemu-system-ppc",
	.oldkernel = "qemu-oldkernel.s",
	.list_word = 4,
	.ram_align = 64ULL << 20,
	.reserve = e500_reserve,
	.helper_limit = 256ULL << 20, /* the stand-in's linear map */
	.dtb_pad = 0x1800000,
	.dtb_mask = 0xfffff,
	.dtb_max = 8ULL << 20,
	.machine = e500_machine,
	.params = e500_params,
	.options = "--reset, --uboot",
	.state_opts =
		(const struct qemu_state_opt[]){
			{ "entry-as", (const char *const[]){ "0", "1", NULL },
			  0, "the address space the codepage is entered in" },
			{ 0 },
		},
	.uboot = "/usr/lib/u-boot/qemu-ppce500/uboot.elf",
	/* its ns16550 console flushes, so go works here (not on arm64) */
	.uboot_command = "go 0x%llx",
};
