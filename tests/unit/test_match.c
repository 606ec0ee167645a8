/*
 * test_match.c - the matcher reads text as people do (match.h): every
 * obfuscation class finds the needle, every near miss does not, and hits
 * point at the exact bytes.  Also ytree_value_span, which turns those
 * bytes into the line:column a caret points at.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "harness.h"
#include "match.h"
#include "ytree.h"

static struct arena A;

static struct match_set *
set_of(enum match_kind k, enum match_weight w, const char *needle)
{
	struct match_set *s = match_set_new(&A);
	CHECK(match_add(s, k, w, needle, strlen(needle), NULL, "x", "name"));
	return s;
}

static bool
finds(const struct match_set *s, const char *text)
{
	return match_any(s, text, strlen(text), MATCH_PART);
}

/* The hit's bytes in text, as a string. */
static const char *
hit_text(const struct match_set *s, const char *text)
{
	struct match_hit h[4];
	size_t n = match_find(s, text, strlen(text), h, 4, MATCH_PART, false);
	if (n == 0)
		return "";
	return arena_strndup(&A, text + h[0].start, h[0].end - h[0].start);
}

static void
test_obfuscations(void)
{
	struct match_set *s = set_of(MATCH_WORDS, MATCH_FULL, "Nattaya Srisuk");
	const char *found[] = {
		"said Nattaya Srisuk.",
		"NATTAYA SRISUK",                       /* case */
		"nattaya srisuk",
		"Nattaya\nSrisuk",                      /* line break */
		"Nattaya \n   Srisuk",
		"Nattaya  Srisuk",                      /* double space */
		"Nattaya\xc2\xa0Srisuk",                /* no-break space */
		"Natt\xc2\xad" "aya Srisuk",               /* soft hyphen inside a word */
		"Nattaya\xc2\xadSrisuk",                /* soft hyphen between the words */
		"Nat\xe2\x80\x8btaya Sri\xe2\x80\x8dsuk", /* ZWSP, ZWJ */
		"\xe2\x80\xaeNattaya Srisuk\xe2\x80\xac", /* bidi override */
		"\xef\xbc\xae\xef\xbd\x81\xef\xbd\x94\xef\xbd\x94\xef\xbd\x81\xef\xbd\x99\xef\xbd\x81 Srisuk", /* full-width */
		"Nattaya-Srisuk",
		"(Nattaya) Srisuk",
		"Nattaya Srisuk's report",
	};
	for (size_t i = 0; i < sizeof found / sizeof *found; i++) {
		bool ok = finds(s, found[i]);
		if (!ok)
			fprintf(stderr, "  not found in: %s\n", found[i]);
		CHECK(ok);
	}
	const char *missed[] = {
		"Nattaya",                              /* a part is not the whole */
		"Srisuk",
		"Nattayas Srisukh",
		"N. Srisuk",
		"Nattaya and Srisuk",
	};
	for (size_t i = 0; i < sizeof missed / sizeof *missed; i++)
		CHECK(!finds(s, missed[i]));
	/* the other order is a needle of its own (copy.c adds both) */
	CHECK(!finds(s, "Srisuk Nattaya"));
}

static void
test_accents_and_scripts(void)
{
	struct match_set *s = set_of(MATCH_WORDS, MATCH_FULL, "Ram\xc3\xadrez");   /* Ramírez */
	CHECK(finds(s, "Sr. Ramirez"));                  /* written without the accent */
	CHECK(finds(s, "Sr. Rami\xcc\x81rez"));          /* NFD */
	CHECK(finds(s, "RAM\xc3\x8dREZ"));
	CHECK(!finds(s, "Ramirezco"));                    /* a longer word is another */
	/* but an English plural is the family ("the Ramirezes"; s_reading) */
	CHECK(finds(s, "The Ramirezes were warned."));
	CHECK(!finds(s, "the ramirezes"));               /* written small: a word */
	struct match_set *t = set_of(MATCH_WORDS, MATCH_FULL, "Tr\xe1\xba\xa7n Th\xe1\xbb\x8b Lan");
	CHECK(finds(t, "Mrs Tran Thi Lan"));
	/* letters whose accent is part of the letter: Đ, Ł, Ø */
	struct match_set *d = set_of(MATCH_WORDS, MATCH_FULL, "Ph\xe1\xba\xa1m V\xc4\x83n \xc4\x90\xe1\xbb\xa9" "c");
	CHECK(finds(d, "Office of Pham Van Duc"));
	CHECK(finds(d, "PHAM VAN DUC"));
	struct match_set *l = set_of(MATCH_WORDS, MATCH_FULL, "\xc5\x81uk\xc3\xb8");
	CHECK(finds(l, "Mr Luko"));
	/* Cyrillic: case folded, whole words */
	struct match_set *c = set_of(MATCH_WORDS, MATCH_FULL, "\xd0\x90\xd0\xb8\xd0\xb4\xd0\xb0");
	CHECK(finds(c, "\xd0\xb3-\xd0\xb6\xd0\xb0 \xd0\x90\xd0\x98\xd0\x94\xd0\x90."));
}

static void
test_arabic(void)
{
	/* محمد, and مُحَمَّد with harakat, and مـحـمـد with tatweel */
	struct match_set *ar = set_of(MATCH_WORDS, MATCH_FULL, "\xd9\x85\xd8\xad\xd9\x85\xd8\xaf");
	CHECK(finds(ar, "\xd9\x82\xd8\xa7\xd9\x84 \xd9\x85\xd8\xad\xd9\x85\xd8\xaf."));
	CHECK(finds(ar, "\xd9\x85\xd9\x8f\xd8\xad\xd9\x8e\xd9\x85\xd9\x91\xd9\x8e\xd8\xaf"));
	CHECK(finds(ar, "\xd9\x85\xd9\x80\xd8\xad\xd9\x80\xd9\x85\xd9\x80\xd8\xaf"));
	CHECK(!finds(ar, "\xd8\xa7\xd9\x84\xd9\x85\xd8\xad\xd9\x85\xd8\xaf\xd9\x8a"));
}

/* An Arabic name is read without its article, a text's words without
 * the article and the conjunctions and prepositions written onto them. */
static void
test_arabic_clitics(void)
{
	struct match_set *k = set_of(MATCH_WORDS, MATCH_FULL, "الكعبي");
	const char *found[] = { "قال كعبي", "بالكعبي", "والكعبي", "للكعبي", "الكعبي", "فالكعبي",
		"وللكعبي", "وبالكعبي", "ٱلكعبي" };
	for (size_t i = 0; i < sizeof found / sizeof *found; i++)
		CHECK(finds(k, found[i]));
	CHECK_STR(hit_text(k, "تحدث بالكعبي هاتفياً"), "بالكعبي");
	/* a full name with the space after a letter that does not join
	 * forgotten, or a zero-width non-joiner in its place */
	struct match_set *ak = set_of(MATCH_WORDS, MATCH_FULL, "أحمد الكعبي");
	CHECK(finds(ak, "تم اعتقال أحمدالكعبي."));
	CHECK(finds(ak, "تم اعتقال أحمد\u200cالكعبي."));
	CHECK(finds(ak, "تم اعتقال أحمد الكعبي."));
	const char *not_found[] = { "الكعك", "مكعبي", "كعب", "بالكعبية", "ببالكعبي" };
	for (size_t i = 0; i < sizeof not_found / sizeof *not_found; i++)
		CHECK(!finds(k, not_found[i]));
	/* a name without the article, and a name of two words */
	struct match_set *n = set_of(MATCH_WORDS, MATCH_FULL, "ناصر الكعبي");
	CHECK(finds(n, "اعتقلوا وناصر الكعبي"));
	CHECK(finds(n, "مع ناصر كعبي"));
	/* parts; a short word is not cut ("ولي" is no "لي") */
	struct match_set *p = match_set_new(&A);
	match_add_words(p, "ناصر الكعبي", strlen("ناصر الكعبي"), 2, NULL, NULL, "x", "name");
	match_add_words(p, "لي", strlen("لي"), 2, NULL, NULL, "x", "name");
	CHECK(finds(p, "فناصر لم يعد"));
	CHECK(finds(p, "للكعبي"));
	CHECK(!finds(p, "ولي الأمر"));
	CHECK(!finds(p, "نصر المحامي"));
	/* teh marbuta typed as heh */
	struct match_set *f = set_of(MATCH_WORDS, MATCH_FULL, "فاطمة");
	CHECK(finds(f, "قالت فاطمه"));
	CHECK(finds(f, "وفاطمة"));
}

