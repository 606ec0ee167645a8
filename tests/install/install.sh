#!/bin/sh
# install.sh - `cmake --install` into a DESTDIR: the program, forms/ and
# locale/ in share/spcomm, the forms' JSON Schemas in share/spcomm/schema,
# the manual pages, bash and zsh completion, copyright and changelog; the
# staged tree renders from another directory with SPCOMM_DATA_DIR unset,
# exactly what the build tree renders, and still does once moved
# elsewhere whole (the data is found relative to the program).
. "$(dirname "$0")/../cli/lib.inc"
. "$(dirname "$0")/lib.inc"

DESTDIR=$tmp/stage cmake --install "$build" --prefix /usr >"$tmp/log" 2>&1
expect "cmake --install with DESTDIR" 0 $?
check_tree "$tmp/stage" staged
find "$tmp/stage" -type f | sed "s|^$tmp/stage||" | sort >"$tmp/files"
grep -v '^/usr/\(bin/spcomm\|lib\(/[a-z0-9_-]*\)\?/spcomm/modules/spcomm_mime\.so\|share/spcomm/\(forms\|locale\)/[a-z-]*\.yaml\|share/spcomm/trees\.bin\|share/spcomm/schema/[a-z-]*\.[a-z][a-z]\.json\|share/man/man[15]/spcomm[a-z-]*\.[15]\.gz\|share/bash-completion/completions/spcomm\|share/zsh/vendor-completions/_spcomm\|share/doc/spcomm/\(copyright\|changelog\.gz\)\)$' \
	"$tmp/files" >"$tmp/extra" && { cat "$tmp/extra"; bad "files installed that nothing reads"; } \
	|| ok "nothing else installed"

mkdir -p "$tmp/moved/opt"
mv "$tmp/stage/usr" "$tmp/moved/opt/usr"
check_tree "$tmp/moved/opt" relocated
finish
