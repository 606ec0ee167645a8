#!/bin/sh
# package-pdfa.sh - `spcomm package --pdfa` and `batch --package --pdfa`:
# every bundled case's draft attaches the PDF/A-1b full copy, byte for byte
# the file `spcomm render --pdfa` writes (checked by Python's email package,
# package.py), not the plain PDF; the batch's drafts are byte for byte
# those of `spcomm package --pdfa`.
. "$(dirname "$0")/lib.inc"
export SOURCE_DATE_EPOCH=1790000000

mkdir -p "$tmp/p" "$tmp/plain" "$tmp/r" "$tmp/b"
n=0
for c in cases/*.yaml; do
	id=$(awk '/^id:/ { print $2; exit }' "$c")
	lang=$(awk '/^language:/ { print $2; exit }' "$c")
	n=$((n + 1))
	"$spcomm" package --pdfa -d "$tmp/p" "$c" >/dev/null 2>"$tmp/err" ||
	    { bad "$c: package --pdfa failed: $(grep error "$tmp/err")"; continue; }
	"$spcomm" render --pdfa -l "$lang" -d "$tmp/r" "$c" >/dev/null 2>&1 || bad "$c: render --pdfa failed"
	grep -aq 'pdfaid:part' "$tmp/r/$id.$lang.pdf" || bad "$c: render --pdfa wrote no PDF/A marker"
	python3 tests/cli/package.py "$tmp/p/$id.$lang.eml" "$c" "$tmp/r/$id.$lang.pdf" "$lang" &&
	    ok "$c: the draft attaches render --pdfa's file byte for byte" ||
	    bad "$c: the attached PDF is not render --pdfa's"
	"$spcomm" package -d "$tmp/plain" "$c" >/dev/null 2>&1
	cmp -s "$tmp/p/$id.$lang.eml" "$tmp/plain/$id.$lang.eml" &&
	    bad "$c: the same draft with and without --pdfa" || ok "$c: --pdfa changes the draft"
done
"$spcomm" batch -q -j 2 --package --pdfa -d "$tmp/b" cases >/dev/null 2>"$tmp/err"
expect "batch --package --pdfa" 0 $?
m=0
for c in cases/*.yaml; do
	id=$(awk '/^id:/ { print $2; exit }' "$c")
	lang=$(awk '/^language:/ { print $2; exit }' "$c")
	cmp -s "$tmp/b/$id.$lang.eml" "$tmp/p/$id.$lang.eml" && m=$((m + 1)) ||
	    bad "$c: batch --package --pdfa differs from package --pdfa"
done
[ "$m" -eq "$n" ] && ok "batch: all $n drafts byte for byte package --pdfa's" || bad "batch: $m of $n"
grep -c '"format":"pdf/a-1b"' "$tmp/b/manifest.jsonl" | grep -qx "$n" &&
    ok "the manifest records PDF/A" || bad "manifest: $(grep -c pdf/a "$tmp/b/manifest.jsonl")"
finish
