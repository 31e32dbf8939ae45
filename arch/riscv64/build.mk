# SPDX-License-Identifier: MIT
# arch/riscv64 - its backend in the host library; its kexec-codepage;
# regcheck as an ELF (at 0x80200000, above OpenSBI) and an Image; the
# bench references.
libcp-srcs += arch/riscv64/backend.c
arch-dirs += arch/riscv64
qemu-recipe-srcs += arch/riscv64/qemu.c
target-arches += riscv64
TARGET_CC_riscv64 ?= riscv64-linux-gnu-gcc
RV_PREFIX ?= riscv64-linux-gnu-

$(eval $(call regcheck-sample-object,riscv64,$(RV_PREFIX),-march=rv64imac_zicsr -mabi=lp64))
$(eval $(call regcheck-sample,riscv64,$(RV_PREFIX),,regcheck,0x80200000))
$(eval $(call raw-sample,riscv64,$(RV_PREFIX),regcheck.elf,Image))

bench-arches += riscv64
bench-prefix-riscv64 := $(RV_PREFIX)
bench-asflags-riscv64 := -march=rv64imac_zicsr_zifencei -mabi=lp64
bench-cc-riscv64 := $(TARGET_CC_riscv64) -march=rv64imac -mabi=lp64 -mcmodel=medany
