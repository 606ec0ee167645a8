/*
 * test_text.c - the text layer against a fake device whose coverage and
 * widths are simple enough that every expected position is exact:
 *  - Sans faces: code points below U+0590 and General Punctuation;
 *  - Naskh faces: Arabic (U+0600-06FF, FB50-FDFF, FE70-FEFF), digits, space;
 *  - CJK: U+3000-9FFF and FF00-FFEF;
 * widths per mille of the size: space 250, harakat 0, Arabic 400, CJK 1000,
 * anything else 500 (whatever the face).
 */
#include <ctype.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "text.h"

static bool
fake_has_glyph(void *ctx, enum font_face face, uint32_t cp)
{
	(void)ctx;
	switch (face) {
	case FACE_SANS:
	case FACE_SANS_BOLD:
	case FACE_SANS_ITALIC:
		return cp < 0x590 || (cp >= 0x2000 && cp <= 0x206F);
	case FACE_NASKH:
	case FACE_NASKH_BOLD:
		return (cp >= 0x600 && cp <= 0x6FF) ||
		    (cp >= 0xFB50 && cp <= 0xFDFF) ||
		    (cp >= 0xFE70 && cp <= 0xFEFF) ||
		    (cp >= '0' && cp <= '9') || cp == ' ';
	case FACE_CJK:
		return (cp >= 0x3000 && cp <= 0x9FFF) ||
		    (cp >= 0xFF00 && cp <= 0xFFEF);
	case FACE__COUNT:
	default:
		return false;
	}
}

/* Next code point of s[*i..len), or 0xFFFFFFFF on bad UTF-8. */
static uint32_t
next_cp(const char *s, size_t len, size_t *i)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t c = u[*i];
	size_t n, k;

	if (c < 0x80)
		n = 0;
	else if ((c & 0xE0) == 0xC0)
		n = 1, c &= 0x1F;
	else if ((c & 0xF0) == 0xE0)
		n = 2, c &= 0x0F;
	else if ((c & 0xF8) == 0xF0)
		n = 3, c &= 0x07;
	else {
		(*i)++;
		return 0xFFFFFFFF;
	}
	if (n > 0 && *i + n >= len) {
		*i = len;
		return 0xFFFFFFFF;
	}
	for (k = 1; k <= n; k++)
		c = (c << 6) | (u[*i + k] & 0x3F);
	*i += n + 1;
	return c;
}

static double
fake_text_width(void *ctx, enum font_face face, const char *utf8, size_t len)
{
	double w = 0;
	size_t i = 0;
	uint32_t c;

	(void)ctx;
	(void)face;
	while (i < len) {
		c = next_cp(utf8, len, &i);
		if (c == ' ')
			w += 250;
		else if (c >= 0x064B && c <= 0x0652)
			w += 0;
		else if ((c >= 0x3000 && c <= 0x9FFF) || (c >= 0xFF00 && c <= 0xFFEF))
			w += 1000;
		else if ((c >= 0x600 && c <= 0x6FF) || (c >= 0xFB50 && c <= 0xFDFF) ||
		    (c >= 0xFE70 && c <= 0xFEFF))
			w += 400;
		else
			w += 500;
	}
	return w;
}

/* No shaper: the text layer draws one glyph per character (text.h). */
static const struct device fake = { NULL, fake_has_glyph, fake_text_width, NULL };

static struct text_ctx *tc;
static struct arena arena;

static bool
near(double a, double b)
{
	return fabs(a - b) < 1e-9;
}

/* Lay out text at size 10 (Latin letter 5 pt, space 2.5, CJK 10, Arabic 4). */
static bool
lay(const char *text, enum text_dir dir, const char *lang, double width,
    struct text_line **lines, size_t *n, size_t *missing)
{
	struct text_style st = { 10, STYLE_REGULAR, dir, lang };

	return text_break_paragraph(tc, text, strlen(text), &st, width, &arena,
	    lines, n, missing);
}

