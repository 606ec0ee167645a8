#!/bin/sh
# docs.sh - every diagnostic code is explained in docs/diagnostics.md, and
# the form documentation generated from the forms is what is committed.
. "$(dirname "$0")/lib.inc"
for code in $(sed -n "s/^	X([A-Z_0-9]*, \"\([a-z0-9-]*\)\", [A-Z]*).*/\1/p" src/diag_codes.h); do
	grep -qx "### $code" docs/diagnostics.md && ok "$code documented" || bad "$code not in docs/diagnostics.md"
done
for f in forms/*.yaml; do
	name=$(basename "$f" .yaml)
	case $name in common|mandates) continue ;; esac
	"$spcomm" forms --markdown "$name" >"$tmp/$name.md" 2>"$tmp/err" || { bad "forms --markdown $name"; continue; }
	if [ "${UPDATE:-}" = 1 ]; then mkdir -p docs/forms; cp "$tmp/$name.md" "docs/forms/$name.md"; fi
	diff -u "docs/forms/$name.md" "$tmp/$name.md" >"$tmp/diff" && ok "docs/forms/$name.md matches the form" \
		|| { cat "$tmp/diff"; bad "docs/forms/$name.md is stale (UPDATE=1 regenerates it)"; }
done
finish
