/*
 * translit_gen.c - writes translit_rules.c (see translit_rules.h): the
 * rules of the transliterators the program uses, as passes it can open
 * without ICU's registry, asked of ICU once at build time.
 *
 *   translit_gen > translit_rules.c
 *
 * A set whose rules have a line of a shape this program does not know,
 * or whose passes do not transliterate exactly as ICU's transliterator
 * does on the strings of check(), is written with no passes (the program
 * opens it by its ID) and named on standard error: the build goes on.
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

#include "../translit_rules.h"
#include "xorshift.h"

enum { RULES_MAX = 1 << 20, TEXT_MAX = 64, OUT_MAX = 1024 };

struct passes {
	UChar *text[TRANSLIT_RULES_MAX_PASSES];
	int32_t len[TRANSLIT_RULES_MAX_PASSES];
	unsigned n;
};

static void
passes_free(struct passes *p)
{
	for (unsigned i = 0; i < p->n; i++)
		free(p->text[i]);
	p->n = 0;
}

static bool
line_is(const UChar *line, int32_t n, const UChar *what)
{
	return n == u_strlen(what) && u_memcmp(line, what, n) == 0;
}

/* A new pass: the filter's line (if any), then the rules to come. */
static bool
new_pass(struct passes *p, const UChar *filter, int32_t filter_len, int32_t cap)
{
	if (p->n == TRANSLIT_RULES_MAX_PASSES)
		return false;
	UChar *t = malloc((size_t)cap * sizeof *t);
	if (t == NULL)
		return false;
	int32_t k = 0;
	if (filter != NULL) {
		u_memcpy(t, filter, filter_len);
		k = filter_len;
		t[k++] = '\n';
	}
	p->text[p->n] = t;
	p->len[p->n++] = k;
	return true;
}

/*
 * rules[0..n) (ICU's toRules, one statement a line) cut into passes: the
 * filter line first, "::NFC;" before any rule dropped, "::Null;" between
 * passes.  False, with why, for a line naming anything else.
 */
static bool
split(const UChar *rules, int32_t n, struct passes *out, const char **why)
{
	const UChar *filter = NULL;
	int32_t filter_len = 0;
	bool any_rule = false;
	*why = NULL;
	out->n = 0;
	for (int32_t at = 0; at < n;) {
		int32_t end = at;
		while (end < n && rules[end] != '\n')
			end++;
		const UChar *line = rules + at;
		int32_t len = end - at;
		at = end + 1;
		while (len > 0 && (line[len - 1] == ' ' || line[len - 1] == '\r'))
			len--;
		if (len == 0)
			continue;
		if (len >= 2 && line[0] == ':' && line[1] == ':') {
			if (out->n == 0 && !any_rule && filter == NULL && len > 4 && line[2] == '[' &&
			    line[len - 2] == ']' && line[len - 1] == ';') {
				filter = line;
				filter_len = len;
				continue;
			}
			if (line_is(line, len, u"::NFC;") && !any_rule && out->n == 0)
				continue;
			if (line_is(line, len, u"::Null;") && any_rule) {
				if (!new_pass(out, filter, filter_len, n + 2)) {
					*why = "too many passes";
					return false;
				}
				any_rule = false;
				continue;
			}
			*why = "a line names another transliterator";
			return false;
		}
		if (!any_rule && out->n == 0 && !new_pass(out, filter, filter_len, n + 2)) {
			*why = "out of memory";
			return false;
		}
		UChar *t = out->text[out->n - 1];
		u_memcpy(t + out->len[out->n - 1], line, len);
		out->len[out->n - 1] += len;
		t[out->len[out->n - 1]++] = '\n';
		any_rule = true;
	}
	if (out->n == 0 || !any_rule) {
		*why = "no rules";
		return false;
	}
	for (unsigned i = 0; i < out->n; i++)
		out->text[i][out->len[i]] = 0;
	return true;
}

static UTransliterator *icu, *pass[TRANSLIT_RULES_MAX_PASSES];
static unsigned n_pass;
static long n_checked;

