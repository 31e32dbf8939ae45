/* SPDX-License-Identifier: MIT */
/*
 * qemu-x86.h - what codepage-qemu's x86_64 and i386 rows share
 * (arch/x86_64/qemu.c): QEMU's PC machines under SeaBIOS, and the RAM the
 * firmware keeps there.
 */
#ifndef QEMU_X86_H
#define QEMU_X86_H

#include "codepage-qemu.h"

/* --machine's values: q35, and pc (i440FX and PIIX) */
extern const char *const x86_machines[];
/* the one b asks for */
const char *x86_machine(const struct boot *b);
/* SeaBIOS's RAM, kept (firmware) or used only while it starts (scratch) */
void x86_reserve(const struct boot *b, struct used *firmware,
		 struct used *scratch);

#endif
