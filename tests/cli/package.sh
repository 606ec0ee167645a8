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

# The urgent procedure in the subject comes from the form's conditions:
# bundled cases changed to the other side of their form's condition (an
# urgent appeal made an allegation letter, WGAD's urgent action no longer
# asked, a WGEID disappearance moved to long before the three months), with
# the bundled cases on the first side (above); package.py
# works out from the case which words the subject must open with.
mkdir -p "$tmp/v/annexes" "$tmp/vo"
cp -R cases/annexes/. "$tmp/v/annexes/"
variant() { # variant CASE NAME SED-SCRIPT
	sed "$3" "$1" >"$tmp/v/$2.yaml"
	cmp -s "$1" "$tmp/v/$2.yaml" && { bad "$2: the variant changes nothing"; return; }
	id=$(awk '/^id:/ { print $2; exit }' "$1")
	rm -f "$tmp/vo"/*
	"$spcomm" package -d "$tmp/vo" "$tmp/v/$2.yaml" >/dev/null 2>"$tmp/err" &&
	"$spcomm" render -d "$tmp/vo" "$tmp/v/$2.yaml" >/dev/null 2>>"$tmp/err" ||
	    { bad "$2: $(grep error "$tmp/err" | head -3)"; return; }
	python3 tests/cli/package.py "$tmp/vo/$id.en.eml" "$tmp/v/$2.yaml" "$tmp/vo/$id.en.pdf" en &&
	    ok "$2: the subject follows the form's condition" ||
	    bad "$2: the subject does not follow the form's condition"
}
variant cases/ua-detained-lawyer.yaml ua-as-letter 's/requested_type: urgent_appeal/requested_type: allegation_letter/'
variant cases/wgad-tran-thi-lan.yaml wgad-no-urgent-action '/^urgent_action:/,/^[a-z]/s/^  requested: true/  requested: false/'
variant cases/wgeid-ramirez-reynosa.yaml wgeid-long-ago '/^disappearance:/,/^[a-z]/s/^  date: 2026-10-03/  date: 2026-05-03/'

# A subject part naming no field of the form, or a subject that is not a
# list, stops the forms from loading, with the reason.
mkdir -p "$tmp/fd" && cp -R forms locale "$tmp/fd/"
awk '{ print } /^  - text: wgad.subject.urgent_action$/ { s = 1 } s && /^    when:/ { print "  - urgent_action.requestd"; s = 0 }' \
    forms/wgad.yaml >"$tmp/fd/forms/wgad.yaml"
"$spcomm" --data-dir "$tmp/fd" forms >/dev/null 2>"$tmp/err"; expect "a misspelt subject path" 2 $?
grep -q "names 'urgent_action.requestd', which is no field of the form" "$tmp/err" &&
    ok "the misspelt path is named" || bad "misspelt path: $(cat "$tmp/err")"
awk '/^subject:$/ { print "subject: urgent"; skip = 1; next } skip && /^  / { next } { skip = 0; print }' \
    forms/wgad.yaml >"$tmp/fd/forms/wgad.yaml"
"$spcomm" --data-dir "$tmp/fd" forms >/dev/null 2>"$tmp/err"; expect "a subject that is no list" 2 $?
grep -q "'subject' is a list of values in words" "$tmp/err" && ok "the subject must be a list" ||
    bad "subject no list: $(cat "$tmp/err")"
"$spcomm" package -o "$tmp/x.eml" "$c" >/dev/null 2>&1
expect "-o is refused" 2 $?
"$spcomm" package -d "$tmp/a" tests/bad/age-mismatch.yaml >/dev/null 2>&1
expect "an invalid case" 1 $?
finish
