# SPDX-License-Identifier: MIT
# shellcheck shell=sh
#
# qemu.sh - x86_64's part of set "qemu" (arch/x86_64/tests/sets.txt).
# shellcheck source=tests/lib/verdicts.sh
. "$SRCTREE/tests/lib/verdicts.sh"
# shellcheck source=tests/lib/boot.sh
. "$SRCTREE/tests/lib/boot.sh"

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


# The Multiboot information mbcheck prints for samples/mbcheck.dts and
# mbcheck2.dts: the same facts through either protocol.
MBCHECK_INFO="mbcheck: lower=0x00000000 upper=0x0007f400;mbcheck: cmdline=mbcheck.elf console=com1 mbcheck.marker=1;mbcheck: loader=mkcodepage;mbcheck: module 0x03000000-0x0300000a initrd rootfs=1;mbcheck: module 0x03001000-0x03001004 blob;mbcheck: mmap 0x0000000000000000 0x0000000000100000 type=0x00000002;mbcheck: mmap 0x0000000000100000 0x000000001fd00000 type=0x00000001;mbcheck: done"

# Multiboot destinations: mbcheck (an i386 ELF) through both protocols,
# placed and list, and from 32-bit protected mode; then the destinations
# from Debian that draw on the VGA text screen
qemu_x86_64_multiboot() {
	for p in mbcheck mbcheck2; do
		out=$WORK/q-x86_64-$p
		if ! "$MKCP" -d "$SRCTREE/arch/x86_64/samples/$p.dts" \
			-k "$BUILD/samples/x86_64/mbcheck.elf" -o "$out" \
			>"$out.log" 2>&1; then
			fail "qemu/x86_64-$p/build" "" "$out.log"
			continue
		fi
		magic=0x2badb002
		[ $p = mbcheck2 ] && magic=0x36d76289
		boot_case "x86_64-$p" "$out" "mbcheck: done" \
			"mbcheck: magic=$magic;$MBCHECK_INFO"
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
	x86_screen_destinations
}

# Destinations from Debian's packages that draw on the VGA text screen
# (fetched with apt-get download), placed and list: grub-invaders, a
# Multiboot kernel its header's address fields place (its aliens show it
# runs), and memtest86+, a bzImage through linux-x86 (its memory size,
# read from the e820 in boot_params, shows the map arrived)
x86_screen_destinations() {
	x86_screen_case invaders grub-invaders boot/invaders.exec \
		"-*--          -*--"
	x86_screen_case memtest memtest86+ boot/memtest86+x64.bin \
		"Memory  :  509MB"
}

# x86_screen_case NAME PACKAGE FILE TEXT: FILE of PACKAGE booted through
# arch/x86_64/tests/screen/NAME.dts until TEXT is on the screen
x86_screen_case() {
	g=$BUILD/debian-$2
	if ! sh "$SRCTREE/tools/fetch-debian-packages.sh" amd64 "$g" "$2" \
		>"$WORK/fetch-$1.log" 2>&1; then
		missing "qemu/x86_64-$1" "Debian's $2 could not be fetched (see apt)"
		return
	fi
	out=$WORK/q-x86_64-$1
	if ! "$MKCP" -d "$SRCTREE/arch/x86_64/tests/screen/$1.dts" -k "$g/root/$3" \
		-o "$out" >"$out.log" 2>&1; then
		fail "qemu/x86_64-$1/build" "" "$out.log"
		return
	fi
	for mode in placed list; do
		log=$WORK/x86_64-$1-$mode.log
		if "$QEMU_RUN" --mode "$mode" --timeout 120 --expect-screen "$4" \
			"$out" >"$log" 2>&1; then
			pass "qemu/x86_64-$1/$mode"
		else
			fail "qemu/x86_64-$1/$mode" "'$4' did not appear on the screen" "$log"
		fi
	done
}


qemu_x86_64
