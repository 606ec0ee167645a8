#!/bin/sh
# golden.sh - golden tests that run the built spcomm as a user does.
#
#   golden.sh SPCOMM SRCDIR diag NAME   tests/bad/NAME.yaml: `spcomm check` output and
#                                      exit status against tests/bad/NAME.diag
#   golden.sh SPCOMM SRCDIR warn NAME   tests/warn/NAME.yaml: a valid case with warnings;
#                                      `spcomm check` output (exit 0, at least one
#                                      warning, no error) against tests/warn/NAME.diag
#   golden.sh SPCOMM SRCDIR case NAME   cases/NAME.yaml: valid; renders; qpdf --check
#                                      passes; pdftotext (no warning) gives
#                                      tests/golden/NAME.en.txt; same bytes twice
#                                      whatever TZ and LANG; and for each other
#                                      language with a tests/golden/NAME.LANG.txt,
#                                      the text of that rendering (bidi marks that
#                                      pdftotext adds to Arabic lines removed)
# UPDATE=1 rewrites the expected files instead of comparing (review the diff).
set -u
spcomm=$1 src=$2 mode=$3 name=$4
cd "$src" || exit 2
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $name: $*"; exit 1; }

case $mode in
diag|warn)
	dir=tests/bad
	[ $mode = warn ] && dir=tests/warn
	in=$dir/$name.yaml want=$dir/$name.diag
	"$spcomm" check --color=never "$in" >"$tmp/out" 2>"$tmp/err"
	echo "exit $?" >"$tmp/got"
	cat "$tmp/err" >>"$tmp/got"
	[ -s "$tmp/out" ] && fail "check wrote to standard output"
	if [ "${UPDATE:-}" = 1 ]; then cp "$tmp/got" "$want"; exit 0; fi
	[ -f "$want" ] || fail "no $want (run with UPDATE=1 and review it)"
	diff -u "$want" "$tmp/got" || fail "diagnostics differ"
	if [ $mode = diag ]; then
		head -n 1 "$want" | grep -q '^exit [12]$' || fail "a bad input must exit 1 or 2"
	else
		head -n 1 "$want" | grep -q '^exit 0$' || fail "a warned case must exit 0"
		grep -q ': warning: ' "$want" || fail "a warned case must warn"
		grep -q ': error: ' "$want" && fail "a warned case has no error"
	fi
	;;
case)
	in=cases/$name.yaml want=tests/golden/$name.en.txt
	"$spcomm" check --color=never "$in" 2>"$tmp/check" || { cat "$tmp/check"; fail "example case is not valid"; }
	SOURCE_DATE_EPOCH=1790000000 TZ=UTC LANG=C.UTF-8 "$spcomm" render -l en -o "$tmp/a.pdf" "$in" >/dev/null 2>"$tmp/err" \
		|| { cat "$tmp/err"; fail "render failed"; }
	# warnings are allowed (the WGEID urgent procedure is one), errors not
	grep -q ': error: ' "$tmp/err" && { cat "$tmp/err"; fail "render printed errors"; }
	SOURCE_DATE_EPOCH=1790000000 TZ=Pacific/Kiritimati LANG=tr_TR.UTF-8 LC_ALL=tr_TR.UTF-8 "$spcomm" render -l en -o "$tmp/b.pdf" "$in" >/dev/null 2>&1 \
		|| fail "second render failed"
	cmp -s "$tmp/a.pdf" "$tmp/b.pdf" || fail "output differs between runs (TZ, LANG)"
	qpdf --check "$tmp/a.pdf" >"$tmp/qpdf" 2>&1 || { cat "$tmp/qpdf"; fail "qpdf --check"; }
	pdftotext -enc UTF-8 "$tmp/a.pdf" "$tmp/got" 2>"$tmp/pdftotext" || fail "pdftotext failed"
	[ -s "$tmp/pdftotext" ] && { cat "$tmp/pdftotext"; fail "pdftotext warned"; }
	if [ "${UPDATE:-}" = 1 ]; then
		mkdir -p tests/golden
		cp "$tmp/got" "$want"
	else
		[ -f "$want" ] || fail "no $want (run with UPDATE=1 and review it)"
		diff -u "$want" "$tmp/got" || fail "extracted text differs"
	fi
	for lang in fr es ru zh ar; do
		want=tests/golden/$name.$lang.txt
		[ -f "$want" ] || [ "${UPDATE:-}" = 1 ] || continue
		SOURCE_DATE_EPOCH=1790000000 "$spcomm" render -l $lang -o "$tmp/$lang.pdf" "$in" >/dev/null 2>"$tmp/err" \
			|| { cat "$tmp/err"; fail "render in $lang failed"; }
		qpdf --check "$tmp/$lang.pdf" >/dev/null 2>&1 || fail "qpdf --check ($lang)"
		pdftotext -enc UTF-8 "$tmp/$lang.pdf" - 2>"$tmp/pdftotext" |
			LC_ALL=C sed 's/\xe2\x80[\xaa-\xae]//g; s/\xe2\x81[\xa6-\xa9]//g' >"$tmp/got.$lang"
		[ -s "$tmp/pdftotext" ] && { cat "$tmp/pdftotext"; fail "pdftotext warned ($lang)"; }
		if [ "${UPDATE:-}" = 1 ]; then cp "$tmp/got.$lang" "$want"; continue; fi
		diff -u "$want" "$tmp/got.$lang" || fail "extracted text differs ($lang)"
	done
	;;
*)
	echo "usage: golden.sh SPCOMM SRCDIR diag|warn|case NAME" >&2; exit 2 ;;
esac
echo "ok: $name"