/* The runs of a line joined, in visual order. */
static const char *
joined(const struct text_line *line)
{
	char buf[4096];
	size_t i, at = 0;

	buf[0] = '\0';
	for (i = 0; i < line->n_runs && at + line->runs[i].len < sizeof buf; i++) {
		memcpy(buf + at, line->runs[i].text, line->runs[i].len);
		at += line->runs[i].len;
	}
	buf[at] = '\0';
	return arena_strdup(&arena, buf);
}

/* Invariants of every line: runs abut from x = 0, widths add up, a space
 * only as the last character of a run and then marked as a gap (except in
 * the last run), every character covered by its run's face. */
static void
check_line(const struct text_line *line, bool all_covered)
{
	double x = 0;
	size_t i, j;
	uint32_t c;

	for (i = 0; i < line->n_runs; i++) {
		const struct text_run *r = &line->runs[i];
		bool last = i + 1 == line->n_runs;
		bool space_end = r->len > 0 && r->text[r->len - 1] == ' ';

		CHECK(near(r->x, x));
		CHECK(near(r->width, fake_text_width(NULL, r->face, r->text,
		    r->len) / 100.0));
		CHECK(r->len > 0);
		CHECK(memchr(r->text, ' ', r->len) == NULL ||
		    (memchr(r->text, ' ', r->len) == r->text + r->len - 1));
		CHECK(r->ends_with_space == (space_end && !last));
		CHECK(strlen(r->text) == r->len);
		for (j = 0; all_covered && j < r->len; ) {
			c = next_cp(r->text, r->len, &j);
			CHECK(fake_has_glyph(NULL, r->face, c));
		}
		x += r->width;
	}
	CHECK(near(line->width, x));
	if (line->n_runs > 0)
		CHECK(line->runs[line->n_runs - 1].text[
		    line->runs[line->n_runs - 1].len - 1] != ' ');
}

static void
check_all(const struct text_line *lines, size_t n, double width)
{
	size_t i;

	for (i = 0; i < n; i++) {
		check_line(&lines[i], true);
		CHECK(lines[i].width <= width + 1e-9);
	}
}

/* Does the UTF-8 string contain a code point in [lo, hi]? */
static bool
has_cp(const char *s, uint32_t lo, uint32_t hi)
{
	size_t i = 0, len = strlen(s);
	uint32_t c;

	while (i < len) {
		c = next_cp(s, len, &i);
		if (c >= lo && c <= hi)
			return true;
	}
	return false;
}

static void
english_wraps(void)
{
	struct text_line *l;
	size_t n, miss;

	CHECK(lay("The quick brown fox jumps over the lazy dog", TEXT_LTR, "en",
	    60, &l, &n, &miss));
	CHECK_INT(n, 4);
	CHECK_INT(miss, 0);
	if (n != 4)
		return;
	check_all(l, n, 60);
	CHECK_STR(joined(&l[0]), "The quick");
	CHECK_STR(joined(&l[1]), "brown fox");
	CHECK_STR(joined(&l[2]), "jumps over");
	CHECK_STR(joined(&l[3]), "the lazy dog");
	CHECK(near(l[0].width, 42.5));
	CHECK(near(l[2].width, 47.5));
	CHECK(near(l[3].width, 55));
	CHECK_INT(l[0].n_runs, 2);
	CHECK_STR(l[0].runs[0].text, "The ");
	CHECK(l[0].runs[0].ends_with_space);
	CHECK(near(l[0].runs[1].x, 17.5));
	CHECK_INT(l[0].runs[0].face, FACE_SANS);
	CHECK(!l[0].hard_break && !l[2].hard_break && l[3].hard_break);
	CHECK(!l[0].rtl && !l[0].runs[0].rtl);
}

static void
exact_fit_and_styles(void)
{
	struct text_line *l;
	size_t n, miss;
	struct text_style st = { 10, STYLE_BOLD, TEXT_LTR, "en" };

	/* "aaaa bbbb" is 42.5 pt: fits a 42.5 pt line exactly. */
	CHECK(lay("aaaa bbbb", TEXT_LTR, "en", 42.5, &l, &n, &miss));
	CHECK_INT(n, 1);
	CHECK(text_break_paragraph(tc, "aaaa bbbb", 9, &st, 42.4, &arena, &l,
	    &n, &miss));
	CHECK_INT(n, 2);
	if (n == 2)
		CHECK_INT(l[0].runs[0].face, FACE_SANS_BOLD);
}

