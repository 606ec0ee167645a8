/*
 * test_coverage.c - the characters the validator lets through are the ones
 * the PDF device draws: coverage.c asks the fonts' cmaps through HarfBuzz,
 * the device (pdf.c) asks libharu, and the two must agree, style by style,
 * on every character of the Basic Multilingual Plane.
 */
#include <stdlib.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "coverage.h"
#include "device.h"
#include "fonts.h"
#include "harness.h"
#include "intl.h"
#include "pdf.h"
#include "text.h"

static struct coverage *cov;

static void
test_scripts(void)
{
	char err[512] = "";
	cov = coverage_open(NULL, err, sizeof err);
	CHECK(cov != NULL);
	if (cov == NULL)
		return;
	for (uint32_t c = 0x20; c < 0x7F; c++)
		CHECK(coverage_has(cov, c));
	static const uint32_t drawn[] = {
		0x00E9, 0x0130, 0x1EA1,         /* é İ ạ */
		0x0416, 0x044F, 0x03A9,         /* Ж я Ω */
		0x0628, 0x06A9, 0x06CC, 0xFEDF, /* ب ک ی, and a presentation form */
		0x064E, 0x0651, 0x060C,         /* harakat, Arabic comma */
		0x9648, 0x52C7, 0x3002, 0xFF0C, /* 陈 勇 。 ， */
		0x2019, 0x00AB, 0x2014, 0x2116, 0x00A0, 0x200C, 0x200D,
	};
	for (size_t i = 0; i < sizeof drawn / sizeof drawn[0]; i++)
		if (!coverage_has(cov, drawn[i])) {
			fprintf(stderr, "  U+%04X not drawable\n", (unsigned)drawn[i]);
			CHECK(false);
		}
	static const uint32_t not_drawn[] = {
		0x0915, /* Devanagari */ 0x05D0, /* Hebrew */ 0x1200, /* Ethiopic */
		0x0E01, /* Thai */ 0x2713, /* check mark */ 0xD800, /* surrogate */
	};
	for (size_t i = 0; i < sizeof not_drawn / sizeof not_drawn[0]; i++)
		CHECK(!coverage_has(cov, not_drawn[i]));
	CHECK(!coverage_has(cov, 0x20BB7)); /* above the BMP */

	uint32_t cp = 0;
	const char ok[] = "Aida Sadykova, Аида Садыкова, 陈勇, محمد\n\tend";
	CHECK(!intl_first_undrawable(ok, sizeof ok - 1, coverage_has, cov, &cp));
	const char bad[] = "Lawyer (वकील)";
	CHECK(intl_first_undrawable(bad, sizeof bad - 1, coverage_has, cov, &cp));
	CHECK_INT(cp, 0x0935);
	char name[128];
	intl_char_name(cp, name, sizeof name);
	CHECK_STR(name, "DEVANAGARI LETTER VA");
}

/* Every character coverage.c calls drawable has, in each style, a face of
 * that style's chain whose glyph libharu finds; and every character that
 * the regular chain draws for libharu is drawable unless another style
 * lacks it.  Bidi controls are drawable without a glyph (never drawn). */
static void
test_agrees_with_device(void)
{
	char err[512] = "";
	struct pdf_fonts *pf = pdf_fonts_open(NULL, err, sizeof err);
	CHECK(pf != NULL);
	if (pf == NULL || cov == NULL)
		return;
	const struct device *dev = pdf_fonts_device(pf);
	static const enum font_style styles[] = { STYLE_REGULAR, STYLE_BOLD, STYLE_ITALIC };
	size_t disagree = 0, drawable = 0;
	for (uint32_t c = 0x20; c < 0x10000; c++) {
		if (c >= 0xD800 && c <= 0xDFFF)
			continue;
		bool all = true;
		for (size_t s = 0; s < 3; s++) {
			bool any = false;
			for (const enum font_face *f = fonts_fallback(styles[s]); *f != FACE__COUNT; f++)
				any = any || dev->has_glyph(dev->ctx, *f, c);
			all = all && any;
		}
		all = all || u_hasBinaryProperty((UChar32)c, UCHAR_BIDI_CONTROL);
		drawable += all;
		if (all != coverage_has(cov, c) && disagree++ < 10)
			fprintf(stderr, "  U+%04X: HarfBuzz says %d, libharu %d\n", (unsigned)c,
			    coverage_has(cov, c), all);
	}
	printf("%zu drawable characters\n", drawable);
	CHECK(drawable > 30000);
	CHECK_INT(disagree, 0);
	pdf_fonts_close(pf);
}

/* What the validator lets through, the text layer draws: every drawable
 * character, between two Arabic letters (so that Arabic ones take their
 * medial form, which the font must have too) and alone, in each style,
 * is laid out with no character left without a glyph. */
static void
test_text_layer_draws_them(void)
{
	char err[512] = "";
	struct pdf_fonts *pf = pdf_fonts_open(NULL, err, sizeof err);
	CHECK(pf != NULL);
	if (pf == NULL || cov == NULL)
		return;
	struct text_ctx *tc = text_ctx_new(pdf_fonts_device(pf));
	size_t tested = 0, missing_total = 0;
	for (uint32_t c = 0x20; c < 0x10000; c++) {
		if (!coverage_has(cov, c))
			continue;
		uint32_t cps[5] = { 0x0628, c, 0x0628, 0x20, c };
		char s[32];
		size_t n = 0;
		for (int k = 0; k < 5; k++)
			U8_APPEND_UNSAFE(s, n, cps[k]);
		for (int style = 0; style < STYLE__COUNT; style++) {
			struct arena a = { 0 };
			struct text_line *lines = NULL;
			size_t n_lines = 0, missing = 0;
			struct text_style st = { .size = 10, .style = (enum font_style)style, .lang = "en" };
			bool ok = text_break_paragraph(tc, s, n, &st, 400, &a, &lines, &n_lines, &missing);
			CHECK(ok);
			if (missing > 0 && missing_total++ < 10)
				fprintf(stderr, "  U+%04X: %zu characters without a glyph in style %d\n",
				    (unsigned)c, missing, style);
			arena_free(&a);
		}
		tested++;
	}
	printf("%zu drawable characters laid out in %d styles\n", tested, STYLE__COUNT);
	CHECK(tested > 30000);
	CHECK_INT(missing_total, 0);
	text_ctx_free(tc);
	pdf_fonts_close(pf);
}

static void
test_missing_fonts(void)
{
	char err[512] = "";
	CHECK(coverage_open("/nonexistent-font-dir", err, sizeof err) == NULL);
	CHECK(strstr(err, "fonts-noto-core") != NULL);
}

int
main(void)
{
	RUN(test_scripts);
	RUN(test_agrees_with_device);
	RUN(test_text_layer_draws_them);
	RUN(test_missing_fonts);
	coverage_close(cov);
	return harness_done();
}
