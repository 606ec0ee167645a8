/*
 * pdf.c - the PDF device (see pdf.h): display list -> libharu -> bytes.
 *
 * Error handling: libharu's handler only records the first error in the
 * device (no longjmp, reliability.md 2.2), and every HPDF_* result is
 * checked as well, because some failures are plain return codes that
 * never reach the handler.  The measuring callbacks of struct device
 * cannot report errors; a failure there (a face that does not load) is
 * kept in the device and makes pdf_render fail.
 */
#include "pdf.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <hpdf.h>

#include "arena.h"
#include "fonts.h"
#include "pdf_fixups.h"

#define PRODUCER "spcomm (libHaru 2.3.0)"

/* Font paths; a local constant because -Isrc makes <limits.h> resolve to
 * the project's own limits.h. */
#define FONT_PATH_MAX 4096

/* libharu raises HPDF_STRING_OUT_OF_RANGE from 65535 bytes on. */
#define MAX_RUN_BYTES 65534u

struct face_slot {
	HPDF_Font font;          /* NULL until first use */
	bool failed;
	char path[FONT_PATH_MAX];
};

struct pdf_device {
	HPDF_Doc pdf;
	struct device dev;
	struct face_slot faces[FACE__COUNT];
	HPDF_STATUS hpdf_error, hpdf_detail; /* first error seen by the handler */
	char err[512];           /* first failure inside a device callback */
	bool rendered;
	char *scratch;           /* NUL-terminated copies of runs for libharu */
	size_t scratch_cap;
};

static void
on_hpdf_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user_data)
{
	struct pdf_device *pd = user_data;
	if (pd->hpdf_error == 0) {
		pd->hpdf_error = error_no;
		pd->hpdf_detail = detail_no;
	}
}

/* Fill err with what libharu recorded, prefixed by what we were doing. */
static void
hpdf_fail(struct pdf_device *pd, const char *doing, char *err, size_t errlen)
{
	HPDF_STATUS code = pd->hpdf_error, detail = pd->hpdf_detail;
	if (code == 0 && pd->pdf != NULL) {
		code = HPDF_GetError(pd->pdf);
		detail = HPDF_GetErrorDetail(pd->pdf);
	}
	snprintf(err, errlen, "PDF: %s failed (libharu error 0x%04X, detail %u)",
	    doing, (unsigned)code, (unsigned)detail);
}

/* A NUL-terminated copy of s[0..len) in the device's scratch buffer. */
static const char *
terminated(struct pdf_device *pd, const char *s, size_t len)
{
	if (len + 1 > pd->scratch_cap) {
		size_t cap = pd->scratch_cap ? pd->scratch_cap : 256;
		while (cap < len + 1)
			cap *= 2;
		pd->scratch = xrealloc(pd->scratch, cap);
		pd->scratch_cap = cap;
	}
	memcpy(pd->scratch, s, len);
	pd->scratch[len] = '\0';
	return pd->scratch;
}

static bool
file_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static void
missing_font(enum font_face face, const char *path, char *err, size_t errlen)
{
	snprintf(err, errlen, "font file %.400s not found (Debian package %s)",
	    path, fonts_file(face)->package);
}

/*
 * The face's font, loading it on first use: TrueType, embedded, with the
 * UTF-8 encoder and a valid ToUnicode CMap.  NULL on failure (recorded in
 * pd->err if it is the first).
 */
static HPDF_Font
face_font(struct pdf_device *pd, enum font_face face)
{
	char why[512];
	if ((unsigned)face >= FACE__COUNT)
		return NULL;
	struct face_slot *fs = &pd->faces[face];
	if (fs->font != NULL)
		return fs->font;
	if (fs->failed)
		return NULL;
	const struct font_file *ff = fonts_file(face);
	const char *name;
	if (!file_exists(fs->path)) {
		missing_font(face, fs->path, why, sizeof why);
		goto fail;
	}
	if (ff->index != 0)
		name = HPDF_LoadTTFontFromFile2(pd->pdf, fs->path, ff->index, HPDF_TRUE);
	else
		name = HPDF_LoadTTFontFromFile(pd->pdf, fs->path, HPDF_TRUE);
	if (name == NULL || pd->hpdf_error != 0) {
		snprintf(why, sizeof why, "cannot load font %.400s (libharu error 0x%04X, detail %u)",
		    fs->path, (unsigned)pd->hpdf_error, (unsigned)pd->hpdf_detail);
		goto fail;
	}
	HPDF_Font f = HPDF_GetFont(pd->pdf, name, "UTF-8");
	if (f == NULL || pd->hpdf_error != 0) {
		snprintf(why, sizeof why, "cannot use font %.400s (libharu error 0x%04X, detail %u)",
		    fs->path, (unsigned)pd->hpdf_error, (unsigned)pd->hpdf_detail);
		goto fail;
	}
	if (!pdf_fixups_tounicode(f, why, sizeof why))
		goto fail;
	fs->font = f;
	return f;

fail:
	fs->failed = true;
	if (pd->err[0] == '\0')
		snprintf(pd->err, sizeof pd->err, "%s", why);
	return NULL;
}

