# SPDX-License-Identifier: MIT
# sets.sh - x86_64's own tests, sourced by tests/run_tests.sh, which runs
# SET_x86_64 at the end of its set SET.

# qemu: entered as a bootloader leaves the CPU (32-bit protected mode,
# paging off), placed only (the list entry is Linux's, 64-bit): into a
# 64-bit destination and, through long mode and out again, a 32-bit one
qemu_x86_64() {
	x86_protected regcheck "pc=0x01000000 mode=64 cs=0x00000010 if=0;rsi=0x02000000 rdi=0x0000000123456789"
	x86_protected regcheck32 "pc=0x01000000 mode=32 pg=0 cs=0x00000008 if=0;eax=0x2badb002 ebx=0x02000000"
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
}

# x86_handoff_boot NAME OUTDIR EXPECTED: the old kernel's initramfs around
# OUTDIR, booted on q35 with 1 GiB; the console checked.
x86_handoff_boot() {
	stage=$WORK/hs-$1
	log=$WORK/handoff-$1.log
	mkdir -p "$stage/bin" "$stage/cp"
	cp "$BUILD/tests/handoff-init.x86_64" "$stage/init"
	cp "$OBJTREE/kexec-codepage.x86_64" "$stage/bin/kexec-codepage"
	cp "$2"/* "$stage/cp/"
	(cd "$stage" && find . | cpio -o -H newc --quiet) >"$WORK/$1.cpio"
	timeout 120 qemu-system-x86_64 -M q35 -m 1G \
		-nodefaults -display none -serial stdio -monitor none -no-reboot \
		-kernel "$BUILD/debian-amd64/vmlinuz" -initrd "$WORK/$1.cpio" \
		-append "console=ttyS0 panic=-1 quiet" </dev/null >"$log" 2>&1
	st=$?
	if [ $st -eq 124 ]; then
		fail "handoff/$1" "the machine did not power off within 120 s" "$log"
	elif [ $st -ne 0 ]; then
		fail "handoff/$1" "QEMU failed (exit $st)" "$log"
	else
		check_console "handoff/$1" "$log" "$3" "$2/kernel.0.bin"
	fi
}
