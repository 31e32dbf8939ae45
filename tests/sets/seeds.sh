# SPDX-License-Identifier: MIT
# shellcheck shell=sh
#
# seeds.sh - set "seeds", fresh seeds at every load: mkcodepage names the bytes (segments.txt "seed" and "check"
# lines), kexec-codepage fills them with random bytes and writes the sums
# again (--save shows what it would load), and the codepage still checks
# every byte: each arch's refreshed OUTDIR boots in codepage-qemu, placed
# and list. Debian's arm64 kernel gets a different KASLR offset from two
# loads of one OUTDIR in the handoff set (handoff/fresh-kaslr-seed).
# shellcheck source=tests/lib/verdicts.sh
. "$SRCTREE/tests/lib/verdicts.sh"
# shellcheck source=tests/lib/boot.sh
. "$SRCTREE/tests/lib/boot.sh"

# seeds_save NAME OUTDIR: two loads' bytes, in $WORK/NAME-1 and -2.
seeds_save() {
	for n in 1 2; do
		"$BUILD/san/kexec-codepage" --dry-run \
			--root "$SRCTREE/tests/loader/base" --save "$WORK/$1-$n" \
			"$2" >"$WORK/$1-save.log" 2>&1 || return 1
	done
	clean_log "$WORK/$1-save.log"
}

# Only the segments with seeds (and the codepage, their sums) differ.
seeds_differ_where_named() { # name outdir
	seeds=$(sed -n 's/^seed segment=\([0-9]*\) .*/\1/p' "$2/segments.txt" | sort -u)
	[ -n "$seeds" ] || return 1
	while read -r _ i _ _ file _; do
		f=${file#file=}
		if echo "$seeds" | grep -qx "${i}" || [ "$i" = 0 ]; then
			! cmp -s "$WORK/$1-1/$f" "$WORK/$1-2/$f" || return 1
		else
			cmp -s "$WORK/$1-1/$f" "$2/$f" || return 1
		fi
	done <<SEGS
$(grep '^segment ' "$2/segments.txt")
SEGS
}

seeds_arch() { # arch
	arch_conf "$1"
	out=$WORK/seeds-$1
	if ! "$MKCP" -d "$SRCTREE/arch/$1/samples/$sample_desc" \
		-k "$BUILD/samples/$1/$sample_kernel" -o "$out" >"$out.log" 2>&1; then
		fail "seeds/$1-build" "" "$out.log"
		return
	fi
	if ! grep -q '^seed segment=' "$out/segments.txt"; then
		# x86 regcheck's protocol none: no tree (set_seeds: x86's own)
		case $1 in x86_64 | i386) return ;; esac
		fail "seeds/$1-named" "no seed line" "$out/segments.txt"
		return
	fi
	if seeds_save "seeds-$1" "$out" && seeds_differ_where_named "seeds-$1" "$out"; then
		pass "seeds/$1-fresh-at-every-load"
	else
		fail "seeds/$1-fresh-at-every-load" "" "$WORK/seeds-$1-save.log"
		return
	fi
	boot_case "seeds-$1" "$WORK/seeds-$1-1" "regcheck: PASS" "regcheck: PASS" ""
}

set_seeds() {
	for a in $arches; do
		seeds_arch "$a"
	done
	# fixed-seeds: the tree as built, nothing for a loader to write
	out=$WORK/seeds-fixed
	if "$MKCP" -d "$SRCTREE/tests/seeds/fixed-seeds.dts" \
		-k "$BUILD/samples/arm64/Image" -o "$out" >"$out.log" 2>&1 &&
		! grep -q '^seed\|^check' "$out/segments.txt" &&
		fdtget -p "$out/fdt.bin" /chosen >"$out.chosen" 2>&1 &&
		! grep -q 'seed' "$out.chosen"; then
		pass seeds/fixed-seeds
	else
		fail seeds/fixed-seeds "" "$out.log"
	fi
	# linux-x86: an RNG seed in boot_params' setup_data, armed as type 9
	if ! sh "$SRCTREE/tools/fetch-debian-kernel.sh" amd64 "$BUILD/debian-amd64" \
		>"$WORK/seeds-fetch.log" 2>&1; then
		missing seeds/x86_64-setup-data "Debian's amd64 kernel could not be fetched"
		return
	fi
	out=$WORK/seeds-x86-linux
	if "$MKCP" -d "$SRCTREE/tests/seeds/x86-linux.dts" \
		-k "$BUILD/debian-amd64/vmlinuz" -o "$out" >"$out.log" 2>&1 &&
		grep -q '^seed segment=[0-9]* offset=0x[0-9a-f]* size=0x20 arm=0x[0-9a-f]*:0x9:le32$' \
			"$out/segments.txt" &&
		seeds_save seeds-x86 "$out" && seeds_differ_where_named seeds-x86 "$out"; then
		pass seeds/x86_64-setup-data
	else
		fail seeds/x86_64-setup-data "" "$out.log"
	fi
}
set_seeds
