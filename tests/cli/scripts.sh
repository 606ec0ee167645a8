#!/bin/sh
# scripts.sh - a withheld name written in a script the case never gives
# it in (a Chinese, Arabic or Russian transcription of a name given in
# Latin letters only) reaches no copy that withholds it, and the gate
# that stops it costs only what it must (docs/security.md, "Scripts").
#
# The victim of cases/ua-detained-lawyer.yaml becomes "Claire Dubois",
# given in Latin letters only.  None of her transcriptions is found by
# the matcher's own readings: 克莱尔·杜布瓦 reads "ke lai er du bu wa",
# Клер Дюбуа "Kler Dyubua", and Arabic has none.  For each script, cases:
#
#   translation  the incident's translation into that language names her,
#                the English original does not; she does not consent to
#                be named to the Government.  check warns script-unchecked
#                at her name; the Government and public copies in that
#                language hold no trace of the transcription and print the
#                English original instead; the full copy prints the
#                translation.
#   remedy       the same, with the transcription given as her alias
#                (name.other): no warning; the translation that names her
#                is left out, and another translation into that script
#                that does not name her is printed, in that script.
#   consent      she consents: no warning, every copy prints the
#                translation with her name (no withholding without cause).
#   original     the English original quotes a sentence in that language
#                that names her: the copies leave that text out.
#   shown        a perpetrator, named to the Government, with his name
#                in that script too: the Government copy prints it (a name
#                the copy shows is no text it cannot read).
. "$(dirname "$0")/lib.inc"
export SOURCE_DATE_EPOCH=1790000000
need pdftotext qpdf gs perl python3
. "$(dirname "$0")/views.inc"

cp -r cases/annexes "$tmp/annexes"
python3 - "$tmp" <<'EOF'
import sys
out = sys.argv[1]
base = open("cases/ua-detained-lawyer.yaml", encoding="utf-8").read()
base = base.replace("      original:\n        given: Аида\n        family: Садыкова\n", "")
base = base.replace("Sadykova", "Dubois").replace("Aida", "Claire")
T = {"zh": "克莱尔·杜布瓦", "ar": "كلير دوبوا", "ru": "Клер Дюбуа"}
SENT = {  # a sentence naming her, and one that does not, per language
    "zh": ("六名便衣男子在{}的办公楼入口处拦住了她。", "大楼入口处有两辆没有车牌的汽车。"),
    "ar": ("أوقف ستة رجال بملابس مدنية {} عند مدخل مبنى مكتبها.", "كانت هناك سيارتان بدون لوحات عند المدخل."),
    "ru": ("Шестеро мужчин в штатском остановили {} у входа в её офис.", "У входа стояли две машины без номеров."),
}
BEKOV = {"zh": ("别科夫", "阿扎马特"), "ar": ("بيكوف", "عزمات"), "ru": ("Беков", "Азамат")}
EN = "Six men in plain clothes stopped the victim at the entrance of her office building."
EN2 = "Two cars without number plates waited at the entrance; she takes β-blockers."

def incident(desc, details):
    return base.replace(base[base.index("    description: |\n      At about 7.40"):base.index("    status: ongoing")],
                        "    description:\n" + desc) \
               .replace("      details: Entrance of the building on Chui Avenue where Ms. Dubois has her law office\n",
                        "      details:\n" + details)

def consent(s, share):
    return s.replace('share_name_with_government: "yes"', 'share_name_with_government: "%s"' % share) \
            .replace("publish_name: initials", 'publish_name: "%s"' % ("full_name" if share == "yes" else "no"))

for la, t in T.items():
    named, clean = SENT[la][0].format(t), SENT[la][1]
    desc = "      en: %s\n      %s: %s\n" % (EN, la, named)
    det = "        en: %s\n        %s: %s\n" % (EN2, la, clean)
    c = consent(incident(desc, det), "no")
    c = c.replace("    unit: Investigation Department\n", "    unit: Investigation Department\n"
                  "    individuals:\n      - name: {family: Bekov, given: Azamat, original: {family: \"%s\", given: \"%s\"}}\n"
                  "        rank_or_function: Major\n" % BEKOV[la], 1)
    open("%s/translation-%s.yaml" % (out, la), "w").write(c)
    r = c.replace("      family: Dubois\n", "      family: Dubois\n      other: [\"%s\"]\n" % t, 1)
    open("%s/remedy-%s.yaml" % (out, la), "w").write(r)
    open("%s/consent-%s.yaml" % (out, la), "w").write(consent(incident(desc, det), "yes"))
    # the English original quotes her name in la (a case is written in
    # English, French or Spanish)
    o = consent(incident("      en: %s (%s)\n" % (EN, named), "        en: %s\n" % EN2), "no")
    open("%s/original-%s.yaml" % (out, la), "w").write(o)
