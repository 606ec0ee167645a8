/*
 * match.h - finding an identity in free text the way a reader finds it.
 *
 * A reader sees "Chen Yong" in "CHEN\nYong", in "Chen  Yong", in
 * "Chen­Yong" with a soft hyphen, in full-width letters or with the accent
 * written as a combining mark; and does not see it in "Chengdu".  Both the
 * text and every needle are read the same way (match.c): NFKC with case
 * folding and default-ignorable characters removed (soft hyphen, ZWSP,
 * ZWJ, bidi controls), combining marks removed ("Ramirez" is "Ramírez"),
 * the Arabic tatweel removed, small capitals and other lookalike letters
 * read as the Latin ones (ICU's names and confusables), a middle dot
 * inside a word left out ("Ai·da"), then cut into words: runs of letters
 * and digits.  Every character of a script written without spaces (Han,
 * kana, Thai...) is a word of its own.  Arabic words are compared
 * without their article and clitics ("بالكعبي" names الكعبي); a text is
 * also read in Latin letters, by Russian stems (also read in Latin
 * letters, for Latin names declined in Russian) and by phonetic keys
 * ("Khassanova", "Jasánova" for "Khasanova"): match.c has the rules.
 *
 * Three kinds of needle:
 * - words: the needle's words in a row in the text ("chen yong": never
 *   "chengdu", nor "yong" alone);
 * - dense: a needle in a script written without spaces (高兰) matches
 *   anywhere in the text's letters and digits with everything else left
 *   out (whole name only: no word boundaries exist to rely on);
 * - phone: a run of digits in the text (separated by single spaces,
 *   hyphens, dots, slashes or brackets) that is the same number, with or
 *   without the country code or the trunk 0 (match.c has the rule).
 *
 * A set is built once and then only read; it is not thread-safe while it
 * is being built.  Everything lives in the arena given at creation.
 */
#ifndef SPCOMM_MATCH_H
#define SPCOMM_MATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"

enum match_kind { MATCH_WORDS, MATCH_DENSE, MATCH_PHONE };

/* How much of an identity a needle is: a whole one (a full name, an
 * e-mail address) or a part that points at someone (a given name alone). */
enum match_weight { MATCH_FULL, MATCH_PART };

struct match_needle;

struct match_hit {
	const struct match_needle *needle;
	size_t start, end;      /* bytes of the original text */
	bool ordinary;          /* may be a word of the language: the needle reads as
	                           a common word ("long", "an", "le") written small
	                           or as the first word of a sentence */
};

struct match_set;

struct match_set *match_set_new(struct arena *a);

/*
 * Add utf8[0..len) as a needle of the given kind.  MATCH_WORDS becomes
 * MATCH_DENSE when the text holds a character of a script written without
 * spaces.  owner, path and what are the caller's and come back with each
 * hit (who it identifies, the field it was written in, what it is: "name",
 * "e-mail address").  Returns false when nothing is left to match (no
 * letter or digit; a phone number of fewer than 7 digits).
 */
bool match_add(struct match_set *s, enum match_kind kind, enum match_weight w,
    const char *utf8, size_t len, const void *owner, const char *path, const char *what);

/* Add every word of utf8[0..len) as a one-word MATCH_PART needle, except
 * words that are needles of `except` (may be NULL) and words of fewer than
 * min_chars characters.  Words of scripts without spaces are skipped. */
void match_add_words(struct match_set *s, const char *utf8, size_t len, size_t min_chars,
    const struct match_set *except, const void *owner, const char *path, const char *what);

/* The forms of a family name written in Latin letters that a Slavic
 * surname takes for the other gender ("Sadykov" for "Sadykova",
 * "Kowalska" for "Kowalski", "Tolstoy" for "Tolstaya"), as MATCH_PART
 * needles: a relative named with one names the family.  None that is a
 * needle of `except` (a name shown: her brother "Sadykov", who agreed),
 * none for another word.  Only for the names a copy withholds: the names
 * it shows are what they are. */
void match_add_gendered(struct match_set *s, const char *utf8, size_t len,
    const struct match_set *except, const void *owner, const char *path, const char *what);

/* The same forms, as folded words ("sadykov" for "Sadykova"), into
 * out[0..max) in the arena; returns how many (the case id and the
 * manifest's paths are searched for them: copy.c). */
size_t match_gendered_words(struct arena *a, const char *utf8, size_t len, const char **out,
    size_t max);

