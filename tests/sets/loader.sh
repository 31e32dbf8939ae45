# SPDX-License-Identifier: MIT
# shellcheck shell=sh
#
# loader.sh - set "loader": kexec-codepage says what the running kernel
# would refuse, and what it keeps, before a load (tests/loader-cases.txt,
# the running systems in tests/loader/).
# shellcheck source=tests/lib/verdicts.sh
. "$SRCTREE/tests/lib/verdicts.sh"

# A running system made of tests/loader/ directories laid over each other.
loader_root() { # name dirs...
	root=$WORK/root-$1
	shift
	rm -rf "$root"
	mkdir -p "$root"
	for d in "$@"; do
		cp -r "$SRCTREE/tests/loader/$d/." "$root/"
	done
	if [ -f "$root/sys/firmware/fdt.dts" ]; then
		dtc -q -I dts -O dtb -o "$root/sys/firmware/fdt" "$root/sys/firmware/fdt.dts"
	fi
	echo "$root"
}

# The OUTDIR of an arch's sample (ARCH), or of ARCH:FILE, a description of
# tests/loader/ built with the arch's sample kernel and mkcodepage's
# options; built once.
loader_outdir() { # spec
	# shellcheck disable=SC2086 # the spec: words
	set -- $1
	out=$WORK/lo-$(echo "$*" | tr ' ./:' '____')
	if [ ! -d "$out" ]; then
		arch_conf "${1%%:*}"
		case $1 in
		*:*) desc=$SRCTREE/tests/loader/${1#*:} ;;
		*) desc=$SRCTREE/arch/$1/samples/$sample_desc ;;
		esac
		kernel=$BUILD/samples/${1%%:*}/$sample_kernel
		shift
		"$MKCP" -d "$desc" -k "$kernel" -o "$out" "$@" >"$out.log" 2>&1 ||
			return 1
	fi
	echo "$out"
}

# (LOADER: another build of kexec-codepage than the host's, sanitized)
loader_case() { # name root outdir options exit id texts
	log=$WORK/lc-$1.log
	# shellcheck disable=SC2086
	root=$(loader_root "$1" $2)
	if ! out=$(loader_outdir "$3"); then
		fail "loader/$1" "mkcodepage could not build $3" "$WORK/lo-$(echo "$3" | tr ' ./:' '____').log"
		return
	fi
	# shellcheck disable=SC2086
	"${LOADER:-$BUILD/san/kexec-codepage}" --dry-run --root "$root" $4 "$out" >"$log" 2>&1
	st=$?
	if [ $st -ne "$5" ]; then
		fail "loader/$1" "exit $st, wanted $5" "$log"
	elif [ "$6" = - ] && grep -q '\[[a-z-]*\]$' "$log"; then
		fail "loader/$1" "a diagnostic where none was due" "$log"
	elif [ "$6" != - ] && ! grep -q "\[$6\]" "$log"; then
		fail "loader/$1" "no [$6]" "$log"
	elif ! all_in "$log" "$7"; then
		fail "loader/$1" "no '$missing_text'" "$log"
	else
		clean "loader/$1" "$log"
	fi
}

set_loader() {
	table "$SRCTREE/tests/loader-cases.txt" >"$WORK/loader.table"
	while IFS='|' read -r name root outdir opts want id texts; do
		loader_case "$name" "$root" "$outdir" "$opts" "$want" "$id" "$texts"
	done <"$WORK/loader.table"
	loader_i386
}

# The 32-bit x86 build, run here as an amd64 kernel runs 32-bit programs:
# it loads i386 OUTDIRs on a CPU without long mode and x86_64 ones (but
# not with --list: x86_64's list entry is 64-bit code), and refuses a
# segment past the 4 GiB its kexec_load can name rather than cut its
# address
loader_i386() {
	if [ ! -x "$OBJTREE/kexec-codepage.i386" ]; then
		missing loader-i386 "no i686-linux-gnu-gcc for the 32-bit loader"
		return
	fi
	LOADER=$OBJTREE/kexec-codepage.i386 loader_case i386-i386-outdir \
		"base cpu-no-lm" i386 "" 0 - ""
	LOADER=$OBJTREE/kexec-codepage.i386 loader_case i386-x86_64-outdir \
		"base cpu-lm" x86_64 "" 0 - ""
	LOADER=$OBJTREE/kexec-codepage.i386 loader_case i386-x86_64-list \
		"base cpu-lm" x86_64 --list 1 wrong-arch \
		"this i386 kernel would enter the x86_64 codepage's list entry"
	LOADER=$OBJTREE/kexec-codepage.i386 loader_case i386-above-4g \
		"base cpu-lm" x86_64:above-4g.dts "" 1 kexec-limit \
		"segment 2 ends at 0x120001000, past the 4 GiB"
}

set_loader
