# SPDX-License-Identifier: MIT
# shellcheck shell=sh
#
# bad.sh - set "bad": every bad input of the tables (tests/bad-inputs.txt and
# each arch's arch/ARCH/tests/bad-inputs.txt) is refused with its
# diagnostic id and exit status, nothing left in OUTDIR.
# shellcheck source=tests/lib/verdicts.sh
. "$SRCTREE/tests/lib/verdicts.sh"
# shellcheck source=tests/lib/files.sh
. "$SRCTREE/tests/lib/files.sh"

# left_behind PREFIX: some file's name starts with PREFIX (a temporary
# OUTDIR mkcodepage should have removed)
left_behind() {
	for f in "$1"*; do
		[ ! -e "$f" ] || return 0
	done
	return 1
}

set_bad() {
	cp -r "$SRCTREE/tests/bad" "$WORK/bad"
	for a in $arches; do
		if [ -d "$SRCTREE/arch/$a/tests/bad" ]; then
			cp "$SRCTREE/arch/$a/tests/bad/"* "$WORK/bad/"
		fi
	done
	powerpc-linux-gnu-as -a32 -mbig -mregnames -o "$WORK/bad/absolute.o" \
		"$WORK/bad/absolute.s"
	{
		table "$SRCTREE/tests/bad-inputs.txt"
		arch_tables bad-inputs.txt
	} >"$WORK/bad.table"
	while IFS='|' read -r name id want desc kernel opts; do
		out=$WORK/out-$name
		d=$(special_file "$desc")
		k=$(special_file "$kernel")
		set -- -d "$d" -k "$k" -o "$out"
		case $opts in
		@no-output) set -- -d "$d" -k "$k" ;;
		?*) set -- "$@" "$opts" ;;
		esac
		"$MKCP" "$@" >"$WORK/$name.log" 2>&1
		st=$?
		if [ $st -ne "$want" ]; then
			fail "bad/$name" "exit $st, wanted $want" "$WORK/$name.log"
		elif ! grep -q "\[$id\]" "$WORK/$name.log"; then
			fail "bad/$name" "no [$id]" "$WORK/$name.log"
		elif [ -e "$out" ] || left_behind "$WORK/.out-$name.tmp"; then
			fail "bad/$name" "left something in OUTDIR" "$WORK/$name.log"
		elif ! clean_log "$WORK/$name.log"; then
			fail "bad/$name" "sanitizer" "$WORK/$name.log"
		else
			pass "bad/$name"
		fi
	done <"$WORK/bad.table"
}
set_bad
