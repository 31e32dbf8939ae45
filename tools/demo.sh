#!/bin/sh
# SPDX-License-Identifier: MIT
#
# demo.sh - what `make demo` shows: build a codepage for the bundled e500
# sample and boot it in QEMU behind a stand-in old kernel, first with the
# segments already placed (stock kexec_load), then with the codepage copying
# them from a kexec indirection list itself.
# Usage: demo.sh OBJTREE SAMPLES-BUILD-DIR
set -eu
bin=$1
samples=$2/ppc32-e500
src=$(cd "$(dirname "$0")/.." && pwd)
out=$bin/demo-out

echo "== mkcodepage: the e500 regcheck sample, protocol linux-epapr"
"$bin/mkcodepage" -d "$src/arch/ppc32-e500/samples/epapr.dts" \
	-k "$samples/regcheck.elf" -o "$out"
cat "$out/map.txt"
echo
echo "== segments.txt (what kexec_load gets)"
cat "$out/segments.txt"
for mode in placed list; do
	echo
	echo "== codepage-qemu --mode $mode: the destination reports its registers"
	"$bin/codepage-qemu" --mode "$mode" --expect "regcheck: PASS" "$out"
	echo
done
echo
echo "Outputs are in $out. Next: mkcodepage --help, doc/mkcodepage.1, arch/*/samples/."
