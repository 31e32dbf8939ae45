#!/bin/sh
# SPDX-License-Identifier: MIT
#
# run_tests.sh - every test of mkcodepage, in sets (dtc's run_tests.sh is the
# model). Run by `make check`, which builds what it needs and sets:
#   SRCTREE  the source tree      OBJTREE  where the programs are
#   BUILD    objects, sanitizer builds (san/), samples, test programs
#   FUZZ_HARNESSES  the harnesses of tests/fuzz/ (tests/fuzz/build.mk)
#   KEXEC_TARGET_SRCS  the sources of the static kexec-codepage (tools/build.mk)
# Usage: run_tests.sh [SET...]   sets: unit check bad reserve loader seeds fit reloc fuzz determinism
#                  depfile fragment install package qemu blob verify uboot
#                  handoff kernels
# The per-arch sets loop over arch/list (tools/arches.sh), reading each
# arch's tables in arch/<arch>/tests/; an arch's own tests are SET_<arch>
# in arch/<arch>/tests/sets.sh, run at the end of set SET.
# Host programs run as their AddressSanitizer + UBSan builds. Ends with one
# line "N passed, N failed, N skipped".
set -u

: "${SRCTREE:?run through make check}" "${OBJTREE:?}" "${BUILD:?}" "${FUZZ_HARNESSES:?}" \
	"${KEXEC_TARGET_SRCS:?}"
src=$SRCTREE
. "$SRCTREE/tools/arches.sh"
MKCP=$BUILD/san/mkcodepage
CHECKER=$BUILD/san/codepage-check
QEMU_RUN=$BUILD/san/codepage-qemu
SAMPLES=$BUILD/samples/ppc32-e500
FNVSUM=$BUILD/tests/fnvsum
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:exitcode=99"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:exitcode=98"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/mkcodepage-tests.XXXXXX")
trap 'rm -rf "$WORK"' EXIT INT TERM
passed=0 failed=0 skipped=0

pass() { passed=$((passed + 1)); echo "PASS: $1"; }
fail() {
	failed=$((failed + 1))
	echo "FAIL: $1${2:+ ($2)}"
	[ -n "${3:-}" ] && [ -f "$3" ] && sed -n '1,40s/^/    | /p' "$3"
	return 0
}
skip() { skipped=$((skipped + 1)); echo "SKIP: $1 ($2)"; }
# Something a set needs is missing: a failure in CI, where nothing may be
# skipped, a skip with its reason elsewhere.
missing() {
	if [ -n "${CI:-}" ]; then fail "$1" "$2"; else skip "$1" "$2"; fi
}


# dump_dtb NAME FILE QEMU-COMMAND...: the device tree QEMU builds for that
# machine, with only the devices the test boots with (a serial port, so the
# tree has its UART and stdout-path). A QEMU that fails is the test's
# failure, with QEMU's own message, never a missing file later on.
dump_dtb() {
	name=$1 f=$2
	shift 2
	"$@" -nodefaults -display none -serial null -monitor none \
		-machine dumpdtb="$f" </dev/null >"$f.log" 2>&1
	if [ $? -ne 0 ] || [ ! -s "$f" ]; then
		fail "$name" "QEMU could not dump its device tree" "$f.log"
		return 1
	fi
}

# A sanitizer report anywhere in a log is a failure of its own.
clean_log() { ! grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error:' "$1"; }

# bytes_of_hex HEX: the bytes a string of hex digits spells, in order
bytes_of_hex() {
	fmt=
	for byte in $(echo "$1" | sed 's/../& /g'); do
		fmt=$fmt\\$(printf '%03o' "0x$byte")
	done
	# shellcheck disable=SC2059
	printf "$fmt"
}

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


# ---- unit: the host library's unit tests ----------------------------------
set_unit() {
	mkdir -p "$WORK/unit"
	"$BUILD/tests/unit-tests" "$WORK/unit" >"$WORK/unit.out" 2>"$WORK/unit.err"
	st=$?
	while read -r verdict name rest; do
		case $verdict in
		PASS:) pass "$name" ;;
		FAIL:) fail "$name" "$rest" ;;
		esac
	done <"$WORK/unit.out"
	if [ $st -gt 1 ] || ! clean_log "$WORK/unit.err"; then
		fail unit/sanitizers "exit $st" "$WORK/unit.err"
	else
		pass unit/sanitizers
	fi
}

# ---- bad: the table of bad inputs --------------------------------------------

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
# second_initrd ARCH DIR: DIR/initrd-second.cpio.gz, an initramfs of the
# handoff init alone, for a destination kernel (it prints its command line
# and powers off)
second_initrd() {
	mkdir -p "$2/second"
	cp "$BUILD/tests/handoff-init.$1" "$2/second/init"
	(cd "$2/second" && find . | cpio -o -H newc --quiet | gzip -n) \
		>"$2/initrd-second.cpio.gz"
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

set_bad() {
	cp -r "$SRCTREE/tests/bad" "$WORK/bad"
	for a in $arches; do
		[ -d "$SRCTREE/arch/$a/tests/bad" ] &&
			cp "$SRCTREE/arch/$a/tests/bad/"* "$WORK/bad/"
	done
	powerpc-linux-gnu-as -a32 -mbig -mregnames -o "$WORK/bad/absolute.o" \
		"$WORK/bad/absolute.s"
	{
		grep -v "^#" "$SRCTREE/tests/bad-inputs.txt"
		for a in $arches; do
			t=$SRCTREE/arch/$a/tests/bad-inputs.txt
			[ ! -f "$t" ] || grep -v "^#" "$t"
		done
	} >"$WORK/bad.table"
	while read -r name id want desc kernel opts; do
		[ -n "$name" ] || continue
		out=$WORK/out-$name
		d=$(special_file "$desc")
		k=$(special_file "$kernel")
		set -- -d "$d" -k "$k" -o "$out"
		case ${opts:-} in
		@no-output) set -- -d "$d" -k "$k" ;;
		?*) set -- "$@" "$opts" ;;
		esac
		"$MKCP" "$@" >"$WORK/$name.log" 2>&1
		st=$?
		if [ $st -ne "$want" ]; then
			fail "bad/$name" "exit $st, wanted $want" "$WORK/$name.log"
		elif ! grep -q "\[$id\]" "$WORK/$name.log"; then
			fail "bad/$name" "no [$id]" "$WORK/$name.log"
		elif [ -e "$out" ] || ls -a "$WORK" | grep -q "^\.out-$name\.tmp"; then
			fail "bad/$name" "left something in OUTDIR" "$WORK/$name.log"
		elif ! clean_log "$WORK/$name.log"; then
			fail "bad/$name" "sanitizer" "$WORK/$name.log"
		else
			pass "bad/$name"
		fi
	done <"$WORK/bad.table"
}

