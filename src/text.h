/*
 * text.h - the text layer: a paragraph of logical-order UTF-8 -> lines of
 * positioned runs, each run in one direction and one font face.
 *
 * Built for all six output languages from the start:
 *  - line break opportunities from ICU's line-break iterator for the
 *    paragraph's language (CJK breaks between characters, closing
 *    punctuation stays with its character), mandatory breaks at '\n',
 *    and a forced break at a grapheme boundary when one word is wider
 *    than the line (no text is ever dropped);
 *  - bidi with ICU (ubidi): the paragraph has a base direction, each line
 *    is reordered to visual order on its own after breaking;
 *  - font fallback by glyph coverage: each run is drawn in the first face
 *    of the style's chain (fonts.h) that has its glyphs (asked of the
 *    device), so a Latin name inside Arabic, or Chinese inside English,
 *    gets its own font; faces are decided once per paragraph;
 *  - shaping by the device (device.h shape(): HarfBuzz in the PDF
 *    device): kerning, Arabic joining, ligatures and mark positioning.
 *    A paragraph is shaped once, in stretches of one face and direction,
 *    to measure: a candidate line's width is a difference of prefix sums
 *    of cluster advances, so the greedy breaker measures in O(1).  The
 *    line chosen is shaped again on its own, in visual runs, to draw.
 * Widths come from the device, in points.
 *
 * Thread safety: a struct text_ctx belongs to one thread.  Only text.c
 * includes ICU's bidi and break headers.
 */
#ifndef SPCOMM_TEXT_H
#define SPCOMM_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "device.h"
#include "fonts.h"

enum text_dir { TEXT_LTR, TEXT_RTL, TEXT_AUTO };

struct text_style {
	double size;              /* points */
	enum font_style style;
	enum text_dir dir;        /* paragraph base direction; AUTO = first strong char */
	const char *lang;         /* BCP 47, for line breaking rules ("en", "zh", "ar") */
};

/* One run: consecutive characters of one line in one face and one
 * direction, in visual order, shaped, ready to be drawn left to right
 * from line start + x. */
struct text_run {
	enum font_face face;
	const char *text;         /* UTF-8, visual order; arena memory */
	size_t len;
	const struct glyph *glyphs; /* shaped, left to right; each glyph's
	                             cluster and cluster_len are the bytes of
	                             text it draws (arena memory) */
	size_t n_glyphs;
	bool plain;               /* the glyphs are the text's characters, one
	                             each, in order, none moved off the pen:
	                             only their advances may differ (kerning) */
	double x;                 /* offset from the line's left edge, points */
	double width;             /* points */
	bool rtl;                 /* the run's embedding level is odd */
	bool ends_with_space;     /* a justification opportunity after this run */
};

struct text_line {
	struct text_run *runs;    /* left to right */
	size_t n_runs;
	double width;             /* natural width, trailing spaces excluded */
	bool rtl;                 /* paragraph direction (for alignment) */
	bool hard_break;          /* line ended by '\n' or paragraph end: never justified */
};

struct text_ctx;

/* Create a context measuring through dev (borrowed; must outlive ctx). */
struct text_ctx *text_ctx_new(const struct device *dev);
void text_ctx_free(struct text_ctx *tc);

/*
 * Break utf8[0..len) (logical order, NFC, valid UTF-8, BMP only) into lines
 * no wider than width points.  Lines and runs are allocated in a.  Returns
 * false only on an ICU failure (then *n_lines is 0).  *missing is set to
 * the number of characters no face of the chain covers (drawn with the
 * primary face's .notdef; validation should have refused them).
 */
bool text_break_paragraph(struct text_ctx *tc, const char *utf8, size_t len,
    const struct text_style *st, double width, struct arena *a,
    struct text_line **lines, size_t *n_lines, size_t *missing);

/* Natural width of a single line of text (no breaking), in points. */
double text_width(struct text_ctx *tc, const char *utf8, size_t len,
    const struct text_style *st);

/*
 * Justify a line to width: spread (width - line->width) over the
 * ends_with_space gaps by moving runs.  No-op for hard_break lines and
 * lines without gaps.
 */
void text_justify(struct text_line *line, double width);

#endif
