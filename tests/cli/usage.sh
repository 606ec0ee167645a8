#!/bin/sh
# usage.sh - help, version, usage errors and their exit statuses.
. "$(dirname "$0")/lib.inc"
"$spcomm" --help >"$tmp/out" 2>&1; expect "--help" 0 $?
grep -q "Usage: spcomm" "$tmp/out" && ok "--help prints usage" || bad "--help text"
"$spcomm" --version >"$tmp/out"; expect "--version" 0 $?
grep -q "^spcomm [0-9]" "$tmp/out" && ok "version line" || bad "version: $(cat "$tmp/out")"
for c in check render forms; do
	"$spcomm" $c --help >"$tmp/out" 2>&1; expect "$c --help" 0 $?
done
for c in render batch package; do
	"$spcomm" $c --help | grep -q -- "--pdfa .*PDF/A-1b" && ok "$c --help explains --pdfa" \
		|| bad "$c --help does not list --pdfa"
done
"$spcomm" --help | grep -c -- "--pdfa" | grep -qx 3 && ok "--help lists --pdfa for render, batch and package" \
	|| bad "--help: --pdfa not under render, batch and package"
"$spcomm" render --pdfa=yes cases/ua-detained-lawyer.yaml >/dev/null 2>&1
expect "--pdfa takes no argument" 2 $?
"$spcomm" >/dev/null 2>&1; expect "no command" 2 $?
"$spcomm" frobnicate >/dev/null 2>&1; expect "unknown command" 2 $?
"$spcomm" check >/dev/null 2>&1; expect "check without files" 2 $?
"$spcomm" check --bogus cases/ua-detained-lawyer.yaml >/dev/null 2>&1; expect "unknown option" 2 $?
"$spcomm" render -l xx cases/ua-detained-lawyer.yaml >/dev/null 2>&1; expect "unknown language" 2 $?
for l in 'en,' ',en' '' 'en,,fr'; do
	"$spcomm" render -l "$l" -d "$tmp" cases/ua-detained-lawyer.yaml >/dev/null 2>"$tmp/err"
	expect "-l '$l' (an empty language)" 2 $?
	grep -q 'none of them empty' "$tmp/err" || bad "-l '$l': says why: $(cat "$tmp/err")"
done
"$spcomm" check --format=json tests/bad/impossible-date.yaml >"$tmp/out" 2>"$tmp/err"
expect "check --format json on a bad case" 1 $?
grep -q '"code":"invalid-date"' "$tmp/out" && ok "json (standard output) has the stable code" || bad "json: $(cat "$tmp/out")"
"$spcomm" check cases/*.yaml >/dev/null 2>&1; expect "every bundled case is valid" 0 $?
"$spcomm" forms >"$tmp/out"; expect "forms lists" 0 $?
grep -q "^sp-general" "$tmp/out" && ok "sp-general listed" || bad "forms: $(cat "$tmp/out")"
"$spcomm" forms nope >/dev/null 2>&1; expect "unknown form" 2 $?
SOURCE_DATE_EPOCH=yesterday "$spcomm" check cases/ua-detained-lawyer.yaml >/dev/null 2>&1
expect "bad SOURCE_DATE_EPOCH" 2 $?
# without fonts, check still validates, and says what it could not check
"$spcomm" check --font-dir "$tmp/nofonts" cases/ua-detained-lawyer.yaml >/dev/null 2>"$tmp/err"
expect "check without fonts" 0 $?
grep -q "warning: characters not checked against the fonts: .*fonts-noto-core.*\[fonts-unreadable\]" \
    "$tmp/err" && ok "names the missing package" || bad "without fonts: $(cat "$tmp/err")"
"$spcomm" render --font-dir "$tmp/nofonts" -o "$tmp/x.pdf" cases/ua-detained-lawyer.yaml >/dev/null 2>&1
expect "render without fonts" 2 $?
[ -e "$tmp/x.pdf" ] && bad "a PDF was written without fonts" || ok "no PDF without fonts"
# An empty directory name (an unset $OUTDIR) is refused before anything is
# written: joined to a file name it would be the root, "/ua-2026-017.en.pdf".
left=""
for f in /ua-2026-017.en.pdf /ua-2026-017.en.eml /.spcomm.lock; do
	[ -e "$f" ] || left="$left $f"   # what a regression would leave in /
done
for c in render package batch; do
	"$spcomm" $c -d "" cases/ua-detained-lawyer.yaml >/dev/null 2>"$tmp/err"
	expect "$c -d \"\"" 2 $?
	grep -q "takes a directory, not an empty name" "$tmp/err" && ok "$c -d \"\" says why" ||
		bad "$c -d \"\": $(cat "$tmp/err")"
done
rm -f $left 2>/dev/null
for o in --data-dir --font-dir; do
	"$spcomm" check $o "" cases/ua-detained-lawyer.yaml >/dev/null 2>&1
	expect "check $o \"\"" 2 $?
done
# a file name that begins with '-' is taken for options: the message names
# the option letter, not the command word before it, and says how to write it
"$spcomm" check -case.yaml >/dev/null 2>"$tmp/err"; expect "check -case.yaml" 2 $?
grep -q "unknown option '-c'.*after --" "$tmp/err" && ok "names -c and says how to pass the file" ||
	bad "check -case.yaml: $(cat "$tmp/err")"
"$spcomm" render -o >/dev/null 2>"$tmp/err"; expect "render -o without its file" 2 $?
grep -q "option '-o' needs an argument" "$tmp/err" && ok "-o: needs an argument" ||
	bad "render -o: $(cat "$tmp/err")"
finish
