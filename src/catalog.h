/*
 * catalog.h - message catalogs: locale/<lang>.yaml maps catalog keys to
 * ICU MessageFormat patterns (labels, help texts, enumeration values,
 * sentences).  The form files name keys; the catalogs hold the words.
 *
 * The ICU C API formats only numbered arguments ({0}, {1}) and silently
 * prints a named one ({count}) as is: catalog_load refuses patterns with
 * named arguments, and catalog_format takes its arguments as strings
 * (numbers are passed as text already formatted for the language).
 *
 * A loaded catalog is immutable and may be shared by threads.
 */
#ifndef SPCOMM_CATALOG_H
#define SPCOMM_CATALOG_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "diag.h"

struct catalog;

/* Load dir/<lang>.yaml.  Problems go to dl (with the catalog's file name).
 * Returns NULL on any error. */
struct catalog *catalog_load(const char *dir, const char *lang, struct diag_list *dl);
void catalog_free(struct catalog *c);

const char *catalog_lang(const struct catalog *c);
/* The raw pattern of key, or NULL. */
const char *catalog_pattern(const struct catalog *c, const char *key);
/* Number of keys, and the i-th key in file order (for i18n check). */
size_t catalog_size(const struct catalog *c);
const char *catalog_key_at(const struct catalog *c, size_t i);

/*
 * Format key with string arguments args[0..n_args) into the arena.  A
 * missing key gives "[key]" so a gap is visible in a draft and caught by
 * `spcomm i18n check`, never a crash.
 */
const char *catalog_format(const struct catalog *c, struct arena *a, const char *key,
    size_t n_args, const char *const *args);
/* Format key whose argument {0} is a number (plural rules apply:
 * "{0, plural, one {# day} other {# days}}"); ICU's C API needs a double.
 * The pattern must read it as one: plural or "{0, number}", never
 * "{0, number, integer}", for which ICU reads an int from the arguments
 * (and prints garbage). */
const char *catalog_format_count(const struct catalog *c, struct arena *a, const char *key,
    long n);

/* A duration in words, as the language writes it: "2 years, 3 months and
 * 5 days", "2 года, 3 месяца и 5 дней", "2年3个月5天".  Each part is
 * doc.duration.years, .months or .days (plural rules apply), parts that
 * are zero are left out (all zero: "0 days"); they are joined with
 * doc.duration.join ("{0}, {1}") and, before the last, with
 * doc.duration.join_last ("{0} and {1}"); doc.duration.about ("about
 * {0}") is put around the whole when approximate. */
const char *catalog_format_duration(const struct catalog *c, struct arena *a, int years,
    int months, int days, bool approximate);

/* catalog_format without arguments. */
const char *catalog_text(const struct catalog *c, struct arena *a, const char *key);

/* For `spcomm i18n check` (i18n.c), which keeps ICU out of its own code:
 * whether pattern[0..len) compiles with umsg_open for lang; if not, ICU's
 * error name, the offset and the text before it go to why. */
bool catalog_pattern_compiles(const char *lang, const char *pattern, size_t len, char *why,
    size_t why_len);
/* Whether lang's plural rules (ordinal: those of selectordinal) ever
 * select keyword; all receives the language's keywords, comma-separated. */
bool catalog_plural_keyword(const char *lang, const char *keyword, bool ordinal, char *all,
    size_t all_len);

#endif