static bool
dev_has_glyph(void *ctx, enum font_face face, uint32_t cp)
{
	HPDF_Font f = face_font(ctx, face);
	return f != NULL && pdf_fixups_has_glyph(f, cp);
}

static double
dev_text_width(void *ctx, enum font_face face, const char *utf8, size_t len)
{
	struct pdf_device *pd = ctx;
	/* HPDF_Font_TextWidth crashes on NULL (reliability.md 2.1j).  Its
	 * length is an HPDF_UINT; only drawing has the 64 KiB limit. */
	if (utf8 == NULL || len == 0 || len > UINT32_MAX)
		return 0;
	HPDF_Font f = face_font(pd, face);
	if (f == NULL)
		return 0;
	/* A terminated copy: libharu's UTF-8 parser may look one byte ahead. */
	const char *s = terminated(pd, utf8, len);
	HPDF_TextWidth tw = HPDF_Font_TextWidth(f, (const HPDF_BYTE *)s, (HPDF_UINT)len);
	return (double)tw.width;
}

struct pdf_device *
pdf_open(const char *font_dir, char *err, size_t errlen)
{
	struct pdf_device *pd = xcalloc(1, sizeof *pd);

	for (int i = 0; i < FACE__COUNT; i++) {
		struct face_slot *fs = &pd->faces[i];
		if (!fonts_path((enum font_face)i, font_dir, fs->path, sizeof fs->path)) {
			snprintf(err, errlen, "font directory name too long");
			goto fail;
		}
		/* Say which package is missing now, not halfway through a batch. */
		if (!file_exists(fs->path)) {
			missing_font((enum font_face)i, fs->path, err, errlen);
			goto fail;
		}
	}
	pd->pdf = HPDF_New(on_hpdf_error, pd);
	if (pd->pdf == NULL) {
		snprintf(err, errlen, "PDF: cannot create a document (out of memory)");
		goto fail;
	}
	/* Compression must be set before any font is loaded, or the font
	 * streams stay uncompressed (feasibility.md pitfall 7). */
	if (HPDF_SetCompressionMode(pd->pdf, HPDF_COMP_ALL) != HPDF_OK) {
		hpdf_fail(pd, "setting compression", err, errlen);
		goto fail;
	}
	if (HPDF_UseUTFEncodings(pd->pdf) != HPDF_OK) {
		hpdf_fail(pd, "enabling UTF-8", err, errlen);
		goto fail;
	}
	/* Info strings (title, keywords) are UTF-8 too. */
	if (HPDF_SetCurrentEncoder(pd->pdf, "UTF-8") != HPDF_OK) {
		hpdf_fail(pd, "selecting the UTF-8 encoder", err, errlen);
		goto fail;
	}
	pd->dev.ctx = pd;
	pd->dev.has_glyph = dev_has_glyph;
	pd->dev.text_width = dev_text_width;
	return pd;

fail:
	pdf_close(pd);
	return NULL;
}

const struct device *
pdf_device(struct pdf_device *pd)
{
	return &pd->dev;
}

static bool
finite_all(const struct display_item *it)
{
	return isfinite(it->x) && isfinite(it->y) && isfinite(it->x2) &&
	    isfinite(it->y2) && isfinite(it->line_width) && isfinite(it->gray) &&
	    isfinite(it->size);
}

static double
clamp01(double v)
{
	return v < 0 ? 0 : v > 1 ? 1 : v;
}

