# SPDX-License-Identifier: MIT
# shellcheck shell=sh
#
# fuzz.sh - set "fuzz": the seeds and every past finding through the
# libFuzzer harnesses.
# shellcheck source=tests/lib/verdicts.sh
. "$SRCTREE/tests/lib/verdicts.sh"

set_fuzz() {
	for h in $FUZZ_HARNESSES; do
		bin=$BUILD/fuzz/fuzz-$h
		if [ ! -x "$bin" ]; then
			missing "fuzz/replay-$h" "no $bin (clang with libFuzzer?)"
			continue
		fi
		find "$BUILD/fuzz/seeds/$h" "$SRCTREE/tests/fuzz/findings/$h" \
			-type f >"$WORK/fuzz-$h.list" 2>/dev/null
		n=$(wc -l <"$WORK/fuzz-$h.list")
		# shellcheck disable=SC2046
		"$bin" $(cat "$WORK/fuzz-$h.list") >"$WORK/fuzz-$h.log" 2>&1
		st=$?
		ran=$(grep -c '^Executed ' "$WORK/fuzz-$h.log")
		if [ $st -eq 0 ] && [ "$ran" -eq "$n" ] && [ "$n" -gt 0 ]; then
			pass "fuzz/replay-$h ($n inputs)"
		else
			fail "fuzz/replay-$h" "exit $st, $ran of $n inputs ran" "$WORK/fuzz-$h.log"
		fi
	done
}
set_fuzz
