# SPDX-License-Identifier: MIT
#
# mkcodepage.mk - a rule for firmware Makefiles (GNU make 4.3 or later):
#
#   include /usr/share/mkcodepage/mkcodepage.mk
#   $(eval $(call mkcodepage,OUTDIR,DESCRIPTION,KERNEL[,OPTIONS]))
#   image: OUTDIR/segments.txt
#
# (name your default goal before the first call: its rule would be first)
# builds OUTDIR (segments.txt, segments.json, codepage.bin, codepage.elf,
# map.txt, the segments' files, and blob.bin with --blob) from DESCRIPTION
# and KERNEL with mkcodepage(1), OPTIONS added to its command line. The
# rule includes the depfile mkcodepage writes (OUTDIR.d), so that a change
# to any input (the description, the kernel, a file it /include/s, a
# segment's file, a custom preamble, the arch's sources, mkcodepage
# itself) rebuilds OUTDIR, and nothing else does. Names with spaces are
# beyond make; OUTDIR is replaced whole, never left half-written.
#
# MKCODEPAGE names the program (default: mkcodepage in PATH); V=1 shows the
# command.

MKCODEPAGE ?= mkcodepage

ifeq ($(filter grouped-target,$(.FEATURES)),)
$(error mkcodepage.mk needs GNU make 4.3 or later (grouped targets))
endif

mkcodepage-tool = $(or $(shell command -v $(MKCODEPAGE) 2>/dev/null),$(MKCODEPAGE))
# (and blob.bin when OPTIONS ask for --blob)
mkcodepage-outputs = $(addprefix $(1)/,segments.txt segments.json \
	codepage.bin codepage.elf map.txt $(if $(filter --blob,$(2)),blob.bin))

# $(call mkcodepage,OUTDIR,DESCRIPTION,KERNEL[,OPTIONS])
define mkcodepage
$(call mkcodepage-outputs,$(1),$(4)) &: $(2) $(3) $(mkcodepage-tool)
	$$(if $$(filter 1,$$(V)),,@printf '  %-8s %s\n' MKCP $(1))
	@mkdir -p $(dir $(1))
	$$(if $$(filter 1,$$(V)),,@)$$(MKCODEPAGE) -d $(2) -k $(3) -o $(1) \
		--depfile $(1).d $(4)
-include $(1).d
endef