# ---- reloc: the relocation check, in mkcodepage and standalone -------------
set_reloc() {
	mkdir -p "$WORK/reloc"
	cp "$SRCTREE"/tests/bad/*.s "$SRCTREE"/tests/bad/good.dts \
		"$SRCTREE"/tests/bad/tree.dts \
		"$SRCTREE"/tests/bad/pcrel-preamble.dts "$WORK/reloc/"
	as="powerpc-linux-gnu-as -a32 -mbig -mregnames -I $SRCTREE/arch/ppc32-e500"
	$as -o "$WORK/reloc/absolute.o" "$WORK/reloc/absolute.s"
	$as -o "$WORK/reloc/relative.o" "$WORK/reloc/relative.s"

	# a preamble object whose .symtab says sh_entsize 0 (the fuzzer's
	# division by zero): read all the same, no sanitizer report
	cp "$WORK/reloc/relative.o" "$WORK/reloc/entsize0.o"
	shoff=$(powerpc-linux-gnu-readelf -h "$WORK/reloc/entsize0.o" |
		sed -n 's/.*Start of section headers: *\([0-9]*\).*/\1/p')
	idx=$(powerpc-linux-gnu-readelf -S -W "$WORK/reloc/entsize0.o" |
		sed -n 's/^ *\[ *\([0-9]*\)\] \.symtab .*/\1/p')
	printf '\000\000\000\000' | dd of="$WORK/reloc/entsize0.o" bs=1 \
		seek=$((shoff + idx * 40 + 36)) conv=notrunc 2>/dev/null
	sed 's/relative\.s/entsize0.o/' "$WORK/reloc/pcrel-preamble.dts" \
		>"$WORK/reloc/entsize0.dts"
	"$MKCP" -d "$WORK/reloc/entsize0.dts" -k "$SAMPLES/regcheck.elf" \
		-o "$WORK/reloc/entsize0" >"$WORK/reloc/entsize0.log" 2>&1
	st=$?
	if [ $st -le 1 ] && clean_log "$WORK/reloc/entsize0.log" &&
		powerpc-linux-gnu-readelf -S -W "$WORK/reloc/entsize0.o" 2>&1 |
		grep -q 'invalid sh_entsize of 0'; then
		pass reloc/preamble-symtab-entsize-0
	else
		fail reloc/preamble-symtab-entsize-0 "exit $st" "$WORK/reloc/entsize0.log"
	fi
	"$CHECKER" "$WORK/reloc/absolute.o" >"$WORK/reloc/abs.log" 2>&1
	st=$?
	n=$(grep -c '\[abs-reloc\]' "$WORK/reloc/abs.log")
	if [ $st -eq 1 ] && [ "$n" -eq 4 ] &&
		grep -q "R_PPC_ADDR16_HA against 'here+0x0'" "$WORK/reloc/abs.log" &&
		grep -q 'R_PPC_ADDR16_LO' "$WORK/reloc/abs.log" &&
		grep -q 'R_PPC_ADDR24' "$WORK/reloc/abs.log" &&
		grep -q 'table+0x0: .*R_PPC_ADDR32 .* in .data' "$WORK/reloc/abs.log"; then
		pass reloc/checker-rejects-absolute
	else
		fail reloc/checker-rejects-absolute "exit $st, $n reports" "$WORK/reloc/abs.log"
	fi

	if "$CHECKER" "$WORK/reloc/relative.o" >"$WORK/reloc/rel.log" 2>&1 &&
		grep -q 'all position-independent' "$WORK/reloc/rel.log"; then
		pass reloc/checker-accepts-pcrel
	else
		fail reloc/checker-accepts-pcrel "" "$WORK/reloc/rel.log"
	fi

	if "$MKCP" -d "$WORK/reloc/pcrel-preamble.dts" -k "$SAMPLES/regcheck.elf" \
		-o "$WORK/reloc/out" >"$WORK/reloc/mk.log" 2>&1 &&
		"$CHECKER" -q "$WORK/reloc/out/codepage.elf" >>"$WORK/reloc/mk.log" 2>&1; then
		pass reloc/pcrel-preamble-linked-and-rechecked
	else
		fail reloc/pcrel-preamble-linked-and-rechecked "" "$WORK/reloc/mk.log"
	fi

	if "$MKCP" -d "$SRCTREE/arch/ppc32-e500/samples/epapr.dts" -k "$SAMPLES/regcheck.elf" \
		-o "$WORK/reloc/std" >"$WORK/reloc/std.log" 2>&1 &&
		"$CHECKER" "$WORK/reloc/std/codepage.elf" >>"$WORK/reloc/std.log" 2>&1 &&
		powerpc-linux-gnu-readelf -r "$WORK/reloc/std/codepage.elf" |
		grep -q R_PPC_REL16_HA; then
		pass reloc/codepage-elf-keeps-relocations
	else
		fail reloc/codepage-elf-keeps-relocations "" "$WORK/reloc/std.log"
	fi

	# the other backends' tables: absolute objects for arm64 and riscv64
	aarch64-linux-gnu-as -o "$WORK/reloc/abs-a64.o" "$SRCTREE/tests/bad/absolute-arm64.s"
	riscv64-linux-gnu-as -march=rv64imac -mno-relax -o "$WORK/reloc/abs-rv.o" \
		"$SRCTREE/tests/bad/absolute-riscv64.s"
	for o in abs-a64 abs-rv; do
		"$CHECKER" "$WORK/reloc/$o.o" >"$WORK/reloc/$o.log" 2>&1
		st=$?
		n=$(grep -c '\[abs-reloc\]' "$WORK/reloc/$o.log")
		if [ $st -eq 1 ] && [ "$n" -eq 3 ]; then
			pass "reloc/checker-rejects-$o"
		else
			fail "reloc/checker-rejects-$o" "exit $st, $n reports" "$WORK/reloc/$o.log"
		fi
	done
	for arch in $arches; do
		arch_conf "$arch"
		"$MKCP" -d "$SRCTREE/arch/$arch/samples/$sample_desc" \
			-k "$BUILD/samples/$arch/$sample_kernel" \
			-o "$WORK/reloc/$arch" >"$WORK/reloc/$arch.log" 2>&1 &&
			"$CHECKER" "$WORK/reloc/$arch/codepage.elf" >>"$WORK/reloc/$arch.log" 2>&1 &&
			pass "reloc/$arch-codepage-proven" ||
			fail "reloc/$arch-codepage-proven" "" "$WORK/reloc/$arch.log"
	done
	sed -e 's|^\tprotocol = "linux-arm64";|\tprotocol = "none";|' \
		-e 's|^\tsegments {|\tpreamble { source = "absolute-arm64.s"; };\n\tsegments {|' \
		-e 's|file = "board.dts";|string = "x";|' \
		"$SRCTREE/arch/arm64/samples/linux.dts" >"$WORK/reloc/abs-a64.dts"
	cp "$SRCTREE/tests/bad/absolute-arm64.s" "$WORK/reloc/"
	"$MKCP" -d "$WORK/reloc/abs-a64.dts" -k "$BUILD/samples/arm64/Image" \
		-o "$WORK/reloc/abs-a64-out" >"$WORK/reloc/abs-a64-mk.log" 2>&1
	if [ $? -eq 1 ] && grep -q 'R_AARCH64_MOVW_UABS_G1.*\[abs-reloc\]' "$WORK/reloc/abs-a64-mk.log" &&
		[ ! -e "$WORK/reloc/abs-a64-out" ]; then
		pass reloc/arm64-absolute-preamble-refused
	else
		fail reloc/arm64-absolute-preamble-refused "" "$WORK/reloc/abs-a64-mk.log"
	fi

	"$CHECKER" "$SAMPLES/regcheck.elf" >"$WORK/reloc/norel.log" 2>&1
	if [ $? -eq 1 ] && grep -q '\[no-relocs\]' "$WORK/reloc/norel.log"; then
		pass reloc/executable-without-relocs-unproven
	else
		fail reloc/executable-without-relocs-unproven "" "$WORK/reloc/norel.log"
	fi

	# an executable whose relocation sections are all empty proves no more
	# than one without them (it passed when sections, not entries, counted)
	powerpc-linux-gnu-ld --emit-relocs -Ttext=0x10000 -e 0 \
		-o "$WORK/reloc/empty-rela.elf" "$WORK/reloc/absolute.o" 2>/dev/null
	shoff=$(powerpc-linux-gnu-readelf -h "$WORK/reloc/empty-rela.elf" |
		sed -n 's/.*Start of section headers: *\([0-9]*\).*/\1/p')
	for idx in $(powerpc-linux-gnu-readelf -S -W "$WORK/reloc/empty-rela.elf" |
		sed -n 's/^ *\[ *\([0-9]*\)\] [^ ]* *RELA .*/\1/p'); do
		printf '\000\000\000\000' | dd of="$WORK/reloc/empty-rela.elf" \
			bs=1 seek=$((shoff + idx * 40 + 20)) conv=notrunc 2>/dev/null
	done
	"$CHECKER" "$WORK/reloc/empty-rela.elf" >"$WORK/reloc/empty-rela.log" 2>&1
	if [ $? -eq 1 ] && grep -q '\[no-relocs\]' "$WORK/reloc/empty-rela.log" &&
		[ -n "$idx" ]; then
		pass reloc/executable-with-empty-relocs-unproven
	else
		fail reloc/executable-with-empty-relocs-unproven "" "$WORK/reloc/empty-rela.log"
	fi

	# an arch no row has: i386
	printf '\tnop\n' | as --32 -o "$WORK/reloc/i386.o" - &&
		"$CHECKER" "$WORK/reloc/i386.o" >"$WORK/reloc/x86.log" 2>&1
	if [ $? -eq 2 ] && grep -q '\[unsupported-arch\]' "$WORK/reloc/x86.log"; then
		pass reloc/other-arch-refused
	else
		fail reloc/other-arch-refused "" "$WORK/reloc/x86.log"
	fi
}

# ---- qemu: boots through codepage-qemu, placed and list ---------------------
expand() {
	echo "$1" | sed "s|@samples/|$BUILD/samples/|g; s|@work/|$WORK/|g"
}

