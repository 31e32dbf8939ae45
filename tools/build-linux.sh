#!/bin/sh
# SPDX-License-Identifier: MIT
#
# build-linux.sh - build the Linux 6.12 LTS kernels the tests boot, from
# Debian's own source (package linux-source-6.12), with the project's patch
# series (kernel/linux-6.12/*.patch; without them for --stock) and a config
# fragment per arch (kernel/linux-6.12/ARCH.config, applied with
# allnoconfig). Debian 12 ships no e500 or riscv64 kernel; arm64's and
# arm's are built too, to carry the patches.
#
# The result is cached outside the clone, in
#   ${MKCODEPAGE_CACHE:-${XDG_CACHE_HOME:-~/.cache}/mkcodepage}/linux-6.12[-stock]-ARCH-KEY/
# where KEY hashes every input: the source tarball, the fragment, the
# patches, this script and the cross compiler's and linker's versions. A
# second run with the same inputs prints the directory at once. Beside
# them, source-VARIANT.KEY/ holds the extracted (and patched) source every
# arch's build shares (1.4 GB). --stock builds the patched kernel first
# and then, in the same object directory, the series reversed: only what
# the series touches compiles twice, and both results are cached.
# Progress goes to stderr; the directory (holding vmlinux, and Image where
# the arch has one) is the one line on stdout.
# Usage: build-linux.sh ARCH [--stock]     (an arch whose arch.conf has a
#                                          kernel_karch: ppc32-e500, riscv64,
#                                          arm64, arm, x86_64, i386)
set -eu

arch=${1:?usage: build-linux.sh ARCH [--stock]}
src=$(cd "$(dirname "$0")/.." && pwd)
# The one line that names the kernel the series and the tests are for.
version=6.12
kdir=$src/kernel/linux-$version
tarball=/usr/src/linux-source-$version.tar.xz

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
patched=linux-$version
stock=no
case ${2:-} in
--stock) stock=yes ;;
"") ;;
*) echo "build-linux: unknown option '$2'" >&2; exit 2 ;;
esac
# The patches, in the order they apply, as the positional parameters.
set -- "$kdir"/*.patch
[ -e "$1" ] || set --
script=$0

started=$(date +%s)
say() { echo "build-linux: $arch: [$(($(date +%s) - started)) s] $*" >&2; }
need() {
	command -v "$1" >/dev/null 2>&1 ||
		{ say "$1 is missing (Debian package $2; make deps installs it)"; exit 2; }
}
[ -r "$tarball" ] ||
	{ say "$tarball is missing (Debian package linux-source-$version)"; exit 2; }
need "${cross}gcc" "gcc-${cross%-}"
need flex flex
need bison bison
need bc bc
need patch patch

cache=${MKCODEPAGE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/mkcodepage}
mkdir -p "$cache"
# build_key VARIANT PATCH...: the key of a build, every input hashed; the
# patches in the order they apply.
build_key() {
	{
		sha256sum "$tarball" | cut -d' ' -f1
		sha256sum "$kdir/$arch.config" "$script" | cut -d' ' -f1
		echo "$1 $karch $cross $image"
		shift
		for p in "$@"; do
			sha256sum "$p" | cut -d' ' -f1
		done
		"${cross}gcc" --version | head -n 1
		"${cross}ld" --version | head -n 1
	} | sha256sum | cut -c1-16
}
patched_out=$cache/$patched-$arch-$(build_key "$patched" "$@")
stock_out=$cache/$patched-stock-$arch-$(build_key "$patched-stock")
out=$patched_out
[ "$stock" = no ] || out=$stock_out
if [ -f "$out/done" ]; then
	echo "$out"
	exit 0
fi

# source_tree PATCH...: the source tree every arch's build shares (each
# builds in a directory of its own, O=), in tree: Debian's tarball
# extracted once and the patches applied, kept in the cache under a key of
# both. Six kernels from one tarball extract 1.4 GB once, not six times:
# on 2 cores that is most of a minute a kernel.
source_tree() {
	skey=$({
		sha256sum "$tarball" | cut -d' ' -f1
		for p in "$@"; do
			sha256sum "$p" | cut -d' ' -f1
		done
	} | sha256sum | cut -c1-16)
	tree=$cache/source-$patched.$skey
	exec 8>"$cache/.lock-source-$patched"
	flock 8
	if [ ! -f "$tree/.mkcodepage-done" ]; then
		# holding the lock, any half-made tree is a dead run's
		rm -rf "$cache"/.source-"$patched".*
		sdir=$(mktemp -d "$cache/.source-$patched.XXXXXX")
		say "extracting $tarball (once for every arch)"
		tar -xJf "$tarball" -C "$sdir"
		for p in "$@"; do
			say "applying $(basename "$p")"
			patch -d "$sdir/linux-source-$version" -p1 --forward \
				--quiet <"$p" >>"$sdir/patch.log" 2>&1 || {
				say "patch $(basename "$p") does not apply:"
				tail -n 20 "$sdir/patch.log" >&2
				rm -rf "$sdir"
				exit 1
			}
		done
		: >"$sdir/linux-source-$version/.mkcodepage-done"
		rm -rf "$tree"
		mv "$sdir/linux-source-$version" "$tree"
		rm -rf "$sdir"
		# trees of older inputs only take space
		for old in "$cache"/source-"$patched".*; do
			[ "$old" = "$tree" ] || rm -rf "$old"
		done
	fi
	exec 8>&-
}

# The kernel's make must not inherit ours: `make check` passes O= (and any
# V=, CC= a user gave) to every make below it through MAKEFLAGS.
unset MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES GNUMAKEFLAGS
kmake() {
	make -C "$tree" O="$obj" ARCH="$karch" CROSS_COMPILE="$cross" \
		KBUILD_BUILD_TIMESTAMP=@0 KBUILD_BUILD_USER=mkcodepage \
		KBUILD_BUILD_HOST=mkcodepage "$@"
}

# configure: allnoconfig with the fragment, every line of which must hold
# (allnoconfig drops a line whose dependencies fail without a word).
configure() {
	say "configuring (allnoconfig + $arch.config)"
	kmake KCONFIG_ALLCONFIG="$kdir/$arch.config" allnoconfig >>"$log" 2>&1 ||
		{ say "configuration failed:"; tail -n 20 "$log" >&2; exit 1; }
	[ -f "$obj/.config" ] ||
		{ say "allnoconfig wrote no .config:"; tail -n 20 "$log" >&2; exit 1; }
	grep -E '^(CONFIG_[A-Za-z0-9_]+=|# CONFIG_[A-Za-z0-9_]+ is not set)' "$kdir/$arch.config" |
	while read -r line; do
		grep -qxF "$line" "$obj/.config" && continue
		sym=$(echo "$line" | sed -n 's/^#* *\(CONFIG_[A-Za-z0-9_]*\).*/\1/p')
		# "is not set" also holds when the symbol is absent altogether
		case $line in "# "*) grep -q "^$sym=" "$obj/.config" || continue ;; esac
		say "$arch.config: '$line' does not hold after allnoconfig (a dependency is off)"
		exit 1
	done || exit 1
}

