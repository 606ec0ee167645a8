#!/bin/sh
# reprisals.sh - a case that fears reprisals (reprisal_concern.feared: true)
# copies OHCHR's reprisals address on page 1 of its full copy; the address
# is data (forms/mandates.yaml `reprisals:`); the Government and public
# copies, which may not show the source's confidential answer, do not say it,
# and a case that does not fear reprisals has no such line.
. "$(dirname "$0")/lib.inc"

# page1 CASE COPY LANG [DATA-DIR]: the text of page 1 in $tmp/p1.txt
page1() {
	set -- "$1" "$2" "$3" ${4:+--data-dir "$4"}
	c=$1 copy=$2 lang=$3
	shift 3
	rm -f "$tmp/p.pdf" "$tmp/p1.txt"
	"$spcomm" render "$@" -l "$lang" --copy "$copy" -o "$tmp/p.pdf" "$c" >/dev/null 2>"$tmp/err" &&
	    pdftotext -l 1 "$tmp/p.pdf" "$tmp/p1.txt" 2>/dev/null
}

addr=$(awk '/^reprisals:/ { r = 1 } r && $1 == "email:" { print $2; exit }' forms/mandates.yaml)
[ -n "$addr" ] && ok "mandates.yaml gives the reprisals address ($addr)" || bad "no reprisals address in mandates.yaml"

for c in cases/ua-detained-lawyer.yaml cases/wgeid-chen-guangzhou.yaml; do
	grep -q "^  feared: true" "$c" || { bad "$c no longer fears reprisals: pick another case"; continue; }
	page1 "$c" full en && grep -q "^Cc: $addr" "$tmp/p1.txt" && ok "$c: full copy, Cc line" ||
	    bad "$c: full copy lacks 'Cc: $addr': $(head -5 "$tmp/p1.txt") $(cat "$tmp/err")"
	for copy in government public; do
		page1 "$c" $copy en && ! grep -q "$addr" "$tmp/p1.txt" && ok "$c: $copy copy, no Cc line" ||
		    bad "$c: the $copy copy shows the reprisals address"
	done
done
# in each language, from its catalog
for l in fr es ru zh ar; do
	page1 cases/ua-detained-lawyer.yaml full $l && grep -q "$addr" "$tmp/p1.txt" &&
	    ok "full copy in $l: the address" || bad "full copy in $l lacks $addr"
done
# a case without the fear: no line
c=cases/wgad-agbodjan-retention.yaml
grep -q "feared: true" "$c" && bad "$c fears reprisals now: pick another case"
page1 "$c" full en && ! grep -q "$addr" "$tmp/p1.txt" && ok "no fear, no Cc line" ||
    bad "a case without reprisal_concern shows $addr"
# the address is data: change it in a copy of the data directory
d=$tmp/d
mkdir -p "$d" && cp -R forms locale "$d/"
sed "s/^  email: $addr\$/  email: reprisals-test@example.org/" forms/mandates.yaml >"$d/forms/mandates.yaml"
page1 cases/ua-detained-lawyer.yaml full en "$d" && grep -q "^Cc: reprisals-test@example.org" "$tmp/p1.txt" &&
    ok "the address comes from mandates.yaml" || bad "changed address not used: $(head -5 "$tmp/p1.txt") $(cat "$tmp/err")"
# and without its record the data is refused
grep -v "^  checked: " forms/mandates.yaml >"$d/forms/mandates.yaml"
"$spcomm" forms --data-dir "$d" >/dev/null 2>"$tmp/err"; st=$?
[ $st -ne 0 ] && grep -q "needs 'checked'" "$tmp/err" && ok "an entry without 'checked' is refused" ||
    bad "mandates.yaml without checked dates loaded (exit $st): $(head -3 "$tmp/err")"
finish
