/*
 * device.h - what the text and layout layers may ask of an output device:
 * does a face have a glyph for a character, how wide is a string, and
 * which glyphs, where, draw a run of text (shaping).
 *
 * The text layer (shape.c, linebreak.c) and the layout (layout.c) never
 * include <hpdf.h>: they measure through this interface, and produce a
 * display list (display.h) that a device then draws.  pdf.c implements it
 * with libharu's own widths, so that what is measured is exactly what is
 * drawn; tests may implement it with fixed widths.
 */
#ifndef SPCOMM_DEVICE_H
#define SPCOMM_DEVICE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fonts.h"

/*
 * One shaped glyph.  Advances and offsets are in thousandths of the font
 * size (multiply by size/1000 for points).
 */
struct glyph {
	uint32_t gid;     /* glyph id in the face's font file */
	uint32_t cp;      /* a code point the font's cmap maps to this glyph,
	                     the cluster's own character when it is one; 0
	                     when no character does (a contextual form or
	                     ligature reached only through GSUB) */
	int32_t cluster;  /* shape(): offset in the input of the first unit
	                     of the characters this glyph belongs to;
	                     text.h runs: byte offset in the run's text */
	int32_t cluster_len; /* text.h runs: the cluster's bytes in the run's
	                     text (visual order); shape() leaves it 0 */
	float adv;        /* pen advance, kerning included */
	float dx, dy;     /* offset of the glyph from the pen (mark placement) */
	int16_t w;        /* the advance a PDF reader gives the glyph (its /W
	                     entry): adv without the positioning adjustments */
};

struct device {
	void *ctx;
	/* True if face has a real glyph (not .notdef) for code point cp. */
	bool (*has_glyph)(void *ctx, enum font_face face, uint32_t cp);
	/* Advance width of utf8[0..len) drawn in face, in thousandths of the
	 * font size (multiply by size/1000 for points).  The text is in
	 * visual order and already shaped (Arabic presentation forms). */
	double (*text_width)(void *ctx, enum font_face face, const char *utf8, size_t len);
	/*
	 * Shape u16[0..n) (UTF-16, logical order, one face, one direction)
	 * with the font's own rules: kerning, marks, contextual forms and
	 * required ligatures (no optional ligatures: "ﬁ" would not be found
	 * by a search for "fi").  Returns the number of glyphs and sets
	 * *out to them, in visual order (left to right); *out is the
	 * device's memory, valid until the next call.  lang: BCP 47 or NULL.
	 */
	size_t (*shape)(void *ctx, enum font_face face, const uint16_t *u16, size_t n,
	    bool rtl, const char *lang, const struct glyph **out);
};

#endif
