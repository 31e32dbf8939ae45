# SPDX-License-Identifier: MIT
# shellcheck shell=sh
#
# kernels.sh - set "kernels": real
# Linux 6.12 kernels, built from Debian's linux-source-6.12 by
# tools/build-linux.sh (cached outside the clone), with the KEXEC_CODEPAGE
# patches (placed and list) or without (placed, and --list refused), hand
# off through the codepage in QEMU to the cases of each arch's
# tests/kernel-cases.txt (the kernel's recipe: its arch.conf, kernel_*);
# each Linux destination also boots as a blob, at reset.
#
# The cases: Linux 6.12 built from Debian's linux-source-6.12 with the
# KEXEC_CODEPAGE patches boots in QEMU; its init runs kexec-codepage
# --exec, once placed (the kernel copies the segments and enters the
# codepage's placed entry, as every stock kernel does) and once with
# --list (the kernel runs the codepage as its relocation code). Every
# ';'-separated text must appear on the console; a regcheck destination
# must also report the checksum of its bytes (its PASS line, printed last,
# is listed so that QEMU is not stopped before it). Columns:
#   name | arch | old kernel | QEMU options | old kernel's command line |
#   destination | description | expected
# old kernel: patched (with the KEXEC_CODEPAGE series: placed and list) or
# stock (Debian's source as it is: placed, and --list must be refused
# clearly with [no-codepage-support]). QEMU options come after the arch's
# kernel_qemu: more CPUs with -smp; the old kernel's command line may add
# reboot=sN (kernel_kexec moves to CPU N and hands off from there).
# destination: regcheck, regcheck-high, Image, zImage (the samples), uboot
# (Debian's u-boot-qemu, the arch's kernel_uboot) or linux (the same
# kernel, with its own initramfs). description: a file in the arch's
# tests/kernels/ (its fdt is QEMU's tree, qemu.dtb, or another tree
# there). @same-cpu in the expected texts: the destination's first CPU
# must be the one the old kernel listed as CPU N (their hardware ids, as
# init prints them). @list-only: the case runs in list mode only.
# KERNEL_ARCHES="ppc32-e500 ..." and KERNEL_CASES="name|name..." (an
# extended regular expression) narrow the set while you work.
# shellcheck source=tests/lib/verdicts.sh
. "$SRCTREE/tests/lib/verdicts.sh"
# shellcheck source=tests/lib/boot.sh
. "$SRCTREE/tests/lib/boot.sh"

# all_seen LOG TEXTS: every ';'-separated text is in LOG.
all_seen() {
	ifs=$IFS IFS=';'
	for text in $2; do
		IFS=$ifs
		grep -qF -- "$text" "$1" || return 1
	done
	IFS=$ifs
}

# boot_until LOG SECONDS TEXTS QEMU-COMMAND...: run QEMU until every text
# is on its console, it exits, or SECONDS pass. A guest that reached its
# goal need not power off (e500 Linux cannot): QEMU is stopped. Returns 0
# when stopped, QEMU's status when it exited by itself, 124 on timeout.
boot_until() {
	log=$1 secs=$2 want=$3
	shift 3
	: >"$log"		# there before the first look, not when QEMU opens it
	"$@" </dev/null >"$log" 2>&1 &
	qpid=$!
	ticks=0
	while kill -0 "$qpid" 2>/dev/null; do
		if all_seen "$log" "$want" || [ $ticks -ge $((secs * 4)) ]; then
			kill "$qpid" 2>/dev/null
			wait "$qpid" 2>/dev/null
			all_seen "$log" "$want" && return 0
			return 124
		fi
		sleep 0.25
		ticks=$((ticks + 1))
	done
	wait "$qpid"
}

# kernel_recipe ARCH QEMU-OPTIONS: QEMU's command for the old kernel
# (KQEMU: the arch's kernel_qemu, then the case's options, which win;
# without kernel and initrd), the image to boot (KIMAGE, in the build
# directory), its console (KCON) and the kexec-codepage and init to use
# (KLOADER: the arch's target), from its arch.conf (tools/arches.sh).
kernel_recipe() {
	arch_conf "$1"
	KQEMU="$kernel_qemu $2" KIMAGE=$kernel_boot KCON=$kernel_console
	KLOADER=$target
}

