# SPDX-License-Identifier: MIT
# shellcheck shell=sh
#
# uboot.sh - riscv64's part of set "uboot" (arch/riscv64/tests/sets.txt).
# shellcheck source=tests/lib/verdicts.sh
. "$SRCTREE/tests/lib/verdicts.sh"
# shellcheck source=tests/lib/boot.sh
. "$SRCTREE/tests/lib/boot.sh"

# uboot: Debian's S-mode U-Boot, handed a0 = hart id, a1 = QEMU's tree
uboot_riscv64() {
	uboot=/usr/lib/u-boot/qemu-riscv64_smode/uboot.elf
	if [ ! -f "$uboot" ]; then
		missing uboot-riscv64 "Debian package u-boot-qemu is not installed"
		return
	fi
	mkdir -p "$WORK/uboot"
	dump_dtb uboot/riscv64-qemu-dtb "$WORK/uboot/rv.dtb" \
		qemu-system-riscv64 -M virt -m 512M -bios default || return
	cp "$SRCTREE/arch/riscv64/tests/uboot.dts" "$WORK/uboot/rv.dts"
	if ! "$MKCP" -d "$WORK/uboot/rv.dts" -k "$uboot" -o "$WORK/uboot/rv" \
		--blob >"$WORK/uboot/rv.log" 2>&1; then
		fail uboot/riscv64-build "" "$WORK/uboot/rv.log"
		return
	fi
	boot_case uboot-riscv64 "$WORK/uboot/rv" "DRAM:  512 MiB" \
		"U-Boot 20;Model: riscv-virtio,qemu;DRAM:  512 MiB" ""
	# and as a blob over its own destination
	blob_case uboot-riscv64-on-its-destination "$WORK/uboot/rv" \
		"DRAM:  512 MiB" "U-Boot 20;Model: riscv-virtio,qemu;DRAM:  512 MiB" \
		"--at=0x80200000"
}


uboot_riscv64
