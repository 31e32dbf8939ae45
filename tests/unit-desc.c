// SPDX-License-Identifier: MIT
/*
 * unit-desc.c - unit tests of the description reader (gen/desc.c): what a
 * good description gives, with the source map, and bad ones refused.
 */
#include <stdlib.h>
#include <string.h>

#include "desc.h"
#include "diag.h"
#include "util.h"
#include "unit.h"

static const char good_desc[] =
	"/dts-v1/;\n/ {\n"
	"  compatible = \"mkcodepage,description-v1\";\n"
	"  #address-cells = <2>; #size-cells = <2>;\n"
	"  arch = \"ppc32-e500\"; protocol = \"linux-epapr\";\n"
	"  memory = <0 0 0 0x20000000>, <0 0x40000000 0 0x1000>;\n"
	"  codepage { load = <0 0x1ff00000>; };\n"
	"  segments {\n"
	"    fdt { file = \"board.dtb\"; load = <0 0x1f00000>; };\n"
	"    cmdline { string = \"console=ttyS0\"; load = <0 0x1f10000>; };\n"
	"    blob { data = [01 02 03]; load = <0 0x1f20010>; };\n"
	"  };\n"
	"  registers { r3 = \"fdt\"; r7 = <0 0x4000000>; r8 = <5>; };\n"
	"};\n";

static void test_desc_good(void)
{
	char *path = write_text("good.dts", good_desc);
	struct cp_desc d;
	struct cp_srcmap map = { 0 };
	int r = cp_desc_load(&d, path, unit_work, CP_DESC_COMPATIBLE, &map);

	CHECK("desc-reads", r == 0);
	CHECK("desc-arch-protocol", d.arch && !strcmp(d.arch, "ppc32-e500") &&
					    d.protocol &&
					    !strcmp(d.protocol, "linux-epapr"));
	CHECK("desc-memory", d.nmemory == 2 && d.memory[0].size == 0x20000000 &&
				     d.memory[1].base == 0x40000000);
	CHECK("desc-codepage",
	      d.has_codepage_load && d.codepage_load == 0x1ff00000);
	CHECK("desc-segments", d.req.nsegments == 3 &&
				       !strcmp(d.req.segments[0].name, "fdt") &&
				       d.req.segments[0].load == 0x1f00000);
	CHECK("desc-file-relative",
	      d.req.segments[0].path &&
		      strstr(d.req.segments[0].path, unit_work) &&
		      strstr(d.req.segments[0].path, "board.dtb"));
	CHECK("desc-string",
	      d.req.segments[1].string &&
		      !strcmp(d.req.segments[1].string, "console=ttyS0"));
	CHECK("desc-data", d.req.segments[2].has_data &&
				   d.req.segments[2].data_len == 3 &&
				   d.req.segments[2].data[2] == 3);
	CHECK("desc-registers",
	      d.nregs == 3 && d.regs[0].is_expr &&
		      !strcmp(d.regs[0].expr, "fdt") && !d.regs[1].is_expr &&
		      d.regs[1].value == 0x4000000 && d.regs[2].value == 5);
	CHECK("desc-deps", d.deps.n >= 1);
	{
		struct cp_loc at = cp_loc_at(path, "/segments/fdt:load");
		struct cp_loc node = cp_loc_at(path, "/segments/blob:nothing");

		CHECK("srcmap-property-line", cp_srcmap_locate(&map, &at) &&
						      at.line == 9 &&
						      at.col > 1);
		CHECK("srcmap-falls-back-to-node",
		      cp_srcmap_locate(&map, &node) && node.line == 11);
	}
	cp_desc_free(&d);
	cp_srcmap_free(&map);
	free(path);
}

static int load_fails(const char *name, const char *text)
{
	char *path = write_text(name, text);
	struct cp_desc d;
	int r = cp_desc_load(&d, path, unit_work, CP_DESC_COMPATIBLE, NULL);

	cp_desc_free(&d);
	free(path);
	return r != 0;
}

static void test_desc_bad(void)
{
	CHECK("desc-bad-cells",
	      load_fails(
		      "cells.dts",
		      "/dts-v1/; / { compatible = "
		      "\"mkcodepage,description-v1\";"
		      " #address-cells = <2>; #size-cells = <2>;"
		      " segments { fdt { string = \"x\"; load = <0x1000>; }; };"
		      " };"));
	CHECK("desc-bad-compatible",
	      load_fails("compat.dts",
			 "/dts-v1/; / { compatible = \"something-else\"; };"));
	CHECK("desc-two-sources",
	      load_fails("two.dts",
			 "/dts-v1/; / { compatible = "
			 "\"mkcodepage,description-v1\";"
			 " segments { a { string = \"x\"; data = [00];"
			 " load = <0 0x1000>; }; }; };"));
	CHECK("desc-syntax", load_fails("syntax.dts", "/dts-v1/; / { oops"));
	CHECK("desc-memory-pairs",
	      load_fails("mem.dts", "/dts-v1/; / { compatible = "
				    "\"mkcodepage,description-v1\";"
				    " #address-cells = <2>; #size-cells = <2>;"
				    " memory = <0 0 0>; };"));
	{
		/* a flattened tree whose header lies about its size */
		unsigned char junk[64] = {
			0xd0, 0x0d, 0xfe, 0xed, 0, 0, 0x10, 0
		};
		char *path = cp_path_join(unit_work, "corrupt.dtb");
		struct cp_desc d;

		cp_write_file(path, junk, sizeof(junk));
		CHECK("desc-corrupt-dtb",
		      cp_desc_load(&d, path, unit_work, CP_DESC_COMPATIBLE,
				   NULL) != 0);
		cp_desc_free(&d);
		free(path);
	}
}

void unit_desc(void)
{
	test_desc_good();
	test_desc_bad();
}
