# SPDX-License-Identifier: MIT
# shellcheck shell=sh
#
# qemu.sh - i386's part of set "qemu" (arch/i386/tests/sets.txt): the
# Multiboot and screen destinations x86_64 boots too, from the i386
# codepage on a CPU without long mode.
# shellcheck source=tests/lib/verdicts.sh
. "$SRCTREE/tests/lib/verdicts.sh"
# shellcheck source=tests/lib/boot.sh
. "$SRCTREE/tests/lib/boot.sh"
# shellcheck source=arch/x86_64/tests/x86-destinations.sh
. "$SRCTREE/arch/x86_64/tests/x86-destinations.sh"

x86_mbcheck i386
x86_screen_destinations i386 memtest86+ia32.bin
