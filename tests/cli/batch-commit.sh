#!/bin/sh
# batch-commit.sh - the batch's group commit (docs/architecture.md,
# "Batches"; docs/security.md, "Output files"): a manifest record is never
# written before its files are in place and their directory fsynced; what a
# run leaves when it fails, is interrupted or killed is consistent (every
# document at its final name whole, every "ok" record's files as recorded),
# and a rerun with --resume redoes exactly what is missing; documents and
# records are committed in groups (fsyncs counted with strace).
. "$(dirname "$0")/lib.inc"
export SOURCE_DATE_EPOCH=1790000000
tmp=$(cd "$tmp" && pwd -P)   # strace -y shows resolved paths

# N copies of the urgent appeal (with its annexes) under DIR, ids c-001...
make_cases() { # make_cases DIR N
	mkdir -p "$1"
	cp -r cases/annexes "$1/"
	i=1
	while [ $i -le "$2" ]; do
		n=$(printf '%03d' $i)
		sed "s/^id: .*/id: c-2026-$n/" cases/ua-detained-lawyer.yaml >"$1/c$n.yaml"
		i=$((i + 1))
	done
}
ok_inputs() { # ok_inputs MANIFEST [FROM_LINE]: inputs with status STATUS (default ok)
	tail -n +"${2:-1}" "$1" | grep "\"status\":\"${3:-ok}\"" \
		| sed 's/^{"input":"\([^"]*\)".*/\1/' | sort
}
# consistent DIR WHAT: every PDF at a final name is whole (the bytes of the
# reference run), every ok or skipped record's outputs are there with the
# size and SHA-256 it gives, every line is a whole record
consistent() {
	bad_files=""
	for f in "$1"/*.pdf; do
		[ -e "$f" ] || continue
		cmp -s "$f" "$ref/$(basename "$f")" || bad_files="$bad_files $(basename "$f")"
	done
	[ -z "$bad_files" ] && ok "$2: every document at its final name is whole" \
		|| bad "$2: documents not as rendered:$bad_files"
	grep -E '"status":"(ok|skipped)"' "$1/manifest.jsonl" \
		| sed 's/.*"outputs":\[{"path":"\([^"]*\)","size":\([0-9]*\),"sha256":"\([0-9a-f]*\)".*/\3  \1 \2/' \
		>"$tmp/recorded"
	missing=0
	while read -r sum path size; do
		[ -f "$path" ] && [ "$(wc -c <"$path")" = "$size" ] \
			&& [ "$(sha256sum <"$path" | cut -d' ' -f1)" = "$sum" ] || missing=$((missing + 1))
	done <"$tmp/recorded"
	[ $missing = 0 ] && ok "$2: the $(wc -l <"$tmp/recorded") done records' files are there as recorded" \
		|| bad "$2: $missing done records without their file"
	n=$(grep -cv '^{.*}$' "$1/manifest.jsonl")
	[ "$n" = 0 ] && ok "$2: every manifest line is whole" || bad "$2: $n broken manifest lines"
}
no_temp() {
	if ls -A "$1" | grep -q '^\.spcomm-tmp\.'; then bad "$2: temporary file left"; else ok "$2: no temporary file left"; fi
}
# resumed DIR INPUTS WHAT: --resume after an interrupted run redoes what
# has no ok record and skips the rest
resumed() {
	ok_inputs "$1/manifest.jsonl" >"$tmp/done-before"
	from=$(($(wc -l <"$1/manifest.jsonl") + 1))
	"$spcomm" batch --resume -j 2 -l en -d "$1" "$2" >/dev/null 2>"$tmp/err"
	expect "$3: --resume" 0 $?
	ok_inputs "$1/manifest.jsonl" "$from" skipped >"$tmp/skipped"
	ok_inputs "$1/manifest.jsonl" "$from" ok >"$tmp/redone"
	cmp -s "$tmp/skipped" "$tmp/done-before" && ok "$3: the $(wc -l <"$tmp/skipped") documents done before are skipped" \
		|| bad "$3: skipped $(wc -l <"$tmp/skipped"), done before $(wc -l <"$tmp/done-before")"
	sort "$tmp/done-before" "$tmp/redone" >"$tmp/all-now"
	ls "$2"/*.yaml | sort >"$tmp/all-inputs"
	cmp -s "$tmp/all-now" "$tmp/all-inputs" && ok "$3: exactly the $(wc -l <"$tmp/redone") missing ones redone" \
		|| bad "$3: redone $(wc -l <"$tmp/redone") + done $(wc -l <"$tmp/done-before") is not every input once"
	[ "$(find "$1" -maxdepth 1 -name '*.pdf' | wc -l)" = "$(wc -l <"$tmp/all-inputs")" ] \
		&& ok "$3: every document there after --resume" || bad "$3: documents missing after --resume"
	consistent "$1" "$3, resumed"
	no_temp "$1" "$3, resumed"
}
# wait_ok MANIFEST N: until the manifest holds N ok records (5 s at most)
wait_ok() {
	k=0
	while [ $k -lt 500 ] && [ "$(cat "$1" 2>/dev/null | grep -c '"status":"ok"')" -lt "$2" ]; do
		sleep 0.01
		k=$((k + 1))
	done
}

many=$tmp/many ref=$tmp/ref
make_cases "$many" 60
mkdir "$ref"
"$spcomm" batch -q -j 2 -l en -d "$ref" "$many" >/dev/null 2>&1
expect "reference run" 0 $?

# ----- records follow their files: sampled while a run goes on -----
out=$tmp/sampled
mkdir "$out"
"$spcomm" batch -q -j 2 -l en -d "$out" "$many" >/dev/null 2>&1 &
pid=$!
samples=0 early=0
# (a run that ended is a zombie until waited for: kill still finds it)
while [ "$(cut -d' ' -f3 /proc/$pid/stat 2>/dev/null)" != Z ] && kill -STOP $pid 2>/dev/null; do
	if [ -f "$out/manifest.jsonl" ]; then
		samples=$((samples + 1))
		for p in $(grep '"status":"ok"' "$out/manifest.jsonl" | sed 's/.*"outputs":\[{"path":"\([^"]*\)".*/\1/'); do
			[ -f "$p" ] || early=$((early + 1))
		done
	fi
	kill -CONT $pid
	sleep 0.02
done
wait $pid
expect "sampled run" 0 $?
[ $early = 0 ] && ok "in $samples samples, no record before its file" || bad "$early records before their file"
consistent "$out" "sampled run"

# ----- failing documents among good ones -----
out=$tmp/mixed in=$tmp/mixed-in
make_cases "$in" 12
mkdir "$out"
mkdir "$out/c-2026-003.en.pdf"                # a directory at the name
echo "not this" >"$out/c-2026-007.en.pdf"     # another file at the name
cp "$ref/c-2026-009.en.pdf" "$out/"           # the same bytes: already done
"$spcomm" batch -j 1 -l en -d "$out" "$in" >/dev/null 2>"$tmp/err"
expect "a batch with failing documents" 1 $?
[ "$(ok_inputs "$out/manifest.jsonl" 1 failed | tr '\n' ' ')" = "$in/c003.yaml $in/c007.yaml " ] \
	&& ok "the two failing documents recorded failed" || bad "failed: $(ok_inputs "$out/manifest.jsonl" 1 failed)"
[ "$(ok_inputs "$out/manifest.jsonl" | wc -l)" = 10 ] && ok "the 10 others ok" \
	|| bad "$(ok_inputs "$out/manifest.jsonl" | wc -l) ok"
[ "$(grep -c ': error: ' "$tmp/err")" = 2 ] && grep -q "^$in/c003.yaml: error: .*c-2026-003.en.pdf" "$tmp/err" \
	&& grep -q "^$in/c007.yaml: error: .*File exists" "$tmp/err" \
	&& ok "one error line for each" || bad "errors: $(cat "$tmp/err")"
grep -q "hint: use --force" "$tmp/err" && ok "the hint for the file already there" || bad "no hint"
grep -q "1 already there unchanged" "$tmp/err" && ok "the same bytes counted unchanged" \
	|| bad "summary: $(tail -n 1 "$tmp/err")"
[ "$(cat "$out/c-2026-007.en.pdf")" = "not this" ] && ok "the other file kept" || bad "the other file replaced"
rmdir "$out/c-2026-003.en.pdf"
rm "$out/c-2026-007.en.pdf"
consistent "$out" "failing documents"
no_temp "$out" "failing documents"

# ----- the output fills up in the middle of a run -----
out=$tmp/full
mkdir "$out"
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=400k tmpfs "$out" 2>/dev/null; then
	"$spcomm" batch -j 2 -l en -d "$out" "$many" >/dev/null 2>"$tmp/err"
	expect "a run on a disk that fills up" 1 $?
	grep -q "No space left on device" "$tmp/err" && ok "says the disk is full" || bad "message: $(tail -n 3 "$tmp/err")"
	n=$(ok_inputs "$out/manifest.jsonl" | wc -l)
	[ "$n" -gt 0 ] && [ "$n" -lt 60 ] && ok "$n documents done before the disk filled" || bad "$n documents done"
	consistent "$out" "full disk"
	no_temp "$out" "full disk"
	mount -o remount,size=8m "$out"
	resumed "$out" "$many" "full disk"
	umount "$out"
else
	echo "skip: cannot mount a small tmpfs here"
fi

# ----- interrupted (SIGINT) and killed (SIGKILL) in the middle -----
for sig in INT KILL; do
	out=$tmp/sig-$sig
	mkdir "$out"
	"$spcomm" batch -j 1 -l en -d "$out" "$many" >/dev/null 2>"$tmp/err" &
	pid=$!
	wait_ok "$out/manifest.jsonl" 5
	kill -$sig $pid
	wait $pid
	st=$?
	n=$(ok_inputs "$out/manifest.jsonl" | wc -l)
	[ "$n" -lt 60 ] && ok "SIG$sig: stopped after $n of 60" || bad "SIG$sig: the run ended first ($n)"
	if [ $sig = INT ]; then
		expect "SIGINT: exit" 1 $st
		grep -q "interrupted: $n of 60 cases done" "$tmp/err" && ok "SIGINT: its $n documents committed and counted" \
			|| bad "SIGINT: $(grep interrupted "$tmp/err"), $n ok records"
		no_temp "$out" "SIGINT"
	fi
	consistent "$out" "SIG$sig"
	resumed "$out" "$many" "SIG$sig"
done

# ----- --package and copies: each record's outputs, group committed -----
out=$tmp/package
mkdir "$out"
"$spcomm" batch -q -j 2 -l en,fr --copy full --copy government --package -d "$out" "$in" >/dev/null 2>"$tmp/err"
expect "--package with two copies" 0 $?
n=$(grep -c '"status":"ok"' "$out/manifest.jsonl")
n_eml=$(grep '"copy":"full"' "$out/manifest.jsonl" | grep -c '"path":"[^"]*\.eml"')
[ "$n" = 48 ] && [ "$n_eml" = 24 ] && ok "48 documents, 24 with their draft" || bad "$n documents, $n_eml drafts"
missing=0
for p in $(sed 's/"path":"/\n/g' "$out/manifest.jsonl" | grep '^/' | cut -d'"' -f1); do
	[ -f "$p" ] || missing=$((missing + 1))
done
[ $missing = 0 ] && ok "every output of every record there" || bad "$missing outputs missing"
[ "$(find "$out" -maxdepth 1 -name '*.government.pdf' | wc -l)" = 24 ] && ok "24 Government copies" \
	|| bad "$(find "$out" -maxdepth 1 -name '*.government.pdf' | wc -l) Government copies"

# ----- the order of the system calls, and the fsyncs they take -----
# LeakSanitizer stops a traced process (it cannot run under ptrace): in
# sanitizer builds the traced runs go without it
traced_env="ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
if command -v strace >/dev/null 2>&1 && strace -f -o /dev/null true 2>/dev/null; then
	out=$tmp/traced
	mkdir "$out"
	env "$traced_env" strace -f -y -s 100000 -o "$tmp/trace" -e trace=fsync,fdatasync,rename,renameat,renameat2,write \
		"$spcomm" batch -q -j 2 -l en -d "$out" "$many" >/dev/null 2>&1
	expect "a traced run" 0 $?
	# every "ok" record is written after its file's data fsync, its rename
	# and an fsync of the directory; the manifest is fsynced after each
	# write; fewer manifest writes than documents
	counted "system call order" python3 - "$tmp/trace" "$out" 60 <<'EOF'
import re, sys
trace, out = sys.argv[1], sys.argv[2]
pending, events = {}, []
for line in open(trace, errors="replace"):
    m = re.match(r"(\d+)\s+(.*)", line.rstrip("\n"))
    if not m:
        continue
    pid, rest = m.groups()
    if rest.endswith("<unfinished ...>"):
        pending[pid] = rest[: -len("<unfinished ...>")].rstrip()
        continue
    r = re.match(r"<\.\.\. \w+ resumed>(.*)", rest)
    if r:
        rest = pending.pop(pid, "") + r.group(1)
    events.append(rest)
synced_tmp, renamed, durable = set(), set(), set()
bad, writes, docs, unsynced_write = [], 0, 0, False
for e in events:
    m = re.match(r"f(?:data)?sync\(\d+<([^>]*)>\)", e)
    if m:
        path = m.group(1)
        if path == out:
            durable |= renamed
        elif path == out + "/manifest.jsonl":
            unsynced_write = False
        elif "/.spcomm-tmp." in path:
            synced_tmp.add(path.rsplit("/", 1)[1])
        continue
    m = re.match(r'renameat2?\(\d+<([^>]*)>, "([^"]*)", \d+<[^>]*>, "([^"]*)"', e)
    if m and m.group(1) == out:
        if m.group(2) not in synced_tmp:
            bad.append("renamed before its fsync: " + m.group(2))
        renamed.add(m.group(3))
        continue
    m = re.match(r'write\(\d+<([^>]*)>, "(.*)", \d+\)\s*=\s*\d+', e)
    if m and m.group(1) == out + "/manifest.jsonl":
        if unsynced_write:
            bad.append("a manifest write not fsynced before the next")
        unsynced_write = True
        writes += 1
        for rec in m.group(2).split("\\n"):
            if '\\"status\\":\\"ok\\"' not in rec:
                continue
            docs += 1
            outputs = re.search(r'\\"outputs\\":\[(.*?)\]', rec)
            for p in re.findall(r'\\"path\\":\\"([^\\"]*)\\"', outputs.group(1) if outputs else ""):
                name = p.rsplit("/", 1)[1]
                if name not in durable:
                    bad.append("recorded before its directory fsync: " + name)
print(("FAIL: " if bad else "ok: ") + "%d records in %d manifest writes, each after its file's fsync, rename "
      "and directory fsync%s" % (docs, writes, ": " + "; ".join(bad[:5]) if bad else ""))
print(("ok: " if docs == int(sys.argv[3]) else "FAIL: ") + "%d of %s documents traced" % (docs, sys.argv[3]))
print(("ok: " if 0 < writes <= docs // 2 + 2 else "FAIL: ") + "records appended in groups: %d writes for %d" % (writes, docs))
print(("FAIL: " if unsynced_write else "ok: ") + "the last manifest write fsynced")
EOF
	# fsyncs at -j1: one per document's data, then two (directory and
	# manifest) per group; one group per document made 3 per document
	out=$tmp/counted
	mkdir "$out"
	env "$traced_env" strace -f -c -o "$tmp/count" -e trace=fsync,fdatasync "$spcomm" batch -q -j 1 -l en -d "$out" "$in" >/dev/null 2>&1
	n=$(awk '$NF == "fsync" || $NF == "fdatasync" { s += $4 } END { print s + 0 }' "$tmp/count")
	[ "$n" -ge 12 ] && [ "$n" -le 25 ] && ok "$n fsyncs for 12 documents at -j1 (37 one by one)" \
		|| bad "$n fsyncs for 12 documents at -j1"
else
	echo "skip: no strace"
fi

finish
