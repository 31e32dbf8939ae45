# SPDX-License-Identifier: MIT
# tools/ - standalone programs: the relocation checker, the QEMU runner.
programs += codepage-check codepage-qemu
