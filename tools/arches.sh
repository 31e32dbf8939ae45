# SPDX-License-Identifier: MIT
#
# arches.sh - sourced by the project's shell scripts: $arches, the list in
# arch/list, and arch_conf ARCH, which sets what arch/ARCH/arch.conf says
# of it (and nothing left over from another arch). Needs $src, the source
# tree.
#
# arch.conf holds plain sh assignments:
#   debian_packages Debian packages its build, samples and tests need
#   debian_arch     its Debian architecture, when tests download its
#                   packages (handoff kernels); empty otherwise
#   target          suffix of its target programs (kexec-codepage.TARGET)
#   binutils        its GNU binutils' prefix
#   sample_desc     a description in arch/ARCH/samples/ booting regcheck
#   sample_kernel   the regcheck it boots, in BUILD/samples/ARCH/
#   bench_desc      the bench's description, in arch/ARCH/
#   bench_qemu      codepage-qemu options for the bench's boots
#   bench_copy_target   most instructions per byte the list copy may take
#   bench_reference     what the reference copier (bench/linux-copy.s) is
#   bench_size_target   most bytes the codepage may take
#   bench_blob_at   where the bench loads its blob: clear of every
#                   destination, so the mover never steps aside
#   big_at          where a segment of up to 64 MiB fits (its load = <...>)
#                   in sample_desc and in bench_desc, with room left for a
#                   list of its pages: the bench's 8 MiB more, set qemu's
#                   64 MiB list
# and, for an arch whose Linux 6.12 the tests build (tools/build-linux.sh,
# set kernels; empty kernel_karch: none):
#   kernel_karch    the kernel's ARCH
#   kernel_cross    its CROSS_COMPILE
#   kernel_image    the image its build makes besides vmlinux (a path in
#                   the kernel tree), empty: none
#   kernel_boot     the file QEMU boots: vmlinux, or the image's name
#   kernel_qemu     QEMU's command for it, before a case's own options
#   kernel_console  its console
#   kernel_uboot    Debian's U-Boot as a destination, empty: none
#   kernel_blob     codepage-qemu's entry state for a destination blob at
#                   reset, kernel_blob_virt on virtualization=on; none: no
#                   blob at reset (x86 starts in real mode)
#   kernel_dtb      none: the machine has no device tree to dump (x86)
# shellcheck disable=SC2154 # src: the sourcing script's
arches=$(sed -e 's/#.*//' "$src/arch/list")

arch_conf() {
	debian_packages='' debian_arch='' target='' binutils='' sample_desc=''
	sample_kernel='' bench_desc='' bench_qemu='' bench_copy_target=''
	bench_reference='' bench_size_target='' bench_blob_at=''
	big_at=''
	kernel_karch='' kernel_cross='' kernel_image='' kernel_boot=''
	kernel_qemu='' kernel_console='' kernel_uboot='' kernel_blob=''
	kernel_blob_virt='' kernel_dtb=''
	# shellcheck source=/dev/null # the arch's, named at run time
	. "$src/arch/$1/arch.conf"
}

# desc_derive DESCRIPTION NEW SED-EXPRESSION: NEW is DESCRIPTION changed by
# the expression, the files it names still found from where DESCRIPTION
# lies
desc_derive() {
	sed -e "$3" \
		-e "s|file = \"\\([^/\"][^\"]*\\)\"|file = \"$(dirname "$1")/\\1\"|" \
		"$1" >"$2"
}

# desc_with_big DESCRIPTION NEW FILE: DESCRIPTION with one segment more,
# "big", of FILE (an absolute path without '|' or '&') at the arch's big_at
# (arch_conf first)
desc_with_big() {
	desc_derive "$1" "$2" \
		"s|^\\(\\s*\\)segments {|&\\n\\t\\tbig { file = \"$3\"; load = $big_at; };|"
}
