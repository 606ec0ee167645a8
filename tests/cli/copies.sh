#!/bin/sh
# copies.sh - the Government and public copies hold nothing they must not:
# no confidential (SRC) value, no name whose owner did not consent; for
# two cases of each form.
#
# Each copy is searched in three views, extracted once per document:
#   pdftotext  the text poppler extracts (lines joined);
#   gs         the text Ghostscript's txtwrite device extracts: a second,
#              independent PDF parser, which also reads text drawn off the
#              page or hidden;
#   raw        the decompressed file (qpdf --qdf, metadata included), where
#              libharu writes text as UTF-16 strings, hex or literal (a
#              plain grep of the file would find nothing even when the name
#              is on the page): tests/cli/views.pl decodes them.
# The full copy must show every string in every view, and every view of
# every copy must show the case id: an extractor that read nothing cannot
# make a copy look clean, and the test cannot pass vacuously.
#
# Every view searches every string, Vietnamese, Cyrillic, Chinese and
# Arabic included (pdf_fixups.c writes ToUnicode entries above U+00FF as
# bfchar, which Ghostscript 10.0 reads right and its bfrange reading does
# not); an Arabic string must be shown by pdftotext and raw (Ghostscript
# prints the lam-alef ligature as another character) and hidden from all.
. "$(dirname "$0")/lib.inc"
export SOURCE_DATE_EPOCH=1790000000

for t in pdftotext qpdf gs perl; do
	command -v "$t" >/dev/null 2>&1 || { bad "$t is not installed (.ci/packages-test)"; finish; }
done

. "$(dirname "$0")/views.inc"

check_case() { # check_case CASE "SRC strings" "names without consent to the Government" "names without consent to publish"
	case_file=$1
	id=$(sed -n 's/^id: *//p' "$case_file")
	rm -f "$tmp"/*.pdf
	"$spcomm" render -d "$tmp" --copy full --copy government --copy public "$case_file" >"$tmp/list" 2>"$tmp/err"
	expect "$case_file: three copies" 0 $?
	extract "$(grep -v '\.government\.pdf$\|\.public\.pdf$' "$tmp/list")" full
	extract "$(grep '\.government\.pdf$' "$tmp/list")" government
	extract "$(grep '\.public\.pdf$' "$tmp/list")" public
	{
		for c in full government public; do
			shows $c "${id:-?}" "holds its id"
		done
		echo "$2" | while IFS= read -r s; do
			[ -n "$s" ] || continue
			shows full "$s" holds
			hides government "$s" "holds SRC"
			hides public "$s" "holds SRC"
		done
		echo "$3" | while IFS= read -r s; do
			[ -n "$s" ] || continue
			shows full "$s" names
			hides government "$s" "names without consent"
			hides public "$s" "names without consent"
		done
		echo "${4:-}" | while IFS= read -r s; do
			[ -n "$s" ] || continue
			shows government "$s" "names (consent given)"
			hides public "$s" "names without consent to publish"
		done
	} >>"$tmp/results"
}

: >"$tmp/results"
# sp-general
check_case cases/ua-detained-lawyer.yaml "Vermeulen
urgent@calrn.example.org
+31 70 555 0147
Central Asian Lawyers' Rights Network
CALRN/UA/2026/117
Timur
Osmonov" "" "Sadykova"
check_case cases/al-journalists-raid.yaml "Fundación Voces Libres de Occidente
Ajú Tzoc
Marta Elena
4a Calle 12-45
casos@voceslibres.example.org
+502 7765 0192
GT-0931
Tzul Sam
Ana Beatriz" "Morales Coyoy
Coyoy
Morales" "Chávez Ixcot"
# wgeid
check_case cases/wgeid-chen-guangzhou.yaml "Asia Disappearances Documentation Centre
Srisuk
Nattaya
Silom Post Office
cases@addc-asia.example.org
+66 2 555 0183
ADDC/CN/2026/044
Jianguo
李梅"
check_case cases/wgeid-ramirez-reynosa.yaml "Ortega Salinas
María Guadalupe
Calle Río Bravo 318
lupita.ortega.salinas@example.com
+52 899 555 0146
Cantú Garza
Luis Fernando"
# wgad
check_case cases/wgad-agbodjan-retention.yaml "Ben Salah
بن صالح
rue d'Alger
nbensalah.avocate@example.tn
+216 71 555 024" "" "Agbodjan"
check_case cases/wgad-tran-thi-lan.yaml "Mekong Rights Watch
Okafor
Adaeze
Soi Sukhumvit 31
detention@mekongrights.example.org
+66 2 555 0117
MRW-VN-2026-12
Phạm
Văn Đức"
# Outside the PDF: a refused case's diagnostics quote its values (an
# e-mail address that is not valid); a run of Government or public copies
# only keeps them out of its manifest and its JSON, and names the field.
mkdir -p "$tmp/in" "$tmp/pubonly" "$tmp/with-full"
sed 's/email: cases@addc-asia.example.org/email: "cases@@addc-asia.example.org"/' \
	cases/wgeid-chen-guangzhou.yaml >"$tmp/in/bad-email.yaml"
"$spcomm" batch --copy public -d "$tmp/pubonly" "$tmp/in" >/dev/null 2>&1 || true
if grep -q 'submitter.email' "$tmp/pubonly/manifest.jsonl" &&
	! grep -q 'addc-asia' "$tmp/pubonly/manifest.jsonl"; then
	echo "ok: public-only manifest names the field, not the value" >>"$tmp/results"
else
	echo "FAIL: public-only manifest: $(cat "$tmp/pubonly/manifest.jsonl")" >>"$tmp/results"
fi
"$spcomm" batch --copy public --copy full -d "$tmp/with-full" "$tmp/in" >/dev/null 2>&1 || true
grep -q 'addc-asia' "$tmp/with-full/manifest.jsonl" &&
	echo "ok: a manifest beside full copies keeps the whole message" >>"$tmp/results" ||
	echo "FAIL: manifest beside full copies lost the message" >>"$tmp/results"
json=$("$spcomm" render --format json --copy government -d "$tmp/pubonly" "$tmp/in/bad-email.yaml" 2>&1 || true)
case $json in
*addc-asia*) echo "FAIL: render --copy government --format json quotes the value" ;;
*submitter.email*) echo "ok: render --copy government --format json names the field only" ;;
*) echo "FAIL: render --format json said: $json" ;;
esac >>"$tmp/results"

# Initials follow the order the name is printed in: Ng Siu-fung (family
# name first, publish_name: initials) is "N. S." in the public copy, in
# every language
mkdir -p "$tmp/initials"
"$spcomm" render -l en,zh --copy public -d "$tmp/initials" \
	"$src/tests/realistic/sg-hk-three-organisers.yaml" >/dev/null 2>&1
for lang in en zh; do
	t=$(pdftotext "$tmp/initials/ua-2026-hk-union.$lang.public.pdf" - 2>/dev/null)
	case $t in
	*"S. N."*) echo "FAIL: $lang public copy gives Ng Siu-fung's initials given name first" ;;
	*"N. S."*) echo "ok: $lang public copy: initials N. S., family name first" ;;
	*) echo "FAIL: $lang public copy has no initials for Ng Siu-fung" ;;
	esac >>"$tmp/results"
done

cat "$tmp/results"
passed=$((passed + $(grep -c '^ok:' "$tmp/results")))
failed=$((failed + $(grep -c '^FAIL:' "$tmp/results")))
finish
