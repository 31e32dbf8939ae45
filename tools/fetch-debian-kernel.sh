#!/bin/sh
# SPDX-License-Identifier: MIT
#
# fetch-debian-kernel.sh - put Debian's current kernel for ARCH at
# DEST/vmlinuz, through the package manager: add the architecture to dpkg
# if needed, apt-get update once if the package is not known yet, then
# apt-get download and dpkg-deb -x. Nothing is installed. Kept in DEST, so
# a second run does nothing. Run as root (the tests are, in CI).
# Usage: fetch-debian-kernel.sh ARCH DEST
set -eu
arch=$1
dest=$2
[ -s "$dest/vmlinuz" ] && exit 0
mkdir -p "$dest"
if ! dpkg --print-foreign-architectures | grep -qx "$arch" &&
	[ "$(dpkg --print-architecture)" != "$arch" ]; then
	dpkg --add-architecture "$arch"
fi
if ! apt-cache show "linux-image-$arch:$arch" >/dev/null 2>&1; then
	apt-get update -q >/dev/null
fi
pkg=$(apt-cache depends "linux-image-$arch:$arch" |
	sed -n 's/^ *Depends: \(linux-image-[0-9][^:]*\).*/\1/p' | head -n 1)
[ -n "$pkg" ] || { echo "fetch-debian-kernel: no linux-image for $arch" >&2; exit 2; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fetch-kernel.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && apt-get download -q "$pkg:$arch" >/dev/null 2>&1 &&
	dpkg-deb -x ./*.deb x)
cp "$tmp"/x/boot/vmlinuz-* "$dest/vmlinuz.tmp"
mv "$dest/vmlinuz.tmp" "$dest/vmlinuz"
echo "$pkg" >"$dest/package"
