#!/bin/sh
# large.sh - a case with 200 victims and a narrative of over 40 pages (70 paragraphs of 540 words)
# renders completely: every victim and every paragraph comes back from
# the PDF, pages are numbered, and qpdf is content.
. "$(dirname "$0")/lib.inc"
f=$tmp/large.yaml
{
	cat <<'YAML'
spcomm: 1
form: sp-general
id: large-200
language: en
date: 2026-11-20
submitter:
  kind: organization
  organization:
    name: Documentation Centre for Testing
    type: ngo
  relationship_to_victim: ngo_acting_for_family
  country: NL
  email: test@example.org
communication:
  requested_type: allegation_letter
  subject_kind: individual
states_concerned: [KG]
victims:
YAML
	i=1
	while [ $i -le 200 ]; do
		cat <<YAML
  - id: v$i
    name:
      given: Given$i
      family: Family$i
    sex: unknown
    age_at_event: 30
    consent:
      status: given
      given_by: victim
      share_name_with_government: "yes"
      publish_name: full_name
YAML
		i=$((i + 1))
	done
	cat <<'YAML'
incidents:
  - date: 2026-10-01
    place:
      country: KG
      locality: Osh
    status: past
    description: |
YAML
	awk 'BEGIN {
		for (p = 1; p <= 70; p++) {
			printf "      Paragraph%d begins here.", p
			for (w = 0; w < 60; w++)
				printf " the detainees were held in cells without light or water";
			printf " Paragraph%d ends here.\n\n", p
		}
	}'
	cat <<'YAML'
perpetrators:
  - kind: state_agent
    institution: Ministry of Internal Affairs
    basis_for_attribution: They wore its uniform.
YAML
} >"$f"

"$spcomm" check "$f" 2>"$tmp/err"
expect "the large case is valid" 0 $?
[ -s "$tmp/err" ] && head -n 20 "$tmp/err"
t0=$(now_ms)
SOURCE_DATE_EPOCH=0 "$spcomm" render -o "$tmp/large.pdf" "$f" >/dev/null 2>"$tmp/err"
st=$?
t1=$(now_ms)
expect "the large case renders" 0 $st
[ -s "$tmp/err" ] && head -n 5 "$tmp/err"
echo "measured: rendered in $((t1 - t0)) ms, $(stat -c %s "$tmp/large.pdf") bytes"
pages=$(pdfinfo "$tmp/large.pdf" | sed -n 's/^Pages: *//p')
echo "measured: $pages pages"
[ "${pages:-0}" -ge 40 ] && ok "at least 40 pages ($pages)" || bad "only ${pages:-0} pages"
qpdf --check "$tmp/large.pdf" >/dev/null 2>&1 && ok "qpdf --check" || bad "qpdf --check"
pdftotext -enc UTF-8 "$tmp/large.pdf" "$tmp/large.txt" 2>"$tmp/pt"
[ -s "$tmp/pt" ] && bad "pdftotext warned: $(head -n 2 "$tmp/pt")" || ok "pdftotext without warnings"
missing=0
i=1
while [ $i -le 200 ]; do
	grep -q "Given$i Family$i\b" "$tmp/large.txt" || missing=$((missing + 1))
	i=$((i + 1))
done
[ $missing -eq 0 ] && ok "all 200 victims in the text" || bad "$missing victims missing"
missing=0
p=1
while [ $p -le 70 ]; do
	grep -q "Paragraph$p begins" "$tmp/large.txt" && grep -q "Paragraph$p ends" "$tmp/large.txt" \
		|| missing=$((missing + 1))
	p=$((p + 1))
done
[ $missing -eq 0 ] && ok "all 70 paragraphs, first and last words" || bad "$missing paragraphs incomplete"
grep -q "Page $pages of $pages" "$tmp/large.txt" && ok "last page says Page $pages of $pages" \
	|| bad "no 'Page $pages of $pages'"
finish
