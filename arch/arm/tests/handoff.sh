# SPDX-License-Identifier: MIT
# shellcheck shell=sh
#
# handoff.sh - arm's part of set "handoff" (arch/arm/tests/sets.txt).
# shellcheck source=tests/lib/verdicts.sh
. "$SRCTREE/tests/lib/verdicts.sh"
# shellcheck source=tests/lib/boot.sh
. "$SRCTREE/tests/lib/boot.sh"

# Debian's armmp kernel (6.1, CONFIG_KEXEC, CPU hotplug through PSCI)
# boots on QEMU's virt with two CPUs and an initramfs holding
# kexec-codepage and an OUTDIR; its init runs kexec-codepage --exec, and
# the kernel's own relocate_new_kernel enters the codepage (placed mode).
# No kexec-tools. In SVC mode, and in HYP (virtualization=on), which the
# destination must get again.

# arm_handoff_boot NAME OUTDIR MODE EXPECTED [FILE]: the old kernel's
# initramfs around OUTDIR (FILE created in its root), booted in MODE (svc
# or hyp) on two CPUs; the console checked.
arm_handoff_boot() {
	handoff_initramfs "$1" arm "$2" "${5:-}"
	handoff_run "$1" "$2" "$4" qemu-system-arm -M "$(arm_machine "$3")" \
		-cpu cortex-a15 -m 1G -smp 2 -kernel "$HANDOFF_KERNEL" \
		-initrd "$WORK/$1.cpio" -append "console=ttyAMA0 panic=-1 quiet"
}

# arm_machine MODE: QEMU's machine for it
arm_machine() {
	if [ "$1" = hyp ]; then echo virt,virtualization=on; else echo virt; fi
}

# arm_handoff_build NAME DESC TREE KERNEL [OPTION]: mkcodepage on
# handoff/DESC.dts with QEMU's tree virt-TREE.dtb (svc, hyp: the machine
# of that mode), into $h/out-NAME; 1 (failed) if not.
arm_handoff_build() {
	cp "$h/virt-$3.dtb" "$h/virt.dtb"
	# shellcheck disable=SC2086 # OPTION: none or one word
	"$MKCP" -d "$h/$2.dts" -k "$4" -o "$h/out-$1" ${5:-} >"$h/$1.log" 2>&1 &&
		return
	fail "handoff/arm-$1-build" "" "$h/$1.log"
	return 1
}

