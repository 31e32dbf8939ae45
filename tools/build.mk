# SPDX-License-Identifier: MIT
# tools/ - standalone programs: the relocation checker, the QEMU runner,
# and kexec-codepage, for the host and as kexec-codepage.ARCH for each
# target whose cross compiler is installed.
programs += codepage-check codepage-qemu
programs += kexec-codepage

kexec-target-srcs := tools/kexec-codepage.c tools/kexec-env.c tools/kexec-kept.c \
	tools/kexec-seeds.c gen/checksum.c \
	tools/kexec-preflight.c gen/diag.c gen/util.c gen/segtxt.c gen/segjson.c \
	gen/fdtresv.c gen/iomem.c gen/cpuinfo.c
target-loaders := $(foreach a,$(target-arches),$(objtree)/kexec-codepage.$(a))
all: $(foreach a,$(target-arches-present),$(objtree)/kexec-codepage.$(a))
$(foreach a,$(target-arches),$(eval $(call target-program,$(objtree)/kexec-codepage.$(a),$(a),$(kexec-target-srcs))))
