# SPDX-License-Identifier: MIT
# tests/fuzz/ - libFuzzer harnesses, one per reader of outside input, built
# with clang under ASan and UBSan. `make fuzz` runs each for FUZZ_SECONDS
# from a corpus seeded by the samples; `make check` replays the seeds and
# every past finding (tests/fuzz/findings/HARNESS/) through them.
FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
FUZZ_CFLAGS := -g -O1 -fno-omit-frame-pointer -fno-sanitize-recover=undefined
FUZZ_SAN := address,undefined
fuzz-harnesses := desc kernel fdtfix fdtresv fit segtxt segjson iomem cpuinfo relocchk
fuzz-bins := $(fuzz-harnesses:%=$(obj)/fuzz/fuzz-%)
libcp-fuzz-objs := $(libcp-srcs:%.c=$(obj)/fuzz/%.o) $(obj)/fuzz/tests/fuzz/fuzz.o

$(obj)/fuzz/%.o: $(srctree)/%.c
	$(quiet) CC-FUZZ $(<:$(srctree)/%=%)
	@mkdir -p $(dir $@)
	$(Q)$(FUZZ_CC) $(HOST_CPPFLAGS) -I$(srctree)/tests/fuzz $(WARN) \
		$(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link,$(FUZZ_SAN) -MMD -MP -c -o $@ $<

$(obj)/fuzz/fuzz-%: $(obj)/fuzz/tests/fuzz/fuzz-%.o $(libcp-fuzz-objs)
	$(quiet) LD-FUZZ fuzz-$*
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer,$(FUZZ_SAN) -o $@ $^ \
		$(HOST_LIBS)

# Seeds, made from the samples by tests/fuzz/seeds.sh.
fuzz-seeds := $(obj)/fuzz/seeds/.made
$(fuzz-seeds): $(srctree)/tests/fuzz/seeds.sh all samples
	$(Q)sh $(srctree)/tests/fuzz/seeds.sh $(objtree) $(obj) $(srctree) $(obj)/fuzz/seeds
	@touch $@

.PHONY: fuzz-run
fuzz-run: $(fuzz-bins) $(fuzz-seeds)
	$(Q)sh $(srctree)/tests/fuzz/run.sh $(obj)/fuzz $(srctree)/tests/fuzz/findings \
		$(FUZZ_SECONDS) $(fuzz-harnesses)

check-run: $(fuzz-bins) $(fuzz-seeds)
-include $(libcp-fuzz-objs:.o=.d) $(fuzz-harnesses:%=$(obj)/fuzz/tests/fuzz/fuzz-%.d)
.SECONDARY: $(fuzz-harnesses:%=$(obj)/fuzz/tests/fuzz/fuzz-%.o) $(libcp-fuzz-objs)
