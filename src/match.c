/*
 * match.c - identities found in text as people read it (see match.h).
 *
 * Words are runs of letters and digits, not ICU's word-break segments:
 * ICU keeps "Chen's", "l'avocat" and "example.org" as one word, so
 * "Chen" would not be found in "Mr. Chen's wife".  Cutting at every
 * character that is not a letter or a digit is what a reader does when
 * looking for a name, and it is the same rule for the needle and the text,
 * so an e-mail address ("cases@addc-asia.example.org": cases addc asia
 * example org) matches however it is punctuated or broken across lines.
 */
#include "match.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "intl.h"

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

/* Fewer digits than a local number without its area code are not a
 * telephone number a reader would recognise (and would match dates). */
#define MIN_PHONE_DIGITS 7

/* The readings of a text a needle is searched in: the text as written
 * (and its Latin reading), its stemmed readings (stemmed_reading,
 * latin_reading with stems), its phonetic reading (sounds_reading).  A
 * word as written is searched in the stemmed readings too, where words
 * that have no ending stay as they are; a stem (russian_stem, latin_stem)
 * only there; a phonetic key (sound_key) only in the phonetic reading,
 * which holds nothing else.  The text's Latin reading is searched with
 * whole names as written (READ_TEXT, MATCH_FULL) and with the parts made
 * for it (READ_LATIN: a Han family name with its title). */
enum { READ_TEXT = 1, READ_STEMS = 2, READ_SOUNDS = 4, READ_LATIN = 8 };

struct match_needle {
	enum match_kind kind;
	enum match_weight weight;
	UChar32 *key;           /* WORDS: words joined by one ' '; DENSE: letters and
	                           digits only; PHONE: the digits as '0'..'9' */
	size_t key_len;
	size_t n_words;
	uint32_t hash;          /* WORDS: of the first word; DENSE: of the first letter */
	const void *owner;
	const char *path;
	const char *what;
	unsigned reads;         /* the readings of a text it is searched in (READ_*) */
	bool gendered;          /* a surname's other gender's form (gendered()):
	                           not a hit in a street's or a place's name */
	bool capital;           /* a hit only where the text writes it with a
	                           capital (a short name declined: Аиду) */
	bool caps_only;         /* a hit only where the text writes it all in
	                           capitals (an acronym: "CALRN", not "clan") */
	bool latin_text_only;   /* a phonetic key read in Latin words only: a
	                           name shown declines to it in Cyrillic
	                           (add_sounds) */
	struct match_needle *next_in_bucket;
};

/* A hash table of needles by hash, chained through next_in_bucket: WORDS
 * needles by their first word, DENSE ones by their first letter. */
struct index {
	struct match_needle **buckets;
	size_t n_buckets;                /* power of two */
	size_t n;
};

struct match_set {
	struct arena *a;
	struct match_needle **v;
	size_t n, cap;
	struct index words;              /* WORDS needles */
	struct index dense;              /* DENSE needles */
	/* DENSE and PHONE needles: few, searched one by one */
	struct match_needle **others;
	size_t n_others, cap_others;
	bool latin_words;                /* a WORDS needle has a Latin letter */
	bool sounds;                     /* a needle is a phonetic key */
	bool latin_parts;                /* a needle is READ_LATIN */
};

/* ----- reading text ----- */

/* A text folded for matching, with where each character came from. */
struct folded {
	UChar32 *c;
	size_t n, cap;
	size_t *ostart, *oend;  /* bytes of the original character */
};

static void
push(struct folded *f, UChar32 c, size_t os, size_t oe)
{
	if (f->n == f->cap) {
		f->cap = f->cap ? 2 * f->cap : 64;
		f->c = xrealloc(f->c, f->cap * sizeof *f->c);
		f->ostart = xrealloc(f->ostart, f->cap * sizeof *f->ostart);
		f->oend = xrealloc(f->oend, f->cap * sizeof *f->oend);
	}
	f->c[f->n] = c;
	f->ostart[f->n] = os;
	f->oend[f->n] = oe;
	f->n++;
}

static void
folded_free(struct folded *f)
{
	free(f->c);
	free(f->ostart);
	free(f->oend);
}

static void
emit(struct folded *f, UChar32 c, size_t os, size_t oe)
{
	bool space = c == ' ';
	if (space && (f->n == 0 || f->c[f->n - 1] == ' '))
		return;
	push(f, c, os, oe);
}

/* Latin letters that carry their accent inside the letter (a stroke, a
 * ligature) and so keep it through the canonical decomposition: the
 * letters people write without it ("Duc" for "Đức", "Lodz" for "Łódź"),
 * as Latin-ASCII writes them.  Case-folded letters only. */
static const char *
stroke_letter(UChar32 c)
{
	switch (c) {
	case 0x00E6: return "ae";   /* æ */
	case 0x00F0: return "d";    /* ð */
	case 0x00F8: return "o";    /* ø */
	case 0x00FE: return "th";   /* þ */
	case 0x0111: return "d";    /* đ */
	case 0x0127: return "h";    /* ħ */
	case 0x0131: return "i";    /* dotless ı */
	case 0x0142: return "l";    /* ł */
	case 0x0153: return "oe";   /* œ */
	case 0x0167: return "t";    /* ŧ */
	case 0x0180: return "b";    /* ƀ */
	case 0x0253: return "b";    /* ɓ */
	case 0x0257: return "d";    /* ɗ */
	case 0x0268: return "i";    /* ɨ */
	case 0x0199: return "k";    /* ƙ */
	case 0x01B4: return "y";    /* ƴ */
	default: return NULL;
	}
}

static bool is_word_char(UChar32 c);
static bool is_solo(UChar32 c);

/* The Latin letter a Cyrillic or Greek one looks like (case-folded), or
 * 0: "Sаdykоvа" typed with a Cyrillic а and о reads as "Sadykova". */
static UChar32
latin_lookalike(UChar32 c)
{
	switch (c) {
	case 0x0430: return 'a'; case 0x0432: return 'b'; case 0x0435: return 'e';
	case 0x0451: return 'e'; case 0x043A: return 'k'; case 0x043C: return 'm';
	case 0x043D: return 'h'; case 0x043E: return 'o'; case 0x0440: return 'p';
	case 0x0441: return 'c'; case 0x0442: return 't'; case 0x0443: return 'y';
	case 0x0445: return 'x'; case 0x0456: return 'i'; case 0x0457: return 'i';
	case 0x0458: return 'j'; case 0x0455: return 's'; case 0x04BB: return 'h';
	case 0x0501: return 'd'; case 0x04CF: return 'l'; case 0x051B: return 'q';
	case 0x051D: return 'w';
	case 0x03B1: return 'a'; case 0x03B2: return 'b'; case 0x03B5: return 'e';
	case 0x03B7: return 'n'; case 0x03B9: return 'i'; case 0x03BA: return 'k';
	case 0x03BD: return 'v'; case 0x03BF: return 'o'; case 0x03C1: return 'p';
	case 0x03C4: return 't'; case 0x03C5: return 'u'; case 0x03C7: return 'x';
	case 0x03B3: return 'y'; case 0x03C9: return 'w';
	}
	return 0;
}

/* The Cyrillic letter a Latin one looks like, written small or as a
 * capital (case-folded: "B" is в, "H" н), or 0: "Садыковa" typed with a
 * Latin a at its end reads as "Садыкова". */
static UChar32
cyrillic_lookalike(UChar32 c)
{
	switch (c) {
	case 'a': return 0x0430; case 'b': return 0x0432; case 'c': return 0x0441;
	case 'e': return 0x0435; case 'h': return 0x043D; case 'i': return 0x0456;
	case 'j': return 0x0458; case 'k': return 0x043A; case 'm': return 0x043C;
	case 'o': return 0x043E; case 'p': return 0x0440; case 's': return 0x0455;
	case 't': return 0x0442; case 'x': return 0x0445; case 'y': return 0x0443;
	}
	return 0;
}

/*
 * The basic Latin letters (a-z) a letter NFKC leaves as it is looks
 * like, into out (at most size - 1 of them), or false: a small capital
 * by its Unicode name ("LATIN LETTER SMALL CAPITAL A", ᴀ: ICU's
 * confusables map small capitals to nothing), any other letter by its
 * UTS #39 skeleton (ICU's confusables: ɪ is "i", ɑ "a", Cherokee Ꭺ "d")
 * when that is letters a-z.  ICU's data, not a table of ours: what
 * Unicode adds is read the same way.
 */
static bool
latin_of_lookalike(UChar32 c, char *out, size_t size)
{
	static const char cap[] = "LATIN LETTER SMALL CAPITAL ";
	char name[128];
	UErrorCode st = U_ZERO_ERROR;
	int32_t n = u_charName(c, U_UNICODE_CHAR_NAME, name, (int32_t)sizeof name, &st);
	if (U_SUCCESS(st) && n > 0 && n < (int32_t)sizeof name &&
	    strncmp(name, cap, sizeof cap - 1) == 0) {
		/* the letter, then the end or " WITH ...": "TURNED E" is no "t" */
		const char *x = name + sizeof cap - 1;
		size_t k = 0;
		while (x[k] >= 'A' && x[k] <= 'Z' && k + 1 < size && k < 2)
			k++;
		if (k == 0 || (x[k] != '\0' && x[k] != ' '))
			return false;
		for (size_t i = 0; i < k; i++)
			out[i] = (char)(x[i] + 32);
		out[k] = '\0';
		return true;
	}
	uint32_t sk[8];
	size_t k = intl_skeleton((uint32_t)c, sk, sizeof sk / sizeof *sk);
	if (k == 0 || k >= size || (k == 1 && sk[0] == (uint32_t)c))
		return false;
	for (size_t i = 0; i < k; i++) {
		uint32_t l = sk[i] >= 'A' && sk[i] <= 'Z' ? sk[i] + 32 : sk[i];
		if (l < 'a' || l > 'z')
			return false;
		out[i] = (char)l;
	}
	out[k] = '\0';
	return true;
}

/* The script of a letter, Common for what is none. */
static UScriptCode
script_of(UChar32 c)
{
	UErrorCode st = U_ZERO_ERROR;
	UScriptCode sc = uscript_getScript(c, &st);
	return U_SUCCESS(st) ? sc : USCRIPT_COMMON;
}

/*
 * A word that mixes Latin letters with letters of another script is one
 * somebody typed with a wrong keyboard, or one meant to slip past a
 * search: its Cyrillic and Greek letters that look like Latin ones are
 * read as those (latin_lookalike), and any other script's by ICU's
 * confusables (latin_of_lookalike: one letter for one).  The script rule
 * of copy.h counts a script from its second letter, so a lone Cherokee
 * "Ꭺ" in a Latin name is read here or nowhere.  A word in one script is
 * left as it is (Cyrillic text keeps its own letters, and its Latin
 * reading); so is a letter of a script written without spaces, a word
 * of its own.
 */
static void
unmix_lookalikes(struct folded *f)
{
	for (size_t i = 0; i < f->n;) {
		if (!is_word_char(f->c[i])) {
			i++;
			continue;
		}
		size_t end = i;
		bool latin = false, other = false, cyrillic = true, own = false;
		for (; end < f->n && is_word_char(f->c[end]); end++) {
			UChar32 c = f->c[end];
			bool l = (c >= 'a' && c <= 'z') || (c >= 0xE0 && c <= 0x24F);
			latin |= l;
			/* a Cyrillic word with Latin lookalikes in it: every Latin
			 * letter has a Cyrillic twin, and some Cyrillic letter has
			 * no Latin one (д, ы: not a Latin word typed with а, о) */
			if (l)
				cyrillic &= cyrillic_lookalike(c) != 0;
			else if (c >= 0x0400 && c <= 0x04FF)
				own |= latin_lookalike(c) == 0;
			else if (c >= 0x0370)
				cyrillic = false;
			if (c >= 0x0370 && !other) {
				UScriptCode sc = script_of(c);
				other = sc != USCRIPT_LATIN && sc != USCRIPT_COMMON && sc != USCRIPT_INHERITED;
			}
		}
		if (latin && other && cyrillic && own) {
			for (size_t k = i; k < end; k++)
				if (f->c[k] < 0x80 && cyrillic_lookalike(f->c[k]) != 0)
					f->c[k] = cyrillic_lookalike(f->c[k]);
		} else if (latin && other)
			for (size_t k = i; k < end; k++) {
				UChar32 l = latin_lookalike(f->c[k]);
				char one[2];
				if (l != 0)
					f->c[k] = l;
				else if (f->c[k] >= 0x0370 && !is_solo(f->c[k]) &&
				    script_of(f->c[k]) != USCRIPT_LATIN && latin_of_lookalike(f->c[k], one, 2))
					f->c[k] = (unsigned char)one[0];
			}
		i = end;
	}
}

/* Whether c looks like a middle dot (U+00B7) by ICU's confusables:
 * U+2027 HYPHENATION POINT, U+30FB KATAKANA MIDDLE DOT, U+2022 BULLET,
 * U+22C5 DOT OPERATOR... .  Only punctuation and mathematical symbols are
 * asked, and not the ideographic ones (U+3000-U+303F: 。、 are no dots,
 * and every Chinese text is full of them). */
static bool
middle_dot(UChar32 c)
{
	if (c == 0x00B7)
		return true;
	if (c < 0x80 || (c >= 0x3000 && c <= 0x303F))
		return false;
	int8_t t = u_charType(c);
	if (t != U_OTHER_PUNCTUATION && t != U_MATH_SYMBOL)
		return false;
	uint32_t sk[2];
	return intl_skeleton((uint32_t)c, sk, 2) == 1 && sk[0] == 0x00B7;
}

/*
 * A middle dot between two letters of a word in a script written with
 * spaces ("Ai·da", "Sady•kova") is left out, as a reader reads past it.
 * Elsewhere it stays: between two words ("two cars · no plates") it is
 * punctuation, and a Chinese transcription's 克莱尔·杜布瓦 is read
 * letter by letter anyway.
 */
static void
join_dots(struct folded *f)
{
	size_t m = 0;
	for (size_t i = 0; i < f->n; i++) {
		if (f->c[i] == 0x00B7 && m > 0 && i + 1 < f->n && is_word_char(f->c[m - 1]) &&
		    is_word_char(f->c[i + 1]) && !is_solo(f->c[m - 1]) && !is_solo(f->c[i + 1]))
			continue;
		f->c[m] = f->c[i];
		f->ostart[m] = f->ostart[i];
		f->oend[m] = f->oend[i];
		m++;
	}
	f->n = m;
}

/*
 * NFKC_Casefold (case folded, compatibility forms unified, default
 * ignorables such as the soft hyphen, ZWSP, ZWJ and the bidi controls
 * removed; a thin, hair or narrow space between two letters too), then
 * the canonical decomposition without its combining marks, without the
 * tatweel; the letters of Persian and Urdu keyboards that
 * stand for Arabic ones folded to them (keheh to kaf, Farsi yeh and yeh
 * barree to yeh: "علی الکعبی" is "علي الكعبي"); the alef maksura read as
 * the final yeh Egypt writes with it, the teh marbuta as the heh it is
 * often typed as ("فاطمه", "فاطمة"), the alef wasla as alef (the hamzas
 * of أ إ آ are marks, and go); every run of white space one
 * space.  Character by
 * character, so that each folded character knows the bytes it came from
 * (a caret on the exact words).
 */
