/*
 * intl.c - the ICU boundary (see intl.h).  ICU conventions observed here
 * (reliability.md section 3): status reset before every call, explicit
 * lengths (never -1 on data that may hold NUL), buffers of length + 1.
 */
#include "intl.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ucal.h>
#include <unicode/uclean.h>
#include <unicode/ucol.h>
#include <unicode/uchar.h>
#include <unicode/udat.h>
#include <unicode/uloc.h>
#include <unicode/unorm2.h>
#include <unicode/unumberformatter.h>
#include <unicode/uregex.h>
#include <unicode/uscript.h>
#include <unicode/uspoof.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>
#include <unicode/utrans.h>

#include "hanread.h"
#include "translit_rules.h"
#include "spcomm_limits.h"

const char *const intl_langs[INTL_N_LANGS + 1] = { "en", "fr", "es", "ru", "zh", "ar", NULL };

bool
intl_init(char *err, size_t errlen)
{
	UErrorCode st = U_ZERO_ERROR;
	u_init(&st);
	if (U_FAILURE(st)) {
		snprintf(err, errlen, "ICU cannot start: %s", u_errorName(st));
		return false;
	}
	return true;
}

/* UTF-8 -> UTF-16 in malloc'd memory; NULL on invalid input. */
static UChar *
to_u16(const char *s, size_t len, int32_t *n)
{
	UErrorCode st = U_ZERO_ERROR;
	if (len > INT32_MAX / 2)
		return NULL;
	u_strFromUTF8(NULL, 0, n, s, (int32_t)len, &st);
	if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st))
		return NULL;
	UChar *u = xmalloc(((size_t)*n + 1) * sizeof *u);
	st = U_ZERO_ERROR;
	u_strFromUTF8(u, *n + 1, n, s, (int32_t)len, &st);
	if (U_FAILURE(st)) {
		free(u);
		return NULL;
	}
	return u;
}

static char *
to_u8(struct arena *a, const UChar *u, int32_t n, size_t *out_len)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t m = 0;
	u_strToUTF8(NULL, 0, &m, u, n, &st);
	if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st))
		return NULL;
	char *s = arena_alloc(a, (size_t)m + 1);
	st = U_ZERO_ERROR;
	u_strToUTF8(s, m + 1, &m, u, n, &st);
	if (U_FAILURE(st))
		return NULL;
	if (out_len)
		*out_len = (size_t)m;
	return s;
}

static char *
normalize(struct arena *a, const UNormalizer2 *nz, const char *utf8, size_t len,
    size_t *out_len, bool fold)
{
	int32_t n;
	UChar *u = to_u16(utf8, len, &n);
	if (u == NULL)
		return NULL;
	if (fold) {
		UErrorCode st = U_ZERO_ERROR;
		int32_t m = u_strFoldCase(NULL, 0, u, n, U_FOLD_CASE_DEFAULT, &st);
		UChar *f = xmalloc(((size_t)m + 1) * sizeof *f);
		st = U_ZERO_ERROR;
		u_strFoldCase(f, m + 1, u, n, U_FOLD_CASE_DEFAULT, &st);
		free(u);
		u = f;
		n = m;
	}
	UErrorCode st = U_ZERO_ERROR;
	int32_t m = unorm2_normalize(nz, u, n, NULL, 0, &st);
	UChar *v = xmalloc(((size_t)m + 1) * sizeof *v);
	st = U_ZERO_ERROR;
	unorm2_normalize(nz, u, n, v, m + 1, &st);
	free(u);
	char *r = U_SUCCESS(st) ? to_u8(a, v, m, out_len) : NULL;
	free(v);
	return r;
}

char *
intl_nfc(struct arena *a, const char *utf8, size_t len, size_t *out_len)
{
	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *nz = unorm2_getNFCInstance(&st);
	if (U_FAILURE(st))
		return NULL;
	return normalize(a, nz, utf8, len, out_len, false);
}

char *
intl_fold(struct arena *a, const char *utf8, size_t len, size_t *out_len)
{
	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *nz = unorm2_getNFKCInstance(&st);
	if (U_FAILURE(st))
		return NULL;
	return normalize(a, nz, utf8, len, out_len, true);
}

char *
intl_fold_words(struct arena *a, const char *utf8)
{
	size_t len;
	char *f = intl_fold(a, utf8, strlen(utf8), &len);
	int32_t n;
	UChar *u = f ? to_u16(f, len, &n) : NULL;
	if (u == NULL)
		return NULL;
	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *nfkd = unorm2_getNFKDInstance(&st);
	int32_t m = U_SUCCESS(st) ? unorm2_normalize(nfkd, u, n, NULL, 0, &st) : 0;
	UChar *d = xmalloc(((size_t)m + 1) * sizeof *d);
	st = U_ZERO_ERROR;
	if (nfkd != NULL)
		m = unorm2_normalize(nfkd, u, n, d, m + 1, &st);
	free(u);
	if (U_FAILURE(st)) {
		free(d);
		return NULL;
	}
	int32_t k = 0;
	bool space = false;
	for (int32_t i = 0; i < m;) {
		UChar32 c;
		U16_NEXT(d, i, m, c);
		if (u_charType(c) == U_NON_SPACING_MARK || u_charType(c) == U_ENCLOSING_MARK)
			continue;
		if (!u_isalnum(c)) {
			space = k > 0;
			continue;
		}
		if (space)
			d[k++] = ' ';
		space = false;
		U16_APPEND_UNSAFE(d, k, c);
	}
	char *r = to_u8(a, d, k, NULL);
	free(d);
	return r;
}

bool
intl_is_bidi_control(uint32_t c)
{
	return c <= 0x10FFFF && u_hasBinaryProperty((UChar32)c, UCHAR_BIDI_CONTROL);
}

enum intl_char_problem
intl_scan(const char *utf8, size_t len, bool one_line, bool strict, uint32_t *cpo,
    size_t *offset)
{
	int32_t i = 0, n = (int32_t)len;
	unsigned marks = 0;
	while (i < n) {
		int32_t at = i;
		UChar32 c;
		U8_NEXT(utf8, i, n, c);
		enum intl_char_problem p = ICP_NONE;
		marks = c >= 0x300 && (U_GET_GC_MASK(c) & U_GC_M_MASK) ? marks + 1 : 0;
		if (c < 0)
			p = ICP_CONTROL; /* the loader refuses invalid UTF-8 first */
		else if (c > 0xFFFF)
			p = ICP_NON_BMP;
		else if (c == '\n' || c == '\t')
			p = one_line ? ICP_CONTROL : ICP_NONE;
		else if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) ||
		    (one_line && (c == 0x2028 || c == 0x2029)))
			p = ICP_CONTROL;
		else if (c == 0x202D || c == 0x202E)
			p = ICP_OVERRIDE;
		else if (strict && u_hasBinaryProperty(c, UCHAR_BIDI_CONTROL))
			p = ICP_BIDI;
		else if (strict && c != 0x200C && c != 0x200D &&
		    u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT))
			p = ICP_INVISIBLE;
		else if (marks > LIMIT_COMBINING_MARKS)
			p = ICP_MARKS;
		if (p != ICP_NONE) {
			*cpo = c < 0 ? 0xFFFD : (uint32_t)c;
			*offset = (size_t)at;
			return p;
		}
	}
	return ICP_NONE;
}

