#!/bin/sh
# po.sh - a case's texts out to a translator as a PO file and back
# (docs/translating.md): for every bundled case, extract passes
# msgfmt --check and holds no SRC value; filled with gettext's own tools
# (msgen, msgfilter) it renders in the PDF; a changed original makes its
# entry stale; hostile files are refused with a clear error and never put
# text into an SRC or non-translatable field.
. "$(dirname "$0")/lib.inc"
export SOURCE_DATE_EPOCH=1790000000

for t in msgfmt msgen msgfilter msgcat pdftotext python3; do
	command -v "$t" >/dev/null 2>&1 || { bad "$t is not installed (.ci/packages)"; finish; }
done
python3 -c 'import yaml' 2>/dev/null || { bad "python3-yaml is not installed (.ci/packages)"; finish; }

other_lang() { case $1 in en) echo fr ;; *) echo en ;; esac; }
field() { sed -n "s/^$1: *//p" "$2" | head -n 1; }

# 1. Every bundled case: extract, msgfmt --check, no SRC value in the file.
for c in cases/*.yaml; do
	name=$(basename "$c" .yaml)
	form=$(field form "$c"); lang=$(field language "$c"); to=$(other_lang "$lang")
	"$spcomm" forms --markdown "$form" >"$tmp/$form.md"
	"$spcomm" i18n extract -l "$to" -o "$tmp/$name.po" "$c" 2>"$tmp/err"
	expect "$name: extract -l $to" 0 $?
	n=$(grep -c '^msgctxt ' "$tmp/$name.po")
	[ "$n" -gt 0 ] && ok "$name: $n entries" || bad "$name: no entry: $(cat "$tmp/err")"
	msgfmt --check -o /dev/null "$tmp/$name.po" 2>"$tmp/fmt" && ok "$name: msgfmt --check" ||
	    bad "$name: msgfmt --check: $(head -3 "$tmp/fmt")"
	grep -q "^\"Language: $to\\\\n\"" "$tmp/$name.po" && grep -q '^"Plural-Forms: nplurals=' "$tmp/$name.po" &&
	    ok "$name: Language and Plural-Forms headers" || bad "$name: headers"
	nsrc=$(python3 tests/cli/src_values.py "$tmp/$form.md" "$c" | wc -l)
	# the search finds SRC values where they are (the case file itself):
	# it cannot pass by finding nothing anywhere
	python3 tests/cli/src_values.py "$tmp/$form.md" "$c" "$c" >/dev/null
	[ $? = 1 ] && [ "$nsrc" -gt 0 ] && ok "$name: $nsrc SRC values, found in the case file" ||
	    bad "$name: the SRC search finds nothing in the case file"
	python3 tests/cli/src_values.py "$tmp/$form.md" "$c" "$tmp/$name.po" >"$tmp/leak"
	expect "$name: the PO file holds no SRC value" 0 $?
	[ -s "$tmp/leak" ] && cat "$tmp/leak"
done

# 2. Round trip: extract -> msgen | msgfilter -> render shows the translation.
w=$tmp/w; mkdir -p "$w" && cp cases/ua-detained-lawyer.yaml "$w/ua.yaml" && cp -R cases/annexes "$w/"
"$spcomm" i18n extract -l fr -o "$w/empty.po" "$w/ua.yaml" 2>/dev/null
msgen "$w/empty.po" | msgfilter --keep-header -o "$w/filled.po" sed -e 's/^\(.\)/TRADUIT \1/'
msgfmt --check -o /dev/null "$w/filled.po"; expect "the filled file passes msgfmt --check" 0 $?
"$spcomm" render -l fr --translations "$w/filled.po" -o "$w/tr.pdf" "$w/ua.yaml" >/dev/null 2>"$tmp/err"
expect "render --translations" 0 $?
pdftotext "$w/tr.pdf" "$w/tr.txt"
grep -q "TRADUIT Ms. Sadykova has been held incommunicado" "$w/tr.txt" &&
    ok "the narrative prints translated" || bad "no translated narrative: $(cat "$tmp/err")"
grep -q "TRADUIT Lawyer (advocate)" "$w/tr.txt" && ok "a one-line field prints translated" ||
    bad "no translated occupation"
"$spcomm" render -l fr -o "$w/plain.pdf" "$w/ua.yaml" >/dev/null 2>&1
pdftotext "$w/plain.pdf" "$w/plain.txt"
grep -q TRADUIT "$w/plain.txt" && bad "translation used without being given" ||
    ok "without the file, no translation"
grep -q "Langue originale" "$w/plain.txt" && ok "untranslated narratives are marked" ||
    bad "no 'Langue originale' marker (doc.original_in)"
# beside the case, picked up by itself (render, batch, i18n status)
cp "$w/filled.po" "$w/ua.fr.po"
"$spcomm" render -l fr -o "$w/beside.pdf" "$w/ua.yaml" >/dev/null 2>&1
pdftotext "$w/beside.pdf" - | grep -q "TRADUIT Ms. Sadykova" && ok "<case>.fr.po is read by render" ||
    bad "render ignores ua.fr.po"
mkdir -p "$w/out"
"$spcomm" batch -l fr -j 1 -d "$w/out" "$w/ua.yaml" >/dev/null 2>&1; expect "batch" 0 $?
pdftotext "$w/out/ua-2026-017.fr.pdf" - | grep -q "TRADUIT Ms. Sadykova" &&
    ok "<case>.fr.po is read by batch" || bad "batch ignores ua.fr.po: $(ls "$w/out")"
"$spcomm" i18n status -l fr "$w/ua.yaml" >"$tmp/out" 2>&1
grep -q "fr: all [0-9]* translatable values translated" "$tmp/out" && ok "status: all translated" ||
    bad "status: $(head -3 "$tmp/out")"
# a second extract gives the translations back as msgstr
"$spcomm" i18n extract -l fr "$w/ua.yaml" >"$w/again.po" 2>/dev/null
grep -q '^msgstr "TRADUIT Lawyer (advocate)' "$w/again.po" && ok "extract gives translations back" ||
    bad "extract lost the translations"

# 3. A changed original: the entry is stale, not used, listed by status.
sed 's/has been held incommunicado since/has been held in secret since/' "$w/ua.yaml" >"$w/ua2.yaml"
cp "$w/filled.po" "$w/ua2.fr.po"
"$spcomm" check "$w/ua2.yaml" >/dev/null 2>"$tmp/err"; expect "a stale entry is a warning" 0 $?
grep -q "ua2.fr.po:[0-9]*:1: warning: communication.urgency: the original changed.*\[translation-stale\]" "$tmp/err" &&
    ok "stale warning at the file and line of the entry" || bad "stale warning: $(cat "$tmp/err")"
"$spcomm" render -l fr -o "$w/stale.pdf" "$w/ua2.yaml" >/dev/null 2>&1
pdftotext "$w/stale.pdf" "$w/stale.txt"
grep -q "TRADUIT Ms. Sadykova has been held" "$w/stale.txt" && bad "the stale translation is printed" ||
    ok "the stale translation is not printed"
grep -q "Ms. Sadykova has been held in secret" "$w/stale.txt" && grep -q "Langue originale" "$w/stale.txt" &&
    ok "the original prints, marked" || bad "no marked original"
grep -q "TRADUIT Lawyer (advocate)" "$w/stale.txt" && ok "other entries still apply" || bad "other entries lost"
"$spcomm" i18n status -l fr "$w/ua2.yaml" >"$tmp/out" 2>&1
grep -q "communication.urgency (stale: .*ua2.fr.po:[0-9]* translates an older original)" "$tmp/out" &&
    grep -q "(1 of them stale)" "$tmp/out" && ok "status lists it as stale" || bad "status: $(cat "$tmp/out")"
"$spcomm" i18n extract -l fr "$w/ua2.yaml" >"$w/stale.po" 2>/dev/null
grep -B20 '^msgctxt "communication.urgency"' "$w/stale.po" >"$tmp/entry"
grep -q '^#, fuzzy' "$tmp/entry" && grep -q '^#| "Ms. Sadykova has been held incommunicado' "$tmp/entry" &&
    ok "extract gives it back fuzzy, with the previous msgid" || bad "no fuzzy entry"
msgfmt --check -o /dev/null "$w/stale.po"; expect "the file with a fuzzy entry passes msgfmt --check" 0 $?

# 4. Hostile files: a clear error, exit 1, no document, nothing injected.
hdr() { printf 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=%s\\n"\n"Language: fr\\n"\n\n' "${1:-UTF-8}"; }
# refused CASE-NAME DESCRIPTION EXPECTED-TEXT: the file $w/h.po is refused
refused() {
	rm -f "$w/h.pdf"
	"$spcomm" render -l fr --translations "$w/h.po" -o "$w/h.pdf" "$w/ua.yaml" >/dev/null 2>"$tmp/err"
	st=$?
	[ $st = 1 ] && [ ! -e "$w/h.pdf" ] && grep -qF -- "$2" "$tmp/err" && ok "$1" ||
	    bad "$1 (exit $st): $(head -4 "$tmp/err")"
}
rm "$w/ua.fr.po"
{ hdr; printf 'msgctxt "victims[0].occupation"\nmsgid "x\nmsgstr "y"\n'; } >"$w/h.po"
refused "bad syntax" "h.po:8:"
{ hdr ISO-8859-1; printf 'msgctxt "victims[0].occupation"\nmsgid "Lawyer (advocate), member of the Bar of the Kyrgyz Republic"\nmsgstr "Avocat \351"\n'; } >"$w/h.po"
refused "another charset" "only UTF-8 is read [translation-file]"
{ hdr; printf 'msgctxt "victims[0].occupation"\nmsgid "Lawyer (advocate), member of the Bar of the Kyrgyz Republic"\nmsgstr "Avocat \351"\n'; } >"$w/h.po"
refused "invalid UTF-8" "h.po"
{ hdr; printf 'msgctxt "victims[7].occupation"\nmsgid "a"\nmsgstr "b"\n'; } >"$w/h.po"
refused "a field that does not exist" "h.po:6:1: error: victims[7].occupation: no value of the case at this path [translation-entry]"
sub=$(sed -n 's/^    organization_name: //p; s/^    name: \(.*Network\)$/\1/p' "$w/ua.yaml" | head -n 1)
{ hdr; printf 'msgctxt "submitter.organization.name"\nmsgid "%s"\nmsgstr "INJECTED"\n' "$sub"; } >"$w/h.po"
refused "an SRC field" "the field is confidential to the source (SRC)"
{ hdr; printf 'msgctxt "victims[0].sex"\nmsgid "female"\nmsgstr "INJECTED"\n'; } >"$w/h.po"
refused "a field that is not translatable" "the field is not translatable"
{ hdr; printf 'msgctxt "victims[0].occupation"\nmsgid "Lawyer (advocate), member of the Bar of the Kyrgyz Republic"\nmsgstr "Avocate"\n\nmsgctxt "victims[0].sex"\nmsgid "female"\nmsgstr "INJECTED"\n'; } >"$w/h.po"
refused "one bad entry refuses the file" "victims[0].sex: the field is not translatable"
{ printf 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgctxt "victims[0].occupation"\nmsgid "a"\nmsgstr "b"\n'; } >"$w/h.po"
refused "no Language header" "no Language header"
{ hdr; printf 'msgctxt "victims[0].occupation"\nmsgid "Lawyer (advocate), member of the Bar of the Kyrgyz Republic"\nmsgstr "Avocate\\nau barreau"\n'; } >"$w/h.po"
refused "a line break in a one-line field" "its translation has a line break"
{ hdr; printf 'msgctxt "victims[0].occupation"\nmsgid "Lawyer (advocate), member of the Bar of the Kyrgyz Republic"\nmsgstr "Avocate %s"\n' "$sub"; } >"$w/h.po"
refused "the source's identity in a translation" "the translation holds the source's"
{ hdr; i=0; while [ $i -lt 300 ]; do printf '# %0200d\n' 0; i=$((i + 1)); done; } >"$w/h1.po"
: >"$w/h.po"; i=0; while [ $i -lt 300 ]; do cat "$w/h1.po" >>"$w/h.po"; i=$((i + 1)); done
refused "a huge file (18 MB)" "the limit is 16777216 bytes"
# each entry is placed by its msgctxt as written: wrapped over lines as
# PO tools write it, with an escaped quote (it was file:1:1)
{ hdr; printf 'msgctxt "k1"\nmsgid "x"\nmsgstr "y"\n\nmsgctxt ""\n"victims[0].occ\\"upation"\nmsgid "x"\nmsgstr "y"\n'; } >"$w/h.po"
refused "a wrapped msgctxt: its line" 'h.po:'"$(grep -n '^msgctxt ""' "$w/h.po" | cut -d: -f1)"':1: error: victims[0].occ"upation'
# placing 40,000 entries reads the file once per file, not once per entry
# (it took 35 s: a timeout of 20 s fails the old way on any machine)
{ hdr; i=0; while [ $i -lt 40000 ]; do printf 'msgctxt "k%d"\nmsgid "x"\nmsgstr "y"\n\n' $i; i=$((i + 1)); done; } >"$w/h.po"
timeout 20 "$spcomm" render -l fr --translations "$w/h.po" -o "$w/h.pdf" "$w/ua.yaml" >/dev/null 2>&1
expect "40,000 entries, each placed (under 20 s)" 1 $?
# the output of a refused run injected nothing: nothing was written, and
# the Government copy of a run with a hostile entry never happened
cp "$w/h.po" "$w/ua.ru.po" 2>/dev/null; rm -f "$w/ua.ru.po"
# a file named for one language with another Language header
{ hdr; } | sed 's/Language: fr/Language: es/' >"$w/ua.fr.po"
"$spcomm" check "$w/ua.yaml" >/dev/null 2>"$tmp/err"; expect "a misnamed file beside the case" 1 $?
grep -qF "the file's name says fr, but its Language header says es" "$tmp/err" && ok "misnamed: message" ||
    bad "misnamed: $(cat "$tmp/err")"
rm -f "$w/ua.fr.po"

finish
