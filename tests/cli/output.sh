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
ls -a "$tmp" | grep -q 'spcomm-tmp\|\.tmp\.' && bad "temporary file left" || ok "no temporary file left"

cp "$out" "$tmp/before"
"$spcomm" render -d "$tmp" "$case_file" >/dev/null 2>"$tmp/err"
expect "existing file refused without --force" 1 $?
grep -q -- "--force" "$tmp/err" && ok "message suggests --force" || bad "message: $(cat "$tmp/err")"
"$spcomm" render --force -d "$tmp" "$case_file" >/dev/null 2>&1
expect "--force replaces" 0 $?

mkdir "$tmp/links"; echo secret >"$tmp/target"
ln -s "$tmp/target" "$tmp/links/$id.en.pdf"
"$spcomm" render -d "$tmp/links" "$case_file" >/dev/null 2>&1
expect "symlink at the output name refused" 2 $?
[ "$(cat "$tmp/target")" = secret ] && ok "symlink target untouched" || bad "symlink target changed"

# ----- what is at the output name (docs/security.md, "Output files") -----
# --force replaces regular files only; a stream is written into; a link
# (unless it leads to a stream), a directory, a socket, a block device are
# refused before any work.
ref=$tmp/ref.pdf
"$spcomm" render -o "$ref" "$case_file" >/dev/null 2>&1
is_link_to_target() { [ -L "$1" ] && [ "$(cat "$tmp/target")" = secret ]; }
"$spcomm" render --force -o "$tmp/links/$id.en.pdf" "$case_file" >/dev/null 2>"$tmp/err"
expect "-o a symlink with --force refused" 2 $?
grep -q "symbolic link" "$tmp/err" && ok "says it is a link: $(head -n 1 "$tmp/err")" || bad "message: $(cat "$tmp/err")"
is_link_to_target "$tmp/links/$id.en.pdf" && ok "the link and its target kept" || bad "the link or its target changed"
"$spcomm" render --force -d "$tmp/links" "$case_file" >/dev/null 2>&1
expect "-d with a symlink at the name, --force: refused" 2 $?
is_link_to_target "$tmp/links/$id.en.pdf" && ok "the link and its target kept (-d)" || bad "the link or its target changed (-d)"

# As root, a regression here would replace the system's /dev/stdout and
# /dev/full (it once did): root runs these checks in a mount namespace with
# a /dev of its own.  Others cannot replace anything in /dev.
dev_sh() { # dev_sh SCRIPT: sh -c SCRIPT, with a private /dev if root
	if [ "$(id -u)" != 0 ]; then sh -c "$1"; return; fi
	unshare -m sh -c 'mount --make-rprivate / && mount -t tmpfs -o mode=755 tmpfs /dev &&
		ln -s /proc/self/fd/1 /dev/stdout && ln -s /proc/self/fd /dev/fd &&
		mknod -m 666 /dev/full c 1 7 && mknod -m 666 /dev/null c 1 3 || exit 99
		eval "$1"' sh "$1"
}
export spcomm case_file tmp
if [ "$(id -u)" != 0 ] || dev_sh true 2>/dev/null; then
	dev_sh '{ "$spcomm" render --force -o /dev/stdout "$case_file" 2>"$tmp/err"; echo $? >"$tmp/status"; } |
		cat >"$tmp/piped.pdf"; [ -L /dev/stdout ]; echo $? >"$tmp/still-link"'
	expect "-o /dev/stdout into a pipe" 0 "$(cat "$tmp/status")"
	cmp -s "$ref" "$tmp/piped.pdf" && ok "the pipe got the document, and nothing else" || bad "piped bytes differ"
	[ "$(cat "$tmp/still-link")" = 0 ] && ok "/dev/stdout is still a link" || bad "/dev/stdout replaced"
	dev_sh '"$spcomm" render -o /dev/stdout "$case_file" >"$tmp/redirected.pdf" 2>"$tmp/err"'
	expect "-o /dev/stdout redirected to a file" 0 $?
	cmp -s "$ref" "$tmp/redirected.pdf" && ok "the file the shell opened got the document" || bad "redirected bytes differ"
	printf 'first\n' >"$tmp/appended"
	dev_sh '"$spcomm" render -o /dev/fd/1 "$case_file" >>"$tmp/appended" 2>/dev/null'
	[ "$(head -n 1 "$tmp/appended")" = first ] && [ "$(wc -c <"$tmp/appended")" = $(($(wc -c <"$ref") + 6)) ] \
		&& ok ">> keeps what was there: the descriptor is written, not reopened" || bad ">> lost data"

	dev_sh '"$spcomm" render --force -o /dev/full "$case_file" >/dev/null 2>"$tmp/err"; st=$?
		[ -c /dev/full ]; echo $? >"$tmp/still-device"; exit $st'
	expect "-o /dev/full" 1 $?
	grep -q "cannot write /dev/full: No space left on device" "$tmp/err" && ok "says the device is full" \
		|| bad "message: $(cat "$tmp/err")"
	[ "$(cat "$tmp/still-device")" = 0 ] && ok "/dev/full is still a character device" || bad "/dev/full replaced"