# compile DIR: vmlinux (and the arch's image) built in obj, kept in DIR.
compile() {
	# a job more than cores: the build has serial steps (descending,
	# linking) the next objects can overlap
	jobs=$(($(nproc 2>/dev/null || echo 2) + 1))
	say "compiling with $jobs jobs"
	# One progress line per 250 objects, so a watcher sees it move.
	kmake -j"$jobs" vmlinux ${image:+$(basename "$image")} 2>&1 | tee -a "$log" |
		awk -v a="$arch" '/^  CC /{ n++; if (n % 250 == 0) { printf "build-linux: %s: %d objects compiled\n", a, n > "/dev/stderr"; fflush("/dev/stderr") } }'
	if [ ! -f "$obj/vmlinux" ] || { [ -n "$image" ] && [ ! -f "$obj/$image" ]; }; then
		say "the kernel build failed; the end of its log:"
		grep -E 'error|Error' "$log" | tail -n 20 >&2
		exit 1
	fi
	# (a stock build after a cached patched one leaves that alone)
	[ ! -f "$1/done" ] || return 0
	rm -rf "$work/result"
	mkdir -p "$work/result"
	cp "$obj/vmlinux" "$obj/.config" "$work/result/"
	[ -n "$image" ] && cp "$obj/$image" "$work/result/"
	: >"$work/result/done"
	rm -rf "$1"
	mv "$work/result" "$1"
	# Older builds of this arch and variant (other inputs) only take space.
	for old in "${1%-*}"-*; do
		[ "$old" = "$1" ] || rm -rf "$old"
	done
}

# One build of an arch at a time; a second caller waits and reuses it.
exec 9>"$cache/.lock-$patched-$arch"
flock -n 9 || {
	say "waiting for another build of $arch (set kernels starts them ahead: tests/lib/kernels-ahead.sh)"
	flock 9
}
# Holding the lock, any build directory of this arch is a dead run's.
rm -rf "$cache/.build-$patched-$arch".*
if [ -f "$out/done" ]; then
	echo "$out"
	exit 0
fi
work=$(mktemp -d "$cache/.build-$patched-$arch.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
log=$work/build.log
obj=$work/obj

say "building $(basename "$out") (4 to 6 minutes on 2 cores; cached in $cache)"
source_tree "$@"
if [ "$stock" = yes ]; then
	# Stock is built after the patched kernel, in its object directory:
	# the series reversed in a private copy of the tree (hard links;
	# patch writes each file it changes anew), so make compiles again
	# only what the series touches, and configure sees Debian's Kconfig.
	cp -al "$tree" "$work/src"
	tree=$work/src
fi
configure
compile "$patched_out"
if [ "$stock" = yes ]; then
	i=$#
	while [ "$i" -gt 0 ]; do
		eval "p=\${$i}"
		say "reversing $(basename "$p")"
		patch -d "$tree" -p1 -R --quiet <"$p" >>"$log" 2>&1 ||
			{ say "patch $(basename "$p") does not reverse:"; tail -n 20 "$log" >&2; exit 1; }
		i=$((i - 1))
	done
	configure
	compile "$stock_out"
fi
say "done"
echo "$out"
