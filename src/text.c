/* text.c - paragraphs of logical UTF-8 to lines of positioned runs (see text.h). */
#include "text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubidi.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/uloc.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

/* Line-break iterators kept open per language: opening one loads and
 * compiles rule data (milliseconds), and a document uses one language, a
 * batch at most the six output languages. */
#define BRK_SLOTS 8

/* Marks in the per-unit face array: a bidi control (removed, like
 * UBIDI_REMOVE_BIDI_CONTROLS does), and a neutral character whose face is
 * decided from its neighbours. */
#define FACE_SKIP ((unsigned char)FACE__COUNT)
#define FACE_PENDING ((unsigned char)(FACE__COUNT + 1))

struct brk_slot {
	char tag[36];                       /* the BCP 47 tag asked for */
	char locale[ULOC_FULLNAME_CAPACITY];
	UBreakIterator *it;
};

struct line_glyph;

struct text_ctx {
	const struct device *dev;
	UBiDi *bidi;                      /* the paragraph measure_para resolved */
	UBiDi *line;                      /* a line of it (shape_line) */
	UBreakIterator *graphemes;        /* forced breaks inside long words */
	struct brk_slot slots[BRK_SLOTS];
	size_t n_slots;
	/*
	 * Scratch, reused from call to call.  The break iterators point into
	 * para between calls; they are given new text before each use.
	 */
	UChar *para;                      /* the paragraph, UTF-16, logical */
	int32_t n_para;                   /* its units (measure_para) */
	UBiDiLevel para_lv;               /* its base level (measure_para) */
	size_t para_cap;
	unsigned char *face;              /* face of each unit of para */
	size_t face_cap;
	double *pre;                      /* prefix sums of cluster advances
	                                     (thousandths of the size) */
	size_t pre_cap;
	/* the paragraph as measure_para shaped it: its glyphs (clusters
	 * absolute in para) and its items of one face and direction */
	struct glyph *pg;
	size_t pg_cap, n_pg;
	struct para_item { int32_t s, e; size_t g0, g1; unsigned char face; bool rtl; } *items;
	size_t items_cap, n_items;
	struct glyph *ug;                 /* unshaped glyphs (device without shape) */
	size_t ug_cap;
	struct line_glyph *lg;            /* the line being built */
	size_t lg_cap, n_lg;
	char *utf8;                       /* one run's text */
	size_t utf8_cap;
	int32_t *gb;                      /* grapheme boundaries of a long word */
	size_t gb_cap;
	/* break opportunities of the line being broken: offset, rule status */
	struct { int32_t at, rs; } *bo;
	size_t bo_cap;
	/* e-mail addresses and URLs of the paragraph: [s, e) in para, kept
	 * on one line (no break inside but where one alone is too long) */
	struct { int32_t s, e; } *spans;
	size_t n_spans, spans_cap;
	int32_t *cuts;                    /* cut points inside a long span */
	size_t cuts_cap;
};

static void *
reserve(void *p, size_t *cap, size_t need, size_t elem)
{
	size_t n;

	if (need <= *cap)
		return p;
	n = *cap ? *cap : 256;
	while (n < need)
		n *= 2;
	*cap = n;
	return xrealloc(p, n * elem);
}

struct text_ctx *
text_ctx_new(const struct device *dev)
{
	struct text_ctx *tc = xcalloc(1, sizeof *tc);

	tc->dev = dev;
	tc->bidi = ubidi_open();
	tc->line = ubidi_open();
	if (tc->bidi == NULL || tc->line == NULL) {
		if (tc->bidi != NULL)
			ubidi_close(tc->bidi);
		if (tc->line != NULL)
			ubidi_close(tc->line);
		free(tc);
		return NULL;
	}
	return tc;
}

void
text_ctx_free(struct text_ctx *tc)
{
	size_t i;

	if (tc == NULL)
		return;
	for (i = 0; i < tc->n_slots; i++)
		ubrk_close(tc->slots[i].it);
	if (tc->graphemes != NULL)
		ubrk_close(tc->graphemes);
	ubidi_close(tc->line);
	ubidi_close(tc->bidi);
	free(tc->para);
	free(tc->face);
	free(tc->pre);
	free(tc->lg);
	free(tc->ug);
	free(tc->pg);
	free(tc->items);
	free(tc->utf8);
	free(tc->gb);
	free(tc->bo);
	free(tc->spans);
	free(tc->cuts);
	free(tc);
}

/* The slot answers for tag from now on; a tag too long to keep is parsed
 * each time (U+0001 matches no tag). */
static void
remember_tag(struct brk_slot *slot, const char *tag)
{
	if (strlen(tag) < sizeof slot->tag)
		memcpy(slot->tag, tag, strlen(tag) + 1);
	else if (slot->tag[0] == '\0')
		memcpy(slot->tag, "\1", 2);
}

/* The line iterator for a BCP 47 tag, opened on first use. */
static UBreakIterator *
line_breaker(struct text_ctx *tc, const char *lang)
{
	char id[ULOC_FULLNAME_CAPACITY];
	UErrorCode status = U_ZERO_ERROR;
	UBreakIterator *it;
	struct brk_slot *slot;
	size_t i;

	if (lang == NULL)
		lang = "";
	/* Every paragraph asks: the tag is compared before ICU parses it. */
	for (i = 0; i < tc->n_slots; i++)
		if (strcmp(tc->slots[i].tag, lang) == 0)
			return tc->slots[i].it;
	/* ICU wants its own locale IDs ("zh_Hant"), not BCP 47 ("zh-Hant"). */
	uloc_forLanguageTag(lang, id, (int32_t)sizeof id, NULL, &status);
	if (U_FAILURE(status) || status == U_STRING_NOT_TERMINATED_WARNING)
		id[0] = '\0';
	for (i = 0; i < tc->n_slots; i++)
		if (strcmp(tc->slots[i].locale, id) == 0) {
			remember_tag(&tc->slots[i], lang);
			return tc->slots[i].it;
		}

	status = U_ZERO_ERROR;
	it = ubrk_open(UBRK_LINE, id, NULL, 0, &status);
	if (U_FAILURE(status))
		return NULL;
	if (tc->n_slots < BRK_SLOTS) {
		slot = &tc->slots[tc->n_slots++];
	} else {
		slot = &tc->slots[BRK_SLOTS - 1];
		ubrk_close(slot->it);
	}
	memcpy(slot->locale, id, sizeof id);
	slot->tag[0] = '\0';
	remember_tag(slot, lang);   /* the first tag, or U+0001 */
	slot->it = it;
	return it;
}

