# SPDX-License-Identifier: MIT
# fit.sh - the "fit" set of run_tests.sh (sourced by it): kernel, device
# tree and ramdisk taken from U-Boot FIT images made by Debian's mkimage.

# fit_image NAME COMP ARCH DEFAULT [MKIMAGE-OPTION...]: $WORK/fit/NAME.itb,
# made by Debian's mkimage from tests/fit/board.its.in: the arm64 regcheck
# Image compressed as COMP (none gzip lzma lz4 zstd; bzip2 labels gzip's
# data), the kernel's ARCH, default configuration DEFAULT ("": none); its
# path.
fit_image() {
	fd=$WORK/fit
	mkdir -p "$fd"
	if [ ! -f "$fd/board.dtb" ]; then
		dtc -q -I dts -O dtb -o "$fd/board.dtb" "$SRCTREE/arch/arm64/samples/board.dts"
		# 32 bytes: no padding after it in an external-data FIT
		printf 'ramdisk of the fit tests, 32 B:A' >"$fd/ramdisk.cpio"
	fi
	img=$BUILD/samples/arm64/Image
	case $2 in
	none) cp "$img" "$fd/Image.$2" ;;
	gzip | bzip2) gzip -9 -n -c "$img" >"$fd/Image.$2" ;;
	lzma) xz --format=lzma -c "$img" >"$fd/Image.$2" ;;
	lz4) lz4 -q -c "$img" >"$fd/Image.$2" ;;
	zstd) zstd -q -c "$img" >"$fd/Image.$2" ;;
	esac
	sed -e "s/@KERNEL@/Image.$2/" -e "s/@COMP@/$2/" -e "s/@ARCH@/$3/" \
		-e "s/@DEFAULT@/${4:+default = \"$4\";}/" \
		"$SRCTREE/tests/fit/board.its.in" >"$fd/$1.its"
	n=$1
	shift 4
	(cd "$fd" && mkimage "$@" -f "$n.its" "$n.itb") >"$fd/$n.log" 2>&1 ||
		echo "fit_image: mkimage failed: $fd/$n.log" >&2
	echo "$fd/$n.itb"
}

# fit_bad KIND: a FIT image that cannot be taken; its path.
fit_bad() {
	case $1 in
	bad-hash) # the ramdisk's last byte, stored after the tree, changed
		f=$(fit_image "$1" gzip arm64 with-ramdisk -E)
		printf B | dd of="$f" bs=1 seek=$(($(wc -c <"$f") - 1)) \
			conv=notrunc 2>/dev/null ;;
	truncated) f=$(fit_image "$1" gzip arm64 with-ramdisk -E)
		head -c $(($(wc -c <"$f") - 8)) "$f" >"$f.cut" && mv "$f.cut" "$f" ;;
	no-default) f=$(fit_image "$1" gzip arm64 "") ;;
	riscv) f=$(fit_image "$1" gzip riscv with-ramdisk) ;;
	bzip2) f=$(fit_image "$1" bzip2 arm64 with-ramdisk) ;;
	overlays) f=$(fit_image "$1" gzip arm64 overlays) ;;
	plain) f=$(fit_image "$1" gzip arm64 plain) ;;
	good) f=$(fit_image "$1" gzip arm64 with-ramdisk) ;;
	esac
	echo "$f"
}

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
	clean_log "$out.log" && pass "fit/$name" || fail "fit/$name" "sanitizer" "$out.log"
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
	# (fixed-seeds: the tree as the FIT has it, byte for byte)
	sed -e 's|fit = "image.itb";|&\n\t\tconfiguration = "plain";|' \
		-e 's|^\tprotocol = .*|&\n\tfixed-seeds;|' \
		-e '/^\t\tinitrd {/,/^\t\t};/d' -e '/initrd = /d' \
		"$fdesc" >"$WORK/fit/plain.dts"
	fit_case configuration-named "$WORK/fit/plain.dts" "$f" "!initrd.bin" \
		"fdt.bin=$WORK/fit/board.dtb"
	grep -q 'warning' "$WORK/fit/out-configuration-named.log" &&
		fail fit/configuration-named-no-warning "" "$WORK/fit/out-configuration-named.log"
	sed -e '/^\t\tinitrd {/,/^\t\t};/d' -e '/initrd = /d' \
		"$fdesc" >"$WORK/fit/default.dts"
	fit_case ramdisk-not-taken-warned "$WORK/fit/default.dts" "$f" "?unused-property"
	sed -e 's|0x49000000|0x4a000000|' "$fdesc" >"$WORK/fit/override.dts"
	fit_case load-given-wins "$WORK/fit/override.dts" "$f" "mem=0x4a000000 initrd"
	sed -e '/0x49000000/d' "$fdesc" >"$WORK/fit/fitload.dts"
	fit_case load-from-fit "$WORK/fit/fitload.dts" "$f" "mem=0x49000000 initrd"
	# kernel_noload (retyped: mkimage 2023.01's -f auto names the
	# configuration's property after the type, which U-Boot does not
	# read): the Image header places the kernel, entered at its start
	dtc -q -I dtb -O dts "$WORK/fit/c-none.itb" |
		sed -e 's/type = "kernel";/type = "kernel_noload";/' \
			-e 's/entry = "@ \\0";/entry = <0x00>;/' |
		dtc -q -I dts -O dtb -o "$WORK/fit/auto.itb"
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
	if "$MKCP" -d "$WORK/fit/fit.dts" -o "$WORK/fit/by-name" >"$WORK/fit/by-name.log" 2>&1 &&
		cmp -s "$WORK/fit/by-name/kernel.0.bin" "$img"; then
		pass fit/named-in-the-description
	else
		fail fit/named-in-the-description "" "$WORK/fit/by-name.log"
	fi
}
