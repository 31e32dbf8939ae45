# SPDX-License-Identifier: MIT
# shellcheck shell=sh
#
# unit.sh - set "unit": the host library's unit tests (tests/unit-*.c), under
# AddressSanitizer and UBSan.
# shellcheck source=tests/lib/verdicts.sh
. "$SRCTREE/tests/lib/verdicts.sh"

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
set_unit
