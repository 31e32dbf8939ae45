# SPDX-License-Identifier: MIT
# shellcheck shell=sh
#
# qemu.sh - set "qemu": each arch's qemu-cases.txt booted through
# codepage-qemu, placed and list, and codepage-qemu as a harness.
# shellcheck source=tests/lib/verdicts.sh
. "$SRCTREE/tests/lib/verdicts.sh"
# shellcheck source=tests/lib/boot.sh
. "$SRCTREE/tests/lib/boot.sh"

set_qemu() {
	arch_tables qemu-cases.txt >"$WORK/qemu.table"
	while IFS="|" read -r name desc kernel opts expected; do
		out=$WORK/q-$name
		if ! build_case "$out" "$WORK/q-$name.log" "$desc" "$kernel"; then
			fail "qemu/$name/build" "" "$WORK/q-$name.log"
			continue
		fi
		boot_case "$name" "$out" "regcheck: PASS" "$expected" "$opts"
	done <"$WORK/qemu.table"
	qemu_big
	qemu_runner
}

# every arch's sample with a segment of 64 MiB more, placed and through a
# list: the codepage checks every segment before the jump, so regcheck's
# PASS says the big one came whole (x86 lists of 16 MiB or more once lay
# where SeaBIOS works while it starts)
qemu_big() {
	yes "mkcodepage: set qemu, a 64 MiB segment" | head -c 67108864 >"$WORK/big.bin"
	for a in $arches; do
		arch_conf "$a"
		out=$WORK/q-$a-big
		desc_with_big "$SRCTREE/arch/$a/samples/$sample_desc" "$out.dts" \
			"$WORK/big.bin"
		if ! build_case "$out" "$out.log" "$out.dts" \
			"@samples/$a/$sample_kernel"; then
			fail "qemu/$a-64m-segment/build" "" "$out.log"
			continue
		fi
		boot_case "$a-64m-segment" "$out" "regcheck: PASS" "" ""
	done
	rm -f "$WORK/big.bin"
}

# codepage-qemu as a harness: its exit status and its reasons
qemu_runner() {
	r=$WORK/runner
	mkdir -p "$r"
	arch_conf riscv64
	if ! "$MKCP" -d "$SRCTREE/arch/riscv64/samples/$sample_desc" \
		-k "$BUILD/samples/riscv64/$sample_kernel" -o "$r/out" >"$r/mk.log" 2>&1; then
		fail qemu-runner/build "" "$r/mk.log"
		return
	fi
	# the destination powers off: exit 0 every time, never a race with
	# QEMU's exit
	n=0
	for i in 1 2 3 4 5 6 7 8 9 10; do
		"$QEMU_RUN" --timeout 60 "$r/out" >"$r/off-$i.log" 2>&1 && n=$((n + 1))
	done
	verdict qemu-runner/poweroff-exit-status "$n of 10 runs exited 0" "" \
		test $n -eq 10
	# QEMU ends long before the timeout without the text: said so, at once
	ends qemu-runner/ended-before-text 1 \
		"QEMU ended (exit status 0) after [0-9]* s and 'no such text' never appeared" \
		"$QEMU_RUN" --timeout 60 --expect 'no such text' "$r/out"
	# a codepage that stops (a corrupted segment) and no --expect: the
	# timeout is reported
	ends qemu-runner/timeout-reported 1 'the guest did not power off within 2 s' \
		"$QEMU_RUN" --timeout 2 --mode list --corrupt 1:0x10 "$r/out"
	# machine settings pass through (arm64 with a GICv3, as Xen wants);
	# one setting per option, no smuggled commas
	arch_conf arm64
	if "$MKCP" -d "$SRCTREE/arch/arm64/samples/$sample_desc" \
		-k "$BUILD/samples/arm64/$sample_kernel" -o "$r/a64" >"$r/a64.log" 2>&1 &&
		"$QEMU_RUN" -v --el 2 --machine-opt gic-version=3 --expect 'regcheck: PASS' \
			"$r/a64" >>"$r/a64.log" 2>&1 &&
		grep -q -- '-M virt,virtualization=on,gic-version=3 ' "$r/a64.log"; then
		pass qemu-runner/machine-opt
	else
		fail qemu-runner/machine-opt "" "$r/a64.log"
	fi
	says qemu-runner/machine-opt-one-setting 2 usage \
		"$QEMU_RUN" --machine-opt 'gic-version=3,smuggled=1' "$r/a64"
}
set_qemu