static void
test_word_boundaries(void)
{
	struct match_set *s = match_set_new(&A);
	const char *parts[] = { "Zhou", "Kong", "Cruz", "Chen" };
	for (int i = 0; i < 4; i++)
		CHECK(match_add(s, MATCH_WORDS, MATCH_PART, parts[i], strlen(parts[i]), NULL, "x", "name"));
	CHECK(!finds(s, "He lived in Guangzhou and Hangzhou."));
	CHECK(!finds(s, "Veracruz, Chengdu"));
	CHECK(finds(s, "Hong Kong"));                    /* a whole word: a part (a warning) */
	CHECK(finds(s, "Mr. Chen's wife"));
	CHECK_STR(hit_text(s, "Mr. Chen's wife"), "Chen");
}

static void
test_dense(void)
{
	/* 高兰: a name in a script without spaces matches whole, anywhere */
	struct match_set *s = set_of(MATCH_WORDS, MATCH_FULL, "\xe9\xab\x98\xe5\x85\xb0");
	CHECK(finds(s, "\xe6\x8d\xae\xe9\xab\x98\xe5\x85\xb0\xe8\xaf\xb4"));
	CHECK(finds(s, "\xe9\xab\x98 \xe5\x85\xb0"));     /* a space between */
	CHECK(finds(s, "\xe9\xab\x98\xe2\x80\x8b\xe5\x85\xb0"));   /* ZWSP */
	CHECK(!finds(s, "\xe9\xab\x98\xe5\xb1\xb1"));
	CHECK(!finds(s, "\xe9\xab\x98"));
	CHECK_STR(hit_text(s, "x \xe9\xab\x98\xe5\x85\xb0 y"), "\xe9\xab\x98\xe5\x85\xb0");
	/* traditional and simplified characters are one: 欧阳明华 in 歐陽明華被拘留,
	 * 歐陽明華 in 欧阳明华, and the hit where the text writes it */
	struct match_set *oy = set_of(MATCH_WORDS, MATCH_FULL, "欧阳明华");
	CHECK(finds(oy, "歐陽明華被拘留。"));
	CHECK(finds(set_of(MATCH_WORDS, MATCH_FULL, "歐陽明華"), "欧阳明华被拘留。"));
	CHECK_STR(hit_text(oy, "据歐陽明華说"), "歐陽明華");
	CHECK(!finds(oy, "歐陽明被拘留。"));
	/* a Latin name inside Chinese text is still a word */
	struct match_set *l = set_of(MATCH_WORDS, MATCH_FULL, "Li Mei");
	CHECK(finds(l, "\xe6\x8d\xae" "Li Mei" "\xe8\xaf\xb4"));
	struct match_set *li = set_of(MATCH_WORDS, MATCH_FULL, "Li");   /* short names count */
	CHECK(finds(li, "Ms. Li said"));
	CHECK(!finds(li, "Lin said"));
}

/* A name the case gives only in Latin letters, written in Chinese or
 * Russian in a translation: found through the text's Latin reading, whole
 * names only. */
/* A Han family name alone, with a title or after 老/小. */
static void
test_han_family(void)
{
	struct match_set *s = match_set_new(&A);
	match_add_han_family(s, "陈", strlen("陈"), NULL, NULL, "x", "name");
	const char *found[] = { "拦住了陈先生。", "陈女士的家人", "陈律师被带走", "叫他老陈",
		"小陈没有回家", "陈某涉嫌", "陈 先生" };
	for (size_t i = 0; i < sizeof found / sizeof *found; i++)
		CHECK(finds(s, found[i]));
	/* 陳 is 陈 in traditional characters: the same in the Latin reading */
	CHECK(finds(s, "陳先生"));
	CHECK(finds(s, "陳律師被帶走"));
	CHECK(finds(s, "叫他老陳"));
	CHECK(!finds(s, "陳列著兩輛汽車"));
	/* parts, in either writing: no whole name, which in the names a copy
	 * shows would cover the 陈 of a withheld 陈伟 (copy.c) */
	CHECK(!match_any(s, "陈先生", strlen("陈先生"), MATCH_FULL));
	CHECK(!match_any(s, "陳先生", strlen("陳先生"), MATCH_FULL));
	struct match_set *t = match_set_new(&A);
	match_add_han_family(t, "陳", strlen("陳"), NULL, NULL, "x", "name");
	CHECK(finds(t, "拦住了陈先生。"));
	const char *not_found[] = { "陈列着两辆汽车", "一位先生和一位老师", "陈", "老人和小孩",
		"律师陈述了意见" };
	for (size_t i = 0; i < sizeof not_found / sizeof *not_found; i++)
		CHECK(!finds(s, not_found[i]));
	CHECK_STR(hit_text(s, "同事叫他老陈。"), "老陈");
	struct match_set *o = match_set_new(&A);
	match_add_han_family(o, "欧阳", strlen("欧阳"), NULL, NULL, "x", "name");
	CHECK(finds(o, "欧阳先生被带走了"));
	CHECK(!finds(o, "欧阳修是文学家"));
	/* a name shown with the same family name: 陈先生 may be that person */
	struct match_set *shown = match_set_new(&A);
	match_add_han_family(shown, "陈", strlen("陈"), NULL, NULL, "x", "name");
	struct match_set *q = match_set_new(&A);
	match_add_han_family(q, "陈", strlen("陈"), shown, NULL, "x", "name");
	CHECK(!finds(q, "陈先生出示了拘留令"));
	/* no family name of one or two Han characters: nothing */
	struct match_set *l = match_set_new(&A);
	match_add_han_family(l, "Chen", 4, NULL, NULL, "x", "name");
	match_add_han_family(l, "司马相", strlen("司马相"), NULL, NULL, "x", "name");
	CHECK_INT(match_set_count(l), 0);
}

static void
test_reading(void)
{
	struct match_set *s = set_of(MATCH_WORDS, MATCH_FULL, "Chen Yong");
	CHECK_STR(hit_text(s, "\xe5\x80\xbc\xe7\x8f\xad\xe7\xa1\xae\xe8\xae\xa4\xe9\x99\x88\xe5\x8b\x87\xe5\x85\x88\xe7\x94\x9f"),
	    "\xe9\x99\x88\xe5\x8b\x87");          /* 值班确认陈勇先生 -> 陈勇 */
	struct match_set *r = set_of(MATCH_WORDS, MATCH_FULL, "Aida Sadykova");
	CHECK(finds(r, "\xd0\x90\xd0\xb8\xd0\xb4\xd0\xb0 \xd0\xa1\xd0\xb0\xd0\xb4\xd1\x8b\xd0\xba\xd0\xbe\xd0\xb2\xd0\xb0"));
	/* one syllable alone is no name */
	struct match_set *p = match_set_new(&A);
	match_add_words(p, "Li Mei", 6, 2, NULL, NULL, NULL, "name");
	CHECK(!finds(p, "\xe7\xbe\x8e\xe4\xb8\xbd\xe7\x9a\x84\xe6\xa2\x85\xe8\x8a\xb1"));  /* 美丽的梅花 */
}

