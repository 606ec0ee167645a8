/* shape.c - HarfBuzz shaping for the PDF device (see shape.h). */
#include "shape.h"

#include <stdlib.h>
#include <string.h>

#include <hb.h>

#include "arena.h"

/* The word cache (shape_run): open addressing over up to WORD_SLOTS
 * slots, words up to WORD_MAX_UNITS long; texts and glyphs in two stores.
 * The table and the stores start small and double as words come (a
 * one-page document touches a few pages of memory, not a megabyte). */
#define WORD_SLOTS 8192
#define WORD_SLOTS_FIRST 256
#define WORD_MAX_UNITS 64
#define WORD_STORE_UNITS (WORD_SLOTS * 4)
#define WORD_STORE_GLYPHS (WORD_SLOTS * 4)

struct word {
	bool used, rtl;
	uint16_t n;              /* units of text */
	uint32_t hash;
	hb_language_t lang;
	uint32_t text;           /* offset in store */
	uint32_t glyphs, n_glyphs; /* in store_glyphs, clusters from 0 */
};

struct shape_face {
	hb_face_t *face;         /* borrowed from the subset_face */
	hb_font_t *font;         /* scale = units per em: positions in font units */
	hb_buffer_t *buf;
	unsigned upem;
	struct glyph *glyphs;    /* the last result */
	size_t cap, n_out;
	size_t (*cuts)[2];       /* the last run's pieces */
	size_t n_cuts, cap_cuts;
	struct word *words;      /* n_slots, on first use */
	size_t n_words, n_slots;
	uint16_t *store;         /* cap_store, at most WORD_STORE_UNITS */
	size_t store_len, cap_store;
	struct glyph *store_glyphs; /* cap_store_glyphs, at most WORD_STORE_GLYPHS */
	size_t n_store_glyphs, cap_store_glyphs;
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
	free(sh->cuts);
	free(sh->words);
	free(sh->store);
	free(sh->store_glyphs);
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

/* The code point of glyph gid: c itself, or any character the cmap maps
 * to gid (a presentation form); 0 if none.  A glyph that is c's mirror
 * (")" drawn for "(" in right-to-left text) is 0 too: drawn with its
 * mirror's code, it would extract as the mirror, and readers do not
 * mirror it back; with a code of its own it extracts as c. */
static uint32_t
glyph_cp(struct shape_face *sh, uint32_t gid, uint32_t c)
{
	hb_codepoint_t g;
	if (c <= 0xFFFF && hb_font_get_nominal_glyph(sh->font, c, &g) && g == gid)
		return c;
	hb_codepoint_t m = hb_unicode_mirroring(hb_unicode_funcs_get_default(), c);
	if (m != c && m <= 0xFFFF && hb_font_get_nominal_glyph(sh->font, m, &g) && g == gid)
		return 0;
	if (sh->reverse == NULL)
		build_reverse(sh);
	return gid < sh->n_reverse ? sh->reverse[gid] : 0;
}

/*
 * Shape u16[0..n) with HarfBuzz into out[*n_out...] (grown as needed),
 * clusters offset by at.  False on an allocation failure.
 */
static bool
hb_segment(struct shape_face *sh, const uint16_t *u16, size_t n, bool rtl,
    hb_language_t lang, struct glyph **out, size_t *cap, size_t *n_out, int32_t at)
{
	hb_buffer_clear_contents(sh->buf);
	hb_buffer_set_flags(sh->buf, HB_BUFFER_FLAG_BOT | HB_BUFFER_FLAG_EOT |
	    HB_BUFFER_FLAG_REMOVE_DEFAULT_IGNORABLES);
	hb_buffer_set_cluster_level(sh->buf, HB_BUFFER_CLUSTER_LEVEL_MONOTONE_GRAPHEMES);
	hb_buffer_add_utf16(sh->buf, u16, (int)n, 0, (int)n);
	hb_buffer_set_direction(sh->buf, rtl ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
	if (lang != HB_LANGUAGE_INVALID)
		hb_buffer_set_language(sh->buf, lang);
	hb_buffer_guess_segment_properties(sh->buf);
	hb_script_t script = hb_buffer_get_script(sh->buf);
	bool joining = script == HB_SCRIPT_ARABIC || script == HB_SCRIPT_SYRIAC ||
	    script == HB_SCRIPT_NKO || script == HB_SCRIPT_MONGOLIAN;
	hb_shape(sh->font, sh->buf, joining ? NULL : no_ligatures,
	    joining ? 0 : (unsigned)(sizeof no_ligatures / sizeof no_ligatures[0]));
	if (!hb_buffer_allocation_successful(sh->buf))
		return false;

	unsigned len = 0;
	const hb_glyph_info_t *info = hb_buffer_get_glyph_infos(sh->buf, &len);
	const hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(sh->buf, NULL);
	if (*n_out + len > *cap) {
		*cap = (*n_out + len) * 2;
		*out = xrealloc(*out, *cap * sizeof **out);
	}
	double scale = 1000.0 / sh->upem;
	for (unsigned i = 0; i < len; i++) {
		struct glyph *g = &(*out)[*n_out + i];
		uint32_t c = u16[info[i].cluster], k = info[i].cluster;
		if (c >= 0xD800 && c <= 0xDBFF && k + 1 < n && u16[k + 1] >= 0xDC00 &&
		    u16[k + 1] <= 0xDFFF)
			c = 0x10000 + ((c - 0xD800) << 10) + (u16[k + 1] - 0xDC00u);
		hb_position_t h = hb_font_get_glyph_h_advance(sh->font, info[i].codepoint);
		g->gid = info[i].codepoint;
		g->cp = glyph_cp(sh, g->gid, c);
		g->cluster = (int32_t)k + at;
		g->cluster_len = 0;
		g->w = (int16_t)milli_trunc(sh, h);
		/* Kerning moves the pen by the difference from the glyph's own
		 * advance: unkerned text then measures what it did unshaped. */
		g->adv = pos[i].x_advance == 0 ? 0.0f
		    : (float)(g->w + (pos[i].x_advance - h) * scale);
		g->dx = (float)(pos[i].x_offset * scale);
		g->dy = (float)(pos[i].y_offset * scale);
	}
	*n_out += len;
	return true;
}

static uint32_t
word_hash(const uint16_t *u, size_t n, bool rtl, hb_language_t lang)
{
	uint64_t h = 1469598103934665603ULL ^ (uint64_t)rtl ^ ((uint64_t)(uintptr_t)lang << 1);
	for (size_t i = 0; i < n; i++) {
		h ^= u[i];
		h *= 1099511628211ULL;
	}
	return (uint32_t)(h ^ (h >> 32));
}

/* Forget every cached word. */
static void
cache_clear(struct shape_face *sh)
{
	for (size_t i = 0; i < sh->n_slots; i++)
		sh->words[i].used = false;
	sh->n_words = 0;
	sh->store_len = 0;
	sh->n_store_glyphs = 0;
}

/* Twice the slots, every word moved to its place in them. */
static void
grow_slots(struct shape_face *sh)
{
	size_t n = sh->n_slots * 2;
	struct word *v = xcalloc(n, sizeof *v);
	for (size_t i = 0; i < sh->n_slots; i++) {
		if (!sh->words[i].used)
			continue;
		size_t slot = sh->words[i].hash & (n - 1);
		while (v[slot].used)
			slot = (slot + 1) & (n - 1);
		v[slot] = sh->words[i];
	}
	free(sh->words);
	sh->words = v;
	sh->n_slots = n;
}

/* p (of *cap elements of size bytes) grown to hold need, doubling from
 * 1,024 elements, at most max (need <= max). */
static void *
grow_store(void *p, size_t *cap, size_t need, size_t max, size_t size)
{
	if (need <= *cap)
		return p;
	size_t c = *cap ? *cap : 1024;
	while (c < need)
		c *= 2;
	*cap = c < max ? c : max;
	return xrealloc(p, *cap * size);
}

/* Room in the stores for n more units and ng more glyphs (within the
 * limits, which the caller has checked). */
static void
reserve_store(struct shape_face *sh, size_t n, size_t ng)
{
	sh->store = grow_store(sh->store, &sh->cap_store, sh->store_len + n, WORD_STORE_UNITS,
	    sizeof *sh->store);
	sh->store_glyphs = grow_store(sh->store_glyphs, &sh->cap_store_glyphs,
	    sh->n_store_glyphs + ng, WORD_STORE_GLYPHS, sizeof *sh->store_glyphs);
}

/*
 * The glyphs of one word (u16[0..n), no space inside but at its ends),
 * from the cache or shaped and remembered, appended to sh->glyphs with
 * clusters offset by at.
 */
static bool
shape_word(struct shape_face *sh, const uint16_t *u16, size_t n, bool rtl,
    hb_language_t lang, int32_t at)
{
	if (n > WORD_MAX_UNITS)
		return hb_segment(sh, u16, n, rtl, lang, &sh->glyphs, &sh->cap, &sh->n_out, at);
	if (sh->words == NULL) {
		sh->n_slots = WORD_SLOTS_FIRST;
		sh->words = xcalloc(sh->n_slots, sizeof *sh->words);
	}
	uint32_t h = word_hash(u16, n, rtl, lang);
	size_t mask = sh->n_slots - 1, slot = h & mask;
	for (size_t probe = 0; probe < sh->n_slots; probe++, slot = (slot + 1) & mask) {
		struct word *w = &sh->words[slot];
		if (!w->used)
			break;
		if (w->hash == h && w->n == n && w->rtl == rtl && w->lang == lang &&
		    memcmp(sh->store + w->text, u16, n * sizeof *u16) == 0) {
			if (sh->n_out + w->n_glyphs > sh->cap) {
				sh->cap = (sh->n_out + w->n_glyphs) * 2;
				sh->glyphs = xrealloc(sh->glyphs, sh->cap * sizeof *sh->glyphs);
			}
			for (size_t i = 0; i < w->n_glyphs; i++) {
				sh->glyphs[sh->n_out + i] = sh->store_glyphs[w->glyphs + i];
				sh->glyphs[sh->n_out + i].cluster += at;
			}
			sh->n_out += w->n_glyphs;
			return true;
		}
	}
	/* Not cached: shape it, then remember it (a full cache starts over:
	 * documents repeat their words within pages, not across thousands). */
	size_t first = sh->n_out;
	if (!hb_segment(sh, u16, n, rtl, lang, &sh->glyphs, &sh->cap, &sh->n_out, at))
		return false;
	size_t ng = sh->n_out - first;
	if (sh->n_words >= WORD_SLOTS / 2 || sh->store_len + n > WORD_STORE_UNITS ||
	    sh->n_store_glyphs + ng > WORD_STORE_GLYPHS)
		cache_clear(sh);
	if (sh->store_len + n > WORD_STORE_UNITS || sh->n_store_glyphs + ng > WORD_STORE_GLYPHS)
		return true; /* too big to remember */
	if (sh->n_words >= sh->n_slots / 2)
		grow_slots(sh);
	reserve_store(sh, n, ng);
	slot = h & (sh->n_slots - 1);
	while (sh->words[slot].used)
		slot = (slot + 1) & (sh->n_slots - 1);
	struct word *w = &sh->words[slot];
	*w = (struct word){ .used = true, .rtl = rtl, .hash = h, .lang = lang, .n = (uint16_t)n,
		.text = sh->store_len, .glyphs = (uint32_t)sh->n_store_glyphs,
		.n_glyphs = (uint32_t)ng };
	memcpy(sh->store + sh->store_len, u16, n * sizeof *u16);
	sh->store_len += n;
	for (size_t i = 0; i < ng; i++) {
		sh->store_glyphs[sh->n_store_glyphs + i] = sh->glyphs[first + i];
		sh->store_glyphs[sh->n_store_glyphs + i].cluster -= at;
	}
	sh->n_store_glyphs += ng;
	sh->n_words++;
	return true;
}

static bool
is_mark(uint32_t c)
{
	hb_unicode_general_category_t gc =
	    hb_unicode_general_category(hb_unicode_funcs_get_default(), c);
	return gc == HB_UNICODE_GENERAL_CATEGORY_NON_SPACING_MARK ||
	    gc == HB_UNICODE_GENERAL_CATEGORY_SPACING_MARK ||
	    gc == HB_UNICODE_GENERAL_CATEGORY_ENCLOSING_MARK;
}

/*
 * Shaped word by word: a run is cut before and after each stretch of
 * spaces (U+0020), unless a mark follows the spaces (it belongs to
 * them), and each piece is shaped on its own and remembered, as browsers
 * do.  Nothing the fonts here do crosses a space: joining stops at it,
 * and none of them kerns a letter with a space; a document repeats most
 * of its words ("the", labels, names), which are then shaped once.
 */
size_t
shape_run(struct shape_face *sh, const uint16_t *u16, size_t n, bool rtl,
    const char *lang, const struct glyph **out)
{
	*out = sh->glyphs;
	sh->n_out = 0;
	if (n == 0 || n > INT32_MAX / 2)
		return 0;
	hb_language_t hl = lang != NULL && lang[0] != '\0' ? hb_language_from_string(lang, -1)
	    : HB_LANGUAGE_INVALID;
	/* the pieces, in logical order: [start, end) */
	sh->n_cuts = 0;
	size_t a = 0;
	for (size_t i = 1; i <= n; i++) {
		bool cut = i == n || ((u16[i - 1] == ' ') != (u16[i] == ' ') &&
		    !(u16[i] != ' ' && is_mark(u16[i])));
		if (!cut)
			continue;
		if (sh->n_cuts == sh->cap_cuts) {
			sh->cap_cuts = sh->cap_cuts ? 2 * sh->cap_cuts : 64;
			sh->cuts = xrealloc(sh->cuts, sh->cap_cuts * sizeof *sh->cuts);
		}
		sh->cuts[sh->n_cuts][0] = a;
		sh->cuts[sh->n_cuts++][1] = i;
		a = i;
	}
	/* left to right: the pieces in reverse for RTL */
	for (size_t k = 0; k < sh->n_cuts; k++) {
		size_t p = rtl ? sh->n_cuts - 1 - k : k;
		size_t s0 = sh->cuts[p][0], s1 = sh->cuts[p][1];
		if (!shape_word(sh, u16 + s0, s1 - s0, rtl, hl, (int32_t)s0)) {
			sh->n_out = 0;
			break;
		}
	}
	*out = sh->glyphs;
	return sh->n_out;
}
