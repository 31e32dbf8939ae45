# SPDX-License-Identifier: MIT
# sets.sh - riscv64's own tests, sourced by tests/run_tests.sh, which runs
# SET_riscv64 at the end of its set SET.

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
	sed -e 's|file = "board.dts";|file = "rv.dtb";|' \
		"$SRCTREE/arch/riscv64/samples/linux.dts" >"$WORK/uboot/rv.dts"
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

