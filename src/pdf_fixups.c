/*
 * pdf_fixups.c - libharu 2.3.0 workarounds (see pdf_fixups.h and
 * feasibility.md sections 4.1 and 4.2).
 *
 * Everything here depends on the layout of libharu's private structs
 * (HPDF_FontAttr_Rec, HPDF_TTFontDefAttr_Rec, HPDF_Dict_Rec, HPDF_Doc_Rec)
 * as installed by libhpdf-dev 2.3.0.  Upstream changed them (2.4.x made
 * glyph ids unsigned and fixed the closure), hence the version fence.
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
#include <hpdf_streams.h>
#include <hpdf_version.h>

#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#if HPDF_VERSION_ID != 20300
#error "pdf_fixups.c relies on the private structs of libharu 2.3.0; review it for this version"
#endif

/* Composite glyph descriptions are a few dozen bytes; anything longer
 * than this in a font we ship means a broken font, not a real glyph. */
#define MAX_COMPOSITE_BYTES (64u * 1024u)

/* TrueType composite glyph flags (OpenType spec, 'glyf' table). */
#define ARG_1_AND_2_ARE_WORDS 0x0001
#define WE_HAVE_A_SCALE 0x0008
#define MORE_COMPONENTS 0x0020
#define WE_HAVE_AN_X_AND_Y_SCALE 0x0040
#define WE_HAVE_A_TWO_BY_TWO 0x0080

static uint16_t
be16(const unsigned char *p)
{
	return (uint16_t)((unsigned)p[0] << 8 | p[1]);
}

/* The TrueType font definition behind a UTF-8 Type0 font, or NULL. */
static HPDF_TTFontDefAttr
tt_attr(HPDF_Font font)
{
	if (font == NULL || font->attr == NULL)
		return NULL;
	HPDF_FontDef def = ((HPDF_FontAttr)font->attr)->fontdef;
	if (def == NULL || def->type != HPDF_FONTDEF_TYPE_TRUETYPE || def->attr == NULL)
		return NULL;
	return (HPDF_TTFontDefAttr)def->attr;
}