/* UTF-8 -> tc->para.  False on invalid UTF-8: text is never substituted. */
static bool
to_utf16(struct text_ctx *tc, const char *utf8, size_t len, int32_t *n)
{
	UErrorCode status = U_ZERO_ERROR;

	if (len >= INT32_MAX)
		return false;
	/* UTF-16 never needs more units than UTF-8 has bytes. */
	tc->para = reserve(tc->para, &tc->para_cap, len + 1, sizeof *tc->para);
	u_strFromUTF8(tc->para, (int32_t)tc->para_cap, n, utf8, (int32_t)len,
	    &status);
	if (U_FAILURE(status))
		return false;
	/* A tab pasted into a text value is a space: no font draws U+0009 */
	for (int32_t i = 0; i < *n; i++)
		if (tc->para[i] == '\t')
			tc->para[i] = ' ';
	return true;
}

/* Characters that end a word of running text but not an address or URL:
 * "write to a@b.org." or "(see https://x.org/a)". */
static bool
is_trailing_punct(UChar c)
{
	return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' ||
	    c == ')' || c == ']' || c == '"' || c == '\'' || c == 0x201D || c == 0x2019 ||
	    c == 0xBB || c == 0x3002 || c == 0xFF0C || c == 0x060C;
}

static bool
is_space16(UChar c)
{
	return c == ' ' || c == '\n' || c == '\t' || c == 0xA0 || c == 0x202F ||
	    c == 0x3000 || (c >= 0x2000 && c <= 0x200B);
}

static bool
starts_with(const UChar *u, int32_t n, const char *ascii)
{
	int32_t i;

	for (i = 0; ascii[i]; i++)
		if (i >= n || (u[i] | 0x20) != ascii[i])
			return false;
	return true;
}

/*
 * The e-mail addresses and URLs of tc->para[0..n) into tc->spans: a run
 * of non-space characters (without leading opening and trailing closing
 * punctuation) that holds an '@' with a '.' after it, or starts with
 * http://, https:// or www.  A line break inside one turns it into
 * another address ("urgent-" / "action@ohchr.org").
 */
static void
find_spans(struct text_ctx *tc, int32_t n)
{
	int32_t i = 0, s, e, k, at;
	bool dot;

	tc->n_spans = 0;
	while (i < n) {
		while (i < n && is_space16(tc->para[i]))
			i++;
		s = i;
		while (i < n && !is_space16(tc->para[i]))
			i++;
		e = i;
		while (s < e && (tc->para[s] == '(' || tc->para[s] == '[' ||
		    tc->para[s] == '<' || tc->para[s] == '"' || tc->para[s] == 0xAB ||
		    tc->para[s] == 0x201C))
			s++;
		while (e > s && is_trailing_punct(tc->para[e - 1]))
			e--;
		at = -1;
		dot = false;
		for (k = s; k < e; k++) {
			if (tc->para[k] == '@' && at < 0 && k > s)
				at = k;
			else if (tc->para[k] == '.' && at >= 0 && k > at + 1 && k + 1 < e)
				dot = true;
		}
		if (!(at >= 0 && dot) && !starts_with(tc->para + s, e - s, "http://") &&
		    !starts_with(tc->para + s, e - s, "https://") &&
		    !starts_with(tc->para + s, e - s, "www."))
			continue;
		tc->spans = reserve(tc->spans, &tc->spans_cap, tc->n_spans + 1,
		    sizeof *tc->spans);
		tc->spans[tc->n_spans].s = s;
		tc->spans[tc->n_spans].e = e;
		tc->n_spans++;
	}
}

/* The span that holds offset b strictly inside it, or -1. */
static int32_t
span_inside(const struct text_ctx *tc, int32_t b)
{
	size_t i;

	for (i = 0; i < tc->n_spans; i++)
		if (tc->spans[i].s < b && b < tc->spans[i].e)
			return (int32_t)i;
	return -1;
}

static UBiDiLevel
para_level(const UChar *u, int32_t n, enum text_dir dir)
{
	switch (dir) {
	case TEXT_LTR:
		return 0;
	case TEXT_RTL:
		return 1;
	case TEXT_AUTO:
	default:
		/* Decided once for the paragraph: a line of Latin words inside
		 * an Arabic paragraph must still be laid out right to left. */
		return ubidi_getBaseDirection(u, n) == UBIDI_RTL ? 1 : 0;
	}
}

static bool
is_line_end_char(UChar c)
{
	return c == 0x20 || (c >= 0x0A && c <= 0x0D) || c == 0x85 ||
	    c == 0x2028 || c == 0x2029;
}

/* End of u[s..e) without trailing spaces and mandatory-break characters:
 * they are neither measured nor drawn. */
static int32_t
trim(const UChar *u, int32_t s, int32_t e)
{
	while (e > s && is_line_end_char(u[e - 1]))
		e--;
	return e;
}

static bool
covers(const struct text_ctx *tc, unsigned char face, UChar32 c)
{
	return face < FACE__COUNT &&
	    tc->dev->has_glyph(tc->dev->ctx, (enum font_face)face, (uint32_t)c);
}

