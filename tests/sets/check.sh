# SPDX-License-Identifier: MIT
# shellcheck shell=sh
#
# check.sh - set "check": mkcodepage's and its tools' command lines, the
# outputs users script against, the inputs they give, and the rules the
# tree keeps (plan layouts, diagnostic ids, shellcheck).
# shellcheck source=tests/lib/verdicts.sh
. "$SRCTREE/tests/lib/verdicts.sh"
# shellcheck source=tests/lib/files.sh
. "$SRCTREE/tests/lib/files.sh"

check_cli() {
	prints cli/help 'Usage: mkcodepage' "$MKCP" --help
	prints cli/version '^mkcodepage ' "$MKCP" --version
	ends cli/unknown-option 2 "" "$MKCP" --bogus
	prints cli/codepage-qemu-help 'Usage: codepage-qemu' "$QEMU_RUN" --help
	prints cli/codepage-check-help 'Usage: codepage-check' "$CHECKER" --help
	"$MKCP" --list >"$WORK/list.log" 2>&1
	verdict cli/list "" "$WORK/list.log" matches "$WORK/list.log" \
		'^  ppc32-e500' '^  linux-epapr  *ppc32-e500' \
		'^  linux-arm-atags  *arm$'
}

check_missing_binutils() {
	# no cross binutils in PATH (dtc only): the arch row's Debian package
	# is named, exit 2, nothing written
	mkdir -p "$WORK/dtc-only"
	ln -sf "$(command -v dtc)" "$WORK/dtc-only/dtc"
	PATH=$WORK/dtc-only "$MKCP" -d "$SRCTREE/arch/arm64/samples/linux.dts" \
		-k "$BUILD/samples/arm64/regcheck.elf" -o "$WORK/no-binutils" \
		>"$WORK/no-binutils.log" 2>&1
	st=$?
	if [ $st -eq 2 ] && [ ! -e "$WORK/no-binutils" ] &&
		grep -q 'install the Debian package binutils-aarch64-linux-gnu .*\[missing-tool\]' \
			"$WORK/no-binutils.log"; then
		pass cli/missing-binutils-names-package
	else
		fail cli/missing-binutils-names-package "exit $st" "$WORK/no-binutils.log"
	fi
}

