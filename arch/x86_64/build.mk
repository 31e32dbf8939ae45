# SPDX-License-Identifier: MIT
# arch/x86_64 - its backend in the host library (its kernel formats and
# protocol data, which i386 shares); its QEMU recipe; its kexec-codepage
# (native on amd64; 32-bit x86 kernels take i386's); regcheck entered in
# 64-bit mode; the bench references.
libcp-srcs += arch/x86_64/backend.c arch/x86_64/bootinfo.c \
	arch/x86_64/bzimage.c arch/x86_64/multiboot.c
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

# regcheck32: the same checks, entered as a 32-bit destination is
$(eval $(call regcheck-sample-object,x86_64,$(X86_PREFIX),--64,regcheck32))
$(eval $(call regcheck-sample,x86_64,$(X86_PREFIX),-m elf_x86_64,regcheck32,0x1000000,regcheck32))
# mbcheck: a Multiboot and Multiboot2 kernel, an i386 ELF, that prints the
# information it is handed
$(eval $(call regcheck-sample-object,x86_64,$(X86_PREFIX),--32,mbcheck))
$(eval $(call regcheck-sample,x86_64,$(X86_PREFIX),-m elf_i386,mbcheck,0x200000,mbcheck,mbcheck))
