# SPDX-License-Identifier: MIT
# shellcheck shell=sh
# shellcheck source=tests/lib/verdicts.sh
. "$SRCTREE/tests/lib/verdicts.sh"
# shellcheck disable=SC2034 # for the next set to (not) see
LEAKED=yes
IFS=:
set -f
pass driver/leak
