/*
 * pdf_fixups.h - workarounds for bugs of libharu 2.3.0 (Debian 12's
 * libhpdf), isolated here because they reach into libharu's installed
 * internal headers and depend on its struct layouts.  pdf_fixups.c refuses
 * to compile against any other libharu version.  Only pdf.c includes this.
 * See shared/research/feasibility.md section 4.
 *
 * Both functions work on a font obtained with HPDF_GetFont(pdf, name,
 * "UTF-8") from a TrueType font loaded with embedding (a Type0 /
 * CIDFontType2 font whose CID is the UTF-16 code unit).  Neither prints
 * anything nor raises a libharu error; on failure they return false and
 * write a one-line reason into err[0..errlen).
 */
#ifndef SPCOMM_PDF_FIXUPS_H
#define SPCOMM_PDF_FIXUPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <hpdf.h>

/*
 * Replace the font's ToUnicode CMap.  libharu writes "begincidrange",
 * which is invalid in a ToUnicode CMap (poppler and PDFBox warn and fall
 * back to identity).  The new CMap maps every BMP code unit to itself
 * (one bfrange per high byte, surrogates D800-DFFF excluded), except the
 * Arabic presentation forms U+FB50-FDFF and U+FE70-FEFF that the font has
 * glyphs for, which map to their NFKC decomposition (ICU) so that
 * extracted text holds base letters;
 * the lam-alef ligatures U+FEF5-FEFC map to alef + lam (reversed),
 * because poppler reverses multi-character mappings again inside
 * right-to-left words.  Call once, any time after HPDF_GetFont and
 * before saving.
 */
bool pdf_fixups_tounicode(HPDF_Font font, char *err, size_t errlen);

/*
 * Complete the glyph subset of an embedded TrueType font: every glyph
 * marked as used gets all the components of its composite description
 * marked too, recursively.  libharu 2.3.0 marks only one level, and reads
 * component ids as signed 16-bit, so glyph ids >= 32768 are dropped:
 * without this, those glyphs are silently blank (most Han characters in
 * Droid Sans Fallback, dots of some Arabic letters in Noto Naskh).
 * font_path is the file the font was loaded from (read again here, glyph
 * by glyph; TrueType collections work too).  Call after all drawing and
 * just before HPDF_SaveToStream.  If added is not NULL it receives the
 * number of glyphs added to the subset.
 */
bool pdf_fixups_glyph_closure(HPDF_Font font, const char *font_path,
    size_t *added, char *err, size_t errlen);

/*
 * Reset the font's subset to .notdef only.  libharu marks a glyph as used
 * whenever its width is asked for, so measuring would otherwise leak into
 * the embedded subset; calling this before drawing makes the subset
 * depend only on what is drawn.
 */
void pdf_fixups_reset_subset(HPDF_Font font);

/*
 * True if the font's TrueType file maps cp to a real glyph (not .notdef).
 * Code points above U+FFFF are always false: libharu 2.3.0 draws them as
 * spaces.  Does not touch the subset.
 */
bool pdf_fixups_has_glyph(HPDF_Font font, uint32_t cp);

/*
 * Set the document's natural language (/Lang in the catalog), which
 * libharu 2.3.0 has no API for.  lang is a BCP 47 tag such as "en" or
 * "zh-Hans"; anything but ASCII letters, digits and '-' is refused.
 */
bool pdf_fixups_set_lang(HPDF_Doc pdf, const char *lang, char *err, size_t errlen);

#endif
