/*
 * pdf.c - the PDF device (see pdf.h): display list -> libharu -> bytes.
 *
 * Error handling: libharu's handler only records the first error (no
 * longjmp, reliability.md 2.2), and every HPDF_* result is checked as
 * well, because some failures are plain return codes that never reach the
 * handler.  The measuring callbacks of struct device cannot report
 * errors; a failure there (a face that does not load) is kept in the
 * pdf_fonts and makes the next pdf_render fail.
 */
#include "pdf.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <hpdf.h>

#include "arena.h"
#include "fonts.h"
#include "pdf_fixups.h"
#include "hash128.h"
#include "shape.h"
#include "spcomm_limits.h"
#include "subset.h"

#define PRODUCER "spcomm (libHaru 2.3.0)"

/* The sRGB profile of PDF/A output intents (pdf_icc_load). */
#define ICC_DEFAULT "/usr/share/color/icc/sRGB.icc"
#define ICC_PACKAGE "icc-profiles-free"

/* Font paths; a local constant because -Isrc makes <limits.h> resolve to
 * the project's own limits.h. */
#define FONT_PATH_MAX 4096

/*
 * The level of libdeflate's compressor for every stream (pdf_fixups.h,
 * pdf_fixups_deflate_page).  Chosen by measurement over the streams of
 * the 36 PDFs of the bundled cases in the six languages (4.4 MB of
 * CIDToGIDMaps and CMaps, 2.1 MB of page content, 0.9 MB of fonts), in
 * instructions (callgrind) and bytes, against zlib 1.2.13 at its default
 * level 6 as libharu used it (671 M instructions, 1,115,731 bytes):
 * libdeflate 1: 179 M, 1,221,081; 5: 354 M, 1,114,755; 6: 376 M,
 * 1,105,432; 7: 418 M, 1,101,268; 9: 575 M, 1,096,959.  Level 6 is the
 * last step before the instructions rise faster than the bytes fall,
 * and is smaller than before in total and in each kind of stream but
 * the fonts (+62 bytes over 106 of them).
 */
#define DEFLATE_LEVEL 6

/* libharu raises HPDF_STRING_OUT_OF_RANGE from 65535 bytes on. */
#define MAX_RUN_BYTES 65534u

/* The first error libharu's handler saw in one document. */
struct hpdf_errors {
	HPDF_STATUS error, detail;
};

/*
 * What is known of a code point in a face, once asked: KNOWN, HAS_GLYPH,
 * and in the low 16 bits the width libharu counts for it (an HPDF_INT16).
 */
#define CP_KNOWN 0x80000000u
#define CP_HAS_GLYPH 0x40000000u
#define CP_WIDTH_MASK 0xFFFFu

struct meas_face {
	bool failed;
	uint32_t *known[256];        /* by the unit's high byte, 256 entries each,
	                                on first use: a document asks of a few
	                                blocks, and a whole table would be
	                                256 KiB to clear for each face */
	struct subset_face *source;  /* the same file for the subsetter */
	struct shape_face *shaper;   /* and for the shaper */
	char path[FONT_PATH_MAX];
};

/*
 * Glyphs a document draws that no character maps to (a contextual form
 * or ligature GSUB reached: Arabic lam-alef halves, mark ligatures).
 * libharu draws by code (CID = UTF-16 code unit), so each gets a code of
 * the Private Use Area the font does not use, mapped to the glyph in the
 * subset's cmap (subset_make) and, in the ToUnicode CMap, to the text
 * its cluster stands for.  Per document and face, in the order drawn.
 */
struct pua_face {
	uint16_t *of_gid;            /* glyph id -> code, 0: none (on first need) */
	uint32_t n_gids;
	struct subset_extra *v;      /* code -> glyph, ascending codes */
	struct pdf_fixups_map *text; /* code -> text, same order */
	size_t n, cap;
	uint32_t next;               /* the next code to try */
};

struct pdf_fonts {
	struct device dev;
	struct meas_face faces[FACE__COUNT];
	char err[512];               /* first failure in a device callback */
	/* per document, kept to save allocations */
	uint64_t drawn[FACE__COUNT][PDF_FIXUPS_CP_WORDS];
	struct pua_face pua[FACE__COUNT];
	uint32_t *cps;
	size_t cap_cps;
	char *scratch;               /* the content of one line of text */
	size_t scratch_cap;
	struct pdf_deflater *deflate; /* DEFLATE_LEVEL, on first use */
};

/* One document being drawn. */
struct doc {
	struct pdf_fonts *pf;
	const struct pdf_options *opt;
	HPDF_Doc pdf;
	struct hpdf_errors errors;
	HPDF_Font fonts[FACE__COUNT];
	int cap_height[FACE__COUNT]; /* for the font descriptors */
	struct hash128 id;           /* what the document is made from */
	/* Lines not in Arabic as TJ arrays (see draw_line) */
	bool tj_lines;
	/* Text state of the current page: whether a text object is open,
	 * the font and size last set. */
	bool in_text;
	HPDF_Font text_font;
	double text_size;
	/* The text line matrix's translation in the open text object, in
	 * thousandths of a point, as written (tj_lines: lines placed by Td) */
	long long line_x, line_y;
};

/* A text item's shaping (display.h): its glyphs, or the kerning of its
 * characters, or neither. */
static const struct glyph *
item_glyphs(const struct display_item *it)
{
	return it->shaped != NULL ? it->shaped->glyphs : NULL;
}

static size_t
item_n_glyphs(const struct display_item *it)
{
	return it->shaped != NULL ? it->shaped->n_glyphs : 0;
}

static const float *
item_kern(const struct display_item *it)
{
	return it->shaped != NULL ? it->shaped->kern : NULL;
}

static void
on_hpdf_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user_data)
{
	struct hpdf_errors *e = user_data;
	if (e->error == 0) {
		e->error = error_no;
		e->detail = detail_no;
	}
}

/* Fill err with what libharu recorded, prefixed by what we were doing. */
static void
hpdf_fail(HPDF_Doc pdf, const struct hpdf_errors *e, const char *doing,
    char *err, size_t errlen)
{
	HPDF_STATUS code = e->error, detail = e->detail;
	if (code == 0 && pdf != NULL) {
		code = HPDF_GetError(pdf);
		detail = HPDF_GetErrorDetail(pdf);
	}
	snprintf(err, errlen, "PDF: %s failed (libharu error 0x%04X, detail %u)",
	    doing, (unsigned)code, (unsigned)detail);
}

/* The scratch buffer, with room for size bytes. */
static char *
scratch(struct pdf_fonts *pf, size_t size)
{
	if (size > pf->scratch_cap) {
		size_t cap = pf->scratch_cap ? pf->scratch_cap : 256;
		while (cap < size)
			cap *= 2;
		pf->scratch = xrealloc(pf->scratch, cap);
		pf->scratch_cap = cap;
	}
	return pf->scratch;
}


/* ----- the document ID: what goes into it, byte order fixed ----- */

/*
 * The ID is a 128-bit hash (hash128.h) of everything the document is made
 * from: the display list, the options and the embedded font subsets.  Not
 * SHA-256: nobody gains by making two submissions share an ID, and the
 * fast hash costs a tenth (SHA-256 of the display list, fed 8 bytes at a
 * time, was 8.6 M of the 100 M instructions of a cold render).
 */

static void
hash_u64(struct hash128 *s, uint64_t v)
{
	unsigned char b[8];
	for (int i = 0; i < 8; i++)
		b[i] = (unsigned char)(v >> (8 * i));
	hash128_update(s, b, sizeof b);
}

static void
hash_real(struct hash128 *s, double v)
{
	uint64_t u;
	memcpy(&u, &v, sizeof u);
	hash_u64(s, u);
}

/* Length first, so that no two sequences of strings hash alike; NULL
 * apart from "". */
static void
hash_bytes(struct hash128 *s, const void *p, size_t len)
{
	if (p == NULL) {
		hash_u64(s, UINT64_MAX);
		return;
	}
	hash_u64(s, (uint64_t)len);
	hash128_update(s, p, len);
}

static void
hash_str(struct hash128 *s, const char *p)
{
	hash_bytes(s, p, p != NULL ? strlen(p) : 0);
}