static void
long_word_split(void)
{
	const char *in = "a supercalifragilisticexpialidocious b";
	struct text_line *l;
	size_t n, miss, i;
	char all[256] = "";

	CHECK(lay(in, TEXT_LTR, "en", 50, &l, &n, &miss));
	CHECK_INT(n, 5);
	if (n != 5)
		return;
	check_all(l, n, 50);
	CHECK_STR(joined(&l[0]), "a");
	CHECK_STR(joined(&l[1]), "supercalif");
	CHECK_STR(joined(&l[2]), "ragilistic");
	CHECK_STR(joined(&l[3]), "expialidoc");
	CHECK_STR(joined(&l[4]), "ious b");
	/* Nothing lost: the lines and the one removed space give the input. */
	for (i = 0; i < n; i++) {
		strcat(all, joined(&l[i]));
		if (i == 0)
			strcat(all, " ");
	}
	CHECK_STR(all, in);

	/* Narrower than one letter: still one grapheme per line. */
	CHECK(lay("abc", TEXT_LTR, "en", 1, &l, &n, &miss));
	CHECK_INT(n, 3);
	if (n == 3)
		CHECK_STR(joined(&l[2]), "c");
	/* A combining sequence is one grapheme and is never cut. */
	CHECK(lay("e\xCC\x81" "e\xCC\x81", TEXT_LTR, "en", 1, &l, &n, &miss));
	CHECK_INT(n, 2);
	if (n == 2)
		CHECK_STR(joined(&l[0]), "e\xCC\x81");
}

/* The lines of in at width, joined with '|'. */
static const char *
broken(const char *in, double width)
{
	struct text_line *l;
	size_t n, miss, i;
	char *s = arena_strdup(&arena, "");

	if (!lay(in, TEXT_LTR, "en", width, &l, &n, &miss))
		return "(failed)";
	check_all(l, n, width);
	for (i = 0; i < n; i++)
		s = arena_printf(&arena, "%s%s%s", s, i ? "|" : "", joined(&l[i]));
	return s;
}

static void
addresses_unbroken(void)
{
	/* ICU breaks after the hyphen ("urgent-|action@ohchr.org"): another
	 * address; the whole address goes to the next line instead */
	CHECK_STR(broken("Write to urgent-action@ohchr.org today", 120),
	    "Write to|urgent-action@ohchr.org|today");
	CHECK_STR(broken("Write to urgent-action@ohchr.org.", 120),
	    "Write to|urgent-action@ohchr.org.");
	/* ordinary hyphenated words still break */
	CHECK_STR(broken("a well-known fact", 50), "a well-|known fact");
	/* an address wider than the line: cut before '.' or '@', no hyphen */
	CHECK_STR(broken("Write to urgent-action@ohchr.org today", 100),
	    "Write to|urgent-action@ohchr|.org today");
	CHECK_STR(broken("Write to urgent-action@ohchr.org", 70),
	    "Write to|urgent-action|@ohchr.org");
	/* a URL: after '/', before '.' */
	CHECK_STR(broken("See https://ohchr.org/en/special-procedures now", 100),
	    "See|https://ohchr.org/|en/|special-procedures|now");
	CHECK_STR(broken("(www.ohchr.org/x-y)", 200), "(www.ohchr.org/x-y)");
	/* no '/', '.' or '@' that fits: between graphemes, nothing lost */
	CHECK_STR(broken("abcdefghij@example.org", 30), "abcdef|ghij|@examp|le.org");
}

static void
pathological_word(void)
{
	/* 200 KB without a break opportunity: must not be quadratic in
	 * the word (each line would re-measure the rest of it). */
	size_t len = 200000, n, miss, i, total = 0;
	char *s = xmalloc(len + 1);
	struct text_line *l;

	memset(s, 'x', len);
	s[len] = '\0';
	CHECK(lay(s, TEXT_LTR, "en", 500, &l, &n, &miss));
	CHECK_INT(n, len / 100);
	for (i = 0; i < n; i++)
		total += l[i].runs[0].len;
	CHECK_INT(total, len);
	free(s);
}

