/*
 * hanread_gen.c - writes hanread_table.c (see hanread.h): the Latin
 * reading ICU gives each Han character, asked of ICU once at build time.
 *
 *   hanread_gen > hanread_table.c
 *
 * The table stands for ICU's rules only if every rule that looks at a
 * neighbour has a shape this program knows (a family name at the start,
 * a character before one other), and if the table then reads like ICU on
 * every character, doubled, on every pair, and on random strings.  If
 * not, it writes an empty table (the program asks ICU at run time) and
 * says why on standard error: the build goes on.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uclean.h>
#include <unicode/uset.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utrans.h>

#include "../hanread.h"
#include "xorshift.h"

/* Rules with a context that need no entry of the table: the /Names rules'
 * mark for the start of a run of Han characters, and Han-Spacedhan's
 * spaces between characters. */
static const char *const known_context_rules[] = {
	"[:^script=Han:]{([:script=Han:])} > \xEF\xB7\x91 $1 ;",
	"[^$]{\xEF\xB7\x91} > ' ';",
	("[[:Ideographic:][.,\\:;?!\xEF\xBC\x8E\xEF\xBC\x8C\xEF\xBC\x9A\xEF\xBC\x9F\xEF\xBC\x81"
	    "\xEF\xBD\xA1\xE3\x80\x81\xEF\xBC\x9B[:Pe:][:Pf:]]]{}[:Letter:] > ' ';"),
	"[:Letter:][:Mark:]*{}[[:Ideographic:][:Ps:][:Pi:]] > ' ';",
};

/* The rule sets HANREAD_ICU_ID is made of that have context rules. */
static const UChar *const rule_sets[] = { u"Han-Latin/Names", u"Han-Latin", u"Han-Spacedhan" };

enum { MAX_PAIRS = 256, MAX_SYLLABLES = 8192, SYLLABLE_MAX = 15 };

static UTransliterator *icu;

static struct hanread_char *chars;
static size_t n_chars;
static struct hanread_pair pairs[MAX_PAIRS];
static size_t n_pairs;
static char syllables[MAX_SYLLABLES][SYLLABLE_MAX + 1];
static size_t n_syllables;

static void
fail(const char *why, const char *detail)
{
	fprintf(stderr, "hanread_gen: %s%s%s; the program will ask ICU\n", why,
	    detail ? ": " : "", detail ? detail : "");
	n_chars = n_pairs = n_syllables = 0;
}

/* ICU's reading of the code points cps[0..n), as ASCII into out (false if
 * it fails, or is not all printable ASCII). */
static bool
icu_read(const uint32_t *cps, int n, char *out, size_t cap)
{
	UChar buf[512];
	int32_t len = 0;
	for (int i = 0; i < n; i++)
		U16_APPEND_UNSAFE(buf, len, (UChar32)cps[i]);
	int32_t limit = len;
	UErrorCode st = U_ZERO_ERROR;
	utrans_transUChars(icu, buf, &len, 512, 0, &limit, &st);
	if (U_FAILURE(st) || (size_t)len >= cap)
		return false;
	for (int32_t i = 0; i < len; i++) {
		if (buf[i] < 0x20 || buf[i] > 0x7E)
			return false;
		out[i] = (char)buf[i];
	}
	out[len] = '\0';
	return true;
}

static int
syllable(const char *s)
{
	if (strlen(s) > SYLLABLE_MAX || strchr(s, ' ') != NULL || *s == '\0')
		return -1;
	for (size_t i = 0; i < n_syllables; i++)
		if (strcmp(syllables[i], s) == 0)
			return (int)i;
	if (n_syllables == MAX_SYLLABLES)
		return -1;
	strcpy(syllables[n_syllables], s);
	return (int)n_syllables++;
}

/* ---- the rules ---- */

