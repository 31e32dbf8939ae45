// SPDX-License-Identifier: MIT
/* qemu-oldkernel.c - codepage-qemu's stand-in for the old kernel,
 * assembled and linked at run time (codepage-qemu.h). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "arch.h"
#include "child.h"
#include "diag.h"
#include "link.h"
#include "planasm.h"
#include "segjson.h"
#include "segtxt.h"
#include "util.h"

#include "codepage-qemu.h"
#include "qemu-screen.h"

/*
 * A 1 MiB-aligned spot for the stand-in (64 KiB) in RAM below the row's
 * helper_limit; on e500 the dtb QEMU puts after it must land free as well.
 */
static int place_oldkernel(struct boot *b, uint64_t *out)
{
	const struct qemu_row *r = b->row;
	uint64_t top = r->helper_limit < b->ram ? r->helper_limit : b->ram;
	uint64_t lo = r->ram_base + (1 << 20);

	for (uint64_t at = cp_align_down(top, 1 << 20) - (1 << 20);
	     at >= lo && at < top; at -= 1 << 20) {
		uint64_t dt = (at + 0x10000 + r->dtb_pad) & ~r->dtb_mask;

		if (!cq_is_free(&b->used, at, 0x10000))
			continue;
		if (r->dtb_pad && (!cq_is_free(&b->used, dt, 1 << 20) ||
				   dt + r->dtb_max > b->ram))
			continue;
		if (r->dtb_pad)
			cq_use(&b->used, dt, 1 << 20);
		cq_use(&b->used, at, 0x10000);
		*out = at;
		return 0;
	}
	cp_error(NULL, no_room,
		 "no free 1 MiB below 0x%llx for the stand-in old kernel",
		 (unsigned long long)top);
	return -1;
}

/* The target's ld, linking ARGS (NULL-ended, at most 8) into OUT as the
 * stand-ins want: a plain ELF, every segment writable. 0 or -1. */
static int run_ld(const struct cp_toolchain *tc, const struct cp_arch *a,
		  const char *out, const char *const *args)
{
	const char *argv[16] = { tc->ld, "-m", a->ld_emulation, "-N",
				 "--no-warn-rwx-segments" };
	int n = 5;

	while (*args && n < 13)
		argv[n++] = *args++;
	argv[n++] = "-o";
	argv[n++] = out;
	return cp_spawn((char **)argv, NULL, "the target's binutils") ? -1 : 0;
}

int cq_build_oldkernel(struct boot *b, const char *prefix, char **elf)
{
	char *datadir = cp_datadir();
	char *src = cp_xasprintf("%s/%s/%s", datadir, b->arch->srcdir,
				 b->row->oldkernel);
	char *obj = cp_path_join(b->work, "oldkernel.o");
	char *psrc = cp_path_join(b->work, "params.s");
	char *pobj = cp_path_join(b->work, "params.o");
	struct cp_toolchain tc;
	struct cp_strbuf params = { 0 };
	uint64_t at;
	int err = -1;

	*elf = cp_path_join(b->work, "oldkernel.elf");
	if (cp_toolchain_find(b->arch, prefix, &tc) || place_oldkernel(b, &at))
		goto out;
	b->oldkernel_at = at;
	b->row->params(b, &params);
	if (cp_write_file(psrc, params.s, params.len) ||
	    cp_assemble(&tc, b->arch, datadir, src, obj, NULL) ||
	    cp_assemble(&tc, b->arch, datadir, psrc, pobj, NULL))
		goto out;
	{
		char *ttext =
			cp_xasprintf("-Ttext=0x%llx", (unsigned long long)at);

		err = run_ld(&tc, b->arch, *elf,
			     (const char *const[]){ "-e", "_start", ttext, obj,
						    pobj, NULL });
		free(ttext);
	}
out:
	cp_toolchain_free(&tc);
	cp_sb_free(&params);
	free(datadir);
	free(src);
	free(obj);
	free(psrc);
	free(pobj);
	return err;
}

/*
 * --reset where the generic loader's PC would start the CPU in no useful
 * state (e500: no translation to fetch through; riscv64: M-mode, before
 * the SBI firmware): the blob, as an ELF at --at, is QEMU's payload, and
 * is entered the way firmware enters one. e500: through an initial 1:1
 * mapping from 0 past the dtb QEMU puts dtb_pad after the blob; riscv64:
 * by OpenSBI, in S-mode, a0 = the hart id, a1 = QEMU's tree.
 */
int cq_wrap_blob(struct boot *b, const char *prefix, char **elf)
{
	const struct qemu_row *r = b->row;
	uint64_t end = b->blob_at + b->lay.t.blob_size;
	uint64_t dtb = (end + r->dtb_pad) & ~r->dtb_mask;
	struct cp_toolchain tc;
	int err = -1;

	if (r->dtb_max && dtb + r->dtb_max > b->ram) {
		cp_error(NULL, no_room,
			 "--at 0x%llx --reset: QEMU puts its dtb at 0x%llx, "
			 "past the end of RAM (0x%llx); load the blob lower",
			 (unsigned long long)b->blob_at,
			 (unsigned long long)dtb, (unsigned long long)b->ram);
		return -1;
	}
	*elf = cp_path_join(b->work, "blob.elf");
	if (cp_toolchain_find(b->arch, prefix, &tc))
		return -1;
	{
		char *tdata = cp_xasprintf("-Tdata=0x%llx",
					   (unsigned long long)b->blob_at);
		char *entry =
			cp_xasprintf("0x%llx", (unsigned long long)b->blob_at);
		/* an OUTDIR named like an option stays a file to ld */
		char *blob = cp_xasprintf("%s%s",
					  b->lay.t.blob[0] == '-' ? "./" : "",
					  b->lay.t.blob);

		err = run_ld(&tc, b->arch, *elf,
			     (const char *const[]){ "-b", "binary", tdata, "-e",
						    entry, blob, NULL });
		free(tdata);
		free(entry);
		free(blob);
	}
	cp_toolchain_free(&tc);
	return err;
}
