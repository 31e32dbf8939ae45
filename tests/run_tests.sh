#!/bin/sh
# SPDX-License-Identifier: MIT
#
# run_tests.sh - every test of mkcodepage, in sets (dtc's run_tests.sh is the
# model, kselftest's runner the isolation): each set file runs in a process
# of its own, so no variable, option or IFS of one reaches another.
#
# Usage: run_tests.sh [-e] [-v] [-t SET]... [SET...]
#   -t SET  run SET (repeatable; SET... after the options does the same);
#           default: every set, in the order of tests/sets.txt
#   -e      stop at the first failure
#   -v      a failure shows its whole log; each set says its file and time
# Run by `make check`, which builds what the sets need and sets SRCTREE,
# OBJTREE, BUILD, FUZZ_HARNESSES and KEXEC_TARGET_SRCS (tests/build.mk).
#
# The registry: tests/sets.txt names the sets and their files; an arch adds
# files to sets in arch/ARCH/tests/sets.txt (paths from that folder), run
# after the set's own in the order of arch/list. A set file sources
# tests/lib/verdicts.sh and says PASS:, FAIL: or SKIP: a line per test.
# Ends with one line "N passed, N failed, N skipped"; exit 0 when none failed.
set -u

: "${SRCTREE:?run through make check}" "${OBJTREE:?}" "${BUILD:?}" \
	"${FUZZ_HARNESSES:?}" "${KEXEC_TARGET_SRCS:?}"
export SRCTREE OBJTREE BUILD FUZZ_HARNESSES KEXEC_TARGET_SRCS

usage() {
	sed -n 's/^# \{0,1\}//; 8,12p' "$0" >&2
	exit 2
}

stop='' verbose='' sets=''
while getopts evt: opt; do
	case $opt in
	e) stop=1 ;;
	v) verbose=1 ;;
	t) sets="$sets $OPTARG" ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
sets="$sets $*"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/mkcodepage-tests.XXXXXX")
# KEEP_WORK=1 keeps it (its path is printed last) to read every log
ahead=
trap '[ -z "$ahead" ] || kill -- "-$ahead" 2>/dev/null
	if [ -n "${KEEP_WORK:-}" ]; then echo "work kept in $WORK"; else rm -rf "$WORK"; fi' EXIT
trap 'exit 130' INT TERM
tally=$WORK/tally
: >"$tally"

# The registry: a "SET|FILE" row a set file, FILE from the source tree;
# the sets' own rows first, then each arch's in arch/list's order.
src=$SRCTREE
# shellcheck source=tools/arches.sh
. "$SRCTREE/tools/arches.sh"
# shellcheck source=tests/lib/table.sh
. "$SRCTREE/tests/lib/table.sh"
registry=$WORK/registry
{
	table "$SRCTREE/tests/sets.txt"
	for a in $arches; do
		table "$SRCTREE/arch/$a/tests/sets.txt" | sed "s#|#|arch/$a/tests/#"
	done
} >"$registry"
known=$(table "$SRCTREE/tests/sets.txt" | cut -d'|' -f1 | tr '\n' ' ')
[ -n "${sets# }" ] || sets=$known
for set in $sets $(cut -d'|' -f1 "$registry"); do
	case " $known " in
	*" $set "*) ;;
	*) echo "run_tests.sh: no set '$set' (tests/sets.txt has: $known)" >&2
		exit 2 ;;
	esac
done

# Set kernels' builds take minutes on every core: they start now, in the
# background at the lowest priority (tests/lib/kernels-ahead.sh), and
# stop with the run.
case " $sets " in
*" kernels "*)
	setsid sh "$SRCTREE/tests/lib/kernels-ahead.sh" \
		>"$WORK/kernels-ahead.log" 2>&1 </dev/null &
	ahead=$!
	;;
esac

# run_set_file SET FILE N: one set file, in its own process and directory
run_set_file() {
	start=$(date +%s)
	[ -z "$verbose" ] || echo "-- $2"
	WORK=$WORK/$1.$3 TEST_TALLY=$tally TEST_STOP=$stop TEST_VERBOSE=$verbose \
		sh -c '. "$1"; exit 0' "$1" "$SRCTREE/$2"
	st=$?
	# 3: -e's stop at a failure already counted; else a set that stopped
	# without its verdicts (set -u, a crash) is a failure of its own
	if [ $st -ne 0 ] && ! { [ -n "$stop" ] && [ $st -eq 3 ]; }; then
		echo "FAIL: $1 ($2 stopped with status $st)"
		echo F >>"$tally"
	fi
	[ -z "$verbose" ] || echo "-- $2: $(($(date +%s) - start)) s"
}

for set in $sets; do
	echo "== $set"
	n=0
	sed -n "s/^$set|//p" "$registry" >"$WORK/files"
	while read -r file; do
		n=$((n + 1))
		[ "$file" = - ] || run_set_file "$set" "$file" "$n" </dev/null
		if [ -n "$stop" ] && grep -qx F "$tally"; then break 2; fi
	done <"$WORK/files"
done
echo "$(grep -cx P "$tally") passed, $(grep -cx F "$tally") failed," \
	"$(grep -cx S "$tally") skipped"
! grep -qx F "$tally"
