#!/bin/sh
# batch.sh - `spcomm batch`: every case gets a manifest record with the
# right status, valid ones are written with the hash the manifest gives,
# nothing is written for invalid or clashing ones, no temporary file is
# ever left; --resume skips what is done and redoes what changed; an
# interrupted run leaves a whole manifest and --resume completes it;
# shards cover every input once; a second run on a locked directory is
# refused; the PDFs do not depend on -j.
. "$(dirname "$0")/lib.inc"
export SOURCE_DATE_EPOCH=1790000000

# copy_case SRC DEST NEWID: a copy of a case file with another id
copy_case() { sed "s/^id: .*/id: $3/" "$1" >"$2"; }
# records FILE: the manifest lines of one input
records() { grep -F "\"input\":\"$1\"" "$out/manifest.jsonl"; }
last_status() { records "$1" | tail -n 1 | sed 's/.*"status":"\([a-z]*\)".*/\1/'; }
no_temp() { # no_temp DIR WHAT
	if ls -A "$1" | grep -q 'spcomm-tmp\|\.tmp\.'; then bad "$2: temporary file left"; else ok "$2: no temporary file left"; fi
}
# every line of a manifest is a whole JSON object
whole_lines() {
	n=$(grep -cv '^{.*}$' "$1")
	[ "$n" = 0 ] && ok "$2: every manifest line is a whole object" || bad "$2: $n broken lines"
}
# valid_jsonl FILE WHAT: JSON Lines: whole lines, the last one ended, and
# (where jq is installed) as many objects as lines
valid_jsonl() {
	[ -z "$(tail -c 1 "$1")" ] && ok "$2: the manifest ends with a newline" || bad "$2: the last line has no newline"
	whole_lines "$1" "$2"
	if command -v jq >/dev/null 2>&1; then
		n=$(jq -c type <"$1" 2>/dev/null | grep -c '^"object"$')
		[ "$n" = "$(wc -l <"$1")" ] && ok "$2: jq reads $n objects, one per line" \
			|| bad "$2: jq reads $n objects in $(wc -l <"$1") lines"
	fi
}
n_pdfs() { find "$1" -maxdepth 1 -type f -name '[!.]*.pdf' | wc -l; }

# ----- a batch with valid, invalid, clashing and unwritable cases -----
in=$tmp/in out=$tmp/out
mkdir -p "$in/sub" "$out"
cp -r cases/annexes "$in/"
cp -r cases/annexes "$in/sub/"
valid=""
for f in cases/*.yaml; do
	b=$(basename "$f" .yaml)
	id=$(sed -n 's/^id: *//p' "$f")
	copy_case "$f" "$in/$b.yaml" "$id-b1"
	copy_case "$f" "$in/sub/$b.yaml" "$id-b2"
	valid="$valid $in/$b.yaml $in/sub/$b.yaml"
done
invalid=""
for b in bad-country impossible-date tab-indent invalid-utf8 bad-id; do
	cp "tests/bad/$b.yaml" "$in/zz-$b.yaml"
	invalid="$invalid $in/zz-$b.yaml"
done
copy_case cases/ua-detained-lawyer.yaml "$in/dup-a.yaml" dup-2026-001
copy_case cases/ua-detained-lawyer.yaml "$in/dup-b.yaml" dup-2026-001
copy_case cases/ua-detained-lawyer.yaml "$in/blocked.yaml" blocked-2026-001
mkdir "$out/blocked-2026-001.en.pdf"
echo "not a case" >"$in/notes.txt"

"$spcomm" batch -j 2 -l en -d "$out" "$in" >"$tmp/stdout" 2>"$tmp/err"
expect "batch with invalid and failing cases" 1 $?
[ -s "$tmp/stdout" ] && bad "batch wrote to standard output" || ok "nothing on standard output"
all=1
for f in $valid; do
	[ "$(last_status "$f")" = ok ] || { all=0; bad "$f: status $(last_status "$f"), want ok"; }
done
[ $all = 1 ] && ok "valid cases have status ok"
all=1
for f in $invalid; do
	[ "$(last_status "$f")" = invalid ] || { all=0; bad "$f: status $(last_status "$f"), want invalid"; }
	records "$f" | grep -q '"severity":"error"' || { all=0; bad "$f: no error diagnostic in its record"; }
