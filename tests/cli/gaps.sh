#!/bin/sh
# gaps.sh - names written in ways the matcher did not read, each a class
# of input (docs/security.md, "The matcher"): the copies that withhold
# the name hold none of its forms, in any view (pdftotext, Ghostscript,
# the decompressed streams), and leave out exactly the texts that name
# the person, no more: each case NAME has a NAME-control whose naming
# texts are replaced by texts naming nobody, and the Government and
# public copies of NAME leave out as many texts as those of NAME-control
# plus the naming ones (tests/cli/gaps.py writes the cases).
#
#   1  a name given in Latin letters only, declined in a Russian text
#      ("по просьбе Тимура Осмонова" for the source "Timur Osmonov";
#      "Аиду Садыкову" for a withheld victim "Aida Sadykova")
#   2  an Arabic name without its article, or with clitics: كعبي,
#      بالكعبي, والكعبي, للكعبي for الكعبي
#   3  a Chinese family name alone, with a title or after 老/小: 陈先生,
#      陈女士, 陈律师, 老陈, 小陈, 陈某 for 陈伟; 欧阳先生 for 欧阳明
#   4  a transliterated name as French and Spanish spell it: Khassanova,
#      Jasánova, Hassanova for Khasanova; Tchourkine, Chúrkin for Churkin
#   5  lookalike letters NFKC keeps (small capitals ᴀɪᴅᴀ, ʏ), full-width
#      letters, and characters inside a name: middle dots (U+00B7,
#      U+2027, U+30FB, U+2022), soft hyphen, ZWSP, ZWJ, ZWNJ, combining
#      marks, CGJ; mathematical letters are refused by check (above
#      U+FFFF), as are letters no font draws (a Cherokee Ꭺ: the unit
#      test reads it)
#   6  a translation from a PO file in a script the case gives a withheld
#      name in no form of: check warns script-unchecked at the PO entry,
#      as for a translation in the case file
#   7-10 a surname in its other gender's form (Sadykov, Novák, Kalesnikau
#      for Sadykova, Nováková, Kalesnikava), a Russian name declined, a
#      family name that is also a word
. "$(dirname "$0")/lib.inc"
export SOURCE_DATE_EPOCH=1790000000
need pdftotext qpdf gs perl python3
. "$(dirname "$0")/views.inc"

python3 tests/cli/gaps.py "$tmp" || { bad "gaps.py failed"; finish; }
cp -r cases/annexes "$tmp/annexes"
mkdir "$tmp/out"

