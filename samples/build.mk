# SPDX-License-Identifier: MIT
# samples/ - destination kernels a user can copy, built with the target's
# binutils: regcheck (a register-checking kernel for QEMU's ppce500) linked
# low like a vmlinux, high (above 256 MiB), and as a raw image.
PPC_PREFIX ?= powerpc-linux-gnu-
sample-dir := $(obj)/samples/ppc32-e500
samples-e500 := $(sample-dir)/regcheck.elf $(sample-dir)/regcheck-high.elf \
	$(sample-dir)/regcheck.bin
samples: $(samples-e500)
.PHONY: samples


$(sample-dir)/regcheck.o: $(srctree)/samples/ppc32-e500/regcheck.s
	$(quiet) AS $(@:$(objtree)/%=%)
	@mkdir -p $(dir $@)
	$(Q)$(PPC_PREFIX)as -a32 -mbig -me500 -mregnames -o $@ $<

$(sample-dir)/regcheck.elf: PHYS := 0x0
$(sample-dir)/regcheck-high.elf: PHYS := 0x14000000
$(sample-dir)/regcheck.elf $(sample-dir)/regcheck-high.elf: \
		$(sample-dir)/regcheck.o $(srctree)/samples/ppc32-e500/regcheck.ld
	$(quiet) LD $(@:$(objtree)/%=%)
	$(Q)$(PPC_PREFIX)ld -m elf32ppc -z max-page-size=4096 --no-warn-rwx-segments --defsym PHYS=$(PHYS) \
		-T $(srctree)/samples/ppc32-e500/regcheck.ld -o $@ $<

# A raw image: the same bytes without the ELF wrapper (load and entry in
# the description).
$(sample-dir)/regcheck.bin: $(sample-dir)/regcheck.elf
	$(quiet) OBJCOPY $(@:$(objtree)/%=%)
	$(Q)$(PPC_PREFIX)objcopy -O binary $< $@

# arm64: regcheck as an ELF (virtual = physical, at 0x40200000) and as an
# Image (the same bytes with their arm64 Image header, placed by mkcodepage).
A64_PREFIX ?= aarch64-linux-gnu-
sample-a64 := $(obj)/samples/arm64
samples: $(sample-a64)/regcheck.elf $(sample-a64)/Image

$(sample-a64)/regcheck.o: $(srctree)/samples/arm64/regcheck.s
	$(quiet) AS $(@:$(objtree)/%=%)
	@mkdir -p $(dir $@)
	$(Q)$(A64_PREFIX)as -o $@ $<

$(sample-a64)/regcheck.elf: $(sample-a64)/regcheck.o $(srctree)/samples/arm64/regcheck.ld
	$(quiet) LD $(@:$(objtree)/%=%)
	$(Q)$(A64_PREFIX)ld -z max-page-size=4096 --no-warn-rwx-segments \
		--defsym PHYS=0x40200000 -T $(srctree)/samples/arm64/regcheck.ld -o $@ $<

$(sample-a64)/Image: $(sample-a64)/regcheck.elf
	$(quiet) OBJCOPY $(@:$(objtree)/%=%)
	$(Q)$(A64_PREFIX)objcopy -O binary $< $@

# riscv64: regcheck as an ELF (at 0x80200000, above OpenSBI) and an Image.
RV_PREFIX ?= riscv64-linux-gnu-
sample-rv := $(obj)/samples/riscv64
samples: $(sample-rv)/regcheck.elf $(sample-rv)/Image

$(sample-rv)/regcheck.o: $(srctree)/samples/riscv64/regcheck.s
	$(quiet) AS $(@:$(objtree)/%=%)
	@mkdir -p $(dir $@)
	$(Q)$(RV_PREFIX)as -march=rv64imac_zicsr -mabi=lp64 -o $@ $<

$(sample-rv)/regcheck.elf: $(sample-rv)/regcheck.o $(srctree)/samples/riscv64/regcheck.ld
	$(quiet) LD $(@:$(objtree)/%=%)
	$(Q)$(RV_PREFIX)ld -z max-page-size=4096 --no-warn-rwx-segments \
		--defsym PHYS=0x80200000 -T $(srctree)/samples/riscv64/regcheck.ld -o $@ $<

$(sample-rv)/Image: $(sample-rv)/regcheck.elf
	$(quiet) OBJCOPY $(@:$(objtree)/%=%)
	$(Q)$(RV_PREFIX)objcopy -O binary $< $@
