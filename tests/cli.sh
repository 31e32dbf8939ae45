# SPDX-License-Identifier: MIT
# cli.sh - the "check" set of run_tests.sh (sourced by it): mkcodepage's
# and its tools' command-line behaviour.

set_check() {
	"$MKCP" --help >"$WORK/help.log" 2>&1 && grep -q 'Usage: mkcodepage' "$WORK/help.log" &&
		pass cli/help || fail cli/help "" "$WORK/help.log"
	"$MKCP" --version >"$WORK/ver.log" 2>&1 && grep -q '^mkcodepage ' "$WORK/ver.log" &&
		pass cli/version || fail cli/version "" "$WORK/ver.log"
	"$MKCP" --list >"$WORK/list.log" 2>&1 && grep -q '^  ppc32-e500' "$WORK/list.log" &&
		grep -q '^  linux-epapr  *ppc32-e500' "$WORK/list.log" &&
		pass cli/list || fail cli/list "" "$WORK/list.log"
	# no cross binutils in PATH (dtc only): the arch row's Debian package
	# is named, exit 2, nothing written
	mkdir -p "$WORK/dtc-only"
	ln -sf "$(command -v dtc)" "$WORK/dtc-only/dtc"
	PATH=$WORK/dtc-only "$MKCP" -d "$SRCTREE/arch/arm64/samples/linux.dts" \
		-k "$BUILD/samples/arm64/regcheck.elf" -o "$WORK/no-binutils" \
		>"$WORK/no-binutils.log" 2>&1
	st=$?
	[ $st -eq 2 ] && [ ! -e "$WORK/no-binutils" ] &&
		grep -q 'install the Debian package binutils-aarch64-linux-gnu .*\[missing-tool\]' \
			"$WORK/no-binutils.log" &&
		pass cli/missing-binutils-names-package ||
		fail cli/missing-binutils-names-package "exit $st" "$WORK/no-binutils.log"
	# plan.inc is the one statement of a plan's layout: a field moved
	# there without the emitter following (PLAN_ENTRY past the field
	# written after it) or a fixed part that outgrows PLAN_FIXED_SIZE is
	# refused by the assembler at build time, never found at a boot
	for arch in $arches; do
		arch_conf "$arch"
		d=$sample_desc k=$BUILD/samples/$arch/$sample_kernel
		for edit in 's/\(PLAN_ENTRY, *\)[0-9]*/\1 100/' \
			's/\(PLAN_FIXED_SIZE, *\)[0-9]*/\1 8/'; do
			case $edit in *ENTRY*) t=entry-moved ;; *) t=fixed-part-outgrown ;; esac
			dd=$WORK/drift-$arch-$t
			mkdir -p "$dd/arch"
			cp -r "$SRCTREE/ldscripts" "$SRCTREE/templates" "$dd/"
			cp -r "$SRCTREE/arch/$arch" "$dd/arch/"
			sed -i "$edit" "$dd/arch/$arch/plan.inc"
			MKCODEPAGE_DATADIR=$dd "$MKCP" -d "$SRCTREE/arch/$arch/samples/$d" -k "$k" \
				-o "$dd/out" >"$dd.log" 2>&1
			st=$?
			if [ $st -eq 1 ] && [ ! -e "$dd/out" ] &&
				grep -q 'plan.s:[0-9]*: Error: attempt to move .org backwards' "$dd.log"; then
				pass "cli/$arch-plan-$t"
			else
				fail "cli/$arch-plan-$t" "exit $st" "$dd.log"
			fi
		done
	done
	# diagnostic ids: one table (gen/diag-ids.def); each man page's "Ids:"
	# list names only ids of the table, and every id is in some list
	sed -n 's/^CP_DIAG_ID([a-z0-9_]*, "\([a-z0-9-]*\)")$/\1/p' \
		"$SRCTREE/gen/diag-ids.def" | sort -u >"$WORK/ids.table"
	for m in "$SRCTREE"/doc/*.1; do
		sed -n '/^Ids:/,/^\./p' "$m" | sed '/^\./d; s/^Ids://' | tr '\n' ' ' |
			sed 's/\\-/-/g; s/([^)]*)//g; s/ and /, /g' | tr ', .' '\n\n\n' |
			grep -v '^$'
	done | sort -u >"$WORK/ids.man"
	if [ -s "$WORK/ids.man" ] && comm -13 "$WORK/ids.table" "$WORK/ids.man" >"$WORK/ids.extra" &&
		[ ! -s "$WORK/ids.extra" ]; then
		pass cli/ids-in-man-pages-exist
	else
		fail cli/ids-in-man-pages-exist "not in gen/diag-ids.def" "$WORK/ids.extra"
	fi
	comm -23 "$WORK/ids.table" "$WORK/ids.man" >"$WORK/ids.missing"
	[ ! -s "$WORK/ids.missing" ] && pass cli/ids-documented ||
		fail cli/ids-documented "in no man page's Ids: list" "$WORK/ids.missing"
	"$MKCP" --bogus >"$WORK/bogus.log" 2>&1
	[ $? -eq 2 ] && pass cli/unknown-option || fail cli/unknown-option "" "$WORK/bogus.log"
	"$QEMU_RUN" --help >"$WORK/qh.log" 2>&1 && grep -q 'Usage: codepage-qemu' "$WORK/qh.log" &&
		pass cli/codepage-qemu-help || fail cli/codepage-qemu-help
	"$CHECKER" --help >"$WORK/ch.log" 2>&1 && grep -q 'Usage: codepage-check' "$WORK/ch.log" &&
		pass cli/codepage-check-help || fail cli/codepage-check-help
	# the outputs a user scripts against
	o=$WORK/fmt
	"$MKCP" -d "$SRCTREE/arch/ppc32-e500/samples/epapr.dts" -k "$SAMPLES/regcheck.elf" \
		-o "$o" >"$WORK/fmt.log" 2>&1
	if grep -qE '^entry 0x[0-9a-f]+$' "$o/segments.txt" &&
		grep -qE '^list-entry 0x[0-9a-f]+$' "$o/segments.txt" &&
		grep -qE '^segment 0 mem=0x[0-9a-f]+ memsz=0x[0-9a-f]+ file=codepage.bin bufsz=0x[0-9a-f]+$' "$o/segments.txt" &&
		[ "$(grep -c '^segment ' "$o/segments.txt")" -eq 3 ]; then
		pass output/segments-txt
	else
		fail output/segments-txt "" "$o/segments.txt"
	fi
	for f in codepage.elf codepage.bin kernel.0.bin fdt.bin segments.json map.txt; do
		[ -s "$o/$f" ] || { fail "output/$f"; continue; }
		pass "output/$f"
	done
	# the kernel copies the codepage into its one control page (4 KiB on
	# ppc32); keep well inside it (the arch's size target, arch.conf)
	arch_conf ppc32-e500
	size=$(wc -c <"$o/codepage.bin")
	[ "$size" -le "$bench_size_target" ] &&
		pass "output/codepage-at-most-$bench_size_target-bytes ($size)" ||
		fail "output/codepage-at-most-$bench_size_target-bytes" "$size bytes"
	# larger than a kernel's control page: built, with a warning
	"$MKCP" -d "$SRCTREE/tests/bad/big-codepage.dts" -k "$SAMPLES/regcheck.elf" \
		-o "$WORK/big" >"$WORK/big.log" 2>&1 &&
		grep -q '^.*warning: the codepage is [0-9]* bytes.*\[list-too-big\]$' "$WORK/big.log" &&
		pass output/list-too-big-warned || fail output/list-too-big-warned "" "$WORK/big.log"
	# a warning is said once, however often the plan is checked
	"$MKCP" -d "$SRCTREE/tests/loader/above-2g.dts" -k "$SAMPLES/regcheck.elf" \
		-o "$WORK/a2g" >"$WORK/a2g.log" 2>&1 &&
		[ "$(grep -c '\[kexec-limit\]$' "$WORK/a2g.log")" -eq 1 ] &&
		pass output/warned-once || fail output/warned-once "" "$WORK/a2g.log"
	# kexec-codepage on the host: checks only (--dry-run), never the call
	KX=$BUILD/san/kexec-codepage
	k=$WORK/kx
	mkdir -p "$k"
	printf '00000000-0fffffff : System RAM\n' >"$k/iomem-low"
	printf '00000000-ffffffff : System RAM\n  01000000-01ffffff : Kernel code\n' >"$k/iomem"
	if "$KX" -n --root "$SRCTREE/tests/loader/base" --iomem "$k/iomem" "$o" >"$k/ok.log" 2>&1 &&
		grep -q '^entry 0x' "$k/ok.log" && grep -q 'bytes from codepage.bin' "$k/ok.log"; then
		pass loader/dry-run
	else
		fail loader/dry-run "" "$k/ok.log"
	fi
	kx_bad() { # name id exit OUTDIR [options]
		n=$1 id=$2 want=$3 d=$4
		shift 4
		"$KX" -n --root "$SRCTREE/tests/loader/base" "$@" "$d" >"$k/$n.log" 2>&1
		st=$?
		if [ $st -eq "$want" ] && grep -q "\[$id\]" "$k/$n.log" &&
			clean_log "$k/$n.log"; then
			pass "loader/$n"
		else
			fail "loader/$n" "exit $st, wanted $want [$id]" "$k/$n.log"
		fi
	}
	kx_bad outside-ram outside-memory 1 "$o" --iomem "$k/iomem-low"
	cp -r "$o" "$k/short" && printf x >>"$k/short/fdt.bin"
	kx_bad bufsz-mismatch bad-segments 1 "$k/short" --iomem "$k/iomem"
	cp -r "$o" "$k/gone" && rm "$k/gone/fdt.bin"
	kx_bad missing-file missing-file 1 "$k/gone" --iomem "$k/iomem"
	cp -r "$o" "$k/lap" && sed -i 's/^segment 2 mem=0x[0-9a-f]*/segment 2 mem=0x0/' "$k/lap/segments.txt"
	kx_bad overlap segment-overlap 1 "$k/lap" --iomem "$k/iomem"
	cp -r "$o" "$k/odd" && sed -i 's/^segment 2 mem=0x\([0-9a-f]*\)000 /segment 2 mem=0x\1010 /' "$k/odd/segments.txt"
	kx_bad unaligned segment-align 1 "$k/odd" --iomem "$k/iomem"
	kx_bad no-outdir missing-file 1 "$k/nothing"
	# a bad line after good ones: reported, and nothing parsed leaks
	cp -r "$o" "$k/line" && echo 'segment x' >>"$k/line/segments.txt"
	kx_bad bad-line bad-segments 1 "$k/line" --iomem "$k/iomem"
	# codepage-qemu reads the same OUTDIR, and segments.json too
	qr_bad() { # name OUTDIR
		"$QEMU_RUN" --timeout 5 "$2" >"$k/$1.log" 2>&1
		st=$?
		if [ $st -eq 2 ] && grep -q '\[bad-segments\]' "$k/$1.log" &&
			clean_log "$k/$1.log"; then
			pass "outdir/$1"
		else
			fail "outdir/$1" "exit $st, wanted 2 [bad-segments]" "$k/$1.log"
		fi
	}
	qr_bad qemu-bad-line "$k/line"
	cp -r "$o" "$k/nosize" && sed -i 's/, "size": "0x[0-9a-f]*" }/ }/' "$k/nosize/segments.json"
	qr_bad qemu-memory-without-size "$k/nosize"
	cp -r "$o" "$k/open" && sed -i 's/^  \],$/  ,/' "$k/open/segments.json"
	qr_bad qemu-memory-unclosed "$k/open"
	cp -r "$o" "$k/word" && sed -i 's/"base": "0x[0-9a-f]*"/"base": "zero"/' "$k/word/segments.json"
	qr_bad qemu-memory-not-a-number "$k/word"
	# --list: the list entry, inside a codepage the kernel's control page holds
	if "$KX" -n --root "$SRCTREE/tests/loader/base" -l --iomem "$k/iomem" "$o" >"$k/list.log" 2>&1 &&
		grep -q '^list-entry 0x' "$k/list.log"; then
		pass loader/list-dry-run
	else
		fail loader/list-dry-run "" "$k/list.log"
	fi
	cp -r "$o" "$k/far" && sed -i 's/^list-entry .*/list-entry 0x10/' "$k/far/segments.txt"
	kx_bad list-entry-outside-codepage bad-segments 1 "$k/far" -l --iomem "$k/iomem"
	cp -r "$o" "$k/entry" && sed -i 's/^entry .*/entry 0x10/' "$k/entry/segments.txt"
	kx_bad entry-outside-codepage bad-segments 1 "$k/entry" --iomem "$k/iomem"
	# kexec-codepage.ppc32 runs on e500v2 (no FPU) as on e500mc: none of
	# its own code may use floating point (what the C library might use,
	# the kernel emulates: CONFIG_MATH_EMULATION)
	if ! command -v powerpc-linux-gnu-gcc >/dev/null; then
		missing loader/ppc32-no-floating-point "no powerpc-linux-gnu-gcc"
	else
		nfp=0
		for s in $KEXEC_TARGET_SRCS; do
			powerpc-linux-gnu-gcc -std=c11 -D_POSIX_C_SOURCE=200809L -O2 \
				-I"$SRCTREE/gen" -c -o "$k/fp.o" "$SRCTREE/$s" &&
				powerpc-linux-gnu-objdump -d "$k/fp.o" >"$k/fp.dis" ||
				nfp=$((nfp + 1000))
			n=$(grep -cE '	(l|st)f[sd]u?x?	|	f[a-z]+\.?	|	mffs|	mtfs' "$k/fp.dis")
			nfp=$((nfp + n))
		done
		[ "$nfp" -eq 0 ] && pass loader/ppc32-no-floating-point ||
			fail loader/ppc32-no-floating-point "$nfp floating-point instructions"
	fi
	# the bench's SHA-256 yardstick is SHA-256 (lengths around the padding
	# boundaries, and more than a page)
	mkdir -p "$WORK/sha"
	ok=1
	for n in 0 3 55 56 63 64 119 4096 100000; do
		head -c "$n" /dev/urandom >"$WORK/sha/$n"
		a=$("$BUILD/tests/sha256-kat" "$SRCTREE/tools/bench/sha256-data.inc" \
			"$WORK/sha/$n" 2>>"$WORK/sha/log")
		b=$(sha256sum "$WORK/sha/$n")
		[ "$a" = "$b" ] || { ok=; echo "$n: $a / $b" >>"$WORK/sha/log"; }
	done
	[ -n "$ok" ] && clean_log "$WORK/sha/log" && pass bench/sha256-yardstick-known-answers ||
		fail bench/sha256-yardstick-known-answers "" "$WORK/sha/log"
	# the position-independence proof always links at two addresses
	sed -e 's|^\tsegments {|\tcodepage { load = <0x0 0x10000>; };\n\tsegments {|' \
		-e "s|\"tree.dts\"|\"$SRCTREE/tests/bad/tree.dts\"|" \
		"$SRCTREE/tests/bad/good.dts" >"$WORK/at10000.dts"
	n=$("$MKCP" -v -d "$WORK/at10000.dts" -k "$SAMPLES/regcheck-high.elf" \
		-o "$WORK/at10000" 2>&1 | sed -n 's/.*__codepage_base=\(0x[0-9a-f]*\).*/\1/p' |
		sort -u | wc -l)
	[ "$n" -ge 2 ] && pass output/two-link-addresses ||
		fail output/two-link-addresses "$n distinct link addresses"
	# a compressed Image, as distributions and Linux's arch/arm64/boot
	# make them (vmlinuz, Image.gz, .xz, .zst, .lz4 in both lz4 formats,
	# with and without the unpacked size appended), unpacked to its bytes
	for f in gz xz zst lz4 lz4l xz+size zst+size lz4l+size; do
		packed "$f" "$BUILD/samples/arm64/Image" "$WORK/Image.$f"
		if "$MKCP" -d "$SRCTREE/arch/arm64/samples/linux.dts" -k "$WORK/Image.$f" \
			-o "$WORK/packed-$f" >"$WORK/packed-$f.log" 2>&1 &&
			cmp -s "$WORK/packed-$f/kernel.0.bin" "$BUILD/samples/arm64/Image"; then
			pass "input/compressed-image-$f"
		else
			fail "input/compressed-image-$f" "" "$WORK/packed-$f.log"
		fi
	done
	# a description compiled to .dtb beforehand gives the same codepage
	mkdir -p "$WORK/dtb"
	cp "$SRCTREE/arch/ppc32-e500/samples/"*.dts "$WORK/dtb/"
	if dtc -q -I dts -O dtb -o "$WORK/dtb/epapr.dtb" "$WORK/dtb/epapr.dts" &&
		"$MKCP" -d "$WORK/dtb/epapr.dtb" -k "$SAMPLES/regcheck.elf" \
			-o "$WORK/dtb/out" >"$WORK/dtb.log" 2>&1 &&
		cmp -s "$WORK/dtb/out/codepage.bin" "$o/codepage.bin" &&
		cmp -s "$WORK/dtb/out/segments.txt" "$o/segments.txt"; then
		pass input/description-as-dtb
	else
		fail input/description-as-dtb "" "$WORK/dtb.log"
	fi
	# the kernel may be named by the description instead of -k
	mkdir -p "$WORK/kd"
	cp "$SAMPLES/regcheck.elf" "$WORK/kd/k.elf"
	cp "$SRCTREE/arch/ppc32-e500/samples/board.dts" "$WORK/kd/"
	sed 's|^\t\tfdt {|\tkernel { file = "k.elf"; };\n\tsegments {\n\t\tfdt {|; s|^\tsegments {$||' \
		"$SRCTREE/arch/ppc32-e500/samples/epapr.dts" >"$WORK/kd/d.dts"
	if "$MKCP" -d "$WORK/kd/d.dts" -o "$WORK/kd/out" >"$WORK/kd.log" 2>&1 &&
		cmp -s "$WORK/kd/out/kernel.0.bin" "$o/kernel.0.bin"; then
		pass input/kernel-named-by-description
	else
		fail input/kernel-named-by-description "" "$WORK/kd.log"
	fi
	# device-tree fixups land in the fdt segment
	mkdir -p "$WORK/fx"
	cp "$SRCTREE/arch/arm64/samples/board.dts" "$WORK/fx/"
	head -c 3000 /dev/urandom >"$WORK/fx/rootfs.cpio.gz"
	sed -e 's|load = <0x0 0x48000000>;|load = <0x0 0x48000000>; bootargs = "console=ttyAMA0 rdinit=/init"; initrd = "initrd"; memory-node;|' \
		-e 's|^\t};$|\t\tinitrd { file = "rootfs.cpio.gz"; load = <0x0 0x48100000>; };\n\t};|' \
		"$SRCTREE/arch/arm64/samples/linux.dts" >"$WORK/fx/d.dts"
	if "$MKCP" -d "$WORK/fx/d.dts" -k "$BUILD/samples/arm64/Image" \
		-o "$WORK/fx/out" >"$WORK/fx.log" 2>&1 &&
		dtc -I dtb -O dts "$WORK/fx/out/fdt.bin" >"$WORK/fx/out.dts" 2>>"$WORK/fx.log" &&
		grep -q 'bootargs = "console=ttyAMA0 rdinit=/init"' "$WORK/fx/out.dts" &&
		grep -q 'linux,initrd-start = <0x00 0x48100000>' "$WORK/fx/out.dts" &&
		grep -q 'linux,initrd-end = <0x00 0x48100bb8>' "$WORK/fx/out.dts" &&
		grep -q 'reg = <0x00 0x40100000 0x00 0x1ff00000>' "$WORK/fx/out.dts"; then
		pass output/fdt-fixups
	else
		fail output/fdt-fixups "" "$WORK/fx.log"
	fi
	# rewriting drops segment files the previous run listed
	"$MKCP" -d "$SRCTREE/arch/ppc32-e500/samples/bdinfo.dts" -k "$SAMPLES/regcheck.elf" \
		-o "$o" >>"$WORK/fmt.log" 2>&1
	[ ! -e "$o/fdt.bin" ] && [ -e "$o/bdinfo.bin" ] &&
		pass output/stale-files-removed || fail output/stale-files-removed "" "$WORK/fmt.log"
}