static void
hard_breaks(void)
{
	struct text_line *l;
	size_t n, miss;

	CHECK(lay("one\ntwo three", TEXT_LTR, "en", 1000, &l, &n, &miss));
	CHECK_INT(n, 2);
	if (n == 2) {
		CHECK_STR(joined(&l[0]), "one");
		CHECK(l[0].hard_break);
		CHECK_STR(joined(&l[1]), "two three");
		CHECK(l[1].hard_break);
		CHECK(near(l[0].width, 15));
	}
	CHECK(lay("a\n\nb\n", TEXT_LTR, "en", 1000, &l, &n, &miss));
	CHECK_INT(n, 3);
	if (n == 3) {
		CHECK_INT(l[1].n_runs, 0);
		CHECK(l[1].hard_break);
		CHECK(near(l[1].width, 0));
		CHECK_STR(joined(&l[2]), "b");
	}
	CHECK(lay("", TEXT_LTR, "en", 1000, &l, &n, &miss));
	CHECK_INT(n, 0);
	/* Trailing spaces are neither measured nor drawn. */
	CHECK(lay("ab   ", TEXT_LTR, "en", 1000, &l, &n, &miss));
	CHECK_INT(n, 1);
	if (n == 1) {
		CHECK_STR(joined(&l[0]), "ab");
		CHECK(near(l[0].width, 10));
	}
}

static void
justify(void)
{
	struct text_line *l;
	size_t n, miss;

	CHECK(lay("aa bb cc dddddd", TEXT_LTR, "en", 40, &l, &n, &miss));
	CHECK_INT(n, 2);
	if (n != 2)
		return;
	CHECK(near(l[0].width, 35));
	text_justify(&l[0], 40);
	CHECK_INT(l[0].n_runs, 3);
	CHECK(near(l[0].runs[0].x, 0));
	CHECK(near(l[0].runs[1].x, 15));
	CHECK(near(l[0].runs[2].x, 30));
	CHECK(near(l[0].runs[2].x + l[0].runs[2].width, 40));
	CHECK(near(l[0].width, 40));
	/* The last line is a hard break: left as it is. */
	text_justify(&l[1], 40);
	CHECK(near(l[1].runs[0].x, 0));
	CHECK(near(l[1].width, 30));
}

static void
arabic_rtl(void)
{
	struct text_line *l;
	size_t n, miss;
	const char *s;

	/* محمد بن سلمان */
	CHECK(lay("\xD9\x85\xD8\xAD\xD9\x85\xD8\xAF \xD8\xA8\xD9\x86 "
	    "\xD8\xB3\xD9\x84\xD9\x85\xD8\xA7\xD9\x86", TEXT_RTL, "ar", 1000,
	    &l, &n, &miss));
	CHECK_INT(n, 1);
	CHECK_INT(miss, 0);
	if (n != 1)
		return;
	check_all(l, n, 1000);
	CHECK(l[0].rtl);
	CHECK_INT(l[0].n_runs, 3);
	CHECK(near(l[0].width, 11 * 4 + 2 * 2.5));
	if (l[0].n_runs != 3)
		return;
	CHECK(l[0].runs[0].rtl && l[0].runs[1].rtl && l[0].runs[2].rtl);
	CHECK_INT(l[0].runs[0].face, FACE_NASKH);
	/* Visual order: سلمان leftmost, محمد rightmost, reversed; the
	 * letters stay as they are (joining is the device's shaping, and
	 * this device does not shape): د م ح م. */
	CHECK_STR(l[0].runs[2].text, "\xD8\xAF\xD9\x85\xD8\xAD\xD9\x85");
	/* بن reversed: ن ب; then the gap. */
	CHECK_STR(l[0].runs[1].text, "\xD9\x86\xD8\xA8 ");
	CHECK(has_cp(l[0].runs[0].text, 0x0600, 0x06FF));
	CHECK(!has_cp(l[0].runs[0].text, 0xFE70, 0xFEFF));

	/* TEXT_AUTO finds the Arabic; the same lines come out. */
	CHECK(lay("\xD9\x85\xD8\xAD\xD9\x85\xD8\xAF \xD8\xA8\xD9\x86", TEXT_AUTO,
	    "ar", 1000, &l, &n, &miss));
	CHECK(n == 1 && l[0].rtl);

	/* Harakat: مُحَمَّد keeps combining marks (not FE7x), in Naskh. */
	CHECK(lay("\xD9\x85\xD9\x8F\xD8\xAD\xD9\x8E\xD9\x85\xD9\x91\xD9\x8E\xD8\xAF",
	    TEXT_RTL, "ar", 1000, &l, &n, &miss));
	CHECK(n == 1 && l[0].n_runs == 1);
	if (n == 1 && l[0].n_runs == 1) {
		s = l[0].runs[0].text;
		CHECK(!has_cp(s, 0xFE70, 0xFE7F));
		CHECK(has_cp(s, 0x064F, 0x064F) && has_cp(s, 0x0651, 0x0651));
		CHECK_INT(l[0].runs[0].face, FACE_NASKH);
		CHECK(near(l[0].width, 4 * 4));
	}
	/* Brackets: the run's text is in visual order but not mirrored (a
	 * reader puts right-to-left text back in logical order and mirrors
	 * nothing back): logical "(" is last, on the right.  The glyph drawn
	 * for it is the device's business (shape.c draws the mirror glyph,
	 * with a code of its own). */
	CHECK(lay("(\xD9\x85\xD8\xAD\xD9\x85\xD8\xAF)", TEXT_RTL, "ar", 1000, &l,
	    &n, &miss));
	if (n == 1) {
		s = joined(&l[0]);
		CHECK(s[0] == ')' && s[strlen(s) - 1] == '(');
	}
}

