#!/bin/sh
# confidential.sh - the generated confidentiality properties
# (tests/confidential/): thousands of cases that write a source's identity
# or a victim's name without consent into every free-text field of the
# three forms, obfuscated (case, line breaks, double spaces, soft hyphens,
# zero-width and bidi characters, NFD, full-width letters, translations
# only, the case id), must be refused by check (the source) or rendered
# without the name in the Government and public copies (pdftotext, gs
# txtwrite, decompressed streams, metadata, file names, manifest); and
# cases a lawyer writes every day (relatives sharing the victim's family
# name, Zhou writing about Guangzhou, "his wife") must be accepted.
# prop.py prints the ok/FAIL lines; known product failures (KNOWN in
# prop.py) are printed as "known:" and not counted.
. "$(dirname "$0")/lib.inc"
export SOURCE_DATE_EPOCH=1790000000

for t in python3 pdftotext gs; do
	command -v "$t" >/dev/null 2>&1 || { bad "$t is not installed (.ci/packages-test)"; finish; }
done

counted prop.py python3 tests/confidential/prop.py "$spcomm" "$src" "$tmp"
finish
