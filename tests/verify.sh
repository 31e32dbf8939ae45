# SPDX-License-Identifier: MIT
# verify.sh - the "verify" set of run_tests.sh (sourced by it): a segment
# that differs from the plan never reaches the jump.

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