static bool
is_neutral(UChar32 c)
{
	UErrorCode status = U_ZERO_ERROR;
	UScriptCode sc = uscript_getScript(c, &status);

	return U_SUCCESS(status) &&
	    (sc == USCRIPT_COMMON || sc == USCRIPT_INHERITED);
}

/* First face of the chain with a glyph for c, else the primary face
 * (drawn as .notdef). */
static unsigned char
chain_face(const struct text_ctx *tc, const enum font_face *chain, UChar32 c)
{
	size_t i;

	for (i = 0; chain[i] != FACE__COUNT; i++)
		if (covers(tc, (unsigned char)chain[i], c))
			return (unsigned char)chain[i];
	return (unsigned char)chain[0];
}

/*
 * A neutral (script Common or Inherited: spaces, digits, punctuation,
 * harakat) keeps the face of the text around it when that face has it, so
 * "2024" in Arabic stays in Naskh and runs are not cut at every space.
 * The neighbour at the same embedding level wins (the space between
 * "Smith" and an Arabic word belongs to the Arabic run); p and q are the
 * previous and next strong units, -1 if none.
 */
static unsigned char
neutral_face(const struct text_ctx *tc, const enum font_face *chain,
    const UBiDiLevel *lv, int32_t i, UChar32 c, int32_t p, int32_t q)
{
	const unsigned char *f = tc->face;

	if (p >= 0 && lv[p] == lv[i] && covers(tc, f[p], c))
		return f[p];
	if (q >= 0 && lv[q] == lv[i] && covers(tc, f[q], c))
		return f[q];
	if (p >= 0 && covers(tc, f[p], c))
		return f[p];
	if (q >= 0 && covers(tc, f[q], c))
		return f[q];
	return chain_face(tc, chain, c);
}

/*
 * tc->face[i] for each unit of tc->para[0..n), decided once for the
 * paragraph (so the width a line is measured with and the runs it is
 * drawn with agree).  Bidi controls take the face of the unit before
 * them (the shaper removes them: they draw nothing).
 */
static void
assign_faces(struct text_ctx *tc, int32_t n, const UBiDiLevel *lv,
    const enum font_face *chain)
{
	const UChar *u = tc->para;
	unsigned char *f;
	int32_t i, j, k, p, q;
	UChar32 c;

	tc->face = reserve(tc->face, &tc->face_cap, (size_t)n + 1,
	    sizeof *tc->face);
	f = tc->face;
	/* Strong characters first: the first face that covers them. */
	for (i = 0; i < n; i = j) {
		j = i;
		U16_NEXT(u, j, n, c);
		if (u_hasBinaryProperty(c, UCHAR_BIDI_CONTROL))
			f[i] = FACE_SKIP;
		else if (is_neutral(c))
			f[i] = FACE_PENDING;
		else
			f[i] = chain_face(tc, chain, c);
		for (k = i + 1; k < j; k++)
			f[k] = f[i];
	}
	/* Then each span of neutrals, between its strong neighbours. */
	p = -1;
	for (i = 0; i < n; ) {
		if (f[i] != FACE_PENDING && f[i] != FACE_SKIP) {
			p = i++;
			continue;
		}
		for (q = i; q < n && (f[q] == FACE_PENDING || f[q] == FACE_SKIP); q++)
			;
		if (q == n)
			q = -1;
		while (i < n && (f[i] == FACE_PENDING || f[i] == FACE_SKIP)) {
			j = i;
			U16_NEXT(u, j, n, c);
			if (f[i] == FACE_PENDING)
				f[i] = neutral_face(tc, chain, lv, i, c, p, q);
			for (k = i + 1; k < j; k++)
				f[k] = f[i];
			i = j;
		}
	}
	/* Bidi controls: the face before them, else after, else primary. */
	for (i = 0; i < n; i++)
		if (f[i] == FACE_SKIP)
			f[i] = i > 0 ? f[i - 1] : FACE_SKIP;
	for (i = n; i-- > 0;)
		if (f[i] == FACE_SKIP)
			f[i] = i + 1 < n ? f[i + 1] : (unsigned char)chain[0];
}

/* For a device without a shaper: one glyph per character (its code
 * point as glyph id), its text_width() as advance, reversed for RTL;
 * bidi controls dropped as a shaper drops them. */
static size_t
unshaped(struct text_ctx *tc, enum font_face face, const UChar *u, int32_t n,
    bool rtl, const struct glyph **out)
{
	size_t ng = 0;
	int32_t i = 0, at;
	UChar32 c;

	tc->ug = reserve(tc->ug, &tc->ug_cap, (size_t)n + 1, sizeof *tc->ug);
	while (i < n) {
		char u8[4];
		int32_t l8 = 0;
		UBool err = false;
		at = i;
		U16_NEXT(u, i, n, c);
		/* invisible, as a shaper leaves them (a soft hyphen shows
		 * only where a line breaks: set_line) */
		if (u_hasBinaryProperty(c, UCHAR_BIDI_CONTROL) || c == 0xAD)
			continue;
		U8_APPEND(u8, l8, 4, c, err);
		(void)err; /* 4 bytes hold any code point */
		double w = tc->dev->text_width(tc->dev->ctx, face, u8, (size_t)l8);
		tc->ug[ng++] = (struct glyph){ .gid = (uint32_t)c, .cp = (uint32_t)c,
		    .cluster = at, .adv = (float)w, .w = (int16_t)w };
	}
	if (rtl)
		for (size_t a = 0, b = ng; a + 1 < b; a++, b--) {
			struct glyph t = tc->ug[a];
			tc->ug[a] = tc->ug[b - 1];
			tc->ug[b - 1] = t;
		}
	*out = tc->ug;
	return ng;
}