static void
arabic_with_latin(void)
{
	/* المتهم John Smith رقم 2024 */
	const char *in = "\xD8\xA7\xD9\x84\xD9\x85\xD8\xAA\xD9\x87\xD9\x85 John Smith "
	    "\xD8\xB1\xD9\x82\xD9\x85 2024";
	struct text_line *l;
	size_t n, miss, i;
	const char *want[] = { "2024", " ", NULL, "John ", "Smith", " ", NULL };
	const enum font_face faces[] = { FACE_NASKH, FACE_NASKH, FACE_NASKH,
	    FACE_SANS, FACE_SANS, FACE_NASKH, FACE_NASKH };
	const bool rtl[] = { false, true, true, false, false, true, true };

	CHECK(lay(in, TEXT_RTL, "ar", 1000, &l, &n, &miss));
	CHECK_INT(n, 1);
	CHECK_INT(miss, 0);
	if (n != 1)
		return;
	check_all(l, n, 1000);
	CHECK(l[0].rtl);
	CHECK_INT(l[0].n_runs, 7);
	if (l[0].n_runs != 7)
		return;
	for (i = 0; i < 7; i++) {
		if (want[i] != NULL)
			CHECK_STR(l[0].runs[i].text, want[i]);
		CHECK_INT(l[0].runs[i].face, faces[i]);
		CHECK(l[0].runs[i].rtl == rtl[i]);
	}
	/* رقم reversed, then its gap: م ق ر. */
	CHECK_STR(l[0].runs[2].text, "\xD9\x85\xD9\x82\xD8\xB1 ");
	/* 2024 | gap | رقم | gap | John | gap | Smith | gap | المتهم */
	CHECK(near(l[0].runs[3].x, 20 + 2.5 + 3 * 4 + 2.5));
	CHECK(near(l[0].width, 4 * 5 + 9 * 5 + 9 * 4 + 4 * 2.5));

	/* Broken at 50 pt: "المتهم John" (46.5), "Smith رقم" (39.5), "2024";
	 * the logical start is on the first line, each line reordered on its
	 * own, so the Latin word is at the left of an RTL line. */
	CHECK(lay(in, TEXT_RTL, "ar", 50, &l, &n, &miss));
	CHECK_INT(n, 3);
	if (n == 3) {
		check_all(l, n, 50);
		CHECK(near(l[0].width, 46.5));
		CHECK_STR(l[0].runs[0].text, "John");
		CHECK_STR(l[1].runs[l[1].n_runs - 1].text, "Smith");
		CHECK(has_cp(l[1].runs[0].text, 0x0600, 0x06FF));
		CHECK_STR(joined(&l[2]), "2024");
		/* Faces are chosen for the paragraph, before breaking: the
		 * digits after an Arabic word stay in Naskh wherever the
		 * line breaks, as on one line. */
		CHECK_INT(l[2].runs[0].face, FACE_NASKH);
		CHECK(!l[0].hard_break && !l[1].hard_break && l[2].hard_break);
		CHECK(l[1].rtl && l[2].rtl);
	}
}

