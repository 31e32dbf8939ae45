# SPDX-License-Identifier: MIT
# arch/i386 - its backend in the host library (its kernel formats and
# protocol data are x86_64's); its QEMU recipe; its kexec-codepage, built
# with gcc-i686-linux-gnu (not gcc-multilib, which would remove every
# other cross compiler); regcheck from x86_64's 32-bit one, an i386 ELF.
libcp-srcs += arch/i386/backend.c
arch-dirs += arch/i386
qemu-recipe-srcs += arch/i386/qemu.c
target-arches += i386
TARGET_CC_i386 ?= i686-linux-gnu-gcc
I386_PREFIX ?= i686-linux-gnu-

$(eval $(call regcheck-sample-object,i386,$(I386_PREFIX),--32,regcheck,x86_64))
$(eval $(call regcheck-sample,i386,$(I386_PREFIX),-m elf_i386,regcheck,0x1000000))

bench-arches += i386
bench-prefix-i386 := $(I386_PREFIX)
bench-asflags-i386 := --32
bench-ldflags-i386 := -m elf_i386
bench-cc-i386 := $(TARGET_CC_i386) -mgeneral-regs-only
