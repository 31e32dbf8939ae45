#!/bin/sh
# SPDX-License-Identifier: MIT
# wip-boot.sh - until codepage-qemu has an arm recipe: build the regcheck
# sample's codepage and boot it on QEMU virt, placed and from a kexec
# indirection list, in SVC and in HYP (virtualization=on), and placed
# and listed from an MMU-on 1:1 map with caches on (a bootloader's go).
# Usage: arch/arm/tests/wip-boot.sh MKCODEPAGE WORKDIR (with arm in
# arch/list for that mkcodepage).
set -eu
mk=$1 w=$2
src=$(cd "$(dirname "$0")/../../.." && pwd)
mkdir -p "$w"
cd "$w"
arm-linux-gnueabihf-as -march=armv7-a -I"$src/arch/arm/samples" \
	-I"$src/samples" -o rc.o "$src/arch/arm/samples/regcheck.s"
arm-linux-gnueabihf-ld -z max-page-size=4096 --no-warn-rwx-segments \
	--defsym PHYS=0x40208000 -T "$src/arch/arm/samples/regcheck.ld" \
	-o rc.elf rc.o
qemu-system-arm -M virt,dumpdtb=virt.dtb -cpu cortex-a15 -m 256 \
	-nographic -nodefaults >/dev/null 2>&1
cat >rc.dts <<'DTS'
/dts-v1/;
/ {
	compatible = "mkcodepage,description-v1";
	#address-cells = <1>;
	#size-cells = <1>;
	arch = "arm";
	protocol = "linux-arm";
	memory = <0x40000000 0x10000000>;
	segments { fdt { file = "virt.dtb"; load = <0x48000000>; }; };
	debug-uart { type = "pl011"; address = <0x09000000>; reg-io-width = <4>; };
};
DTS
MKCODEPAGE_DATADIR=$src "$mk" -d rc.dts -k rc.elf -o out
# the list: every segment's pages at 0x44000000, the list page at 0x43000000
python3 - <<'PY'
import struct
segs = []
for line in open('out/segments.txt'):
    w = line.split()
    if w[0] == 'segment' and w[1] != '0':
        d = dict(x.split('=') for x in w[2:])
        segs.append((int(d['mem'], 16), int(d['memsz'], 16), d['file']))
entries, blob = [], bytearray()
for mem, memsz, f in segs:
    data = open('out/' + f, 'rb').read()
    data += bytes(memsz - len(data))
    entries.append(mem | 1)
    for off in range(0, memsz, 4096):
        entries.append((0x44000000 + len(blob)) | 8)
        blob += data[off:off + 4096]
entries.append(4)
open('src.bin', 'wb').write(blob)
open('list.bin', 'wb').write(b''.join(struct.pack('<I', e) for e in entries))
PY
# stubs: r0 = the list head (0x43000000 | IND_INDIRECTION) or 0, then the
# entry; with MMU=1 first a 1:1 section map, MMU and caches on
stub() {
	cat >"stub-$1.s" <<ASM
	.arch armv7-a
	.syntax unified
	.globl _start
_start:
	.if $4
	movw r4, #0
	movt r4, #0x4100
	mov r5, #0
1:	lsl r6, r5, #20
	cmp r5, #0x400
	movwlt r7, #0x0c12
	movwge r7, #0x1c0e
	orr r6, r6, r7
	str r6, [r4, r5, lsl #2]
	add r5, r5, #1
	cmp r5, #0x1000
	bne 1b
	dsb
	mov r0, #0
	mcr p15, 0, r0, c8, c7, 0
	mcr p15, 0, r0, c2, c0, 2
	mcr p15, 0, r4, c2, c0, 0
	mvn r0, #0
	mcr p15, 0, r0, c3, c0, 0
	isb
	mrc p15, 0, r0, c1, c0, 0
	orr r0, r0, #0x5
	orr r0, r0, #0x1000
	mcr p15, 0, r0, c1, c0, 0
	isb
	.endif
	movw r0, #$2
	movt r0, #$3
	mov r2, #0
	ldr ip, =$5
	bx ip
ASM
	arm-linux-gnueabihf-as -o "stub-$1.o" "stub-$1.s"
	arm-linux-gnueabihf-objcopy -O binary "stub-$1.o" "stub-$1.bin"
}
cp=$(awk '/^entry/ { print $2 }' out/segments.txt)
lcp=$(awk '/^list-entry/ { print $2 }' out/segments.txt)
stub placed 0 0 0 "$cp"
stub list 2 0x4300 0 "$lcp"
stub mmu-placed 0 0 1 "$cp"
stub mmu-list 2 0x4300 1 "$lcp"
# boot STUB VIRTUALIZATION: the segments in place (placed stubs) or only
# their sources and the list (list stubs)
boot() {
	echo "== $1 $2"
	case $1 in
	*placed) set -- "$@" \
		-device loader,file=out/kernel.0.bin,addr=0x40208000,force-raw=on \
		-device loader,file=out/fdt.bin,addr=0x48000000,force-raw=on ;;
	esac
	stub=$1 virt=$2
	shift 2
	timeout 20 qemu-system-arm -M "virt,virtualization=$virt" -cpu cortex-a15 \
		-m 256 -nographic -nodefaults -serial stdio -monitor none \
		-no-reboot "$@" \
		-device loader,file=src.bin,addr=0x44000000,force-raw=on \
		-device loader,file=list.bin,addr=0x43000000,force-raw=on \
		-device "loader,file=out/codepage.bin,addr=$cp,force-raw=on" \
		-device "loader,file=stub-$stub.bin,addr=0x42000000,force-raw=on" \
		-device loader,addr=0x42000000,cpu-num=0 </dev/null || true
}
boot placed off
boot placed on
boot list off
boot list on
boot mmu-placed off
boot mmu-list off
