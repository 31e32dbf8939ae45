# SPDX-License-Identifier: MIT
# A kernel whose two PT_LOADs share bytes (overlapping-loads.ld puts .b 8
# bytes into .a): .b would overwrite the entry code.
	.section .a,"ax"
	.globl _start
_start:	.long 1, 2, 3, 4
	.section .b,"a"
	.long 5, 6, 7, 8
