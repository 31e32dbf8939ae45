// SPDX-License-Identifier: MIT
/*
 * insn-count-plugin.c - a QEMU TCG plugin for make bench's real handoff:
 * counts the guest's instructions and notes the count at each store to one
 * device register, the console UART's transmit register. A console writes
 * one character per store, so the n-th count belongs to the n-th byte of
 * QEMU's serial log, and the bench can tell how many instructions ran
 * between two lines of the console (QEMU 7.2's plugin API cannot give the
 * value stored; the serial log has it).
 *
 * Arguments: uart=ADDRESS (physical, of the data register), out=FILE (one
 * decimal count per line, written when QEMU exits). Run with one vCPU: the
 * counter is a plain add in the translated code, not atomic.
 */
#include "qemu-plugin-abi.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

QEMU_PLUGIN_EXPORT int qemu_plugin_version = QEMU_PLUGIN_VERSION;

static uint64_t insns; /* every instruction executed so far */
static uint64_t uart; /* the data register, physical */
static const char *out;
static uint64_t *at; /* insns at each store to uart */
static size_t nat, capacity;

static void note_store(unsigned int vcpu, qemu_plugin_meminfo_t info,
		       uint64_t vaddr, void *udata)
{
	struct qemu_plugin_hwaddr *hw = qemu_plugin_get_hwaddr(info, vaddr);

	(void)vcpu;
	(void)udata;
	if (!hw || !qemu_plugin_hwaddr_is_io(hw) ||
	    qemu_plugin_hwaddr_phys_addr(hw) != uart)
		return;
	if (nat == capacity) {
		size_t more = capacity ? 2 * capacity : 4096;
		uint64_t *grown = realloc(at, more * sizeof(*at));

		if (!grown) {
			fprintf(stderr, "insn-count-plugin: out of memory\n");
			exit(1);
		}
		at = grown;
		capacity = more;
	}
	at[nat++] = insns;
}

/* Each block adds its length as it starts: the count at a store includes
 * the rest of its block, the same few instructions on every run. */
static void translated(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
	size_t n = qemu_plugin_tb_n_insns(tb);

	(void)id;
	qemu_plugin_register_vcpu_tb_exec_inline(tb, QEMU_PLUGIN_INLINE_ADD_U64,
						 &insns, n);
	for (size_t i = 0; i < n; i++)
		qemu_plugin_register_vcpu_mem_cb(qemu_plugin_tb_get_insn(tb, i),
						 note_store,
						 QEMU_PLUGIN_CB_NO_REGS,
						 QEMU_PLUGIN_MEM_W, NULL);
}

static void write_counts(qemu_plugin_id_t id, void *udata)
{
	FILE *f = fopen(out, "w");

	(void)id;
	(void)udata;
	if (!f) {
		perror(out);
		return;
	}
	for (size_t i = 0; i < nat; i++)
		fprintf(f, "%" PRIu64 "\n", at[i]);
	fprintf(f, "end %" PRIu64 "\n", insns);
	if (fclose(f) != 0)
		perror(out);
}

QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id,
					   const qemu_info_t *info, int argc,
					   char **argv)
{
	int have_uart = 0;

	(void)info;
	for (int i = 0; i < argc; i++) {
		char *end;

		if (strncmp(argv[i], "uart=", 5) == 0) {
			uart = strtoull(argv[i] + 5, &end, 0);
			have_uart = argv[i][5] && !*end;
		} else if (strncmp(argv[i], "out=", 4) == 0 && argv[i][4]) {
			out = argv[i] + 4;
		} else {
			fprintf(stderr,
				"insn-count-plugin: unknown argument "
				"'%s' (uart=ADDRESS, out=FILE)\n",
				argv[i]);
			return 1;
		}
	}
	if (!have_uart || !out) {
		fprintf(stderr, "insn-count-plugin: needs uart=ADDRESS and "
				"out=FILE\n");
		return 1;
	}
	qemu_plugin_register_vcpu_tb_trans_cb(id, translated);
	qemu_plugin_register_atexit_cb(id, write_counts, NULL);
	return 0;
}
