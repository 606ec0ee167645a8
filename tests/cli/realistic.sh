#!/bin/sh
# realistic.sh - the cases of tests/realistic/, written the way a lawyer or
# an NGO writes them, checked against what each one's header declares:
#
#   # expect-warnings: code,code   the set of warning codes `spcomm check`
#                                  gives (none when the line is absent);
#                                  the check must exit 0
#   # langs: en,xx                 the languages rendered (full, Government
#                                  and public copy of each)
#   # source: a; b                 the source's identity: in the full copy,
#                                  in neither the Government nor the public one
#   # withheld-gov: a; b           names the Government may not see: in the
#                                  full copy only
#   # withheld-pub: a; b           in the full and the Government copy, not
#                                  in the public one
#   # shown-gov: a; b              in the full and the Government copy (no
#                                  over-withholding: names and facts)
#   # shown-pub: a; b              in every copy
#   # KEY@xx: a; b                 the same, for the documents in language xx
#                                  only (a narrative translated into xx)
#   # known-bug: text              a product failure the case shows (reported)
#   # bug-KEY: a; b                an expectation that fails because of it:
#                                  checked and reported, never counted
#
# Strings are separated by "; ".  Each is searched in the three views of
# copies.sh (pdftotext, Ghostscript txtwrite, the decompressed file with
# its hex UTF-16 strings decoded), as a reader finds a name (views.pl): at
# word boundaries, case-sensitively, across line breaks.  Every view of
# every copy must show the case id or its neutral replacement, so that no
# check passes because an extractor read nothing.
. "$(dirname "$0")/lib.inc"
export SOURCE_DATE_EPOCH=1790000000
views_pl="$src/tests/cli/views.pl"

for t in pdftotext qpdf gs perl; do
	command -v "$t" >/dev/null 2>&1 || { bad "$t is not installed (.ci/packages-test)"; finish; }
done

# header FILE KEY: the values of every "# KEY:" line, one a line
header() {
	sed -n "s/^# $2: *//p" "$1" | sed 's/; */\n/g' | sed '/^ *$/d'
}

# want_views STRING: the views that must show STRING when it is shown
want_views() {
	if printf '%s' "$1" | perl -CI -ne 'exit(/[\p{Arabic}]/ ? 0 : 1)'; then
		echo "pdftotext raw"    # views.pl: Ghostscript misreads Arabic ligatures
	else
		echo "pdftotext gs raw"
	fi
}

# probe DOC MODE WHAT [bug]: each string on stdin must be shown (MODE
# shows) or hidden (MODE hides) in document DOC ($tmp/DOC.*); with "bug",
# failures are reported as known (xfail) and successes as fixed (xpass)
probe() {
	doc=$1 mode=$2 what=$3 known=${4:-}
	cat >"$w/needles"
	[ -s "$w/needles" ] || return 0
	perl "$views_pl" find "$w/$doc" <"$w/needles" >"$w/found"
	paste -d '\t' "$w/needles" "$w/found" | while IFS="$(printf '\t')" read -r s got; do
		if [ "$mode" = shows ]; then
			want=$(want_views "$s")
			pass=1
			for v in $want; do case " $got " in *" $v "*) ;; *) pass= ;; esac; done
			msg="$doc shows $what '$s' (in: ${got:-none}; want: $want)"
		else
			[ -z "$got" ] && pass=1 || pass=
			msg="$doc hides $what '$s' (found in: ${got:-none})"
		fi
		if [ -n "$known" ]; then
			[ -n "$pass" ] && echo "xpass (known bug fixed?): $msg" || echo "xfail (known bug): $msg"
		elif [ -n "$pass" ]; then echo "ok: $msg"
		else echo "FAIL: $msg"; fi
	done
}

# expectations FILE LANG KEY: the strings of KEY and KEY@LANG
expectations() { header "$1" "$3"; header "$1" "$3@$2"; }

