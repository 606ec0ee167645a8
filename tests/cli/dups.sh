#!/bin/sh
# dups.sh - `spcomm batch` warns (duplicate-victim) when one person is the
# victim of two case files, however the files write the name: in Chinese
# characters and in pinyin, in traditional and simplified characters, in
# Cyrillic and in Latin letters, in Arabic with two Latin spellings, with
# and without accents, in capitals, family name first or given name first,
# the whole name in one field; with a date of birth in one file only.  It
# does not warn for two persons: different dates of birth, a relative
# sharing the family name, a name inside a longer one, two names in
# Chinese characters read alike, one word without the same date.  Each
# warning names both files and fields with line:column, on standard error
# and in the manifest; a batch of Government copies shows there no path
# that names a person it withholds.
. "$(dirname "$0")/lib.inc"
export SOURCE_DATE_EPOCH=1790000000

# case_file FILE ID: a case written by a relative or an NGO, its victim
# block read from standard input (indented by four spaces, without '- ')
case_file() {
	victim=$(cat)
	cat >"$1" <<EOF
spcomm: 1
form: sp-general
id: $2
language: en
date: 2026-03-02
addressees: [sr_torture]
submitter:
  kind: individual
  name:
    family: Okafor
    given: Grace
  relationship_to_victim: relative
  relationship_detail: cousin
  address: |
    12 Harbour Road
    Lagos
  country: NG
  email: grace.okafor@example.org
communication:
  requested_type: allegation_letter
  subject_kind: individual
states_concerned: [CN]
victims:
  - id: v1
$victim
    sex: male
    consent:
      status: given
      given_by: relative
      given_by_name:
        family: Okafor
        given: Grace
      relationship: cousin
      share_name_with_government: "yes"
      publish_name: full_name
incidents:
  - date: 2026-01-10
    place:
      country: CN
      locality: Guangzhou
    victims: [v1]
    status: ongoing
    description: |
      He was taken from his home by officers in uniform and has not been
      seen since. The family has had no news of him.
perpetrators:
  - kind: state_agent
    institution: Municipal Public Security Bureau
    basis_for_attribution: |
      The officers wore police uniforms and came in a marked car.
EOF
}

# run NAME [BATCH OPTIONS...]: the batch of the files in $tmp/NAME, its
# standard error in $tmp/NAME.err, its manifest in $tmp/NAME.out
run() {
	d=$1
	shift
	mkdir -p "$tmp/$d.out"
	"$spcomm" batch -j 2 -l en "$@" -d "$tmp/$d.out" "$tmp/$d" >/dev/null 2>"$tmp/$d.err"
	st=$?
	[ $st = 0 ] || bad "$d: batch exit status $st: $(grep -v 'duplicate-victim' "$tmp/$d.err" | head -n 3)"
}
# shown NAME: the batch's warnings about duplicates, or that there is none
shown() { grep 'duplicate-victim' "$tmp/$1.err" || echo "no duplicate-victim warning"; }
# warns NAME FILE OTHER-FILE WHAT: FILE is warned about, naming OTHER-FILE
warns() {
	if grep "^$tmp/$1/$2:[0-9]*:[0-9]*: warning: victims\[0\].name: may be the same person as victims\[0\].name at $tmp/$1/$3:[0-9]*:[0-9]* " \
		"$tmp/$1.err" >/dev/null; then ok "$4"; else bad "$4: $(shown "$1")"; fi
}
# says NAME TEXT WHAT: the warning's text holds TEXT
says() {
	if grep 'duplicate-victim' "$tmp/$1.err" | grep -qF "$2"; then ok "$3"; else bad "$3: $(shown "$1")"; fi
}
# quiet NAME WHAT: no duplicate-victim warning at all
quiet() {
	if grep -q 'duplicate-victim' "$tmp/$1.err" "$tmp/$1.out/manifest.jsonl"; then
		bad "$2: $(shown "$1")"
	else
		ok "$2"
	fi
}

# ----- the same man in Chinese characters and in pinyin, no date of birth -----
mkdir "$tmp/han"
case_file "$tmp/han/wife.yaml" cn-2026-001 <<'EOF'
    name:
      original:
        family: 陈
        given: 勇
EOF
case_file "$tmp/han/ngo.yaml" cn-2026-002 <<'EOF'
    name:
      family: CHEN
      given: Yong
    occupation: Legal adviser at a workers' service centre
EOF
run han
warns han wife.yaml ngo.yaml "陈勇 is Chen Yong: the first file names the second"
warns han ngo.yaml wife.yaml "陈勇 is Chen Yong: the second file names the first"
says han "the same name read in Latin letters" "the warning says the name was read in Latin letters"
says han "no date of birth to compare" "the warning says there is no date of birth to compare"
# the positions are those of each name
grep -q "^$tmp/han/wife.yaml:25:5: .* at $tmp/han/ngo.yaml:25:5 " "$tmp/han.err" \
	&& ok "file:line:column of both names" || bad "positions: $(shown han)"
