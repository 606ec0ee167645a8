#!/bin/sh
# shaping.sh - HarfBuzz shaping as a reader of the PDF sees it: a kerned
# word is as wide on the page (pdftotext -bbox) as hb-shape makes it on the
# same font file, and narrower than its letters unkerned; Arabic with
# harakat and shadda extracts letter for letter; the moved marks are in an
# /ActualText span and raised by Ts.  Needs hb-shape (libharfbuzz-bin).
. "$(dirname "$0")/lib.inc"
command -v hb-shape >/dev/null || { bad "hb-shape not installed (libharfbuzz-bin)"; finish; }
cp -r cases/annexes "$tmp/annexes"
python3 - "$tmp/case.yaml" <<'PY' || { bad "cannot write the test case"; finish; }
import sys, yaml
d = yaml.safe_load(open("cases/ua-detained-lawyer.yaml"))
d["incidents"][0]["description"] = {
    "en": "Kerning AVATAR WAVY Tokyo nnnn oooo today, as typed.",
    "ar": "حُرِّرت الرسالة إلى الجهات الموجَّهة إليها بشأن مُحَمَّد، والحالة لا تزال قائمة. "
          "عضو في النقابة (منذ 15 عامًا) و[المرفق] و«الأمر».",
}
yaml.safe_dump(d, open(sys.argv[1], "w"), allow_unicode=True, sort_keys=False)
PY
"$spcomm" render -o "$tmp/en.pdf" "$tmp/case.yaml" >/dev/null 2>"$tmp/err"
expect "renders the English case" 0 $?
"$spcomm" render -l ar -o "$tmp/ar.pdf" "$tmp/case.yaml" >/dev/null 2>"$tmp/err"
expect "renders it in Arabic" 0 $?

font=$("$spcomm" --version >/dev/null 2>&1; ls /usr/share/fonts/truetype/noto/NotoSans-Regular.ttf)
pdftotext -bbox "$tmp/en.pdf" "$tmp/en.html" 2>/dev/null
# width of a word on the page, from pdftotext's boxes (the first one)
width() { sed -n "s/.*xMin=\"\([0-9.]*\)\".*xMax=\"\([0-9.]*\)\".*>$1<\/word>.*/\1 \2/p" "$tmp/en.html" | head -n 1 | awk '{ printf "%.4f", $2 - $1 }'; }
# width in thousandths of an em per hb-shape (kern on or off)
hbw() { hb-shape --font-size=1000 --features="-liga,-clig$2" --output-format=json --no-glyph-names "$font" "$1" |
	python3 -c 'import json,sys; print(sum(g["ax"] for g in json.load(sys.stdin)))'; }
n=$(width nnnn)
if [ -z "$n" ]; then
	bad "no word nnnn in the English rendering"
else
	size=$(awk -v w="$n" -v a="$(hbw nnnn)" 'BEGIN { printf "%.6f", w * 1000 / a }')
	for word in AVATAR WAVY Tokyo oooo; do
		got=$(width "$word")
		want=$(awk -v a="$(hbw "$word")" -v s="$size" 'BEGIN { printf "%.4f", a * s / 1000 }')
		flat=$(awk -v a="$(hbw "$word" ",-kern")" -v s="$size" 'BEGIN { printf "%.4f", a * s / 1000 }')
		awk -v g="$got" -v w="$want" 'BEGIN { exit !(g != "" && g - w < 0.05 && w - g < 0.05) }' \
			&& ok "$word is $got pt wide, as hb-shape kerns it ($want)" \
			|| bad "$word is ${got:-missing} pt wide, hb-shape says $want"
		[ "$word" = oooo ] && continue
		awk -v g="$got" -v f="$flat" 'BEGIN { exit !(g != "" && g < f - 0.1) }' \
			&& ok "$word is narrower than unkerned ($flat)" || bad "$word not kerned (${got:-missing} vs $flat)"
	done
fi

pdftotext "$tmp/ar.pdf" - 2>"$tmp/warn" | sed 's/\xe2\x80[\xaa-\xae]//g' >"$tmp/ar.txt"
[ -s "$tmp/warn" ] && bad "pdftotext warns: $(head -n 1 "$tmp/warn")" || ok "pdftotext reads the Arabic rendering without a warning"
for w in حُرِّرت الموجَّهة مُحَمَّد لا تزال; do
	grep -q -- "$w" "$tmp/ar.txt" && ok "extracts $w" || bad "does not extract $w"
