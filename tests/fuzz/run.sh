#!/bin/sh
# run.sh BINDIR SRCDIR SECONDS HARNESS... - fuzz each harness for SECONDS,
# starting from the bundled cases, the broken and the warned ones and
# tests/fuzz/corpus.
# Exit non-zero on the first crash; the input is kept in BINDIR/fuzz-crashes.
set -eu
bindir=$1 src=$2 seconds=$3
shift 3
mkdir -p "$bindir/fuzz-crashes"
for h in "$@"; do
	corpus=$bindir/fuzz-corpus-$h
	mkdir -p "$corpus"
	cp "$src"/cases/*.yaml "$src"/tests/bad/*.yaml "$src"/tests/warn/*.yaml \
	    "$src"/tests/fuzz/corpus/* "$corpus"/
	echo "fuzzing $h for $seconds s"
	"$bindir/$h" -max_total_time="$seconds" -rss_limit_mb=4096 -timeout=10 \
		-artifact_prefix="$bindir/fuzz-crashes/$h-" "$corpus" >"$bindir/$h.log" 2>&1 || {
		tail -n 40 "$bindir/$h.log"
		echo "$h: crash; input in $bindir/fuzz-crashes"
		exit 1
	}
	grep -E '^Done|^#[0-9]+ *DONE' "$bindir/$h.log" | tail -n 1
done
