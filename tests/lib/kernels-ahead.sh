# SPDX-License-Identifier: MIT
# shellcheck shell=sh
#
# kernels-ahead.sh - set kernels' builds, started with the run
# (tests/run_tests.sh) and left to the background: each arch's Linux
# (tools/build-linux.sh; --stock where its kernel-cases.txt has stock
# cases, which builds the patched one on the way), one after the other, at
# the lowest priority, so they take the cores the sets before kernels
# leave idle (most boot one single-threaded QEMU). The set finds them in
# the cache, or waits through the build's lock for the one under way.
#
# Lowest is the idle scheduling and I/O classes where the system lets a
# process take them, nice 19 besides: at nice 19 alone, the builds'
# compilers and file writes slowed the sets beside them by almost a third
# (measured: sets bad, check and install 63 s alone, 82 s beside a build
# at nice 19, 66 s beside one in the idle classes), and the sets' time is
# the run's critical path: what the builds take from it they give back at
# half the rate, on two cores afterwards.
src=$SRCTREE	# (tools/arches.sh reads arch/list from it)
# shellcheck source=tools/arches.sh
. "$SRCTREE/tools/arches.sh"
# shellcheck source=tests/lib/table.sh
. "$SRCTREE/tests/lib/table.sh"
lowest="nice -n 19"
! chrt --idle 0 true 2>/dev/null || lowest="chrt --idle 0 $lowest"
! ionice -c 3 true 2>/dev/null || lowest="ionice -c 3 $lowest"
for arch in ${KERNEL_ARCHES:-$arches}; do
	kernel_karch=
	arch_conf "$arch"
	[ -n "$kernel_karch" ] || continue
	opt=
	table "$SRCTREE/arch/$arch/tests/kernel-cases.txt" |
		grep -q "^[^|]*|$arch|stock|" && opt=--stock
	# shellcheck disable=SC2086 # lowest: words; opt: none or one word
	$lowest sh "$SRCTREE/tools/build-linux.sh" "$arch" $opt >/dev/null
done
