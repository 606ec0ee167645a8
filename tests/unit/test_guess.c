/* test_guess.c - dates and times as people write them: what check
 * suggests for "14 May 1984" or "7.40 pm", and nothing for what is no
 * date or time. */
#include <string.h>

#include "guess.h"
#include "harness.h"

/* The guesses for s, joined by " | " ("" for none). */
static const char *
dates(const char *s, bool partial)
{
	static char buf[32];
	char g[2][11];
	size_t n = guess_date(s, partial, g);
	buf[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		if (i)
			strcat(buf, " | ");
		strcat(buf, g[i]);
	}
	return buf;
}

static void
dates_with_month_names(void)
{
	CHECK_STR(dates("14 May 1984", false), "1984-05-14");
	CHECK_STR(dates("May 14, 1984", false), "1984-05-14");
	CHECK_STR(dates("the 14th of May 1984", false), "1984-05-14");
	CHECK_STR(dates("19 novembre 2026", false), "2026-11-19");
	CHECK_STR(dates("1er février 2024", false), "2024-02-01");
	CHECK_STR(dates("14 de mayo de 1984", false), "1984-05-14");
	CHECK_STR(dates("3 Sept. 2021", false), "2021-09-03");
	CHECK_STR(dates("DEC 25 2020", false), "2020-12-25");
	CHECK_STR(dates("May 1984", true), "1984-05");
	CHECK_STR(dates("May 1984", false), "");      /* a full date needs its day */
	CHECK_STR(dates("30 February 2024", false), ""); /* no such day */
	CHECK_STR(dates("29 February 2023", false), "");
	CHECK_STR(dates("29 February 2024", false), "2024-02-29");
}

static void
dates_in_numbers(void)
{
	CHECK_STR(dates("14/05/1984", false), "1984-05-14");   /* 14 is no month */
	CHECK_STR(dates("05/14/1984", false), "1984-05-14");
	CHECK_STR(dates("03/04/2021", false), "2021-04-03 | 2021-03-04");
	CHECK_STR(dates("04.04.2021", false), "2021-04-04");   /* the same either way */
	CHECK_STR(dates("2026/11/19", false), "2026-11-19");
	CHECK_STR(dates("2026-1-5", false), "2026-01-05");
	CHECK_STR(dates("05/1984", true), "1984-05");
	CHECK_STR(dates("1984/05", true), "1984-05");
	CHECK_STR(dates("13/13/2021", false), "");
	CHECK_STR(dates("14/05/84", false), "");     /* which century: not guessed */
	CHECK_STR(dates("yesterday", false), "");
	CHECK_STR(dates("May June 2020", false), "");
	CHECK_STR(dates("1984 2020 5", false), "");
	CHECK_STR(dates("", false), "");
	CHECK_STR(dates("14 May 1700", false), "");  /* before any date a form takes */
}

static const char *
time_of(const char *s)
{
	static char t[6];
	return guess_time(s, t) ? t : "";
}

static void
times(void)
{
	CHECK_STR(time_of("7.40 am"), "07:40");
	CHECK_STR(time_of("7.40 pm"), "19:40");
	CHECK_STR(time_of("7:40 P.M."), "19:40");
	CHECK_STR(time_of("12 am"), "00:00");
	CHECK_STR(time_of("12 pm"), "12:00");
	CHECK_STR(time_of("19h40"), "19:40");
	CHECK_STR(time_of("19 h"), "19:00");
	CHECK_STR(time_of("0740"), "07:40");
	CHECK_STR(time_of("7:40"), "07:40");
	CHECK_STR(time_of("13 pm"), "");
	CHECK_STR(time_of("24:00"), "");
	CHECK_STR(time_of("7:60"), "");
	CHECK_STR(time_of("dawn"), "");
	CHECK_STR(time_of("7:4"), "");
}

int
main(void)
{
	RUN(dates_with_month_names);
	RUN(dates_in_numbers);
	RUN(times);
	return harness_done();
}
