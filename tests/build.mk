# SPDX-License-Identifier: MIT
# tests/ - the test programs (unit tests under ASan and UBSan, a checksum
# helper) and the check target that runs tests/run_tests.sh.
test-bins := $(obj)/tests/unit-tests $(obj)/tests/fnvsum $(obj)/tests/sha256-kat \
	$(obj)/tests/fdt-regions
san-programs = $(addprefix $(obj)/san/,$(programs))

# (each arch's build.mk adds its groups, arch/<arch>/tests/unit-*.c)
unit-test-srcs += tests/unit-tests.c tests/unit-desc.c tests/unit-reserve.c
$(unit-test-srcs:%.c=$(obj)/san/%.o): HOST_CPPFLAGS += -I$(srctree)/tests
$(obj)/tests/unit-tests: $(unit-test-srcs:%.c=$(obj)/san/%.o) $(libcp-san-objs)
	$(quiet) LD-SAN tests/unit-tests
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS) $(SAN_FLAGS) $(LDFLAGS) -o $@ $^ $(HOST_LIBS)

# a tree's memory and reservations, one line a region (gen/fdtresv.h)
$(obj)/tests/fdt-regions: $(obj)/san/tests/fdt-regions.o $(libcp-san-objs)
	$(quiet) LD-SAN tests/fdt-regions
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS) $(SAN_FLAGS) $(LDFLAGS) -o $@ $^ $(HOST_LIBS)

$(obj)/tests/fnvsum: $(srctree)/tests/fnvsum.c
	$(quiet) CC tests/fnvsum
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(HOST_CPPFLAGS) $(WARN) $(CFLAGS) -o $@ $<

# the bench's SHA-256 yardstick, built for the host under the sanitizers
$(obj)/tests/sha256-kat: $(srctree)/tests/sha256-kat.c $(srctree)/tools/bench/sha256-ref.c
	$(quiet) CC-SAN tests/sha256-kat
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(HOST_CPPFLAGS) $(WARN) $(CFLAGS) $(SAN_FLAGS) -o $@ $^

.PHONY: check-build check-run demo-run bench-run
# check-build: what the tests need, built (make check builds it first,
# on every core); check-run: it, then the tests
check-build: all samples $(san-programs) $(test-bins)
check-run: check-build
	$(Q)OBJTREE=$(objtree) SRCTREE=$(srctree) BUILD=$(obj) \
		FUZZ_HARNESSES="$(fuzz-harnesses)" \
		KEXEC_TARGET_SRCS="$(kexec-target-srcs)" \
		sh $(srctree)/tests/run_tests.sh $(TESTS)

demo-run: all samples
	$(Q)sh $(srctree)/tools/demo.sh $(objtree) $(obj)/samples

# make bench: the references, built like the samples, per arch: a copier
# shaped like Linux's relocation code, and the SHA-256 yardstick
# (tools/bench/sha256-ref.c with its stub), proven position-independent
# by codepage-check as they are linked.
BENCH_CFLAGS := -std=c11 -O2 -ffreestanding -fno-pic -fno-builtin \
	-fno-tree-loop-distribute-patterns -fno-stack-protector $(WARN)
BENCH_LDFLAGS := -N --no-warn-rwx-segments -z noexecstack -Ttext=0 -e _start
# the arch a bench file's stem (ARCH-linux-copy, ARCH-sha256) names
bench-arch = $(firstword $(subst -linux-copy, ,$(subst -sha256, ,$*)))
bench-bins := $(foreach a,$(bench-arches),$(obj)/bench/$(a)-linux-copy.bin $(obj)/bench/$(a)-sha256.bin)

# $(call bench-asm,ARCH,NAME): arch/ARCH/bench/NAME.s, with the shared
# SHA-256 data (tools/bench) on the include path.
define bench-asm
$(obj)/bench/$(1)-$(2).o: $(srctree)/arch/$(1)/bench/$(2).s \
		$(wildcard $(srctree)/arch/$(1)/bench/*.inc $(srctree)/tools/bench/*.inc)
	$$(quiet) AS $$(@:$(objtree)/%=%)
	@mkdir -p $$(dir $$@)
	$$(Q)$$(bench-prefix-$(1))as $$(bench-asflags-$(1)) \
		-I$(srctree)/arch/$(1)/bench -I$(srctree)/tools/bench -o $$@ $$<
endef
$(foreach a,$(bench-arches),$(foreach f,linux-copy sha256,$(eval $(call bench-asm,$(a),$(f)))))

$(obj)/bench/%-sha256-ref.o: $(srctree)/tools/bench/sha256-ref.c
	$(quiet) CC-$* $(@:$(objtree)/%=%)
	@mkdir -p $(dir $@)
	$(Q)$(bench-cc-$*) $(BENCH_CFLAGS) -c -o $@ $<

$(obj)/bench/%-linux-copy.elf: $(obj)/bench/%-linux-copy.o
	$(quiet) LD $(@:$(objtree)/%=%)
	$(Q)$(bench-prefix-$*)ld $(bench-ldflags-$*) $(BENCH_LDFLAGS) -o $@ $^

$(obj)/bench/%-sha256.elf: $(obj)/bench/%-sha256.o $(obj)/bench/%-sha256-ref.o \
		$(objtree)/codepage-check
	$(quiet) LD $(@:$(objtree)/%=%)
	$(Q)$(bench-prefix-$*)ld $(bench-ldflags-$*) $(BENCH_LDFLAGS) --emit-relocs \
		-o $@ $(filter %.o,$^)
	$(Q)$(objtree)/codepage-check -q $@

$(obj)/bench/%.bin: $(obj)/bench/%.elf
	$(quiet) OBJCOPY $(@:$(objtree)/%=%)
	$(Q)$(bench-prefix-$(bench-arch))objcopy -O binary $< $@

# keep the objects: each bench run would relink them otherwise
.SECONDARY: $(bench-bins:.bin=.elf) $(bench-bins:.bin=.o) \
	$(foreach a,$(bench-arches),$(obj)/bench/$(a)-sha256-ref.o)

# the real handoff's instruction counter: a QEMU TCG plugin, loaded by QEMU
$(obj)/bench/insn-count-plugin.so: $(srctree)/tools/bench/insn-count-plugin.c \
		$(srctree)/tools/bench/qemu-plugin-abi.h
	$(quiet) CC-SO $(@:$(objtree)/%=%)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(HOST_CPPFLAGS) $(WARN) $(CFLAGS) -fPIC -shared \
		-fvisibility=hidden -o $@ $<

bench-run: all samples $(bench-bins) $(obj)/bench/insn-count-plugin.so \
		$(obj)/tests/handoff-init.arm64 $(objtree)/kexec-codepage.arm64
	$(Q)sh $(srctree)/tools/bench.sh $(objtree) $(obj)
	$(Q)echo
	$(Q)sh $(srctree)/tools/bench-handoff.sh $(objtree) $(obj)

# The real-handoff tests' initramfs init, static for each target.
handoff-inits := $(foreach a,$(target-arches-present),$(obj)/tests/handoff-init.$(a))
check-build: $(handoff-inits) $(obj)/bench/insn-count-plugin.so $(foreach a,$(target-arches-present),$(objtree)/kexec-codepage.$(a))
$(foreach a,$(target-arches),$(eval $(call target-program,$(obj)/tests/handoff-init.$(a),$(a),tests/handoff/init.c)))
