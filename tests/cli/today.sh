#!/bin/sh
# today.sh - the submission's date against the clock: validation reads it
# (a warning, date-after-today), rendering never does.  The dates are made
# from the clock at run time, so the test does not depend on the day it
# runs: today (UTC) never warns, since "today" is taken in the earliest time
# zone (UTC+14); two days ahead always does.  tests/warn/ has a case dated
# 2099 with the exact message.
. "$(dirname "$0")/lib.inc"

mkdir "$tmp/c"
cp -r tests/bad/annexes "$tmp/c/"
# the case dated D (its first "date:" line is the submission's date)
dated() {
	sed "0,/^date: 2026-11-20\$/s//date: $1/" cases/ua-detained-lawyer.yaml >"$tmp/c/$1.yaml"
	grep -q "^date: $1\$" "$tmp/c/$1.yaml" || bad "could not date the case $1"
}

for d in "$(date -u +%F)" "$(date -u -d yesterday +%F)" 2026-11-20; do
	dated "$d"
	"$spcomm" check --color=never "$tmp/c/$d.yaml" >/dev/null 2>"$tmp/err"; st=$?
	expect "dated $d: valid" 0 $st
	grep -q "date-after-today" "$tmp/err" && bad "dated $d: warned: $(cat "$tmp/err")" ||
		ok "dated $d: no date-after-today"
done

ahead=$(date -u -d "2 days" +%F)
dated "$ahead"
"$spcomm" check --color=never "$tmp/c/$ahead.yaml" >/dev/null 2>"$tmp/err"; st=$?
expect "dated $ahead: valid (a warning only)" 0 $st
grep -q "warning: date: the date of the submission, $ahead, is after today \[date-after-today\]" "$tmp/err" &&
	ok "dated $ahead: date-after-today" || bad "dated $ahead: $(cat "$tmp/err")"
grep -q "$(date -u +%F)" "$tmp/err" && bad "the message prints today's date" || ok "today's date not printed"

# rendering does not read the clock: a second apart, in other time zones,
# the same bytes (the creation date is the case's date)
dated 2099-11-20
"$spcomm" render --force -o "$tmp/a.pdf" "$tmp/c/2099-11-20.yaml" >/dev/null 2>"$tmp/err"; st=$?
expect "a case dated 2099 renders" 0 $st
grep -q "date-after-today" "$tmp/err" && ok "render shows the warning" || bad "render: $(cat "$tmp/err")"
sleep 1
TZ=Pacific/Kiritimati "$spcomm" render --force -o "$tmp/b.pdf" "$tmp/c/2099-11-20.yaml" >/dev/null 2>&1
cmp -s "$tmp/a.pdf" "$tmp/b.pdf" && ok "same bytes a second later, another TZ" || bad "the PDF depends on the clock"
finish
