# SPDX-License-Identifier: MIT
# shellcheck shell=sh
#
# handoff.sh - i386's part of set "handoff" (arch/i386/tests/sets.txt):
# Debian's 686 kernel on QEMU's qemu32, a CPU without long mode, boots
# with an initramfs holding kexec-codepage.i386 and an i386 OUTDIR; its
# init runs kexec-codepage --exec, and the kernel's own relocate_kernel_32
# enters the codepage (placed mode, a stock kernel) in 32-bit protected
# mode with paging off. No kexec-tools, no purgatory.
# shellcheck source=tests/lib/verdicts.sh
. "$SRCTREE/tests/lib/verdicts.sh"
# shellcheck source=tests/lib/boot.sh
. "$SRCTREE/tests/lib/boot.sh"
# shellcheck source=arch/x86_64/tests/x86-destinations.sh
. "$SRCTREE/arch/x86_64/tests/x86-destinations.sh"

handoff_i386() {
	x86_kernel_686 handoff-i386 || return
	h=$WORK/handoff-i386
	mkdir -p "$h"
	# to regcheck: the trail, the registers, every byte
	i386_build regcheck "$h" "$BUILD/samples/i386/regcheck.elf" || return
	i386_boot i386-regcheck "$h/out-regcheck" \
		"handoff: old kernel up;mkcodepage: entered;mkcodepage: segments checked;mkcodepage: jumping;regcheck: pc=0x01000000 mode=32 pg=0 cs=0x00000010 if=0;eax=0x2badb002 ebx=0x02000000;esi=0x12345678 edi=0x00000000 ebp=0x0000c0de"
	# to the 686 kernel again, at its 32-bit entry, on two CPUs, with its
	# own initramfs and command line
	second_initrd i386 "$h"
	i386_build linux-686 "$h" "$k686/vmlinuz" || return
	i386_boot i386-linux-686 "$h/out-linux-686" \
		"-686 (debian-kernel@lists.debian.org);handoff: old kernel: cpus online 0-1;mkcodepage: entered;mkcodepage: segments checked;mkcodepage: jumping;Kernel command line: console=ttyS0 panic=-1 rdinit=/init mkcodepage.marker=second-686;BIOS-e820: [mem 0x000000003fe00000-0x000000003fffffff] reserved;handoff: second kernel up: console=ttyS0 panic=-1 rdinit=/init mkcodepage.marker=second-686;handoff: second kernel: cpus online 0-1;reboot: Power down" \
		"-smp 2"
	# to a Multiboot kernel nobody here wrote: Debian's grub-invaders,
	# whose aliens on the VGA text screen show it runs
	g=$BUILD/debian-grub-invaders
	if ! sh "$SRCTREE/tools/fetch-debian-packages.sh" amd64 "$g" \
		grub-invaders >"$WORK/fetch-i386-invaders.log" 2>&1; then
		missing handoff/i386-invaders "Debian's grub-invaders could not be fetched (see apt)"
		return
	fi
	i386_build invaders "$h" "$g/root/boot/invaders.exec" || return
	handoff_initramfs i386-invaders i386 "$h/out-invaders"
	handoff_screen i386-invaders \
		"handoff: old kernel up;mkcodepage: entered;mkcodepage: segments checked;mkcodepage: jumping" \
		"-*-" \
		qemu-system-i386 -cpu qemu32 -M q35 -m 1G \
		-kernel "$k686/vmlinuz" -initrd "$WORK/i386-invaders.cpio" \
		-append "console=ttyS0 panic=-1 quiet"
}

# i386_build NAME DIR KERNEL: mkcodepage on handoff/NAME.dts (copied into
# DIR: its paths are from there) and KERNEL, into DIR/out-NAME; a failure
# is test handoff/i386-NAME-build.
i386_build() {
	cp "$SRCTREE/arch/i386/tests/handoff/$1.dts" "$2/"
	build_case "$2/out-$1" "$2/$1.log" "$2/$1.dts" "$3" && return
	fail "handoff/i386-$1-build" "" "$2/$1.log"
	return 1
}

# i386_boot NAME OUTDIR EXPECTED [QEMU-OPTIONS]: Debian's 686 kernel, the
# old one, with an initramfs around OUTDIR and kexec-codepage.i386, on q35
# with 1 GiB and the qemu32 CPU; the console checked.
i386_boot() {
	handoff_initramfs "$1" i386 "$2"
	# shellcheck disable=SC2086 # QEMU-OPTIONS: words
	handoff_run "$1" "$2" "$3" qemu-system-i386 -cpu qemu32 -M q35 -m 1G \
		${4:-} -kernel "$k686/vmlinuz" -initrd "$WORK/$1.cpio" \
		-append "console=ttyS0 panic=-1 quiet"
}

handoff_i386
