# SPDX-License-Identifier: MIT
# shellcheck shell=sh
# shellcheck source=tests/lib/verdicts.sh
. "$SRCTREE/tests/lib/verdicts.sh"
fail driver/broken-1 "on purpose"
seq 1 50 >"$WORK/long.log"
fail driver/broken-2 "on purpose, with a log of 50 lines" "$WORK/long.log"
