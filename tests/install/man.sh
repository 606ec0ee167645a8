#!/bin/sh
# man.sh - the manual pages spcomm(1) and spcomm-case(5): lint-clean for
# mandoc and for man-db's groff; spcomm(1) names every command, option
# and environment variable the program has; spcomm-case(5) every form and
# every field the program checks; installed, `man` finds and shows both.
. "$(dirname "$0")/../cli/lib.inc"
. "$(dirname "$0")/lib.inc"
p1=$build/man/spcomm.1 p5=$build/man/spcomm-case.5

for p in "$p1" "$p5"; do
	# everything mandoc reports, down to style, except that the sibling
	# page is not installed on this machine
	mandoc -Tlint -Wall "$p" >"$tmp/lint" 2>&1
	grep -v 'STYLE: referenced manual not found: Xr spcomm\(-case\)\? [15]' "$tmp/lint" >"$tmp/lint2"
	[ -s "$tmp/lint2" ] && { cat "$tmp/lint2"; bad "mandoc -Tlint $(basename "$p")"; } \
		|| ok "mandoc -Tlint -Wall $(basename "$p")"
	LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$p" >"$tmp/page" 2>"$tmp/warn"
	[ -s "$tmp/warn" ] && { cat "$tmp/warn"; bad "man --warnings $(basename "$p")"; } \
		|| ok "man --warnings $(basename "$p")"
done

# spcomm(1) against the program: commands, options of every command,
# environment variables read by the code
cmds=$("$spcomm" --help | sed -n '/^Commands:/,/^$/p' | awk '/^  [a-z]/ {print $1}' | sort -u)
[ -n "$cmds" ] || bad "no command in spcomm --help"
for c in $cmds; do
	grep -q "^\.Cm $c\$" "$p1" && ok "spcomm.1: command $c" || bad "spcomm.1 lacks command $c"
	"$spcomm" "$c" --help >>"$tmp/helps"
done
"$spcomm" --help >>"$tmp/helps"
for o in $(grep -o -- '--[a-z][a-z-]*' "$tmp/helps" | sort -u); do
	grep -q -- "Fl \\\\${o#-}\\>" "$p1" && ok "spcomm.1: option $o" || bad "spcomm.1 lacks option $o"
done
for o in $(grep -o -- ' -[a-zA-Z][ ,]' "$tmp/helps" | tr -d ' ,-' | sort -u); do
	grep -q "Fl $o\\>" "$p1" && ok "spcomm.1: option -$o" || bad "spcomm.1 lacks option -$o"
done
for v in $(cat src/*.c | grep -o 'getenv("[A-Z_]*")' | sed 's/getenv("\(.*\)")/\1/' | sort -u); do
	grep -q "^\.It Ev $v\$" "$p1" && ok "spcomm.1: environment $v" || bad "spcomm.1 lacks environment $v"
done

# spcomm-case(5) against the forms
forms=$("$spcomm" forms | awk '{print $1}')
for f in $forms; do
	grep -q "^\.Ss $f\$" "$p5" || { bad "spcomm-case.5 lacks form $f"; continue; }
	n=0 missing=0
	for path in $("$spcomm" forms --markdown "$f" | sed -n 's/^| `\([^`]*\)` |.*/\1/p'); do
		n=$((n + 1))
		# the page lists the form's fields in its own subsection
		sed -n "/^\.Ss $f\$/,/^\.S[sh] /p" "$p5" | grep -qxF ".It Li $path" || missing=$((missing + 1))
	done
	[ "$n" -gt 0 ] && [ "$missing" -eq 0 ] && ok "spcomm-case.5: the $n fields of $f" \
		|| bad "spcomm-case.5: $missing of the $n fields of $f missing"
done

# installed, `man` finds them by name
DESTDIR=$tmp/stage cmake --install "$build" --prefix /usr >/dev/null 2>&1
for page in spcomm spcomm-case; do
	LC_ALL=C.UTF-8 MANWIDTH=80 man -M "$tmp/stage/usr/share/man" "$page" >"$tmp/page" 2>"$tmp/err"
	grep -q "^NAME" "$tmp/page" && grep -q "^SEE ALSO" "$tmp/page" && ! [ -s "$tmp/err" ] \
		&& ok "man $page opens when installed" || { cat "$tmp/err"; bad "man $page"; }
done
finish