static void
test_phone(void)
{
	struct match_set *s = set_of(MATCH_PHONE, MATCH_FULL, "+66 2 555 0183");
	CHECK(finds(s, "call +66 2 555 0183 now"));
	CHECK(finds(s, "call 0066-2-555-0183"));
	CHECK(finds(s, "call 02 555 0183"));             /* national, trunk 0 */
	CHECK(finds(s, "call (02) 555-0183"));
	CHECK(finds(s, "call 555 0183"));                /* local, 7 digits */
	CHECK(finds(s, "call 6625550183"));
	CHECK(finds(s, "call \xef\xbc\x96\xef\xbc\x96 2 555 0183"));  /* full-width digits */
	CHECK(!finds(s, "on 25 May 2025 at 10.18"));
	CHECK(!finds(s, "case 0183"));
	CHECK(!finds(s, "ID X25550183"));                /* digits inside a word */
	/* Chinese characters around a number do not make it a word */
	CHECK(finds(s, "\xe5\xae\xb6\xe5\xb1\x9e+66 2 555 0183\xe6\x9b\xbe"));
	struct match_set *n = set_of(MATCH_PHONE, MATCH_FULL, "070 555 0147");
	CHECK(finds(n, "+31 70 555 0147"));              /* the case without, the text with the country code */
	/* the trunk 0 in brackets after the country code, in the text or in
	 * the case: the same number */
	struct match_set *nl = set_of(MATCH_PHONE, MATCH_FULL, "+31 70 555 0147");
	CHECK(finds(nl, "call +31 (0)70 555 0147"));
	CHECK(finds(nl, "call +31(0)705550147"));
	CHECK(finds(nl, "call 0031 (0)70 555 0147"));
	CHECK(finds(nl, "call 0031 (0) 70 555 0147"));
	CHECK(finds(n, "call +31 (0)70 555 0147"));
	struct match_set *nb = set_of(MATCH_PHONE, MATCH_FULL, "+31 (0)70 555 0147");
	CHECK(finds(nb, "call +31 70 555 0147"));
	CHECK(finds(nb, "call 070 555 0147"));
	CHECK(finds(nb, "call 0705550147"));
	struct match_set *uk = set_of(MATCH_PHONE, MATCH_FULL, "020 7946 0018");
	CHECK(finds(uk, "+44 (0)20 7946 0018"));
	/* fewer than 7 digits is no telephone number */
	struct match_set *e = match_set_new(&A);
	CHECK(!match_add(e, MATCH_PHONE, MATCH_FULL, "12345", 5, NULL, "x", "phone"));
}

static void
test_email(void)
{
	struct match_set *s = set_of(MATCH_WORDS, MATCH_FULL, "cases@addc-asia.example.org");
	CHECK(finds(s, "write to cases@addc-asia.example.org."));
	CHECK(finds(s, "write to CASES@ADDC-ASIA.EXAMPLE.ORG"));
	CHECK(finds(s, "cases@addc-\n asia.example.org"));
	CHECK(finds(s, "cases@addc-\xe2\x80\x8b" "asia.example.org"));
	CHECK(finds(s, "cases@addc\xc2\xad-asia.example.org"));
	CHECK(!finds(s, "cases@addc-asia.example.com"));
}

/* A name part of several words and its one-word spelling, either way
 * round: "N'Diaye" and "Ndiaye", "Al-Kaabi" and "Alkaabi", "Weiming" and
 * "Wei Ming". */
static struct match_set *
parts_of(const char *name, const struct match_set *shown)
{
	struct match_set *s = match_set_new(&A);
	match_add_words(s, name, strlen(name), 2, shown, NULL, NULL, "name");
	return s;
}

static void
test_joined(void)
{
	CHECK(finds(parts_of("N'Diaye", NULL), "Ms. Ndiaye was taken"));
	/* the runs of a longer name, each as one word */
	struct match_set *ot = parts_of("bin Salman Al-Otaibi", NULL);
	CHECK(finds(ot, "Mr. Alotaibi was there"));
	CHECK(finds(ot, "ALOTAIBI was there"));
	CHECK(finds(ot, "Binsalman was there"));
	struct match_set *gm = parts_of("Garc\xc3\xad" "a-M\xc3\xa1rquez de la Cruz", NULL);
	CHECK(finds(gm, "Delacruz was there"));
	CHECK(finds(gm, "Garciamarquez was there"));
	CHECK(!finds(gm, "Dela was there"));
	CHECK(finds(parts_of("Ndiaye", NULL), "Ms. N'Diaye was taken"));
	CHECK(finds(parts_of("Ndiaye", NULL), "Ms. N\xe2\x80\x99" "Diaye was taken"));
	CHECK(finds(parts_of("Al-Kaabi", NULL), "Mr. Alkaabi was taken"));
	CHECK(finds(parts_of("Al Kaabi", NULL), "Mr. ALKAABI was taken"));
	CHECK(finds(parts_of("Alkaabi", NULL), "Mr. Al-Kaabi was taken"));
	CHECK(finds(parts_of("Abdulrahman", NULL), "Abdul Rahman was taken"));
	CHECK(finds(parts_of("Abdul Rahman", NULL), "Abdulrahman was taken"));
	CHECK(finds(parts_of("Weiming", NULL), "Wei-ming was taken"));
	CHECK(finds(parts_of("Weiming", NULL), "Wei Ming was taken"));
	CHECK(finds(parts_of("Min-jun", NULL), "Minjun was taken"));
	/* two words of a sentence run together are no name */
	CHECK(!finds(parts_of("Newton", NULL), "a new ton of grain"));
	CHECK(!finds(parts_of("Weiming", NULL), "the wei ming dynasty"));
	/* a brother of the same name, shown: neither spelling is hers */
	struct match_set *shown = match_set_new(&A);
	match_add_words(shown, "Al-Kaabi", 8, 1, NULL, NULL, NULL, "name");
	CHECK(!finds(parts_of("Al-Kaabi", shown), "Mr. Alkaabi was taken"));
	CHECK(!finds(parts_of("Alkaabi", shown), "Mr. Al-Kaabi was taken"));
}

/* A thin, hair or narrow no-break space inside a name prints as one word:
 * the name; an ordinary space keeps two words. */
static void
test_thin_spaces(void)
{
	struct match_set *s = parts_of("Sadykova", NULL);
	CHECK(finds(s, "Ms. Sady\xe2\x80\x8a" "kova said"));   /* U+200A hair */
	CHECK(finds(s, "Ms. Sady\xe2\x80\x89" "kova said"));   /* U+2009 thin */
	CHECK(finds(s, "Ms. Sady\xe2\x80\xaf" "kova said"));   /* U+202F narrow no-break */
	CHECK(!finds(s, "Ms. Sady kova said"));
	struct match_set *p = set_of(MATCH_PHONE, MATCH_FULL, "+31 70 555 0147");
	CHECK(finds(p, "call +31\xe2\x80\xaf" "70\xe2\x80\xaf" "555\xe2\x80\xaf" "0147"));
}

/* German and Nordic letters and their transcriptions, either way round;
 * the plain letter ("Muller" for "Müller") was read before. */
