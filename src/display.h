/*
 * display.h - the display list: pages of positioned text runs, rules and
 * boxes, plus the outline and document metadata.  The layout (layout.c)
 * builds it; a device draws it (pdf.c).  Coordinates are PDF points from the bottom-left corner
 * of the page; text is positioned by its baseline start.  All memory
 * belongs to the arena given to display_new; the arena argument of the
 * display_* functions is used only for a page not made by
 * display_add_page.
 */
#ifndef SPCOMM_DISPLAY_H
#define SPCOMM_DISPLAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "device.h"
#include "fonts.h"

enum display_kind { DISPLAY_TEXT, DISPLAY_RULE, DISPLAY_RECT };

/* How a shaped run differs from its text drawn character by character
 * (display_glyphs): held by the few items that need it, so that a
 * document of thousands of pages keeps small items. */
struct display_shaped {
	/* the glyphs that draw the run, left to right, with their positions
	 * (device.h); cluster/cluster_len are bytes of the item's text.
	 * NULL: the text's own characters, each advanced by its width plus
	 * kern[i] (thousandths of the size) after the i-th UTF-16 unit */
	const struct glyph *glyphs;
	size_t n_glyphs;
	const float *kern;
};

struct display_item {
	enum display_kind kind;
	enum font_face face;      /* TEXT */
	double x, y;              /* TEXT: baseline start; RULE: from; RECT: lower-left */
	union {
		struct {          /* RULE, RECT */
			double x2, y2;        /* RULE: to; RECT: upper-right */
			double line_width;    /* RULE, RECT outline (0: no outline) */
			double gray;          /* RECT fill (1 = white, no fill), RULE stroke gray */
		};
		struct {          /* TEXT: one run in one face, visual order, UTF-8 */
			double size;
			const char *text;
			size_t len;
			/* NULL: drawn character by character, each character's
			 * own glyph and advance */
			const struct display_shaped *shaped;
		};
	};
};

struct display;

struct display_page {
	struct display_item *items;
	size_t n_items, cap;
	struct display *display;   /* the document the page belongs to */
	bool own;                  /* items is the page's own array (malloc) */
};

struct display_outline {
	const char *title;    /* UTF-8 */
	size_t page;          /* 0-based */
	double y;             /* top of the section on that page */
	int level;            /* 0 = section, 1 = subsection */
};

struct display {
	struct arena *arena;
	double page_width, page_height;
	struct display_page *pages;
	size_t n_pages, cap_pages;
	/* The items of the page being filled grow here; display_add_page
	 * copies them to an array of their final size and reuses this one
	 * (display.c). */
	struct display_item *work;
	size_t work_cap;
	struct display_outline *outline;
	size_t n_outline, cap_outline;
	/* Document information; never the submitter's identity. */
	const char *title, *subject, *keywords, *lang;
	int64_t creation_time; /* seconds since the epoch, UTC */
};

struct display *display_new(struct arena *a, double width, double height);
struct display_page *display_add_page(struct display *d);
void display_text(struct display_page *p, struct arena *a, double x, double y,
    enum font_face face, double size, const char *text, size_t len);
/* A shaped run (text.h): glyphs[0..n) are copied into the display's
 * arena, as the text is, or, when plain (the text's own characters, one
 * glyph each, in order, none moved: text.h's text_run.plain), reduced to
 * their kerning, or to nothing when they have none. */
void display_glyphs(struct display_page *p, struct arena *a, double x, double y,
    enum font_face face, double size, const char *text, size_t len,
    const struct glyph *glyphs, size_t n, bool plain);
void display_rule(struct display_page *p, struct arena *a, double x1, double y1,
    double x2, double y2, double width, double gray);
void display_rect(struct display_page *p, struct arena *a, double x1, double y1,
    double x2, double y2, double line_width, double fill_gray);
void display_outline_add(struct display *d, const char *title, size_t page,
    double y, int level);
/* Free the items of page (0-based) of display (a struct display *), for
 * a device that has drawn it and will not read it again (the PDF device
 * calls it through pdf_options.page_drawn): a long document need not
 * hold every page's items and its PDF pages at once.  The page is empty
 * afterwards; its runs' texts stay in the arena. */
void display_release_page(void *display, size_t page);

#endif
