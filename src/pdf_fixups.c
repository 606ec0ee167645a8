/*
 * pdf_fixups.c - libharu 2.3.0 workarounds and extensions (see
 * pdf_fixups.h and feasibility.md section 4).
 *
 * Everything here depends on the layout of libharu's private structs
 * (HPDF_FontAttr_Rec, HPDF_TTFontDefAttr_Rec and its cmap, HPDF_Dict_Rec,
 * HPDF_Doc_Rec, HPDF_PageAttr_Rec) and on how its functions read them
 * (HPDF_TTFontDef_GetGlyphid, HPDF_FToA), as installed by libhpdf-dev
 * 2.3.0.  Upstream changed them (2.4.x made glyph ids unsigned and fixed
 * the closure), hence the version fence.
 */
#include "pdf_fixups.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <hpdf_utils.h>
#include <hpdf_version.h>

#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "arena.h"

#if HPDF_VERSION_ID != 20300
#error "pdf_fixups.c relies on the private structs of libharu 2.3.0; review it for this version"
#endif

static HPDF_TTFontDefAttr
def_attr(HPDF_FontDef def)
{
	if (def == NULL || def->type != HPDF_FONTDEF_TYPE_TRUETYPE || def->attr == NULL)
		return NULL;
	return (HPDF_TTFontDefAttr)def->attr;
}

/* The TrueType font definition behind a UTF-8 Type0 font, or NULL. */
static HPDF_TTFontDefAttr
tt_attr(HPDF_Font font)
{
	if (font == NULL || font->attr == NULL)
		return NULL;
	return def_attr(((HPDF_FontAttr)font->attr)->fontdef);
}

int
pdf_fixups_char_width(HPDF_FontDef def, uint16_t cp, bool *has_glyph)
{
	if (def_attr(def) == NULL) {
		if (has_glyph != NULL)
			*has_glyph = false;
		return 0;
	}
	if (has_glyph != NULL)
		*has_glyph = (cp < 0xD800 || cp > 0xDFFF) &&
		    HPDF_TTFontDef_GetGlyphid(def, cp) != 0;
	/* What the Type0 font's TextWidth adds for a character. */
	return HPDF_TTFontDef_GetCharWidth(def, cp);
}

HPDF_Font
pdf_fixups_get_font(HPDF_Doc pdf, const char *name, const uint64_t drawn[PDF_FIXUPS_CP_WORDS])
{
	HPDF_FontDef def = pdf_fixups_fontdef(pdf, name);
	HPDF_TTFontDefAttr a = def_attr(def);
	if (a == NULL || a->cmap.format != 4 || a->cmap.seg_count_x2 == 0)
		return HPDF_GetFont(pdf, name, "UTF-8");
	HPDF_UINT16 *gids = xcalloc(65536, sizeof *gids);
	for (size_t w = 0; w < PDF_FIXUPS_CP_WORDS; w++)
		for (uint64_t bits = drawn[w]; bits != 0; bits &= bits - 1) {
			unsigned cp = (unsigned)(w * 64) + (unsigned)__builtin_ctzll(bits);
			gids[cp] = HPDF_TTFontDef_GetGlyphid(def, (HPDF_UINT16)cp);
		}
	/*
	 * libharu 2.3.0 reads a format 4 segment i as: the first i whose end
	 * is >= the code; 0 if its start is above the code; else, with a
	 * non-zero range offset, glyph_id_array[offset / 2 + (code - start)
	 * + i - segments] + delta.  One segment 0..FFFF with offset 2 and
	 * delta 0 makes that glyph_id_array[code].
	 */
	HPDF_TTF_CmapRange saved = a->cmap;
	HPDF_UINT16 end = 0xFFFF, start = 0, range_offset = 2;
	HPDF_INT16 delta = 0;
	a->cmap.seg_count_x2 = 2;
	a->cmap.end_count = &end;
	a->cmap.start_count = &start;
	a->cmap.id_delta = &delta;
	a->cmap.id_range_offset = &range_offset;
	a->cmap.glyph_id_array = gids;
	a->cmap.glyph_id_array_count = 65536;
	HPDF_Font f = HPDF_GetFont(pdf, name, "UTF-8");
	a->cmap = saved;
	free(gids);
	return f;
}

