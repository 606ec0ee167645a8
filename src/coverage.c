/* coverage.c - drawable characters from the fonts' cmaps (see coverage.h). */
#include "coverage.h"

#include <stdio.h>
#include <stdlib.h>

#include <hb.h>

#include "arena.h"
#include "fonts.h"
#include "intl.h"

struct coverage {
	hb_font_t *font[FACE__COUNT];
};

struct coverage *
coverage_open(const char *font_dir, char *err, size_t errlen)
{
	struct coverage *cov = xcalloc(1, sizeof *cov);
	for (int f = 0; f < FACE__COUNT; f++) {
		char path[4096];
		const struct font_file *ff = fonts_file((enum font_face)f);
		if (ff == NULL || !fonts_path((enum font_face)f, font_dir, path, sizeof path)) {
			snprintf(err, errlen, "font path too long");
			goto fail;
		}
		/* Mapped, not read: only the cmap pages are touched. */
		hb_blob_t *blob = hb_blob_create_from_file_or_fail(path);
		if (blob == NULL) {
			snprintf(err, errlen, "cannot read font %.400s (install the Debian package %s)",
			    path, ff->package);
			goto fail;
		}
		hb_face_t *face = hb_face_create(blob, ff->index);
		hb_blob_destroy(blob);
		bool empty = hb_face_get_glyph_count(face) == 0;
		cov->font[f] = hb_font_create(face);
		hb_face_destroy(face);
		if (empty) {
			snprintf(err, errlen, "font %.400s has no glyphs", path);
			goto fail;
		}
		hb_font_make_immutable(cov->font[f]);
	}
	return cov;
fail:
	coverage_close(cov);
	return NULL;
}

void
coverage_close(struct coverage *cov)
{
	if (cov == NULL)
		return;
	for (int f = 0; f < FACE__COUNT; f++)
		hb_font_destroy(cov->font[f]);
	free(cov);
}

bool
coverage_has(const void *ctx, uint32_t cp)
{
	static const enum font_style styles[] = { STYLE_REGULAR, STYLE_BOLD, STYLE_ITALIC };
	const struct coverage *cov = ctx;
	if (cp > 0xFFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return false;
	/* bidi controls are never drawn (the layout takes them out), so a
	 * font need not have them: U+061C ARABIC LETTER MARK is in none */
	if (intl_is_bidi_control(cp))
		return true;
	for (size_t s = 0; s < sizeof styles / sizeof styles[0]; s++) {
		bool any = false;
		for (const enum font_face *f = fonts_fallback(styles[s]); !any && *f != FACE__COUNT; f++) {
			hb_codepoint_t glyph = 0;
			any = hb_font_get_nominal_glyph(cov->font[*f], cp, &glyph) && glyph != 0;
		}
		if (!any)
			return false;
	}
	return true;
}
