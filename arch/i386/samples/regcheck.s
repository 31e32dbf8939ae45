# SPDX-License-Identifier: MIT
#
# regcheck.s - the i386 regcheck: x86_64's 32-bit one, which reports a
# destination entered in 32-bit protected mode with paging off (built as
# an i386 ELF here, samples/build.mk).
	.include "regcheck32.s"