check_console() { # name log expected kernel-bin
	log=$2
	ifs=$IFS IFS=';'
	for text in $3; do
		IFS=$ifs
		if ! grep -qF -- "$text" "$log"; then
			fail "$1" "missing '$text'" "$log"
			return
		fi
	done
	IFS=$ifs
	if grep -q 'regcheck:' "$log"; then
		want=$("$FNVSUM" "$4")
		if ! grep -q 'regcheck: PASS' "$log"; then
			fail "$1" "destination reports FAIL" "$log"
			return
		elif ! grep -q "sum=$want" "$log"; then
			fail "$1" "checksum differs from $want" "$log"
			return
		fi
	fi
	clean_log "$log" && pass "$1" || fail "$1" sanitizer "$log"
}

boot_case() { # name out expect expected qemu-options
	for mode in placed list; do
		log=$WORK/$1-$mode.log
		# shellcheck disable=SC2086
		"$QEMU_RUN" --mode "$mode" --timeout 120 --expect "$3" ${5:-} "$2" \
			>"$log" 2>&1
		st=$?
		if [ $st -ne 0 ]; then
			fail "qemu/$1/$mode" "exit $st" "$log"
		else
			check_console "qemu/$1/$mode" "$log" "$4" "$2/kernel.0.bin"
		fi
	done
}

blob_case() { # name out expect expected qemu-options: one blob boot
	log=$WORK/b-$1.log
	# shellcheck disable=SC2086
	"$QEMU_RUN" --mode blob --timeout 120 --expect "$3" $5 "$2" >"$log" 2>&1
	st=$?
	if [ $st -ne 0 ]; then
		fail "blob/$1" "exit $st" "$log"
	else
		check_console "blob/$1" "$log" "$4" "$2/kernel.0.bin"
	fi
}

set_qemu() {
	for a in $arches; do
		grep -v "^#" "$SRCTREE/arch/$a/tests/qemu-cases.txt"
	done >"$WORK/qemu.table"
	while IFS="|" read -r name desc kernel opts expected; do
		name=$(echo $name)
		[ -n "$name" ] || continue
		desc=$(expand "$(echo $desc)")
		kernel=$(expand "$(echo $kernel)")
		out=$WORK/q-$name
		if ! (cd "$SRCTREE" && "$MKCP" -d "$desc" -k "$kernel" -o "$out") \
			>"$WORK/q-$name.log" 2>&1; then
			fail "qemu/$name/build" "" "$WORK/q-$name.log"
			continue
		fi
		boot_case "$name" "$out" "regcheck: PASS" "$(echo $expected)" "$opts"
	done <"$WORK/qemu.table"
	qemu_runner
}

# codepage-qemu as a harness: its exit status and its reasons
qemu_runner() {
	r=$WORK/runner
	mkdir -p "$r"
	arch_conf riscv64
	if ! "$MKCP" -d "$SRCTREE/arch/riscv64/samples/$sample_desc" \
		-k "$BUILD/samples/riscv64/$sample_kernel" -o "$r/out" >"$r/mk.log" 2>&1; then
		fail qemu-runner/build "" "$r/mk.log"
		return
	fi
	# the destination powers off: exit 0 every time, never a race with
	# QEMU's exit
	n=0
	for i in 1 2 3 4 5 6 7 8 9 10; do
		"$QEMU_RUN" --timeout 60 "$r/out" >"$r/off-$i.log" 2>&1 && n=$((n + 1))
	done
	[ $n -eq 10 ] && pass qemu-runner/poweroff-exit-status ||
		fail qemu-runner/poweroff-exit-status "$n of 10 runs exited 0"
	# QEMU ends long before the timeout without the text: said so, at once
	"$QEMU_RUN" --timeout 60 --expect 'no such text' "$r/out" >"$r/ended.log" 2>&1
	st=$?
	[ $st -eq 1 ] &&
		grep -q "QEMU ended (exit status 0) after [0-9]* s and 'no such text' never appeared" "$r/ended.log" &&
		pass qemu-runner/ended-before-text || fail qemu-runner/ended-before-text "exit $st" "$r/ended.log"
	# a codepage that stops (a corrupted segment) and no --expect: the
	# timeout is reported
	"$QEMU_RUN" --timeout 2 --mode list --corrupt 1:0x10 "$r/out" >"$r/stuck.log" 2>&1
	st=$?
	[ $st -eq 1 ] && grep -q 'the guest did not power off within 2 s' "$r/stuck.log" &&
		pass qemu-runner/timeout-reported || fail qemu-runner/timeout-reported "exit $st" "$r/stuck.log"
	# machine settings pass through (arm64 with a GICv3, as Xen wants);
	# one setting per option, no smuggled commas
	arch_conf arm64
	if "$MKCP" -d "$SRCTREE/arch/arm64/samples/$sample_desc" \
		-k "$BUILD/samples/arm64/$sample_kernel" -o "$r/a64" >"$r/a64.log" 2>&1 &&
		"$QEMU_RUN" -v --el 2 --machine-opt gic-version=3 --expect 'regcheck: PASS' \
			"$r/a64" >>"$r/a64.log" 2>&1 &&
		grep -q -- '-M virt,virtualization=on,gic-version=3 ' "$r/a64.log"; then
		pass qemu-runner/machine-opt
	else
		fail qemu-runner/machine-opt "" "$r/a64.log"
	fi
	"$QEMU_RUN" --machine-opt 'gic-version=3,smuggled=1' "$r/a64" >"$r/comma.log" 2>&1
	st=$?
	[ $st -eq 2 ] && grep -q '\[usage\]' "$r/comma.log" &&
		pass qemu-runner/machine-opt-one-setting || fail qemu-runner/machine-opt-one-setting "exit $st" "$r/comma.log"
}

# ---- blob: one file, loaded anywhere, entered at its first byte ------------
# Each arch's blob-cases.txt:
# mkcodepage --blob, then codepage-qemu --mode blob loads blob.bin where
# the row says, overlapping the destinations or not.
set_blob() {
	for a in $arches; do
		t=$SRCTREE/arch/$a/tests/blob-cases.txt
		[ ! -f "$t" ] || grep -v "^#" "$t"
	done >"$WORK/blob.table"
	while IFS="|" read -r name desc kernel opts expected; do
		name=$(echo $name)
		[ -n "$name" ] || continue
		desc=$(expand "$(echo $desc)")
		kernel=$(expand "$(echo $kernel)")
		out=$WORK/b-$name
		log=$WORK/b-$name.log
		if ! (cd "$SRCTREE" && "$MKCP" -d "$desc" -k "$kernel" -o "$out" \
			--blob) >"$log" 2>&1 || ! grep -q "^blob file=blob.bin" \
			"$out/segments.txt" ||
			! grep -q '"blob": { "file": "blob.bin"' "$out/segments.json"; then
			fail "blob/$name/build" "" "$log"
			continue
		fi
		blob_case "$name" "$out" "regcheck: PASS" "$(echo $expected)" "$opts"
	done <"$WORK/blob.table"
	# the same inputs, elsewhere, give the same blob
	for a in $arches; do
		[ -f "$SRCTREE/arch/$a/tests/blob-cases.txt" ] || continue
		arch_conf "$a"
		d=$WORK/blob-det-$a
		mkdir -p "$d/x/y" "$d/tmp"
		cp "$SRCTREE/arch/$a/samples/$sample_desc" "$d/x/y/"
		[ ! -f "$SRCTREE/arch/$a/samples/board.dts" ] ||
			cp "$SRCTREE/arch/$a/samples/board.dts" "$d/x/y/"
		if (cd "$SRCTREE" && "$MKCP" -d "arch/$a/samples/$sample_desc" \
			-k "$BUILD/samples/$a/$sample_kernel" -o "$d/one" --blob) \
			>"$d/log" 2>&1 &&
			(cd "$d/x/y" && TMPDIR=$d/tmp "$MKCP" -d "$sample_desc" \
			-k "$BUILD/samples/$a/$sample_kernel" -o "$d/two" --blob) \
			>>"$d/log" 2>&1 && cmp "$d/one/blob.bin" "$d/two/blob.bin" \
			>>"$d/log" 2>&1; then
			pass "blob/$a-reproducible"
		else
			fail "blob/$a-reproducible" "" "$d/log"
		fi
	done
}

# ---- uboot: a real destination nobody here wrote ------------------------------
# Each arch's U-Boot boots (uboot_<arch> in arch/<arch>/tests/sets.sh).
set_uboot() { :; }

# ---- handoff: Linux to Linux with the kexec_load system call alone -----------
# Each arch's real handoffs (handoff_<arch> in arch/<arch>/tests/sets.sh).
set_handoff() { :; }