static void
test_transcribed(void)
{
	CHECK(finds(parts_of("M\xc3\xbcller", NULL), "Mr. Mueller was taken"));
	CHECK(finds(parts_of("M\xc3\xbcller", NULL), "MR. MUELLER WAS TAKEN"));
	CHECK(finds(parts_of("M\xc3\xbcller", NULL), "Mr. Muller was taken"));
	CHECK(finds(parts_of("Mueller", NULL), "Herr M\xc3\xbcller was taken"));
	CHECK(finds(parts_of("Mueller", NULL), "Herr Mu\xcc\x88ller was taken"));   /* NFD */
	CHECK(finds(parts_of("Oestergaard", NULL), "S\xc3\xb8ren \xc3\x98sterg\xc3\xa5rd said"));
	CHECK(finds(parts_of("\xc3\x98sterg\xc3\xa5rd", NULL), "Mr. Oestergaard said"));
	CHECK(finds(parts_of("J\xc3\xa4ger", NULL), "Ms. Jaeger said"));
	CHECK(!finds(parts_of("Mueller", NULL), "Herr M\xc3\xb6ller was taken"));
	/* a relative of the same name, shown: neither spelling is the victim's */
	struct match_set *shown = match_set_new(&A);
	match_add_words(shown, "M\xc3\xbcller", 7, 1, NULL, NULL, NULL, "name");
	CHECK(!finds(parts_of("M\xc3\xbcller", shown), "Mr. Mueller was taken"));
}

/* A transliterated name spelled another way in Cyrillic letters (и for
 * ы, Kazakh қ), read by its phonetic key. */
static void
test_cyrillic_sounds(void)
{
	struct match_set *s = parts_of("Sadykova", NULL);
	CHECK(finds(s, "Садикова была задержана."));
	CHECK(finds(s, "Садықова была задержана."));
	CHECK(!finds(s, "Садовая улица"));
	struct match_set *k = parts_of("Khasanova", NULL);
	CHECK(finds(k, "Хасанова была задержана."));
	CHECK(finds(k, "Хассанова"));
}

/* A part of a name inside a place's name is the place's. */
static void
test_place_names(void)
{
	struct match_set *s = parts_of("José Cruz", NULL);
	CHECK(!finds(s, "The protest in San José was dispersed."));
	CHECK(!finds(s, "the Fort Cruz garrison"));
	/* "Santa" is also a given name, "St." also a street; punctuation
	 * ends a place's name */
	CHECK(finds(s, "Her mother, Santa Cruz, was questioned."));
	CHECK(finds(s, "His office is at 12 Main St. Cruz had just arrived."));
	CHECK(finds(s, "He was taken to the Fort. Cruz was beaten there."));
	CHECK(finds(s, "In San, José was beaten."));
	CHECK(!finds(s, "flights to São José and Saint-José"));
	CHECK(finds(s, "José was taken."));
	CHECK(finds(s, "San José police arrested José."));
	CHECK(finds(s, "the san José office"));              /* no capital: no place */
	struct match_set *c = parts_of("Salvador Costa Sierra", NULL);
	CHECK(!finds(c, "He fled to El Salvador, then to Costa Rica."));
	CHECK(!finds(c, "a lawyer from Sierra Leone"));
	CHECK(finds(c, "Mr. Costa said"));
	CHECK(finds(c, "Salvador was taken."));
	/* a Spanish article before a woman's name */
	CHECK(finds(parts_of("Paz Encina", NULL), "La Paz fue detenida el lunes."));
	/* the whole name counts anywhere */
	CHECK(finds(set_of(MATCH_WORDS, MATCH_FULL, "Juan Cruz"), "in Santa Juan Cruz"));
}

/* Whether text names a needle of s, as the gate reads it. */
static bool
names_in(const struct match_set *s, const char *text)
{
	return match_any_name(s, text, strlen(text));
}

/* An organisation's acronyms, found written in capitals only. */
static void
test_acronyms(void)
{
	struct match_set *s = match_set_new(&A);
	const char *org[] = { "Central Asian Lawyers' Rights Network", "Front Line Defenders (FLD)",
		"PEN International", "NGO Coalition for Legal Aid Network", "Union of Nations Associations" };
	for (size_t i = 0; i < sizeof org / sizeof *org; i++)
		match_add_acronym(s, org[i], strlen(org[i]), NULL, NULL, NULL, "organization");
	CHECK(names_in(s, "CALRN lawyers visited the detention site."));
	CHECK(names_in(s, "as the FLD reported"));
	CHECK(names_in(s, "PEN said"));
	CHECK(names_in(s, "the NCLAN statement"));
	CHECK(!names_in(s, "urgent at calrn dot example dot org"));   /* small: a word */
	CHECK(!names_in(s, "he wrote with a pen"));
	CHECK(!names_in(s, "an NGO report"));                          /* generic */
	CHECK(!names_in(s, "una carta de la ONG"));
	CHECK(!names_in(s, "UNA CARTA"));                              /* UNA: a word */
	/* a shown name's word is no acronym of the source */
	struct match_set *shown = match_set_new(&A);
	match_add_words(shown, "Pen Li", 6, 1, NULL, NULL, NULL, "name");
	struct match_set *t = match_set_new(&A);
	match_add_acronym(t, "PEN International", 17, shown, NULL, NULL, "organization");
	CHECK(!names_in(t, "PEN said"));
}

/* A short Russian name whose stem is 3 letters, declined, with a capital. */
static void
test_short_declined(void)
{
	struct match_set *s = parts_of("Аида Анна Илья", NULL);
	CHECK(finds(s, "Аиду задержали утром."));
	CHECK(finds(s, "адвокат Аиды"));
	CHECK(finds(s, "с Аидой"));
	CHECK(finds(s, "Анну задержали."));
	CHECK(finds(s, "к Анне"));
	CHECK(finds(s, "брат Ильи"));
	CHECK(finds(s, "с Ильёй"));
	CHECK(!finds(s, "Аид, бог подземного мира"));   /* the stem alone */
	CHECK(!finds(s, "аиду"));                        /* small */
	struct match_set *v = parts_of("Вера", NULL);
	CHECK(finds(v, "Веру задержали."));
	CHECK(!finds(v, "он потерял веру в суд"));
}

/* A family name that is a common word too is the word written all in
 * small letters, and the name with a capital, even a sentence's first. */
static void
test_small_words(void)
{
	struct match_set *s = match_set_new(&A);
	match_add_words(s, "Miriam Hall", 11, 2, NULL, NULL, NULL, "name");
	match_add_words(s, "Ana Guerra Blanco", 17, 2, NULL, NULL, NULL, "name");
	CHECK(!names_in(s, "The men waited in the hall of the police station."));
	CHECK(!names_in(s, "Officers searched the town hall."));
	CHECK(!names_in(s, "era una guerra contra los abogados, en un coche blanco."));
	CHECK(names_in(s, "Ms. Hall was taken."));
	CHECK(names_in(s, "Hall was taken."));
	CHECK(names_in(s, "Guerra y su esposa fueron detenidos."));
	CHECK(names_in(s, "THE HALL FAMILY"));
	CHECK(names_in(s, "la abogada de la Sra. Guerra"));
}

/* A Slavic surname in Latin letters, in the other gender's form: a
 * father or a brother named with it names the family. */
static struct match_set *
family_of(const char *name, const struct match_set *shown)
{
	struct match_set *s = parts_of(name, shown);
	match_add_gendered(s, name, strlen(name), shown, NULL, NULL, "name");
	return s;
}

