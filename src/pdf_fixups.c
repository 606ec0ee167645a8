/*
 * pdf_fixups.c - libharu 2.3.0 workarounds and extensions (see
 * pdf_fixups.h and feasibility.md section 4).
 *
 * Everything here depends on the layout of libharu's private structs
 * (HPDF_FontAttr_Rec, HPDF_FontDef_Rec, HPDF_TTFontDefAttr_Rec and its
 * cmap, HPDF_Dict_Rec, HPDF_String_Rec, HPDF_Doc_Rec, HPDF_PageAttr_Rec)
 * and on how its functions read and write them (HPDF_TTFontDef_GetGlyphid,
 * HPDF_FToA, the font descriptor CIDFontType2_BeforeWrite_Func makes at
 * save time unless one is there), as installed by libhpdf-dev 2.3.0.  Upstream changed them (2.4.x made glyph ids unsigned and fixed
 * the closure), hence the version fence.
 */
#include "pdf_fixups.h"

#include <stddef.h>
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

#include <libdeflate.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "arena.h"

#if HPDF_VERSION_ID != 20300
#error "pdf_fixups.c relies on the private structs of libharu 2.3.0; review it for this version"
#endif

/*
 * libharu's own byte copy and fill, in its place.  libharu 2.3.0 copies
 * and clears memory one byte at a time in HPDF_MemCpy and HPDF_MemSet,
 * and calls them through its PLT, so these definitions in the executable
 * are the ones it runs (ELF symbol interposition).  CIDFontType2_New
 * alone clears a 128 KiB map per font and copies its entries one call
 * each: 5 to 10 million instructions per document.  Same contracts: the
 * pointer past the last byte written comes back; an overlapping copy
 * runs forwards, byte by byte, as libharu's does.
 */
HPDF_BYTE *
HPDF_MemCpy(HPDF_BYTE *out, const HPDF_BYTE *in, HPDF_UINT n)
{
	if (n <= 8 || (out > in && out < in + n)) {  /* most calls copy 2 bytes */
		for (HPDF_UINT i = 0; i < n; i++)
			out[i] = in[i];
	} else if (n > 0) {
		memmove(out, in, n);
	}
	return out + n;
}

void *
HPDF_MemSet(void *s, HPDF_BYTE c, HPDF_UINT n)
{
	if (n > 0)
		memset(s, c, n);
	return (HPDF_BYTE *)s + n;
}

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

/*
 * The /W array libharu's CIDFontType2_New writes, for the drawn code
 * units only: each run of consecutive drawn CIDs whose width is not the
 * font's default, as "first [w1 w2 ...]".  A CID that is not drawn maps
 * to glyph 0, whose width libharu takes as the default (missing_width),
 * so it ends a run there too.
 */
static bool
write_widths(HPDF_Font font, const uint64_t drawn[PDF_FIXUPS_CP_WORDS])
{
	HPDF_FontAttr fa = (HPDF_FontAttr)font->attr;
	HPDF_Font desc = fa->descendant_font;
	HPDF_Array w = desc ? (HPDF_Array)HPDF_Dict_GetItem(desc, "W", HPDF_OCLASS_ARRAY) : NULL;
	if (w == NULL)
		return false;
	HPDF_FontDef def = fa->fontdef;
	HPDF_INT dw = def->missing_width;
	HPDF_Array run = NULL;
	unsigned next = 0;  /* the CID after the last one of run */
	for (size_t k = 0; k < PDF_FIXUPS_CP_WORDS; k++)
		for (uint64_t bits = drawn[k]; bits != 0; bits &= bits - 1) {
			unsigned cid = (unsigned)(k * 64) + (unsigned)__builtin_ctzll(bits);
			if (cid < 0x20)
				continue;  /* the encoder's notdef range */
			HPDF_UINT16 gid = HPDF_TTFontDef_GetGlyphid(def, (HPDF_UINT16)cid);
			HPDF_INT width = HPDF_TTFontDef_GetGidWidth(def, gid);
			if (width == dw) {
				run = NULL;
				continue;
			}
			if (run == NULL || cid != next) {
				run = HPDF_Array_New(font->mmgr);
				if (run == NULL || HPDF_Array_AddNumber(w, (HPDF_INT32)cid) != HPDF_OK ||
				    HPDF_Array_Add(w, run) != HPDF_OK)
					return false;
			}
			if (HPDF_Array_AddNumber(run, width) != HPDF_OK)
				return false;
			next = cid + 1;
		}
	return true;
}

