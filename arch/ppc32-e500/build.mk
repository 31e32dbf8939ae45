# SPDX-License-Identifier: MIT
# arch/ppc32-e500 - its backend in the host library; its kexec-codepage
# (target "ppc32"); regcheck linked low like a vmlinux, high (above
# 256 MiB) and as a raw image; the bench references.
libcp-srcs += arch/ppc32-e500/backend.c
arch-dirs += arch/ppc32-e500
qemu-recipe-srcs += arch/ppc32-e500/qemu.c
unit-test-srcs += arch/ppc32-e500/tests/unit-tlb.c
target-arches += ppc32
TARGET_CC_ppc32 ?= powerpc-linux-gnu-gcc
PPC_PREFIX ?= powerpc-linux-gnu-

$(eval $(call regcheck-sample-object,ppc32-e500,$(PPC_PREFIX),-a32 -mbig -me500 -mregnames))
$(eval $(call regcheck-sample,ppc32-e500,$(PPC_PREFIX),-m elf32ppc,regcheck,0x0))
$(eval $(call regcheck-sample,ppc32-e500,$(PPC_PREFIX),-m elf32ppc,regcheck-high,0x14000000))
$(eval $(call raw-sample,ppc32-e500,$(PPC_PREFIX),regcheck.elf,regcheck.bin))

bench-arches += ppc32-e500
bench-prefix-ppc32-e500 := $(PPC_PREFIX)
bench-asflags-ppc32-e500 := -a32 -mbig -me500 -mregnames
bench-ldflags-ppc32-e500 := -m elf32ppc
bench-cc-ppc32-e500 := $(TARGET_CC_ppc32) -mcpu=8548 -msoft-float -G 0 -mno-sdata