# ---- kernels: Linux 6.1 from Debian's source, patched, hands off ---------
. "$SRCTREE/tests/kernels.sh"

# ---- package: the Debian package, built, checked, installed and used -----
. "$SRCTREE/tests/package.sh"

# ---- reserve, loader: memory the firmware keeps; refusals said first -------
. "$SRCTREE/tests/reserve.sh"

# ---- seeds: fresh at every load, the sums kept true -------------------------
. "$SRCTREE/tests/seeds.sh"

# ---- determinism: the same inputs give the same bytes anywhere ---------------
set_determinism() {
	for arch in $arches; do
		det_case "$arch"
	done
}

# det_case ARCH: its custom-preamble sample, built in two directories.
det_case() {
	a=$WORK/det-$1/one
	b=$WORK/det-$1/second/deeper
	mkdir -p "$a" "$b"
	cp -r "$SRCTREE/arch/$1/samples" "$a/s"
	cp -r "$SRCTREE/arch/$1/samples" "$b/s"
	cp "$BUILD/samples/$1/regcheck.elf" "$a/k.elf"
	cp "$BUILD/samples/$1/regcheck.elf" "$b/k.elf"
	(cd "$a" && TMPDIR=$a "$MKCP" -d s/custom-preamble.dts -k k.elf -o out) \
		>"$WORK/det.log" 2>&1
	(cd "$b" && "$MKCP" -d "$b/s/custom-preamble.dts" -k "$b/k.elf" \
		-o "$b/out") >>"$WORK/det.log" 2>&1
	if [ -d "$a/out" ] && diff -r "$a/out" "$b/out" >>"$WORK/det.log" 2>&1; then
		pass "determinism/$1-two-directories"
	else
		fail "determinism/$1-two-directories" "" "$WORK/det.log"
	fi
	"$MKCP" -d "$a/s/custom-preamble.dts" -k "$a/k.elf" -o "$a/out" \
		>>"$WORK/det.log" 2>&1
	if diff -r "$a/out" "$b/out" >/dev/null 2>&1; then
		pass "determinism/$1-rebuild-in-place"
	else
		fail "determinism/$1-rebuild-in-place" "" "$WORK/det.log"
	fi
}

# ---- fit: kernel, device tree and ramdisk from U-Boot FIT images ----------
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

