# SPDX-License-Identifier: MIT
# shellcheck shell=sh
#
# reloc.sh - set "reloc": the relocation check, in mkcodepage and in
# codepage-check.
# shellcheck source=tests/lib/verdicts.sh
. "$SRCTREE/tests/lib/verdicts.sh"

R=$WORK/reloc

# The fixtures of tests/bad/, and its PowerPC objects assembled.
reloc_fixtures() {
	mkdir -p "$R"
	cp "$SRCTREE"/tests/bad/*.s "$SRCTREE"/tests/bad/good.dts \
		"$SRCTREE"/tests/bad/tree.dts \
		"$SRCTREE"/tests/bad/pcrel-preamble.dts \
		"$SRCTREE"/tests/bad/entsize0.dts \
		"$SRCTREE"/tests/bad/absolute-preamble-arm64.dts "$R/"
	as="powerpc-linux-gnu-as -a32 -mbig -mregnames -I $SRCTREE/arch/ppc32-e500"
	$as -o "$R/absolute.o" "$R/absolute.s"
	$as -o "$R/relative.o" "$R/relative.s"
}

# elf32_poke FILE OFFSET: four zero bytes at OFFSET of a 32-bit ELF FILE,
# OFFSET counted from its section headers (readelf -h)
elf32_poke() {
	shoff=$(powerpc-linux-gnu-readelf -h "$1" |
		sed -n 's/.*Start of section headers: *\([0-9]*\).*/\1/p')
	printf '\000\000\000\000' |
		dd of="$1" bs=1 seek=$((shoff + $2)) conv=notrunc 2>/dev/null
}

# A preamble object whose .symtab says sh_entsize 0 (the fuzzer's
# division by zero): read all the same, no sanitizer report.
reloc_entsize0() {
	cp "$R/relative.o" "$R/entsize0.o"
	idx=$(powerpc-linux-gnu-readelf -S -W "$R/entsize0.o" |
		sed -n 's/^ *\[ *\([0-9]*\)\] \.symtab .*/\1/p')
	elf32_poke "$R/entsize0.o" $((idx * 40 + 36))
	"$MKCP" -d "$R/entsize0.dts" -k "$SAMPLES/regcheck.elf" \
		-o "$R/entsize0" >"$R/entsize0.log" 2>&1
	st=$?
	if [ $st -le 1 ] && clean_log "$R/entsize0.log" &&
		powerpc-linux-gnu-readelf -S -W "$R/entsize0.o" 2>&1 |
		grep -q 'invalid sh_entsize of 0'; then
		pass reloc/preamble-symtab-entsize-0
	else
		fail reloc/preamble-symtab-entsize-0 "exit $st" "$R/entsize0.log"
	fi
}

# codepage-check on PowerPC objects: each absolute relocation named, a
# position-independent object taken.
reloc_checker_ppc() {
	"$CHECKER" "$R/absolute.o" >"$R/abs.log" 2>&1
	st=$?
	n=$(grep -c '\[abs-reloc\]' "$R/abs.log")
	if [ $st -eq 1 ] && [ "$n" -eq 4 ] && matches "$R/abs.log" \
		"R_PPC_ADDR16_HA against 'here+0x0'" 'R_PPC_ADDR16_LO' \
		'R_PPC_ADDR24' 'table+0x0: .*R_PPC_ADDR32 .* in .data'; then
		pass reloc/checker-rejects-absolute
	else
		fail reloc/checker-rejects-absolute "exit $st, $n reports" "$R/abs.log"
	fi
	prints reloc/checker-accepts-pcrel 'all position-independent' \
		"$CHECKER" "$R/relative.o"
}

