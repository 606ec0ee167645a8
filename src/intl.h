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

/* The languages spcomm writes documents in, the UN's six official ones,
 * in the order of their catalogs (locale/<lang>.yaml); NULL after the
 * last.  The one list every module uses. */
#define INTL_N_LANGS 6
extern const char *const intl_langs[INTL_N_LANGS + 1];

/* Initialise ICU once at start-up; false with a message if its data is
 * missing. */
bool intl_init(char *err, size_t errlen);

/* NFC form of utf8[0..len) in the arena (*out_len set); NULL if the input
 * is not valid UTF-8. */
char *intl_nfc(struct arena *a, const char *utf8, size_t len, size_t *out_len);

/* Simple case folding plus NFKC, for matching (leak checks, duplicates). */
char *intl_fold(struct arena *a, const char *utf8, size_t len, size_t *out_len);

/* utf8 folded for matching names typed in many ways: case folded, accents
 * and other combining marks removed (NFKD), every run of characters other
 * than letters and digits made one space, no space at either end:
 * "Côte d’Ivoire" and "COTE D'IVOIRE" are both "cote d ivoire".  NULL if
 * the input is not valid UTF-8. */
char *intl_fold_words(struct arena *a, const char *utf8);

/* The first character of utf8[0..len) that is a problem, by class. */
enum intl_char_problem {
	ICP_NONE,
	ICP_CONTROL,     /* C0 (except TAB, LF in text), DEL, C1, U+2028/2029 in one-line values */
	ICP_BIDI,        /* bidi embedding/override/isolate controls, LRM/RLM/ALM */
	ICP_OVERRIDE,    /* LRO/RLO (U+202D, U+202E) anywhere: they reverse what is printed */
	ICP_INVISIBLE,   /* ZWSP, word joiner, BOM, soft hyphen and other default-ignorables
	                    except ZWJ/ZWNJ */
	ICP_NON_BMP,     /* above U+FFFF: libharu cannot draw it */
	ICP_MARKS,       /* more than LIMIT_COMBINING_MARKS combining marks in a row
	                    (*cp the mark past the limit) */
};
/* Whether c is a bidi control (LRM, RLM, ALM, embeddings, overrides,
 * isolates): the layout applies it and draws nothing for it. */
bool intl_is_bidi_control(uint32_t c);

/* one_line: '\n' and '\t' are control characters too; strict: also refuse
 * bidi controls and invisible characters (names and ids). */
enum intl_char_problem intl_scan(const char *utf8, size_t len, bool one_line,
    bool strict, uint32_t *cp, size_t *offset);

/* Whether utf8[0..len) shows nothing: only white space (Unicode White_Space:
 * U+00A0 NO-BREAK SPACE, U+2003 EM SPACE, U+3000 IDEOGRAPHIC SPACE...),
 * default-ignorable and format characters (ZWSP, ZWJ, BOM, Hangul fillers),
 * and U+2800 BRAILLE PATTERN BLANK.  True for an empty string.  *cp is the
 * first such character outside ASCII, 0 if there is none. */
bool intl_blank(const char *utf8, size_t len, uint32_t *cp);

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

/* The civil date (proleptic Gregorian, UTC) of a time in seconds since
 * 1970-01-01T00:00Z: a full date.  Pure: the caller reads the clock. */
void intl_date_from_unix(int64_t seconds, struct pdate *out);

/* Compare: <0, 0, >0, on the precision both share. */
int intl_date_cmp(const struct pdate *a, const struct pdate *b);
/* Days from a to b (full dates; partial dates use the first day). */
long intl_days_between(const struct pdate *a, const struct pdate *b);
/* Whole years from birth to date (with partial dates the lowest possible). */
int intl_age_at(const struct pdate *birth, const struct pdate *at, int *max_age);
/* The age to state in words: the one age the two dates allow (*exact set
 * when neither is approximate or uncertain either), else the age with what
 * a partial date leaves open taken at its middle (1 July of a year, the
 * 15th of a month), within the bounds of intl_age_at. */
int intl_age_stated(const struct pdate *birth, const struct pdate *at, bool *exact);

/* A duration as people count it: whole years, then months, then days. */
struct intl_span {
	int years, months, days;
	bool approximate;      /* a date was partial, approximate or uncertain */
};
/* The calendar difference from `from` to `to`.  Months are added to `from`
 * whole, clamped to the end of a shorter month (31 January + 1 month is
 * 28 February 2023, so 31 January to 28 February is one month), and the
 * days counted from there.  With a partial date only the units both dates
 * know are counted (month precision: years and months; year precision:
 * years), and the span is approximate.  False when `to` is before `from`,
 * or when the span is shorter than the precision of a partial date can
 * tell (nothing to state). */
bool intl_date_span(const struct pdate *from, const struct pdate *to, struct intl_span *out);

/* ISO 3166-1 alpha-2 code known to ICU (upper case). */
bool intl_country_valid(const char *code);
/* ICU's ISO 3166-1 alpha-2 codes, NULL-terminated (withdrawn ones too:
 * filter with intl_country_valid). */
const char *const *intl_country_codes(void);
/* The alpha-3 code of an alpha-2 code ("TR" -> "TUR"), "" if none. */
const char *intl_country_alpha3(const char *code);
/* Country name in lang (ICU display name), into the arena. */
const char *intl_country_name(struct arena *a, const char *code, const char *lang);
/* The name of language tag in lang, into the arena: as lang writes it
 * inside a sentence ("English", "anglais", "inglés"), or with its first
 * letter capitalised when line_start ("Anglais"). */