# kernel_destination ARCH DESTINATION KERNEL-DIR: the destination's file
# (DKERNEL); kernel_recipe ARCH first.
kernel_destination() {
	case $2 in
	regcheck*) DKERNEL=$BUILD/samples/$1/$2.elf ;;
	Image | zImage) DKERNEL=$BUILD/samples/$1/$2 ;;
	linux) DKERNEL=$3/$KIMAGE ;;
	uboot) DKERNEL=$kernel_uboot ;;
	esac
}

# initramfs DIR: a newc cpio of everything in DIR, in a stable order.
initramfs() {
	(cd "$1" && find . | LC_ALL=C sort | cpio -o -H newc --quiet)
}

# same_cpu LOG CMDLINE: with reboot=sN, the destination's first CPU is the
# one the old kernel listed as CPU N (init prints their hardware ids).
same_cpu() {
	n=$(echo "$2" | sed -n 's/.*reboot=s\([0-9]*\).*/\1/p')
	old=$(sed -n "s/.*handoff: old kernel: cpu$n is \([a-z_]* [0-9]*\).*/\1/p" "$1")
	new=$(sed -n 's/.*handoff: second kernel: cpu0 is \([a-z_]* [0-9]*\).*/\1/p' "$1")
	[ -n "$n" ] && [ -n "$old" ] && [ "$old" = "$new" ]
}

# kernel_boot NAME MODE OUTDIR EXPECTED KERNEL-DIR CMDLINE: the old kernel
# loads OUTDIR and reboots into it, placed or (MODE list) through
# KEXEC_CODEPAGE; MODE refused: --list on a kernel without the patches,
# which the loader must refuse clearly (exit 2, init's exit code in the
# kernel's panic). CMDLINE: more of the old kernel's command line.
kernel_boot() {
	stage=$WORK/ks-$1-$2
	log=$WORK/kernels-$1-$2.log
	mkdir -p "$stage/bin" "$stage/cp"
	case $2 in
	list) : >"$stage/kexec-list" ;;
	refused) : >"$stage/kexec-list"
		set -- "$1" "$2" "$3" "does not take a codepage;[no-codepage-support];exitcode=0x00000200" "$5" "$6" ;;
	esac
	cp "$BUILD/tests/handoff-init.$KLOADER" "$stage/init"
	cp "$OBJTREE/kexec-codepage.$KLOADER" "$stage/bin/kexec-codepage"
	cp "$3"/* "$stage/cp/"
	initramfs "$stage" >"$stage.cpio"
	want=$(echo "handoff: old kernel up;$4" | sed 's/;@[a-z-]*//g')
	# shellcheck disable=SC2086 # KQEMU: words
	boot_until "$log" 150 "$want" $KQEMU \
		-nodefaults -display none -serial stdio -monitor none -no-reboot \
		-kernel "$5/$KIMAGE" -initrd "$stage.cpio" \
		-append "console=$KCON panic=-1 quiet${6:+ $6}"
	st=$?
	if [ $st -eq 124 ]; then
		fail "kernels/$1/$2" "not all of the expected text within 150 s" "$log"
	elif [ $st -ne 0 ]; then
		fail "kernels/$1/$2" "QEMU failed (exit $st)" "$log"
	elif case $4 in *@same-cpu*) ! same_cpu "$log" "$6" ;; *) false ;; esac; then
		fail "kernels/$1/$2" "the destination's first CPU is not the one handed off from" "$log"
	else
		check_console "kernels/$1/$2" "$log" "$want" "$3/kernel.0.bin"
	fi
}

