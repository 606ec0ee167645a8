/*
 * pdf_fixups.h - workarounds for bugs and gaps of libharu 2.3.0 (Debian
 * 12's libhpdf): fonts from memory, text operators it lacks, a cheaper
 * HPDF_GetFont, the document ID and PDF/A-1b.  Isolated here because they reach into libharu's
 * installed internal headers and depend on its struct layouts.  pdf_fixups.c refuses
 * to compile against any other libharu version.  Only pdf.c includes this.
 * See shared/research/feasibility.md section 4.
 *
 * The font functions work on a font obtained with HPDF_GetFont(pdf, name,
 * "UTF-8") from a TrueType font loaded with embedding (a Type0 /
 * CIDFontType2 font whose CID is the UTF-16 code unit).  None prints
 * anything or calls the document's error handler; on failure they return
 * false (or NULL) and write a one-line reason into err[0..errlen).
 */
#ifndef SPCOMM_PDF_FIXUPS_H
#define SPCOMM_PDF_FIXUPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <hpdf.h>

/* Bitmaps of BMP code units: bit cp of words[cp / 64]. */
#define PDF_FIXUPS_CP_WORDS (65536 / 64)

/*
 * Replace the font's ToUnicode CMap.  libharu writes "begincidrange",
 * which is invalid in a ToUnicode CMap (poppler and PDFBox warn and fall
 * back to identity).  The new CMap covers the code units set in drawn
 * (the characters the document draws in this font; surrogates
 * D800-DFFF are never mapped) and maps each to itself, except the Arabic
 * presentation forms U+FB50-FDFF and U+FE70-FEFF that the font has glyphs
 * for, which map to their NFKC decomposition (ICU) so that extracted text
 * holds base letters; the lam-alef ligatures U+FEF5-FEFC map to alef +
 * lam (reversed), because poppler reverses multi-character mappings again
 * inside right-to-left words.  Call once, any time after HPDF_GetFont and
 * before saving.
 */
/* A code the document gave a glyph of its own (pdf.c: Private Use Area
 * codes of glyphs no character maps to), and the text it stands for. */
struct pdf_fixups_map {
	uint16_t code;
	uint16_t text[32];       /* UTF-16, in the order a reader wants it */
	int n;
};

/* What a reader takes code c for through that CMap: a presentation form
 * its NFKC letters (a lam-alef ligature reversed), any other code itself.
 * Returns the number of units written to out (at most 32). */
int pdf_fixups_reader_text(uint16_t c, uint16_t out[32]);

/* Whether the UTF-16 unit u is a non-spacing (combining) mark. */
bool pdf_fixups_is_mark(uint16_t u);

/* extra[0..n_extra), sorted by code, are mapped to their text instead. */
bool pdf_fixups_tounicode(HPDF_Font font, const uint64_t drawn[PDF_FIXUPS_CP_WORDS],
    const struct pdf_fixups_map *extra, size_t n_extra, char *err, size_t errlen);

/*
 * Rewrite the font's CIDToGIDMap for the code units set in drawn (the
 * characters the document draws in this font), up to the largest one.
 * libharu writes an entry for every code unit up to U+FFFE (128 KiB, a
 * few hundred bytes compressed even when nearly all are 0); a reader never
 * looks up a CID the document does not show, and the others map to 0.
 */
bool pdf_fixups_trim_cid_map(HPDF_Font font, const uint64_t drawn[PDF_FIXUPS_CP_WORDS],
    char *err, size_t errlen);

/*
 * Load an embedded TrueType font from memory into pdf, as
 * HPDF_LoadTTFontFromFile does from a file (libharu 2.3.0 has no public
 * way to load from memory): the font gets the document's next subset tag
 * (HPDFAA, HPDFAB, ...).  data[0..len) is copied.  Returns the font's
 * name for HPDF_GetFont, or NULL with the reason in err.
 */
const char *pdf_fixups_load_ttf(HPDF_Doc pdf, const unsigned char *data, size_t len,
    char *err, size_t errlen);

