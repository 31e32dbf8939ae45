# SPDX-License-Identifier: MIT
# shellcheck shell=sh
#
# handoff.sh - arm64's part of set "handoff" (arch/arm64/tests/sets.txt).
# shellcheck source=tests/lib/verdicts.sh
. "$SRCTREE/tests/lib/verdicts.sh"
# shellcheck source=tests/lib/boot.sh
. "$SRCTREE/tests/lib/boot.sh"

# Debian's arm64 kernel boots in QEMU with an initramfs holding
# kexec-codepage and an OUTDIR; its init runs kexec-codepage --exec. No
# kexec-tools, no purgatory.

# -cpu max with QEMU's own pointer authentication algorithm (pauth-impdef)
# in place of the architected QARMA, whose emulation is most of a boot's
# time: Debian's 16k kernel reached its root mount in 8.1 s, in 4.7 s with
# it (measured). The kernels still sign and check their pointers; nothing
# here tests the algorithm.
a64_max=max,pauth-impdef=on

# a64_handoff_boot NAME OUTDIR MACHINE[:CPU] EXPECTED [FILE] [QEMU-OPTIONS]
#                  [CMDLINE]:
# build the old kernel's initramfs around OUTDIR (FILE, e.g. disable-kexec,
# created in its root), boot it (CPU: cortex-a57 unless given; CMDLINE
# added to its command line) and check the console.
a64_handoff_boot() {
	handoff_initramfs "$1" arm64 "$2" "${5:-}"
	cpu=cortex-a57
	case $3 in *:*) cpu=${3#*:} ;; esac
	# shellcheck disable=SC2086 # QEMU-OPTIONS: words
	handoff_run "$1" "$2" "$4" qemu-system-aarch64 -M "${3%%:*}" -cpu "$cpu" \
		-m 1G -kernel "$HANDOFF_KERNEL" -initrd "$WORK/$1.cpio" ${6:-} \
		-append "console=ttyAMA0 panic=-1 quiet${7:+ $7}"
}

# The old kernel booted with memory its firmware keeps (QEMU's tree plus a
# no-map /reserved-memory child, given with -dtb): kexec-codepage names it
# and loads nothing over it, and exits 1 (init's exit code, which the
# kernel reports).
a64_handoff_kept() {
	cp "$1/virt.dtb" "$1/virt-kept.dtb"
	if ! { fdtput -c "$1/virt-kept.dtb" /reserved-memory &&
		fdtput -t u "$1/virt-kept.dtb" /reserved-memory '#address-cells' 2 &&
		fdtput -t u "$1/virt-kept.dtb" /reserved-memory '#size-cells' 2 &&
		fdtput -t s "$1/virt-kept.dtb" /reserved-memory ranges "" &&
		fdtput -c "$1/virt-kept.dtb" /reserved-memory/secure@4a000000 &&
		fdtput -t x "$1/virt-kept.dtb" /reserved-memory/secure@4a000000 \
			reg 0 0x4a000000 0 0x100000 &&
		fdtput -t s "$1/virt-kept.dtb" /reserved-memory/secure@4a000000 \
			no-map ""; }; then
		fail handoff/kept-region-build "fdtput could not add the region"
		return
	fi
	cp "$SRCTREE/arch/arm64/tests/handoff-kept.dts" "$1/kept.dts"
	if "$MKCP" -d "$1/kept.dts" -k "$BUILD/samples/arm64/regcheck.elf" \
		-o "$1/out-kept" >"$1/kept.log" 2>&1; then
		a64_handoff_boot kept-region "$1/out-kept" virt \
			"handoff: old kernel up;/reserved-memory/secure@4a000000 (a /reserved-memory node, /sys/firmware/fdt);[reserved-overlap];exitcode=0x00000100" \
			"" "-dtb $1/virt-kept.dtb"
	else
		fail handoff/kept-region-build "" "$1/kept.log"
	fi
}

# Fresh seeds at every load: the same OUTDIR loaded again, and the
# destination's KASLR offset (from the kaslr-seed kexec-codepage wrote;
# QEMU's cortex-a57 has no RNDR to add) differs.
a64_fresh_seeds() {
	a64_handoff_boot linux-el1-again "$h/out-linux-el1" virt \
		"handoff: second kernel up;handoff: _stext at"
	first=$(grep -o 'handoff: _stext at [0-9a-f]*' "$WORK/handoff-linux-el1.log")
	again=$(grep -o 'handoff: _stext at [0-9a-f]*' "$WORK/handoff-linux-el1-again.log")
	if [ -n "$first" ] && [ -n "$again" ] && [ "$first" != "$again" ]; then
		pass handoff/fresh-kaslr-seed
	else
		fail handoff/fresh-kaslr-seed "'$first' then '$again'" \
			"$WORK/handoff-linux-el1-again.log"
	fi
}

