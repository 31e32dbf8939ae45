# SPDX-License-Identifier: MIT
# shellcheck shell=sh
#
# fragment.sh - set "fragment": mkcodepage.mk in a firmware Makefile, driven
# by GNU make.
# shellcheck source=tests/lib/verdicts.sh
. "$SRCTREE/tests/lib/verdicts.sh"

# frag_make NAME WANT ARGS...: make in the fragment's tree; WANT "built"
# (mkcodepage ran) or "idle" (it did not, and make -q agrees)
frag_make() {
	name=$1 want=$2
	shift 2
	if ! make -C "$f" "$@" >"$f/make.log" 2>&1; then
		fail "fragment/$name" "make failed" "$f/make.log"
		return
	fi
	ran=$(grep -c 'MKCP' "$f/make.log")
	if case $want in
		built) [ "$ran" -ge 1 ] ;;
		idle) [ "$ran" -eq 0 ] && make -C "$f" -q "$@" >/dev/null 2>&1 ;;
		esac then
		pass "fragment/$name"
	else
		fail "fragment/$name" "mkcodepage ran $ran times" "$f/make.log"
	fi
}

# frag_age: the tree's inputs two hours old, so that touching one makes
# it newer than the outputs (which stay newer than the arch's sources,
# checked out minutes ago in a fresh clone)
frag_age() {
	find "$f" -path "$f/out" -prune -o -type f \
		-exec touch -d '2 hours ago' {} +
}

set_fragment() {
	f=$WORK/frag
	mkdir -p "$f/bin" "$f/inc"
	cp "$SRCTREE/arch/ppc32-e500/samples/custom-preamble.dts" \
		"$SRCTREE/arch/ppc32-e500/samples/my-preamble.s" \
		"$SRCTREE/arch/ppc32-e500/samples/board.dts" "$f/"
	cp "$SRCTREE/tests/userbuild/epapr-include.dts" "$f/epapr.dts"
	cp "$SRCTREE/tests/userbuild/inc/memory.dtsi" "$f/inc/"
	cp "$SAMPLES/regcheck.elf" "$f/kernel.elf"
	cp "$MKCP" "$f/bin/mkcodepage"
	echo "not an input" >"$f/README"
	{
		echo 'all: out/epapr/segments.txt out/custom/codepage.bin'
		echo "include $SRCTREE/tools/mkcodepage.mk"
		echo "MKCODEPAGE := $f/bin/mkcodepage"
		# shellcheck disable=SC2016 # make's $(...), not the shell's
		echo '$(eval $(call mkcodepage,out/epapr,epapr.dts,kernel.elf))'
		# shellcheck disable=SC2016
		echo '$(eval $(call mkcodepage,out/custom,custom-preamble.dts,kernel.elf,--arch ppc32-e500))'
	} >"$f/Makefile"
	frag_make first-build built
	if [ -f "$f/out/epapr/segments.txt" ] && [ -f "$f/out/custom/codepage.bin" ] &&
		grep -q 'memory.dtsi' "$f/out/epapr.d"; then
		pass fragment/outputs-and-depfile
	else
		fail fragment/outputs-and-depfile "" "$f/make.log"
	fi
	frag_make no-op-rebuild idle
	for input in epapr.dts inc/memory.dtsi board.dts kernel.elf \
		my-preamble.s custom-preamble.dts bin/mkcodepage; do
		frag_age
		touch "$f/$input"
		n=$(echo "$input" | tr / -)
		frag_make "rebuilds-after-$n" built
		frag_make "then-idle-after-$n" idle
	done
	frag_age
	touch "$f/README"
	frag_make idle-after-an-unrelated-file idle
	rm -rf "$f/out"
	frag_make parallel-build built -j4
	frag_make parallel-no-op idle -j4
}

set_fragment