/* Latin names listed in an Arabic sentence, broken at many widths: the
 * levels are the paragraph's (UAX #9), so a comma between two Latin
 * words keeps to the word before it at the end of a line, instead of
 * jumping to the line's other side as the line resolved alone puts it. */
static void
arabic_latin_list_broken(void)
{
	/* البيان: Amnesty International, Human Rights Watch, Front Line
	 * Defenders, International Commission of Jurists */
	const char *in = "\xD8\xA7\xD9\x84\xD8\xA8\xD9\x8A\xD8\xA7\xD9\x86: Amnesty "
	    "International, Human Rights Watch, Front Line Defenders, International "
	    "Commission of Jurists";
	struct text_line *l;
	size_t n, miss, bad = 0, ends = 0;
	/* from the width of the longest word and its comma (70 pt) */
	for (double w = 72; w <= 400; w += 7) {
		CHECK(lay(in, TEXT_RTL, "ar", w, &l, &n, &miss));
		for (size_t i = 0; i < n; i++) {
			const char *s = joined(&l[i]);
			size_t len = strlen(s);
			while (len > 0 && s[len - 1] == ' ')
				len--;
			ends += len > 0 && s[len - 1] == ',';
			for (size_t k = 0; k < len; k++)
				if (s[k] == ',' && (k == 0 || !isalpha((unsigned char)s[k - 1]))) {
					bad++;
					fprintf(stderr, "width %g, line %zu: \"%s\"\n", w, i, s);
				}
		}
	}
	CHECK_INT(bad, 0);
	CHECK(ends > 0);   /* some line ends with a Latin word and its comma */
}

static void
chinese(void)
{
	/* 法院认定，被告人陈勇有罪。 */
	const char *in = "\xE6\xB3\x95\xE9\x99\xA2\xE8\xAE\xA4\xE5\xAE\x9A\xEF\xBC\x8C"
	    "\xE8\xA2\xAB\xE5\x91\x8A\xE4\xBA\xBA\xE9\x99\x88\xE5\x8B\x87"
	    "\xE6\x9C\x89\xE7\xBD\xAA\xE3\x80\x82";
	const char *comma = "\xEF\xBC\x8C", *stop = "\xE3\x80\x82";
	struct text_line *l;
	size_t n, miss, i;

	CHECK(lay(in, TEXT_LTR, "zh", 50, &l, &n, &miss));
	CHECK_INT(n, 3);
	if (n == 3) {
		check_all(l, n, 50);
		CHECK_STR(joined(&l[0]), "\xE6\xB3\x95\xE9\x99\xA2\xE8\xAE\xA4\xE5\xAE\x9A\xEF\xBC\x8C");
		CHECK_STR(joined(&l[1]), "\xE8\xA2\xAB\xE5\x91\x8A\xE4\xBA\xBA\xE9\x99\x88\xE5\x8B\x87");
		CHECK_STR(joined(&l[2]), "\xE6\x9C\x89\xE7\xBD\xAA\xE3\x80\x82");
		CHECK_INT(l[0].n_runs, 1);
		CHECK_INT(l[0].runs[0].face, FACE_CJK);
		CHECK(near(l[0].width, 50));
	}
	/* 40 pt: 定， would not fit after 法院认, and "，" may not start a
	 * line, so 定 moves down with it. */
	CHECK(lay(in, TEXT_LTR, "zh", 40, &l, &n, &miss));
	CHECK_INT(n, 4);
	if (n == 4) {
		check_all(l, n, 40);
		CHECK_STR(joined(&l[0]), "\xE6\xB3\x95\xE9\x99\xA2\xE8\xAE\xA4");
		CHECK_STR(joined(&l[1]), "\xE5\xAE\x9A\xEF\xBC\x8C\xE8\xA2\xAB\xE5\x91\x8A");
	}
	for (i = 0; i < n; i++) {
		CHECK(strncmp(l[i].runs[0].text, comma, 3) != 0);
		CHECK(strncmp(l[i].runs[0].text, stop, 3) != 0);
	}
}