done
[ $all = 1 ] && ok "invalid cases have status invalid, with their diagnostics"
for f in "$in/dup-a.yaml" "$in/dup-b.yaml"; do
	[ "$(last_status "$f")" = failed ] && ok "$(basename "$f"): same id, status failed" \
		|| bad "$(basename "$f"): status $(last_status "$f"), want failed"
done
records "$in/dup-a.yaml" | grep -qF "dup-b.yaml" && ok "the clash names the other file" \
	|| bad "dup-a record does not name dup-b.yaml"
ls "$out" | grep -q '^dup-2026-001' && bad "a clashing case was written" || ok "neither clashing case written"
[ "$(last_status "$in/blocked.yaml")" = failed ] && ok "unwritable output: status failed" \
	|| bad "blocked: status $(last_status "$in/blocked.yaml")"
grep -q "blocked-2026-001.en.pdf" "$tmp/err" && ok "the failure is on standard error" || bad "no message for blocked"
grep -qF "notes.txt" "$out/manifest.jsonl" && bad "a non-YAML file was taken" || ok "only *.yaml files are taken"
n_inputs=$(find "$in" -name '*.yaml' | wc -l)
n_seen=$(sed -n 's/^{"input":"\([^"]*\)".*/\1/p' "$out/manifest.jsonl" | sort -u | wc -l)
[ "$n_inputs" = "$n_seen" ] && ok "every case has a record ($n_seen)" || bad "$n_seen inputs in the manifest, want $n_inputs"
grep -q 'duplicate-victim' "$tmp/err" && grep -q '"code":"duplicate-victim"' "$out/manifest.jsonl" \
	&& ok "the same victim in two files is warned about" || bad "no duplicate-victim warning"

# hashes in the manifest are the files' hashes; no other PDF exists
grep '"status":"ok"' "$out/manifest.jsonl" \
	| sed 's/.*"outputs":\[{"path":"\([^"]*\)","size":[0-9]*,"sha256":"\([0-9a-f]*\)".*/\2  \1/' >"$tmp/sums"
n_ok=$(wc -l <"$tmp/sums")
sha256sum -c --quiet "$tmp/sums" >/dev/null 2>&1 && ok "SHA-256 of the $n_ok documents match the manifest" \
	|| bad "hashes differ: $(sha256sum -c "$tmp/sums" 2>&1 | grep -v OK | head -n 3)"
n_pdf=$(find "$out" -maxdepth 1 -type f -name '*.pdf' | wc -l)
[ "$n_pdf" = "$n_ok" ] && ok "one PDF per ok record, nothing else" || bad "$n_pdf PDFs for $n_ok ok records"
no_temp "$out" "first batch"
whole_lines "$out/manifest.jsonl" "first batch"

# the same document as `spcomm render`
"$spcomm" render -l en -d "$tmp" "$in/ua-detained-lawyer.yaml" >/dev/null 2>&1
cmp -s "$tmp/ua-2026-017-b1.en.pdf" "$out/ua-2026-017-b1.en.pdf" \
	&& ok "batch and render give the same bytes" || bad "batch and render differ"

# ----- --resume: done ones skipped, a changed one redone -----
sed 's/type 1 diabetes/type 2 diabetes/' "$in/ua-detained-lawyer.yaml" >"$tmp/changed"
cp "$tmp/changed" "$in/ua-detained-lawyer.yaml"
"$spcomm" batch --resume -l en -d "$out" "$in" >/dev/null 2>"$tmp/err"
expect "resume (invalid cases are still invalid)" 1 $?
all=1
for f in $valid; do
	want=skipped
	[ "$f" = "$in/ua-detained-lawyer.yaml" ] && want=ok
	[ "$(last_status "$f")" = $want ] || { all=0; bad "$f: status $(last_status "$f") after --resume, want $want"; }
