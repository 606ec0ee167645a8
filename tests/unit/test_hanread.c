/* test_hanread.c - the compiled Han readings against ICU's transliterator. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uclean.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utrans.h>

#include "hanread.h"
#include "harness.h"

static UTransliterator *icu;
static int mismatches;

/* Both readings of cps[0..n): equal, or both absent (the table may only
 * say less than ICU, never something else). */
static void
compare(const uint32_t *cps, int n)
{
	UChar in[64], icu_out[512];
	int32_t len = 0;
	for (int i = 0; i < n; i++)
		U16_APPEND_UNSAFE(in, len, (UChar32)cps[i]);
	memcpy(icu_out, in, (size_t)len * sizeof *in);
	int32_t icu_len = len, limit = len;
	UErrorCode st = U_ZERO_ERROR;
	utrans_transUChars(icu, icu_out, &icu_len, 512, 0, &limit, &st);
	UChar *ours = NULL;
	int32_t our_len = 0;
	if (!hanread_latin(in, len, &ours, &our_len))
		return;
	if (U_FAILURE(st) || our_len != icu_len || memcmp(ours, icu_out, (size_t)our_len * sizeof *ours)) {
		if (mismatches++ < 5) {
			char a[1024] = "", b[1024] = "";
			UErrorCode e = U_ZERO_ERROR;
			u_strToUTF8(a, sizeof a, NULL, icu_out, icu_len, &e);
			u_strToUTF8(b, sizeof b, NULL, ours, our_len, &e);
			fprintf(stderr, "U+%04lX (%d): ICU \"%s\", table \"%s\"\n", (unsigned long)cps[0], n, a, b);
		}
	}
	free(ours);
}

static void
table_is_there(void)
{
	/* an empty table is correct (ICU answers) but slow: on the ICU the
	 * project builds with, the generator must have accepted the rules */
	CHECK(hanread_table.n_chars > 20000);
	CHECK(hanread_table.n_pairs > 0);
}

static void
known_readings(void)
{
	const struct { const UChar *in; const char *want; } cases[] = {
		{ u"李文", "Li Wen" },
		{ u"重庆", "Chong Qing" },     /* a pair: 重 before 庆 */
		{ u"重要", "Chong Yao" },     /* 重 at the start is the family name */
		{ u"很重要", "Hen Zhong Yao" },
		{ u"单伟", "Shan Wei" },       /* a family name, at the start */
		{ u"简单", "Jian Dan" },       /* the same character after another */
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		UChar *out = NULL;
		int32_t n = 0;
		char got[256] = "";
		if (hanread_latin(cases[i].in, u_strlen(cases[i].in), &out, &n)) {
			UErrorCode e = U_ZERO_ERROR;
			u_strToUTF8(got, sizeof got, NULL, out, n, &e);
		}
		CHECK_STR(got, cases[i].want);
		free(out);
	}
}

static void
not_read(void)
{
	UChar *out = NULL;
	int32_t n = 0;
	/* Latin, a space, a Cyrillic letter, an ideographic zero: ICU's */
	CHECK(!hanread_latin(u"李 文", 3, &out, &n));
	CHECK(!hanread_latin(u"Li", 2, &out, &n));
	CHECK(!hanread_latin(u"李Я", 2, &out, &n));
	CHECK(!hanread_latin(u"〇〇", 2, &out, &n));
	CHECK(!hanread_latin(u"", 0, &out, &n));
}

/* glibc's rand(), seeded: the same strings on every run */
static uint32_t
next_random(void)
{
	return (uint32_t)rand();
}

static void
same_as_icu(void)
{
	const struct hanread_table *t = &hanread_table;
	if (t->n_chars == 0)
		return;
	srand(12345);
	/* every character alone and after another */
	for (size_t i = 0; i < t->n_chars; i++) {
		uint32_t s[2] = { t->chars[i].cp, t->chars[(i * 7919) % t->n_chars].cp };
		compare(s, 1);
		compare(s, 2);
	}
	/* the pairs, and random strings with their characters in them */
	for (size_t i = 0; i < t->n_pairs; i++) {
		uint32_t s[4] = { t->pairs[i].cp, t->pairs[i].next, t->pairs[i].cp, t->pairs[i].next };
		compare(s, 2);
		compare(s, 4);
	}
	for (int r = 0; r < 5000; r++) {
		uint32_t s[10];
		int n = 1 + (int)(next_random() % 10);
		for (int i = 0; i < n; i++) {
			const struct hanread_pair *p = &t->pairs[next_random() % t->n_pairs];
			uint32_t k = next_random() % 3;
			s[i] = k == 0 ? p->cp : k == 1 ? p->next : t->chars[next_random() % t->n_chars].cp;
		}
		compare(s, n);
	}
	CHECK_INT(mismatches, 0);
}

int
main(void)
{
	UErrorCode st = U_ZERO_ERROR;
	icu = utrans_openU(HANREAD_ICU_ID, -1, UTRANS_FORWARD, NULL, 0, NULL, &st);
	CHECK(U_SUCCESS(st));
	if (U_FAILURE(st))
		return harness_done();
	RUN(table_is_there);
	RUN(known_readings);
	RUN(not_read);
	RUN(same_as_icu);
	utrans_close(icu);
	u_cleanup();
	return harness_done();
}