check_plan_drift() {
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
			cp -r "$SRCTREE/arch/$arch" "$SRCTREE"/arch/*.inc "$dd/arch/"
			edited "cli/$arch-plan-$t" "$SRCTREE/arch/$arch/plan.inc" \
				"$dd/arch/$arch/plan.inc" "$edit" || continue
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
}

# The working directory changes nothing. Not an arch's folder of the
# data directory: ld looks for an INCLUDE there first, where the arch's
# codepage.ld would stand in for the shared base of the same name (now
# ldscripts/codepage-base.ld). Not a directory holding files named like
# the ones the codepage includes: the assembler and the linker run in
# mkcodepage's own work directory (child.h, cp_spawn_in).
check_working_directory() {
	lure=$WORK/lure
	mkdir -p "$lure"
	for f in plan.inc kexec-list.inc trail.inc pcrel.inc setway.inc blob.inc bimodal.inc tlbmap.inc \
		codepage-base.ld codepage.ld; do
		printf '%s\n' '.error "this is not the file mkcodepage includes"' \
			>"$lure/$f"
	done
	for arch in $arches; do
		arch_conf "$arch"
		o=$WORK/cwd-$arch
		(cd "$SRCTREE/arch/$arch" && "$MKCP" -d "samples/$sample_desc" \
			-k "$BUILD/samples/$arch/$sample_kernel" -o "$o") \
			>"$o.log" 2>&1
		verdict "cli/$arch-any-working-directory" "" "$o.log" \
			test -s "$o/codepage.bin"
		(cd "$lure" && "$MKCP" \
			-d "$SRCTREE/arch/$arch/samples/$sample_desc" \
			-k "$BUILD/samples/$arch/$sample_kernel" -o "$o-lure") \
			>"$o-lure.log" 2>&1
		same "cli/$arch-includes-not-from-working-directory" \
			"$o/codepage.bin" "$o-lure/codepage.bin"
	done
}

check_ids() {
	# diagnostic ids: one table (gen/diag-ids.def); each man page's "Ids:"
	# list names only ids of the table, and every id is in some list
	sed -n 's/^CP_DIAG_ID([a-z0-9_]*, "\([a-z0-9-]*\)")$/\1/p' \
		"$SRCTREE/gen/diag-ids.def" | sort -u >"$WORK/ids.table"
	for m in "$SRCTREE"/doc/*.1; do
		sed -n '/^Ids:/,/^\./p' "$m" | sed '/^\./d; s/^Ids://' | tr '\n' ' ' |
			sed 's/\\-/-/g; s/([^)]*)//g; s/ and /, /g' | sed 's/[,. ]/\n/g' |
			grep -v '^$'
	done | sort -u >"$WORK/ids.man"
	if [ -s "$WORK/ids.man" ] && comm -13 "$WORK/ids.table" "$WORK/ids.man" >"$WORK/ids.extra" &&
		[ ! -s "$WORK/ids.extra" ]; then
		pass cli/ids-in-man-pages-exist
	else
		fail cli/ids-in-man-pages-exist "not in gen/diag-ids.def" "$WORK/ids.extra"
	fi
	comm -23 "$WORK/ids.table" "$WORK/ids.man" >"$WORK/ids.missing"
	verdict cli/ids-documented "in no man page's Ids: list" "$WORK/ids.missing" \
		test ! -s "$WORK/ids.missing"
}

check_outputs() {
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
	if [ "$size" -le "$bench_size_target" ]; then
		pass "output/codepage-at-most-$bench_size_target-bytes ($size)"
	else
		fail "output/codepage-at-most-$bench_size_target-bytes" "$size bytes"
	fi
	# larger than a kernel's control page: built, with a warning
	prints output/list-too-big-warned \
		'^.*warning: the codepage is [0-9]* bytes.*\[list-too-big\]$' \
		"$MKCP" -d "$SRCTREE/tests/bad/big-codepage.dts" -k "$SAMPLES/regcheck.elf" \
		-o "$WORK/big"
	# a warning is said once, however often the plan is checked
	"$MKCP" -d "$SRCTREE/tests/loader/above-2g.dts" -k "$SAMPLES/regcheck.elf" \
		-o "$WORK/a2g" >"$WORK/a2g.log" 2>&1
	st=$? n=$(grep -c '\[kexec-limit\]$' "$WORK/a2g.log")
	verdict output/warned-once "exit $st, [kexec-limit] said $n times" "$WORK/a2g.log" \
		test "$st:$n" = 0:1
}

# kx_bad NAME ID STATUS OUTDIR [OPTION...]: kexec-codepage, checking only
# (-n), refuses OUTDIR with [ID] and STATUS
kx_bad() {
	n=$1 id=$2 want=$3 d=$4
	shift 4
	says "loader/$n" "$want" "$id" \
		"$KX" -n --root "$SRCTREE/tests/loader/base" "$@" "$d"
}

# qr_bad NAME OUTDIR: codepage-qemu reads the same OUTDIR, and
# segments.json too: refused, exit 2
qr_bad() {
	says "outdir/$1" 2 bad-segments "$QEMU_RUN" --timeout 5 "$2"
}

# outdir_edited DIR FILE SED-EXPRESSION: $k/DIR, a copy of $o whose FILE
# the expression changes (a test of that OUTDIR fails if not)
outdir_edited() {
	cp -r "$o" "$k/$1"
	edited "outdir-edit/$1" "$o/$2" "$k/$1/$2" "$3"
}

check_loader_outdir() {
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
	kx_bad outside-ram outside-memory 1 "$o" --iomem "$k/iomem-low"
	cp -r "$o" "$k/short" && printf x >>"$k/short/fdt.bin"
	kx_bad bufsz-mismatch bad-segments 1 "$k/short" --iomem "$k/iomem"
	cp -r "$o" "$k/gone" && rm "$k/gone/fdt.bin"
	kx_bad missing-file missing-file 1 "$k/gone" --iomem "$k/iomem"
	outdir_edited lap segments.txt 's/^segment 2 mem=0x[0-9a-f]*/segment 2 mem=0x0/'
	kx_bad overlap segment-overlap 1 "$k/lap" --iomem "$k/iomem"
	outdir_edited odd segments.txt 's/^segment 2 mem=0x\([0-9a-f]*\)000 /segment 2 mem=0x\1010 /'
	kx_bad unaligned segment-align 1 "$k/odd" --iomem "$k/iomem"
	kx_bad no-outdir missing-file 1 "$k/nothing"
	# a bad line after good ones: reported, and nothing parsed leaks
	cp -r "$o" "$k/line" && echo 'segment x' >>"$k/line/segments.txt"
	kx_bad bad-line bad-segments 1 "$k/line" --iomem "$k/iomem"
	qr_bad qemu-bad-line "$k/line"
	outdir_edited nosize segments.json 's/, "size": "0x[0-9a-f]*" }/ }/'
	qr_bad qemu-memory-without-size "$k/nosize"
	outdir_edited open segments.json 's/^  \],$/  ,/'
	qr_bad qemu-memory-unclosed "$k/open"
	outdir_edited word segments.json 's/"base": "0x[0-9a-f]*"/"base": "zero"/'
	qr_bad qemu-memory-not-a-number "$k/word"
	# --list: the list entry, inside a codepage the kernel's control page holds
	if "$KX" -n --root "$SRCTREE/tests/loader/base" -l --iomem "$k/iomem" "$o" >"$k/list.log" 2>&1 &&
		grep -q '^list-entry 0x' "$k/list.log"; then
		pass loader/list-dry-run
	else
		fail loader/list-dry-run "" "$k/list.log"
	fi
	outdir_edited far segments.txt 's/^list-entry .*/list-entry 0x10/'
	kx_bad list-entry-outside-codepage bad-segments 1 "$k/far" -l --iomem "$k/iomem"
	outdir_edited entry segments.txt 's/^entry .*/entry 0x10/'
	kx_bad entry-outside-codepage bad-segments 1 "$k/entry" --iomem "$k/iomem"
}