static void
test_gendered(void)
{
	CHECK(finds(family_of("Sadykova", NULL), "Her father, Mr. Sadykov, was questioned"));
	CHECK(finds(family_of("Sadykov", NULL), "His mother, Mrs. Sadykova, was questioned"));
	CHECK(finds(family_of("Aliyeva", NULL), "Mr. Aliyev said"));
	CHECK(finds(family_of("Kowalska", NULL), "Jan Kowalski said"));
	CHECK(finds(family_of("Kowalski", NULL), "Anna Kowalska said"));
	CHECK(finds(family_of("Dostoevskaya", NULL), "Mr. Dostoevsky said"));
	CHECK(finds(family_of("Dostoevskiy", NULL), "Ms. Dostoevskaya said"));
	CHECK(finds(family_of("Zielinska", NULL), "ZIELINSKI said"));
	CHECK(finds(family_of("Tolstaya", NULL), "Mr. Tolstoy said"));
	CHECK(finds(family_of("Ilyina", NULL), "Mr. Ilyin said"));
	/* a street or a place named after the other form is no relative */
	CHECK(!finds(family_of("Sadykova", NULL), "The office on Sadykov Street was searched"));
	CHECK(!finds(family_of("Sadykova", NULL), "on ulitsa Sadykov"));
	/* a place word elsewhere in the sentence makes no street of him */
	CHECK(finds(family_of("Sadykova", NULL), "Outside the school, Sadykov was beaten."));
	CHECK(finds(family_of("Sadykova", NULL), "In the park Sadykov met the journalists."));
	CHECK(finds(family_of("Sadykova", NULL), "Near the village Sadykov was stopped."));
	CHECK(finds(family_of("Kalesnikava", NULL), "At the hospital Kalesnikau was questioned."));
	CHECK(!finds(family_of("Sadykova", NULL), "the Sadykov School"));
	CHECK(!finds(family_of("Tolstaya", NULL), "the Tolstoy Museum"));
	CHECK(finds(family_of("Sadykova", NULL), "the Sadykova Street office"));   /* her own form */
	/* three letters are left at least; no other ending is changed */
	CHECK(!finds(family_of("Sadykova", NULL), "Mr. Sadyk said"));
	CHECK(!finds(family_of("Nina", NULL), "Mr. Nin said"));
	CHECK(!finds(family_of("Garcia", NULL), "Mr. Garci said"));
	/* Belarusian, Lithuanian, Czech and Slovak forms */
	CHECK(finds(family_of("Kalesnikava", NULL), "Her father, Mr. Kalesnikau, said"));
	CHECK(finds(family_of("Kalesnikau", NULL), "Ms. Kalesnikava said"));
	CHECK(finds(family_of("Kazlauskas", NULL), "his wife, Ms. Kazlauskienė, said"));
	CHECK(finds(family_of("Kazlauskas", NULL), "his daughter Ona Kazlauskaitė said"));
	CHECK(finds(family_of("Kazlauskienė", NULL), "Mr. Kazlauskas said"));
	/* a wife's and a daughter's forms of each other */
	CHECK(finds(family_of("Kazlauskaitė", NULL), "Her mother, Mrs. Kazlauskienė, said"));
	CHECK(finds(family_of("Kazlauskienė", NULL), "her daughter Kazlauskaitė said"));
	CHECK(finds(family_of("Kazlauskienė", NULL), "her daughter Kazlauskaite said"));
	CHECK(finds(family_of("Adamkutė", NULL), "Mrs. Adamkienė said"));
	CHECK(finds(family_of("Petraitis", NULL), "Ms. Petraitytė said"));
	CHECK(finds(family_of("Adamkus", NULL), "Ms. Adamkutė said"));
	CHECK(finds(family_of("Novák", NULL), "his wife, Mrs. Nováková, said"));
	CHECK(finds(family_of("Nováková", NULL), "her husband, Mr. Novák, said"));
	CHECK(finds(family_of("Procházková", NULL), "Mr. Procházka said"));
	CHECK(finds(family_of("Dvořák", NULL), "Mrs. Dvorakova said"));
	CHECK(finds(family_of("Černá", NULL), "Mr. Černý said"));
	CHECK(finds(family_of("Černý", NULL), "Mrs. Cerna said"));
	CHECK(!finds(family_of("Nováková", NULL), "the Novák Street office"));
	/* without its accent, "-ova" is not cut off: Sadyk is another name */
	CHECK(!finds(family_of("Ivanova", NULL), "Ivan said"));
	/* no form that is a given name, another family's name or a word */
	CHECK(!finds(family_of("Adamová", NULL), "Her lawyer, Adam Horák, visited."));
	CHECK(!finds(family_of("Janová", NULL), "Her colleague Jana Dvořáková saw it."));
	CHECK(!finds(family_of("Horová", NULL), "a la misma hora"));
	CHECK(!finds(family_of("Karim", NULL), "The judge, Ms. Karimova, ordered it."));
	CHECK(!finds(family_of("Popa", NULL), "The judge, Ms. Popova, ordered it."));
	CHECK(!finds(family_of("Séry", NULL), "Il sera présenté au juge."));
	CHECK(!finds(family_of("Barry", NULL), "con una barra de hierro"));
	CHECK(!finds(family_of("Lucas", NULL), "Her colleague Luciene Santos saw it."));
	CHECK(!finds(family_of("Malý", NULL), "una mala noticia"));
	CHECK(finds(family_of("Malý", NULL), "Mrs. Malá said"));
	/* a brother of that name, shown: "Mr. Sadykov" may be him */
	struct match_set *shown = match_set_new(&A);
	match_add_words(shown, "Rustam Sadykov", 14, 1, NULL, NULL, NULL, "name");
	CHECK(!finds(family_of("Sadykova", shown), "Mr. Sadykov said"));
	CHECK(finds(family_of("Sadykova", shown), "Ms. Sadykova said"));
}

