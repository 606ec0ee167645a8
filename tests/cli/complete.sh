#!/bin/sh
# complete.sh - nothing a copy may hold is dropped (issue 11, item 1).
# Every non-empty value of the bundled cases (cases/), of the realistic
# corpus (tests/realistic/) and of generated cases that fill every field
# of every form (tests/complete/gen.py) must be found, formatted, in the
# text pdftotext extracts from each copy (full, Government, public) whose
# disclosure class holds it, unless the person's consent withholds it
# (tests/complete/check.py says how each kind of value is looked for).
# Each case is rendered in English and in its own language (the generated
# ones are written in English, French or Spanish, so numbers and dates are
# looked for in the three); the generated cases must between them have
# every field of every form looked for (COVERAGE).
. "$(dirname "$0")/lib.inc"

for t in python3 pdftotext; do
	command -v "$t" >/dev/null 2>&1 || { bad "$t is not installed (.ci/packages)"; finish; }
done
python3 -c 'import yaml' 2>/dev/null || { bad "python3-yaml is not installed (.ci/packages)"; finish; }

python3 tests/complete/gen.py "$spcomm" "$tmp/gen" >"$tmp/gen.log" 2>&1 \
	|| { cat "$tmp/gen.log"; bad "gen.py failed"; finish; }
n=$(ls "$tmp"/gen/*.yaml | wc -l)
[ "$n" -ge 12 ] && ok "$n generated cases" || bad "only $n generated cases"

run() { # run LANGS COVERAGE CASE...: check.py's lines, counted
	langs=$1 cov=$2
	shift 2
	COVERAGE=$cov python3 tests/complete/check.py "$spcomm" "$src" "$tmp/out" "$langs" "$@" \
	    >"$tmp/results" 2>&1
	status=$?
	grep -v '^ok:' "$tmp/results"
	[ $status -eq 0 ] || bad "check.py exited $status"
	passed=$((passed + $(grep -c '^ok:' "$tmp/results")))
	failed=$((failed + $(grep -c '^FAIL:' "$tmp/results")))
}
run en,case 1 "$tmp"/gen/*.yaml
run en,case 0 cases/*.yaml tests/realistic/*.yaml
finish
