# bash completion for spcomm(1): commands, options, forms, languages,
# copies, and case files.  Installed as
# share/bash-completion/completions/spcomm; follows the commands and
# options of src/cli.c (tests/cli/install.sh checks them against
# `spcomm --help`).  Needs only bash: no helper of the bash-completion
# package is used.

_spcomm_langs="en fr es ru zh ar"

# The forms the program knows, from `spcomm forms` (the data directory
# given on the line, if any, is passed on).
_spcomm_forms()
{
	local i data=() IFS=$' \t\n'
	for ((i = 1; i < ${#COMP_WORDS[@]}; i++)); do
		if [[ ${COMP_WORDS[i]} == --data-dir && $((i + 1)) -lt ${#COMP_WORDS[@]} ]]; then
			data=(--data-dir "${COMP_WORDS[i + 1]}")
		fi
	done
	"${COMP_WORDS[0]}" forms "${data[@]}" 2>/dev/null | while read -r key _; do
		printf '%s\n' "$key"
	done
}

_spcomm()
{
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
	local c=1 cmd IFS=$'\n'
	COMPREPLY=()

	# the command: the first word that is neither a global option (they
	# may come before it) nor the value of one
	while ((c < COMP_CWORD)); do
		case ${COMP_WORDS[c]} in
		--data-dir | --font-dir) ((c += 2)) ;;
		--color) if [[ ${COMP_WORDS[c + 1]} == = ]]; then ((c += 3)); else ((c += 2)); fi ;;
		-*) ((c++)) ;;
		*) break ;;
		esac
	done
	cmd=${COMP_WORDS[c]}

	# --opt=value arrives as three words: --opt, =, value
	if [[ $prev == = && $COMP_CWORD -ge 2 ]]; then
		prev=${COMP_WORDS[COMP_CWORD - 2]}
	elif [[ $cur == = ]]; then
		cur=
	fi

	if ((COMP_CWORD <= c)) && [[ $prev != --data-dir && $prev != --font-dir && $prev != --color ]]; then
		local words=$'check\nrender\nbatch\npackage\nmanifest\nnew\nforms\ni18n\n--help\n--version'
		# the global options that may come before the command, once asked for
		[[ $cur == --?* ]] && words+=$'\n--data-dir\n--font-dir\n--color='
		COMPREPLY=($(compgen -W "$words" -- "$cur"))
		[[ ${COMPREPLY[0]} == *= ]] && compopt -o nospace 2>/dev/null
		return
	fi

	case $prev in
	-l | --lang)
		# a comma-separated list: complete the last element
		local done=${cur%,*} last=${cur##*,}
		if [[ $done == "$cur" ]]; then done=; else done=$done,; fi
		[[ $cmd == new ]] && done=
		COMPREPLY=($(compgen -P "$done" -W "${_spcomm_langs// /$'\n'}" -- "$last"))
		compopt -o nospace 2>/dev/null
		return
		;;
	--copy)
		COMPREPLY=($(compgen -W $'full\ngovernment\npublic' -- "$cur"))
		return
		;;
	--format)
		COMPREPLY=($(compgen -W $'text\njson' -- "$cur"))
		return
		;;
	--color)
		COMPREPLY=($(compgen -W $'auto\nalways\nnever' -- "$cur"))
		return
		;;
	-d | --dir | --data-dir | --font-dir)
		COMPREPLY=($(compgen -d -- "$cur"))
		compopt -o filenames 2>/dev/null
		return
		;;
	-o | --output | --inputs)
		COMPREPLY=($(compgen -f -- "$cur"))
		compopt -o filenames 2>/dev/null
		return
		;;
	-j | --jobs | --shard)
		return
		;;
	esac

	local opts=$'--data-dir\n--font-dir\n--color=\n--help'
	case $cmd in
	check) opts+=$'\n--format' ;;
	render) opts+=$'\n--lang\n--output\n--dir\n--copy\n--pdfa\n--force\n--translations\n--format' ;;
	batch) opts+=$'\n--dir\n--lang\n--jobs\n--copy\n--pdfa\n--package\n--resume\n--shard\n--force\n--quiet' ;;
	package) opts+=$'\n--lang\n--dir\n--pdfa\n--force' ;;
	manifest) opts+=$'\n--output\n--force\n--inputs' ;;
	new) opts+=$'\n--lang' ;;
	forms) opts+=$'\n--markdown\n--json-schema\n--lang' ;;
	i18n) opts+=$'\n--lang\n--output\n--force\n--translations' ;;
	*) return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$opts" -- "$cur"))
		[[ ${COMPREPLY[0]} == *= ]] && compopt -o nospace 2>/dev/null
		return
	fi

	# the operands: the first word after the command that is neither an
	# option nor an option's argument
	local i n=0
	for ((i = c + 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		-l | --lang | -o | --output | -d | --dir | --data-dir | --font-dir | --copy | \
			--format | -j | --jobs | --shard | --translations | --inputs) ((i++)) ;;
		--color) [[ ${COMP_WORDS[i + 1]} == = ]] && ((i += 2)) ;;
		-*) ;;
		*) ((n++)) ;;
		esac
	done
	case $cmd in
	new | forms)
		((n == 0)) && COMPREPLY=($(compgen -W "$(_spcomm_forms)" -- "$cur"))
		;;
	i18n)
		if ((n == 0)); then
			COMPREPLY=($(compgen -W $'check\nstatus\nextract\nexport\nimport' -- "$cur"))
		elif [[ ${COMP_WORDS[*]} == *status* || ${COMP_WORDS[*]} == *extract* ]]; then
			COMPREPLY=($(compgen -f -X '!*.yaml' -- "$cur") $(compgen -d -- "$cur"))
			compopt -o filenames 2>/dev/null
		elif [[ ${COMP_WORDS[*]} == *import* ]]; then
			COMPREPLY=($(compgen -f -X '!*.po' -- "$cur") $(compgen -d -- "$cur"))
			compopt -o filenames 2>/dev/null
		fi
		;;
	manifest)
		if ((n == 0)); then
			COMPREPLY=($(compgen -W merge -- "$cur"))
		else
			# manifests, and the batch directories that hold them
			COMPREPLY=($(compgen -f -X '!*.jsonl' -- "$cur") $(compgen -d -- "$cur"))
			compopt -o filenames 2>/dev/null
		fi
		;;
	check | render | batch | package)
		# case files, and directories to walk into (batch takes them too)
		COMPREPLY=($(compgen -f -X '!*.yaml' -- "$cur") $(compgen -d -- "$cur"))
		compopt -o filenames 2>/dev/null
		;;
	esac
}
complete -F _spcomm spcomm