done
# brackets are drawn mirrored in right-to-left text; a reader gives them
# back as typed, not as drawn (")منذ 15 عامًا(" before)
for w in "(منذ" "عامًا)" "[المرفق]" "«الأمر»"; do
	grep -q -- "$w" "$tmp/ar.txt" && ok "extracts $w as typed" || bad "does not extract $w: $(grep -o '.\{0,3\}المرفق.\{0,3\}' "$tmp/ar.txt")"
done
qpdf --qdf --object-streams=disable "$tmp/ar.pdf" "$tmp/ar.qdf" 2>/dev/null
grep -aq "/ActualText" "$tmp/ar.qdf" && ok "moved marks are in an /ActualText span" || bad "no /ActualText span"
grep -aq " Ts" "$tmp/ar.qdf" && ok "marks raised by text rise" || bad "no Ts: marks not moved vertically"
qpdf --check "$tmp/ar.pdf" >/dev/null 2>&1 && ok "qpdf --check" || bad "qpdf --check fails"
# kerning never reaches a document as a glyph no character maps to
qpdf --qdf --object-streams=disable "$tmp/en.pdf" "$tmp/en.qdf" 2>/dev/null
grep -aq "/ActualText" "$tmp/en.qdf" && bad "an English case needs no /ActualText" || ok "no /ActualText in English"
# A soft hyphen (U+00AD) is invisible but where a line breaks at it: there
# the line ends with a hyphen, within the margin, which a reader gives back
# as U+00AD (ISO 32000-1 14.8.2.2.3); the word is whole once the lines are
# joined there.  Words of several lengths after one of 1 to 12 letters, so
# that lines break at different soft hyphens.
python3 - "$tmp/shy.yaml" <<'PY' || bad "cannot write the soft hyphen case"
import sys, yaml
d = yaml.safe_load(open("cases/ua-detained-lawyer.yaml"))
w = "\u00ad".join(["Menschen", "rechts", "verteidi", "gerinnen", "netz", "werk"])
d["incidents"][0]["description"] = " ".join("x" * i + " " + w for i in range(1, 13)) + "."
yaml.safe_dump(d, open(sys.argv[1], "w"), allow_unicode=True, sort_keys=False)
PY
cp -r cases/annexes "$tmp/annexes" 2>/dev/null
"$spcomm" render -o "$tmp/shy.pdf" "$tmp/shy.yaml" >/dev/null 2>"$tmp/err"
expect "renders a text with soft hyphens" 0 $?
pdftotext -layout "$tmp/shy.pdf" "$tmp/shy.txt" 2>/dev/null
pdftotext -bbox "$tmp/shy.pdf" "$tmp/shy.html" 2>/dev/null
python3 - "$tmp/shy.txt" "$tmp/shy.html" <<'PY' && ok "lines broken at soft hyphens end with a hyphen, in the margin, and join into whole words" || bad "soft hyphens: see above"
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
shy = "\u00ad"
ends = [l for l in text.split("\n") if l.rstrip().endswith(shy)]
inside = [l for l in text.split("\n") if shy in l.rstrip()[:-1]]
joined = re.sub(shy + r"\n\s*", "", text)
whole = joined.count("Menschenrechtsverteidigerinnennetzwerk")
boxes = re.findall(r'xMax="([0-9.]+)"[^>]*>([^<]*)</word>', open(sys.argv[2], encoding="utf-8").read())
right = max(float(x) for x, w in boxes if not w.endswith(shy) and "Menschen" in w)
hyph = [float(x) for x, w in boxes if w.endswith(shy)]
fail = []
if len(ends) < 3: fail.append("%d lines end with a soft hyphen, want 3 or more" % len(ends))
if inside: fail.append("a soft hyphen inside a line: %r" % inside[0])
if whole != 12: fail.append("%d whole words once joined, want 12" % whole)
if not hyph or max(hyph) > right + 0.5: fail.append("hyphen beyond the margin: %s > %.2f" % (hyph, right))
for f in fail: print(f)
sys.exit(1 if fail else 0)
PY
finish
