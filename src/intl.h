/*
 * intl.h - the ICU boundary for text and dates: normalisation, character
 * checks, calendar validation, country and language codes, regular
 * expressions, and dates written as each language writes them.
 *
 * Only intl.c, catalog.c and text.c include ICU headers.  Every function is
 * thread-safe; ICU objects that are costly to open (date formatters) are
 * cached per thread in struct intl_cache where it matters.
 */
#ifndef SPCOMM_INTL_H
#define SPCOMM_INTL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"

/* Initialise ICU once at start-up; false with a message if its data is
 * missing. */
bool intl_init(char *err, size_t errlen);

/* NFC form of utf8[0..len) in the arena (*out_len set); NULL if the input
 * is not valid UTF-8. */
char *intl_nfc(struct arena *a, const char *utf8, size_t len, size_t *out_len);

/* Simple case folding plus NFKC, for matching (leak checks, duplicates). */
char *intl_fold(struct arena *a, const char *utf8, size_t len, size_t *out_len);

/* The first character of utf8[0..len) that is a problem, by class. */
enum intl_char_problem {
	ICP_NONE,
	ICP_CONTROL,     /* C0 (except TAB, LF in text), DEL, C1, U+2028/2029 in one-line values */
	ICP_BIDI,        /* bidi embedding/override/isolate controls, LRM/RLM/ALM */
	ICP_INVISIBLE,   /* ZWSP, word joiner, BOM, soft hyphen and other default-ignorables
	                    except ZWJ/ZWNJ */
	ICP_NON_BMP,     /* above U+FFFF: libharu cannot draw it */
};
/* one_line: '\n' and '\t' are control characters too; strict: also refuse
 * bidi controls and invisible characters (names and ids). */
enum intl_char_problem intl_scan(const char *utf8, size_t len, bool one_line,
    bool strict, uint32_t *cp, size_t *offset);

/* A partial date (EDTF level 1 subset): precision 1 year, 2 month, 3 day. */
struct pdate {
	int year, month, day;  /* month/day 0 when absent */
	int precision;         /* 0: not set */
	bool approximate;      /* written with '~' */
	bool uncertain;        /* written with '?' */
};

/* Parse "YYYY-MM-DD" (full) or "YYYY", "YYYY-MM", "YYYY-MM-DD" with an
 * optional '~' or '?' (partial).  Real calendar dates only (ICU Gregorian
 * calendar with leniency off).  On failure returns false and writes why
 * into why[0..whylen). */
bool intl_parse_date(const char *s, bool partial, struct pdate *out, char *why, size_t whylen);

/* Compare: <0, 0, >0, on the precision both share. */
int intl_date_cmp(const struct pdate *a, const struct pdate *b);
/* Days from a to b (full dates; partial dates use the first day). */
long intl_days_between(const struct pdate *a, const struct pdate *b);
/* Whole years from birth to date (with partial dates the lowest possible). */
int intl_age_at(const struct pdate *birth, const struct pdate *at, int *max_age);

/* ISO 3166-1 alpha-2 code known to ICU (upper case). */
bool intl_country_valid(const char *code);
/* Country name in lang (ICU display name), into the arena. */
const char *intl_country_name(struct arena *a, const char *code, const char *lang);
/* The name of language tag in lang ("English", "français"), arena. */
const char *intl_language_name(struct arena *a, const char *tag, const char *lang);
/* Well-formed BCP 47 tag. */
bool intl_lang_valid(const char *tag);
/* Whole-string match of an ICU regular expression; false on a bad pattern
 * too (form_check reports bad patterns). */
bool intl_regex_match(const char *pattern, const char *utf8, size_t len);

/* A date as lang writes it in UN documents ("29 June 2021", "September
 * 2018", "around September 2018"), into the arena. */
const char *intl_format_date(struct arena *a, const struct pdate *d, const char *lang);

/* A person's name in its own script written in Latin letters, as UN
 * documents do: Chinese with the surname readings of Han-Latin/Names
 * (陈勇 -> "Chen Yong"; syllables of one name part joined: 宏伟 ->
 * "Hongwei"), Russian and other Cyrillic with BGN/PCGN (Russian-Latin/BGN).
 * NULL for other scripts (Arabic names need a Latin form written by a
 * person: transliteration without vowels is useless).  Into the arena. */
const char *intl_transliterate_name(struct arena *a, const char *part);

/* Damerau-free Levenshtein distance of two short ASCII/UTF-8 strings (byte
 * based), for "did you mean" suggestions; stops counting past max. */
unsigned intl_edit_distance(const char *a, const char *b, unsigned max);

#endif
