# SPDX-License-Identifier: MIT
# shellcheck shell=sh
#
# qemu.sh - x86_64's part of set "qemu" (arch/x86_64/tests/sets.txt).
# shellcheck source=tests/lib/verdicts.sh
. "$SRCTREE/tests/lib/verdicts.sh"
# shellcheck source=tests/lib/boot.sh
. "$SRCTREE/tests/lib/boot.sh"
# shellcheck source=arch/x86_64/tests/x86-destinations.sh
. "$SRCTREE/arch/x86_64/tests/x86-destinations.sh"

# qemu: entered as a bootloader leaves the CPU (32-bit protected mode,
# paging off), placed only (the list entry is Linux's, 64-bit): into a
# 64-bit destination and, through long mode and out again, a 32-bit one;
# then the Multiboot destinations
qemu_x86_64() {
	x86_protected regcheck "pc=0x01000000 mode=64 cs=0x00000010 if=0;rsi=0x02000000 rdi=0x0000000123456789"
	x86_protected regcheck32 "pc=0x01000000 mode=32 pg=0 cs=0x00000010 if=0;eax=0x2badb002 ebx=0x02000000"
	qemu_x86_64_multiboot
}

# x86_protected SAMPLE EXPECTED: samples/SAMPLE.dts with SAMPLE.elf
x86_protected() {
	out=$WORK/q-x86_64-protected-$1
	log=$out.log
	if ! "$MKCP" -d "$SRCTREE/arch/x86_64/samples/$1.dts" \
		-k "$BUILD/samples/x86_64/$1.elf" -o "$out" >"$log" 2>&1; then
		fail "qemu/x86_64-protected-$1/build" "" "$log"
		return
	fi
	"$QEMU_RUN" --state protected --timeout 120 --expect "regcheck: PASS" \
		"$out" >"$log" 2>&1
	st=$?
	if [ $st -ne 0 ]; then
		fail "qemu/x86_64-protected-$1/placed" "exit $st" "$log"
	else
		check_console "qemu/x86_64-protected-$1/placed" "$log" "$2" \
			"$out/kernel.0.bin"
	fi
}


# Multiboot destinations (x86-destinations.sh), and mbcheck again from
# 32-bit protected mode
qemu_x86_64_multiboot() {
	x86_mbcheck x86_64
	for p in mbcheck mbcheck2; do
		out=$WORK/q-x86_64-$p
		[ -d "$out" ] || continue
		magic=0x2badb002
		[ $p = mbcheck2 ] && magic=0x36d76289
		# the 32-bit entry is placed only: Linux enters the list one
		log=$WORK/x86_64-$p-protected.log
		if ! "$QEMU_RUN" --state protected --timeout 120 \
			--expect "mbcheck: done" "$out" >"$log" 2>&1; then
			fail "qemu/x86_64-$p-protected/placed" "" "$log"
		else
			check_console "qemu/x86_64-$p-protected/placed" "$log" \
				"mbcheck: magic=$magic;$MBCHECK_INFO" "$out/kernel.0.bin"
		fi
	done
	x86_screen_destinations x86_64 memtest86+x64.bin
}

qemu_x86_64
