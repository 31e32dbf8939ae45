# SPDX-License-Identifier: MIT
# shellcheck shell=sh
#
# x86-destinations.sh - what both x86 arches' sets share (their qemu.sh
# and handoff.sh source it, after verdicts.sh and boot.sh): the Multiboot
# and screen destinations set "qemu" boots, and Debian's 686 kernel.

# x86_kernel_686 TEST: k686, Debian's 686 kernel's directory (vmlinuz),
# fetched with apt-get download, with the 32-bit loader and init built;
# else TEST is missing and it fails
x86_kernel_686() {
	k686=$BUILD/debian-686
	if [ ! -x "$OBJTREE/kexec-codepage.i386" ] ||
		[ ! -x "$BUILD/tests/handoff-init.i386" ]; then
		missing "$1" "no i686-linux-gnu-gcc for the 32-bit loader"
		return 1
	fi
	if ! sh "$SRCTREE/tools/fetch-debian-kernel.sh" i386 "$k686" \
		linux-image-686 >"$WORK/fetch-686.log" 2>&1; then
		missing "$1" "Debian's 686 kernel could not be fetched (see apt)"
		return 1
	fi
}

# The Multiboot information mbcheck prints for samples/mbcheck.dts and
# mbcheck2.dts: the same facts through either protocol.
MBCHECK_INFO="mbcheck: lower=0x00000000 upper=0x0007f400;mbcheck: cmdline=mbcheck.elf console=com1 mbcheck.marker=1;mbcheck: loader=mkcodepage;mbcheck: module 0x03000000-0x0300000a initrd rootfs=1;mbcheck: module 0x03001000-0x03001004 blob;mbcheck: mmap 0x0000000000000000 0x0000000000100000 type=0x00000002;mbcheck: mmap 0x0000000000100000 0x000000001fd00000 type=0x00000001;mbcheck: done"

# x86_mbcheck ARCH: mbcheck (an i386 ELF) through arch/ARCH/samples/
# mbcheck.dts and mbcheck2.dts, placed and list; each OUTDIR is left in
# $WORK/q-ARCH-mbcheck and -mbcheck2
x86_mbcheck() {
	for p in mbcheck mbcheck2; do
		out=$WORK/q-$1-$p
		if ! "$MKCP" -d "$SRCTREE/arch/$1/samples/$p.dts" \
			-k "$BUILD/samples/x86_64/mbcheck.elf" -o "$out" \
			>"$out.log" 2>&1; then
			fail "qemu/$1-$p/build" "" "$out.log"
			continue
		fi
		magic=0x2badb002
		[ $p = mbcheck2 ] && magic=0x36d76289
		boot_case "$1-$p" "$out" "mbcheck: done" \
			"mbcheck: magic=$magic;$MBCHECK_INFO"
	done
}

# x86_screen_destinations ARCH MEMTEST: destinations from Debian's
# packages that draw on the VGA text screen (fetched with apt-get
# download): grub-invaders, a Multiboot kernel its header's address
# fields place (its aliens show it runs: "-*-" is one in each frame of
# their dance, "-*--" and "--*-"), placed and list; and memtest86+ (its
# file MEMTEST), a bzImage through linux-x86 (its memory size, read from
# the e820 in boot_params, shows the map arrived), placed only: it
# measures its caches' speed before it draws anything, 16 s on x86_64 and
# 30 s on i386 here, and the list entry runs the same preamble as the
# placed one (every arch's 64m-segment case takes that entry).
x86_screen_destinations() {
	x86_screen_case "$1" invaders grub-invaders boot/invaders.exec "-*-" \
		"placed list"
	x86_screen_case "$1" memtest memtest86+ "boot/$2" \
		"Memory  :  509MB" placed
}

# x86_screen_case ARCH NAME PACKAGE FILE TEXT MODES: FILE of PACKAGE
# booted through arch/ARCH/tests/screen/NAME.dts until TEXT is on the
# screen, in each of MODES (codepage-qemu's --mode)
x86_screen_case() {
	g=$BUILD/debian-$3
	if ! sh "$SRCTREE/tools/fetch-debian-packages.sh" amd64 "$g" "$3" \
		>"$WORK/fetch-$1-$2.log" 2>&1; then
		missing "qemu/$1-$2" "Debian's $3 could not be fetched (see apt)"
		return
	fi
	out=$WORK/q-$1-$2
	if ! "$MKCP" -d "$SRCTREE/arch/$1/tests/screen/$2.dts" -k "$g/root/$4" \
		-o "$out" >"$out.log" 2>&1; then
		fail "qemu/$1-$2/build" "" "$out.log"
		return
	fi
	for mode in $6; do
		log=$WORK/$1-$2-$mode.log
		if "$QEMU_RUN" --mode "$mode" --timeout 120 --expect-screen "$5" \
			"$out" >"$log" 2>&1; then
			pass "qemu/$1-$2/$mode"
		else
			fail "qemu/$1-$2/$mode" "'$5' did not appear on the screen" "$log"
		fi
	done
}
