#!/bin/sh
# footer.sh - every page's footer holds the whole case id and the whole
# marking of the copy (layout.c, footers): with the longest id a case may
# have (64 characters) and the longest markings (Russian's full copy,
# "... конфиденциально, только для УВКПЧ"), in each copy and in the
# languages written left to right, on every page.
. "$(dirname "$0")/lib.inc"
export SOURCE_DATE_EPOCH=1790000000
command -v pdftotext >/dev/null 2>&1 || { bad "pdftotext is not installed (.ci/packages-test)"; finish; }

id=ua-2026-kg-bishkek-lawyers-detention-incommunicado-appeal-0001xy
[ ${#id} -eq 64 ] || { bad "the id is ${#id} characters, want 64"; finish; }
mkdir -p "$tmp/c" "$tmp/o"
sed "s/^id: .*/id: $id/" cases/ua-detained-lawyer.yaml >"$tmp/c/long.yaml"
cp -R cases/annexes "$tmp/c/"
for lang in en fr es ru; do
	for copy in full government public; do
		"$spcomm" render -l "$lang" --copy "$copy" -o "$tmp/o/$lang.$copy.pdf" "$tmp/c/long.yaml" \
		    >/dev/null 2>"$tmp/err"
		expect "$lang $copy: render" 0 $?
		mark=$(sed -n "s/^doc\.copy\.$copy: \"\(.*\)\"$/\1/p" "locale/$lang.yaml")
		pages=$(pdfinfo "$tmp/o/$lang.$copy.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
		missing=""
		for p in $(seq 1 "${pages:-0}"); do
			text=$(pdftotext -f "$p" -l "$p" "$tmp/o/$lang.$copy.pdf" - | tr -s ' \n' '  ')
			case $text in *"$mark"*) ;; *) missing="$missing marking@$p" ;; esac
			# the government and public copies of this case keep its id
			case $text in *"$id"*) ;; *) missing="$missing id@$p" ;; esac
		done
		[ -n "$pages" ] && [ -z "$missing" ] && ok "$lang $copy: $pages pages, each with the whole id and \"$mark\"" ||
		    bad "$lang $copy: missing$missing"
	done
done
finish
