/*
 * countries.h - the UN short names of countries, per language, where they
 * differ from ICU's (CLDR) display names: "Viet Nam", "Türkiye",
 * "Iran (Islamic Republic of)".  Data in locale/countries.yaml; every other
 * name comes from ICU (intl_country_name).  Immutable once loaded.
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

#endif