check_loader_no_fp() {
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
		verdict loader/ppc32-no-floating-point "$nfp floating-point instructions" "" \
			test "$nfp" -eq 0
	fi
}

check_sha256_yardstick() {
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
	if [ -n "$ok" ]; then
		clean bench/sha256-yardstick-known-answers "$WORK/sha/log"
	else
		fail bench/sha256-yardstick-known-answers "" "$WORK/sha/log"
	fi
}

check_two_link_addresses() {
	# the position-independence proof always links at two addresses
	cp "$SRCTREE/tests/input/codepage-at-10000.dts" "$SRCTREE/tests/bad/tree.dts" "$WORK/"
	n=$("$MKCP" -v -d "$WORK/codepage-at-10000.dts" -k "$SAMPLES/regcheck-high.elf" \
		-o "$WORK/at10000" 2>&1 | sed -n 's/.*__codepage_base=\(0x[0-9a-f]*\).*/\1/p' |
		sort -u | wc -l)
	verdict output/two-link-addresses "$n distinct link addresses" "" test "$n" -ge 2
}

check_inputs() {
	# a compressed Image, as distributions and Linux's arch/arm64/boot
	# make them (vmlinuz, Image.gz, .xz, .zst, .lz4 in both lz4 formats,
	# with and without the unpacked size appended), unpacked to its bytes
	for f in gz xz zst lz4 lz4l xz+size zst+size lz4l+size; do
		packed "$f" "$BUILD/samples/arm64/Image" "$WORK/Image.$f"
		if "$MKCP" -d "$SRCTREE/arch/arm64/samples/linux.dts" -k "$WORK/Image.$f" \
			-o "$WORK/packed-$f" >"$WORK/packed-$f.log" 2>&1; then
			same "input/compressed-image-$f" "$WORK/packed-$f/kernel.0.bin" \
				"$BUILD/samples/arm64/Image"
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
	cp "$SRCTREE/tests/input/kernel-named.dts" "$WORK/kd/d.dts"
	if "$MKCP" -d "$WORK/kd/d.dts" -o "$WORK/kd/out" >"$WORK/kd.log" 2>&1; then
		same input/kernel-named-by-description "$WORK/kd/out/kernel.0.bin" \
			"$o/kernel.0.bin"
	else
		fail input/kernel-named-by-description "" "$WORK/kd.log"
	fi
}

check_fixups() {
	# device-tree fixups land in the fdt segment
	mkdir -p "$WORK/fx"
	cp "$SRCTREE/arch/arm64/samples/board.dts" "$WORK/fx/"
	head -c 3000 /dev/urandom >"$WORK/fx/rootfs.cpio.gz"
	cp "$SRCTREE/tests/input/fdt-fixups.dts" "$WORK/fx/d.dts"
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
	if [ ! -e "$o/fdt.bin" ] && [ -e "$o/bdinfo.bin" ]; then
		pass output/stale-files-removed
	else
		fail output/stale-files-removed "" "$WORK/fmt.log"
	fi
}

# run_driver OPTION...: tests/run_tests.sh on the tree of tests/driver/
# (its sets leak, fail and crash on purpose), with this tree's driver and
# libraries, in $WORK/driver
run_driver() {
	sh "$WORK/driver/tests/run_tests.sh" "$@"
}

