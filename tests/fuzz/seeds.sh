#!/bin/sh
# SPDX-License-Identifier: MIT
#
# seeds.sh OBJTREE BUILD SRCTREE SEEDS - the fuzzers' seed corpora, made
# from the samples: SEEDS/HARNESS/ holds one input per file, in the form
# that harness reads (tests/fuzz/fuzz-*.c: some take a first byte that
# picks the arch or the fixups).
set -eu
objtree=$1 build=$2 src=$3 seeds=$4
. "$src/tools/arches.sh"
rm -rf "$seeds"
for h in desc kernel fdtfix fdtresv fit segtxt segjson iomem cpuinfo relocchk; do
	mkdir -p "$seeds/$h"
done
work=$seeds/.work
mkdir -p "$work"

# with_byte BYTE FILE OUT: OUT is the octal BYTE, then FILE
with_byte() {
	{ printf "\\$1"; cat "$2"; } >"$3"
}

# desc: every description and template that compiles, as a .dtb
for f in "$src"/arch/*/samples/*.dts "$src"/arch/*/tests/*.dts \
	"$src"/arch/*/tests/bad/*.dts \
	"$src"/templates/*.dts "$src"/arch/*/templates/*.dts "$src"/tests/bad/*.dts; do
	n=$(echo "${f#"$src"/}" | sed 's/\.dts$//' | tr / -)
	dtc -q -I dts -O dtb -i "$(dirname "$f")" -o "$seeds/desc/$n.dtb" "$f" \
		2>/dev/null || rm -f "$seeds/desc/$n.dtb"
done

# kernel: the arch's index in arch/list, +16 .. +48 for another protocol
# (fuzz-kernel.c), +128 when load and entry are
# given (raw images need them); each arch's samples as built, and their
# Images compressed
i=0
for a in $arches; do
	for k in "$build/samples/$a"/*; do
		n=$a-$(basename "$k")
		case $k in
		*.o) continue ;;
		*.bin) with_byte "$(printf '%03o' $((i + 128)))" "$k" "$seeds/kernel/$n" ;;
		*) with_byte "$(printf '%03o' "$i")" "$k" "$seeds/kernel/$n" ;;
		esac
		case $k in
		*/Image) # in each compressed format mkcodepage unpacks
			gzip -9 -n -c "$k" >"$work/$n.gz"
			xz --check=crc32 -c "$k" >"$work/$n.xz"
			zstd -q -c "$k" >"$work/$n.zst"
			lz4 -q -c "$k" >"$work/$n.lz4"
			lz4 -q -l -c "$k" >"$work/$n.lz4l"
			for z in gz xz zst lz4 lz4l; do
				with_byte "$(printf '%03o' "$i")" "$work/$n.$z" "$seeds/kernel/$n.$z"
			done ;;
		*/mbcheck.elf) # under multiboot (+32) and multiboot2 (+48)
			with_byte "$(printf '%03o' $((i + 32)))" "$k" "$seeds/kernel/$n-mb1"
			with_byte "$(printf '%03o' $((i + 48)))" "$k" "$seeds/kernel/$n-mb2" ;;
		esac
	done
	i=$((i + 1))
done

# fdtfix: bit 0 bootargs, 1 initrd, 2 memory-node, 7 a second memory range
for a in $arches; do
	[ -f "$src/arch/$a/samples/board.dts" ] || continue
	dtc -q -I dts -O dtb -o "$work/$a.dtb" "$src/arch/$a/samples/board.dts"
	with_byte 007 "$work/$a.dtb" "$seeds/fdtfix/$a"
	with_byte 207 "$work/$a.dtb" "$seeds/fdtfix/$a-two-ranges"
done

# fdtresv: trees as /sys/firmware/fdt holds them, the boards' and the
# tests' (reservations of every kind); iomem and cpuinfo: the tests'
# /proc/iomem and /proc/cpuinfo
for f in "$src"/arch/*/samples/board.dts "$src"/arch/*/tests/reserve/board.dts \
	"$src"/tests/loader/*/sys/firmware/fdt.dts; do
	[ -f "$f" ] || continue
	n=$(echo "${f#"$src"/}" | tr / -)
	dtc -q -I dts -O dtb -o "$seeds/fdtresv/$n.dtb" "$f" 2>/dev/null ||
		rm -f "$seeds/fdtresv/$n.dtb"
done
for h in iomem cpuinfo; do
	for f in "$src"/tests/loader/*/proc/$h; do
		[ -f "$f" ] && cp "$f" "$seeds/$h/$(echo "${f#"$src"/}" | tr / -)"
	done
done

# fit: the arm64 sample as mkimage -f auto makes it, and with its data
# outside the tree (-E), taking the default configuration (0) or conf-1 (1)
dtc -q -I dts -O dtb -o "$work/fit.dtb" "$src/arch/arm64/samples/board.dts"
for e in "" -E; do
	mkimage -f auto $e -A arm64 -O linux -T kernel -C none -a 0x40200000 \
		-e 0x40200000 -d "$build/samples/arm64/Image" -b "$work/fit.dtb" \
		-i "$work/fit.dtb" "$work/fit.itb" >/dev/null
	with_byte 000 "$work/fit.itb" "$seeds/fit/auto$e"
	with_byte 001 "$work/fit.itb" "$seeds/fit/auto$e-conf-1"
done

# segtxt, segjson, relocchk: what mkcodepage writes for each arch's sample
for a in $arches; do
	arch_conf "$a"
	"$objtree/mkcodepage" -d "$src/arch/$a/samples/$sample_desc" \
		-k "$build/samples/$a/$sample_kernel" -o "$work/$a" >/dev/null
	cp "$work/$a/segments.txt" "$seeds/segtxt/$a"
	cp "$work/$a/segments.json" "$seeds/segjson/$a"
	with_byte 000 "$work/$a/codepage.elf" "$seeds/relocchk/$a-codepage"
	with_byte 000 "$build/samples/$a/regcheck.o" "$seeds/relocchk/$a-object"
done
rm -rf "$work"
