# SPDX-License-Identifier: MIT
# reserve.sh - memory the firmware keeps, sourced by tests/run_tests.sh:
#   reserve  mkcodepage refuses a layout over it and places around it
#            (arch/<arch>/tests/reserve-cases.txt, descriptions in
#            arch/<arch>/tests/reserve/)
#   loader   kexec-codepage says what the running kernel would refuse, and
#            what it keeps, before a load (tests/loader-cases.txt, the
#            running systems in tests/loader/)

# ---- reserve ----------------------------------------------------------------

# A table cell without the blanks around it (inner ones kept).
trimmed() {
	echo "$1" | sed 's/^ *//; s/ *$//'
}

# The texts (';'-separated) all in FILE; else the first missing one, 1.
all_in() { # file texts
	ifs=$IFS IFS=';'
	for text in $2; do
		IFS=$ifs
		[ -z "$text" ] || grep -qF -- "$text" "$1" || {
			missing_text=$text
			return 1
		}
	done
	IFS=$ifs
}

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
			clean_log "$log" && pass "reserve/$2" || fail "reserve/$2" sanitizer "$log"
		fi
	elif [ $st -ne 1 ] || ! grep -q "\[$6\]" "$log"; then
		fail "reserve/$2" "exit $st, wanted 1 [$6]" "$log"
	elif [ -e "$out" ]; then
		fail "reserve/$2" "left an OUTDIR" "$log"
	elif ! all_in "$log" "$7"; then
		fail "reserve/$2" "no '$missing_text'" "$log"
	else
		clean_log "$log" && pass "reserve/$2" || fail "reserve/$2" sanitizer "$log"
	fi
}

set_reserve() {
	for a in $arches; do
		t=$SRCTREE/arch/$a/tests/reserve-cases.txt
		[ -f "$t" ] || continue
		grep -v '^#' "$t" >"$WORK/reserve-$a.table"
		while IFS='|' read -r name desc kernel opts verdict texts; do
			name=$(echo $name)
			[ -n "$name" ] || continue
			reserve_case "$a" "$name" "$(echo $desc)" "$(echo $kernel)" \
				"$(echo $opts)" "$(echo $verdict)" "$(trimmed "$texts")"
		done <"$WORK/reserve-$a.table"
	done
}

# ---- loader -----------------------------------------------------------------

# A running system made of tests/loader/ directories laid over each other.
loader_root() { # name dirs...
	root=$WORK/root-$1
	shift
	rm -rf "$root"
	mkdir -p "$root"
	for d in "$@"; do
		cp -r "$SRCTREE/tests/loader/$d/." "$root/"
	done
	if [ -f "$root/sys/firmware/fdt.dts" ]; then
		dtc -q -I dts -O dtb -o "$root/sys/firmware/fdt" "$root/sys/firmware/fdt.dts"
	fi
	echo "$root"
}

# The OUTDIR of an arch's sample (ARCH), or of ARCH:FILE, a description of
# tests/loader/ built with the arch's sample kernel and mkcodepage's
# options; built once.
loader_outdir() { # spec
	set -- $1
	out=$WORK/lo-$(echo "$*" | tr ' ./:' '____')
	if [ ! -d "$out" ]; then
		arch_conf "${1%%:*}"
		case $1 in
		*:*) desc=$SRCTREE/tests/loader/${1#*:} ;;
		*) desc=$SRCTREE/arch/$1/samples/$sample_desc ;;
		esac
		kernel=$BUILD/samples/${1%%:*}/$sample_kernel
		shift
		"$MKCP" -d "$desc" -k "$kernel" -o "$out" "$@" >"$out.log" 2>&1 ||
			return 1
	fi
	echo "$out"
}

loader_case() { # name root outdir options exit id texts
	log=$WORK/lc-$1.log
	# shellcheck disable=SC2086
	root=$(loader_root "$1" $2)
	if ! out=$(loader_outdir "$3"); then
		fail "loader/$1" "mkcodepage could not build $3" "$WORK/lo-$(echo "$3" | tr ' ./:' '____').log"
		return
	fi
	# shellcheck disable=SC2086
	"$BUILD/san/kexec-codepage" --dry-run --root "$root" $4 "$out" >"$log" 2>&1
	st=$?
	if [ $st -ne "$5" ]; then
		fail "loader/$1" "exit $st, wanted $5" "$log"
	elif [ "$6" = - ] && grep -q '\[[a-z-]*\]$' "$log"; then
		fail "loader/$1" "a diagnostic where none was due" "$log"
	elif [ "$6" != - ] && ! grep -q "\[$6\]" "$log"; then
		fail "loader/$1" "no [$6]" "$log"
	elif ! all_in "$log" "$7"; then
		fail "loader/$1" "no '$missing_text'" "$log"
	else
		clean_log "$log" && pass "loader/$1" || fail "loader/$1" sanitizer "$log"
	fi
}

set_loader() {
	grep -v '^#' "$SRCTREE/tests/loader-cases.txt" >"$WORK/loader.table"
	while IFS='|' read -r name root outdir opts want id texts; do
		name=$(echo $name)
		[ -n "$name" ] || continue
		loader_case "$name" "$(echo $root)" "$(echo $outdir)" \
			"$(echo $opts)" "$(echo $want)" "$(echo $id)" \
			"$(trimmed "$texts")"
	done <"$WORK/loader.table"
}
