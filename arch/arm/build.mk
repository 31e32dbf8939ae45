# SPDX-License-Identifier: MIT
# arch/arm - its backend in the host library.
libcp-srcs += arch/arm/backend.c
arch-dirs += arch/arm
