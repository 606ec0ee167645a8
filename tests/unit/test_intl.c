/* test_intl.c - dates, characters, codes: the ICU boundary. */
#include <stdio.h>
#include <string.h>

#include "gen/xorshift.h"
#include "harness.h"
#include "intl.h"

#include <unicode/ucal.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/uspoof.h>
#include <unicode/utf8.h>

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

/* The date check is arithmetic (intl.c real_date); ICU's calendar with
 * leniency off is the reference: every day 1 to 31 of every month of
 * 1800 to 2400, each accepted exactly when ICU accepts it. */
static void
dates_match_icu_calendar(void)
{
	UErrorCode st = U_ZERO_ERROR;
	UCalendar *cal = ucal_open(u"UTC", -1, "en_US@calendar=gregorian", UCAL_GREGORIAN, &st);
	CHECK(U_SUCCESS(st));
	if (U_FAILURE(st))
		return;
	ucal_setAttribute(cal, UCAL_LENIENT, 0);
	int differ = 0, accepted = 0;
	for (int y = 1800; y <= 2400; y++)
		for (int m = 1; m <= 12; m++)
			for (int d = 1; d <= 31; d++) {
				st = U_ZERO_ERROR;
				ucal_clear(cal);
				ucal_setDate(cal, y, m - 1, d, &st);
				(void)ucal_getMillis(cal, &st);
				char s[16], why[160];
				snprintf(s, sizeof s, "%04d-%02d-%02d", y, m, d);
				struct pdate pd;
				bool ours = intl_parse_date(s, false, &pd, why, sizeof why);
				accepted += ours;
				if (ours != (bool)U_SUCCESS(st) && differ++ < 5)
					fprintf(stderr, "  %s: spcomm %d, ICU %d\n", s, ours, U_SUCCESS(st));
			}
	ucal_close(cal);
	CHECK_INT(differ, 0);
	CHECK_INT(accepted, 219511); /* the days from 1800-01-01 to 2400-12-31 */
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

/* Numbers as each language groups them; the UN's Arabic documents use
 * Western digits; Spanish groups from five digits (CLDR). */
static void
numbers_written_as_the_un(void)
{
	struct arena a = { 0 };
	CHECK_STR(intl_format_number(&a, 28983, "en"), "28,983");
	CHECK_STR(intl_format_number(&a, 28983, "fr"), "28\u202f983");
	CHECK_STR(intl_format_number(&a, 28983, "es"), "28.983");
	CHECK_STR(intl_format_number(&a, 28983, "ru"), "28\u00a0983");
	CHECK_STR(intl_format_number(&a, 28983, "zh"), "28,983");
	CHECK_STR(intl_format_number(&a, 28983, "ar"), "28,983");
	CHECK_STR(intl_format_number(&a, 1234, "es"), "1234");
	CHECK_STR(intl_format_number(&a, 1234, "en"), "1,234");
	CHECK_STR(intl_format_number(&a, 1234567, "es"), "1.234.567");
	/* below a thousand every language writes the digits alone */
	static const char *const langs[] = { "en", "fr", "es", "ru", "zh", "ar" };
	for (size_t i = 0; i < 6; i++) {
		CHECK_STR(intl_format_number(&a, 0, langs[i]), "0");
		CHECK_STR(intl_format_number(&a, 999, langs[i]), "999");
	}
	/* an unknown language still gives digits */
	CHECK_STR(intl_format_number(&a, 7, "xx"), "7");
	arena_free(&a);
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

/* The clock's seconds to a civil date (the validator's "today"). */
static void
dates_from_unix(void)
{
	static const struct { int64_t s; int y, m, d; } known[] = {
		{ 0, 1970, 1, 1 }, { -1, 1969, 12, 31 }, { 951782400, 2000, 2, 29 },
		{ 4102444799, 2099, 12, 31 }, { 4102444800, 2100, 1, 1 },
		{ 1796648400, 2026, 12, 7 }, { -2208988800, 1900, 1, 1 },
	};
	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++) {
		struct pdate d;
		intl_date_from_unix(known[i].s, &d);
		CHECK_INT(d.year, known[i].y);
		CHECK_INT(d.month, known[i].m);
		CHECK_INT(d.day, known[i].d);
		CHECK_INT(d.precision, 3);
	}
	/* every day of 1899-2101 against intl_days_between */
	struct pdate epoch = { .year = 1970, .month = 1, .day = 1, .precision = 3 };
	int bad = 0;
	for (int64_t day = -25567; day < 47847 && bad < 3; day++) {
		struct pdate d;
		intl_date_from_unix(day * 86400 + 43200, &d);
		if (intl_days_between(&epoch, &d) != day)
			bad++;
	}
	CHECK_INT(bad, 0);
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

/* d written "YYYY-MM-DD" (or partial with '~' / '?'), for short tests */
static struct pdate
D(const char *s)
{
	struct pdate d;
	char why[160];
	if (!intl_parse_date(s, true, &d, why, sizeof why))
		fprintf(stderr, "test_intl: bad test date %s: %s\n", s, why);
	return d;
}

/* The span from a to b is years/months/days, exact or not. */
static void
span_is(const char *a, const char *b, int y, int m, int d, bool approximate)
{
	struct pdate from = D(a), to = D(b);
	struct intl_span sp;
	bool ok = intl_date_span(&from, &to, &sp);
	if (!ok || sp.years != y || sp.months != m || sp.days != d || sp.approximate != approximate)
		fprintf(stderr, "span %s -> %s: got %s %dy %dm %dd%s, want %dy %dm %dd%s\n", a, b,
		    ok ? "" : "(none)", sp.years, sp.months, sp.days, sp.approximate ? " about" : "",
		    y, m, d, approximate ? " about" : "");
	CHECK(ok && sp.years == y && sp.months == m && sp.days == d &&
	    sp.approximate == approximate);
}

static void
date_spans(void)
{
	/* the month-end clamps: one month from 31 January is the last day of
	 * February, whatever its length */
	span_is("2023-01-31", "2023-02-28", 0, 1, 0, false);
	span_is("2023-01-31", "2023-02-27", 0, 0, 27, false);
	span_is("2023-01-31", "2023-03-01", 0, 1, 1, false);
	span_is("2023-03-31", "2023-04-30", 0, 1, 0, false);
	span_is("2023-03-31", "2023-04-29", 0, 0, 29, false);
	/* months are added to the first date, not one after the other:
	 * 31 January + 2 months is 31 March, not 29 */
	span_is("2024-01-31", "2024-03-31", 0, 2, 0, false);
	span_is("2024-01-31", "2024-03-30", 0, 1, 30, false);
	/* leap years */
	span_is("2024-01-31", "2024-02-28", 0, 0, 28, false);
	span_is("2024-01-31", "2024-02-29", 0, 1, 0, false);
	span_is("2024-02-29", "2025-02-28", 1, 0, 0, false);
	span_is("2024-02-29", "2025-03-01", 1, 0, 1, false);
	span_is("2024-02-29", "2028-02-29", 4, 0, 0, false);
	span_is("2023-02-28", "2024-02-29", 1, 0, 1, false);
	span_is("1900-02-28", "1900-03-01", 0, 0, 1, false);  /* 1900 was not a leap year */
	span_is("2000-02-28", "2000-03-01", 0, 0, 2, false);  /* 2000 was */
	/* across years; the bundled cases' durations */
	span_is("2025-12-31", "2026-01-01", 0, 0, 1, false);
	span_is("2025-07-02", "2026-08-14", 1, 1, 12, false);
	span_is("2026-03-18", "2026-11-20", 0, 8, 2, false);
	span_is("2026-10-03", "2026-11-20", 0, 1, 17, false);
	span_is("2026-11-20", "2026-11-20", 0, 0, 0, false);
	/* approximate and partial dates: only what both dates know */
	span_is("2025-06-14~", "2026-11-20", 1, 5, 6, true);
	span_is("2025-06-14", "2026-11-20?", 1, 5, 6, true);
	span_is("2018-09", "2026-03-10", 7, 6, 0, true);
	span_is("2018-09", "2026-09-01", 8, 0, 0, true);
	span_is("1998", "2026-11-20", 28, 0, 0, true);
	struct intl_span sp;
	struct pdate a = D("2026-03"), b = D("2026-03-10");
	CHECK(!intl_date_span(&a, &b, &sp));   /* shorter than "March" can tell */
	a = D("2026");
	CHECK(!intl_date_span(&a, &b, &sp));
	a = D("2026-03-11");
	CHECK(!intl_date_span(&a, &b, &sp));   /* backwards */
}

/* Every span over two years of start dates and a spread of lengths
 * rebuilds its end date: months added to the start (clamped), then the
 * days; and one more month would pass the end. */
static void
date_spans_rebuild(void)
{
	static const int mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	static const long lengths[] = { 0, 1, 27, 28, 29, 30, 31, 58, 59, 60, 61, 364, 365, 366,
		367, 730, 1000, 1461 };
	struct pdate epoch = D("1970-01-01");
	long failures = 0, tried = 0;
	for (long day0 = 19358; day0 < 19358 + 731; day0++) {   /* 2023-01-01 .. 2024-12-31 */
		for (size_t k = 0; k < sizeof lengths / sizeof lengths[0]; k++) {
			/* civil dates of day0 and day0 + length, found by walking */
			struct pdate from = epoch, to;
			long want_from = day0, want_to = day0 + lengths[k];
			for (int pass = 0; pass < 2; pass++) {
				long target = pass ? want_to : want_from;
				struct pdate d = { .year = 1970 + (int)(target / 366), .month = 1, .day = 1,
					.precision = 3 };
				while (intl_days_between(&epoch, &d) < target) {
					int len = mdays[d.month - 1] + (d.month == 2 && ((d.year % 4 == 0 &&
					    d.year % 100 != 0) || d.year % 400 == 0));
					long left = target - intl_days_between(&epoch, &d);
					if (d.day == 1 && left >= len) {
						if (++d.month > 12) {
							d.month = 1;
							d.year++;
						}
					} else {
						d.day += 1;
					}
				}
				if (pass)
					to = d;
				else
					from = d;
			}
			struct intl_span sp;
			tried++;
			if (!intl_date_span(&from, &to, &sp)) {
				failures++;
				continue;
			}
			int total = sp.years * 12 + sp.months;
			for (int extra = 0; extra < 2; extra++) {
				int n = total + extra;
				struct pdate an = { .year = from.year + (from.month - 1 + n) / 12,
					.month = (from.month - 1 + n) % 12 + 1, .precision = 3 };
				int len = mdays[an.month - 1] + (an.month == 2 && ((an.year % 4 == 0 &&
				    an.year % 100 != 0) || an.year % 400 == 0));
				an.day = from.day < len ? from.day : len;
				long rest = intl_days_between(&an, &to);
				if (extra == 0 && rest != sp.days)
					failures++;
				if (extra == 1 && rest >= 0)
					failures++;   /* a whole month was left in the days */
			}
			if (sp.months > 11 || sp.days > 30)
				failures++;
		}
	}
	if (failures)
		fprintf(stderr, "date_spans_rebuild: %ld of %ld spans wrong\n", failures, tried);
	CHECK_INT(failures, 0);
	CHECK(tried > 10000);
}

static void
ages_stated(void)
{
	bool exact;
	struct pdate b = D("1990-03-15"), e = D("2026-03-14");
	CHECK_INT(intl_age_stated(&b, &e, &exact), 35);
	CHECK(exact);
	e = D("2026-03-15");
	CHECK_INT(intl_age_stated(&b, &e, &exact), 36);
	CHECK(exact);
	/* born 29 February: the birthday of a common year is 1 March, as for
	 * the validator's check of a stated age */
	b = D("2000-02-29");
	e = D("2001-02-28");
	CHECK_INT(intl_age_stated(&b, &e, &exact), 0);
	e = D("2001-03-01");
	CHECK_INT(intl_age_stated(&b, &e, &exact), 1);
	/* year only: 35 or 36 in March, taken at 1 July: about 35 */
	b = D("1990");
	e = D("2026-03-15");
	CHECK_INT(intl_age_stated(&b, &e, &exact), 35);
	CHECK(!exact);
	e = D("2026-09-15");
	CHECK_INT(intl_age_stated(&b, &e, &exact), 36);
	CHECK(!exact);
	b = D("1993");   /* the bundled allegation letter's photographer */
	CHECK_INT(intl_age_stated(&b, &e, &exact), 33);
	CHECK(!exact);
	/* a month of birth before the month of the events: one age only */
	b = D("1990-05");
	e = D("2026-08-10");
	CHECK_INT(intl_age_stated(&b, &e, &exact), 36);
	CHECK(exact);
	/* same month: the 15th decides, and it is only "about" */
	e = D("2026-05-20");
	CHECK_INT(intl_age_stated(&b, &e, &exact), 36);
	CHECK(!exact);
	e = D("2026-05-10");
	CHECK_INT(intl_age_stated(&b, &e, &exact), 35);
	CHECK(!exact);
	/* a full date marked approximate gives one age, but not an exact one */
	b = D("1990-03-15~");
	e = D("2026-08-10");
	CHECK_INT(intl_age_stated(&b, &e, &exact), 36);
	CHECK(!exact);
}

static void
characters(void)
{
	uint32_t cp;
	size_t off;
	/* an override anywhere (it reverses what is printed); an embedding
	 * or an isolate only in names and ids */
	const char *rlo = "Ali\xe2\x80\xae" "ecaf";
	CHECK_INT(intl_scan(rlo, strlen(rlo), true, true, &cp, &off), ICP_OVERRIDE);
	CHECK_INT(cp, 0x202E);
	CHECK_INT(off, 3);
	CHECK_INT(intl_scan(rlo, strlen(rlo), false, false, &cp, &off), ICP_OVERRIDE);
	const char *lro = "x\xe2\x80\xad" "y";
	CHECK_INT(intl_scan(lro, strlen(lro), false, false, &cp, &off), ICP_OVERRIDE);
	const char *rle = "Ali\xe2\x80\xab" "x";
	CHECK_INT(intl_scan(rle, strlen(rle), true, true, &cp, &off), ICP_BIDI);
	CHECK_INT(intl_scan(rle, strlen(rle), false, false, &cp, &off), ICP_NONE);
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

	/* Values that show nothing: white space of any script, invisible
	 * characters, the braille blank; *cp the first non-ASCII one. */
	static const struct { const char *s; bool blank; uint32_t cp; } blanks[] = {
		{ "", true, 0 }, { "  \t\n", true, 0 },
		{ "\xc2\xa0", true, 0xA0 },                 /* NO-BREAK SPACE */
		{ " \xe3\x80\x80", true, 0x3000 },          /* IDEOGRAPHIC SPACE */
		{ "\xe2\x80\x83\xe2\x80\x8b", true, 0x2003 }, /* EM SPACE, ZWSP */
		{ "\xe2\x80\x8d", true, 0x200D },           /* ZWJ alone */
		{ "\xef\xbb\xbf", true, 0xFEFF },           /* BOM */
		{ "\xe3\x85\xa4", true, 0x3164 },           /* HANGUL FILLER */
		{ "\xe2\xa0\x80", true, 0x2800 },           /* BRAILLE PATTERN BLANK */
		{ "\xe2\x80\xaf\xe2\x81\x9f", true, 0x202F }, /* NNBSP, MMSP */
		{ "\xc2\xa0" "A", false, 0 }, { "\xe9\x99\x88", false, 0 }, /* 陈 */
		{ "\xcc\x81", false, 0 },                   /* a combining accent shows */
		{ "\x00", false, 0 },                        /* NUL: a control character */
	};
	for (size_t i = 0; i < sizeof blanks / sizeof blanks[0]; i++) {
		uint32_t b;
		size_t n = blanks[i].s[0] == '\0' && !blanks[i].blank ? 1 : strlen(blanks[i].s);
		CHECK(intl_blank(blanks[i].s, n, &b) == blanks[i].blank);
		if (blanks[i].blank)
			CHECK_INT(b, blanks[i].cp);
	}
}

/* Whether w has two letters of scripts that share no script (by their
 * Script_Extensions). */
static bool
two_scripts(const char *w, int32_t n)
{
	UChar32 first = -1;
	for (int32_t i = 0; i < n;) {
		UChar32 c;
		U8_NEXT(w, i, n, c);
		if (c < 0 || !u_isalpha(c))
			continue;
		UErrorCode st = U_ZERO_ERROR;
		UScriptCode sc = uscript_getScript(c, &st);
		if (sc == USCRIPT_COMMON || sc == USCRIPT_INHERITED)
			continue;
		if (first < 0)
			first = c;
		else if (!uscript_hasScript(first, sc) &&
		    !uscript_hasScript(c, uscript_getScript(first, &st)))
			return true;
	}
	return false;
}

/*
 * intl_mixed_script leaves to ICU only the words that are not in one
 * script: every third code point past ASCII, alone and between letters of
 * six scripts, a mark, a digit, is flagged by it only where ICU's own
 * check flags the word, and always where ICU does and two letters are of
 * two scripts.
 */
static void
mixed_scripts_as_icu(void)
{
	UErrorCode st = U_ZERO_ERROR;
	USpoofChecker *sc = uspoof_open(&st);
	uspoof_setChecks(sc, USPOOF_RESTRICTION_LEVEL | USPOOF_MIXED_SCRIPT_CONFUSABLE, &st);
	uspoof_setRestrictionLevel(sc, USPOOF_MODERATELY_RESTRICTIVE);
	CHECK(U_SUCCESS(st));
	static const UChar32 ctx[] = { 0, 'a', 0x430, 0x3B1, 0x5D0, 0x627, 0x4E00, '1', 0x301 };
	size_t flagged = 0, differ = 0;
	for (UChar32 c = 0x80; c < 0x30000 && U_SUCCESS(st); c += 3) {
		if (!u_isdefined(c) || U_IS_SURROGATE(c))
			continue;
		for (size_t k = 0; k < sizeof ctx / sizeof ctx[0]; k++)
			for (int around = 0; around < 2; around++) {
				char w[16];
				int32_t n = 0;
				UBool e = false;
				if (ctx[k])
					U8_APPEND(w, n, (int32_t)sizeof w, ctx[k], e);
				U8_APPEND(w, n, (int32_t)sizeof w, c, e);
				if (around && ctx[k])
					U8_APPEND(w, n, (int32_t)sizeof w, ctx[k], e);
				CHECK(!e);
				st = U_ZERO_ERROR;
				int32_t r = uspoof_check2UTF8(sc, w, n, NULL, &st);
				bool icu = (r & (USPOOF_RESTRICTION_LEVEL |
				    USPOOF_MIXED_SCRIPT_CONFUSABLE)) != 0;
				struct intl_script_mix m;
				bool ours = intl_mixed_script(w, (size_t)n, &m);
				/* ICU flags more than a reader sees (a combining Latin
				 * letter on a Cyrillic one, an Arabic comma after a Latin
				 * word); spcomm names a letter of a second script */
				bool two = two_scripts(w, n);
				flagged += icu && two;
				if ((ours && !icu) || (icu && two && !ours)) {
					if (differ++ < 5)
						fprintf(stderr, "  U+%04X after U+%04X: ICU %d, spcomm %d\n",
						    (unsigned)c, (unsigned)ctx[k], icu, ours);
				}
			}
	}
	uspoof_close(sc);
	CHECK(flagged > 1000);
	CHECK_INT(differ, 0);
}

/* Names that mix scripts as spoofs do warn; names in one script, or whose
 * words are each in one script, do not. */
static void
mixed_scripts(void)
{
	static const char *const fine[] = {
		"Pavel", "Nu\xc3\xb1""ez", "Nguy\xe1\xbb\x85n Th\xe1\xbb\x8b Lan",
		"\xe9\x99\x88\xe5\x8b\x87",                              /* 陈勇 */
		"\xd0\x90\xd0\xbb\xd0\xb5\xd0\xba\xd1\x81\xd0\xb5\xd0\xb9", /* Алексей */
		"\xd9\x85\xd8\xad\xd9\x85\xd8\xaf \xd8\xa8\xd9\x86",          /* محمد بن */
		"\xce\x96\xcf\x89\xce\xae",                              /* Ζωή */
		"O'Brien-Smith", "Chen \xe9\x99\x88",                     /* Latin, Han: allowed */
		"Aida \xd0\x90\xd0\xb8\xd0\xb4\xd0\xb0",                    /* Aida Аида: word by word */
		"", "  ",
	};
	struct intl_script_mix m;
	for (size_t i = 0; i < sizeof fine / sizeof fine[0]; i++) {
		bool mixed = intl_mixed_script(fine[i], strlen(fine[i]), &m);
		if (mixed)
			fprintf(stderr, "  warned: %s\n", fine[i]);
		CHECK(!mixed);
	}
	const char *pavel = "Ivan P\xd0\xb0vel";   /* U+0430 in the second word */
	CHECK(intl_mixed_script(pavel, strlen(pavel), &m));
	CHECK_INT(m.cp, 0x430);
	CHECK_INT(m.word_off, 5);
	CHECK_INT(m.word_len, 6);
	CHECK_STR(m.main_script, "Latin");
	CHECK_STR(m.other_script, "Cyrillic");
	CHECK_STR(m.looks_like, "a");
	const char *costa = "C\xce\xbfsta";          /* Greek omicron */
	CHECK(intl_mixed_script(costa, strlen(costa), &m));
	CHECK_INT(m.cp, 0x3BF);
	CHECK_STR(m.other_script, "Greek");
	const char *sady = "\xd0\xa1""a\xd0\xb4\xd1\x8b\xd0\xba\xd0\xbe\xd0\xb2\xd0\xb0"; /* Сaдыкова */
	CHECK(intl_mixed_script(sady, strlen(sady), &m));
	CHECK_INT(m.cp, 'a');
	CHECK_STR(m.main_script, "Cyrillic");
	CHECK_STR(m.other_script, "Latin");
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
	CHECK_STR(intl_language_name(&a, "fr", "en", true), "French");
	/* in running text as each language writes it; capitalised where a
	 * name starts a line */
	CHECK_STR(intl_language_name(&a, "en", "fr", false), "anglais");
	CHECK_STR(intl_language_name(&a, "en", "fr", true), "Anglais");
	CHECK_STR(intl_language_name(&a, "en", "es", false), "inglés");
	CHECK_STR(intl_language_name(&a, "en", "ru", false), "английский");
	CHECK_STR(intl_language_name(&a, "fr", "de", false), "Französisch");
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
	/* traditional characters in their simplified forms, the rest kept */
	CHECK_STR(intl_simplified(&a, "陳勇 張偉", strlen("陳勇 張偉")), "陈勇 张伟");
	CHECK_STR(intl_simplified(&a, "陈勇 Chen", strlen("陈勇 Chen")), "陈勇 Chen");
	arena_free(&a);
}

/* Lists of people in each language's collation: accents after the plain
 * letter, not after z; Cyrillic in Russian order; Han by pinyin in
 * Chinese; equal keys keep their order. */
static void
collation(void)
{
	size_t order[8];
	const char *es[] = { "Pérez Galindo", "Chávez Ixcot", "Morales Coyoy", "Ávila", "Ñúñez", "Nuñez" };
	CHECK(intl_collation_order(es, 6, "es", order));
	CHECK_INT(order[0], 3); /* Ávila */
	CHECK_INT(order[1], 1); /* Chávez */
	CHECK_INT(order[2], 2); /* Morales */
	CHECK_INT(order[3], 5); /* Nuñez: N before Ñ in Spanish */
	CHECK_INT(order[4], 4); /* Ñúñez */
	CHECK_INT(order[5], 0); /* Pérez */
	const char *ru[] = { "Ёлкин", "Егоров", "Жуков", "Абрамов" };
	CHECK(intl_collation_order(ru, 4, "ru", order));
	CHECK_INT(order[0], 3);
	CHECK_INT(order[1], 1); /* Е and Ё sort together, Егоров before Ёлкин */
	CHECK_INT(order[2], 0);
	CHECK_INT(order[3], 2);
	const char *zh[] = { "周 华", "陈 勇", "李 梅" }; /* zhou, chen, li */
	CHECK(intl_collation_order(zh, 3, "zh", order));
	CHECK_INT(order[0], 1);
	CHECK_INT(order[1], 2);
	CHECK_INT(order[2], 0);
	const char *same[] = { "Smith", "Brown", "Smith" };
	CHECK(intl_collation_order(same, 3, "en", order));
	CHECK_INT(order[0], 1);
	CHECK_INT(order[1], 0);
	CHECK_INT(order[2], 2);
	CHECK(intl_collation_order(same, 0, "en", order));
}

/* The simple matcher (intl.c) and ICU agree on generated patterns of the
 * kind it takes, and on strings built to nearly match them. */
static uint64_t rng_state = 88172645463325252ULL;

static unsigned
rnd(unsigned n)
{
	/* the state itself, as before xorshift.h took the steps */
	(void)xorshift_next(&rng_state);
	return (unsigned)(rng_state % n);
}

static void
regex_simple_vs_icu(void)
{
	static const char *const atoms[] = {
		"[A-Za-z0-9]", "[A-Za-z0-9_-]", "[a-c]", "[0-9]", "[-x]", "[x_-]", "a", "Z", "_", "7",
	};
	static const char *const quants[] = { "", "", "?", "*", "+", "{2}", "{0,3}", "{1,63}", "{0,1}" };
	static const char alphabet[] = "aAbcxZz07_-. é";
	CHECK(intl_regex_match("[A-Za-z0-9][A-Za-z0-9_-]{0,63}", "ua-2026-017", 11));
	CHECK(!intl_regex_match("[A-Za-z0-9][A-Za-z0-9_-]{0,63}", "-ua", 3));
	CHECK(!intl_regex_match("[A-Za-z0-9][A-Za-z0-9_-]{0,63}", "a/b", 3));
	CHECK(!intl_regex_match("[A-Za-z0-9][A-Za-z0-9_-]{0,63}", "", 0));
	CHECK(intl_regex_match("\\p{L}+", "Ñandú", strlen("Ñandú"))); /* ICU's path */
	size_t disagree = 0, matched = 0;
	for (int t = 0; t < 3000; t++) {
		char pat[128] = "", str[64];
		unsigned na = 1 + rnd(4);
		for (unsigned k = 0; k < na; k++) {
			strcat(pat, atoms[rnd(sizeof atoms / sizeof atoms[0])]);
			strcat(pat, quants[rnd(sizeof quants / sizeof quants[0])]);
		}
		size_t len = rnd(12);
		for (size_t k = 0; k < len; k++)
			str[k] = alphabet[rnd(sizeof alphabet - 1)];
		/* every other string made of the pattern's own letters */
		if (t % 2)
			for (size_t k = 0; k < len; k++)
				str[k] = "aAbc07Z_-x"[rnd(10)];
		str[len] = '\0';
		bool a = intl_regex_match(pat, str, len), b = intl_icu_regex_match(pat, str, len);
		matched += b;
		if (a != b && disagree++ < 5)
			fprintf(stderr, "  /%s/ on \"%s\": simple %d, ICU %d\n", pat, str, a, b);
	}
	CHECK_INT(disagree, 0);
	CHECK(matched > 100); /* the strings do match sometimes */
	char big[2000];
	memset(big, 'a', sizeof big);
	CHECK(intl_regex_match("a*a*a*a*a*a*a*a*", big, sizeof big)); /* long: ICU's path */
	CHECK(!intl_regex_match("a*a*a*a*a*a*a*b", big, 1000)); /* memo keeps it linear */
	/* '*' and '+' are unbounded up to the longest value the simple matcher takes */
	CHECK(intl_regex_match("a*", big, 1024));
	CHECK(intl_regex_match("[a-c]+", big, 1024) == intl_icu_regex_match("[a-c]+", big, 1024));
}

int
main(void)
{
	RUN(dates_real_calendar);
	RUN(dates_match_icu_calendar);
	RUN(dates_partial);
	RUN(dates_written_as_the_un);
	RUN(numbers_written_as_the_un);
	RUN(dates_from_unix);
	RUN(date_arithmetic);
	RUN(date_spans);
	RUN(date_spans_rebuild);
	RUN(ages_stated);
	RUN(characters);
	RUN(mixed_scripts);
	RUN(mixed_scripts_as_icu);
	RUN(normalisation);
	RUN(codes);
	RUN(transliteration);
	RUN(collation);
	RUN(regex_simple_vs_icu);
	return harness_done();
}