static bool
draw_text(struct pdf_device *pd, HPDF_Page page, const struct display_item *it,
    char *err, size_t errlen)
{
	if (it->len == 0)
		return true;
	if (it->text == NULL || it->len > MAX_RUN_BYTES ||
	    memchr(it->text, '\0', it->len) != NULL) {
		snprintf(err, errlen, "PDF: text run is NULL, too long or contains NUL");
		return false;
	}
	if (!(it->size > 0 && it->size <= HPDF_MAX_FONTSIZE)) {
		snprintf(err, errlen, "PDF: font size %g out of range", it->size);
		return false;
	}
	HPDF_Font f = face_font(pd, it->face);
	if (f == NULL) {
		snprintf(err, errlen, "%s", pd->err[0] ? pd->err : "PDF: invalid face");
		return false;
	}
	const char *s = terminated(pd, it->text, it->len);
	if (HPDF_Page_BeginText(page) != HPDF_OK ||
	    HPDF_Page_SetFontAndSize(page, f, (HPDF_REAL)it->size) != HPDF_OK ||
	    HPDF_Page_TextOut(page, (HPDF_REAL)it->x, (HPDF_REAL)it->y, s) != HPDF_OK ||
	    HPDF_Page_EndText(page) != HPDF_OK) {
		hpdf_fail(pd, "drawing text", err, errlen);
		return false;
	}
	return true;
}

static bool
draw_rule(struct pdf_device *pd, HPDF_Page page, const struct display_item *it,
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
		hpdf_fail(pd, "drawing a rule", err, errlen);
		return false;
	}
	return true;
}

static bool
draw_rect(struct pdf_device *pd, HPDF_Page page, const struct display_item *it,
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
		hpdf_fail(pd, "drawing a box", err, errlen);
		return false;
	}
	return true;
}

static bool
draw_outline(struct pdf_device *pd, const struct display *d, HPDF_Page *pages,
    char *err, size_t errlen)
{
	HPDF_Encoder enc = HPDF_GetEncoder(pd->pdf, "UTF-8");
	HPDF_Outline section = NULL;

	if (d->n_outline > 0 && enc == NULL) {
		hpdf_fail(pd, "getting the UTF-8 encoder", err, errlen);
		return false;
	}
	for (size_t i = 0; i < d->n_outline; i++) {
		const struct display_outline *o = &d->outline[i];
		if (o->page >= d->n_pages || !isfinite(o->y)) {
			snprintf(err, errlen, "PDF: outline entry %zu points to no page", i);
			return false;
		}
		HPDF_Outline parent = o->level > 0 ? section : NULL;
		HPDF_Outline ol = HPDF_CreateOutline(pd->pdf, parent,
		    o->title ? o->title : "", enc);
		HPDF_Destination dst = ol ? HPDF_Page_CreateDestination(pages[o->page]) : NULL;
		double top = o->y < 0 ? 0 : o->y > d->page_height ? d->page_height : o->y;
		/* Zoom 0 would be "unchanged", but libharu 2.3.0 only accepts
		 * 0.08..32; 1 is actual size. */
		if (dst == NULL ||
		    HPDF_Destination_SetXYZ(dst, 0, (HPDF_REAL)top, 1) != HPDF_OK ||
		    HPDF_Outline_SetDestination(ol, dst) != HPDF_OK) {
			hpdf_fail(pd, "building the outline", err, errlen);
			return false;
		}
		if (o->level <= 0) {
			section = ol;
			if (HPDF_Outline_SetOpened(ol, HPDF_TRUE) != HPDF_OK) {
				hpdf_fail(pd, "building the outline", err, errlen);
				return false;
			}
		}
	}
	return true;
}

static bool
set_info(struct pdf_device *pd, const struct display *d, char *err, size_t errlen)
{
	HPDF_Doc pdf = pd->pdf;
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
		if (HPDF_SetInfoAttr(pdf, attrs[i].type, attrs[i].value) != HPDF_OK) {
			hpdf_fail(pd, "setting document information", err, errlen);
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
		hpdf_fail(pd, "setting the creation date", err, errlen);
		return false;
	}
	return pdf_fixups_set_lang(pdf, d->lang, err, errlen);
}