static void
fold(const char *s, size_t len, struct folded *f)
{
	/* Han characters in their simplified forms, text and needles alike
	 * (歐陽明華 is 欧阳明华), where each keeps its place in the bytes */
	char *simplified = NULL;
	for (size_t k = 0; k < len && simplified == NULL; k++)
		if ((unsigned char)s[k] >= 0xE2 && (unsigned char)s[k] <= 0xF0) {
			simplified = intl_simplified_aligned(s, len);
			break;
		}
	if (simplified != NULL)
		s = simplified;
	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *cf = unorm2_getNFKCCasefoldInstance(&st);
	const UNormalizer2 *nfd = unorm2_getNFDInstance(&st);
	bool icu = U_SUCCESS(st);
	int32_t n = len > INT32_MAX ? INT32_MAX : (int32_t)len, i = 0;
	memset(f, 0, sizeof *f);
	while (i < n) {
		int32_t at = i;
		UChar32 c;
		U8_NEXT(s, i, n, c);
		if (c < 0)
			c = 0xFFFD;
		if (c < 0x80) {
			if (c == ' ' || (c >= '\t' && c <= '\r'))
				emit(f, ' ', (size_t)at, (size_t)i);
			else
				emit(f, c >= 'A' && c <= 'Z' ? c + 32 : c, (size_t)at, (size_t)i);
			continue;
		}
		/* a thin or hair space between two letters joins them, as a
		 * middle dot does (join_dots): "Sady\u200Akova" prints as one
		 * word; NFKC would make it a space */
		if (c == 0x2006 || c == 0x2008 || c == 0x2009 || c == 0x200A || c == 0x202F) {
			emit(f, 0x00B7, (size_t)at, (size_t)i);
			continue;
		}
		UChar in[2], m1[32], m2[96];
		int32_t il = 0, n1 = 0, n2 = 0;
		U16_APPEND_UNSAFE(in, il, c);
		const UChar *out = in;
		int32_t on = il;
		if (icu) {
			st = U_ZERO_ERROR;
			n1 = unorm2_normalize(cf, in, il, m1, 32, &st);
			if (U_SUCCESS(st)) {
				out = m1;
				on = n1;
				st = U_ZERO_ERROR;
				n2 = unorm2_normalize(nfd, m1, n1, m2, 96, &st);
				if (U_SUCCESS(st)) {
					out = m2;
					on = n2;
				}
			}
		}
		for (int32_t k = 0; k < on;) {
			UChar32 d;
			U16_NEXT(out, k, on, d);
			int8_t t = u_charType(d);
			/* marks, and the invisible format characters NFKC_Casefold
			 * leaves (U+FFF9, U+0600...): a word is read without them */
			if (t == U_NON_SPACING_MARK || t == U_ENCLOSING_MARK || t == U_FORMAT_CHAR ||
			    d == 0x0640)
				continue;
			if (d == 0x06A9 || d == 0x06AA)
				d = 0x0643; /* keheh, swash kaf: kaf */
			else if (d == 0x0649)
				d = 0x064A; /* alef maksura, final yeh as Egypt types it: yeh */
			else if (d == 0x06CC || d == 0x06D2)
				d = 0x064A; /* Farsi yeh, yeh barree: yeh */
			else if (d == 0x0629)
				d = 0x0647; /* teh marbuta, written as heh without its dots: heh */
			else if (d == 0x0671)
				d = 0x0627; /* alef wasla: alef (hamzas go with the marks) */
			const char *plain = stroke_letter(d);
			/* a Latin letter past the accented ones that NFKC keeps:
			 * small capitals (ᴀɪᴅᴀ), IPA letters (ɑ, ɡ) */
			char look[4];
			if (plain == NULL && d >= 0x0250 && u_isalpha(d) && script_of(d) == USCRIPT_LATIN &&
			    latin_of_lookalike(d, look, sizeof look))
				plain = look;
			if (plain != NULL) {
				while (*plain)
					emit(f, *plain++, (size_t)at, (size_t)i);
				continue;
			}
			if (middle_dot(d))
				d = 0x00B7;
			emit(f, u_isUWhiteSpace(d) ? ' ' : d, (size_t)at, (size_t)i);
		}
	}
	if (f->n > 0 && f->c[f->n - 1] == ' ')
		f->n--;
	join_dots(f);
	unmix_lookalikes(f);
	free(simplified);
}

static bool
is_word_char(UChar32 c)
{
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
	return u_hasBinaryProperty(c, UCHAR_ALPHABETIC) || u_isdigit(c);
}

/* A character of a script written without spaces between words. */
static bool
is_solo(UChar32 c)
{
	if (c < 0x2E80)
		return false;
	UErrorCode st = U_ZERO_ERROR;
	UScriptCode sc = uscript_getScript(c, &st);
	return U_SUCCESS(st) && uscript_breaksBetweenLetters(sc);
}

/* Whether the original text's character at byte os is a Cyrillic one. */
static bool
cyrillic_at(const char *orig, size_t os)
{
	int32_t k = 0;
	UChar32 c;
	U8_NEXT(orig + os, k, 4, c);
	return c >= 0x400 && c <= 0x4FF;
}

/* Whether the original text at bytes [os, oe) has no small letter. */
static bool
no_lower(const char *orig, size_t os, size_t oe)
{
	for (int32_t k = (int32_t)os; k < (int32_t)oe;) {
		UChar32 c;
		U8_NEXT(orig, k, (int32_t)oe, c);
		if (c < 0 || u_islower(c))
			return false;
	}
	return true;
}

/* Whether the original text at bytes [os, oe) starts with a small letter. */
static bool
starts_lower(const char *orig, size_t os, size_t oe)
{
	int32_t k = 0;
	UChar32 c;
	U8_NEXT(orig + os, k, (int32_t)(oe - os), c);
	return c >= 0 && u_islower(c);
}

struct token { size_t start, end; bool solo; };

/* The words of a folded text: runs of letters and digits, every character
 * of a script without spaces a word of its own.  Returns the count;
 * *out is malloc'd. */
static size_t
tokens(const struct folded *f, struct token **out)
{
	size_t n = 0, cap = 0;
	struct token *t = NULL;
	size_t i = 0;
	while (i < f->n) {
		if (!is_word_char(f->c[i])) {
			i++;
			continue;
		}
		size_t j = i + 1;
		bool solo = is_solo(f->c[i]);
		if (!solo)
			while (j < f->n && is_word_char(f->c[j]) && !is_solo(f->c[j]))
				j++;
		if (n == cap) {
			cap = cap ? 2 * cap : 32;
			t = xrealloc(t, cap * sizeof *t);
		}
		t[n++] = (struct token){ i, j, solo };
		i = j;
	}
	*out = t;
	return n;
}

static uint32_t
hash_chars(const UChar32 *c, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++) {
		h ^= (uint32_t)c[i];
		h *= 16777619u;
	}
	return h;
}

/* ----- the set ----- */

struct match_set *
match_set_new(struct arena *a)
{
	struct match_set *s = arena_alloc(a, sizeof *s);
	s->a = a;
	return s;
}

size_t
match_set_count(const struct match_set *s)
{
	return s->n;
}

/* Append nd to the array *v of *n (capacity *cap), grown in the arena. */
static void
push_needle(struct arena *a, struct match_needle ***v, size_t *n, size_t *cap, struct match_needle *nd)
{
	if (*n == *cap) {
		size_t c = *cap ? 2 * *cap : 16;
		struct match_needle **w = arena_alloc(a, c * sizeof *w);
		if (*n)
			memcpy(w, *v, *n * sizeof *w);
		*v = w;
		*cap = c;
	}
	(*v)[(*n)++] = nd;
}

static void
bucket_insert(struct index *ix, struct match_needle *nd)
{
	size_t b = nd->hash & (ix->n_buckets - 1);
	nd->next_in_bucket = ix->buckets[b];
	ix->buckets[b] = nd;
}

/* The chain of needles whose hash is h (NULL-terminated). */
static struct match_needle *
bucket(const struct index *ix, uint32_t h)
{
	return ix->n_buckets ? ix->buckets[h & (ix->n_buckets - 1)] : NULL;
}

static void
index_needle(struct match_set *s, struct match_needle *nd)
{
	if (nd->kind == MATCH_PHONE) {
		push_needle(s->a, &s->others, &s->n_others, &s->cap_others, nd);
		return;
	}
	struct index *ix = nd->kind == MATCH_WORDS ? &s->words : &s->dense;
	ix->n++;
	if (ix->n * 2 > ix->n_buckets) {
		size_t nb = ix->n_buckets ? 2 * ix->n_buckets : 64;
		while (ix->n * 2 > nb)
			nb *= 2;
		ix->buckets = arena_alloc(s->a, nb * sizeof *ix->buckets);
		ix->n_buckets = nb;
		/* nd is the last of s->v: inserted below, once */
		for (size_t i = 0; i + 1 < s->n; i++)
			if (s->v[i]->kind == nd->kind)
				bucket_insert(ix, s->v[i]);
	}
	bucket_insert(ix, nd);
}

static void
append(struct match_set *s, struct match_needle *nd)
{
	push_needle(s->a, &s->v, &s->n, &s->cap, nd);
	index_needle(s, nd);
}

/* ----- Arabic clitics ----- */

/* The longest run of clitics arabic_clitics accepts (وبال, فكال). */
#define ARABIC_CLITICS_MAX 4

/*
 * Whether w[0..p) is a run of what Arabic writes onto the front of a
 * word, before a word of rest letters: a conjunction (و, ف), then a
 * preposition (ب, ك, ل), then the article (ال), each optional; or ل with
 * the article, written لل.  "والكعبي", "بالكعبي", "للكعبي" are "كعبي"
 * with clitics.  The word left must have 3 letters at least: a shorter
 * one ("ولي" is و and "لي") is too often another word.
 */
static bool
arabic_clitics(const UChar32 *w, size_t p, size_t rest)
{
	enum { WAW = 0x0648, FEH = 0x0641, BEH = 0x0628, KAF = 0x0643, LAM = 0x0644, ALEF = 0x0627 };
	if (p == 0 || p > ARABIC_CLITICS_MAX || rest < 3)
		return false;
	size_t i = 0;
	if (w[i] == WAW || w[i] == FEH)
		i++;
	if (i + 2 == p && w[i] == LAM && w[i + 1] == LAM)
		return true;
	if (i < p && (w[i] == BEH || w[i] == KAF || w[i] == LAM))
		i++;
	if (i + 2 <= p && w[i] == ALEF && w[i + 1] == LAM)
		i += 2;
	return i == p;
}

/* How many letters of a name's word are its article: a name is read
 * without it ("الكعبي" as "كعبي"), and a text's words without it and
 * the clitics before it (find_words), so that "كعبي", "الكعبي" and
 * "والكعبي" all name al-Kaabi. */
static size_t
arabic_article(const UChar32 *w, size_t n)
{
	return n >= 5 && w[0] == 0x0627 && w[1] == 0x0644 ? 2 : 0;
}

/* Whether the digit c[i], with n digits before it in the number, is the
 * trunk 0 written in brackets after the country code: "+31 (0)70 555 0147",
 * the way numbers are written in the Netherlands, the United Kingdom,
 * Germany or Switzerland; left out, so that the number reads as
 * "+31 70 555 0147" (and "070 555 0147" as the national form). */
static bool
trunk_in_brackets(const UChar32 *c, size_t len, size_t i, size_t n)
{
	return n > 0 && c[i] == '0' && i > 0 && c[i - 1] == '(' && i + 1 < len && c[i + 1] == ')';
}

/* The key of a folded text for a needle of kind k (see struct
 * match_needle), in malloc'd *key; *n_words and *dense set.  Arabic
 * words without their article (arabic_article). */
static size_t
make_key(const struct folded *f, enum match_kind k, UChar32 **key, size_t *n_words, bool *dense)
{
	UChar32 *out = xmalloc((f->n + 1) * sizeof *out);
	size_t n = 0;
	*n_words = 0;
	*dense = false;
	if (k == MATCH_PHONE) {
		for (size_t i = 0; i < f->n; i++)
			if (u_isdigit(f->c[i]) && !trunk_in_brackets(f->c, f->n, i, n))
				out[n++] = '0' + u_charDigitValue(f->c[i]);
		if (n >= 2 && out[0] == '0' && out[1] == '0') {
			memmove(out, out + 2, (n - 2) * sizeof *out);
			n -= 2;
		}
		*key = out;
		return n;
	}
	struct token *t;
	size_t nt = tokens(f, &t);
	for (size_t i = 0; i < nt; i++)
		*dense |= t[i].solo;
	for (size_t i = 0; i < nt; i++) {
		if (!*dense && i > 0)
			out[n++] = ' ';
		size_t len = t[i].end - t[i].start, a = arabic_article(f->c + t[i].start, len);
		memcpy(out + n, f->c + t[i].start + a, (len - a) * sizeof *out);
		n += len - a;
	}
	*n_words = nt;
	free(t);
	*key = out;
	return n;
}

/* The needle of s with this kind and key (and owner, unless any_owner),
 * or NULL. */
static struct match_needle *
find_key(const struct match_set *s, enum match_kind kind, const UChar32 *key, size_t n,
    const void *owner, bool any_owner, unsigned reads)
{
	if (kind != MATCH_PHONE) {
		size_t w = 0;
		while (w < n && key[w] != ' ' && (kind == MATCH_WORDS || w < 1))
			w++;
		uint32_t h = hash_chars(key, w);
		for (struct match_needle *nd = bucket(kind == MATCH_WORDS ? &s->words : &s->dense, h);
		    nd; nd = nd->next_in_bucket)
			if (nd->hash == h && nd->key_len == n && memcmp(nd->key, key, n * sizeof *key) == 0 &&
			    (any_owner || nd->owner == owner) && (nd->reads & reads))
				return nd;
		return NULL;
	}
	for (size_t i = 0; i < s->n_others; i++) {
		struct match_needle *nd = s->others[i];
		if (nd->kind == kind && nd->key_len == n && memcmp(nd->key, key, n * sizeof *key) == 0 &&
		    (any_owner || nd->owner == owner))
			return nd;
	}
	return NULL;
}

static bool
has_key(const struct match_set *s, enum match_kind kind, const UChar32 *key, size_t n,
    const void *owner, bool any_owner, unsigned reads)
{
	return find_key(s, kind, key, n, owner, any_owner, reads) != NULL;
}

/* The needle for key, added to s unless s has it already (same owner);
 * NULL when there is nothing to match. */
static struct match_needle *
add_key(struct match_set *s, enum match_kind kind, enum match_weight w, UChar32 *key,
    size_t n, size_t n_words, const void *owner, const char *path, const char *what,
    unsigned reads)
{
	if (n == 0 || (kind == MATCH_PHONE && n < MIN_PHONE_DIGITS))
		return NULL;
	s->sounds |= reads == READ_SOUNDS;
	s->latin_parts |= reads == READ_LATIN;
	struct match_needle *nd = find_key(s, kind, key, n, owner, false, ~0u);
	if (nd != NULL) {
		nd->reads |= reads;
		return nd;
	}
	nd = arena_alloc(s->a, sizeof *nd);
	nd->kind = kind;
	nd->weight = w;
	nd->key = arena_alloc(s->a, n * sizeof *key);
	memcpy(nd->key, key, n * sizeof *key);
	nd->key_len = n;
	nd->n_words = n_words;
	if (kind != MATCH_PHONE) {
		size_t fw = 0;
		while (fw < n && key[fw] != ' ' && (kind == MATCH_WORDS || fw < 1))
			fw++;
		nd->hash = hash_chars(key, fw);
	}
	nd->owner = owner;
	nd->path = path;
	nd->what = what;
	nd->reads = reads;
	for (size_t i = 0; kind == MATCH_WORDS && i < n && !s->latin_words; i++)
		s->latin_words = key[i] >= 'a' && key[i] <= 'z';
	append(s, nd);
	return nd;
}

/* ----- Russian case endings ----- */

/*
 * The length of a Cyrillic word's stem: the word without the ending
 * Russian gives a name in a sentence ("Садыковой", "Аиду", "Тимуром",
 * "Осмонова", "Достоевского"), when at least 3 letters are left; n for a
 * word not all in Cyrillic letters, or with no such ending.  The stem of
 * "Садыкова" is "Садыков", as is the stem of "Садыковой": a name and its
 * declined forms meet there.  Endings of the suffixes that make surnames
 * (-ов, -ев, -ин) stay.
 */
