#!/bin/sh
# catpo.sh - the catalogs of locale/ through a PO file and back
# (`spcomm i18n export|import`, docs/translating.md): every catalog's
# export passes msgfmt --check and comes back byte-identical; values
# changed with gettext's tools (msgfilter, msgen) come back in place and
# nothing else moves; fuzzy and stale entries are not imported; a pattern
# `i18n check` refuses is refused with its PO file:line, and the catalog is
# left as it was.
. "$(dirname "$0")/lib.inc"
export SOURCE_DATE_EPOCH=1790000000

for t in msgfmt msgen msgfilter msgcat git; do
	command -v "$t" >/dev/null 2>&1 || { bad "$t is not installed (.ci/packages)"; finish; }
done

# A data directory of its own, under git so that `git diff` shows what an
# import changed.
d=$tmp/d
mkdir -p "$d" && cp -R forms locale "$d/" || exit 2
git -C "$d" init -q && git -C "$d" add -A &&
    git -C "$d" -c user.name=t -c user.email=t@t commit -qm base || exit 2
restore() { git -C "$d" checkout -q -- locale && git -C "$d" clean -qfd locale; }
changed_lines() { git -C "$d" diff -U0 | grep '^[-+]' | grep -v '^[-+][-+][-+] '; }
# the entries of a PO file without comments and line wrapping, for comparing
entries() { msgcat --no-wrap "$1" | grep -v '^#' | grep -v '^"[A-Z][A-Za-z-]*: '; }
# the keys of a catalog, in file order
keys() { sed -n 's/^\([^#: ][^: ]*\): .*/\1/p' "$1"; }
sp() { "$spcomm" --data-dir "$d" "$@"; }

# 1. Every catalog: export, msgfmt --check, import unchanged = same bytes.
for l in en fr es ru zh ar; do
	sp i18n export -l $l -o "$tmp/$l.po" 2>"$tmp/err"; expect "$l: export" 0 $?
	n=$(grep -c '^msgctxt ' "$tmp/$l.po")
	k=$(keys locale/en.yaml | wc -l)
	[ "$n" -eq "$k" ] && ok "$l: one entry per key of en.yaml ($n)" || bad "$l: $n entries, $k keys"
	msgfmt --check -o /dev/null "$tmp/$l.po" 2>"$tmp/fmt" && ok "$l: msgfmt --check" ||
	    bad "$l: msgfmt --check: $(head -3 "$tmp/fmt")"
	f=$(grep -c '^#, icu-message-format$' "$tmp/$l.po")
	[ "$f" -eq "$n" ] && ok "$l: every entry flagged icu-message-format" || bad "$l: $f flags"
	grep -q "^\"Language: $l\\\\n\"" "$tmp/$l.po" && ok "$l: Language header" ||
	    bad "$l: no Language header"
	sp i18n import "$tmp/$l.po" >"$tmp/out" 2>"$tmp/err"; expect "$l: import unchanged" 0 $?
	cmp -s "locale/$l.yaml" "$d/locale/$l.yaml" && ok "$l: byte-identical after the round trip" ||
	    bad "$l: changed by an unchanged round trip: $(git -C "$d" diff --stat)"
	grep -q "file unchanged" "$tmp/out" && ok "$l: says unchanged" || bad "$l: $(cat "$tmp/out")"
	restore
done

# 2. The comments: en.yaml's block comment as #., the catalog's own when it
# differs as "# ".
grep -B6 '^msgctxt "doc.cc_reprisals"' "$tmp/fr.po" | grep -q '^#\. The addressee block' &&
    ok "en.yaml's comment above the block is an extracted comment" ||
    bad "no #. comment for doc.cc_reprisals"
grep -B12 '^msgctxt "package.body.attachment"' "$tmp/fr.po" | grep -q '^#\. The e-mail draft' &&
    ok "every key of a block gets the block's comment" || bad "no #. for package.body.attachment"
awk '/^# The addressee block/ { print "# Note du traducteur : copie au HCDH."; next } { print }' \
    locale/fr.yaml >"$d/locale/fr.yaml"
sp i18n export -l fr -o "$tmp/frc.po" 2>/dev/null
grep -B8 '^msgctxt "doc.cc_reprisals"' "$tmp/frc.po" | grep -q '^# Note du traducteur' &&
    ok "the catalog's own comment, when it differs, is a translator comment" ||
    bad "no translator comment"
restore

# 3. Values changed with msgfilter come back in place, and only they.
msgfilter -i "$tmp/fr.po" --keep-header -o "$tmp/fr2.po" sed -e 's/ :/ ::/g' -e 's/Genève/GENÈVE/'
n=$(entries "$tmp/fr.po" | grep '^msgstr' >"$tmp/a"; entries "$tmp/fr2.po" | grep '^msgstr' >"$tmp/b";
    diff "$tmp/a" "$tmp/b" | grep -c '^>')