/* The device's shaping of u[0..n), or unshaped(). */
static size_t
shape_piece(struct text_ctx *tc, unsigned char face, const UChar *u, int32_t n,
    bool rtl, const char *lang, const struct glyph **out)
{
	if (tc->dev->shape == NULL)
		return unshaped(tc, (enum font_face)face, u, n, rtl, out);
	return tc->dev->shape(tc->dev->ctx, (enum font_face)face, u, (size_t)n, rtl,
	    lang, out);
}

/*
 * Shape the paragraph once for measuring: bidi levels and faces for the
 * whole of it, each stretch of one face and one direction shaped, and
 * the advance of each cluster summed into tc->pre, so that the width of
 * any candidate line is a difference of two prefix sums.  Line breaks
 * fall between clusters, and a space (where lines end) joins nothing, so
 * the shaping of a line on its own differs from this only by a kerning
 * pair across a forced break.
 */
static bool
measure_para(struct text_ctx *tc, int32_t n, const struct text_style *st,
    UBiDiLevel level)
{
	UErrorCode status = U_ZERO_ERROR;
	const UBiDiLevel *lv;
	int32_t i, j;

	tc->pre = reserve(tc->pre, &tc->pre_cap, (size_t)n + 1, sizeof *tc->pre);
	tc->face = reserve(tc->face, &tc->face_cap, (size_t)n + 1, sizeof *tc->face);
	tc->pre[0] = 0;
	tc->n_para = n;
	tc->para_lv = level;
	if (n == 0)
		return true;
	ubidi_setPara(tc->bidi, tc->para, n, level, NULL, &status);
	if (U_FAILURE(status))
		return false;
	lv = ubidi_getLevels(tc->bidi, &status);
	if (U_FAILURE(status))
		return false;
	assign_faces(tc, n, lv, fonts_fallback(st->style));
	/* pre[k + 1] first holds the advance of the cluster starting at k */
	for (i = 0; i < n; i++)
		tc->pre[i + 1] = 0;
	tc->n_pg = tc->n_items = 0;
	for (i = 0; i < n; i = j) {
		const struct glyph *g;
		struct para_item *it;
		size_t ng, k;
		for (j = i + 1; j < n && tc->face[j] == tc->face[i] &&
		    (lv[j] & 1) == (lv[i] & 1); j++)
			;
		ng = shape_piece(tc, tc->face[i], tc->para + i, j - i, lv[i] & 1,
		    st->lang, &g);
		tc->pg = reserve(tc->pg, &tc->pg_cap, tc->n_pg + ng + 1, sizeof *tc->pg);
		tc->items = reserve(tc->items, &tc->items_cap, tc->n_items + 1,
		    sizeof *tc->items);
		it = &tc->items[tc->n_items++];
		*it = (struct para_item){ i, j, tc->n_pg, tc->n_pg + ng, tc->face[i], lv[i] & 1 };
		for (k = 0; k < ng; k++) {
			tc->pg[tc->n_pg] = g[k];
			tc->pg[tc->n_pg++].cluster += i;
			if (g[k].cluster >= 0 && g[k].cluster < j - i)
				tc->pre[i + g[k].cluster + 1] += g[k].adv;
		}
	}
	for (i = 0; i < n; i++)
		tc->pre[i + 1] += tc->pre[i];
	return true;
}

/* Whether unit c may be inside a word: a letter, a mark, a digit, or
 * half of a pair of surrogates. */
static bool
in_word(UChar c)
{
	return U16_IS_SURROGATE(c) ||
	    (U_GET_GC_MASK(c) & (U_GC_L_MASK | U_GC_M_MASK | U_GC_N_MASK)) != 0;
}

/*
 * The advance (thousandths of the size) of the hyphen a line ending at e
 * draws: one that breaks right after a soft hyphen (U+00AD) inside the
 * paragraph between two letters (one after a space splits no word), in
 * left-to-right text whose face has a glyph for it (the
 * shaper removes the character as invisible; where a line breaks there,
 * it shows as a hyphen).  0 for any other line, and in right-to-left
 * paragraphs, whose scripts do not hyphenate.
 */
static double
soft_hyphen_adv(const struct text_ctx *tc, int32_t e)
{
	if (e < 2 || e >= tc->n_para || tc->para[e - 1] != 0xAD || (tc->para_lv & 1) ||
	    !in_word(tc->para[e - 2]) || !in_word(tc->para[e]) ||
	    (ubidi_getLevelAt(tc->bidi, e - 1) & 1) || !covers(tc, tc->face[e - 1], 0xAD))
		return 0;
	return tc->dev->text_width(tc->dev->ctx, (enum font_face)tc->face[e - 1], "\xC2\xAD", 2);
}

/* Width of para[s..e) as measure_para shaped it, in points, with the
 * hyphen of a line broken at a soft hyphen. */
static double
measured_width(const struct text_ctx *tc, int32_t s, int32_t e, double size)
{
	double shy = e > s ? soft_hyphen_adv(tc, e) : 0;
	e = trim(tc->para, s, e);
	return e > s ? (tc->pre[e] - tc->pre[s] + shy) * size / 1000.0 : 0;
}

/* One glyph of the line being built, with what the runs need. */
struct line_glyph {
	struct glyph g;           /* cluster: absolute unit offset in para */
	int32_t cl_end;           /* end of its cluster in para */
	unsigned char face;
	bool rtl;
};

static void
push_glyphs(struct text_ctx *tc, const struct glyph *g, size_t ng, int32_t at,
    int32_t end, unsigned char face, bool rtl)
{
	size_t k;
	tc->lg = reserve(tc->lg, &tc->lg_cap, tc->n_lg + ng + 1, sizeof *tc->lg);
	for (k = 0; k < ng; k++) {
		struct line_glyph *l = &tc->lg[tc->n_lg + k];
		l->g = g[k];
		l->g.cluster += at;
		l->face = face;
		l->rtl = rtl;
	}
	/* Clusters are monotone: ascending left to right in LTR, descending
	 * in RTL.  A cluster ends where the next one (in logical order)
	 * starts, the last one at the end of the shaped text: one pass from
	 * the logical end (a cluster of thousands of marks stays linear). */
	struct line_glyph *l = tc->lg + tc->n_lg;
	for (k = 0; k < ng; k++) {
		size_t j = rtl ? k : ng - 1 - k;     /* logical end first */
		size_t after = rtl ? j - 1 : j + 1;  /* the glyph after it in logical order */
		l[j].cl_end = k == 0 ? end : l[after].g.cluster > l[j].g.cluster
		    ? l[after].g.cluster : l[after].cl_end;
	}
	tc->n_lg += ng;
}