static size_t
russian_stem(const UChar32 *w, size_t n)
{
	/* as fold() leaves them: й is и once its breve is gone */
	static const char *const endings[] = {
		"ыми", "ими", "ами", "ями", "ого", "его", "ому", "ему",
		"ои", "еи", "ою", "ею", "ом", "ем", "ам", "ям", "ах", "ях", "ым", "им", "ых", "их",
		"ую", "юю", "ии", "ыи", "ая", "яя", "ое",
		"а", "я", "у", "ю", "е", "ы", "и", "о", "ь",
	};
	for (size_t i = 0; i < n; i++)
		if (w[i] < 0x0400 || w[i] > 0x04FF)
			return n;
	for (size_t e = 0; e < sizeof endings / sizeof *endings; e++) {
		UChar32 u[4];
		size_t k = 0;
		for (int32_t i = 0, len = (int32_t)strlen(endings[e]); i < len && k < 4; k++) {
			UChar32 c;
			U8_NEXT_UNSAFE(endings[e], i, c);
			u[k] = c;
		}
		if (n >= k + 3 && memcmp(w + n - k, u, k * sizeof *u) == 0)
			return n - k;
	}
	return n;
}

/*
 * The same for a name given in Latin letters (folded, a-z only): the
 * length of the stem its Russian form has, read in Latin letters.  A text
 * in Russian declines "Timur Osmonov" as "Тимура Осмонова", whose stems
 * "Тимур Осмонов" read "timur osmonov"; "Aida Sadykova" as "Аиду
 * Садыкову", stems "Аид Садыков", "aid sadykov".  So a Latin name is cut
 * where russian_stem cuts its Russian form in the nominative: the
 * endings of names in the nominative (а, я, ий, ый, ой, ей, ая, о, е...)
 * as BGN/PCGN and the usual spellings write them ("Dmitriy", "Dmitrij",
 * "Dmitry": "dmitr"), the longest first, 3 letters at least left.
 */
static size_t
latin_stem(const UChar32 *w, size_t n)
{
	static const char *const endings[] = {
		"aya", "iy", "ij", "yy", "yi", "oy", "oi", "ey", "ei", "ya", "yu",
		"a", "e", "i", "o", "u", "y",
	};
	for (size_t i = 0; i < n; i++)
		if (w[i] < 'a' || w[i] > 'z')
			return n;
	for (size_t e = 0; e < sizeof endings / sizeof *endings; e++) {
		size_t k = strlen(endings[e]);
		bool same = n >= k + 3;
		for (size_t i = 0; same && i < k; i++)
			same = w[n - k + i] == (UChar32)(unsigned char)endings[e][i];
		if (same)
			return n - k;
	}
	return n;
}

/* The stem of a needle's word: Russian for a Cyrillic word, the Latin
 * reading of a Russian stem for a Latin one (latin_stem). */
static size_t
word_stem(const UChar32 *w, size_t n)
{
	size_t k = russian_stem(w, n);
	return k < n ? k : latin_stem(w, n);
}

/*
 * f read with every Cyrillic word cut to its stem (russian_stem), and
 * with latin (a needle's words) every Latin one too (latin_stem), into r,
 * words joined by one space; the stem's last letter keeps the bytes up to
 * the end of its word, so that a hit covers the word whole.  False (r
 * untouched) when no word is cut.
 */
static bool
stemmed_reading(const struct folded *f, const struct token *t, size_t nt, struct folded *r,
    bool latin)
{
	size_t (*stem)(const UChar32 *, size_t) = latin ? word_stem : russian_stem;
	bool any = false;
	for (size_t i = 0; i < nt && !any; i++)
		any = !t[i].solo && stem(f->c + t[i].start, t[i].end - t[i].start) <
		    t[i].end - t[i].start;
	if (!any)
		return false;
	memset(r, 0, sizeof *r);
	for (size_t i = 0; i < nt; i++) {
		size_t n = t[i].end - t[i].start;
		size_t k = t[i].solo ? n : stem(f->c + t[i].start, n);
		if (i > 0)
			emit(r, ' ', f->ostart[t[i].start], f->ostart[t[i].start] + 1);
		for (size_t j = 0; j < k; j++)
			push(r, f->c[t[i].start + j], f->ostart[t[i].start + j],
			    j + 1 == k ? f->oend[t[i].end - 1] : f->oend[t[i].start + j]);
	}
	return true;
}

/* ----- spellings of a transliterated name ----- */

/* The shortest word of a name given a phonetic key: shorter ones ("Li",
 * "Wen", "Chen", "Kim") have too many neighbours in a text. */
#define SOUND_MIN_LETTERS 5

/*
 * The phonetic key of a Latin word (folded: a-z only; 0 for any other
 * word) into out (n places): the spellings the languages of the
 * submissions give one sound of a transliterated name made one, so that
 * "Khasanova", "Khassanova", "Jasánova" and "Hassanova" are "hasanova",
 * "Churkin" and "Tchourkine" "1urkin": kh, j, zh, dj, dzh, x and h are h;
 * tsch, tch, sch, ch, sh, sz and cz one sound, '1' (French and German
 * spell Russian ч and ш so); ou is u; y is i; w is v; ph is f; gh is g;
 * q, ck and c are k; a doubled letter is one; a final e after a consonant
 * goes (French "Poutine").  One pass left to right, the longest spelling
 * first, each a few letters: linear in the word.
 */
static size_t
sound_key(const UChar32 *w, size_t n, UChar32 *out)
{
	static const struct { const char *from; char to; } spell[] = {
		{ "tsch", '1' }, { "dzh", 'h' }, { "tch", '1' }, { "sch", '1' }, { "ch", '1' },
		{ "sh", '1' }, { "sz", '1' }, { "cz", '1' }, { "kh", 'h' }, { "zh", 'h' },
		{ "dj", 'h' }, { "ph", 'f' }, { "gh", 'g' }, { "ou", 'u' }, { "ck", 'k' },
		{ "j", 'h' }, { "x", 'h' }, { "y", 'i' }, { "w", 'v' }, { "q", 'k' }, { "c", 'k' },
	};
	for (size_t i = 0; i < n; i++)
		if (w[i] < 'a' || w[i] > 'z')
			return 0;
	size_t m = 0;
	for (size_t i = 0; i < n;) {
		UChar32 c = w[i];
		size_t adv = 1;
		for (size_t e = 0; e < sizeof spell / sizeof *spell; e++) {
			size_t k = 0;
			while (spell[e].from[k] && i + k < n && w[i + k] == (UChar32)spell[e].from[k])
				k++;
			if (spell[e].from[k] == '\0') {
				c = (unsigned char)spell[e].to;
				adv = k;
				break;
			}
		}
		if (m == 0 || out[m - 1] != c)
			out[m++] = c;
		i += adv;
	}
	if (m > 3 && out[m - 1] == 'e' && !strchr("aeiou", (int)out[m - 2]))
		m--;
	return m;
}

static bool ordinary_key(const UChar32 *k, size_t n);

/*
 * The phonetic key of the words t[0..nt) of f (a name, or one word of
 * it), as a needle searched only in the phonetic reading of a text
 * (READ_SOUNDS): when every word is a Latin one and one has
 * SOUND_MIN_LETTERS letters or more, and the key is no needle of except
 * (a name shown: a sister's "Khasanova" does not reach her brother's
 * "Hasanov", whatever the spelling).
 */
static void
add_sounds(struct match_set *s, const struct folded *f, const struct token *t, size_t nt,
    enum match_weight w, const struct match_set *except, const void *owner, const char *path,
    const char *what)
{
	size_t total = 0;
	bool long_word = false;
	for (size_t i = 0; i < nt; i++) {
		total += t[i].end - t[i].start + 1;
		long_word |= t[i].end - t[i].start >= SOUND_MIN_LETTERS;
	}
	if (!long_word)
		return;
	UChar32 *key = xmalloc(total * sizeof *key);
	size_t n = 0;
	for (size_t i = 0; i < nt; i++) {
		if (i > 0)
			key[n++] = ' ';
		size_t m = sound_key(f->c + t[i].start, t[i].end - t[i].start, key + n);
		if (m == 0) {
			free(key);
			return;
		}
		n += m;
	}
	if (except && has_key(except, MATCH_WORDS, key, n, NULL, true, READ_TEXT | READ_SOUNDS)) {
		free(key);
		return;
	}
	/* a word whose stem is a word of a name shown ("Sadykova" and her
	 * brother "Sadykov") is his genitive in Russian ("брат Садыкова"):
	 * its key is not read in Cyrillic words, where the stems decide */
	size_t k = nt == 1 ? latin_stem(f->c + t[0].start, t[0].end - t[0].start) : 0;
	bool brother = except && k >= 4 && k < t[0].end - t[0].start &&
	    has_key(except, MATCH_WORDS, f->c + t[0].start, k, NULL, true, READ_TEXT | READ_STEMS);
	struct match_needle *nd = add_key(s, MATCH_WORDS, w, key, n, nt, owner, path, what,
	    READ_SOUNDS);
	if (nd != NULL && brother)
		nd->latin_text_only = true;
	free(key);
}

/* A reading of a name (folded f) as a WORDS needle searched in the
 * readings reads; nothing when it holds a script written without spaces. */
static void
add_reading_key(struct match_set *s, const struct folded *f, enum match_weight w,
    const void *owner, const char *path, const char *what, unsigned reads)
{
	UChar32 *key;
	size_t n_words;
	bool dense;
	size_t n = make_key(f, MATCH_WORDS, &key, &n_words, &dense);
	if (!dense)
		add_key(s, MATCH_WORDS, w, key, n, n_words, owner, path, what, reads);
	free(key);
}

bool
match_add(struct match_set *s, enum match_kind kind, enum match_weight w,
    const char *utf8, size_t len, const void *owner, const char *path, const char *what)
{
	struct folded f;
	fold(utf8, len, &f);
	UChar32 *key;
	size_t n_words;
	bool dense;
	size_t n = make_key(&f, kind, &key, &n_words, &dense);
	if (kind == MATCH_WORDS && dense)
		kind = MATCH_DENSE;
	bool ok = add_key(s, kind, w, key, n, n_words, owner, path, what, READ_TEXT | READ_STEMS) != NULL;
	/* "Nattaya\u00adSrisuk", "Nattaya\u200bSrisuk": an invisible
	 * character between two words joins them on the page */
	if (ok && kind == MATCH_WORDS && w == MATCH_FULL && n_words > 1) {
		size_t m = 0;
		for (size_t i = 0; i < n; i++)
			if (key[i] != ' ')
				key[m++] = key[i];
		add_key(s, kind, w, key, m, 1, owner, path, what, READ_TEXT | READ_STEMS);
		/* and with its Arabic articles, which the words are read
		 * without: "أحمدالكعبي", a space forgotten after a letter that
		 * does not join (د), shows as two words on the page */
		UChar32 *whole = xmalloc((f.n + 1) * sizeof *whole);
		size_t k = 0;
		for (size_t i = 0; i < f.n; i++)
			if (is_word_char(f.c[i]))
				whole[k++] = f.c[i];
		if (k > m)
			add_key(s, kind, w, whole, k, 1, owner, path, what, READ_TEXT | READ_STEMS);
		free(whole);
	}
	/* the name as Russian declines it: its stems, for the stemmed reading */
	struct token *t;
	size_t nt = tokens(&f, &t);
	struct folded r;
	if (ok && kind == MATCH_WORDS && stemmed_reading(&f, t, nt, &r, true)) {
		add_reading_key(s, &r, w, owner, path, what, READ_STEMS);
		folded_free(&r);
	}
	/* and as other languages spell it, for the phonetic reading */
	if (ok && kind == MATCH_WORDS)
		add_sounds(s, &f, t, nt, w, NULL, owner, path, what);
	free(t);
	free(key);
	folded_free(&f);
	return ok;
}

/* The longest name part read run together or transcribed (add_joined,
 * joined_at, transcribed). */
#define JOINED_MAX 40

/*
 * The word utf8[0..len) with German and Nordic letters written as their
 * transcriptions ("Müller" as "Mueller", "Østergård" as "Oestergaard",
 * "Jäger" as "Jaeger"), folded into key[0..max); its length, or 0 when
 * the word has none of those letters or is not one word then.  An umlaut
 * or ring may be a combining mark after its letter (NFD).
 */
static size_t
transcribed(const char *utf8, size_t len, UChar32 *key, size_t max)
{
	char buf[4 * JOINED_MAX];
	size_t o = 0;
	bool any = false;
	for (int32_t i = 0; i < (int32_t)len && o + 8 < sizeof buf;) {
		UChar32 c;
		int32_t at = i;
		U8_NEXT(utf8, i, (int32_t)len, c);
		if (c < 0)
			return 0;
		UChar32 mark = 0;
		if (i < (int32_t)len) {
			int32_t j = i;
			U8_NEXT(utf8, j, (int32_t)len, mark);
			if (mark == 0x0308 || mark == 0x030A)
				i = j;
			else
				mark = 0;
		}
		const char *tr = NULL;
		switch (u_tolower(c)) {
		case 0x00E4: tr = "ae"; break;   /* ä */
		case 0x00F6: case 0x00F8: tr = "oe"; break;   /* ö ø */
		case 0x00FC: tr = "ue"; break;   /* ü */
		case 0x00E5: tr = "aa"; break;   /* å */
		case 0x00E6: tr = "ae"; break;   /* æ */
		case 'a': tr = mark == 0x0308 ? "ae" : mark == 0x030A ? "aa" : NULL; break;
		case 'o': tr = mark == 0x0308 ? "oe" : NULL; break;
		case 'u': tr = mark == 0x0308 ? "ue" : NULL; break;
		}
		if (tr != NULL) {
			memcpy(buf + o, tr, 2);
			o += 2;
			any = true;
		} else {
			memcpy(buf + o, utf8 + at, (size_t)(i - at));
			o += (size_t)(i - at);
		}
	}
	if (!any)
		return 0;
	struct folded f;
	fold(buf, o, &f);
	struct token *t;
	size_t nt = tokens(&f, &t), n = 0;
	if (nt == 1 && !t[0].solo && t[0].end - t[0].start <= max) {
		n = t[0].end - t[0].start;
		memcpy(key, f.c + t[0].start, n * sizeof *key);
	}
	free(t);
	folded_free(&f);
	return n;
}

/* Whether utf8[0..len) may hold a letter transcribed() writes otherwise:
 * ä ö ü ø å æ (any case) or a combining diaeresis or ring. */
static bool
may_transcribe(const char *utf8, size_t len)
{
	for (size_t i = 0; i + 1 < len; i++) {
		unsigned char b = (unsigned char)utf8[i], n = (unsigned char)utf8[i + 1];
		if ((b == 0xC3 && ((n & 0xDF) == 0x84 || (n & 0xDF) == 0x96 || (n & 0xDF) == 0x9C ||
		    (n & 0xDF) == 0x98 || (n & 0xDF) == 0x85 || (n & 0xDF) == 0x86)) ||
		    (b == 0xCC && (n == 0x88 || n == 0x8A)))
			return true;
	}
	return false;
}

/* Whether folded text joins the words t[i] and t[i + 1] with one
 * character a name writes inside itself: an apostrophe, a hyphen, or
 * (with spaces) a space. */
static bool
joins(const struct folded *f, const struct token *t, size_t i, bool spaces)
{
	if (t[i].solo || t[i + 1].solo || t[i + 1].start != t[i].end + 1)
		return false;
	UChar32 c = f->c[t[i].end];
	return c == '\'' || c == 0x2019 || c == 0x2018 || c == '-' || c == 0x2010 || c == 0x2011 ||
	    (spaces && c == ' ');
}