static void
test_has_and_words(void)
{
	struct match_set *shown = match_set_new(&A);
	match_add(shown, MATCH_WORDS, MATCH_FULL, "Chen Yong", 9, NULL, NULL, "name");
	match_add_words(shown, "Chen Yong", 9, 1, NULL, NULL, NULL, "name");
	CHECK(match_set_has(shown, "CHEN  yong", 10));
	CHECK(match_set_has(shown, "chen", 4));
	CHECK(!match_set_has(shown, "Chen Mei", 8));
	/* a sister's name: her given name is a part, the shared family name not */
	struct match_set *src = match_set_new(&A);
	match_add_words(src, "Chen Mei", 8, 2, shown, NULL, "consent.given_by_name", "name");
	CHECK_INT(match_set_count(src), 2);   /* "mei", and "chenmei" run together */
	CHECK(!finds(src, "Mr. Chen was taken"));
	CHECK(finds(src, "Mei said"));
	struct match_hit h[2];
	CHECK_INT(match_find(src, "Mei said", 8, h, 2, MATCH_PART, false), 1);
	CHECK(!h[0].ordinary);
	CHECK_INT(match_find(src, "the mei river", 13, h, 2, MATCH_PART, false), 1);
	CHECK(!h[0].ordinary);                           /* "mei" is no word of en/fr/es */
	struct match_set *lg = match_set_new(&A);
	match_add_words(lg, "Grace Long", 10, 2, NULL, NULL, NULL, "name");
	CHECK_INT(match_find(lg, "a long march", 12, h, 2, MATCH_PART, false), 1);
	CHECK(h[0].ordinary);
	CHECK_INT(match_find(lg, "Ms Long", 7, h, 2, MATCH_PART, false), 1);
	CHECK(!h[0].ordinary);
	/* a name that reads as a common word: "Lê" is "le", "He" starts a
	 * sentence; after a title it is a name */
	struct match_set *le = match_set_new(&A);
	match_add_words(le, "L\xc3\xaa V\xc4\x83n He", 11, 2, NULL, NULL, NULL, "name");
	CHECK(!match_any_name(le, "arr\xc3\xaat\xc3\xa9 le 14 juin dans la van", 30));
	CHECK(!match_any_name(le, "He is a lawyer. He has two children.", 36));
	CHECK(match_any_name(le, "Mr. L\xc3\xaa said", 12));
	CHECK(match_any_name(le, "M. Le said", 10));
	CHECK(match_any_name(le, "They saw He there", 17));
	/* a name that reads as a word, at a sentence's start: the name where
	 * a subject's comma or verb follows, or written all in capitals, or
	 * after a title of four letters; the word otherwise */
	struct match_set *fl = match_set_new(&A);
	match_add_words(fl, "Rosa Flores", 11, 2, NULL, NULL, NULL, "name");
	const char *named[] = { "Flores was detained at dawn.", "Flores, a lawyer, was held.",
		"Rosa told her lawyer.", "FLORES WAS DETAINED.", "The officers said: Flores must come.",
		"Prof. Flores said so.", "It ended. Flores remains in custody.",
		"Rosa's lawyer was refused access.", "Rosa\xe2\x80\x99s lawyer came.",
		"Flores' family was not told.", "Rosa (42) was taken.", "Rosa and her son were taken." };
	for (size_t i = 0; i < sizeof named / sizeof *named; i++)
		CHECK(match_any_name(fl, named[i], strlen(named[i])));
	const char *words[] = { "Flores y velas fueron colocadas.", "Rosa de los vientos.",
		"flores was a word." };
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		CHECK(!match_any_name(fl, words[i], strlen(words[i])));
	CHECK(!match_any_name(lg, "Long before dawn the police came.", 33));
	CHECK(match_any_name(lg, "Long was beaten.", 16));
	CHECK(match_any_name(lg, "Long and his wife were taken.", 29));
	CHECK(!match_any_name(lg, "Long and hard talks followed.", 29));
	CHECK(!match_any_name(lg, "Long ago the road was closed.", 29));
	/* the same in French and Spanish, after no-break spaces, colons,
	 * brackets and dashes, and after titles of four letters or more */
	struct match_set *cz = match_set_new(&A);
	match_add_words(cz, "Juan Cruz", 9, 2, NULL, NULL, NULL, "name");
	const char *cruz[] = { "Cruz fue detenido el lunes.", "Cruz a \xc3\xa9t\xc3\xa9 arr\xc3\xaat\xc3\xa9.",
		"Cruz s'est enfui.", "Cruz s\xe2\x80\x99" "est enfui.", "Cruz declar\xc3\xb3 ante el juez.",
		"Cruz \xc3\xa9tait l\xc3\xa0.", "Cruz disappeared on 3 May.", "Cruz fled the country.",
		"Cruz: detained.", "Cruz \xe2\x80\x94 a lawyer \xe2\x80\x94 was taken.", "Cruz [42] was taken.",
		"Cruz\xc2\xa0was detained.", "Cruz\xe2\x80\xaf: d\xc3\xa9" "tenu.", "Cruz et son mari.",
		"Cruz y su esposa.", "Sgto. Cruz fue detenido.", "Atty. Cruz filed it." };
	for (size_t i = 0; i < sizeof cruz / sizeof *cruz; i++)
		if (!match_any_name(cz, cruz[i], strlen(cruz[i]))) {
			fprintf(stderr, "  not found: %s\n", cruz[i]);
			CHECK(false);
		}
	const char *not_cruz[] = { "Cruz de caminos.", "Cruz roja llegó.", "Cruz\xc2\xa0" "de hierro." };
	for (size_t i = 0; i < sizeof not_cruz / sizeof *not_cruz; i++)
		if (match_any_name(cz, not_cruz[i], strlen(not_cruz[i]))) {
			fprintf(stderr, "  found: %s\n", not_cruz[i]);
			CHECK(false);
		}
	/* names that are verbs or modals: the name where a subject's comma or
	 * verb follows, the word where a sentence goes on */
	struct match_set *sd = match_set_new(&A);
	match_add_words(sd, "Said Haddad", 11, 2, NULL, NULL, NULL, "name");
	match_add_words(sd, "May Ong", 7, 2, NULL, NULL, NULL, "name");
	CHECK(match_any_name(sd, "Said, a teacher, was detained.", 30));
	CHECK(match_any_name(sd, "Said was detained on 3 May.", 27));
	CHECK(match_any_name(sd, "May, a teacher, was detained.", 29));
	CHECK(!match_any_name(sd, "Said the officer: come.", 23));
	CHECK(!match_any_name(sd, "May the court hear us.", 22));
	/* a word of a name that is also a word of the language counts only
	 * where written as a name; a whole name counts however written */
	struct match_set *an = match_set_new(&A);
	match_add_words(an, "Nguyen Van An", 13, 2, NULL, NULL, NULL, "name");
	match_add(an, MATCH_WORDS, MATCH_FULL, "Nguyen Van An", 13, NULL, NULL, "name");
	CHECK(!match_any_name(an, "an officer drove a van", 22));
	CHECK(match_any_name(an, "Mr An was there", 15));
	CHECK(match_any_name(an, "nguyen van an was there", 23));
	CHECK(match_any(an, "an officer", 10, MATCH_PART));
	/* a name no language writes small: beyond ASCII, longer, or with a
	 * capital inside */
	struct match_set *tr = match_set_new(&A);
	match_add_words(tr, "Tr\xe1\xba\xa7n Nurlan", 13, 2, NULL, NULL, NULL, "name");
	CHECK(match_any_name(tr, "tr\xe1\xba\xa7n was there", 16));
	CHECK(match_any_name(tr, "nurlan was there", 16));
	CHECK(match_any_name(an, "mR aN was there", 15));
}

/* match_words: a name read as the matcher reads it, word by word. */
static const char *
words(const char *s, size_t *n)
{
	return match_words(&A, s, strlen(s), n);
}

static void
test_words(void)
{
	size_t n;
	CHECK_STR(words("José  GARCÍA-López", &n), "jose garcia lopez");
	CHECK_INT(n, 3);
	CHECK_STR(words("Nguy\u1ec5n V\u0103n \u0110\u1ee9c", &n), "nguyen van duc");
	CHECK_STR(words("\uff23\uff48\uff45\uff4e Yo\u00adng", &n), "chen yong");
	CHECK_INT(n, 2);
	/* a character of a script without spaces is a word */
	CHECK_STR(words("\u9648\u52c7", &n), "\u9648 \u52c7");
	CHECK_INT(n, 2);
	/* BGN's prime goes; a word of nothing else is no word */
	CHECK_STR(words("Natal\u02b9ya \u02b9 Petrova", &n), "natalya petrova");
	CHECK_INT(n, 2);
	CHECK_STR(words(" - ", &n), "");
	CHECK_INT(n, 0);
}

/* Where the words of a hit are in the file: block scalars, folded plain
 * scalars and quoted ones with escapes. */
static void
test_value_span(void)
{
	const char *src =
	    "a: |\n"
	    "  first line\n"
	    "  Nattaya Srisuk said\n"
	    "b: \"x \\u00e9 Nattaya\"\n"
	    "c: one\n"
	    "  two Nattaya\n";
	struct diag_list dl;
	diag_list_init(&dl, "t.yaml");
	dl.src = src;
	dl.src_len = strlen(src);
	struct ytree t;
	CHECK(ytree_load(src, strlen(src), &A, &t, &dl));
	const struct ynode *a = ytree_get(t.root, "a"), *b = ytree_get(t.root, "b"),
	    *c = ytree_get(t.root, "c");
	const char *p = strstr(a->text, "Nattaya");
	struct span sp = ytree_value_span(a, src, strlen(src), (size_t)(p - a->text),
	    (size_t)(p - a->text) + 14);
	CHECK_INT(sp.line, 2);
	CHECK_INT(sp.col, 2);
	CHECK_INT(sp.end_col, 16);
	p = strstr(b->text, "Nattaya");
	sp = ytree_value_span(b, src, strlen(src), (size_t)(p - b->text), (size_t)(p - b->text) + 7);
	CHECK_INT(sp.line, 3);
	CHECK_INT(sp.col, 13);
	p = strstr(c->text, "Nattaya");
	sp = ytree_value_span(c, src, strlen(src), (size_t)(p - c->text), (size_t)(p - c->text) + 7);
	CHECK_INT(sp.line, 5);
	CHECK_INT(sp.col, 6);
	diag_list_free(&dl);
}

/* The scripts of a text: letters only (marks, digits, punctuation and
 * spaces belong to none), each script once; and the first script of one
 * set outside another. */