[ "$n" -gt 10 ] && ok "msgfilter changed $n entries" || bad "msgfilter changed $n entries"
sp i18n import "$tmp/fr2.po" >"$tmp/out" 2>"$tmp/err"; expect "import of the changed file" 0 $?
grep -q "locale/fr.yaml: $n patterns changed, 0 added$" "$tmp/out" && ok "summary counts $n" ||
    bad "summary: $(cat "$tmp/out") $(cat "$tmp/err")"
changed_lines >"$tmp/diff"
[ "$(grep -c '^-' "$tmp/diff")" -eq "$n" ] && [ "$(grep -c '^+' "$tmp/diff")" -eq "$n" ] &&
    ok "git diff: $n lines out, $n in" || bad "git diff: $(head -5 "$tmp/diff")"
grep -v '^[-+][A-Za-z0-9_.-]*: "' "$tmp/diff" >"$tmp/other"
[ ! -s "$tmp/other" ] && ok "git diff: only key lines changed" || bad "other lines: $(head -3 "$tmp/other")"
cut -c2- "$tmp/diff" | sed 's/: .*//' | sort | uniq -c | grep -vq '^ *2 ' &&
    bad "a key changed without its pair" || ok "each changed key: its old line and its new one"
sp i18n export -l fr -o "$tmp/fr3.po" 2>/dev/null
entries "$tmp/fr2.po" >"$tmp/want"; entries "$tmp/fr3.po" >"$tmp/got"
cmp -s "$tmp/want" "$tmp/got" && ok "export after import gives the translator's entries back" ||
    bad "entries differ: $(diff "$tmp/want" "$tmp/got" | head -4)"
sp i18n check >/dev/null 2>"$tmp/err"; expect "i18n check after the import" 0 $?
restore

# 4. Keys the catalog lacks: filled with msgen, they are added in en.yaml's
# order; and quotes and backslashes survive.
grep -v '^doc.summary.what: \|^package.body.line: \|^doc.addressee_block: ' locale/fr.yaml \
    >"$d/locale/fr.yaml"
chmod 640 "$d/locale/fr.yaml"
sp i18n export -l fr -o "$tmp/m.po" 2>/dev/null
msgen "$tmp/m.po" | msgfilter --keep-header -o "$tmp/m2.po" sed -e 's/^Qui$/Qui "\\ici\\"/'
sp i18n import "$tmp/m2.po" >"$tmp/out" 2>"$tmp/err"; expect "import adds missing keys" 0 $?
grep -q "1 pattern changed, 3 added" "$tmp/out" && ok "3 added, 1 changed" || bad "summary: $(cat "$tmp/out")"
keys "$d/locale/fr.yaml" >"$tmp/k1"; keys locale/en.yaml >"$tmp/k2"
cmp -s "$tmp/k1" "$tmp/k2" && ok "the keys in en.yaml's order" || bad "order: $(diff "$tmp/k1" "$tmp/k2" | head -4)"
grep -q '^doc.summary.what: "What"$' "$d/locale/fr.yaml" && ok "a new key holds its msgstr" ||
    bad "doc.summary.what: $(grep '^doc.summary.what' "$d/locale/fr.yaml")"
grep -qF 'doc.summary.who: "Qui \"\\ici\\\""' "$d/locale/fr.yaml" &&
    ok "quotes and backslashes escaped" || bad "escaping: $(grep '^doc.summary.who' "$d/locale/fr.yaml")"
sp i18n export -l fr 2>/dev/null | grep -A2 'msgctxt "doc.summary.who"' | grep -qF 'msgstr "Qui \"\\ici\\\""' &&
    ok "and read back as written" || bad "not read back"
[ "$(stat -c %a "$d/locale/fr.yaml")" = 640 ] && ok "the catalog keeps its mode" ||
    bad "mode $(stat -c %a "$d/locale/fr.yaml")"
restore

# 5. Fuzzy entries and entries made from another English are not imported.
sed '/^msgctxt "doc.page"$/i #, fuzzy' "$tmp/fr2.po" >"$tmp/fz.po"
grep -B1 '^msgctxt "doc.page"' "$tmp/fz.po" | grep -q 'fuzzy' || bad "test setup: no fuzzy flag"
sed 's/^msgstr "Page {0} sur {1}"/msgstr "PAGE {0} sur {1}"/; s/^msgstr "Annexe {0} ({1})"/msgstr "ANNEXE {0} ({1})"/; s/^msgid "Annex {0} ({1})"/msgid "Annex {0} [{1}]"/' "$tmp/fz.po" >"$tmp/fz2.po"
sp i18n import "$tmp/fz2.po" >"$tmp/out" 2>"$tmp/err"; expect "import with fuzzy and stale entries" 0 $?
grep -q "1 fuzzy not imported, 1 made from another English not imported" "$tmp/out" &&
    ok "summary counts fuzzy and stale" || bad "summary: $(cat "$tmp/out")"
line=$(grep -n '^msgctxt "doc.annex_ref"' "$tmp/fz2.po" | cut -d: -f1)
grep -q "fz2.po:$line:1: warning: key 'doc.annex_ref': the English pattern changed" "$tmp/err" &&
    ok "stale entry named with its line" || bad "stale: $(cat "$tmp/err")"
