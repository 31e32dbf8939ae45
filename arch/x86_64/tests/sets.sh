# SPDX-License-Identifier: MIT
# sets.sh - x86_64's own tests, sourced by tests/run_tests.sh, which runs
# SET_x86_64 at the end of its set SET.

# qemu: entered as a bootloader leaves the CPU (32-bit protected mode,
# paging off), placed only: the list entry is Linux's, 64-bit
qemu_x86_64() {
	arch_conf x86_64
	out=$WORK/q-x86_64-protected
	log=$WORK/q-x86_64-protected.log
	if ! "$MKCP" -d "$SRCTREE/arch/x86_64/samples/$sample_desc" \
		-k "$BUILD/samples/x86_64/$sample_kernel" -o "$out" >"$log" 2>&1; then
		fail qemu/x86_64-protected/build "" "$log"
		return
	fi
	"$QEMU_RUN" --state protected --timeout 120 --expect "regcheck: PASS" \
		"$out" >"$log" 2>&1
	st=$?
	if [ $st -ne 0 ]; then
		fail qemu/x86_64-protected/placed "exit $st" "$log"
	else
		check_console qemu/x86_64-protected/placed "$log" \
			"pc=0x01000000 mode=64 cs=0x00000010 if=0;rsi=0x02000000 rdi=0x0000000123456789" \
			"$out/kernel.0.bin"
	fi
}
