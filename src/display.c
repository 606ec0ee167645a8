/* display.c - the display list (see display.h).  Arrays grow by doubling
 * inside the arena; the old copy stays in the arena until it is freed,
 * which costs at most the size of the final array again.
 *
 * Except the items of pages, which are most of a long document's display
 * list (a page of a list of victims has some 200 runs): the page being
 * filled grows in one work array that every page reuses, and when the
 * next page begins its items are copied once into an array of their
 * final size, with room for the footer the layout adds at the end
 * (PAGE_SLACK).  Doubling per page left three times the items in the
 * arena: for 3,500 pages, 150 MB.  The finished page's array is the
 * page's own (malloc), so that a device can give it back as soon as the
 * page is drawn (display_release_page); the arena frees the rest. */
#include "display.h"

#include <stdlib.h>
#include <string.h>

/* Grow *arr (n used, *cap slots of size elem) so that one more fits. */
static void *
grow(struct arena *a, void *arr, size_t n, size_t *cap, size_t elem, size_t first)
{
	if (n < *cap)
		return arr;
	size_t ncap = *cap ? *cap * 2 : first;
	void *p = arena_alloc(a, ncap * elem);
	if (n > 0)
		memcpy(p, arr, n * elem);
	*cap = ncap;
	return p;
}

/* The items of finished pages still held, when the arena is freed. */
static void
free_pages(void *display)
{
	struct display *d = display;
	for (size_t i = 0; i < d->n_pages; i++)
		display_release_page(d, i);
}

struct display *
display_new(struct arena *a, double width, double height)
{
	struct display *d = arena_alloc(a, sizeof *d);
	d->arena = a;
	d->page_width = width;
	d->page_height = height;
	arena_on_free(a, free_pages, d);
	return d;
}

void
display_release_page(void *display, size_t page)
{
	struct display *d = display;
	if (page >= d->n_pages)
		return;
	struct display_page *p = &d->pages[page];
	if (p->own)
		free(p->items);
	p->items = NULL;
	p->n_items = p->cap = 0;
	p->own = false;
}

/* Items a finished page takes without a copy, and the step by which it
 * grows after: the footer the layout adds to every page at the end
 * (layout.c footers) is a rule and some 20 runs. */
#define PAGE_SLACK 24

/* Give the page being filled an array of its own, of its final size. */
static void
seal_page(struct display_page *p)
{
	if (p->items == NULL)
		return;
	size_t cap = p->n_items + PAGE_SLACK;
	struct display_item *own = xmalloc(cap * sizeof *own);
	memcpy(own, p->items, p->n_items * sizeof *own);
	p->items = own;
	p->cap = cap;
	p->own = true;
}

struct display_page *
display_add_page(struct display *d)
{
	if (d->n_pages > 0)
		seal_page(&d->pages[d->n_pages - 1]);
	d->pages = grow(d->arena, d->pages, d->n_pages, &d->cap_pages,
	    sizeof *d->pages, 4);
	struct display_page *p = &d->pages[d->n_pages++];
	memset(p, 0, sizeof *p);
	p->items = d->work;
	p->cap = d->work_cap;
	p->display = d;
	return p;
}

/* The arena of what a page holds: the display's, so that the layout can
 * free its own scratch (a list item's lines and words) as it goes. */
static struct arena *
page_arena(const struct display_page *p, struct arena *a)
{
	return p->display != NULL ? p->display->arena : a;
}

static struct display_item *
add_item(struct display_page *p, struct arena *a, enum display_kind kind)
{
	struct display *d = p->display;
	a = page_arena(p, a);
	bool current = d != NULL && d->n_pages > 0 && p == &d->pages[d->n_pages - 1];
	if (d != NULL && !current && p->n_items == p->cap) {
		/* a finished page: its own array, by steps, not doubling */
		struct display_item *own = xmalloc((p->cap + PAGE_SLACK) * sizeof *own);
		if (p->n_items > 0)
			memcpy(own, p->items, p->n_items * sizeof *own);
		if (p->own)
			free(p->items);
		p->items = own;
		p->cap += PAGE_SLACK;
		p->own = true;
	}
	p->items = grow(a, p->items, p->n_items, &p->cap, sizeof *p->items, 32);
	if (current) {
		/* the work array grew: the next pages start with it */
		d->work = p->items;
		d->work_cap = p->cap;
	}
	struct display_item *it = &p->items[p->n_items++];
	memset(it, 0, sizeof *it);
	it->kind = kind;
	return it;
}

void
display_text(struct display_page *p, struct arena *a, double x, double y,
    enum font_face face, double size, const char *text, size_t len)
{
	struct display_item *it = add_item(p, a, DISPLAY_TEXT);
	it->x = x;
	it->y = y;
	it->face = face;
	it->size = size;
	/* Always NUL-terminated, so a device can hand it to C APIs as is. */
	it->text = arena_strndup(page_arena(p, a), text ? text : "", text ? len : 0);
	it->len = text ? len : 0;
}

void
display_glyphs(struct display_page *p, struct arena *a, double x, double y,
    enum font_face face, double size, const char *text, size_t len,
    const struct glyph *glyphs, size_t n, bool plain)
{
	display_text(p, a, x, y, face, size, text, len);
	struct display_item *it = &p->items[p->n_items - 1];
	a = page_arena(p, a);
	/* The text's own characters, one glyph each, in order, not moved:
	 * drawn from the text, with the kerning only, if any. */
	bool kerned = false;
	for (size_t k = 0; plain && k < n; k++)
		kerned = kerned || glyphs[k].adv != glyphs[k].w;
	if ((plain && !kerned) || n == 0)
		return;
	struct display_shaped *sh = arena_alloc(a, sizeof *sh);
	memset(sh, 0, sizeof *sh);
	if (plain) {
		float *kern = arena_alloc(a, n * sizeof *kern);
		for (size_t k = 0; k < n; k++)
			kern[k] = glyphs[k].adv - glyphs[k].w;
		sh->kern = kern;
	} else {
		struct glyph *g = arena_alloc(a, n * sizeof *g);
		memcpy(g, glyphs, n * sizeof *g);
		sh->glyphs = g;
		sh->n_glyphs = n;
	}
	it->shaped = sh;
}

void
display_rule(struct display_page *p, struct arena *a, double x1, double y1,
    double x2, double y2, double width, double gray)
{
	struct display_item *it = add_item(p, a, DISPLAY_RULE);
	it->x = x1;
	it->y = y1;
	it->x2 = x2;
	it->y2 = y2;
	it->line_width = width;
	it->gray = gray;
}

void
display_rect(struct display_page *p, struct arena *a, double x1, double y1,
    double x2, double y2, double line_width, double fill_gray)
{
	struct display_item *it = add_item(p, a, DISPLAY_RECT);
	it->x = x1;
	it->y = y1;
	it->x2 = x2;
	it->y2 = y2;
	it->line_width = line_width;
	it->gray = fill_gray;
}

void
display_outline_add(struct display *d, const char *title, size_t page,
    double y, int level)
{
	d->outline = grow(d->arena, d->outline, d->n_outline, &d->cap_outline,
	    sizeof *d->outline, 16);
	struct display_outline *o = &d->outline[d->n_outline++];
	o->title = arena_strdup(d->arena, title ? title : "");
	o->page = page;
	o->y = y;
	o->level = level;
}
