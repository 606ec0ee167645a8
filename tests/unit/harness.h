/*
 * harness.h - a small assertion harness for unit tests (after cmark's
 * api_test harness).  Each test file defines static test functions and a
 * main() that calls RUN(fn) for each, then returns harness_done().
 * A failed CHECK prints file:line and the expression and the test goes on,
 * so one run shows every failure.
 */
#ifndef SPCOMM_HARNESS_H
#define SPCOMM_HARNESS_H

#include <stdio.h>
#include <string.h>

static int harness_passed, harness_failed;
static const char *harness_current;

#define CHECK(expr) do { \
	if (expr) harness_passed++; \
	else { harness_failed++; \
		fprintf(stderr, "%s:%d: %s: CHECK failed: %s\n", __FILE__, __LINE__, \
		    harness_current, #expr); } \
} while (0)

#define CHECK_STR(got, want) do { \
	const char *g_ = (got), *w_ = (want); \
	if (g_ != NULL && w_ != NULL && strcmp(g_, w_) == 0) harness_passed++; \
	else { harness_failed++; \
		fprintf(stderr, "%s:%d: %s: got \"%s\", want \"%s\"\n", __FILE__, __LINE__, \
		    harness_current, g_ ? g_ : "(null)", w_ ? w_ : "(null)"); } \
} while (0)

#define CHECK_INT(got, want) do { \
	long long g_ = (long long)(got), w_ = (long long)(want); \
	if (g_ == w_) harness_passed++; \
	else { harness_failed++; \
		fprintf(stderr, "%s:%d: %s: %s is %lld, want %lld\n", __FILE__, __LINE__, \
		    harness_current, #got, g_, w_); } \
} while (0)

#define RUN(fn) do { harness_current = #fn; fn(); } while (0)

static inline int
harness_done(void)
{
	printf("%d passed, %d failed\n", harness_passed, harness_failed);
	return harness_failed ? 1 : 0;
}

#endif
