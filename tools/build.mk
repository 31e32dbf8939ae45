# SPDX-License-Identifier: MIT
# tools/ - standalone programs: the relocation checker, the QEMU runner.
programs += codepage-check codepage-qemu
programs += kexec-codepage

# kexec-codepage for the target: static, from the C library alone, built
# when the cross compiler is there (tools/install-deps.sh installs it).
A64_CC ?= aarch64-linux-gnu-gcc
kexec-target-srcs := tools/kexec-codepage.c gen/diag.c gen/util.c gen/segtxt.c
ifneq ($(shell command -v $(A64_CC) 2>/dev/null),)
all: $(objtree)/kexec-codepage.arm64
endif
$(objtree)/kexec-codepage.arm64: $(addprefix $(srctree)/,$(kexec-target-srcs)) \
		$(wildcard $(srctree)/gen/*.h)
	$(quiet) CC-A64 kexec-codepage.arm64
	$(Q)$(A64_CC) -std=c11 -D_POSIX_C_SOURCE=200809L $(WARN) -O2 -static \
		-I$(srctree)/gen -o $@ $(filter %.c,$^)
