#!/bin/sh
# conventions.sh - the conventions scripts expect of a command-line tool
# (spcomm(1)): '-' reads standard input, -o - writes the PDF to standard
# output, --format json writes JSON Lines to standard output, a closing
# count after several files, global options before or after the command,
# check DIR, no escape sequences for TERM=dumb, batch -q, and a batch
# rerun that leaves a run line in the manifest and counts what it found
# unchanged.
. "$(dirname "$0")/lib.inc"
spcomm=$(cd "$(dirname "$spcomm")" && pwd)/$(basename "$spcomm")
export SOURCE_DATE_EPOCH=1767225600

# ----- '-' is standard input: the same diagnostics as the file, named
# <stdin>, annexes from the current directory (run beside the case) -----
for f in cases/*.yaml tests/bad/*.yaml tests/warn/*.yaml; do
	d=$(dirname "$f") b=$(basename "$f")
	(cd "$d" && "$spcomm" check --color=never "$b" >/dev/null 2>"$tmp/file.err"); s1=$?
	(cd "$d" && "$spcomm" check --color=never - <"$b" >/dev/null 2>"$tmp/stdin.err"); s2=$?
	sed "s#^$b:#F:#" "$tmp/file.err" >"$tmp/a"
	sed "s#^<stdin>:#F:#" "$tmp/stdin.err" >"$tmp/b"
	if [ "$s1" = "$s2" ] && cmp -s "$tmp/a" "$tmp/b"; then n_same=$((${n_same:-0} + 1))
	else bad "check - <$f differs from check $f: $(diff "$tmp/a" "$tmp/b" | head -n 3)"; fi
done
ok "check - gives the diagnostics of check FILE for ${n_same:-0} cases"
printf 'form: [\n' | "$spcomm" check - >/dev/null 2>"$tmp/err"
expect "a broken case on standard input" 1 $?
grep -q '^<stdin>:' "$tmp/err" && ok "standard input is named <stdin>" || bad "name: $(head -n 1 "$tmp/err")"
"$spcomm" check - - </dev/null >/dev/null 2>"$tmp/err"
expect "'-' twice" 2 $?
"$spcomm" batch -d "$tmp" - </dev/null >/dev/null 2>"$tmp/err"
expect "batch -" 2 $?

# ----- -o - : the PDF on standard output, the bytes of the file render ----
for f in cases/*.yaml; do
	b=$(basename "$f" .yaml)
	"$spcomm" render -o "$tmp/$b.pdf" "$f" >/dev/null 2>&1 || { bad "render $f"; continue; }
	"$spcomm" render -o - "$f" >"$tmp/$b.stdout.pdf" 2>"$tmp/err"
	st=$?
	if [ $st = 0 ] && cmp -s "$tmp/$b.pdf" "$tmp/$b.stdout.pdf"; then ok "render -o - $b: the same bytes"
	else bad "render -o - $b: exit $st, $(cmp "$tmp/$b.pdf" "$tmp/$b.stdout.pdf" 2>&1)"; fi
	[ -e ./- ] && bad "a file named '-' was written"
	(cd "$(dirname "$f")" && "$spcomm" render -o - - <"$b.yaml" >"$tmp/$b.both.pdf" 2>/dev/null)
	cmp -s "$tmp/$b.pdf" "$tmp/$b.both.pdf" && ok "render -o - - $b: the same bytes" \
		|| bad "render -o - - <$b.yaml differs"
done
"$spcomm" render --format json -o - cases/ua-detained-lawyer.yaml >/dev/null 2>&1
expect "-o - with --format json" 2 $?

# ----- --format json: JSON Lines on standard output, one object per
# diagnostic (as many as the text has), nothing of them on standard error
"$spcomm" check --color=never tests/bad tests/warn >/dev/null 2>"$tmp/text"
"$spcomm" check --format json tests/bad tests/warn >"$tmp/json" 2>"$tmp/json.err"
python3 - "$tmp/json" "$tmp/text" >"$tmp/py" 2>&1 <<'EOF'
import json, re, sys
keys = {"file", "line", "column", "severity", "path", "code", "message"}
n = {"error": 0, "warning": 0}
for i, line in enumerate(open(sys.argv[1], encoding="utf-8"), 1):
    d = json.loads(line)
    if not keys <= d.keys() or set(d) - keys - {"hint"}:
        sys.exit("line %d: members %s" % (i, sorted(d)))
    if d["severity"] not in n or not isinstance(d["line"], (int, type(None))):
        sys.exit("line %d: %r" % (i, d))
    n[d["severity"]] += 1
t = {s: len(re.findall(r"^[^ ].*?: %s: " % s, open(sys.argv[2], encoding="utf-8", errors="replace").read(), re.M))
     for s in n}
if n != t:
    sys.exit("json %r, text %r" % (n, t))
print("%d errors, %d warnings" % (n["error"], n["warning"]))
EOF
[ $? = 0 ] && ok "every JSON line parses, the schema's members, as many as the text: $(cat "$tmp/py")" \
	|| bad "json: $(cat "$tmp/py")"
grep -q ': error: \|: warning: ' "$tmp/json.err" && bad "diagnostics on standard error with --format json" \
	|| ok "no diagnostic on standard error with --format json"

# ----- the closing count: the diagnostics of every file, on standard error;
# none after one file, none when there is no diagnostic -----
errs=$(grep -c '"severity":"error"' "$tmp/json") warns=$(grep -c '"severity":"warning"' "$tmp/json")
files=$(find tests/bad tests/warn -name '*.yaml' | wc -l)
want="spcomm: $errs errors, $warns warnings in $files files"
[ "$(tail -n 1 "$tmp/json.err")" = "$want" ] && ok "closing count: $want" \
	|| bad "closing count: '$(tail -n 1 "$tmp/json.err")', want '$want'"
[ "$(tail -n 1 "$tmp/text")" = "$want" ] && ok "the same count after text" || bad "text count: $(tail -n 1 "$tmp/text")"
w=$(ls tests/warn/*.yaml | head -n 1)
"$spcomm" check "$w" 2>&1 | grep -q '^spcomm: .* in 1 file' && bad "a count after one file" \
	|| ok "no count after one file"
mkdir "$tmp/clean" && cp -r cases/ua-detained-lawyer.yaml cases/wgad-tran-thi-lan.yaml cases/annexes "$tmp/clean/"
"$spcomm" check "$tmp/clean" >"$tmp/out" 2>&1
expect "check of a clean directory" 0 $?
[ -s "$tmp/out" ] && bad "clean files print: $(cat "$tmp/out")" || ok "nothing printed when clean"

# ----- check DIR: recursive *.yaml, as batch takes them -----
mkdir -p "$tmp/tree/a/b" "$tmp/tree/.hidden"
cp tests/bad/impossible-date.yaml "$tmp/tree/a/b/"
cp cases/ua-detained-lawyer.yaml "$tmp/tree/"
cp tests/bad/impossible-date.yaml "$tmp/tree/.hidden/"
echo 'not: a case' >"$tmp/tree/a/notes.txt"
"$spcomm" check "$tmp/tree" >/dev/null 2>"$tmp/err"
expect "check DIR with a bad case below" 1 $?
grep -q "tree/a/b/impossible-date.yaml:.*invalid-date" "$tmp/err" && ok "a case two levels down is checked" \
	|| bad "nested case: $(cat "$tmp/err")"
grep -q "notes.txt\|\.hidden" "$tmp/err" && bad "a non-YAML or hidden file was taken" || ok "only *.yaml, not hidden"
mkdir "$tmp/empty"
"$spcomm" check "$tmp/empty" >/dev/null 2>"$tmp/err"
expect "check of a directory without a case" 2 $?

# ----- global options before or after the command -----
for cmd in "i18n check" "forms" "check cases/ua-detained-lawyer.yaml" "new wgad"; do
	"$spcomm" $cmd >"$tmp/plain" 2>&1; s0=$?
	"$spcomm" --data-dir . --color=never $cmd >"$tmp/before" 2>&1; s1=$?
	"$spcomm" $cmd --data-dir . --color never >"$tmp/after" 2>&1; s2=$?
	[ $s0 = $s1 ] && [ $s0 = $s2 ] && cmp -s "$tmp/plain" "$tmp/before" && cmp -s "$tmp/plain" "$tmp/after" \
		&& ok "global options before or after '$cmd'" || bad "global options and '$cmd': exit $s0 $s1 $s2"
done
"$spcomm" --data-dir "$tmp/empty" forms >/dev/null 2>"$tmp/err"
expect "--data-dir before the command is used" 2 $?
"$spcomm" --lang en check cases/ua-detained-lawyer.yaml >/dev/null 2>"$tmp/err"
expect "a command's option before the command" 2 $?
grep -q "goes after the command" "$tmp/err" && ok "says where it goes" || bad "message: $(cat "$tmp/err")"
"$spcomm" --data-dir >/dev/null 2>&1
expect "--data-dir without its value" 2 $?
"$spcomm" --color=never --help | grep -q '^Usage: spcomm' && ok "--help after a global option" || bad "--help"
"$spcomm" --data-dir . check --help | grep -q '^Usage: spcomm check' && ok "the command's --help" || bad "check --help"

# ----- TERM=dumb: no escape sequence on a terminal; TERM=xterm: colour ----
tty_run() { # tty_run TERM ARGS...: standard error on a pseudo-terminal
	python3 - "$@" <<'EOF'
import os, pty, sys
term, args = sys.argv[1], sys.argv[2:]
env = dict(os.environ, TERM=term)
env.pop("NO_COLOR", None)
pid, fd = pty.fork()
if pid == 0:
    os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
    os.execve(args[0], args, env)
out = b""
while True:
    try:
        b = os.read(fd, 4096)
    except OSError:
        break
    if not b:
        break
    out += b
os.waitpid(pid, 0)
sys.stdout.write("escape" if b"\x1b" in out else "plain")
EOF
}
[ "$(tty_run xterm "$spcomm" check tests/bad/impossible-date.yaml)" = escape ] \
	&& ok "colour on a terminal" || bad "no colour on an xterm"
[ "$(tty_run dumb "$spcomm" check tests/bad/impossible-date.yaml)" = plain ] \
	&& ok "no escape sequence for TERM=dumb" || bad "escape sequences for TERM=dumb"
[ "$(tty_run dumb "$spcomm" check --color=always tests/bad/impossible-date.yaml)" = escape ] \
	&& ok "--color=always wins over TERM=dumb" || bad "--color=always under TERM=dumb"
mkdir "$tmp/bq" "$tmp/bd"
[ "$(tty_run dumb "$spcomm" batch -j 1 -d "$tmp/bd" cases/ua-detained-lawyer.yaml)" = plain ] \
	&& ok "batch: no progress line for TERM=dumb" || bad "batch progress under TERM=dumb"
[ "$(tty_run xterm "$spcomm" batch -q -j 1 -d "$tmp/bq" cases/ua-detained-lawyer.yaml)" = plain ] \
	&& ok "batch -q: no progress line on a terminal" || bad "batch -q shows progress"

# ----- a batch rerun: a run line each time; unchanged documents counted so
out=$tmp/rerun
mkdir "$out"
"$spcomm" batch -j 2 -l en,fr -d "$out" cases >/dev/null 2>"$tmp/err1"
expect "first batch" 0 $?
n_docs=$(grep -c '"status":"ok"' "$out/manifest.jsonl")
"$spcomm" batch -j 2 -l en,fr -d "$out" cases >/dev/null 2>"$tmp/err2"
expect "the same batch again, without --resume" 0 $?
SOURCE_DATE_EPOCH=1767225600 "$spcomm" batch -q -j 2 -l en,fr -d "$out" cases --resume >/dev/null 2>"$tmp/err3"
expect "then with --resume" 0 $?
runs=$(grep -c '^{"run":' "$out/manifest.jsonl")
[ "$runs" = 3 ] && ok "three runs, three run lines" || bad "$runs run lines, want 3"
python3 - "$out/manifest.jsonl" >"$tmp/py" 2>&1 <<'EOF'
import json, sys
runs = [json.loads(l)["run"] for l in open(sys.argv[1]) if l.startswith('{"run":')]
assert all(r["start"] == "2026-01-01T00:00:00Z" and r["version"] for r in runs), runs
o = [r["options"] for r in runs]
assert o[0]["langs"] == ["en", "fr"] and o[0]["resume"] is False and o[2]["resume"] is True, o
assert o[0]["shard"] is None and o[0]["jobs"] == 2 and o[0]["copies"] == [], o
print("start, version, options as given")
EOF
[ $? = 0 ] && ok "run lines: $(cat "$tmp/py")" || bad "run lines: $(cat "$tmp/py")"
want="0 documents written, $n_docs already there unchanged"
# not on a terminal too, a run without -q ends with the summary (a script's
# log keeps it); -q prints it only when something failed
grep -q "$want" "$tmp/err2" && ok "a good run without -q ends with its summary" \
	|| bad "no summary without -q: $(tail -n 1 "$tmp/err2")"
cp tests/bad/impossible-date.yaml "$tmp/bad.yaml"
"$spcomm" batch -j 2 -l en,fr -d "$out" cases "$tmp/bad.yaml" >/dev/null 2>"$tmp/err5"
grep -q "$want" "$tmp/err5" && ok "a rerun counts its $n_docs documents unchanged, not written" \
	|| bad "summary: $(tail -n 1 "$tmp/err5"), want '$want'"
grep -q "cases\?:.*documents\? written" "$tmp/err3" && bad "-q printed a summary" \
	|| ok "-q: no summary when all went well (only the cases' warnings)"
[ "$(grep -c '"status":"skipped"' "$out/manifest.jsonl")" = "$n_docs" ] \
	&& ok "--resume after the run lines skips the $n_docs documents" || bad "--resume did not skip"
finish