static void
test_scripts(void)
{
	struct match_scripts latin = { { 0 } }, han = { { 0 } }, mixed = { { 0 } }, none = { { 0 } };
	match_scripts_add(&latin, "Claire Dubois, 19 Nov. (Ramírez)", strlen("Claire Dubois, 19 Nov. (Ramírez)"));
	match_scripts_add(&han, "克莱尔·杜布瓦。", strlen("克莱尔·杜布瓦。"));
	match_scripts_add(&mixed, "Li Wen 李文 Клер", strlen("Li Wen 李文 Клер"));
	match_scripts_add(&none, "19 - 20, \xcc\x81 !", strlen("19 - 20, \xcc\x81 !"));
	CHECK_INT(match_scripts_outside(&none, &latin), -1);   /* no letter: nothing to read */
	CHECK_INT(match_scripts_outside(&latin, &mixed), -1);
	CHECK_INT(match_scripts_outside(&han, &mixed), -1);
	CHECK_STR(match_script_name(match_scripts_outside(&han, &latin)), "Han");
	CHECK_STR(match_script_name(match_scripts_outside(&latin, &han)), "Latin");
	struct match_scripts lh = latin;
	match_scripts_add(&lh, "李", strlen("李"));
	CHECK_STR(match_script_name(match_scripts_outside(&mixed, &lh)), "Cyrillic");
	struct match_scripts ar = { { 0 } };
	/* harakat and tatweel are no letters of their own: the script is Arabic */
	match_scripts_add(&ar, "عَلِيّ ـ 12", strlen("عَلِيّ ـ 12"));
	CHECK_STR(match_script_name(match_scripts_outside(&ar, &latin)), "Arabic");
	CHECK_INT(match_scripts_outside(&ar, &ar), -1);
	/* invalid UTF-8 is skipped, not read past */
	struct match_scripts bad = { { 0 } };
	match_scripts_add(&bad, "\xff\xfe", 2);
	CHECK_INT(match_scripts_outside(&bad, &none), -1);
}

/* A word mixing Latin with Cyrillic or Greek lookalikes reads as Latin;
 * a word in one script keeps its letters. */
static void
test_lookalikes(void)
{
	struct match_set *s = set_of(MATCH_WORDS, MATCH_FULL, "Aida Sadykova");
	CHECK(finds(s, "Ms. Aida S\u0430dyk\u043ev\u0430 said"));    /* Cyrillic a, o, a */
	CHECK(finds(s, "A\u0456da Sadykova"));                      /* Cyrillic i */
	CHECK(finds(s, "\u0410ida SADYK\u039FVA"));                 /* Cyrillic A, Greek Omicron */
	CHECK_STR(hit_text(s, "x Aida S\u0430dyk\u043ev\u0430 y"), "Aida S\u0430dyk\u043ev\u0430");
	struct match_set *c = set_of(MATCH_WORDS, MATCH_FULL, "\u0421\u0430\u0434\u044b\u043a\u043e\u0432\u0430");
	CHECK(finds(c, "\u0421\u0430\u0434\u044b\u043a\u043e\u0432\u0430 \u0431\u044b\u043b\u0430"));
	/* and a Cyrillic word typed with a Latin lookalike in it: "Садыковa"
	 * with a Latin a, "Cадыкова" with a Latin C */
	CHECK(finds(c, "\u0421\u0430\u0434\u044b\u043a\u043e\u0432" "a \u0431\u044b\u043b\u0430"));
	CHECK(finds(c, "C\u0430\u0434\u044b\u043a\u043e\u0432\u0430"));
	CHECK(!finds(c, "Sadykova"));
	/* a whole Cyrillic word is not read as Latin: "\u0441\u043e\u0440" is not "cop" */
	struct match_set *l = set_of(MATCH_WORDS, MATCH_FULL, "cop");
	CHECK(!finds(l, "\u0441\u043e\u0440"));
	/* letters NFKC keeps, read by ICU's names and confusables; dots and
	 * invisible characters inside a word */
	const char *more[] = {
		"\u1d00\u026a\u1d05\u1d00 s\u1d00\u1d05\u028f\u1d0b\u1d0f\u1d20\u1d00",  /* small capitals */
		"Aida Sad\u028fkova", "Aida \ua731adykova", "\u0251ida Sadykova",
		"Ai\u00b7da Sady\u00b7kova", "Aida Sady\u2027kova", "Aida Sady\u30fbkova",
		"Aida Sady\u2022kova", "Aida Sady\u22c5kova", "Aida Sady\uff65kova",
		"Aida\u00b7Sadykova",
		"Aida Sady\ufff9kova", "Aida Sady\u0600kova", "Aida Sadyk\u200cova",
		"Aida Sady\u034fkova", "Aida Sady\u0301\u20ddkova",
		"\U0001d400\U0001d422\U0001d41d\U0001d41a Sadykova",          /* mathematical */
		"\u13aaida Sadykova",                                           /* Cherokee A */
	};
	for (size_t i = 0; i < sizeof more / sizeof *more; i++)
		CHECK(finds(s, more[i]));
	CHECK(!finds(s, "Aida\u3002Sady\u3001kova"));                      /* 。、 */
	CHECK_STR(hit_text(s, "x Ai\u00b7da Sadykova y"), "Ai\u00b7da Sadykova");
	struct match_set *t = set_of(MATCH_WORDS, MATCH_FULL, "Sadykova");
	CHECK(finds(t, "two cars \u00b7 Sadykova"));
	CHECK(!finds(t, "Sady \u00b7 kova"));
	/* the Arabic final yeh typed as alef maksura */
	struct match_set *a = set_of(MATCH_WORDS, MATCH_FULL, "\u0627\u0644\u0643\u0639\u0628\u064a");
	CHECK(finds(a, "\u0627\u0644\u0643\u0639\u0628\u0649"));
}

/* Russian declines names: a declined form is found through the stems,
 * whole words only, and a word of a name shown keeps its stem to itself. */
static void
test_declension(void)
{
	struct match_set *s = set_of(MATCH_WORDS, MATCH_FULL, "Аида Садыкова");
	CHECK(finds(s, "по просьбе Аиды Садыковой"));
	CHECK(finds(s, "задержали Аиду Садыкову утром"));
	CHECK_STR(hit_text(s, "с Аидой Садыковой."), "Аидой Садыковой");
	CHECK(!finds(s, "Аида пришла"));                         /* a FULL needle wants both */
	struct match_set *m = set_of(MATCH_WORDS, MATCH_FULL, "Тимур Осмонов");
	CHECK(finds(m, "по просьбе Тимура Осмонова"));
	CHECK(finds(m, "с Тимуром Осмоновым"));
	/* a part of a name, alone */
	struct match_set *p = match_set_new(&A);
	match_add_words(p, "Садыкова", strlen("Садыкова"), 2, NULL, NULL, "x", "name");
	CHECK(finds(p, "адвокат Садыковой"));
	CHECK(!finds(p, "Садыковский район"));                  /* another word */
	/* the brother's name is shown: the sister's family name alone no
	 * longer reaches his */
	struct match_set *shown = match_set_new(&A);
	match_add_words(shown, "Садыков", strlen("Садыков"), 1, NULL, NULL, "x", "name");
	struct match_set *q = match_set_new(&A);
	match_add_words(q, "Садыкова", strlen("Садыкова"), 2, shown, NULL, "x", "name");
	CHECK(!finds(q, "брат Садыков"));
	CHECK(finds(q, "сестра Садыкова"));                      /* the word as written still counts */
	/* Latin words are not cut */
	struct match_set *l = set_of(MATCH_WORDS, MATCH_FULL, "Aida Sadykova");
	CHECK(!finds(l, "Aid Sadykov"));
}

