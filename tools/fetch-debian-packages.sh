#!/bin/sh
# SPDX-License-Identifier: MIT
#
# fetch-debian-packages.sh - unpack Debian packages for ARCH into DEST/root
# through the package manager, installing nothing: add the architecture to
# dpkg if needed, apt-get update once if a package is not known yet, then
# apt-get download and dpkg-deb -x each package and, recursively, each of
# its Depends whose name matches FOLLOW (an extended regular expression over
# the whole name; e.g. 'lib.*|zlib1g' for the shared libraries a program
# needs). DEST/packages lists what was unpacked (name version); when it
# exists the run does nothing. Run as root (the tests and the bench are,
# in CI).
# Usage: fetch-debian-packages.sh [--follow FOLLOW] ARCH DEST PACKAGE...
set -eu
follow='^$'
if [ "${1:-}" = --follow ]; then
	follow="^($2)\$"
	shift 2
fi
[ $# -ge 3 ] || { echo "usage: fetch-debian-packages.sh [--follow ERE] ARCH DEST PACKAGE..." >&2; exit 2; }
arch=$1 dest=$2
shift 2
[ -s "$dest/packages" ] && exit 0
if ! dpkg --print-foreign-architectures | grep -qx "$arch" &&
	[ "$(dpkg --print-architecture)" != "$arch" ]; then
	dpkg --add-architecture "$arch"
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fetch-debs.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# apt_run apt-get|apt-cache ARG...: the command, with a binary cache of
# the package lists for this run where apt.conf keeps none (Docker's
# images say Dir::Cache::pkgcache "", docker-clean): each call would parse
# every list again, 3.4 s here, five calls or more a package (a kernel
# took 33 s to fetch, 13 s with the cache).
pkgcache=
eval "$(apt-config shell pkgcache Dir::Cache::pkgcache)"
apt_run() {
	apt_cmd=$1
	shift
	if [ -n "$pkgcache" ]; then
		"$apt_cmd" "$@"
	else
		"$apt_cmd" -o "Dir::Cache::pkgcache=$tmp/pkgcache.bin" \
			-o Dir::Cache::srcpkgcache= "$@"
	fi
}
if ! apt_run apt-cache show "$1:$arch" >/dev/null 2>&1; then
	apt_run apt-get update -q >/dev/null
fi
# the closure: a queue of names, each looked up once
todo="$*" seen=" "
while [ -n "$todo" ]; do
	set -- $todo
	pkg=$1
	shift
	todo="$*"
	case $seen in *" $pkg "*) continue ;; esac
	seen="$seen$pkg "
	# "Depends: name" and "|Depends: name" (alternatives): the first
	# that matches is enough, and apt lists it first
	for dep in $(apt_run apt-cache depends --no-recommends --no-suggests \
		--no-conflicts --no-breaks --no-replaces --no-enhances \
		"$pkg:$arch" | sed -n 's/^ *|\{0,1\}Depends: \([^:<> ]*\).*/\1/p' |
		grep -E "$follow" || true); do
		todo="$todo $dep"
	done
done
mkdir -p "$tmp/root"
for pkg in $seen; do
	(cd "$tmp" && apt_run apt-get download -q "$pkg:$arch" >/dev/null 2>&1) || {
		echo "fetch-debian-packages: apt-get download $pkg:$arch failed" >&2
		exit 2
	}
done
for deb in "$tmp"/*.deb; do
	dpkg-deb -x "$deb" "$tmp/root"
	dpkg-deb -f "$deb" Package Version | tr '\n' ' ' | sed 's/Package: \([^ ]*\) Version: \([^ ]*\) */\1 \2\n/'
done >"$tmp/packages"
mkdir -p "$dest"
rm -rf "$dest/root"
mv "$tmp/root" "$dest/root"
mv "$tmp/packages" "$dest/packages"
