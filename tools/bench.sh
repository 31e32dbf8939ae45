#!/bin/sh
# SPDX-License-Identifier: MIT
#
# bench.sh - what `make bench` prints, per arch: guest instructions per byte
# counted deterministically by QEMU (one instruction per translation block,
# every execution logged) inside segment 0, all in the same invocation. An
# x86 rep string instruction counts once per iteration: TCG runs each
# iteration as a block of its own that jumps back to the instruction.
#   - the list-mode relocation by the codepage with its segment check and
#     without (codepage { no-verify; }), beside a copier shaped like Linux's
#     relocation code run on the same indirection list;
#   - what the check adds on top of the copy (list mode) and as its own
#     pass (placed mode: what 8 MiB more cost a byte, and what a handoff
#     costs besides), beside SHA-256 of every segment, the check
#     kexec-tools' purgatory makes (tools/bench/sha256-ref.c, walking the
#     same list);
#   - the blob mover moving every segment from a blob loaded clear of them
#     (mkcodepage --blob), beside that same reference;
#   - the codepage's size.
# It reports; it does not fail on a number.
# Usage: bench.sh OBJTREE BUILD
set -eu
[ -n "${BENCH_DEBUG:-}" ] && set -x
bin=$1
build=$2
src=$(cd "$(dirname "$0")/.." && pwd)
. "$src/tools/arches.sh"
work=$(mktemp -d "${TMPDIR:-/tmp}/mkcodepage-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM

count() { # OUTDIR MODE QEMU-OPTIONS [TEXT]: instructions inside segment 0
	# nothing unless the run ended as it should (a partial count is no count)
	# shellcheck disable=SC2086
	# (without TEXT, when the guest powers off)
	log=$("$bin/codepage-qemu" --mode "$2" --count-insns --timeout 600 $3 \
		${4:+--expect "$4"} "$1" 2>&1 >/dev/null) || return 0
	echo "$log" | sed -n 's/.*executed \([0-9]*\) instructions.*/\1/p'
}

# swap OUTDIR NEW BIN: NEW is OUTDIR with BIN as segment 0 (entries at its
# offsets 0 and 8); the list built from it stays the same.
swap() {
	cp -r "$1" "$2"
	cp "$3" "$2/codepage.bin"
	mem=$(sed -n 's/^segment 0 mem=\(0x[0-9a-f]*\) .*/\1/p' "$1/segments.txt")
	size=$(wc -c <"$3")
	sed -e "s/^entry .*/entry $mem/" \
		-e "s/^list-entry .*/list-entry $(printf '0x%x' $((mem + 8)))/" \
		-e "s/^\(segment 0 .*\) bufsz=.*/\1 bufsz=$(printf '0x%x' "$size")/" \
		"$1/segments.txt" >"$2/segments.txt"
}

# memsz OUTDIR [FIRST]: the bytes of its segments from number FIRST on (1,
# the default: all but the codepage; 0: all)
memsz() {
	n=0
	for m in $(sed -n "s/^segment [${2:-1}-9].* memsz=\(0x[0-9a-f]*\) .*/\1/p" "$1/segments.txt"); do
		n=$((n + m))
	done
	echo $n
}

# bench ARCH DESCRIPTION KERNEL QEMU-OPTIONS COPY-TARGET REFNAME SIZE-TARGET
#       BLOB-AT (big_at: arch_conf)
bench() {
	arch=$1 out=$work/$1
	mkdir -p "$out"
	# the same description with codepage { no-verify; }; both again with
	# 8 MiB more, for what the check costs a byte apart from a handoff
	unchecked='s|^};|\tcodepage { no-verify; };\n};|'
	desc_derive "$2" "$out/no-verify.dts" "$unchecked"
	yes "mkcodepage bench" | head -c 8388608 >"$out/extra.bin"
	desc_with_big "$2" "$out/extra.dts" "$out/extra.bin"
	desc_derive "$out/extra.dts" "$out/extra-no-verify.dts" "$unchecked"
	"$bin/mkcodepage" -d "$2" -k "$3" -o "$out/ours"
	"$bin/mkcodepage" -d "$out/no-verify.dts" -k "$3" -o "$out/plain"
	"$bin/mkcodepage" -d "$out/extra.dts" -k "$3" -o "$out/xours"
	"$bin/mkcodepage" -d "$out/extra-no-verify.dts" -k "$3" -o "$out/xplain"
	"$bin/mkcodepage" -d "$2" -k "$3" -o "$out/blob" --blob
	swap "$out/ours" "$out/ref" "$build/bench/$arch-linux-copy.bin"
	swap "$out/ours" "$out/sha" "$build/bench/$arch-sha256.bin"
	checked=$(count "$out/ours" list "$4" "regcheck: PASS")
	plain=$(count "$out/plain" list "$4" "regcheck: PASS")
	ref=$(count "$out/ref" list "$4")
	sha=$(count "$out/sha" list "$4")
	sha_bytes=131072	# the yardstick hashes 32 pages (SHA_PAGES)
	pchecked=$(count "$out/ours" placed "$4" "regcheck: PASS")
	pplain=$(count "$out/plain" placed "$4" "regcheck: PASS")
	pxchecked=$(count "$out/xours" placed "$4" "regcheck: PASS")
	pxplain=$(count "$out/xplain" placed "$4" "regcheck: PASS")
	# the mover alone: the codepage runs at its own address, outside the
	# pages counted (the blob's first, where the mover is)
	mover=$(count "$out/blob" blob "$4 --at $8" "regcheck: PASS")
	moved=$(memsz "$out/blob" 0)
	bytes=$(memsz "$out/ours")
	xbytes=$(memsz "$out/xours")
	awk -v arch="$arch" -v checked="$checked" -v plain="$plain" \
		-v ref="$ref" -v sha="$sha" -v pchecked="$pchecked" \
		-v pplain="$pplain" -v bytes="$bytes" -v sha_bytes="$sha_bytes" \
		-v mover="$mover" -v moved="$moved" -v pxchecked="$pxchecked" \
		-v pxplain="$pxplain" -v xbytes="$xbytes" \
		-v size="$(wc -c <"$out/ours/codepage.bin")" -v target="$5" \
		-v refname="$6" -v size_target="$7" 'BEGIN {
		if (!checked || !plain || !ref || !sha || !pchecked || !pplain ||
		    !mover || !pxchecked || !pxplain) {
			printf "%s: a run produced no count\n", arch; exit 1
		}
		row = "  %-52s %9d insns %7.3f per byte\n"
		printf "%s: %d bytes of segments (codepage excluded)\n", arch, bytes
		printf row, "list mode, segments checked (the default)", checked, checked / bytes
		printf row, "list mode, unchecked (codepage { no-verify; })", plain, plain / bytes
		printf row, "reference: " refname, ref, ref / bytes
		printf row, "yardstick: SHA-256 (the purgatory check), 128 KiB", sha, sha / sha_bytes
		printf row, "placed mode, segments checked", pchecked, pchecked / bytes
		printf row, "placed mode, unchecked", pplain, pplain / bytes
		printf row, "placed mode, checked, " xbytes - bytes " bytes more", pxchecked, pxchecked / xbytes
		printf row, "blob mover, " moved " bytes (codepage included)", mover, mover / moved
		copy = plain / bytes; lcheck = (checked - plain) / bytes
		# the placed check: what a byte more costs, and what is left
		# of a handoff (the map, the cache maintenance) without them
		pcheck = ((pxchecked - pxplain) - (pchecked - pplain)) / (xbytes - bytes)
		pfixed = (pchecked - pplain) - pcheck * bytes
		printf "  copy: %.3f per byte, %.1fx fewer than the reference; target at most %.3f: %s\n", copy, ref / plain, target, copy <= target ? "met" : "NOT MET"
		printf "  the check on top of the copy (list): %.3f per byte; target at most 0.35: %s\n", lcheck, lcheck <= 0.35 ? "met" : "NOT MET"
		printf "  the check as its own pass (placed): %.3f per byte and %d a handoff (mapping, cache maintenance); target at most 0.35 per byte: %s\n", pcheck, pfixed, pcheck <= 0.35 ? "met" : "NOT MET"
		printf "  blob mover: %.3f per byte, %.1fx fewer than the reference\n", mover / moved, (ref / bytes) / (mover / moved)
		printf "  SHA-256 / the check: %.0fx (list), %.0fx (placed)\n", (sha / sha_bytes) / lcheck, (sha / sha_bytes) / pcheck
		printf "  codepage size (text + data): %d bytes; target at most %d: %s\n", size, size_target, size <= size_target ? "met" : "NOT MET"
	}'
}

echo "Guest instructions counted by QEMU (-singlestep -d exec,nochain) inside"
echo "segment 0's pages; mapping, cache maintenance and the list walk included;"
echo "each iteration of an x86 rep movsq counts as one instruction."
for a in $arches; do
	arch_conf "$a"
	echo
	bench "$a" "$src/arch/$a/$bench_desc" "$build/samples/$a/regcheck.elf" \
		"$bench_qemu" "$bench_copy_target" "$bench_reference" \
		"$bench_size_target" "$bench_blob_at"
done