# ---- depfile: a user's make rule sees every input ---------------------------
set_depfile() {
	d=$WORK/dep
	mkdir -p "$d"
	"$MKCP" -d "$SRCTREE/arch/ppc32-e500/samples/custom-preamble.dts" \
		-k "$SAMPLES/regcheck.elf" -o "$d/out" --depfile "$d/out.d" \
		>"$d/log" 2>&1
	for f in arch/ppc32-e500/samples/custom-preamble.dts arch/ppc32-e500/samples/board.dts \
		arch/ppc32-e500/samples/my-preamble.s arch/ppc32-e500/trampoline.s \
		templates/none.dts arch/ppc32-e500/codepage.ld ldscripts/codepage.ld regcheck.elf; do
		if ! grep -q "$f" "$d/out.d" 2>/dev/null; then
			fail "depfile/names-$(basename "$f")" "" "$d/out.d"
			continue
		fi
		pass "depfile/names-$(basename "$f")"
	done
	# --blob: blob.bin is a target, the mover and its layout are inputs
	if "$MKCP" -d "$SRCTREE/arch/arm64/samples/linux.dts" \
		-k "$BUILD/samples/arm64/Image" -o "$d/blob" --blob \
		--depfile "$d/blob.d" >"$d/blob.log" 2>&1 &&
		head -n 1 "$d/blob.d" | grep -q "/blob/blob.bin:" &&
		grep -q "arch/arm64/mover.s" "$d/blob.d" &&
		grep -q "arch/blob.inc" "$d/blob.d"; then
		pass depfile/blob-target-and-mover
	else
		fail depfile/blob-target-and-mover "" "$d/blob.d"
	fi
	# what a description /include/s is a dependency too
	sed 's|^\tmemory = .*|\t/include/ "memory.dtsi"|' \
		"$SRCTREE/arch/ppc32-e500/samples/epapr.dts" >"$d/inc.dts"
	printf '\tmemory = <0x0 0x0 0x0 0x20000000>;\n' >"$d/memory.dtsi"
	cp "$SRCTREE/arch/ppc32-e500/samples/board.dts" "$d/"
	if "$MKCP" -d "$d/inc.dts" -k "$SAMPLES/regcheck.elf" -o "$d/inc" \
		--depfile "$d/inc.d" >"$d/inc.log" 2>&1 && grep -q "memory.dtsi" "$d/inc.d"; then
		pass depfile/names-included-files
	else
		fail depfile/names-included-files "" "$d/inc.log"
	fi
	cat >"$d/Makefile" <<EOF
$d/out/segments.txt:
	touch \$@
include $d/out.d
EOF
	if make -s -q -f "$d/Makefile" "$d/out/segments.txt" 2>"$d/make.log"; then
		pass depfile/is-valid-make
	else
		# -q exits 1 when something is out of date; 2 means a syntax error
		[ $? -eq 1 ] && pass depfile/is-valid-make ||
			fail depfile/is-valid-make "" "$d/make.log"
	fi
	# names make reads specially: space, $, #, % and : in the directory
	# of every input and of OUTDIR; the depfile escapes them as gcc does
	odd="$d/a b\$c#d%e:f"
	mkdir -p "$odd"
	cp "$SRCTREE/arch/ppc32-e500/samples/epapr.dts" "$SRCTREE/arch/ppc32-e500/samples/board.dts" "$odd/"
	# no recipe in the depfile: a pattern rule gives one, so -q can say
	{ printf 'include %s\n' "$(printf '%s' "$d/odd.d" | sed 's/ /\\ /g')"
	  printf '%%/segments.txt: ; @:\n%%/codepage.bin: ; @:\n'; } >"$d/odd.mk"
	if "$MKCP" -d "$odd/epapr.dts" -k "$SAMPLES/regcheck.elf" -o "$odd/out" \
		--depfile "$d/odd.d" >"$d/odd.log" 2>&1 &&
		touch "$odd"/out/* &&
		make -s -q -f "$d/odd.mk" "$odd/out/segments.txt" 2>>"$d/odd.log" &&
		touch -d '+1 hour' "$odd/board.dts" &&
		! make -s -q -f "$d/odd.mk" "$odd/out/segments.txt" 2>>"$d/odd.log" &&
		rm "$odd/board.dts" &&
		! make -s -q -f "$d/odd.mk" "$odd/out/codepage.bin" 2>>"$d/odd.log" &&
		! grep -q 'No rule\|missing separator\|multiple target' "$d/odd.log"; then
		pass depfile/special-characters-escaped
	else
		fail depfile/special-characters-escaped "" "$d/odd.log"
	fi
	# a name make cannot read at all: refused before OUTDIR is written
	nl="$d/new
line"
	mkdir -p "$nl"
	cp "$SRCTREE/arch/ppc32-e500/samples/epapr.dts" "$SRCTREE/arch/ppc32-e500/samples/board.dts" "$nl/"
	"$MKCP" -d "$nl/epapr.dts" -k "$SAMPLES/regcheck.elf" -o "$d/nl-out" \
		--depfile "$d/nl.d" >"$d/nl.log" 2>&1
	st=$?
	if [ $st -eq 1 ] && grep -q '\[bad-name\]' "$d/nl.log" &&
		[ ! -e "$d/nl-out" ] && [ ! -e "$d/nl.d" ] && clean_log "$d/nl.log"; then
		pass depfile/newline-in-a-name-refused
	else
		fail depfile/newline-in-a-name-refused "exit $st" "$d/nl.log"
	fi
}

# ---- fragment: mkcodepage.mk in a firmware Makefile, driven by GNU make --
# frag_make NAME WANT ARGS...: make in the fragment's tree; WANT "built"
# (mkcodepage ran) or "idle" (it did not, and make -q agrees)
frag_make() {
	name=$1 want=$2
	shift 2
	if ! make -C "$f" "$@" >"$f/make.log" 2>&1; then
		fail "fragment/$name" "make failed" "$f/make.log"
		return
	fi
	ran=$(grep -c 'MKCP' "$f/make.log")
	case $want in
	built) [ "$ran" -ge 1 ] ;;
	idle) [ "$ran" -eq 0 ] && make -C "$f" -q "$@" >/dev/null 2>&1 ;;
	esac && pass "fragment/$name" ||
		fail "fragment/$name" "mkcodepage ran $ran times" "$f/make.log"
}

# frag_age: the tree's inputs two hours old, so that touching one makes
# it newer than the outputs (which stay newer than the arch's sources,
# checked out minutes ago in a fresh clone)
frag_age() {
	find "$f" -path "$f/out" -prune -o -type f \
		-exec touch -d '2 hours ago' {} +
}

set_fragment() {
	f=$WORK/frag
	mkdir -p "$f/bin" "$f/inc"
	cp "$SRCTREE/arch/ppc32-e500/samples/custom-preamble.dts" \
		"$SRCTREE/arch/ppc32-e500/samples/my-preamble.s" \
		"$SRCTREE/arch/ppc32-e500/samples/board.dts" "$f/"
	sed 's|^\tmemory = .*|\t/include/ "inc/memory.dtsi"|' \
		"$SRCTREE/arch/ppc32-e500/samples/epapr.dts" >"$f/epapr.dts"
	printf '\tmemory = <0x0 0x0 0x0 0x20000000>;\n' >"$f/inc/memory.dtsi"
	cp "$SAMPLES/regcheck.elf" "$f/kernel.elf"
	cp "$MKCP" "$f/bin/mkcodepage"
	echo "not an input" >"$f/README"
	{
		echo 'all: out/epapr/segments.txt out/custom/codepage.bin'
		echo "include $SRCTREE/tools/mkcodepage.mk"
		echo "MKCODEPAGE := $f/bin/mkcodepage"
		echo '$(eval $(call mkcodepage,out/epapr,epapr.dts,kernel.elf))'
		echo '$(eval $(call mkcodepage,out/custom,custom-preamble.dts,kernel.elf,--arch ppc32-e500))'
	} >"$f/Makefile"
	frag_make first-build built
	if [ -f "$f/out/epapr/segments.txt" ] && [ -f "$f/out/custom/codepage.bin" ] &&
		grep -q 'memory.dtsi' "$f/out/epapr.d"; then
		pass fragment/outputs-and-depfile
	else
		fail fragment/outputs-and-depfile "" "$f/make.log"
	fi
	frag_make no-op-rebuild idle
	for input in epapr.dts inc/memory.dtsi board.dts kernel.elf \
		my-preamble.s custom-preamble.dts bin/mkcodepage; do
		frag_age
		touch "$f/$input"
		n=$(echo "$input" | tr / -)
		frag_make "rebuilds-after-$n" built
		frag_make "then-idle-after-$n" idle
	done
	frag_age
	touch "$f/README"
	frag_make idle-after-an-unrelated-file idle
	rm -rf "$f/out"
	frag_make parallel-build built -j4
	frag_make parallel-no-op idle -j4
}

# ---- install: an installed tool finds its data where it was put -----------
set_install() {
	i=$WORK/inst
	# O= names a build tree that need not exist yet, as in Kbuild and dtc
	if make -s -C "$SRCTREE" -f "$SRCTREE/GNUmakefile" O="$WORK/o/not/yet" \
		>"$WORK/o.log" 2>&1 && [ -x "$WORK/o/not/yet/mkcodepage" ] &&
		[ -x "$WORK/o/not/yet/codepage-qemu" ]; then
		pass install/O-dir-created
	else
		fail install/O-dir-created "" "$WORK/o.log"
	fi
	rm -rf "$WORK/o"
	if ! make -s -C "$SRCTREE" -f "$SRCTREE/GNUmakefile" O="$OBJTREE" install \
		DESTDIR="$i" PREFIX=/opt/cp >"$WORK/inst.log" 2>&1; then
		fail install/make-install "" "$WORK/inst.log"
		return
	fi
	pass install/make-install
	if env -u MKCODEPAGE_DATADIR "$i/opt/cp/bin/mkcodepage" \
		-d "$SRCTREE/arch/ppc32-e500/samples/epapr.dts" -k "$SAMPLES/regcheck.elf" \
		-o "$i/out" -v >"$WORK/inst-run.log" 2>&1 &&
		grep -q "$i/opt/cp/share/mkcodepage/arch/ppc32-e500/trampoline.s" \
			"$WORK/inst-run.log"; then
		pass install/finds-its-data
	else
		fail install/finds-its-data "" "$WORK/inst-run.log"
	fi
	# the blob's mover and its layout (arch/blob.inc) are installed too
	if env -u MKCODEPAGE_DATADIR "$i/opt/cp/bin/mkcodepage" \
		-d "$SRCTREE/arch/arm64/samples/linux.dts" \
		-k "$BUILD/samples/arm64/Image" -o "$i/blob" --blob -v \
		>"$WORK/inst-blob.log" 2>&1 && [ -s "$i/blob/blob.bin" ] &&
		grep -q "$i/opt/cp/share/mkcodepage/arch/arm64/mover.s" \
			"$WORK/inst-blob.log"; then
		pass install/blob-from-installed-data
	else
		fail install/blob-from-installed-data "" "$WORK/inst-blob.log"
	fi
	if "$i/opt/cp/bin/codepage-qemu" --expect "regcheck: PASS" "$i/out" \
		>"$WORK/inst-qemu.log" 2>&1; then
		pass install/codepage-qemu-finds-its-stand-in
	else
		fail install/codepage-qemu-finds-its-stand-in "" "$WORK/inst-qemu.log"
	fi
	[ -f "$i/opt/cp/share/man/man1/mkcodepage.1" ] &&
		[ -f "$i/opt/cp/share/man/man5/mkcodepage-desc.5" ] &&
		[ -f "$i/opt/cp/share/mkcodepage/mkcodepage.mk" ] &&
		[ -f "$i/opt/cp/share/doc/mkcodepage/examples/arm64/linux.dts" ] &&
		pass install/man-pages-make-fragment-and-examples ||
		fail install/man-pages-make-fragment-and-examples
	# the target loaders: one static program per arch, of that arch
	for arch in $arches; do
		arch_conf "$arch"
		t=$target
		f=$i/opt/cp/lib/mkcodepage/$t/kexec-codepage
		if [ ! -x "$OBJTREE/kexec-codepage.$t" ]; then
			missing "install/kexec-codepage-$t" "not built: no $t cross compiler"
		elif "${binutils}readelf" -lh "$f" >"$WORK/inst-$t.log" 2>&1 &&
			grep -q 'Type: *EXEC' "$WORK/inst-$t.log" &&
			! grep -q 'INTERP' "$WORK/inst-$t.log"; then
			pass "install/kexec-codepage-$t"
		else
			fail "install/kexec-codepage-$t" "not a static executable" "$WORK/inst-$t.log"
		fi
	done
}

# ---- check: command-line behaviour ---------------------------------------------
set_check() {
	"$MKCP" --help >"$WORK/help.log" 2>&1 && grep -q 'Usage: mkcodepage' "$WORK/help.log" &&
		pass cli/help || fail cli/help "" "$WORK/help.log"
	"$MKCP" --version >"$WORK/ver.log" 2>&1 && grep -q '^mkcodepage ' "$WORK/ver.log" &&
		pass cli/version || fail cli/version "" "$WORK/ver.log"
	"$MKCP" --list >"$WORK/list.log" 2>&1 && grep -q '^  ppc32-e500' "$WORK/list.log" &&
		grep -q '^  linux-epapr  *ppc32-e500' "$WORK/list.log" &&
		pass cli/list || fail cli/list "" "$WORK/list.log"
	# no cross binutils in PATH (dtc only): the arch row's Debian package
	# is named, exit 2, nothing written
	mkdir -p "$WORK/dtc-only"
	ln -sf "$(command -v dtc)" "$WORK/dtc-only/dtc"
	PATH=$WORK/dtc-only "$MKCP" -d "$SRCTREE/arch/arm64/samples/linux.dts" \
		-k "$BUILD/samples/arm64/regcheck.elf" -o "$WORK/no-binutils" \
		>"$WORK/no-binutils.log" 2>&1
	st=$?
	[ $st -eq 2 ] && [ ! -e "$WORK/no-binutils" ] &&
		grep -q 'install the Debian package binutils-aarch64-linux-gnu .*\[missing-tool\]' \
			"$WORK/no-binutils.log" &&
		pass cli/missing-binutils-names-package ||
		fail cli/missing-binutils-names-package "exit $st" "$WORK/no-binutils.log"
	# plan.inc is the one statement of a plan's layout: a field moved
	# there without the emitter following (PLAN_ENTRY past the field
	# written after it) or a fixed part that outgrows PLAN_FIXED_SIZE is
	# refused by the assembler at build time, never found at a boot
	for arch in $arches; do
		arch_conf "$arch"
		d=$sample_desc k=$BUILD/samples/$arch/$sample_kernel
		for edit in 's/\(PLAN_ENTRY, *\)[0-9]*/\1 100/' \
			's/\(PLAN_FIXED_SIZE, *\)[0-9]*/\1 8/'; do
			case $edit in *ENTRY*) t=entry-moved ;; *) t=fixed-part-outgrown ;; esac
			dd=$WORK/drift-$arch-$t
			mkdir -p "$dd/arch"
			cp -r "$SRCTREE/ldscripts" "$SRCTREE/templates" "$dd/"
			cp -r "$SRCTREE/arch/$arch" "$dd/arch/"
			sed -i "$edit" "$dd/arch/$arch/plan.inc"
			MKCODEPAGE_DATADIR=$dd "$MKCP" -d "$SRCTREE/arch/$arch/samples/$d" -k "$k" \
				-o "$dd/out" >"$dd.log" 2>&1
			st=$?
			if [ $st -eq 1 ] && [ ! -e "$dd/out" ] &&
				grep -q 'plan.s:[0-9]*: Error: attempt to move .org backwards' "$dd.log"; then
				pass "cli/$arch-plan-$t"
			else
				fail "cli/$arch-plan-$t" "exit $st" "$dd.log"
			fi
		done
	done
	# diagnostic ids: one table (gen/diag-ids.def); each man page's "Ids:"
	# list names only ids of the table, and every id is in some list
	sed -n 's/^CP_DIAG_ID([a-z0-9_]*, "\([a-z0-9-]*\)")$/\1/p' \
		"$SRCTREE/gen/diag-ids.def" | sort -u >"$WORK/ids.table"
	for m in "$SRCTREE"/doc/*.1; do
		sed -n '/^Ids:/,/^\./p' "$m" | sed '/^\./d; s/^Ids://' | tr '\n' ' ' |
			sed 's/\\-/-/g; s/([^)]*)//g; s/ and /, /g' | tr ', .' '\n\n\n' |
			grep -v '^$'
	done | sort -u >"$WORK/ids.man"
	if [ -s "$WORK/ids.man" ] && comm -13 "$WORK/ids.table" "$WORK/ids.man" >"$WORK/ids.extra" &&
		[ ! -s "$WORK/ids.extra" ]; then
		pass cli/ids-in-man-pages-exist
	else
		fail cli/ids-in-man-pages-exist "not in gen/diag-ids.def" "$WORK/ids.extra"
	fi
	comm -23 "$WORK/ids.table" "$WORK/ids.man" >"$WORK/ids.missing"
	[ ! -s "$WORK/ids.missing" ] && pass cli/ids-documented ||
		fail cli/ids-documented "in no man page's Ids: list" "$WORK/ids.missing"
	"$MKCP" --bogus >"$WORK/bogus.log" 2>&1
	[ $? -eq 2 ] && pass cli/unknown-option || fail cli/unknown-option "" "$WORK/bogus.log"
	"$QEMU_RUN" --help >"$WORK/qh.log" 2>&1 && grep -q 'Usage: codepage-qemu' "$WORK/qh.log" &&
		pass cli/codepage-qemu-help || fail cli/codepage-qemu-help
	"$CHECKER" --help >"$WORK/ch.log" 2>&1 && grep -q 'Usage: codepage-check' "$WORK/ch.log" &&
		pass cli/codepage-check-help || fail cli/codepage-check-help
	# the outputs a user scripts against
	o=$WORK/fmt
	"$MKCP" -d "$SRCTREE/arch/ppc32-e500/samples/epapr.dts" -k "$SAMPLES/regcheck.elf" \
		-o "$o" >"$WORK/fmt.log" 2>&1
	if grep -qE '^entry 0x[0-9a-f]+$' "$o/segments.txt" &&
		grep -qE '^list-entry 0x[0-9a-f]+$' "$o/segments.txt" &&
		grep -qE '^segment 0 mem=0x[0-9a-f]+ memsz=0x[0-9a-f]+ file=codepage.bin bufsz=0x[0-9a-f]+$' "$o/segments.txt" &&
		[ "$(grep -c '^segment ' "$o/segments.txt")" -eq 3 ]; then
		pass output/segments-txt
	else
		fail output/segments-txt "" "$o/segments.txt"
	fi
	for f in codepage.elf codepage.bin kernel.0.bin fdt.bin segments.json map.txt; do
		[ -s "$o/$f" ] || { fail "output/$f"; continue; }
		pass "output/$f"
	done
	# the kernel copies the codepage into its one control page (4 KiB on
	# ppc32); keep well inside it (the arch's size target, arch.conf)
	arch_conf ppc32-e500
	size=$(wc -c <"$o/codepage.bin")
	[ "$size" -le "$bench_size_target" ] &&
		pass "output/codepage-at-most-$bench_size_target-bytes ($size)" ||
		fail "output/codepage-at-most-$bench_size_target-bytes" "$size bytes"
	# kexec-codepage on the host: checks only (--dry-run), never the call
	KX=$BUILD/san/kexec-codepage
	k=$WORK/kx
	mkdir -p "$k"
	printf '00000000-0fffffff : System RAM\n' >"$k/iomem-low"
	printf '00000000-ffffffff : System RAM\n  01000000-01ffffff : Kernel code\n' >"$k/iomem"
	if "$KX" -n --root "$SRCTREE/tests/loader/base" --iomem "$k/iomem" "$o" >"$k/ok.log" 2>&1 &&
		grep -q '^entry 0x' "$k/ok.log" && grep -q 'bytes from codepage.bin' "$k/ok.log"; then
		pass loader/dry-run
	else
		fail loader/dry-run "" "$k/ok.log"
	fi
	kx_bad() { # name id exit OUTDIR [options]
		n=$1 id=$2 want=$3 d=$4
		shift 4
		"$KX" -n --root "$SRCTREE/tests/loader/base" "$@" "$d" >"$k/$n.log" 2>&1
		st=$?
		if [ $st -eq "$want" ] && grep -q "\[$id\]" "$k/$n.log" &&
			clean_log "$k/$n.log"; then
			pass "loader/$n"
		else
			fail "loader/$n" "exit $st, wanted $want [$id]" "$k/$n.log"
		fi
	}
	kx_bad outside-ram outside-memory 1 "$o" --iomem "$k/iomem-low"
	cp -r "$o" "$k/short" && printf x >>"$k/short/fdt.bin"
	kx_bad bufsz-mismatch bad-segments 1 "$k/short" --iomem "$k/iomem"
	cp -r "$o" "$k/gone" && rm "$k/gone/fdt.bin"
	kx_bad missing-file missing-file 1 "$k/gone" --iomem "$k/iomem"
	cp -r "$o" "$k/lap" && sed -i 's/^segment 2 mem=0x[0-9a-f]*/segment 2 mem=0x0/' "$k/lap/segments.txt"
	kx_bad overlap segment-overlap 1 "$k/lap" --iomem "$k/iomem"
	cp -r "$o" "$k/odd" && sed -i 's/^segment 2 mem=0x\([0-9a-f]*\)000 /segment 2 mem=0x\1010 /' "$k/odd/segments.txt"
	kx_bad unaligned segment-align 1 "$k/odd" --iomem "$k/iomem"
	kx_bad no-outdir missing-file 1 "$k/nothing"
	# a bad line after good ones: reported, and nothing parsed leaks
	cp -r "$o" "$k/line" && echo 'segment x' >>"$k/line/segments.txt"
	kx_bad bad-line bad-segments 1 "$k/line" --iomem "$k/iomem"
	# codepage-qemu reads the same OUTDIR, and segments.json too
	qr_bad() { # name OUTDIR
		"$QEMU_RUN" --timeout 5 "$2" >"$k/$1.log" 2>&1
		st=$?
		if [ $st -eq 2 ] && grep -q '\[bad-segments\]' "$k/$1.log" &&
			clean_log "$k/$1.log"; then
			pass "outdir/$1"
		else
			fail "outdir/$1" "exit $st, wanted 2 [bad-segments]" "$k/$1.log"
		fi
	}
	qr_bad qemu-bad-line "$k/line"
	cp -r "$o" "$k/nosize" && sed -i 's/, "size": "0x[0-9a-f]*" }/ }/' "$k/nosize/segments.json"
	qr_bad qemu-memory-without-size "$k/nosize"
	cp -r "$o" "$k/open" && sed -i 's/^  \],$/  ,/' "$k/open/segments.json"
	qr_bad qemu-memory-unclosed "$k/open"
	cp -r "$o" "$k/word" && sed -i 's/"base": "0x[0-9a-f]*"/"base": "zero"/' "$k/word/segments.json"
	qr_bad qemu-memory-not-a-number "$k/word"
	# --list: the list entry, inside a codepage the kernel's control page holds
	if "$KX" -n --root "$SRCTREE/tests/loader/base" -l --iomem "$k/iomem" "$o" >"$k/list.log" 2>&1 &&
		grep -q '^list-entry 0x' "$k/list.log"; then
		pass loader/list-dry-run
	else
		fail loader/list-dry-run "" "$k/list.log"
	fi
	cp -r "$o" "$k/far" && sed -i 's/^list-entry .*/list-entry 0x10/' "$k/far/segments.txt"
	kx_bad list-entry-outside-codepage bad-segments 1 "$k/far" -l --iomem "$k/iomem"
	cp -r "$o" "$k/entry" && sed -i 's/^entry .*/entry 0x10/' "$k/entry/segments.txt"
	kx_bad entry-outside-codepage bad-segments 1 "$k/entry" --iomem "$k/iomem"
	# kexec-codepage.ppc32 runs on e500v2 (no FPU) as on e500mc: none of
	# its own code may use floating point (what the C library might use,
	# the kernel emulates: CONFIG_MATH_EMULATION)
	if ! command -v powerpc-linux-gnu-gcc >/dev/null; then
		missing loader/ppc32-no-floating-point "no powerpc-linux-gnu-gcc"
	else
		nfp=0
		for s in $KEXEC_TARGET_SRCS; do
			powerpc-linux-gnu-gcc -std=c11 -D_POSIX_C_SOURCE=200809L -O2 \
				-I"$SRCTREE/gen" -c -o "$k/fp.o" "$SRCTREE/$s" &&
				powerpc-linux-gnu-objdump -d "$k/fp.o" >"$k/fp.dis" ||
				nfp=$((nfp + 1000))
			n=$(grep -cE '	(l|st)f[sd]u?x?	|	f[a-z]+\.?	|	mffs|	mtfs' "$k/fp.dis")
			nfp=$((nfp + n))
		done
		[ "$nfp" -eq 0 ] && pass loader/ppc32-no-floating-point ||
			fail loader/ppc32-no-floating-point "$nfp floating-point instructions"
	fi
	# the bench's SHA-256 yardstick is SHA-256 (lengths around the padding
	# boundaries, and more than a page)
	mkdir -p "$WORK/sha"
	ok=1
	for n in 0 3 55 56 63 64 119 4096 100000; do
		head -c "$n" /dev/urandom >"$WORK/sha/$n"
		a=$("$BUILD/tests/sha256-kat" "$SRCTREE/tools/bench/sha256-data.inc" \
			"$WORK/sha/$n" 2>>"$WORK/sha/log")
		b=$(sha256sum "$WORK/sha/$n")
		[ "$a" = "$b" ] || { ok=; echo "$n: $a / $b" >>"$WORK/sha/log"; }
	done
	[ -n "$ok" ] && clean_log "$WORK/sha/log" && pass bench/sha256-yardstick-known-answers ||
		fail bench/sha256-yardstick-known-answers "" "$WORK/sha/log"
	# the position-independence proof always links at two addresses
	sed -e 's|^\tsegments {|\tcodepage { load = <0x0 0x10000>; };\n\tsegments {|' \
		-e "s|\"tree.dts\"|\"$SRCTREE/tests/bad/tree.dts\"|" \
		"$SRCTREE/tests/bad/good.dts" >"$WORK/at10000.dts"
	n=$("$MKCP" -v -d "$WORK/at10000.dts" -k "$SAMPLES/regcheck-high.elf" \
		-o "$WORK/at10000" 2>&1 | sed -n 's/.*__codepage_base=\(0x[0-9a-f]*\).*/\1/p' |
		sort -u | wc -l)
	[ "$n" -ge 2 ] && pass output/two-link-addresses ||
		fail output/two-link-addresses "$n distinct link addresses"
	# a compressed Image, as distributions and Linux's arch/arm64/boot
	# make them (vmlinuz, Image.gz, .xz, .zst, .lz4 in both lz4 formats,
	# with and without the unpacked size appended), unpacked to its bytes
	for f in gz xz zst lz4 lz4l xz+size zst+size lz4l+size; do
		packed "$f" "$BUILD/samples/arm64/Image" "$WORK/Image.$f"
		if "$MKCP" -d "$SRCTREE/arch/arm64/samples/linux.dts" -k "$WORK/Image.$f" \
			-o "$WORK/packed-$f" >"$WORK/packed-$f.log" 2>&1 &&
			cmp -s "$WORK/packed-$f/kernel.0.bin" "$BUILD/samples/arm64/Image"; then
			pass "input/compressed-image-$f"
		else
			fail "input/compressed-image-$f" "" "$WORK/packed-$f.log"
		fi
	done
	# a description compiled to .dtb beforehand gives the same codepage
	mkdir -p "$WORK/dtb"
	cp "$SRCTREE/arch/ppc32-e500/samples/"*.dts "$WORK/dtb/"
	if dtc -q -I dts -O dtb -o "$WORK/dtb/epapr.dtb" "$WORK/dtb/epapr.dts" &&
		"$MKCP" -d "$WORK/dtb/epapr.dtb" -k "$SAMPLES/regcheck.elf" \
			-o "$WORK/dtb/out" >"$WORK/dtb.log" 2>&1 &&
		cmp -s "$WORK/dtb/out/codepage.bin" "$o/codepage.bin" &&
		cmp -s "$WORK/dtb/out/segments.txt" "$o/segments.txt"; then
		pass input/description-as-dtb
	else
		fail input/description-as-dtb "" "$WORK/dtb.log"
	fi
	# the kernel may be named by the description instead of -k
	mkdir -p "$WORK/kd"
	cp "$SAMPLES/regcheck.elf" "$WORK/kd/k.elf"
	cp "$SRCTREE/arch/ppc32-e500/samples/board.dts" "$WORK/kd/"
	sed 's|^\t\tfdt {|\tkernel { file = "k.elf"; };\n\tsegments {\n\t\tfdt {|; s|^\tsegments {$||' \
		"$SRCTREE/arch/ppc32-e500/samples/epapr.dts" >"$WORK/kd/d.dts"
	if "$MKCP" -d "$WORK/kd/d.dts" -o "$WORK/kd/out" >"$WORK/kd.log" 2>&1 &&
		cmp -s "$WORK/kd/out/kernel.0.bin" "$o/kernel.0.bin"; then
		pass input/kernel-named-by-description
	else
		fail input/kernel-named-by-description "" "$WORK/kd.log"
	fi
	# device-tree fixups land in the fdt segment
	mkdir -p "$WORK/fx"
	cp "$SRCTREE/arch/arm64/samples/board.dts" "$WORK/fx/"
	head -c 3000 /dev/urandom >"$WORK/fx/rootfs.cpio.gz"
	sed -e 's|load = <0x0 0x48000000>;|load = <0x0 0x48000000>; bootargs = "console=ttyAMA0 rdinit=/init"; initrd = "initrd"; memory-node;|' \
		-e 's|^\t};$|\t\tinitrd { file = "rootfs.cpio.gz"; load = <0x0 0x48100000>; };\n\t};|' \
		"$SRCTREE/arch/arm64/samples/linux.dts" >"$WORK/fx/d.dts"
	if "$MKCP" -d "$WORK/fx/d.dts" -k "$BUILD/samples/arm64/Image" \
		-o "$WORK/fx/out" >"$WORK/fx.log" 2>&1 &&
		dtc -I dtb -O dts "$WORK/fx/out/fdt.bin" >"$WORK/fx/out.dts" 2>>"$WORK/fx.log" &&
		grep -q 'bootargs = "console=ttyAMA0 rdinit=/init"' "$WORK/fx/out.dts" &&
		grep -q 'linux,initrd-start = <0x00 0x48100000>' "$WORK/fx/out.dts" &&
		grep -q 'linux,initrd-end = <0x00 0x48100bb8>' "$WORK/fx/out.dts" &&
		grep -q 'reg = <0x00 0x40100000 0x00 0x1ff00000>' "$WORK/fx/out.dts"; then
		pass output/fdt-fixups
	else
		fail output/fdt-fixups "" "$WORK/fx.log"
	fi
	# rewriting drops segment files the previous run listed
	"$MKCP" -d "$SRCTREE/arch/ppc32-e500/samples/bdinfo.dts" -k "$SAMPLES/regcheck.elf" \
		-o "$o" >>"$WORK/fmt.log" 2>&1
	[ ! -e "$o/fdt.bin" ] && [ -e "$o/bdinfo.bin" ] &&
		pass output/stale-files-removed || fail output/stale-files-removed "" "$WORK/fmt.log"
}