/*
 * HPDF_GetFont with the UTF-8 encoder, for the drawn code units.
 * libharu's CIDFontType2_New asks a glyph and a width for every code of
 * the encoder, then for every CID below the highest (65,000 of them when
 * an Arabic presentation form is drawn), to write its /W array and a
 * CIDToGIDMap entry for each: a sixth of the instructions of rendering a
 * short document.  It is given the CMap encoder's own to_unicode function
 * and an attribute record whose maps hold no code but U+0020 for the
 * time of the call, so that both loops end at once; the /W array is then
 * written here from the drawn units (write_widths: the array libharu
 * would have written), and the CIDToGIDMap by pdf_fixups_trim_cid_map.
 * The encoder's record and function are put back before returning.
 */
HPDF_Font
pdf_fixups_get_font(HPDF_Doc pdf, const char *name, const uint64_t drawn[PDF_FIXUPS_CP_WORDS])
{
	HPDF_Encoder enc = HPDF_GetEncoder(pdf, "UTF-8");
	if (enc == NULL || enc->type != HPDF_ENCODER_TYPE_DOUBLE_BYTE || enc->attr == NULL)
		return HPDF_GetFont(pdf, name, "UTF-8");  /* not the encoder we know: libharu's way */
	/* The call sees an attribute record of its own: the maps zero but
	 * for U+0020, everything after them (CMap ranges, registry,
	 * ordering) shared with the encoder's; the font keeps the encoder,
	 * not the record, so the encoder's own is put back after.  The two
	 * 128 KiB maps are fresh zero pages, of which libharu reads one or
	 * two.  Not a thread-local record: the C library clears a thread's
	 * whole static TLS block when the thread starts, the main thread's
	 * included, which cost every run 64 page faults (docs/architecture.md,
	 * "Start-up"). */
	HPDF_CMapEncoderAttr ea = (HPDF_CMapEncoderAttr)enc->attr;
	HPDF_CMapEncoderAttr own = calloc(1, sizeof *own);
	if (own == NULL)
		return HPDF_GetFont(pdf, name, "UTF-8");
	size_t maps = offsetof(HPDF_CMapEncoderAttr_Rec, jww_line_head);
	memcpy((char *)own + maps, (const char *)ea + maps, sizeof *own - maps);
	own->cid_map[0][0x20] = 0x20;
	own->unicode_map[0][0x20] = 0x20;
	HPDF_Encoder_ToUnicode_Func to_unicode = enc->to_unicode_fn;
	enc->to_unicode_fn = HPDF_CMapEncoder_ToUnicode;
	enc->attr = own;
	HPDF_Font f = HPDF_GetFont(pdf, name, "UTF-8");
	enc->attr = ea;
	enc->to_unicode_fn = to_unicode;
	free(own);
	if (f != NULL && !write_widths(f, drawn))
		return NULL;
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

/* Zero bytes after a font loaded from memory (pdf_fixups_load_ttf); the
 * font program embedded is the stream without them (embed_font). */
#define FONT_PAD 16

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
	static const HPDF_BYTE pad[FONT_PAD];
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

int
pdf_fixups_reader_text(uint16_t c, uint16_t out[32])
{
	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *nfkc = unorm2_getNFKCInstance(&st);
	struct mapping m;
	if (U_SUCCESS(st) && is_presentation_form(c) && presentation_mapping(nfkc, c, &m)) {
		for (int32_t i = 0; i < m.n_dst; i++)
			out[i] = m.dst[i];
		return (int)m.n_dst;
	}
	out[0] = c;
	return 1;
}

bool
pdf_fixups_is_mark(uint16_t u)
{
	return u_charType(u) == U_NON_SPACING_MARK;
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
static const struct pdf_fixups_map *
find_extra(const struct pdf_fixups_map *extra, size_t n, unsigned cp)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (extra[mid].code == cp)
			return &extra[mid];
		if (extra[mid].code < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static bool
build_cmap(HPDF_FontDef def, const uint64_t *drawn, const struct pdf_fixups_map *extra,
    size_t n_extra, struct cmap_buf *b, char *err, size_t errlen)
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
		const uint64_t *w = drawn + hi * 4;
		if ((w[0] | w[1] | w[2] | w[3]) == 0)
			continue; /* nothing drawn in this block: nothing to map */
		unsigned start = hi << 8;
		bool in_run = false;
		unsigned run = 0;
		for (unsigned cp = start; cp <= (start | 0xFF); cp++) {
			struct mapping m;
			bool here = is_drawn(drawn, cp);
			/* Only forms the font can draw: the others are drawn as
			 * .notdef and stay identity. */
			const struct pdf_fixups_map *x = here && n_extra > 0
			    ? find_extra(extra, n_extra, cp) : NULL;
			bool form = here && is_presentation_form(cp) &&
			    HPDF_TTFontDef_GetGlyphid(def, (HPDF_UINT16)cp) != 0 &&
			    presentation_mapping(nfkc, cp, &m);
			if (x != NULL && x->n > 0) {
				m.src = (uint16_t)cp;
				m.n_dst = x->n;
				for (int k = 0; k < x->n; k++)
					m.dst[k] = x->text[k];
				form = true;
			}
			/* Above U+00FF, one bfchar per code: Ghostscript 10.0
			 * (its default PDF interpreter) reads a bfrange target
			 * of two bytes by its low byte only, and extracts
			 * "Дело" as "45;>"; every reader reads bfchar. */
			if (here && !form && hi > 0) {
				m.src = (UChar)cp;
				m.dst[0] = (UChar)cp;
				m.n_dst = 1;
				form = true;
			}
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
    const struct pdf_fixups_map *extra, size_t n_extra, char *err, size_t errlen)
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
	if (!build_cmap(((HPDF_FontAttr)font->attr)->fontdef, drawn, extra, n_extra, &b,
	    err, errlen))
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

/* ---- streams deflated by spcomm (libdeflate) ---- */

/* The streams remembered (struct pdf_deflater): those of at least
 * DEFLATED_MIN bytes (smaller ones deflate in less than a comparison
 * costs to find them), at most DEFLATED_SLOTS of them and
 * DEFLATED_BYTES in all, the oldest forgotten first. */
#define DEFLATED_SLOTS 16
#define DEFLATED_MIN 2048
#define DEFLATED_BYTES (8u << 20)

struct deflated {
	unsigned char *in, *out;  /* one allocation: in[len], then out[n] */
	size_t len, n;
};

struct pdf_deflater {
	struct libdeflate_compressor *c;
	struct deflated slot[DEFLATED_SLOTS];
	size_t next, bytes;
};

struct pdf_deflater *
pdf_deflater_new(int level)
{
	struct pdf_deflater *z = calloc(1, sizeof *z);
	if (z != NULL && (z->c = libdeflate_alloc_compressor(level)) == NULL) {
		free(z);
		z = NULL;
	}
	return z;
}

void
pdf_deflater_free(struct pdf_deflater *z)
{
	if (z == NULL)
		return;
	for (size_t i = 0; i < DEFLATED_SLOTS; i++)
		free(z->slot[i].in);
	libdeflate_free_compressor(z->c);
	free(z);
}

/* What in[0..len) deflated to before, or NULL. */
static const struct deflated *
deflated_find(const struct pdf_deflater *z, const unsigned char *in, size_t len)
{
	for (size_t i = 0; i < DEFLATED_SLOTS; i++) {
		const struct deflated *d = &z->slot[i];
		if (d->in != NULL && d->len == len && memcmp(d->in, in, len) == 0)
			return d;
	}
	return NULL;
}

/* Remember that in[0..len) deflates to out[0..n), in place of the oldest. */
static void
deflated_keep(struct pdf_deflater *z, const unsigned char *in, size_t len,
    const unsigned char *out, size_t n)
{
	if (len < DEFLATED_MIN || len + n > DEFLATED_BYTES / 4)
		return;
	struct deflated *d = &z->slot[z->next];
	z->next = (z->next + 1) % DEFLATED_SLOTS;
	z->bytes -= d->in != NULL ? d->len + d->n : 0;
	free(d->in);
	*d = (struct deflated){ 0 };
	/* and the oldest others while the total is over */
	for (size_t k = z->next; z->bytes + len + n > DEFLATED_BYTES && k != (size_t)(d - z->slot);
	    k = (k + 1) % DEFLATED_SLOTS) {
		struct deflated *o = &z->slot[k];
		if (o->in == NULL)
			continue;
		z->bytes -= o->len + o->n;
		free(o->in);
		*o = (struct deflated){ 0 };
	}
	d->in = xmalloc(len + n);
	memcpy(d->in, in, len);
	memcpy(d->in + len, out, n);
	d->out = d->in + len;
	d->len = len;
	d->n = n;
	z->bytes += len + n;
}

/* What HPDF_Dict_Write leaves out for a stream whose filter is NONE. */
static HPDF_STATUS
write_flate_filter(HPDF_Dict dict, HPDF_Stream out)
{
	(void)dict;
	return HPDF_Stream_WriteStr(out, "/Filter /FlateDecode\012");
}

/*
 * Replace the data of dict's memory stream by its zlib (FlateDecode)
 * form and mark the stream as already filtered: filter NONE, so that
 * libharu copies it as it is, and a write_fn that adds the /Filter entry
 * libharu then leaves out.  Streams that are empty, not flate-filtered,
 * not in memory, or that have a write or before-write hook of libharu's
 * are left for libharu to deflate.  remember: look the stream up in z's
 * and keep it there (not for pages, which differ from document to
 * document).
 */
static bool
deflate_stream(HPDF_Dict dict, struct pdf_deflater *z, bool remember)
{
	HPDF_Stream st = dict->stream;
	if (st == NULL || st->type != HPDF_STREAM_MEMORY || st->size == 0 ||
	    dict->filter != HPDF_STREAM_FILTER_FLATE_DECODE ||
	    dict->write_fn != NULL || dict->before_write_fn != NULL)
		return true;
	size_t len = st->size, at = 0;
	unsigned char *in = xmalloc(len);
	for (HPDF_UINT i = 0; i < HPDF_MemStream_GetBufCount(st) && at < len; i++) {
		HPDF_UINT n = 0;
		HPDF_BYTE *p = HPDF_MemStream_GetBufPtr(st, i, &n);
		if (p == NULL)
			break;
		if (n > len - at)
			n = (HPDF_UINT)(len - at);
		memcpy(in + at, p, n);
		at += n;
	}
	if (at != len) {
		/* not the memory stream we know: libharu deflates it */
		free(in);
		return true;
	}
	const struct deflated *before = remember ? deflated_find(z, in, len) : NULL;
	unsigned char *out = NULL;
	size_t n;
	if (before != NULL) {
		n = before->n;
	} else {
		size_t cap = libdeflate_zlib_compress_bound(z->c, len);
		out = xmalloc(cap);
		n = libdeflate_zlib_compress(z->c, in, len, out, cap);
		if (n == 0) {
			free(in);
			free(out);
			return false;
		}
		if (remember)
			deflated_keep(z, in, len, out, n);
	}
	free(in);
	HPDF_MemStream_FreeData(st);
	bool ok = HPDF_Stream_Write(st, before != NULL ? before->out : out, (HPDF_UINT)n) ==
	    HPDF_OK;
	free(out);
	if (ok) {
		dict->filter = HPDF_STREAM_FILTER_NONE;
		dict->write_fn = write_flate_filter;
	}
	return ok;
}

bool
pdf_fixups_deflate_page(HPDF_Page page, struct pdf_deflater *z)
{
	if (!HPDF_Page_Validate(page))
		return false;
	HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;
	return attr->contents == NULL || deflate_stream(attr->contents, z, false);
}

bool
pdf_fixups_deflate_all(HPDF_Doc pdf, struct pdf_deflater *z)
{
	HPDF_List entries = pdf->xref->entries;
	/* A CID font's before-write function gives its CIDToGIDMap and
	 * ToUnicode streams the font's filter at save time (hpdf_font_cid.c):
	 * give it to them now, so that they are deflated here, and then the
	 * font's filter is NONE, so that they are not deflated again. */
	for (int pass = 0; pass < 2; pass++)
		for (HPDF_UINT i = 0; i < entries->count; i++) {
			HPDF_XrefEntry e = HPDF_List_ItemAt(entries, i);
			HPDF_Obj_Header *h = e != NULL ? e->obj : NULL;
			if (h == NULL || (h->obj_class & HPDF_OCLASS_ANY) != HPDF_OCLASS_DICT)
				continue;
			HPDF_Dict d = e->obj;
			bool font = (h->obj_class & 0xFF00) == HPDF_OSUBCLASS_FONT && d->attr != NULL;
			if (pass == 0 && font) {
				HPDF_FontAttr fa = d->attr;
				if (fa->map_stream != NULL)
					fa->map_stream->filter |= d->filter;
				if (fa->cmap_stream != NULL)
					fa->cmap_stream->filter |= d->filter;
			} else if (pass == 1) {
				if (!deflate_stream(d, z, true))
					return false;
				if (font)
					d->filter = HPDF_STREAM_FILTER_NONE;
			}
		}
	return true;
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

/* ---- document ID, outline, font descriptors, PDF/A-1b ---- */

bool
pdf_fixups_set_id(HPDF_Doc pdf, const unsigned char id[16], char *err, size_t errlen)
{
	HPDF_BYTE half[16];
	memcpy(half, id, sizeof half);
	HPDF_Array arr = HPDF_Array_New(pdf->mmgr);
	/* Each HPDF_Binary_New copies the bytes. */
	if (arr == NULL || HPDF_Dict_Add(pdf->trailer, "ID", arr) != HPDF_OK ||
	    HPDF_Array_Add(arr, HPDF_Binary_New(pdf->mmgr, half, sizeof half)) != HPDF_OK ||
	    HPDF_Array_Add(arr, HPDF_Binary_New(pdf->mmgr, half, sizeof half)) != HPDF_OK) {
		snprintf(err, errlen, "cannot set the document ID");
		return false;
	}
	return true;
}

bool
pdf_fixups_outline_dest(HPDF_Outline outline, HPDF_Page page, double top,
    char *err, size_t errlen)
{
	if (outline == NULL || !HPDF_Page_Validate(page)) {
		snprintf(err, errlen, "outline destination: no outline item or page");
		return false;
	}
	/* A page is an indirect object: the array holds a reference to it. */
	HPDF_Array dst = HPDF_Array_New(outline->mmgr);
	if (dst == NULL || HPDF_Dict_Add(outline, "Dest", dst) != HPDF_OK ||
	    HPDF_Array_Add(dst, page) != HPDF_OK ||
	    HPDF_Array_AddName(dst, "XYZ") != HPDF_OK ||
	    HPDF_Array_AddReal(dst, 0) != HPDF_OK ||
	    HPDF_Array_AddReal(dst, (HPDF_REAL)top) != HPDF_OK ||
	    HPDF_Array_AddReal(dst, 1) != HPDF_OK) {
		snprintf(err, errlen, "cannot set an outline destination");
		return false;
	}
	return true;
}

static unsigned
be16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

/* The sCapHeight of a TrueType font program's OS/2 table (version 2 on),
 * in thousandths of an em; 0 if it has none. */
static int
os2_cap_height(const unsigned char *font, size_t len)
{
	if (font == NULL || len < 12)
		return 0;
	size_t n = be16(font + 4), os2 = 0, os2_len = 0, head = 0, head_len = 0;
	if (12 + 16 * n > len)
		return 0;
	for (size_t i = 0; i < n; i++) {
		const unsigned char *rec = font + 12 + 16 * i;
		size_t off = (size_t)be16(rec + 8) << 16 | be16(rec + 10);
		size_t size = (size_t)be16(rec + 12) << 16 | be16(rec + 14);
		if (off > len || size > len - off)
			continue;
		if (memcmp(rec, "OS/2", 4) == 0) {
			os2 = off;
			os2_len = size;
		} else if (memcmp(rec, "head", 4) == 0) {
			head = off;
			head_len = size;
		}
	}
	if (os2_len < 90 || be16(font + os2) < 2 || head_len < 20)
		return 0;
	int cap = (int16_t)be16(font + os2 + 88);
	unsigned upem = be16(font + head + 18);
	if (cap <= 0 || upem == 0)
		return 0;
	/* scaled as libharu scales the other metrics */
	return (int)((long)cap * 1000 / (long)upem);
}

int
pdf_fixups_cap_height(HPDF_FontDef def, const unsigned char *font, size_t len)
{
	int cap = os2_cap_height(font, len);
	if (cap > 0 || def_attr(def) == NULL)
		return cap;
	/* Reading a glyph needs the font's data, which a font loaded
	 * without embedding no longer has. */
	HPDF_TTFontDefAttr a = def_attr(def);
	if (a->embedding && a->stream != NULL && HPDF_TTFontDef_GetGlyphid(def, 'H') != 0)
		return (int)HPDF_TTFontDef_GetCharBBox(def, 'H').top;
	return def->ascent;
}

/*
 * The font program of a font loaded by pdf_fixups_load_ttf, into dst: the
 * subset's own bytes, as HarfBuzz serialised them, rather than libharu's
 * HPDF_TTFontDef_SaveFontData, which writes the same 13 tables again
 * from the same bytes, read back through some 2,600 stream calls (half a
 * million instructions a font, every document), and only the glyphs it
 * marked as used (pdf_fixups.h).  The subset holds the glyphs drawn with
 * their whole composite closure and the tables libharu would write
 * (subset.c).  Sets Length1, as SaveFontData does.
 */
static bool
embed_font(HPDF_TTFontDefAttr a, HPDF_Stream dst)
{
	HPDF_Stream src = a->stream;
	HPDF_UINT32 size = src != NULL ? HPDF_Stream_Size(src) : 0;
	if (size <= FONT_PAD || HPDF_Stream_Seek(src, 0, HPDF_SEEK_SET) != HPDF_OK)
		return false;
	HPDF_UINT32 left = size - FONT_PAD;
	a->length1 = left;
	HPDF_BYTE buf[8192];
	while (left > 0) {
		HPDF_UINT n = left < sizeof buf ? (HPDF_UINT)left : (HPDF_UINT)sizeof buf;
		if (HPDF_Stream_Read(src, buf, &n) != HPDF_OK || n == 0 ||
		    HPDF_Stream_Write(dst, buf, n) != HPDF_OK)
			return false;
		left -= n;
	}
	return true;
}

bool
pdf_fixups_font_descriptor(HPDF_Font font, int cap_height,
    const uint64_t drawn[PDF_FIXUPS_CP_WORDS], bool cid_set, char *err, size_t errlen)
{
	HPDF_TTFontDefAttr a = tt_attr(font);
	if (a == NULL) {
		snprintf(err, errlen, "font descriptor: not a TrueType Type0 font");
		return false;
	}
	HPDF_FontAttr fa = (HPDF_FontAttr)font->attr;
	HPDF_FontDef def = fa->fontdef;
	HPDF_MMgr mmgr = font->mmgr;
	HPDF_STATUS ret = HPDF_OK;
	if (def->descriptor != NULL)
		return true; /* a font definition is embedded once */

	/* As CIDFontType2_BeforeWrite_Func (hpdf_font_cid.c) builds it, in
	 * the same order, plus CapHeight and CIDSet.  HPDF_Xref_Add frees
	 * the object when it fails. */
	HPDF_Dict desc = HPDF_Dict_New(mmgr);
	if (desc == NULL || HPDF_Xref_Add(fa->xref, desc) != HPDF_OK)
		goto fail;
	if (a->embedding) {
		HPDF_Dict data = HPDF_DictStream_New(mmgr, fa->xref);
		if (data == NULL || !embed_font(a, data->stream))
			goto fail;
		ret |= HPDF_Dict_Add(desc, "FontFile2", data);
		ret |= HPDF_Dict_AddNumber(data, "Length1", (HPDF_INT32)a->length1);
		ret |= HPDF_Dict_AddNumber(data, "Length2", 0);
		ret |= HPDF_Dict_AddNumber(data, "Length3", 0);
		data->filter = font->filter;
	}
	ret |= HPDF_Dict_AddName(desc, "Type", "FontDescriptor");
	ret |= HPDF_Dict_AddNumber(desc, "Ascent", def->ascent);
	ret |= HPDF_Dict_AddNumber(desc, "Descent", def->descent);
	ret |= HPDF_Dict_AddNumber(desc, "CapHeight", cap_height);
	ret |= HPDF_Dict_AddNumber(desc, "Flags", (HPDF_INT32)def->flags);
	ret |= HPDF_Dict_Add(desc, "FontBBox", HPDF_Box_Array_New(mmgr, def->font_bbox));
	ret |= HPDF_Dict_AddName(desc, "FontName", a->base_font);
	ret |= HPDF_Dict_AddNumber(desc, "ItalicAngle", def->italic_angle);
	ret |= HPDF_Dict_AddNumber(desc, "StemV", def->stemv);
	ret |= HPDF_Dict_AddNumber(desc, "XHeight", def->x_height);
	if (ret != HPDF_OK)
		goto fail;

	if (cid_set) {
		/* The CIDs are the code units (UTF-8 encoder); the glyph of each
		 * as pdf_fixups_trim_cid_map maps it, which sends the control
		 * characters below U+0020 to .notdef. */
		size_t max = 0;
		HPDF_BYTE *set = xcalloc(65536 / 8, 1);
		set[0] = 0x80; /* CID 0, .notdef, is in every font program */
		for (size_t w = 0; w < PDF_FIXUPS_CP_WORDS; w++)
			for (uint64_t bits = drawn[w]; bits != 0; bits &= bits - 1) {
				size_t cid = w * 64 + (size_t)__builtin_ctzll(bits);
				if (cid >= 0x20 && HPDF_TTFontDef_GetGlyphid(def, (HPDF_UINT16)cid) != 0) {
					set[cid / 8] |= (HPDF_BYTE)(0x80u >> (cid % 8));
					max = cid;
				}
			}
		size_t n = max / 8 + 1; /* the set up to its highest CID */
		HPDF_Dict cs = HPDF_DictStream_New(mmgr, fa->xref);
		ret = cs == NULL ? HPDF_FAILD_TO_ALLOC_MEM
		    : HPDF_Stream_Write(cs->stream, set, (HPDF_UINT)n);
		free(set);
		if (ret != HPDF_OK || HPDF_Dict_Add(desc, "CIDSet", cs) != HPDF_OK)
			goto fail;
		cs->filter = font->filter;
	}
	def->descriptor = desc;
	return true;

fail:
	snprintf(err, errlen, "cannot write the font descriptor of %.100s (libharu error 0x%04X)",
	    a->base_font, (unsigned)HPDF_Error_GetCode(font->error));
	return false;
}

/* XMP text: UTF-8 with the five XML specials escaped. */
struct xmp_buf {
	char *p;
	size_t len, cap;
};

static void
xb_put(struct xmp_buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 4096;
		while (cap < b->len + n + 1)
			cap *= 2;
		b->p = xrealloc(b->p, cap);
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void
xb_puts(struct xmp_buf *b, const char *s)
{
	xb_put(b, s, strlen(s));
}

/* Append s escaped; false if it holds a character XML 1.0 cannot. */
static bool
xb_escaped(struct xmp_buf *b, const HPDF_BYTE *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = s[i];
		switch (c) {
		case '&': xb_puts(b, "&amp;"); break;
		case '<': xb_puts(b, "&lt;"); break;
		case '>': xb_puts(b, "&gt;"); break;
		case '"': xb_puts(b, "&quot;"); break;
		case '\'': xb_puts(b, "&apos;"); break;
		default:
			if (c < 0x20 || c == 0x7F)
				return false;
			xb_put(b, (const char *)&c, 1);
		}
	}
	return true;
}

/* An Info string's bytes, or NULL. */
static HPDF_String
info_string(HPDF_Doc pdf, const char *key)
{
	if (pdf->info == NULL)
		return NULL;
	return HPDF_Dict_GetItem(pdf->info, key, HPDF_OCLASS_STRING);
}

/* "D:YYYYMMDDHHmmSS" then "Z" or "+HH'mm'" (as HPDF_SetInfoDateAttr
 * writes it) as an XMP date: "YYYY-MM-DDTHH:mm:SS" then "Z" or "+HH:mm". */
static bool
xmp_date(const HPDF_String s, char out[32])
{
	const char *d = (const char *)s->value;
	if (s->len < 16 || d[0] != 'D' || d[1] != ':')
		return false;
	for (int i = 2; i < 16; i++)
		if (d[i] < '0' || d[i] > '9')
			return false;
	d += 2;
	int n = snprintf(out, 32, "%.4s-%.2s-%.2sT%.2s:%.2s:%.2s", d, d + 4, d + 6, d + 8,
	    d + 10, d + 12);
	const char *z = d + 14;
	size_t rest = s->len - 16;
	if (rest == 0 || z[0] == 'Z')
		snprintf(out + n, 32 - (size_t)n, "Z");
	else if (rest >= 6 && (z[0] == '+' || z[0] == '-') && z[3] == '\'')
		snprintf(out + n, 32 - (size_t)n, "%c%.2s:%.2s", z[0], z + 1, z + 4);
	else
		return false;
	return true;
}

bool
pdf_fixups_pdfa(HPDF_Doc pdf, const unsigned char *icc, size_t len, char *err, size_t errlen)
{
	/* Element, Info key, and what surrounds the value. */
	static const struct {
		const char *key, *open, *close;
		int group; /* 0 dc, 1 xmp, 2 pdf */
	} props[] = {
		{ "Title", "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">",
		    "</rdf:li></rdf:Alt></dc:title>\n", 0 },
		{ "Author", "<dc:creator><rdf:Seq><rdf:li>", "</rdf:li></rdf:Seq></dc:creator>\n", 0 },
		{ "Subject", "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">",
		    "</rdf:li></rdf:Alt></dc:description>\n", 0 },
		{ "Creator", "<xmp:CreatorTool>", "</xmp:CreatorTool>\n", 1 },
		{ "CreationDate", "<xmp:CreateDate>", "</xmp:CreateDate>\n", 1 },
		{ "ModDate", "<xmp:ModifyDate>", "</xmp:ModifyDate>\n", 1 },
		{ "Keywords", "<pdf:Keywords>", "</pdf:Keywords>\n", 2 },
		{ "Producer", "<pdf:Producer>", "</pdf:Producer>\n", 2 },
	};
	static const char *const groups[] = {
		"<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n",
		"<rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n",
		"<rdf:Description rdf:about=\"\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n",
	};
	struct xmp_buf b = { 0 };
	bool ok = false;

	if (icc == NULL || len < 128 || len > UINT32_MAX) {
		snprintf(err, errlen, "PDF/A: no ICC profile for the output intent");
		return false;
	}
	/* The packet header's begin attribute is the byte order mark: UTF-8. */
	xb_puts(&b, "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
	    "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
	    "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n");
	for (int g = 0; g < 3; g++) {
		bool open = false;
		for (size_t i = 0; i < sizeof props / sizeof props[0]; i++) {
			if (props[i].group != g)
				continue;
			HPDF_String s = info_string(pdf, props[i].key);
			if (s == NULL)
				continue;
			if (!open) {
				xb_puts(&b, groups[g]);
				open = true;
			}
			xb_puts(&b, props[i].open);
			if (g == 1 && strcmp(props[i].key, "Creator") != 0) {
				char date[32];
				if (!xmp_date(s, date)) {
					snprintf(err, errlen, "PDF/A: the %s is not a PDF date", props[i].key);
					goto done;
				}
				xb_puts(&b, date);
			} else if (!xb_escaped(&b, s->value, s->len)) {
				snprintf(err, errlen, "PDF/A: the document %s holds a control character, "
				    "which XMP metadata cannot", props[i].key);
				goto done;
			}
			xb_puts(&b, props[i].close);
		}
		if (open)
			xb_puts(&b, "</rdf:Description>\n");
	}
	xb_puts(&b, "<rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n"
	    "<pdfaid:part>1</pdfaid:part>\n<pdfaid:conformance>B</pdfaid:conformance>\n"
	    "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>");

	/* The metadata stream stays unfiltered: PDF/A wants it readable by
	 * tools that do not parse PDF. */
	HPDF_Dict xmp = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
	if (xmp == NULL || HPDF_Dict_AddName(xmp, "Type", "Metadata") != HPDF_OK ||
	    HPDF_Dict_AddName(xmp, "Subtype", "XML") != HPDF_OK ||
	    HPDF_Stream_Write(xmp->stream, (const HPDF_BYTE *)b.p, (HPDF_UINT)b.len) != HPDF_OK ||
	    HPDF_Dict_Add(pdf->catalog, "Metadata", xmp) != HPDF_OK) {
		snprintf(err, errlen, "PDF/A: cannot write the XMP metadata");
		goto done;
	}

	/* The output intent: PDF/A-1 6.2.2 needs one for the device colour
	 * spaces (the text and rules are DeviceGray). */
	HPDF_Dict profile = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
	if (profile == NULL || HPDF_Dict_AddNumber(profile, "N", 3) != HPDF_OK ||
	    HPDF_Stream_Write(profile->stream, icc, (HPDF_UINT)len) != HPDF_OK) {
		snprintf(err, errlen, "PDF/A: cannot embed the ICC profile");
		goto done;
	}
	profile->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	/* Each object is attached as soon as it exists, so that HPDF_Free
	 * finds it whatever fails next. */
	const char *name = "sRGB IEC61966-2.1";
	HPDF_Array intents = HPDF_Array_New(pdf->mmgr);
	if (intents == NULL || HPDF_Dict_Add(pdf->catalog, "OutputIntents", intents) != HPDF_OK) {
		snprintf(err, errlen, "PDF/A: cannot write the output intent");
		goto done;
	}
	HPDF_Dict intent = HPDF_Dict_New(pdf->mmgr);
	if (intent == NULL || HPDF_Xref_Add(pdf->xref, intent) != HPDF_OK ||
	    HPDF_Dict_AddName(intent, "Type", "OutputIntent") != HPDF_OK ||
	    HPDF_Dict_AddName(intent, "S", "GTS_PDFA1") != HPDF_OK ||
	    HPDF_Dict_Add(intent, "OutputConditionIdentifier",
	        HPDF_String_New(pdf->mmgr, name, NULL)) != HPDF_OK ||
	    HPDF_Dict_Add(intent, "Info", HPDF_String_New(pdf->mmgr, name, NULL)) != HPDF_OK ||
	    HPDF_Dict_Add(intent, "DestOutputProfile", profile) != HPDF_OK ||
	    HPDF_Array_Add(intents, intent) != HPDF_OK) {
		snprintf(err, errlen, "PDF/A: cannot write the output intent");
		goto done;
	}
	/* PDF/A-1 is PDF 1.4 (the header libharu writes). */
	pdf->pdf_version = HPDF_VER_14;
	ok = true;

done:
	free(b.p);
	return ok;
}

bool
pdf_fixups_set_info(HPDF_Doc pdf, HPDF_InfoType type, const char *value, bool literal)
{
	if (!literal)
		return HPDF_SetCurrentEncoder(pdf, "UTF-8") == HPDF_OK &&
		    HPDF_SetInfoAttr(pdf, type, value) == HPDF_OK;
	HPDF_Encoder saved = pdf->cur_encoder;
	pdf->cur_encoder = NULL;
	HPDF_STATUS st = HPDF_SetInfoAttr(pdf, type, value);
	pdf->cur_encoder = saved;
	return st == HPDF_OK;
}