/* ICU's transliterator and the passes give the same text for s[0..n). */
static bool
same(const UChar *s, int32_t n)
{
	UChar a[OUT_MAX], b[OUT_MAX];
	int32_t la = n, lb = n, limit = n;
	UErrorCode st = U_ZERO_ERROR, st2 = U_ZERO_ERROR;
	u_memcpy(a, s, n);
	u_memcpy(b, s, n);
	utrans_transUChars(icu, a, &la, OUT_MAX, 0, &limit, &st);
	for (unsigned i = 0; i < n_pass && U_SUCCESS(st2); i++) {
		limit = lb;
		utrans_transUChars(pass[i], b, &lb, OUT_MAX, 0, &limit, &st2);
	}
	n_checked++;
	return U_SUCCESS(st) && U_SUCCESS(st2) && la == lb && u_memcmp(a, b, la) == 0;
}

static void
print_diff(const char *id, const UChar *s, int32_t n)
{
	char u8[4 * TEXT_MAX];
	UErrorCode st = U_ZERO_ERROR;
	u_strToUTF8(u8, (int32_t)sizeof u8, NULL, s, n, &st);
	fprintf(stderr, "translit_gen: %s: the passes differ from ICU on \"%s\"; the program "
	    "will open it by its ID\n", id, U_SUCCESS(st) ? u8 : "?");
}

/* The characters to test: those the rules name, and a few others. */
static USet *
alphabet(const UChar *rules, int32_t n)
{
	USet *set = uset_openEmpty();
	for (int32_t i = 0; i < n;) {
		UChar32 c;
		U16_NEXT(rules, i, n, c);
		if (c >= 0x80)
			uset_add(set, c);
	}
	static const UChar32 extra[] = { 'a', 'Z', ' ', '-', '.', '1', '\'', 0x301, 0x306, 0x308,
		0xB7, 0x456, 0x4E2, 0x4E00 };
	for (size_t i = 0; i < sizeof extra / sizeof extra[0]; i++)
		uset_add(set, extra[i]);
	return set;
}

static uint64_t rng = 88172645463325252ULL;

static uint32_t
next_random(void)
{
	return xorshift_next(&rng);
}

/* The rules' literal sources ("於飛" of "於飛 > 于飞;"), each alone and
 * between random characters. */
static bool
check_sources(const char *id, const UChar *rules, int32_t n, const UChar32 *cps, int32_t n_cps)
{
	for (int32_t at = 0; at < n;) {
		int32_t end = at;
		while (end < n && rules[end] != '\n')
			end++;
		UChar s[TEXT_MAX];
		int32_t k = 0, i = at;
		bool literal = true;
		for (; i < end && rules[i] != ' ' && rules[i] != '>'; i++) {
			if (rules[i] < 0x80 || k + 8 >= TEXT_MAX) {
				literal = false;
				break;
			}
			s[k++] = rules[i];
		}
		at = end + 1;
		if (!literal || k == 0)
			continue;
		UChar t[TEXT_MAX];
		int32_t m = 0;
		U16_APPEND_UNSAFE(t, m, cps[next_random() % (uint32_t)n_cps]);
		u_memcpy(t + m, s, k);
		m += k;
		U16_APPEND_UNSAFE(t, m, cps[next_random() % (uint32_t)n_cps]);
		if (!same(s, k)) {
			print_diff(id, s, k);
			return false;
		}
		if (!same(t, m)) {
			print_diff(id, t, m);
			return false;
		}
	}
	return true;
}

static bool
check(const char *id, const UChar *rules, int32_t n)
{
	USet *set = alphabet(rules, n);
	int32_t n_cps = uset_size(set);
	UChar32 *cps = malloc((size_t)n_cps * sizeof *cps);
	bool ok = cps != NULL;
	for (int32_t i = 0; ok && i < n_cps; i++)
		cps[i] = uset_charAt(set, i);
	uset_close(set);
	UChar s[TEXT_MAX];
	int32_t k;
	/* every character alone */
	for (int32_t i = 0; ok && i < n_cps; i++) {
		k = 0;
		U16_APPEND_UNSAFE(s, k, cps[i]);
		if (!(ok = same(s, k)))
			print_diff(id, s, k);
	}
	/* a small alphabet: every triple; a large one: every literal source */
	if (ok && n_cps <= 100) {
		for (int32_t a = 0; ok && a < n_cps; a++)
			for (int32_t b = 0; ok && b < n_cps; b++)
				for (int32_t c = 0; ok && c < n_cps; c++) {
					k = 0;
					U16_APPEND_UNSAFE(s, k, cps[a]);
					U16_APPEND_UNSAFE(s, k, cps[b]);
					U16_APPEND_UNSAFE(s, k, cps[c]);
					if (!(ok = same(s, k)))
						print_diff(id, s, k);
				}
	} else if (ok) {
		ok = check_sources(id, rules, n, cps, n_cps);
	}
	/* random strings of 1 to 12 characters */
	for (int r = 0; ok && r < 200000; r++) {
		int len = 1 + (int)(next_random() % 12);
		k = 0;
		for (int i = 0; i < len; i++)
			U16_APPEND_UNSAFE(s, k, cps[next_random() % (uint32_t)n_cps]);
		if (!(ok = same(s, k)))
			print_diff(id, s, k);
	}
	free(cps);
	return ok;
}