# kernel_case NAME ARCH QEMU-OPTIONS DESTINATION DESCRIPTION EXPECTED
#             KERNEL-DIR MODES CMDLINE
kernel_case() {
	d=$WORK/k-$1
	mkdir -p "$d/second"
	kernel_recipe "$2" "$3"
	kernel_destination "$2" "$4" "$7"
	# shellcheck disable=SC2086
	[ "$kernel_dtb" = none ] ||
		dump_dtb "kernels/$1/qemu-dtb" "$d/qemu.dtb" $KQEMU -kernel "$7/$KIMAGE" ||
		return
	cp "$BUILD/tests/handoff-init.$KLOADER" "$d/second/init"
	initramfs "$d/second" | gzip -n >"$d/initrd-second.cpio.gz"
	cp "$SRCTREE/arch/$2/tests/kernels/"*.dts "$d/"	# descriptions, trees
	if ! "$MKCP" -d "$d/$5" -k "$DKERNEL" -o "$d/out" >"$d/mk.log" 2>&1; then
		fail "kernels/$1/build" "" "$d/mk.log"
		return
	fi
	for mode in $8; do
		kernel_boot "$1" "$mode" "$d/out" "$6" "$7" "$9"
	done
	# a Linux destination also as one blob loaded 2 MiB into the kernel's
	# own destination (past what QEMU keeps at the start of RAM), started
	# by QEMU at reset (codepage-qemu --reset: e500's ePAPR payload,
	# after OpenSBI on riscv64, the generic loader on arm64 and arm)
	[ "$4" = linux ] && [ "$8" = "placed list" ] || return 0
	[ "$kernel_blob" != none ] || return 0
	case $3 in *-smp*) return 0 ;; esac
	at=$(sed -n 's/^segment 1 mem=\(0x[0-9a-f]*\) .*/\1/p' "$d/out/segments.txt")
	at=$(printf '0x%x' $((at + 0x200000)))
	el=$kernel_blob
	case $3 in *virtualization=on*) el=$kernel_blob_virt ;; esac
	if ! "$MKCP" -d "$d/$5" -k "$DKERNEL" -o "$d/blob" --blob \
		>"$d/blob.log" 2>&1; then
		fail "kernels/$1/blob-build" "" "$d/blob.log"
		return
	fi
	blob_case "$1-at-reset" "$d/blob" "${6##*;}" "$6" "--at=$at --reset $el"
}

# kernel_build ARCH OLD-KERNEL: the kernel's build directory in KDIR, built
# (or taken from the cache) with its progress on the console. OLD-KERNEL:
# patched (the KEXEC_CODEPAGE series) or stock (Debian's source as it is).
kernel_build() {
	opt=
	[ "$2" = stock ] && opt=--stock
	{ sh "$SRCTREE/tools/build-linux.sh" "$1" $opt 2>&1 >"$WORK/kdir-$1-$2"
		echo $? >"$WORK/kdir-$1-$2.status"; } | tee "$WORK/build-linux-$1-$2.log"
	KDIR=$(cat "$WORK/kdir-$1-$2")
	if [ "$(cat "$WORK/kdir-$1-$2.status")" -ne 0 ] || [ ! -d "$KDIR" ]; then
		fail "kernels/$1-$2/build-linux" "" "$WORK/build-linux-$1-$2.log"
		return 1
	fi
}

# A patched kernel hands off placed and list; a stock one placed, and must
# be refused --list clearly. Stock first: its build makes the patched one
# on the way (tools/build-linux.sh --stock).
set_kernels() {
	arch_tables kernel-cases.txt >"$WORK/kernels.table"
	for arch in ${KERNEL_ARCHES:-$arches}; do
		kernel_recipe "$arch" x
		[ -n "$kernel_karch" ] || continue
		if [ ! -x "$OBJTREE/kexec-codepage.$KLOADER" ] ||
			[ ! -x "$BUILD/tests/handoff-init.$KLOADER" ]; then
			missing "kernels/$arch" "no $KLOADER cross compiler (tools/install-deps.sh installs it)"
			continue
		fi
		for old in stock patched; do
			grep "^[^|]*|$arch|$old|" "$WORK/kernels.table" |
				grep -E "^(${KERNEL_CASES:-[^|]+})\|" \
				>"$WORK/kernels-$arch-$old.table"
			[ -s "$WORK/kernels-$arch-$old.table" ] || continue
			kernel_build "$arch" "$old" || continue
			modes="placed list"
			[ $old = stock ] && modes="placed refused"
			while IFS="|" read -r name _ _ qemu cmdline dest desc expected; do
				case $expected in
				*@list-only*) m=list ;;
				*) m=$modes ;;
				esac
				kernel_case "$name" "$arch" "$qemu" "$dest" "$desc" \
					"$expected" "$KDIR" "$m" "$cmdline"
			done <"$WORK/kernels-$arch-$old.table"
		done
	done
}

set_kernels
