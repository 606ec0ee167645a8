#!/bin/sh
# output.sh - where documents go: atomic writes, no overwrite without
# --force, unwritable or missing directories, a full disk, symlinks.
. "$(dirname "$0")/lib.inc"
case_file=cases/ua-detained-lawyer.yaml
export SOURCE_DATE_EPOCH=1790000000

"$spcomm" render -d "$tmp" "$case_file" >"$tmp/stdout" 2>"$tmp/err"
expect "render to a directory" 0 $?
id=$(sed -n 's/^id: *//p' "$case_file" | tr -d '"')
out="$tmp/$id.en.pdf"
[ -f "$out" ] && ok "file named <id>.<lang>.pdf" || bad "no $out"
grep -qx "$out" "$tmp/stdout" && ok "written file reported on stdout" || bad "stdout: $(cat "$tmp/stdout")"
mode=$(stat -c %a "$out")
[ "$mode" = 600 ] && ok "created 0600" || bad "mode $mode"
ls -a "$tmp" | grep -q '\.tmp\.' && bad "temporary file left" || ok "no temporary file left"

cp "$out" "$tmp/before"
"$spcomm" render -d "$tmp" "$case_file" >/dev/null 2>"$tmp/err"
expect "existing file refused without --force" 1 $?
grep -q -- "--force" "$tmp/err" && ok "message suggests --force" || bad "message: $(cat "$tmp/err")"
"$spcomm" render --force -d "$tmp" "$case_file" >/dev/null 2>&1
expect "--force replaces" 0 $?

mkdir "$tmp/links"; echo secret >"$tmp/target"
ln -s "$tmp/target" "$tmp/links/$id.en.pdf"
"$spcomm" render -d "$tmp/links" "$case_file" >/dev/null 2>&1
expect "symlink at the output name refused" 1 $?
[ "$(cat "$tmp/target")" = secret ] && ok "symlink target untouched" || bad "symlink target changed"

"$spcomm" render -d "$tmp/missing" "$case_file" >/dev/null 2>"$tmp/err"
expect "missing output directory" 2 $?
[ -s "$tmp/err" ] && ok "missing directory explained: $(head -n1 "$tmp/err")" || bad "no message"
"$spcomm" render -d "$tmp/target" "$case_file" >/dev/null 2>&1
expect "output directory is a file" 2 $?

# Unwritable directory: mode bits do not stop root, a read-only mount does.
mkdir "$tmp/ro"
if [ "$(id -u)" != 0 ]; then
	chmod 555 "$tmp/ro"; ro_ok=1
elif mount -t tmpfs -o ro,size=64k tmpfs "$tmp/ro" 2>/dev/null; then
	ro_ok=1
else
	ro_ok=0
fi
if [ "$ro_ok" = 1 ]; then
	"$spcomm" render -d "$tmp/ro" "$case_file" >/dev/null 2>"$tmp/err"
	expect "unwritable output directory" 2 $?
	[ -z "$(ls -A "$tmp/ro")" ] && ok "nothing written there" || bad "files in read-only dir"
	[ "$(id -u)" = 0 ] && umount "$tmp/ro"
else
	echo "skip: cannot make a read-only directory here"
fi

# A full disk: a tiny tmpfs where the PDF cannot fit.
mkdir "$tmp/full"
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=8k tmpfs "$tmp/full" 2>/dev/null; then
	"$spcomm" render -d "$tmp/full" "$case_file" >/dev/null 2>"$tmp/err"
	expect "full disk is an error" 1 $?
	grep -q "No space left" "$tmp/err" && ok "says the disk is full" || bad "message: $(cat "$tmp/err")"
	[ -z "$(ls -A "$tmp/full")" ] && ok "no file, no temporary left on the full disk" \
		|| bad "left: $(ls -A "$tmp/full")"
	umount "$tmp/full"
else
	echo "skip: cannot mount a small tmpfs here"
fi

# A file size limit: EFBIG, not a kill by SIGXFSZ and a truncated file.
mkdir -p "$tmp/fsize"
( ulimit -f 8; "$spcomm" render -d "$tmp/fsize" "$case_file" >/dev/null 2>"$tmp/err" ); st=$?
expect "file size limit is an error" 1 $st
[ -z "$(ls -A "$tmp/fsize")" ] && ok "no file left under a file size limit" || bad "left: $(ls -A "$tmp/fsize")"

"$spcomm" render -o "$tmp/one.pdf" -l en,fr "$case_file" >/dev/null 2>&1
expect "-o with two languages is a usage error" 2 $?
finish
