#!/bin/sh
# copies.sh - the Government and public copies hold nothing they must not:
# no confidential (SRC) value, no name whose owner did not consent.
# Searched in the text pdftotext extracts AND in the decompressed PDF,
# where libharu writes text as hex UTF-16 glyph codes (a plain grep of the
# file would find nothing even when the name is on the page).  The full
# copy must contain every string, so the test cannot pass vacuously.
. "$(dirname "$0")/lib.inc"
export SOURCE_DATE_EPOCH=1790000000

hex16() { printf '%s' "$1" | iconv -f UTF-8 -t UTF-16BE | od -An -tx1 | tr -d ' \n'; }

# in_pdf PDF STRING: is STRING in the extracted text or in the streams?
in_pdf() {
	pdftotext -enc UTF-8 "$1" - 2>/dev/null | tr '\n' ' ' | grep -qF "$2" && return 0
	qpdf --qdf --object-streams=disable "$1" "$tmp/qdf.pdf" 2>/dev/null
	LC_ALL=C tr -d '\n' <"$tmp/qdf.pdf" | tr 'A-F' 'a-f' | grep -qF "$(hex16 "$2")" && return 0
	LC_ALL=C grep -qF "$2" "$tmp/qdf.pdf"
}

check_case() { # check_case CASE "SRC strings" "names without consent to the Government" "names without consent to publish"
	case_file=$1
	rm -f "$tmp"/*.pdf
	"$spcomm" render -d "$tmp" --copy full --copy government --copy public "$case_file" >"$tmp/list" 2>"$tmp/err"
	expect "$case_file: three copies" 0 $?
	full=$(grep -v '\.government\.pdf$\|\.public\.pdf$' "$tmp/list")
	gov=$(grep '\.government\.pdf$' "$tmp/list")
	pub=$(grep '\.public\.pdf$' "$tmp/list")
	echo "$2" | while IFS= read -r s; do
		[ -n "$s" ] || continue
		in_pdf "$full" "$s" && ok "full copy holds '$s'" || bad "full copy lacks '$s' (test would be vacuous)"
		in_pdf "$gov" "$s" && bad "government copy holds SRC '$s'" || ok "government copy free of '$s'"
		in_pdf "$pub" "$s" && bad "public copy holds SRC '$s'" || ok "public copy free of '$s'"
	done >>"$tmp/results"
	echo "$3" | while IFS= read -r s; do
		[ -n "$s" ] || continue
		in_pdf "$full" "$s" && ok "full copy names '$s'" || bad "full copy lacks '$s'"
		in_pdf "$gov" "$s" && bad "government copy names '$s' without consent" || ok "government copy does not name '$s'"
		in_pdf "$pub" "$s" && bad "public copy names '$s' without consent" || ok "public copy does not name '$s'"
	done >>"$tmp/results"
	echo "${4:-}" | while IFS= read -r s; do
		[ -n "$s" ] || continue
		in_pdf "$gov" "$s" && ok "government copy names '$s' (consent given)" || bad "government copy lacks '$s'"
		in_pdf "$pub" "$s" && bad "public copy names '$s' without consent to publish" || ok "public copy does not name '$s'"
	done >>"$tmp/results"
}

: >"$tmp/results"
check_case cases/ua-detained-lawyer.yaml "Vermeulen
urgent@calrn.example.org
+31 70 555 0147
Central Asian Lawyers' Rights Network
CALRN/UA/2026/117
Timur
Osmonov" "" "Sadykova"
check_case cases/al-journalists-raid.yaml "" "Morales Coyoy
Coyoy
Morales"
cat "$tmp/results"
passed=$((passed + $(grep -c '^ok:' "$tmp/results")))
failed=$((failed + $(grep -c '^FAIL:' "$tmp/results")))
finish
