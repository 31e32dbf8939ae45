# SPDX-License-Identifier: MIT
# shellcheck shell=sh
#
# verify.sh - arm's part of set "verify" (arch/arm/tests/sets.txt).
# shellcheck source=tests/lib/verdicts.sh
. "$SRCTREE/tests/lib/verdicts.sh"
# shellcheck source=tests/lib/boot.sh
. "$SRCTREE/tests/lib/boot.sh"

# verify: the list and its pages in a hole of memory, where a kernel may
# put them: the codepage's map reaches them uncached, copies through it
# all the same, and still checks every segment; in SVC (short
# descriptors) and HYP (long ones)
verify_arm() {
	v=$WORK/verify/arm-hole
	mkdir -p "$v"
	cp "$SRCTREE/arch/arm/samples/board.dts" "$v/"
	cp "$SRCTREE/arch/arm/tests/memory-hole.dts" "$v/hole.dts"
	if ! "$MKCP" -d "$v/hole.dts" -k "$BUILD/samples/arm/zImage" -o "$v/out" \
		>"$v/mk.log" 2>&1; then
		fail verify/arm-hole-build "" "$v/mk.log"
		return
	fi
	for mode in svc hyp; do
		trail_case "arm-list-outside-$mode-intact" "$v/out" \
			"entered;caches on;segments checked;jumping" \
			--mode list --cpu-mode=$mode --list-outside
		verify_case "arm-list-outside-$mode-kernel-byte" "$v/out" stopped \
			--mode list --cpu-mode=$mode --list-outside --corrupt 1:0x6010
	done
}

verify_arm
