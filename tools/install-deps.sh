#!/bin/sh
# SPDX-License-Identifier: MIT
#
# install-deps.sh - install the Debian packages mkcodepage's build, samples
# and tests need, only those missing: apt-get update once, then apt-get
# install. Run as root (CI and a fresh Debian 12 machine are); otherwise it
# prints the command to run and fails.
set -eu

# The host build and its tests; the targets' binutils and QEMU; the static
# kexec-codepage for every target (cross C compilers and C libraries);
# Debian's U-Boot as a destination; Linux 6.1's source and what building
# it needs (tools/build-linux.sh); clang and its libFuzzer for the fuzzing
# harnesses (tests/fuzz/), whose replay is part of make check.
packages="make gcc libc6-dev pkg-config libelf-dev libfdt-dev zlib1g-dev cpio gzip
device-tree-compiler binutils-powerpc-linux-gnu qemu-system-ppc
binutils-aarch64-linux-gnu qemu-system-arm binutils-riscv64-linux-gnu
qemu-system-misc gcc-aarch64-linux-gnu libc6-dev-arm64-cross
gcc-powerpc-linux-gnu libc6-dev-powerpc-cross gcc-riscv64-linux-gnu
libc6-dev-riscv64-cross u-boot-qemu linux-source-6.1 xz-utils patch flex
bison bc clang libclang-rt-dev"

if ! command -v dpkg-query >/dev/null 2>&1; then
	echo "install-deps: not a Debian system; make sure these are installed:" >&2
	echo "  $packages" | tr '\n' ' ' >&2
	echo >&2
	exit 0
fi

# The handoff test downloads Debian's arm64 kernel (never installs it):
# dpkg must know the architecture before the one apt-get update.
foreign=
if [ "$(dpkg --print-architecture)" != arm64 ] &&
	! dpkg --print-foreign-architectures | grep -qx arm64; then
	foreign=arm64
fi

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
	echo "install-deps: run as root: ${foreign:+dpkg --add-architecture $foreign && }apt-get update && apt-get install -y$missing" >&2
	exit 2
fi
[ -n "$foreign" ] && dpkg --add-architecture "$foreign"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null
if [ -n "$missing" ]; then
	echo "install-deps: installing$missing"
	# shellcheck disable=SC2086
	apt-get install -y -q --no-install-recommends $missing >/dev/null
fi
