#!/bin/sh
# shards.sh - `spcomm manifest merge`: the manifests of `batch --shard I/N`
# runs (started with GNU parallel, as the README shows) merge into one in
# which every case appears exactly once; a duplicated shard, a missing
# shard, shards run with different options and a case that is not an
# input are refused with the files named and nothing written; a --resume
# run's newer records replace the older ones.
. "$(dirname "$0")/lib.inc"
export SOURCE_DATE_EPOCH=1790000000

copy_case() { sed "s/^id: .*/id: $3/" "$1" >"$2"; }
# cases_of FILE: the distinct inputs of a manifest, sorted
cases_of() { sed -n 's/^{"input":"\([^"]*\)".*/\1/p' "$1" | sort -u; }
# docs_of FILE: input, lang and copy of every record, sorted (with repeats)
docs_of() { sed -n 's/^{"input":"\([^"]*\)".*"lang":\([^,]*\),"copy":\([^,]*\),.*/\1 \2 \3/p' "$1" | sort; }

in=$tmp/in
mkdir -p "$in/sub"
cp -r cases/annexes "$in/" && cp -r cases/annexes "$in/sub/"
i=0
while [ $i -lt 6 ]; do
	i=$((i + 1))
	copy_case cases/ua-detained-lawyer.yaml "$in/ua-$i.yaml" "ua-2026-s$i"
	copy_case cases/al-journalists-raid.yaml "$in/sub/al-$i.yaml" "al-2026-s$i"
done
# an invalid case: its one record (no lang) is merged as well
printf 'form: ua\nid: broken\n' >"$in/broken.yaml"
find "$in" -name '*.yaml' | sort >"$tmp/all"

# ----- three shards in parallel, then the merge -----
if ! command -v parallel >/dev/null 2>&1; then
	bad "GNU parallel is not installed (apt-get install parallel; .ci/packages-test)"
	finish
fi
cd "$tmp" || exit 2
parallel --will-cite mkdir -p out{} ::: 1 2 3
parallel --will-cite "$spcomm" --data-dir "$src" batch -q --shard {}/3 -l en,fr --copy full \
    --copy public -d out{} "$in" ::: 1 2 3 2>"$tmp/batch.err"
# one invalid case: the shard holding it exits 1, the others 0
expect "parallel batch --shard {}/3 (one invalid case among them)" 1 $?
"$spcomm" manifest merge -o merged.jsonl --inputs "$in" out1 out2/manifest.jsonl out3 2>"$tmp/err"
expect "merge of the three shards" 0 $?
cases_of merged.jsonl >"$tmp/merged.cases"
cmp -s "$tmp/all" "$tmp/merged.cases" && ok "every input case is in the merged manifest" ||
    bad "merged cases differ: $(diff "$tmp/all" "$tmp/merged.cases" | head -n 4)"
docs_of merged.jsonl >"$tmp/docs"
[ -z "$(uniq -d "$tmp/docs")" ] && ok "every document appears once" ||
    bad "repeated documents: $(uniq -d "$tmp/docs" | head -n 2)"
# 12 valid cases x 2 languages x 2 copies, and one record for the invalid one
n=$(grep -c '^{"input"' merged.jsonl)
[ "$n" = 49 ] && ok "49 document records (12 cases x 2 x 2, and the invalid one)" || bad "$n records, want 49"
n=$(grep -c '^{"run":.*"manifest":"out[123]/manifest.jsonl"}$' merged.jsonl)
[ "$n" = 3 ] && ok "the three run lines, each marked with its manifest" || bad "$n marked run lines"
for s in 1 2 3; do
	grep -q "\"shard\":\"$s/3\".*\"manifest\":\"out$s/manifest.jsonl\"" merged.jsonl ||
	    bad "run line of shard $s/3 not marked out$s"
done
[ ! -s "$tmp/err" ] && ok "nothing said on a clean merge" || bad "merge said: $(head -n 2 "$tmp/err")"

# to standard output without -o: the same bytes
"$spcomm" manifest merge out1 out2 out3 >"$tmp/stdout.jsonl" 2>/dev/null
cmp -s merged.jsonl "$tmp/stdout.jsonl" && ok "standard output holds the same merge" ||
    bad "standard output differs from -o"

# -o never replaces a file without --force
"$spcomm" manifest merge -o merged.jsonl out1 out2 out3 2>"$tmp/err"
expect "an existing -o file without --force" 2 $?
"$spcomm" manifest merge --force -o merged.jsonl out1 out2 out3 2>"$tmp/err"
expect "--force replaces it" 0 $?