/* One code point at *p (UTF-8), or -1. */
static long
utf8_one(const char **p)
{
	const unsigned char *s = (const unsigned char *)*p;
	long c;
	int n;
	if (s[0] < 0x80)
		c = s[0], n = 1;
	else if ((s[0] & 0xE0) == 0xC0)
		c = s[0] & 0x1F, n = 2;
	else if ((s[0] & 0xF0) == 0xE0)
		c = s[0] & 0x0F, n = 3;
	else if ((s[0] & 0xF8) == 0xF0)
		c = s[0] & 0x07, n = 4;
	else
		return -1;
	for (int i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return -1;
		c = (c << 6) | (s[i] & 0x3F);
	}
	*p += n;
	return c;
}

/* A context rule of a shape the table covers: "{X} > r;" after the
 * start mark (the start reading), or "{X}' '?Y > r;" with or without it
 * (a pair).  Adds the pair; false for any other shape. */
static bool
context_rule(const char *line)
{
	for (size_t i = 0; i < sizeof known_context_rules / sizeof *known_context_rules; i++)
		if (strcmp(line, known_context_rules[i]) == 0)
			return true;
	const char *p = line;
	if (strncmp(p, "\xEF\xB7\x91", 3) == 0)
		p += 3;
	if (*p++ != '{')
		return false;
	long x = utf8_one(&p);
	if (x < 0 || *p++ != '}')
		return false;
	if (strncmp(p, " > ", 3) == 0)
		return true;
	if (strncmp(p, "' '?", 4) != 0)
		return false;
	p += 4;
	long y = utf8_one(&p);
	if (y < 0 || strncmp(p, " > ", 3) != 0 || n_pairs == MAX_PAIRS)
		return false;
	for (size_t i = 0; i < n_pairs; i++)
		if (pairs[i].cp == (uint32_t)x && pairs[i].next == (uint32_t)y)
			return true;
	pairs[n_pairs].cp = (uint32_t)x;
	pairs[n_pairs++].next = (uint32_t)y;
	return true;
}

static bool
read_rules(void)
{
	for (size_t r = 0; r < sizeof rule_sets / sizeof *rule_sets; r++) {
		UErrorCode st = U_ZERO_ERROR;
		UTransliterator *t = utrans_openU(rule_sets[r], -1, UTRANS_FORWARD, NULL, 0, NULL, &st);
		int32_t n = U_SUCCESS(st) ? utrans_toRules(t, false, NULL, 0, &st) : 0;
		if (st == U_BUFFER_OVERFLOW_ERROR)
			st = U_ZERO_ERROR;
		UChar *u = malloc(((size_t)n + 1) * sizeof *u);
		char *s = malloc((size_t)n * 4 + 1);
		int32_t len = 0;
		if (U_SUCCESS(st))
			utrans_toRules(t, false, u, n + 1, &st);
		if (U_SUCCESS(st))
			u_strToUTF8(s, n * 4 + 1, &len, u, n, &st);
		if (t != NULL)
			utrans_close(t);
		free(u);
		if (U_FAILURE(st)) {
			free(s);
			fail("cannot read ICU's rules", u_errorName(st));
			return false;
		}
		for (char *line = strtok(s, "\n"); line != NULL; line = strtok(NULL, "\n")) {
			if ((strchr(line, '{') || strchr(line, '}')) && !context_rule(line)) {
				fail("a rule of a shape the table cannot hold", line);
				free(s);
				return false;
			}
		}
		free(s);
	}
	return true;
}

/* ---- the table ---- */

/* A character read as itself on both sides of every other. */
static const uint32_t NEUTRAL = 0x4EBA; /* 人, "Ren" */

