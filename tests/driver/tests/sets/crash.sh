# SPDX-License-Identifier: MIT
# shellcheck shell=sh
# shellcheck source=tests/lib/verdicts.sh
. "$SRCTREE/tests/lib/verdicts.sh"
# shellcheck disable=SC2154 # unset on purpose: set -u stops the set here
echo "$NOT_SET"
pass driver/crash-never-here
