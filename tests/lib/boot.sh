# SPDX-License-Identifier: MIT
# shellcheck shell=sh
#
# boot.sh - booting through codepage-qemu and judging the console: sourced
# by the sets that boot (after verdicts.sh).

# expand FIELD: a table field with @samples/ and @work/ made paths
expand() {
	echo "$1" | sed "s|@samples/|$BUILD/samples/|g; s|@work/|$WORK/|g"
}

# dump_dtb NAME FILE QEMU-COMMAND...: the device tree QEMU builds for that
# machine, with only the devices the test boots with (a serial port, so the
# tree has its UART and stdout-path). A QEMU that fails is the test's
# failure, with QEMU's own message, never a missing file later on.
dump_dtb() {
	name=$1 f=$2
	shift 2
	if ! "$@" -nodefaults -display none -serial null -monitor none \
		-machine dumpdtb="$f" </dev/null >"$f.log" 2>&1 || [ ! -s "$f" ]; then
		fail "$name" "QEMU could not dump its device tree" "$f.log"
		return 1
	fi
}


# build_case OUT LOG DESC KERNEL [OPTION...]: mkcodepage, in the source
# tree (a table's paths are from there), DESC and KERNEL expanded
build_case() {
	bc_out=$1 bc_log=$2 bc_desc=$(expand "$3") bc_kernel=$(expand "$4")
	shift 4
	(cd "$SRCTREE" && "$MKCP" -d "$bc_desc" -k "$bc_kernel" -o "$bc_out" "$@") \
		>"$bc_log" 2>&1
}

# check_console NAME LOG EXPECTED KERNEL-BIN: LOG has every ';'-separated
# text of EXPECTED; a regcheck destination passed, with the sum of
# KERNEL-BIN
check_console() {
	log=$2
	if ! all_in "$log" "$3"; then
		fail "$1" "missing '$missing_text'" "$log"
		return
	fi
	if grep -q 'regcheck:' "$log"; then
		want=$("$FNVSUM" "$4")
		if ! grep -q 'regcheck: PASS' "$log"; then
			fail "$1" "destination reports FAIL" "$log"
			return
		elif ! grep -q "sum=$want" "$log"; then
			fail "$1" "checksum differs from $want" "$log"
			return
		fi
	fi
	clean "$1" "$log"
}

boot_case() { # name out expect expected qemu-options
	for mode in placed list; do
		log=$WORK/$1-$mode.log
		# shellcheck disable=SC2086
		"$QEMU_RUN" --mode "$mode" --timeout 120 --expect "$3" ${5:-} "$2" \
			>"$log" 2>&1
		st=$?
		if [ $st -ne 0 ]; then
			fail "qemu/$1/$mode" "exit $st" "$log"
		else
			check_console "qemu/$1/$mode" "$log" "$4" "$2/kernel.0.bin"
		fi
	done
}

blob_case() { # name out expect expected qemu-options: one blob boot
	log=$WORK/b-$1.log
	# shellcheck disable=SC2086
	"$QEMU_RUN" --mode blob --timeout 120 --expect "$3" $5 "$2" >"$log" 2>&1
	st=$?
	if [ $st -ne 0 ]; then
		fail "blob/$1" "exit $st" "$log"
	else
		check_console "blob/$1" "$log" "$4" "$2/kernel.0.bin"
	fi
}

# second_initrd ARCH DIR: DIR/initrd-second.cpio.gz, an initramfs of the
# handoff init alone, for a destination kernel (it prints its command line
# and powers off)
second_initrd() {
	mkdir -p "$2/second"
	cp "$BUILD/tests/handoff-init.$1" "$2/second/init"
	(cd "$2/second" && find . | cpio -o -H newc --quiet | gzip -n) \
		>"$2/initrd-second.cpio.gz"
}

# debian_kernel TEST DEBIAN-ARCH DIR PACKAGE: Debian's PACKAGE (a kernel
# meta-package) at DIR/vmlinuz (tools/fetch-debian-kernel.sh); 1 when it
# could not be fetched, which is test TEST missing.
debian_kernel() {
	sh "$SRCTREE/tools/fetch-debian-kernel.sh" "$2" "$3" "$4" \
		>"$WORK/fetch-$4.log" 2>&1 && return
	missing "$1" "Debian's $4 could not be fetched (see apt)"
	return 1
}

