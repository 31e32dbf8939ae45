# SPDX-License-Identifier: MIT
# shellcheck shell=sh
#
# fit.sh - set "fit": kernel, device tree and ramdisk taken from U-Boot FIT
# images made by Debian's mkimage (tests/lib/files.sh makes them).
# shellcheck source=tests/lib/verdicts.sh
. "$SRCTREE/tests/lib/verdicts.sh"
# shellcheck source=tests/lib/files.sh
. "$SRCTREE/tests/lib/files.sh"

# fit_case NAME DESC ITB WANT...: mkcodepage takes ITB through DESC; each
# WANT is FILE=REFERENCE (OUTDIR/FILE has the bytes of REFERENCE),
# "mem=ADDR NAME" (segments.txt places NAME at ADDR), !FILE (no such
# segment) or ?ID (the log has that diagnostic id).
fit_case() {
	name=$1 desc=$2 itb=$3 out=$WORK/fit/out-$1
	shift 3
	if ! "$MKCP" -d "$desc" -k "$itb" -o "$out" >"$out.log" 2>&1; then
		fail "fit/$name" "mkcodepage failed" "$out.log"
		return
	fi
	for want; do
		case $want in
		mem=*) grep -q "${want% *} .*file=${want#* }.bin" "$out/segments.txt" ;;
		*=*) cmp -s "$out/${want%%=*}" "${want#*=}" ;;
		!*) [ ! -e "$out/${want#!}" ] ;;
		\?*) grep -q "\[${want#\?}\]" "$out.log" ;;
		esac || {
			fail "fit/$name" "not: $want" "$out.log"
			return
		}
	done
	clean "fit/$name" "$out.log"
}

set_fit() {
	fdesc=$SRCTREE/arch/arm64/samples/fit.dts
	img=$BUILD/samples/arm64/Image
	# the kernel in each compression a FIT names, unpacked; the ramdisk
	# as stored; hashes of every kind checked
	for c in none gzip lzma lz4 zstd; do
		f=$(fit_image "c-$c" "$c" arm64 with-ramdisk)
		fit_case "kernel-$c" "$fdesc" "$f" "kernel.0.bin=$img" \
			"initrd.bin=$WORK/fit/ramdisk.cpio" "mem=0x40200000 kernel.0"
	done
	if "$QEMU_RUN" --timeout 120 --expect "regcheck: PASS" "$WORK/fit/out-kernel-gzip" \
		>"$WORK/fit/boot.log" 2>&1; then
		pass fit/boots
	else
		fail fit/boots "" "$WORK/fit/boot.log"
	fi
	# data after the tree (mkimage -E), at an offset or a position (-p)
	ref=$WORK/fit/out-kernel-gzip
	for e in "offset -E" "position -E -p 0x2000"; do
		# shellcheck disable=SC2086
		f=$(fit_image "external-${e%% *}" gzip arm64 with-ramdisk ${e#* })
		fit_case "external-data-${e%% *}" "$fdesc" "$f" \
			"kernel.0.bin=$ref/kernel.0.bin" "fdt.bin=$ref/fdt.bin" \
			"initrd.bin=$ref/initrd.bin"
	done
	# a named configuration; the FIT's loads unless the description's;
	# a ramdisk the configuration has and no segment takes is warned of
	f=$(fit_image conf gzip arm64 with-ramdisk)
	# (descriptions: tests/fit/, each fit.dts changed)
	fit_case configuration-named "$SRCTREE/tests/fit/plain.dts" "$f" "!initrd.bin" \
		"fdt.bin=$WORK/fit/board.dtb"
	grep -q 'warning' "$WORK/fit/out-configuration-named.log" &&
		fail fit/configuration-named-no-warning "" "$WORK/fit/out-configuration-named.log"
	fit_case ramdisk-not-taken-warned "$SRCTREE/tests/fit/no-initrd.dts" "$f" \
		"?unused-property"
	fit_case load-given-wins "$SRCTREE/tests/fit/override.dts" "$f" \
		"mem=0x4a000000 initrd"
	fit_case load-from-fit "$SRCTREE/tests/fit/fitload.dts" "$f" \
		"mem=0x49000000 initrd"
	# kernel_noload (retyped: mkimage 2023.01's -f auto names the
	# configuration's property after the type, which U-Boot does not
	# read): the Image header places the kernel, entered at its start
	dtc -q -I dtb -O dts -o "$WORK/fit/c-none.its" "$WORK/fit/c-none.itb"
	edited fit/kernel-noload "$WORK/fit/c-none.its" "$WORK/fit/auto.its" \
		-e 's/type = "kernel";/type = "kernel_noload";/' \
		-e 's/entry = "@ \\0";/entry = <0x00>;/' &&
		dtc -q -I dts -O dtb -o "$WORK/fit/auto.itb" "$WORK/fit/auto.its"
	fit_case kernel-noload "$fdesc" "$WORK/fit/auto.itb" "kernel.0.bin=$img" \
		"initrd.bin=$WORK/fit/ramdisk.cpio"
	if "$QEMU_RUN" --timeout 120 --expect "regcheck: PASS" "$WORK/fit/out-kernel-noload" \
		>"$WORK/fit/boot-auto.log" 2>&1; then
		pass fit/kernel-noload-boots
	else
		fail fit/kernel-noload-boots "" "$WORK/fit/boot-auto.log"
	fi
	# kernel { fit } names the file, relative to the description
	cp "$fdesc" "$WORK/fit/fit.dts"
	cp "$f" "$WORK/fit/image.itb"
	if "$MKCP" -d "$WORK/fit/fit.dts" -o "$WORK/fit/by-name" >"$WORK/fit/by-name.log" 2>&1; then
		same fit/named-in-the-description "$WORK/fit/by-name/kernel.0.bin" "$img"
	else
		fail fit/named-in-the-description "" "$WORK/fit/by-name.log"
	fi
}
set_fit
