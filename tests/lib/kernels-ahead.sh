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
src=$SRCTREE	# (tools/arches.sh reads arch/list from it)
# shellcheck source=tools/arches.sh
. "$SRCTREE/tools/arches.sh"
# shellcheck source=tests/lib/table.sh
. "$SRCTREE/tests/lib/table.sh"
for arch in ${KERNEL_ARCHES:-$arches}; do
	kernel_karch=
	arch_conf "$arch"
	[ -n "$kernel_karch" ] || continue
	opt=
	table "$SRCTREE/arch/$arch/tests/kernel-cases.txt" |
		grep -q "^[^|]*|$arch|stock|" && opt=--stock
	# shellcheck disable=SC2086 # opt: none or one word
	nice -n 19 sh "$SRCTREE/tools/build-linux.sh" "$arch" $opt >/dev/null
done
