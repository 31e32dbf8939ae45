# SPDX-License-Identifier: MIT
# shellcheck shell=sh
# shellcheck source=tests/lib/verdicts.sh
. "$SRCTREE/tests/lib/verdicts.sh"
if [ -z "${LEAKED:-}" ] && [ "$IFS" != : ] &&
	case $- in *f*) false ;; esac; then
	pass driver/isolated
else
	fail driver/isolated "a variable, IFS or an option crossed sets"
fi
