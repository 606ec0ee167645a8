/* shape.c - HarfBuzz shaping for the PDF device (see shape.h). */
#include "shape.h"

#include <stdlib.h>
#include <string.h>

#include <hb.h>

#include "arena.h"

struct shape_face {
	hb_face_t *face;         /* borrowed from the subset_face */
	hb_font_t *font;         /* scale = units per em: positions in font units */
	hb_buffer_t *buf;
	unsigned upem;
	struct glyph *glyphs;    /* the last result */
	size_t cap;
	/* glyph id -> the lowest code point the cmap maps to it, built on
	 * the first glyph no character of its cluster maps to */
	uint32_t *reverse;
	unsigned n_reverse;
};

/* Off outside Arabic-like scripts: optional ligatures make one glyph of
 * "fi", which viewers extract well but searches and copy-paste in some
 * readers do not.  Arabic's lam-alef is required (rlig), not optional. */
static const hb_feature_t no_ligatures[] = {
	{ HB_TAG('l', 'i', 'g', 'a'), 0, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END },
	{ HB_TAG('c', 'l', 'i', 'g'), 0, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END },
};

struct shape_face *
shape_face_new(struct subset_face *sf)
{
	hb_face_t *face = subset_face_hb(sf);
	if (face == NULL)
		return NULL;
	struct shape_face *sh = xcalloc(1, sizeof *sh);
	sh->face = face;
	sh->font = hb_font_create(face);
	sh->buf = hb_buffer_create();
	sh->upem = hb_face_get_upem(face);
	if (sh->upem == 0 || !hb_buffer_allocation_successful(sh->buf)) {
		shape_face_free(sh);
		return NULL;
	}
	hb_font_make_immutable(sh->font);
	return sh;
}

void
shape_face_free(struct shape_face *sh)
{
	if (sh == NULL)
		return;
	hb_buffer_destroy(sh->buf);
	hb_font_destroy(sh->font);
	free(sh->glyphs);
	free(sh->reverse);
	free(sh);
}

static int
milli_trunc(const struct shape_face *sh, hb_position_t adv)
{
	/* libharu: (HPDF_UINT)advance_width * 1000 / units_per_em, as INT16 */
	return (int16_t)(uint16_t)((unsigned)(uint16_t)adv * 1000u / sh->upem);
}

int
shape_glyph_width(struct shape_face *sh, uint32_t gid)
{
	return milli_trunc(sh, hb_font_get_glyph_h_advance(sh->font, gid));
}

bool
shape_has_glyph(struct shape_face *sh, uint32_t cp)
{
	hb_codepoint_t g;
	return hb_font_get_nominal_glyph(sh->font, cp, &g) && g != 0;
}

int
shape_char_width(struct shape_face *sh, uint32_t cp)
{
	hb_codepoint_t g = 0;
	if (!hb_font_get_nominal_glyph(sh->font, cp, &g))
		g = 0;
	return shape_glyph_width(sh, g);
}

static void
build_reverse(struct shape_face *sh)
{
	sh->n_reverse = hb_face_get_glyph_count(sh->face);
	sh->reverse = xcalloc(sh->n_reverse + 1, sizeof *sh->reverse);
	hb_set_t *cps = hb_set_create();
	hb_face_collect_unicodes(sh->face, cps);
	hb_codepoint_t cp = HB_SET_VALUE_INVALID;
	while (hb_set_next(cps, &cp)) {
		hb_codepoint_t g;
		/* libharu draws the BMP only, and never a surrogate */
		if (cp > 0xFFFF || (cp >= 0xD800 && cp <= 0xDFFF) || cp < 0x20)
			continue;
		if (hb_font_get_nominal_glyph(sh->font, cp, &g) && g < sh->n_reverse &&
		    sh->reverse[g] == 0)
			sh->reverse[g] = cp; /* ascending: the lowest wins */
	}
	hb_set_destroy(cps);
}

