#!/bin/sh
# SPDX-License-Identifier: MIT
#
# install-deps.sh - install the Debian packages mkcodepage's build, samples
# and tests need, only those missing: apt-get update once, then apt-get
# install. Run as root (CI and a fresh Debian 12 machine are); otherwise it
# prints the command to run and fails.
set -eu

# The host build and its tests (zlib, liblzma, libzstd and liblz4 unpack
# compressed kernels; nettle checks a FIT image's hashes; the compressors
# and u-boot-tools' mkimage make the tests' inputs); each arch's binutils,
# QEMU, cross C compiler and C library (arch/<arch>/arch.conf: the static kexec-codepage
# for every target); Debian's U-Boot as a destination; Linux 6.12's source
# and what building it needs (tools/build-linux.sh); clang and its
# libFuzzer for the fuzzing harnesses (tests/fuzz/), whose replay is part
# of make check; build-essential (dpkg-buildpackage requires it), dpkg-dev,
# debhelper, lintian and mmdebstrap build the Debian package (debian/),
# check it and install it in a fresh chroot; shellcheck reads the test
# scripts and clang-format the C sources (make check).
src=$(cd "$(dirname "$0")/.." && pwd)
. "$src/tools/arches.sh"
packages="make gcc libc6-dev pkg-config libelf-dev libfdt-dev zlib1g-dev liblzma-dev libzstd-dev
liblz4-dev nettle-dev cpio gzip xz-utils zstd lz4 u-boot-tools
device-tree-compiler u-boot-qemu linux-source-6.12 patch flex
bison bc clang libclang-rt-dev build-essential dpkg-dev debhelper lintian mmdebstrap
shellcheck clang-format"
for a in $arches; do
	arch_conf "$a"
	packages="$packages $debian_packages"
done

if ! command -v dpkg-query >/dev/null 2>&1; then
	echo "install-deps: not a Debian system; make sure these are installed:" >&2
	echo "  $packages" | tr '\n' ' ' >&2
	echo >&2
	exit 0
fi

# The handoff tests download Debian's kernels of each arch that names its
# Debian architecture (debian_arch; never installed): dpkg must know each
# before the one apt-get update.
foreign=
for a in $arches; do
	arch_conf "$a"
	[ -n "${debian_arch:-}" ] || continue
	if [ "$(dpkg --print-architecture)" != "$debian_arch" ] &&
		! dpkg --print-foreign-architectures | grep -qx "$debian_arch"; then
		foreign="$foreign $debian_arch"
	fi
done

missing=
for p in $packages; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
		grep -q 'install ok installed'; then
		missing="$missing $p"
	fi
done
[ -z "$missing$foreign" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
	echo "install-deps: missing Debian packages:$missing" >&2
	add=
	for f in $foreign; do add="$add dpkg --add-architecture $f &&"; done
	echo "install-deps: run as root:$add apt-get update && apt-get install -y$missing" >&2
	exit 2
fi
for f in $foreign; do dpkg --add-architecture "$f"; done
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null
if [ -n "$missing" ]; then
	echo "install-deps: installing$missing"
	# shellcheck disable=SC2086
	apt-get install -y -q --no-install-recommends $missing >/dev/null
fi