/* Whether a line may be cut between units u - 1 and u without changing
 * how either side is shaped: not between two characters that join or
 * carry marks (Arabic letters, harakat). */
static bool
safe_cut(const struct text_ctx *tc, int32_t u)
{
	return u_getIntPropertyValue(tc->para[u - 1], UCHAR_JOINING_TYPE) == U_JT_NON_JOINING ||
	    u_getIntPropertyValue(tc->para[u], UCHAR_JOINING_TYPE) == U_JT_NON_JOINING;
}

/* The first glyph of item it, in its order, whose cluster is not
 * before u in the item's direction (clusters are monotone). */
static size_t
first_glyph_from(const struct text_ctx *tc, const struct para_item *it, int32_t u)
{
	size_t lo = it->g0, hi = it->g1;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		bool before = it->rtl ? tc->pg[mid].cluster >= u : tc->pg[mid].cluster < u;
		if (before)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Whether u starts a cluster of item it (or is one of its ends). */
static bool
cluster_start(const struct text_ctx *tc, const struct para_item *it, int32_t u)
{
	if (u == it->s || u == it->e)
		return true;
	if (!it->rtl) {
		size_t k = first_glyph_from(tc, it, u);
		return k < it->g1 && tc->pg[k].cluster == u;
	}
	/* RTL: the last glyph whose cluster is >= u */
	size_t k = first_glyph_from(tc, it, u);
	return k > it->g0 && tc->pg[k - 1].cluster == u;
}

/*
 * The glyphs measure_para made for para[a..b) in direction rtl, when
 * they are what shaping the piece on its own would give: the piece lies
 * in one item of that direction, starts and ends at cluster boundaries,
 * and is not cut from joining neighbours.  Lines break at spaces and
 * between ideographs, so this holds for nearly every piece: a line is
 * then not shaped a second time.
 */
static bool
measured_piece(const struct text_ctx *tc, int32_t a, int32_t b, bool rtl,
    const struct glyph **g, size_t *ng)
{
	size_t lo = 0, hi = tc->n_items, from, to;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (tc->items[mid].s <= a)
			lo = mid;
		else
			hi = mid;
	}
	if (tc->n_items == 0)
		return false;
	const struct para_item *it = &tc->items[lo];
	if (!(it->s <= a && b <= it->e) || it->rtl != rtl || it->face != tc->face[a])
		return false;
	if ((a > it->s && !safe_cut(tc, a)) || (b < it->e && !safe_cut(tc, b)) ||
	    !cluster_start(tc, it, a) || !cluster_start(tc, it, b))
		return false;
	/* the glyphs of [a, b): contiguous, clusters ascending (LTR) or
	 * descending (RTL) */
	if (!it->rtl) {
		from = first_glyph_from(tc, it, a);
		to = first_glyph_from(tc, it, b);
	} else {
		from = first_glyph_from(tc, it, b);
		to = first_glyph_from(tc, it, a);
	}
	*g = tc->pg + from;
	*ng = to - from;
	return true;
}

/*
 * Shape the logical line para[s..e) into tc->lg, left to right: its runs
 * in the order bidi gives them, each run cut where the face changes, and
 * each piece shaped in its direction (the pieces of an RTL run are laid
 * right to left).  The levels are the paragraph's, as measure_para
 * resolved them (UAX #9: resolved over the paragraph, reordered line by
 * line, ubidi_setLine): resolved for the line alone, a comma or a slash
 * between two Latin words at the end of a line of Arabic text would take
 * the Arabic direction and jump to the line's other side.
 */
static bool
shape_line(struct text_ctx *tc, int32_t s, int32_t e, const struct text_style *st,
    UBiDiLevel level)
{
	UErrorCode status = U_ZERO_ERROR;
	int32_t n_runs, r, start, rlen, a, b;

	tc->n_lg = 0;
	if (e <= s)
		return true;
	ubidi_setLine(tc->bidi, s, e, tc->line, &status);
	if (U_FAILURE(status)) {
		/* a line across a paragraph separator inside the text: the
		 * line on its own */
		status = U_ZERO_ERROR;
		ubidi_setPara(tc->line, tc->para + s, e - s, level, NULL, &status);
	}
	if (U_FAILURE(status))
		return false;
	n_runs = ubidi_countRuns(tc->line, &status);
	if (U_FAILURE(status))
		return false;
	for (r = 0; r < n_runs; r++) {
		bool rtl = ubidi_getVisualRun(tc->line, r, &start, &rlen) == UBIDI_RTL;
		int32_t lo = s + start, hi = s + start + rlen;
		/* pieces of one face, in visual order */
		for (int32_t k = 0; k < rlen; k = b - lo) {
			const struct glyph *g;
			size_t ng;
			if (!rtl) {
				a = lo + k;
				for (b = a + 1; b < hi && tc->face[b] == tc->face[a]; b++)
					;
			} else {
				b = hi - k;
				for (a = b - 1; a > lo && tc->face[a - 1] == tc->face[b - 1]; a--)
					;
			}
			if (measured_piece(tc, a, b, rtl, &g, &ng)) {
				push_glyphs(tc, g, ng, 0, b, tc->face[a], rtl);
			} else {
				ng = shape_piece(tc, tc->face[a], tc->para + a, b - a, rtl,
				    st->lang, &g);
				push_glyphs(tc, g, ng, a, b, tc->face[a], rtl);
			}
			if (rtl)
				b = lo + (hi - a); /* so that k advances by b - a */
		}
	}
	return true;
}