HPDF_FontDef
pdf_fixups_fontdef(HPDF_Doc pdf, const char *name)
{
	if (pdf == NULL || name == NULL)
		return NULL;
	HPDF_FontDef def = HPDF_Doc_FindFontDef(pdf, name);
	return def_attr(def) != NULL ? def : NULL;
}

void
pdf_fixups_keep_all_glyphs(HPDF_Font font)
{
	HPDF_TTFontDefAttr a = tt_attr(font);
	if (a == NULL || a->glyph_tbl.flgs == NULL)
		return;
	memset(a->glyph_tbl.flgs, 1, a->num_glyphs);
}

bool
pdf_fixups_trim_cid_map(HPDF_Font font, const uint64_t drawn[PDF_FIXUPS_CP_WORDS],
    char *err, size_t errlen)
{
	HPDF_TTFontDefAttr a = tt_attr(font);
	if (a == NULL) {
		snprintf(err, errlen, "CIDToGIDMap: not a TrueType Type0 font");
		return false;
	}
	HPDF_FontDef def = ((HPDF_FontAttr)font->attr)->fontdef;
	HPDF_Dict map = ((HPDF_FontAttr)font->attr)->map_stream;
	if (map == NULL || map->stream == NULL)
		return true; /* not embedded: no map */
	size_t n = 0;
	for (size_t w = PDF_FIXUPS_CP_WORDS; w-- > 0;)
		if (drawn[w] != 0) {
			n = w * 64 + (size_t)(63 - __builtin_clzll(drawn[w])) + 1;
			break;
		}
	if (n == 0)
		n = 1;
	HPDF_BYTE *buf = xcalloc(n, 2);
	/* The glyph of each drawn code unit (the CIDs of the UTF-8 encoder
	 * are UTF-16 code units), as libharu's own map has it. */
	for (size_t w = 0; w * 64 < n; w++)
		for (uint64_t bits = drawn[w]; bits != 0; bits &= bits - 1) {
			size_t cid = w * 64 + (size_t)__builtin_ctzll(bits);
			HPDF_UINT16 gid = cid < 0x20 ? 0 : HPDF_TTFontDef_GetGlyphid(def, (HPDF_UINT16)cid);
			buf[2 * cid] = (HPDF_BYTE)(gid >> 8);
			buf[2 * cid + 1] = (HPDF_BYTE)gid;
		}
	HPDF_MemStream_FreeData(map->stream);
	HPDF_STATUS st = HPDF_Stream_Write(map->stream, buf, (HPDF_UINT)(2 * n));
	free(buf);
	if (st != HPDF_OK) {
		snprintf(err, errlen, "CIDToGIDMap: cannot write (libharu error 0x%04X)",
		    (unsigned)HPDF_Error_GetCode(map->error));
		return false;
	}
	return true;
}

