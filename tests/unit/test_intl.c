/* test_intl.c - dates, characters, codes: the ICU boundary. */
#include <string.h>

#include "harness.h"
#include "intl.h"

static void
dates_real_calendar(void)
{
	struct pdate d;
	char why[160];
	CHECK(intl_parse_date("2024-02-29", false, &d, why, sizeof why));
	CHECK_INT(d.precision, 3);
	CHECK(!intl_parse_date("2023-02-29", false, &d, why, sizeof why));
	CHECK_STR(why, "February 2023 has 28 days");
	CHECK(!intl_parse_date("2021-02-30", false, &d, why, sizeof why));
	CHECK(!intl_parse_date("2021-04-31", false, &d, why, sizeof why));
	CHECK_STR(why, "April 2021 has 30 days");
	CHECK(!intl_parse_date("2021-13-01", false, &d, why, sizeof why));
	CHECK(!intl_parse_date("2021-00-10", false, &d, why, sizeof why));
	CHECK(!intl_parse_date("2021-01-00", false, &d, why, sizeof why));
	CHECK(!intl_parse_date("02/03/2021", false, &d, why, sizeof why));
	CHECK(!intl_parse_date("2021-2-3", false, &d, why, sizeof why));
	CHECK(!intl_parse_date("0000-01-01", false, &d, why, sizeof why));
	CHECK(!intl_parse_date("2021", false, &d, why, sizeof why)); /* full date needed */
}

static void
dates_partial(void)
{
	struct pdate d;
	char why[160];
	CHECK(intl_parse_date("2018-09", true, &d, why, sizeof why));
	CHECK_INT(d.precision, 2);
	CHECK_INT(d.month, 9);
	CHECK(intl_parse_date("1975~", true, &d, why, sizeof why));
	CHECK(d.approximate);
	CHECK_INT(d.precision, 1);
	CHECK(intl_parse_date("2018-09-25?", true, &d, why, sizeof why));
	CHECK(d.uncertain);
	CHECK(!intl_parse_date("2018-9", true, &d, why, sizeof why));
	CHECK(!intl_parse_date("~", true, &d, why, sizeof why));
}

static void
dates_written_as_the_un(void)
{
	struct arena a = { 0 };
	struct pdate d = { .year = 2021, .month = 6, .day = 29, .precision = 3 };
	CHECK_STR(intl_format_date(&a, &d, "en"), "29 June 2021");
	CHECK_STR(intl_format_date(&a, &d, "es"), "29 de junio de 2021");
	CHECK_STR(intl_format_date(&a, &d, "zh"), "2021年6月29日");
	d.precision = 2;
	d.month = 9;
	d.year = 2018;
	CHECK_STR(intl_format_date(&a, &d, "en"), "September 2018");
	CHECK_STR(intl_format_date(&a, &d, "ru"), "сентябрь 2018 года");
	CHECK_STR(intl_format_date(&a, &d, "zh"), "2018年9月");
	CHECK_STR(intl_format_date(&a, &d, "ar"), "أيلول/سبتمبر 2018");
	d.approximate = true;
	CHECK_STR(intl_format_date(&a, &d, "ru"), "сентября 2018 года");
	struct pdate j = { .year = 2021, .month = 6, .day = 29, .precision = 3 };
	CHECK_STR(intl_format_date(&a, &j, "ru"), "29 июня 2021 года");
	CHECK_STR(intl_format_date(&a, &j, "fr"), "29 juin 2021");
	CHECK_STR(intl_format_date(&a, &j, "ar"), "29 حزيران/يونيه 2021");
	j.day = 1;
	CHECK_STR(intl_format_date(&a, &j, "fr"), "1er juin 2021");
	struct pdate y = { .year = 1975, .precision = 1 };
	CHECK_STR(intl_format_date(&a, &y, "en"), "1975");
	arena_free(&a);
}

static void
date_arithmetic(void)
{
	struct pdate b = { .year = 1990, .month = 3, .day = 15, .precision = 3 };
	struct pdate e = { .year = 2026, .month = 3, .day = 14, .precision = 3 };
	int hi, lo = intl_age_at(&b, &e, &hi);
	CHECK_INT(lo, 35);
	CHECK_INT(hi, 35);
	e.day = 15;
	CHECK_INT(intl_age_at(&b, &e, &hi), 36);
	struct pdate by = { .year = 1990, .precision = 1 };
	lo = intl_age_at(&by, &e, &hi);
	CHECK_INT(lo, 35);
	CHECK_INT(hi, 36);
	struct pdate x = { .year = 2024, .month = 1, .day = 1, .precision = 3 };
	struct pdate y = { .year = 2024, .month = 3, .day = 1, .precision = 3 };
	CHECK_INT(intl_days_between(&x, &y), 60);
	CHECK(intl_date_cmp(&x, &y) < 0);
	struct pdate m = { .year = 2024, .month = 1, .precision = 2 };
	CHECK_INT(intl_date_cmp(&x, &m), 0);
}