/*
 * HPDF_GetFont(pdf, name, "UTF-8") for a TrueType font that maps only the
 * code units set in drawn (a subset, subset.h).  HPDF_GetFont asks a glyph
 * and a width for every one of the 65,536 code units of the UTF-8 encoder
 * and every CID below the highest; here it sees none, and the font's /W
 * array is written from the drawn units (pdf_fixups.c says how), the
 * array libharu would have written.  The CIDToGIDMap is left for
 * pdf_fixups_trim_cid_map, which must follow.  NULL on failure.
 */
HPDF_Font pdf_fixups_get_font(HPDF_Doc pdf, const char *name,
    const uint64_t drawn[PDF_FIXUPS_CP_WORDS]);

/*
 * The definition of a TrueType font loaded into pdf under name (the value
 * HPDF_LoadTTFontFromFile returned), or NULL.
 */
HPDF_FontDef pdf_fixups_fontdef(HPDF_Doc pdf, const char *name);

/*
 * Append s[0..len) to the page's content stream as it is: for operators
 * libharu 2.3.0 has no function for (TJ).  The page must be inside a text
 * object (HPDF_Page_BeginText) with its font set by
 * HPDF_Page_SetFontAndSize, which also lists the font in the page's
 * resources.  False if the page is not in a text object or the write
 * fails.
 */
bool pdf_fixups_page_write(HPDF_Page page, const char *s, size_t len);

/*
 * libdeflate's compressor at a level, and the last streams it deflated
 * for pdf_fixups_deflate_all with what they became: a batch's documents
 * embed the same streams again and again (the subset of the bold face
 * that draws a form's labels, its CIDToGIDMap and ToUnicode; every font of
 * copies of one case), which are then deflated once.  A stream is taken
 * from it only when its bytes are equal to one deflated before (compared,
 * not hashed), so the output is what deflating it gives.  One per thread.
 */
struct pdf_deflater;

/* NULL if out of memory. */
struct pdf_deflater *pdf_deflater_new(int level);
void pdf_deflater_free(struct pdf_deflater *z);

/*
 * Deflate the content stream of a page now, with libdeflate's compressor
 * of z (its level set by the caller), instead of at HPDF_SaveToStream with
 * zlib's default level: the page's content then waits for the save in
 * its compressed form (a tenth of the memory of a long document's
 * pages), and libdeflate takes about half of zlib's instructions for
 * output no larger (pdf.c says how the level was chosen).  Call when
 * nothing more is drawn on the page.  False if libharu fails to take the
 * compressed data.
 */
bool pdf_fixups_deflate_page(HPDF_Page page, struct pdf_deflater *z);

/*
 * The same for every other stream of the document that holds its data
 * before the save (fonts and their descriptors' programs, CIDToGIDMap,
 * ToUnicode, CIDSet, the ICC profile): call after
 * pdf_fixups_font_descriptor, just before HPDF_SaveToStream.  Streams
 * libharu fills at save time, or that are not to be filtered (the XMP
 * metadata), are left as they are.
 */
bool pdf_fixups_deflate_all(HPDF_Doc pdf, struct pdf_deflater *z);

/*
 * The number a PDF reader reads where libharu writes the HPDF_REAL v
 * (HPDF_FToA: a float, clamped to +-32767, five decimals at most).
 * Content written with pdf_fixups_page_write can then put text exactly
 * where libharu's own operators would have.
 */
double pdf_fixups_real_as_written(double v);

/*
 * Set the document's natural language (/Lang in the catalog), which
 * libharu 2.3.0 has no API for.  lang is a BCP 47 tag such as "en" or
 * "zh-Hans"; anything but ASCII letters, digits and '-' is refused.
 */
bool pdf_fixups_set_lang(HPDF_Doc pdf, const char *lang, char *err, size_t errlen);

/* ---- document ID, outline and PDF/A-1b (ISO 19005-1, level B) ---- */