/*
 * A name of two to four words as one word too, a PART needle of the text
 * reading: people write "N'Diaye" as "Ndiaye", "Al-Kaabi" and "Al Kaabi"
 * as "Alkaabi", "Min-jun" as "Minjun", "Abdul Rahman" as "Abdulrahman"
 * (the other way, a text that splits a name the case writes as one word,
 * is joined_at's).  Every run of two to four of its words, so that a
 * longer name gives its parts so written too ("Alotaibi" and "Binsalman"
 * of "bin Salman Al-Otaibi", "Delacruz" of "García-Márquez de la
 * Cruz").  Five letters at least, and not a name shown (except).
 */
static void
add_joined(struct match_set *s, const struct folded *f, const struct token *t, size_t nt,
    const struct match_set *except, const void *owner, const char *path, const char *what)
{
	for (size_t from = 0; from + 1 < nt; from++) {
		UChar32 key[JOINED_MAX];
		size_t n = 0;
		for (size_t i = from; i < nt && i < from + 4; i++) {
			size_t len = t[i].end - t[i].start;
			if ((i > from && !joins(f, t, i - 1, true)) || n + len > JOINED_MAX)
				break;
			memcpy(key + n, f->c + t[i].start, len * sizeof *key);
			n += len;
			if (i > from && n >= 5 &&
			    !(except && has_key(except, MATCH_WORDS, key, n, NULL, true, READ_TEXT)))
				add_key(s, MATCH_WORDS, MATCH_PART, key, n, 1, owner, path, what, READ_TEXT);
		}
	}
}

/* The most forms gendered() gives for one word. */
#define GENDERED_MAX 8

/* Into out[*m] (when there is room): key[0..k) and then the letters of
 * end. */
static void
put_form(const UChar32 *key, size_t k, const char *end, UChar32 out[GENDERED_MAX][JOINED_MAX],
    size_t len[GENDERED_MAX], size_t *m)
{
	size_t tl = strlen(end);
	if (*m == GENDERED_MAX || k + tl > JOINED_MAX)
		return;
	memcpy(out[*m], key, k * sizeof *key);
	for (size_t i = 0; i < tl; i++)
		out[*m][k + i] = (unsigned char)end[i];
	len[(*m)++] = k + tl;
}

/* Whether the UTF-8 word w[0..n) ends with the UTF-8 string end. */
static bool
ends_with(const char *w, size_t n, const char *end)
{
	size_t k = strlen(end);
	return n >= k && memcmp(w + n - k, end, k) == 0;
}

/* Whether the UTF-8 bytes w[0..n) hold a letter beyond ASCII (Novák,
 * Dvořák: written so, a name is Czech or Slovak, not a given name). */
static bool
beyond_ascii(const char *w, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)w[i] >= 0x80)
			return true;
	return false;
}

/*
 * The forms of a surname written in Latin letters (folded, a-z only:
 * key[0..n); orig[0..olen) as written) for the other gender, where the
 * language makes one of the other: a victim's father or sister is named
 * with it, and names the family.  Into out[i][0..len[i]), each at most
 * JOINED_MAX letters; their count.  (A Russian text is read by its
 * stems, where both forms meet already.)
 *  - Russian, Bulgarian, Polish, Belarusian, as transliterated, 3
 *    letters at least left before the ending: "Sadykova" and "Sadykov",
 *    "Kowalski" and "Kowalska", "Dostoevskaya" and "Dostoevsky",
 *    "Tolstoy" and "Tolstaya", "Putin" and "Putina", "Kalesnikava" and
 *    "Kalesnikau";
 *  - Lithuanian, 4 letters at least left ("Lucas" would give the
 *    Brazilian given name "Luciene"): "Kazlauskas" and "Kazlauskiene" (a
 *    wife) or "Kazlauskaite" (a daughter), "Adamkus" and "Adamkute"; and
 *    a wife's and a daughter's forms of each other, the same gender but
 *    not the same word (a mother Kazlauskiene of a withheld Kazlauskaite);
 *  - Czech and Slovak, for a name written with their letters only
 *    ("Nováková" and "Novák", "Procházka" and "Procházková", "Černý"
 *    and "Černá"): from "Adamová", "Janová" the man's form would be a
 *    given name (Adam, Jan), and "-ová" added to "Karim", "Roman" or
 *    "Popa" another family's name (Karimova, Romanova, Popova).
 */
static size_t
gendered(const UChar32 *key, size_t n, const char *orig, size_t olen,
    UChar32 out[GENDERED_MAX][JOINED_MAX], size_t len[GENDERED_MAX])
{
	/* the longest ending first: only the first that fits is used */
	static const struct { const char *from, *to[7]; unsigned char left; } forms[] = {
		{ "skaya", { "sky", "skiy", "skii", "ski" }, 3 },
		{ "skiy", { "skaya" }, 3 }, { "skii", { "skaya" }, 3 },
		{ "iene", { "as", "is", "ys", "us", "aite", "yte", "ute" }, 4 },
		{ "aite", { "as", "iene" }, 4 },
		{ "sky", { "skaya", "ska" }, 3 },
		{ "ski", { "ska", "skaya" }, 3 }, { "ska", { "ski", "sky", "skiy" }, 3 },
		{ "cki", { "cka" }, 3 }, { "cka", { "cki" }, 3 },
		{ "aya", { "oy", "iy", "yy" }, 3 },
		{ "ova", { "ov", "ou" }, 3 }, { "eva", { "ev" }, 3 }, { "ina", { "in" }, 3 },
		{ "yna", { "yn" }, 3 }, { "ava", { "au" }, 3 },
		{ "yte", { "is", "ys", "iene" }, 4 }, { "ute", { "us", "iene" }, 4 },
		{ "oy", { "aya" }, 3 }, { "iy", { "aya" }, 3 }, { "yy", { "aya" }, 3 },
		{ "ov", { "ova" }, 3 }, { "ev", { "eva" }, 3 }, { "in", { "ina" }, 3 },
		{ "yn", { "yna" }, 3 }, { "au", { "ava" }, 3 }, { "ou", { "ova" }, 3 },
		{ "as", { "iene", "aite" }, 4 }, { "is", { "iene", "yte" }, 4 },
		{ "ys", { "iene", "yte" }, 4 }, { "us", { "iene", "ute" }, 4 },
	};
	for (size_t i = 0; i < n; i++)
		if (key[i] < 'a' || key[i] > 'z')
			return 0;
	size_t m = 0;
	bool table = false;
	for (size_t f = 0; f < sizeof forms / sizeof *forms && !table; f++) {
		size_t k = strlen(forms[f].from);
		if (n < k + forms[f].left)
			continue;
		bool same = true;
		for (size_t i = 0; same && i < k; i++)
			same = key[n - k + i] == (UChar32)(unsigned char)forms[f].from[i];
		if (!same)
			continue;
		table = true;
		size_t n_to = sizeof forms[f].to / sizeof *forms[f].to;
		for (size_t t = 0; t < n_to && forms[f].to[t] != NULL; t++)
			put_form(key, n - k, forms[f].to[t], out, len, &m);
	}
	/* Czech and Slovak: "ová", "á", "ý" are 4, 2, 2 bytes */
	if (ends_with(orig, olen, "ov\xC3\xA1") && n >= 7 && beyond_ascii(orig, olen - 4)) {
		put_form(key, n - 3, "", out, len, &m);                  /* Nováková */
		put_form(key, n - 3, "a", out, len, &m);                 /* Procházková */
	} else if (ends_with(orig, olen, "\xC3\xA1") && !ends_with(orig, olen, "ov\xC3\xA1") &&
	    n >= 4 && !strchr("aeiouy", (int)key[n - 2])) {
		put_form(key, n - 1, "y", out, len, &m);                 /* Černá */
	} else if (ends_with(orig, olen, "\xC3\xBD") && n >= 4) {
		put_form(key, n - 1, "a", out, len, &m);                 /* Černý */
	} else if (!table && n >= 4 && beyond_ascii(orig, olen)) {
		if (key[n - 1] == 'a')
			put_form(key, n - 1, "ova", out, len, &m);           /* Procházka */
		else if (!strchr("eiouys", (int)key[n - 1]))
			put_form(key, n, "ova", out, len, &m);               /* Novák */
	}
	return m;
}

/*
 * The forms Russian declines a name ending in а or я (last) to, after its
 * stem key[0..k): Аида, Аиды, Аиде, Аиду, Аидой; Илья, Ильи, Илье, Илью,
 * Ильей.  Each a part that counts only with a capital (struct
 * match_needle), none that is a needle of `except`.
 */
static void
add_declined(struct match_set *s, const UChar32 *key, size_t k, UChar32 last,
    const struct match_set *except, const void *owner, const char *path, const char *what)
{
	static const UChar32 after_a[][3] = { { 0x44B }, { 0x438 }, { 0x435 }, { 0x443 },
		{ 0x43E, 0x438 }, { 0x435, 0x438 }, { 0x43E, 0x44E }, { 0x435, 0x44E } };
	static const UChar32 after_ya[][3] = { { 0x438 }, { 0x435 }, { 0x44E },
		{ 0x435, 0x438 }, { 0x435, 0x44E } };
	if (last != 0x430 && last != 0x44F)
		return;
	size_t n_end = last == 0x430 ? sizeof after_a / sizeof *after_a
	    : sizeof after_ya / sizeof *after_ya;
	for (size_t e = 0; e < n_end; e++) {
		const UChar32 *end = last == 0x430 ? after_a[e] : after_ya[e];
		UChar32 w[8];
		size_t m = 0;
		for (; m < k; m++)
			w[m] = key[m];
		for (size_t i = 0; i < 3 && end[i] != 0; i++)
			w[m++] = end[i];
		if (except && has_key(except, MATCH_WORDS, w, m, NULL, true, READ_TEXT))
			continue;
		if (find_key(s, MATCH_WORDS, w, m, owner, false, READ_TEXT) != NULL)
			continue;
		struct match_needle *nd = add_key(s, MATCH_WORDS, MATCH_PART, w, m, 1, owner, path,
		    what, READ_TEXT);
		if (nd != NULL)
			nd->capital = true;
	}
}

void
match_add_words(struct match_set *s, const char *utf8, size_t len, size_t min_chars,
    const struct match_set *except, const void *owner, const char *path, const char *what)
{
	struct folded f;
	fold(utf8, len, &f);
	struct token *t;
	size_t nt = tokens(&f, &t);
	/* A word written small in a name written with capitals is a particle
	 * ("Jean-Pierre de Souza", "van", "al-"): no name on its own. */
	bool capitals = false;
	for (size_t i = 0; i < nt; i++)
		capitals |= !t[i].solo && !starts_lower(utf8, f.ostart[t[i].start], f.oend[t[i].end - 1]);
	for (size_t i = 0; i < nt; i++) {
		size_t n = t[i].end - t[i].start;
		const UChar32 *key = f.c + t[i].start;
		if (t[i].solo || n < min_chars)
			continue;
		size_t article = arabic_article(key, n);
		key += article;
		n -= article;
		if (capitals && starts_lower(utf8, f.ostart[t[i].start], f.oend[t[i].end - 1]))
			continue;
		if (except && has_key(except, MATCH_WORDS, key, n, NULL, true, READ_TEXT))
			continue;
		add_key(s, MATCH_WORDS, MATCH_PART, (UChar32 *)key, n, 1, owner, path, what,
		    READ_TEXT | READ_STEMS);
		/* its stem, for the stemmed reading: at least 4 letters alone,
		 * and not the stem of a word of a name shown ("Садыков", a
		 * brother, and "Садыкова", his sister) */
		size_t k = word_stem(key, n);
		if (k < n && k >= 4 && !(except && has_key(except, MATCH_WORDS, key, k, NULL, true,
		    READ_TEXT | READ_STEMS)))
			add_key(s, MATCH_WORDS, MATCH_PART, (UChar32 *)key, k, 1, owner, path, what,
			    READ_STEMS);
		/* a short name whose stem is 3 letters (Аида, Анна, Илья: too
		 * loose a part alone) in its declined forms, as written with
		 * a capital: Аиду, Аиды, Анной, Ильи; "веру" (faith) is a word */
		if (k == 3 && n == 4)
			add_declined(s, key, k, key[n - 1], except, owner, path, what);
		/* its phonetic key, unless the word is one of the language */
		if (!ordinary_key(key, n))
			add_sounds(s, &f, t + i, 1, MATCH_PART, except, owner, path, what);
		/* and its German or Nordic letters transcribed ("Müller" as
		 * "Mueller"; find_words reads a text's "Müller" so too) */
		UChar32 tk[JOINED_MAX];
		size_t os = f.ostart[t[i].start], oe = f.oend[t[i].end - 1];
		size_t m = may_transcribe(utf8 + os, oe - os) ? transcribed(utf8 + os, oe - os, tk,
		    JOINED_MAX) : 0;
		if (m > 0 && m >= min_chars && !(except && has_key(except, MATCH_WORDS, tk, m, NULL, true,
		    READ_TEXT)))
			add_key(s, MATCH_WORDS, MATCH_PART, tk, m, 1, owner, path, what, READ_TEXT);
	}
	add_joined(s, &f, t, nt, except, owner, path, what);
	free(t);
	folded_free(&f);
}

void
match_add_gendered(struct match_set *s, const char *utf8, size_t len,
    const struct match_set *except, const void *owner, const char *path, const char *what)
{
	struct folded f;
	fold(utf8, len, &f);
	struct token *t;
	size_t nt = tokens(&f, &t);
	for (size_t i = 0; i < nt; i++) {
		UChar32 gk[GENDERED_MAX][JOINED_MAX];
		size_t gl[GENDERED_MAX];
		size_t os = f.ostart[t[i].start], oe = f.oend[t[i].end - 1];
		size_t ng = t[i].solo ? 0 : gendered(f.c + t[i].start, t[i].end - t[i].start,
		    utf8 + os, oe - os, gk, gl);
		for (size_t g = 0; g < ng; g++) {
			/* a form the name has already is that, not a guess */
			if ((except && has_key(except, MATCH_WORDS, gk[g], gl[g], NULL, true, READ_TEXT)) ||
			    find_key(s, MATCH_WORDS, gk[g], gl[g], owner, false, READ_TEXT) != NULL)
				continue;
			struct match_needle *nd = add_key(s, MATCH_WORDS, MATCH_PART, gk[g], gl[g], 1,
			    owner, path, what, READ_TEXT);
			/* a surname is written with a capital: "cerna", "mala"
			 * written small are words */
			if (nd != NULL) {
				nd->gendered = true;
				nd->capital = true;
			}
		}
	}
	free(t);
	folded_free(&f);
}

size_t
match_gendered_words(struct arena *a, const char *utf8, size_t len, const char **out, size_t max)
{
	struct folded f;
	fold(utf8, len, &f);
	struct token *t;
	size_t nt = tokens(&f, &t), n = 0;
	for (size_t i = 0; i < nt && n < max; i++) {
		UChar32 gk[GENDERED_MAX][JOINED_MAX];
		size_t gl[GENDERED_MAX];
		size_t os = f.ostart[t[i].start], oe = f.oend[t[i].end - 1];
		size_t ng = t[i].solo ? 0 : gendered(f.c + t[i].start, t[i].end - t[i].start,
		    utf8 + os, oe - os, gk, gl);
		for (size_t g = 0; g < ng && n < max; g++) {
			char *w = arena_alloc(a, gl[g] * 4 + 1);
			size_t b = 0;
			for (size_t k = 0; k < gl[g]; k++) {
				UBool err = false;
				U8_APPEND((uint8_t *)w, b, (int32_t)(gl[g] * 4), gk[g][k], err);
				if (err)
					break;
			}
			w[b] = '\0';
			out[n++] = w;
		}
	}
	free(t);
	folded_free(&f);
	return n;
}

