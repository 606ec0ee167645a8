#!/bin/sh
# i18n.sh - `spcomm i18n check|status`: the real catalogs pass; a copy of
# locale/ with one thing broken at a time fails with the right message and
# the right line.
. "$(dirname "$0")/lib.inc"

"$spcomm" i18n check >"$tmp/out" 2>"$tmp/err"; expect "i18n check on locale/" 0 $?
[ -s "$tmp/err" ] && echo "$(head -20 "$tmp/err")"
grep -q "no problem" "$tmp/out" && ok "one-line summary" || bad "summary: $(cat "$tmp/out")"
"$spcomm" i18n status >"$tmp/out" 2>&1; expect "i18n status" 0 $?
grep -q "^en .* 100.0%" "$tmp/out" && ok "status: en complete" || bad "status: $(cat "$tmp/out")"
for l in fr es ru zh ar; do
	grep -q "^$l " "$tmp/out" && ok "status lists $l" || bad "status lacks $l"
done
"$spcomm" i18n --help >/dev/null 2>&1; expect "i18n --help" 0 $?
"$spcomm" i18n >/dev/null 2>&1; expect "i18n without a word" 2 $?
"$spcomm" i18n frobnicate >/dev/null 2>&1; expect "i18n with an unknown word" 2 $?

# i18n status CASE: the translatable values a case still lacks in a language.
c=cases/wgad-agbodjan-retention.yaml   # written in French, one title also in English
"$spcomm" i18n status -l en,fr "$c" >"$tmp/out" 2>"$tmp/err"; expect "i18n status CASE" 0 $?
head -n 1 "$tmp/out" | grep -q "^$c: en: 25 of 26 translatable values need a translation$" &&
    ok "status CASE: summary counts the translated title" || bad "summary: $(head -n 1 "$tmp/out")"
grep -q ": fr:" "$tmp/out" && bad "status CASE lists the case's own language" ||
    ok "the case's own language is not listed"
grep -q "^$c:43:15: detainee.occupation$" "$tmp/out" && ok "file:line:column: path" ||
    bad "no detainee.occupation line: $(sed -n 2p "$tmp/out")"
grep -q "attachments\[0\].title" "$tmp/out" && bad "the translated title is listed" ||
    ok "the translated title is not listed"
grep -v ": en: " "$tmp/out" | cut -d: -f2 >"$tmp/lines"
sort -n "$tmp/lines" | cmp -s - "$tmp/lines" && [ -s "$tmp/lines" ] &&
    ok "values in file order" || bad "values not in file order"
# Translating one value takes it off the list.
awk '/^  occupation: / { print "  occupation:"; print "    fr: " substr($0, 15); print "    en: Teacher"; next } { print }' \
    "$c" >"$tmp/one.yaml"
cp -R cases/annexes "$tmp/" 2>/dev/null
"$spcomm" i18n status -l en "$tmp/one.yaml" >"$tmp/out2" 2>"$tmp/err"; expect "status after a translation" 0 $?
grep -q "en: 24 of 26" "$tmp/out2" && ! grep -q "detainee.occupation" "$tmp/out2" &&
    ok "a translated value leaves the list" || bad "after translating: $(head -n 3 "$tmp/out2") $(cat "$tmp/err")"
"$spcomm" i18n status -l fr cases/ua-detained-lawyer.yaml >"$tmp/out" 2>&1
grep -q "^cases/ua-detained-lawyer.yaml: fr: [0-9]* of [0-9]* translatable" "$tmp/out" &&
    ok "an English case lists French" || bad "English case: $(head -n 1 "$tmp/out")"
"$spcomm" i18n status tests/bad/wrong-type.yaml >"$tmp/out" 2>"$tmp/err"; expect "status of an invalid case" 1 $?
grep -q "wrong-type" "$tmp/err" && ok "its diagnostics are printed" || bad "no diagnostics: $(cat "$tmp/err")"
"$spcomm" i18n check "$c" >/dev/null 2>&1; expect "i18n check with a file" 2 $?

# A data directory with forms/ and en.yaml + fr.yaml, broken one way each time.
d=$tmp/d
setup() {
	rm -rf "$d" && mkdir -p "$d/locale" && cp -R forms "$d/forms" &&
	cp locale/en.yaml locale/fr.yaml "$d/locale/"
}
# set KEY VALUE: replace the pattern of KEY in fr.yaml
set_fr() {
	awk -v k="$1" -v v="$2" 'index($0, k ": ") == 1 { print k ": " v; next } { print }' \
	    "$d/locale/fr.yaml" >"$d/fr.tmp" && mv "$d/fr.tmp" "$d/locale/fr.yaml"
}
# set_en KEY VALUE: the same in en.yaml
set_en() {
	awk -v k="$1" -v v="$2" 'index($0, k ": ") == 1 { print k ": " v; next } { print }' \
	    "$d/locale/en.yaml" >"$d/en.tmp" && mv "$d/en.tmp" "$d/locale/en.yaml"
}
line_of() { grep -n "^$1: " "$d/locale/$2.yaml" | cut -d: -f1; }
run() { "$spcomm" i18n --data-dir "$d" check >"$tmp/out" 2>"$tmp/err"; }
# want DESCRIPTION TEXT: the run failed with exit 1 and printed TEXT
want() {
	expect "$1: exit status" 1 $st
	grep -qF -- "$2" "$tmp/err" && ok "$1: message" || bad "$1: want '$2', got: $(head -5 "$tmp/err")"
}

setup; run; expect "unchanged copy passes" 0 $?