const char *intl_language_name(struct arena *a, const char *tag, const char *lang,
    bool line_start);
/* Well-formed BCP 47 tag. */
bool intl_lang_valid(const char *tag);
/* Whole-string match of an ICU regular expression; false on a bad pattern
 * too (form_check reports bad patterns).  Simple patterns (ASCII classes
 * and quantifiers, see intl.c) are matched without ICU's regex engine;
 * intl_icu_regex_match always uses it (for tests comparing the two). */
bool intl_regex_match(const char *pattern, const char *utf8, size_t len);
bool intl_icu_regex_match(const char *pattern, const char *utf8, size_t len);

/* A date as lang writes it in UN documents ("29 June 2021", "September
 * 2018", "around September 2018"), into the arena. */
const char *intl_format_date(struct arena *a, const struct pdate *d, const char *lang);

/* An integer as lang writes it, through ICU's number format for the
 * language with Western digits (the UN's Arabic documents use them, as
 * they do for dates): 28,983 (en, zh, ar), 28 983 (fr: U+202F; ru:
 * U+00A0), 28.983 (es, which groups from five digits: 1234; CLDR's
 * minimum grouping digits).  Into the
 * arena; the digits alone if ICU fails.  For quantities only: years,
 * identity numbers and references are text and never grouped. */
const char *intl_format_number(struct arena *a, long n, const char *lang);

/* A person's name in its own script written in Latin letters, as UN
 * documents do: Chinese with the surname readings of Han-Latin/Names
 * (陈勇 -> "Chen Yong"; syllables of one name part joined: 宏伟 ->
 * "Hongwei"), Russian and other Cyrillic with BGN/PCGN (Russian-Latin/BGN).
 * NULL for other scripts (Arabic names need a Latin form written by a
 * person: transliteration without vowels is useless).  Into the arena. */
const char *intl_transliterate_name(struct arena *a, const char *part);

/* A word of Han or Cyrillic letters read in Latin letters, for matching
 * (match.c): pinyin with one syllable a word (陈勇 -> "Chen Yong"), or
 * BGN/PCGN; NULL for other scripts.  Into the arena. */
const char *intl_latin_reading(struct arena *a, const char *utf8, size_t len);

/* utf8[0..len) with its traditional Chinese characters in their
 * simplified forms (ICU's Traditional-Simplified: 陳勇 -> 陈勇), the rest
 * as it is, for matching the same name written in either; NULL if ICU
 * cannot.  Into the arena. */
const char *intl_simplified(struct arena *a, const char *utf8, size_t len);

/* The same, only where each character becomes one character of the same
 * number of bytes, so that every offset into utf8 is the same offset
 * into the result (match.c reads the simplified text and reports places
 * in the text as written): a new string of len bytes and a NUL (free()
 * it), or NULL when nothing changes, the text holds no Han character, or
 * a character would not keep its place. */
char *intl_simplified_aligned(const char *utf8, size_t len);

/* Damerau-free Levenshtein distance of two short ASCII/UTF-8 strings (byte
 * based), for "did you mean" suggestions; stops counting past max. */
unsigned intl_edit_distance(const char *a, const char *b, unsigned max);

/*
 * The first character of utf8[0..len) (valid UTF-8) for which
 * drawable(ctx, c) is false, in *cp; false if there is none.  Line breaks
 * and tabs are layout, not characters to draw, and never asked; nor is
 * printable ASCII, which every font draws.
 */
bool intl_first_undrawable(const char *utf8, size_t len,
    bool (*drawable)(const void *ctx, uint32_t c), const void *ctx, uint32_t *cp);

/*
 * Sort order of keys[0..n) (UTF-8) as lang collates them (ICU's collator
 * for the language: "Ávila" between "Avila" and "Bernal" in Spanish,
 * Russian letters after Latin ones in Russian, pinyin order of Han in
 * Chinese): order[0..n) receives the indices, equal keys in their given
 * order.  False (order left as 0..n-1) if ICU fails.
 */
bool intl_collation_order(const char *const *keys, size_t n, const char *lang, size_t *order);

/*
 * A word of utf8[0..len) (words end at white space) that mixes scripts the
 * way spoofed names do: ICU's spoof checker (uspoof, UTS #39) places it
 * below the "moderately restrictive" level, as for Latin with Cyrillic or
 * Greek letters ("Pаvel" with U+0430).  Latin with Han, or Arabic alone,
 * passes; so does a value whose words are each in one script ("Aida Аида").
 * On a find: the word (byte offset and length), the word's main script
 * (most of its letters), the first letter of another script and its
 * script, and what it looks like (its UTS #39 skeleton, UTF-8, "" when it
 * resembles nothing else).  Values are valid UTF-8 (NFC).
 */
struct intl_script_mix {
	size_t word_off, word_len;
	uint32_t cp;
	char main_script[32], other_script[32];
	char looks_like[16];
};
bool intl_mixed_script(const char *utf8, size_t len, struct intl_script_mix *out);

/*
 * The UTS #39 skeleton of the character cp (what it looks like, by ICU's
 * confusables: "i" for U+026A LATIN LETTER SMALL CAPITAL I, U+00B7 MIDDLE
 * DOT for U+2022 BULLET and U+30FB KATAKANA MIDDLE DOT), its code points
 * into out; returns their count, 0 when it does not fit in cap or ICU
 * fails.
 */
size_t intl_skeleton(uint32_t cp, uint32_t *out, size_t cap);

/* The Unicode name of cp ("DEVANAGARI LETTER KA"), or "" if it has none. */
void intl_char_name(uint32_t cp, char *buf, size_t size);

#endif