const char *
pdf_fixups_load_ttf(HPDF_Doc pdf, const unsigned char *data, size_t len,
    char *err, size_t errlen)
{
	if (pdf == NULL || data == NULL || len < 12 || len > UINT32_MAX / 2) {
		snprintf(err, errlen, "cannot load a font of %zu bytes", len);
		return NULL;
	}
	/*
	 * One buffer, as libharu reads the font again glyph by glyph.  It
	 * also seeks to each glyph it marks as used, to see whether it is
	 * composite: for an empty glyph at the end of the glyf table (a
	 * space) that is the end of the file, where a file stream may seek
	 * but a memory stream raises HPDF_INVALID_OBJECT.  Zero bytes after
	 * the font make that position (and the 2 bytes read there) exist;
	 * nothing reads them as part of a table.
	 */
	static const HPDF_BYTE pad[16];
	HPDF_Stream st = HPDF_MemStream_New(pdf->mmgr, (HPDF_UINT)(len + sizeof pad));
	if (st == NULL || HPDF_Stream_Write(st, data, (HPDF_UINT)len) != HPDF_OK ||
	    HPDF_Stream_Write(st, pad, sizeof pad) != HPDF_OK) {
		if (st != NULL)
			HPDF_Stream_Free(st);
		snprintf(err, errlen, "cannot load a font: out of memory");
		return NULL;
	}
	/* From here the definition owns the stream, also on failure. */
	HPDF_FontDef def = HPDF_TTFontDef_Load(pdf->mmgr, st, HPDF_TRUE);
	if (def == NULL) {
		snprintf(err, errlen, "cannot load a font (libharu error 0x%04X, detail %u)",
		    (unsigned)HPDF_GetError(pdf), (unsigned)HPDF_GetErrorDetail(pdf));
		return NULL;
	}
	if (HPDF_Doc_FindFontDef(pdf, def->base_font) != NULL) {
		snprintf(err, errlen, "font %.100s loaded twice", def->base_font);
		HPDF_FontDef_Free(def);
		return NULL;
	}
	if (HPDF_List_Add(pdf->fontdef_list, def) != HPDF_OK) {
		HPDF_FontDef_Free(def);
		snprintf(err, errlen, "cannot load a font: out of memory");
		return NULL;
	}
	/* The next subset tag, counted as libharu's own loader does (HPDFAA,
	 * HPDFAB, ... in loading order), so that the same faces loaded in
	 * the same order get the same names. */
	if (pdf->ttfont_tag[0] == 0) {
		memcpy(pdf->ttfont_tag, "HPDFAA", 6);
	} else {
		for (int i = 5; i >= 0; i--) {
			pdf->ttfont_tag[i] += 1;
			if (pdf->ttfont_tag[i] > 'Z')
				pdf->ttfont_tag[i] = 'A';
			else
				break;
		}
	}
	char tag[HPDF_TTF_FONT_TAG_LEN + 1];
	memcpy(tag, pdf->ttfont_tag, HPDF_TTF_FONT_TAG_LEN);
	tag[HPDF_TTF_FONT_TAG_LEN] = '\0';
	HPDF_TTFontDef_SetTagName(def, tag);
	return def->base_font;
}

/* ---- ToUnicode ---- */

struct cmap_buf {
	char *p;
	size_t len, cap;
	bool oom;
};

static void
cb_puts(struct cmap_buf *b, const char *s)
{
	size_t n = strlen(s);
	if (b->oom)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t ncap = b->cap ? b->cap : 16384;
		while (ncap < b->len + n + 1)
			ncap *= 2;
		char *np = realloc(b->p, ncap);
		if (np == NULL) {
			b->oom = true;
			return;
		}
		b->p = np;
		b->cap = ncap;
	}
	memcpy(b->p + b->len, s, n + 1);
	b->len += n;
}

/* A ToUnicode entry: the UTF-16 destination of one code unit. */
struct mapping {
	uint16_t src;
	UChar dst[32];
	int32_t n_dst;
};

static bool
is_presentation_form(unsigned cp)
{
	return (cp >= 0xFB50 && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFF);
}

static bool
is_lam_alef(unsigned cp)
{
	return cp >= 0xFEF5 && cp <= 0xFEFC;
}

/*
 * Fill m with the NFKC decomposition of a presentation form; false if it
 * has none (unassigned, noncharacter) or if it is its own NFKC form.
 */
static bool
presentation_mapping(const UNormalizer2 *nfkc, unsigned cp, struct mapping *m)
{
	UErrorCode st = U_ZERO_ERROR;
	UChar src = (UChar)cp;
	m->src = (uint16_t)cp;
	m->n_dst = unorm2_normalize(nfkc, &src, 1, m->dst,
	    (int32_t)(sizeof m->dst / sizeof m->dst[0]), &st);
	if (U_FAILURE(st) || m->n_dst <= 0 || (m->n_dst == 1 && m->dst[0] == src))
		return false;
	if (is_lam_alef(cp)) {
		for (int32_t i = 0, j = m->n_dst - 1; i < j; i++, j--) {
			UChar t = m->dst[i];
			m->dst[i] = m->dst[j];
			m->dst[j] = t;
		}
	}
	return true;
}

