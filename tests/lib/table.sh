# SPDX-License-Identifier: MIT
# shellcheck shell=sh
#
# table.sh - the one reader of the tests' tables (and of the set registry),
# for the one format all of them have: fields separated by "|", blanks
# around a field ignored, "#" lines and blank lines skipped.

# arch_tables FILE: the rows of FILE in each arch's tests/ folder, in the
# order of arch/list (needs $arches and $SRCTREE)
arch_tables() {
	for a in $arches; do
		table "$SRCTREE/arch/$a/tests/$1"
	done
}

# table FILE...: the rows of each FILE that exists, fields trimmed. Read with
#   table F | while IFS='|' read -r a b c; do ...; done
# (the IFS there is the read's alone).
table() {
	for t in "$@"; do
		[ ! -f "$t" ] || sed -e '/^[[:space:]]*#/d' -e '/^[[:space:]]*$/d' \
			-e 's/[[:space:]]*|[[:space:]]*/|/g' \
			-e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' "$t"
	done
}