# What mkcodepage links is proven again by codepage-check, and keeps its
# relocations for it.
reloc_linked() {
	if "$MKCP" -d "$R/pcrel-preamble.dts" -k "$SAMPLES/regcheck.elf" \
		-o "$R/out" >"$R/mk.log" 2>&1 &&
		"$CHECKER" -q "$R/out/codepage.elf" >>"$R/mk.log" 2>&1; then
		pass reloc/pcrel-preamble-linked-and-rechecked
	else
		fail reloc/pcrel-preamble-linked-and-rechecked "" "$R/mk.log"
	fi
	if "$MKCP" -d "$SRCTREE/arch/ppc32-e500/samples/epapr.dts" -k "$SAMPLES/regcheck.elf" \
		-o "$R/std" >"$R/std.log" 2>&1 &&
		"$CHECKER" "$R/std/codepage.elf" >>"$R/std.log" 2>&1 &&
		powerpc-linux-gnu-readelf -r "$R/std/codepage.elf" |
		grep -q R_PPC_REL16_HA; then
		pass reloc/codepage-elf-keeps-relocations
	else
		fail reloc/codepage-elf-keeps-relocations "" "$R/std.log"
	fi
}

# The other backends' tables: absolute objects for arm64 and riscv64
# refused, each arch's sample codepage proven, an absolute arm64 preamble
# refused with nothing written.
reloc_other_backends() {
	aarch64-linux-gnu-as -o "$R/abs-a64.o" "$SRCTREE/tests/bad/absolute-arm64.s"
	riscv64-linux-gnu-as -march=rv64imac -mno-relax -o "$R/abs-rv.o" \
		"$SRCTREE/tests/bad/absolute-riscv64.s"
	for o in abs-a64 abs-rv; do
		"$CHECKER" "$R/$o.o" >"$R/$o.log" 2>&1
		st=$?
		n=$(grep -c '\[abs-reloc\]' "$R/$o.log")
		verdict "reloc/checker-rejects-$o" "exit $st, $n reports" "$R/$o.log" \
			test "$st:$n" = 1:3
	done
	for arch in $arches; do
		arch_conf "$arch"
		if "$MKCP" -d "$SRCTREE/arch/$arch/samples/$sample_desc" \
			-k "$BUILD/samples/$arch/$sample_kernel" \
			-o "$R/$arch" >"$R/$arch.log" 2>&1 &&
			"$CHECKER" "$R/$arch/codepage.elf" >>"$R/$arch.log" 2>&1; then
			pass "reloc/$arch-codepage-proven"
		else
			fail "reloc/$arch-codepage-proven" "" "$R/$arch.log"
		fi
	done
	"$MKCP" -d "$R/absolute-preamble-arm64.dts" -k "$BUILD/samples/arm64/Image" \
		-o "$R/abs-a64-out" >"$R/abs-a64-mk.log" 2>&1
	st=$?
	if [ $st -eq 1 ] && [ ! -e "$R/abs-a64-out" ] &&
		grep -q 'R_AARCH64_MOVW_UABS_G1.*\[abs-reloc\]' "$R/abs-a64-mk.log"; then
		pass reloc/arm64-absolute-preamble-refused
	else
		fail reloc/arm64-absolute-preamble-refused "exit $st" "$R/abs-a64-mk.log"
	fi
}

# An executable without relocations proves nothing; nor does one whose
# relocation sections are all empty (it passed when sections, not
# entries, counted); nor an object of an arch no row has (64-bit
# PowerPC).
reloc_unproven() {
	says reloc/executable-without-relocs-unproven 1 no-relocs \
		"$CHECKER" "$SAMPLES/regcheck.elf"
	powerpc-linux-gnu-ld --emit-relocs -Ttext=0x10000 -e 0 \
		-o "$R/empty-rela.elf" "$R/absolute.o" 2>/dev/null
	idx=
	for idx in $(powerpc-linux-gnu-readelf -S -W "$R/empty-rela.elf" |
		sed -n 's/^ *\[ *\([0-9]*\)\] [^ ]* *RELA .*/\1/p'); do
		elf32_poke "$R/empty-rela.elf" $((idx * 40 + 20))
	done
	if [ -n "$idx" ]; then
		says reloc/executable-with-empty-relocs-unproven 1 no-relocs \
			"$CHECKER" "$R/empty-rela.elf"
	else
		fail reloc/executable-with-empty-relocs-unproven "no RELA section"
	fi
	printf '\tnop\n' | powerpc-linux-gnu-as -a64 -o "$R/ppc64.o" -
	says reloc/other-arch-refused 2 unsupported-arch "$CHECKER" "$R/ppc64.o"
}

reloc_fixtures
reloc_entsize0
reloc_checker_ppc
reloc_linked
reloc_other_backends
reloc_unproven