else
	echo "skip: no private /dev here (unshare -m): /dev/stdout and /dev/full not tried as root"
fi

mkfifo "$tmp/fifo.pdf"
cat "$tmp/fifo.pdf" >"$tmp/from-fifo" &
reader=$!
"$spcomm" render -o "$tmp/fifo.pdf" "$case_file" >/dev/null 2>"$tmp/err"
expect "-o a FIFO, without --force" 0 $?
wait $reader
cmp -s "$ref" "$tmp/from-fifo" && ok "the FIFO's reader got the document" || bad "FIFO bytes differ"
[ -p "$tmp/fifo.pdf" ] && ok "the FIFO is still a FIFO" || bad "the FIFO was replaced"
if [ "$(id -u)" = 0 ] && chown 65534 "$tmp/fifo.pdf" 2>/dev/null; then
	# nobody reads it: a refusal that opened it first would hang here
	timeout 20 "$spcomm" render --force -o "$tmp/fifo.pdf" "$case_file" >/dev/null 2>"$tmp/err"
	expect "another user's FIFO refused" 2 $?
	grep -q "another user" "$tmp/err" && ok "says whose it is: $(head -n 1 "$tmp/err")" || bad "message: $(cat "$tmp/err")"
fi
mkdir "$tmp/fifo-dir" && mkfifo "$tmp/fifo-dir/$id.en.pdf"
timeout 20 "$spcomm" render -d "$tmp/fifo-dir" "$case_file" >/dev/null 2>"$tmp/err"
expect "a FIFO at a name -d made up is refused" 2 $?

mkdir "$tmp/dir.pdf"
"$spcomm" render --force -o "$tmp/dir.pdf" "$case_file" >/dev/null 2>"$tmp/err"
expect "a directory at the output name, --force" 2 $?
grep -q "is a directory" "$tmp/err" && ok "says it is a directory" || bad "message: $(cat "$tmp/err")"
if python3 -c 'import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' "$tmp/sock.pdf" 2>/dev/null; then
	"$spcomm" render --force -o "$tmp/sock.pdf" "$case_file" >/dev/null 2>"$tmp/err"
	expect "a socket at the output name, --force" 2 $?
	[ -S "$tmp/sock.pdf" ] && grep -q "a socket" "$tmp/err" && ok "the socket kept, and named" || bad "socket: $(cat "$tmp/err")"
fi
if [ "$(id -u)" = 0 ] && mknod "$tmp/blk.pdf" b 7 200 2>/dev/null; then
	"$spcomm" render --force -o "$tmp/blk.pdf" "$case_file" >/dev/null 2>"$tmp/err"
	expect "a block device at the output name, --force" 2 $?
	[ -b "$tmp/blk.pdf" ] && grep -q "a block device" "$tmp/err" && ok "the block device kept, and named" \
		|| bad "block device: $(cat "$tmp/err")"
fi
ls -A "$tmp" | grep -q 'spcomm-tmp' && bad "temporary file left" || ok "no temporary file left"

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
# a name with a control character: refused before any work, shown escaped
# (the names written are reported one a line)
nl=$(printf 'a\nb.pdf')
"$spcomm" render -o "$tmp/$nl" "$case_file" >"$tmp/stdout" 2>"$tmp/err"
expect "-o a name with a line feed refused" 2 $?
[ ! -e "$tmp/$nl" ] && [ ! -s "$tmp/stdout" ] && ok "... nothing written, nothing reported" ||
    bad "a name with a line feed was written"
grep -q 'a\\nb\.pdf".*control character (U+000A)' "$tmp/err" && [ "$(wc -l <"$tmp/err")" = 1 ] &&
    ok "... the name shown escaped, on one line" || bad "message: $(cat "$tmp/err")"
tabdir=$tmp/$(printf 'x\ty')
mkdir "$tabdir"
"$spcomm" render -d "$tabdir" "$case_file" >/dev/null 2>"$tmp/err"
expect "-d a directory with a tab refused" 2 $?
"$spcomm" package -d "$tabdir" "$case_file" >/dev/null 2>"$tmp/err"
[ $? != 0 ] && [ -z "$(ls -A "$tabdir")" ] && ok "package into it refused, nothing written" ||
    bad "package wrote into a name with a tab"

finish