done
[ $all = 1 ] && ok "--resume: unchanged cases skipped, the changed one redone"
path=$out/ua-2026-017-b1.en.pdf
sum=$(records "$in/ua-detained-lawyer.yaml" | tail -n 1 | sed 's/.*"sha256":"\([0-9a-f]*\)".*/\1/')
[ "$sum" = "$(sha256sum "$path" | cut -d' ' -f1)" ] && ok "the redone document is the one on disk" \
	|| bad "hash of the redone document differs"
no_temp "$out" "resume"

# ----- --resume with the paths spelled otherwise, and a restricted
# run's record under a pseudonym: the changed case is still redone -----
rs=$tmp/rs; mkdir -p "$rs/in" "$rs/out" "$rs/po"
cp -R cases/annexes "$rs/in/"
sed 's/^id: .*/id: rs-1/' cases/ua-detained-lawyer.yaml >"$rs/in/a.yaml"
sed 's/^id: .*/id: rs-2/' cases/al-journalists-raid.yaml >"$rs/in/b.yaml"
(cd "$rs" && "$spcomm" --data-dir "$src" batch -q -l en -d out in >/dev/null 2>&1)
n=2
for spelling in "./out in" "out/ in" "out ./in" "./out/ ./in/"; do
	n=$((n + 1))
	sed -i "s/type [0-9]* diabetes/type $n diabetes/" "$rs/in/a.yaml"
	# shellcheck disable=SC2086
	(cd "$rs" && "$spcomm" --data-dir "$src" batch -q --resume -l en -d $spelling >/dev/null 2>"$tmp/err")
	st=$?
	last=$(tail -n 2 "$rs/out/manifest.jsonl" | sed -n 's/.*"input":"\([^"]*\)".*"status":"\([a-z]*\)".*/\1 \2/p' | sort | tr '\n' ' ')
	case "$st $last" in
	"0 "*"a.yaml ok "*"b.yaml skipped "*) ok "--resume -d $spelling: the changed case redone, the other skipped" ;;
	*) bad "--resume -d $spelling: exit $st, $last: $(head -2 "$tmp/err")" ;;
	esac
done
sed 's/^id: .*/id: q-1/' cases/ua-detained-lawyer.yaml >"$rs/in/aida-sadykova.yaml"
(cd "$rs" && "$spcomm" --data-dir "$src" batch -q -l en --copy public -d po in/aida-sadykova.yaml >/dev/null 2>&1)
grep -q '"input":"withheld-' "$rs/po/manifest.jsonl" && ok "restricted run: recorded under a pseudonym" ||
    bad "restricted run: $(head -c 200 "$rs/po/manifest.jsonl")"
sed -i 's/type 1 diabetes/type 2 diabetes/' "$rs/in/aida-sadykova.yaml"
(cd "$rs" && "$spcomm" --data-dir "$src" batch -q --resume -l en --copy public -d po in/aida-sadykova.yaml \
    >/dev/null 2>"$tmp/err")
expect "--resume of an edited case recorded under a pseudonym" 0 $?
tail -n 1 "$rs/po/manifest.jsonl" | grep -q '"status":"ok"' && ok "pseudonym: redone" ||
    bad "pseudonym: $(tail -n 1 "$rs/po/manifest.jsonl" | head -c 300)"

# ----- an interrupted run, then --resume -----
many=$tmp/many out=$tmp/out-many
mkdir -p "$many" "$out"
cp -r cases/annexes "$many/"
i=0
while [ $i -lt 20 ]; do
	i=$((i + 1))
	copy_case cases/ua-detained-lawyer.yaml "$many/ua-$i.yaml" "ua-2026-m$i"
	copy_case cases/al-journalists-raid.yaml "$many/al-$i.yaml" "al-2026-m$i"
done
# started with core dumps allowed as far as the hard limit lets the shell,
# so that the check below sees spcomm's own setting
hard_core=$(ulimit -H -c)
(ulimit -S -c "$hard_core" 2>/dev/null; exec "$spcomm" batch -j 1 -l en -d "$out" "$many") \
    >/dev/null 2>"$tmp/err" &
pid=$!
k=0
while [ $k -lt 400 ] && ! grep -q '"status":"ok"' "$out/manifest.jsonl" 2>/dev/null; do
	sleep 0.05
	k=$((k + 1))
