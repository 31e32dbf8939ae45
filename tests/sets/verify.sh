# SPDX-License-Identifier: MIT
# shellcheck shell=sh
#
# verify.sh - set "verify": a segment that differs from the plan never
# reaches the jump. For each arch and both entries, with the codepage's
# trail on the machine's UART (debug-uart): intact, the trail reads entered,
# (arm64 entered with its MMU off:) caches on, segments checked, jumping,
# and regcheck passes as without it; a byte of the kernel or of the fdt
# segment's zero tail flipped after loading (placed) or in its source page
# (list) by codepage-qemu --corrupt, the trail names the segment and the
# destination never runs. With codepage { no-verify; } the same corruption
# boots (the control).
# shellcheck source=tests/lib/verdicts.sh
. "$SRCTREE/tests/lib/verdicts.sh"
# shellcheck source=tests/lib/boot.sh
. "$SRCTREE/tests/lib/boot.sh"

# verify_row ARCH NAME DESC KERNEL OPTIONS UART ADDRESS [TRAIL]: one row of
# arch/ARCH/tests/verify-cases.txt (OPTIONS: words, split on purpose)
# shellcheck disable=SC2086
verify_row() {
	a=$2 desc=$3 kernel=$4 opts=$5 uart=$6 addr=$7
	trail=${8:-entered;segments checked;jumping}
	v=$WORK/verify/$a
	mkdir -p "$v"
	s=$SRCTREE/arch/$1/samples
	cp "$s/$desc" "$v/"
	[ ! -f "$s/board.dts" ] || cp "$s/board.dts" "$v/"
	line="\tdebug-uart { type = \"$uart\";${addr:+ address = <$addr>;} };"
	# before the root node closes: any description has that line
	edited "verify/$a-build" "$v/$desc" "$v/trail.dts" "s|^};|$line\n};|" &&
		edited "verify/$a-build" "$v/trail.dts" "$v/no-verify.dts" \
			's|^};|\tcodepage { no-verify; };\n};|' || return
	if ! "$MKCP" -d "$v/trail.dts" -k "$kernel" -o "$v/out" >"$v/mk.log" 2>&1 ||
		! "$MKCP" -d "$v/no-verify.dts" -k "$kernel" -o "$v/nv" \
			>>"$v/mk.log" 2>&1; then
		fail "verify/$a-build" "" "$v/mk.log"
		return
	fi
	for mode in placed list; do
		trail_case "$a-$mode-intact" "$v/out" "$trail" --mode "$mode" $opts
		verify_case "$a-$mode-kernel-byte" "$v/out" stopped \
			--mode "$mode" --corrupt 1:0x10 $opts
		verify_case "$a-$mode-zero-tail-byte" "$v/out" stopped \
			--mode "$mode" --corrupt 2:0x800 $opts
		verify_case "$a-$mode-unchecked-boots" "$v/nv" entered \
			--mode "$mode" --corrupt 2:0x800 $opts
	done
}

# verify_bad_plan ARCH: its first verify case with the plan's first byte
# (its magic; cp_plan in codepage.elf, the arch's readelf) flipped in
# codepage.bin is never followed: the codepage stops before its trail, the
# destination never runs
verify_bad_plan() {
	row=$(table "$SRCTREE/arch/$1/tests/verify-cases.txt" | sed -n 1p)
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
		table "$SRCTREE/arch/$arch/tests/verify-cases.txt" \
			>"$WORK/verify/$arch.table"
		while IFS='|' read -r a desc kernel opts uart addr trail; do
			verify_row "$arch" "$a" "$desc" "$(expand "$kernel")" "$opts" \
				"$uart" "$addr" "$trail"
		done <"$WORK/verify/$arch.table"
		verify_bad_plan "$arch"
	done
}

set_verify
