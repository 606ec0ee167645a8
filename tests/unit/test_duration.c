/*
 * test_duration.c - durations and ages in words, in the six languages, from
 * the real catalogs in locale/: the plural forms of each language (Russian
 * one/few/many, Arabic zero/one/two/few/many/other, Chinese none), zero
 * parts left out, the parts joined as each language lists things, "about"
 * for approximate spans, and the facts' sentences around them; and labels
 * that agree with a person's sex (select patterns).
 */
#include <stdio.h>
#include <string.h>

#include "catalog.h"
#include "harness.h"
#include "intl.h"

#ifndef SPCOMM_SOURCE_DIR
#define SPCOMM_SOURCE_DIR "."
#endif

static const char *const langs[] = { "en", "fr", "es", "ru", "zh", "ar" };
#define N_LANGS (sizeof langs / sizeof langs[0])
static struct catalog *cats[N_LANGS];
static struct arena arena;

static const struct catalog *
cat(const char *lang)
{
	for (size_t i = 0; i < N_LANGS; i++)
		if (strcmp(langs[i], lang) == 0)
			return cats[i];
	return NULL;
}

static const char *
dur(const char *lang, int y, int m, int d)
{
	return catalog_format_duration(cat(lang), &arena, y, m, d, false);
}

static const char *
about(const char *lang, int y, int m, int d)
{
	return catalog_format_duration(cat(lang), &arena, y, m, d, true);
}

static const char *
age(const char *lang, long n)
{
	return catalog_format_count(cat(lang), &arena, "doc.fact.age_at_event", n);
}

static void
english(void)
{
	CHECK_STR(dur("en", 2, 3, 5), "2 years, 3 months and 5 days");
	CHECK_STR(dur("en", 1, 1, 1), "1 year, 1 month and 1 day");
	CHECK_STR(dur("en", 1, 0, 5), "1 year and 5 days");
	CHECK_STR(dur("en", 0, 1, 17), "1 month and 17 days");
	CHECK_STR(dur("en", 3, 0, 0), "3 years");
	CHECK_STR(dur("en", 0, 0, 26), "26 days");
	CHECK_STR(dur("en", 0, 0, 0), "0 days");
	CHECK_STR(about("en", 7, 6, 0), "about 7 years and 6 months");
	CHECK_STR(age("en", 34), "Aged 34 at the time of the events.");
	CHECK_STR(catalog_format_count(cat("en"), &arena, "doc.fact.age_at_event_about", 33),
	    "Aged about 33 at the time of the events.");
}

static void
french_spanish(void)
{
	CHECK_STR(dur("fr", 2, 3, 5), "2 ans, 3 mois et 5 jours");
	CHECK_STR(dur("fr", 1, 1, 1), "1 an, 1 mois et 1 jour");
	CHECK_STR(about("fr", 7, 6, 0), "environ 7 ans et 6 mois");
	CHECK_STR(age("fr", 34), "Âge au moment des faits\u202f: 34 ans.");
	CHECK_STR(age("fr", 1), "Âge au moment des faits\u202f: 1 an.");
	CHECK_STR(dur("es", 2, 3, 5), "2 años, 3 meses y 5 días");
	CHECK_STR(dur("es", 1, 1, 1), "1 año, 1 mes y 1 día");
	CHECK_STR(about("es", 0, 2, 0), "aproximadamente 2 meses");
	CHECK_STR(age("es", 34), "Edad en el momento de los hechos: 34 años.");
}

static void
russian(void)
{
	/* one: 1, 21, 101; few: 2-4, 22-24; many: 0, 5-20, 25-30, 11-14 */
	CHECK_STR(dur("ru", 2, 3, 5), "2 года, 3 месяца и 5 дней");
	CHECK_STR(dur("ru", 1, 1, 1), "1 год, 1 месяц и 1 день");
	CHECK_STR(dur("ru", 5, 5, 5), "5 лет, 5 месяцев и 5 дней");
	CHECK_STR(dur("ru", 21, 11, 22), "21 год, 11 месяцев и 22 дня");
	CHECK_STR(dur("ru", 11, 0, 0), "11 лет");
	CHECK_STR(dur("ru", 0, 0, 14), "14 дней");
	CHECK_STR(dur("ru", 0, 0, 24), "24 дня");
	CHECK_STR(dur("ru", 0, 0, 0), "0 дней");
	CHECK_STR(about("ru", 7, 6, 0), "приблизительно 7 лет и 6 месяцев");
	CHECK_STR(age("ru", 21), "Возраст на момент событий: 21 год.");
	CHECK_STR(age("ru", 22), "Возраст на момент событий: 22 года.");
	CHECK_STR(age("ru", 25), "Возраст на момент событий: 25 лет.");
}

static void
chinese(void)
{
	/* no plural, no separators, no "and" */
	CHECK_STR(dur("zh", 2, 3, 5), "2年3个月5天");
	CHECK_STR(dur("zh", 1, 0, 6), "1年6天");
	CHECK_STR(dur("zh", 0, 0, 1), "1天");
	CHECK_STR(about("zh", 7, 6, 0), "约7年6个月");
	CHECK_STR(age("zh", 34), "事发时年龄：34岁。");
}