EOF

# unwarned_government KIND LANG VIEW: check passes KIND-LANG.yaml without
# script-unchecked, and its Government copy in LANG is extracted as VIEW-LANG
unwarned_government() {
	f=$tmp/$1-$2.yaml
	"$spcomm" check "$f" >"$tmp/out" 2>&1
	expect "$1-$2: check passes" 0 $?
	if grep -q 'script-unchecked' "$tmp/out"; then bad "$1-$2: script-unchecked"
	else ok "$1-$2: no script-unchecked"; fi
	rm -f "$tmp"/*.pdf
	"$spcomm" render -l "$2" -d "$tmp" --copy government "$f" >"$tmp/list" 2>/dev/null
	expect "$1-$2: Government copy" 0 $?
	extract "$(cat "$tmp/list")" "$3-$2"
}

for la in zh ar ru; do
	t=$(case $la in zh) echo '克莱尔·杜布瓦';; ar) echo 'كلير دوبوا';; ru) echo 'Клер Дюбуа';; esac)
	script=$(case $la in zh) echo Han;; ar) echo Arabic;; ru) echo Cyrillic;; esac)

	# translation: warned at her name, withheld by falling back to English
	f=$tmp/translation-$la.yaml
	"$spcomm" check "$f" >"$tmp/out" 2>&1
	expect "translation-$la: check passes" 0 $?
	if grep -q "victims\[0\].name: .*2 texts written in the $script script (the first: incidents\[0\]\..* ($la)).*originals instead \[script-unchecked\]" "$tmp/out"
	then ok "translation-$la: script-unchecked at the name, naming the $script script and the text"
	else bad "translation-$la: no script-unchecked warning: $(grep -c . "$tmp/out") lines"; fi
	rm -f "$tmp"/*.pdf
	"$spcomm" render -l "$la" -d "$tmp" --copy full --copy government --copy public "$f" >"$tmp/list" 2>/dev/null
	expect "translation-$la: three copies" 0 $?
	for c in full government public; do
		p=$(grep "\.$c\.pdf\$" "$tmp/list"); [ -n "$p" ] || p=$(grep -v '\.government\.pdf$\|\.public\.pdf$' "$tmp/list")
		extract "$p" "tr-$la-$c"
	done
	cp "$(grep '\.government\.pdf$' "$tmp/list")" "$tmp/tr-$la.pdf"
	shows "tr-$la-full" "$t" "prints the translation naming her"
	hides "tr-$la-government" "$t" "leaks the transcription"
	hides "tr-$la-public" "$t" "leaks the transcription"
	# the incident is GOV: the Government copy prints it, in English
	shows "tr-$la-government" "stopped the victim at the entrance" "prints the English original instead"
	# the program's own words (dates, labels, countries) are no text of the
	# case: the Government copy in la leaves out as many texts as the
	# English one, and no more
	"$spcomm" render -l en -o "$tmp/tr-en.pdf" --copy government "$f" >/dev/null 2>&1
	extract "$tmp/tr-en.pdf" tr-en-government
	# a lone Greek letter writes no name: the English text is printed
	shows "tr-en-government" "she takes β-blockers" "prints a text with one letter of another script"
	n_la=$(withheld_notes "$tmp/tr-$la.pdf" "$la"); n_en=$(withheld_notes "$tmp/tr-en.pdf" en)
	if [ "$n_la" = "$n_en" ] && [ "$n_en" -gt 0 ]
	then ok "translation-$la: the Government copy leaves out $n_la texts, as in English"
	else bad "translation-$la: the Government copy leaves out $n_la texts, $n_en in English"; fi
	bekov=$(case $la in zh) echo '别科夫';; ar) echo 'بيكوف';; ru) echo 'Беков';; esac)
	shows "tr-$la-government" "$bekov" "prints the perpetrator's name in $script (shown)"

	# remedy: the alias lets the gate read the script
	unwarned_government remedy "$la" re
	hides "re-$la" "$t" "leaks the name the alias gives"
	clean=$(case $la in zh) echo '两辆没有车牌的汽车';; ar) echo 'سيارتان بدون لوحات';; ru) echo 'две машины без номеров';; esac)
	shows "re-$la" "$clean" "prints the clean translation"

	# consent: nothing withheld
	unwarned_government consent "$la" co
	shows "co-$la" "$t" "prints the translation naming her"

	# original: a case written in that script
	f=$tmp/original-$la.yaml
	"$spcomm" check "$f" >"$tmp/out" 2>&1
	expect "original-$la: check passes" 0 $?
	if grep -q "victims\[0\].name: .*1 text written in the $script script (the first: incidents\[0\]\.description) .*leaves those texts out \[script-unchecked\]" "$tmp/out"
	then ok "original-$la: script-unchecked says the texts are left out"
	else bad "original-$la: no script-unchecked warning for the original"; fi
	rm -f "$tmp"/*.pdf
	"$spcomm" render -l "$la" -d "$tmp" --copy full --copy government "$f" >"$tmp/list" 2>/dev/null
	expect "original-$la: two copies" 0 $?
	extract "$(grep '\.government\.pdf$' "$tmp/list")" "or-$la-gov"
	extract "$(grep -v '\.government\.pdf$' "$tmp/list")" "or-$la-full"
	hides "or-$la-gov" "$t" "leaks the name in the original"
	# (the name may break across two lines: the raw view, which reads the
	# strings of the file in the order they are stored, may not join it)
	case " $(views "or-$la-full" "$t") " in
	*" pdftotext "*) ok "or-$la-full copy prints the original with the name" ;;
	*) bad "or-$la-full copy lacks '$t' in pdftotext" ;;
	esac
done

# declined: the victim of cases/ua-detained-lawyer.yaml as it is (her name
# in Latin and Cyrillic letters), without consent; the Russian translation
# names her as Russian declines a name, the source (her husband, who gave
# consent, named in Cyrillic letters too) likewise
python3 - "$tmp" <<'EOF2'
import sys
out = sys.argv[1]
c = open("cases/ua-detained-lawyer.yaml", encoding="utf-8").read()
c = c.replace('share_name_with_government: "yes"', 'share_name_with_government: "no"')
c = c.replace("publish_name: initials", 'publish_name: "no"')
c = c.replace("        given: Timur\n        family: Osmonov\n",
              "        given: Timur\n        family: Osmonov\n        original: {given: Тимур, family: Осмонов}\n")
i = c.index("    description: |\n      At about 7.40")
j = c.index("    status: ongoing")
c = c[:i] + ("    description:\n"
             "      en: Six men in plain clothes stopped the victim at the entrance of her office building.\n"
             "      ru: Шестеро мужчин остановили Аиду Садыкову у входа. Адвокат Садыковой не получил ответа.\n"
             "    status: ongoing") + c[j + len("    status: ongoing"):]
open(out + "/declined.yaml", "w", encoding="utf-8").write(c)
EOF2
rm -f "$tmp"/*.pdf
"$spcomm" render -l ru -d "$tmp" --copy government "$tmp/declined.yaml" >"$tmp/list" 2>/dev/null
expect "declined: Government copy in Russian" 0 $?
extract "$(cat "$tmp/list")" declined
for w in "Аиду Садыкову" "Садыковой"; do
	hides declined "$w" "prints the declined name"
done
rm -f "$tmp"/*.pdf
"$spcomm" render -l ru -d "$tmp" --copy full "$tmp/declined.yaml" >"$tmp/list" 2>/dev/null
extract "$(cat "$tmp/list")" declined-full
shows declined-full "Аиду Садыкову" "prints the translation"

# joined: an id and a file name that join an initial to her family name
mkdir -p "$tmp/joined" && cp -r cases/annexes "$tmp/joined/"
sed 's/^id: .*/id: ua-2026-asadykova/' "$tmp/declined.yaml" >"$tmp/joined/asadykova.yaml"
rm -rf "$tmp/jout" && mkdir "$tmp/jout"
"$spcomm" batch -d "$tmp/jout" --copy government "$tmp/joined/asadykova.yaml" >/dev/null 2>&1
expect "joined: batch of the Government copy" 0 $?
if ls "$tmp/jout" | grep -qi sadykova; then bad "joined: an output file name holds the name: $(ls "$tmp/jout" | tr '\n' ' ')"
else ok "joined: no output file name holds the name"; fi
if grep -qi sadykova "$tmp/jout/manifest.jsonl"; then bad "joined: the manifest holds the name"
else ok "joined: the manifest holds neither the id nor the path"; fi
finish
