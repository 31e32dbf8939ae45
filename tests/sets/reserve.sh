# SPDX-License-Identifier: MIT
# shellcheck shell=sh
#
# reserve.sh - set "reserve", memory the firmware keeps: mkcodepage refuses
# a layout over it and places around it (arch/<arch>/tests/reserve-cases.txt,
# descriptions in arch/<arch>/tests/reserve/).
# shellcheck source=tests/lib/verdicts.sh
. "$SRCTREE/tests/lib/verdicts.sh"
# shellcheck source=tests/lib/files.sh
. "$SRCTREE/tests/lib/files.sh"

# Every region but memory that fdt-regions finds in TREE is in OUTDIR's
# fdt.bin: the fixups keep the board's reservations.
keeps_tree() { # tree outdir
	dtc -q -I dts -O dtb -o "$WORK/keeps.dtb" "$1" &&
		"$BUILD/tests/fdt-regions" "$WORK/keeps.dtb" | grep -v '^memory ' |
		sort >"$WORK/keeps.want" &&
		"$BUILD/tests/fdt-regions" "$2/fdt.bin" | sort >"$WORK/keeps.got" &&
		[ -z "$(comm -23 "$WORK/keeps.want" "$WORK/keeps.got")" ]
}

# The fixed-up tree has every region (fdt-regions' lines) of the fixture:
# what mkcodepage added for the destination.
tells_tree() { # regions outdir
	"$BUILD/tests/fdt-regions" "$2/fdt.bin" | sort >"$WORK/tells.got" &&
		grep -v "^#" "$1" | sort | comm -23 - "$WORK/tells.got" >"$WORK/tells.missing" &&
		[ ! -s "$WORK/tells.missing" ]
}

reserve_case() { # arch name desc kernel options verdict texts
	dir=$SRCTREE/arch/$1/tests
	out=$WORK/r-$2 log=$WORK/r-$2.log
	# shellcheck disable=SC2086
	"$MKCP" -d "$dir/$3" -k "$(special_file "$4")" -o "$out" $5 >"$log" 2>&1
	st=$?
	if [ "$6" = ok ]; then
		if [ $st -ne 0 ]; then
			fail "reserve/$2" "exit $st, wanted 0" "$log"
		elif ! all_in "$out/map.txt" "$7"; then
			fail "reserve/$2" "map.txt lacks '$missing_text'" "$out/map.txt"
		elif [ -f "$out/fdt.bin" ] && [ -f "$dir/reserve/board.dts" ] &&
			! keeps_tree "$dir/reserve/board.dts" "$out"; then
			fail "reserve/$2" "fdt.bin lost a reservation of the board's tree" "$WORK/keeps.want"
		elif [ -f "$dir/reserve/$2.regions" ] &&
			! tells_tree "$dir/reserve/$2.regions" "$out"; then
			fail "reserve/$2" "fdt.bin lacks regions of $2.regions" "$WORK/tells.missing"
		else
			clean "reserve/$2" "$log"
		fi
	elif [ $st -ne 1 ] || ! grep -q "\[$6\]" "$log"; then
		fail "reserve/$2" "exit $st, wanted 1 [$6]" "$log"
	elif [ -e "$out" ]; then
		fail "reserve/$2" "left an OUTDIR" "$log"
	elif ! all_in "$log" "$7"; then
		fail "reserve/$2" "no '$missing_text'" "$log"
	else
		clean "reserve/$2" "$log"
	fi
}

set_reserve() {
	for a in $arches; do
		table "$SRCTREE/arch/$a/tests/reserve-cases.txt" >"$WORK/reserve-$a.table"
		while IFS='|' read -r name desc kernel opts verdict texts; do
			reserve_case "$a" "$name" "$desc" "$kernel" "$opts" "$verdict" "$texts"
		done <"$WORK/reserve-$a.table"
	done
}

set_reserve