# ----- a duplicated shard -----
cp -r out2 out2b
"$spcomm" manifest merge -o dup.jsonl out1 out2 out2b out3 2>"$tmp/err"
expect "a shard given twice (copied elsewhere)" 1 $?
grep -q 'is in two shards: out2/manifest.jsonl and out2b/manifest.jsonl' "$tmp/err" &&
    ok "the message names both manifests" || bad "message: $(head -n 1 "$tmp/err")"
[ ! -e dup.jsonl ] && ok "nothing written when refused" || bad "dup.jsonl written"
# a shard run twice with --shard 2/3 into another directory
mkdir out2again
"$spcomm" --data-dir "$src" batch -q --shard 2/3 -l en,fr --copy full --copy public -d out2again \
    "$in" >/dev/null 2>&1
"$spcomm" manifest merge out1 out2 out3 out2again >/dev/null 2>"$tmp/err"
expect "the same shard run twice" 1 $?
"$spcomm" manifest merge out1 out1 out2 out3 >/dev/null 2>"$tmp/err"
expect "the same manifest given twice" 2 $?

# ----- a missing shard -----
"$spcomm" manifest merge -o part.jsonl --inputs "$in" out1 out3 2>"$tmp/err"
expect "shard 2 missing, --inputs given" 1 $?
cases_of out2/manifest.jsonl >"$tmp/want-missing"
sed -n 's/^spcomm: missing: \(.*\) is in no manifest$/\1/p' "$tmp/err" | sort >"$tmp/got-missing"
[ -s "$tmp/want-missing" ] && cmp -s "$tmp/want-missing" "$tmp/got-missing" &&
    ok "every case of the missing shard is listed" ||
    bad "missing list: $(diff "$tmp/want-missing" "$tmp/got-missing" | head -n 4)"
[ ! -e part.jsonl ] && ok "nothing written when incomplete" || bad "part.jsonl written"
"$spcomm" manifest merge --inputs "$in" --inputs cases/ua-detained-lawyer.yaml out1 out2 out3 \
    >/dev/null 2>"$tmp/err"
expect "an input in no manifest (a second --inputs)" 1 $?

grep -q "missing: cases/ua-detained-lawyer.yaml is in no manifest" "$tmp/err" && ok "named" || bad "not named: $(head -n 1 "$tmp/err")"
"$spcomm" manifest merge --inputs "$in/sub" out1 out2 out3 >/dev/null 2>"$tmp/err"
expect "records of cases that are not among the inputs" 1 $?
grep -q "ua-1.yaml is in a manifest but not among the inputs" "$tmp/err" && ok "named" ||
    bad "not named: $(head -n 1 "$tmp/err")"

# ----- different run options -----
mkdir outpdfa
"$spcomm" --data-dir "$src" batch -q --shard 3/3 -l en,fr --copy full --copy public --pdfa \
    -d outpdfa "$in" >/dev/null 2>&1
if grep -q '"pdfa":true' outpdfa/manifest.jsonl; then
	"$spcomm" manifest merge out1 out2 outpdfa >/dev/null 2>"$tmp/err"
	expect "a shard run with --pdfa among shards without" 1 $?
	grep -q "out1/manifest.jsonl and outpdfa/manifest.jsonl were written with different run options" \
	    "$tmp/err" && ok "the message names the manifests" || bad "message: $(head -n 1 "$tmp/err")"
fi
mkdir outlang
"$spcomm" --data-dir "$src" batch -q --shard 3/3 -l en --copy full --copy public -d outlang \
    "$in" >/dev/null 2>&1
"$spcomm" manifest merge out1 out2 outlang >/dev/null 2>"$tmp/err"
expect "a shard run with other languages" 1 $?

# ----- a resumed shard: its last record of each document is kept -----
cp -r out1 out1r
"$spcomm" --data-dir "$src" batch -q --resume --shard 1/3 -l en,fr --copy full --copy public \
    -d out1r "$in" >/dev/null 2>&1
[ "$(grep -c '^{"run"' out1r/manifest.jsonl)" = 2 ] || bad "the resumed shard has not two runs"
"$spcomm" manifest merge -o resumed.jsonl --inputs "$in" out1r out2 out3 2>"$tmp/err"
expect "merge with a resumed shard" 0 $?
docs_of resumed.jsonl >"$tmp/rdocs"
cmp -s "$tmp/docs" "$tmp/rdocs" && ok "each document once, the resumed shard's last records" ||
    bad "documents differ: $(diff "$tmp/docs" "$tmp/rdocs" | head -n 4)"
