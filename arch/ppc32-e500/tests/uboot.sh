# SPDX-License-Identifier: MIT
# shellcheck shell=sh
#
# uboot.sh - ppc32-e500's part of set "uboot" (arch/ppc32-e500/tests/sets.txt).
# shellcheck source=tests/lib/verdicts.sh
. "$SRCTREE/tests/lib/verdicts.sh"
# shellcheck source=tests/lib/boot.sh
. "$SRCTREE/tests/lib/boot.sh"

# uboot: Debian's U-Boot for QEMU's ppce500, a destination nobody here wrote
uboot_ppc32_e500() {
	uboot=/usr/lib/u-boot/qemu-ppce500/uboot.elf
	if [ ! -f "$uboot" ]; then
		missing uboot "Debian package u-boot-qemu is not installed"
		return
	fi
	mkdir -p "$WORK/uboot"
	dump_dtb uboot/qemu-dtb "$WORK/uboot/qemu.dtb" \
		qemu-system-ppc -M ppce500 -m 512M -kernel "$uboot" || return
	cp "$SRCTREE/arch/ppc32-e500/tests/uboot.dts" "$WORK/uboot/"
	if ! "$MKCP" -d "$WORK/uboot/uboot.dts" -k "$uboot" -o "$WORK/uboot/out" \
		--blob >"$WORK/uboot/mk.log" 2>&1; then
		fail uboot/build "" "$WORK/uboot/mk.log"
		return
	fi
	boot_case uboot "$WORK/uboot/out" "DRAM:  512 MiB" \
		"U-Boot 20;Core:  e500v2;DRAM:  512 MiB" ""
	# and as a blob over its own destination: the mover steps aside to
	# address 0, the start of the free memory
	blob_case uboot-e500-on-its-destination "$WORK/uboot/out" \
		"DRAM:  512 MiB" "U-Boot 20;Core:  e500v2;DRAM:  512 MiB" \
		"--at=0xf00000"
}

uboot_ppc32_e500