# ---- verify: a segment that differs from the plan never reaches the jump ----
# For each arch and both entries, with the codepage's trail on the machine's
# UART (debug-uart): intact, the trail reads entered, (arm64 entered with
# its MMU off:) caches on, segments checked, jumping, and regcheck passes
# as without it; a byte of the kernel or of the fdt segment's zero tail
# flipped after loading (placed) or in its source page (list) by
# codepage-qemu --corrupt, the trail names the segment and the destination
# never runs. With codepage { no-verify; } the same corruption boots (the
# control).
verify_case() { # name OUTDIR want options...: want = entered or stopped
	n=$1 d=$2 want=$3
	shift 3
	if [ "$want" = entered ]; then
		set -- --expect 'regcheck: PASS' "$@"
	else
		set -- --expect 'differs (or never came): stopped' "$@"
	fi
	"$QEMU_RUN" --timeout 30 "$@" "$d" >"$WORK/verify/$n.log" 2>&1
	st=$?
	if ! clean_log "$WORK/verify/$n.log"; then
		fail "verify/$n" "sanitizer" "$WORK/verify/$n.log"
	elif [ $st -eq 0 ] && { [ "$want" = entered ] ||
		! grep -q '^regcheck: ' "$WORK/verify/$n.log"; }; then
		pass "verify/$n"
	else
		fail "verify/$n" "exit $st, wanted the destination $want" \
			"$WORK/verify/$n.log"
	fi
}

