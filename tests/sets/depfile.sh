# SPDX-License-Identifier: MIT
# shellcheck shell=sh
#
# depfile.sh - set "depfile": mkcodepage in a user's build; a user's make
# rule sees every input.
# shellcheck source=tests/lib/verdicts.sh
. "$SRCTREE/tests/lib/verdicts.sh"

set_depfile() {
	d=$WORK/dep
	mkdir -p "$d"
	"$MKCP" -d "$SRCTREE/arch/ppc32-e500/samples/custom-preamble.dts" \
		-k "$SAMPLES/regcheck.elf" -o "$d/out" --depfile "$d/out.d" \
		>"$d/log" 2>&1
	for f in arch/ppc32-e500/samples/custom-preamble.dts arch/ppc32-e500/samples/board.dts \
		arch/ppc32-e500/samples/my-preamble.s arch/ppc32-e500/trampoline.s \
		templates/none.dts arch/ppc32-e500/codepage.ld ldscripts/codepage-base.ld regcheck.elf; do
		if ! grep -q "$f" "$d/out.d" 2>/dev/null; then
			fail "depfile/names-$(basename "$f")" "" "$d/out.d"
			continue
		fi
		pass "depfile/names-$(basename "$f")"
	done
	# --blob: blob.bin is a target, the mover and its layout are inputs
	if "$MKCP" -d "$SRCTREE/arch/arm64/samples/linux.dts" \
		-k "$BUILD/samples/arm64/Image" -o "$d/blob" --blob \
		--depfile "$d/blob.d" >"$d/blob.log" 2>&1 &&
		head -n 1 "$d/blob.d" | grep -q "/blob/blob.bin:" &&
		grep -q "arch/arm64/mover.s" "$d/blob.d" &&
		grep -q "arch/blob.inc" "$d/blob.d"; then
		pass depfile/blob-target-and-mover
	else
		fail depfile/blob-target-and-mover "" "$d/blob.d"
	fi
	# what a description /include/s is a dependency too
	cp -r "$SRCTREE/tests/userbuild/." "$d/"
	cp "$SRCTREE/arch/ppc32-e500/samples/board.dts" "$d/"
	if "$MKCP" -d "$d/epapr-include.dts" -k "$SAMPLES/regcheck.elf" -o "$d/inc" \
		--depfile "$d/inc.d" >"$d/inc.log" 2>&1 && grep -q "memory.dtsi" "$d/inc.d"; then
		pass depfile/names-included-files
	else
		fail depfile/names-included-files "" "$d/inc.log"
	fi
	cat >"$d/Makefile" <<EOF
$d/out/segments.txt:
	touch \$@
include $d/out.d
EOF
	if make -s -q -f "$d/Makefile" "$d/out/segments.txt" 2>"$d/make.log"; then
		pass depfile/is-valid-make
	else
		# -q exits 1 when something is out of date; 2 means a syntax error
		verdict depfile/is-valid-make "exit $?" "$d/make.log" test $? -eq 1
	fi
	# names make reads specially: space, $, #, % and : in the directory
	# of every input and of OUTDIR; the depfile escapes them as gcc does
	odd="$d/a b\$c#d%e:f"
	mkdir -p "$odd"
	cp "$SRCTREE/arch/ppc32-e500/samples/epapr.dts" "$SRCTREE/arch/ppc32-e500/samples/board.dts" "$odd/"
	# no recipe in the depfile: a pattern rule gives one, so -q can say
	{ printf 'include %s\n' "$(printf '%s' "$d/odd.d" | sed 's/ /\\ /g')"
	  printf '%%/segments.txt: ; @:\n%%/codepage.bin: ; @:\n'; } >"$d/odd.mk"
	if "$MKCP" -d "$odd/epapr.dts" -k "$SAMPLES/regcheck.elf" -o "$odd/out" \
		--depfile "$d/odd.d" >"$d/odd.log" 2>&1 &&
		touch "$odd"/out/* &&
		make -s -q -f "$d/odd.mk" "$odd/out/segments.txt" 2>>"$d/odd.log" &&
		touch -d '+1 hour' "$odd/board.dts" &&
		! make -s -q -f "$d/odd.mk" "$odd/out/segments.txt" 2>>"$d/odd.log" &&
		rm "$odd/board.dts" &&
		! make -s -q -f "$d/odd.mk" "$odd/out/codepage.bin" 2>>"$d/odd.log" &&
		! grep -q 'No rule\|missing separator\|multiple target' "$d/odd.log"; then
		pass depfile/special-characters-escaped
	else
		fail depfile/special-characters-escaped "" "$d/odd.log"
	fi
	# a name make cannot read at all: refused before OUTDIR is written
	nl="$d/new
line"
	mkdir -p "$nl"
	cp "$SRCTREE/arch/ppc32-e500/samples/epapr.dts" "$SRCTREE/arch/ppc32-e500/samples/board.dts" "$nl/"
	"$MKCP" -d "$nl/epapr.dts" -k "$SAMPLES/regcheck.elf" -o "$d/nl-out" \
		--depfile "$d/nl.d" >"$d/nl.log" 2>&1
	st=$?
	if [ $st -eq 1 ] && grep -q '\[bad-name\]' "$d/nl.log" &&
		[ ! -e "$d/nl-out" ] && [ ! -e "$d/nl.d" ] && clean_log "$d/nl.log"; then
		pass depfile/newline-in-a-name-refused
	else
		fail depfile/newline-in-a-name-refused "exit $st" "$d/nl.log"
	fi
}

set_depfile