grep -q '"status":"skipped"' resumed.jsonl && ok "the kept records are the resumed run's (skipped)" ||
    bad "no skipped record kept"

# ----- shards without the full copy: records name some cases withheld -----
parallel --will-cite mkdir -p pub{} ::: 1 2
parallel --will-cite "$spcomm" --data-dir "$src" batch -q --shard {}/2 -l en --copy public \
    -d pub{} "$in" ::: 1 2 2>/dev/null
n=$(cat pub1/manifest.jsonl pub2/manifest.jsonl | grep -c '"input":"withheld-[0-9a-f]*\.yaml"')
[ "$n" -ge 1 ] && ok "public-copy shards: $n records name their case withheld" ||
    bad "no withheld record: the test below tests nothing"
"$spcomm" manifest merge --inputs "$in" pub1 pub2 >/dev/null 2>"$tmp/err"
expect "--inputs finds the withheld cases by their pseudonym" 0 $?
"$spcomm" manifest merge --inputs "$in" pub1 >/dev/null 2>"$tmp/err"
expect "a missing public-copy shard" 1 $?
n=$(grep -c '^spcomm: missing: ' "$tmp/err")
[ "$n" -ge 1 ] && ok "its $n cases listed missing" || bad "no case listed missing"

# ----- bad input -----
printf '{"input":"x.yaml","lang":"en","copy":"full","status":"ok"}\n{"input":"y.ya' >cut.jsonl
"$spcomm" manifest merge cut.jsonl >/dev/null 2>"$tmp/err"
expect "a manifest whose last line was cut" 0 $?
grep -q 'cut.jsonl: 1 line not a whole record' "$tmp/err" && ok "the cut line is reported" ||
    bad "message: $(head -n 1 "$tmp/err")"
"$spcomm" manifest merge nothere.jsonl >/dev/null 2>"$tmp/err"
expect "a manifest that does not exist" 2 $?
head -c 3000 /dev/urandom >noise.jsonl
"$spcomm" manifest merge noise.jsonl >/dev/null 2>"$tmp/err"
st=$?
[ "$st" -le 2 ] && ok "random bytes: exit $st, no crash" || bad "random bytes: exit $st"
# not regular files: refused at once, not read (a FIFO would hang the
# merge, /dev/zero fill memory); a batch's --resume over a FIFO manifest
mkfifo fifo.jsonl fifo.yaml
timeout 20 "$spcomm" manifest merge fifo.jsonl >/dev/null 2>"$tmp/err"
expect "a FIFO as a manifest" 2 $?
grep -q 'not a regular file' "$tmp/err" || bad "a FIFO as a manifest: says why: $(cat "$tmp/err")"
timeout 20 "$spcomm" manifest merge /dev/zero >/dev/null 2>"$tmp/err"
expect "/dev/zero as a manifest" 2 $?
timeout 20 "$spcomm" manifest merge --inputs fifo.yaml out1 out2 out3 >/dev/null 2>"$tmp/err"
st=$?
[ "$st" = 1 ] && ok "a FIFO among --inputs: exit 1, not a hang" || bad "a FIFO among --inputs: exit $st"
timeout 20 "$spcomm" manifest merge --inputs /dev/zero out1 out2 out3 >/dev/null 2>"$tmp/err"
st=$?
[ "$st" = 1 ] && ok "/dev/zero among --inputs: exit 1" || bad "/dev/zero among --inputs: exit $st"
mkdir fo && mkfifo fo/manifest.jsonl
timeout 20 "$spcomm" --data-dir "$src" batch -q --resume -l en -d fo "$in/ua-1.yaml" >/dev/null 2>"$tmp/err"
expect "batch --resume with a FIFO for its manifest" 2 $?
grep -q 'not a regular file' "$tmp/err" || bad "FIFO manifest: says why: $(cat "$tmp/err")"
# one manifest under two spellings is given twice, not two shards
"$spcomm" manifest merge out1 ./out1/manifest.jsonl >/dev/null 2>"$tmp/err"
st=$?
[ $st != 0 ] && grep -q 'is given twice' "$tmp/err" && ok "one manifest under two spellings: given twice" ||
    bad "two spellings: exit $st: $(cat "$tmp/err")"
"$spcomm" manifest merge >/dev/null 2>&1
expect "no manifest" 2 $?
"$spcomm" manifest >/dev/null 2>&1
expect "no word" 2 $?
"$spcomm" manifest merge -d x out1 >/dev/null 2>&1
expect "-d" 2 $?
"$spcomm" check --inputs x out1 >/dev/null 2>&1
expect "--inputs with another command" 2 $?
finish
