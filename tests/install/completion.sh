#!/bin/sh
# completion.sh - the bash completion installed with spcomm completes the
# commands of `spcomm --help`, the options of each command's --help, the
# forms of `spcomm forms` (from the installed tree), the output languages
# (also after a comma), the copies, and case files.
. "$(dirname "$0")/../cli/lib.inc"
. "$(dirname "$0")/lib.inc"
command -v bash >/dev/null || { bad "no bash"; finish; }

DESTDIR=$tmp/stage cmake --install "$build" --prefix /usr >/dev/null 2>&1
bin=$tmp/stage/usr/bin/spcomm
comp=$tmp/stage/usr/share/bash-completion/completions/spcomm
[ -s "$comp" ] && ok "completion installed" || { bad "no $comp"; finish; }
mkdir -p "$tmp/work/sub" && : >"$tmp/work/a.yaml" && : >"$tmp/work/notes.txt"

# complete LINE: the candidates bash offers for the last word of
# "spcomm LINE" (a LINE ending in a space completes an empty word), one a
# line, sorted; run in $tmp/work, the installed program as word 0
complete() {
	(cd "$tmp/work" && env -u SPCOMM_DATA_DIR bash -c '
		. "$1"
		read -ra COMP_WORDS <<<"$2 $3"
		case $3 in *" " | "") COMP_WORDS+=("") ;; esac
		COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		_spcomm
		printf "%s\n" "${COMPREPLY[@]}"' sh "$comp" "$bin" "$1") | sed '/^$/d' | sort
}
# same LINE EXPECTED...: the candidates are exactly EXPECTED
same() {
	line=$1
	shift
	want=$(printf '%s\n' "$@" | sort)
	got=$(complete "$line")
	[ "$got" = "$want" ] && ok "spcomm $line<TAB>: $*" || bad "spcomm $line<TAB>: got '$(echo $got)', want '$*'"
}

cmds=$("$spcomm" --help | sed -n '/^Commands:/,/^$/p' | awk '/^  [a-z]/ {print $1}' | sort -u)
same "" $cmds --help --version
same "re" render
same "--data-dir . re" render
same "--color=never --data-dir . check --f" --format --font-dir
same "--d" --data-dir
same "new " $("$spcomm" forms | awk '{print $1}')
same "forms w" $("$spcomm" forms | awk '{print $1}' | grep '^w')
same "new -l " en fr es ru zh ar
same "render -l e" en es
same "render -l en,f" en,fr
same "batch -d out --lang en,fr,r" en,fr,ru
same "render --copy g" government
same "check --format " text json
same "check --color = a" auto always
same "i18n " check export extract import status
same "manifest " merge
same "check " a.yaml sub
same "render -l en " a.yaml sub
# every option a command's --help names, and only options the program has
(for c in $cmds; do "$spcomm" "$c" --help; done; "$spcomm" --help) | grep -o -- '--[a-z][a-z-]*' | sort -u >"$tmp/all"
for c in $cmds; do
	("$spcomm" "$c" --help; "$spcomm" --help | sed -n '/^Options for every command:/,$p') \
		| grep -o -- '--[a-z][a-z-]*' | grep -v -- '--version' | sort -u >"$tmp/want"
	complete "$c --" | sed 's/=$//' >"$tmp/got"
	missing=$(comm -23 "$tmp/want" "$tmp/got") extra=$(comm -23 "$tmp/got" "$tmp/all")
	[ -z "$missing$extra" ] && ok "spcomm $c --<TAB>: the options of its --help" \
		|| bad "spcomm $c --<TAB>: missing '$(echo $missing)', unknown '$(echo $extra)'"
done
finish