static void
chinese_with_latin(void)
{
	/* 陈勇 (Chen Yong) */
	struct text_line *l;
	size_t n, miss;

	CHECK(lay("\xE9\x99\x88\xE5\x8B\x87 (Chen Yong)", TEXT_LTR, "zh", 1000,
	    &l, &n, &miss));
	CHECK_INT(n, 1);
	if (n != 1)
		return;
	check_all(l, n, 1000);
	/* The space takes the face of the Latin that follows it (the CJK
	 * face has no space) and, like every space, ends its run. */
	CHECK_INT(l[0].n_runs, 4);
	if (l[0].n_runs != 4)
		return;
	CHECK_STR(l[0].runs[0].text, "\xE9\x99\x88\xE5\x8B\x87");
	CHECK_INT(l[0].runs[0].face, FACE_CJK);
	CHECK_STR(l[0].runs[1].text, " ");
	CHECK_INT(l[0].runs[1].face, FACE_SANS);
	CHECK_STR(l[0].runs[2].text, "(Chen ");
	CHECK_INT(l[0].runs[2].face, FACE_SANS);
	CHECK_STR(l[0].runs[3].text, "Yong)");
	CHECK(near(l[0].runs[1].x, 20));
	CHECK(near(l[0].runs[2].x, 22.5));
	CHECK(!l[0].runs[0].ends_with_space);
}

static void
missing_glyphs(void)
{
	struct text_line *l;
	size_t n, miss;

	/* Georgian ა: no face of the fake covers it. */
	CHECK(lay("a \xE1\x83\x90 b", TEXT_LTR, "en", 1000, &l, &n, &miss));
	CHECK_INT(n, 1);
	CHECK_INT(miss, 1);
	if (n == 1) {
		check_line(&l[0], false);
		CHECK_STR(joined(&l[0]), "a \xE1\x83\x90 b");
		CHECK_INT(l[0].runs[1].face, FACE_SANS);
	}
}

static void
invalid_input(void)
{
	struct text_line *l = (struct text_line *)&arena;
	size_t n = 7, miss = 7;
	struct text_style st = { 10, STYLE_REGULAR, TEXT_LTR, "en" };

	CHECK(!text_break_paragraph(tc, "ab\xC3", 3, &st, 100, &arena, &l, &n,
	    &miss));
	CHECK_INT(n, 0);
	CHECK(l == NULL);
	CHECK(near(text_width(tc, "\xFF", 1, &st), 0));
	/* An unknown language tag falls back to the root rules. */
	st.lang = "xx-invalid-@@";
	CHECK(text_break_paragraph(tc, "a b", 3, &st, 100, &arena, &l, &n, &miss));
	CHECK_INT(n, 1);
	st.lang = NULL;
	CHECK(text_break_paragraph(tc, "a b", 3, &st, 100, &arena, &l, &n, &miss));
	CHECK_INT(n, 1);
}

static void
widths(void)
{
	struct text_style st = { 10, STYLE_REGULAR, TEXT_AUTO, "en" };
	struct text_style big = { 20, STYLE_ITALIC, TEXT_LTR, "fr" };

	CHECK(near(text_width(tc, "Hello world", 11, &st), 52.5));
	CHECK(near(text_width(tc, "Hello world", 11, &big), 105));
	CHECK(near(text_width(tc, "\xE9\x99\x88 x", 5, &st), 10 + 2.5 + 5));
	CHECK(near(text_width(tc, "", 0, &st), 0));
	/* Measured as a line: trailing spaces do not count. */
	CHECK(near(text_width(tc, "ab ", 3, &st), 10));
}