bool
pdf_render(struct pdf_device *pd, const struct display *d,
    unsigned char **out, size_t *out_len, char *err, size_t errlen)
{
	HPDF_Page *pages = NULL;
	unsigned char *buf = NULL;
	bool used[FACE__COUNT] = { false };
	bool ok = false;

	*out = NULL;
	*out_len = 0;
	if (pd->rendered) {
		snprintf(err, errlen, "PDF: a device renders one document only");
		return false;
	}
	pd->rendered = true;
	if (pd->err[0] != '\0') {
		snprintf(err, errlen, "%s", pd->err);
		return false;
	}
	if (!(d->page_width >= 3 && d->page_width <= 14400 &&
	    d->page_height >= 3 && d->page_height <= 14400)) {
		snprintf(err, errlen, "PDF: page size %g x %g out of range",
		    d->page_width, d->page_height);
		return false;
	}
	if (d->n_pages == 0) {
		snprintf(err, errlen, "PDF: the document has no page");
		return false;
	}

	/* Load the faces this document draws in a fixed order, so that a
	 * face first needed while drawing does not depend on item order. */
	for (size_t p = 0; p < d->n_pages; p++)
		for (size_t i = 0; i < d->pages[p].n_items; i++) {
			const struct display_item *it = &d->pages[p].items[i];
			if (it->kind == DISPLAY_TEXT && it->len > 0 &&
			    (unsigned)it->face < FACE__COUNT)
				used[it->face] = true;
		}
	for (int f = 0; f < FACE__COUNT; f++)
		if (used[f] && face_font(pd, (enum font_face)f) == NULL) {
			snprintf(err, errlen, "%s", pd->err);
			goto done;
		}
	/* Measuring marked glyphs as used; embed only what is drawn. */
	for (int f = 0; f < FACE__COUNT; f++)
		if (pd->faces[f].font != NULL)
			pdf_fixups_reset_subset(pd->faces[f].font);

	pages = xcalloc(d->n_pages, sizeof *pages);
	for (size_t p = 0; p < d->n_pages; p++) {
		const struct display_page *dp = &d->pages[p];
		HPDF_Page page = HPDF_AddPage(pd->pdf);
		if (page == NULL ||
		    HPDF_Page_SetWidth(page, (HPDF_REAL)d->page_width) != HPDF_OK ||
		    HPDF_Page_SetHeight(page, (HPDF_REAL)d->page_height) != HPDF_OK) {
			hpdf_fail(pd, "adding a page", err, errlen);
			goto done;
		}
		pages[p] = page;
		for (size_t i = 0; i < dp->n_items; i++) {
			const struct display_item *it = &dp->items[i];
			bool drawn;
			if (!finite_all(it)) {
				snprintf(err, errlen, "PDF: page %zu item %zu has a non-finite coordinate",
				    p + 1, i);
				goto done;
			}
			switch (it->kind) {
			case DISPLAY_TEXT:
				drawn = draw_text(pd, page, it, err, errlen);
				break;
			case DISPLAY_RULE:
				drawn = draw_rule(pd, page, it, err, errlen);
				break;
			case DISPLAY_RECT:
				drawn = draw_rect(pd, page, it, err, errlen);
				break;
			default:
				snprintf(err, errlen, "PDF: unknown display item kind %d", (int)it->kind);
				drawn = false;
				break;
			}
			if (!drawn)
				goto done;
		}
	}
	if (!draw_outline(pd, d, pages, err, errlen) || !set_info(pd, d, err, errlen))
		goto done;

	for (int f = 0; f < FACE__COUNT; f++) {
		struct face_slot *fs = &pd->faces[f];
		if (fs->font != NULL &&
		    !pdf_fixups_glyph_closure(fs->font, fs->path, NULL, err, errlen))
			goto done;
	}

	/* Never HPDF_SaveToFile: it reports success on a full disk. */
	if (pd->hpdf_error != 0 || HPDF_SaveToStream(pd->pdf) != HPDF_OK) {
		hpdf_fail(pd, "saving", err, errlen);
		goto done;
	}
	HPDF_UINT32 size = HPDF_GetStreamSize(pd->pdf), got = size;
	if (size == 0 || pd->hpdf_error != 0) {
		hpdf_fail(pd, "saving", err, errlen);
		goto done;
	}
	buf = xmalloc(size);
	if (HPDF_ReadFromStream(pd->pdf, buf, &got) != HPDF_OK || got != size ||
	    pd->hpdf_error != 0) {
		hpdf_fail(pd, "reading the saved document", err, errlen);
		goto done;
	}
	*out = buf;
	*out_len = size;
	buf = NULL;
	ok = true;

done:
	free(buf);
	free(pages);
	return ok;
}

void
pdf_close(struct pdf_device *pd)
{
	if (pd == NULL)
		return;
	if (pd->pdf != NULL)
		HPDF_Free(pd->pdf);
	free(pd->scratch);
	free(pd);
}