/* Append unit range para[a..b) to tc->utf8 at *n8, reversed code point
 * by code point for RTL (visual order), without bidi controls.  Not
 * mirrored: a reader gives right-to-left text back in logical order
 * without mirroring it, so "(" must stay "(" (the glyph drawn for it is
 * ")", with a code of its own: shape.c, glyph_cp). */
static void
put_units(struct text_ctx *tc, int32_t a, int32_t b, bool rtl, size_t *n8)
{
	UChar32 c;
	int32_t i;
	tc->utf8 = reserve(tc->utf8, &tc->utf8_cap, *n8 + 3 * (size_t)(b - a) + 8, 1);
	for (i = rtl ? b : a; rtl ? i > a : i < b;) {
		if (rtl) {
			U16_PREV(tc->para, a, i, c);
		} else {
			U16_NEXT(tc->para, i, b, c);
		}
		/* a soft hyphen is text only where it is drawn, a cluster
		 * of its own at a line's end (set_line) */
		if (u_hasBinaryProperty(c, UCHAR_BIDI_CONTROL) || (c == 0xAD && b - a > 1))
			continue;
		int32_t at = (int32_t)*n8;
		UBool err = false;
		U8_APPEND(tc->utf8, at, (int32_t)tc->utf8_cap, c, err);
		(void)err; /* reserved above: 3 bytes per unit */
		*n8 = (size_t)at;
	}
}

/* End of the run starting at tc->lg[a]: one face, one direction, and
 * cut after each space so that every space is a justification gap, but
 * never between two glyphs of one cluster (marks typed after a space
 * belong to it: cut there, they would be written twice). */
static size_t
run_end(const struct text_ctx *tc, size_t a)
{
	size_t b = a + 1;

	while (b < tc->n_lg && tc->lg[b].face == tc->lg[a].face &&
	    tc->lg[b].rtl == tc->lg[a].rtl &&
	    (tc->para[tc->lg[b - 1].g.cluster] != 0x20 ||
	    tc->lg[b].g.cluster == tc->lg[b - 1].g.cluster))
		b++;
	return b;
}

/*
 * Lay out tc->para[s..e) as one line, shaped, into *line from a.  Its
 * width is the sum of its glyphs' advances.
 */
static bool
set_line(struct text_ctx *tc, int32_t s, int32_t e,
    const struct text_style *st, UBiDiLevel level, struct arena *a,
    struct text_line *line, size_t *missing, double *w)
{
	size_t miss = 0, n_runs = 0, k, i, j, gi;
	struct text_run *runs = NULL, *run;
	double x = 0;
	int32_t u;

	double shy = e > s ? soft_hyphen_adv(tc, e) : 0;
	e = trim(tc->para, s, e);
	if (!shape_line(tc, s, shy > 0 ? e - 1 : e, st, level))
		return false;
	if (shy > 0) {
		/* The soft hyphen drawn as its own character (fonts map it to
		 * a hyphen), at the line's right end: a reader gives U+00AD
		 * back, which PDF readers take as a word broken across lines
		 * (ISO 32000-1, 14.8.2.2.3). */
		struct glyph h = { .gid = 0xAD, .cp = 0xAD, .cluster = e - 1, .adv = (float)shy,
			.w = (int16_t)shy };
		push_glyphs(tc, &h, 1, 0, e, tc->face[e - 1], false);
	}
	for (u = s; u < e; ) {
		UChar32 c;
		int32_t v = u;
		U16_NEXT(tc->para, v, e, c);
		if (!u_hasBinaryProperty(c, UCHAR_BIDI_CONTROL) && !covers(tc, tc->face[u], c))
			miss++;
		u = v;
	}
	for (i = 0; i < tc->n_lg; i = run_end(tc, i))
		n_runs++;
	if (n_runs > 0)
		runs = arena_alloc(a, n_runs * sizeof *runs);
	for (i = 0, k = 0; i < tc->n_lg; i = j, k++) {
		struct glyph *gl;
		size_t n8 = 0;
		double rw = 0;

		j = run_end(tc, i);
		gl = arena_alloc(a, (j - i) * sizeof *gl);
		/* The run's characters in visual order, each cluster's once,
		 * at its first glyph; a cluster's glyphs are adjacent. */
		bool plain = true;
		for (gi = i; gi < j; gi++) {
			const struct line_glyph *l = &tc->lg[gi];
			struct glyph *o = &gl[gi - i];
			*o = l->g;
			if (gi > i && l->g.cluster == tc->lg[gi - 1].g.cluster) {
				o->cluster = o[-1].cluster;
				o->cluster_len = o[-1].cluster_len;
				plain = false;
			} else {
				size_t at = n8;
				put_units(tc, l->g.cluster, l->cl_end, l->rtl, &n8);
				o->cluster = (int32_t)at;
				o->cluster_len = (int32_t)(n8 - at);
				/* one character, drawn as itself where the pen is */
				UChar32 c;
				int32_t v = l->g.cluster;
				U16_NEXT(tc->para, v, l->cl_end, c);
				plain = plain && v == l->cl_end && c <= 0xFFFF &&
				    l->g.cp == (uint32_t)c &&
				    l->g.dx == 0 && l->g.dy == 0;
			}
			rw += l->g.adv;
		}
		rw = rw * st->size / 1000.0;
		run = &runs[k];
		run->face = (enum font_face)tc->lg[i].face;
		run->text = arena_strndup(a, tc->utf8 != NULL ? tc->utf8 : "", n8);
		run->len = n8;
		run->glyphs = gl;
		run->n_glyphs = j - i;
		run->plain = plain;
		run->x = x;
		run->width = rw;
		run->rtl = tc->lg[i].rtl;
		/* The last run's space is no gap: nothing follows. */
		run->ends_with_space = tc->para[tc->lg[j - 1].g.cluster] == 0x20 &&
		    j < tc->n_lg;
		x += rw;
	}
	*w = x;
	line->runs = runs;
	line->n_runs = n_runs;
	line->width = x;
	line->rtl = level & 1;
	line->hard_break = false;
	if (missing != NULL)
		*missing += miss;
	return true;
}

