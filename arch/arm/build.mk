# SPDX-License-Identifier: MIT
# arch/arm - its backend in the host library; its codepage-qemu recipe;
# its kexec-codepage; regcheck as an ELF (virtual = physical, at
# 0x40208000).
libcp-srcs += arch/arm/backend.c arch/arm/zimage.c arch/arm/atags.c
arch-dirs += arch/arm
qemu-recipe-srcs += arch/arm/qemu.c
target-arches += arm
TARGET_CC_arm ?= arm-linux-gnueabihf-gcc
ARM_PREFIX ?= arm-linux-gnueabihf-

$(eval $(call regcheck-sample-object,arm,$(ARM_PREFIX),-march=armv7-a))
$(eval $(call regcheck-sample,arm,$(ARM_PREFIX),,regcheck,0x40208000))
$(eval $(call raw-sample,arm,$(ARM_PREFIX),regcheck.elf,zImage))

bench-arches += arm
bench-prefix-arm := $(ARM_PREFIX)
bench-asflags-arm := -march=armv7-a
bench-cc-arm := $(TARGET_CC_arm) -march=armv7-a -marm -mfloat-abi=soft -mno-unaligned-access