bool
intl_blank(const char *utf8, size_t len, uint32_t *cpo)
{
	int32_t i = 0, n = (int32_t)len;
	*cpo = 0;
	while (i < n) {
		UChar32 c;
		U8_NEXT(utf8, i, n, c);
		if (c < 0)
			return false;
		bool blank = u_isUWhiteSpace(c) || c == 0x2800 ||
		    u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT) ||
		    u_charType(c) == U_FORMAT_CHAR;
		if (!blank)
			return false;
		if (c >= 0x80 && *cpo == 0)
			*cpo = (uint32_t)c;
	}
	return true;
}

static bool
digits(const char *s, int n)
{
	for (int i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* Whether y-m-d is a day of the Gregorian calendar.  Arithmetic, not
 * ICU: years here are 1800 to 9999, long after every country's switch
 * from the Julian calendar, so the proleptic rule is the calendar; and
 * a UCalendar costs 20,000 instructions to open, once per date of every
 * form's mandate list at start-up.  unit.test_intl compares it with
 * ICU's non-lenient Gregorian calendar over every day of 1800-2400. */
static bool
real_date(int y, int m, int d)
{
	static const unsigned char days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m < 1 || m > 12 || d < 1)
		return false;
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return d <= days[m - 1] + (m == 2 && leap);
}

static const char *const month_names[] = { "January", "February", "March", "April",
	"May", "June", "July", "August", "September", "October", "November", "December" };

bool
intl_parse_date(const char *s, bool partial, struct pdate *out, char *why, size_t whylen)
{
	memset(out, 0, sizeof *out);
	size_t n = strlen(s);
	if (partial && n > 4 && (s[n - 1] == '~' || s[n - 1] == '?')) {
		out->approximate = s[n - 1] == '~';
		out->uncertain = s[n - 1] == '?';
		n--;
	}
	if (!(n == 10 || (partial && (n == 4 || n == 7))) || !digits(s, 4) ||
	    (n >= 7 && (s[4] != '-' || !digits(s + 5, 2))) ||
	    (n == 10 && (s[7] != '-' || !digits(s + 8, 2)))) {
		snprintf(why, whylen, partial ? "write it as YYYY, YYYY-MM or YYYY-MM-DD, "
		    "optionally followed by ~ (approximate) or ? (uncertain)"
		    : "write it as YYYY-MM-DD");
		return false;
	}
	out->year = atoi(s);
	out->precision = 1;
	if (out->year < 1800) {
		snprintf(why, whylen, "the year %d is not plausible", out->year);
		return false;
	}
	if (n >= 7) {
		out->month = (s[5] - '0') * 10 + (s[6] - '0');
		out->precision = 2;
		if (out->month < 1 || out->month > 12) {
			snprintf(why, whylen, "there is no month %d", out->month);
			return false;
		}
	}
	if (n == 10) {
		out->day = (s[8] - '0') * 10 + (s[9] - '0');
		out->precision = 3;
		if (out->day < 1 || !real_date(out->year, out->month, out->day)) {
			int last = 31;
			while (last > 28 && !real_date(out->year, out->month, last))
				last--;
			snprintf(why, whylen, "%s %d has %d days", month_names[out->month - 1],
			    out->year, last);
			return false;
		}
	}
	return true;
}

int
intl_date_cmp(const struct pdate *a, const struct pdate *b)
{
	int p = a->precision < b->precision ? a->precision : b->precision;
	if (a->year != b->year)
		return a->year < b->year ? -1 : 1;
	if (p >= 2 && a->month != b->month)
		return a->month < b->month ? -1 : 1;
	if (p >= 3 && a->day != b->day)
		return a->day < b->day ? -1 : 1;
	return 0;
}

/* Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm):
 * exact, no time zone, no locale. */
static long
days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
intl_date_from_unix(int64_t seconds, struct pdate *out)
{
	/* the inverse of days_from_civil (Howard Hinnant's civil_from_days) */
	int64_t z = (seconds >= 0 ? seconds : seconds - 86399) / 86400 + 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int64_t m = mp < 10 ? mp + 3 : mp - 9;
	memset(out, 0, sizeof *out);
	out->year = (int)(yoe + era * 400 + (m <= 2));
	out->month = (int)m;
	out->day = (int)(doy - (153 * mp + 2) / 5 + 1);
	out->precision = 3;
}

long
intl_days_between(const struct pdate *a, const struct pdate *b)
{
	return days_from_civil(b->year, b->month ? b->month : 1, b->day ? b->day : 1) -
	    days_from_civil(a->year, a->month ? a->month : 1, a->day ? a->day : 1);
}

int
intl_age_at(const struct pdate *birth, const struct pdate *at, int *max_age)
{
	/* the lowest and highest ages the precision of both dates allows */
	int bm_lo = birth->month ? birth->month : 1, bm_hi = birth->month ? birth->month : 12;
	int bd_lo = birth->day ? birth->day : 1, bd_hi = birth->day ? birth->day : 31;
	int am_lo = at->month ? at->month : 1, am_hi = at->month ? at->month : 12;
	int ad_lo = at->day ? at->day : 1, ad_hi = at->day ? at->day : 31;
	int lo = at->year - birth->year;
	if (am_lo < bm_hi || (am_lo == bm_hi && ad_lo < bd_hi))
		lo--;
	int hi = at->year - birth->year;
	if (am_hi < bm_lo || (am_hi == bm_lo && ad_hi < bd_lo))
		hi--;
	if (max_age)
		*max_age = hi;
	return lo;
}

int
intl_age_stated(const struct pdate *birth, const struct pdate *at, bool *exact)
{
	int hi, lo = intl_age_at(birth, at, &hi);
	*exact = lo == hi && !birth->approximate && !birth->uncertain && !at->approximate &&
	    !at->uncertain;
	if (lo == hi)
		return lo;
	/* born "1990" and asked about March 2026: 35 or 36.  The middle of
	 * the year of birth gives the likelier one, stated as "about". */
	struct pdate b = { .year = birth->year, .month = birth->month ? birth->month : 7,
		.day = birth->day ? birth->day : birth->month ? 15 : 1, .precision = 3 };
	struct pdate a = { .year = at->year, .month = at->month ? at->month : 7,
		.day = at->day ? at->day : at->month ? 15 : 1, .precision = 3 };
	int mid = intl_age_at(&b, &a, NULL);
	return mid < lo ? lo : mid > hi ? hi : mid;
}

static bool
leap_year(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
month_days(int y, int m)
{
	static const int n[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	return m == 2 && leap_year(y) ? 29 : n[m - 1];
}

bool
intl_date_span(const struct pdate *from, const struct pdate *to, struct intl_span *out)
{
	memset(out, 0, sizeof *out);
	int p = from->precision < to->precision ? from->precision : to->precision;
	if (p < 1 || intl_date_cmp(from, to) > 0)
		return false;
	out->approximate = p < 3 || from->approximate || from->uncertain || to->approximate ||
	    to->uncertain;
	int months = (to->year - from->year) * 12 + (to->month - from->month);
	if (p == 1) {
		/* "1998" to anything in 2026: the months are unknown */
		out->years = to->year - from->year;
		return out->years > 0;
	}
	if (p == 2) {
		out->years = months / 12;
		out->months = months % 12;
		return months > 0;
	}
	/* The largest number of whole months that, added to `from` with the
	 * day clamped to the end of the month, does not pass `to`.  Adding
	 * to `from` each time (not month after month) keeps 31 January + 2
	 * months on 31 March. */
	int y = from->year, m = from->month, d = from->day;
	for (;;) {
		int ty = y + (m - 1 + months) / 12, tm = (m - 1 + months) % 12 + 1;
		int td = d < month_days(ty, tm) ? d : month_days(ty, tm);
		long rest = days_from_civil(to->year, to->month, to->day) - days_from_civil(ty, tm, td);
		if (rest >= 0 || months == 0) {
			if (rest < 0)
				return false;
			out->years = months / 12;
			out->months = months % 12;
			out->days = (int)rest;
			return true;
		}
		months--;
	}
}

bool
intl_country_valid(const char *code)
{
	if (strlen(code) != 2 || code[0] < 'A' || code[0] > 'Z' || code[1] < 'A' || code[1] > 'Z')
		return false;
	/* ICU's list also holds withdrawn codes (AN, BU, CS...): refuse those,
	 * a submission names a State that exists. */
	static const char *const withdrawn[] = { "AN", "BU", "CS", "DD", "FX", "NT",
		"SU", "TP", "YD", "YU", "ZR", NULL };
	for (size_t i = 0; withdrawn[i]; i++)
		if (strcmp(code, withdrawn[i]) == 0)
			return false;
	for (const char *const *c = intl_country_codes(); *c; c++)
		if (strcmp(*c, code) == 0)
			return true;
	return false;
}

const char *const *
intl_country_codes(void)
{
	return uloc_getISOCountries();
}

const char *
intl_country_alpha3(const char *code)
{
	char loc[32];
	snprintf(loc, sizeof loc, "und_%s", code);
	const char *a3 = uloc_getISO3Country(loc);
	return a3 ? a3 : "";
}

const char *
intl_country_name(struct arena *a, const char *code, const char *lang)
{
	char loc[32];
	snprintf(loc, sizeof loc, "und_%s", code);
	UChar buf[256];
	UErrorCode st = U_ZERO_ERROR;
	int32_t n = uloc_getDisplayCountry(loc, lang, buf, 255, &st);
	if (U_FAILURE(st) || n <= 0)
		return arena_strdup(a, code);
	const char *r = to_u8(a, buf, n, NULL);
	return r ? r : arena_strdup(a, code);
}

const char *
intl_language_name(struct arena *a, const char *tag, const char *lang, bool line_start)
{
	UChar buf[128];
	UErrorCode st = U_ZERO_ERROR;
	int32_t n = uloc_getDisplayLanguage(tag, lang, buf, 127, &st);
	if (U_FAILURE(st) || n <= 0)
		return arena_strdup(a, tag);
	/* "français" is written in lower case inside a sentence (ICU's form),
	 * but a value in a form starts its line: capitalised as UN forms do. */
	if (line_start && buf[0] < 0xD800)
		buf[0] = (UChar)u_totitle(buf[0]);
	const char *r = to_u8(a, buf, n, NULL);
	return r ? r : arena_strdup(a, tag);
}

bool
intl_lang_valid(const char *tag)
{
	char loc[ULOC_FULLNAME_CAPACITY];
	int32_t parsed = 0;
	UErrorCode st = U_ZERO_ERROR;
	size_t n = strlen(tag);
	if (n == 0 || n > 35)
		return false;
	uloc_forLanguageTag(tag, loc, sizeof loc, &parsed, &st);
	return U_SUCCESS(st) && (size_t)parsed == n && loc[0] != '\0';
}

/*
 * Patterns as forms write them ("[A-Za-z0-9][A-Za-z0-9_-]{0,63}" for an
 * id) are a sequence of atoms, each an ASCII letter, digit, '_' or '-', or
 * a bracket class of those and ranges of them, with an optional ?, *, +,
 * {m} or {m,n}.  Such a pattern is matched here, without ICU's regex
 * engine: its first use in a process builds ICU's static property sets,
 * 8 million instructions, a sixth of validating a case.  Anything else
 * goes to ICU.  test_intl compares the two on generated patterns.
 */
struct simple_atom {
	uint64_t set[2];   /* the ASCII bytes it takes */
	unsigned min, max;
};

#define SIMPLE_MAX_ATOMS 16
#define SIMPLE_MAX_REPEAT 1000
#define SIMPLE_MAX_LEN 1024   /* longer values go to ICU */

/* (atom, offset) pairs known not to match: each is tried once, so a match
 * costs at most atoms x length x repeat steps, whatever the pattern. */
struct simple_memo {
	uint64_t failed[SIMPLE_MAX_ATOMS][SIMPLE_MAX_LEN / 64 + 1];
};

static bool
simple_literal(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	    c == '_' || c == '-';
}

static void
set_add(uint64_t set[2], unsigned char c)
{
	set[c >> 6] |= (uint64_t)1 << (c & 63);
}

/* A bound of {m,n}: digits, at most SIMPLE_MAX_REPEAT. */
static bool
simple_number(const char **p, unsigned *out)
{
	unsigned v = 0;
	const char *s = *p;
	if (*s < '0' || *s > '9')
		return false;
	for (; *s >= '0' && *s <= '9'; s++)
		if ((v = v * 10 + (unsigned)(*s - '0')) > SIMPLE_MAX_REPEAT)
			return false;
	*p = s;
	*out = v;
	return true;
}

/* Parse pattern into atoms; false if it is not of the simple kind. */
static bool
simple_parse(const char *p, struct simple_atom *atoms, size_t *n)
{
	*n = 0;
	while (*p) {
		if (*n == SIMPLE_MAX_ATOMS)
			return false;
		struct simple_atom *a = &atoms[(*n)++];
		memset(a, 0, sizeof *a);
		if (*p == '[') {
			p++;
			if (*p == ']' || *p == '^')
				return false;
			while (*p != ']') {
				if (!simple_literal(*p))
					return false;
				if (p[1] == '-' && p[2] != ']' && p[2] != '\0') {
					if (!simple_literal(p[2]) || p[2] < p[0] ||
					    !((p[0] >= 'a' && p[2] <= 'z') || (p[0] >= 'A' && p[2] <= 'Z') ||
					    (p[0] >= '0' && p[2] <= '9')))
						return false;
					for (int c = p[0]; c <= p[2]; c++)
						set_add(a->set, (unsigned char)c);
					p += 3;
				} else {
					set_add(a->set, (unsigned char)*p++);
				}
			}
			p++;
		} else if (simple_literal(*p) && *p != '-') {
			set_add(a->set, (unsigned char)*p++);
		} else {
			return false;
		}
		a->min = a->max = 1;
		if (*p == '?' || *p == '*' || *p == '+') {
			a->min = *p == '+';
			/* unbounded: the value's length (at most SIMPLE_MAX_LEN) bounds it */
			a->max = *p == '?' ? 1 : SIMPLE_MAX_LEN;
			p++;
		} else if (*p == '{') {
			p++;
			if (!simple_number(&p, &a->min))
				return false;
			a->max = a->min;
			if (*p == ',') {
				p++;
				if (!simple_number(&p, &a->max) || a->max < a->min)
					return false;
			}
			if (*p++ != '}')
				return false;
		}
		if (*p == '?' || *p == '*' || *p == '+' || *p == '{')
			return false; /* lazy or possessive quantifiers, or two */
	}
	return true;
}

/* Whether s[at..len) matches atoms[i..n), greedily with backtracking. */
static bool
simple_match(const struct simple_atom *atoms, size_t i, size_t n, const unsigned char *s,
    size_t at, size_t len, struct simple_memo *memo)
{
	if (i == n)
		return at == len;
	if (memo->failed[i][at >> 6] >> (at & 63) & 1)
		return false;
	const struct simple_atom *a = &atoms[i];
	size_t k = 0;
	while (k < a->max && at + k < len && s[at + k] < 128 &&
	    (a->set[s[at + k] >> 6] >> (s[at + k] & 63) & 1))
		k++;
	for (; k >= a->min; k--) {
		if (simple_match(atoms, i + 1, n, s, at + k, len, memo))
			return true;
		if (k == 0)
			break;
	}
	memo->failed[i][at >> 6] |= (uint64_t)1 << (at & 63);
	return false;
}

bool
intl_regex_match(const char *pattern, const char *utf8, size_t len)
{
	struct simple_atom atoms[SIMPLE_MAX_ATOMS];
	size_t n;
	if (len <= SIMPLE_MAX_LEN && simple_parse(pattern, atoms, &n)) {
		struct simple_memo memo;
		memset(&memo, 0, sizeof memo);
		return simple_match(atoms, 0, n, (const unsigned char *)utf8, 0, len, &memo);
	}
	return intl_icu_regex_match(pattern, utf8, len);
}

bool
intl_icu_regex_match(const char *pattern, const char *utf8, size_t len)
{
	UErrorCode st = U_ZERO_ERROR;
	UParseError pe;
	URegularExpression *re = uregex_openC(pattern, 0, &pe, &st);
	if (U_FAILURE(st))
		return false;
	int32_t n;
	UChar *u = to_u16(utf8, len, &n);
	bool m = false;
	if (u != NULL) {
		uregex_setText(re, u, n, &st);
		m = uregex_matches(re, 0, &st) && U_SUCCESS(st);
		free(u);
	}
	uregex_close(re);
	return m;
}

/*
 * Dates as the UN writes them.  ICU's default long format for English is
 * "June 29, 2021"; UN documents write "29 June 2021".  So the skeleton is
 * fixed per language and precision; the month names come from ICU.
 */
static const char *
date_pattern(const char *lang, int precision)
{
	static const struct { const char *lang; const char *day, *month, *year; } pats[] = {
		{ "en", "d MMMM y", "MMMM y", "y" },
		{ "fr", "d MMMM y", "MMMM y", "y" },
		{ "es", "d 'de' MMMM 'de' y", "MMMM 'de' y", "y" },
		{ "ru", "d MMMM y 'года'", "LLLL y 'года'", "y 'год'" },
		{ "zh", "y'年'M'月'd'日'", "y'年'M'月'", "y'年'" },
		{ "ar", "d MMMM y", "MMMM y", "y" },
	};
	for (size_t i = 0; i < sizeof pats / sizeof pats[0]; i++)
		if (strcmp(pats[i].lang, lang) == 0)
			return precision == 3 ? pats[i].day : precision == 2 ? pats[i].month : pats[i].year;
	return precision == 3 ? "d MMMM y" : precision == 2 ? "MMMM y" : "y";
}

/* UN Arabic documents pair the Levantine and the Egyptian month names
 * ("حزيران/يونيه"); ICU gives only one of them. */
static const char *const arabic_months[12] = {
	"\u0643\u0627\u0646\u0648\u0646 \u0627\u0644\u062b\u0627\u0646\u064a/\u064a\u0646\u0627\u064a\u0631",
	"\u0634\u0628\u0627\u0637/\u0641\u0628\u0631\u0627\u064a\u0631",
	"\u0622\u0630\u0627\u0631/\u0645\u0627\u0631\u0633",
	"\u0646\u064a\u0633\u0627\u0646/\u0623\u0628\u0631\u064a\u0644",
	"\u0623\u064a\u0627\u0631/\u0645\u0627\u064a\u0648",
	"\u062d\u0632\u064a\u0631\u0627\u0646/\u064a\u0648\u0646\u064a\u0647",
	"\u062a\u0645\u0648\u0632/\u064a\u0648\u0644\u064a\u0647",
	"\u0622\u0628/\u0623\u063a\u0633\u0637\u0633",
	"\u0623\u064a\u0644\u0648\u0644/\u0633\u0628\u062a\u0645\u0628\u0631",
	"\u062a\u0634\u0631\u064a\u0646 \u0627\u0644\u0623\u0648\u0644/\u0623\u0643\u062a\u0648\u0628\u0631",
	"\u062a\u0634\u0631\u064a\u0646 \u0627\u0644\u062b\u0627\u0646\u064a/\u0646\u0648\u0641\u0645\u0628\u0631",
	"\u0643\u0627\u0646\u0648\u0646 \u0627\u0644\u0623\u0648\u0644/\u062f\u064a\u0633\u0645\u0628\u0631",
};

/*
 * ICU objects kept per thread: opening one costs far more than using it.
 * A transliterator is looked up in ICU's registry by name (a case with
 * thousands of names in Chinese characters opened one per name part for
 * seconds); a date formatter loads its locale's calendar data, 0.3 million
 * instructions each, and a document formats a dozen dates in one or two
 * patterns.  None may be used by two threads at once.  The thread's are
 * closed when it ends.
 */
enum translit { TRANSLIT_HAN, TRANSLIT_CYRILLIC, TRANSLIT_SIMPLIFIED, TRANSLIT__COUNT };

enum { DATE_FORMATTERS = 8 };

struct date_slot {
	char loc[64];
	UChar pat[64];
	UDateFormat *df;
};

/* A transliterator as passes run one after the other: one, opened by its
 * ID, or the passes of its rules (translit_rules.h). */
struct translit_passes {
	UTransliterator *pass[TRANSLIT_RULES_MAX_PASSES];
	unsigned n;
};

static void
passes_close(struct translit_passes *p)
{
	for (unsigned i = 0; i < p->n; i++)
		utrans_close(p->pass[i]);
	p->n = 0;
}

struct thread_icu {
	struct translit_passes t[TRANSLIT__COUNT];
	struct date_slot date[DATE_FORMATTERS];   /* most recently used first */
	char number_loc[64];
	UNumberFormatter *number;
	USpoofChecker *spoof;                       /* for skeletons only */
	USpoofChecker *mixed;                       /* intl_mixed_script's checks */
};

static pthread_key_t thread_icu_key;
static pthread_once_t thread_icu_once = PTHREAD_ONCE_INIT;
static bool thread_icu_key_ok;

static void
thread_icu_free(void *p)
{
	struct thread_icu *c = p;
	for (int i = 0; i < TRANSLIT__COUNT; i++)
		passes_close(&c->t[i]);
	for (int i = 0; i < DATE_FORMATTERS; i++)
		if (c->date[i].df)
			udat_close(c->date[i].df);
	if (c->number)
		unumf_close(c->number);
	if (c->spoof)
		uspoof_close(c->spoof);
	if (c->mixed)
		uspoof_close(c->mixed);
	free(c);
}

static void
thread_icu_init(void)
{
	thread_icu_key_ok = pthread_key_create(&thread_icu_key, thread_icu_free) == 0;
}

/* The calling thread's cache, or NULL when it cannot have one (then every
 * caller opens and closes its object itself). */
static struct thread_icu *
thread_icu(void)
{
	pthread_once(&thread_icu_once, thread_icu_init);
	if (!thread_icu_key_ok)
		return NULL;
	struct thread_icu *c = pthread_getspecific(thread_icu_key);
	if (c == NULL) {
		c = xcalloc(1, sizeof *c);
		if (pthread_setspecific(thread_icu_key, c) != 0) {
			free(c);
			return NULL;
		}
	}
	return c;
}

static bool
open_passes(enum translit which, struct translit_passes *p)
{
	static const UChar *const ids[TRANSLIT__COUNT] = {
		HANREAD_ICU_ID, u"Russian-Latin/BGN", u"Traditional-Simplified",
	};
	/* the entries of translit_rules for each (TRANSLIT_RULES_IDS) */
	static const int by_rules[TRANSLIT__COUNT] = { -1, 0, 1 };
	const struct translit_rules *r = by_rules[which] >= 0 ? &translit_rules[by_rules[which]]
	    : NULL;
	UErrorCode st = U_ZERO_ERROR;
	p->n = 0;
	if (r == NULL || r->n_passes == 0) {
		p->pass[0] = utrans_openU(ids[which], -1, UTRANS_FORWARD, NULL, 0, NULL, &st);
		p->n = U_SUCCESS(st) ? 1 : 0;
		return p->n == 1;
	}
	for (unsigned i = 0; i < r->n_passes; i++) {
		UParseError pe;
		st = U_ZERO_ERROR;
		p->pass[i] = utrans_openU(u"x-spcomm-pass", -1, UTRANS_FORWARD,
		    (const UChar *)r->pass[i], -1, &pe, &st);
		if (U_FAILURE(st)) {
			passes_close(p);
			return false;
		}
		p->n = i + 1;
	}
	return true;
}

/* The calling thread's transliterator which, or NULL if ICU fails. */
static const struct translit_passes *
translit(enum translit which)
{
	/* Opening parses the rules: Han-Latin's 1,500 rules over 40,000
	 * characters take 100 ms.  Opened by an ID, a transliterator also
	 * builds ICU's registry of them, 40 ms, which the others avoid by
	 * being opened from their rules (translit_rules.h).  Each is opened
	 * once per process and every thread takes a clone (microseconds: a
	 * clone shares the parsed rules, which ICU already guards with its
	 * own mutex while it transliterates). */
	static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
	static struct translit_passes opened[TRANSLIT__COUNT];
	static bool failed[TRANSLIT__COUNT];
	struct thread_icu *c = thread_icu();
	if (c == NULL)
		return NULL;
	struct translit_passes *t = &c->t[which];
	if (t->n == 0) {
		pthread_mutex_lock(&lock);
		if (opened[which].n == 0 && !failed[which])
			failed[which] = !open_passes(which, &opened[which]);
		for (unsigned i = 0; i < opened[which].n; i++) {
			UErrorCode st = U_ZERO_ERROR;
			t->pass[i] = utrans_clone(opened[which].pass[i], &st);
			if (U_FAILURE(st)) {
				if (t->pass[i] != NULL)
					utrans_close(t->pass[i]);
				passes_close(t);
				break;
			}
			t->n = i + 1;
		}
		pthread_mutex_unlock(&lock);
	}
	return t->n > 0 ? t : NULL;
}

/* A date formatter for locale loc and pattern pat, from the thread's cache
 * (*owned false) or opened for this call (*owned true: the caller closes
 * it); NULL if ICU fails.  The least recently used slot gives way. */
static UDateFormat *
date_formatter(const char *loc, const UChar *pat, bool *owned)
{
	struct thread_icu *c = thread_icu();
	*owned = false;
	if (c != NULL && strlen(loc) < sizeof c->date[0].loc && u_strlen(pat) < 64) {
		for (int i = 0; i < DATE_FORMATTERS && c->date[i].df; i++) {
			if (strcmp(c->date[i].loc, loc) != 0 || u_strcmp(c->date[i].pat, pat) != 0)
				continue;
			if (i > 0) {
				struct date_slot hit = c->date[i];
				memmove(&c->date[1], &c->date[0], (size_t)i * sizeof c->date[0]);
				c->date[0] = hit;
			}
			return c->date[0].df;
		}
	}
	UErrorCode st = U_ZERO_ERROR;
	UDateFormat *df = udat_open(UDAT_PATTERN, UDAT_PATTERN, loc, u"UTC", -1, pat, -1, &st);
	if (U_FAILURE(st)) {
		if (df)
			udat_close(df);
		return NULL;
	}
	if (c == NULL || strlen(loc) >= sizeof c->date[0].loc || u_strlen(pat) >= 64) {
		*owned = true;
		return df;
	}
	if (c->date[DATE_FORMATTERS - 1].df)
		udat_close(c->date[DATE_FORMATTERS - 1].df);
	memmove(&c->date[1], &c->date[0], (DATE_FORMATTERS - 1) * sizeof c->date[0]);
	snprintf(c->date[0].loc, sizeof c->date[0].loc, "%s", loc);
	u_strcpy(c->date[0].pat, pat);
	c->date[0].df = df;
	return df;
}

/* The number formatter for loc, kept like date_formatter's. */
static UNumberFormatter *
number_formatter(const char *loc, bool *owned)
{
	struct thread_icu *c = thread_icu();
	*owned = false;
	if (c != NULL && c->number && strcmp(c->number_loc, loc) == 0)
		return c->number;
	UErrorCode st = U_ZERO_ERROR;
	UNumberFormatter *nf = unumf_openForSkeletonAndLocale(u"", 0, loc, &st);
	if (U_FAILURE(st)) {
		if (nf)
			unumf_close(nf);
		return NULL;
	}
	if (c == NULL || strlen(loc) >= sizeof c->number_loc) {
		*owned = true;
		return nf;
	}
	if (c->number)
		unumf_close(c->number);
	snprintf(c->number_loc, sizeof c->number_loc, "%s", loc);
	c->number = nf;
	return nf;
}

const char *
intl_format_date(struct arena *a, const struct pdate *d, const char *lang)
{
	char loc[64];
	if (strcmp(lang, "ar") == 0 && d->precision >= 2) {
		/* day, paired month, year, Western digits */
		return d->precision == 3
		    ? arena_printf(a, "%d %s %d", d->day, arabic_months[d->month - 1], d->year)
		    : arena_printf(a, "%s %d", arabic_months[d->month - 1], d->year);
	}
	/* Gregorian calendar and Western digits always (ar would otherwise
	 * use Arabic-Indic digits, ar-SA the Islamic calendar). */
	snprintf(loc, sizeof loc, "%s@calendar=gregorian;numbers=latn", lang);
	const char *pat8 = date_pattern(lang, d->precision);
	/* French writes the first day of a month as an ordinal: "1er juin" */
	if (strcmp(lang, "fr") == 0 && d->precision == 3 && d->day == 1)
		pat8 = "d'er' MMMM y";
	/* Russian "around September 2018" needs the genitive month:
	 * "около сентября 2018 года" (MMMM is the format, genitive form) */
	if (strcmp(lang, "ru") == 0 && d->precision == 2 && d->approximate)
		pat8 = "MMMM y '\u0433\u043e\u0434\u0430'";
	UChar pat[64];
	u_uastrncpy(pat, pat8, 63);
	pat[63] = 0;
	UErrorCode st = U_ZERO_ERROR;
	bool owned;
	UDateFormat *df = date_formatter(loc, pat, &owned);
	if (df == NULL)
		return arena_printf(a, "%04d-%02d-%02d", d->year, d->month, d->day);
	UCalendar *cal = (UCalendar *)udat_getCalendar(df);
	ucal_clear(cal);
	ucal_setDate(cal, d->year, (d->month ? d->month : 1) - 1, d->day ? d->day : 1, &st);
	UDate when = ucal_getMillis(cal, &st);
	UChar out[128];
	int32_t n = udat_format(df, when, out, 127, NULL, &st);
	if (owned)
		udat_close(df);
	if (U_FAILURE(st))
		return arena_printf(a, "%04d-%02d-%02d", d->year, d->month, d->day);
	const char *r = to_u8(a, out, n, NULL);
	return r ? r : "";
}

const char *
intl_format_number(struct arena *a, long n, const char *lang)
{
	/* ICU's number formatter (not unum_open's DecimalFormat) applies
	 * CLDR's minimum grouping digits: Spanish groups from five digits
	 * (1234, 28.983), as the RAE and CLDR write it */
	char loc[64];
	snprintf(loc, sizeof loc, "%s@numbers=latn", lang);
	UErrorCode st = U_ZERO_ERROR;
	bool owned;
	UNumberFormatter *nf = number_formatter(loc, &owned);
	if (nf == NULL)
		return arena_printf(a, "%ld", n);
	UFormattedNumber *res = unumf_openResult(&st);
	UChar out[64];
	int32_t k = 0;
	if (U_SUCCESS(st))
		unumf_formatInt(nf, (int64_t)n, res, &st);
	if (U_SUCCESS(st))
		k = unumf_resultToString(res, out, 63, &st);
	if (res != NULL)
		unumf_closeResult(res);
	if (owned)
		unumf_close(nf);
	const char *r = U_SUCCESS(st) && k < 63 ? to_u8(a, out, k, NULL) : NULL;
	return r ? r : arena_printf(a, "%ld", n);
}

/* u[0..n) (malloc'd; taken) through t, into malloc'd *out (*out_len);
 * false if ICU fails. */
static bool
run_translit(const struct translit_passes *t, UChar *u, int32_t n, UChar **out,
    int32_t *out_len)
{
	int32_t cap = n * 8 + 16, limit;
	UChar *buf = xmalloc((size_t)cap * sizeof *buf);
	memcpy(buf, u, (size_t)n * sizeof *u);
	free(u);
	*out_len = n;
	UErrorCode st = U_ZERO_ERROR;
	for (unsigned i = 0; i < t->n && U_SUCCESS(st); i++) {
		limit = *out_len;
		utrans_transUChars(t->pass[i], buf, out_len, cap, 0, &limit, &st);
	}
	if (U_FAILURE(st)) {
		free(buf);
		return false;
	}
	*out = buf;
	return true;
}

/* utf8[0..len) in Latin letters when its first letter is Han or Cyrillic
 * (*han says which), malloc'd UTF-16 in *out (*out_len); false for other
 * scripts.  Han characters come out as syllables separated by spaces. */
static bool
latin_of(const char *utf8, size_t len, bool *han, UChar **out, int32_t *out_len)
{
	int32_t n;
	UChar *u = to_u16(utf8, len, &n);
	if (u == NULL || n == 0) {
		free(u);
		return false;
	}
	/* the script of the first letter decides */
	UChar32 c;
	int32_t i = 0;
	U16_NEXT(u, i, n, c);
	UErrorCode st = U_ZERO_ERROR;
	UScriptCode sc = uscript_getScript(c, &st);
	*han = sc == USCRIPT_HAN;
	/* Han characters from the table ICU's own readings were compiled
	 * into (hanread.h): opening Han-Latin takes 100 ms */
	if (*han && hanread_latin(u, n, out, out_len)) {
		free(u);
		return true;
	}
	const struct translit_passes *t = *han ? translit(TRANSLIT_HAN)
	    : sc == USCRIPT_CYRILLIC ? translit(TRANSLIT_CYRILLIC) : NULL;
	if (t == NULL) {
		free(u);
		return false;
	}
	return run_translit(t, u, n, out, out_len);
}

const char *
intl_transliterate_name(struct arena *a, const char *part)
{
	bool han;
	UChar *buf;
	int32_t len;
	if (!latin_of(part, strlen(part), &han, &buf, &len))
		return NULL;
	/* one Chinese name part is one word: "Hong Wei" -> "Hongwei" */
	if (han) {
		int32_t k = 0;
		for (int32_t j = 0; j < len; j++) {
			if (buf[j] == ' ')
				continue;
			UChar ch = buf[j];
			if (k > 0 && ch >= 'A' && ch <= 'Z')
				ch = (UChar)(ch - 'A' + 'a');
			buf[k++] = ch;
		}
		len = k;
	}
	const char *r = to_u8(a, buf, len, NULL);
	free(buf);
	return r;
}

const char *
intl_latin_reading(struct arena *a, const char *utf8, size_t len)
{
	bool han;
	UChar *buf;
	int32_t n;
	if (!latin_of(utf8, len, &han, &buf, &n))
		return NULL;
	const char *r = to_u8(a, buf, n, NULL);
	free(buf);
	return r;
}

const char *
intl_simplified(struct arena *a, const char *utf8, size_t len)
{
	int32_t n;
	UChar *u = to_u16(utf8, len, &n), *buf;
	const struct translit_passes *t = translit(TRANSLIT_SIMPLIFIED);
	if (u == NULL || t == NULL) {
		free(u);
		return NULL;
	}
	if (!run_translit(t, u, n, &buf, &n))
		return NULL;
	const char *r = to_u8(a, buf, n, NULL);
	free(buf);
	return r;
}

char *
intl_simplified_aligned(const char *utf8, size_t len)
{
	bool han = false;
	for (int32_t i = 0, n = len > INT32_MAX ? 0 : (int32_t)len; i < n && !han;) {
		UChar32 c;
		U8_NEXT(utf8, i, n, c);
		UErrorCode st = U_ZERO_ERROR;
		han = c >= 0x2E80 && uscript_getScript(c, &st) == USCRIPT_HAN;
	}
	if (!han)
		return NULL;
	struct arena a = { 0 };
	const char *s = intl_simplified(&a, utf8, len);
	char *out = NULL;
	if (s != NULL && strlen(s) == len && memcmp(s, utf8, len) != 0) {
		/* every character where it was, as long as it was */
		bool same = true;
		for (int32_t i = 0, n = (int32_t)len; i < n && same;) {
			int32_t j = i;
			UChar32 c, d;
			U8_NEXT(utf8, i, n, c);
			U8_NEXT(s, j, n, d);
			same = i == j && c >= 0 && d >= 0;
		}
		if (same)
			out = xstrdup(s);
	}
	arena_free(&a);
	return out;
}

unsigned
intl_edit_distance(const char *a, const char *b, unsigned max)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 64 || lb > 64)
		return max + 1;
	unsigned row[65];
	for (size_t j = 0; j <= lb; j++)
		row[j] = (unsigned)j;
	for (size_t i = 1; i <= la; i++) {
		unsigned prev = row[0], best;
		row[0] = (unsigned)i;
		best = row[0];
		for (size_t j = 1; j <= lb; j++) {
			unsigned cur = row[j];
			unsigned cost = a[i - 1] == b[j - 1] ? 0 : 1;
			unsigned v = prev + cost;
			if (row[j] + 1 < v)
				v = row[j] + 1;
			if (row[j - 1] + 1 < v)
				v = row[j - 1] + 1;
			row[j] = v;
			prev = cur;
			if (v < best)
				best = v;
		}
		if (best > max)
			return max + 1;
	}
	return row[lb];
}

bool
intl_first_undrawable(const char *utf8, size_t len,
    bool (*drawable)(const void *ctx, uint32_t c), const void *ctx, uint32_t *cp)
{
	int32_t i = 0, n = (int32_t)len;
	while (i < n) {
		UChar32 c;
		U8_NEXT(utf8, i, n, c);
		if (c == '\n' || c == '\t' || (c >= 0x20 && c < 0x7F))
			continue;
		if (c < 0 || !drawable(ctx, (uint32_t)c)) {
			*cp = c < 0 ? 0xFFFD : (uint32_t)c;
			return true;
		}
	}
	return false;
}

/* The script most letters of word[0..n) belong to (Common and Inherited
 * do not count; a tie goes to the script seen first). */
static UScriptCode
main_script(const char *word, int32_t n)
{
	UScriptCode seen[8];
	int count[8], n_seen = 0;
	for (int32_t i = 0; i < n;) {
		UChar32 c;
		U8_NEXT(word, i, n, c);
		UErrorCode st = U_ZERO_ERROR;
		UScriptCode sc = uscript_getScript(c, &st);
		if (U_FAILURE(st) || sc == USCRIPT_COMMON || sc == USCRIPT_INHERITED)
			continue;
		int k = 0;
		while (k < n_seen && seen[k] != sc)
			k++;
		if (k == n_seen) {
			if (n_seen == 8)
				continue;
			seen[n_seen] = sc;
			count[n_seen++] = 0;
		}
		count[k]++;
	}
	int best = 0;
	for (int k = 1; k < n_seen; k++)
		if (count[k] > count[best])
			best = k;
	return n_seen > 0 ? seen[best] : USCRIPT_COMMON;
}

/* Describe the first letter of word[0..n) outside its main script. */
static void
describe_mix(const USpoofChecker *sc, const char *word, int32_t n,
    struct intl_script_mix *out)
{
	UScriptCode main = main_script(word, n);
	snprintf(out->main_script, sizeof out->main_script, "%s", uscript_getName(main));
	for (int32_t i = 0; i < n;) {
		int32_t at = i;
		UChar32 c;
		U8_NEXT(word, i, n, c);
		UErrorCode st = U_ZERO_ERROR;
		UScriptCode s = uscript_getScript(c, &st);
		if (U_FAILURE(st) || s == USCRIPT_COMMON || s == USCRIPT_INHERITED ||
		    uscript_hasScript(c, main))
			continue;
		out->cp = (uint32_t)c;
		snprintf(out->other_script, sizeof out->other_script, "%s", uscript_getName(s));
		char skel[64];
		st = U_ZERO_ERROR;
		int32_t k = uspoof_getSkeletonUTF8(sc, 0, word + at, i - at, skel,
		    (int32_t)sizeof skel, &st);
		if (U_SUCCESS(st) && k > 0 && k < (int32_t)sizeof out->looks_like &&
		    (k != i - at || memcmp(skel, word + at, (size_t)k) != 0)) {
			memcpy(out->looks_like, skel, (size_t)k);
			out->looks_like[k] = '\0';
		}
		return;
	}
}

size_t
intl_skeleton(uint32_t cp, uint32_t *out, size_t cap)
{
	struct thread_icu *c = thread_icu();
	USpoofChecker *own = NULL, *sc = c ? c->spoof : NULL;
	UErrorCode st = U_ZERO_ERROR;
	if (sc == NULL) {
		sc = uspoof_open(&st);
		if (U_FAILURE(st))
			return 0;
		if (c)
			c->spoof = sc;
		else
			own = sc;
	}
	UChar in[2], skel[16];
	int32_t n = 0, k;
	U16_APPEND_UNSAFE(in, n, (UChar32)cp);
	st = U_ZERO_ERROR;
	k = uspoof_getSkeleton(sc, 0, in, n, skel, 16, &st);
	if (own)
		uspoof_close(own);
	size_t m = 0;
	for (int32_t i = 0; U_SUCCESS(st) && i < k && m < cap;) {
		UChar32 d;
		U16_NEXT(skel, i, k, d);
		out[m++] = (uint32_t)d;
		if (i < k && m == cap)
			return 0;
	}
	return U_SUCCESS(st) ? m : 0;
}

/*
 * Whether the letters of s[0..n) are all of one script and its other
 * characters of none (Common, Inherited: digits, punctuation, marks),
 * each by its Script_Extensions (the Arabic comma is Common and Arabic,
 * so it is left to ICU).  Such a word resolves to one script: it passes
 * both checks, and most words of a case are such.
 */
static bool
one_script(const char *s, int32_t n)
{
	UScriptCode one = USCRIPT_COMMON;
	for (int32_t i = 0; i < n;) {
		UChar32 c;
		U8_NEXT(s, i, n, c);
		if (c >= 0 && c < 0x80 && !((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
			continue;
		UErrorCode st = U_ZERO_ERROR;
		UScriptCode scx[2];
		int32_t k = uscript_getScriptExtensions(c < 0 ? 0xFFFD : c, scx, 2, &st);
		if (U_FAILURE(st) || k != 1)
			return false;
		if (scx[0] == USCRIPT_COMMON || scx[0] == USCRIPT_INHERITED)
			continue;
		if (one != USCRIPT_COMMON && scx[0] != one)
			return false;
		one = scx[0];
	}
	return true;
}

/* The calling thread's checker for intl_mixed_script, opened the first
 * time (the first open in a process loads the confusables, a million
 * instructions: only a text with a letter past ASCII needs it); *own is
 * set when there is no thread cache and the caller must close it. */
static USpoofChecker *
mixed_checker(USpoofChecker **own)
{
	struct thread_icu *cache = thread_icu();
	if (cache && cache->mixed)
		return cache->mixed;
	UErrorCode st = U_ZERO_ERROR;
	USpoofChecker *sc = uspoof_open(&st);
	uspoof_setChecks(sc, USPOOF_RESTRICTION_LEVEL | USPOOF_MIXED_SCRIPT_CONFUSABLE, &st);
	uspoof_setRestrictionLevel(sc, USPOOF_MODERATELY_RESTRICTIVE);
	if (U_FAILURE(st)) {
		uspoof_close(sc);
		return NULL;
	}
	if (cache)
		cache->mixed = sc;
	else
		*own = sc;
	return sc;
}

bool
intl_mixed_script(const char *utf8, size_t len, struct intl_script_mix *out)
{
	memset(out, 0, sizeof *out);
	if (len > INT32_MAX)
		return false;
	USpoofChecker *sc = NULL, *own = NULL;
	bool found = false;
	int32_t n = (int32_t)len, i = 0;
	while (i < n && !found) {
		/* one word: up to the next white space */
		int32_t start = i, end = i;
		while (i < n) {
			UChar32 c;
			end = i;
			U8_NEXT(utf8, i, n, c);
			if (c >= 0 && u_isUWhiteSpace(c))
				break;
			end = i;
		}
		if (end == start || one_script(utf8 + start, end - start))
			continue;
		if (sc == NULL && (sc = mixed_checker(&own)) == NULL)
			return false;
		UErrorCode st = U_ZERO_ERROR;
		int32_t r = uspoof_check2UTF8(sc, utf8 + start, end - start, NULL, &st);
		if (U_SUCCESS(st) && (r & (USPOOF_RESTRICTION_LEVEL |
		    USPOOF_MIXED_SCRIPT_CONFUSABLE)) != 0) {
			out->word_off = (size_t)start;
			out->word_len = (size_t)(end - start);
			describe_mix(sc, utf8 + start, end - start, out);
			found = out->cp != 0;
		}
	}
	if (own)
		uspoof_close(own);
	return found;
}

void
intl_char_name(uint32_t cp, char *buf, size_t size)
{
	UErrorCode st = U_ZERO_ERROR;
	if (size == 0)
		return;
	buf[0] = '\0';
	int32_t n = u_charName((UChar32)cp, U_UNICODE_CHAR_NAME, buf, (int32_t)size, &st);
	if (U_FAILURE(st) || n >= (int32_t)size)
		buf[0] = '\0';
}

struct coll_key {
	uint8_t *key;
	size_t index;
};

static int
by_sort_key(const void *pa, const void *pb)
{
	const struct coll_key *a = pa, *b = pb;
	int c = strcmp((const char *)a->key, (const char *)b->key);
	if (c != 0)
		return c;
	return a->index < b->index ? -1 : a->index > b->index;
}

bool
intl_collation_order(const char *const *keys, size_t n, const char *lang, size_t *order)
{
	for (size_t i = 0; i < n; i++)
		order[i] = i;
	if (n < 2)
		return true;
	UErrorCode st = U_ZERO_ERROR;
	UCollator *coll = ucol_open(lang, &st);
	if (U_FAILURE(st))
		return false;
	/* Sort keys (NUL-terminated byte strings that compare with strcmp as
	 * the collator compares the texts), then an ordinary sort that falls
	 * back on the index: stable, n log n. */
	struct coll_key *ck = xcalloc(n, sizeof *ck);
	UChar buf[512];
	bool ok = true;
	for (size_t i = 0; ok && i < n; i++) {
		int32_t ulen = 0;
		st = U_ZERO_ERROR;
		u_strFromUTF8(buf, (int32_t)(sizeof buf / sizeof buf[0]), &ulen, keys[i], -1, &st);
		if (st == U_BUFFER_OVERFLOW_ERROR || st == U_STRING_NOT_TERMINATED_WARNING) {
			ulen = (int32_t)(sizeof buf / sizeof buf[0]); /* long names: their start */
			st = U_ZERO_ERROR;
		}
		if (U_FAILURE(st)) {
			ok = false;
			break;
		}
		int32_t need = ucol_getSortKey(coll, buf, ulen, NULL, 0);
		ck[i].key = xmalloc((size_t)need + 1);
		ucol_getSortKey(coll, buf, ulen, ck[i].key, need + 1);
		ck[i].index = i;
	}
	if (ok) {
		qsort(ck, n, sizeof *ck, by_sort_key);
		for (size_t i = 0; i < n; i++)
			order[i] = ck[i].index;
	}
	for (size_t i = 0; i < n; i++)
		free(ck[i].key);
	free(ck);
	ucol_close(coll);
	return ok;
}