/* Does tc->para[s..e) fit in width?  Measured from the paragraph's
 * shaping (measure_para): no candidate is shaped again. */
static bool
line_fits(struct text_ctx *tc, int32_t s, int32_t e,
    const struct text_style *st, UBiDiLevel level, double width, bool *fits)
{
	(void)level;
	*fits = measured_width(tc, s, e, st->size) <= width;
	return true;
}

/* Grapheme boundary number k after s (1-based), collected lazily into
 * tc->gb up to e; false when the word has fewer. */
static bool
grapheme_at(struct text_ctx *tc, int32_t s, int32_t e, int32_t *n_gb,
    int32_t k, int32_t *g)
{
	int32_t b;

	while (*n_gb < k) {
		if (*n_gb > 0 && tc->gb[*n_gb - 1] >= e)
			return false;
		/* following(), not next(): line_fits moves the iterator. */
		b = ubrk_following(tc->graphemes,
		    *n_gb == 0 ? s : tc->gb[*n_gb - 1]);
		if (b == UBRK_DONE || b > e)
			b = e;
		tc->gb = reserve(tc->gb, &tc->gb_cap, (size_t)*n_gb + 1,
		    sizeof *tc->gb);
		tc->gb[(*n_gb)++] = b;
	}
	*g = tc->gb[k - 1];
	return true;
}

/*
 * The segment tc->para[s..e) is wider than the line on its own: cut it at
 * the last grapheme boundary that fits, at least one grapheme in, so no
 * text is lost however narrow the line.  Galloping then bisecting keeps a
 * 1 MiB word at O(n log n) measuring.
 */
static bool
force_break(struct text_ctx *tc, int32_t s, int32_t e,
    const struct text_style *st, UBiDiLevel level, double width, int32_t *end)
{
	int32_t n_gb = 0, lo = 1, hi = -1, step = 1, k, g;
	bool fits;

	if (!grapheme_at(tc, s, e, &n_gb, 1, &g))
		return false;
	while (hi < 0) {
		k = lo + step;
		if (!grapheme_at(tc, s, e, &n_gb, k, &g)) {
			k = n_gb;
			if (k <= lo) {
				hi = lo + 1;
				break;
			}
			g = tc->gb[k - 1];
		}
		if (!line_fits(tc, s, g, st, level, width, &fits))
			return false;
		if (fits) {
			lo = k;
			step *= 2;
		} else {
			hi = k;
		}
	}
	while (hi - lo > 1) {
		k = lo + (hi - lo) / 2;
		if (!line_fits(tc, s, tc->gb[k - 1], st, level, width, &fits))
			return false;
		if (fits)
			lo = k;
		else
			hi = k;
	}
	*end = tc->gb[lo - 1];
	return true;
}

/*
 * The segment tc->para[s..e) starts inside or at an e-mail address or URL
 * wider than the line: cut it after a '/' or before a '.' or '@' (no
 * hyphen is added: one would read as part of the address), at the last
 * such point that fits.  False in *found when none fits: the caller cuts
 * between graphemes.
 */
static bool
span_break(struct text_ctx *tc, int32_t s, int32_t e, const struct text_style *st,
    UBiDiLevel level, double width, int32_t *end, bool *found)
{
	int32_t sp = -1, k, lo, hi, mid, se;
	size_t i, n = 0;
	bool fits;

	*found = false;
	for (i = 0; i < tc->n_spans && sp < 0; i++)
		if (tc->spans[i].s <= s && s < tc->spans[i].e)
			sp = (int32_t)i;
	if (sp < 0)
		return true;
	se = tc->spans[sp].e < e ? tc->spans[sp].e : e;
	for (k = s + 1; k < se; k++)
		if (tc->para[k - 1] == '/' || tc->para[k] == '.' || tc->para[k] == '@') {
			tc->cuts = reserve(tc->cuts, &tc->cuts_cap, n + 1, sizeof *tc->cuts);
			tc->cuts[n++] = k;
		}
	/* the last cut that fits: the widths grow with k */
	lo = -1;
	hi = (int32_t)n;
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (!line_fits(tc, s, tc->cuts[mid], st, level, width, &fits))
			return false;
		if (fits)
			lo = mid;
		else
			hi = mid;
	}
	if (lo >= 0) {
		*end = tc->cuts[lo];
		*found = true;
	}
	return true;
}

static bool
is_hard(int32_t rule_status)
{
	return rule_status >= UBRK_LINE_HARD &&
	    rule_status < UBRK_LINE_HARD_LIMIT;
}

bool
text_break_paragraph(struct text_ctx *tc, const char *utf8, size_t len,
    const struct text_style *st, double width, struct arena *a,
    struct text_line **lines, size_t *n_lines, size_t *missing)
{
	struct text_line *tmp = NULL;
	size_t n = 0, cap = 0, miss = 0;
	UBreakIterator *brk;
	UErrorCode status;
	UBiDiLevel level;
	int32_t n16, pos, end, b, fail_rs;
	double w;
	bool ok = false, fits, hard;

