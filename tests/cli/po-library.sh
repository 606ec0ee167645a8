#!/bin/sh
# po-library.sh - libgettextpo is loaded, not linked (src/gettextpo.h):
# the program does not link it; a run that reads or writes no PO file
# does not load it; one that does, loads it and works; SPCOMM_GETTEXTPO
# names another file, and a file that is missing, not a shared object or
# without the functions gives a clear error, writes nothing, and does not
# stop a run that needs no PO file.
. "$(dirname "$0")/lib.inc"
export SOURCE_DATE_EPOCH=1790000000

objdump -p "$spcomm" | grep -q 'NEEDED *libgettextpo' && bad "the program links libgettextpo" ||
    ok "the program does not link libgettextpo"

w=$tmp/w; mkdir -p "$w/o" && cp cases/ua-detained-lawyer.yaml "$w/ua.yaml" && cp -R cases/annexes "$w/"
LD_DEBUG=files "$spcomm" render -o "$w/o/plain.pdf" "$w/ua.yaml" >/dev/null 2>"$tmp/ld"
expect "render" 0 $?
grep -q 'libgettextpo\|libunistring' "$tmp/ld" && bad "render without a PO file loads libgettextpo" ||
    ok "render without a PO file loads neither libgettextpo nor libunistring"

LD_DEBUG=files "$spcomm" i18n extract -l fr -o "$w/fr.po" "$w/ua.yaml" >/dev/null 2>"$tmp/ld"
expect "i18n extract" 0 $?
grep -q 'file=libgettextpo' "$tmp/ld" && ok "extract loads libgettextpo" ||
    bad "extract: $(grep -c file= "$tmp/ld") files loaded, not libgettextpo"
grep -q '^msgctxt ' "$w/fr.po" && ok "... and writes the PO file" || bad "... no entry in the PO file"
msgen "$w/fr.po" >"$w/filled.po" 2>/dev/null || cp "$w/fr.po" "$w/filled.po"
"$spcomm" render -l fr --translations "$w/filled.po" -o "$w/o/tr.pdf" "$w/ua.yaml" >/dev/null 2>"$tmp/err"
expect "render --translations" 0 $?

# broken: missing, not a shared object, a library without the functions
printf 'not an ELF file\n' >"$tmp/text.so"
libm=$(ldd "$spcomm" | sed -n 's|^[[:space:]]*libm\.so\.6 => \([^ ]*\) .*|\1|p')
for m in "$tmp/nonexistent.so:No such file" "$tmp/text.so:$tmp/text.so" \
    "$libm:undefined symbol: po_file_create"; do
	path=${m%%:*} why=${m#*:}
	rm -rf "$w/o" && mkdir -p "$w/o"
	SPCOMM_GETTEXTPO=$path "$spcomm" render -l fr --translations "$w/filled.po" -o "$w/o/x.pdf" \
	    "$w/ua.yaml" >/dev/null 2>"$tmp/err"
	expect "render --translations, library $path" 1 $?
	grep -q "filled.po: error: translation file not read: cannot load libgettextpo.*$why" "$tmp/err" &&
	    ok "... names the PO file, the library and why" || bad "... says: $(cat "$tmp/err")"
	[ -z "$(ls "$w/o")" ] && ok "... and writes nothing" || bad "... but wrote $(ls "$w/o")"
	SPCOMM_GETTEXTPO=$path "$spcomm" i18n extract -l es -o "$w/o/es.po" "$w/ua.yaml" \
	    >/dev/null 2>"$tmp/err"
	expect "i18n extract, library $path" 2 $?
	grep -q "error: cannot load libgettextpo.*libgettextpo0.*$why" "$tmp/err" &&
	    ok "... says it cannot load the library, the package to install, and why" ||
	    bad "... says: $(cat "$tmp/err")"
	[ -z "$(ls "$w/o")" ] && ok "... and writes nothing" || bad "... but wrote $(ls "$w/o")"
	SPCOMM_GETTEXTPO=$path "$spcomm" render -l fr -o "$w/o/plain.pdf" "$w/ua.yaml" >/dev/null 2>"$tmp/err"
	expect "render without a PO file needs no library" 0 $?
done
finish
