#!/bin/sh
# SPDX-License-Identifier: MIT
#
# bench.sh - what `make bench` prints: guest instructions per byte of the
# list-mode relocation, for the codepage and for a reference copier shaped
# like Linux ppc32's relocate_new_kernel, run on the same indirection list in
# the same invocation, counted deterministically by QEMU (one instruction
# per translation block, every execution logged), as a ratio; and the
# codepage's size. Not a test: it reports, it does not fail on a number.
# Usage: bench.sh OBJTREE BUILD
set -eu
bin=$1
build=$2
src=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/mkcodepage-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM

"$bin/mkcodepage" -d "$src/tools/bench/ppc32-e500-256m.dts" \
	-k "$build/samples/ppc32-e500/regcheck.elf" -o "$work/ours"

# The reference replaces segment 0 and its entries; everything else, and so
# the list codepage-qemu builds, stays the same.
cp -r "$work/ours" "$work/ref"
cp "$build/bench/ppc32-e500-linux-copy.bin" "$work/ref/codepage.bin"
mem=$(sed -n 's/^segment 0 mem=\(0x[0-9a-f]*\) .*/\1/p' "$work/ours/segments.txt")
size=$(wc -c <"$work/ref/codepage.bin")
sed -e "s/^entry .*/entry $mem/" \
	-e "s/^list-entry .*/list-entry $(printf '0x%x' $((mem + 8)))/" \
	-e "s/^\(segment 0 .*\) bufsz=.*/\1 bufsz=$(printf '0x%x' "$size")/" \
	"$work/ours/segments.txt" >"$work/ref/segments.txt"

count() { # OUTDIR [TEXT]: instructions executed inside segment 0's pages
	"$bin/codepage-qemu" --mode list --count-insns --timeout 60 \
		${2:+--expect "$2"} "$1" 2>&1 >/dev/null |
		sed -n 's/.*executed \([0-9]*\) instructions.*/\1/p'
}
ours=$(count "$work/ours" "regcheck: PASS")
ref=$(count "$work/ref")
bytes=0
for m in $(sed -n 's/^segment .* memsz=\(0x[0-9a-f]*\) .*/\1/p' "$work/ours/segments.txt"); do
	bytes=$((bytes + m))
done
cpsize=$(wc -c <"$work/ours/codepage.bin")

awk -v ours="$ours" -v ref="$ref" -v bytes="$bytes" -v size="$cpsize" 'BEGIN {
	if (ours == "" || ref == "" || ours == 0 || ref == 0) {
		print "bench: a run produced no count"; exit 1
	}
	printf "ppc32-e500 list-mode relocation of %d bytes (QEMU ppce500; instructions\n", bytes
	printf "counted with -singlestep -d exec,nochain; TLB setup and cache upkeep included)\n"
	printf "  %-44s %8d insns  %6.3f per byte\n", "mkcodepage codepage", ours, ours / bytes
	printf "  %-44s %8d insns  %6.3f per byte\n", "reference: Linux relocate_new_kernel shape", ref, ref / bytes
	printf "  ratio codepage / reference: %.3f (%.1fx fewer instructions)\n", ours / ref, ref / ours
	printf "  target at most 0.300 per byte: %s\n", ours / bytes <= 0.3 ? "met" : "NOT MET"
	printf "ppc32-e500 codepage size (text + data): %d bytes; target at most 2048: %s\n", size, size <= 2048 ? "met" : "NOT MET"
}'