/* A name given in Latin letters only, declined in a Russian text: the
 * Cyrillic words' stems read in Latin letters meet the Latin name's
 * stems; short words do not. */
static void
test_declension_latin(void)
{
	struct match_set *m = set_of(MATCH_WORDS, MATCH_FULL, "Timur Osmonov");
	CHECK(finds(m, "по просьбе Тимура Осмонова"));
	CHECK(finds(m, "с Тимуром Осмоновым"));
	CHECK(finds(m, "Тимуру Осмонову"));
	CHECK_STR(hit_text(m, "по просьбе Тимура Осмонова."), "Тимура Осмонова");
	CHECK(!finds(m, "Тимура Осипова"));
	struct match_set *s = set_of(MATCH_WORDS, MATCH_FULL, "Aida Sadykova");
	CHECK(finds(s, "задержали Аиду Садыкову"));
	CHECK(finds(s, "с Аидой Садыковой"));
	struct match_set *d = set_of(MATCH_WORDS, MATCH_FULL, "Dmitriy Belyy");
	CHECK(finds(d, "Дмитрий Белый"));
	struct match_set *n = set_of(MATCH_WORDS, MATCH_FULL, "Natalya Tolstaya");
	CHECK(finds(n, "у Натальи Толстой"));
	/* parts: from 4 letters, stems as in Cyrillic */
	struct match_set *p = match_set_new(&A);
	match_add_words(p, "Sadykova", strlen("Sadykova"), 2, NULL, NULL, "x", "name");
	match_add_words(p, "Osmonov", strlen("Osmonov"), 2, NULL, NULL, "x", "name");
	match_add_words(p, "Li", strlen("Li"), 2, NULL, NULL, "x", "name");
	CHECK(finds(p, "адвокат Садыковой"));
	CHECK(finds(p, "говорили с Осмоновым"));
	CHECK(finds(p, "Осмонов"));
	CHECK(!finds(p, "знает ли он"));                        /* "li" is no part here */
	CHECK(!finds(p, "садовая тележка"));
	/* a brother shown in Latin letters keeps his stem to himself */
	struct match_set *shown = match_set_new(&A);
	match_add_words(shown, "Sadykov", strlen("Sadykov"), 1, NULL, NULL, "x", "name");
	struct match_set *q = match_set_new(&A);
	match_add_words(q, "Sadykova", strlen("Sadykova"), 2, shown, NULL, "x", "name");
	CHECK(!finds(q, "брат Садыкова"));
	CHECK(finds(q, "Sadykova"));
}

/* A transliterated name as French and Spanish spell it: one phonetic
 * key, for names of 5 letters or more, written with a capital. */
static void
test_sounds(void)
{
	struct match_set *s = set_of(MATCH_WORDS, MATCH_FULL, "Zarina Khasanova");
	CHECK(finds(s, "Zarina Khassanova"));
	CHECK(finds(s, "Zarina Jasánova"));
	CHECK(finds(s, "ZARINA HASSANOVA"));
	CHECK_STR(hit_text(s, "de Zarina Jasanova."), "Zarina Jasanova");
	struct match_set *p = match_set_new(&A);
	match_add_words(p, "Pavel Churkin", strlen("Pavel Churkin"), 2, NULL, NULL, "x", "name");
	match_add_words(p, "Khasanova", strlen("Khasanova"), 2, NULL, NULL, "x", "name");
	match_add_words(p, "Li Wei", strlen("Li Wei"), 2, NULL, NULL, "x", "name");
	CHECK(finds(p, "M. Tchourkine a été interrogé"));
	CHECK(finds(p, "el Sr. Chúrkin"));
	CHECK(finds(p, "Mme Khassanova"));
	CHECK(finds(p, "Sra. Jasanova"));
	CHECK(finds(p, "Pável"));                          /* an accent, read before */
	CHECK(!finds(p, "la tchourkine"));                 /* written small: a word */
	CHECK(!finds(p, "Lee Vei"));                       /* too short for a key */
	CHECK(!finds(p, "Khasanov"));                      /* another name */
	CHECK(!finds(p, "Churkina"));
	/* a name shown keeps its key to itself */
	struct match_set *shown = match_set_new(&A);
	match_add_words(shown, "Hasanova", strlen("Hasanova"), 1, NULL, NULL, "x", "name");
	struct match_set *q = match_set_new(&A);
	match_add_words(q, "Khasanova", strlen("Khasanova"), 2, shown, NULL, "x", "name");
	CHECK(!finds(q, "Mme Jasanova"));
	CHECK(finds(q, "Mme Khasanova"));
	/* a long hostile word: one pass */
	size_t n = 200000;
	char *w = malloc(n + 1);
	for (size_t i = 0; i < n; i++)
		w[i] = "Tsch"[i % 4];
	w[0] = 'T';
	w[n] = '\0';
	CHECK(!finds(p, w));
	free(w);
}

/*
 * A text is folded once a thread and searched again from the memo
 * (match.c, "prepared texts"): the same hits at the same bytes whichever
 * set searches it, from a copy of the text in other memory, after the memo
 * has filled and started over (more texts than it holds), for a text too
 * big to keep, and after match_forget.
 */
static void
test_memo(void)
{
	struct match_set *aida = set_of(MATCH_WORDS, MATCH_FULL, "Aida Sadykova");
	struct match_set *chen = set_of(MATCH_WORDS, MATCH_FULL, "Chen Yong");
	const char *text = "On 3 May Aida Sadykov\xc3\xa1, with Chen  YONG, was taken.";
	for (int round = 0; round < 3; round++) {
		char *copy = strdup(text);
		CHECK_STR(hit_text(aida, copy), "Aida Sadykov\xc3\xa1");
		CHECK_STR(hit_text(chen, copy), "Chen  YONG");
		CHECK(!finds(aida, "On 3 May Aida was taken."));
		free(copy);
		/* 3,000 other texts: more than the memo holds */
		char other[64];
		for (int i = 0; i < 3000; i++) {
			snprintf(other, sizeof other, "Text %d names Chen Yong %d.", i, i);
			if (!finds(chen, other) || finds(aida, other))
				CHECK(!"a text of the flood read wrong");
		}
		if (round == 1)
			match_forget();
	}
	/* 256 KiB of text, too big to keep (folded, 20 bytes a character): found
	 * at its end, twice */
	size_t big = (size_t)5 * 52429;  /* whole "word "s */
	char *t = malloc(big + 32);
	for (size_t i = 0; i < big; i += 5)
		memcpy(t + i, "word ", 5);
	strcpy(t + big, "Aida Sadykova");
	for (int i = 0; i < 2; i++)
		CHECK(match_any(aida, t, strlen(t), MATCH_FULL));
	t[big] = 'B';
	CHECK(!match_any(aida, t, strlen(t), MATCH_FULL));
	free(t);
	match_forget();
}

int
main(void)
{
	RUN(test_obfuscations);
	RUN(test_accents_and_scripts);
	RUN(test_arabic);
	RUN(test_arabic_clitics);
	RUN(test_word_boundaries);
	RUN(test_dense);
	RUN(test_han_family);
	RUN(test_reading);
	RUN(test_phone);
	RUN(test_joined);
	RUN(test_transcribed);
	RUN(test_gendered);
	RUN(test_small_words);
	RUN(test_short_declined);
	RUN(test_cyrillic_sounds);
	RUN(test_acronyms);
	RUN(test_place_names);
	RUN(test_thin_spaces);
	RUN(test_email);
	RUN(test_has_and_words);
	RUN(test_words);
	RUN(test_value_span);
	RUN(test_scripts);
	RUN(test_lookalikes);
	RUN(test_declension);
	RUN(test_declension_latin);
	RUN(test_sounds);
	RUN(test_memo);
	arena_free(&A);
	return harness_done();
}
