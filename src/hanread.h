/*
 * hanread.h - the Latin reading of Chinese characters without opening
 * ICU's Han-Latin transliterator.
 *
 * Names and texts in Han characters are read in Latin letters through
 * ICU's HANREAD_ICU_ID (intl.c): 李文 is "Li Wen".  Opening that
 * transliterator parses 1,500 rules over 40,000 characters, about 100 ms,
 * in every process that meets a Chinese name: five times the rest of a
 * cold render.  The rules are almost all one character to one syllable,
 * so the build asks ICU itself, once, for the reading of every character
 * (src/gen/hanread_gen.c) and compiles the answers into a table:
 *
 *   - each character's syllable at the start of the string and after
 *     another Han character (the /Names rules read some family names
 *     differently at the start: 单 is Shan there, Dan elsewhere);
 *   - the pairs whose rules look at the next character (重庆 is
 *     "Chong Qing", 重 alone "Zhong"), at the start and after another.
 *
 * The generator checks the table against ICU before writing it (every
 * character twice, every pair, thousands of random strings), and writes
 * an empty table when the rules have a shape it does not know (another
 * ICU): the program then asks ICU as before.  tests/unit/test_hanread.c
 * compares the two again.
 */
#ifndef SPCOMM_HANREAD_H
#define SPCOMM_HANREAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The transliterator the table stands for. */
#define HANREAD_ICU_ID u"Han-Latin/Names; Latin-ASCII; Any-Title"

/* One character: its syllables (indices into the syllable list) at the
 * start of the string and after another Han character. */
struct hanread_char {
	uint32_t cp;
	uint16_t start, after;
};

/* A character read differently before one other character. */
struct hanread_pair {
	uint32_t cp, next;
	uint16_t start, after;
};

struct hanread_table {
	const struct hanread_char *chars;   /* sorted by cp */
	size_t n_chars;
	const struct hanread_pair *pairs;   /* sorted by cp, then next */
	size_t n_pairs;
	const char *syllables;              /* NUL-terminated, one after another */
	const uint32_t *syllable_at;        /* offset of each in syllables */
	size_t n_syllables;
};

/* The generated table (hanread_table.c in the build tree); n_chars is 0
 * when the generator found the rules unlike the ones it knows. */
extern const struct hanread_table hanread_table;

/*
 * The reading of u[0..n) (UTF-16), exactly as ICU's HANREAD_ICU_ID gives
 * it, into *out (malloc'd UTF-16, *out_len units; ICU's UChar is
 * uint16_t in C).  The module needs no ICU: intl.c, the ICU boundary,
 * calls it.  False when the table
 * cannot say: a character that is not in it (not Han, or one ICU leaves
 * as it is), or an empty table; the caller then asks ICU.
 */
bool hanread_latin(const uint16_t *u, int32_t n, uint16_t **out, int32_t *out_len);

#endif
