#!/bin/sh
# mime-module.sh - the e-mail module (src/mime.h): the program does not
# link GMime; it loads spcomm_mime.so only for `package` and `batch
# --package`; SPCOMM_MIME_MODULE names another; a module that is missing,
# not a shared object, or without package_build stops the run before any
# file is written, with "spcomm: cannot load the e-mail module PATH: why"
# and exit 2, as the other errors of the environment.
. "$(dirname "$0")/lib.inc"

c=cases/ua-detained-lawyer.yaml
objdump -p "$spcomm" | grep -q 'NEEDED *libgmime' && bad "the program links libgmime" ||
    ok "the program does not link libgmime"

# what the dynamic loader opens (glibc's LD_DEBUG=files)
mkdir -p "$tmp/r" "$tmp/p"
LD_DEBUG=files "$spcomm" render -d "$tmp/r" "$c" >/dev/null 2>"$tmp/ld"
expect "render" 0 $?
grep -q 'spcomm_mime\|libgmime' "$tmp/ld" && bad "render loads the e-mail module" ||
    ok "render loads neither the module nor GMime"
LD_DEBUG=files "$spcomm" package -d "$tmp/p" "$c" >/dev/null 2>"$tmp/ld"
expect "package" 0 $?
grep -q 'file=.*spcomm_mime\.so' "$tmp/ld" && grep -q 'file=libgmime' "$tmp/ld" &&
    ok "package loads the module, and GMime with it" || bad "package: $(grep -c file= "$tmp/ld") files"

# SPCOMM_MIME_MODULE names the module to load: the build tree's, named so,
# writes the same draft
mod=$(sed -n 's/.*file=\([^ ]*spcomm_mime\.so\) .*/\1/p' "$tmp/ld" | head -n 1)
mkdir -p "$tmp/q"
SPCOMM_MIME_MODULE=$mod "$spcomm" package -d "$tmp/q" "$c" >/dev/null 2>&1
expect "SPCOMM_MIME_MODULE=$mod" 0 $?
cmp -s "$tmp/p/ua-2026-017.en.eml" "$tmp/q/ua-2026-017.en.eml" &&
    ok "the same draft through SPCOMM_MIME_MODULE" || bad "another draft through SPCOMM_MIME_MODULE"

# broken: missing, not a shared object, a library without package_build
printf 'not an ELF file\n' >"$tmp/text.so"
libm=$(ldd "$spcomm" | sed -n 's|^[[:space:]]*libm\.so\.6 => \([^ ]*\) .*|\1|p')
for m in "$tmp/nonexistent.so:No such file" "$tmp/text.so:$tmp/text.so" \
    "$libm:undefined symbol: package_build"; do
	path=${m%%:*} why=${m#*:}
	rm -rf "$tmp/o" && mkdir -p "$tmp/o"
	SPCOMM_MIME_MODULE=$path "$spcomm" package -d "$tmp/o" "$c" >/dev/null 2>"$tmp/err"
	expect "package, module $path" 2 $?
	grep -q "^spcomm: cannot load the e-mail module $path: .*$why" "$tmp/err" &&
	    ok "... says it cannot load $path and why" || bad "... says: $(cat "$tmp/err")"
	[ -z "$(ls "$tmp/o")" ] && ok "... and writes nothing" || bad "... but wrote $(ls "$tmp/o")"
	SPCOMM_MIME_MODULE=$path "$spcomm" batch -q --package -d "$tmp/o" "$c" >/dev/null 2>"$tmp/err"
	expect "batch --package, module $path" 2 $?
	grep -q "^spcomm: cannot load the e-mail module $path: .*$why" "$tmp/err" &&
	    ok "... says it cannot load $path and why" || bad "... says: $(cat "$tmp/err")"
	[ -z "$(ls "$tmp/o")" ] && ok "... and writes nothing" || bad "... but wrote $(ls "$tmp/o")"
	SPCOMM_MIME_MODULE=$path "$spcomm" batch -q -d "$tmp/o" "$c" >/dev/null 2>"$tmp/err"
	expect "batch without --package needs no module" 0 $?
done
finish
