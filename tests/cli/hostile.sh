#!/bin/sh
# hostile.sh - inputs built to hurt: deep nesting, alias bombs, huge
# files, things that are not files.  Each is refused with a clear
# message and exit 1, fast, with nothing written.
. "$(dirname "$0")/lib.inc"

# 2 MB of "[[[[": libyaml 0.2.5 is quadratic in depth; the loader stops
# at its depth limit.  The bound here is generous (sanitizer builds); the
# measured time is printed for the record.
awk 'BEGIN { s = "["; while (length(s) < 1048576) s = s s; printf "a: %s%s\n", s, s }' >"$tmp/deep.yaml"
t0=$(now_ms)
"$spcomm" check "$tmp/deep.yaml" >/dev/null 2>"$tmp/err"; st=$?
t1=$(now_ms)
expect "2 MB deep nesting refused" 1 $st
grep -q "nesting-too-deep" "$tmp/err" && ok "says nesting is too deep" || bad "message: $(head -c 300 "$tmp/err")"
echo "measured: 2 MB deep nesting refused in $((t1 - t0)) ms"
[ $((t1 - t0)) -lt 2000 ] && ok "deep nesting refused quickly" || bad "took $((t1 - t0)) ms"

cat >"$tmp/bomb.yaml" <<'YAML'
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
YAML
t0=$(now_ms)
"$spcomm" check "$tmp/bomb.yaml" >/dev/null 2>"$tmp/err"; st=$?
t1=$(now_ms)
expect "alias bomb refused" 1 $st
grep -q "yaml-alias" "$tmp/err" && ok "says aliases are not allowed" || bad "message: $(head -c 300 "$tmp/err")"
echo "measured: alias bomb refused in $((t1 - t0)) ms"

# over the size limit (sparse, so the test costs no disk)
truncate -s 200M "$tmp/huge.yaml"
"$spcomm" check "$tmp/huge.yaml" >/dev/null 2>"$tmp/err"; st=$?
expect "200 MB file refused" 1 $st
grep -q "file-too-large" "$tmp/err" && ok "says the file is too large" || bad "message: $(cat "$tmp/err")"

mkfifo "$tmp/fifo.yaml"
"$spcomm" check "$tmp/fifo.yaml" >/dev/null 2>"$tmp/err"; st=$?
expect "FIFO refused (and no hang)" 1 $st
mkdir "$tmp/dir.yaml"
"$spcomm" check "$tmp/dir.yaml" >/dev/null 2>"$tmp/err"; st=$?
expect "a directory is searched; an empty one is a usage error" 2 $st
grep -q "no case file" "$tmp/err" && ok "says no case file was found" || bad "message: $(cat "$tmp/err")"
"$spcomm" check "$tmp/nonexistent.yaml" >/dev/null 2>"$tmp/err"; st=$?
expect "missing file" 1 $st
grep -q "No such file" "$tmp/err" && ok "says the file is missing" || bad "message: $(cat "$tmp/err")"

printf '\377\376s\000p\000' >"$tmp/utf16.yaml"
"$spcomm" check "$tmp/utf16.yaml" >/dev/null 2>"$tmp/err"; st=$?
expect "UTF-16 refused" 1 $st
: >"$tmp/empty.yaml"
"$spcomm" check "$tmp/empty.yaml" >/dev/null 2>"$tmp/err"; st=$?
expect "empty file refused" 1 $st

# An annex over LIMIT_ANNEX_BYTES (15 MB) is refused with its size, before
# it is read; sparse files, so the test costs no disk.  At the limit it passes.
mkdir -p "$tmp/annex/annexes"
cp cases/ua-detained-lawyer.yaml "$tmp/annex/case.yaml"
scan="$tmp/annex/annexes/detention-order-scan.txt"
truncate -s 31200000 "$scan"
"$spcomm" check --color=never "$tmp/annex/case.yaml" >/dev/null 2>"$tmp/err"; st=$?
expect "31.2 MB annex refused" 1 $st
grep -q 'error: attachments\[0\].file: annex "annexes/detention-order-scan.txt" is 31.2 MB; the limit is 15 MB \[annex-too-large\]' "$tmp/err" &&
	ok "says the annex is 31.2 MB, the limit 15 MB" || bad "message: $(cat "$tmp/err")"
truncate -s 15000001 "$scan"
"$spcomm" check --color=never "$tmp/annex/case.yaml" >/dev/null 2>"$tmp/err"; st=$?
expect "annex one byte over the limit refused" 1 $st
grep -q 'is 15.1 MB; the limit is 15 MB' "$tmp/err" && ok "over the limit never reads as the limit" ||
	bad "message: $(cat "$tmp/err")"
truncate -s 15000000 "$scan"
"$spcomm" check --color=never "$tmp/annex/case.yaml" >/dev/null 2>"$tmp/err"; st=$?
expect "annex at the limit accepted" 0 $st

