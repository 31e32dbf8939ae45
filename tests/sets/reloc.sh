# SPDX-License-Identifier: MIT
# shellcheck shell=sh
#
# reloc.sh - set "reloc": the relocation check, in mkcodepage and in
# codepage-check.
# shellcheck source=tests/lib/verdicts.sh
. "$SRCTREE/tests/lib/verdicts.sh"

set_reloc() {
	mkdir -p "$WORK/reloc"
	cp "$SRCTREE"/tests/bad/*.s "$SRCTREE"/tests/bad/good.dts \
		"$SRCTREE"/tests/bad/tree.dts \
		"$SRCTREE"/tests/bad/pcrel-preamble.dts \
		"$SRCTREE"/tests/bad/entsize0.dts \
		"$SRCTREE"/tests/bad/absolute-preamble-arm64.dts "$WORK/reloc/"
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
		if "$MKCP" -d "$SRCTREE/arch/$arch/samples/$sample_desc" \
			-k "$BUILD/samples/$arch/$sample_kernel" \
			-o "$WORK/reloc/$arch" >"$WORK/reloc/$arch.log" 2>&1 &&
			"$CHECKER" "$WORK/reloc/$arch/codepage.elf" >>"$WORK/reloc/$arch.log" 2>&1; then
			pass "reloc/$arch-codepage-proven"
		else
			fail "reloc/$arch-codepage-proven" "" "$WORK/reloc/$arch.log"
		fi
	done
	"$MKCP" -d "$WORK/reloc/absolute-preamble-arm64.dts" -k "$BUILD/samples/arm64/Image" \
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
set_reloc
