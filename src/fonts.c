/* fonts.c - the face table and fallback chains (see fonts.h). */
#include "fonts.h"

#include <stdio.h>
#include <stdlib.h>

#include <sys/stat.h>

#define NOTO_DIR "/usr/share/fonts/truetype/noto"
#define DROID_DIR "/usr/share/fonts/truetype/droid"

static const struct font_file files[FACE__COUNT] = {
	[FACE_SANS] = { "NotoSans-Regular.ttf", "fonts-noto-core", 0 },
	[FACE_SANS_BOLD] = { "NotoSans-Bold.ttf", "fonts-noto-core", 0 },
	[FACE_SANS_ITALIC] = { "NotoSans-Italic.ttf", "fonts-noto-core", 0 },
	[FACE_NASKH] = { "NotoNaskhArabic-Regular.ttf", "fonts-noto-core", 0 },
	[FACE_NASKH_BOLD] = { "NotoNaskhArabic-Bold.ttf", "fonts-noto-core", 0 },
	[FACE_CJK] = { "DroidSansFallbackFull.ttf", "fonts-droid-fallback", 0 },
};

/* Where Debian installs each package's files. */
static const char *const debian_dirs[FACE__COUNT] = {
	[FACE_SANS] = NOTO_DIR,
	[FACE_SANS_BOLD] = NOTO_DIR,
	[FACE_SANS_ITALIC] = NOTO_DIR,
	[FACE_NASKH] = NOTO_DIR,
	[FACE_NASKH_BOLD] = NOTO_DIR,
	[FACE_CJK] = DROID_DIR,
};

/*
 * Latin and Cyrillic first; Arabic runs fall through to Naskh, Han to
 * Droid.  There is no italic Naskh and no bold or italic CJK TrueType
 * among the fonts we can load (feasibility.md section 2), so those chains
 * use the regular face rather than drop the characters.
 */
static const enum font_face chain_regular[] = {
	FACE_SANS, FACE_NASKH, FACE_CJK, FACE__COUNT
};
static const enum font_face chain_bold[] = {
	FACE_SANS_BOLD, FACE_NASKH_BOLD, FACE_CJK, FACE__COUNT
};
static const enum font_face chain_italic[] = {
	FACE_SANS_ITALIC, FACE_NASKH, FACE_CJK, FACE__COUNT
};

const struct font_file *
fonts_file(enum font_face face)
{
	if ((unsigned)face >= FACE__COUNT)
		return NULL;
	return &files[face];
}

const enum font_face *
fonts_fallback(enum font_style style)
{
	switch (style) {
	case STYLE_BOLD:
		return chain_bold;
	case STYLE_ITALIC:
		return chain_italic;
	case STYLE_REGULAR:
	default:
		return chain_regular;
	}
}

bool
fonts_path(enum font_face face, const char *dir, char *buf, size_t size)
{
	if ((unsigned)face >= FACE__COUNT || buf == NULL || size == 0)
		return false;
	if (dir == NULL || *dir == '\0')
		dir = getenv("SPCOMM_FONT_DIR");
	if (dir == NULL || *dir == '\0')
		dir = debian_dirs[face];
	int n = snprintf(buf, size, "%s/%s", dir, files[face].file);
	if (n < 0 || (size_t)n >= size) {
		buf[0] = '\0';
		return false;
	}
	return true;
}

bool
fonts_file_present(enum font_face face, const char *path, char *err, size_t errlen)
{
	struct stat st;
	if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
		return true;
	snprintf(err, errlen, "font file %.400s not found (Debian package %s)", path,
	    (unsigned)face < FACE__COUNT ? files[face].package : "?");
	return false;
}

bool
fonts_all_present(const char *dir, char *err, size_t errlen)
{
	char path[4096];
	for (int f = 0; f < FACE__COUNT; f++) {
		if (!fonts_path((enum font_face)f, dir, path, sizeof path)) {
			snprintf(err, errlen, "font directory name too long");
			return false;
		}
		if (!fonts_file_present((enum font_face)f, path, err, errlen))
			return false;
	}
	return true;
}