# Kernels with 16 KiB pages: Debian's -arm64-16k 6.12 (bookworm-security),
# on -cpu max,lpa2=off (cortex-a57 has no 16 KiB granule, and 6.12
# oopses in its own trans_pgd_create_copy with 52-bit addresses). The OUTDIRs
# above, aligned to 64 KiB by default, load under it unchanged; one
# aligned for 4 KiB pages only is refused with both page sizes named, and
# --list too (its list pages are 4 KiB); and it is a destination, from
# Debian's 4 KiB kernel and from itself.
a64_pages16k() {
	k16=$BUILD/debian-arm64-16k
	debian_kernel handoff/16k arm64 "$k16" linux-image-6.12-arm64-16k || return
	m16=virt:$a64_max,lpa2=off
	dump_dtb handoff/qemu-dtb-max "$h/virt-max.dtb" \
		qemu-system-aarch64 -M virt -cpu "$a64_max,lpa2=off" -m 1G || return
	cp "$SRCTREE/arch/arm64/tests/handoff-4k.dts" "$h/rc-4k.dts"
	if ! "$MKCP" -d "$h/linux-max.dts" -k "$k16/vmlinuz" -o "$h/out-16k" \
		>"$h/16k.log" 2>&1 ||
		! "$MKCP" -d "$h/rc-4k.dts" -k "$BUILD/samples/arm64/regcheck.elf" \
			-o "$h/out-rc-4k" >>"$h/16k.log" 2>&1; then
		fail handoff/16k-build "" "$h/16k.log"
		return
	fi
	greps handoff/16k-page-size-shown "destination's pages: 16 KiB" "$h/out-16k/map.txt"
	up="handoff: second kernel up: console=ttyAMA0 panic=-1 rdinit=/init mkcodepage.marker=second;reboot: Power down"
	a64_handoff_boot 16k-destination "$h/out-16k" "$m16" "handoff: old kernel up;$up"
	k4=$HANDOFF_KERNEL
	HANDOFF_KERNEL=$k16/vmlinuz
	a64_handoff_boot 16k-old-regcheck "$h/out-rc" "$m16" \
		"handoff: old kernel up;el=1;x0=0x48000000;fdt=ok"
	a64_handoff_boot 16k-old-linux "$h/out-linux-el1" "$m16" \
		"handoff: old kernel is Linux 6.12.;handoff: old kernel up;$up"
	a64_handoff_boot 16k-to-16k "$h/out-16k" "$m16" "handoff: old kernel up;$up"
	a64_handoff_boot 16k-refuses-4k-outdir "$h/out-rc-4k" "$m16" \
		"handoff: old kernel up;aligned to the OUTDIR's 4096-byte pages, and this kernel's pages are 16384 bytes;page-size = <16384>;[segment-align];exitcode=0x00000100"
	a64_handoff_boot 16k-refuses-list "$h/out-rc" "$m16" \
		"handoff: old kernel up;this kernel's pages are 16384 bytes;[page-size];exitcode=0x00000200" \
		kexec-list
	HANDOFF_KERNEL=$k4
}

# SMP: two CPUs, and the old kernel hands off from the second (reboot=s1:
# kernel_kexec moves to it; PSCI turns the first off). The destination
# starts on that CPU and brings the other up again through PSCI.
a64_smp() {
	dump_dtb handoff/qemu-dtb-smp "$h/virt-smp.dtb" \
		qemu-system-aarch64 -M virt -cpu cortex-a57 -m 1G -smp 2 || return
	if ! "$MKCP" -d "$h/linux-smp.dts" -k "$HANDOFF_KERNEL" \
		-o "$h/out-linux-smp" >"$h/smp.log" 2>&1; then
		fail handoff/smp-build "" "$h/smp.log"
		return
	fi
	a64_handoff_boot smp-from-cpu1 "$h/out-linux-smp" virt \
		"handoff: old kernel: cpus online 0-1;handoff: old kernel up;Booting Linux on physical CPU 0x0000000001;handoff: second kernel up;handoff: second kernel: cpus online 0-1;reboot: Power down" \
		"" "-smp 2" reboot=s1
}

