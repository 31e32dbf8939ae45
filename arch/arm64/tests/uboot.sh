# SPDX-License-Identifier: MIT
# shellcheck shell=sh
#
# uboot.sh - arm64's part of set "uboot" (arch/arm64/tests/sets.txt).
# shellcheck source=tests/lib/verdicts.sh
. "$SRCTREE/tests/lib/verdicts.sh"
# shellcheck source=tests/lib/boot.sh
. "$SRCTREE/tests/lib/boot.sh"

# uboot: Debian's qemu_arm64 U-Boot, a raw image placed in RAM, entered
# at EL1 with the MMU off, x0 = QEMU's tree
uboot_arm64() {
	uboot=/usr/lib/u-boot/qemu_arm64/u-boot.bin
	if [ ! -f "$uboot" ]; then
		missing uboot-arm64 "Debian package u-boot-qemu is not installed"
		return
	fi
	u=$WORK/uboot/arm64
	mkdir -p "$u"
	dump_dtb uboot/arm64-qemu-dtb "$u/virt.dtb" \
		qemu-system-aarch64 -M virt -cpu cortex-a57 -m 1G -bios "$uboot" ||
		return
	cp "$SRCTREE/arch/arm64/tests/uboot.dts" "$u/"
	if ! "$MKCP" -d "$u/uboot.dts" -k "$uboot" -o "$u/out" --blob \
		>"$u/mk.log" 2>&1; then
		fail uboot/arm64-build "" "$u/mk.log"
		return
	fi
	boot_case uboot-arm64 "$u/out" "Hit any key to stop autoboot" \
		"U-Boot 20;DRAM:  1 GiB;In:    pl011@9000000" ""
	# and as a blob over its own destination, at reset
	blob_case uboot-arm64-on-its-destination "$u/out" \
		"Hit any key to stop autoboot" \
		"U-Boot 20;DRAM:  1 GiB;In:    pl011@9000000" \
		"--at=0x40200000 --reset --el=1"
}

uboot_arm64
