# SPDX-License-Identifier: MIT
# gen/ - the host tool's library, shared with tools/; arch backends are rows
# linked into every program.
arch-dirs += arch/ppc32-e500 arch/arm64 arch/riscv64
libcp-srcs += gen/diag.c gen/util.c gen/child.c gen/arch.c gen/desc.c \
	gen/plan.c gen/planasm.c gen/kernel.c gen/link.c gen/relocchk.c gen/image.c \
	gen/output.c gen/srcmap.c gen/fdtfix.c gen/fdtsane.c gen/segtxt.c gen/segjson.c gen/deps.c gen/decompress.c gen/checksum.c \
	arch/ppc32-e500/backend.c \
	arch/arm64/backend.c arch/arm64/idmap.c arch/riscv64/backend.c
programs += mkcodepage
