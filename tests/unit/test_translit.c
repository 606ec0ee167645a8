/* test_translit.c - transliterators opened from their rules
 * (translit_rules.h), through intl.h, against ICU's own opened by ID. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utrans.h>

#include "arena.h"
#include "gen/xorshift.h"
#include "harness.h"
#include "intl.h"
#include "translit_rules.h"

static uint64_t rng = 0x9E3779B97F4A7C15ULL;

static uint32_t
next_random(void)
{
	return xorshift_next(&rng);
}

/* ICU's transliterator id on the UTF-8 text s, as UTF-8 in out. */
static void
icu_says(UTransliterator *icu, const char *s, char *out, size_t cap)
{
	UChar u[512];
	int32_t n = 0, limit;
	UErrorCode st = U_ZERO_ERROR;
	u_strFromUTF8(u, 128, &n, s, -1, &st);
	limit = n;
	utrans_transUChars(icu, u, &n, 512, 0, &limit, &st);
	u_strToUTF8(out, (int32_t)cap, NULL, u, n, &st);
	if (U_FAILURE(st))
		snprintf(out, cap, "(ICU failed: %s)", u_errorName(st));
}

static int differences;

/* What the program gives for s (reading: intl_latin_reading, else
 * intl_simplified) is what ICU's transliterator gives. */
static void
compare(UTransliterator *icu, bool reading, const char *s)
{
	struct arena a = { 0 };
	char want[1024];
	icu_says(icu, s, want, sizeof want);
	const char *got = reading ? intl_latin_reading(&a, s, strlen(s))
	    : intl_simplified(&a, s, strlen(s));
	if (got == NULL || strcmp(got, want) != 0) {
		if (differences++ < 10)
			fprintf(stderr, "\"%s\": ICU \"%s\", the program \"%s\"\n", s, want,
			    got ? got : "(none)");
	}
	arena_free(&a);
}

static UTransliterator *
open_id(const char *id)
{
	UChar u[64];
	UErrorCode st = U_ZERO_ERROR;
	u_uastrncpy(u, id, 63);
	u[63] = 0;
	UTransliterator *t = utrans_openU(u, -1, UTRANS_FORWARD, NULL, 0, NULL, &st);
	CHECK(U_SUCCESS(st));
	return U_SUCCESS(st) ? t : NULL;
}

/* On this ICU every set is opened from its rules: an empty table would be
 * correct but would build ICU's registry again (40 ms a process). */
static void
every_set_has_passes(void)
{
	static const char *const ids[] = TRANSLIT_RULES_IDS;
	for (int i = 0; i < TRANSLIT_RULES_COUNT; i++) {
		CHECK_STR(translit_rules[i].id, ids[i]);
		CHECK(translit_rules[i].n_passes > 0);
	}
}

/* Russian names and words, where BGN's rules look at neighbours: ye after
 * a vowel or a sign and at a word's start, ë, the dot between letters that
 * would read as one sound (Т·С, Ы·Й), capitals before capitals, and text
 * of other scripts around them. */
static void
russian_bgn(void)
{
	static const char *const names[] = {
		"Аида Садыкова", "Ёлкин", "ЁЛКИН", "Елена", "ЕЛЕНА", "Соловьёв", "Подъезд",
		"Мусоргский", "Тсой", "ТСОЙ", "Ыйгур", "Красный", "Эрдэнэ", "Бэлла", "Шчукин",
		"Щербаков", "Жуков", "Хабаровск", "Цой", "Чечня", "Юрьевич", "Ярослав",
		"Наталья Ёжикова-Ефремова", "Майя", "Зыбин-Ёлкин", "Аэропорт",
		"Дмитрием", "Е. Ёлкина", "Аида Sadykova", "Ы", "ЪЕ", "ьё", "Ёж 1990",
		"Иван «Ваня» Елисеев", "О'Ейл", "Ӣсо", "Ёѳ",
	};
	UTransliterator *icu = open_id("Russian-Latin/BGN");
	if (icu == NULL)
		return;
	differences = 0;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		compare(icu, true, names[i]);
	/* random strings over Russian's letters and what surrounds them */
	static const char *const pieces[] = {
		"А", "Е", "Ё", "И", "Й", "О", "У", "Ы", "Э", "Ю", "Я", "Ъ", "Ь", "Т", "С", "Ш",
		"Ч", "Х", "Ц", "Ж", "а", "е", "ё", "и", "й", "о", "у", "ы", "э", "ю", "я", "ъ",
		"ь", "т", "с", "ш", "ч", "х", "ц", "ж", "к", " ", "-", "a", "Z", "1", ".",
		"\xCC\x81", "\xC2\xB7", "і",
	};
	size_t n_pieces = sizeof pieces / sizeof pieces[0];
	for (int r = 0; r < 20000; r++) {
		char s[128] = "";
		/* the first letter Cyrillic: intl_latin_reading reads by it */
		strcat(s, pieces[next_random() % 40]);
		int len = (int)(next_random() % 10);
		for (int i = 0; i < len; i++)
			strcat(s, pieces[next_random() % n_pieces]);
		compare(icu, true, s);
	}
	CHECK_INT(differences, 0);
	utrans_close(icu);
}

/* Traditional characters among simplified ones, Latin and punctuation:
 * the characters of the rules themselves, at random. */
static void
traditional_simplified(void)
{
	UTransliterator *icu = open_id("Traditional-Simplified");
	if (icu == NULL || translit_rules[1].n_passes == 0)
		return;
	/* the characters the rules name */
	static uint32_t cps[20000];
	size_t n_cps = 0;
	const uint16_t *rules = translit_rules[1].pass[0];
	int32_t n = u_strlen((const UChar *)rules);
	for (int32_t i = 0; i < n && n_cps < 20000;) {
		UChar32 c;
		U16_NEXT(rules, i, n, c);
		if (c >= 0x2E80)
			cps[n_cps++] = (uint32_t)c;
	}
	CHECK(n_cps > 1000);
	differences = 0;
	compare(icu, false, "陳勇 張偉");
	compare(icu, false, "於飛 于歸 乾隆 乾燥");
	for (int r = 0; r < 20000 && n_cps > 0; r++) {
		char s[128];
		size_t k = 0;
		int len = 1 + (int)(next_random() % 8);
		for (int i = 0; i < len; i++) {
			uint32_t c = next_random() % 10 == 0 ? (uint32_t)"a .1"[next_random() % 4]
			    : cps[next_random() % n_cps];
			UBool err = false;
			U8_APPEND((uint8_t *)s, k, sizeof s - 1, c, err);
			(void)err;
		}
		s[k] = '\0';
		compare(icu, false, s);
	}
	CHECK_INT(differences, 0);
	utrans_close(icu);
}

int
main(void)
{
	RUN(every_set_has_passes);
	RUN(russian_bgn);
	RUN(traditional_simplified);
	return harness_done();
}
