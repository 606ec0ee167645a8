/* display.c - the display list (see display.h).  Arrays grow by doubling
 * inside the arena; the old copy stays in the arena until it is freed,
 * which costs at most the size of the final array again. */
#include "display.h"

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

struct display *
display_new(struct arena *a, double width, double height)
{
	struct display *d = arena_alloc(a, sizeof *d);
	d->arena = a;
	d->page_width = width;
	d->page_height = height;
	return d;
}

struct display_page *
display_add_page(struct display *d)
{
	d->pages = grow(d->arena, d->pages, d->n_pages, &d->cap_pages,
	    sizeof *d->pages, 4);
	struct display_page *p = &d->pages[d->n_pages++];
	memset(p, 0, sizeof *p);
	return p;
}

static struct display_item *
add_item(struct display_page *p, struct arena *a, enum display_kind kind)
{
	p->items = grow(a, p->items, p->n_items, &p->cap, sizeof *p->items, 32);
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
	it->text = arena_strndup(a, text ? text : "", text ? len : 0);
	it->len = text ? len : 0;
}

void
display_glyphs(struct display_page *p, struct arena *a, double x, double y,
    enum font_face face, double size, const char *text, size_t len,
    const struct glyph *glyphs, size_t n)
{
	display_text(p, a, x, y, face, size, text, len);
	struct display_item *it = &p->items[p->n_items - 1];
	it->glyphs = n > 0 ? glyphs : NULL;
	it->n_glyphs = n;
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