# The old kernel (Debian's arm64 kernel) and QEMU's trees; 1 when there is
# nothing to hand off from (said).
a64_setup() {
	k=$BUILD/debian-arm64
	if [ ! -x "$OBJTREE/kexec-codepage.arm64" ] ||
		[ ! -x "$BUILD/tests/handoff-init.arm64" ]; then
		missing handoff "the arm64 cross compiler (gcc-aarch64-linux-gnu) is not installed"
		return 1
	fi
	if ! sh "$SRCTREE/tools/fetch-debian-kernel.sh" arm64 "$k" \
		>"$WORK/fetch.log" 2>&1; then
		missing handoff "Debian's arm64 kernel could not be fetched (see apt)"
		return 1
	fi
	HANDOFF_KERNEL=$k/vmlinuz
	h=$WORK/handoff
	mkdir -p "$h"
	# QEMU's own trees: their PSCI method (hvc at EL1, smc at EL2) must be
	# the machine's, or the destination kernel cannot power off
	dump_dtb handoff/qemu-dtb "$h/virt.dtb" \
		qemu-system-aarch64 -M virt -cpu cortex-a57 -m 1G || return 1
	dump_dtb handoff/qemu-dtb-el2 "$h/virt-el2.dtb" \
		qemu-system-aarch64 -M virt,virtualization=on -cpu cortex-a57 -m 1G || return 1
	# (the descriptions: arch/arm64/tests/handoff/, a machine each)
	cp "$SRCTREE"/arch/arm64/tests/handoff/*.dts "$h/"
}

# regcheck through a stock kernel's kexec_load, at EL1 and EL2; the
# loader's refusals (kexec disabled, a region the firmware keeps, --list
# on a kernel without KEXEC_CODEPAGE)
a64_regcheck() {
	if "$MKCP" -d "$h/regcheck.dts" -k "$BUILD/samples/arm64/regcheck.elf" \
		-o "$h/out-rc" >"$h/rc.log" 2>&1; then
		a64_handoff_boot regcheck-el1 "$h/out-rc" virt \
			"handoff: old kernel up;el=1;x0=0x48000000 x1=0x00000000 x2=0x00000000 x3=0x00000000 mmu=0 dcache=0;fdt=ok"
		a64_handoff_boot regcheck-el2 "$h/out-rc" virt,virtualization=on \
			"handoff: old kernel up;el=2;x0=0x48000000 x1=0x00000000 x2=0x00000000 x3=0x00000000 mmu=0 dcache=0;fdt=ok"
		a64_handoff_boot kexec-disabled "$h/out-rc" virt \
			"handoff: old kernel up;kernel.kexec_load_disabled is 1;[kexec-disabled]" \
			disable-kexec
		a64_handoff_kept "$h"
		# a stock kernel refuses KEXEC_CODEPAGE: the loader says so
		# and exits 2, which the kernel reports as init's exit code
		a64_handoff_boot list-on-stock-kernel "$h/out-rc" virt \
			"handoff: old kernel up;does not take a codepage;[no-codepage-support];exitcode=0x00000200" \
			kexec-list
	else
		fail handoff/regcheck-build "" "$h/rc.log"
	fi
}

# The destination (Debian's kernel again, its own initramfs, a command line
# and initrd given to it through the description) as one blob, entered at
# reset by QEMU's generic loader (no old kernel), loaded over the Image's
# own destination: the mover steps aside, moves every segment, and
# Debian's kernel boots its initramfs; then from Debian's U-Boot.
a64_blob() {
	if "$MKCP" -d "$h/linux.dts" -k "$HANDOFF_KERNEL" -o "$h/out-blob" \
		--blob >"$h/blob.log" 2>&1; then
		"$QEMU_RUN" --mode blob --at 0x40200000 --reset --el=1 \
			--timeout 120 --expect "reboot: Power down" "$h/out-blob" \
			>"$WORK/handoff-blob.log" 2>&1
		st=$?
		if [ $st -ne 0 ]; then
			fail handoff/blob-linux-at-reset "exit $st" "$WORK/handoff-blob.log"
		else
			check_console handoff/blob-linux-at-reset \
				"$WORK/handoff-blob.log" \
				"handoff: second kernel up: console=ttyAMA0 panic=-1 rdinit=/init mkcodepage.marker=second;reboot: Power down" \
				"$h/out-blob/kernel.0.bin"
		fi
		# and from Debian's U-Boot, whose booti enters the blob; the
		# tree is QEMU's with U-Boot as firmware (its PSCI differs)
		st=1
		: >"$WORK/handoff-blob-uboot.log"
		if dump_dtb handoff/qemu-dtb-uboot "$h/virt-uboot.dtb" \
			qemu-system-aarch64 -M virt -cpu cortex-a57 -m 1G \
			-bios /usr/lib/u-boot/qemu_arm64/u-boot.bin; then
			"$MKCP" -d "$h/linux-uboot.dts" -k "$HANDOFF_KERNEL" \
				-o "$h/out-blob-uboot" --blob \
				>"$WORK/handoff-blob-uboot.log" 2>&1 &&
			"$QEMU_RUN" --mode blob --at 0x40200000 --uboot --el=1 \
				--timeout 120 --expect "reboot: Power down" \
				"$h/out-blob-uboot" >"$WORK/handoff-blob-uboot.log" 2>&1
			st=$?
		fi
		if [ $st -ne 0 ]; then
			fail handoff/blob-linux-from-uboot "exit $st" \
				"$WORK/handoff-blob-uboot.log"
		else
			check_console handoff/blob-linux-from-uboot \
				"$WORK/handoff-blob-uboot.log" \
				"Starting kernel ...;handoff: second kernel up: console=ttyAMA0 panic=-1 rdinit=/init mkcodepage.marker=second;reboot: Power down" \
				"$h/out-blob-uboot/kernel.0.bin"
		fi
	else
		fail handoff/blob-linux-build "" "$h/blob.log"
	fi
}

# The same destination through kexec_load at EL1 and EL2, then at EL2
# with VHE (-cpu max): the kernel runs at EL2 with HCR_EL2.E2H set and
# enters the codepage so; its map is then built in the EL2&0 regime (the
# trail says the caches went on).
a64_linux() {
	for el in el1 el2; do
		d=$h/linux.dts m=virt
		[ $el = el2 ] && d=$h/linux-el2.dts m=virt,virtualization=on
		if "$MKCP" -d "$d" -k "$HANDOFF_KERNEL" -o "$h/out-linux-$el" \
			>"$h/linux-$el.log" 2>&1; then
			a64_handoff_boot "linux-$el" "$h/out-linux-$el" "$m" \
				"handoff: old kernel up;handoff: second kernel up: console=ttyAMA0 panic=-1 rdinit=/init mkcodepage.marker=second;reboot: Power down"
		else
			fail "handoff/linux-$el-build" "" "$h/linux-$el.log"
		fi
	done
	dump_dtb handoff/qemu-dtb-vhe "$h/virt-vhe.dtb" \
		qemu-system-aarch64 -M virt,virtualization=on -cpu "$a64_max" -m 1G || return 1
	if "$MKCP" -d "$h/linux-vhe.dts" -k "$HANDOFF_KERNEL" -o "$h/out-linux-vhe" \
		>"$h/linux-vhe.log" 2>&1; then
		a64_handoff_boot linux-el2-vhe "$h/out-linux-vhe" "virt,virtualization=on:$a64_max" \
			"VHE mode initialized;handoff: old kernel up;mkcodepage: entered;mkcodepage: caches on;mkcodepage: segments checked;mkcodepage: jumping;handoff: second kernel up: console=ttyAMA0 panic=-1 rdinit=/init mkcodepage.marker=second;reboot: Power down"
	else
		fail handoff/linux-el2-vhe-build "" "$h/linux-vhe.log"
	fi
}

# make bench's instruction counter against this QEMU: one count per byte
# of the console, never decreasing, the total at the end.
a64_insn_count_plugin() {
	timeout 120 qemu-system-aarch64 -M virt -cpu cortex-a57 -m 1G -nodefaults \
		-display none -monitor none -serial "file:$h/plugin.log" -no-reboot \
		-kernel "$HANDOFF_KERNEL" -initrd "$h/initrd-second.cpio.gz" \
		-append "console=ttyAMA0 panic=-1" \
		-plugin "file=$BUILD/bench/insn-count-plugin.so,uart=0x9000000,out=$h/plugin.counts" \
		</dev/null >"$h/plugin.qemu" 2>&1
	if awk -v size="$(wc -c <"$h/plugin.log")" '
		$1 == "end" { end = $2; next }
		$1 + 0 < last { bad = 1 } { last = $1 + 0; n++ }
		END { exit !(n == size && n > 1000 && !bad && end + 0 >= last) }' \
		"$h/plugin.counts" 2>/dev/null &&
		grep -q 'handoff: second kernel up' "$h/plugin.log"; then
		pass handoff/insn-count-plugin
	else
		fail handoff/insn-count-plugin "counts do not pair with the console's bytes" "$h/plugin.qemu"
	fi
}

handoff_arm64() {
	a64_setup || return
	a64_regcheck
	second_initrd arm64 "$h"
	a64_blob
	a64_linux
	a64_fresh_seeds
	a64_pages16k
	a64_smp
	a64_insn_count_plugin
	# the same destination behind codepage-qemu's stand-in: the list-mode
	# copy of a real 33 MiB kernel
	boot_case handoff-stand-in "$h/out-linux-el1" \
		"second kernel up: console=ttyAMA0 panic=-1 rdinit=/init mkcodepage.marker=second" \
		"Linux version;handoff: second kernel up: console=ttyAMA0 panic=-1 rdinit=/init mkcodepage.marker=second" ""
}

handoff_arm64