done
# No core dump may hold case data (docs/security.md): the running process's
# own limit, whatever the shell's
if [ -r /proc/$pid/limits ]; then
	core=$(awk '/^Max core file size/ { print $5 }' /proc/$pid/limits)
	[ "$core" = 0 ] && ok "core dumps off in the running process (hard limit $hard_core)" ||
	    bad "core file size limit is '$core' in the running process"
fi
kill -INT $pid 2>/dev/null
wait $pid
expect "interrupted batch" 1 $?
n_done=$(grep -c '"status":"ok"' "$out/manifest.jsonl")
[ "$n_done" -lt 40 ] && ok "stopped early ($n_done of 40 documents)" || echo "note: the batch ended before the signal"
grep -q "interrupted" "$tmp/err" && ok "says it was interrupted" || bad "no word of the interruption"
no_temp "$out" "interrupted run"
whole_lines "$out/manifest.jsonl" "interrupted run"
"$spcomm" batch --resume -l en -d "$out" "$many" >/dev/null 2>"$tmp/err"
expect "--resume completes the interrupted run" 0 $?
n_pdf=$(find "$out" -maxdepth 1 -name '*.pdf' | wc -l)
[ "$n_pdf" = 40 ] && ok "40 documents after resume" || bad "$n_pdf documents after resume"
n_skip=$(grep -c '"status":"skipped"' "$out/manifest.jsonl")
[ "$n_skip" = "$n_done" ] && ok "the $n_done documents done before were skipped" \
	|| bad "$n_skip skipped, want $n_done"
whole_lines "$out/manifest.jsonl" "resumed run"

# What a document depends on besides its case file: an annex changed redoes
# the cases that list it (its SHA-256 is printed), a catalog changed redoes
# every case; nothing else.
new_records() { tail -n +$(($1 + 1)) "$out/manifest.jsonl"; }
before=$(wc -l <"$out/manifest.jsonl")
echo "corrected copy" >>"$many/annexes/medical-certificate-reporter.txt"
"$spcomm" batch --resume -l en -d "$out" "$many" >/dev/null 2>"$tmp/err"
expect "--resume after an annex changed" 0 $?
n_redone=$(new_records "$before" | grep '"status":"ok"' | grep -c '"input":"[^"]*/al-')
n_kept=$(new_records "$before" | grep '"status":"skipped"' | grep -c '"input":"[^"]*/ua-')
[ "$n_redone" = 20 ] && [ "$n_kept" = 20 ] && ok "an annex changed: its 20 cases redone, the 20 others skipped" \
	|| bad "annex changed: $n_redone al cases redone, $n_kept ua cases skipped (want 20, 20)"
data=$tmp/data
mkdir -p "$data" && cp -R forms locale "$data/"
sed 's/^doc.page: .*/doc.page: "Page {0} \/ {1}"/' locale/en.yaml >"$data/locale/en.yaml"
before=$(wc -l <"$out/manifest.jsonl")
"$spcomm" batch --resume --data-dir "$data" -l en -d "$out" "$many" >/dev/null 2>"$tmp/err"
expect "--resume after a catalog changed" 0 $?
n_redone=$(new_records "$before" | grep -c '"status":"ok"')
[ "$n_redone" = 40 ] && ok "a catalog changed: every document redone" || bad "$n_redone of 40 redone"
pdftotext "$out/ua-2026-m1.en.pdf" - 2>/dev/null | grep -q "Page 1 / " &&
    ok "with the new wording" || bad "the redone PDF lacks the new wording"

# ----- shards -----
find "$many" -name '*.yaml' | sort >"$tmp/all"
: >"$tmp/sharded"
for s in 1 2 3; do
	mkdir "$tmp/shard$s"
	"$spcomm" batch --shard $s/3 -l en -d "$tmp/shard$s" "$many" >/dev/null 2>&1
	expect "shard $s/3" 0 $?
	sed -n 's/^{"input":"\([^"]*\)".*/\1/p' "$tmp/shard$s/manifest.jsonl" >>"$tmp/sharded"
