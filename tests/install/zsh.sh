#!/bin/sh
# zsh.sh - the zsh completion installed with spcomm: zsh -n accepts it; it
# offers the commands of `spcomm --help`, for each command the options of
# its --help and of every command (and no option the program lacks), the
# forms of `spcomm forms` of the installed tree, and the six languages.
# zsh's completion system runs only inside its line editor, so its
# functions are run here with _arguments, _describe and _values replaced
# by ones that print what they were given.
. "$(dirname "$0")/../cli/lib.inc"
. "$(dirname "$0")/lib.inc"
command -v zsh >/dev/null || { bad "no zsh (Debian package zsh, in .ci/packages-test)"; finish; }

DESTDIR=$tmp/stage cmake --install "$build" --prefix /usr >/dev/null 2>&1
bin=$tmp/stage/usr/bin/spcomm
comp=$tmp/stage/usr/share/zsh/vendor-completions/_spcomm
[ -s "$comp" ] && ok "zsh completion installed" || { bad "no $comp"; finish; }
zsh -n "$comp" && ok "zsh -n accepts it" || bad "zsh -n refuses it"
head -n 1 "$comp" | grep -qx '#compdef spcomm' && ok "#compdef spcomm on its first line" ||
    bad "first line: $(head -n 1 "$comp")"

# inzsh SCRIPT: run SCRIPT in zsh with the completion's functions defined
# and the completion system's own functions replaced by printers
inzsh() {
	env -u SPCOMM_DATA_DIR zsh -f -c '
		_arguments() { print -rl -- "$@" }
		_describe() { local a; for a in "${@[-1]}"; do
			[[ $a == "("*")" ]] && print -rl -- ${(z)${${a#\(}%\)}} || print -rl -- "${(@P)a}"; done }
		_values() { print -rl -- "$@" }
		_call_program() { shift; eval "$*" }
		. "$1"
		eval "$2"' sh "$comp" "$1"
}

# the commands
"$spcomm" --help | sed -n '/^Commands:/,/^$/p' | awk '/^  [a-z]/ {print $1}' | sort -u >"$tmp/cmds"
inzsh '_describe -t commands command _spcomm_commands' | cut -d: -f1 | sort -u >"$tmp/got"
cmp -s "$tmp/cmds" "$tmp/got" && ok "the commands of spcomm --help: $(echo $(cat "$tmp/cmds"))" ||
    bad "commands: got '$(echo $(cat "$tmp/got"))', want '$(echo $(cat "$tmp/cmds"))'"

# the options of each command, as bash's test checks them
(for c in $(cat "$tmp/cmds"); do "$spcomm" "$c" --help; done; "$spcomm" --help) |
    grep -o -- '--[a-z][a-z-]*' | sort -u >"$tmp/all"
for c in $(cat "$tmp/cmds"); do
	("$spcomm" "$c" --help; "$spcomm" --help | sed -n '/^Options for every command:/,$p') |
	    grep -o -- '--[a-z][a-z-]*' | grep -v -- '--version' | sort -u >"$tmp/want"
	f=_spcomm_$c
	[ "$c" = forms ] && f=_spcomm_forms_cmd
	# each option spec: an optional (exclusion list), then the option
	inzsh "$f" | sed 's/^([^)]*)//; s/^[*]//' | grep -o '^--[a-z][a-z-]*' | sort -u >"$tmp/got"
	missing=$(comm -23 "$tmp/want" "$tmp/got") extra=$(comm -23 "$tmp/got" "$tmp/all")
	[ -z "$missing$extra" ] && [ -s "$tmp/got" ] && ok "spcomm $c: the options of its --help" ||
	    bad "spcomm $c: missing '$(echo $missing)', unknown '$(echo $extra)'"
done
inzsh _spcomm | sed 's/^([^)]*)//' | grep -q '^--version' && ok "--version before a command" ||
    bad "no --version at the top"

# the forms, from the installed program and its own data
"$bin" forms | awk '{print $1}' | sort >"$tmp/want"
inzsh "_spcomm_line=(${bin} new); _spcomm_forms" | cut -d: -f1 | sort >"$tmp/got"
[ -s "$tmp/want" ] && cmp -s "$tmp/want" "$tmp/got" && ok "forms: $(echo $(cat "$tmp/want"))" ||
    bad "forms: got '$(echo $(cat "$tmp/got"))', want '$(echo $(cat "$tmp/want"))'"
inzsh "_spcomm_line=(${bin} new); _spcomm_forms" | grep -q '^sp-general:[A-Z]' &&
    ok "each form with its title" || bad "no title after the form key"
# --data-dir on the line is passed on: an empty forms/ lists nothing
mkdir -p "$tmp/empty/forms"
n=$(inzsh "_spcomm_line=(${bin} --data-dir $tmp/empty new); _spcomm_forms" | grep -c .)
[ "$n" = 0 ] && ok "--data-dir of the line is used" || bad "--data-dir ignored ($n forms)"

# the languages: a comma-separated list, and one language for new
langs=$(inzsh _spcomm_langs | tr '\n' ' ')
[ "$langs" = "-s , language en fr es ru zh ar " ] && ok "languages, comma-separated" ||
    bad "languages: '$langs'"
langs=$(inzsh _spcomm_lang | sort | tr '\n' ' ')
[ "$langs" = "ar en es fr ru zh " ] && ok "one language" || bad "one language: '$langs'"

# The whole completion system, as a user meets it: an interactive zsh in
# a pseudo-terminal (zsh/zpty) with the installed directory in $fpath,
# TAB typed after "spcomm LINE"; compadd is wrapped to write down what is
# offered.  complete LINE prints the candidates, sorted, on one line.
complete() {
	log=$tmp/zlog
	: >"$log"
	(cd "$tmp" && env -u SPCOMM_DATA_DIR zsh -f -c '
		zmodload zsh/zpty || exit 1
		zpty z zsh -f -i
		zpty -w z "fpath=(${(q)1} \$fpath); autoload -Uz compinit; compinit -u -D; path=(${(q)2} \$path)"
		zpty -w z "compadd() { builtin compadd \"\$@\"; local r=\$?; builtin compadd -O _m \"\$@\" 2>/dev/null; print -rl -- \"\${_m[@]}\" >>${(q)3}; return r }"
		zpty -w z "zstyle \":completion:*\" menu no"
		zpty -n -w z "spcomm $4"$'"'"'\t'"'"'
		for i in {1..100}; do [[ -s $3 ]] && break; sleep 0.1; done
		sleep 0.3
		zpty -d z' sh "${comp%/*}" "${bin%/*}" "$log" "$1") >/dev/null 2>&1
	sed '/^$/d' "$log" | sort -u | tr '\n' ' ' | sed 's/ $//'
}
same() { # same LINE EXPECTED: the candidates of LINE are EXPECTED
	got=$(complete "$1")
	[ "$got" = "$2" ] && ok "zsh: spcomm $1<TAB>: $2" || bad "zsh: spcomm $1<TAB>: got '$got', want '$2'"
}
same "re" render
same "new " "sp-general wgad wgeid"
same "render -l en,f" fr
same "render --c" "--color --copy"
same "i18n " "check export extract import status"
same "render --copy g" government
finish
