# SPDX-License-Identifier: MIT
# tests/ - the test programs (unit tests under ASan and UBSan, a checksum
# helper) and the check target that runs tests/run_tests.sh.
test-bins := $(obj)/tests/unit-tests $(obj)/tests/fnvsum
san-programs = $(addprefix $(obj)/san/,$(programs))

$(obj)/tests/unit-tests: $(obj)/san/tests/unit-tests.o $(libcp-san-objs)
	$(quiet) LD-SAN tests/unit-tests
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS) $(SAN_FLAGS) $(LDFLAGS) -o $@ $^ $(HOST_LIBS)

$(obj)/tests/fnvsum: $(srctree)/tests/fnvsum.c
	$(quiet) CC tests/fnvsum
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(HOST_CPPFLAGS) $(WARN) $(CFLAGS) -o $@ $<

.PHONY: check-run demo-run bench-run
check-run: all samples $(san-programs) $(test-bins)
	$(Q)OBJTREE=$(objtree) SRCTREE=$(srctree) BUILD=$(obj) \
		sh $(srctree)/tests/run_tests.sh $(TESTS)

demo-run: all samples
	$(Q)sh $(srctree)/tools/demo.sh $(objtree) $(obj)/samples

# make bench: the reference copier, built like the samples.
bench-ref := $(obj)/bench/ppc32-e500-linux-copy.bin
$(bench-ref): $(srctree)/tools/bench/ppc32-e500-linux-copy.s
	$(quiet) AS $(@:$(objtree)/%=%)
	@mkdir -p $(dir $@)
	$(Q)$(PPC_PREFIX)as -a32 -mbig -me500 -mregnames -o $(@:.bin=.o) $<
	$(Q)$(PPC_PREFIX)ld -m elf32ppc -N --no-warn-rwx-segments -Ttext=0 \
		-o $(@:.bin=.elf) $(@:.bin=.o)
	$(Q)$(PPC_PREFIX)objcopy -O binary $(@:.bin=.elf) $@

bench-ref-a64 := $(obj)/bench/arm64-linux-copy.bin
$(bench-ref-a64): $(srctree)/tools/bench/arm64-linux-copy.s
	$(quiet) AS $(@:$(objtree)/%=%)
	@mkdir -p $(dir $@)
	$(Q)$(A64_PREFIX)as -o $(@:.bin=.o) $<
	$(Q)$(A64_PREFIX)ld -Ttext=0 -o $(@:.bin=.elf) $(@:.bin=.o)
	$(Q)$(A64_PREFIX)objcopy -O binary $(@:.bin=.elf) $@

bench-ref-rv := $(obj)/bench/riscv64-linux-copy.bin
$(bench-ref-rv): $(srctree)/tools/bench/riscv64-linux-copy.s
	$(quiet) AS $(@:$(objtree)/%=%)
	@mkdir -p $(dir $@)
	$(Q)$(RV_PREFIX)as -march=rv64imac_zicsr_zifencei -mabi=lp64 -o $(@:.bin=.o) $<
	$(Q)$(RV_PREFIX)ld -Ttext=0 -o $(@:.bin=.elf) $(@:.bin=.o)
	$(Q)$(RV_PREFIX)objcopy -O binary $(@:.bin=.elf) $@

bench-run: all samples $(bench-ref) $(bench-ref-a64) $(bench-ref-rv)
	$(Q)sh $(srctree)/tools/bench.sh $(objtree) $(obj)

# The real-handoff tests' initramfs init, static for each target.
handoff-inits := $(foreach a,$(target-arches-present),$(obj)/tests/handoff-init.$(a))
check-run: $(handoff-inits) $(foreach a,$(target-arches-present),$(objtree)/kexec-codepage.$(a))
$(foreach a,$(target-arches),$(eval $(call target-program,$(obj)/tests/handoff-init.$(a),$(a),tests/handoff/init.c)))
