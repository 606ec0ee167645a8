/* guess.c - dates and times as people write them (see guess.h). */
#include "guess.h"

#include <stdio.h>
#include <string.h>

/* The month names and abbreviations of English, French and Spanish,
 * small letters, UTF-8; a dot after an abbreviation is a separator. */
static const struct {
	const char *name;
	int month;
} months[] = {
	{ "january", 1 }, { "jan", 1 }, { "janvier", 1 }, { "janv", 1 }, { "enero", 1 }, { "ene", 1 },
	{ "february", 2 }, { "feb", 2 }, { "février", 2 }, { "fevrier", 2 }, { "févr", 2 },
	{ "fevr", 2 }, { "fév", 2 }, { "febrero", 2 },
	{ "march", 3 }, { "mar", 3 }, { "mars", 3 }, { "marzo", 3 },
	{ "april", 4 }, { "apr", 4 }, { "avril", 4 }, { "avr", 4 }, { "abril", 4 }, { "abr", 4 },
	{ "may", 5 }, { "mai", 5 }, { "mayo", 5 },
	{ "june", 6 }, { "jun", 6 }, { "juin", 6 }, { "junio", 6 },
	{ "july", 7 }, { "jul", 7 }, { "juillet", 7 }, { "juil", 7 }, { "julio", 7 },
	{ "august", 8 }, { "aug", 8 }, { "août", 8 }, { "aout", 8 }, { "agosto", 8 }, { "ago", 8 },
	{ "september", 9 }, { "sep", 9 }, { "sept", 9 }, { "septembre", 9 }, { "septiembre", 9 },
	{ "setiembre", 9 },
	{ "october", 10 }, { "oct", 10 }, { "octobre", 10 }, { "octubre", 10 },
	{ "november", 11 }, { "nov", 11 }, { "novembre", 11 }, { "noviembre", 11 },
	{ "december", 12 }, { "dec", 12 }, { "décembre", 12 }, { "decembre", 12 }, { "déc", 12 },
	{ "diciembre", 12 }, { "dic", 12 },
};

/* Words a written date holds besides its parts: "14 de mayo de 1984",
 * "le 14 mai", "the 14th of May", "May 14th". */
static const char *const fillers[] = { "de", "del", "le", "the", "of", "st", "nd", "rd", "th",
	"er", "o", "on", "el" };

struct token {
	bool number;
	int value;           /* a number's value, a month's number */
	size_t digits;       /* a number's digits */
};

static bool
is_letter(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

/* s cut into numbers and month names, fillers left out; false for a word
 * that is neither, or more than max tokens. */
static bool
tokens(const char *s, struct token *t, size_t max, size_t *n)
{
	*n = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		if (*p >= '0' && *p <= '9') {
			int v = 0;
			size_t d = 0;
			while (*p >= '0' && *p <= '9') {
				if (d < 9)
					v = v * 10 + (*p - '0');
				d++;
				p++;
			}
			if (*n == max)
				return false;
			t[(*n)++] = (struct token){ true, v, d };
		} else if (is_letter(*p)) {
			char w[16];
			size_t k = 0;
			while (is_letter(*p)) {
				if (k + 1 < sizeof w)
					w[k++] = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
				else
					return false;
				p++;
			}
			w[k] = '\0';
			bool known = false;
			for (size_t i = 0; i < sizeof fillers / sizeof *fillers && !known; i++)
				known = strcmp(w, fillers[i]) == 0;
			if (known)
				continue;
			for (size_t i = 0; i < sizeof months / sizeof *months && !known; i++)
				if (strcmp(w, months[i].name) == 0) {
					if (*n == max)
						return false;
					t[(*n)++] = (struct token){ false, months[i].month, 0 };
					known = true;
				}
			if (!known)
				return false;
		} else if (strchr(" /-.,\t", *p) != NULL || (p[0] == 0xC2 && p[1] == 0xBA) ||
		    (p[0] == 0xC2 && p[1] == 0xB0)) {
			p += *p >= 0x80 ? 2 : 1;  /* "1º", "1°" */
		} else {
			return false;
		}
	}
	return true;
}

static bool
real_day(int y, int m, int d)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return y >= 1800 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
	    d <= days[m - 1] + (m == 2 && leap);
}