# render NAME LANG COPY: the COPY of $tmp/NAME.yaml in LANG, as
# $tmp/NAME.LANG.COPY.pdf, its views as $tmp/NAME.LANG.COPY.*
render() {
	rm -f "$tmp"/out/*.pdf
	"$spcomm" render -l "$2" -d "$tmp/out" --copy "$3" "$tmp/$1.yaml" >"$tmp/list" 2>"$tmp/err"
	expect "$1: the $3 copy in $2" 0 $?
	p=$(head -n 1 "$tmp/list")
	[ -f "$p" ] && cp "$p" "$tmp/$1.$2.$3.pdf" && extract "$p" "$1.$2.$3"
}

# leaks NAME LANG N FORM... [-- CLEAN...]: the full copy of NAME in LANG
# shows every FORM, the Government and public copies none; both leave out
# N texts more than NAME-control's; the Government copy prints every
# CLEAN text
leaks() {
	name=$1 la=$2 n=$3
	shift 3
	for c in full government public; do
		render "$name" "$la" $c
	done
	# (the incidents are GOV: the public copy prints none of them)
	render "$name-control" "$la" government
	got=$(withheld_notes "$tmp/$name.$la.government.pdf" "$la")
	base=$(withheld_notes "$tmp/$name-control.$la.government.pdf" "$la")
	if [ "$got" -eq $((base + n)) ]
	then ok "$name: the Government copy in $la leaves out $n texts more than the control ($base)"
	else bad "$name: the Government copy in $la leaves out $got texts, the control $base: want $((base + n))"; fi
	clean=false
	for f in "$@"; do
		if [ "$f" = -- ]; then clean=true; continue; fi
		if $clean; then
			shows "$name.$la.government" "$f" "prints the text that names nobody"
		else
			shows "$name.$la.full" "$f" "prints"
			hides "$name.$la.government" "$f" "leaks"
			hides "$name.$la.public" "$f" "leaks"
		fi
	done
}

# check_says NAME STATUS PATTERN WHAT: check exits STATUS on NAME, with a
# line matching PATTERN (grep -E), or none when PATTERN starts with '!'
check_says() {
	"$spcomm" check "$tmp/$1.yaml" >"$tmp/check" 2>&1
	expect "$1: check exits $2" "$2" $?
	case $3 in
	!*) if grep -qE -- "${3#!}" "$tmp/check"; then bad "$1: check says $4: $(grep -E -- "${3#!}" "$tmp/check" | head -n 1)"
	    else ok "$1: check does not say $4"; fi ;;
	*) if grep -qE -- "$3" "$tmp/check"; then ok "$1: check says $4"
	   else bad "$1: check does not say $4: $(head -n 3 "$tmp/check")"; fi ;;
	esac
}

# 1. Latin names declined in Russian.  The source's whole name is an
# error, a lone word of it a warning; the controls say neither.
check_says c1-source-full 1 'incidents\[0\]\.description\.ru: .*\[source-in-narrative\]' \
    "the source's declined name is in the narrative"
"$spcomm" render -l ru -d "$tmp/out" --copy government "$tmp/c1-source-full.yaml" >/dev/null 2>&1
expect "c1-source-full: no Government copy" 1 $?
check_says c1-source-part 0 'incidents\[0\]\.description\.ru: .*\[source-name-part\]' \
    "a declined word of the source's name is in the narrative"
check_says c1-source-full-control 0 '!source-' "anything of the source"
check_says c1-source-part-control 0 '!source-' "anything of the source"
# the victim (a Cyrillic nickname lets the gate read Russian texts for her)
leaks c1-victim ru 4 "Аиду Садыкову" "Садыковой" "Аидочку" -- \
    "садовая тележка" "Аид и Тимур" "Ли это было в среду"

# 2. Arabic clitics; "والكعك" (and the cake) and "نصر" (a root of
# Nasser, and a word) are no name
leaks c2-arabic ar 6 "كعبي" "بالكعبي" "والكعبي" "للكعبي" "الكعبي" "فناصر" -- \
    "والكعك على الطاولة" "نصر المحامي على حقه"

# 3. Han family names with a title.  A name part of one character (陈 of
# 陈伟) is one the gate cannot tell from a word (陈列, displayed): every
# translation that holds it gives way to its English original
# (COPY_LONE_HAN), so the Chinese sentences with 陈 are in no copy that
# withholds him, none is left out, and 老人 and 小孩 without it print.
# 欧阳 (two characters) is read as a name: its forms are left out, and
# 欧阳修 (another man) for 欧阳明 prints.
leaks c3-chen zh 0 "陈先生" "陈女士" "陈律师" "老陈" "小陈" "陈某" "陈被那些人带走了" "阿伟" "大楼入口处陈列着两辆" \
    "一位先生和一位老师在场" -- "老人和小孩在门口等待"
leaks c3-ouyang zh 2 "欧阳先生" "欧阳女士" -- "欧阳修是宋代的文学家"
# a perpetrator named to the Government shares the family name: 陈先生
# may be either man, and gives way to its original too
leaks c3-shared zh 0 "陈伟" "陈先生出示了拘留令" --

# 4. Respellings in the French and Spanish translations; words written
# small and other words print
for la in fr es; do
	case $la in
	fr) leaks c4-respelled fr 3 "Khassanova" "Hassanova" "Tchourkine" -- \
	        "deux voitures sans plaques, près de la pharmacie" ;;
	es) leaks c4-respelled es 3 "Jasánova" "Jasanova" "Chúrkin" -- \
	        "la jurisprudencia es clara" ;;
	esac
done

# 5. Lookalikes and characters inside a name, in the English originals;
# a middle dot or a bullet between words, and a soft hyphen in another
# word, are no name
leaks c5-lookalike en 14 "ᴀɪᴅᴀ" "sᴀᴅʏᴋᴏᴠᴀ" "ＳＡＤＹＫＯＶＡ" "Ai·da" "Sady·kova" \
    "Sady‧kova" "Sady・kova" "Sady•kova" "Sadʏkova" "Sadykovᴀ" "Sadykova" -- \
    "The men wore plain clothes · two cars • no plates"
check_says c5-math 1 'character-not-supported' "that it cannot draw a mathematical letter"

# 6. A PO file's translation in a script the gate cannot read for her:
# check warns at the entry; the Government copy prints the original, the
# full copy the translation.  A French PO file (Latin script) is read and
# not warned about.
po() { # po FILE LANG TEXT
	printf 'msgid ""\nmsgstr ""\n"Language: %s\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n' "$2" >"$1"
	printf 'msgctxt "incidents[0].description"\nmsgid "%s"\nmsgstr "%s"\n' \
	    "Six men in plain clothes stopped the victim at the entrance of her office building." "$3" >>"$1"
}
po "$tmp/c6-po.zh.po" zh "六名便衣男子在办公楼入口处拦住了萨迪科娃。"
po "$tmp/c6-po-control.fr.po" fr "Six hommes ont arrêté la victime à l'entrée de son bureau."
check_says c6-po 0 'c6-po\.zh\.po:6:1: warning: incidents\[0\]\.description: the Government copy cannot check 1 translation of this file written in the Han script for the name at victims\[0\]\.name.*\[script-unchecked\]' \
    "script-unchecked at the PO entry"
check_says c6-po-control 0 '!script-unchecked' "script-unchecked for a French PO file"
render c6-po zh full
render c6-po zh government
shows c6-po.zh.full "萨迪科娃" "prints the translation"
hides c6-po.zh.government "萨迪科娃" "leaks the transcription"
shows c6-po.zh.government "stopped the victim at the entrance" "prints the English original instead"
render c6-po-control fr government
shows c6-po-control.fr.government "arrêté la victime" "prints the French translation"

# 7. Her father named by the masculine form of her surname is left out;
# the same form of a name the copy shows prints (docs/security.md)
leaks c7-gendered en 2 "Mr. Sadykov," "Sadykov family" -- "The sad news reached the family late"
leaks c7-gendered-shown en 0 -- "Mr. Sadykov showed the detention order"

# 8. A Russian name of four letters declined, the surname spelt another
# way; 9. a family name that is also a word, written small, prints
leaks c8-russian ru 3 "Аиду задержали" "Садикова была" "Садықова была" -- "Никто не был назван"
leaks c9-small en 1 "Ms. Hall was taken" -- "waited in the hall of the police station"

# 10. Her husband or father named by the Czech or Belarusian masculine
# form of her surname is left out
leaks c10-czech en 1 "Mr. Novák," -- "The novel was found on her desk"
leaks c10-belarusian en 1 "Mr. Kalesnikau," -- "The family was not told where she was held"
finish