done
sort "$tmp/sharded" >"$tmp/sharded.sorted"
cmp -s "$tmp/all" "$tmp/sharded.sorted" && ok "shards 1/3, 2/3, 3/3 take every input exactly once" \
	|| bad "shards: $(diff "$tmp/all" "$tmp/sharded.sorted" | head -n 4)"

# ----- -j 1 and -j 2 give the same bytes -----
mkdir "$tmp/j1" "$tmp/j2"
"$spcomm" batch -j 1 -l en -d "$tmp/j1" "$many" >/dev/null 2>&1
"$spcomm" batch -j 2 -l en -d "$tmp/j2" "$many" >/dev/null 2>&1
same=1
for f in "$tmp"/j1/*.pdf; do
	cmp -s "$f" "$tmp/j2/$(basename "$f")" || same=0
done
[ "$same" = 1 ] && [ "$(ls "$tmp/j2" | grep -c pdf)" = 40 ] && ok "-j 1 and -j 2 give byte-identical PDFs" \
	|| bad "-j 1 and -j 2 differ"

# ----- streams a batch deflates once (pdf_fixups.h, struct pdf_deflater):
# copies of one case and other cases after them, in three languages, each
# document the bytes `spcomm render` writes for it alone -----
mkdir "$tmp/rep" "$tmp/rep-out" "$tmp/rep-one"
cp -R cases/annexes "$tmp/rep/"
for i in 1 2 3; do
	copy_case cases/ua-detained-lawyer.yaml "$tmp/rep/a$i.yaml" "rep-$i"
done
cp cases/wgeid-chen-guangzhou.yaml "$tmp/rep/b.yaml"
"$spcomm" batch -j 1 -l en,ar,zh -d "$tmp/rep-out" "$tmp/rep" >/dev/null 2>&1
n_rep=0 same=1
for f in "$tmp"/rep/*.yaml; do
	"$spcomm" render -l en,ar,zh -d "$tmp/rep-one" "$f" >/dev/null 2>&1
done
for f in "$tmp"/rep-one/*.pdf; do
	n_rep=$((n_rep + 1))
	cmp -s "$f" "$tmp/rep-out/$(basename "$f")" || { same=0; echo "differs: $(basename "$f")"; }
done
[ "$same" = 1 ] && [ "$n_rep" = 12 ] && ok "a batch's documents are the ones render writes alone ($n_rep)" \
	|| bad "a batch's documents differ from render's ($n_rep compared)"

# ----- a batch never writes through a link, nor into a FIFO -----
out=$tmp/out-special
mkdir "$out" "$tmp/special"
cp -r cases/annexes "$tmp/special/"
echo secret >"$tmp/secret"
copy_case cases/ua-detained-lawyer.yaml "$tmp/special/linked.yaml" linked-2026-001
copy_case cases/ua-detained-lawyer.yaml "$tmp/special/fifo.yaml" fifo-2026-001
ln -s "$tmp/secret" "$out/linked-2026-001.en.pdf"
mkfifo "$out/fifo-2026-001.en.pdf"
# nobody reads the FIFO: a batch that opened it would hang until timeout
timeout 120 "$spcomm" batch --force -l en -d "$out" "$tmp/special" >/dev/null 2>"$tmp/err"
expect "batch --force with a link and a FIFO at the names" 1 $?
[ -L "$out/linked-2026-001.en.pdf" ] && [ "$(cat "$tmp/secret")" = secret ] \
	&& ok "batch --force: the link kept, its target untouched" || bad "batch replaced or followed the link"
[ -p "$out/fifo-2026-001.en.pdf" ] && ok "batch: the FIFO kept" || bad "batch replaced the FIFO"
grep -q "symbolic link" "$tmp/err" && grep -q "a FIFO" "$tmp/err" && ok "both refusals explained" \
	|| bad "message: $(cat "$tmp/err")"

# ----- a run killed with SIGKILL: the next run removes its temporaries -----
out=$tmp/out-killed
mkdir "$out"
"$spcomm" batch -j 2 -l en -d "$out" "$many" >/dev/null 2>&1 &
pid=$!
# stop the run again and again until it is caught with a temporary open
# (or enough of it is done), then kill it
caught=0 k=0
while [ $k -lt 1000 ] && kill -STOP $pid 2>/dev/null; do
	if ls -A "$out" | grep -q '^\.spcomm-tmp\.'; then caught=1; break; fi
	[ "$(cat "$out/manifest.jsonl" 2>/dev/null | grep -c "\"status\":\"ok\"")" -ge 30 ] && break
	kill -CONT $pid
	sleep 0.01
	k=$((k + 1))
done
kill -KILL $pid 2>/dev/null
wait $pid 2>/dev/null
n_left=$(ls -A "$out" | grep -c '^\.spcomm-tmp\.')
[ $caught = 1 ] && [ "$n_left" -ge 1 ] && ok "the killed run left $n_left temporary file(s)" \
	|| echo "note: the run was not caught with a temporary open ($n_left left)"
# what such a run leaves, for certain: a temporary with case data; and
# what the next run must leave alone: names that are not quite ours, a
# link named as a temporary, a temporary another process still writes
echo "case data" >"$out/.spcomm-tmp.999999.0.ua-2026-m1.en.pdf"
for f in .spcomm-tmp.x.0.a .spcomm-tmp.1.b .ua-2026-m1.en.pdf.tmp.999999.0 notes.spcomm-tmp.1.2; do
	echo keep >"$out/$f"
done
ln -s "$tmp/secret" "$out/.spcomm-tmp.1.1.link"
echo alive >"$out/.spcomm-tmp.1.2.alive"
# the lock is the open file's: held through descriptor 9 of this shell
exec 9<"$out/.spcomm-tmp.1.2.alive"
flock -n 9 || bad "cannot lock the live temporary"
"$spcomm" batch --resume -j 2 -l en -d "$out" "$many" >/dev/null 2>"$tmp/err"
expect "--resume after SIGKILL" 0 $?
grep -q "removed [0-9]* temporary file" "$tmp/err" && ok "says so: $(grep "temporary file" "$tmp/err")" \
	|| bad "no word of the temporaries: $(cat "$tmp/err")"
left=$(ls -A "$out" | grep '^\.spcomm-tmp\.' | grep -v '^\.spcomm-tmp\.\(x\.0\.a\|1\.b\|1\.1\.link\|1\.2\.alive\)$')
[ -z "$left" ] && ok "no temporary left after --resume" || bad "left: $left"
kept=0
for f in .spcomm-tmp.x.0.a .spcomm-tmp.1.b .ua-2026-m1.en.pdf.tmp.999999.0 notes.spcomm-tmp.1.2 .spcomm-tmp.1.2.alive; do
	[ -f "$out/$f" ] && kept=$((kept + 1))
done
[ $kept = 5 ] && [ -L "$out/.spcomm-tmp.1.1.link" ] && [ "$(cat "$tmp/secret")" = secret ] \
	&& ok "other names, a link and a live temporary left alone" || bad "only $kept of 5 other files kept, or the link lost"
exec 9<&-
[ "$(n_pdfs "$out")" = 40 ] && ok "every document written (40)" || bad "$(n_pdfs "$out") documents"
valid_jsonl "$out/manifest.jsonl" "after SIGKILL and --resume"

# ----- a file size limit while the manifest is written -----
# the limit in bytes, as this shell counts it (512 or 1024 byte blocks)
( trap '' XFSZ; ulimit -f 64; head -c 1000000 /dev/zero >"$tmp/fsize-probe" ) 2>/dev/null
limit=$(wc -c <"$tmp/fsize-probe")
out=$tmp/out-fsize
mkdir "$out"
# one valid record that leaves 50 bytes under the limit: the next is cut
head='{"input":"pad","status":"failed","error":"'
pad=$(head -c $((limit - 50 - ${#head} - 3)) /dev/zero | tr '\0' x)
printf '%s%s"}\n' "$head" "$pad" >"$out/manifest.jsonl"
size0=$(wc -c <"$out/manifest.jsonl")
( ulimit -f 64; "$spcomm" batch -j 1 -l en -d "$out" "$many" >/dev/null 2>"$tmp/err" ); st=$?
expect "a file size limit on the manifest" 1 $st
grep -q "manifest.jsonl: File too large" "$tmp/err" && ok "says so: $(grep -m 1 "File too large" "$tmp/err")" \
	|| bad "message: $(cat "$tmp/err")"
[ "$(wc -c <"$out/manifest.jsonl")" = "$size0" ] && ok "the cut record was taken back ($size0 bytes, limit $limit)" \
	|| bad "manifest is $(wc -c <"$out/manifest.jsonl") bytes, was $size0"
valid_jsonl "$out/manifest.jsonl" "file size limit"
"$spcomm" batch --resume -j 2 -l en -d "$out" "$many" >/dev/null 2>"$tmp/err"
expect "--resume without the limit" 0 $?
grep -q "cut short" "$tmp/err" && bad "a cut line was left to repair" || ok "no line to repair"
[ "$(n_pdfs "$out")" = 40 ] && ok "every document written after the limit (40)" || bad "$(n_pdfs "$out") documents"
no_temp "$out" "file size limit"

# ----- a manifest whose last line was cut: --resume repairs it -----
before=$(wc -c <"$out/manifest.jsonl")
truncate -s -30 "$out/manifest.jsonl"
"$spcomm" batch --resume -j 2 -l en -d "$out" "$many" >/dev/null 2>"$tmp/err"
expect "--resume with a cut last line" 0 $?
[ "$(grep -c "cut short" "$tmp/err")" = 1 ] && ok "said once: $(grep "cut short" "$tmp/err")" \
	|| bad "message: $(cat "$tmp/err")"
grep -q "cannot be read" "$tmp/err" && bad "the cut line was read as a bad record" || ok "no bad record left to skip"
valid_jsonl "$out/manifest.jsonl" "cut by hand, repaired"
printf '{"input":"x","status":\n' >>"$out/manifest.jsonl"
lines=$(wc -l <"$out/manifest.jsonl")
"$spcomm" batch --resume -j 2 -l en -d "$out" "$many" >/dev/null 2>"$tmp/err"
expect "--resume with a last line that is not JSON" 0 $?
grep -q "cut short" "$tmp/err" && ok "repaired too" || bad "message: $(cat "$tmp/err")"
[ "$(head -n $((lines - 1)) "$out/manifest.jsonl" | grep -c '"input":"x"')" = 0 ] && ok "the broken line is gone" \
	|| bad "the broken line is still there"
valid_jsonl "$out/manifest.jsonl" "not JSON, repaired"
[ "$(n_pdfs "$out")" = 40 ] && [ "$(tail -n 40 "$out/manifest.jsonl" | grep -c '"status":"skipped"')" = 40 ] \
	&& ok "and every document is still done" || bad "documents redone or missing"

# ----- the lock, and runs that cannot start -----
flock "$tmp/j1/.spcomm.lock" sleep 5 >/dev/null 2>&1 &
lock_pid=$!
k=0
while [ $k -lt 100 ] && flock -n "$tmp/j1/.spcomm.lock" true; do sleep 0.05; k=$((k + 1)); done
"$spcomm" batch -l en -d "$tmp/j1" "$many" >/dev/null 2>"$tmp/err"
expect "a second batch on a locked directory" 2 $?
grep -q "locked" "$tmp/err" && ok "lock explained: $(head -n 1 "$tmp/err")" || bad "message: $(cat "$tmp/err")"
kill $lock_pid 2>/dev/null
"$spcomm" batch "$many" >/dev/null 2>&1
expect "batch without -d" 2 $?
"$spcomm" batch -d "$tmp/missing" "$many" >/dev/null 2>&1
expect "batch into a missing directory" 2 $?
"$spcomm" batch --shard 4/3 -d "$tmp/j2" "$many" >/dev/null 2>&1
expect "--shard 4/3" 2 $?
"$spcomm" batch -j 0 -d "$tmp/j2" "$many" >/dev/null 2>&1
expect "-j 0" 2 $?
SPCOMM_FONT_DIR=$tmp/nofonts "$spcomm" batch -d "$tmp/j2" "$many" >/dev/null 2>"$tmp/err"
expect "missing fonts" 2 $?
"$spcomm" batch -d "$tmp/j2" "$tmp/empty-does-not-exist/" >/dev/null 2>&1
expect "a missing input is an invalid case" 1 $?
finish
