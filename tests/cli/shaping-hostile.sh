#!/bin/sh
# shaping-hostile.sh - HarfBuzz shaping against text a stranger types
# (tests/shaping/hostile.py says what is typed and how it is read back):
# Arabic letter forms with harakat, lam-alef with marks, digits and Latin
# in Arabic, Persian and Urdu letters, Vietnamese NFC and NFD, Latin marks
# without a composed glyph, Cyrillic and Greek kerning, Chinese with
# full-width punctuation, ZWJ/ZWNJ, bidi controls, a word longer than a
# line, 100,000 characters of Arabic and of Chinese, Private Use Area
# characters, Arabic victim names in the three copies, the same bytes
# every time.
. "$(dirname "$0")/lib.inc"
for t in python3 pdftotext pdftoppm pdffonts pdfinfo qpdf hb-shape; do
	command -v "$t" >/dev/null 2>&1 || { bad "$t is not installed (.ci/packages-test)"; finish; }
done
python3 -c 'import yaml' 2>/dev/null || { bad "python3-yaml is not installed (.ci/packages)"; finish; }
# peak memory is compared only when it is the program's own
if ldd "$spcomm" 2>/dev/null | grep -q 'libasan\|libubsan\|libtsan'; then
	SPCOMM_SANITIZED=1
	export SPCOMM_SANITIZED
fi
counted hostile.py python3 tests/shaping/hostile.py "$spcomm" "$src" "$tmp"
finish
