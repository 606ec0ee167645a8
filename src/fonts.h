/*
 * fonts.h - the fixed set of font faces spcomm draws with, and the
 * fallback order per style.  Data only: which file holds which face; the
 * device (pdf.c) loads them and answers coverage and width questions.
 *
 * A run of text is drawn in the first face of its style's fallback chain
 * that has a glyph for every character of the run (fonts_fallback).
 * Fonts are never taken from a case file: a fixed, known set (libharu's
 * TrueType parser is not safe on hostile fonts).
 */
#ifndef SPCOMM_FONTS_H
#define SPCOMM_FONTS_H

#include <stdbool.h>
#include <stddef.h>

enum font_face {
	FACE_SANS,          /* Noto Sans Regular: Latin, Greek, Cyrillic */
	FACE_SANS_BOLD,
	FACE_SANS_ITALIC,
	FACE_NASKH,         /* Noto Naskh Arabic Regular */
	FACE_NASKH_BOLD,
	FACE_CJK,           /* Droid Sans Fallback Full: Han, kana, CJK punctuation */
	FACE__COUNT
};

enum font_style { STYLE_REGULAR, STYLE_BOLD, STYLE_ITALIC, STYLE__COUNT };

struct font_file {
	const char *file;     /* file name inside the font directory */
	const char *package;  /* Debian package that ships it, for messages */
	unsigned index;       /* face index in a .ttc, else 0 */
};

/* The file of a face. */
const struct font_file *fonts_file(enum font_face face);

/* The fallback chain of a style: faces in order of preference, ending
 * with FACE__COUNT.  The first entry is the style's primary face. */
const enum font_face *fonts_fallback(enum font_style style);

/*
 * Full path of a face's file: dir is --font-dir, else $SPCOMM_FONT_DIR,
 * else the Debian location of that package (/usr/share/fonts/truetype/...).
 * Writes into buf; returns false if it does not fit.
 */
bool fonts_path(enum font_face face, const char *dir, char *buf, size_t size);

/* Whether path (face's file, from fonts_path) is a regular file; else err
 * names it and the Debian package that ships it. */
bool fonts_file_present(enum font_face face, const char *path, char *err, size_t errlen);

/* fonts_file_present for every face's file in dir: checked before a run
 * starts, as a font missing at the 500th document would fail the rest. */
bool fonts_all_present(const char *dir, char *err, size_t errlen);

#endif
