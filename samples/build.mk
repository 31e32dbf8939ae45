# SPDX-License-Identifier: MIT
# samples/ - how each arch's sample destinations are built (the sources
# are in arch/<arch>/samples/): regcheck, a kernel that reports how it was
# entered, assembled with the target's binutils and linked at PHYS.
#
# $(call regcheck-sample-object,ARCH,BINUTILS-PREFIX,AS-FLAGS[,SOURCE[,ALSO]])
# assembles $(obj)/samples/ARCH/SOURCE.o (SOURCE: regcheck unless given)
# from arch/ARCH/samples/SOURCE.s, which may include the .inc files there,
# in arch/ARCH/ (as ../NAME.inc: arm's pcrel.inc), in samples/
# (regcheck-common.inc: what every regcheck shares) and, when given, the
# sources in arch/ALSO/samples/ (i386 includes x86_64's regcheck32.s);
# $(call regcheck-sample,ARCH,BINUTILS-PREFIX,LD-FLAGS,NAME,PHYS[,SOURCE[,
# SCRIPT]]) links that object at PHYS as NAME.elf with SCRIPT.ld (both
# regcheck unless given).
define regcheck-sample-object
$(obj)/samples/$(1)/$(or $(4),regcheck).o: \
		$(srctree)/arch/$(1)/samples/$(or $(4),regcheck).s \
		$(wildcard $(srctree)/arch/$(1)/samples/*.inc $(srctree)/arch/$(1)/*.inc \
			$(srctree)/samples/*.inc \
			$(if $(5),$(srctree)/arch/$(5)/samples/*.inc $(srctree)/arch/$(5)/samples/*.s))
	$$(quiet) AS $$(@:$(objtree)/%=%)
	@mkdir -p $$(dir $$@)
	$$(Q)$(2)as $(3) -I$(srctree)/arch/$(1)/samples -I$(srctree)/samples \
		$(if $(5),-I$(srctree)/arch/$(5)/samples) \
		-o $$@ $$<
endef
define regcheck-sample
$(obj)/samples/$(1)/$(4).elf: $(obj)/samples/$(1)/$(or $(6),regcheck).o \
		$(srctree)/arch/$(1)/samples/$(or $(7),regcheck).ld
	$$(quiet) LD $$(@:$(objtree)/%=%)
	$$(Q)$(2)ld $(3) -z max-page-size=4096 --no-warn-rwx-segments \
		--defsym PHYS=$(5) -T $(srctree)/arch/$(1)/samples/$(or $(7),regcheck).ld \
		-o $$@ $$<
samples: $(obj)/samples/$(1)/$(4).elf
endef
# $(call raw-sample,ARCH,BINUTILS-PREFIX,FROM.elf,TO): the same bytes
# without the ELF wrapper (an Image keeps its own header in them).
define raw-sample
$(obj)/samples/$(1)/$(4): $(obj)/samples/$(1)/$(3)
	$$(quiet) OBJCOPY $$(@:$(objtree)/%=%)
	$$(Q)$(2)objcopy -O binary $$< $$@
samples: $(obj)/samples/$(1)/$(4)
endef
.PHONY: samples
samples:
