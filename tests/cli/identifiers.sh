#!/bin/sh
# identifiers.sh - a withheld name, or a confidential source's, written
# inside a word that a text writes as an identifier (an e-mail address,
# a hashtag, a handle, a web address, a file name, words run together)
# or split by a hyphen at the end of a line, reaches no copy that
# withholds it; the same words without the name, and prose words that
# hold a name's letters ("Chengdu" for Chen), are printed
# (docs/security.md, "The matcher").
#
# The victim of cases/ua-detained-lawyer.yaml (Aida Sadykova) does not
# consent to be named to the Government; its submitter (Saskia
# Vermeulen, urgent@calrn.example.org) keeps its identity confidential.
# Every paragraph of the incident's description is one form, marked
# ZQnn; the Government copy must hold no marker of a leaking form and
# every marker of a harmless one.
. "$(dirname "$0")/lib.inc"
export SOURCE_DATE_EPOCH=1790000000
for t in pdftotext qpdf gs perl python3; do
	command -v "$t" >/dev/null 2>&1 || { bad "$t is not installed (.ci/packages-test)"; finish; }
done
. "$(dirname "$0")/views.inc"

cp -r cases/annexes "$tmp/annexes"
python3 - "$tmp/case.yaml" <<'EOF'
import sys, yaml
d = yaml.safe_load(open("cases/ua-detained-lawyer.yaml"))
d["victims"][0]["consent"]["share_name_with_government"] = "no"
leaks = [
    "Her address asadykova@mail.kg was hacked.",
    "She wrote from sadykova84@mail.kg before.",
    "The campaign #FreeSadykova began.",
    "Posters said #FreeAidaSadykova everywhere.",
    "Her firm's site www.sadykovalaw.kg went down.",
    "The firm SadykovaLaw was raided.",
    "Her account @asadykova was blocked.",
    "The file photo_sadykova2026.jpg is attached.",
    "Witnesses saw Ms. Sady-\nkova there.",
    "The NGO wrote from svermeulen@proton.me too.",
    "A second address, vermeulen84@gmail.com, was used.",
    "The series #VermeulenReports covers it.",
    "Mail info@calrn-hague.nl for details.",
    "The Sadykovs' house was searched.",
    "The Sadykovs were threatened.",
    "Sadykovas lawyer was called.",
    "Aidas husband called the NGO.",
]
keep = [
    "Lawyers from Chengdu and Bishkek met.",
    "See www.example.org and #JusticeNow, e.g. the photo_2026.jpg file.",
    "The well-\nknown lawyer was released.",
    "The office on Sadykov Street was searched.",
    "The United Nations and the States parties were told; Aids clinics closed.",
]
paras = ["ZQ%02d %s" % (i, t) for i, t in enumerate(leaks + keep, 1)]
d["incidents"][0]["description"] = "\n\n".join(paras) + "\n"
yaml.safe_dump(d, open(sys.argv[1], "w"), allow_unicode=True, sort_keys=False, width=1000)
open(sys.argv[1] + ".n", "w").write("%d %d\n" % (len(leaks), len(keep)))
EOF
read n_leaks n_keep <"$tmp/case.yaml.n"

"$spcomm" render -o "$tmp/gov.pdf" --copy government "$tmp/case.yaml" >/dev/null 2>"$tmp/err"
expect "renders the Government copy" 0 $?
"$spcomm" render -o "$tmp/full.pdf" "$tmp/case.yaml" >/dev/null 2>&1
expect "renders the full copy" 0 $?
extract "$tmp/gov.pdf" gov
extract "$tmp/full.pdf" full

i=1
while [ $i -le $((n_leaks + n_keep)) ]; do
	m=$(printf 'ZQ%02d' $i)
	shows full "$m" "prints"
	if [ $i -le $n_leaks ]; then
		hides gov "$m" "prints the leaking paragraph"
	else
		shows gov "$m" "prints"
	fi
	i=$((i + 1))
done
for s in sadykova Sadykova vermeulen Vermeulen calrn; do
	hides gov "$s" "prints"
done
finish
