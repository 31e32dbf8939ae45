# SPDX-License-Identifier: MIT
# shellcheck shell=sh
#
# files.sh - inputs the tests make rather than keep: compressed and broken
# images, patched copies, FIT images, and the special names (@...) of the
# tables' file columns. Sourced after verdicts.sh.

# packed FORMAT FILE OUT: FILE compressed as FORMAT: gz, xz, zst, lz4 (the
# frame format) or lz4l (the legacy format of arm64's Image.lz4); FORMAT+size
# appends the unpacked size as Linux's size_append does.
packed() {
	case ${1%+size} in
	gz) gzip -9 -n -c "$2" ;;
	xz) xz --check=crc32 -c "$2" ;;
	zst) zstd -q -19 -c "$2" ;;
	lz4) lz4 -q -c "$2" ;;
	lz4l) lz4 -q -l -c "$2" ;;
	esac >"$3"
	case $1 in
	*+size) n=$(wc -c <"$2")
		bytes_of_hex "$(printf '%08x' "$n" | sed 's/\(..\)\(..\)\(..\)\(..\)/\4\3\2\1/')" >>"$3" ;;
	esac
}

# packed_bad KIND FORMAT: the arm64 Image compressed as FORMAT and then
# cut (the last third gone), corrupt (the first block's size or the data
# past the headers overwritten), or a bomb (65 MiB of zeros); its path.
packed_bad() {
	out=$WORK/packed-$1.$2
	case $1 in
	bomb) head -c 68157440 /dev/zero >"$WORK/zeros"
		packed "$2" "$WORK/zeros" "$out"
		rm "$WORK/zeros" ;;
	*) packed "$2" "$BUILD/samples/arm64/Image" "$out" ;;
	esac
	n=$(wc -c <"$out")
	case $1:$2 in
	cut:*) head -c $((n * 2 / 3)) "$out" >"$out.cut" && mv "$out.cut" "$out" ;;
	corrupt:lz4l) # no checksum: make the first block too short to decode
		bytes_of_hex 10000000 | dd of="$out" bs=1 seek=4 conv=notrunc 2>/dev/null ;;
	corrupt:*) bytes_of_hex ffffffffffffffffffffffff |
		dd of="$out" bs=1 seek=$((n / 2)) conv=notrunc 2>/dev/null ;;
	esac
	echo "$out"
}

# renamed_dtb SRC OLD NEW: tests/bad/SRC.dts compiled, the first OLD in it
# (a node or property name) replaced in place by NEW (as long): names only a
# .dtb can carry.
renamed_dtb() {
	f=$WORK/bad/$1-$(printf '%s' "$3" | od -An -tx1 | tr -d ' \n').dtb
	dtc -q -I dts -O dtb -o "$f" "$WORK/bad/$1.dts"
	off=$(grep -boa "$2" "$f" | head -n 1 | cut -d: -f1)
	printf '%s' "$3" | dd of="$f" bs=1 seek="$off" conv=notrunc 2>/dev/null
	echo "$f"
}

# patched_dtb NAME WHAT: tests/bad/good.dts compiled to NAME.dtb, then broken
# the way libfdt 1.6.1 cannot take (a fuzzer found both): WHAT is
# version-15 (header version 15) or huge-prop (the first property's length
# 0xfffffff0). Prints its path.
patched_dtb() {
	f=$WORK/bad/$1.dtb
	dtc -q -I dts -O dtb -o "$f" "$WORK/bad/good.dts"
	case $2 in
	version-15) printf '\000\000\000\017' |
		dd of="$f" bs=1 seek=20 conv=notrunc 2>/dev/null ;;
	huge-prop) # root: BEGIN_NODE, "" padded, then PROP and its length
		st=$(od -An -tu1 -j8 -N4 "$f" |
			awk '{ print ((($1 * 256 + $2) * 256 + $3) * 256 + $4) }')
		printf '\377\377\377\360' |
			dd of="$f" bs=1 seek=$((st + 12)) conv=notrunc 2>/dev/null ;;
	esac
	echo "$f"
}

# patched_copy FILE OFFSET:HEX NAME: a copy of FILE with the bytes HEX at
# OFFSET (none: an unchanged copy), named after NAME in $WORK; its path.
patched_copy() {
	out=$WORK/patched-$(echo "$3" | tr -c 'A-Za-z0-9\n' _)
	cp "$1" "$out"
	bytes_of_hex "${2#*:}" |
		dd of="$out" bs=1 seek="${2%%:*}" conv=notrunc 2>/dev/null
	echo "$out"
}

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


