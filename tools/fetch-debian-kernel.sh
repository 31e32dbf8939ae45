#!/bin/sh
# SPDX-License-Identifier: MIT
#
# fetch-debian-kernel.sh - put Debian's current kernel for ARCH at
# DEST/vmlinuz: the linux-image-ARCH package (or PACKAGE, another flavour's
# meta-package: linux-image-6.12-arm64-16k from bookworm-security) and the
# versioned image it depends on, unpacked by fetch-debian-packages.sh
# (nothing is installed). Kept in DEST, so a second run does nothing. Run
# as root.
# Usage: fetch-debian-kernel.sh ARCH DEST [PACKAGE]
set -eu
arch=$1
dest=$2
meta=${3:-linux-image-$arch}
[ -s "$dest/vmlinuz" ] && exit 0
sh "$(dirname "$0")/fetch-debian-packages.sh" --follow 'linux-image-[0-9].*' \
	"$arch" "$dest" "$meta"
set -- "$dest"/root/boot/vmlinuz-*
[ -f "$1" ] || { echo "fetch-debian-kernel: no kernel in $meta" >&2; exit 2; }
cp "$1" "$dest/vmlinuz.tmp"
mv "$dest/vmlinuz.tmp" "$dest/vmlinuz"
rm -rf "$dest/root"
grep 'linux-image-[0-9]' "$dest/packages" >"$dest/package" || true