/* Write the bfchar entries of m[0..n), in blocks of at most 100 (the
 * limit of one begin...end block in a CMap). */
static void
emit_bfchars(struct cmap_buf *b, const struct mapping *m, size_t n)
{
	char line[16 + 32 * 4 + 8];
	for (size_t i = 0; i < n; i += 100) {
		size_t k = n - i < 100 ? n - i : 100;
		snprintf(line, sizeof line, "%zu beginbfchar\n", k);
		cb_puts(b, line);
		for (size_t j = i; j < i + k; j++) {
			int w = snprintf(line, sizeof line, "<%04X> <", (unsigned)m[j].src);
			for (int32_t u = 0; u < m[j].n_dst; u++)
				w += snprintf(line + w, sizeof line - (size_t)w, "%04X",
				    (unsigned)m[j].dst[u]);
			snprintf(line + w, sizeof line - (size_t)w, ">\n");
			cb_puts(b, line);
		}
		cb_puts(b, "endbfchar\n");
	}
}

/* Identity ranges (from, to) of a CMap. */
struct ranges {
	unsigned (*v)[2];
	size_t n, cap;
};

static void
add_range(struct ranges *r, unsigned from, unsigned to)
{
	if (r->n == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 64;
		r->v = xrealloc(r->v, r->cap * sizeof *r->v);
	}
	r->v[r->n][0] = from;
	r->v[r->n++][1] = to;
}

static bool
is_drawn(const uint64_t *drawn, unsigned cp)
{
	return (drawn[cp >> 6] >> (cp & 63)) & 1;
}

/*
 * Build the CMap of the drawn code units.  Identity ranges may not cross
 * a high byte (bfrange rule), so there is one range per stretch of
 * consecutive drawn code units inside a high byte, broken also by the
 * presentation forms that map elsewhere.
 */
static bool
build_cmap(HPDF_FontDef def, const uint64_t *drawn, struct cmap_buf *b,
    char *err, size_t errlen)
{
	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *nfkc = unorm2_getNFKCInstance(&st);
	struct mapping *chars = NULL;
	size_t n_chars = 0, cap_chars = 0;
	struct ranges r = { 0 };
	char line[64];
	bool ok = false;

	if (U_FAILURE(st)) {
		snprintf(err, errlen, "ToUnicode: ICU NFKC unavailable: %s", u_errorName(st));
		return false;
	}
	for (unsigned hi = 0; hi < 256; hi++) {
		if (hi >= 0xD8 && hi <= 0xDF)
			continue; /* surrogates are not characters */
		unsigned start = hi << 8;
		bool in_run = false;
		unsigned run = 0;
		for (unsigned cp = start; cp <= (start | 0xFF); cp++) {
			struct mapping m;
			bool here = is_drawn(drawn, cp);
			/* Only forms the font can draw: the others are drawn as
			 * .notdef and stay identity. */
			bool form = here && is_presentation_form(cp) &&
			    HPDF_TTFontDef_GetGlyphid(def, (HPDF_UINT16)cp) != 0 &&
			    presentation_mapping(nfkc, cp, &m);
			if (in_run && (!here || form)) {
				add_range(&r, run, cp - 1);
				in_run = false;
			}
			if (form) {
				if (n_chars == cap_chars) {
					cap_chars = cap_chars ? 2 * cap_chars : 64;
					chars = xrealloc(chars, cap_chars * sizeof *chars);
				}
				chars[n_chars++] = m;
			} else if (here && !in_run) {
				run = cp;
				in_run = true;
			}
		}
		if (in_run) {
			add_range(&r, run, start | 0xFF);
		}
	}

	cb_puts(b, "/CIDInit /ProcSet findresource begin\n"
	    "12 dict begin\n"
	    "begincmap\n"
	    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
	    "/CMapName /Adobe-Identity-UCS def\n"
	    "/CMapType 2 def\n"
	    "1 begincodespacerange\n"
	    "<0000> <FFFF>\n"
	    "endcodespacerange\n");
	for (size_t i = 0; i < r.n; i += 100) {
		size_t k = r.n - i < 100 ? r.n - i : 100;
		snprintf(line, sizeof line, "%zu beginbfrange\n", k);
		cb_puts(b, line);
		for (size_t j = i; j < i + k; j++) {
			snprintf(line, sizeof line, "<%04X> <%04X> <%04X>\n",
			    r.v[j][0], r.v[j][1], r.v[j][0]);
			cb_puts(b, line);
		}
		cb_puts(b, "endbfrange\n");
	}
	emit_bfchars(b, chars, n_chars);
	cb_puts(b, "endcmap\n"
	    "CMapName currentdict /CMap defineresource pop\n"
	    "end\n"
	    "end\n");
	if (b->oom) {
		snprintf(err, errlen, "ToUnicode: out of memory");
		goto done;
	}
	ok = true;

done:
	free(r.v);
	free(chars);
	return ok;
}

