/*
 * device.h - what the text and layout layers may ask of an output device:
 * does a face have a glyph for a character, and how wide is a string.
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

struct device {
	void *ctx;
	/* True if face has a real glyph (not .notdef) for code point cp. */
	bool (*has_glyph)(void *ctx, enum font_face face, uint32_t cp);
	/* Advance width of utf8[0..len) drawn in face, in thousandths of the
	 * font size (multiply by size/1000 for points).  The text is in
	 * visual order and already shaped (Arabic presentation forms). */
	double (*text_width)(void *ctx, enum font_face face, const char *utf8, size_t len);
};

#endif
