# SPDX-License-Identifier: MIT
# shellcheck shell=sh
#
# handoff.sh - x86_64's part of set "handoff" (arch/x86_64/tests/sets.txt).
# shellcheck source=tests/lib/verdicts.sh
. "$SRCTREE/tests/lib/verdicts.sh"
# shellcheck source=tests/lib/boot.sh
. "$SRCTREE/tests/lib/boot.sh"
# shellcheck source=arch/x86_64/tests/x86-destinations.sh
. "$SRCTREE/arch/x86_64/tests/x86-destinations.sh"

# handoff: Debian's amd64 kernel boots on q35 with an initramfs holding
# kexec-codepage and an OUTDIR; its init runs kexec-codepage --exec, and
# Linux's own relocate_kernel enters the codepage (placed mode, a stock
# kernel). No kexec-tools, no purgatory.
handoff_x86_64() {
	k=$BUILD/debian-amd64
	h=$WORK/handoff-x86
	if [ ! -x "$OBJTREE/kexec-codepage.x86_64" ] ||
		[ ! -x "$BUILD/tests/handoff-init.x86_64" ]; then
		missing handoff-x86_64 "no x86_64-linux-gnu-gcc for the loader"
		return
	fi
	if ! sh "$SRCTREE/tools/fetch-debian-kernel.sh" amd64 "$k" \
		>"$WORK/fetch-amd64.log" 2>&1; then
		missing handoff-x86_64 "Debian's amd64 kernel could not be fetched (see apt)"
		return
	fi
	x86_old=$k/vmlinuz
	mkdir -p "$h"
	x86_handoff_build regcheck regcheck "$h" \
		"$BUILD/samples/x86_64/regcheck.elf" || return
	x86_handoff_boot x86_64-regcheck "$h/out-regcheck" \
		"handoff: old kernel up;mkcodepage: entered;mkcodepage: memory mapped;mkcodepage: segments checked;mkcodepage: jumping;regcheck: pc=0x01000000 mode=64 cs=0x00000010 if=0;rsi=0x02000000 rdi=0x0000000123456789 rbp=0x0000c0de"
	# Secure Boot's lockdown, from the command line: the loader reads
	# the mode and says why before it loads anything (exit 2)
	x86_handoff_boot x86_64-lockdown "$h/out-regcheck" \
		"handoff: old kernel up;the kernel is locked down (integrity;[kexec-lockdown];exitcode=0x00000200" \
		lockdown=integrity
	x86_handoff_linux "$h"
	x86_handoff_612 "$h"
	x86_handoff_686 "$h"
}

# x86_handoff_build NAME FIXTURE DIR KERNEL [OPTION...]: mkcodepage on
# handoff/FIXTURE.dts (copied into DIR: its paths are from there) and
# KERNEL, into DIR/out-NAME; a failure is test handoff/x86_64-NAME-build.
x86_handoff_build() {
	hb_name=$1 hb_dir=$3
	cp "$SRCTREE/arch/x86_64/tests/handoff/$2.dts" "$hb_dir/"
	hb_desc=$hb_dir/$2.dts hb_kernel=$4
	shift 4
	build_case "$hb_dir/out-$hb_name" "$hb_dir/$hb_name.log" "$hb_desc" \
		"$hb_kernel" "$@" && return
	fail "handoff/x86_64-$hb_name-build" "" "$hb_dir/$hb_name.log"
	return 1
}

# x86_handoff_boot NAME OUTDIR EXPECTED [CMDLINE] [QEMU-OPTIONS]: the old
# kernel ($x86_old) with an initramfs around OUTDIR, on q35 with 1 GiB (CMDLINE
# added to its command line); the console checked.
x86_handoff_boot() {
	handoff_initramfs "$1" x86_64 "$2"
	# shellcheck disable=SC2086 # QEMU-OPTIONS: words
	handoff_run "$1" "$2" "$3" qemu-system-x86_64 -M q35 -m 1G ${5:-} \
		-kernel "$x86_old" -initrd "$WORK/$1.cpio" \
		-append "console=ttyS0 panic=-1 quiet${4:+ $4}"
}