/* The code point of glyph gid: c itself, its mirror, or any character
 * the cmap maps to gid (a presentation form); 0 if none. */
static uint32_t
glyph_cp(struct shape_face *sh, uint32_t gid, uint32_t c)
{
	hb_codepoint_t g;
	if (c <= 0xFFFF && hb_font_get_nominal_glyph(sh->font, c, &g) && g == gid)
		return c;
	hb_codepoint_t m = hb_unicode_mirroring(hb_unicode_funcs_get_default(), c);
	if (m != c && m <= 0xFFFF && hb_font_get_nominal_glyph(sh->font, m, &g) && g == gid)
		return m;
	if (sh->reverse == NULL)
		build_reverse(sh);
	return gid < sh->n_reverse ? sh->reverse[gid] : 0;
}

size_t
shape_run(struct shape_face *sh, const uint16_t *u16, size_t n, bool rtl,
    const char *lang, const struct glyph **out)
{
	*out = sh->glyphs;
	if (n == 0 || n > INT32_MAX / 2)
		return 0;
	hb_buffer_clear_contents(sh->buf);
	hb_buffer_set_flags(sh->buf, HB_BUFFER_FLAG_BOT | HB_BUFFER_FLAG_EOT |
	    HB_BUFFER_FLAG_REMOVE_DEFAULT_IGNORABLES);
	hb_buffer_set_cluster_level(sh->buf, HB_BUFFER_CLUSTER_LEVEL_MONOTONE_GRAPHEMES);
	hb_buffer_add_utf16(sh->buf, u16, (int)n, 0, (int)n);
	hb_buffer_set_direction(sh->buf, rtl ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
	if (lang != NULL && lang[0] != '\0')
		hb_buffer_set_language(sh->buf, hb_language_from_string(lang, -1));
	hb_buffer_guess_segment_properties(sh->buf);
	hb_script_t script = hb_buffer_get_script(sh->buf);
	bool joining = script == HB_SCRIPT_ARABIC || script == HB_SCRIPT_SYRIAC ||
	    script == HB_SCRIPT_NKO || script == HB_SCRIPT_MONGOLIAN;
	hb_shape(sh->font, sh->buf, joining ? NULL : no_ligatures,
	    joining ? 0 : (unsigned)(sizeof no_ligatures / sizeof no_ligatures[0]));
	if (!hb_buffer_allocation_successful(sh->buf))
		return 0;

	unsigned len = 0;
	const hb_glyph_info_t *info = hb_buffer_get_glyph_infos(sh->buf, &len);
	const hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(sh->buf, NULL);
	if (len > sh->cap) {
		sh->cap = len;
		sh->glyphs = xrealloc(sh->glyphs, len * sizeof *sh->glyphs);
	}
	double scale = 1000.0 / sh->upem;
	for (unsigned i = 0; i < len; i++) {
		struct glyph *g = &sh->glyphs[i];
		uint32_t at = info[i].cluster, c = u16[at];
		if (c >= 0xD800 && c <= 0xDBFF && at + 1 < n && u16[at + 1] >= 0xDC00 &&
		    u16[at + 1] <= 0xDFFF)
			c = 0x10000 + ((c - 0xD800) << 10) + (u16[at + 1] - 0xDC00u);
		hb_position_t h = hb_font_get_glyph_h_advance(sh->font, info[i].codepoint);
		g->gid = info[i].codepoint;
		g->cp = glyph_cp(sh, g->gid, c);
		g->cluster = (int32_t)at;
		g->cluster_len = 0;
		g->w = (int16_t)milli_trunc(sh, h);
		/* Kerning moves the pen by the difference from the glyph's own
		 * advance: unkerned text then measures what it did unshaped. */
		g->adv = pos[i].x_advance == 0 ? 0.0f
		    : (float)(g->w + (pos[i].x_advance - h) * scale);
		g->dx = (float)(pos[i].x_offset * scale);
		g->dy = (float)(pos[i].y_offset * scale);
	}
	*out = sh->glyphs;
	return len;
}
