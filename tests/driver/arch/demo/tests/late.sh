# SPDX-License-Identifier: MIT
# shellcheck shell=sh
# shellcheck source=tests/lib/verdicts.sh
. "$SRCTREE/tests/lib/verdicts.sh"
pass driver/late-demo
