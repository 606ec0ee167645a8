#!/bin/sh
# pdfa.sh - `--pdfa` makes PDF/A-1b that Apache PDFBox's preflight (Debian
# libpdfbox2-java, the only PDF/A validator packaged) accepts: every bundled
# case in the six languages, full and Government copies (batch), a title
# with XML specials and three scripts (render), and a plain-PDF run redone
# as PDF/A by --resume.  One JVM validates every file (it starts slowly).
# A plain PDF is validated with them and must be refused, so the test
# fails when the validator accepts anything.  Also: qpdf --check, text
# extraction without warnings, the content-derived /ID (present in every
# document, the same for the same input whatever TZ, LANG and the clock,
# different for another language, copy or format), and a missing or
# broken ICC profile refused with the package named.
. "$(dirname "$0")/lib.inc"
export SOURCE_DATE_EPOCH=1790000000

jars=/usr/share/java
cp=$jars/preflight.jar:$jars/pdfbox2.jar:$jars/fontbox2.jar:$jars/xmpbox.jar
# without these two preflight stops with NoClassDefFoundError
cp=$cp:$jars/commons-logging.jar:$jars/javax.activation.jar:$jars/jaxb-api.jar
missing=""
command -v java >/dev/null 2>&1 || missing="$missing java (default-jre-headless)"
for j in $(echo "$cp" | tr ':' ' '); do
	[ -f "$j" ] || missing="$missing $j"
done
if [ -n "$missing" ]; then
	bad "the validator is not installed:$missing (apt-get install default-jre-headless" \
	    "libpdfbox2-java libjaxb-api-java libactivation-java; see .ci/packages-test)"
	finish
fi

langs=en,fr,es,ru,zh,ar
check=$tmp/check        # every file to validate, each name unique
mkdir "$check" "$tmp/a"

# trailer /ID of a PDF: the two halves, as "HEX HEX"
# The /ID as the file writes it (libharu: hex strings in the trailer).
# Not qpdf --show-object: qpdf prints a string as a literal when most of
# its bytes happen to be printable, and some IDs are.
id_of() { LC_ALL=C grep -ao '/ID *\[ *<[0-9A-Fa-f]*> *<[0-9A-Fa-f]*> *\]' "$1" | tail -n 1 |
	LC_ALL=C tr 'A-F' 'a-f' | sed 's/.*< *\([0-9a-f]*\)> *< *\([0-9a-f]*\)>.*/\1 \2/'; }

# --- every case, six languages, full and Government copies (batch) ---
"$spcomm" batch --pdfa -j 2 -d "$tmp/a" -l $langs --copy full --copy government cases/ \
	>/dev/null 2>"$tmp/err"
