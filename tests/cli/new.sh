#!/bin/sh
# new.sh - `spcomm new FORM`: for every form in forms/, the template is
# valid YAML that `spcomm check` rejects only at its placeholders, and
# once a script fills the placeholders the case passes `check` and
# renders a PDF that shows the values filled in.
. "$(dirname "$0")/lib.inc"

# Fill the placeholders of a template with plausible values.  Every
# free-text value gets a token of its own (T<line number>) so that no SRC
# string turns up inside a narrative (that would be a source leak); enum
# values are the first allowed one, except where the case would then be
# inconsistent: an urgent appeal (the first type) needs an ongoing
# incident, a detainee who was released has the end date the
# template asks for, and a WGEID case comes from a relative (anyone else
# needs the family's consent, given by a relative).
fill() {
	awk -v form="$2" '
	/^ *#/ { print; next }
	{
		line = $0
		key = line; sub(/^[ -]*/, "", key); sub(/:.*/, "", key)
		tok = sprintf("T%04d", NR)
		if (key == "id" && line ~ /""/) sub(/""/, "\"new-" form "\"", line)
		else if (key == "date_of_birth") sub(/"<date[^"]*>"/, "1980-05-14", line)
		else sub(/""/, "\"" tok "\"", line)
		sub(/"<date YYYY-MM-DD>"/, "2026-03-01", line)
		sub(/"<date: [^"]*>"/, "2026-01-15", line)
		sub(/"<time HH:MM>"/, "\"10:30\"", line)
		sub(/"<true or false>"/, "true", line)
		sub(/"<yes, no or unknown>"/, "\"yes\"", line)
		sub(/"<whole number>"/, "3", line)
		sub(/"<country: [^"]*>"/, "KG", line)
		sub(/"<e-mail address>"/, "source@example.org", line)
		sub(/"<language tag[^"]*>"/, "en", line)
		if (match(line, /"<one of: [^"]*>"/)) {
			vals = substr(line, RSTART + 10, RLENGTH - 12)
			split(vals, v, ", ")
			pick = v[1]
			if (vals ~ /(^|, )ongoing(,|$)/) pick = "ongoing"
			if (vals ~ /(^|, )released(,|$)/ && vals ~ /(^|, )deceased(,|$)/) pick = "released"
			if (form == "wgeid" && vals ~ /(^|, )relative(,|$)/) pick = "relative"
			line = substr(line, 1, RSTART - 1) "\"" pick "\"" substr(line, RSTART + RLENGTH)
		}
		print line
	}' "$1"
}