/*
 * Put id[0..16) as both halves of the trailer's /ID.  libharu 2.3.0 has
 * no API for it; with PDF/A it would make one from MD5("libHaru" +
 * ctime(now)), which changes every second and is shared by every document
 * of the same second.  An /ID already there is replaced.
 */
bool pdf_fixups_set_id(HPDF_Doc pdf, const unsigned char id[16], char *err, size_t errlen);

/*
 * Make the outline item go to [page /XYZ 0 top 1] with a direct array.
 * HPDF_Page_CreateDestination makes the array an indirect object, and
 * PDFBox's PDF/A validator (2.0.27) cannot read an outline /Dest that is
 * a reference ("1.2.3 ... can't convert to Destination").
 */
bool pdf_fixups_outline_dest(HPDF_Outline outline, HPDF_Page page, double top,
    char *err, size_t errlen);

/*
 * The cap height of an embedded font, in thousandths of an em, for its
 * descriptor's /CapHeight: the OS/2 sCapHeight of its font program
 * font[0..len) (HarfBuzz subsets keep the table), else the top of its 'H'
 * if the subset holds one, else its ascent (Noto Naskh Arabic has no cap
 * height: no capitals).
 */
int pdf_fixups_cap_height(HPDF_FontDef def, const unsigned char *font, size_t len);

/*
 * Give the font the font descriptor libharu 2.3.0 would write at save
 * time, plus what it leaves out: /CapHeight (required by PDF 1.4 for
 * every font but Type 3), and with cid_set (PDF/A-1 6.3.5 for a subset
 * CID font) a /CIDSet stream with one bit, most significant first, for
 * CID 0 and for each code unit set in drawn that the font maps to a glyph
 * -- the CIDs the embedded subset holds.  The embedded font program is
 * written now: the bytes the font was loaded from (pdf_fixups_load_ttf),
 * a subset made by HarfBuzz (subset.h), whole.  Not libharu's
 * HPDF_TTFontDef_SaveFontData, which embeds the glyphs it marked as used,
 * marking only one level of composite components and reading component
 * ids as signed 16-bit (nested components and ids >= 32768 would be left
 * blank: most Han characters in Droid Sans Fallback, dots of some Arabic
 * letters in Noto Naskh).  Call when nothing more is drawn.  libharu
 * keeps a descriptor that is already there.
 */
bool pdf_fixups_font_descriptor(HPDF_Font font, int cap_height,
    const uint64_t drawn[PDF_FIXUPS_CP_WORDS], bool cid_set, char *err, size_t errlen);

/*
 * Make the document PDF/A-1b, apart from its fonts (above) and /ID: PDF
 * 1.4, an XMP metadata stream made from the Info dictionary (title,
 * author, subject, keywords, creator, producer, creation date; set them
 * first), and an sRGB output intent holding the ICC profile icc[0..len).
 *
 * Not HPDF_PDFA_SetPDFAConformance: 2.3.0 copies the Info values into the
 * XML without escaping them (a title with '&' or '<' makes the XMP
 * unreadable), and calls ctime(), which is not thread-safe, even when the
 * /ID is already set.  Nor HPDF_PDFA_AppendOutputIntents, whose key is
 * "DestOutputProfile " with a trailing space, so that readers never find
 * the profile.  Fails on an Info value with a control character, which
 * XML 1.0 cannot hold.
 */
bool pdf_fixups_pdfa(HPDF_Doc pdf, const unsigned char *icc, size_t len,
    char *err, size_t errlen);

/*
 * HPDF_SetInfoAttr, the value written as a literal string when literal
 * (plain ASCII: a third of the bytes), else as UTF-16.  libharu writes any
 * string that has an encoder, even the single-byte standard one, as
 * UTF-16 hex, and takes the document's current encoder for Info values:
 * for a literal, that is none for the time of the call.
 */
bool pdf_fixups_set_info(HPDF_Doc pdf, HPDF_InfoType type, const char *value, bool literal);

#endif