# The old kernel and QEMU's trees (PSCI through hvc in SVC, smc in HYP: the
# destination powers off through the machine's own); 1 when there is
# nothing to hand off from (said).
arm_setup() {
	k=$BUILD/debian-armhf
	if [ ! -x "$OBJTREE/kexec-codepage.arm" ] ||
		[ ! -x "$BUILD/tests/handoff-init.arm" ]; then
		missing handoff-arm "the arm cross compiler (gcc-arm-linux-gnueabihf) is not installed"
		return 1
	fi
	if ! sh "$SRCTREE/tools/fetch-debian-kernel.sh" armhf "$k" \
		linux-image-armmp >"$WORK/fetch-armhf.log" 2>&1; then
		missing handoff-arm "Debian's armmp kernel could not be fetched (see apt)"
		return 1
	fi
	HANDOFF_KERNEL=$k/vmlinuz
	ARM_UBOOT=/usr/lib/u-boot/qemu_arm/u-boot.bin
	h=$WORK/handoff-arm
	mkdir -p "$h"
	for mode in svc hyp; do
		dump_dtb "handoff/arm-qemu-dtb-$mode" "$h/virt-$mode.dtb" \
			qemu-system-arm -M "$(arm_machine $mode)" -cpu cortex-a15 \
			-m 1G -smp 2 || return 1
	done
	cp "$SRCTREE"/arch/arm/tests/handoff/*.dts "$h/"
	second_initrd arm "$h"
}

# The destination (Debian's kernel again, its own initramfs, a command line
# and initrd given to it through the description) as one blob: entered at
# reset by QEMU's generic loader over the zImage's own destination (no old
# kernel), and from Debian's U-Boot, whose bootz enters it (in HYP on
# virtualization=on); the tree is QEMU's with U-Boot as firmware.
arm_blob() {
	if arm_handoff_build blob-svc linux svc "$HANDOFF_KERNEL" --blob; then
		blob_case arm-blob-linux-at-reset "$h/out-blob-svc" "reboot: Power down" \
			"$up;reboot: Power down" "--at=0x40200000 --reset --cpu-mode=svc"
	fi
	for mode in svc hyp; do
		dump_dtb "handoff/arm-qemu-dtb-uboot-$mode" "$h/virt-uboot-$mode.dtb" \
			qemu-system-arm -M "$(arm_machine $mode)" -cpu cortex-a15 \
			-m 1G -bios "$ARM_UBOOT" || continue
		arm_handoff_build "blob-uboot-$mode" linux "uboot-$mode" \
			"$HANDOFF_KERNEL" --blob || continue
		blob_case "arm-blob-linux-from-uboot-$mode" "$h/out-blob-uboot-$mode" \
			"reboot: Power down" \
			"Starting kernel ...;CPU: All CPU(s) started in $(echo "$mode" | tr '[:lower:]' '[:upper:]') mode.;$up;reboot: Power down" \
			"--at=0x41000000 --uboot --cpu-mode=$mode"
	done
}

# Debian's 6.12 LTS armmp kernel (linux-image-6.12-armmp, bookworm-security)
# as the old kernel, handing off to Debian 12's 6.1 in SVC mode.
arm_612() {
	k612=$BUILD/debian-armhf-6.12
	debian_kernel handoff/arm-6.12 armhf "$k612" linux-image-6.12-armmp ||
		return
	[ -d "$h/out-linux-svc" ] || return
	k61=$HANDOFF_KERNEL
	HANDOFF_KERNEL=$k612/vmlinuz
	arm_handoff_boot arm-6.12-to-6.1-svc "$h/out-linux-svc" svc \
		"handoff: old kernel: cpus online 0-1;handoff: old kernel is Linux 6.12.;Linux version 6.1.;$up;handoff: second kernel: cpus online 0-1;reboot: Power down"
	HANDOFF_KERNEL=$k61
}

handoff_arm() {
	arm_setup || return
	up="handoff: second kernel up: console=ttyAMA0 panic=-1 rdinit=/init mkcodepage.marker=second"
	for mode in svc hyp; do
		if arm_handoff_build "regcheck-$mode" regcheck $mode \
			"$BUILD/samples/arm/regcheck.elf"; then
			arm_handoff_boot "arm-regcheck-$mode" "$h/out-regcheck-$mode" $mode \
				"handoff: old kernel up;mode=$mode;r0=0x00000000 r1=0xffffffff r2=0x48000000 mmu=0 dcache=0 aif=0x00000007;fdt=ok"
		fi
		# (the old kernel is quiet: the mode it says is the
		# destination's, which keeps HYP, and KVM with it)
		if arm_handoff_build "linux-$mode" linux $mode "$HANDOFF_KERNEL"; then
			arm_handoff_boot "arm-linux-$mode" "$h/out-linux-$mode" $mode \
				"handoff: old kernel: cpus online 0-1;handoff: old kernel up;CPU: All CPU(s) started in $(echo "$mode" | tr '[:lower:]' '[:upper:]') mode.;$up;handoff: second kernel: cpus online 0-1;reboot: Power down"
		fi
	done
	arm_612
	# a stock kernel refuses KEXEC_CODEPAGE: the loader says so and
	# exits 2, which the kernel reports as init's exit code
	arm_blob
	arm_handoff_boot arm-list-on-stock-kernel "$h/out-regcheck-svc" svc \
		"handoff: old kernel up;does not take a codepage;[no-codepage-support];exitcode=0x00000200" \
		kexec-list
}

handoff_arm