/* The last glyph of line l, or NULL. */
static const struct glyph *
last_glyph(const struct text_line *l)
{
	if (l->n_runs == 0 || l->runs[l->n_runs - 1].n_glyphs == 0)
		return NULL;
	const struct text_run *r = &l->runs[l->n_runs - 1];
	return &r->glyphs[r->n_glyphs - 1];
}

/* A line broken at a soft hyphen ends with it drawn; elsewhere it is
 * invisible. */
static void
soft_hyphen(void)
{
	struct text_line *l;
	size_t n, miss;
	const struct glyph *g;

	/* "aaaa" 20 pt + the hyphen 5: fits in 30, "aaaabbbb" (40) does not */
	CHECK(lay("aaaa\xC2\xAD" "bbbb cc", TEXT_LTR, "de", 30, &l, &n, &miss));
	CHECK_INT(n, 3);
	CHECK_STR(joined(&l[0]), "aaaa\xC2\xAD");
	CHECK(near(l[0].width, 25));
	CHECK((g = last_glyph(&l[0])) != NULL && g->cp == 0xAD && near(g->adv * 10 / 1000.0, 5));
	CHECK_STR(joined(&l[1]), "bbbb");
	CHECK((g = last_glyph(&l[1])) != NULL && g->cp == 'b');
	/* room for "aaaa" but not its hyphen: not broken there */
	CHECK(lay("aaaa\xC2\xAD" "bbbb cc", TEXT_LTR, "de", 22, &l, &n, &miss));
	CHECK(n > 0 && l[0].width <= 22);
	CHECK((g = last_glyph(&l[0])) != NULL && g->cp != 0xAD);
	/* not at a line's end: no width, nothing drawn */
	CHECK(lay("aaaa\xC2\xAD" "bbbb cc", TEXT_LTR, "de", 100, &l, &n, &miss));
	CHECK_INT(n, 1);
	CHECK(near(l[0].width, 40 + 2.5 + 10));
	for (size_t r = 0; r < l[0].n_runs; r++)
		for (size_t k = 0; k < l[0].runs[r].n_glyphs; k++)
			CHECK(l[0].runs[r].glyphs[k].cp != 0xAD);
	/* at a paragraph's end: nothing follows, no hyphen */
	CHECK(lay("aaaa\xC2\xAD", TEXT_LTR, "de", 100, &l, &n, &miss));
	CHECK_INT(n, 1);
	CHECK(near(l[0].width, 20));
	/* after a space it splits no word: no hyphen */
	CHECK(lay("cc \xC2\xAD" "aaaabbbb", TEXT_LTR, "de", 30, &l, &n, &miss));
	for (size_t i = 0; i < n; i++)
		CHECK((g = last_glyph(&l[i])) == NULL || g->cp != 0xAD);
	/* nor is it text inside a line */
	CHECK(lay("aa\xC2\xAD" "bb", TEXT_LTR, "de", 100, &l, &n, &miss));
	CHECK_STR(joined(&l[0]), "aabb");
	/* a right-to-left paragraph does not hyphenate */
	CHECK(lay("aaaa\xC2\xAD" "bbbb cc", TEXT_RTL, "ar", 30, &l, &n, &miss));
	for (size_t i = 0; i < n; i++)
		CHECK((g = last_glyph(&l[i])) == NULL || g->cp != 0xAD);
}

int
main(void)
{
	tc = text_ctx_new(&fake);
	if (tc == NULL) {
		fputs("text_ctx_new failed\n", stderr);
		return 1;
	}
	RUN(english_wraps);
	RUN(exact_fit_and_styles);
	RUN(long_word_split);
	RUN(addresses_unbroken);
	RUN(pathological_word);
	RUN(hard_breaks);
	RUN(justify);
	RUN(arabic_rtl);
	RUN(arabic_latin_list_broken);
	RUN(arabic_with_latin);
	RUN(chinese);
	RUN(chinese_with_latin);
	RUN(missing_glyphs);
	RUN(invalid_input);
	RUN(widths);
	RUN(soft_hyphen);
	text_ctx_free(tc);
	arena_free(&arena);
	return harness_done();
}
