#!/bin/sh
# SPDX-License-Identifier: MIT
#
# run.sh FUZZDIR FINDINGS SECONDS HARNESS... - `make fuzz`: each harness
# runs SECONDS from FUZZDIR/corpus/HARNESS (new inputs kept there, seeded
# from FUZZDIR/seeds and the past findings); what it finds goes to
# FUZZDIR/found/HARNESS/. A line per harness, then the count of findings.
set -u
dir=$1 findings=$2 seconds=$3
shift 3
found=0
for h in "$@"; do
	corpus=$dir/corpus/$h
	mkdir -p "$corpus" "$dir/found/$h"
	cp "$dir/seeds/$h"/* "$corpus/" 2>/dev/null
	[ -d "$findings/$h" ] && cp "$findings/$h"/* "$corpus/" 2>/dev/null
	log=$dir/found/$h.log
	"$dir/fuzz-$h" -max_total_time="$seconds" -max_len=1048576 -timeout=10 \
		-rss_limit_mb=2048 -artifact_prefix="$dir/found/$h/" \
		-print_final_stats=1 "$corpus" >"$log" 2>&1
	st=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	n=$(find "$dir/found/$h" -type f | wc -l)
	found=$((found + n))
	echo "fuzz-$h: ${runs:-?} executions in ${seconds}s, exit $st, $n finding(s) in $dir/found/$h ($log)"
done
echo "$found finding(s)"
[ "$found" -eq 0 ]
