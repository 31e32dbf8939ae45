# SPDX-License-Identifier: MIT
# shellcheck shell=sh
#
# blob.sh - set "blob": one file, loaded anywhere, entered at its first
# byte (each arch's blob-cases.txt), and reproducible.
# shellcheck source=tests/lib/verdicts.sh
. "$SRCTREE/tests/lib/verdicts.sh"
# shellcheck source=tests/lib/boot.sh
. "$SRCTREE/tests/lib/boot.sh"

set_blob() {
	arch_tables blob-cases.txt >"$WORK/blob.table"
	while IFS="|" read -r name desc kernel opts expected; do
		out=$WORK/b-$name log=$WORK/b-$name.log
		if ! build_case "$out" "$log" "$desc" "$kernel" --blob ||
			! grep -q "^blob file=blob.bin" "$out/segments.txt" ||
			! grep -q '"blob": { "file": "blob.bin"' "$out/segments.json"; then
			fail "blob/$name/build" "" "$log"
			continue
		fi
		blob_case "$name" "$out" "regcheck: PASS" "$expected" "$opts"
	done <"$WORK/blob.table"
	# the same inputs, elsewhere, give the same blob
	for a in $arches; do
		[ -f "$SRCTREE/arch/$a/tests/blob-cases.txt" ] || continue
		arch_conf "$a"
		d=$WORK/blob-det-$a
		mkdir -p "$d/x/y" "$d/tmp"
		cp "$SRCTREE/arch/$a/samples/$sample_desc" "$d/x/y/"
		[ ! -f "$SRCTREE/arch/$a/samples/board.dts" ] ||
			cp "$SRCTREE/arch/$a/samples/board.dts" "$d/x/y/"
		if (cd "$SRCTREE" && "$MKCP" -d "arch/$a/samples/$sample_desc" \
			-k "$BUILD/samples/$a/$sample_kernel" -o "$d/one" --blob) \
			>"$d/log" 2>&1 &&
			(cd "$d/x/y" && TMPDIR=$d/tmp "$MKCP" -d "$sample_desc" \
			-k "$BUILD/samples/$a/$sample_kernel" -o "$d/two" --blob) \
			>>"$d/log" 2>&1 && cmp "$d/one/blob.bin" "$d/two/blob.bin" \
			>>"$d/log" 2>&1; then
			pass "blob/$a-reproducible"
		else
			fail "blob/$a-reproducible" "" "$d/log"
		fi
	done
}
set_blob
