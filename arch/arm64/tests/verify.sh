# SPDX-License-Identifier: MIT
# shellcheck shell=sh
#
# verify.sh - arm64's part of set "verify" (arch/arm64/tests/sets.txt).
# shellcheck source=tests/lib/verdicts.sh
. "$SRCTREE/tests/lib/verdicts.sh"
# shellcheck source=tests/lib/boot.sh
. "$SRCTREE/tests/lib/boot.sh"

# verify: the list and its pages in a hole of memory, where a kernel may
# put them: the codepage cannot map them, copies with its MMU off (no
# "caches on") and still checks every segment
verify_arm64() {
	v=$WORK/verify/arm64-hole
	mkdir -p "$v"
	cp "$SRCTREE/arch/arm64/samples/board.dts" "$v/"
	cp "$SRCTREE/arch/arm64/tests/memory-hole-trail.dts" "$v/hole.dts"
	if "$MKCP" -d "$v/hole.dts" -k "$BUILD/samples/arm64/Image" -o "$v/out" \
		>"$v/mk.log" 2>&1; then
		trail_case arm64-list-outside-intact "$v/out" \
			"entered;segments checked;jumping" \
			--mode list --el=2 --list-outside
		verify_case arm64-list-outside-kernel-byte "$v/out" stopped \
			--mode list --el=2 --list-outside --corrupt 1:0x10
	else
		fail verify/arm64-hole-build "" "$v/mk.log"
	fi
}

verify_arm64