static void
characters(void)
{
	uint32_t cp;
	size_t off;
	const char *rlo = "Ali\xe2\x80\xae" "ecaf";
	CHECK_INT(intl_scan(rlo, strlen(rlo), true, true, &cp, &off), ICP_BIDI);
	CHECK_INT(cp, 0x202E);
	CHECK_INT(off, 3);
	CHECK_INT(intl_scan(rlo, strlen(rlo), false, false, &cp, &off), ICP_NONE);
	const char *zwsp = "A\xe2\x80\x8b" "B";
	CHECK_INT(intl_scan(zwsp, strlen(zwsp), true, true, &cp, &off), ICP_INVISIBLE);
	const char *zwnj = "\xd9\x85\xe2\x80\x8c\xd9\x85"; /* Persian names need ZWNJ */
	CHECK_INT(intl_scan(zwnj, strlen(zwnj), true, true, &cp, &off), ICP_NONE);
	const char *ext_b = "\xf0\xa0\xae\xb7"; /* U+20BB7 */
	CHECK_INT(intl_scan(ext_b, strlen(ext_b), false, false, &cp, &off), ICP_NON_BMP);
	CHECK_INT(cp, 0x20BB7);
	CHECK_INT(intl_scan("a\nb", 3, true, false, &cp, &off), ICP_CONTROL);
	CHECK_INT(intl_scan("a\nb", 3, false, false, &cp, &off), ICP_NONE);
	CHECK_INT(intl_scan("a\0b", 3, false, false, &cp, &off), ICP_CONTROL);
}

static void
normalisation(void)
{
	struct arena a = { 0 };
	size_t n;
	const char *nfd = "Jose\xcc\x81"; /* e + combining acute */
	CHECK_STR(intl_nfc(&a, nfd, strlen(nfd), &n), "Jos\xc3\xa9");
	CHECK_INT(n, 5);
	CHECK(intl_nfc(&a, "\xc3\x28", 2, &n) == NULL);
	CHECK_STR(intl_fold(&a, "Ma\xc3\x9f" "E", 5, &n), "masse");
	arena_free(&a);
}

static void
codes(void)
{
	CHECK(intl_country_valid("NO"));
	CHECK(intl_country_valid("CN"));
	CHECK(!intl_country_valid("XX"));
	CHECK(!intl_country_valid("cn"));
	CHECK(!intl_country_valid("SU"));
	CHECK(intl_lang_valid("en"));
	CHECK(intl_lang_valid("zh-Hant"));
	CHECK(!intl_lang_valid("not a tag"));
	CHECK(intl_regex_match("[A-Za-z0-9][A-Za-z0-9_-]{0,63}", "ua-2026-01", 10));
	CHECK(!intl_regex_match("[A-Za-z0-9][A-Za-z0-9_-]{0,63}", "../etc", 6));
	CHECK_INT(intl_edit_distance("date_of_brith", "date_of_birth", 3), 2);
	struct arena a = { 0 };
	CHECK_STR(intl_country_name(&a, "MX", "en"), "Mexico");
	CHECK_STR(intl_language_name(&a, "fr", "en"), "French");
	arena_free(&a);
}

static void
transliteration(void)
{
	struct arena a = { 0 };
	CHECK_STR(intl_transliterate_name(&a, "陈"), "Chen");
	CHECK_STR(intl_transliterate_name(&a, "宏伟"), "Hongwei");
	CHECK_STR(intl_transliterate_name(&a, "曾"), "Zeng"); /* a surname reading */
	CHECK_STR(intl_transliterate_name(&a, "Щербаков"), "Shcherbakov");
	CHECK(intl_transliterate_name(&a, "محمد") == NULL);
	CHECK(intl_transliterate_name(&a, "Smith") == NULL);
	arena_free(&a);
}

int
main(void)
{
	RUN(dates_real_calendar);
	RUN(dates_partial);
	RUN(dates_written_as_the_un);
	RUN(date_arithmetic);
	RUN(characters);
	RUN(normalisation);
	RUN(codes);
	RUN(transliteration);
	return harness_done();
}