grep -q '^doc.page: "Page {0} sur {1}"$' "$d/locale/fr.yaml" && ok "fuzzy entry left out" ||
    bad "doc.page: $(grep '^doc.page:' "$d/locale/fr.yaml")"
grep -q '^doc.annex_ref: "Annexe {0} ({1})"$' "$d/locale/fr.yaml" && ok "stale entry left out" ||
    bad "doc.annex_ref: $(grep '^doc.annex_ref:' "$d/locale/fr.yaml")"
restore

# 6. Refused: a pattern ICU cannot read, other arguments than English's, a
# key en.yaml lacks; each at its entry's line, and the catalog untouched.
refuse() { # refuse DESCRIPTION KEY SED-SCRIPT MESSAGE
	sed "$3" "$tmp/fr2.po" >"$tmp/bad.po"
	line=$(grep -n "^msgctxt \"$2\"" "$tmp/bad.po" | cut -d: -f1)
	sp i18n import "$tmp/bad.po" >"$tmp/out" 2>"$tmp/err"; expect "$1: refused" 1 $?
	grep -qF "bad.po:$line:1: error: key '$2': $4" "$tmp/err" && ok "$1: file:line and why" ||
	    bad "$1: want bad.po:$line '$4', got: $(head -3 "$tmp/err")"
	cmp -s locale/fr.yaml "$d/locale/fr.yaml" && ok "$1: catalog unchanged" ||
	    bad "$1: catalog changed"
}
refuse "unclosed argument" doc.page 's/^msgstr "Page {0} sur {1}"/msgstr "Page {0 sur {1}"/' \
    "after the argument number"
refuse "other arguments" doc.page 's/^msgstr "Page {0} sur {1}"/msgstr "Page {0} sur {2}"/' \
    "placeholders {0}, {2}, but locale/en.yaml has {0}, {1}"
refuse "plural without other" doc.bytes 's/^msgstr "{0, plural, one {# octet} other {# octets}}"/msgstr "{0, plural, one {# octet}}"/' \
    "a plural without its 'other' case"
refuse "unknown key" doc.case_idx 's/^msgctxt "doc.case_id"$/msgctxt "doc.case_idx"/' \
    "not a key of locale/en.yaml"
sed 's/^"Language: fr\\n"/"Language: de\\n"/' "$tmp/fr2.po" >"$tmp/de.po"
sp i18n import "$tmp/de.po" >/dev/null 2>"$tmp/err"; expect "a language with no catalog" 1 $?
grep -q 'Language header is "de"' "$tmp/err" && ok "says which language" || bad "$(cat "$tmp/err")"
printf 'msgid "x"\nmsgstr "y\n' >"$tmp/broken.po"
sp i18n import "$tmp/broken.po" >/dev/null 2>"$tmp/err"; expect "not a PO file" 1 $?
grep -q "broken.po:[0-9]*:[0-9]*: error: not a valid PO file" "$tmp/err" && ok "not PO: file:line" ||
    bad "not PO: $(cat "$tmp/err")"
sp i18n export -l de >/dev/null 2>&1; expect "export of a language with no catalog" 2 $?
sp i18n export >/dev/null 2>&1; expect "export without -l" 2 $?
sp i18n import >/dev/null 2>&1; expect "import without a file" 2 $?

# A value the catalog writes as a block scalar ("|-"): libyaml ends it at
# the next line, which the import took too (joining the next key onto the
# line) or skipped (adding a missing key one key late); an internal error
# stopped the import.  The translator's value replaces the block whole,
# and the missing key after it comes in en.yaml's order.
restore
sp i18n export -l fr -o "$tmp/b.po" 2>/dev/null
awk '/^doc.copy.public: / { print "doc.copy.public: |-"; print "  Version publique ancienne"; print ""; next }
    /^doc.page: / { next } { print }' locale/fr.yaml >"$d/locale/fr.yaml"
sp i18n import "$tmp/b.po" >"$tmp/out" 2>"$tmp/err"; expect "import over a block scalar" 0 $?
grep -q '^doc.copy.public: "Version publique"$' "$d/locale/fr.yaml" && ok "the block replaced whole" ||
    bad "block: $(grep -A2 '^doc.copy.public' "$d/locale/fr.yaml")"
keys "$d/locale/fr.yaml" >"$tmp/k1"; keys locale/en.yaml >"$tmp/k2"
cmp -s "$tmp/k1" "$tmp/k2" && ok "the key after the block added in its place" ||
    bad "order: $(diff "$tmp/k1" "$tmp/k2" | head -4)"
sp i18n check >/dev/null 2>"$tmp/err"; expect "i18n check after importing over a block" 0 $?
restore
sp i18n export -l fr -o "$tmp/fr.po" >/dev/null 2>&1; expect "export over a file without --force" 1 $?
[ -z "$(git -C "$d" status --porcelain)" ] && ok "nothing left in the data directory" ||
    bad "left: $(git -C "$d" status --porcelain)"
finish