bool
match_set_has(const struct match_set *s, const char *utf8, size_t len)
{
	struct folded f;
	fold(utf8, len, &f);
	UChar32 *key;
	size_t n_words;
	bool dense;
	size_t n = make_key(&f, MATCH_WORDS, &key, &n_words, &dense);
	bool r = n > 0 && has_key(s, dense ? MATCH_DENSE : MATCH_WORDS, key, n, NULL, true, READ_TEXT);
	free(key);
	folded_free(&f);
	return r;
}

const char *
match_words(struct arena *a, const char *utf8, size_t len, size_t *n_words)
{
	struct folded f;
	fold(utf8, len, &f);
	struct token *t;
	size_t nt = tokens(&f, &t);
	/* four bytes a character at most, and a space before each word */
	char *out = arena_alloc(a, f.n * 5 + 1);
	int32_t o = 0;
	*n_words = 0;
	for (size_t i = 0; i < nt; i++) {
		int32_t word = o + (o > 0);
		int32_t k = word;
		for (size_t j = t[i].start; j < t[i].end; j++)
			/* Spacing Modifier Letters: the prime and apostrophes of
			 * transliterations (BGN's "Natalʹya", "Saʿid") */
			if (f.c[j] < 0x02B0 || f.c[j] > 0x02FF)
				U8_APPEND_UNSAFE(out, k, f.c[j]);
		if (k == word)
			continue;
		if (o > 0)
			out[o] = ' ';
		o = k;
		(*n_words)++;
	}
	out[o] = '\0';
	free(t);
	folded_free(&f);
	return out;
}

/*
 * A Han family name with its title (key[0..n): 陈先生), also as the words
 * of its Latin reading ("chen xian sheng"), searched in the text's Latin
 * reading (READ_LATIN): the traditional characters of a translation read
 * the same (陳先生, 陳律師), where the characters themselves differ.  A
 * part, as the characters are: a whole name would, in a set of names a
 * copy shows, cover the 陈 of 陈先生 and let a translation that may name
 * a withheld 陈伟 through (copy.c, lone_han_outside_shown).
 */
static void
add_han_family_reading(struct match_set *s, const UChar32 *key, size_t n, const void *owner,
    const char *path, const char *what)
{
	char u8[16];
	int32_t len = 0;
	for (size_t i = 0; i < n && len + 4 < (int32_t)sizeof u8; i++)
		U8_APPEND_UNSAFE(u8, len, key[i]);
	struct arena a = { 0 };
	const char *latin = intl_latin_reading(&a, u8, (size_t)len);
	if (latin != NULL) {
		struct folded f;
		fold(latin, strlen(latin), &f);
		add_reading_key(s, &f, MATCH_PART, owner, path, what, READ_LATIN);
		folded_free(&f);
	}
	arena_free(&a);
}

void
match_add_han_family(struct match_set *s, const char *utf8, size_t len,
    const struct match_set *except, const void *owner, const char *path, const char *what)
{
	/* titles and forms of address a Chinese text puts after a family
	 * name (simplified and traditional), and 某, "a certain" */
	static const char *const titles[] = {
		"先生", "女士", "小姐", "太太", "夫人", "律师", "律師", "老师", "老師", "博士",
		"医生", "醫生", "教授", "同志", "某",
	};
	static const char *const before[] = { "老", "小" };
	struct folded f;
	fold(utf8, len, &f);
	UChar32 fam[2], key[4];
	size_t n = 0;
	bool han = true;
	for (size_t i = 0; i < f.n && han; i++) {
		UErrorCode st = U_ZERO_ERROR;
		han = n < 2 && uscript_getScript(f.c[i], &st) == USCRIPT_HAN && U_SUCCESS(st);
		if (han)
			fam[n++] = f.c[i];
	}
	folded_free(&f);
	if (!han || n == 0)
		return;
	for (size_t t = 0; t < sizeof titles / sizeof *titles + (n == 1 ? 2 : 0); t++) {
		bool after = t < sizeof titles / sizeof *titles;
		const char *w = after ? titles[t] : before[t - sizeof titles / sizeof *titles];
		size_t k = 0;
		if (after)
			for (size_t i = 0; i < n; i++)
				key[k++] = fam[i];
		for (int32_t i = 0, wl = (int32_t)strlen(w); i < wl;) {
			UChar32 c;
			U8_NEXT_UNSAFE(w, i, c);
			key[k++] = c;
		}
		if (!after)
			key[k++] = fam[0];
		if (except && has_key(except, MATCH_DENSE, key, k, NULL, true, READ_TEXT))
			continue;
		add_key(s, MATCH_DENSE, MATCH_PART, key, k, 1, owner, path, what,
		    READ_TEXT | READ_STEMS);
		add_han_family_reading(s, key, k, owner, path, what);
	}
}

bool
match_han_name(const char *utf8, size_t len, size_t min_chars)
{
	int32_t n = len > INT32_MAX ? INT32_MAX : (int32_t)len, i = 0;
	size_t chars = 0;
	while (i < n) {
		UChar32 c;
		U8_NEXT(utf8, i, n, c);
		UErrorCode st = U_ZERO_ERROR;
		if (c < 0 || uscript_getScript(c, &st) != USCRIPT_HAN)
			return false;
		chars++;
	}
	return chars >= min_chars;
}

bool
match_text_dense(const char *utf8, size_t len)
{
	int32_t n = len > INT32_MAX ? INT32_MAX : (int32_t)len, i = 0;
	while (i < n) {
		UChar32 c;
		U8_NEXT(utf8, i, n, c);
		if (c > 0 && is_solo(c))
			return true;
	}
	return false;
}

/* ----- finding ----- */

struct finder {
	const struct match_set *s;
	const struct folded *f;
	const char *orig;
	size_t orig_len;
	struct match_hit *hits;
	size_t n, max;
	bool stop_at_first;
	enum match_weight max_weight;
	bool names_only;        /* a part counts only where written as a name */
	unsigned reading;       /* the reading searched (READ_*): needles of it count */
	size_t min_part;        /* PART needles of fewer letters do not count */
};

/*
 * Words of the submission languages (English, French, Spanish) that are
 * also names or parts of names: "Long", "An", "Rose", "de", "Cruz".  A
 * name part that is one of them, written all in small letters, may be the
 * word and not the name.  Any other name part counts however it is
 * written ("yong", "trần", "nurlan"); a whole name always does.  Sorted,
 * for bsearch.
 */
static const char *const ordinary_words[] = {
	"a", "al", "an", "and", "april", "are", "art", "as", "at", "au", "august",
	"aux", "avec", "be", "bell", "belle", "bill", "bin", "black", "blanc", "bo",
	"bon", "brown", "bush", "but", "by", "can", "ce", "ces", "con", "cook", "cruz",
	"da", "dans", "das", "dawn", "de", "dean", "del", "den", "der", "des", "di",
	"do", "dos", "du", "earl", "el", "elle", "en", "es", "et", "faith", "fan",
	"flores", "for", "ford", "fort", "fox", "from", "grace", "gray", "green",
	"grey", "ha", "had", "hang", "has", "have", "he", "her", "hill", "his", "ho",
	"hong", "hope", "how", "hu", "hung", "hunt", "i", "if", "il", "in", "is", "it",
	"its", "joy", "june", "king", "la", "lake", "lan", "las", "le", "leon", "les",
	"leur", "lo", "long", "los", "love", "lui", "luz", "ly", "ma", "mai", "mais",
	"mar", "mark", "mas", "may", "me", "mi", "mo", "mon", "moon", "my", "ne", "no",
	"noir", "not", "nous", "of", "on", "one", "or", "ou", "our", "out", "page",
	"par", "para", "park", "pas", "paz", "petit", "por", "pour", "price", "que",
	"qui", "rain", "ray", "rice", "river", "rock", "rosa", "rose", "roux", "sa",
	"said", "se", "see", "ses", "she", "sin", "sky", "snow", "so", "sol", "some",
	"son", "song", "spring", "star", "stone", "su", "summer", "sun", "sur", "sus",
	"ta", "tan", "te", "ten", "ter", "that", "the", "their", "them", "then",
	"there", "they", "this", "tin", "to", "tu", "un", "una", "une", "up", "us",
	"van", "von", "vous", "was", "we", "were", "what", "when", "which", "white",
	"who", "will", "wing", "winter", "with", "wolf", "wood", "would", "y", "yang",
	"you", "young",
};

/*
 * Words of English, Spanish, French and Portuguese that are common
 * family names too ("hall", "guerra", "blanco", "costa"): a name part that
 * is one of them is the word only where the text writes it all in small
 * letters ("the hall of the police station", "una guerra contra los
 * abogados"); with a capital, even a sentence's first, it is the name, as
 * the sentence-start rule of ordinary_words would let "Torres y su esposa"
 * through.  Sorted, for bsearch.
 */
static const char *const small_words[] = {
	"arroyo", "baker", "berger", "bird", "bishop", "blanco", "bois", "boulanger",
	"bravo", "bridge", "brook", "bueno", "butler", "calvo", "campo", "campos",
	"carter", "casa", "casas", "castillo", "chevalier", "church", "cordero",
	"costa", "cross", "dale", "day", "delgado", "dove", "east", "field", "fields",
	"fish", "fisher", "fontaine", "franco", "frost", "fuente", "fuentes", "gang",
	"glass", "gold", "good", "grand", "guerra", "hall", "hawk", "heath", "holly",
	"house", "hunter", "iglesia", "iglesias", "ivy", "juste", "knight", "lac",
	"lago", "lamb", "lane", "law", "leal", "lima", "lobo", "luna", "major", "man",
	"marchand", "marsh", "mason", "mer", "mesa", "miller", "mills", "molina",
	"monte", "montes", "mora", "moss", "negro", "nieves", "north", "palacio",
	"palacios", "pastor", "pena", "pereira", "pierre", "porter", "potter", "power",
	"prado", "ramos", "reed", "rich", "rico", "rio", "rios", "riviere", "rocha",
	"roche", "rojo", "rubio", "sage", "sala", "salas", "santo", "santos", "sharp",
	"shepherd", "short", "sierra", "silva", "silver", "small", "soto", "south",
	"strong", "swan", "toro", "torre", "torres", "turner", "valle", "vega", "villa",
	"walker", "wall", "weaver", "well", "wells", "west",
};

