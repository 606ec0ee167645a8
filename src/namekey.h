/*
 * namekey.h - the keys by which one person is found again in another case
 * file, whatever script, spelling of accents and case, or order of the
 * name parts the other file uses (the batch's duplicate-victim check).
 *
 * A key is every letter of the whole name, folded as match.c reads text
 * (NFKC case folding, marks and ignorables removed, "Đ" as "d"), in one
 * order of its words, without spaces or punctuation: "José García" and
 * "GARCIA, Jose" both give "josegarcia" and "garciajose".  A name gives
 * several keys, one per way of writing it:
 *
 * - each form of the name: the name's family and given parts as written,
 *   the original script's (`name.original`), and each of these read in
 *   Latin letters where it is written in Han (Han-Latin/Names: 陈勇 is
 *   "chenyong") or Cyrillic characters (BGN/PCGN: Садыкова is "sadykova");
 *   Arabic and other scripts are never transliterated (written without
 *   vowels, a reading would be a guess): the Latin form the case gives
 *   stands for them; Chinese characters are taken in their simplified
 *   forms (陳 is 陈);
 * - each order: family then given, given then family (a Chinese name typed
 *   given-first in one file, or its parts swapped), and, for three words
 *   or more, the words sorted (a name written whole in one part).
 *
 * Two persons share a key only if every letter of their names is the
 * same: a relative sharing a family name, or a name contained in a longer
 * one ("Chen Yong" in "Chen Yonghong"), shares none.
 */
#ifndef SPCOMM_NAMEKEY_H
#define SPCOMM_NAMEKEY_H

#include <stdbool.h>
#include <stddef.h>

#include "case.h"

/* Which order of the name parts made a key: two keys of different orders
 * that are equal mean the two files swap family and given names. */
enum namekey_order { NAMEKEY_FAMILY_GIVEN, NAMEKEY_GIVEN_FAMILY, NAMEKEY_WHOLE };

/* The script of the form a key comes from, where the program reads it in
 * Latin letters. */
enum namekey_script { NAMEKEY_OTHER, NAMEKEY_HAN, NAMEKEY_CYRILLIC };

struct namekey {
	char *key;             /* malloc'd UTF-8 */
	bool read_in_latin;    /* made through a transliteration (no form
	                          as written gives it) */
	enum namekey_order order;
	enum namekey_script script;
};

/*
 * The keys of a `name` record (a person's), without repeats; *one_word
 * says the name is a single word in every form ("Ahmed", 勇): too common
 * to say two persons are one without more.  Returns the count; *out is
 * malloc'd (free each key, then the array: namekey_free), NULL for none.
 * Temporary text goes into the arena.
 */
size_t namekey_of_name(struct arena *a, const struct cval *name, struct namekey **out,
    bool *one_word);

/*
 * Whether two names are written apart: both are written in Han characters
 * (or both in Cyrillic letters) and share no key so written.  Their
 * readings may agree and mean nothing: 李洋 and 杨丽 are both "Li Yang" in
 * some order, and many names are read alike.  Han is compared in its
 * simplified forms (陳勇 is 陈勇).
 */
bool namekey_written_apart(const struct namekey *a, size_t na, const struct namekey *b,
    size_t nb);

void namekey_free(struct namekey *keys, size_t n);

#endif