# render of a bad case writes nothing
mkdir "$tmp/out"
"$spcomm" render -d "$tmp/out" "$tmp/bomb.yaml" >/dev/null 2>&1; st=$?
expect "render of a bad case" 1 $st
[ -z "$(ls -A "$tmp/out")" ] && ok "nothing written for a bad case" || bad "files written"

# e-mail addresses mail software would read as another one (a group
# "a:", a comment "(c)", a quoted or dotted local part, a domain with an
# outer hyphen) are refused; what people really write is accepted (sed
# reads '\\' in its replacement as one backslash)
cp -R cases/annexes "$tmp/"
for addr in 'a:b@c.org' 'a;b@c.org' 'a(c)@b.org' '.a@b.org' 'a.@b.org' 'a..b@c.org' 'a\\b@c.org' \
    '"a b"@c.org' 'a@-b.org' 'a@b-.org' 'a@b' 'a@b..org' 'a@[1.2.3.4]' 'a@b.123' 'a b@c.org'; do
	sed "s|^  email: .*|  email: '$addr'|" cases/ua-detained-lawyer.yaml >"$tmp/mail.yaml"
	"$spcomm" check "$tmp/mail.yaml" >/dev/null 2>"$tmp/err"; st=$?
	[ $st = 1 ] && grep -q 'is not an e-mail address' "$tmp/err" && ok "refused: $addr" ||
	    bad "$addr: exit $st: $(grep -m1 error "$tmp/err")"
done
for addr in "o'brien@example.org" 'a.b+tag@sub.example.co.uk' 'jos\303\251@ejemplo.es' \
    'x_y-z@xn--80ak6aa92e.com' 'n\303\274r@b\303\274ro.de'; do
	a=$(printf "$addr")
	sed "s|^  email: .*|  email: \"$a\"|" cases/ua-detained-lawyer.yaml >"$tmp/mail.yaml"
	"$spcomm" check "$tmp/mail.yaml" >/dev/null 2>"$tmp/err"; st=$?
	[ $st = 0 ] && ok "accepted: $a" || bad "$a: exit $st: $(grep -m1 error "$tmp/err")"
done

# file names that would act on a terminal or are not UTF-8: diagnostics
# show them escaped; JSON (check --format json, the batch manifest) holds
# them as text, a byte of no UTF-8 sequence as U+DC80-U+DCFF (Python's
# surrogateescape gives the name back), and --resume finds the case again
mkdir "$tmp/names" "$tmp/names-out"
cp -R tests/warn/annexes "$tmp/names/" 2>/dev/null
esc=$(printf 'a\033[31mred\342\200\256.yaml'); raw=$(printf 'caso-\351\200.yaml')
cp tests/warn/narrative-withheld.yaml "$tmp/names/$esc"
sed 's/^id: .*/id: names-2/' tests/warn/narrative-withheld.yaml >"$tmp/names/$raw"
"$spcomm" check "$tmp/names/$esc" "$tmp/names/$raw" >/dev/null 2>"$tmp/err"
if LC_ALL=C grep -q "$(printf '\033')" "$tmp/err" || grep -q "$(printf '\342\200\256')" "$tmp/err"; then
	bad "a control character of a file name reached the terminal"
else
	grep -qF 'a\x1b[31mred\u202e.yaml:' "$tmp/err" && grep -qF 'caso-\xe9\x80.yaml:' "$tmp/err" &&
	    ok "file names escaped in diagnostics" || bad "escaped names: $(head -c 300 "$tmp/err")"
fi
"$spcomm" check --format json "$tmp/names/$raw" 2>/dev/null | python3 -c '
import json, os, sys
names = {os.fsencode(json.loads(l)["file"]) for l in sys.stdin}
sys.exit(0 if names == {sys.argv[1].encode("latin-1")} else 1)' "$(printf '%s' "$tmp/names/$raw" | python3 -c 'import sys; print(sys.stdin.buffer.read().decode("latin-1"), end="")')" &&
    ok "check --format json: the name as text, given back by surrogateescape" || bad "check --format json: the name"
"$spcomm" batch -q -l en -d "$tmp/names-out" "$tmp/names" >/dev/null 2>&1
python3 -c 'import json, sys; [json.loads(l) for l in open(sys.argv[1], "rb")]' "$tmp/names-out/manifest.jsonl" &&
    ok "manifest: JSON for every name" || bad "manifest: not JSON"
"$spcomm" batch -q --resume -l en -d "$tmp/names-out" "$tmp/names" >/dev/null 2>&1
n=$(tail -n 2 "$tmp/names-out/manifest.jsonl" | grep -c '"status":"skipped"')
[ "$n" = 2 ] && ok "--resume finds both cases again" || bad "--resume: $n of 2 skipped"
finish
