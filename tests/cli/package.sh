#!/bin/sh
# package.sh - `spcomm package`: for every bundled case, in its language and
# in Arabic (non-ASCII headers and body), the e-mail draft parsed by
# Python's email package (package.py): To, Cc, From, Subject, X-Unsent as
# the case file and forms/mandates.yaml say; the PDF attached byte for byte
# the one `spcomm render` writes, each annex byte for byte its file, no
# Government or public copy; the same bytes on a second run; no file
# replaced without --force; -o refused.
. "$(dirname "$0")/lib.inc"

for c in cases/*.yaml; do
	id=$(awk '/^id:/ { print $2; exit }' "$c")
	own=$(awk '/^language:/ { print $2; exit }' "$c")
	for lang in $own ar; do
		rm -rf "$tmp/a" "$tmp/b" "$tmp/r"
		mkdir -p "$tmp/a" "$tmp/b" "$tmp/r"
		if ! "$spcomm" package -l "$lang" -d "$tmp/a" "$c" >/dev/null 2>"$tmp/err"; then
			bad "$c ($lang): package failed: $(grep error "$tmp/err")"
			continue
		fi
		[ -f "$tmp/a/$id.$lang.eml" ] && [ "$(ls "$tmp/a" | wc -l)" -eq 1 ] &&
		    ok "$c ($lang): one draft, $id.$lang.eml" || bad "$c ($lang): drafts $(ls "$tmp/a")"
		"$spcomm" render -l "$lang" -d "$tmp/r" "$c" >/dev/null 2>&1 ||
		    bad "$c ($lang): render failed"
		python3 tests/cli/package.py "$tmp/a/$id.$lang.eml" "$c" "$tmp/r/$id.$lang.pdf" "$lang" &&
		    ok "$c ($lang): headers, body and attachments as the case says" ||
		    bad "$c ($lang): the draft does not match the case"
		"$spcomm" package -l "$lang" -d "$tmp/b" "$c" >/dev/null 2>&1
		cmp -s "$tmp/a/$id.$lang.eml" "$tmp/b/$id.$lang.eml" &&
		    ok "$c ($lang): a second run gives the same bytes" || bad "$c ($lang): not deterministic"
	done
done

# SOURCE_DATE_EPOCH sets the Date; another date, other bytes
c=cases/ua-detained-lawyer.yaml
rm -rf "$tmp/a" && mkdir "$tmp/a"
SOURCE_DATE_EPOCH=86400 "$spcomm" package -d "$tmp/a" "$c" >/dev/null 2>&1
grep -q '^Date: Fri, 02 Jan 1970 00:00:00 +0000' "$tmp/a/ua-2026-017.en.eml" &&
    ok "SOURCE_DATE_EPOCH sets the Date" || bad "Date: $(grep '^Date' "$tmp/a"/*.eml)"

# an existing draft is not replaced without --force
"$spcomm" package -d "$tmp/a" "$c" >/dev/null 2>"$tmp/err"
expect "an existing draft without --force" 1 $?
grep -q "use --force" "$tmp/err" && ok "the refusal says --force" || bad "no hint: $(cat "$tmp/err")"
"$spcomm" package --force -d "$tmp/a" "$c" >/dev/null 2>&1
expect "--force replaces it" 0 $?

# over 20 MB: a warning with the size, and the draft is still written
mkdir -p "$tmp/big/annexes" "$tmp/bigout"
cp cases/wgeid-ramirez-reynosa.yaml "$tmp/big/"
for f in photo-ramirez statement-fellow-student amparo-receipt-ramirez; do
	head -c 6000000 /dev/zero | tr '\0' 'x' >"$tmp/big/annexes/$f.txt"
done
"$spcomm" package -d "$tmp/bigout" "$tmp/big/wgeid-ramirez-reynosa.yaml" >/dev/null 2>"$tmp/err"
expect "a draft above 20 MB is still written" 0 $?
grep -q "warning: .*above 20 MB" "$tmp/err" && ok "above 20 MB: a warning" ||
    bad "no 20 MB warning: $(cat "$tmp/err")"
"$spcomm" package -d "$tmp/a" --force "$c" >/dev/null 2>"$tmp/err"
grep -q "20 MB" "$tmp/err" && bad "a small draft warned about 20 MB" || ok "a small draft: no size warning"

"$spcomm" package -o "$tmp/x.eml" "$c" >/dev/null 2>&1
expect "-o is refused" 2 $?
"$spcomm" package -d "$tmp/a" tests/bad/age-mismatch.yaml >/dev/null 2>&1
expect "an invalid case" 1 $?
finish