# handoff_initramfs NAME ARCH OUTDIR [FILE]: $WORK/NAME.cpio, an old
# kernel's initramfs: tests/handoff/init.c as init, ARCH's kexec-codepage
# in /bin, OUTDIR in /cp, and FILE (disable-kexec, kexec-list: what init
# reads) created empty in its root.
handoff_initramfs() {
	hi_stage=$WORK/hs-$1
	mkdir -p "$hi_stage/bin" "$hi_stage/cp"
	[ -n "${4:-}" ] && : >"$hi_stage/$4"
	cp "$BUILD/tests/handoff-init.$2" "$hi_stage/init"
	cp "$OBJTREE/kexec-codepage.$2" "$hi_stage/bin/kexec-codepage"
	cp "$3"/* "$hi_stage/cp/"
	(cd "$hi_stage" && find . | cpio -o -H newc --quiet) >"$WORK/$1.cpio"
}

# handoff_run NAME OUTDIR EXPECTED QEMU-COMMAND...: boot an old kernel
# with $WORK/NAME.cpio (the command gives -kernel, -initrd and -append;
# the console is the serial port) until the machine powers off, 120 s at
# most, and check the console (handoff/NAME; the sum of OUTDIR's kernel).
handoff_run() {
	hr_name=$1 hr_out=$2 hr_want=$3
	shift 3
	log=$WORK/handoff-$hr_name.log
	timeout 120 "$@" -nodefaults -display none -serial stdio -monitor none \
		-no-reboot </dev/null >"$log" 2>&1
	hr_st=$?
	if [ $hr_st -eq 124 ]; then
		fail "handoff/$hr_name" "the machine did not power off within 120 s" "$log"
	elif [ $hr_st -ne 0 ]; then
		fail "handoff/$hr_name" "QEMU failed (exit $hr_st)" "$log"
	else
		check_console "handoff/$hr_name" "$log" "$hr_want" "$hr_out/kernel.0.bin"
	fi
}

# handoff_screen NAME WANT SCREEN QEMU-COMMAND...: boot an old kernel as
# handoff_run does, for a destination that draws on the VGA text screen
# and never powers off: QEMU's monitor (on its stdin) dumps the screen
# every 5 s until SCREEN is on it, 120 s at most; then WANT (';'-separated)
# is checked on the serial console.
handoff_screen() {
	hs_name=$1 hs_want=$2 hs_text=$3
	shift 3
	log=$WORK/handoff-$hs_name.log
	hs_dump=$WORK/handoff-$hs_name.screen
	rm -f "$hs_dump" "$hs_dump.txt"
	# (pmemsave's size is an expression, which a path's '/' would
	# continue: QEMU runs in $WORK, and the dump is named from there)
	{
		hs_i=0
		while [ $hs_i -lt 24 ]; do
			sleep 5
			echo "pmemsave 0xb8000 4000 ${hs_dump##*/}"
			sleep 1
			screen_text "$hs_dump" >"$hs_dump.txt"
			grep -qF -- "$hs_text" "$hs_dump.txt" && break
			hs_i=$((hs_i + 1))
		done
		echo quit
	} | (cd "$WORK" && timeout 150 "$@" -nodefaults -display none \
		-device VGA -serial "file:$log" -monitor stdio -no-reboot) \
		>"$log.monitor" 2>&1
	if ! grep -qF -- "$hs_text" "$hs_dump.txt"; then
		fail "handoff/$hs_name" "'$hs_text' did not appear on the screen" "$log"
	else
		check_console "handoff/$hs_name" "$log" "$hs_want" ""
	fi
}

# screen_text DUMP: the VGA text cells QEMU's pmemsave wrote (a character
# and an attribute byte each) as 25 lines of 80 characters, as
# codepage-qemu reads them (tools/qemu-screen.c): NUL blank, other
# unprintable bytes '.'
screen_text() {
	[ -f "$1" ] || return 0
	od -An -v -tu1 -w2 "$1" | awk '{
		c = $1 + 0
		printf "%c", (c >= 32 && c < 127) ? c : c ? 46 : 32
		if (++n % 80 == 0) printf "\n"
	}'
}

# verify_case NAME OUTDIR WANT OPTIONS...: codepage-qemu boots OUTDIR with
# OPTIONS (a --corrupt among them, or none) and the destination is WANT:
# entered (regcheck passes) or stopped (the codepage refused to jump).
# Logs in $WORK/verify.
verify_case() {
	n=$1 d=$2 want=$3
	shift 3
	mkdir -p "$WORK/verify"
	if [ "$want" = entered ]; then
		set -- --expect 'regcheck: PASS' "$@"
	else
		set -- --expect 'differs (or never came): stopped' "$@"
	fi
	"$QEMU_RUN" --timeout 30 "$@" "$d" >"$WORK/verify/$n.log" 2>&1
	st=$?
	if ! clean_log "$WORK/verify/$n.log"; then
		fail "verify/$n" "sanitizer" "$WORK/verify/$n.log"
	elif [ $st -eq 0 ] && { [ "$want" = entered ] ||
		! grep -q '^regcheck: ' "$WORK/verify/$n.log"; }; then
		pass "verify/$n"
	else
		fail "verify/$n" "exit $st, wanted the destination $want" \
			"$WORK/verify/$n.log"
	fi
}

# trail_case NAME OUTDIR TRAIL OPTIONS...: intact, with the trail (lines
# after "mkcodepage: ", ';'-separated) exactly as given
trail_case() {
	n=$1 d=$2 trail=$3
	shift 3
	verify_case "$n" "$d" entered "$@"
	tr -d '\r' <"$WORK/verify/$n.log" | sed -n 's/^mkcodepage: //p' |
		tr '\n' ';' >"$WORK/verify/$n.trail"
	if [ "$(cat "$WORK/verify/$n.trail")" = "$trail;" ]; then
		pass "verify/$n-trail"
	else
		fail "verify/$n-trail" "the trail reads '$(cat "$WORK/verify/$n.trail")', not '$trail;'" \
			"$WORK/verify/$n.log"
	fi
}
