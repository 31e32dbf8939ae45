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
# KEEP_WORK=1 keeps it (its path is printed last) to read every log
trap 'if [ -n "${KEEP_WORK:-}" ]; then echo "work kept in $WORK"; else rm -rf "$WORK"; fi' EXIT INT TERM
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
. "$SRCTREE/tests/fit.sh"

# ---- depfile, fragment, install: mkcodepage in a user's build ------------
. "$SRCTREE/tests/userbuild.sh"

# ---- check: command-line behaviour -----------------------------------------
. "$SRCTREE/tests/cli.sh"

# ---- verify: a segment that differs from the plan never reaches the jump ----
. "$SRCTREE/tests/verify.sh"

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
