#!/bin/sh
# SPDX-License-Identifier: MIT
#
# bench.sh - what `make bench` prints, per arch: guest instructions per byte
# of the list-mode relocation, for the codepage and for a reference copier
# shaped like Linux's, run on the same indirection list in the same
# invocation and counted deterministically by QEMU (one instruction per
# translation block, every execution logged), as a ratio; and the codepage's
# size. It reports; it does not fail on a number.
# Usage: bench.sh OBJTREE BUILD
set -eu
bin=$1
build=$2
src=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/mkcodepage-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM

count() { # OUTDIR QEMU-OPTIONS [TEXT]: instructions inside segment 0
	# shellcheck disable=SC2086
	"$bin/codepage-qemu" --mode list --count-insns --timeout 60 $2 \
		${3:+--expect "$3"} "$1" 2>&1 >/dev/null |
		sed -n 's/.*executed \([0-9]*\) instructions.*/\1/p'
}

# bench ARCH DESCRIPTION KERNEL REFERENCE QEMU-OPTIONS TARGET REFNAME
bench() {
	arch=$1 out=$work/$1
	mkdir -p "$out"
	"$bin/mkcodepage" -d "$2" -k "$3" -o "$out/ours"
	# The reference replaces segment 0 and its entries (list entry at
	# offset 8); everything else, so the list built, stays the same.
	cp -r "$out/ours" "$out/ref"
	cp "$4" "$out/ref/codepage.bin"
	mem=$(sed -n 's/^segment 0 mem=\(0x[0-9a-f]*\) .*/\1/p' "$out/ours/segments.txt")
	size=$(wc -c <"$out/ref/codepage.bin")
	sed -e "s/^entry .*/entry $mem/" \
		-e "s/^list-entry .*/list-entry $(printf '0x%x' $((mem + 8)))/" \
		-e "s/^\(segment 0 .*\) bufsz=.*/\1 bufsz=$(printf '0x%x' "$size")/" \
		"$out/ours/segments.txt" >"$out/ref/segments.txt"
	ours=$(count "$out/ours" "$5" "regcheck: PASS")
	ref=$(count "$out/ref" "$5")
	bytes=0
	for m in $(sed -n 's/^segment .* memsz=\(0x[0-9a-f]*\) .*/\1/p' "$out/ours/segments.txt"); do
		bytes=$((bytes + m))
	done
	awk -v arch="$arch" -v ours="$ours" -v ref="$ref" -v bytes="$bytes" \
		-v size="$(wc -c <"$out/ours/codepage.bin")" -v target="$6" \
		-v refname="$7" 'BEGIN {
		if (ours == "" || ref == "" || ours == 0 || ref == 0) {
			printf "%s: a run produced no count\n", arch; exit 1
		}
		printf "%s: list-mode relocation of %d bytes\n", arch, bytes
		printf "  %-46s %8d insns  %6.3f per byte\n", "mkcodepage codepage", ours, ours / bytes
		printf "  %-46s %8d insns  %6.3f per byte\n", "reference: " refname, ref, ref / bytes
		printf "  ratio codepage / reference: %.3f (%.1fx fewer instructions)\n", ours / ref, ref / ours
		printf "  target at most %.3f per byte: %s\n", target, ours / bytes <= target ? "met" : "NOT MET"
		printf "  codepage size (text + data): %d bytes; target at most 2048: %s\n", size, size <= 2048 ? "met" : "NOT MET"
	}'
}

echo "Guest instructions counted by QEMU (-singlestep -d exec,nochain) inside"
echo "the codepage's pages; mapping, cache maintenance and walk included."
echo
bench ppc32-e500 "$src/tools/bench/ppc32-e500-256m.dts" \
	"$build/samples/ppc32-e500/regcheck.elf" \
	"$build/bench/ppc32-e500-linux-copy.bin" "" 0.35 \
	"Linux ppc32 relocate_new_kernel shape"
echo
bench arm64 "$src/samples/arm64/linux.dts" "$build/samples/arm64/regcheck.elf" \
	"$build/bench/arm64-linux-copy.bin" "--el=1" 0.2 \
	"Linux arm64 copy_page + per-line dc ivac"
echo
bench riscv64 "$src/samples/riscv64/linux.dts" "$build/samples/riscv64/regcheck.elf" \
	"$build/bench/riscv64-linux-copy.bin" "" 0.35 \
	"Linux riscv_kexec_relocate (word by word)"
