/*
 * subset.h - TrueType subsetting for the PDF device, with HarfBuzz's
 * subsetter (hb-subset).  Only pdf.c includes this; only subset.c
 * includes <hb-subset.h>.
 *
 * libharu 2.3.0 embeds every glyph's horizontal metrics, the whole cmap
 * and post tables and a /W entry for every character the font maps
 * (feasibility.md 3.4): its own subsetting only drops glyph outlines.  So
 * the PDF device hands libharu a font that already holds nothing but the
 * characters one document draws: the tables libharu copies are then small
 * too, and so is the /W array it derives from the cmap.
 *
 * What a subset keeps: .notdef, the glyph of every requested code point
 * the font maps, and every component of those glyphs that are composite,
 * recursively (HarfBuzz's glyf closure; component ids are unsigned, so
 * the closure bug of libharu 2.3.0 does not arise).  Advance widths and
 * units per em are unchanged, so a string measures the same in the subset
 * as in the whole font.  Dropped: hinting (instructions, fpgm, prep, cvt:
 * PDF viewers rasterise without them, and they are half of a small
 * subset), glyph names (post format 3), and the OpenType layout tables
 * (text arrives shaped, and keeping them would pull substitution targets
 * into the subset).  The subset is embedded as it is
 * (pdf_fixups_font_descriptor): OS/2, cmap, glyf, head, hhea, hmtx, loca,
 * maxp, name and post.
 *
 * Same font and code points, same bytes.
 *
 * Thread safety: a struct subset_face belongs to one thread at a time;
 * different faces may be used in different threads at once.
 */
#ifndef SPCOMM_SUBSET_H
#define SPCOMM_SUBSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct subset_face;

/*
 * Open face index of the TrueType (or .ttc) file at path; the file is
 * mapped, not read.  NULL with the reason in err on failure.
 */
struct subset_face *subset_face_open(const char *path, unsigned index,
    char *err, size_t errlen);

void subset_face_close(struct subset_face *sf);

/* The HarfBuzz face behind sf (an hb_face_t *), for the shaper (shape.h):
 * one mapped file serves both. */
struct hb_face_t *subset_face_hb(struct subset_face *sf);

/* A glyph no character maps to, given a code of its own in the subset. */
struct subset_extra {
	uint32_t code;   /* BMP, not mapped by the font */
	uint32_t gid;    /* in the whole font */
};

/*
 * Make a subset holding the code points cps[0..n) (any order, duplicates
 * allowed) and the glyphs of extra[0..n_extra), each mapped from its code
 * in the subset's cmap (a new format 4 cmap of every mapping is written
 * when n_extra > 0; otherwise the subsetter's own).  On success *out is
 * malloc'd (caller frees) and holds a single-face TrueType file of
 * *out_len bytes.  False with the reason in err on failure.
 */
bool subset_make(struct subset_face *sf, const uint32_t *cps, size_t n,
    const struct subset_extra *extra, size_t n_extra,
    unsigned char **out, size_t *out_len, char *err, size_t errlen);

#endif
