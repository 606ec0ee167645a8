#!/bin/sh
# layers.sh - external headers stay in their modules (docs/architecture.md).
. "$(dirname "$0")/lib.inc"
check() { # check PATTERN ALLOWED-FILES-REGEX DESCRIPTION
	bad_files=$(grep -l "$1" src/*.c src/*.h | grep -Ev "$2" || true)
	[ -z "$bad_files" ] && ok "$3" || bad "$3: $bad_files"
}
check '#include <hpdf' 'src/pdf(_fixups)?\.[ch]$' "libharu only in pdf.c and pdf_fixups.c"
check '#include <hb' 'src/(subset|coverage|shape)\.c$' "HarfBuzz only in subset.c, coverage.c and shape.c"
check '#include <libdeflate.h>' 'src/pdf(_fixups)?\.c$' "libdeflate only in pdf.c and pdf_fixups.c"
check '#include <yaml.h>' 'src/ytree\.c$' "libyaml only in ytree.c"
check '#include <gettext-po.h>' 'src/gettextpo\.h$' "libgettextpo only in gettextpo.h (its table)"
check '#include "gettextpo.h"' 'src/(po|gettextpo)\.c$' "libgettextpo's table only in po.c and gettextpo.c"
check '#include <gmime' 'src/package\.c$' "GMime only in package.c"
check '#include <dlfcn.h>' 'src/(mime|gettextpo)\.c$' "dlopen only in mime.c (the e-mail module) and gettextpo.c (libgettextpo)"
check '#include <unicode/' 'src/(intl|catalog|text|pdf_fixups|i18n|match)\.c$' "ICU only in intl.c, catalog.c, text.c, pdf_fixups.c, i18n.c, match.c"
others=$(grep -h '#include "' src/cli.c | grep -v '"spcomm.h"' || true)
[ -z "$others" ] && ok "cli.c includes only spcomm.h" || bad "cli.c includes $others"
grep -q 'HPDF_SaveToFile *(\|HPDF_Page_TextRect *(' src/*.c && bad "HPDF_SaveToFile or TextRect used" \
	|| ok "no HPDF_SaveToFile, no HPDF_Page_TextRect"
finish
