# SPDX-License-Identifier: MIT
# shellcheck shell=sh
#
# determinism.sh - set "determinism": the same inputs give the same bytes
# anywhere.
# shellcheck source=tests/lib/verdicts.sh
. "$SRCTREE/tests/lib/verdicts.sh"

set_determinism() {
	for arch in $arches; do
		det_case "$arch"
	done
}

# det_case ARCH: its custom-preamble sample, built in two directories.
det_case() {
	a=$WORK/det-$1/one
	b=$WORK/det-$1/second/deeper
	mkdir -p "$a" "$b"
	cp -r "$SRCTREE/arch/$1/samples" "$a/s"
	cp -r "$SRCTREE/arch/$1/samples" "$b/s"
	cp "$BUILD/samples/$1/regcheck.elf" "$a/k.elf"
	cp "$BUILD/samples/$1/regcheck.elf" "$b/k.elf"
	(cd "$a" && TMPDIR=$a "$MKCP" -d s/custom-preamble.dts -k k.elf -o out) \
		>"$WORK/det.log" 2>&1
	(cd "$b" && "$MKCP" -d "$b/s/custom-preamble.dts" -k "$b/k.elf" \
		-o "$b/out") >>"$WORK/det.log" 2>&1
	if [ -d "$a/out" ] && diff -r "$a/out" "$b/out" >>"$WORK/det.log" 2>&1; then
		pass "determinism/$1-two-directories"
	else
		fail "determinism/$1-two-directories" "" "$WORK/det.log"
	fi
	"$MKCP" -d "$a/s/custom-preamble.dts" -k "$a/k.elf" -o "$a/out" \
		>>"$WORK/det.log" 2>&1
	if diff -r "$a/out" "$b/out" >/dev/null 2>&1; then
		pass "determinism/$1-rebuild-in-place"
	else
		fail "determinism/$1-rebuild-in-place" "" "$WORK/det.log"
	fi
}
set_determinism