static int
word_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Of ordinary_words, the pronouns, articles, prepositions and
 * conjunctions: words that begin sentences followed by a verb ("He is a
 * lawyer", "The men were"), where a name that reads as "Flores" or
 * "Long" does so only as the sentence's subject.  Not the verbs and
 * modals ("Said", "May", "Will", "Had" are names too): at a sentence's
 * start they are the name when a subject's comma or verb follows ("Said,
 * a teacher,", "May was detained"), as any other name is.  Sorted. */
static const char *const function_words[] = {
	"a", "al", "an", "and", "as", "at", "au", "aux", "avec", "but", "by",
	"ce", "ces", "con", "da", "dans", "das", "de", "del", "den", "der", "des",
	"di", "do", "dos", "du", "el", "elle", "en", "es", "et", "for", "from",
	"he", "her", "his", "how", "i", "if", "il", "in", "is", "it",
	"its", "la", "las", "le", "les", "leur", "lo", "los", "lui", "ma", "mais",
	"me", "mi", "mon", "my", "ne", "no", "not", "nous", "of", "on", "one", "or", "ou",
	"our", "out", "par", "para", "pas", "por", "pour", "que", "qui", "sa", "se",
	"ses", "she", "sin", "so", "some", "su", "sur", "sus", "ta", "te", "that",
	"the", "their", "them", "then", "there", "they", "this", "to", "tu", "un", "una",
	"une", "up", "us", "vous", "we", "what", "when", "which", "who",
	"with", "y", "you",
};

/* Titles of four letters or more written with a full stop: "Prof.
 * Flores" is no sentence's end.  Lower case, sorted. */
static const char *const long_titles[] = {
	"abog", "atty", "brig", "capt", "cmdr", "cnel", "comdt", "dott", "dres", "gral",
	"insp", "lcda", "lcdo", "licda", "licdo", "lieut", "mlle", "mlles", "mmes", "msgr",
	"mtra", "mtro", "pdte", "pres", "prof", "revd", "sgta", "sgte", "sgto", "sras",
	"sres", "srta", "srtas", "supt",
};

/* Whether bytes from os on start a sentence: nothing but white space and
 * opening quotes or brackets between them and the start of the text or
 * the end of a sentence. */
static bool
sentence_start(const char *orig, size_t os)
{
	while (os > 0) {
		unsigned char c = (unsigned char)orig[os - 1];
		if (c == ' ' || c == '\n' || c == '\t' || c == '"' || c == '(' || c == '\'') {
			os--;
			continue;
		}
		if (c != '.')
			return c == '!' || c == '?' || c == ':' || c == ';';
		/* "Mr. Lê", "M. Lê", "Dr. An": a short capitalised word before
		 * the full stop is a title, not the end of a sentence */
		size_t w = os - 1;
		while (w > 0 && ((orig[w - 1] >= 'a' && orig[w - 1] <= 'z') ||
		    (orig[w - 1] >= 'A' && orig[w - 1] <= 'Z')))
			w--;
		size_t len = os - 1 - w;
		if (len >= 1 && len <= 3 && orig[w] >= 'A' && orig[w] <= 'Z')
			return false;
		char t[8];
		if (len >= 4 && len < sizeof t && orig[w] >= 'A' && orig[w] <= 'Z') {
			for (size_t k = 0; k < len; k++)
				t[k] = (char)(orig[w + k] | 0x20);
			t[len] = '\0';
			const char *key = t;
			if (bsearch(&key, long_titles, sizeof long_titles / sizeof *long_titles,
			    sizeof *long_titles, word_cmp) != NULL)
				return false;
		}
		return true;
	}
	return true;
}

/* The length of the white space at orig[i]: a space, a tab, a no-break
 * space (U+00A0) or a narrow one (U+202F, French typography's before a
 * colon); 0 for anything else. */
static size_t
blank_at(const char *orig, size_t len, size_t i)
{
	if (i < len && (orig[i] == ' ' || orig[i] == '\t'))
		return 1;
	if (i + 1 < len && memcmp(orig + i, "\xc2\xa0", 2) == 0)
		return 2;
	if (i + 2 < len && memcmp(orig + i, "\xe2\x80\xaf", 3) == 0)
		return 3;
	return 0;
}

/*
 * Whether the word that ends at oe is followed by what follows a person's
 * name more than an ordinary word at the start of a sentence: a comma
 * ("Flores, a lawyer, ..."), a colon ("Cruz: detained"), a possessive
 * ("Rosa's lawyer", "Flores' family"), a bracket ("Rosa (42) was taken",
 * "Cruz [42]"), a dash ("Cruz — a lawyer — was taken"), "and" with a
 * possessive pronoun ("Rosa and her son", "Long and his wife", "Cruz et
 * son mari", "Rosa y su hijo") or one of the verbs a narrative puts
 * after its subject, in English, French or Spanish ("Flores was
 * detained", "Cruz fue detenido", "Cruz a été arrêté", "Cruz s'est
 * enfui", "Rosa told ...").  The blanks between may be no-break spaces.
 */
static bool
subject_follows(const char *orig, size_t len, size_t oe)
{
	/* UTF-8, sorted bytewise (strcmp) */
	static const char *const verbs[] = {
		"a", "added", "affirme", "afirmó", "appeared", "arrived", "asked",
		"attempted", "avait", "called", "complained", "continued", "continues",
		"contó", "could", "declaró", "denied", "denunció", "desapareció", "died",
		"dijo", "disappeared", "dit", "déclare", "era", "es", "escaped", "est",
		"estaba", "está", "explained", "explicó", "explique", "filed", "fled",
		"fue", "fueron", "fut", "ha", "había", "had", "has", "heard", "huyó", "is",
		"left", "lived", "lives", "llegó", "lodged", "managed", "manifestó",
		"murió", "must", "permanece", "raconte", "received", "recibió", "relató",
		"remained", "remains", "reported", "reste", "returned", "said", "salió",
		"saw", "says", "should", "sigue", "spent", "stated", "suffered",
		"testified", "told", "trabaja", "travaille", "tried", "vit", "vive", "was",
		"went", "were", "will", "worked", "works", "would", "wrote", "était",
		"été",
	};
	size_t i = oe;
	if (i < len && (orig[i] == ',' || orig[i] == ':'))
		return true;
	/* a possessive: ' or U+2019, then s or the end of the word */
	size_t q = i < len && orig[i] == '\'' ? i + 1 : i + 2 < len &&
	    memcmp(orig + i, "\xe2\x80\x99", 3) == 0 ? i + 3 : 0;
	if (q > 0 && (q >= len || orig[q] == 's' || orig[q] == ' '))
		return true;
	for (size_t b; (b = blank_at(orig, len, i)) > 0;)
		i += b;
	if (i < len && (orig[i] == '(' || orig[i] == '[' || orig[i] == ':'))
		return true;
	/* an em or en dash */
	if (i + 2 < len && (memcmp(orig + i, "\xe2\x80\x94", 3) == 0 ||
	    memcmp(orig + i, "\xe2\x80\x93", 3) == 0))
		return true;
	static const char *const and_whose[] = { "and her ", "and his ", "and their ",
		"et sa ", "et ses ", "et son ", "et leur ", "y sus ", "y su " };
	for (size_t k = 0; k < sizeof and_whose / sizeof *and_whose; k++)
		if (len - i >= strlen(and_whose[k]) &&
		    memcmp(orig + i, and_whose[k], strlen(and_whose[k])) == 0)
			return true;
	/* French reflexives: "Cruz s'est enfui", "Cruz s’est", "Cruz se trouve" */
	if (len - i >= 3 && orig[i] == 's' && (orig[i + 1] == '\'' ||
	    (len - i >= 5 && memcmp(orig + i + 1, "\xe2\x80\x99", 3) == 0)))
		return true;
	/* the next word, small letters, accented ones included */
	size_t w = i;
	char t[24];
	while (i < len && ((orig[i] >= 'a' && orig[i] <= 'z') || (unsigned char)orig[i] >= 0x80) &&
	    i - w < sizeof t - 1) {
		if ((unsigned char)orig[i] >= 0x80 && (blank_at(orig, len, i) > 0 ||
		    memcmp(orig + i, "\xe2\x80", 2) == 0))
			break;  /* a no-break space, a dash or a quote ends it */
		i++;
	}
	size_t n = i - w;
	if (n == 0 || (i < len && ((orig[i] >= 'a' && orig[i] <= 'z') ||
	    ((unsigned char)orig[i] >= 0x80 && (unsigned char)orig[i] < 0xc0))))
		return false;
	memcpy(t, orig + w, n);
	t[n] = '\0';
	const char *key = t;
	return bsearch(&key, verbs, sizeof verbs / sizeof *verbs, sizeof *verbs, word_cmp) != NULL;
}

/* Whether the folded word k[0..n) is one of list[0..count) (sorted). */
static bool
listed_key(const UChar32 *k, size_t n, const char *const *list, size_t count)
{
	char w[16];
	if (n >= sizeof w)
		return false;
	for (size_t i = 0; i < n; i++) {
		if (k[i] >= 0x80)
			return false;
		w[i] = (char)k[i];
	}
	w[n] = '\0';
	const char *key = w;
	return bsearch(&key, list, count, sizeof *list, word_cmp) != NULL;
}

/* The words that make a street's or a place's name of a surname, before
 * it or after it ("Sadykov Street", "ulitsa Sadykova", "rue Tolstoï"),
 * folded, sorted. */
static const char *const place_words[] = {
	"alley", "ave", "avenida", "avenue", "blvd", "boulevard", "bridge", "calle",
	"district", "embankment", "gasse", "highway", "hospital", "institute", "lane",
	"library", "metro", "museum", "park", "pereulok", "pl", "place", "plaza",
	"ploshchad", "prospect", "prospekt", "rd", "road", "rue", "school", "settlement",
	"square", "st", "station", "str", "strasse", "street", "theater", "theatre",
	"ul", "ulica", "ulitsa", "university", "via", "village",
};

/* Of place_words, those written before the name they make a street's
 * ("ulitsa Sadykova", "rue Tolstoï", "calle Flores"); the others make one
 * only after it ("Sadykov Street", "Sadykov School": "the school,
 * Sadykov was", "in the park Sadykov met" name the man).  Sorted. */
static const char *const place_words_before[] = {
	"avenida", "avenue", "boulevard", "calle", "pereulok", "place", "plaza",
	"ploshchad", "prospekt", "rue", "ul", "ulica", "ulitsa", "via",
};

/* The words before a name that make it a place's ("San José", "São
 * Paulo", "Saint-Louis", "Ciudad Juárez", "Puerto Rico"), folded,
 * sorted.  Not "Santa" nor "Santo", which are also given names ("her
 * mother, Santa Cruz"), nor "St", which is also a street ("Main St. Cruz
 * had arrived"). */
static const char *const place_prefixes[] = {
	"ciudad", "fort", "port", "puerto", "saint", "sainte", "san", "sao",
};

/* Countries and cities of two words, one of them a name ("El Salvador",
 * "Costa Rica", "Sierra Leone", "Buenos Aires"): the name word and the
 * word before or after it, folded.  Not "La Paz" nor "Los Ángeles": a
 * Spanish sentence puts the article before a woman's name ("La Paz fue
 * detenida"). */
static const struct { const char *name, *before, *after; } place_pairs[] = {
	{ "salvador", "el", NULL }, { "costa", NULL, "rica" }, { "sierra", NULL, "leone" },
	{ "leone", "sierra", NULL }, { "aires", "buenos", NULL }, { "buenos", NULL, "aires" },
	{ "rica", "costa", NULL },
};

/* Whether tokens j and j + 1 of the text are written with only spaces
 * or a hyphen between them, as the words of one place's name are ("San
 * José", "Saint-Louis"; not "Fort. Cruz", "Santa, Cruz"). */
static bool
adjacent_words(const struct finder *fd, const struct token *t, size_t nt, size_t j)
{
	if (j + 1 >= nt || t[j].solo || t[j + 1].solo)
		return false;
	size_t a = fd->f->oend[t[j].end - 1], b = fd->f->ostart[t[j + 1].start];
	if (b < a || b - a > 8)
		return false;
	for (size_t k = a; k < b; k++)
		if (fd->orig[k] != ' ' && fd->orig[k] != '-')
			return false;
	return true;
}

/* Whether the original word of token j (of the text or of a reading of
 * it), folded, is the ASCII word w (any of list[0..count) when w is
 * NULL), and (capital) written with a capital. */
static bool
orig_word_is(const struct finder *fd, const struct token *t, size_t nt, size_t j, const char *w,
    const char *const *list, size_t count, bool capital)
{
	if (j >= nt || t[j].solo)
		return false;
	size_t os = fd->f->ostart[t[j].start], oe = fd->f->oend[t[j].end - 1];
	if (oe <= os || oe - os > 24 || (capital && starts_lower(fd->orig, os, oe)))
		return false;
	struct folded g;
	fold(fd->orig + os, oe - os, &g);
	bool same;
	if (w != NULL) {
		same = g.n == strlen(w);
		for (size_t k = 0; same && k < g.n; k++)
			same = g.c[k] == (UChar32)(unsigned char)w[k];
	} else {
		same = listed_key(g.c, g.n, list, count);
	}
	folded_free(&g);
	return same;
}

/*
 * Whether the one-word part at token i is a place's name, not the
 * person's: right after one of place_prefixes written with a capital
 * ("San José" for a José, "São Paulo" for a Paulo), or one of place_pairs
 * ("El Salvador" for a Salvador, "Costa Rica" for a Costa).  Parts only:
 * the whole name still counts anywhere.  The words as the text writes
 * them, whatever the reading searched.
 */
static bool
in_place_name(const struct finder *fd, const struct token *t, size_t nt, size_t i)
{
	if (i > 0 && adjacent_words(fd, t, nt, i - 1) && orig_word_is(fd, t, nt, i - 1, NULL,
	    place_prefixes, sizeof place_prefixes / sizeof *place_prefixes, true))
		return true;
	for (size_t p = 0; p < sizeof place_pairs / sizeof *place_pairs; p++)
		if (orig_word_is(fd, t, nt, i, place_pairs[p].name, NULL, 0, false) &&
		    ((place_pairs[p].before && i > 0 && adjacent_words(fd, t, nt, i - 1) &&
		    orig_word_is(fd, t, nt, i - 1, place_pairs[p].before, NULL, 0, true)) ||
		    (place_pairs[p].after && adjacent_words(fd, t, nt, i) &&
		    orig_word_is(fd, t, nt, i + 1, place_pairs[p].after, NULL, 0, true))))
			return true;
	return false;
}

/* Whether token j of f (if there is one) is one of place_words. */
static bool
place_word_at(const struct folded *f, const struct token *t, size_t nt, size_t j)
{
	return j < nt && !t[j].solo && listed_key(f->c + t[j].start, t[j].end - t[j].start,
	    place_words, sizeof place_words / sizeof *place_words);
}

/* Whether the one-word needle at token i is a street's or a place's name
 * made of a surname: a place word right after it, or one of
 * place_words_before right before it, with only spaces or a hyphen
 * between. */
static bool
surname_place(const struct finder *fd, const struct token *t, size_t nt, size_t i)
{
	const struct folded *f = fd->f;
	if (adjacent_words(fd, t, nt, i) && place_word_at(f, t, nt, i + 1))
		return true;
	return i > 0 && adjacent_words(fd, t, nt, i - 1) && !t[i - 1].solo &&
	    listed_key(f->c + t[i - 1].start, t[i - 1].end - t[i - 1].start, place_words_before,
	    sizeof place_words_before / sizeof *place_words_before);
}

/* Whether the folded word k[0..n) is one of ordinary_words. */
static bool
ordinary_key(const UChar32 *k, size_t n)
{
	return listed_key(k, n, ordinary_words, sizeof ordinary_words / sizeof *ordinary_words);
}

/* Acronyms that name no one organisation: an organisation's name that
 * holds one, or whose initials make one, is not found by it.  Sorted. */
static const char *const generic_acronyms[] = {
	"hrc", "icrc", "ngo", "ngos", "nhri", "ohchr", "ong", "ongs", "onu", "osce",
	"uk", "un", "undp", "unhcr", "unicef", "uno", "usa", "ussr",
};

/* Whether the folded word k[0..n) is a needle's key fit for an acronym:
 * 3 letters at least, no common word, no generic acronym, not in except. */
static bool
acronym_ok(const UChar32 *k, size_t n, const struct match_set *except)
{
	return n >= 3 && !ordinary_key(k, n) &&
	    !listed_key(k, n, small_words, sizeof small_words / sizeof *small_words) &&
	    !listed_key(k, n, generic_acronyms, sizeof generic_acronyms / sizeof *generic_acronyms) &&
	    !(except && has_key(except, MATCH_WORDS, k, n, NULL, true, READ_TEXT));
}

/* An acronym k[0..n) as a needle that counts written in capitals only. */
static void
add_acronym_key(struct match_set *s, const UChar32 *k, size_t n, const struct match_set *except,
    const void *owner, const char *path, const char *what)
{
	if (!acronym_ok(k, n, except) || find_key(s, MATCH_WORDS, k, n, owner, false, READ_TEXT))
		return;
	struct match_needle *nd = add_key(s, MATCH_WORDS, MATCH_FULL, (UChar32 *)k, n, 1, owner,
	    path, what, READ_TEXT);
	if (nd != NULL)
		nd->caps_only = true;
}

void
match_add_acronym(struct match_set *s, const char *utf8, size_t len,
    const struct match_set *except, const void *owner, const char *path, const char *what)
{
	struct folded f;
	fold(utf8, len, &f);
	struct token *t;
	size_t nt = tokens(&f, &t);
	UChar32 initials[JOINED_MAX];
	size_t n = 0;
	bool latin = true;
	for (size_t i = 0; i < nt; i++) {
		size_t os = f.ostart[t[i].start], oe = f.oend[t[i].end - 1];
		UChar32 c0 = f.c[t[i].start];
		if (t[i].solo || starts_lower(utf8, os, oe))
			continue;   /* "of", "the", "de": no initial */
		latin &= c0 >= 'a' && c0 <= 'z';
		if (n < JOINED_MAX)
			initials[n++] = c0;
		/* a word of it written all in capitals: "(FLD)", "CALRN Network" */
		size_t wn = t[i].end - t[i].start;
		if (wn >= 3 && no_lower(utf8, os, oe))
			add_acronym_key(s, f.c + t[i].start, wn, except, owner, path, what);
	}
	/* its initials, of three words or more: "Central Asian Lawyers'
	 * Rights Network" is "CALRN" */
	if (latin && n >= 3 && n < JOINED_MAX)
		add_acronym_key(s, initials, n, except, owner, path, what);
	free(t);
	folded_free(&f);
}

/*
 * Whether a hit may be an ordinary word rather than a name: the needle is
 * a part of a name that reads as one of ordinary_words ("Long", "Lê",
 * "Văn"), and the text writes it all in small letters, or with the
 * capital of a sentence's first word ("Long before dawn") when no
 * subject's comma or verb follows it ("Flores was detained" is the name);
 * or one of small_words written all in small letters.  A word all in
 * capitals is a name.
 */
static bool
ordinary_word(const char *orig, size_t len, size_t os, size_t oe, const struct match_needle *nd)
{
	bool small_only = !ordinary_key(nd->key, nd->key_len);
	if (small_only && !listed_key(nd->key, nd->key_len, small_words,
	    sizeof small_words / sizeof *small_words))
		return false;
	int32_t i = (int32_t)os, n = (int32_t)oe;
	size_t upper = 0, letters = 0;
	while (i < n) {
		UChar32 c;
		U8_NEXT(orig, i, n, c);
		letters += c >= 0 && u_isalpha(c);
		upper += c >= 0 && (u_isupper(c) || u_istitle(c));
	}
	/* written all in capitals ("FLORES WAS DETAINED"): no sentence's
	 * capital, a name; a capital at a sentence's start is the sentence's
	 * unless a subject's comma or verb follows */
	if (upper >= 2 && upper == letters)
		return false;
	if (small_only)
		return upper == 0;
	if (sentence_start(orig, os))
		return upper == 0 || listed_key(nd->key, nd->key_len, function_words,
		    sizeof function_words / sizeof *function_words) || !subject_follows(orig, len, oe);
	return upper == 0;
}

static bool
found(struct finder *fd, const struct match_needle *nd, size_t start, size_t end)
{
	if (nd->weight > fd->max_weight || (nd->weight == MATCH_PART && nd->key_len < fd->min_part))
		return false;
	size_t os = fd->f->ostart[start], oe = fd->f->oend[end - 1];
	bool ordinary = ordinary_word(fd->orig, fd->orig_len, os, oe, nd);
	if (fd->names_only && nd->weight == MATCH_PART && ordinary)
		return false;
	if (fd->n < fd->max && fd->hits)
		fd->hits[fd->n] = (struct match_hit){ nd, os, oe, ordinary };
	fd->n++;
	return fd->stop_at_first || fd->n >= fd->max;
}

/* Whether the needle's words follow in the text from token i, the first
 * after p0 letters of Arabic clitics (arabic_clitics), each other one
 * after its own. */
static bool
words_at(const struct match_needle *nd, const struct folded *f, const struct token *t,
    size_t nt, size_t i, size_t p0)
{
	if (i + nd->n_words > nt)
		return false;
	size_t k = 0;
	for (size_t w = 0; w < nd->n_words; w++) {
		size_t kl = 0;
		while (k + kl < nd->key_len && nd->key[k + kl] != ' ')
			kl++;
		const UChar32 *c = f->c + t[i + w].start;
		size_t len = t[i + w].end - t[i + w].start;
		size_t p = w == 0 ? p0 : len > kl ? len - kl : 0;
		if (len != p + kl || (w > 0 && p > 0 && !arabic_clitics(c, p, kl)) ||
		    memcmp(nd->key + k, c + p, kl * sizeof *nd->key) != 0)
			return false;
		k += kl;
		if (w + 1 < nd->n_words) {
			if (k >= nd->key_len || nd->key[k] != ' ')
				return false;
			k++;
		}
	}
	return k == nd->key_len;
}

/*
 * A name the case writes as one word, split in the text: words t[i] and
 * t[i + 1] joined by an apostrophe or a hyphen ("N'Diaye", "Wei-ming"
 * for "Ndiaye", "Weiming"), or by a space where both start with a capital
 * ("Wei Ming", "Abdul Rahman"), read as one word against the one-word
 * needles.
 */
static bool
joined_at(struct finder *fd, const struct token *t, size_t nt, size_t i)
{
	const struct folded *f = fd->f;
	if (i + 1 >= nt)
		return false;
	bool joined = joins(f, t, i, false);
	if (!joined && joins(f, t, i, true))
		joined = !starts_lower(fd->orig, f->ostart[t[i].start], f->oend[t[i].end - 1]) &&
		    !starts_lower(fd->orig, f->ostart[t[i + 1].start], f->oend[t[i + 1].end - 1]);
	if (!joined)
		return false;
	size_t l1 = t[i].end - t[i].start, l2 = t[i + 1].end - t[i + 1].start;
	if (l1 + l2 > JOINED_MAX)
		return false;
	UChar32 key[JOINED_MAX];
	memcpy(key, f->c + t[i].start, l1 * sizeof *key);
	memcpy(key + l1, f->c + t[i + 1].start, l2 * sizeof *key);
	uint32_t h = hash_chars(key, l1 + l2);
	for (const struct match_needle *nd = bucket(&fd->s->words, h); nd; nd = nd->next_in_bucket)
		if (nd->hash == h && nd->n_words == 1 && (nd->reads & fd->reading) &&
		    nd->key_len == l1 + l2 && memcmp(nd->key, key, (l1 + l2) * sizeof *key) == 0 &&
		    found(fd, nd, t[i].start, t[i + 1].end))
			return true;
	return false;
}

/* The text's word t[i] with its German or Nordic letters transcribed
 * ("Müller" read "mueller"), against the one-word needles: a case that
 * writes "Mueller" or "Oestergaard". */
static bool
transcribed_at(struct finder *fd, const struct token *t, size_t i)
{
	const struct folded *f = fd->f;
	if (t[i].solo)
		return false;
	size_t os = f->ostart[t[i].start], oe = f->oend[t[i].end - 1];
	UChar32 key[JOINED_MAX];
	size_t n = may_transcribe(fd->orig + os, oe - os) ? transcribed(fd->orig + os, oe - os, key,
	    JOINED_MAX) : 0;
	if (n == 0)
		return false;
	uint32_t h = hash_chars(key, n);
	for (const struct match_needle *nd = bucket(&fd->s->words, h); nd; nd = nd->next_in_bucket)
		if (nd->hash == h && nd->n_words == 1 && (nd->reads & fd->reading) && nd->key_len == n &&
		    memcmp(nd->key, key, n * sizeof *key) == 0 && found(fd, nd, t[i].start, t[i].end))
			return true;
	return false;
}

static bool
find_words(struct finder *fd, const struct token *t, size_t nt)
{
	const struct match_set *s = fd->s;
	if (s->words.n == 0)
		return false;
	for (size_t i = 0; i < nt; i++) {
		const struct folded *f = fd->f;
		const UChar32 *c = f->c + t[i].start;
		size_t len = t[i].end - t[i].start;
		/* the word as it is, and an Arabic word without each run of
		 * clitics it may start with ("بالكعبي": "الكعبي", "كعبي") */
		bool arabic = c[0] >= 0x0600 && c[0] <= 0x06FF;
		for (size_t p = 0; p == 0 || (arabic && p <= ARABIC_CLITICS_MAX && p < len); p++) {
			if (p > 0 && !arabic_clitics(c, p, len - p))
				continue;
			uint32_t h = hash_chars(c + p, len - p);
			for (const struct match_needle *nd = bucket(&s->words, h); nd;
			    nd = nd->next_in_bucket)
				if (nd->hash == h && (nd->reads & fd->reading) &&
				    words_at(nd, f, t, nt, i, p) &&
				    !(nd->gendered && surname_place(fd, t, nt, i)) &&
				    !(nd->capital && starts_lower(fd->orig, f->ostart[t[i].start],
				    f->oend[t[i].end - 1])) &&
				    !(nd->latin_text_only && cyrillic_at(fd->orig, f->ostart[t[i].start])) &&
				    !(nd->caps_only && !no_lower(fd->orig, f->ostart[t[i].start],
				    f->oend[t[i].end - 1])) &&
				    !(nd->weight == MATCH_PART && nd->n_words == 1 && p == 0 &&
				    in_place_name(fd, t, nt, i)) &&
				    found(fd, nd, t[i].start, t[i + nd->n_words - 1].end))
					return true;
		}
		if (joined_at(fd, t, nt, i) || transcribed_at(fd, t, i))
			return true;
	}
	return false;
}

static bool
find_dense(struct finder *fd)
{
	const struct folded *f = fd->f;
	if (fd->s->dense.n == 0)
		return false;
	/* the text's letters and digits, and where each is in f */
	UChar32 *d = xmalloc((f->n + 1) * sizeof *d);
	size_t *at = xmalloc((f->n + 1) * sizeof *at);
	size_t n = 0;
	for (size_t i = 0; i < f->n; i++)
		if (is_word_char(f->c[i])) {
			at[n] = i;
			d[n++] = f->c[i];
		}
	bool stop = false;
	for (size_t i = 0; i < n && !stop; i++) {
		uint32_t h = hash_chars(d + i, 1);
		for (const struct match_needle *nd = bucket(&fd->s->dense, h); nd && !stop;
		    nd = nd->next_in_bucket)
			if (nd->hash == h && i + nd->key_len <= n &&
			    memcmp(d + i, nd->key, nd->key_len * sizeof *d) == 0)
				stop = found(fd, nd, at[i], at[i + nd->key_len - 1] + 1);
	}
	free(d);
	free(at);
	return stop;
}

/* The text's number t (digits) is the needle's number p. */
static bool
phone_same(const UChar32 *p, size_t pn, const UChar32 *t, size_t tn)
{
	if (tn > 2 && t[0] == '0' && t[1] == '0') {
		t += 2;
		tn -= 2;
	}
	if (tn == pn && memcmp(p, t, pn * sizeof *p) == 0)
		return true;
	/* the text leaves out the country code, maybe writing the trunk 0 */
	for (int trunk = 0; trunk < 2; trunk++) {
		const UChar32 *u = t + trunk;
		size_t un = tn - (size_t)trunk;
		if (tn > 0 && (trunk == 0 || t[0] == '0') && un >= MIN_PHONE_DIGITS && un <= pn &&
		    memcmp(p + pn - un, u, un * sizeof *p) == 0)
			return true;
	}
	/* the case leaves out the country code (maybe writing the trunk 0),
	 * the text writes it */
	for (int trunk = 0; trunk < 2; trunk++) {
		const UChar32 *q = p + trunk;
		size_t qn = pn - (size_t)trunk;
		if ((trunk == 0 || p[0] == '0') && qn >= MIN_PHONE_DIGITS && tn > qn &&
		    memcmp(t + tn - qn, q, qn * sizeof *p) == 0)
			return true;
	}
	return false;
}

static bool
is_phone_sep(UChar32 c)
{
	return c == ' ' || c == '-' || c == '.' || c == '/' || c == '(' || c == ')' || c == 0x2010 ||
	    c == 0x2011 || c == 0x2012 || c == 0x2013;
}

static bool
find_phones(struct finder *fd)
{
	const struct folded *f = fd->f;
	bool any = false;
	for (size_t k = 0; k < fd->s->n_others && !any; k++)
		any = fd->s->others[k]->kind == MATCH_PHONE;
	if (!any)
		return false;
	UChar32 *digits = xmalloc((f->n + 1) * sizeof *digits);
	bool stop = false;
	size_t i = 0;
	while (i < f->n && !stop) {
		/* a number starts at a digit that does not continue a word (a
		 * character of a script without spaces is next to, not in, it) */
		if (!u_isdigit(f->c[i]) || (i > 0 && is_word_char(f->c[i - 1]) &&
		    !is_solo(f->c[i - 1]))) {
			i++;
			continue;
		}
		size_t start = i, end = i, n = 0;
		while (i < f->n) {
			if (u_isdigit(f->c[i])) {
				if (!trunk_in_brackets(f->c, f->n, i, n))
					digits[n++] = '0' + u_charDigitValue(f->c[i]);
				end = ++i;
				continue;
			}
			/* one or two separators between digits */
			size_t j = i;
			while (j < f->n && j < i + 2 && is_phone_sep(f->c[j]))
				j++;
			if (j == i || j >= f->n || !u_isdigit(f->c[j]))
				break;
			i = j;
		}
		if (end < f->n && is_word_char(f->c[end]) && !is_solo(f->c[end]))
			continue; /* digits that go on into a word: not a number */
		for (size_t k = 0; k < fd->s->n_others && !stop; k++) {
			const struct match_needle *nd = fd->s->others[k];
			if (nd->kind == MATCH_PHONE && phone_same(nd->key, nd->key_len, digits, n))
				stop = found(fd, nd, start, end);
		}
	}
	free(digits);
	return stop;
}

/* The script of a word, by its first letter. */
static UScriptCode
word_script(const struct folded *f, const struct token *t)
{
	UErrorCode st = U_ZERO_ERROR;
	UScriptCode sc = uscript_getScript(f->c[t->start], &st);
	return U_SUCCESS(st) ? sc : USCRIPT_COMMON;
}

/* Longest word read in Latin letters; longer ones are left as they are. */
#define READING_MAX 64

/*
 * The text read in Latin letters, word by word, into r: Han characters
 * with their pinyin (ICU's Han-Latin/Names, one syllable a word: 陈勇 is
 * "chen yong"), Cyrillic words with BGN/PCGN (Садыкова is "sadykova"),
 * other words as they are; every character of r keeps the bytes of the
 * word it comes from.  For names the case gives only in Latin letters and
 * a translation writes in Chinese or Russian.  With stems, only Cyrillic
 * words are read, each cut to its stem first (russian_stem: "Осмонова"
 * is "osmonov"), and without BGN's primes (Наталья is "natalya", its
 * stem "natal"), for the Latin stems of names (latin_stem).  False when
 * the text has no word to read.
 */
static bool
latin_reading(const struct folded *f, const struct token *t, size_t nt, struct folded *r,
    bool stems)
{
	bool any = false;
	for (size_t i = 0; i < nt && !any; i++) {
		UScriptCode sc = word_script(f, &t[i]);
		any = (sc == USCRIPT_HAN && !stems) || sc == USCRIPT_CYRILLIC;
	}
	if (!any)
		return false;
	memset(r, 0, sizeof *r);
	struct arena a = { 0 };
	for (size_t i = 0; i < nt; i++) {
		size_t os = f->ostart[t[i].start], oe = f->oend[t[i].end - 1], n = t[i].end - t[i].start;
		UScriptCode sc = word_script(f, &t[i]);
		emit(r, ' ', os, os + 1);
		const char *latin = NULL;
		if (((sc == USCRIPT_HAN && !stems) || sc == USCRIPT_CYRILLIC) && n <= READING_MAX) {
			if (stems)
				n = russian_stem(f->c + t[i].start, n);
			char u8[READING_MAX * 4 + 1];
			int32_t len = 0;
			for (size_t k = t[i].start; k < t[i].start + n; k++)
				U8_APPEND_UNSAFE(u8, len, f->c[k]);
			latin = intl_latin_reading(&a, u8, (size_t)len);
		}
		if (latin == NULL) {
			for (size_t k = t[i].start; k < t[i].end; k++)
				push(r, f->c[k], f->ostart[k], f->oend[k]);
			continue;
		}
		/* the reading folded as any text is (tone marks go) */
		struct folded rf;
		fold(latin, strlen(latin), &rf);
		for (size_t k = 0; k < rf.n; k++)
			if (!stems || rf.c[k] < 0x02B0 || rf.c[k] > 0x02FF)
				emit(r, rf.c[k], os, oe);
		folded_free(&rf);
	}
	arena_free(&a);
	return true;
}

/*
 * The phonetic key (sound_key) of a Cyrillic word (folded: w[0..n)) read
 * in Latin letters (BGN/PCGN), into key; 0 for another word.  The letters
 * Kazakh, Kyrgyz, Uzbek, Tatar and Ukrainian add to the alphabet are read
 * as the Russian ones they are written for in Russian (қ к, ғ г, ң н,
 * ү ұ у, ө о, һ х, ә а, і и, є е, ґ г, ў у): "Садикова" and "Садықова"
 * read as "Садыкова" does.
 */
static size_t
cyrillic_sound_key(const UChar32 *w, size_t n, UChar32 *key)
{
	static const UChar32 added[][2] = {
		{ 0x49B, 0x43A }, { 0x493, 0x433 }, { 0x4A3, 0x43D }, { 0x4AF, 0x443 },
		{ 0x4B1, 0x443 }, { 0x4E9, 0x43E }, { 0x4BB, 0x445 }, { 0x4D9, 0x430 },
		{ 0x456, 0x438 }, { 0x454, 0x435 }, { 0x491, 0x433 }, { 0x45E, 0x443 },
	};
	if (n == 0 || n > READING_MAX)
		return 0;
	char u8[READING_MAX * 4 + 1];
	int32_t len = 0;
	for (size_t i = 0; i < n; i++) {
		UChar32 c = w[i];
		if (c < 0x400 || c > 0x4FF)
			return 0;
		for (size_t k = 0; k < sizeof added / sizeof *added; k++)
			if (c == added[k][0])
				c = added[k][1];
		U8_APPEND_UNSAFE(u8, len, c);
	}
	struct arena a = { 0 };
	const char *latin = intl_latin_reading(&a, u8, (size_t)len);
	size_t m = 0;
	if (latin != NULL) {
		struct folded lf;
		fold(latin, strlen(latin), &lf);
		UChar32 lw[READING_MAX];
		for (size_t k = 0; k < lf.n && m < READING_MAX; k++)
			if (lf.c[k] >= 'a' && lf.c[k] <= 'z')
				lw[m++] = lf.c[k];
		folded_free(&lf);
		m = sound_key(lw, m, key);
	}
	arena_free(&a);
	return m;
}

/*
 * The text with every Latin or Cyrillic word written with a capital, as
 * the languages of the submissions write a name, read as its phonetic key
 * (sound_key; cyrillic_sound_key), into r; every other word as it is:
 * "jasmine" is no "Yasmin".  False (r untouched) when no word is read so.
 */
static bool
sounds_reading(const struct folded *f, const struct token *t, size_t nt, const char *orig,
    struct folded *r)
{
	size_t first = nt;
	for (size_t i = 0; i < nt && first == nt; i++)
		if (!t[i].solo && ((f->c[t[i].start] >= 'a' && f->c[t[i].start] <= 'z') ||
		    (f->c[t[i].start] >= 0x400 && f->c[t[i].start] <= 0x4FF)) &&
		    !starts_lower(orig, f->ostart[t[i].start], f->oend[t[i].end - 1]))
			first = i;
	if (first == nt)
		return false;
	memset(r, 0, sizeof *r);
	UChar32 key[READING_MAX];
	for (size_t i = 0; i < nt; i++) {
		size_t os = f->ostart[t[i].start], oe = f->oend[t[i].end - 1], n = t[i].end - t[i].start;
		bool read = i >= first && !t[i].solo && n <= READING_MAX && !starts_lower(orig, os, oe);
		size_t m = !read ? 0 : f->c[t[i].start] >= 0x400 && f->c[t[i].start] <= 0x4FF
		    ? cyrillic_sound_key(f->c + t[i].start, n, key) : sound_key(f->c + t[i].start, n, key);
		emit(r, ' ', os, os + 1);
		if (m == 0)
			for (size_t k = t[i].start; k < t[i].end; k++)
				push(r, f->c[k], f->ostart[k], f->oend[k]);
		for (size_t k = 0; k < m; k++)
			push(r, key[k], os, oe);
	}
	return true;
}

/* Fewest letters of a word read without its final s (s_word). */
#define S_WORD_MIN_LETTERS 5

/* The letters of word t of f that s_readings reads: all but its final s
 * when it is a Latin word written with a capital, ending in one s, of
 * S_WORD_MIN_LETTERS letters or more; 0 for any other word. */
static size_t
s_word(const struct folded *f, const struct token *t, const char *orig)
{
	const UChar32 *c = f->c + t->start;
	size_t n = t->end - t->start;
	if (t->solo || n < S_WORD_MIN_LETTERS || n > READING_MAX || c[n - 1] != 's' ||
	    c[n - 2] == 's')
		return 0;
	for (size_t k = 0; k < n; k++)
		if (c[k] < 'a' || c[k] > 'z')
			return 0;
	return starts_lower(orig, f->ostart[t->start], f->oend[t->end - 1]) ? 0 : n - 1;
}

/*
 * The text with every word s_word reads without its s, into r, and cut to
 * its Latin stem then (latin_stem), into stems; every other word is a '0',
 * which no name is.  English writes the family of a name and a possessive
 * without its apostrophe so: "The Sadykovs" ("sadykov", the stem of
 * "Sadykova"), "Sadykovas lawyer" ("sadykova"), "Aidas husband" ("aida").
 * False (r and stems untouched) when no word is read so.
 */
static bool
s_readings(const struct folded *f, const struct token *t, size_t nt, const char *orig,
    struct folded *r, struct folded *stems)
{
	size_t first = 0;
	while (first < nt && s_word(f, &t[first], orig) == 0)
		first++;
	if (first == nt)
		return false;
	memset(r, 0, sizeof *r);
	memset(stems, 0, sizeof *stems);
	for (size_t i = 0; i < nt; i++) {
		size_t os = f->ostart[t[i].start], oe = f->oend[t[i].end - 1];
		size_t n = i < first ? 0 : s_word(f, &t[i], orig);
		const UChar32 *c = f->c + t[i].start;
		struct { struct folded *to; size_t m; } out[2] = {
			{ r, n }, { stems, n ? latin_stem(c, n) : 0 },
		};
		for (int v = 0; v < 2; v++) {
			emit(out[v].to, ' ', os, os + 1);
			if (out[v].m == 0)
				emit(out[v].to, '0', os, oe);
			for (size_t k = 0; k < out[v].m; k++)
				push(out[v].to, c[k], f->ostart[t[i].start + k],
				    k + 1 == out[v].m ? oe : f->oend[t[i].start + k]);
		}
	}
	return true;
}

/* ----- prepared texts ----- */

/*
 * A text is searched many times with different needle sets: the sources'
 * identities, the withheld names, the places, for the checks and then for
 * each copy and language rendered.  Folding it and making its readings is
 * most of a search (the needles are hashed), so each thread keeps the
 * texts it has prepared, keyed by their bytes, and makes a reading the
 * first time a search needs it.  The memo forgets everything when it
 * holds MEMO_TEXTS texts or MEMO_BYTES bytes, and at match_forget.
 */
enum { RD_LATIN, RD_RU_STEMS, RD_LATIN_STEMS, RD_S_TEXT, RD_S_STEMS, RD_SOUNDS, RD_COUNT };

struct reading {
	enum { READING_UNMADE, READING_NONE, READING_MADE } state;
	struct folded r;
	struct token *t;
	size_t nt;
};

struct prepared {
	char *text;             /* a copy of the text: the key, and what hits point into */
	size_t len;
	uint64_t hash;
	bool kept;              /* in the memo (else freed after the search) */
	struct folded f;
	struct token *t;
	size_t nt;
	struct reading rd[RD_COUNT];
};

#define MEMO_SLOTS 2048             /* a power of two */
#define MEMO_TEXTS (MEMO_SLOTS / 2)
#define MEMO_BYTES ((size_t)8 << 20)

static _Thread_local struct memo {
	struct prepared **slot;
	size_t n, bytes;
} memo;

static size_t
folded_bytes(const struct folded *f, size_t nt)
{
	return f->cap * (sizeof *f->c + sizeof *f->ostart + sizeof *f->oend) +
	    nt * sizeof(struct token);
}

static void
prepared_free(struct prepared *p)
{
	for (int k = 0; k < RD_COUNT; k++)
		if (p->rd[k].state == READING_MADE) {
			folded_free(&p->rd[k].r);
			free(p->rd[k].t);
		}
	folded_free(&p->f);
	free(p->t);
	free(p->text);
	free(p);
}

void
match_forget(void)
{
	for (size_t i = 0; memo.slot != NULL && i < MEMO_SLOTS; i++)
		if (memo.slot[i] != NULL)
			prepared_free(memo.slot[i]);
	free(memo.slot);
	memo.slot = NULL;
	memo.n = memo.bytes = 0;
}

static uint64_t
bytes_hash(const char *s, size_t len)
{
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

/* utf8[0..len) folded and cut into words, from the memo or made now (and
 * kept there if it fits). */
static struct prepared *
prepare(const char *utf8, size_t len)
{
	uint64_t h = bytes_hash(utf8, len);
	size_t mask = MEMO_SLOTS - 1, i = h & mask;
	for (; memo.slot != NULL && memo.slot[i] != NULL; i = (i + 1) & mask) {
		struct prepared *p = memo.slot[i];
		if (p->hash == h && p->len == len && memcmp(p->text, utf8, len) == 0)
			return p;
	}
	struct prepared *p = xcalloc(1, sizeof *p);
	p->text = xmalloc(len + 1);
	memcpy(p->text, utf8, len);
	p->text[len] = '\0';
	p->len = len;
	p->hash = h;
	fold(p->text, len, &p->f);
	p->nt = tokens(&p->f, &p->t);
	size_t size = len + folded_bytes(&p->f, p->nt);
	if (size > MEMO_BYTES / 4)
		return p;
	if (memo.n >= MEMO_TEXTS || memo.bytes + size > MEMO_BYTES)
		match_forget();
	if (memo.slot == NULL)
		memo.slot = xcalloc(MEMO_SLOTS, sizeof *memo.slot);
	for (i = h & mask; memo.slot[i] != NULL; i = (i + 1) & mask)
		;
	memo.slot[i] = p;
	memo.n++;
	memo.bytes += size;
	p->kept = true;
	return p;
}

/* Reading k of p (RD_*), made the first time; NULL when the text has
 * nothing to read so. */
static const struct reading *
reading_of(struct prepared *p, int k)
{
	struct reading *rd = &p->rd[k];
	if (rd->state == READING_UNMADE) {
		const struct folded *f = &p->f;
		bool made = false;
		switch (k) {
		case RD_LATIN:
			made = latin_reading(f, p->t, p->nt, &rd->r, false);
			break;
		case RD_RU_STEMS:
			made = stemmed_reading(f, p->t, p->nt, &rd->r, false);
			break;
		case RD_LATIN_STEMS:
			made = latin_reading(f, p->t, p->nt, &rd->r, true);
			break;
		case RD_S_TEXT:
		case RD_S_STEMS:
			/* both made in one scan */
			made = s_readings(f, p->t, p->nt, p->text, &p->rd[RD_S_TEXT].r,
			    &p->rd[RD_S_STEMS].r);
			break;
		case RD_SOUNDS:
			made = sounds_reading(f, p->t, p->nt, p->text, &rd->r);
			break;
		}
		int first = k == RD_S_STEMS ? RD_S_TEXT : k;
		int last = k == RD_S_TEXT ? RD_S_STEMS : k;
		for (int j = first; j <= last; j++) {
			struct reading *r = &p->rd[j];
			r->state = made ? READING_MADE : READING_NONE;
			if (!made)
				continue;
			r->nt = tokens(&r->r, &r->t);
			if (p->kept)
				memo.bytes += folded_bytes(&r->r, r->nt);
		}
	}
	return rd->state == READING_MADE ? rd : NULL;
}

/* The words of reading rd of the text searched with needles of weight up
 * to w that are searched in that reading (READ_*). */
static void
read_again(struct finder *fd, const struct reading *rd, enum match_weight w, unsigned reading)
{
	const struct folded *f = fd->f;
	enum match_weight was = fd->max_weight;
	fd->f = &rd->r;
	fd->max_weight = w;
	fd->reading = reading;
	find_words(fd, rd->t, rd->nt);
	fd->reading = READ_TEXT;
	fd->max_weight = was;
	fd->f = f;
}

static size_t
run(struct finder *fd, const char *utf8, size_t len)
{
	if (fd->s->n == 0 || len == 0)
		return 0;
	struct prepared *p = prepare(utf8, len);
	const struct reading *rd;
	fd->f = &p->f;
	fd->orig = p->text;
	fd->orig_len = len;
	fd->reading = READ_TEXT;
	bool stop = find_words(fd, p->t, p->nt) || find_dense(fd) || find_phones(fd);
	bool more = !stop && fd->s->words.n > 0;
	/* Whole names only in a reading: a syllable of pinyin is no name */
	if (more && (rd = reading_of(p, RD_LATIN)) != NULL) {
		read_again(fd, rd, MATCH_FULL, READ_TEXT);
		/* and the parts made to be read there (陳先生) */
		if (fd->s->latin_parts && fd->n < fd->max)
			read_again(fd, rd, fd->max_weight, READ_LATIN);
	}
	/* Russian declines names: "Аиду Садыкову" is read as its stems,
	 * against the stems of the names */
	if (more && fd->n < fd->max && (rd = reading_of(p, RD_RU_STEMS)) != NULL)
		read_again(fd, rd, fd->max_weight, READ_STEMS);
	/* and a name given in Latin letters only, declined in a Russian
	 * text: "Тимура Осмонова" read by its stems in Latin letters, "timur
	 * osmonov", against the Latin names and their stems (latin_stem).
	 * A part of a name counts there from 4 letters, as a stem does: a
	 * short Russian word read in Latin letters ("ли", "li") is no name. */
	bool latin = !stop && fd->s->latin_words;
	if (latin && fd->n < fd->max && (rd = reading_of(p, RD_LATIN_STEMS)) != NULL) {
		fd->min_part = 4;
		read_again(fd, rd, fd->max_weight, READ_STEMS);
		fd->min_part = 0;
	}
	/* an English plural or possessive without its apostrophe ("The
	 * Sadykovs", "Sadykovas lawyer"): against the names as written, then
	 * against their stems, from 4 letters as above */
	if (latin && fd->n < fd->max && (rd = reading_of(p, RD_S_TEXT)) != NULL) {
		read_again(fd, rd, fd->max_weight, READ_TEXT);
		fd->min_part = 4;
		if (fd->n < fd->max)
			read_again(fd, reading_of(p, RD_S_STEMS), fd->max_weight, READ_STEMS);
		fd->min_part = 0;
	}
	/* a transliterated name spelled as another language spells it:
	 * "Khassanova", "Jasánova" for "Khasanova" (sound_key) */
	if (!stop && fd->n < fd->max && fd->s->sounds && (rd = reading_of(p, RD_SOUNDS)) != NULL)
		read_again(fd, rd, fd->max_weight, READ_SOUNDS);
	if (!p->kept)
		prepared_free(p);
	return fd->n < fd->max ? fd->n : fd->max;
}

static int
hit_cmp(const void *pa, const void *pb)
{
	const struct match_hit *a = pa, *b = pb;
	/* in text order; at the same start the longest first, so that a whole
	 * name comes before the words inside it */
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return a->end > b->end ? -1 : a->end < b->end;
}

size_t
match_find(const struct match_set *s, const char *utf8, size_t len,
    struct match_hit *hits, size_t max, enum match_weight max_weight, bool names_only)
{
	struct finder fd = { .s = s, .hits = hits, .max = max, .max_weight = max_weight,
		.names_only = names_only };
	size_t n = run(&fd, utf8, len);
	qsort(hits, n, sizeof *hits, hit_cmp);
	return n;
}

bool
match_any(const struct match_set *s, const char *utf8, size_t len,
    enum match_weight max_weight)
{
	struct finder fd = { .s = s, .max = 1, .stop_at_first = true, .max_weight = max_weight };
	return run(&fd, utf8, len) > 0;
}

bool
match_any_name(const struct match_set *s, const char *utf8, size_t len)
{
	struct finder fd = { .s = s, .max = 1, .stop_at_first = true, .max_weight = MATCH_PART,
		.names_only = true };
	return run(&fd, utf8, len) > 0;
}

/* ----- scripts ----- */

/* Scripts past the bits (none in ICU 72) share the last one: a text in
 * one of them reads as unreadable for a name written in another of them
 * only when that name has no form in the last bit's script, which errs
 * on the side of withholding. */
static int
script_bit(int sc)
{
	return sc < 0 ? 0 : sc < 255 ? sc : 255;
}

/* The scripts of utf8[0..len)'s letters into s, each script once it has
 * min letters. */
static void
scripts_add(struct match_scripts *s, const char *utf8, size_t len, int min)
{
	struct match_scripts once = { { 0 } };
	UScriptCode last = USCRIPT_INVALID_CODE;
	for (int32_t i = 0; i < (int32_t)len;) {
		UChar32 c;
		U8_NEXT(utf8, i, (int32_t)len, c);
		if (c < 0x80 ? !((c | 0x20) >= 'a' && (c | 0x20) <= 'z') : !u_isalpha(c))
			continue;
		UErrorCode st = U_ZERO_ERROR;
		UScriptCode sc = uscript_getScript(c, &st);
		if (U_FAILURE(st) || sc == USCRIPT_COMMON || sc == USCRIPT_INHERITED)
			continue;
		int b = script_bit(sc);
		uint64_t bit = (uint64_t)1 << (b % 64);
		if (min > 1 && !(once.bits[b / 64] & bit)) {
			once.bits[b / 64] |= bit;
			continue;
		}
		if (sc == last)
			continue;
		last = sc;
		s->bits[b / 64] |= bit;
	}
}

void
match_scripts_add(struct match_scripts *s, const char *utf8, size_t len)
{
	scripts_add(s, utf8, len, 1);
}

void
match_scripts_add_text(struct match_scripts *s, const char *utf8, size_t len)
{
	scripts_add(s, utf8, len, 2);
}

int
match_scripts_outside(const struct match_scripts *a, const struct match_scripts *b)
{
	for (int w = 0; w < 4; w++) {
		uint64_t x = a->bits[w] & ~b->bits[w];
		for (int k = 0; x; k++, x >>= 1)
			if (x & 1)
				return w * 64 + k;
	}
	return -1;
}

const char *
match_script_name(int script)
{
	const char *n = uscript_getName((UScriptCode)script);
	return n ? n : "unknown";
}

enum match_kind match_needle_kind(const struct match_needle *n) { return n->kind; }
enum match_weight match_needle_weight(const struct match_needle *n) { return n->weight; }
const void *match_needle_owner(const struct match_needle *n) { return n->owner; }
const char *match_needle_path(const struct match_needle *n) { return n->path; }
const char *match_needle_what(const struct match_needle *n) { return n->what; }