/* The passes of id, checked, into out; out->n is 0 when they cannot be. */
static void
make(const char *id, struct passes *out)
{
	UChar uid[64];
	UErrorCode st = U_ZERO_ERROR;
	out->n = 0;
	u_uastrncpy(uid, id, 63);
	uid[63] = 0;
	icu = utrans_openU(uid, -1, UTRANS_FORWARD, NULL, 0, NULL, &st);
	if (U_FAILURE(st)) {
		fprintf(stderr, "translit_gen: %s: cannot open it (%s)\n", id, u_errorName(st));
		return;
	}
	UChar *rules = malloc(RULES_MAX * sizeof *rules);
	int32_t n = rules ? utrans_toRules(icu, false, rules, RULES_MAX, &st) : 0;
	const char *why = NULL;
	if (rules == NULL || U_FAILURE(st) || n >= RULES_MAX)
		why = "cannot read its rules";
	else if (!split(rules, n, out, &why))
		passes_free(out);
	for (unsigned i = 0; why == NULL && i < out->n; i++) {
		UParseError pe;
		st = U_ZERO_ERROR;
		pass[i] = utrans_openU(u"x-spcomm-pass", -1, UTRANS_FORWARD, out->text[i],
		    out->len[i], &pe, &st);
		if (U_FAILURE(st))
			why = "a pass does not parse";
		else
			n_pass = i + 1;
	}
	if (why != NULL) {
		fprintf(stderr, "translit_gen: %s: %s; the program will open it by its ID\n", id, why);
		passes_free(out);
	} else if (!check(id, rules, n)) {
		passes_free(out);
	} else {
		fprintf(stderr, "translit_gen: %s: %u passes, %ld strings checked\n", id, out->n,
		    n_checked);
	}
	for (unsigned i = 0; i < n_pass; i++)
		utrans_close(pass[i]);
	n_pass = 0;
	n_checked = 0;
	utrans_close(icu);
	free(rules);
}

int
main(void)
{
	static const char *const ids[] = TRANSLIT_RULES_IDS;
	struct passes p[TRANSLIT_RULES_COUNT];
	printf("/* Generated by src/gen/translit_gen.c from ICU %s: do not edit. */\n",
	    U_ICU_VERSION);
	printf("#include \"translit_rules.h\"\n\n");
	for (int s = 0; s < TRANSLIT_RULES_COUNT; s++) {
		make(ids[s], &p[s]);
		for (unsigned i = 0; i < p[s].n; i++) {
			printf("static const uint16_t rules_%d_%u[] = {", s, i);
			for (int32_t k = 0; k <= p[s].len[i]; k++)
				printf("%s0x%X,", k % 12 == 0 ? "\n\t" : " ", (unsigned)p[s].text[i][k]);
			printf("\n};\n\n");
		}
	}
	printf("const struct translit_rules translit_rules[TRANSLIT_RULES_COUNT] = {\n");
	for (int s = 0; s < TRANSLIT_RULES_COUNT; s++) {
		printf("\t{ \"%s\", %u, {", ids[s], p[s].n);
		for (unsigned i = 0; i < p[s].n; i++)
			printf(" rules_%d_%u,", s, i);
		printf("%s } },\n", p[s].n == 0 ? " 0" : "");
		passes_free(&p[s]);
	}
	printf("};\n");
	u_cleanup();
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror("translit_gen");
		return 1;
	}
	return 0;
}