/* The acronyms of an organisation's name, as MATCH_FULL needles: its
 * initials, where three words or more start with a capital ("Central
 * Asian Lawyers' Rights Network": "CALRN"), and each word of it written
 * in capitals ("Front Line Defenders (FLD)"); 3 letters at least, none
 * that is a common word, a generic acronym (NGO, UN, OHCHR) or a needle
 * of `except`. */
void match_add_acronym(struct match_set *s, const char *utf8, size_t len,
    const struct match_set *except, const void *owner, const char *path, const char *what);

/* A family name of one or two Han characters (陈, 欧阳), as Chinese
 * names a person by it alone: followed by a title (陈先生, 欧阳女士,
 * 陈律师, 陈某) or, for one character, after 老 or 小 (老陈, 小陈), as
 * MATCH_DENSE MATCH_PART needles; none that is a needle of `except` (a
 * name shown with the same family name: 陈先生 may be that person).
 * Nothing for any other text. */
void match_add_han_family(struct match_set *s, const char *utf8, size_t len,
    const struct match_set *except, const void *owner, const char *path, const char *what);

/* Whether utf8[0..len), read as words, is exactly one of the set's
 * needles (a full name shown elsewhere, a shared word). */
bool match_set_has(const struct match_set *s, const char *utf8, size_t len);

size_t match_set_count(const struct match_set *s);

/* utf8[0..len) read as every needle and text is (folded, marks and
 * ignorables removed), as its words joined by one space: "José  GARCÍA-
 * López" is "jose garcia lopez", 陈勇 is "陈 勇" (a character of a script
 * without spaces is a word).  Spacing modifier letters (U+02B0-U+02FF: the
 * primes and apostrophes of transliterations) are left out.  *n_words is
 * the count of words.  Into the arena; "" when there is no word. */
const char *match_words(struct arena *a, const char *utf8, size_t len, size_t *n_words);

/* Whether utf8[0..len) is min_chars Han characters or more and nothing
 * else (a Chinese given name: 明华). */
bool match_han_name(const char *utf8, size_t len, size_t min_chars);

/* Whether utf8[0..len) holds a letter of a script written without spaces
 * (its needles are MATCH_DENSE). */
bool match_text_dense(const char *utf8, size_t len);

/*
 * The hits of the set's needles of weight <= max_weight in utf8[0..len)
 * (with names_only, no PART hit that is an ordinary word: match_hit), the
 * first max of them into hits[], sorted in text order; returns how many
 * were stored.
 * Overlapping hits of different needles are all reported; the caller
 * decides.
 */
size_t match_find(const struct match_set *s, const char *utf8, size_t len,
    struct match_hit *hits, size_t max, enum match_weight max_weight, bool names_only);

/* Whether any needle occurs, a PART needle only where it is written as a
 * name: "An said", not "an officer" (match_hit.ordinary: a lone word of a
 * name that is also a word of the language, written small). */
bool match_any_name(const struct match_set *s, const char *utf8, size_t len);

/* Whether any needle of weight <= max_weight (FULL < PART) occurs. */
bool match_any(const struct match_set *s, const char *utf8, size_t len,
    enum match_weight max_weight);

/* Free what this thread remembers of the texts it searched (match.c
 * keeps each text folded, with its readings, for the next search of it:
 * a text is searched with several sets).  Bounded without it; call it
 * when a thread ends, and it may be called at any time. */
void match_forget(void);

/*
 * The scripts a text's letters are written in (ICU's script codes; marks,
 * digits and punctuation belong to none).  The gate reads a text only in
 * the scripts it knows a name in (copy.h): a name the case gives only in
 * Latin letters cannot be found in a Chinese or Arabic transcription.
 */
struct match_scripts { uint64_t bits[4]; };

/* Add the scripts of utf8[0..len) to s. */
void match_scripts_add(struct match_scripts *s, const char *utf8, size_t len);

/* The same for a text to be read, where a script counts from its second
 * letter: a lone letter ("β-blockers", "x²" aside) cannot write a name. */
void match_scripts_add_text(struct match_scripts *s, const char *utf8, size_t len);

/* The first script of a that is not in b (an ICU UScriptCode), or -1. */
int match_scripts_outside(const struct match_scripts *a, const struct match_scripts *b);

/* A script's English name ("Han", "Arabic", "Cyrillic"). */
const char *match_script_name(int script);

enum match_kind match_needle_kind(const struct match_needle *n);
enum match_weight match_needle_weight(const struct match_needle *n);
const void *match_needle_owner(const struct match_needle *n);
const char *match_needle_path(const struct match_needle *n);
const char *match_needle_what(const struct match_needle *n);

#endif