n_forms=0
for form_file in forms/*.yaml; do
	form=$(basename "$form_file" .yaml)
	case $form in common|mandates) continue ;; esac
	n_forms=$((n_forms + 1))
	t="$tmp/$form.yaml"
	"$spcomm" new "$form" >"$t" 2>"$tmp/err"
	expect "new $form" 0 $?
	[ -s "$t" ] || { bad "$form: empty template: $(cat "$tmp/err")"; continue; }
	grep -q "$(printf '\t')" "$t" && bad "$form: tab in the template" || ok "$form: no tabs"
	grep -Eq '^[^#]*: *[&*!]' "$t" && bad "$form: anchor, alias or tag" || ok "$form: no anchors"
	grep -q "^form: $form\$" "$t" && grep -q '^spcomm: 1$' "$t" && grep -q '^language: en$' "$t" \
		&& ok "$form: spcomm, form and language filled in" || bad "$form: header not filled in"

	# The raw template: invalid, and only at its placeholders.  A field
	# marked "Required if ..." whose condition does not hold (or reads a
	# placeholder) is a does-not-apply warning instead, at its key: the
	# warning covers the lines of its block (those indented deeper).
	"$spcomm" check --color=never "$t" >/dev/null 2>"$tmp/diag"
	expect "$form: raw template fails check" 1 $?
	grep ": error: " "$tmp/diag" | grep "^$t:" | cut -d: -f2 | sort -u >"$tmp/err_only"
	grep -F "[does-not-apply]" "$tmp/diag" | grep "^$t:" | cut -d: -f2 | sort -un >"$tmp/dna_lines"
	[ -s "$tmp/dna_lines" ] && ok "$form: fields that need not be filled are warned about" \
		|| bad "$form: no does-not-apply warning on the raw template"
	awk 'NR == FNR { dna[$1] = 1; next }
	     /^ *#/ { next }
	     { ind = match($0, /[^ -]/) - 1
	       if (open && ind <= open_ind) open = 0
	       if (FNR in dna) { open = 1; open_ind = ind; print FNR; next }
	       if (open) print FNR }' "$tmp/dna_lines" "$t" | sort -u >"$tmp/dna_block"
	sort -u "$tmp/err_only" "$tmp/dna_block" >"$tmp/err_lines"
	comm -12 "$tmp/err_only" "$tmp/dna_block" | grep -q . \
		&& bad "$form: a field both in error and said not to apply" || ok "$form: no field both ways"
	grep -vn '^ *#' "$t" | grep -E '""|"<[^"]*>"' | cut -d: -f1 | sort -u >"$tmp/ph_lines"
	n_err=$(wc -l <"$tmp/err_lines") n_ph=$(wc -l <"$tmp/ph_lines")
	[ "$n_ph" -gt 0 ] && ok "$form: $n_ph placeholders" || bad "$form: no placeholders"
	stray=$(comm -23 "$tmp/err_only" "$tmp/ph_lines" | tr '\n' ' ')
	[ -z "$stray" ] && ok "$form: every error is at a placeholder" \
		|| bad "$form: errors away from placeholders at lines $stray: $(grep ': error: ' "$tmp/diag" | head -n 3)"
	missed=$(comm -13 "$tmp/err_lines" "$tmp/ph_lines" | tr '\n' ' ')
	[ -z "$missed" ] && ok "$form: every placeholder is reported" \
		|| bad "$form: placeholders check accepts, lines $missed"

	# Filled in: valid (warnings for the optional fields left out are
	# fine), and rendered with the values.
	mkdir -p "$tmp/$form"
	f="$tmp/$form/case.yaml"
	fill "$t" "$form" >"$f"
	"$spcomm" check --color=never "$f" >/dev/null 2>"$tmp/diag"
	expect "$form: filled template passes check" 0 $?
	grep ": error: " "$tmp/diag" | head -n 5
	"$spcomm" render -o "$tmp/$form/case.pdf" "$f" >/dev/null 2>"$tmp/err"
	expect "$form: filled template renders" 0 $?
	if pdftotext "$tmp/$form/case.pdf" "$tmp/$form/case.txt" 2>/dev/null; then
		# the case id, a name and a narrative of the person concerned,
		# the country of the first place
		tr -s ' \n' '  ' <"$tmp/$form/case.txt" >"$tmp/$form/flat.txt"
		want="new-$form Kyrgyzstan"
		for k in family description; do
			v=$(grep -E "^ *$k: \"T[0-9]{4}\"" "$f" | head -n 1 | sed 's/.*"\(T[0-9]*\)".*/\1/')
			[ -n "$v" ] && want="$want $v"
		done
		for v in $want; do
			grep -q -- "$v" "$tmp/$form/flat.txt" && ok "$form: PDF shows $v" \
				|| bad "$form: PDF lacks $v"
		done
	else
		bad "$form: pdftotext cannot read the PDF"
	fi
done
[ "$n_forms" -gt 0 ] && ok "$n_forms forms covered" || bad "no form in forms/"

# Labels in another language; the case's language stays one the
# secretariat accepts.
if [ -f locale/ru.yaml ]; then
	"$spcomm" new -l ru sp-general >"$tmp/ru.yaml" 2>"$tmp/err"
	expect "new -l ru" 0 $?
	grep -q '^language: en$' "$tmp/ru.yaml" && ok "-l ru: language en" || bad "-l ru: language"
	# Cyrillic letters begin with byte 0xD0 or 0xD1 in UTF-8
	grep -q "$(printf '\320')" "$tmp/ru.yaml" && ok "-l ru: Russian labels" || bad "-l ru: no Russian"
fi

"$spcomm" new nope >/dev/null 2>"$tmp/err"; expect "unknown form" 2 $?
grep -q "sp-general" "$tmp/err" && ok "unknown form: names the forms" || bad "message: $(cat "$tmp/err")"
"$spcomm" new --help >"$tmp/out" 2>&1; expect "new --help" 0 $?
grep -q "Usage: spcomm new" "$tmp/out" && ok "new --help text" || bad "help: $(cat "$tmp/out")"
"$spcomm" new >/dev/null 2>&1; expect "new without a form" 2 $?
"$spcomm" new sp-general wgeid >/dev/null 2>&1; expect "new with two forms" 2 $?
"$spcomm" new -l xx sp-general >/dev/null 2>&1; expect "new with an unknown language" 2 $?
"$spcomm" new -l en,ru sp-general >/dev/null 2>&1; expect "new with two languages" 2 $?
"$spcomm" --help | grep -q "new FORM" && ok "usage mentions new" || bad "usage lacks new"
finish