static const struct hanread_char *
lookup(uint32_t cp)
{
	size_t lo = 0, hi = n_chars;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (chars[mid].cp < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n_chars && chars[lo].cp == cp ? &chars[lo] : NULL;
}

/* Split "A B" after the first n words: the n+1th word into w. */
static bool
word_at(const char *s, int n, char *w, size_t cap)
{
	for (int i = 0; i < n; i++) {
		s = strchr(s, ' ');
		if (s == NULL)
			return false;
		s++;
	}
	size_t len = strcspn(s, " ");
	if (len == 0 || len >= cap)
		return false;
	memcpy(w, s, len);
	w[len] = '\0';
	return true;
}

static bool
build_chars(void)
{
	UErrorCode st = U_ZERO_ERROR;
	USet *han = uset_openPattern(u"[[:Han:]&[:Lo:]&[:Ideographic:]]", -1, &st);
	if (U_FAILURE(st)) {
		fail("no [:Han:] set", u_errorName(st));
		return false;
	}
	int32_t count = uset_size(han);
	chars = calloc((size_t)count, sizeof *chars);
	char neutral[64];
	if (!icu_read(&NEUTRAL, 1, neutral, sizeof neutral)) {
		uset_close(han);
		fail("no reading for the neutral character", NULL);
		return false;
	}
	size_t nlen = strlen(neutral);
	for (int32_t item = 0; item < uset_getItemCount(han); item++) {
		UChar32 lo, hi;
		UErrorCode e = U_ZERO_ERROR;
		if (uset_getItem(han, item, &lo, &hi, NULL, 0, &e) != 0)
			continue;
		for (UChar32 c = lo; c <= hi; c++) {
			uint32_t one[2] = { (uint32_t)c }, two[2] = { NEUTRAL, (uint32_t)c };
			char alone[64], after[128];
			if (!icu_read(one, 1, alone, sizeof alone) || !icu_read(two, 2, after, sizeof after))
				continue;
			if (strncmp(after, neutral, nlen) != 0 || after[nlen] != ' ')
				continue;
			int s = syllable(alone), a = syllable(after + nlen + 1);
			if (s < 0 || a < 0)
				continue;
			chars[n_chars].cp = (uint32_t)c;
			chars[n_chars].start = (uint16_t)s;
			chars[n_chars++].after = (uint16_t)a;
		}
	}
	uset_close(han);
	if (n_chars < 1000) {
		fail("too few characters read", NULL);
		return false;
	}
	return true;
}

static bool
build_pairs(void)
{
	for (size_t i = 0; i < n_pairs; i++) {
		struct hanread_pair *p = &pairs[i];
		uint32_t two[2] = { p->cp, p->next }, three[3] = { NEUTRAL, p->cp, p->next };
		char a[128], b[128], w[64];
		int s, f;
		if (!lookup(p->cp) || !lookup(p->next) || !icu_read(two, 2, a, sizeof a) ||
		    !icu_read(three, 3, b, sizeof b) || !word_at(a, 0, w, sizeof w) ||
		    (s = syllable(w)) < 0 || !word_at(b, 1, w, sizeof w) || (f = syllable(w)) < 0) {
			fail("a pair the table cannot read", NULL);
			return false;
		}
		p->start = (uint16_t)s;
		p->after = (uint16_t)f;
	}
	return true;
}

/* ---- the check ---- */

/* The table's reading of cps[0..n), as hanread_latin forms it. */
static bool
table_read(const uint32_t *cps, int n, char *out, size_t cap)
{
	size_t at = 0;
	for (int i = 0; i < n; i++) {
		const struct hanread_char *c = lookup(cps[i]);
		if (c == NULL)
			return false;
		uint16_t s = i == 0 ? c->start : c->after;
		for (size_t k = 0; i + 1 < n && k < n_pairs; k++)
			if (pairs[k].cp == cps[i] && pairs[k].next == cps[i + 1])
				s = i == 0 ? pairs[k].start : pairs[k].after;
		size_t len = strlen(syllables[s]);
		if (at + len + 2 > cap)
			return false;
		if (i > 0)
			out[at++] = ' ';
		memcpy(out + at, syllables[s], len + 1);
		at += len;
	}
	return true;
}

static bool
same(const uint32_t *cps, int n)
{
	char a[2048], b[2048];
	if (!icu_read(cps, n, a, sizeof a) || !table_read(cps, n, b, sizeof b) || strcmp(a, b) != 0) {
		char what[2200];
		snprintf(what, sizeof what, "U+%04lX... (%d characters): ICU \"%s\"", (unsigned long)cps[0],
		    n, icu_read(cps, n, a, sizeof a) ? a : "?");
		fail("the table reads unlike ICU", what);
		return false;
	}
	return true;
}

static uint64_t rng = 0x2545F4914F6CDD1DULL;

static uint32_t
next_random(void)
{
	return xorshift_next(&rng);
}

static bool
check(void)
{
	/* every character twice: at the start and after itself */
	for (size_t i = 0; i < n_chars; i++) {
		uint32_t two[2] = { chars[i].cp, chars[i].cp };
		if (!same(two, 2))
			return false;
	}
	/* the pairs' characters next to each other and to others */
	uint32_t pool[600];
	size_t np = 0;
	for (size_t i = 0; i < n_pairs; i++) {
		pool[np++] = pairs[i].cp;
		pool[np++] = pairs[i].next;
	}
	while (np < sizeof pool / sizeof *pool)
		pool[np++] = chars[next_random() % n_chars].cp;
	for (size_t i = 0; i < 2 * n_pairs; i++)
		for (size_t j = 0; j < np; j++) {
			uint32_t ab[3] = { pool[i], pool[j], pool[i] };
			if (!same(ab, 2) || !same(ab + 1, 2) || !same(ab, 3))
				return false;
		}
	/* random strings of those and of any character */
	for (int r = 0; r < 20000; r++) {
		uint32_t s[12];
		int n = 1 + (int)(next_random() % 12);
		for (int i = 0; i < n; i++)
			s[i] = next_random() % 2 ? pool[next_random() % np] : chars[next_random() % n_chars].cp;
		if (!same(s, n))
			return false;
	}
	return true;
}

/* ---- output ---- */

static void
write_table(void)
{
	printf("/* Generated by src/gen/hanread_gen.c from ICU's %s: do not edit. */\n",
	    "Han-Latin/Names; Latin-ASCII; Any-Title");
	printf("#include \"hanread.h\"\n\n");
	if (n_chars == 0) {
		printf("const struct hanread_table hanread_table = { 0 };\n");
		return;
	}
	printf("static const struct hanread_char chars[%zu] = {\n", n_chars);
	for (size_t i = 0; i < n_chars; i++)
		printf("{0x%lX,%u,%u},%s", (unsigned long)chars[i].cp, chars[i].start, chars[i].after,
		    i % 6 == 5 ? "\n" : "");
	printf("\n};\n\nstatic const struct hanread_pair pairs[%zu] = {\n", n_pairs ? n_pairs : 1);
	for (size_t i = 0; i < n_pairs; i++)
		printf("{0x%lX,0x%lX,%u,%u},\n", (unsigned long)pairs[i].cp, (unsigned long)pairs[i].next,
		    pairs[i].start, pairs[i].after);
	size_t total = 0;
	for (size_t i = 0; i < n_syllables; i++)
		total += strlen(syllables[i]) + 1;
	/* an array, not a string: a literal this long is not portable C */
	printf("};\n\nstatic const char syllables[%zu] = {\n", total);
	for (size_t i = 0; i < n_syllables; i++) {
		for (const char *s = syllables[i]; *s; s++)
			printf("%d,", *s);
		printf("0,\n");
	}
	printf("};\n\nstatic const uint32_t syllable_at[%zu] = {\n", n_syllables);
	total = 0;
	for (size_t i = 0; i < n_syllables; i++) {
		printf("%zu,%s", total, i % 12 == 11 ? "\n" : "");
		total += strlen(syllables[i]) + 1;
	}
	printf("\n};\n\nconst struct hanread_table hanread_table = {\n"
	       "\tchars, %zu, pairs, %zu, syllables, syllable_at, %zu,\n};\n",
	    n_chars, n_pairs, n_syllables);
}

int
main(void)
{
	UErrorCode st = U_ZERO_ERROR;
	icu = utrans_openU(HANREAD_ICU_ID, -1, UTRANS_FORWARD, NULL, 0, NULL, &st);
	if (U_FAILURE(st))
		fail("cannot open the transliterator", u_errorName(st));
	else if (read_rules() && build_chars() && build_pairs())
		(void)check();
	write_table();
	if (icu != NULL)
		utrans_close(icu);
	free(chars);
	u_cleanup();
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror("hanread_gen");
		return 1;
	}
	if (n_chars > 0)
		fprintf(stderr, "hanread_gen: %zu characters, %zu pairs, %zu syllables\n", n_chars,
		    n_pairs, n_syllables);
	return 0;
}
