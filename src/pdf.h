/*
 * pdf.h - the PDF device: the only module (with pdf_fixups.c) that talks to
 * libharu, and (through subset.c) to HarfBuzz's subsetter.
 *
 * Two objects, so that fonts are loaded once per thread rather than once
 * per document:
 *
 *  - struct pdf_fonts measures and shapes.  It maps the faces of fonts.h
 *    on first use for HarfBuzz (shape.h) and answers the device.h
 *    questions in the widths libharu writes (each character's /W entry),
 *    remembering every answer; it lives as long as its owner wants and
 *    serves any number of documents, one at a time.
 *  - pdf_render draws one display list (display.h) into a fresh libharu
 *    document, whose faces are subsets (subset.h) holding only the
 *    characters that document draws: libharu then embeds small cmap, hmtx,
 *    loca and post tables and a /W array of those characters only.  A
 *    subset keeps each glyph's advance, so the document draws with the
 *    widths the layout measured.  Compression is set before any font;
 *    UTF-8 encoder; the libharu 2.3.0 fixups (complete glyphs, valid
 *    ToUnicode CMaps, /CapHeight, a content-derived /ID) are applied.
 *    Same display list, same bytes, however many documents the pdf_fonts
 *    rendered before; PDF/A-1b on request (pdf_render_opts).
 *
 * struct pdf_pool hands out pdf_fonts to threads: at most one per thread
 * rendering at the same time, each reused for the next document.
 *
 * Thread safety: a pdf_fonts belongs to one thread at a time; the pool
 * may be used from any thread.  libharu needs more than 128 KiB of stack
 * in HPDF_GetFont: threads that render need at least 512 KiB.
 */
#ifndef SPCOMM_PDF_H
#define SPCOMM_PDF_H

#include <stdbool.h>
#include <stddef.h>

#include "device.h"
#include "display.h"

struct pdf_fonts;

/*
 * Create a measuring object.  font_dir as for fonts_path (NULL: default).
 * Every face's file must exist (checked now, so that a missing package is
 * named before any work); faces are read on first use.  Returns NULL and
 * fills err on failure.
 */
struct pdf_fonts *pdf_fonts_open(const char *font_dir, char *err, size_t errlen);

/* The measuring interface (valid until pdf_fonts_close).  A face that
 * cannot be loaded has no glyphs and zero widths, and makes the next
 * pdf_render fail with the reason. */
const struct device *pdf_fonts_device(struct pdf_fonts *pf);

void pdf_fonts_close(struct pdf_fonts *pf);

/*
 * Draw the display list, measured with pf, into a new document with
 * subset faces, and save it to memory.  On success *out is malloc'd
 * (caller frees) and *out_len set.  Fails (err filled) if a face could not
 * be loaded while this document was measured.
 */
bool pdf_render(struct pdf_fonts *pf, const struct display *d,
    unsigned char **out, size_t *out_len, char *err, size_t errlen);

/* What a document is made as, besides its display list. */
struct pdf_options {
	bool pdfa;                 /* PDF/A-1b (ISO 19005-1, level B) */
	const unsigned char *icc;  /* pdfa: the sRGB ICC profile of the output
	                              intent (pdf_icc_load) */
	size_t icc_len;
	/* Called when page (0-based) is drawn: nothing reads that page of
	 * the display list again, so its owner may free it (a long document,
	 * display_release_page).  NULL: not called. */
	void (*page_drawn)(void *ctx, size_t page);
	void *page_drawn_ctx;
};

/*
 * pdf_render with options (NULL: a plain PDF, as pdf_render).
 *
 * Every document gets a trailer /ID whose two halves are both the
 * 128-bit hash (hash128.h) of what the document is made from: the display
 * list (page size; every item's kind, coordinates, face, size and text;
 * the outline; title, subject, keywords, language and creation time), the
 * bytes of each embedded font subset, and the options.  The same display
 * list gives the same ID and the same bytes; a different case, language
 * or copy draws a different display list, so gets another ID.
 *
 * With pdfa, the document is PDF 1.4 with XMP metadata matching the
 * Info dictionary, an sRGB output intent, and font descriptors with a
 * CIDSet (pdf_fixups.h); every document gets /CapHeight.
 */
bool pdf_render_opts(struct pdf_fonts *pf, const struct display *d,
    const struct pdf_options *o, unsigned char **out, size_t *out_len,
    char *err, size_t errlen);

/*
 * Read the sRGB ICC profile for PDF/A output intents from path; NULL:
 * $SPCOMM_ICC_PROFILE if set, else /usr/share/color/icc/sRGB.icc (Debian
 * package icc-profiles-free).  It must be an ICC version 2 RGB profile
 * (what PDF 1.4 reads) of at most 1 MiB.  Returns the malloc'd bytes and
 * sets *len, or returns NULL with err naming the file and the package.
 */
unsigned char *pdf_icc_load(const char *path, size_t *len, char *err, size_t errlen);

struct pdf_pool;

/* A pool of measuring objects for the fonts in font_dir (copied; NULL:
 * default).  Loads nothing yet. */
struct pdf_pool *pdf_pool_new(const char *font_dir);

/*
 * A measuring object for the calling thread's next document: an idle one
 * if there is one, else a new one (NULL and err filled if it cannot be
 * made).  Give it back with pdf_pool_give when the document is done.
 */
struct pdf_fonts *pdf_pool_take(struct pdf_pool *pool, char *err, size_t errlen);

void pdf_pool_give(struct pdf_pool *pool, struct pdf_fonts *pf);

/* Close the pool and every idle object (none may be taken still). */
void pdf_pool_free(struct pdf_pool *pool);

#endif
