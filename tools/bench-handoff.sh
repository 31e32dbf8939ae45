#!/bin/sh
# SPDX-License-Identifier: MIT
#
# bench-handoff.sh - make bench's real handoff: Debian's arm64 kernel boots
# in QEMU and hands off to one destination (the same kernel, an initramfs
# with 64 MiB of incompressible data, one command line) in four ways, all
# from the same old initramfs: Debian's kexec-tools with its checks (its
# purgatory hashes every segment with SHA-256) and with -i (no checks), and
# kexec-codepage with a codepage that verifies the segments and one that
# does not (codepage { no-verify; }). Counted: guest instructions from the
# end of the old kernel's "Starting new kernel" line to the first byte of
# the destination's first line, by tools/bench/insn-count-plugin.c (one
# count per byte of the console; QEMU's serial log has the bytes).
# QEMU's tree has no kaslr-seed (dtb-randomness=off): kexec-tools refuses
# to load a tree whose seed it cannot replace. It reports; it does not fail
# on a number.
# Usage: bench-handoff.sh OBJTREE BUILD
set -eu
[ -n "${BENCH_DEBUG:-}" ] && set -x
bin=$1
build=$2
src=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/mkcodepage-bench-handoff.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
board=virt,dtb-randomness=off
machine="-cpu cortex-a57 -m 1G -smp 1"	# and -M $board
cmdline="console=ttyAMA0 earlycon=pl011,0x9000000 panic=-1 rdinit=/init"

sh "$src/tools/fetch-debian-kernel.sh" arm64 "$build/debian-arm64"
sh "$src/tools/fetch-debian-packages.sh" --follow 'lib.*|zlib1g' arm64 \
	"$build/debian-arm64-kexec-tools" kexec-tools
kernel=$build/debian-arm64/vmlinuz
echo "old and destination kernel: $(cat "$build/debian-arm64/package")," \
	"$(grep '^kexec-tools ' "$build/debian-arm64-kexec-tools/packages")"

# the old initramfs: init, kexec-tools and its libraries, kexec-codepage,
# and in /bench the destination for each of them
old=$work/old
mkdir -p "$old/bench" "$old/bin" "$work/second"
cp -a "$build/debian-arm64-kexec-tools/root/." "$old/"
rm -rf "$old/usr/share" "$old/etc"
cp "$build/tests/handoff-init.arm64" "$old/init"
cp "$bin/kexec-codepage.arm64" "$old/bin/kexec-codepage"
cp "$kernel" "$old/bench/Image"		# Debian's arm64 vmlinuz is an Image
echo "$cmdline" >"$old/bench/cmdline"
cp "$build/tests/handoff-init.arm64" "$work/second/init"
head -c 64M /dev/urandom >"$work/second/data"
(cd "$work/second" && find . | LC_ALL=C sort | cpio -o -H newc --quiet) \
	>"$old/bench/initrd"
qemu-system-aarch64 -M "$board,dumpdtb=$work/virt.dtb" $machine -nodefaults \
	-display none >/dev/null 2>&1
for verify in "" "codepage { no-verify; };"; do
	cat >"$work/desc.dts" <<DTS
/dts-v1/;
/ {
	compatible = "mkcodepage,description-v1";
	#address-cells = <2>; #size-cells = <2>;
	arch = "arm64"; protocol = "linux-arm64";
	memory = <0x0 0x40000000 0x0 0x40000000>;
	$verify
	segments {
		fdt { file = "$work/virt.dtb"; load = <0x0 0x48000000>;
		      bootargs = "$cmdline"; initrd = "initrd"; memory-node; };
		initrd { file = "$old/bench/initrd"; load = <0x0 0x48200000>; };
	};
};
DTS
	out=$old/bench/cp${verify:+-no-verify}
	"$bin/mkcodepage" -d "$work/desc.dts" -k "$old/bench/Image" -o "$out" >/dev/null
done
# the same bytes once in the archive: identical files become hard links
for f in "$old"/bench/cp*/*; do
	for same in "$old/bench/Image" "$old/bench/initrd" "$old/bench/cp/${f##*/}"; do
		if [ "$f" != "$same" ] && cmp -s "$f" "$same"; then
			ln -f "$same" "$f"
			break
		fi
	done
done
(cd "$old" && find . | LC_ALL=C sort | cpio -o -H newc --quiet) >"$work/old.cpio"

# count HOW: the instructions between the two lines, or nothing
count() {
	log=$work/$1.log counts=$work/$1.counts
	# shellcheck disable=SC2086
	timeout 900 qemu-system-aarch64 -M "$board" $machine -nodefaults -display none \
		-monitor none -serial "file:$log" -no-reboot \
		-kernel "$kernel" -initrd "$work/old.cpio" \
		-append "console=ttyAMA0 loglevel=6 panic=-1 mkcodepage.bench=$1" \
		-plugin "file=$build/bench/insn-count-plugin.so,uart=0x9000000,out=$counts" \
		</dev/null >"$work/$1.qemu" 2>&1 || return 0
	LC_ALL=C awk -v size="$(wc -c <"$log")" '
	FNR == NR { if ($1 != "end") at[n++] = $1; next }
	# the log: each line starts at byte off
	start == "" && /Starting new kernel/ { start = at[off + length($0)] }
	start != "" && first == "" && /Booting Linux on physical CPU/ { first = at[off] }
	{ off += length($0) + 1 }
	END { if (n == size && start != "" && first != "") printf "%.0f\n", first - start }
	' "$counts" "$log"
}

echo "Guest instructions from the old kernel's \"Starting new kernel\" to the"
echo "destination's first console line (QEMU TCG, insn-count-plugin), arm64:"
failed=0
for how in kexec-tools kexec-tools-i codepage codepage-no-verify; do
	n=$(count $how)
	if [ -z "$n" ]; then
		echo "  $how: no count; the end of its console:"
		tail -n 5 "$work/$how.log" "$work/$how.qemu" 2>/dev/null | sed 's/^/    /'
		failed=1
	fi
	eval "n_$(echo $how | tr - _)=\${n:-0}"
done
[ $failed = 0 ] || exit 1
bytes=0
for m in $(sed -n 's/^segment [1-9].* memsz=\(0x[0-9a-f]*\) .*/\1/p' "$old/bench/cp/segments.txt"); do
	bytes=$((bytes + m))
done
awk -v d="$n_kexec_tools" -v i="$n_kexec_tools_i" -v c="$n_codepage" \
	-v p="$n_codepage_no_verify" -v bytes="$bytes" 'BEGIN {
	row = "  %-44s %11.0f insns %6.3f per byte\n"
	printf "  %d bytes of segments (64 MiB initramfs, kernel, tree)\n", bytes
	printf row, "kexec-tools (SHA-256 checks, the default)", d, d / bytes
	printf row, "kexec-tools -i (no checks)", i, i / bytes
	printf row, "kexec-codepage, segments verified", c, c / bytes
	printf row, "kexec-codepage, codepage { no-verify; }", p, p / bytes
	printf "  unverified: %.3fx kexec-tools -i; target at most 1.02: %s\n", p / i, (p / i <= 1.02 ? "met" : "NOT MET")
	printf "  verified: %.1fx fewer than kexec-tools; target at least 40: %s\n", d / c, (d / c >= 40 ? "met" : "NOT MET")
	printf "  the verification: %.3f per byte\n", (c - p) / bytes
}'
