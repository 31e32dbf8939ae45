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