check_case() {
	f=$1 base=$(basename "$1" .yaml)
	w="$tmp/$base"
	mkdir -p "$w"
	sed -n 's/^# known-bug: */known bug: /p' "$f" | sed "s|^|note: $base: |"
	"$spcomm" check --format json "$f" >"$w/check" 2>&1
	st=$?
	expect "$base: spcomm check" 0 "$st"
	got=$(grep -o '"code":"[^"]*"' "$w/check" | sed 's/"code":"//; s/"$//' | sort -u | paste -sd, -)
	want=$(header "$f" expect-warnings | tr ',' '\n' | sed 's/ //g; /^$/d' | sort -u | paste -sd, -)
	if [ "$got" = "$want" ]; then ok "$base: warnings {${got}}"
	else bad "$base: warnings {${got}}, header says {${want}}"; fi
	[ "$st" = 0 ] || return 0
	langs=$(header "$f" langs | tr ',' ' ')
	for lang in ${langs:-en}; do
		out="$w/out-$lang"
		mkdir -p "$out"
		"$spcomm" render -d "$out" -l "$lang" --copy full --copy government --copy public \
		    "$f" >"$w/list" 2>"$w/err"
		expect "$base.$lang: three copies rendered" 0 $?
		for copy in full government public; do
			case $copy in
			full) pdf=$(grep -v '\.government\.pdf$\|\.public\.pdf$' "$w/list") ;;
			*) pdf=$(grep "\.$copy\.pdf\$" "$w/list") ;;
			esac
			[ -f "$pdf" ] || { bad "$base.$lang: no $copy copy"; continue; }
			perl "$views_pl" extract "$pdf" "$w/$base.$lang.$copy"
			# the id each copy shows: the case's own or the neutral one
			id=$(basename "$pdf" | sed 's/\.[a-z][a-z]\(\.government\|\.public\)\{0,1\}\.pdf$//')
			echo "$id" | probe "$base.$lang.$copy" shows "its id" >>"$w/ids"
		done
		d="$base.$lang"
		{
			cat "$w/ids" && rm -f "$w/ids"
			expectations "$f" "$lang" source | tee "$w/all" | probe "$d.full" shows "source"
			expectations "$f" "$lang" source | probe "$d.government" hides "source"
			expectations "$f" "$lang" source | probe "$d.public" hides "source"
			expectations "$f" "$lang" withheld-gov | tee -a "$w/all" | probe "$d.full" shows "name"
			expectations "$f" "$lang" withheld-gov | probe "$d.government" hides "name withheld"
			expectations "$f" "$lang" withheld-gov | probe "$d.public" hides "name withheld"
			expectations "$f" "$lang" withheld-pub | probe "$d.full" shows "name"
			expectations "$f" "$lang" withheld-pub | probe "$d.public" hides "name not published"
			expectations "$f" "$lang" shown-gov | probe "$d.full" shows "name or fact"
			expectations "$f" "$lang" shown-gov | probe "$d.government" shows "name or fact"
			expectations "$f" "$lang" shown-pub | probe "$d.full" shows "name or fact"
			expectations "$f" "$lang" shown-pub | probe "$d.government" shows "name or fact"
			expectations "$f" "$lang" shown-pub | probe "$d.public" shows "name or fact"
			# withheld-pub names are the Government's unless marked otherwise
			# (or a known bug hides them there)
			expectations "$f" "$lang" bug-shown-gov >>"$w/all"
			expectations "$f" "$lang" withheld-pub | grep -vxF -f "$w/all" |
			    probe "$d.government" shows "name (consent given)"
			for k in source withheld-gov withheld-pub shown-gov shown-pub; do
				case $k in
				source|withheld-gov) expectations "$f" "$lang" "bug-$k" | probe "$d.government" hides "$k" bug ;;
				withheld-pub) expectations "$f" "$lang" "bug-$k" | probe "$d.public" hides "$k" bug ;;
				shown-gov) expectations "$f" "$lang" "bug-$k" | probe "$d.government" shows "$k" bug ;;
				shown-pub) expectations "$f" "$lang" "bug-$k" | probe "$d.public" shows "$k" bug ;;
				esac
			done
		} >"$w/results.$d"
		cat "$w/results.$d"
		rm -rf "$out"
	done
}

# four cases at a time (each writes only under $tmp/NAME); the counts
# are taken from the lines they print
n=0
for f in tests/realistic/*.yaml; do
	check_case "$f" >"$tmp/$(basename "$f" .yaml).out" 2>&1 &
	n=$((n + 1))
	[ $((n % 4)) -ne 0 ] || wait
done
wait
for f in tests/realistic/*.yaml; do
	out="$tmp/$(basename "$f" .yaml).out"
	cat "$out"
	passed=$((passed + $(grep -c '^ok:' "$out")))
	failed=$((failed + $(grep -c '^FAIL:' "$out")))
done
[ "$n" -ge 12 ] && ok "$n realistic cases" || bad "only $n realistic cases (want 12 or more)"
finish