	*lines = NULL;
	*n_lines = 0;
	*missing = 0;
	if (!to_utf16(tc, utf8, len, &n16))
		return false;
	level = para_level(tc->para, n16, st->dir);
	if (!measure_para(tc, n16, st, level))
		goto out;
	find_spans(tc, n16);
	brk = line_breaker(tc, st->lang);
	if (brk == NULL)
		goto out;
	status = U_ZERO_ERROR;
	ubrk_setText(brk, tc->para, n16, &status);
	if (U_FAILURE(status))
		goto out;
	if (tc->graphemes == NULL) {
		status = U_ZERO_ERROR;
		tc->graphemes = ubrk_open(UBRK_CHARACTER, "", NULL, 0, &status);
		if (U_FAILURE(status)) {
			tc->graphemes = NULL;
			goto out;
		}
	}
	status = U_ZERO_ERROR;
	ubrk_setText(tc->graphemes, tc->para, n16, &status);
	if (U_FAILURE(status))
		goto out;

	for (pos = 0; pos < n16; pos = end) {
		/*
		 * Greedy: the line ends at the last break opportunity that
		 * fits, or at the first hard break.  Measuring is the cost (a
		 * candidate is laid out whole: bidi, shaping, faces), so the
		 * opportunities are not tried one by one but galloping (1st,
		 * 2nd, 4th, 8th...) and then bisecting: a candidate that does
		 * not fit makes every longer one not fit (line_fits relies on
		 * that too), so the line found is the one trying each in
		 * turn would find, with O(log k) measurements of k.
		 */
		int32_t nb = 0, h = -1, best = -1, bad = -1, k = 0;
		bool started = false;
		end = pos;
		hard = false;
		fail_rs = 0;
		b = UBRK_DONE;
		for (;;) {
			/* Collect opportunities up to k, stopping at a hard one. */
			while (nb <= k && h < 0) {
				b = !started ? ubrk_following(brk, pos) : ubrk_next(brk);
				started = true;
				if (b == UBRK_DONE)
					break;
				/* no break inside an e-mail address or a URL */
				if (tc->n_spans > 0 && span_inside(tc, b) >= 0)
					continue;
				tc->bo = reserve(tc->bo, &tc->bo_cap, (size_t)nb + 1, sizeof *tc->bo);
				tc->bo[nb].at = b;
				tc->bo[nb].rs = ubrk_getRuleStatus(brk);
				if (is_hard(tc->bo[nb].rs))
					h = nb;
				nb++;
			}
			if (k >= nb)
				k = nb - 1;
			if (k <= best)
				break;
			if (!line_fits(tc, pos, tc->bo[k].at, st, level, width, &fits))
				goto out;
			if (!fits) {
				bad = k;
				break;
			}
			best = k;
			k = 2 * k + 1;
		}
		while (bad >= 0 && bad - best > 1) {
			k = best + (bad - best) / 2;
			if (!line_fits(tc, pos, tc->bo[k].at, st, level, width, &fits))
				goto out;
			if (fits)
				best = k;
			else
				bad = k;
		}
		if (best >= 0) {
			end = tc->bo[best].at;
			hard = is_hard(tc->bo[best].rs);
		}
		if (bad >= 0) {
			b = tc->bo[bad].at;
			fail_rs = tc->bo[bad].rs;
		} else if (nb > 0) {
			b = tc->bo[nb - 1].at;
		}
		bool forced = false;
		if (end == pos) {
			if (b == UBRK_DONE)
				b = n16;
			if (!span_break(tc, pos, b, st, level, width, &end, &fits))
				goto out;
			if (!fits && !force_break(tc, pos, b, st, level, width, &end))
				goto out;
			forced = !fits;
			hard = end == b && is_hard(fail_rs);
		}
		if (n == cap) {
			cap = cap ? 2 * cap : 16;
			tmp = xrealloc(tmp, cap * sizeof *tmp);
		}
		size_t line_miss = 0;
		if (!set_line(tc, pos, end, st, level, a, &tmp[n], &line_miss, &w))
			goto out;
		/*
		 * A word cut between graphemes is measured as the paragraph
		 * shaped it, joined across the cut; on its own line the last
		 * letter takes its final form, which may be wider (Arabic).
		 * Give the line back a grapheme at a time until it fits, keeping
		 * at least one.
		 */
		while (forced && w > width + 1e-9) {
			int32_t prev = ubrk_preceding(tc->graphemes, end);
			if (prev == UBRK_DONE || prev <= pos)
				break;
			end = prev;
			hard = false;
			line_miss = 0;
			if (!set_line(tc, pos, end, st, level, a, &tmp[n], &line_miss, &w))
				goto out;
		}
		miss += line_miss;
		tmp[n].hard_break = hard || end == n16;
		n++;
	}
	if (n > 0) {
		*lines = arena_alloc(a, n * sizeof **lines);
		memcpy(*lines, tmp, n * sizeof *tmp);
	}
	*n_lines = n;
	*missing = miss;
	ok = true;
out:
	free(tmp);
	return ok;
}

double
text_width(struct text_ctx *tc, const char *utf8, size_t len,
    const struct text_style *st)
{
	int32_t n16;

	if (!to_utf16(tc, utf8, len, &n16))
		return 0;
	if (!measure_para(tc, n16, st, para_level(tc->para, n16, st->dir)))
		return 0;
	return measured_width(tc, 0, n16, st->size);
}

void
text_justify(struct text_line *line, double width)
{
	size_t i, gaps = 0;
	double slack, gap, shift = 0;

	if (line == NULL || line->hard_break || line->n_runs < 2)
		return;
	for (i = 0; i + 1 < line->n_runs; i++)
		if (line->runs[i].ends_with_space)
			gaps++;
	slack = width - line->width;
	if (gaps == 0 || !(slack > 0))
		return;
	gap = slack / (double)gaps;
	for (i = 0; i < line->n_runs; i++) {
		line->runs[i].x += shift;
		if (i + 1 < line->n_runs && line->runs[i].ends_with_space)
			shift += gap;
	}
	/* The line now spans the measure: an RTL line aligned by its right
	 * edge (right - width) starts at the left margin as it must. */
	line->width = width;
}