# handoff, protocol linux-x86: the destination is Debian's kernel again,
# with boot_params from the description (e820 with reserved ranges, its
# command line, an initrd holding init alone, which prints the command
# line and powers off)
x86_handoff_linux() {
	second_initrd x86_64 "$1"
	x86_handoff_build linux linux "$1" "$BUILD/debian-amd64/vmlinuz" ||
		return
	x86_handoff_boot x86_64-linux "$1/out-linux" \
		"handoff: old kernel up;mkcodepage: segments checked;mkcodepage: jumping;Command line: console=ttyS0 panic=-1 rdinit=/init mkcodepage.marker=second;BIOS-e820: [mem 0x000000003fe00000-0x000000003fffffff] reserved;Freeing initrd memory;handoff: second kernel up: console=ttyS0 panic=-1 rdinit=/init mkcodepage.marker=second;reboot: Power down"
	# SMP: the old kernel hands off from its second CPU (reboot=s1:
	# kernel_kexec moves to it and stops the other); the destination's
	# boot CPU is that one, and it starts the other with INIT and SIPI
	x86_handoff_boot x86_64-linux-smp-from-cpu1 "$1/out-linux" \
		"handoff: old kernel: cpus online 0-1;handoff: old kernel: cpu1 is apicid 1;handoff: second kernel up;handoff: second kernel: cpus online 0-1;handoff: second kernel: cpu0 is apicid 1;reboot: Power down" \
		reboot=s1 "-smp 2"
	# the same kernel at its 32-bit entry, as a 32-bit loader enters it
	x86_handoff_build linux-entry32 linux-entry32 "$1" \
		"$BUILD/debian-amd64/vmlinuz" || return
	x86_handoff_boot x86_64-linux-entry32 "$1/out-linux-entry32" \
		"handoff: old kernel up;mkcodepage: jumping;Command line: console=ttyS0 panic=-1 rdinit=/init mkcodepage.marker=second;handoff: second kernel up: console=ttyS0 panic=-1 rdinit=/init mkcodepage.marker=second;reboot: Power down"
	# the same destination as one blob over the kernel's own destination,
	# entered in 32-bit protected mode as a bootloader's go leaves it: the
	# mover steps aside, moves every segment, and the codepage goes on to
	# long mode and Debian's kernel
	x86_handoff_build blob-linux linux "$1" "$BUILD/debian-amd64/vmlinuz" \
		--blob || return
	log=$WORK/handoff-x86_64-blob-linux.log
	"$QEMU_RUN" --mode blob --at 0x1000000 --state protected --timeout 120 \
		--expect "reboot: Power down" "$1/out-blob-linux" >"$log" 2>&1
	st=$?
	if [ $st -ne 0 ]; then
		fail handoff/x86_64-blob-linux "exit $st" "$log"
	else
		check_console handoff/x86_64-blob-linux "$log" \
			"mkcodepage: segments checked;mkcodepage: jumping;Command line: console=ttyS0 panic=-1 rdinit=/init mkcodepage.marker=second;Freeing initrd memory;handoff: second kernel up: console=ttyS0 panic=-1 rdinit=/init mkcodepage.marker=second;reboot: Power down" \
			"$1/out-blob-linux/kernel.0.bin"
	fi
}

