# SPDX-License-Identifier: MIT
# arch/x86_64 - its backend in the host library; its QEMU recipe; its
# kexec-codepage (native on amd64); regcheck entered in 64-bit mode; the
# bench references.
libcp-srcs += arch/x86_64/backend.c
arch-dirs += arch/x86_64
qemu-recipe-srcs += arch/x86_64/qemu.c
target-arches += x86_64
TARGET_CC_x86_64 ?= x86_64-linux-gnu-gcc
X86_PREFIX ?= x86_64-linux-gnu-

$(eval $(call regcheck-sample-object,x86_64,$(X86_PREFIX),--64))
$(eval $(call regcheck-sample,x86_64,$(X86_PREFIX),-m elf_x86_64,regcheck,0x1000000))

bench-arches += x86_64
bench-prefix-x86_64 := $(X86_PREFIX)
bench-asflags-x86_64 := --64
bench-ldflags-x86_64 := -m elf_x86_64
bench-cc-x86_64 := $(TARGET_CC_x86_64) -mgeneral-regs-only -mno-red-zone