# The driver: every set in a process of its own, the registry's order and
# an arch's files after the set's own, -t, -e, -v, a set that stops
# without a verdict counted as failed, one summary line.
check_driver() {
	t=$WORK/driver
	rm -rf "$t"
	cp -r "$SRCTREE/tests/driver" "$t"
	mkdir -p "$t/tests/lib" "$t/tools"
	cp "$SRCTREE/tests/run_tests.sh" "$t/tests/"
	cp "$SRCTREE"/tests/lib/*.sh "$t/tests/lib/"
	cp "$SRCTREE/tools/arches.sh" "$t/tools/"
	export SRCTREE
	SRCTREE=$t ends driver/every-set 1 '^4 passed, 3 failed, 0 skipped$' run_driver
	l=$(log_of driver/every-set)
	greps driver/sets-isolated '^PASS: driver/isolated$' "$l"
	greps driver/stopped-set-failed \
		'^FAIL: crash (tests/sets/crash.sh stopped with status 2)$' "$l"
	# a 50-line log: its first 20 lines, a mark, its last 20
	verdict driver/head-and-tail-of-a-log "" "$l" \
		test "$(grep -c '^    | ' "$l")" -eq 41
	greps driver/log-tail-shown '^    | 50$' "$l"
	greps driver/log-cut-marked '^    | \[\.\.\.\]$' "$l"
	SRCTREE=$t ends driver/v-whole-log 1 '^    | 50$' run_driver -v -t broken
	SRCTREE=$t ends driver/e-stops-at-first-failure 1 \
		'^2 passed, 1 failed, 0 skipped$' run_driver -e
	verdict driver/e-nothing-after "" "$(log_of driver/e-stops-at-first-failure)" \
		test "$(grep -c 'broken-2\|^== late' "$(log_of driver/e-stops-at-first-failure)")" -eq 0
	SRCTREE=$t ends driver/t-arch-file-after-the-sets-own 0 \
		'^2 passed, 0 failed, 0 skipped$' run_driver -t late
	verdict driver/t-arch-file-after-the-sets-own-order "" \
		"$(log_of driver/t-arch-file-after-the-sets-own)" \
		test "$(grep '^PASS' "$(log_of driver/t-arch-file-after-the-sets-own)" |
			tr '\n' ' ')" = "PASS: driver/late PASS: driver/late-demo "
	SRCTREE=$t ends driver/unknown-set-refused 2 "no set 'nosuch'" run_driver -t nosuch
}

# The C sources are as .clang-format lays them out (kernel style): the
# format is applied, not only described.
c_formatted() {
	if ! command -v clang-format >/dev/null; then
		missing cli/c-sources-clang-formatted "no clang-format (tools/install-deps.sh installs it)"
		return
	fi
	(cd "$SRCTREE" && find gen tools arch tests kernel -name '*.[ch]' \
		! -path '*/fuzz/findings/*' | sort) >"$WORK/c-sources"
	# shellcheck disable=SC2016 # the inner shell's $1 and $2
	ok cli/c-sources-clang-formatted sh -c \
		'cd "$1" && xargs clang-format --dry-run --Werror <"$2"' \
		sh "$SRCTREE" "$WORK/c-sources"
}

# The description is read in one step (gen/fromdesc.c; doc/design.md):
# past its reader and that step, only the protocol list (templates'
# summaries, for --list) includes desc.h; every other step reads the plan.
desc_in_one_place() {
	(cd "$SRCTREE" && grep -l '^#include "desc.h"' gen/*.[ch] \
		arch/*/*.[ch] tools/*.[ch] | sort) >"$WORK/desc-readers"
	printf '%s\n' gen/desc.c gen/fromdesc.c gen/protocol.c \
		>"$WORK/desc-readers.want"
	ok cli/description-read-in-one-place \
		diff "$WORK/desc-readers.want" "$WORK/desc-readers"
}

# The test scripts pass shellcheck: the driver, the set files (which bring
# in their libraries to be followed) and the libraries themselves, whose
# names are the sets' (so unused and unassigned names are not theirs to say).
shellcheck_scripts() {
	if ! command -v shellcheck >/dev/null; then
		missing cli/test-scripts-pass-shellcheck "no shellcheck (tools/install-deps.sh installs it)"
		return
	fi
	cd "$SRCTREE" || return
	ok cli/test-scripts-pass-shellcheck sh -c '
		shellcheck -x -s sh tests/run_tests.sh tests/sets/*.sh arch/*/tests/*.sh \
			tests/driver/tests/sets/*.sh tests/driver/arch/*/tests/*.sh &&
		shellcheck -x -s sh -e SC2034,SC2154 tests/lib/*.sh tools/arches.sh'
}

check_cli
check_missing_binutils
check_plan_drift
check_working_directory
check_ids
check_outputs
check_loader_outdir
check_loader_no_fp
check_sha256_yardstick
check_two_link_addresses
check_inputs
check_fixups
check_driver
desc_in_one_place
shellcheck_scripts
c_formatted
