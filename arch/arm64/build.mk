# SPDX-License-Identifier: MIT
# arch/arm64 - its backend and identity-map builder in the host library;
# its kexec-codepage; regcheck as an ELF (virtual = physical, at
# 0x40200000) and as an Image (the same bytes with their header); the
# bench references.
libcp-srcs += arch/arm64/backend.c arch/arm64/idmap.c
arch-dirs += arch/arm64
qemu-recipe-srcs += arch/arm64/qemu.c
unit-test-srcs += arch/arm64/tests/unit-idmap.c
target-arches += arm64
TARGET_CC_arm64 ?= aarch64-linux-gnu-gcc
A64_PREFIX ?= aarch64-linux-gnu-

$(eval $(call regcheck-sample-object,arm64,$(A64_PREFIX),))
$(eval $(call regcheck-sample,arm64,$(A64_PREFIX),,regcheck,0x40200000))
$(eval $(call raw-sample,arm64,$(A64_PREFIX),regcheck.elf,Image))

bench-arches += arm64
bench-prefix-arm64 := $(A64_PREFIX)
bench-cc-arm64 := $(TARGET_CC_arm64) -mstrict-align -mgeneral-regs-only