/* The little-endian bytes of v at p. */
static void
put_le32(unsigned char *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static uint32_t
float_bits(float f)
{
	uint32_t u;
	memcpy(&u, &f, sizeof u);
	return u;
}

/*
 * Arrays of numbers go to the hash gathered into one update a few
 * hundred at a time: an update a number was half the ID's cost (a kerning
 * for each character, thousands a page).
 */
#define HASH_GATHER 2048

/* Each glyph's id and place, 16 bytes a glyph. */
static void
hash_glyphs(struct hash128 *s, const struct glyph *g, size_t n)
{
	unsigned char buf[HASH_GATHER];
	size_t used = 0;
	for (size_t k = 0; k < n; k++) {
		put_le32(buf + used, g[k].gid);
		put_le32(buf + used + 4, float_bits(g[k].adv));
		put_le32(buf + used + 8, float_bits(g[k].dx));
		put_le32(buf + used + 12, float_bits(g[k].dy));
		used += 16;
		if (used == sizeof buf || k + 1 == n) {
			hash128_update(s, buf, used);
			used = 0;
		}
	}
}

static void
hash_floats(struct hash128 *s, const float *f, size_t n)
{
	unsigned char buf[HASH_GATHER];
	size_t used = 0;
	for (size_t k = 0; k < n; k++) {
		put_le32(buf + used, float_bits(f[k]));
		used += 4;
		if (used == sizeof buf || k + 1 == n) {
			hash128_update(s, buf, used);
			used = 0;
		}
	}
}

/* Everything of the display list that reaches the document, and the
 * options; the font subsets are added as they are made (load_subset). */
static void
hash_display(struct hash128 *s, const struct display *d, const struct pdf_options *o)
{
	static const char tag[] = "spcomm PDF document ID 3";
	hash128_update(s, tag, sizeof tag);
	hash_str(s, PRODUCER);
	hash_u64(s, o->pdfa);
	if (o->pdfa)
		hash_bytes(s, o->icc, o->icc_len);
	hash_real(s, d->page_width);
	hash_real(s, d->page_height);
	hash_u64(s, d->n_pages);
	for (size_t p = 0; p < d->n_pages; p++) {
		const struct display_page *dp = &d->pages[p];
		hash_u64(s, dp->n_items);
		for (size_t i = 0; i < dp->n_items; i++) {
			const struct display_item *it = &dp->items[i];
			hash_u64(s, (uint64_t)it->kind);
			hash_real(s, it->x);
			hash_real(s, it->y);
			if (it->kind != DISPLAY_TEXT) {
				hash_real(s, it->x2);
				hash_real(s, it->y2);
				hash_real(s, it->line_width);
				hash_real(s, it->gray);
				continue;
			}
			hash_u64(s, (uint64_t)it->face);
			hash_real(s, it->size);
			hash_bytes(s, it->text, it->text != NULL ? it->len : 0);
			/* the glyphs and where they go (codes are the text's) */
			const float *kern = item_kern(it);
			hash_u64(s, kern != NULL);
			size_t n_chars = 0;
			for (size_t k = 0; kern != NULL && k < it->len; k++)
				n_chars += ((unsigned char)it->text[k] & 0xC0) != 0x80;
			hash_floats(s, kern, n_chars);
			hash_u64(s, item_n_glyphs(it));
			hash_glyphs(s, item_glyphs(it), item_n_glyphs(it));
		}
	}
	hash_u64(s, d->n_outline);
	for (size_t i = 0; i < d->n_outline; i++) {
		hash_str(s, d->outline[i].title);
		hash_u64(s, d->outline[i].page);
		hash_real(s, d->outline[i].y);
		hash_u64(s, (uint64_t)(int64_t)d->outline[i].level);
	}
	hash_str(s, d->title);
	hash_str(s, d->subject);
	hash_str(s, d->keywords);
	hash_str(s, d->lang);
	hash_u64(s, (uint64_t)d->creation_time);
}

/*
 * UTF-8 decoding exactly as libharu 2.3.0's UTF-8 encoder does it when it
 * measures and draws (hpdf_encoder_utf.c): a lead byte announces 1 to 3
 * continuation bytes, which are taken whatever they are; a stray
 * continuation or an F8-FF byte is skipped; a 4-byte sequence becomes
 * U+0020 (libharu draws no code point above U+FFFF); an unfinished
 * sequence at the end is dropped.  Returns the bytes consumed and sets
 * *unit when a character was completed (else *unit is untouched and
 * false is returned through *done).
 */
static size_t
next_unit(const unsigned char *s, size_t len, uint16_t *unit, bool *done)
{
	unsigned char b = s[0];
	unsigned need;
	*done = false;
	if (b < 0x80) {
		*unit = b;
		*done = true;
		return 1;
	}
	if ((b & 0xF8) == 0xF0)
		need = 3;
	else if ((b & 0xF0) == 0xE0)
		need = 2;
	else if ((b & 0xE0) == 0xC0)
		need = 1;
	else
		return 1; /* skipped */
	if (len < need + 1)
		return len; /* unfinished: dropped */
	uint32_t v;
	switch (need) {
	case 1:
		v = (uint32_t)(b & 0x1F) << 6 | (s[1] & 0x3Fu);
		break;
	case 2:
		v = ((uint32_t)(b & 0x0F) << 12) + ((uint32_t)(s[1] & 0x3F) << 6) +
		    (s[2] & 0x3Fu);
		break;
	default:
		/* libharu does not mask the second byte: always above U+FFFF */
		v = ((uint32_t)(b & 0x07) << 18) + ((uint32_t)s[1] << 12) +
		    ((uint32_t)(s[2] & 0x3F) << 6) + (s[3] & 0x3Fu);
		break;
	}
	*unit = (uint16_t)(v > 0xFFFF ? 0x20 : v);
	*done = true;
	return need + 1;
}

/* The next code unit of text[*i..len) into *unit, skipping what
 * next_unit skips; false at the end. */
static bool
unit_at(const char *text, size_t len, size_t *i, uint16_t *unit)
{
	const unsigned char *s = (const unsigned char *)text;
	while (*i < len) {
		bool done;
		*i += next_unit(s + *i, len - *i, unit, &done);
		if (done)
			return true;
	}
	return false;
}

/*
 * The face's font, opened on first use: the file mapped for HarfBuzz,
 * which shapes and measures (shape.h), and later subsets.  NULL on
 * failure (recorded in pf->err if it is the first).
 */
static struct meas_face *
meas_face(struct pdf_fonts *pf, enum font_face face)
{
	char why[512];
	if ((unsigned)face >= FACE__COUNT)
		return NULL;
	struct meas_face *mf = &pf->faces[face];
	if (mf->shaper != NULL)
		return mf;
	if (mf->failed)
		goto report;
	if (!fonts_file_present(face, mf->path, why, sizeof why))
		goto fail;
	if (mf->source == NULL)
		mf->source = subset_face_open(mf->path, fonts_file(face)->index, why, sizeof why);
	if (mf->source == NULL)
		goto fail;
	mf->shaper = shape_face_new(mf->source);
	if (mf->shaper == NULL) {
		snprintf(why, sizeof why, "cannot load font %.400s", mf->path);
		goto fail;
	}
	return mf;

fail:
	mf->failed = true;
	if (pf->err[0] == '\0')
		snprintf(pf->err, sizeof pf->err, "%s", why);
	return NULL;
report:
	if (pf->err[0] == '\0')
		snprintf(pf->err, sizeof pf->err, "font file %.400s cannot be loaded", mf->path);
	return NULL;
}

/* What is known of unit in a loaded face (CP_* bits). */
static uint32_t
unit_info(struct meas_face *mf, uint16_t unit)
{
	uint32_t **block = &mf->known[unit >> 8];
	if (*block == NULL)
		*block = xcalloc(256, sizeof **block);
	uint32_t k = (*block)[unit & 0xFF];
	if (k == 0) {
		bool has = (unit < 0xD800 || unit > 0xDFFF) && shape_has_glyph(mf->shaper, unit);
		int w = shape_char_width(mf->shaper, unit);
		k = CP_KNOWN | (has ? CP_HAS_GLYPH : 0) | ((uint32_t)(uint16_t)w & CP_WIDTH_MASK);
		(*block)[unit & 0xFF] = k;
	}
	return k;
}

static bool
dev_has_glyph(void *ctx, enum font_face face, uint32_t cp)
{
	if (cp > 0xFFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return false; /* libharu 2.3.0 draws these as spaces */
	struct meas_face *mf = meas_face(ctx, face);
	return mf != NULL && (unit_info(mf, (uint16_t)cp) & CP_HAS_GLYPH) != 0;
}

/*
 * The width HPDF_Font_TextWidth gives for the text in the face's UTF-8
 * font: the sum, in an HPDF_UINT, of each character's HPDF_INT16 width.
 */
static double
dev_text_width(void *ctx, enum font_face face, const char *utf8, size_t len)
{
	/* Its length is an HPDF_UINT; only drawing has the 64 KiB limit. */
	if (utf8 == NULL || len == 0 || len > UINT32_MAX)
		return 0;
	struct meas_face *mf = meas_face(ctx, face);
	if (mf == NULL)
		return 0;
	uint32_t sum = 0;
	uint16_t unit;
	for (size_t i = 0; unit_at(utf8, len, &i, &unit);)
		sum += (uint32_t)(int32_t)(int16_t)(unit_info(mf, unit) & CP_WIDTH_MASK);
	return (double)sum;
}

static size_t
dev_shape(void *ctx, enum font_face face, const uint16_t *u16, size_t n, bool rtl,
    const char *lang, const struct glyph **out)
{
	struct pdf_fonts *pf = ctx;
	struct meas_face *mf = meas_face(pf, face);
	*out = NULL;
	if (mf == NULL)
		return 0;
	return shape_run(mf->shaper, u16, n, rtl, lang, out);
}

struct pdf_fonts *
pdf_fonts_open(const char *font_dir, char *err, size_t errlen)
{
	struct pdf_fonts *pf = xcalloc(1, sizeof *pf);

	for (int i = 0; i < FACE__COUNT; i++) {
		struct meas_face *mf = &pf->faces[i];
		if (!fonts_path((enum font_face)i, font_dir, mf->path, sizeof mf->path)) {
			snprintf(err, errlen, "font directory name too long");
			goto fail;
		}
		/* Say which package is missing now, not halfway through a batch. */
		if (!fonts_file_present((enum font_face)i, mf->path, err, errlen))
			goto fail;
	}
	pf->dev.ctx = pf;
	pf->dev.has_glyph = dev_has_glyph;
	pf->dev.text_width = dev_text_width;
	pf->dev.shape = dev_shape;
	return pf;

fail:
	pdf_fonts_close(pf);
	return NULL;
}

const struct device *
pdf_fonts_device(struct pdf_fonts *pf)
{
	return &pf->dev;
}

void
pdf_fonts_close(struct pdf_fonts *pf)
{
	if (pf == NULL)
		return;
	for (int i = 0; i < FACE__COUNT; i++) {
		for (int b = 0; b < 256; b++)
			free(pf->faces[i].known[b]);
		shape_face_free(pf->faces[i].shaper);
		subset_face_close(pf->faces[i].source);
		free(pf->pua[i].of_gid);
		free(pf->pua[i].v);
		free(pf->pua[i].text);
	}
	free(pf->cps);
	free(pf->scratch);
	pdf_deflater_free(pf->deflate);
	free(pf);
}

/* ----- drawing ----- */

/*
 * Load face into the document as a subset of the characters drawn in it:
 * embedded, UTF-8 encoder, valid ToUnicode CMap of those characters.
 */
static bool
load_subset(struct doc *doc, enum font_face face, char *err, size_t errlen)
{
	struct pdf_fonts *pf = doc->pf;
	struct meas_face *mf = &pf->faces[face];
	const uint64_t *drawn = pf->drawn[face];
	unsigned char *data = NULL;
	size_t len = 0, n = 0;
	char why[512];

	if (mf->source == NULL) {
		mf->source = subset_face_open(mf->path, fonts_file(face)->index, why, sizeof why);
		if (mf->source == NULL) {
			snprintf(err, errlen, "%s", why);
			return false;
		}
	}
	if (pf->cps == NULL) {
		pf->cap_cps = 1024;
		pf->cps = xmalloc(pf->cap_cps * sizeof *pf->cps);
	}
	for (uint32_t w = 0; w < PDF_FIXUPS_CP_WORDS; w++)
		for (uint64_t bits = drawn[w]; bits != 0; bits &= bits - 1) {
			if (n == pf->cap_cps) {
				pf->cap_cps *= 2;
				pf->cps = xrealloc(pf->cps, pf->cap_cps * sizeof *pf->cps);
			}
			pf->cps[n++] = w * 64 + (uint32_t)__builtin_ctzll(bits);
		}
	/* A font with an empty cmap does not load: a run of undecodable
	 * bytes still gets a font, with the space in it. */
	if (n == 0)
		pf->cps[n++] = 0x20;
	const struct pua_face *pu = &pf->pua[face];
	if (!subset_make(mf->source, pf->cps, n, pu->v, pu->n, &data, &len, why, sizeof why)) {
		snprintf(err, errlen, "%s: %s", mf->path, why);
		return false;
	}
	/* The embedded font is part of the document, so of its ID. */
	hash_u64(&doc->id, (uint64_t)face);
	hash_bytes(&doc->id, data, len);
	const char *name = pdf_fixups_load_ttf(doc->pdf, data, len, why, sizeof why);
	if (name != NULL)
		doc->cap_height[face] = pdf_fixups_cap_height(pdf_fixups_fontdef(doc->pdf, name),
		    data, len);
	free(data);
	if (name == NULL) {
		snprintf(err, errlen, "subset of %.400s: %s", mf->path, why);
		return false;
	}
	HPDF_Font f = pdf_fixups_get_font(doc->pdf, name, drawn);
	if (f == NULL || doc->errors.error != 0) {
		snprintf(err, errlen, "cannot use the subset of %.400s (libharu error 0x%04X, detail %u)",
		    mf->path, (unsigned)doc->errors.error, (unsigned)doc->errors.detail);
		return false;
	}
	if (!pdf_fixups_tounicode(f, drawn, pu->text, pu->n, err, errlen) ||
	    !pdf_fixups_trim_cid_map(f, drawn, err, errlen))
		return false;
	doc->fonts[face] = f;
	return true;
}

static bool
finite_all(const struct display_item *it)
{
	if (it->kind == DISPLAY_TEXT)
		return isfinite(it->x) && isfinite(it->y) && isfinite(it->size);
	return isfinite(it->x) && isfinite(it->y) && isfinite(it->x2) &&
	    isfinite(it->y2) && isfinite(it->line_width) && isfinite(it->gray);
}

static double
clamp01(double v)
{
	return v < 0 ? 0 : v > 1 ? 1 : v;
}

/* Whether it is a text run libharu could draw (else err, when errlen > 0,
 * is filled). */
static bool
valid_run(const struct display_item *it, char *err, size_t errlen)
{
	if (it->text == NULL || it->len > MAX_RUN_BYTES ||
	    memchr(it->text, '\0', it->len) != NULL) {
		snprintf(err, errlen, "PDF: text run is NULL, too long or contains NUL");
		return false;
	}
	if (!(it->size > 0 && it->size <= HPDF_MAX_FONTSIZE)) {
		snprintf(err, errlen, "PDF: font size %g out of range", it->size);
		return false;
	}
	if ((unsigned)it->face >= FACE__COUNT) {
		snprintf(err, errlen, "PDF: invalid face");
		return false;
	}
	return true;
}

/*
 * The number of text items from items[0] on drawn as one line: non-empty
 * valid runs in the same face and size on the same baseline (the layout
 * splits a line into runs at every space, so that it can justify it).
 */
static size_t
line_runs(const struct display_item *items, size_t n)
{
	size_t k = 1;
	while (k < n) {
		const struct display_item *it = &items[k];
		if (it->kind != DISPLAY_TEXT || it->len == 0 || !finite_all(it) ||
		    !valid_run(it, NULL, 0) || it->face != items[0].face ||
		    it->size != items[0].size || it->y != items[0].y)
			break;
		k++;
	}
	return k;
}

/* Text appended to the scratch buffer. */
struct line_buf {
	struct pdf_fonts *pf;
	size_t len;
};

static void
put(struct line_buf *b, const char *s, size_t n)
{
	char *p = scratch(b->pf, b->len + n);
	memcpy(p + b->len, s, n);
	b->len += n;
}

/*
 * A TJ number (in thousandths of an em), given in thousandths of that
 * unit: at most three decimals, as text (not printf: its decimal point is
 * the locale's).
 */
static void
put_tj_number(struct line_buf *b, long long milli)
{
	char rev[32], out[32];
	int r = 0, n = 0, digits = 3;
	unsigned long long v = milli < 0 ? 0ULL - (unsigned long long)milli
	    : (unsigned long long)milli;
	unsigned long long ip = v / 1000, fp = v % 1000;
	while (digits > 0 && fp % 10 == 0) {
		fp /= 10;
		digits--;
	}
	for (int i = 0; i < digits; i++, fp /= 10)
		rev[r++] = (char)('0' + fp % 10);
	if (digits > 0)
		rev[r++] = '.';
	do {
		rev[r++] = (char)('0' + ip % 10);
		ip /= 10;
	} while (ip > 0);
	if (milli < 0)
		out[n++] = '-';
	while (r > 0)
		out[n++] = rev[--r];
	put(b, out, (size_t)n);
}

/* The code a glyph of a shaped run is drawn with (0: none yet). */
static uint16_t
glyph_code(const struct pdf_fonts *pf, enum font_face face, const struct glyph *g)
{
	if (g->cp != 0)
		return g->cp <= 0xFFFF && (g->cp < 0xD800 || g->cp > 0xDFFF) ? (uint16_t)g->cp : 0x20;
	const struct pua_face *pu = &pf->pua[face];
	return pu->of_gid != NULL && g->gid < pu->n_gids ? pu->of_gid[g->gid] : 0;
}

/*
 * The TJ array of a line being written: the reader's text position (where
 * the next glyph lands if nothing moves it, in points from the page's
 * left edge, as the reader computes it from the /W widths), the string
 * open in it, and the text rise in force.
 */
struct tj {
	struct line_buf *b;
	double at;
	double size;
	char in_str;         /* the open string's closing ')' or '>', or 0 */
	bool hex;            /* codes as hex strings, not literal ones */
	long long rise;      /* thousandths of a point */
};

/* Move the text position from t->at to x: a TJ number (thousandths of
 * an em, to a tenth), none when it rounds to 0. */
static void
tj_move(struct tj *t, double x)
{
	/* To a tenth of a thousandth of an em (1/2000 pt at 10 pt): the gaps
	 * of a justified line then come out as one number, repeated. */
	long long milli = llround((t->at - x) * 1000.0 / t->size * 10.0) * 100;
	if (milli == 0)
		return;
	if (t->in_str) {
		put(t->b, &t->in_str, 1);
		t->in_str = 0;
	}
	put_tj_number(t->b, milli);
	t->at -= (double)milli / 1e6 * t->size;
}

static void
put_hex4(struct line_buf *b, uint16_t unit)
{
	static const char hex[] = "0123456789abcdef";
	char h[4] = {
		hex[unit >> 12], hex[(unit >> 8) & 15], hex[(unit >> 4) & 15], hex[unit & 15],
	};
	put(b, h, 4);
}

/*
 * A two-byte code in a literal string: its bytes as they are but the
 * three the string's syntax needs escaped and CR and LF (a reader turns
 * an end of line inside a string into LF).  Half the bytes of a hex
 * string before deflate, and less after it: the English copy of the
 * bundled urgent appeal went from 31.2 to 30.5 KB.
 */
static void
put_code_bytes(struct line_buf *b, uint16_t unit)
{
	char out[4];
	size_t n = 0;
	for (int shift = 8; shift >= 0; shift -= 8) {
		char c = (char)((unit >> shift) & 0xFF);
		if (c == '(' || c == ')' || c == '\\') {
			out[n++] = '\\';
		} else if (c == '\r' || c == '\n') {
			out[n++] = '\\';
			c = c == '\r' ? 'r' : 'n';
		}
		out[n++] = c;
	}
	put(b, out, n);
}

static void
tj_code(struct tj *t, uint16_t unit)
{
	if (!t->in_str) {
		put(t->b, t->hex ? "<" : "(", 1);
		t->in_str = t->hex ? '>' : ')';
	}
	if (t->hex)
		put_hex4(t->b, unit);
	else
		put_code_bytes(t->b, unit);
}

/* End the TJ array being written (to put operators between arrays). */
static void
tj_close(struct tj *t)
{
	if (t->in_str)
		put(t->b, &t->in_str, 1);
	t->in_str = 0;
	put(t->b, "]TJ\n", 4);
}

/* Set the text rise (Ts, points) between two TJ arrays. */
static void
tj_rise(struct tj *t, long long rise)
{
	if (rise == t->rise)
		return;
	tj_close(t);
	put_tj_number(t->b, rise);
	put(t->b, " Ts\n[", 5);
	t->rise = rise;
}

/* A run drawn character by character from x (no glyphs: the CIDs of the
 * UTF-8 Type0 font are UTF-16 code units, as libharu writes them), each
 * advanced by its width and kern[i] if kern is not NULL. */
static void
tj_units(struct tj *t, struct meas_face *mf, const char *text, size_t len,
    const float *kern, double x)
{
	uint16_t unit;
	double k = t->size / 1000.0;
	size_t n = 0;
	for (size_t i = 0; unit_at(text, len, &i, &unit); n++) {
		int w = (int16_t)(unit_info(mf, unit) & CP_WIDTH_MASK);
		tj_move(t, x);
		tj_code(t, unit);
		t->at += w * k;
		x += (w + (kern != NULL ? kern[n] : 0.0f)) * k;
	}
}

/* End of the cluster that starts at glyph a of it. */
static size_t
cluster_end(const struct display_item *it, size_t a)
{
	size_t b = a + 1;
	while (b < item_n_glyphs(it) && item_glyphs(it)[b].cluster == item_glyphs(it)[a].cluster)
		b++;
	return b;
}

static bool
is_offset(const struct glyph *g)
{
	return g->dx != 0 || g->dy != 0;
}

/*
 * Whether the cluster of glyphs [a, b) needs its text given as
 * /ActualText: a glyph the shaper moved off the pen (a mark placed by
 * GPOS), or a glyph without a character of its own among others (a mark
 * ligature: its ToUnicode entry cannot say which characters are its own).
 * Readers (poppler) join a mark to its letter only where a zero-width mark
 * would sit, so without it "حُرِّرت" extracts as "ُح رِّررت".
 */
static bool
needs_actual_text(const struct display_item *it, size_t a, size_t b)
{
	for (size_t i = a; i < b; i++)
		if (is_offset(&item_glyphs(it)[i]) || (item_glyphs(it)[i].cp == 0 && b - a > 1))
			return true;
	return false;
}

/* The run's text as a marked-content span's /ActualText: UTF-16BE with
 * its byte order mark, as a hex string.  The text is the run's, in visual
 * order: what the glyphs' own ToUnicode entries would give a reader. */
static void
put_actual_text(struct line_buf *b, const char *text, size_t len)
{
	uint16_t unit;
	put(b, "/Span<</ActualText<FEFF", 23);
	for (size_t i = 0; unit_at(text, len, &i, &unit);)
		put_hex4(b, unit);
	put(b, ">>>BDC\n", 7);
}

/* Draw glyph i of it, whose cluster starts at pen position x. */
static void
tj_glyph(struct tj *t, const struct pdf_fonts *pf, const struct display_item *it,
    size_t i, double x)
{
	const struct glyph *g = &item_glyphs(it)[i];
	double k = t->size / 1000.0;
	tj_rise(t, llround(g->dy * k * 1000.0));
	tj_move(t, x + g->dx * k);
	tj_code(t, glyph_code(pf, it->face, g));
	t->at += g->w * k;
}

/*
 * A shaped run from x: each glyph where the shaper put it (the pen moved
 * by the advances, marks raised by Ts).  A run (a word: runs end at
 * spaces) with a cluster that needs_actual_text is drawn in one
 * marked-content span with its text as /ActualText, without its trailing
 * space (the gap to the next word stays a gap).  A reader takes a span as one piece of text from its first glyph's
 * origin to its last glyph's end: so the span's first cluster draws its
 * glyphs on the baseline first, the other clusters with moved glyphs
 * their marks first (positions do not depend on drawing order).
 */
static void
tj_glyphs(struct tj *t, const struct pdf_fonts *pf, const struct display_item *it, double x)
{
	double k = t->size / 1000.0;
	size_t n = item_n_glyphs(it), sa = n, sb = n + 1; /* no span */
	bool span = false;
	for (size_t a = 0, b; a < n && !span; a = b) {
		b = cluster_end(it, a);
		span = needs_actual_text(it, a, b);
	}
	/* the whole run but its trailing space: a span on part of a word
	 * makes poppler cut the word there ("المو جَّهة") */
	if (span) {
		for (sb = n; sb > 0 && item_glyphs(it)[sb - 1].cp == ' ';)
			sb--;
		if (sb > 0)
			sa = 0;
		else
			sb = n + 1;
	}
	for (size_t a = 0, b; a < n; a = b) {
		b = cluster_end(it, a);
		if (a == sa) {
			size_t from = (size_t)item_glyphs(it)[sa].cluster;
			size_t to = (size_t)item_glyphs(it)[sb - 1].cluster + (size_t)item_glyphs(it)[sb - 1].cluster_len;
			tj_close(t);
			if (from < to && to <= it->len)
				put_actual_text(t->b, it->text + from, to - from);
			else /* not from text.c: the whole run */
				put_actual_text(t->b, it->text, it->len);
			put(t->b, "[", 1);
		}
		bool any = false;
		for (size_t i = a; i < b; i++)
			any = any || is_offset(&item_glyphs(it)[i]);
		/* on the baseline first (pass 0) or offset first; pen
		 * position of each glyph: the advances before it */
		double adv = 0;
		for (int pass = 0; pass < (any ? 2 : 1); pass++) {
			bool offset_now = any && ((pass == 0) == (a != sa));
			adv = 0;
			for (size_t i = a; i < b; i++) {
				if (!any || is_offset(&item_glyphs(it)[i]) == offset_now)
					tj_glyph(t, pf, it, i, x + adv * k);
				adv += item_glyphs(it)[i].adv;
			}
		}
		x += adv * k;
		if (b == sb) {
			tj_rise(t, 0);
			tj_close(t);
			put(t->b, "EMC\n[", 6);
		}
	}
}

/*
 * Draw items[0..n) (line_runs) as one line, one of two ways:
 *
 *  - tj: the line placed by Td from the previous line's start, then one
 *    TJ whose numbers move from where each glyph would land to where the
 *    shaper and the layout put it (run starts, kerning, marks), to
 *    1/10000 of an em.  Consecutive lines share a text object.
 *  - otherwise n is 1, and the run is its own text object placed with Td,
 *    as libharu's HPDF_Page_TextOut places it.
 *
 * Marks raised or lowered by the shaper are drawn with a text rise (Ts)
 * between TJ arrays, reset to 0 at the end of the line.  Tf is written
 * only when the font or size changes.
 */
static bool end_text(struct doc *doc, HPDF_Page page, char *err, size_t errlen);

static bool
draw_line(struct doc *doc, HPDF_Page page, const struct display_item *items, size_t n,
    bool tj, char *err, size_t errlen)
{
	const struct display_item *first = &items[0];
	struct pdf_fonts *pf = doc->pf;
	HPDF_Font f = doc->fonts[first->face];
	struct meas_face *mf = meas_face(pf, first->face);
	struct line_buf b = { .pf = pf };
	double size = first->size;

	if (f == NULL || mf == NULL) {
		snprintf(err, errlen, "%s", pf->err[0] ? pf->err : "PDF: invalid face");
		return false;
	}
	/* A run of its own is placed by libharu, which knows nothing of the
	 * Td of TJ lines: it starts a text object of its own. */
	if (!tj && !end_text(doc, page, err, errlen))
		return false;
	if (!doc->in_text) {
		if (HPDF_Page_BeginText(page) != HPDF_OK)
			goto fail;
		doc->in_text = true;
		doc->line_x = doc->line_y = 0;
	}
	if (f != doc->text_font || size != doc->text_size) {
		if (HPDF_Page_SetFontAndSize(page, f, (HPDF_REAL)size) != HPDF_OK)
			goto fail;
		doc->text_font = f;
		doc->text_size = size;
	}
	/* Where the reader's current point is, in points from the page's
	 * left edge, as it computes it. */
	/* A run drawn as its own text object (Arabic) keeps hex strings:
	 * such a stream repeats "ET BT" and the font's few codes between
	 * positions, and deflate finds more of those repeats in hex (the
	 * Arabic copy of the bundled urgent appeal: 63.4 KB in hex, 64.0 KB
	 * in literal strings). */
	struct tj t = { .b = &b, .size = size, .hex = !tj };
	if (tj) {
		/* Td from the previous line's start, to 1/1000 pt: lines of a
		 * column differ by "0 -13.8", which compresses to almost
		 * nothing, where a Tm per line repeats both coordinates. */
		long long x = llround(first->x * 1000.0), y = llround(first->y * 1000.0);
		put_tj_number(&b, x - doc->line_x);
		put(&b, " ", 1);
		put_tj_number(&b, y - doc->line_y);
		put(&b, " Td\n", 4);
		doc->line_x = x;
		doc->line_y = y;
		t.at = (double)x / 1000.0;
	} else {
		if (HPDF_Page_MoveTextPos(page, (HPDF_REAL)first->x, (HPDF_REAL)first->y) != HPDF_OK)
			goto fail;
		t.at = pdf_fixups_real_as_written(first->x);
	}
	put(&b, "[", 1);
	for (size_t k = 0; k < n; k++) {
		/* Where the run starts, as the reader reads the number: a
		 * TJ number written with three decimals puts it within
		 * 1/2000000 em of where libharu would have. */
		double want = tj ? (double)llround(items[k].x * 1000.0) / 1000.0
		    : pdf_fixups_real_as_written(items[k].x);
		if (item_glyphs(&items[k]) != NULL) {
			tj_glyphs(&t, pf, &items[k], want);
		} else {
			tj_units(&t, mf, items[k].text, items[k].len, item_kern(&items[k]), want);
		}
	}
	if (t.in_str)
		put(&b, &t.in_str, 1);
	put(&b, "]TJ\n", 4);
	if (t.rise != 0)
		put(&b, "0 Ts\n", 5);
	if (!pdf_fixups_page_write(page, pf->scratch, b.len))
		goto fail;
	if (!tj) {
		doc->in_text = false;
		if (HPDF_Page_EndText(page) != HPDF_OK)
			goto fail;
	}
	return true;

fail:
	hpdf_fail(doc->pdf, &doc->errors, "drawing text", err, errlen);
	return false;
}

/* Close the page's text object, if one is open. */
static bool
end_text(struct doc *doc, HPDF_Page page, char *err, size_t errlen)
{
	if (!doc->in_text)
		return true;
	doc->in_text = false;
	if (HPDF_Page_EndText(page) != HPDF_OK) {
		hpdf_fail(doc->pdf, &doc->errors, "drawing text", err, errlen);
		return false;
	}
	return true;
}

static bool
draw_rule(struct doc *doc, HPDF_Page page, const struct display_item *it,
    char *err, size_t errlen)
{
	double w = it->line_width < 0 ? 0 : it->line_width;
	if (w > HPDF_MAX_LINEWIDTH)
		w = HPDF_MAX_LINEWIDTH;
	if (HPDF_Page_SetLineWidth(page, (HPDF_REAL)w) != HPDF_OK ||
	    HPDF_Page_SetGrayStroke(page, (HPDF_REAL)clamp01(it->gray)) != HPDF_OK ||
	    HPDF_Page_MoveTo(page, (HPDF_REAL)it->x, (HPDF_REAL)it->y) != HPDF_OK ||
	    HPDF_Page_LineTo(page, (HPDF_REAL)it->x2, (HPDF_REAL)it->y2) != HPDF_OK ||
	    HPDF_Page_Stroke(page) != HPDF_OK) {
		hpdf_fail(doc->pdf, &doc->errors, "drawing a rule", err, errlen);
		return false;
	}
	return true;
}

static bool
draw_rect(struct doc *doc, HPDF_Page page, const struct display_item *it,
    char *err, size_t errlen)
{
	bool fill = it->gray < 1, stroke = it->line_width > 0;
	double x = fmin(it->x, it->x2), y = fmin(it->y, it->y2);
	double w = fabs(it->x2 - it->x), h = fabs(it->y2 - it->y);
	HPDF_STATUS st = HPDF_OK;

	if (!fill && !stroke)
		return true;
	if (fill)
		st |= HPDF_Page_SetGrayFill(page, (HPDF_REAL)clamp01(it->gray));
	if (stroke) {
		double lw = it->line_width > HPDF_MAX_LINEWIDTH ? HPDF_MAX_LINEWIDTH : it->line_width;
		st |= HPDF_Page_SetLineWidth(page, (HPDF_REAL)lw);
		st |= HPDF_Page_SetGrayStroke(page, 0);
	}
	if (st == HPDF_OK)
		st = HPDF_Page_Rectangle(page, (HPDF_REAL)x, (HPDF_REAL)y,
		    (HPDF_REAL)w, (HPDF_REAL)h);
	if (st == HPDF_OK)
		st = fill && stroke ? HPDF_Page_FillStroke(page) :
		    fill ? HPDF_Page_Fill(page) : HPDF_Page_Stroke(page);
	/* text is drawn with the fill colour: back to black */
	if (st == HPDF_OK && fill)
		st = HPDF_Page_SetGrayFill(page, 0);
	if (st != HPDF_OK) {
		hpdf_fail(doc->pdf, &doc->errors, "drawing a box", err, errlen);
		return false;
	}
	return true;
}

static bool
draw_page(struct doc *doc, HPDF_Page page, const struct display_page *dp, size_t p,
    char *err, size_t errlen)
{
	/* A new page starts with a new graphics state: no font set.  The
	 * font (text state) lasts from one text object to the next. */
	doc->in_text = false;
	doc->text_font = NULL;
	doc->text_size = 0;
	for (size_t i = 0; i < dp->n_items;) {
		const struct display_item *it = &dp->items[i];
		size_t n = 1;
		bool drawn = true;
		if (!finite_all(it)) {
			snprintf(err, errlen, "PDF: page %zu item %zu has a non-finite coordinate",
			    p + 1, i);
			return false;
		}
		if (it->kind != DISPLAY_TEXT && !end_text(doc, page, err, errlen))
			return false;
		switch (it->kind) {
		case DISPLAY_TEXT:
			if (it->len == 0)
				break;
			if (!valid_run(it, err, errlen))
				return false;
			bool tj = doc->tj_lines && it->face != FACE_NASKH && it->face != FACE_NASKH_BOLD;
			n = tj ? line_runs(it, dp->n_items - i) : 1;
			drawn = draw_line(doc, page, it, n, tj, err, errlen);
			break;
		case DISPLAY_RULE:
			drawn = draw_rule(doc, page, it, err, errlen);
			break;
		case DISPLAY_RECT:
			drawn = draw_rect(doc, page, it, err, errlen);
			break;
		default:
			snprintf(err, errlen, "PDF: unknown display item kind %d", (int)it->kind);
			drawn = false;
			break;
		}
		if (!drawn)
			return false;
		i += n;
	}
	return end_text(doc, page, err, errlen);
}

/* True if s is only printable ASCII, which every PDF text encoding
 * reads the same. */
static bool
printable_ascii(const char *s)
{
	for (; *s; s++)
		if (*s < 0x20 || *s > 0x7E)
			return false;
	return true;
}

static bool
draw_outline(struct doc *doc, const struct display *d, HPDF_Page *pages,
    char *err, size_t errlen)
{
	HPDF_Encoder enc = HPDF_GetEncoder(doc->pdf, "UTF-8");
	HPDF_Outline section = NULL;

	if (d->n_outline > 0 && enc == NULL) {
		hpdf_fail(doc->pdf, &doc->errors, "getting the UTF-8 encoder", err, errlen);
		return false;
	}
	for (size_t i = 0; i < d->n_outline; i++) {
		const struct display_outline *o = &d->outline[i];
		if (o->page >= d->n_pages || !isfinite(o->y)) {
			snprintf(err, errlen, "PDF: outline entry %zu points to no page", i);
			return false;
		}
		HPDF_Outline parent = o->level > 0 ? section : NULL;
		const char *title = o->title ? o->title : "";
		/* Plain ASCII needs no UTF-16: a literal string is half as long. */
		HPDF_Outline ol = HPDF_CreateOutline(doc->pdf, parent, title,
		    printable_ascii(title) ? NULL : enc);
		double top = o->y < 0 ? 0 : o->y > d->page_height ? d->page_height : o->y;
		if (ol == NULL) {
			hpdf_fail(doc->pdf, &doc->errors, "building the outline", err, errlen);
			return false;
		}
		/* [page /XYZ 0 top 1]: 1 is actual size (zoom 0, "unchanged",
		 * is what libharu 2.3.0 refuses). */
		if (!pdf_fixups_outline_dest(ol, pages[o->page], top, err, errlen))
			return false;
		if (o->level <= 0) {
			section = ol;
			if (HPDF_Outline_SetOpened(ol, HPDF_TRUE) != HPDF_OK) {
				hpdf_fail(doc->pdf, &doc->errors, "building the outline", err, errlen);
				return false;
			}
		}
	}
	return true;
}

static bool
set_info(struct doc *doc, const struct display *d, char *err, size_t errlen)
{
	HPDF_Doc pdf = doc->pdf;
	struct {
		HPDF_InfoType type;
		const char *value;
	} attrs[] = {
		{ HPDF_INFO_TITLE, d->title },
		{ HPDF_INFO_SUBJECT, d->subject },
		{ HPDF_INFO_KEYWORDS, d->keywords },
		{ HPDF_INFO_CREATOR, "spcomm" },
		{ HPDF_INFO_PRODUCER, PRODUCER },
	};
	for (size_t i = 0; i < sizeof attrs / sizeof attrs[0]; i++) {
		if (attrs[i].value == NULL || attrs[i].value[0] == '\0')
			continue;
		/* Plain ASCII as a literal string, the rest as UTF-16. */
		if (!pdf_fixups_set_info(pdf, attrs[i].type, attrs[i].value,
		    printable_ascii(attrs[i].value))) {
			hpdf_fail(pdf, &doc->errors, "setting document information", err, errlen);
			return false;
		}
	}

	/* UTC written as +00'00': 'Z' makes libharu's PDF/A code fail
	 * (feasibility.md 3.6).  No ModDate: one date is enough and both
	 * would have to come from the same injected clock. */
	struct tm tm;
	time_t t = (time_t)d->creation_time;
	if ((int64_t)t != d->creation_time || gmtime_r(&t, &tm) == NULL) {
		snprintf(err, errlen, "PDF: creation time %lld out of range",
		    (long long)d->creation_time);
		return false;
	}
	HPDF_Date date = {
		.year = tm.tm_year + 1900, .month = tm.tm_mon + 1, .day = tm.tm_mday,
		.hour = tm.tm_hour, .minutes = tm.tm_min,
		.seconds = tm.tm_sec > 59 ? 59 : tm.tm_sec,
		.ind = '+', .off_hour = 0, .off_minutes = 0,
	};
	if (HPDF_SetInfoDateAttr(pdf, HPDF_INFO_CREATION_DATE, date) != HPDF_OK) {
		hpdf_fail(pdf, &doc->errors, "setting the creation date", err, errlen);
		return false;
	}
	return pdf_fixups_set_lang(pdf, d->lang, err, errlen);
}

/*
 * Give glyph k of it a Private Use Area code (struct pua_face), with the
 * text of its cluster for the ToUnicode CMap, less what the cluster's
 * other glyphs stand for with codes of their own (a mark drawn as itself,
 * a letter as its presentation form).  The entry holds for every use of
 * the glyph: a lam-alef half first met with a sukun on it must not give
 * every plain one a sukun (collect_drawn gives codes to glyphs alone in
 * their cluster first).
 */
static void
give_pua(struct pdf_fonts *pf, struct meas_face *mf, const struct display_item *it, size_t k)
{
	const struct glyph *gs = item_glyphs(it), *g = &gs[k];
	struct pua_face *pu = &pf->pua[it->face];
	const uint64_t *drawn = pf->drawn[it->face];
	if (pu->of_gid == NULL) {
		pu->n_gids = 65536; /* glyph ids are 16-bit */
		pu->of_gid = xcalloc(pu->n_gids, sizeof *pu->of_gid);
	}
	if (g->gid >= pu->n_gids || pu->of_gid[g->gid] != 0)
		return;
	/* A code neither the font maps nor the document draws as text. */
	while (pu->next <= 0xF8FF && (((drawn[pu->next >> 6] >> (pu->next & 63)) & 1) ||
	    (unit_info(mf, (uint16_t)pu->next) & CP_HAS_GLYPH) != 0))
		pu->next++;
	if (pu->next > 0xF8FF)
		return; /* 6,400 such glyphs in one face: drawn as spaces */
	if (pu->n == pu->cap) {
		pu->cap = pu->cap ? 2 * pu->cap : 32;
		pu->v = xrealloc(pu->v, pu->cap * sizeof *pu->v);
		pu->text = xrealloc(pu->text, pu->cap * sizeof *pu->text);
	}
	struct pdf_fixups_map *m = &pu->text[pu->n];
	pu->v[pu->n] = (struct subset_extra){ pu->next, g->gid };
	m->code = (uint16_t)pu->next;
	m->n = 0;
	/* The cluster's text, as the run has it (visual order: reversed in
	 * right-to-left runs, which is what poppler wants of a mapping to
	 * several characters there). */
	size_t from = g->cluster >= 0 ? (size_t)g->cluster : it->len;
	size_t to = g->cluster_len > 0 ? from + (size_t)g->cluster_len : from;
	uint16_t unit;
	if (to > it->len)
		to = it->len;
	for (size_t i = from; m->n < (int)(sizeof m->text / sizeof m->text[0]) &&
	    unit_at(it->text, to, &i, &unit);)
		m->text[m->n++] = unit;
	/* less the other glyphs' own text, unless nothing would be left */
	struct pdf_fixups_map own = *m;
	size_t a = k;
	while (a > 0 && gs[a - 1].cluster == g->cluster)
		a--;
	for (size_t j = a, b = cluster_end(it, a); j < b; j++) {
		uint16_t u[32];
		int nu = j == k || gs[j].cp == 0 ? 0
		    : pdf_fixups_reader_text(glyph_code(pf, it->face, &gs[j]), u);
		for (int x = 0; x < nu; x++)
			for (int y = 0; y < own.n; y++)
				if (own.text[y] == u[x]) {
					memmove(&own.text[y], &own.text[y + 1], (size_t)(own.n - y - 1) * sizeof own.text[0]);
					own.n--;
					break;
				}
	}
	/* a glyph without advance (a mark ligature) stands for the marks
	 * left, the others for the rest when the cluster has such a glyph */
	bool marks_apart = false;
	for (size_t j = a, b = cluster_end(it, a); j < b; j++)
		marks_apart = marks_apart || (j != k && gs[j].w == 0);
	if (g->w == 0 || marks_apart) {
		struct pdf_fixups_map part = own;
		part.n = 0;
		for (int y = 0; y < own.n; y++)
			if (pdf_fixups_is_mark(own.text[y]) == (g->w == 0))
				part.text[part.n++] = own.text[y];
		if (part.n > 0)
			own = part;
	}
	if (own.n > 0)
		*m = own;
	pu->of_gid[g->gid] = (uint16_t)pu->next;
	pu->n++;
	pu->next++;
}

/* Forget the previous document's Private Use Area codes. */
static void
reset_pua(struct pdf_fonts *pf)
{
	for (int f = 0; f < FACE__COUNT; f++) {
		struct pua_face *pu = &pf->pua[f];
		for (size_t i = 0; i < pu->n; i++)
			pu->of_gid[pu->v[i].gid] = 0;
		pu->n = 0;
		pu->next = 0xE000;
	}
}

/* Mark the code units of every text run in pf->drawn, per face (the
 * glyphs' codes for shaped runs, giving Private Use Area codes to glyphs
 * no character maps to); used[f] is set for each face some non-empty run
 * is drawn in. */
static void
collect_drawn(struct pdf_fonts *pf, const struct display *d, bool used[FACE__COUNT])
{
	memset(pf->drawn, 0, sizeof pf->drawn);
	reset_pua(pf);
	for (int pass = 0; pass < 3; pass++)
	for (size_t p = 0; p < d->n_pages; p++)
		for (size_t i = 0; i < d->pages[p].n_items; i++) {
			const struct display_item *it = &d->pages[p].items[i];
			if (it->kind != DISPLAY_TEXT || it->len == 0 || it->text == NULL ||
			    (unsigned)it->face >= FACE__COUNT)
				continue;
			used[it->face] = true;
			uint64_t *bits = pf->drawn[it->face];
			if (item_glyphs(it) != NULL) {
				/* first every code, then the glyphs without one:
				 * those alone in their cluster (their text is
				 * exactly theirs), then the others */
				for (size_t k = 0; k < item_n_glyphs(it); k++) {
					const struct glyph *g = &item_glyphs(it)[k];
					bool alone = (k + 1 == item_n_glyphs(it) ||
					    g[1].cluster != g->cluster) &&
					    (k == 0 || g[-1].cluster != g->cluster);
					if (pass == 0 && g->cp != 0) {
						uint16_t c = glyph_code(pf, it->face, g);
						bits[c >> 6] |= (uint64_t)1 << (c & 63);
					} else if (pass == (alone ? 1 : 2) && g->cp == 0) {
						struct meas_face *mf = meas_face(pf, it->face);
						if (mf != NULL)
							give_pua(pf, mf, it, k);
					}
				}
				continue;
			}
			if (pass > 0)
				continue;
			uint16_t unit;
			for (size_t k = 0; unit_at(it->text, it->len, &k, &unit);)
				bits[unit >> 6] |= (uint64_t)1 << (unit & 63);
		}
	for (int f = 0; f < FACE__COUNT; f++)
		for (size_t i = 0; i < pf->pua[f].n; i++) {
			uint32_t c = pf->pua[f].v[i].code;
			pf->drawn[f][c >> 6] |= (uint64_t)1 << (c & 63);
		}
}

bool
pdf_render(struct pdf_fonts *pf, const struct display *d,
    unsigned char **out, size_t *out_len, char *err, size_t errlen)
{
	return pdf_render_opts(pf, d, NULL, out, out_len, err, errlen);
}

bool
pdf_render_opts(struct pdf_fonts *pf, const struct display *d,
    const struct pdf_options *o, unsigned char **out, size_t *out_len,
    char *err, size_t errlen)
{
	static const struct pdf_options plain = { .pdfa = false };
	struct doc doc = { .pf = pf, .opt = o != NULL ? o : &plain };
	HPDF_Page *pages = NULL;
	unsigned char *buf = NULL;
	bool used[FACE__COUNT] = { false };
	bool ok = false;

	*out = NULL;
	*out_len = 0;
	if (pf->err[0] != '\0') {
		snprintf(err, errlen, "%s", pf->err);
		goto done;
	}
	if (!(d->page_width >= 3 && d->page_width <= 14400 &&
	    d->page_height >= 3 && d->page_height <= 14400)) {
		snprintf(err, errlen, "PDF: page size %g x %g out of range",
		    d->page_width, d->page_height);
		goto done;
	}
	if (d->n_pages == 0) {
		snprintf(err, errlen, "PDF: the document has no page");
		goto done;
	}
	if (doc.opt->pdfa && (doc.opt->icc == NULL || doc.opt->icc_len == 0)) {
		snprintf(err, errlen, "PDF/A: no ICC profile given for the output intent");
		goto done;
	}
	hash128_init(&doc.id);
	hash_display(&doc.id, d, doc.opt);

	doc.pdf = HPDF_New(on_hpdf_error, &doc.errors);
	if (doc.pdf == NULL) {
		snprintf(err, errlen, "PDF: cannot create a document (out of memory)");
		goto done;
	}
	/* Compression must be set before any font is loaded, or the font
	 * streams stay uncompressed (feasibility.md pitfall 7). */
	if (HPDF_SetCompressionMode(doc.pdf, HPDF_COMP_ALL) != HPDF_OK) {
		hpdf_fail(doc.pdf, &doc.errors, "setting compression", err, errlen);
		goto done;
	}
	if (HPDF_UseUTFEncodings(doc.pdf) != HPDF_OK) {
		hpdf_fail(doc.pdf, &doc.errors, "enabling UTF-8", err, errlen);
		goto done;
	}
	/* Info strings (title, keywords) are UTF-8 too. */
	if (HPDF_SetCurrentEncoder(doc.pdf, "UTF-8") != HPDF_OK) {
		hpdf_fail(doc.pdf, &doc.errors, "selecting the UTF-8 encoder", err, errlen);
		goto done;
	}

	/* The faces this document draws, each a subset of what it draws in
	 * it, loaded in face order: the subset tags (HPDFAA, ...) and the
	 * object numbers do not depend on item order. */
	collect_drawn(pf, d, used);
	for (int f = 0; f < FACE__COUNT; f++)
		if (used[f] && !load_subset(&doc, (enum font_face)f, err, errlen))
			goto done;
	/*
	 * A line's runs joined into one TJ array take a third less room than
	 * a text object per run, and put every glyph at the same place.  But
	 * poppler's reading-order analysis of right-to-left text (pdftotext)
	 * places paragraph breaks differently when runs come in TJ arrays, so
	 * Arabic runs, and every run of an Arabic document, keep a text
	 * object each, as libharu draws them.
	 */
	doc.tj_lines = d->lang == NULL || strcmp(d->lang, "ar") != 0;

	if (pf->deflate == NULL && (pf->deflate = pdf_deflater_new(DEFLATE_LEVEL)) == NULL) {
		snprintf(err, errlen, "PDF: cannot create a compressor (out of memory)");
		goto done;
	}
	pages = xcalloc(d->n_pages, sizeof *pages);
	for (size_t p = 0; p < d->n_pages; p++) {
		HPDF_Page page = HPDF_AddPage(doc.pdf);
		if (page == NULL ||
		    HPDF_Page_SetWidth(page, (HPDF_REAL)d->page_width) != HPDF_OK ||
		    HPDF_Page_SetHeight(page, (HPDF_REAL)d->page_height) != HPDF_OK) {
			hpdf_fail(doc.pdf, &doc.errors, "adding a page", err, errlen);
			goto done;
		}
		pages[p] = page;
		if (!draw_page(&doc, page, &d->pages[p], p, err, errlen))
			goto done;
		/* the page's content waits for the save compressed */
		if (!pdf_fixups_deflate_page(page, pf->deflate)) {
			hpdf_fail(doc.pdf, &doc.errors, "compressing a page", err, errlen);
			goto done;
		}
		if (doc.opt->page_drawn != NULL)
			doc.opt->page_drawn(doc.opt->page_drawn_ctx, p);
	}
	if (!draw_outline(&doc, d, pages, err, errlen) || !set_info(&doc, d, err, errlen))
		goto done;

	/* The descriptors, which embed the font programs: the subsets,
	 * which hold only what is drawn, composite components included. */
	for (int f = 0; f < FACE__COUNT; f++)
		if (doc.fonts[f] != NULL && !pdf_fixups_font_descriptor(doc.fonts[f],
		    doc.cap_height[f], pf->drawn[f], doc.opt->pdfa, err, errlen))
			goto done;

	/* The content-derived /ID (pdf.h), whose hash is now complete. */
	unsigned char digest[16];
	hash128_digest(&doc.id, digest);
	if (!pdf_fixups_set_id(doc.pdf, digest, err, errlen))
		goto done;
	if (doc.opt->pdfa &&
	    !pdf_fixups_pdfa(doc.pdf, doc.opt->icc, doc.opt->icc_len, err, errlen))
		goto done;

	if (!pdf_fixups_deflate_all(doc.pdf, pf->deflate)) {
		hpdf_fail(doc.pdf, &doc.errors, "compressing the fonts", err, errlen);
		goto done;
	}

	/* Never HPDF_SaveToFile: it reports success on a full disk. */
	if (doc.errors.error != 0 || HPDF_SaveToStream(doc.pdf) != HPDF_OK) {
		hpdf_fail(doc.pdf, &doc.errors, "saving", err, errlen);
		goto done;
	}
	HPDF_UINT32 size = HPDF_GetStreamSize(doc.pdf), got = size;
	if (size == 0 || doc.errors.error != 0) {
		hpdf_fail(doc.pdf, &doc.errors, "saving", err, errlen);
		goto done;
	}
	buf = xmalloc(size);
	if (HPDF_ReadFromStream(doc.pdf, buf, &got) != HPDF_OK || got != size ||
	    doc.errors.error != 0) {
		hpdf_fail(doc.pdf, &doc.errors, "reading the saved document", err, errlen);
		goto done;
	}
	*out = buf;
	*out_len = size;
	buf = NULL;
	ok = true;

done:
	/* A measuring failure belongs to the document that saw it. */
	pf->err[0] = '\0';
	if (doc.pdf != NULL)
		HPDF_Free(doc.pdf);
	free(buf);
	free(pages);
	return ok;
}

/* ----- the ICC profile of PDF/A output intents ----- */

static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

unsigned char *
pdf_icc_load(const char *path, size_t *len, char *err, size_t errlen)
{
	if (path == NULL || *path == '\0')
		path = getenv("SPCOMM_ICC_PROFILE");
	if (path == NULL || *path == '\0')
		path = ICC_DEFAULT;
	*len = 0;
	FILE *fp = fopen(path, "rb");
	if (fp == NULL) {
		snprintf(err, errlen, "sRGB ICC profile %.400s: %s (Debian package %s)", path,
		    strerror(errno), ICC_PACKAGE);
		return NULL;
	}
	unsigned char *buf = xmalloc(LIMIT_ICC_BYTES + 1);
	size_t n = fread(buf, 1, LIMIT_ICC_BYTES + 1, fp);
	bool read_error = ferror(fp) != 0;
	fclose(fp);
	/* The header (ICC.1:2001-04 section 6.1): size, version, colour
	 * space, and the 'acsp' signature. */
	const char *why = read_error ? "cannot be read"
	    : n > LIMIT_ICC_BYTES ? "is larger than 1 MiB"
	    : n < 132 || memcmp(buf + 36, "acsp", 4) != 0 ? "is not an ICC profile"
	    : be32(buf) != n ? "is cut short or has trailing bytes"
	    : memcmp(buf + 16, "RGB ", 4) != 0 ? "is not an RGB profile"
	    : buf[8] != 2 ? "is not an ICC version 2 profile (PDF 1.4 reads only those)"
	    : NULL;
	if (why != NULL) {
		snprintf(err, errlen, "sRGB ICC profile %.400s %s (Debian package %s has one)",
		    path, why, ICC_PACKAGE);
		free(buf);
		return NULL;
	}
	*len = n;
	return buf;
}

/* ----- the pool ----- */

struct pdf_pool {
	pthread_mutex_t lock;
	char *font_dir;
	struct pdf_fonts **idle;
	size_t n_idle, cap_idle;
};

struct pdf_pool *
pdf_pool_new(const char *font_dir)
{
	struct pdf_pool *pool = xcalloc(1, sizeof *pool);
	pthread_mutex_init(&pool->lock, NULL);
	pool->font_dir = font_dir != NULL ? xstrdup(font_dir) : NULL;
	return pool;
}

struct pdf_fonts *
pdf_pool_take(struct pdf_pool *pool, char *err, size_t errlen)
{
	struct pdf_fonts *pf = NULL;
	pthread_mutex_lock(&pool->lock);
	if (pool->n_idle > 0)
		pf = pool->idle[--pool->n_idle];
	pthread_mutex_unlock(&pool->lock);
	if (pf == NULL)
		return pdf_fonts_open(pool->font_dir, err, errlen);
	/* Whatever an abandoned document left (its layout failed before
	 * pdf_render) is not this document's failure. */
	pf->err[0] = '\0';
	return pf;
}

void
pdf_pool_give(struct pdf_pool *pool, struct pdf_fonts *pf)
{
	if (pf == NULL)
		return;
	pthread_mutex_lock(&pool->lock);
	if (pool->n_idle == pool->cap_idle) {
		pool->cap_idle = pool->cap_idle ? 2 * pool->cap_idle : 8;
		pool->idle = xrealloc(pool->idle, pool->cap_idle * sizeof *pool->idle);
	}
	pool->idle[pool->n_idle++] = pf;
	pthread_mutex_unlock(&pool->lock);
}

void
pdf_pool_free(struct pdf_pool *pool)
{
	if (pool == NULL)
		return;
	for (size_t i = 0; i < pool->n_idle; i++)
		pdf_fonts_close(pool->idle[i]);
	free(pool->idle);
	free(pool->font_dir);
	pthread_mutex_destroy(&pool->lock);
	free(pool);
}
