# SPDX-License-Identifier: MIT
# shellcheck shell=sh
#
# verdicts.sh - what every set sources first: the programs under test, the
# verdicts (dtc's vocabulary: a test is one line that names it and says
# what must hold) and the one reader of the tests' tables. A set is its own
# process (tests/run_tests.sh starts it), so nothing here outlives it.
#
# From the driver: SRCTREE OBJTREE BUILD FUZZ_HARNESSES KEXEC_TARGET_SRCS,
#   WORK         this set's own scratch directory
#   TEST_TALLY   where each verdict adds a line (P, F or S) for the count
#   TEST_STOP    set: the first failure ends the set (run_tests.sh -e)
#   TEST_VERBOSE set: a failure shows its whole log, not its first and last 20 lines
set -u

src=$SRCTREE
# shellcheck source=tools/arches.sh
. "$SRCTREE/tools/arches.sh"
# shellcheck source=tests/lib/table.sh
. "$SRCTREE/tests/lib/table.sh"
MKCP=$BUILD/san/mkcodepage
CHECKER=$BUILD/san/codepage-check
QEMU_RUN=$BUILD/san/codepage-qemu
SAMPLES=$BUILD/samples/ppc32-e500
FNVSUM=$BUILD/tests/fnvsum
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:exitcode=99"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:exitcode=98"

# ---- the three outcomes ---------------------------------------------------
pass() { echo P >>"$TEST_TALLY"; echo "PASS: $1"; }
# fail NAME [WHY [LOG]]: LOG's first and last 20 lines follow (all with
# -v): where a run began and where it stopped, a boot's hang in its tail
fail() {
	echo F >>"$TEST_TALLY"
	echo "FAIL: $1${2:+ ($2)}"
	if [ -n "${3:-}" ] && [ -f "$3" ]; then
		if [ -n "${TEST_VERBOSE:-}" ]; then
			sed 's/^/    | /' "$3"
		else
			awk 'NR <= 20 { print "    | " $0; next }
				{ t[NR % 20] = $0 }
				END { if (NR > 40) print "    | [...]"
					for (i = (NR > 40 ? NR - 19 : 21); i <= NR; i++)
						print "    | " t[i % 20] }' "$3"
		fi
	fi
	if [ -n "${TEST_STOP:-}" ]; then exit 3; fi
	return 0
}
skip() { echo S >>"$TEST_TALLY"; echo "SKIP: $1 ($2)"; }
# Something a set needs is missing: a failure in CI, where nothing may be
# skipped, a skip with its reason elsewhere.
missing() {
	if [ -n "${CI:-}" ]; then fail "$1" "$2"; else skip "$1" "$2"; fi
}

# verdict NAME WHY LOG CONDITION...: NAME passes when CONDITION (one
# command) succeeds, else fails with WHY, showing LOG: the one-line form of
# a test whose commands have run.
verdict() {
	v_name=$1 v_why=$2 v_log=$3
	shift 3
	if "$@"; then pass "$v_name"; else fail "$v_name" "$v_why" "$v_log"; fi
}

# A sanitizer report anywhere in a log is a failure of its own.
clean_log() { ! grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error:' "$1"; }

# A log file for NAME in $WORK (its slashes as dashes).
log_of() { echo "$WORK/$(echo "$1" | tr '/ ' '--').log"; }

# ---- verdicts that run what they judge --------------------------------------
# ends NAME STATUS PATTERN COMMAND...: COMMAND exits STATUS, prints a
# line matching PATTERN (grep's basic expression; "" for none) and no
# sanitizer report.
ends() {
	e_name=$1 e_want=$2 e_pattern=$3 e_log=$(log_of "$1")
	shift 3
	"$@" >"$e_log" 2>&1
	e_st=$?
	if [ $e_st -ne "$e_want" ]; then
		fail "$e_name" "exit $e_st, wanted $e_want" "$e_log"
	elif [ -n "$e_pattern" ] && ! grep -q -- "$e_pattern" "$e_log"; then
		fail "$e_name" "no '$e_pattern'" "$e_log"
	elif ! clean_log "$e_log"; then
		fail "$e_name" sanitizer "$e_log"
	else
		pass "$e_name"
	fi
}

# ok NAME COMMAND...: COMMAND exits 0 with no sanitizer report.
ok() {
	ok_name=$1
	shift
	ends "$ok_name" 0 "" "$@"
}

# prints NAME PATTERN COMMAND...: COMMAND exits 0 and prints PATTERN.
prints() {
	pr_name=$1 pr_pattern=$2
	shift 2
	ends "$pr_name" 0 "$pr_pattern" "$@"
}

# says NAME STATUS ID COMMAND...: COMMAND exits STATUS and says [ID] (a
# diagnostic id of gen/diag-ids.def).
says() {
	says_name=$1 says_want=$2 says_id=$3
	shift 3
	ends "$says_name" "$says_want" "\\[$says_id\\]" "$@"
}

# clean NAME LOG: the last word on NAME, whose other checks held: LOG has
# no sanitizer report.
clean() {
	if clean_log "$2"; then pass "$1"; else fail "$1" sanitizer "$2"; fi
}

# greps NAME PATTERN FILE: FILE has a line matching PATTERN (grep's basic
# expression, as every pattern here).
greps() {
	if grep -q -- "$2" "$3"; then pass "$1"; else fail "$1" "no '$2'" "$3"; fi
}

# same NAME A B: A and B are the same bytes.
same() {
	if cmp "$2" "$3" >"$(log_of "$1")" 2>&1; then
		pass "$1"
	else
		fail "$1" "" "$(log_of "$1")"
	fi
}

# ---- fixtures -----------------------------------------------------------------
# edited NAME SRC OUT SED-ARGUMENTS...: OUT is SRC edited by sed; an edit
# that changes nothing (a pattern that stopped matching) fails NAME and
# returns 1, so a test never runs on a fixture it did not mean.
edited() {
	ed_name=$1 ed_src=$2 ed_out=$3
	shift 3
	sed "$@" "$ed_src" >"$ed_out" || { fail "$ed_name" "sed failed"; return 1; }
	if cmp -s "$ed_src" "$ed_out"; then
		fail "$ed_name" "the fixture edit ($*) changed nothing in $ed_src"
		return 1
	fi
}

# matches FILE PATTERN...: every PATTERN (grep's basic expression) matches
# a line of FILE.
matches() {
	m_file=$1
	shift
	for m_pattern; do
		grep -q -- "$m_pattern" "$m_file" || return 1
	done
}

# all_in FILE TEXTS: every ';'-separated text of TEXTS is in FILE; else
# missing_text is the first one that is not, and it returns 1.
all_in() {
	all_ifs=$IFS IFS=';'
	for text in $2; do
		IFS=$all_ifs
		if [ -n "$text" ] && ! grep -qF -- "$text" "$1"; then
			missing_text=$text
			return 1
		fi
	done
	IFS=$all_ifs
}

# bytes_of_hex HEX: the bytes a string of hex digits spells, in order
bytes_of_hex() {
	fmt=
	for byte in $(echo "$1" | sed 's/../& /g'); do
		fmt=$fmt\\$(printf '%03o' "0x$byte")
	done
	# shellcheck disable=SC2059
	printf "$fmt"
}

mkdir -p "$WORK"
