# SPDX-License-Identifier: MIT
# gen/ - the host tool's library, shared with tools/; each arch's fragment
# adds its backend (a row of cp_arches, which arches.h lists from
# arch/list).
libcp-srcs += gen/diag.c gen/util.c gen/child.c gen/arch.c gen/desc.c gen/request.c gen/fromdesc.c \
	gen/plan.c gen/planasm.c gen/protocol.c gen/kernel.c gen/kimage.c gen/link.c gen/relocchk.c \
	gen/image.c gen/output.c gen/srcmap.c gen/fdtfix.c gen/fdtsane.c \
	gen/segtxt.c gen/segjson.c gen/deps.c gen/decompress.c gen/checksum.c \
	gen/fit.c gen/fithash.c gen/blob.c gen/blobbuild.c gen/fdtresv.c gen/reserve.c gen/iomem.c gen/cpuinfo.c gen/sums.c gen/park.c gen/pic.c gen/bootdata.c
programs += mkcodepage

# arches.h: CP_ARCH(symbol) for each line of arch/list, in order ("-"
# becomes "_": arch/arm64's row is cp_arch_arm64).
$(obj)/gen/arches.h: $(srctree)/arch/list
	$(quiet) GEN $(@:$(objtree)/%=%)
	@mkdir -p $(dir $@)
	$(Q)sed -e 's/#.*//' -e '/^[[:space:]]*$$/d' -e 's/[[:space:]]//g' \
		-e 'y/-/_/' -e 's/.*/CP_ARCH(&)/' $< >$@.tmp && mv $@.tmp $@
$(obj)/gen/arch.o $(obj)/san/gen/arch.o $(obj)/fuzz/gen/arch.o \
		$(obj)/tools/codepage-qemu.o $(obj)/san/tools/codepage-qemu.o: \
		$(obj)/gen/arches.h
