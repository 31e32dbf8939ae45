# SPDX-License-Identifier: MIT
# userbuild.sh - mkcodepage in a user's build, sets of run_tests.sh
# (sourced by it):
#   depfile   a user's make rule sees every input
#   fragment  mkcodepage.mk in a firmware Makefile, driven by GNU make
#   install   an installed tool finds its data where it was put

# ---- depfile: a user's make rule sees every input ---------------------------
set_depfile() {
	d=$WORK/dep
	mkdir -p "$d"
	"$MKCP" -d "$SRCTREE/arch/ppc32-e500/samples/custom-preamble.dts" \
		-k "$SAMPLES/regcheck.elf" -o "$d/out" --depfile "$d/out.d" \
		>"$d/log" 2>&1
	for f in arch/ppc32-e500/samples/custom-preamble.dts arch/ppc32-e500/samples/board.dts \
		arch/ppc32-e500/samples/my-preamble.s arch/ppc32-e500/trampoline.s \
		templates/none.dts arch/ppc32-e500/codepage.ld ldscripts/codepage.ld regcheck.elf; do
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
	sed 's|^\tmemory = .*|\t/include/ "memory.dtsi"|' \
		"$SRCTREE/arch/ppc32-e500/samples/epapr.dts" >"$d/inc.dts"
	printf '\tmemory = <0x0 0x0 0x0 0x20000000>;\n' >"$d/memory.dtsi"
	cp "$SRCTREE/arch/ppc32-e500/samples/board.dts" "$d/"
	if "$MKCP" -d "$d/inc.dts" -k "$SAMPLES/regcheck.elf" -o "$d/inc" \
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
		[ $? -eq 1 ] && pass depfile/is-valid-make ||
			fail depfile/is-valid-make "" "$d/make.log"
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

# ---- fragment: mkcodepage.mk in a firmware Makefile, driven by GNU make --
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
	case $want in
	built) [ "$ran" -ge 1 ] ;;
	idle) [ "$ran" -eq 0 ] && make -C "$f" -q "$@" >/dev/null 2>&1 ;;
	esac && pass "fragment/$name" ||
		fail "fragment/$name" "mkcodepage ran $ran times" "$f/make.log"
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
	sed 's|^\tmemory = .*|\t/include/ "inc/memory.dtsi"|' \
		"$SRCTREE/arch/ppc32-e500/samples/epapr.dts" >"$f/epapr.dts"
	printf '\tmemory = <0x0 0x0 0x0 0x20000000>;\n' >"$f/inc/memory.dtsi"
	cp "$SAMPLES/regcheck.elf" "$f/kernel.elf"
	cp "$MKCP" "$f/bin/mkcodepage"
	echo "not an input" >"$f/README"
	{
		echo 'all: out/epapr/segments.txt out/custom/codepage.bin'
		echo "include $SRCTREE/tools/mkcodepage.mk"
		echo "MKCODEPAGE := $f/bin/mkcodepage"
		echo '$(eval $(call mkcodepage,out/epapr,epapr.dts,kernel.elf))'
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

# ---- install: an installed tool finds its data where it was put -----------
set_install() {
	i=$WORK/inst
	# O= names a build tree that need not exist yet, as in Kbuild and dtc
	if make -s -C "$SRCTREE" -f "$SRCTREE/GNUmakefile" O="$WORK/o/not/yet" \
		>"$WORK/o.log" 2>&1 && [ -x "$WORK/o/not/yet/mkcodepage" ] &&
		[ -x "$WORK/o/not/yet/codepage-qemu" ]; then
		pass install/O-dir-created
	else
		fail install/O-dir-created "" "$WORK/o.log"
	fi
	rm -rf "$WORK/o"
	if ! make -s -C "$SRCTREE" -f "$SRCTREE/GNUmakefile" O="$OBJTREE" install \
		DESTDIR="$i" PREFIX=/opt/cp >"$WORK/inst.log" 2>&1; then
		fail install/make-install "" "$WORK/inst.log"
		return
	fi
	pass install/make-install
	if env -u MKCODEPAGE_DATADIR "$i/opt/cp/bin/mkcodepage" \
		-d "$SRCTREE/arch/ppc32-e500/samples/epapr.dts" -k "$SAMPLES/regcheck.elf" \
		-o "$i/out" -v >"$WORK/inst-run.log" 2>&1 &&
		grep -q "$i/opt/cp/share/mkcodepage/arch/ppc32-e500/trampoline.s" \
			"$WORK/inst-run.log"; then
		pass install/finds-its-data
	else
		fail install/finds-its-data "" "$WORK/inst-run.log"
	fi
	# the blob's mover and its layout (arch/blob.inc) are installed too
	if env -u MKCODEPAGE_DATADIR "$i/opt/cp/bin/mkcodepage" \
		-d "$SRCTREE/arch/arm64/samples/linux.dts" \
		-k "$BUILD/samples/arm64/Image" -o "$i/blob" --blob -v \
		>"$WORK/inst-blob.log" 2>&1 && [ -s "$i/blob/blob.bin" ] &&
		grep -q "$i/opt/cp/share/mkcodepage/arch/arm64/mover.s" \
			"$WORK/inst-blob.log"; then
		pass install/blob-from-installed-data
	else
		fail install/blob-from-installed-data "" "$WORK/inst-blob.log"
	fi
	if "$i/opt/cp/bin/codepage-qemu" --expect "regcheck: PASS" "$i/out" \
		>"$WORK/inst-qemu.log" 2>&1; then
		pass install/codepage-qemu-finds-its-stand-in
	else
		fail install/codepage-qemu-finds-its-stand-in "" "$WORK/inst-qemu.log"
	fi
	[ -f "$i/opt/cp/share/man/man1/mkcodepage.1" ] &&
		[ -f "$i/opt/cp/share/man/man5/mkcodepage-desc.5" ] &&
		[ -f "$i/opt/cp/share/mkcodepage/mkcodepage.mk" ] &&
		[ -f "$i/opt/cp/share/doc/mkcodepage/examples/arm64/linux.dts" ] &&
		pass install/man-pages-make-fragment-and-examples ||
		fail install/man-pages-make-fragment-and-examples
	# the target loaders: one static program per arch, of that arch
	for arch in $arches; do
		arch_conf "$arch"
		t=$target
		f=$i/opt/cp/lib/mkcodepage/$t/kexec-codepage
		if [ ! -x "$OBJTREE/kexec-codepage.$t" ]; then
			missing "install/kexec-codepage-$t" "not built: no $t cross compiler"
		elif "${binutils}readelf" -lh "$f" >"$WORK/inst-$t.log" 2>&1 &&
			grep -q 'Type: *EXEC' "$WORK/inst-$t.log" &&
			! grep -q 'INTERP' "$WORK/inst-$t.log"; then
			pass "install/kexec-codepage-$t"
		else
			fail "install/kexec-codepage-$t" "not a static executable" "$WORK/inst-$t.log"
		fi
	done
}