# special_file FIELD: the path a table's file column names: @NAME makes or
# finds that input, anything else is a file of $WORK/bad.
special_file() {
	case $1 in
	@regcheck) echo "$SAMPLES/regcheck.elf" ;;
	@sample:*) echo "$BUILD/samples/${1#@sample:}" ;;
	@patch:*) # @patch:ARCH/FILE:OFFSET:HEX
		spec=${1#@patch:}
		file=${spec%%:*} spec=${spec#*:}
		patched_copy "$BUILD/samples/$file" "$spec" "$1" ;;
	@bad-gzip) # gzip magic, then nonsense
		{ printf '\037\213'; head -c 200 /dev/urandom; } >"$WORK/bad.gz"
		echo "$WORK/bad.gz" ;;
	@arm64-vmlinux) # linked at virtual addresses, like a vmlinux
		aarch64-linux-gnu-ld -Ttext=0xffff800008000000 --no-warn-rwx-segments \
			-o "$WORK/vmlinux" "$BUILD/samples/arm64/regcheck.o"
		echo "$WORK/vmlinux" ;;
	@fit:*) fit_bad "${1#@fit:}" ;;
	@src:*) echo "$SRCTREE/${1#@src:}" ;;
	@packed-*) # @packed-KIND:FORMAT
		kind=${1#@packed-}
		packed_bad "${kind%%:*}" "${kind#*:}" ;;
	@vmlinuz:*) # @vmlinuz:OFFSET:HEX: Debian's amd64 kernel, patched
		sh "$SRCTREE/tools/fetch-debian-kernel.sh" amd64 "$BUILD/debian-amd64" \
			>"$WORK/fetch-bad.log" 2>&1
		patched_copy "$BUILD/debian-amd64/vmlinuz" "${1#@vmlinuz:}" "$1" ;;
	@invaders:*) # @invaders:OFFSET:HEX: Debian's grub-invaders, patched
		sh "$SRCTREE/tools/fetch-debian-packages.sh" amd64 \
			"$BUILD/debian-grub-invaders" grub-invaders >"$WORK/fetch-bad.log" 2>&1
		patched_copy "$BUILD/debian-grub-invaders/root/boot/invaders.exec" \
			"${1#@invaders:}" "$1" ;;
	@missing) echo "$WORK/no/such/file" ;;
	@garbage) head -c 4096 /dev/urandom >"$WORK/garbage.bin"
		echo "$WORK/garbage.bin" ;;
	@x86) echo "$OBJTREE/mkcodepage" ;;
	@overlapping-loads)
		powerpc-linux-gnu-as -a32 -mbig -o "$WORK/ol.o" \
			"$WORK/bad/overlapping-loads.s"
		powerpc-linux-gnu-ld --no-check-sections -o "$WORK/ol.elf" \
			-T "$WORK/bad/overlapping-loads.ld" "$WORK/ol.o"
		echo "$WORK/ol.elf" ;;
	@truncated) head -c 2000 "$SAMPLES/regcheck.elf" >"$WORK/trunc.elf"
		echo "$WORK/trunc.elf" ;;
	@name-dotdot) renamed_dtb renamed xxxx '../x' ;;
	@name-newline) renamed_dtb renamed xxxx 'a
bc' ;;
	@name-duplicate) renamed_dtb renamed yyyy xxxx ;;
	@property-twice) renamed_dtb twice loaq load ;;
	@fdt-twice) renamed_dtb twice loaq load >/dev/null
		echo "$WORK/bad/fdt-twice.dts" ;;
	@fdt-truncated) # totalsize says 8 bytes more than the file has
		dtc -q -I dts -O dtb "$WORK/bad/tree.dts" |
			head -c -8 >"$WORK/bad/tree-cut.dtb"
		echo "$WORK/bad/fdt-truncated.dts" ;;
	@dtb-version-15) patched_dtb old-version version-15 ;;
	@dtb-huge-prop) patched_dtb huge-prop huge-prop ;;
	@fixup-old-dtb) patched_dtb old-version version-15 >/dev/null
		echo "$WORK/bad/fixup-old-dtb.dts" ;;
	@corrupt-dtb)
		dtc -q -I dts -O dtb -o "$WORK/bad/corrupt.dtb" "$WORK/bad/good.dts"
		# keep the header, break the structure block
		printf '\377\377\377\377\377\377\377\377' |
			dd of="$WORK/bad/corrupt.dtb" bs=1 seek=64 conv=notrunc 2>/dev/null
		echo "$WORK/bad/corrupt.dtb" ;;
	*) echo "$WORK/bad/$1" ;;
	esac
}
