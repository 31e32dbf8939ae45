# SPDX-License-Identifier: MIT
#
# package.sh - sourced by run_tests.sh: set "package", the Debian package
# (debian/) as a packager and a user meet it. dpkg-buildpackage builds it
# twice, in trees at different paths with different umasks and time zones,
# and the two must be the same bytes; lintian must report no error; and
# mmdebstrap installs it with apt in a fresh Debian 12, where the installed
# mkcodepage makes a codepage for the arm64 regcheck sample from the
# installed example description, the installed codepage-check proves it,
# and the installed codepage-qemu boots it. Needs the network for the
# chroot's packages (PACKAGE_MIRROR, Debian's by default).

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

# pkg_chroot ROOT COMMANDS: COMMANDS in ROOT, with /proc and /dev, in a
# private mount namespace (the mounts go with it), from a clean environment.
pkg_chroot() {
	unshare --mount --propagation private sh -c '
		mount -t proc proc "$1/proc" && mount --rbind /dev "$1/dev" &&
		exec chroot "$1" /usr/bin/env -i HOME=/root LANG=C.UTF-8 \
			PATH=/usr/sbin:/usr/bin:/sbin:/bin /bin/sh -c "$2"' _ "$1" "$2"
}

set_package() {
	p=$WORK/pkg
	for t in git dpkg-buildpackage lintian mmdebstrap unshare; do
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
	# aarch64-linux-gnu, the first binutils it accepts, and dtc) and QEMU
	r=$p/root
	# (the hook makes the .deb's path the same inside the chroot, where
	# apt's dpkg reads it)
	if mmdebstrap --quiet --variant=apt \
		--hook-dir=/usr/share/mmdebstrap/hooks/file-mirror-automount \
		--include="$deb" --include=qemu-system-arm bookworm "$r" \
		"deb $PACKAGE_MIRROR bookworm main" >"$p/chroot.log" 2>&1; then
		pass package/installs-in-a-fresh-chroot
	else
		fail package/installs-in-a-fresh-chroot "mmdebstrap" "$p/chroot.log"
		return
	fi
	# the destination is the user's: the regcheck sample, as an Image
	cp "$BUILD/samples/arm64/Image" "$r/root/Image"
	ex=/usr/share/doc/mkcodepage/examples/arm64
	if pkg_chroot "$r" "cd /root &&
		mkcodepage -d $ex/linux.dts -k Image -o out &&
		codepage-check out/codepage.elf &&
		codepage-qemu --expect 'regcheck: PASS' out" >"$p/use.log" 2>&1; then
		pass package/installed-tools-make-and-boot-a-codepage
	else
		fail package/installed-tools-make-and-boot-a-codepage "" "$p/use.log"
	fi
	# nothing of this checkout was needed: the data is the package's
	if ! grep -q "$SRCTREE" "$p/use.log" &&
		pkg_chroot "$r" "mkcodepage -v -d $ex/linux.dts -k /root/Image \
			-o /root/out2 2>&1 | grep -q /usr/share/mkcodepage/arch/arm64/trampoline.s" \
			>"$p/data.log" 2>&1; then
		pass package/uses-the-installed-data
	else
		fail package/uses-the-installed-data "" "$p/data.log"
	fi
	rm -rf "$p"
}