/* Into out[*n] the date y-m-d (d 0: the month only), when it is one. */
static void
put(char out[2][11], size_t *n, int y, int m, int d, bool partial)
{
	if (*n == 2 || (d == 0 && !partial) || !real_day(y, m, d ? d : 1))
		return;
	char s[11];
	if (d == 0)
		snprintf(s, sizeof s, "%04d-%02d", y, m);
	else
		snprintf(s, sizeof s, "%04d-%02d-%02d", y, m, d);
	if (*n == 1 && strcmp(out[0], s) == 0)
		return;
	memcpy(out[(*n)++], s, sizeof s);
}

size_t
guess_date(const char *s, bool partial, char out[2][11])
{
	struct token t[4];
	size_t n = 0, k = 0;
	if (!tokens(s, t, 4, &n) || n < 2)
		return 0;
	size_t month = n, year = n;
	for (size_t i = 0; i < n; i++) {
		if (!t[i].number)
			month = month == n ? i : n + 1;
		else if (t[i].digits == 4)
			year = year == n ? i : n + 1;
	}
	if (month > n || year >= n)
		return 0;  /* two month names, no or two years */
	int y = t[year].value;
	if (month < n) {
		/* a month's name, a year, perhaps a day: any order people use */
		if (n == 2) {
			put(out, &k, y, t[month].value, 0, partial);
		} else if (n == 3) {
			size_t day = 3 - month - year;
			if (t[day].number && t[day].digits <= 2)
				put(out, &k, y, t[month].value, t[day].value, partial);
		}
		return k;
	}
	if (n == 2) {
		/* "05/1984", "1984-05" */
		size_t m = 1 - year;
		if (t[m].digits <= 2)
			put(out, &k, y, t[m].value, 0, partial);
		return k;
	}
	if (n != 3 || (year != 0 && year != 2))
		return 0;
	int a = t[year == 0 ? 1 : 0].value, b = t[year == 0 ? 2 : 1].value;
	if (t[year == 0 ? 1 : 0].digits > 2 || t[year == 0 ? 2 : 1].digits > 2)
		return 0;
	if (year == 0) {
		put(out, &k, y, a, b, partial);  /* year, month, day */
	} else {
		/* day and month, or month and day: a number over 12 says
		 * which; else both, the day first (as the UN and most of the
		 * world write it) */
		put(out, &k, y, b, a, partial);
		put(out, &k, y, a, b, partial);
	}
	return k;
}

bool
guess_time(const char *s, char out[6])
{
	int h = -1, m = 0;
	int half = 0;  /* 1 am, 2 pm */
	const unsigned char *p = (const unsigned char *)s;
	while (*p == ' ')
		p++;
	size_t d = 0;
	int v = 0;
	while (*p >= '0' && *p <= '9' && d < 5) {
		v = v * 10 + (*p++ - '0');
		d++;
	}
	if (d == 0 || d > 4)
		return false;
	if (d >= 3) {
		/* "0740", "740" */
		h = v / 100;
		m = v % 100;
	} else {
		h = v;
		while (*p == ' ')
			p++;
		if (*p == ':' || *p == '.' || *p == 'h' || *p == 'H') {
			p++;
			while (*p == ' ')
				p++;
			size_t dm = 0;
			m = 0;
			while (*p >= '0' && *p <= '9' && dm < 3) {
				m = m * 10 + (*p++ - '0');
				dm++;
			}
			if (dm != 0 && dm != 2)
				return false;
		}
	}
	while (*p == ' ')
		p++;
	char w[8];
	size_t k = 0;
	while (*p && k + 1 < sizeof w) {
		if (*p != '.' && *p != ' ')
			w[k++] = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
		p++;
	}
	w[k] = '\0';
	if (*p != '\0')
		return false;
	if (strcmp(w, "am") == 0)
		half = 1;
	else if (strcmp(w, "pm") == 0)
		half = 2;
	else if (k != 0 && strcmp(w, "h") != 0 && strcmp(w, "hrs") != 0 && strcmp(w, "hours") != 0)
		return false;
	if (half != 0) {
		if (h < 1 || h > 12)
			return false;
		h = half == 1 ? h % 12 : h % 12 + 12;
	}
	if (h < 0 || h > 23 || m < 0 || m > 59)
		return false;
	snprintf(out, 6, "%02d:%02d", h, m);
	return true;
}