m=$tmp/han.out/manifest.jsonl
grep -F "\"input\":\"$tmp/han/wife.yaml\"" "$m" | grep -F '"code":"duplicate-victim"' \
	| grep -qF "\"other\":{\"file\":\"$tmp/han/ngo.yaml\",\"line\":25,\"column\":5,\"path\":\"victims[0].name\"}" \
	&& ok "the manifest names the other file, line, column and field" \
	|| bad "manifest: $(grep -F 'duplicate-victim' "$m" | head -n 1)"

# a given name read as a given name, not as a surname (单 alone is "Shan")
mkdir "$tmp/given"
case_file "$tmp/given/a.yaml" cn-2026-003 <<'EOF'
    name:
      family: Chen
      given: Dan
    date_of_birth: 1975-11-02
EOF
case_file "$tmp/given/b.yaml" cn-2026-004 <<'EOF'
    name:
      original:
        family: 陈
        given: 单
    date_of_birth: 1975-11-02
EOF
run given
warns given b.yaml a.yaml "陈单 is Chen Dan (单 read as a given name)"

# traditional characters (Taiwan, Hong Kong) and simplified ones
mkdir "$tmp/trad"
case_file "$tmp/trad/tw.yaml" tw-2026-001 <<'EOF'
    name:
      family: Chen
      given: Yong
      original:
        family: 陳
        given: 勇
    date_of_birth: 1981-04-09
EOF
case_file "$tmp/trad/cn.yaml" cn-2026-005 <<'EOF'
    name:
      original:
        family: 陈
        given: 勇
    date_of_birth: 1981-04-09
EOF
run trad
warns trad cn.yaml tw.yaml "陳勇 (traditional) is 陈勇 (simplified)"
says trad "(the same name, the same date of birth)" "陳勇 and 陈勇 are the same name as written"

# ----- Arabic: through the Latin form a file gives -----
mkdir "$tmp/arabic"
case_file "$tmp/arabic/a.yaml" tn-2026-001 <<'EOF'
    name:
      family: Ben Salah
      given: Nour
      original:
        family: بن صالح
        given: نور
EOF
case_file "$tmp/arabic/b.yaml" tn-2026-002 <<'EOF'
    name:
      given: Nour
      family: BEN SALAH
EOF
# another spelling in Latin letters, the same name in Arabic
case_file "$tmp/arabic/c.yaml" tn-2026-003 <<'EOF'
    name:
      given: Nur
      family: Bin Salih
      original:
        given: نور
        family: بن صالح
EOF
run arabic
warns arabic b.yaml a.yaml "Nour Ben Salah (Latin only) is the Latin form of نور بن صالح"
warns arabic c.yaml a.yaml "Nur Bin Salih is Nour Ben Salah: the same name in Arabic letters"

# ----- accents and capitals; the same date of birth -----
mkdir "$tmp/accents"
case_file "$tmp/accents/a.yaml" mx-2026-001 <<'EOF'
    name:
      given: José Luis
      family: Ramírez Núñez
    date_of_birth: 1979-08-30
EOF
case_file "$tmp/accents/b.yaml" mx-2026-002 <<'EOF'
    name:
      given: JOSE LUIS
      family: RAMIREZ NUNEZ
    date_of_birth: 1979-08-30
EOF
run accents
warns accents a.yaml b.yaml "José Luis Ramírez Núñez is JOSE LUIS RAMIREZ NUNEZ"
says accents "(the same name, the same date of birth)" "as written, with the same date of birth"

# ----- family name first, given name first, the whole name in one field -----
mkdir "$tmp/order"
case_file "$tmp/order/a.yaml" cn-2026-011 <<'EOF'
    name:
      family: Li
      given: Hongwei
      order: family_given
EOF
# a stranger who took "Li" for the first name
case_file "$tmp/order/b.yaml" cn-2026-012 <<'EOF'
    name:
      given: Li
      family: Hongwei
EOF
run order
warns order a.yaml b.yaml "family and given names swapped"
says order "with family and given names swapped" "the warning says the parts are swapped"
mkdir "$tmp/whole"
case_file "$tmp/whole/a.yaml" vn-2026-001 <<'EOF'
    name:
      family: Nguyễn
      given: Văn An
EOF
case_file "$tmp/whole/b.yaml" vn-2026-002 <<'EOF'
    name:
      given: Nguyen Van An
EOF
run whole
warns whole b.yaml a.yaml "the whole name in one field (Nguyen Van An) is Nguyễn / Văn An"

# ----- Cyrillic (BGN/PCGN) and Latin -----
mkdir "$tmp/cyr"
case_file "$tmp/cyr/ru.yaml" kg-2026-001 <<'EOF'
    name:
      original:
        family: Садыкова
        given: Наталья
EOF
case_file "$tmp/cyr/en.yaml" kg-2026-002 <<'EOF'
    name:
      given: Natalya
      family: Sadykova
    date_of_birth: 1984-05-14
