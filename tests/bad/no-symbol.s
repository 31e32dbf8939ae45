# SPDX-License-Identifier: MIT
# defines no "preamble" symbol
	.text
start:	b	start