expect "batch --pdfa of every case" 0 $?
n_cases=$(ls cases/*.yaml | wc -l)
want=$((n_cases * 6 * 2))
n=$(ls "$tmp/a"/*.pdf 2>/dev/null | wc -l)
[ "$n" = "$want" ] && ok "$n PDF/A documents ($n_cases cases x 6 languages x 2 copies)" \
	|| bad "$n documents, want $want"
n=$(grep -c '"format":"pdf/a-1b","status":"ok"' "$tmp/a/manifest.jsonl")
[ "$n" = "$want" ] && ok "the manifest records the format" || bad "$n records with pdf/a-1b"
cp "$tmp/a"/*.pdf "$check/"

# --- XML specials and three scripts in the title, subject and text ---
mkdir "$tmp/data"
cp -R forms locale "$tmp/data/"
title='Dossier <A&B> "x" '"'"'y'"'"' > Дело 案件 قضية'
{ grep -v '^sp-general.title:' locale/en.yaml
  printf 'sp-general.title: "%s"\n' "$(printf '%s' "$title" | sed 's/"/\\"/g')"
} >"$tmp/data/locale/en.yaml"
"$spcomm" render --pdfa --data-dir "$tmp/data" -l en -o "$check/escaped.pdf" \
	cases/ua-detained-lawyer.yaml >/dev/null 2>"$tmp/err"
expect "render --pdfa with '& < > \" ' in the title" 0 $?
# the XMP stream is not compressed: read it in the file
grep -aq '<dc:title><rdf:Alt><rdf:li xml:lang="x-default">Dossier &lt;A&amp;B&gt; &quot;x&quot; &apos;y&apos; &gt; Дело 案件 قضية' \
	"$check/escaped.pdf" && ok "XMP title escaped, UTF-8" || bad "XMP title: $(grep -ao '<dc:title>.*</dc:title>' "$check/escaped.pdf")"
pdfinfo "$check/escaped.pdf" 2>/dev/null | grep -qF "Title:           $title" \
	&& ok "Info title unescaped" || bad "Info title: $(pdfinfo "$check/escaped.pdf" | grep Title)"

# --- a plain run, then --pdfa --resume: redone as PDF/A, not skipped ---
mkdir "$tmp/r"
"$spcomm" batch -d "$tmp/r" -l en cases/wgad-tran-thi-lan.yaml >/dev/null 2>&1
"$spcomm" batch --pdfa --resume -d "$tmp/r" -l en cases/wgad-tran-thi-lan.yaml >/dev/null 2>&1
expect "batch --pdfa --resume after a plain run" 0 $?
tail -n 1 "$tmp/r/manifest.jsonl" | grep -q '"format":"pdf/a-1b","status":"ok"' \
	&& ok "--resume redoes a plain document as PDF/A" \
	|| bad "resume: $(tail -n 1 "$tmp/r/manifest.jsonl" | cut -c1-200)"
cp "$tmp/r/wgad-2026-ttl.en.pdf" "$check/resumed.pdf"

# --- the control: a plain PDF, which the validator must refuse ---
"$spcomm" render -l en -o "$tmp/plain-control.pdf" cases/ua-detained-lawyer.yaml >/dev/null 2>&1
expect "render without --pdfa" 0 $?

# --- one JVM for all: "group" mode reads the list of files ---
ls "$check"/*.pdf >"$tmp/list"
echo "$tmp/plain-control.pdf" >>"$tmp/list"
n_files=$(wc -l <"$tmp/list")
java -cp "$cp" org.apache.pdfbox.preflight.Validator_A1b group "$tmp/list" >"$tmp/report" 2>&1
status=$?
[ "$status" != 0 ] && ok "the validator's exit status is not 0 with the plain control ($status)" \
	|| bad "the validator exits 0 although the plain control is not PDF/A"
grep -q '^The file plain-control.pdf is not a valid PDF/A-1b file' "$tmp/report" \
	&& ok "the plain control is refused: $(grep -A3 '^The file plain-control' "$tmp/report" \
	    | sed -n 2p | cut -c1-70)" || bad "the plain control is not refused"
n_valid=0
for f in "$check"/*.pdf; do
	name=$(basename "$f")
	if grep -qxF "The file $name is a valid PDF/A-1b file" "$tmp/report"; then
		n_valid=$((n_valid + 1))
	else
		bad "$name: $(grep -A4 -F "The file $name " "$tmp/report" | tr '\n' ' ' | cut -c1-400)"
	fi
done
[ $n_valid = $((n_files - 1)) ] && ok "PDFBox preflight: $n_valid of $((n_files - 1)) PDF/A files valid" \
	|| bad "PDFBox preflight: $n_valid of $((n_files - 1)) PDF/A files valid"

# --- structure, text, /ID of every PDF/A file ---
n_bad=0 ids=""
for f in "$check"/*.pdf; do
	name=$(basename "$f")
	if ! qpdf --check "$f" >/dev/null 2>&1; then
		bad "$name: qpdf --check"; n_bad=$((n_bad + 1)); continue
	fi
	pdftotext -enc UTF-8 "$f" /dev/null 2>"$tmp/w"
	[ -s "$tmp/w" ] && { bad "$name: pdftotext warned: $(head -n 1 "$tmp/w")"; n_bad=$((n_bad + 1)); }
	set -- $(id_of "$f")
	if [ ${#1} != 32 ] || [ "$1" != "$2" ]; then
		bad "$name: /ID is not two equal 16-byte halves: $(qpdf --show-object=trailer "$f")"
		n_bad=$((n_bad + 1))
	fi
	ids="$ids$1
"
done
[ $n_bad = 0 ] && ok "qpdf --check, pdftotext and /ID of every PDF/A file"
# resumed.pdf is the same document as one of the batch: same bytes, same ID
n_ids=$(printf '%s' "$ids" | sort -u | wc -l)
n_docs=$(sha256sum "$check"/*.pdf | cut -d' ' -f1 | sort -u | wc -l)
[ "$n_ids" = "$n_docs" ] && ok "$n_docs different documents, $n_ids different IDs" \
	|| bad "$n_ids distinct IDs for $n_docs distinct documents"

# --- /ID: content-derived and deterministic ---
c=cases/wgeid-chen-guangzhou.yaml
TZ=Asia/Tokyo LANG=ru_RU.UTF-8 LC_ALL=C.UTF-8 "$spcomm" render --pdfa -l zh -o "$tmp/d1.pdf" $c \
	>/dev/null 2>&1
sleep 1 # an ID made from the clock (libharu's) would now differ
TZ=America/Lima LANG=C LC_ALL= "$spcomm" render --pdfa -l zh -o "$tmp/d2.pdf" $c >/dev/null 2>&1
cmp -s "$tmp/d1.pdf" "$tmp/d2.pdf" && ok "--pdfa: same bytes under other TZ, LANG, a second later" \
	|| bad "--pdfa output differs between runs"
cmp -s "$tmp/d1.pdf" "$tmp/a/wgeid-2026-cy.zh.pdf" && ok "--pdfa: render and batch -j 2 give the same bytes" \
	|| bad "render and batch differ"
"$spcomm" render -l zh -o "$tmp/p1.pdf" $c >/dev/null 2>&1
sleep 1
TZ=Pacific/Kiritimati "$spcomm" render -l zh -o "$tmp/p2.pdf" $c >/dev/null 2>&1
cmp -s "$tmp/p1.pdf" "$tmp/p2.pdf" && ok "plain: same bytes a second later" || bad "plain output differs"
pid=$(id_of "$tmp/p1.pdf"); aid=$(id_of "$tmp/d1.pdf")
[ -n "$pid" ] && ok "plain PDFs have an /ID too" || bad "no /ID in a plain PDF"
[ "$pid" != "$aid" ] && ok "PDF and PDF/A of one document: different IDs" || bad "PDF and PDF/A share $pid"
[ "$(id_of "$tmp/a/wgeid-2026-cy.zh.government.pdf")" != "$aid" ] \
	&& ok "another copy: another ID" || bad "Government and full copy share an ID"
[ "$(id_of "$tmp/a/wgeid-2026-cy.en.pdf")" != "$aid" ] \
	&& ok "another language: another ID" || bad "zh and en share an ID"

# --- the ICC profile missing or broken: exit 2, the package named, no file ---
SPCOMM_ICC_PROFILE=$tmp/none.icc "$spcomm" render --pdfa -l en -o "$tmp/x.pdf" \
	cases/ua-detained-lawyer.yaml >/dev/null 2>"$tmp/err"
expect "render --pdfa without the ICC profile" 2 $?
grep -q "icc-profiles-free" "$tmp/err" && ok "the message names icc-profiles-free: $(grep -m1 icc "$tmp/err")" \
	|| bad "message: $(cat "$tmp/err")"
[ -e "$tmp/x.pdf" ] && bad "a file was written without the ICC profile" || ok "no file written"
mkdir "$tmp/b"
SPCOMM_ICC_PROFILE=$tmp/none.icc "$spcomm" batch --pdfa -d "$tmp/b" cases/ >/dev/null 2>"$tmp/err"
expect "batch --pdfa without the ICC profile" 2 $?
grep -q "icc-profiles-free" "$tmp/err" && ok "batch names the package" || bad "batch: $(cat "$tmp/err")"
[ -z "$(ls "$tmp/b"/*.pdf 2>/dev/null)" ] && ok "batch wrote no document" || bad "batch wrote documents"
echo "not a profile, but long enough to have the 128-byte header of one; padding padding padding padding" \
	>"$tmp/text.icc"
SPCOMM_ICC_PROFILE=$tmp/text.icc "$spcomm" render --pdfa -l en -o "$tmp/x.pdf" \
	cases/ua-detained-lawyer.yaml >/dev/null 2>"$tmp/err"
expect "render --pdfa with a file that is no ICC profile" 2 $?
grep -q "is not an ICC profile" "$tmp/err" && ok "a broken profile is named as such" \
	|| bad "message: $(cat "$tmp/err")"
finish
