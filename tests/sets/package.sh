# SPDX-License-Identifier: MIT
# shellcheck shell=sh
#
# package.sh - set "package": the Debian package
# (debian/) as a packager and a user meet it. dpkg-buildpackage builds it
# twice, in trees at different paths with different umasks and time zones,
# and the two must be the same bytes; lintian must report no error; and
# mmdebstrap installs it with apt in a fresh Debian 12, where the installed
# mkcodepage makes a codepage for the arm64 regcheck sample from the
# installed example description, the installed codepage-check proves it,
# and the installed codepage-qemu boots it, and a blob of it too. Needs the
# network for the chroot's packages (PACKAGE_MIRROR, Debian's by default).
# shellcheck source=tests/lib/verdicts.sh
. "$SRCTREE/tests/lib/verdicts.sh"

PACKAGE_MIRROR=${PACKAGE_MIRROR:-http://deb.debian.org/debian}

# pkg_tree DIR: the project's files as git sees them (tracked, and new ones
# not ignored), copied to DIR/mkcodepage: the package builds from them
# alone, never from this checkout's build outputs.
pkg_tree() {
	mkdir -p "$1/mkcodepage" &&
		(cd "$SRCTREE" && git ls-files -z -co --exclude-standard |
			tar --null -T - -cf -) | tar -x -C "$1/mkcodepage"
}

# pkg_build DIR UMASK TZ: dpkg-buildpackage in DIR/mkcodepage, in a clean
# environment: make check's make exports its command-line variables (O=
# would send the package's build into this checkout's tree).
pkg_build() {
	(cd "$1/mkcodepage" && umask "$2" &&
		env -i PATH="$PATH" HOME="$HOME" LANG=C.UTF-8 TZ="$3" \
			dpkg-buildpackage -us -uc -b) >"$1/build.log" 2>&1
}

set_package() {
	p=$WORK/pkg
	for t in git dpkg-buildpackage lintian mmdebstrap; do
		if ! command -v "$t" >/dev/null 2>&1; then
			missing package/builds "no $t (tools/install-deps.sh installs it)"
			return
		fi
	done
	if ! git -C "$SRCTREE" rev-parse --git-dir >/dev/null 2>&1; then
		missing package/builds "$SRCTREE is not a git checkout"
		return
	fi
	if pkg_tree "$p/a" && pkg_build "$p/a" 022 UTC; then
		pass package/builds
	else
		fail package/builds "dpkg-buildpackage -us -uc -b" "$p/a/build.log"
		return
	fi
	deb=$(ls "$p"/a/mkcodepage_*_amd64.deb)

	# lintian exits 2 when it finds an error (--fail-on error)
	if lintian --fail-on error "$p"/a/*.deb >"$p/lintian.log" 2>&1; then
		pass package/lintian-no-errors
	else
		fail package/lintian-no-errors "" "$p/lintian.log"
	fi

	b=$p/b/a/longer/path
	if pkg_tree "$b" && pkg_build "$b" 002 Pacific/Chatham &&
		(for f in "$p"/a/*.deb; do
			cmp "$f" "$b/${f##*/}" || exit 1
		done) >"$p/cmp.log" 2>&1; then
		pass package/reproducible
	else
		fail package/reproducible "another path, umask and TZ: other bytes" \
			"$p/cmp.log"
	fi
	rm -rf "$p/b"

	# a fresh Debian 12 with the package, what apt adds for it (binutils-
	# aarch64-linux-gnu, the first binutils it accepts, and dtc) and QEMU;
	# the user's commands run in it from mmdebstrap's customize hook, which
	# gives them /proc and /dev (unshare cannot, where / is no mount point:
	# in a chroot, as on a fresh machine). The destination is the user's:
	# the regcheck sample, as an Image.
	r=$p/root
	ex=/usr/share/doc/mkcodepage/examples/arm64
	cat >"$p/use.sh" <<USE
cd /root
{ mkcodepage -d $ex/linux.dts -k Image -o out &&
	codepage-check out/codepage.elf &&
	codepage-qemu --expect 'regcheck: PASS' out; } >use.log 2>&1
echo \$? >use.rc
mkcodepage -v -d $ex/linux.dts -k Image -o out2 >data.log 2>&1
echo \$? >data.rc
{ mkcodepage -d $ex/linux.dts -k Image -o out3 --blob &&
	codepage-qemu --mode blob --at 0x41000000 --reset \
		--expect 'regcheck: PASS' out3; } >blob.log 2>&1
echo \$? >blob.rc
USE
	# (the automount hook makes the .deb's path the same inside the
	# chroot, where apt's dpkg reads it)
	# shellcheck disable=SC2016 # the hook's $1, not ours
	if mmdebstrap --quiet --variant=apt \
		--hook-dir=/usr/share/mmdebstrap/hooks/file-mirror-automount \
		--include="$deb" --include=qemu-system-arm \
		--customize-hook="copy-in $p/use.sh $BUILD/samples/arm64/Image /root" \
		--customize-hook='chroot "$1" /usr/bin/env -i HOME=/root LANG=C.UTF-8 PATH=/usr/sbin:/usr/bin:/sbin:/bin sh /root/use.sh' \
		bookworm "$r" "deb $PACKAGE_MIRROR bookworm main" \
		>"$p/chroot.log" 2>&1 && [ -x "$r/usr/bin/mkcodepage" ]; then
		pass package/installs-in-a-fresh-chroot
	else
		fail package/installs-in-a-fresh-chroot "mmdebstrap" "$p/chroot.log"
		return
	fi
	if [ "$(cat "$r/root/use.rc")" = 0 ]; then
		pass package/installed-tools-make-and-boot-a-codepage
	else
		fail package/installed-tools-make-and-boot-a-codepage "" \
			"$r/root/use.log"
	fi
	if [ "$(cat "$r/root/blob.rc")" = 0 ]; then
		pass package/installed-tools-make-and-boot-a-blob
	else
		fail package/installed-tools-make-and-boot-a-blob "" \
			"$r/root/blob.log"
	fi
	# nothing of this checkout was needed: the data is the package's
	if [ "$(cat "$r/root/data.rc")" = 0 ] &&
		! grep -q "$SRCTREE" "$r/root/use.log" "$r/root/data.log" &&
		grep -q /usr/share/mkcodepage/arch/arm64/trampoline.s \
			"$r/root/data.log"; then
		pass package/uses-the-installed-data
	else
		fail package/uses-the-installed-data "" "$r/root/data.log"
	fi
	rm -rf "$p"
}
set_package