static void
arabic(void)
{
	/* one and two are words; few (3-10) takes the plural; many (11-99)
	 * the accusative singular; other (100, 102...) the singular */
	CHECK_STR(dur("ar", 2, 3, 5), "سنتين و3 أشهر و5 أيام");
	CHECK_STR(dur("ar", 1, 1, 1), "سنة واحدة وشهر واحد ويوم واحد");
	CHECK_STR(dur("ar", 0, 2, 2), "شهرين ويومين");
	CHECK_STR(dur("ar", 11, 0, 15), "11 سنة و15 يوماً");
	CHECK_STR(dur("ar", 0, 11, 0), "11 شهراً");
	CHECK_STR(dur("ar", 0, 0, 100), "100 يوم");
	CHECK_STR(dur("ar", 0, 0, 0), "0 يوم");
	CHECK_STR(about("ar", 2, 0, 0), "حوالي سنتين");
	CHECK_STR(age("ar", 2), "العمر وقت الأحداث: سنتان.");
	CHECK_STR(age("ar", 34), "العمر وقت الأحداث: 34 سنة.");
}

/* The facts' sentences take the duration whole, in every language, and
 * the age patterns read their number (a double from the C API: a pattern
 * reading an int would print garbage, not the age). */
static void
facts_take_the_words(void)
{
	static const char *const keys[] = { "wgeid.fact.duration", "wgad.fact.duration",
		"wgad.fact.duration_ongoing" };
	for (size_t l = 0; l < N_LANGS; l++) {
		const char *d = dur(langs[l], 1, 5, 6);
		for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
			const char *s = catalog_format(cats[l], &arena, keys[k], 1, &d);
			if (strstr(s, d) == NULL || s[0] == '[')
				fprintf(stderr, "%s %s: \"%s\" lacks \"%s\"\n", langs[l], keys[k], s, d);
			CHECK(strstr(s, d) != NULL && s[0] != '[');
		}
		for (long n = 1; n < 120; n++) {
			char num[16];
			snprintf(num, sizeof num, "%ld", n);
			const char *a = age(langs[l], n);
			const char *b = catalog_format_count(cats[l], &arena,
			    "doc.fact.age_at_event_about", n);
			/* one and two are words in Arabic */
			bool word = strcmp(langs[l], "ar") == 0 && n <= 2;
			if (!word && (strstr(a, num) == NULL || strstr(b, num) == NULL)) {
				fprintf(stderr, "%s age %ld: \"%s\" / \"%s\"\n", langs[l], n, a, b);
				CHECK(false);
				break;
			}
		}
	}
}

static const char *
label(const char *lang, const char *key, const char *sex)
{
	return catalog_format(cat(lang), &arena, key, 1, &sex);
}

/* A label that agrees with the sex of the person it is about: feminine for
 * a woman, the generic (masculine) form for a man, another sex or none. */
static void
labels_agree_with_sex(void)
{
	static const struct { const char *lang, *sex, *want; } t[] = {
		{ "fr", "female", "Libérée" }, { "fr", "male", "Libéré" },
		{ "fr", "", "Libéré" }, { "fr", "unknown", "Libéré" },
		{ "es", "female", "Puesta en libertad" }, { "es", "other", "Puesto en libertad" },
		{ "ru", "female", "Освобождена" }, { "ru", "male", "Освобожден" },
		{ "ar", "female", "أُفرج عنها" }, { "ar", "male", "أُفرج عنه" },
		{ "en", "female", "Released" }, { "en", "male", "Released" },
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
		CHECK_STR(label(t[i].lang, "wgad.detention.status.released", t[i].sex), t[i].want);
	/* every key of every catalog formats with any sex (a select pattern
	 * that did not load or compile would print "[key]") */
	static const char *const sexes[] = { "female", "male", "other", "unknown", "" };
	size_t bad = 0;
	for (size_t l = 0; l < N_LANGS; l++)
		for (size_t i = 0; i < catalog_size(cats[l]); i++)
			for (size_t x = 0; x < 5; x++) {
				const char *key = catalog_key_at(cats[l], i);
				const char *s = catalog_format(cats[l], &arena, key, 1, &sexes[x]);
				if (s[0] == '[' && strstr(s, key) != NULL && bad++ < 5)
					fprintf(stderr, "%s: %s does not format\n", langs[l], key);
			}
	CHECK_INT(bad, 0);
}

int
main(void)
{
	char err[128];
	struct diag_list dl;
	diag_list_init(&dl, NULL);
	if (!intl_init(err, sizeof err))
		return 1;
	for (size_t i = 0; i < N_LANGS; i++) {
		cats[i] = catalog_load(SPCOMM_SOURCE_DIR "/locale", langs[i], &dl);
		if (cats[i] == NULL) {
			fprintf(stderr, "cannot load the %s catalog\n", langs[i]);
			return 1;
		}
	}
	RUN(english);
	RUN(french_spanish);
	RUN(russian);
	RUN(chinese);
	RUN(arabic);
	RUN(facts_take_the_words);
	RUN(labels_agree_with_sex);
	for (size_t i = 0; i < N_LANGS; i++)
		catalog_free(cats[i]);
	arena_free(&arena);
	diag_list_free(&dl);
	return harness_done();
}
