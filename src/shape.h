/*
 * shape.h - HarfBuzz shaping for the PDF device: a run of text in one
 * face and one direction -> glyphs with positions (device.h struct glyph).
 * Only pdf.c includes this; only shape.c (with subset.c) includes <hb.h>.
 *
 * The text layer breaks lines, runs bidi and picks faces (ICU); shaping
 * comes after, per run: kerning and the fonts' default features for
 * Latin, Cyrillic and Greek, with the optional ligatures (liga, clig) off
 * so that a search for "fi" or "ff" finds the words; the whole of GSUB
 * and GPOS for Arabic (joining, lam-alef, harakat and shadda placed by
 * the font's mark attachment); CJK as the font has it.
 *
 * Widths are given in the units the PDF reader uses: each glyph's w is
 * the advance libharu writes in the font's /W array (hmtx advance x 1000
 * / unitsPerEm, truncated, as libharu 2.3.0 computes it), and adv is w
 * plus what the shaper moved the pen by (kerning), so that text drawn
 * without adjustments where adv == w lands exactly where it was measured.
 *
 * A run is shaped word by word, each word's glyphs kept in a cache of the
 * shape_face (docs/architecture.md, "Shaping").
 *
 * Thread safety: a struct shape_face belongs to one thread at a time.
 */
#ifndef SPCOMM_SHAPE_H
#define SPCOMM_SHAPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "device.h"
#include "subset.h"

struct shape_face;

/* A shaper for the face sf holds (borrowed: sf must outlive it). */
struct shape_face *shape_face_new(struct subset_face *sf);
void shape_face_free(struct shape_face *sh);

/*
 * Shape u16[0..n) as device.h's shape() says: glyphs in visual order,
 * clusters as offsets into u16.  *out is sh's memory, valid until the
 * next call.  Returns the number of glyphs (0 on failure or empty text).
 */
size_t shape_run(struct shape_face *sh, const uint16_t *u16, size_t n, bool rtl,
    const char *lang, const struct glyph **out);

/* The /W advance of glyph gid, as shape_run reports it in w. */
int shape_glyph_width(struct shape_face *sh, uint32_t gid);

/* Whether the font's cmap maps cp to a glyph (not .notdef). */
bool shape_has_glyph(struct shape_face *sh, uint32_t cp);

/* The /W advance libharu gives character cp in the font's UTF-8 Type0
 * font: its cmap glyph's, else .notdef's (HPDF_TTFontDef_GetCharWidth). */
int shape_char_width(struct shape_face *sh, uint32_t cp);

#endif
