#!/bin/sh
# SPDX-License-Identifier: MIT
#
# build-linux.sh - build the Linux 6.1 kernels the tests boot, from Debian's
# own source (package linux-source-6.1), with the project's patch series
# (kernel/linux-6.1/*.patch; without them for --stock) and a config
# fragment per arch (kernel/linux-6.1/ARCH.config, applied with
# allnoconfig). Debian 12 ships no e500 or riscv64 kernel; arm64's and
# arm's are built too, to carry the patches.
#
# The result is cached outside the clone, in
#   ${MKCODEPAGE_CACHE:-${XDG_CACHE_HOME:-~/.cache}/mkcodepage}/linux-6.1[-stock]-ARCH-KEY/
# where KEY hashes every input: the source tarball, the fragment, the
# patches, this script and the cross compiler's and linker's versions. A
# second run with the same inputs prints the directory at once.
# Progress goes to stderr; the directory (holding vmlinux, and Image where
# the arch has one) is the one line on stdout.
# Usage: build-linux.sh ARCH [--stock]     (an arch whose arch.conf has a
#                                          kernel_karch: ppc32-e500, riscv64,
#                                          arm64, arm)
set -eu

arch=${1:?usage: build-linux.sh ARCH [--stock]}
src=$(cd "$(dirname "$0")/.." && pwd)
kdir=$src/kernel/linux-6.1
tarball=/usr/src/linux-source-6.1.tar.xz

# The recipe is the arch's arch.conf (kernel_karch, kernel_cross,
# kernel_image: tools/arches.sh).
. "$src/tools/arches.sh"
kernel_karch=
for a in $arches; do
	[ "$a" != "$arch" ] || arch_conf "$arch"
done
if [ -z "$kernel_karch" ]; then
	echo "build-linux: no kernel recipe for arch '$arch'" >&2
	exit 2
fi
karch=$kernel_karch cross=$kernel_cross image=$kernel_image
variant=linux-6.1
case ${2:-} in
--stock) variant=linux-6.1-stock ;;
"") ;;
*) echo "build-linux: unknown option '$2'" >&2; exit 2 ;;
esac
# The patches, in the order they apply, as the positional parameters.
set -- "$kdir"/*.patch
{ [ -e "$1" ] && [ $variant = linux-6.1 ]; } || set --

say() { echo "build-linux: $arch: $*" >&2; }
need() {
	command -v "$1" >/dev/null 2>&1 ||
		{ say "$1 is missing (Debian package $2; make deps installs it)"; exit 2; }
}
[ -r "$tarball" ] ||
	{ say "$tarball is missing (Debian package linux-source-6.1)"; exit 2; }
need "${cross}gcc" "gcc-${cross%-}"
need flex flex
need bison bison
need bc bc
need patch patch

cache=${MKCODEPAGE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/mkcodepage}
mkdir -p "$cache"
# The key: every input, each hashed; patches in the order they apply.
key=$({
	sha256sum "$tarball" | cut -d' ' -f1
	sha256sum "$kdir/$arch.config" "$0" | cut -d' ' -f1
	echo "$variant $karch $cross $image"
	for p in "$@"; do
		sha256sum "$p" | cut -d' ' -f1
	done
	"${cross}gcc" --version | head -n 1
	"${cross}ld" --version | head -n 1
} | sha256sum | cut -c1-16)
out=$cache/$variant-$arch-$key
if [ -f "$out/done" ]; then
	echo "$out"
	exit 0
fi

# One build per key at a time; a second caller waits and reuses it.
exec 9>"$cache/.lock-$variant-$arch"
flock 9
# Holding the lock, any build directory of this arch is a dead run's.
rm -rf "$cache"/.build-$variant-$arch.*
if [ -f "$out/done" ]; then
	echo "$out"
	exit 0
fi
work=$(mktemp -d "$cache/.build-$variant-$arch.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
log=$work/build.log

say "building $variant from $tarball (about 4 minutes on 2 cores; cached in $out)"
say "extracting"
tar -xJf "$tarball" -C "$work"
tree=$work/linux-source-6.1
for p in "$@"; do
	say "applying $(basename "$p")"
	patch -d "$tree" -p1 --forward --quiet <"$p" >>"$log" 2>&1 ||
		{ say "patch $(basename "$p") does not apply:"; tail -n 20 "$log" >&2; exit 1; }
done

# The kernel's make must not inherit ours: `make check` passes O= (and any
# V=, CC= a user gave) to every make below it through MAKEFLAGS.
unset MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES GNUMAKEFLAGS
kmake() {
	make -C "$tree" ARCH="$karch" CROSS_COMPILE="$cross" \
		KBUILD_BUILD_TIMESTAMP=@0 KBUILD_BUILD_USER=mkcodepage \
		KBUILD_BUILD_HOST=mkcodepage "$@"
}
say "configuring (allnoconfig + $arch.config)"
kmake KCONFIG_ALLCONFIG="$kdir/$arch.config" allnoconfig >>"$log" 2>&1 ||
	{ say "configuration failed:"; tail -n 20 "$log" >&2; exit 1; }
[ -f "$tree/.config" ] ||
	{ say "allnoconfig wrote no .config:"; tail -n 20 "$log" >&2; exit 1; }
# allnoconfig drops a line whose dependencies fail without a word: check
# that every line of the fragment holds.
grep -E '^(CONFIG_[A-Za-z0-9_]+=|# CONFIG_[A-Za-z0-9_]+ is not set)' "$kdir/$arch.config" |
while read -r line; do
	grep -qxF "$line" "$tree/.config" && continue
	sym=$(echo "$line" | sed -n 's/^#* *\(CONFIG_[A-Za-z0-9_]*\).*/\1/p')
	# "is not set" also holds when the symbol is absent altogether
	case $line in "# "*) grep -q "^$sym=" "$tree/.config" || continue ;; esac
	say "$arch.config: '$line' does not hold after allnoconfig (a dependency is off)"
	exit 1
done || exit 1

jobs=$(nproc 2>/dev/null || echo 2)
say "compiling with $jobs jobs"
# One progress line per 250 objects, so a watcher sees it move.
kmake -j"$jobs" vmlinux ${image:+$(basename "$image")} 2>&1 | tee -a "$log" |
	awk -v a="$arch" '/^  CC /{ n++; if (n % 250 == 0) { printf "build-linux: %s: %d objects compiled\n", a, n > "/dev/stderr"; fflush("/dev/stderr") } }'
if [ ! -f "$tree/vmlinux" ] || { [ -n "$image" ] && [ ! -f "$tree/$image" ]; }; then
	say "the kernel build failed; the end of its log:"
	grep -E 'error|Error' "$log" | tail -n 20 >&2
	exit 1
fi
mkdir -p "$work/result"
cp "$tree/vmlinux" "$tree/.config" "$work/result/"
[ -n "$image" ] && cp "$tree/$image" "$work/result/"
: >"$work/result/done"
rm -rf "$out"
mv "$work/result" "$out"
# Older builds for this arch (other inputs) only take space.
for old in "$cache"/$variant-$arch-*; do
	[ "$old" = "$out" ] || rm -rf "$old"
done
say "done"
echo "$out"
