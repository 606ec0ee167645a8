/*
 * guess.h - what a value written the way people write it means, for the
 * hints of `spcomm check`: "14 May 1984" is 1984-05-14, "19 novembre
 * 2026" 2026-11-19, "7.40 pm" 19:40.  Suggestions only: the value is
 * still refused, and the person writes the form the UN's forms use.
 * Pure C, no locale: the month names of the submission languages
 * (English, French, Spanish) are listed here.
 */
#ifndef SPCOMM_GUESS_H
#define SPCOMM_GUESS_H

#include <stdbool.h>
#include <stddef.h>

/*
 * The dates s may mean, as YYYY-MM-DD (or YYYY-MM where partial allows a
 * month without its day), into out[0] and out[1]: 0 when s reads as no
 * date of the calendar, 1, or 2 when the order of day and month is not
 * known ("03/04/2021": 3 April or 4 March, the first first).
 */
size_t guess_date(const char *s, bool partial, char out[2][11]);

/* The 24-hour HH:MM s means ("7.40 pm", "19h40", "0740", "7 am"), into
 * out; false when it reads as no time. */
bool guess_time(const char *s, char out[6]);

#endif
