# SPDX-License-Identifier: MIT
# sets.sh - x86_64's own tests, sourced by tests/run_tests.sh, which runs
# SET_x86_64 at the end of its set SET.

# qemu: entered as a bootloader leaves the CPU (32-bit protected mode,
# paging off), placed only (the list entry is Linux's, 64-bit): into a
# 64-bit destination and, through long mode and out again, a 32-bit one;
# then the Multiboot destinations
qemu_x86_64() {
	x86_protected regcheck "pc=0x01000000 mode=64 cs=0x00000010 if=0;rsi=0x02000000 rdi=0x0000000123456789"
	x86_protected regcheck32 "pc=0x01000000 mode=32 pg=0 cs=0x00000008 if=0;eax=0x2badb002 ebx=0x02000000"
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

# handoff: Debian's amd64 kernel boots on q35 with an initramfs holding
# kexec-codepage and an OUTDIR; its init runs kexec-codepage --exec, and
# Linux's own relocate_kernel enters the codepage (placed mode, a stock
# kernel). No kexec-tools, no purgatory.
handoff_x86_64() {
	k=$BUILD/debian-amd64
	h=$WORK/handoff-x86
	if [ ! -x "$OBJTREE/kexec-codepage.x86_64" ] ||
		[ ! -x "$BUILD/tests/handoff-init.x86_64" ]; then
		missing handoff-x86_64 "no x86_64-linux-gnu-gcc for the loader"
		return
	fi
	if ! sh "$SRCTREE/tools/fetch-debian-kernel.sh" amd64 "$k" \
		>"$WORK/fetch-amd64.log" 2>&1; then
		missing handoff-x86_64 "Debian's amd64 kernel could not be fetched (see apt)"
		return
	fi
	mkdir -p "$h"
	cp "$SRCTREE/arch/x86_64/samples/regcheck.dts" "$h/"
	# RAM as -m 1G has it, and the trail on COM1
	sed -i -e 's|^\tmemory = .*|\tmemory = <0x0 0x100000 0x0 0x3fd00000>;|' \
		-e 's|^};|\tdebug-uart { type = "ns16550-io"; address = <0x0 0x3f8>; };\n};|' \
		"$h/regcheck.dts"
	if ! "$MKCP" -d "$h/regcheck.dts" -k "$BUILD/samples/x86_64/regcheck.elf" \
		-o "$h/out-rc" >"$h/rc.log" 2>&1; then
		fail handoff/x86_64-regcheck-build "" "$h/rc.log"
		return
	fi
	x86_handoff_boot x86_64-regcheck "$h/out-rc" \
		"handoff: old kernel up;mkcodepage: entered;mkcodepage: memory mapped;mkcodepage: segments checked;mkcodepage: jumping;regcheck: pc=0x01000000 mode=64 cs=0x00000010 if=0;rsi=0x02000000 rdi=0x0000000123456789 rbp=0x0000c0de"
	# Secure Boot's lockdown, from the command line: the loader reads
	# the mode and says why before it loads anything (exit 2)
	x86_handoff_boot x86_64-lockdown "$h/out-rc" \
		"handoff: old kernel up;the kernel is locked down (integrity;[kexec-lockdown];exitcode=0x00000200" \
		lockdown=integrity
	x86_handoff_linux "$h"
}

# x86_handoff_boot NAME OUTDIR EXPECTED [CMDLINE] [QEMU-OPTIONS]: the old
# kernel's initramfs around OUTDIR, booted on q35 with 1 GiB (CMDLINE
# added to its command line); the console checked.
x86_handoff_boot() {
	stage=$WORK/hs-$1
	log=$WORK/handoff-$1.log
	mkdir -p "$stage/bin" "$stage/cp"
	cp "$BUILD/tests/handoff-init.x86_64" "$stage/init"
	cp "$OBJTREE/kexec-codepage.x86_64" "$stage/bin/kexec-codepage"
	cp "$2"/* "$stage/cp/"
	(cd "$stage" && find . | cpio -o -H newc --quiet) >"$WORK/$1.cpio"
	timeout 120 qemu-system-x86_64 -M q35 -m 1G ${5:-} \
		-nodefaults -display none -serial stdio -monitor none -no-reboot \
		-kernel "$BUILD/debian-amd64/vmlinuz" -initrd "$WORK/$1.cpio" \
		-append "console=ttyS0 panic=-1 quiet${4:+ $4}" </dev/null >"$log" 2>&1
	st=$?
	if [ $st -eq 124 ]; then
		fail "handoff/$1" "the machine did not power off within 120 s" "$log"
	elif [ $st -ne 0 ]; then
		fail "handoff/$1" "QEMU failed (exit $st)" "$log"
	else
		check_console "handoff/$1" "$log" "$3" "$2/kernel.0.bin"
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
	x86_screen_case invaders grub-invaders boot/invaders.exec multiboot \
		"-*--          -*--"
	x86_screen_case memtest memtest86+ boot/memtest86+x64.bin linux-x86 \
		"Memory  :  509MB"
}

# x86_screen_case NAME PACKAGE FILE PROTOCOL TEXT: FILE of PACKAGE booted
# with PROTOCOL in 509 MiB from 1 MiB up until TEXT is on the screen
x86_screen_case() {
	g=$BUILD/debian-$2
	if ! sh "$SRCTREE/tools/fetch-debian-packages.sh" amd64 "$g" "$2" \
		>"$WORK/fetch-$1.log" 2>&1; then
		missing "qemu/x86_64-$1" "Debian's $2 could not be fetched (see apt)"
		return
	fi
	out=$WORK/q-x86_64-$1
	cat >"$WORK/$1.dts" <<EOF2
/dts-v1/;
/ {
	compatible = "mkcodepage,description-v1";
	#address-cells = <2>; #size-cells = <2>;
	arch = "x86_64"; protocol = "$4";
	memory = <0x0 0x100000 0x0 0x1fd00000>;
	reserved-memory = <0x0 0x0 0x0 0x100000>;
	kernel { command-line = "console=ttyS0"; };
};
EOF2
	if ! "$MKCP" -d "$WORK/$1.dts" -k "$g/root/$3" -o "$out" >"$out.log" 2>&1; then
		fail "qemu/x86_64-$1/build" "" "$out.log"
		return
	fi
	for mode in placed list; do
		log=$WORK/x86_64-$1-$mode.log
		if "$QEMU_RUN" --mode $mode --timeout 120 --expect-screen "$5" \
			"$out" >"$log" 2>&1; then
			pass "qemu/x86_64-$1/$mode"
		else
			fail "qemu/x86_64-$1/$mode" "'$5' did not appear on the screen" "$log"
		fi
	done
}

# handoff, protocol linux-x86: the destination is Debian's kernel again,
# with boot_params from the description (e820 with reserved ranges, its
# command line, an initrd holding init alone, which prints the command
# line and powers off)
x86_handoff_linux() {
	second_initrd x86_64 "$1"
	cat >"$1/linux.dts" <<EOF2
/dts-v1/;
/ {
	compatible = "mkcodepage,description-v1";
	#address-cells = <2>; #size-cells = <2>;
	arch = "x86_64"; protocol = "linux-x86";
	/* q35's RAM with -m 1G, less SeaBIOS's: the kernel wants some
	 * below 1 MiB for its real-mode trampoline */
	memory = <0x0 0x1000 0x0 0x9e000 0x0 0x100000 0x0 0x3fd00000>;
	reserved-memory = <0x0 0x9f000 0x0 0x61000 0x0 0x3fe00000 0x0 0x200000>;
	kernel {
		command-line = "console=ttyS0 panic=-1 rdinit=/init mkcodepage.marker=second";
		initrd = "initrd";
	};
	segments {
		initrd { file = "initrd-second.cpio.gz"; load = <0x0 0x08000000>; };
	};
	debug-uart { type = "ns16550-io"; address = <0x0 0x3f8>; };
};
EOF2
	if ! "$MKCP" -d "$1/linux.dts" -k "$BUILD/debian-amd64/vmlinuz" \
		-o "$1/out-linux" >"$1/linux.log" 2>&1; then
		fail handoff/x86_64-linux-build "" "$1/linux.log"
		return
	fi
	x86_handoff_boot x86_64-linux "$1/out-linux" \
		"handoff: old kernel up;mkcodepage: segments checked;mkcodepage: jumping;Command line: console=ttyS0 panic=-1 rdinit=/init mkcodepage.marker=second;BIOS-e820: [mem 0x000000003fe00000-0x000000003fffffff] reserved;Freeing initrd memory;handoff: second kernel up: console=ttyS0 panic=-1 rdinit=/init mkcodepage.marker=second;reboot: Power down"
	# SMP: the old kernel hands off from its second CPU (reboot=s1:
	# kernel_kexec moves to it and stops the other); the destination's
	# boot CPU is that one, and it starts the other with INIT and SIPI
	x86_handoff_boot x86_64-linux-smp-from-cpu1 "$1/out-linux" \
		"handoff: old kernel: cpus online 0-1;handoff: old kernel: cpu1 is apicid 1;handoff: second kernel up;handoff: second kernel: cpus online 0-1;handoff: second kernel: cpu0 is apicid 1;reboot: Power down" \
		reboot=s1 "-smp 2"
	# the same destination as one blob over the kernel's own destination,
	# entered in 32-bit protected mode as a bootloader's go leaves it: the
	# mover steps aside, moves every segment, and the codepage goes on to
	# long mode and Debian's kernel
	if ! "$MKCP" -d "$1/linux.dts" -k "$BUILD/debian-amd64/vmlinuz" \
		-o "$1/out-blob" --blob >"$1/blob.log" 2>&1; then
		fail handoff/x86_64-blob-linux-build "" "$1/blob.log"
		return
	fi
	log=$WORK/handoff-x86_64-blob-linux.log
	"$QEMU_RUN" --mode blob --at 0x1000000 --state protected --timeout 120 \
		--expect "reboot: Power down" "$1/out-blob" >"$log" 2>&1
	st=$?
	if [ $st -ne 0 ]; then
		fail handoff/x86_64-blob-linux "exit $st" "$log"
	else
		check_console handoff/x86_64-blob-linux "$log" \
			"mkcodepage: segments checked;mkcodepage: jumping;Command line: console=ttyS0 panic=-1 rdinit=/init mkcodepage.marker=second;Freeing initrd memory;handoff: second kernel up: console=ttyS0 panic=-1 rdinit=/init mkcodepage.marker=second;reboot: Power down" \
			"$1/out-blob/kernel.0.bin"
	fi
}

# check: boot information the protocol does not pass on is warned of, and
# the codepage is still built
check_x86_64() {
	log=$WORK/x86-cmdline-none.log
	if ! "$MKCP" -d "$SRCTREE/arch/x86_64/tests/bad/x86-cmdline-none.dts" \
		-k "$BUILD/samples/x86_64/regcheck.elf" -o "$WORK/out-cmdline-none" \
		>"$log" 2>&1; then
		fail cli/x86-cmdline-under-none "" "$log"
	elif ! grep -q 'passes no command line.*\[unused-property\]' "$log"; then
		fail cli/x86-cmdline-under-none "no [unused-property]" "$log"
	else
		pass cli/x86-cmdline-under-none
	fi
}
