# SPDX-License-Identifier: MIT
# shellcheck shell=sh
#
# check.sh - x86_64's part of set "check" (arch/x86_64/tests/sets.txt).
# shellcheck source=tests/lib/verdicts.sh
. "$SRCTREE/tests/lib/verdicts.sh"

# check: boot information the protocol does not pass on is warned of, and
# the codepage is still built
check_x86_64() {
	log=$WORK/x86-cmdline-none.log
	if ! "$MKCP" -d "$SRCTREE/arch/x86_64/tests/bad/x86-cmdline-none.dts" \
		-k "$BUILD/samples/x86_64/regcheck.elf" -o "$WORK/out-cmdline-none" \
		>"$log" 2>&1; then
		fail cli/x86-cmdline-under-none "" "$log"
	elif ! grep -q 'passes no command line.*\[unused-property\]' "$log"; then
		fail cli/x86-cmdline-under-none "no [unused-property]" "$log"
	else
		pass cli/x86-cmdline-under-none
	fi
}

check_x86_64
