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
finish
