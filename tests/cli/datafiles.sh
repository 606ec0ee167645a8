#!/bin/sh
# datafiles.sh - spcomm's own data files (forms/, locale/) broken one way at
# a time: each problem is reported once, as file:line:column: error: ...
# [code] naming the data file (ytree_load_file), the run stops with the
# right exit status, and nothing crashes.  Forms are read when a case or a
# command needs them: a broken form stops only what uses it.
. "$(dirname "$0")/lib.inc"

d=$tmp/data
setup() { rm -rf "$d" && mkdir -p "$d" && cp -R forms locale "$d/"; }
# run ARGS...: spcomm on the copy, stderr in $tmp/err, status in $st
run() { "$spcomm" --data-dir "$d" "$@" >"$tmp/out" 2>"$tmp/err"; st=$?; }
# says DESCRIPTION FILE LINE CODE: a diagnostic at FILE:LINE:COL with CODE
says() {
	grep -Eq "^$(printf '%s' "$2" | sed 's/[.[\*^$]/\\&/g'):$3:[0-9]+: error: .* \[$4\]$" "$tmp/err" &&
	    ok "$1: $2:$3 [$4]" || bad "$1: want $2:$3:...[$4], got: $(head -3 "$tmp/err")"
}
no_crash() { [ "$st" -lt 128 ] && ok "$1: no crash" || bad "$1: killed by signal $((st - 128))"; }

sp=cases/ua-detained-lawyer.yaml wgad=cases/wgad-tran-thi-lan.yaml

# --- a form file with a YAML syntax error (line 2) ---
setup; printf 'form: wgad\ntitle: [unclosed\n' >"$d/forms/wgad.yaml"
run check "$sp"; expect "a case of another form does not read wgad.yaml" 0 $st
run check "$wgad"; expect "a case of the broken form" 1 $st
says "the case names the form file's error" "$d/forms/wgad.yaml" 3 yaml-syntax
no_crash "broken form"
run forms; expect "'spcomm forms' needs every form" 2 $st
says "forms lists the broken file" "$d/forms/wgad.yaml" 3 yaml-syntax
run new wgad; expect "'spcomm new' of the broken form" 2 $st
run new sp-general; expect "'spcomm new' of another form" 0 $st
mkdir -p "$tmp/out-b"
run batch -d "$tmp/out-b" "$sp"; expect "batch reads every form first and refuses" 2 $st
says "batch names the broken file" "$d/forms/wgad.yaml" 3 yaml-syntax

# --- a form file named after another form ---
setup; sed 's/^form: wgad$/form: wgad2/' forms/wgad.yaml >"$d/forms/wgad.yaml"
run check "$wgad"; expect "a form whose key is not its file's name" 1 $st
grep -q "wgad.yaml: error: the form of this file is 'wgad2'" "$tmp/err" &&
    ok "the mismatch is named" || bad "mismatch: $(head -3 "$tmp/err")"

# --- a form file that is not a mapping ---
setup; printf -- '- a list\n' >"$d/forms/wgeid.yaml"
run forms; expect "a form file that is a list" 2 $st
says "not a mapping, at its first line" "$d/forms/wgeid.yaml" 1 form-file

# --- common.yaml or mandates.yaml broken: nothing can run ---
setup; printf 'blocks: {}\ntop: {}\nblocks: {}\n' >"$d/forms/common.yaml"
run check "$sp"; expect "duplicate key in common.yaml" 2 $st
says "duplicate key named" "$d/forms/common.yaml" 3 duplicate-key
grep -q "cannot load the forms and catalogs from $d" "$tmp/err" &&
    ok "the data directory is named" || bad "no closing line: $(tail -1 "$tmp/err")"

# --- a catalog: an alias (refused in data as in cases) ---
setup; printf 'x.anchor: &a "A"\nx.alias: *a\n' >>"$d/locale/fr.yaml"
run render -l en -o "$tmp/en.pdf" "$sp"; expect "English needs no French catalog" 0 $st
run render -l fr -o "$tmp/fr.pdf" "$sp"; expect "French with a broken catalog" 2 $st
grep -Eq "^$d/locale/fr\.yaml:[0-9]+:[0-9]+: error: .*\[yaml-(alias|anchor)\]$" "$tmp/err" &&
    ok "the alias is named in fr.yaml" || bad "alias: $(head -3 "$tmp/err")"
[ -e "$tmp/fr.pdf" ] && bad "a French PDF was written" || ok "no French PDF"

# --- a catalog value that is no pattern, reported with its key ---
setup; printf 'x.list: [1, 2]\n' >>"$d/locale/en.yaml"; n=$(wc -l <"$d/locale/en.yaml")
run check "$sp"; expect "en.yaml with a list value" 2 $st
grep -Eq "^$d/locale/en\.yaml:$n:[0-9]+: error: x\.list: a catalog value must be a pattern" "$tmp/err" &&
    ok "key and line of the bad value" || bad "bad value: $(head -3 "$tmp/err")"

# --- a data file over the size limit of case files (8 MiB) ---
setup; head -c 9000000 /dev/zero | tr '\0' '#' >>"$d/locale/countries.yaml"
run check "$sp"; expect "countries.yaml over the limit" 2 $st
grep -Eq "^$d/locale/countries\.yaml: error: .*limit.*\[file-too-large\]$" "$tmp/err" &&
    ok "the size limit applies to data files" || bad "too large: $(head -3 "$tmp/err")"
no_crash "oversized data file"

# --- nesting past the depth limit in a form file ---
setup; awk 'BEGIN { s = "x: "; for (i = 0; i < 200; i++) s = s "["; print "form: wgeid"; print s }' \
    >"$d/forms/wgeid.yaml"
run forms; expect "a form nested too deep" 2 $st
says "depth limit in a form file" "$d/forms/wgeid.yaml" 2 nesting-too-deep
no_crash "deep form"

finish