setup; n=$(line_of doc.summary.what fr)
grep -v '^doc.summary.who: ' "$d/locale/fr.yaml" >"$d/fr.tmp" && mv "$d/fr.tmp" "$d/locale/fr.yaml"
run; st=$?
want "missing key" "fr.yaml:$((n - 1)):1: error: key 'doc.summary.who': missing"

setup; echo 'doc.sumary.who: "Qui"' >>"$d/locale/fr.yaml"; n=$(line_of doc.sumary.who fr)
run; st=$?
want "extra key" "fr.yaml:$n:1: error: key 'doc.sumary.who': not in locale/en.yaml; did you mean 'doc.summary.who'?"

setup; set_fr doc.page '"Page {0} sur {2}"'; n=$(line_of doc.page fr)
run; st=$?
want "placeholder mismatch" "fr.yaml:$n:11: error: key 'doc.page': placeholders {0}, {2}, but locale/en.yaml has {0}, {1}"

setup; set_fr doc.around '"vers l'"'"'{0}"'
run; st=$?
want "ASCII apostrophe quoting a placeholder" "key 'doc.around': placeholders none, but locale/en.yaml has {0}"

setup; set_fr doc.bytes '"{0, plural, one {# octet} other {# octets}"'; n=$(line_of doc.bytes fr)
run; st=$?
want "broken pattern: file:line:column of the '{' never closed, in plain words" \
    "fr.yaml:$n:13: error: key 'doc.bytes': this argument is never closed: a '}' is missing (ICU: U_PATTERN_SYNTAX_ERROR)"

# ICU pattern errors at the column where they are, in plain words (the
# column counts the key, the colon, the space and the opening quote).
# at_col KEY PATTERN COLUMN DESCRIPTION MESSAGE
at_col() {
	setup; set_fr "$1" "$2"; n=$(line_of "$1" fr)
	run; st=$?
	want "$4" "fr.yaml:$n:$3: error: key '$1': $5"
}
at_col doc.page '"Page {0, nombre} sur {1}"' 21 "unknown argument type, at the type" \
    "an argument type that ICU does not know"
at_col doc.bytes '"{0, plural, one {# octet} few {# octets}}"' 13 "plural without other, at its '{'" \
    "a plural without its 'other' case"
at_col doc.bytes '"{0, plural, one # octet other {# octets}}"' 25 "a case without its message" \
    "this case has no {message} after its name"
at_col doc.bytes '"é {0, plural, one {# octet} other {# octets}"' 15 \
    "columns count characters, not bytes" "this argument is never closed"
grep -q "U_[A-Z_]* at offset" "$tmp/err" && bad "ICU's offset is still printed" || ok "no 'at offset' in the message"

setup; set_fr doc.bytes '"{0} octets"'
run; st=$?
want "plural turned into text" "key 'doc.bytes': {0} is formatted as text here but as a number"

setup; set_fr doc.bytes '"{0, plural, one {# octet} few {# octets} other {# octets}}"'
run; st=$?
want "plural keyword French never selects" "key 'doc.bytes': plural keyword 'few' is never selected in 'fr'"

setup; set_fr doc.bytes '"{0, number, integer} octets"'
run; st=$?
want "integer style (ICU reads an int, numbers come as doubles)" "key 'doc.bytes': {N, number, integer} reads an int"

setup; set_fr doc.page '"Page {page} sur {1}"'
run; st=$?
want "named argument" "key 'doc.page': named argument {page}"

# Agreement with the person's sex: a select argument English does not need
# passes; a select keyword that is no sex, or a selector also used as text
# where English has none, does not.
setup; set_fr wgad.detention.status.released '"{0, select, female {Libérée} other {Libéré}}"'
run; expect "select on sex where English has no argument" 0 $?
setup; set_fr wgad.detention.status.released '"{0, select, femme {Libérée} other {Libéré}}"'
run; st=$?
want "select keyword that is no sex" "key 'wgad.detention.status.released': select keyword 'femme' is not one locale/en.yaml selects on"
setup; set_fr wgad.detention.status.released '"{0, select, female {Libérée} other {Libéré}} ({0})"'
run; st=$?
want "selector also printed" "key 'wgad.detention.status.released': placeholders {0}, but locale/en.yaml has none"
setup; set_en wgad.detention.status.released '"{0, select, gratis {Released} other {Released}}"'
run; st=$?
want "English select on no sex nor form value" "key 'wgad.detention.status.released': select keyword 'gratis' is no value of a person's sex (female, male, other, unknown), of what a date gives (day, month, year) nor of any enumeration"
setup; set_fr wgad.detention.status.released '"{0, select, female {Libérée}}"'
run; st=$?
want "select without other" "key 'wgad.detention.status.released': a select without its 'other' case"

setup; printf 'doc.page: [1, 2]\n' >>"$d/locale/fr.yaml"
run; st=$?
want "duplicate key (YAML)" "fr.yaml:"

setup; rm "$d/locale/fr.yaml"; run; st=$?
expect "a catalog not started is a warning" 0 $st
grep -qF "fr.yaml: warning: not present" "$tmp/err" && ok "not-present warning" || bad "warning: $(cat "$tmp/err")"

setup; grep -v '^top.id.help: ' "$d/locale/en.yaml" >"$d/en.tmp" && mv "$d/en.tmp" "$d/locale/en.yaml"
rm "$d/locale/fr.yaml"; run; st=$?
want "en.yaml lacks a key the forms use" "en.yaml:"
grep -qF "key 'top.id.help': the forms use it, but locale/en.yaml lacks it" "$tmp/err" &&
    ok "forms coverage message" || bad "coverage: $(cat "$tmp/err")"

finish
