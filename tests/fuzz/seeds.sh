#!/bin/sh
# SPDX-License-Identifier: MIT
#
# seeds.sh OBJTREE BUILD SRCTREE SEEDS - the fuzzers' seed corpora, made
# from the samples: SEEDS/HARNESS/ holds one input per file, in the form
# that harness reads (tests/fuzz/fuzz-*.c: some take a first byte that
# picks the arch or the fixups).
set -eu
objtree=$1 build=$2 src=$3 seeds=$4
rm -rf "$seeds"
for h in desc kernel fdtfix segtxt segjson relocchk; do
	mkdir -p "$seeds/$h"
done
work=$seeds/.work
mkdir -p "$work"

# with_byte BYTE FILE OUT: OUT is the octal BYTE, then FILE
with_byte() {
	{ printf "\\$1"; cat "$2"; } >"$3"
}

# desc: every description and template that compiles, as a .dtb
for f in "$src"/samples/*/*.dts "$src"/templates/*.dts "$src"/tests/bad/*.dts \
	"$src"/tests/qemu/*.dts; do
	n=$(basename "$(dirname "$f")")-$(basename "$f" .dts)
	dtc -q -I dts -O dtb -i "$(dirname "$f")" -o "$seeds/desc/$n.dtb" "$f" \
		2>/dev/null || rm -f "$seeds/desc/$n.dtb"
done

# kernel: arch 0 ppc32-e500, 1 arm64, 2 riscv64; +128: load and entry given
with_byte 000 "$build/samples/ppc32-e500/regcheck.elf" "$seeds/kernel/e500-elf"
with_byte 200 "$build/samples/ppc32-e500/regcheck.bin" "$seeds/kernel/e500-raw"
with_byte 001 "$build/samples/arm64/Image" "$seeds/kernel/arm64-image"
with_byte 001 "$build/samples/arm64/regcheck.elf" "$seeds/kernel/arm64-elf"
gzip -9 -n -c "$build/samples/arm64/Image" >"$work/Image.gz"
with_byte 001 "$work/Image.gz" "$seeds/kernel/arm64-image-gz"
with_byte 002 "$build/samples/riscv64/Image" "$seeds/kernel/riscv64-image"

# fdtfix: bit 0 bootargs, 1 initrd, 2 memory-node, 7 a second memory range
for a in ppc32-e500 arm64 riscv64; do
	dtc -q -I dts -O dtb -o "$work/$a.dtb" "$src/samples/$a/board.dts"
	with_byte 007 "$work/$a.dtb" "$seeds/fdtfix/$a"
	with_byte 207 "$work/$a.dtb" "$seeds/fdtfix/$a-two-ranges"
done

# segtxt, segjson, relocchk: what mkcodepage writes for each sample
for d in ppc32-e500/epapr.dts:ppc32-e500/regcheck.elf arm64/linux.dts:arm64/Image \
	riscv64/linux.dts:riscv64/Image; do
	desc=${d%%:*} kernel=${d#*:} a=${d%%/*}
	"$objtree/mkcodepage" -d "$src/samples/$desc" -k "$build/samples/$kernel" \
		-o "$work/$a" >/dev/null
	cp "$work/$a/segments.txt" "$seeds/segtxt/$a"
	cp "$work/$a/segments.json" "$seeds/segjson/$a"
	with_byte 000 "$work/$a/codepage.elf" "$seeds/relocchk/$a-codepage"
	with_byte 000 "$build/samples/$a/regcheck.o" "$seeds/relocchk/$a-object"
done
rm -rf "$work"