bool
pdf_fixups_has_glyph(HPDF_Font font, uint32_t cp)
{
	if (tt_attr(font) == NULL || cp > 0xFFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return false;
	HPDF_FontDef def = ((HPDF_FontAttr)font->attr)->fontdef;
	return HPDF_TTFontDef_GetGlyphid(def, (HPDF_UINT16)cp) != 0;
}

void
pdf_fixups_reset_subset(HPDF_Font font)
{
	HPDF_TTFontDefAttr a = tt_attr(font);
	if (a == NULL || a->glyph_tbl.flgs == NULL)
		return;
	/* What libharu's own CleanFunc does between documents. */
	memset(a->glyph_tbl.flgs, 0, a->num_glyphs);
	a->glyph_tbl.flgs[0] = 1;
}

bool
pdf_fixups_glyph_closure(HPDF_Font font, const char *font_path,
    size_t *added, char *err, size_t errlen)
{
	HPDF_TTFontDefAttr a = tt_attr(font);
	FILE *fp = NULL;
	uint16_t *work = NULL;
	unsigned char *buf = NULL;
	size_t n_work = 0, n_added = 0;
	bool ok = false;

	if (added != NULL)
		*added = 0;
	if (a == NULL || !a->embedding || a->glyph_tbl.flgs == NULL ||
	    a->glyph_tbl.offsets == NULL) {
		snprintf(err, errlen, "glyph closure: not an embedded TrueType font");
		return false;
	}
	unsigned num = a->num_glyphs;
	/* loca offsets are stored as read: in 2-byte units for the short
	 * format. */
	uint32_t scale = a->header.index_to_loc_format == 0 ? 2 : 1;

	fp = fopen(font_path, "rb");
	if (fp == NULL) {
		snprintf(err, errlen, "glyph closure: cannot open %s", font_path);
		goto done;
	}
	/* Each glyph enters the worklist once: when it is first marked. */
	work = malloc((num ? num : 1) * sizeof *work);
	buf = malloc(MAX_COMPOSITE_BYTES);
	if (work == NULL || buf == NULL) {
		snprintf(err, errlen, "glyph closure: out of memory");
		goto done;
	}
	for (unsigned g = 0; g < num; g++)
		if (a->glyph_tbl.flgs[g])
			work[n_work++] = (uint16_t)g;

	while (n_work > 0) {
		unsigned g = work[--n_work];
		uint32_t off = a->glyph_tbl.offsets[g] * scale;
		uint32_t end = a->glyph_tbl.offsets[g + 1] * scale;
		if (end <= off)
			continue; /* empty glyph (space) */
		uint32_t len = end - off;
		if (len < 10)
			continue;
		if (fseek(fp, (long)a->glyph_tbl.base_offset + (long)off, SEEK_SET) != 0 ||
		    fread(buf, 1, 10, fp) != 10) {
			snprintf(err, errlen, "glyph closure: cannot read glyph %u of %s",
			    g, font_path);
			goto done;
		}
		if ((int16_t)be16(buf) != -1)
			continue; /* simple glyph: no components */
		if (len > MAX_COMPOSITE_BYTES) {
			snprintf(err, errlen, "glyph closure: glyph %u of %s is too large",
			    g, font_path);
			goto done;
		}
		if (fread(buf + 10, 1, len - 10, fp) != len - 10) {
			snprintf(err, errlen, "glyph closure: cannot read glyph %u of %s",
			    g, font_path);
			goto done;
		}
		for (size_t p = 10; p + 4 <= len;) {
			uint16_t flags = be16(buf + p);
			/* Unsigned: libharu's INT16 turns ids >= 32768 negative. */
			uint16_t comp = be16(buf + p + 2);
			p += 4 + ((flags & ARG_1_AND_2_ARE_WORDS) ? 4 : 2);
			if (flags & WE_HAVE_A_SCALE)
				p += 2;
			else if (flags & WE_HAVE_AN_X_AND_Y_SCALE)
				p += 4;
			else if (flags & WE_HAVE_A_TWO_BY_TWO)
				p += 8;
			if (comp < num && !a->glyph_tbl.flgs[comp]) {
				a->glyph_tbl.flgs[comp] = 1;
				work[n_work++] = comp;
				n_added++;
			}
			if (!(flags & MORE_COMPONENTS))
				break;
		}
	}
	if (added != NULL)
		*added = n_added;
	ok = true;

done:
	free(buf);
	free(work);
	if (fp != NULL)
		fclose(fp);
	return ok;
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

/*
 * Build the whole CMap.  Identity ranges may not cross a high byte
 * (bfrange rule), so there is one range per high byte, or per stretch of
 * a high byte between presentation forms that map elsewhere.
 */
static bool
build_cmap(HPDF_FontDef def, struct cmap_buf *b, char *err, size_t errlen)
{
	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *nfkc = unorm2_getNFKCInstance(&st);
	struct mapping *chars = NULL;
	size_t n_chars = 0;
	/* (from, to) identity ranges; at most a few per high byte. */
	unsigned (*ranges)[2] = NULL;
	size_t n_ranges = 0;
	char line[64];
	bool ok = false;

	if (U_FAILURE(st)) {
		snprintf(err, errlen, "ToUnicode: ICU NFKC unavailable: %s", u_errorName(st));
		return false;
	}
	chars = malloc(((0xFDFF - 0xFB50 + 1) + (0xFEFF - 0xFE70 + 1)) * sizeof *chars);
	ranges = malloc(2048 * sizeof *ranges);
	if (chars == NULL || ranges == NULL) {
		snprintf(err, errlen, "ToUnicode: out of memory");
		goto done;
	}
	for (unsigned hi = 0; hi < 256; hi++) {
		if (hi >= 0xD8 && hi <= 0xDF)
			continue; /* surrogates are not characters */
		unsigned start = hi << 8, end = start | 0xFF;
		unsigned run = start;
		for (unsigned cp = start; cp <= end; cp++) {
			struct mapping m;
			/* Only forms the font can draw: the others never occur in its
			 * text, and 800 entries would cost ~5 KB in every font. */
			if (is_presentation_form(cp) &&
			    HPDF_TTFontDef_GetGlyphid(def, (HPDF_UINT16)cp) != 0 &&
			    presentation_mapping(nfkc, cp, &m)) {
				if (run < cp) {
					ranges[n_ranges][0] = run;
					ranges[n_ranges++][1] = cp - 1;
				}
				chars[n_chars++] = m;
				run = cp + 1;
			}
		}
		if (run <= end) {
			ranges[n_ranges][0] = run;
			ranges[n_ranges++][1] = end;
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
	for (size_t i = 0; i < n_ranges; i += 100) {
		size_t k = n_ranges - i < 100 ? n_ranges - i : 100;
		snprintf(line, sizeof line, "%zu beginbfrange\n", k);
		cb_puts(b, line);
		for (size_t j = i; j < i + k; j++) {
			snprintf(line, sizeof line, "<%04X> <%04X> <%04X>\n",
			    ranges[j][0], ranges[j][1], ranges[j][0]);
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
	free(ranges);
	free(chars);
	return ok;
}

bool
pdf_fixups_tounicode(HPDF_Font font, char *err, size_t errlen)
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
	if (!build_cmap(((HPDF_FontAttr)font->attr)->fontdef, &b, err, errlen))
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
