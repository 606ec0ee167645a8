#!/bin/sh
# languages.sh - every bundled case renders in the six output languages:
# valid PDFs, text that pdftotext gives back without warnings, the form's
# title and the submission date as each language writes it, and the fonts
# each script needs embedded.  Arabic is compared word by word after the
# bidi marks pdftotext adds are removed (it returns mixed lines in visual
# runs).
. "$(dirname "$0")/lib.inc"
export SOURCE_DATE_EPOCH=1790000000
# pattern value of KEY in locale/LANG.yaml
catalog() { sed -n "s/^$2: \"\\(.*\\)\"$/\\1/p" "locale/$1.yaml"; }
strip_bidi() { LC_ALL=C sed 's/\xe2\x80[\xaa-\xae]//g; s/\xe2\x81[\xa6-\xa9]//g; s/\xe2\x80[\x8e\x8f]//g'; }
# words, split at spaces (also no-break ones), slashes and colons: runs of
# mixed-direction text come back from pdftotext in visual order
words() { LC_ALL=C sed 's/\xe2\x80\xaf/ /g; s/\xc2\xa0/ /g; s|[/:]| |g'; }

date_in() { # the date of the bundled cases, 2026-11-20, as LANG writes it
	case $1 in
	en) echo "20 November 2026" ;;
	fr) echo "20 novembre 2026" ;;
	es) echo "20 de noviembre de 2026" ;;
	ru) echo "20 ноября 2026 года" ;;
	zh) echo "2026年11月20日" ;;
	ar) echo "20 تشرين الثاني/نوفمبر 2026" ;;
	esac
}

for f in cases/*.yaml; do
	name=$(basename "$f" .yaml)
	form=$(sed -n 's/^form: *//p' "$f")
	for lang in en fr es ru zh ar; do
		pdf=$tmp/$name.$lang.pdf
		if ! "$spcomm" render -l "$lang" -o "$pdf" "$f" >/dev/null 2>"$tmp/err"; then
			bad "$name in $lang: $(grep error "$tmp/err" | head -n 1)"
			continue
		fi
		qpdf --check "$pdf" >/dev/null 2>&1 || bad "$name.$lang: qpdf --check"
		pdftotext -enc UTF-8 "$pdf" "$tmp/t" 2>"$tmp/w"
		[ -s "$tmp/w" ] && bad "$name.$lang: pdftotext warned: $(head -n 1 "$tmp/w")"
		strip_bidi <"$tmp/t" | words | tr '\n' ' ' >"$tmp/text"
		title=$(catalog "$lang" "$form.title")
		missing=""
		for w in $(printf '%s %s' "$title" "$(date_in "$lang")" | words); do
			grep -qF -- "$w" "$tmp/text" || missing="$missing $w"
		done
		[ -z "$missing" ] && ok "$name.$lang: title and date" || bad "$name.$lang: missing words:$missing"
		grep -q '\[[a-z-]*\.[a-z_.-]*\]' "$tmp/text" && bad "$name.$lang: an untranslated [key]"
		fonts=$(pdffonts "$pdf" 2>/dev/null)
		case $lang in
		zh) echo "$fonts" | grep -q 'DroidSansFallback.*yes' && ok "$name.zh: CJK font embedded" \
			|| bad "$name.zh: no embedded CJK font" ;;
		ar) echo "$fonts" | grep -q 'NotoNaskhArabic.*yes' && ok "$name.ar: Arabic font embedded" \
			|| bad "$name.ar: no embedded Arabic font" ;;
		esac
	done
done

# A name given only in its original script: as it is in a document in
# that script (Russian, Chinese), with its honorific; transliterated and
# marked so in the others.
mkdir -p "$tmp/orig"
cp -R cases/annexes "$tmp/orig/"
awk '
/^      given: Aida$/ || /^      family: Sadykova$/ || /^      order: given_family$/ { next }
{ print }' cases/ua-detained-lawyer.yaml >"$tmp/orig/cy.yaml"
sed -e 's/^        given: Аида$/        given: 光明/' -e 's/^        family: Садыкова$/        family: 陈/' \
    "$tmp/orig/cy.yaml" >"$tmp/orig/han.yaml"
for c in cy:ru:"г-жа Аида Садыкова":транслитерация han:zh:"陈光明女士":音译 cy:en:"(transliterated)":"" ; do
	f=${c%%:*} r=${c#*:} lang=${r%%:*} r=${r#*:} want=${r%%:*} not=${r#*:}
	"$spcomm" render -l "$lang" -o "$tmp/orig/$f.$lang.pdf" "$tmp/orig/$f.yaml" >/dev/null 2>"$tmp/err"
	expect "original-only name ($f) in $lang: render" 0 $?
	text=$(pdftotext "$tmp/orig/$f.$lang.pdf" - | tr -s ' \n' '  ')
	case $text in *"$want"*) ok "... shows $want" ;; *) bad "... lacks $want" ;; esac
	if [ -n "$not" ]; then
		case $text in *"$not"*) bad "... marks it as a transliteration ($not)" ;;
		*) ok "... without a transliteration" ;; esac
	fi
done

# "around" a date: French and Spanish put an article before a day, not
# before a month
mkdir -p "$tmp/around"
cp -R cases/annexes "$tmp/around/"
sed 's/^  - date: 2026-11-19$/  - date: "2026-11-19~"/' cases/ua-detained-lawyer.yaml >"$tmp/around/day.yaml"
sed 's/^  - date: 2026-11-19$/  - date: "2026-11~"/' cases/ua-detained-lawyer.yaml >"$tmp/around/month.yaml"
for c in day:fr:"vers le 19 novembre 2026" day:es:"hacia el 19 de noviembre de 2026" \
    day:en:"around 19 November 2026" month:fr:"vers novembre 2026" month:es:"hacia noviembre de 2026"; do
	f=${c%%:*} r=${c#*:} lang=${r%%:*} want=${r#*:}
	"$spcomm" render -l "$lang" -o "$tmp/around/$f.$lang.pdf" "$tmp/around/$f.yaml" >/dev/null 2>"$tmp/err"
	expect "an approximate date ($f) in $lang: render" 0 $?
	text=$(pdftotext "$tmp/around/$f.$lang.pdf" - | tr -s ' \n' '  ')
	case $text in *"$want"*) ok "... reads \"$want\"" ;; *) bad "... lacks \"$want\"" ;; esac
done
finish