EOF
run cyr
warns cyr ru.yaml en.yaml "Наталья Садыкова is Natalya Sadykova"
warns cyr en.yaml ru.yaml "Natalya Sadykova is Наталья Садыкова"
says cyr "no date of birth to compare" "a date of birth in one file only: still a candidate"

# ----- two persons: different dates of birth -----
mkdir "$tmp/dob"
case_file "$tmp/dob/a.yaml" cn-2026-021 <<'EOF'
    name:
      family: Chen
      given: Yong
    date_of_birth: 1981-04-09
EOF
case_file "$tmp/dob/b.yaml" cn-2026-022 <<'EOF'
    name:
      original:
        family: 陈
        given: 勇
    date_of_birth: 1990-02
EOF
run dob
quiet dob "two dates of birth that differ: two persons"

# an approximate date of birth a year from the other: still a candidate
mkdir "$tmp/near"
case_file "$tmp/near/a.yaml" cn-2026-023 <<'EOF'
    name:
      family: Chen
      given: Yong
    date_of_birth: 1980~
EOF
case_file "$tmp/near/b.yaml" cn-2026-024 <<'EOF'
    name:
      family: Chen
      given: Yong
    date_of_birth: 1981-04-09
EOF
run near
warns near a.yaml b.yaml "an approximate year of birth one year off: a warning"
says near "at most a year apart, one approximate" "the warning says the dates are near"

# ----- relatives and near names -----
mkdir "$tmp/family"
case_file "$tmp/family/son.yaml" cn-2026-031 <<'EOF'
    name:
      family: Chen
      given: Yong
EOF
case_file "$tmp/family/father.yaml" cn-2026-032 <<'EOF'
    name:
      original:
        family: 陈
        given: 建国
EOF
case_file "$tmp/family/cousin.yaml" cn-2026-033 <<'EOF'
    name:
      family: Chen
      given: Yonghong
EOF
case_file "$tmp/family/other.yaml" cn-2026-034 <<'EOF'
    name:
      family: Yong
EOF
run family
quiet family "a father, a cousin and a man called Yong are not Chen Yong"

# two names in Chinese characters read alike are two persons: 李洋 and 杨丽
# are "Li Yang" and "Yang Li"
mkdir "$tmp/homophones"
case_file "$tmp/homophones/a.yaml" cn-2026-035 <<'EOF'
    name:
      original:
        family: 李
        given: 洋
EOF
case_file "$tmp/homophones/b.yaml" cn-2026-036 <<'EOF'
    name:
      family: Yang
      given: Li
      original:
        family: 杨
        given: 丽
EOF
run homophones
quiet homophones "李洋 and 杨丽, read alike, are two persons"

# ----- one word: only with the same date of birth -----
mkdir "$tmp/word"
case_file "$tmp/word/a.yaml" sd-2026-001 <<'EOF'
    name:
      given: Ahmed
EOF
case_file "$tmp/word/b.yaml" sd-2026-002 <<'EOF'
    name:
      given: AHMED
    date_of_birth: 1990-01-01
EOF
run word
quiet word "one word and no date of birth to compare: no warning"
mkdir "$tmp/word2"
cp "$tmp/word/b.yaml" "$tmp/word2/b.yaml"
sed 's/^      given: Ahmed$/      given: Ahmed\n    date_of_birth: 1990-01-01/' "$tmp/word/a.yaml" >"$tmp/word2/a.yaml"
run word2
warns word2 a.yaml b.yaml "one word with the same date of birth: a warning"

# ----- a batch of Government copies: no withheld path in the manifest -----
mkdir "$tmp/gov"
case_file "$tmp/gov/chen-yong.yaml" chen-yong-2026 <<'EOF'
    name:
      family: Chen
      given: Yong
EOF
sed -i 's/share_name_with_government: "yes"/share_name_with_government: "no"/' "$tmp/gov/chen-yong.yaml"
case_file "$tmp/gov/b.yaml" cn-2026-042 <<'EOF'
    name:
      original:
        family: 陈
        given: 勇
EOF
run gov --copy government
m=$tmp/gov.out/manifest.jsonl
grep -qF '"code":"duplicate-victim"' "$m" && ok "government batch: the warning is in the manifest" \
	|| bad "government batch: no duplicate-victim in the manifest"
grep -q 'chen-yong' "$m" && bad "government batch: a withheld name in the manifest: $(grep -o '.\{40\}chen-yong.\{40\}' "$m" | head -n 1)" \
	|| ok "government batch: the withheld path is not in the manifest"
grep -F "\"input\":\"$tmp/gov/b.yaml\"" "$m" | grep -q '"other":{"file":"withheld-[0-9a-f]*\.yaml"' \
	&& ok "government batch: the other file is named by its pseudonym" \
	|| bad "government batch: $(grep -F 'duplicate-victim' "$m" | head -n 1)"
grep -q "chen-yong.yaml" "$tmp/gov.err" && ok "government batch: standard error names the files" \
	|| bad "government batch: standard error: $(shown gov)"

finish
