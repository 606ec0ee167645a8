#!/bin/sh
# batch-package.sh - `spcomm batch --package`: over every bundled case
# (and in Arabic), each full copy gets its e-mail draft <id>.<lang>.eml,
# byte for byte the one `spcomm package` writes; the manifest lists each
# draft as a second output with its size and SHA-256; --resume skips them
# and redoes a draft that was removed or changed; an invalid case among
# them stops no other; a run without the full copy cannot package (exit 2).
. "$(dirname "$0")/lib.inc"

# records ID LANG: the manifest lines of one document
records() { grep -F "\"id\":\"$1\",\"lang\":\"$2\"" "$out/manifest.jsonl"; }

out=$tmp/out
mkdir -p "$out" "$tmp/cases" "$tmp/bad" "$tmp/p"
cp -r cases/*.yaml cases/annexes "$tmp/cases/"
# one invalid case among the good ones
cp tests/bad/age-mismatch.yaml "$tmp/bad/"
"$spcomm" batch -q -j 2 -l en,ar --package -d "$out" "$tmp/cases" "$tmp/bad" >/dev/null 2>"$tmp/err"
expect "a batch with an invalid case exits 1" 1 $?
grep -q '"status":"invalid"' "$out/manifest.jsonl" &&
    ok "the invalid case has its record" || bad "no invalid record"

n=0
for c in cases/*.yaml; do
	id=$(awk '/^id:/ { print $2; exit }' "$c")
	for lang in en ar; do
		n=$((n + 1))
		"$spcomm" package -l "$lang" -d "$tmp/p" "$tmp/cases/$(basename "$c")" >/dev/null 2>&1 ||
		    bad "$c ($lang): package failed"
		cmp -s "$tmp/p/$id.$lang.eml" "$out/$id.$lang.eml" &&
		    ok "$c ($lang): the draft is byte for byte spcomm package's" ||
		    bad "$c ($lang): the batch's draft differs from spcomm package's"
		rec=$(records "$id" "$lang")
		size=$(wc -c <"$out/$id.$lang.eml")
		sha=$(sha256sum "$out/$id.$lang.eml" | cut -d' ' -f1)
		echo "$rec" | grep -qF "{\"path\":\"$out/$id.$lang.eml\",\"size\":$size,\"sha256\":\"$sha\"}" &&
		    ok "$c ($lang): the manifest lists the draft with its size and SHA-256" ||
		    bad "$c ($lang): no draft output in $rec"
		echo "$rec" | grep -q '"status":"ok"' && ok "$c ($lang): status ok" ||
		    bad "$c ($lang): status in $rec"
	done
done
[ "$(ls "$out"/*.eml | wc -l)" -eq "$n" ] && ok "one draft per case and language, no more" ||
    bad "drafts: $(ls "$out"/*.eml)"

# --resume: every document skipped, the drafts untouched
before=$(wc -l <"$out/manifest.jsonl")
"$spcomm" batch -q -j 2 -l en,ar --package --resume -d "$out" "$tmp/cases" >/dev/null 2>&1
expect "--resume over the valid cases" 0 $?
new=$(tail -n +"$((before + 2))" "$out/manifest.jsonl")
[ "$(echo "$new" | grep -c '"status":"skipped"')" -eq "$n" ] &&
    ok "--resume skips every document and its draft" || bad "--resume records: $new"
echo "$new" | grep -q '\.eml"' && ok "a skipped record keeps its draft" ||
    bad "skipped records without the draft"

# a draft removed, another changed: those two are redone, the rest skipped
rm "$out/ua-2026-017.en.eml"
printf 'x' >>"$out/wgad-2026-ttl.ar.eml"
before=$(wc -l <"$out/manifest.jsonl")
"$spcomm" batch -q -j 2 -l en,ar --package --resume -d "$out" "$tmp/cases" >/dev/null 2>"$tmp/err"
st=$?
# a changed draft is not the run's own: replaced only with --force
grep -q "wgad-2026-ttl.ar.eml" "$tmp/err" && ok "a changed draft is not replaced silently" ||
    bad "changed draft: $(cat "$tmp/err")"
expect "a changed draft without --force" 1 $st
"$spcomm" batch -q -j 2 -l en,ar --package --resume --force -d "$out" "$tmp/cases" >/dev/null 2>&1
expect "--resume --force" 0 $?
for d in ua-2026-017.en wgad-2026-ttl.ar; do
	cmp -s "$out/$d.eml" "$tmp/p/$d.eml" && ok "$d: redone, the same bytes again" ||
	    bad "$d: not redone"
done
new=$(tail -n +"$((before + 1))" "$out/manifest.jsonl" | grep '"input"')
[ "$(echo "$new" | grep -c '"status":"ok"')" -ge 2 ] && ok "the redone drafts are recorded ok" ||
    bad "after a removed draft: $new"

# a run of the same directory without --package redoes the documents
# (their records had two outputs) and lists no draft
before=$(wc -l <"$out/manifest.jsonl")
"$spcomm" batch -q -j 2 -l en --resume -d "$out" "$tmp/cases" >/dev/null 2>&1
expect "--resume without --package" 0 $?
tail -n +"$((before + 2))" "$out/manifest.jsonl" | grep -q '\.eml"' &&
    bad "a run without --package lists a draft" || ok "without --package: no draft listed"

# no full copy: nothing to attach
"$spcomm" batch -q --package --copy government -d "$out" cases >/dev/null 2>"$tmp/err"
expect "--package without the full copy" 2 $?
grep -q "full copy" "$tmp/err" && ok "the refusal names the full copy" || bad "$(cat "$tmp/err")"
mkdir "$tmp/g"
"$spcomm" batch -q --package --copy government --copy full -d "$tmp/g" cases/ua-detained-lawyer.yaml \
    >/dev/null 2>&1
expect "--package with government and full copies" 0 $?
[ "$(cd "$tmp/g" && ls *.eml)" = "ua-2026-017.en.eml" ] &&
    ok "a draft for the full copy only" || bad "drafts: $(ls "$tmp/g")"
"$spcomm" render --package -d "$tmp/p" cases/ua-detained-lawyer.yaml >/dev/null 2>&1
expect "--package outside batch" 2 $?
finish
