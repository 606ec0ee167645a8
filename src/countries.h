/*
 * countries.h - the UN short names of countries, per language, where they
 * differ from ICU's (CLDR) display names: "Viet Nam", "Türkiye",
 * "Iran (Islamic Republic of)".  Data in locale/countries.yaml; every other
 * name comes from ICU (intl_country_name).  Immutable once loaded, but for
 * the index of names countries_suggest builds (under a lock) on first use.
 */
#ifndef SPCOMM_COUNTRIES_H
#define SPCOMM_COUNTRIES_H

#include "diag.h"

struct countries;

/* Load dir/countries.yaml.  A missing file gives an empty table; a broken
 * one gives NULL with the problems in dl. */
struct countries *countries_load(const char *dir, struct diag_list *dl);
void countries_free(struct countries *c);

/* The UN name of code in lang, or NULL when ICU's name is the UN's. */
const char *countries_name(const struct countries *c, const char *code, const char *lang);

/*
 * The codes a country written another way stands for: a name in any of
 * the six languages as ICU or locale/countries.yaml writes it, a form in
 * the file's also_known_as list ("UK", "Burma"), an alpha-3 code ("TUR")
 * or a lower-case code ("tr"), compared with case, accents, punctuation,
 * spaces and the file's articles folded away.  Without an exact match, the
 * nearest name by edit distance if it is close.  Writes up to max codes,
 * returns how many (0: no suggestion).  c may be NULL (ICU's names only).
 * The index is built on the first call; safe to call from any thread.
 */
size_t countries_suggest(const struct countries *c, const char *input, char codes[][3],
    size_t max);

#endif