bool
pdf_fixups_tounicode(HPDF_Font font, const uint64_t drawn[PDF_FIXUPS_CP_WORDS],
    char *err, size_t errlen)
{
	struct cmap_buf b = { 0 };
	bool ok = false;

	if (tt_attr(font) == NULL) {
		snprintf(err, errlen, "ToUnicode: not a TrueType Type0 font");
		return false;
	}
	HPDF_Dict cm = ((HPDF_FontAttr)font->attr)->cmap_stream;
	if (cm == NULL || cm->stream == NULL) {
		snprintf(err, errlen, "ToUnicode: font has no CMap stream");
		return false;
	}
	if (!build_cmap(((HPDF_FontAttr)font->attr)->fontdef, drawn, &b, err, errlen))
		goto done;
	HPDF_MemStream_FreeData(cm->stream);
	if (HPDF_Stream_Write(cm->stream, (const HPDF_BYTE *)b.p, (HPDF_UINT)b.len) != HPDF_OK) {
		snprintf(err, errlen, "ToUnicode: cannot write the CMap (libharu error 0x%04X)",
		    (unsigned)HPDF_Error_GetCode(cm->error));
		goto done;
	}
	ok = true;

done:
	free(b.p);
	return ok;
}

bool
pdf_fixups_page_write(HPDF_Page page, const char *s, size_t len)
{
	if (!HPDF_Page_Validate(page) || len > UINT32_MAX)
		return false;
	HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;
	if (attr->gmode != HPDF_GMODE_TEXT_OBJECT || attr->stream == NULL)
		return false;
	return HPDF_Stream_Write(attr->stream, (const HPDF_BYTE *)s, (HPDF_UINT)len) == HPDF_OK;
}

double
pdf_fixups_real_as_written(double v)
{
	char buf[HPDF_REAL_LEN + 8] = "";
	/* Writes at most HPDF_REAL_LEN characters, returns their end (not
	 * always NUL-terminated in 2.3.0). */
	const char *end = HPDF_FToA(buf, (HPDF_REAL)v, buf + HPDF_REAL_LEN);
	/* Read back without strtod, whose decimal point is the locale's. */
	const char *p = buf;
	bool neg = p < end && *p == '-';
	if (neg)
		p++;
	double ip = 0, fp = 0, scale = 1;
	for (; p < end && *p >= '0' && *p <= '9'; p++)
		ip = ip * 10 + (*p - '0');
	if (p < end && *p == '.')
		for (p++; p < end && *p >= '0' && *p <= '9'; p++) {
			fp = fp * 10 + (*p - '0');
			scale *= 10;
		}
	double r = ip + fp / scale;
	return neg ? -r : r;
}

bool
pdf_fixups_set_lang(HPDF_Doc pdf, const char *lang, char *err, size_t errlen)
{
	if (lang == NULL || *lang == '\0')
		return true;
	for (const char *p = lang; *p; p++) {
		char c = *p;
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-') || p - lang >= 35) {
			snprintf(err, errlen, "invalid document language tag");
			return false;
		}
	}
	HPDF_String s = HPDF_String_New(pdf->mmgr, lang, NULL);
	if (s == NULL || HPDF_Dict_Add(pdf->catalog, "Lang", s) != HPDF_OK) {
		snprintf(err, errlen, "cannot set the document language");
		return false;
	}
	return true;
}