# trail_case NAME OUTDIR TRAIL OPTIONS...: intact, with the trail (lines
# after "mkcodepage: ", ';'-separated) exactly as given
trail_case() {
	n=$1 d=$2 trail=$3
	shift 3
	verify_case "$n" "$d" entered "$@"
	tr -d '\r' <"$WORK/verify/$n.log" | sed -n 's/^mkcodepage: //p' |
		tr '\n' ';' >"$WORK/verify/$n.trail"
	if [ "$(cat "$WORK/verify/$n.trail")" = "$trail;" ]; then
		pass "verify/$n-trail"
	else
		fail "verify/$n-trail" "the trail reads '$(cat "$WORK/verify/$n.trail")', not '$trail;'" \
			"$WORK/verify/$n.log"
	fi
}

# verify_row ARCH ROW: one row of arch/ARCH/tests/verify-cases.txt
verify_row() {
	ifs=$IFS IFS="|"
	# shellcheck disable=SC2086
	set -- $2
	IFS=$ifs
	a=$1 desc=$2 kernel=$3 opts=${4:-} uart=$5 addr=${6:-}
	trail=${7:-entered;segments checked;jumping}
	v=$WORK/verify/$a
	mkdir -p "$v"
	s=$SRCTREE/arch/$arch/samples
	cp "$s/$desc" "$v/"
	[ ! -f "$s/board.dts" ] || cp "$s/board.dts" "$v/"
	line="\tdebug-uart { type = \"$uart\";${addr:+ address = <$addr>;} };"
	# before the root node closes: any description has that line
	sed "s|^};|$line\n};|" "$v/$desc" >"$v/trail.dts"
	sed 's|^};|\tcodepage { no-verify; };\n};|' "$v/trail.dts" >"$v/no-verify.dts"
	if ! "$MKCP" -d "$v/trail.dts" -k "$kernel" -o "$v/out" >"$v/mk.log" 2>&1 ||
		! "$MKCP" -d "$v/no-verify.dts" -k "$kernel" -o "$v/nv" \
			>>"$v/mk.log" 2>&1; then
		fail "verify/$a-build" "" "$v/mk.log"
		return
	fi
	for mode in placed list; do
		trail_case "$a-$mode-intact" "$v/out" "$trail" --mode $mode $opts
		verify_case "$a-$mode-kernel-byte" "$v/out" stopped \
			--mode $mode --corrupt 1:0x10 $opts
		verify_case "$a-$mode-zero-tail-byte" "$v/out" stopped \
			--mode $mode --corrupt 2:0x800 $opts
		verify_case "$a-$mode-unchecked-boots" "$v/nv" entered \
			--mode $mode --corrupt 2:0x800 $opts
	done
}