# Debian's 6.12 LTS amd64 kernel (linux-image-6.12-amd64, bookworm-security)
# as the old kernel, handing off to Debian 12's 6.1 (an older kernel, the
# case kexec's own relocate_kernel was never meant for), and as the
# destination of 6.1; linux-x86 reads either's setup header.
x86_handoff_612() {
	k612=$BUILD/debian-amd64-6.12
	debian_kernel handoff/x86_64-6.12 amd64 "$k612" linux-image-6.12-amd64 ||
		return
	x86_handoff_build linux-6.12 linux "$1" "$k612/vmlinuz" || return
	up="handoff: second kernel up: console=ttyS0 panic=-1 rdinit=/init mkcodepage.marker=second;reboot: Power down"
	x86_handoff_boot x86_64-6.1-to-6.12 "$1/out-linux-6.12" \
		"handoff: old kernel is Linux 6.1.;mkcodepage: jumping;Linux version 6.12.;$up"
	x86_61=$x86_old
	x86_old=$k612/vmlinuz
	x86_handoff_boot x86_64-6.12-to-6.1 "$1/out-linux" \
		"handoff: old kernel is Linux 6.12.;mkcodepage: jumping;Linux version 6.1.;$up"
	x86_old=$x86_61
}

# handoff to and from a 32-bit Linux: Debian's 686 kernel, which has no
# 64-bit entry. From the amd64 kernel through linux-x86's 32-bit entry,
# on two CPUs (the destination starts the second itself), with an initrd
# holding an i386 init. Then as the old kernel: kexec-codepage.i386 loads
# the codepage and relocate_kernel_32 enters it in 32-bit protected mode
# with paging off; its 32-bit entry goes on in long mode, which this CPU
# has, to regcheck in 64-bit mode and to the 686 kernel again. A CPU
# without long mode needs a 32-bit codepage: the loader says so.
x86_handoff_686() {
	x86_kernel_686 handoff-x86_64 || return
	h686=$1/686
	mkdir -p "$h686"
	second_initrd i386 "$h686"
	x86_handoff_build linux-686 linux-686 "$h686" "$k686/vmlinuz" || return
	up686="handoff: second kernel up: console=ttyS0 panic=-1 rdinit=/init mkcodepage.marker=second-686"
	x86_handoff_boot x86_64-linux-686 "$h686/out-linux-686" \
		"handoff: old kernel up;mkcodepage: segments checked;mkcodepage: jumping;-686 (debian-kernel@lists.debian.org);Kernel command line: console=ttyS0 panic=-1 rdinit=/init mkcodepage.marker=second-686;BIOS-e820: [mem 0x000000003fe00000-0x000000003fffffff] reserved;Freeing initrd memory;$up686;handoff: second kernel: cpus online 0-1;reboot: Power down" \
		"" "-smp 2"
	x86_686_boot x86_64-from-686-regcheck "$1/out-regcheck" \
		"handoff: old kernel up;mkcodepage: entered (32-bit);mkcodepage: segments checked;regcheck: pc=0x01000000 mode=64 cs=0x00000010 if=0;rsi=0x02000000 rdi=0x0000000123456789 rbp=0x0000c0de"
	x86_686_boot x86_64-from-686-linux-686 "$h686/out-linux-686" \
		"-686 (debian-kernel@lists.debian.org);handoff: old kernel: cpus online 0-1;mkcodepage: entered (32-bit);mkcodepage: jumping;$up686;handoff: second kernel: cpus online 0-1;reboot: Power down" \
		"-smp 2"
	# on a CPU without long mode (QEMU's qemu32) the loader refuses the
	# x86_64 codepage before loading anything (exit 2, init's exit code)
	x86_686_boot x86_64-from-686-no-long-mode "$1/out-regcheck" \
		"handoff: old kernel up;this CPU has no long mode;[no-long-mode];exitcode=0x00000200" \
		"-cpu qemu32"
}

# x86_686_boot NAME OUTDIR EXPECTED [QEMU-OPTIONS]: Debian's 686 kernel, the
# old one, with an initramfs around OUTDIR and kexec-codepage.i386, on q35
# with 1 GiB; the console checked.
x86_686_boot() {
	handoff_initramfs "$1" i386 "$2"
	# shellcheck disable=SC2086 # QEMU-OPTIONS: words
	handoff_run "$1" "$2" "$3" qemu-system-x86_64 -M q35 -m 1G ${4:-} \
		-kernel "$k686/vmlinuz" -initrd "$WORK/$1.cpio" \
		-append "console=ttyS0 panic=-1 quiet"
}

handoff_x86_64
