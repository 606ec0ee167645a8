#!/bin/sh
# schema.sh - `spcomm forms --json-schema FORM` and the modeline of `spcomm
# new`.  The schemas themselves (valid, deterministic, as built; every
# case `spcomm check` accepts validates; misspelt keys and enumerated
# values refused) are checked by schema.py with python3-jsonschema.
. "$(dirname "$0")/lib.inc"
schema_dir=$(cd "$(dirname "$spcomm")/.." && pwd)/schema

python3 tests/cli/schema.py "$spcomm" "$schema_dir" >"$tmp/py" 2>&1
st=$?
cat "$tmp/py"
expect "schema.py: the schemas against the bundled cases" 0 $st

# The modeline names the schema the build wrote for the form and language,
# by its absolute path, and that file is what the program prints.
for form in $("$spcomm" forms | awk '{print $1}'); do
	for lang in en fr ar; do
		first=$("$spcomm" new "$form" -l "$lang" | head -n 1)
		ref=${first#"# yaml-language-server: \$schema="}
		if [ "$ref" != "$first" ] && [ "$ref" = "$schema_dir/$form.$lang.json" ] &&
		    "$spcomm" forms --json-schema "$form" -l "$lang" | cmp -s - "$ref"; then
			ok "new $form -l $lang: modeline names $ref"
		else
			bad "new $form -l $lang: first line '$first'"
		fi
	done
done

# A data directory of its own with schema/ (as installed): its schema, as a
# file: URI when the path has a blank; without schema/: a schema beside the
# case, and the command that writes it.
d="$tmp/data dir"
mkdir -p "$d/schema" && cp -r forms locale "$d/"
"$spcomm" forms --json-schema wgeid -l fr >"$d/schema/wgeid.fr.json"
first=$("$spcomm" new wgeid -l fr --data-dir "$d" 2>&1 | head -n 1)
case $first in
"# yaml-language-server: \$schema=file://"*"/data%20dir/schema/wgeid.fr.json") ok "data dir with a blank: file: URI ($first)" ;;
*) bad "data dir with a blank: '$first'" ;;
esac
rm -r "$d/schema"
"$spcomm" new wgad --data-dir "$d" >"$tmp/t.yaml" 2>&1
if [ "$(head -n 1 "$tmp/t.yaml")" = "# yaml-language-server: \$schema=wgad.en.json" ] &&
    sed -n 2p "$tmp/t.yaml" | grep -q "spcomm forms --json-schema wgad -l en > wgad.en.json"; then
	ok "data dir without schema/: the schema beside the case, and how to write it"
else
	bad "data dir without schema/: $(head -n 2 "$tmp/t.yaml")"
fi

# Usage errors: no form, two forms, with --markdown, two languages.
for args in "forms --json-schema" "forms --json-schema wgeid wgad" \
    "forms --json-schema --markdown wgeid" "forms --json-schema wgeid -l en,fr"; do
	# shellcheck disable=SC2086
	"$spcomm" $args >"$tmp/out" 2>"$tmp/err"
	st=$?
	if [ $st -eq 2 ] && [ ! -s "$tmp/out" ] && grep -q "^spcomm: " "$tmp/err"; then
		ok "spcomm $args: usage error"
	else
		bad "spcomm $args: exit $st, $(cat "$tmp/err")"
	fi
done
finish