# verify_bad_plan ARCH: its first verify case with the plan's first byte
# (its magic; cp_plan in codepage.elf, the arch's readelf) flipped in
# codepage.bin is never followed: the codepage stops before its trail, the
# destination never runs
verify_bad_plan() {
	row=$(grep -v '^#' "$SRCTREE/arch/$1/tests/verify-cases.txt" | sed -n 1p)
	a=${row%%|*}
	opts=$(echo "$row" | cut -d'|' -f4)
	arch_conf "$1"
	b=$WORK/verify/$a-bad-plan
	rm -rf "$b"
	cp -r "$WORK/verify/$a/out" "$b"
	at=$("${binutils}readelf" -sW "$b/codepage.elf" | awk '
		$8 == "cp_plan" { plan = $2 } $8 == "__codepage_start" { start = $2 }
		END { if (plan != "" && start != "") print plan " " start }')
	if [ -z "$at" ]; then
		fail "verify/$a-bad-plan" "no cp_plan in codepage.elf" ""
		return
	fi
	at=$(( 0x${at% *} - 0x${at#* } ))
	printf 'X' | dd of="$b/codepage.bin" bs=1 seek="$at" conv=notrunc 2>/dev/null
	# shellcheck disable=SC2086
	"$QEMU_RUN" --timeout 5 --expect 'regcheck:' $opts "$b" \
		>"$WORK/verify/$a-bad-plan.log" 2>&1
	st=$?
	if [ $st -eq 1 ] && ! grep -q '^mkcodepage: \|^regcheck: ' "$WORK/verify/$a-bad-plan.log"; then
		pass "verify/$a-bad-plan"
	else
		fail "verify/$a-bad-plan" "exit $st, wanted a stop before the trail" \
			"$WORK/verify/$a-bad-plan.log"
	fi
}

set_verify() {
	mkdir -p "$WORK/verify"
	for arch in $arches; do
		grep -v '^#' "$SRCTREE/arch/$arch/tests/verify-cases.txt" \
			>"$WORK/verify/$arch.table"
		while IFS= read -r row; do
			[ -n "$row" ] && verify_row "$arch" "$(expand "$row")"
		done <"$WORK/verify/$arch.table"
		verify_bad_plan "$arch"
	done
}

# ---- fuzz: the seeds and every past finding through the libFuzzer harnesses -
set_fuzz() {
	for h in $FUZZ_HARNESSES; do
		bin=$BUILD/fuzz/fuzz-$h
		if [ ! -x "$bin" ]; then
			missing "fuzz/replay-$h" "no $bin (clang with libFuzzer?)"
			continue
		fi
		find "$BUILD/fuzz/seeds/$h" "$SRCTREE/tests/fuzz/findings/$h" \
			-type f >"$WORK/fuzz-$h.list" 2>/dev/null
		n=$(wc -l <"$WORK/fuzz-$h.list")
		# shellcheck disable=SC2046
		"$bin" $(cat "$WORK/fuzz-$h.list") >"$WORK/fuzz-$h.log" 2>&1
		st=$?
		ran=$(grep -c '^Executed ' "$WORK/fuzz-$h.log")
		if [ $st -eq 0 ] && [ "$ran" -eq "$n" ] && [ "$n" -gt 0 ]; then
			pass "fuzz/replay-$h ($n inputs)"
		else
			fail "fuzz/replay-$h" "exit $st, $ran of $n inputs ran" "$WORK/fuzz-$h.log"
		fi
	done
}

sets=${*:-unit check bad reserve loader seeds fit reloc fuzz determinism depfile fragment install package qemu blob verify uboot handoff kernels}
# Each arch's own tests (arch/<arch>/tests/sets.sh): SET_<arch> runs at
# the end of set SET ("-" in the arch's name as "_").
for a in $arches; do
	[ ! -f "$SRCTREE/arch/$a/tests/sets.sh" ] || . "$SRCTREE/arch/$a/tests/sets.sh"
done
# (the sets share one shell: these loops' names are none of theirs)
for run_set in $sets; do
	echo "== $run_set"
	"set_$run_set"
	for run_arch in $arches; do
		run_hook=${run_set}_$(echo "$run_arch" | tr - _)
		if command -v "$run_hook" >/dev/null 2>&1; then
			"$run_hook"
		fi
	done
done
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
