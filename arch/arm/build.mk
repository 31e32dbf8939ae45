# SPDX-License-Identifier: MIT
# arch/arm - its backend in the host library; its codepage-qemu recipe.
libcp-srcs += arch/arm/backend.c
arch-dirs += arch/arm
qemu-recipe-srcs += arch/arm/qemu.c
