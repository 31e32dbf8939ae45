# SPDX-License-Identifier: MIT
# shellcheck shell=sh
#
# install.sh - set "install": an installed tool finds its data where it was
# put.
# shellcheck source=tests/lib/verdicts.sh
. "$SRCTREE/tests/lib/verdicts.sh"

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
	if [ -f "$i/opt/cp/share/man/man1/mkcodepage.1" ] &&
		[ -f "$i/opt/cp/share/man/man5/mkcodepage-desc.5" ] &&
		[ -f "$i/opt/cp/share/mkcodepage/mkcodepage.mk" ] &&
		[ -f "$i/opt/cp/share/doc/mkcodepage/examples/arm64/linux.dts" ]; then
		pass install/man-pages-make-fragment-and-examples
	else
		fail install/man-pages-make-fragment-and-examples
	fi
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

set_install
