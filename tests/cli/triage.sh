#!/bin/sh
# triage.sh - page 1 as a desk officer reads it (issue 11): the triage
# banners above the summary box, each when it applies and never when it
# does not, never in a copy that withholds what it reads or quotes; the
# summary's who (a group and its size) and what; the notice of an
# unofficial translation; language names inside a sentence.
#
# The cases are the bundled ones, changed one fact at a time with sed (so
# each check shows what makes a banner appear).  Page 1 is extracted with
# pdftotext -f 1 -l 1, its lines joined: a phrase may wrap anywhere.  The
# three-month rule is counted from the case's own date (date prepared),
# not from the clock; SOURCE_DATE_EPOCH fixes the creation date.
. "$(dirname "$0")/lib.inc"

mkdir "$tmp/c"
cp -r cases/annexes "$tmp/c/" 2>/dev/null
cp -r tests/bad/annexes/. "$tmp/c/annexes/" 2>/dev/null

# page1 CASE LANG COPY: the text of page 1 on one line
page1() {
	rm -f "$tmp/p.pdf"
	SOURCE_DATE_EPOCH=1790000000 "$spcomm" render --copy "$3" -l "$2" -o "$tmp/p.pdf" "$1" \
		>/dev/null 2>"$tmp/err" || { echo "render $1 $2 $3: $(cat "$tmp/err")" >&2; return 1; }
	pdftotext -enc UTF-8 -f 1 -l 1 "$tmp/p.pdf" - | tr '\n' ' ' | tr -s ' '
}
has() { # has DESCRIPTION TEXT NEEDLE
	case $2 in *"$3"*) ok "$1" ;; *) bad "$1: no \"$3\" in: $2" ;; esac
}
hasnt() { # a page 1 without NEEDLE: there must be a page 1
	[ -n "$2" ] || { bad "$1: no page 1"; return; }
	case $2 in *"$3"*) bad "$1: \"$3\" in: $2" ;; *) ok "$1" ;; esac
}
# before DESCRIPTION TEXT A B: A comes before B
before() {
	a=${2%%"$3"*} b=${2%%"$4"*}
	[ ${#a} -lt ${#b} ] && [ "$a" != "$2" ] && ok "$1" || bad "$1: \"$3\" not before \"$4\""
}

# --- (b) WGEID urgent procedure: 2 months before the date prepared vs 5
wgeid=cases/wgeid-chen-guangzhou.yaml
# (the stated age at the event would no longer agree: left to the date of birth)
sed '/^disappearance:/,/^  date:/s/^  date: .*/  date: 2026-09-15/; /^  age_at_event:/d' $wgeid >"$tmp/c/eid2.yaml"
sed '/^disappearance:/,/^  date:/s/^  date: .*/  date: 2026-06-15/; /^  age_at_event:/d' $wgeid >"$tmp/c/eid5.yaml"
grep -q "date: 2026-09-15" "$tmp/c/eid2.yaml" || bad "could not date the WGEID case"
t=$(page1 "$tmp/c/eid2.yaml" en full)
has "WGEID 2 months: urgent procedure banner" "$t" "Urgent procedure: the disappearance occurred 2 months and 5 days before"
before "WGEID: the banner is above the summary" "$t" "Urgent procedure" "Who"
t=$(page1 "$tmp/c/eid2.yaml" fr public)
has "WGEID 2 months, French public copy: banner (its dates are public)" "$t" "Procédure d’action urgente"
t=$(page1 "$tmp/c/eid5.yaml" en full)
hasnt "WGEID 5 months: no urgent procedure banner" "$t" "Urgent procedure"
t=$(page1 $wgeid en full)
has "WGEID what: how and the whereabouts" "$t" "Abduction. The arrest is acknowledged"

# --- (c) WGAD urgent action: requested, GOV
wgad=cases/wgad-tran-thi-lan.yaml
t=$(page1 $wgad en government)
has "WGAD urgent action: banner" "$t" "Urgent action requested"
has "WGAD urgent action: the danger quoted" "$t" "mitral valve stenosis"
before "WGAD: the banner is above the summary" "$t" "Urgent action requested" "Who"
t=$(page1 $wgad en public)
hasnt "WGAD public copy: no urgent-action banner (the request is GOV)" "$t" "Urgent action requested"
hasnt "WGAD public copy: the danger not quoted" "$t" "mitral"
sed 's/^  requested: true/  requested: false/' $wgad >"$tmp/c/ad-no.yaml"
t=$(page1 "$tmp/c/ad-no.yaml" en full)
hasnt "WGAD without the request: no banner" "$t" "Urgent action requested"
has "WGAD what: still detained, for how long" "$t" "Still detained, deprived of liberty for"

# --- (a) urgent appeal, (d) update: in this order
ua=cases/ua-detained-lawyer.yaml
cat $ua - >"$tmp/c/ua-upd.yaml" <<'EOF'

previous_submission:
  date: 2026-11-19
  un_reference: UA KGZ 3/2026
  note: |
    The detention order now names the offence.
EOF
t=$(page1 "$tmp/c/ua-upd.yaml" en full)
has "urgent appeal: banner" "$t" "Urgent appeal requested"
has "urgent appeal: why urgent, quoted" "$t" "held incommunicado since the morning"
has "urgent appeal: the action requested, quoted" "$t" "We respectfully ask the Special Rapporteurs"
has "urgent appeal: where the long text continues" "$t" "(continued in section 1)"
has "update: UN reference" "$t" "Update to the communication with UN reference UA KGZ 3/2026"
has "update: what is new" "$t" "The detention order now names the offence."
before "urgent appeal before update" "$t" "Urgent appeal requested" "Update to the communication"
before "update before the summary" "$t" "Update to the communication" "Who"
has "what: the risk, not only the status" "$t" "Detained. Ongoing: Arbitrary arrest or detention"
t=$(page1 "$tmp/c/ua-upd.yaml" en public)
hasnt "public copy: no update banner (previous_submission is GOV)" "$t" "UA KGZ"
t=$(page1 $ua en full)
hasnt "no previous submission: no update banner" "$t" "Update to"
sed 's/^  requested_type: urgent_appeal/  requested_type: allegation_letter/; /^  urgency: |/,/^  subject_kind/{/^  subject_kind/!d}' \
	$ua >"$tmp/c/al.yaml"
t=$(page1 "$tmp/c/al.yaml" en full)
hasnt "allegation letter: no urgent-appeal banner" "$t" "Urgent appeal requested"

# --- the gate: the urgency names Ms. Sadykova, who consented to initials
# in public copies only, and (changed here) to nothing for the Government
t=$(page1 $ua en public)
has "public copy: urgent-appeal banner" "$t" "Urgent appeal requested"
hasnt "public copy: the banner does not name her" "$t" "Sadykova"
has "public copy: the banner names her by her initials" "$t" "Ms. A. S. has been held incommunicado"
sed 's/^      publish_name: initials$/      publish_name: "no"/' $ua >"$tmp/c/ua-nopub.yaml"
t=$(page1 "$tmp/c/ua-nopub.yaml" en public)
hasnt "public copy without consent to publish: the banner does not name her" "$t" "Sadykova"
hasnt "public copy without consent to publish: nor her initials" "$t" "A. S."
has "public copy without consent to publish: withheld note in the banner" "$t" "Withheld from this copy"
sed 's/share_name_with_government: "yes"/share_name_with_government: "no"/' $ua >"$tmp/c/ua-nogov.yaml"
t=$(page1 "$tmp/c/ua-nogov.yaml" en government)
hasnt "Government copy without consent: the banner does not name her" "$t" "Sadykova"
has "Government copy without consent: withheld note" "$t" "Withheld from this copy"
t=$(page1 $ua en government)
has "Government copy with consent: the urgency quoted" "$t" "Ms. Sadykova has been held incommunicado"

# --- who: a group with its size
awk '{ print } /^  subject_kind:/ { exit }' $ua | sed 's/subject_kind: individual/subject_kind: group/' >"$tmp/c/grp.yaml"
cat >>"$tmp/c/grp.yaml" <<'EOF'

states_concerned: [KG]

group:
  description: |
    Workers of the Kant cement factory who went on strike

    They are members of an independent union.
  size: 230
  size_is_estimate: true
EOF
sed -n '/^incidents:/,$p' $ua | sed 's/^    victims: \[v1\]//; /^attachments:/,$d; s/(annex 1)//' >>"$tmp/c/grp.yaml"
"$spcomm" check --color=never "$tmp/c/grp.yaml" >/dev/null 2>"$tmp/err"; st=$?
expect "the group case is valid" 0 $st
[ $st = 0 ] || cat "$tmp/err"
t=$(page1 "$tmp/c/grp.yaml" en full)
has "who: the group and its size" "$t" "Who Workers of the Kant cement factory who went on strike (about 230 people)"
t=$(page1 "$tmp/c/grp.yaml" fr full)
has "who in French" "$t" "(environ 230 personnes)"
t=$(page1 "$tmp/c/grp.yaml" ru full)
has "who in Russian (plural)" "$t" "(около 230 человек)"
sed 's/^  size_is_estimate: true/  size_is_estimate: false/' "$tmp/c/grp.yaml" >"$tmp/c/grp2.yaml"
t=$(page1 "$tmp/c/grp2.yaml" en full)
has "who: an exact size" "$t" "went on strike (230 people)"

# --- unofficial translation and language names in running text
t=$(page1 $ua fr full)
has "French rendering: unofficial translation" "$t" "Traduction non officielle : la communication a été rédigée en anglais."
has "French rendering: the narratives still in English" "$t" "Restent en anglais, sans traduction :"
has "French: a language name starting its value keeps its capital" "$t" "Langue de la communication Anglais"
t=$(page1 $ua es full)
has "Spanish rendering: unofficial translation, lower case" "$t" "se redactó en inglés."
t=$(page1 $ua en full)
hasnt "English rendering of an English case: no translation notice" "$t" "Unofficial translation"
t=$(page1 cases/wgad-tran-thi-lan.yaml ru full)
has "Russian: lower case inside the sentence" "$t" "Язык оригинала сообщения: английский."
finish
