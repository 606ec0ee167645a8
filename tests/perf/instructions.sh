#!/bin/sh
# instructions.sh SPCOMM SRC BUILD_TYPE SANITIZE - the cost of one cold render,
# counted, not timed: valgrind's callgrind counts the instructions of
# `spcomm render` of cases/ua-detained-lawyer.yaml (a new process, the
# forms, catalogs and fonts loaded, the PDF written), and the count must
# stay within BUDGET.  Instruction counts are the same from run to run on
# one build (a few thousand apart, from the environment's size); wall
# time on a shared machine is not.
#
# The budget holds for the optimised builds CI runs this in (RelWithDebInfo,
# Release) without sanitizers; it is the count measured when it was set,
# times 1.3 for other compilers and libraries (docs/limits.md, "Cost").
# Skipped (exit 77) without valgrind, in other build types, and under
# sanitizers (valgrind cannot run them).
. "$(dirname "$0")/../cli/lib.inc"
. "$(dirname "$0")/lib.inc"
build_type=$3 sanitize=$4

# measured 2026-12-05, RelWithDebInfo, gcc 12, Debian 12: 67.2 M, the
# font programs embedded as HarfBuzz wrote them and trees.bin read by
# parts (68.0 M earlier that day, each text folded once for the gate's
# searches and ICU's confusables left unloaded for texts in one script;
# 74.2 M on 2026-12-04 with the data
# files' trees from the image, 98.4 M parsing them; 125.9 M on
# 2026-12-03, 141.7 M before the /ID hash, deflate and font loading
# changes); times 1.2.  Over it when the image is not used.
BUDGET=80000000

case $build_type in
RelWithDebInfo|Release) ;;
*) skip "build type '$build_type' (the budget is for RelWithDebInfo and Release)" ;;
esac
unsanitized "$sanitize"
need valgrind valgrind

out=$tmp/out.pdf
valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.out" \
	"$spcomm" render --force -o "$out" cases/ua-detained-lawyer.yaml >"$tmp/log" 2>&1
status=$?
expect "render under callgrind" 0 "$status"
n=$(sed -n 's/.*Collected : *\([0-9][0-9]*\).*/\1/p' "$tmp/log" | tail -1)
if [ -z "$n" ]; then
	bad "no instruction count in valgrind's output"
	sed 's/^/  /' "$tmp/log" | tail -20
	finish
fi
[ -s "$out" ] && ok "the PDF was written" || bad "no PDF"
echo "instructions: $n (budget $BUDGET)"
if [ "$n" -le "$BUDGET" ]; then
	ok "one cold render: $n instructions, within $BUDGET"
else
	bad "one cold render: $n instructions, over the budget of $BUDGET"
fi
finish
