/*
 * layout.c - a validated case -> pages of positioned runs (see layout.h).
 *
 * The cursor moves down the page; every piece of content is first broken
 * into lines by the text layer (so its height is known), then placed.  A
 * row that does not fit in what is left of a page moves to the next page
 * whole; only text taller than a page is split, between lines.
 */
#include "layout.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cond.h"
#include "spcomm_limits.h"

/* A4 in points, margins of 20 mm (rendering.md). */
#define PAGE_W 595.276
#define PAGE_H 841.890
#define MARGIN 56.693
#define FOOTER_BASELINE 30.0
#define FOOTER_GAP 12.0        /* between the id and marking and the page number */
#define FOOTER_LEADING 1.15    /* footer lines below the first, in font sizes */
#define FOOTER_LOWEST 12.0     /* no footer line below this baseline */
#define BODY_TOP (PAGE_H - MARGIN)
#define BODY_BOTTOM (MARGIN + 6.0)

#define SIZE_BODY 10.0
#define SIZE_LABEL 9.0
#define SIZE_SMALL 8.0
#define SIZE_SECTION 12.0
#define SIZE_TITLE 15.0
#define LEADING 1.38           /* line height / font size */
#define LABEL_SHARE 0.33       /* of the text width, for the label column */
#define COLUMN_GAP 10.0
#define INDENT 12.0            /* per level of nested records */
#define ROW_GAP 3.0

struct lay {
	const struct layout_options *o;
	const struct case_data *cd;
	const struct form_set *fs;
	struct text_ctx *tc;
	struct arena *a;
	struct display *d;
	struct display_page *page;
	double y;              /* top of the next line */
	bool rtl;              /* mirrored page */
	const struct cval *person;  /* the person whose fields are being laid out */
	const struct copy_gate *g;  /* what this copy may show */
	bool failed;
	char *err;
	size_t errlen;
};

/* A paragraph broken into lines, ready to place. */
struct block {
	struct text_line *lines;
	size_t n_lines;
	struct text_style st;
	double width;
	bool justify;
	bool align_end;        /* align to the column's end (right), whatever the
	                          direction of the text: values in a mirrored page */
};

static bool
allowed(const struct lay *l, enum disclosure c)
{
	return copy_allows(l->g, c);
}

/* Whether the copy may print text (copy_text_allowed). */
static bool
text_ok(const struct lay *l, const char *text)
{
	return copy_text_allowed(l->g, text, strlen(text));
}

static const char *tr(struct lay *l, const char *key);

/* text as the copy may print it: itself; or, where it names people whose
 * consent gives initials in this copy, with their initials in place of
 * their names (copy_text_with_initials); NULL when it names anyone else
 * the copy withholds. */
static const char *
printable_text(struct lay *l, const char *text)
{
	if (text_ok(l, text))
		return text;
	return copy_text_with_initials(l->g, text, strlen(text), l->a);
}

/* printable_text for a paragraph of the case's own text: also NULL when
 * the gate cannot read it (copy_text_unreadable: a script the case gives
 * a withheld name in no form of). */
static const char *
printable_case_text(struct lay *l, const char *text)
{
	if (copy_text_unreadable(l->g, text, strlen(text), NULL) != NULL)
		return NULL;
	return printable_text(l, text);
}

/* printable_text, or the withheld note in its place. */
static const char *
shown_text(struct lay *l, const char *text)
{
	const char *s = printable_text(l, text);
	return s ? s : tr(l, "doc.withheld");
}

static const char *
tr(struct lay *l, const char *key)
{
	return catalog_text(l->o->cat, l->a, key);
}

static const char *
trf(struct lay *l, const char *key, size_t n, const char *const *args)
{
	return catalog_format(l->o->cat, l->a, key, n, args);
}

/*
 * A list in words ("A, B and C" is the catalog's business; this is "A, B,
 * C"), built in one growing buffer of the arena.  Rebuilding the string
 * with arena_printf at each item copied the list so far every time: for
 * 8,000 victims, gigabytes of arena.  An item NULL or "" is left out; s
 * is NULL while the list is empty.
 */
struct word_list {
	char *s;
	size_t len, cap;
	const char *sep;       /* the language's separator, looked up once */
};

static void
list_add(struct lay *l, struct word_list *w, const char *item)
{
	if (item == NULL || *item == '\0')
		return;
	if (w->len > 0 && w->sep == NULL)
		w->sep = tr(l, "doc.list_separator");
	const char *sep = w->len > 0 ? w->sep : "";
	size_t ns = strlen(sep), ni = strlen(item);
	if (w->len + ns + ni + 1 > w->cap) {
		size_t cap = w->cap ? w->cap : 64;
		while (cap < w->len + ns + ni + 1)
			cap *= 2;
		char *p = arena_alloc(l->a, cap);
		if (w->len > 0)
			memcpy(p, w->s, w->len);
		w->s = p;
		w->cap = cap;
	}
	memcpy(w->s + w->len, sep, ns);
	memcpy(w->s + w->len + ns, item, ni);
	w->len += ns + ni;
	w->s[w->len] = '\0';
}

/*
 * Work whose results the display copies (a victim of a list, a footer,
 * the summary box) allocates its lines, runs and words in a scratch arena
 * freed when it is placed: a document of 8,000 victims and 3,500 pages
 * would otherwise keep some 100 MB of dead lines to the end.  What a page
 * keeps is in the display's own arena (display.h).
 */
static struct arena *
scratch_begin(struct lay *l, struct arena *scratch)
{
	struct arena *outer = l->a;
	*scratch = (struct arena){ 0 };
	l->a = scratch;
	return outer;
}

static void
scratch_end(struct lay *l, struct arena *outer)
{
	arena_free(l->a);
	l->a = outer;
}

/* A count or a quantity as the document's language writes it (ICU:
 * 28,983, 28 983, 28.983); item, annex and page numbers too, so that
 * every number of a page is written one way. */
static const char *
number(struct lay *l, long long n)
{
	return intl_format_number(l->a, (long)n, l->o->lang);
}

/* The name of a language as the catalog writes it (the UN's "الإنكليزية",
 * not ICU's "الإنجليزية"), else ICU's.  in_text: as the language writes
 * it inside a sentence ("Langue originale : anglais", key
 * lang.in_text.<tag>); else as it starts a line or a form's value
 * ("Anglais", key lang.<tag>). */
static const char *
lang_name(struct lay *l, const char *tag, bool in_text)
{
	char key[64];
	snprintf(key, sizeof key, in_text ? "lang.in_text.%s" : "lang.%s", tag);
	const char *p = catalog_pattern(l->o->cat, key);
	return p ? p : intl_language_name(l->a, tag, l->o->lang, !in_text);
}

static void
new_page(struct lay *l)
{
	if (l->d->n_pages >= LIMIT_PAGES) {
		if (!l->failed)
			snprintf(l->err, l->errlen, "the document would exceed %u pages",
			    (unsigned)LIMIT_PAGES);
		l->failed = true;
		return;
	}
	l->page = display_add_page(l->d);
	l->y = BODY_TOP;
}

static double
line_height(const struct text_style *st)
{
	return st->size * LEADING;
}

static double
block_height(const struct block *b)
{
	return (double)b->n_lines * line_height(&b->st);
}

static struct text_style
style(struct lay *l, double size, enum font_style fs, enum text_dir dir)
{
	struct text_style st = { .size = size, .style = fs, .dir = dir, .lang = l->o->lang };
	return st;
}

static struct block
make_block(struct lay *l, const char *text, size_t len, struct text_style st,
    double width, bool justify)
{
	struct block b = { .st = st, .width = width, .justify = justify };
	size_t missing = 0;
	/* The gate has been asked before any case text gets here; this is the
	 * last guard, for a path that forgot to ask: no document rather than
	 * a document with a name it must not show. */
	if (copy_text_leaks(l->g, text, len)) {
		if (!l->failed)
			snprintf(l->err, l->errlen, "internal error: text that this copy must not show "
			    "reached the layout; no document was written");
		l->failed = true;
		return b;
	}
	if (!text_break_paragraph(l->tc, text, len, &st, width, l->a, &b.lines, &b.n_lines,
	    &missing)) {
		if (!l->failed)
			snprintf(l->err, l->errlen, "text cannot be laid out: \"%.40s\"", text);
		l->failed = true;
		b.n_lines = 0;
	} else if (missing > 0 && !l->failed) {
		/* Validation refuses what the fonts cannot draw (coverage.h);
		 * this is the last guard, for text that did not come through
		 * it: better no PDF than one with an empty box in a name. */
		snprintf(l->err, l->errlen, "%zu character%s of \"%.40s\" cannot be drawn by any font",
		    missing, missing == 1 ? "" : "s", text);
		l->failed = true;
	}
	return b;
}

/* x of a column that starts at `from` (measured from the left margin in a
 * left-to-right page) with width w: mirrored on right-to-left pages. */
static double
col_x(const struct lay *l, double from, double w)
{
	return l->rtl ? PAGE_W - MARGIN - from - w : MARGIN + from;
}

static void
place_line(struct lay *l, const struct block *b, size_t i, double x, double baseline)
{
	struct text_line *ln = &b->lines[i];
	if (b->justify && !ln->hard_break)
		text_justify(ln, b->width);
	/* the line's own width: text_justify spreads a line only where it
	 * has gaps, and a right-to-left line it could not spread (one long
	 * word cut by a forced break) still ends at the right edge */
	double w = ln->width;
	double x0 = ln->rtl || b->align_end ? x + b->width - w : x;
	for (size_t r = 0; r < ln->n_runs; r++) {
		const struct text_run *run = &ln->runs[r];
		display_glyphs(l->page, l->a, x0 + run->x, baseline, run->face, b->st.size,
		    run->text, run->len, run->glyphs, run->n_glyphs, run->plain);
	}
}

/* Place a block at x from the cursor down, breaking pages between lines
 * when it does not fit; no widow or orphan lines. */
static void
flow_block(struct lay *l, const struct block *b, double x)
{
	double lh = line_height(&b->st);
	size_t i = 0;
	while (i < b->n_lines && !l->failed) {
		size_t fit = (size_t)((l->y - BODY_BOTTOM) / lh + 1e-6);
		size_t left = b->n_lines - i;
		if (fit < left) {
			/* orphan: a single first line at the foot of a page */
			if (fit < 2 && i == 0 && l->y < BODY_TOP - 1e-6)
				fit = 0;
			/* widow: a single last line at the head of the next */
			else if (left - fit == 1 && fit >= 3)
				fit--;
			if (fit == 0) {
				new_page(l);
				continue;
			}
		} else {
			fit = left;
		}
		for (size_t k = 0; k < fit; k++, i++) {
			place_line(l, b, i, x, l->y - b->st.size);
			l->y -= lh;
		}
		if (i < b->n_lines)
			new_page(l);
	}
}

/* Make room for h points, moving to a new page if they do not fit and
 * would fit on an empty one. */
static void
need(struct lay *l, double h)
{
	if (l->y - h < BODY_BOTTOM && h <= BODY_TOP - BODY_BOTTOM && l->y < BODY_TOP - 1e-6)
		new_page(l);
}

/*
 * The base direction of a value.  In a left-to-right page, the first strong
 * character decides (an Arabic name is read right to left).  In a mirrored
 * page, a value holding any right-to-left text is a right-to-left paragraph,
 * so "Bishkek، قيرغيزستان" keeps the order in which it was joined.
 */
static enum text_dir
value_dir(const struct lay *l, const char *s)
{
	if (!l->rtl)
		return TEXT_AUTO;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		/* Hebrew, Arabic, Syriac, Thaana, NKo (lead bytes D6..DF) and the
		 * Arabic presentation forms (EF AD..EF BB) */
		if ((*p >= 0xD6 && *p <= 0xDF) || (*p == 0xEF && p[1] >= 0xAD && p[1] <= 0xBB))
			return TEXT_RTL;
	return TEXT_LTR;
}

/* A label/value row: label in the first column, value in the second,
 * the value's column ending inset points before the margin (inside a
 * frame, so that no value touches it). */
static void
row_inset(struct lay *l, const char *label, const char *value, int depth, double inset,
    bool gated)
{
	double indent = depth * INDENT;
	double total = PAGE_W - 2 * MARGIN - indent - inset;
	double lw = total * LABEL_SHARE - COLUMN_GAP / 2;
	double vw = total - lw - COLUMN_GAP;
	enum text_dir dir = l->rtl ? TEXT_RTL : TEXT_LTR;
	/* A value made of the program's words and of case texts each already
	 * through the gate (gated) is not read again for a part of a name: a
	 * country, a mandate, a label may share a word with a name ("Jordan",
	 * "Freedom") and name nobody.  A whole name in it is still withheld
	 * (a mononym that is a country's name), rather than failing the
	 * document at the layout's last guard. */
	if (!gated || copy_text_leaks(l->g, value, strlen(value)))
		value = shown_text(l, value);
	struct block lb = make_block(l, label, strlen(label), style(l, SIZE_LABEL, STYLE_BOLD, dir), lw, false);
	struct block vb = make_block(l, value, strlen(value),
	    style(l, SIZE_BODY, STYLE_REGULAR, value_dir(l, value)), vw, false);
	/* in a mirrored page a value starts at the right edge of its column
	 * even when it is written left to right (a case id, a Latin name) */
	vb.align_end = l->rtl;
	double h = block_height(&lb) > block_height(&vb) ? block_height(&lb) : block_height(&vb);
	need(l, h);
	double top = l->y;
	/* labels are smaller than values: share the first baseline */
	l->y -= SIZE_BODY - SIZE_LABEL;
	flow_block(l, &lb, col_x(l, indent, lw));
	double after_label = l->y;
	struct display_page *label_page = l->page;
	l->y = top;
	flow_block(l, &vb, col_x(l, indent + lw + COLUMN_GAP, vw));
	if (l->page == label_page && after_label < l->y)
		l->y = after_label;
	l->y -= ROW_GAP;
}

static void
row(struct lay *l, const char *label, const char *value, int depth, bool gated)
{
	row_inset(l, label, value, depth, 0, gated);
}

/* A heading line in bold, kept with what follows it. */
static void
heading(struct lay *l, const char *text, double size, int depth, double keep)
{
	double indent = depth * INDENT;
	double w = PAGE_W - 2 * MARGIN - indent;
	struct block b = make_block(l, text, strlen(text),
	    style(l, size, STYLE_BOLD, l->rtl ? TEXT_RTL : TEXT_LTR), w, false);
	need(l, block_height(&b) + keep);
	l->y -= size * 0.3;
	flow_block(l, &b, col_x(l, indent, w));
	l->y -= 2.0;
}

/* Paragraphs of a text value (case_next_paragraph). */
static void
paragraphs(struct lay *l, const char *text, int depth, bool from_case)
{
	double indent = depth * INDENT;
	double w = PAGE_W - 2 * MARGIN - indent;
	const char *p = text;
	char *para;
	while ((para = case_next_paragraph(l->a, &p)) != NULL) {
		size_t n = strlen(para);
		/* a paragraph that names someone the copy withholds is left out,
		 * with a note where it was: the rest of a narrative still reaches
		 * the desk officer; one that names people by initials in this
		 * copy is printed with their initials */
		const char *shown = from_case ? printable_case_text(l, para) : shown_text(l, para);
		if (shown == NULL)
			shown = tr(l, "doc.withheld");
		if (shown != para)
			n = strlen(shown);
		struct block b = make_block(l, shown, n, style(l, SIZE_BODY, STYLE_REGULAR, TEXT_AUTO), w, true);
		flow_block(l, &b, col_x(l, indent, w));
		l->y -= SIZE_BODY * 0.5;
	}
}

/* ----- values in words ----- */

static const char *format_value(struct lay *l, const struct cval *v);

/* A copy of text without its trailing line breaks and spaces. */
static char *
trimmed(struct lay *l, const char *text)
{
	char *s = arena_strdup(l->a, text);
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == ' '))
		s[--n] = '\0';
	return s;
}

/* A text on one line: its line breaks as spaces. */
static const char *
one_line(struct lay *l, const char *text)
{
	char *s = trimmed(l, text);
	for (char *p = s; *p; p++)
		if (*p == '\n')
			*p = ' ';
	return s;
}

/* Whether the text s starts in the script the document's language is
 * written in: Cyrillic in Russian, Chinese characters in Chinese, Arabic in
 * Arabic (by the first character's UTF-8 lead byte). */
static bool
in_document_script(const struct lay *l, const char *s)
{
	unsigned char b = s ? (unsigned char)s[0] : 0;
	const char *lang = l->o->lang;
	if (strcmp(lang, "ru") == 0)
		return b >= 0xD0 && b <= 0xD4;       /* U+0400..U+052F */
	if (strcmp(lang, "zh") == 0)
		return b >= 0xE3 && b <= 0xE9;       /* U+3000..U+9FFF */
	if (strcmp(lang, "ar") == 0)
		return b >= 0xD8 && b <= 0xDB;       /* U+0600..U+06FF */
	return false;
}

/* A name in two parts: the Latin form in the person's order (transliterated
 * and marked as such when only the original script is given, unless the
 * document is written in that script: "Ольга Иванова" in a Russian
 * document, "陈光明" in a Chinese one, as they are), and the original
 * script, or NULL. */
static void
name_parts(struct lay *l, const struct cval *v, const char **main_out, const char **orig_out)
{
	const struct cval *fam = case_get(v, "family"), *giv = case_get(v, "given");
	const struct cval *orig = case_get(v, "original");
	const struct cval *of = orig ? case_get(orig, "family") : NULL;
	const struct cval *og = orig ? case_get(orig, "given") : NULL;
	bool cjk = case_name_is_cjk(v);
	bool fam_first = case_name_family_first(v);
	const char *f = fam ? fam->text : NULL, *g = giv ? giv->text : NULL;
	bool transliterated = false;
	if (f == NULL && g == NULL && orig != NULL &&
	    !in_document_script(l, of ? of->text : og ? og->text : NULL)) {
		f = of ? intl_transliterate_name(l->a, of->text) : NULL;
		g = og ? intl_transliterate_name(l->a, og->text) : NULL;
		transliterated = f != NULL || g != NULL;
	}
	const char *s = f && g ? (fam_first ? arena_printf(l->a, "%s %s", f, g)
	    : arena_printf(l->a, "%s %s", g, f)) : f ? f : g ? g : "";
	if (transliterated)
		s = trf(l, "doc.transliterated", 1, &s);
	*main_out = s;
	*orig_out = of && og ? (cjk ? arena_printf(l->a, "%s%s", of->text, og->text)
	    : fam_first ? arena_printf(l->a, "%s %s", of->text, og->text)
	    : arena_printf(l->a, "%s %s", og->text, of->text))
	    : of ? of->text : og ? og->text : NULL;
}

static const char *
join_name(struct lay *l, const char *main, const char *orig)
{
	if (orig == NULL)
		return main;
	return *main ? arena_printf(l->a, "%s (%s)", main, orig) : orig;
}

static const char *
format_name(struct lay *l, const struct cval *v)
{
	const char *main, *orig;
	name_parts(l, v, &main, &orig);
	return join_name(l, main, orig);
}

/* name (the formatted name) and, on the next line, the other names of the
 * name record v ("Other names: ..."), when it has any. */
static const char *
with_other_names(struct lay *l, const struct cval *v, const char *name)
{
	const struct cval *other = case_get(v, "other");
	if (other == NULL || other->n_kids == 0)
		return name;
	const char *list = format_value(l, other);
	if (*list == '\0')
		return name;
	return arena_printf(l->a, "%s\n%s", name, trf(l, "doc.name_other", 1, &list));
}

/*
 * The name of a person as this copy may show it (the gate decides, from
 * the consent: copy.h): the name, its initials, or "the alleged victim".
 */
static const char *
person_name(struct lay *l, const struct cval *person, const struct cval *name)
{
	if (person == NULL)
		return format_name(l, name);
	switch (copy_person_name(l->g, person)) {
	case NAME_SHOWN: return format_name(l, name);
	case NAME_INITIALS: {
		const char *s = case_name_initials(l->a, name);
		if (s)
			return s;
		break;
	}
	case NAME_WITHHELD: break;
	}
	return tr(l, "doc.alleged_victim");
}

/* Whether the copy has a line for the name of person: its class allows
 * it, or the consent lets this copy print it (a public copy with
 * publish_name: full_name or initials). */
static bool
name_line(const struct lay *l, const struct cval *person, const struct cval *name)
{
	return allowed(l, name->class) || copy_person_name(l->g, person) != NAME_WITHHELD;
}

/* Whether the copy shows the whole name of person. */
static bool
name_allowed(const struct lay *l, const struct cval *person)
{
	return copy_person_name(l->g, person) == NAME_SHOWN;
}

/*
 * Whether the copy shows anything of v: v itself when its class is
 * allowed; else, for a record or a list, the members that carry a class
 * of their own the copy allows (a victim's sex and occupation, PUB, in a
 * list of victims that is GOV: the person block marks them publishable),
 * and a person's name as the consent lets this copy print it.  Nothing
 * under an SRC value: every member of it is SRC (form.h).
 */
static bool
shows(const struct lay *l, const struct cval *v)
{
	if (allowed(l, v->class))
		return true;
	if (v->class == CLASS_SRC)
		return false;
	if (case_is_block(v, "person")) {
		const struct cval *nm = case_get(v, "name");
		if (nm && name_line(l, v, nm))
			return true;
	}
	if (v->field->type == FT_RECORD || v->field->type == FT_LIST)
		for (size_t i = 0; i < v->n_kids; i++)
			if (shows(l, v->kids[i]))
				return true;
	return false;
}

/* "Ms. Aida Sadykova", "Mme Aida Sadykova", "陈勇先生": the honorific of
 * the output language when the person's sex is known and the copy shows
 * the full name. */
static const char *
addressed_name(struct lay *l, const struct cval *person, const struct cval *name)
{
	const char *s = person_name(l, person, name);
	const struct cval *sex = case_get(person, "sex");
	if (sex == NULL || !name_allowed(l, person) ||
	    (strcmp(sex->text, "male") != 0 && strcmp(sex->text, "female") != 0))
		return s;
	/* the honorific goes with the Latin name, before the original script */
	const char *key = strcmp(sex->text, "male") == 0 ? "doc.honorific.male" : "doc.honorific.female";
	const char *main, *orig;
	name_parts(l, name, &main, &orig);
	if (*main == '\0') {
		/* a name written in the document's own script only: the
		 * honorific goes with it ("陈光明先生", "г-н Иванов") */
		return orig != NULL && in_document_script(l, orig) ? trf(l, key, 1, &orig) : s;
	}
	return join_name(l, trf(l, key, 1, &main), orig);
}

/*
 * The order in which a list of persons is named: by family name, then
 * given name, as the output language collates them (ICU); persons whose
 * name this copy withholds ("the alleged victim", initials) after them,
 * in the order of the case file, so that the order gives nothing away.
 */
static void
people_order(struct lay *l, const struct cval *list, size_t *order)
{
	size_t n = list->n_kids, named = 0, withheld = 0;
	const char **keys = arena_alloc(l->a, (n + 1) * sizeof *keys);
	size_t *index = arena_alloc(l->a, (n + 1) * sizeof *index);
	size_t *rest = arena_alloc(l->a, (n + 1) * sizeof *rest);
	size_t *sorted = arena_alloc(l->a, (n + 1) * sizeof *sorted);
	for (size_t k = 0; k < n; k++) {
		const struct cval *p = list->kids[k];
		const struct cval *nm = case_get(p, "name"), *g, *f;
		if (nm == NULL || !name_allowed(l, p)) {
			rest[withheld++] = k;
			continue;
		}
		case_name_given_family(nm, &g, &f);
		keys[named] = arena_printf(l->a, "%s %s", f ? f->text : "", g ? g->text : "");
		index[named++] = k;
	}
	(void)intl_collation_order(keys, named, l->o->lang, sorted);
	for (size_t i = 0; i < named; i++)
		order[i] = index[sorted[i]];
	memcpy(order + named, rest, withheld * sizeof *order);
}

static const char *
format_date(struct lay *l, const struct pdate *d)
{
	const char *s = intl_format_date(l->a, d, l->o->lang);
	/* "around" may depend on what the date gives: French and Spanish put
	 * an article before a day ("vers le 1er mars 2026", "vers mars 2026") */
	const char *around[2] = { s, d->day ? "day" : d->month ? "month" : "year" };
	if (d->approximate)
		s = trf(l, "doc.around", 2, around);
	else if (d->uncertain)
		s = trf(l, "doc.uncertain", 1, &s);
	return s;
}

/* The sex of a person ("female", "male", "other", "unknown"; "" when not
 * given). */
static const char *
sex_of(const struct cval *person)
{
	const struct cval *sex = person ? case_get(person, "sex") : NULL;
	return sex && sex->text ? sex->text : "";
}

/*
 * The sex of the person a value is about, for labels that agree with it
 * (catalog select patterns): the person whose fields are being laid out,
 * else the persons of the case (the disappeared person, the detainee, the
 * victims) when they all have the same; "" otherwise (none, or mixed), for
 * which the patterns' `other` case is the grammar's generic form.  The
 * sex is PUB (forms/common.yaml), so a label agreeing with it tells no
 * copy more than its own sex row.
 */
static const char *
subject_sex(const struct lay *l)
{
	if (l->person)
		return sex_of(l->person);
	const struct cval *root = l->cd->root;
	const char *common = NULL;
	for (size_t i = 0; i < root->n_kids; i++) {
		const struct cval *k = root->kids[i];
		bool list = k->field->type == FT_LIST && k->field->item->block &&
		    strcmp(k->field->item->block, "person") == 0;
		if (!list && !case_is_block(k, "person"))
			continue;
		for (size_t j = 0; j < (list ? k->n_kids : 1); j++) {
			const char *s = sex_of(list ? k->kids[j] : k);
			if (common != NULL && strcmp(common, s) != 0)
				return "";
			common = s;
		}
	}
	return common ? common : "";
}

/*
 * A reference by id, as the reader knows the item: an annex by its number
 * and title ("Annex 2 (Photograph of ...)"), a person by the name this
 * copy may show; NULL when the copy may not mention the item (an annex
 * kept to OHCHR).  The id itself is the case file's key, not a fact.
 */
static const char *
format_ref(struct lay *l, const struct cval *v)
{
	const char *lp = v->field->refs[0] == '/' ? v->field->refs + 1 : v->field->refs;
	const struct cval *list = case_path(l->cd->root, lp);
	for (size_t i = 0; list && i < list->n_kids; i++) {
		const struct cval *it = list->kids[i], *id = case_get(it, "id");
		if (id == NULL || strcmp(id->text, v->text) != 0)
			continue;
		if (case_is_block(it, "attachment")) {
			if (!copy_allows_annex(l->g, it))
				return NULL;
			const struct cval *title = case_get(it, "title");
			const char *args[2] = { number(l, (long long)i + 1),
				title ? format_value(l, title) : "" };
			return trf(l, "doc.annex_ref", 2, args);
		}
		const struct cval *nm = case_get(it, "name");
		if (case_is_block(it, "person") && nm)
			return name_line(l, it, nm) ? person_name(l, it, nm) : tr(l, "doc.alleged_victim");
		return v->text;
	}
	return v->text;
}

static const char *
format_value(struct lay *l, const struct cval *v)
{
	const struct form_field *f = v->field;
	switch (f->type) {
	case FT_STRING:
	case FT_TEXT:
		/* in this copy's language, unless one of its languages names
		 * someone the copy withholds (copy_value_allowed) */
		return copy_value_allowed(l->g, v, l->o->lang) ? copy_text_in(l->g, v, l->o->lang, NULL)
		    : tr(l, "doc.withheld");
	case FT_DATE:
	case FT_PDATE:
		return format_date(l, &v->date);
	case FT_BOOL:
		return tr(l, v->flag ? "doc.yes" : "doc.no");
	case FT_TRI:
		return tr(l, v->tri == TRI_YES ? "doc.yes" : v->tri == TRI_NO ? "doc.no" : "doc.unknown");
	case FT_ENUM: {
		/* a label may agree with the sex of the person it is about
		 * ({0, select, female {Détenue} other {Détenu}}) */
		const char *sex = subject_sex(l);
		return trf(l, arena_printf(l->a, "%s.%s", f->label_key, v->text), 1, &sex);
	}
	case FT_COUNTRY: {
		const char *un = countries_name(l->o->countries, v->text, l->o->lang);
		return un ? un : intl_country_name(l->a, v->text, l->o->lang);
	}
	case FT_LANG:
		return lang_name(l, v->text, false);
	case FT_MANDATE: {
		const struct mandate *m = form_mandate(l->fs, v->text);
		return m ? tr(l, m->name_key) : v->text;
	}
	case FT_REF:
		return format_ref(l, v);
	case FT_INT:
		return number(l, v->number);
	case FT_TIME:
	case FT_EMAIL:
		return v->text;
	case FT_RECORD:
		if (f->block && strcmp(f->block, "name") == 0)
			return l->person && case_get(l->person, "name") == v
			    ? person_name(l, l->person, v) : format_name(l, v);
		if (f->block && strcmp(f->block, "place") == 0) {
			/* locality, region, country: one line as an address is
			 * written, with the kind of place; the details (the building,
			 * the facility: "as detailed as possible") on the line above */
			const char *parts[3] = { NULL, NULL, NULL };
			const struct cval *c;
			if ((c = case_get(v, "locality")) && allowed(l, c->class))
				parts[0] = format_value(l, c);
			if ((c = case_get(v, "region")) && allowed(l, c->class))
				parts[1] = format_value(l, c);
			if ((c = case_get(v, "country")) && allowed(l, c->class))
				parts[2] = format_value(l, c);
			const char *s = "";
			for (int i = 0; i < 3; i++)
				if (parts[i])
					s = arena_printf(l->a, "%s%s%s", s,
					    *s ? tr(l, "doc.place_separator") : "", parts[i]);
			if ((c = case_get(v, "place_type")) && allowed(l, c->class)) {
				const char *args[2] = { s, format_value(l, c) };
				s = trf(l, "doc.place_with_type", 2, args);
			}
			if ((c = case_get(v, "details")) && allowed(l, c->class))
				s = arena_printf(l->a, "%s\n%s", one_line(l, format_value(l, c)), s);
			return s;
		}
		return NULL;
	case FT_LIST: {
		struct word_list w = { 0 };
		for (size_t i = 0; i < v->n_kids; i++)
			list_add(l, &w, format_value(l, v->kids[i]));
		return w.s ? w.s : "";
	}
	default:
		return NULL;
	}
}

/*
 * Whether format_value gives a value of field f in words the gate has
 * already passed: the program's own (labels, countries, mandates,
 * languages, dates, numbers), and case texts that format_value puts
 * through copy_value_allowed itself (strings, places of those); not a
 * name (its consent decides, and another person's name may hold a part of
 * it), an e-mail address or a reference.
 */
static bool
gated_in_words(const struct form_field *f)
{
	switch (f->type) {
	case FT_STRING: case FT_TEXT: case FT_DATE: case FT_PDATE: case FT_TIME: case FT_BOOL:
	case FT_TRI: case FT_INT: case FT_ENUM: case FT_COUNTRY: case FT_LANG: case FT_MANDATE:
		return true;
	case FT_RECORD:
		return f->block != NULL && strcmp(f->block, "place") == 0;
	case FT_LIST:
		return gated_in_words(f->item);
	default:
		return false;
	}
}

static bool
is_inline(const struct cval *v)
{
	const struct form_field *f = v->field;
	if (f->type == FT_RECORD)
		return f->block && (strcmp(f->block, "name") == 0 || strcmp(f->block, "place") == 0);
	if (f->type == FT_LIST)
		return f->item->type != FT_RECORD || is_inline(&(struct cval){ .field = f->item });
	return f->type != FT_TEXT;
}

static void render_value(struct lay *l, const struct cval *v, int depth);

/* "Annex 1: title (kind, size, SHA-256 ...)": the recipient can check that
 * what arrived is what was sent. */
static void
annexes(struct lay *l, const struct cval *list, int depth, bool titled)
{
	if (!titled)
		heading(l, tr(l, list->field->label_key), SIZE_LABEL + 1, depth,
		    SIZE_BODY * LEADING * 2);
	for (size_t i = 0; i < list->n_kids && !l->failed; i++) {
		const struct cval *att = list->kids[i];
		if (!copy_allows_annex(l->g, att))
			continue;
		const struct cval *title = case_get(att, "title"), *kind = case_get(att, "kind");
		const char *args[5] = {
			number(l, (long long)i + 1),
			title ? format_value(l, title) : "",
			kind ? format_value(l, kind) : "",
			catalog_format_count(l->o->cat, l->a, "doc.bytes", (long)att->file_size),
			att->sha256 ? att->sha256 : "",
		};
		paragraphs(l, trf(l, "doc.annex", 5, args), depth + 1, false);
	}
}

/*
 * A person's age at the time of the events, derived in words from the date
 * of birth when the case does not state it (rendering.md: derived facts).
 * It is said right after the date of birth it comes from, and only where
 * that date may be shown: the age is derived from it, so a copy without
 * the date of birth must not carry it either.  A stated age_at_event wins
 * (the validator has checked that it agrees with the date of birth).
 */
static void
age_at_event(struct lay *l, const struct cval *person, const struct cval *dob, int depth)
{
	struct pdate event;
	if (!allowed(l, dob->class) || case_get(person, "age_at_event") != NULL ||
	    !case_event_date(l->cd, &event))
		return;
	bool exact;
	int age = intl_age_stated(&dob->date, &event, &exact);
	/* under one year the date of birth itself says more than "aged 0" */
	if (age < 1)
		return;
	paragraphs(l, catalog_format_count(l->o->cat, l->a, exact ? "doc.fact.age_at_event"
	    : "doc.fact.age_at_event_about", age), depth, false);
}

static void
render_members(struct lay *l, const struct cval *rec, int depth, bool in_list)
{
	const struct cval *outer = l->person;
	bool is_person = case_is_block(rec, "person");
	if (is_person)
		l->person = rec;
	for (size_t i = 0; i < rec->n_kids && !l->failed; i++) {
		/* the id of an item of a list is the key references use ("v1"),
		 * not a fact: references print what it stands for (format_ref) */
		if (in_list && strcmp(rec->kids[i]->field->name, "id") == 0 &&
		    rec->kids[i]->field->type == FT_STRING)
			continue;
		render_value(l, rec->kids[i], depth);
		if (is_person && strcmp(rec->kids[i]->field->name, "date_of_birth") == 0)
			age_at_event(l, rec, rec->kids[i], depth);
	}
	l->person = outer;
}

static void
render_value(struct lay *l, const struct cval *v, int depth)
{
	const struct form_field *f = v->field;
	bool own_name = l->person && case_get(l->person, "name") == v;
	if (own_name ? !name_line(l, l->person, v) : !shows(l, v))
		return;
	const char *label = tr(l, f->label_key);
	if (is_inline(v)) {
		const char *s = format_value(l, v);
		/* a name's other names and spellings go with it, where the
		 * copy shows the whole name: aliases are how records in
		 * detention or courts may know the person */
		if (s && *s && f->block && strcmp(f->block, "name") == 0 &&
		    (!own_name || name_allowed(l, l->person)))
			s = with_other_names(l, v, s);
		/* a one-line value may name a person too (an occupation "wife of
		 * ...", a relationship): format_value asks the gate of a case's
		 * text, row() of the rest */
		if (s && *s)
			row(l, label, s, depth, gated_in_words(f));
		return;
	}
	if (f->type == FT_TEXT && f->identity == ID_ADDRESS) {
		/* a postal address keeps its lines, beside its label */
		const char *t = trimmed(l, format_value(l, v));
		if (*t)
			row(l, label, t, depth, true);
		return;
	}
	if (f->type == FT_TEXT) {
		bool original = false;
		const char *s = copy_text_in(l->g, v, l->o->lang, &original);
		heading(l, label, SIZE_LABEL, depth, SIZE_BODY * LEADING * 2);
		/* A translation may write a name in a way the gate cannot
		 * recognise (another script): when the original names someone the
		 * copy withholds, so may the translation, and it is left out
		 * whole.  The original itself is checked paragraph by paragraph. */
		if (!original && strcmp(l->o->lang, l->cd->language) != 0 &&
		    !copy_value_allowed(l->g, v, l->o->lang)) {
			paragraphs(l, tr(l, "doc.withheld"), depth, false);
			return;
		}
		if (original && strcmp(l->cd->language, l->o->lang) != 0) {
			const char *lang = lang_name(l, l->cd->language, true);
			paragraphs(l, trf(l, "doc.original_in", 1, &lang), depth, false);
		}
		paragraphs(l, s, depth, true);
		return;
	}
	if (f->type == FT_RECORD) {
		heading(l, label, SIZE_LABEL + 1, depth, SIZE_BODY * LEADING * 2);
		render_members(l, v, depth + 1, false);
		return;
	}
	if (f->type == FT_LIST && f->item->block && strcmp(f->item->block, "attachment") == 0) {
		annexes(l, v, depth, false);
		return;
	}
	if (f->type == FT_LIST) {
		char key[256];
		snprintf(key, sizeof key, "%s.item", f->label_key);
		bool has_item_label = catalog_pattern(l->o->cat, key) != NULL;
		for (size_t i = 0; i < v->n_kids && !l->failed; i++) {
			if (!shows(l, v->kids[i]))
				continue;
			struct arena item;
			struct arena *outer = scratch_begin(l, &item);
			const char *args[2] = { number(l, (long long)i + 1), label };
			const char *h = trf(l, has_item_label ? key : "doc.item", 2, args);
			heading(l, h, SIZE_LABEL + 1, depth, SIZE_BODY * LEADING * 2);
			render_members(l, v->kids[i], depth + 1, true);
			scratch_end(l, outer);
		}
	}
}

/* ----- page 1 and footers ----- */

static void
small_lines(struct lay *l, const char *text, double size, enum font_style fs)
{
	double w = PAGE_W - 2 * MARGIN;
	const char *p = text;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		struct block b = make_block(l, p, n, style(l, size, fs, l->rtl ? TEXT_RTL : TEXT_LTR), w, false);
		flow_block(l, &b, col_x(l, 0, w));
		p += n + (nl != NULL);
	}
}

static void
addressee_block(struct lay *l)
{
	const struct cval *ad = case_get(l->cd->root, "addressees");
	const struct form *fm = l->cd->form;
	size_t n = ad ? ad->n_kids : fm->n_addressees_fixed;
	for (size_t i = 0; i < n; i++) {
		const char *key = ad ? ad->kids[i]->text : fm->addressees_fixed[i];
		const struct mandate *m = form_mandate(l->fs, key);
		if (m == NULL)
			continue;
		const char *name = tr(l, m->name_key);
		small_lines(l, m->email ? arena_printf(l->a, "%s \xe2\x80\x94 %s", name, m->email)
		    : name, SIZE_LABEL, STYLE_REGULAR);
	}
	if (n == 0)
		small_lines(l, tr(l, "doc.addressees_none"), SIZE_LABEL, STYLE_ITALIC);
	/* A case that fears reprisals copies OHCHR's reprisals address
	 * (mandates.yaml `reprisals:`).  The fear is the source's confidential
	 * answer (reprisal_concern is SRC): only a copy that may show it says so. */
	const struct cval *feared = case_path(l->cd->root, "reprisal_concern.feared");
	if (feared != NULL && feared->flag && allowed(l, feared->class) && l->fs->reprisals.email != NULL) {
		const char *arg[1] = { l->fs->reprisals.email };
		small_lines(l, trf(l, "doc.cc_reprisals", 1, arg), SIZE_LABEL, STYLE_REGULAR);
	}
	small_lines(l, tr(l, "doc.addressee_block"), SIZE_LABEL, STYLE_REGULAR);
	l->y -= 8;
}

/* ----- values in words: the summary box and the triage banners ----- */

/* The value at a dotted path from the root (a leading '/' allowed),
 * through the first item of the lists on the way; NULL if absent. */
static const struct cval *
value_at(const struct cval *root, const char *path)
{
	const struct cval *c = root;
	char part[128];
	if (*path == '/')
		path++;
	while (c != NULL && *path) {
		while (c != NULL && c->field->type == FT_LIST)
			c = c->n_kids ? c->kids[0] : NULL;
		const char *dot = strchr(path, '.');
		size_t n = dot ? (size_t)(dot - path) : strlen(path);
		if (c == NULL || n >= sizeof part)
			return NULL;
		memcpy(part, path, n);
		part[n] = '\0';
		c = case_get(c, part);
		path += n + (dot != NULL);
	}
	return c;
}

/* The first date at a dotted path (through the first item of lists). */
static const struct pdate *
date_at(const struct cval *root, const char *path)
{
	const struct cval *c = value_at(root, path);
	return c && (c->field->type == FT_DATE || c->field->type == FT_PDATE) ? &c->date : NULL;
}

/* The time from the date at path `from` to the one at `to` (NULL: the
 * submission's date) in words, or NULL when there is none to state.
 * gated: NULL also when this copy may not show either date. */
static const char *
duration_words(struct lay *l, const char *from, const char *to, bool gated)
{
	const struct cval *fv = value_at(l->cd->root, from);
	const struct cval *tv = to ? value_at(l->cd->root, to) : NULL;
	const struct pdate *fd = date_at(l->cd->root, from);
	const struct pdate *td = to ? date_at(l->cd->root, to) : NULL;
	if (fd == NULL || (gated && (!allowed(l, fv->class) || (tv && !allowed(l, tv->class)))))
		return NULL;
	struct intl_span sp;
	if (!intl_date_span(fd, td ? td : &l->cd->date, &sp))
		return NULL;
	return catalog_format_duration(l->o->cat, l->a, sp.years, sp.months, sp.days,
	    sp.approximate);
}

/* Whether this copy may show every value cond reads: a banner whose
 * condition reads a value the copy withholds would tell it. */
static bool
cond_shown(const struct lay *l, const struct cond *c)
{
	if (c == NULL)
		return true;
	for (size_t i = 0; i < c->n_subs; i++)
		if (!cond_shown(l, c->subs[i]))
			return false;
	const struct cval *v = c->path ? value_at(l->cd->root, c->path) : NULL;
	return v == NULL || allowed(l, v->class);
}

/* A value of the summary box as the copy may show it: a person by the
 * name the copy gives, a list of persons by their names (the language's
 * collation), a text by its first paragraph, anything else as the body
 * prints it. */
static const char *
value_words(struct lay *l, const struct cval *v)
{
	if (case_is_block(v, "person")) {
		const struct cval *nm = case_get(v, "name");
		return nm && name_line(l, v, nm) ? addressed_name(l, v, nm) : NULL;
	}
	if (v->field->type == FT_LIST && v->n_kids > 0 && v->kids[0]->field->type == FT_RECORD) {
		size_t *order = arena_alloc(l->a, v->n_kids * sizeof *order);
		people_order(l, v, order);
		struct word_list names = { 0 };
		for (size_t k = 0; k < v->n_kids; k++) {
			const struct cval *p = v->kids[order[k]];
			const struct cval *nm = case_get(p, "name");
			if (nm && name_line(l, p, nm))
				list_add(l, &names, addressed_name(l, p, nm));
		}
		return names.s ? names.s : "";
	}
	const char *s = format_value(l, v);
	if (s != NULL && v->field->type == FT_TEXT) {
		/* one paragraph only: the first of a narrative */
		const char *cut = strstr(s, "\n\n");
		s = one_line(l, cut ? arena_strndup(l->a, s, (size_t)(cut - s)) : s);
	}
	return s;
}

/*
 * A value in words (form.h, struct form_value) as this copy may show it,
 * or NULL when it gives nothing: absent, withheld from the copy (its own
 * class, or a value its condition, count or duration reads), or a pattern
 * one of whose arguments gives nothing.
 */
static const char *
words(struct lay *l, const struct form_value *fv)
{
	const struct cval *v;
	switch (fv->kind) {
	case FV_PATH:
		v = value_at(l->cd->root, fv->path);
		return v && shows(l, v) ? value_words(l, v) : NULL;
	case FV_RAW:
		v = value_at(l->cd->root, fv->path);
		if (v == NULL || !allowed(l, v->class))
			return NULL;
		if (v->field->type == FT_BOOL)
			return v->flag ? "true" : "false";
		return v->text;
	case FV_FIRST:
		for (size_t i = 0; i < fv->n_args; i++) {
			const char *s = words(l, fv->args[i]);
			if (s && *s)
				return s;
		}
		return NULL;
	case FV_TEXT:
		break;
	}
	if (fv->when && (!cond_shown(l, fv->when) ||
	    !cond_eval(fv->when, l->cd->root->node, l->cd->root->node)))
		return NULL;
	if (fv->count) {
		v = value_at(l->cd->root, fv->count);
		if (v == NULL || v->field->type != FT_INT || !allowed(l, v->class))
			return NULL;
		return catalog_format_count(l->o->cat, l->a, fv->text_key, (long)v->number);
	}
	const char *args[6];
	size_t n = 0;
	if (fv->from && (args[n++] = duration_words(l, fv->from, fv->to, true)) == NULL)
		return NULL;
	for (size_t i = 0; i < fv->n_args && n < sizeof args / sizeof *args; i++) {
		const char *s = words(l, fv->args[i]);
		if (s == NULL || *s == '\0')
			return NULL;
		args[n++] = s;
	}
	return trf(l, fv->text_key, n, args);
}

/* Whether words(fv) is in words the gate has already passed
 * (gated_in_words): every value it gives, in the branch it takes. */
static bool
words_gated(struct lay *l, const struct form_value *fv)
{
	const struct cval *v;
	switch (fv->kind) {
	case FV_PATH:
		v = value_at(l->cd->root, fv->path);
		return v != NULL && !case_is_block(v, "person") && gated_in_words(v->field);
	case FV_RAW:
		return false;
	case FV_FIRST:
		for (size_t i = 0; i < fv->n_args; i++) {
			const char *s = words(l, fv->args[i]);
			if (s && *s)
				return words_gated(l, fv->args[i]);
		}
		return true;
	case FV_TEXT:
		break;
	}
	for (size_t i = 0; i < fv->n_args; i++)
		if (!words_gated(l, fv->args[i]))
			return false;
	return true;
}

static void
summary_box(struct lay *l)
{
	static const char *const keys[4] = { "doc.summary.who", "doc.summary.what",
		"doc.summary.where", "doc.summary.when" };
	const struct form *fm = l->cd->form;
	double top = l->y + 2;
	bool any = false;
	l->y -= 4;
	for (int i = 0; i < 4; i++) {
		const char *s = fm->summary[i] ? words(l, fm->summary[i]) : NULL;
		if (s == NULL || *s == '\0')
			continue;
		/* as far from the frame as the labels */
		row_inset(l, tr(l, keys[i]), s, 1, INDENT, words_gated(l, fm->summary[i]));
		any = true;
	}
	if (any) {
		l->y -= 2;
		display_rect(l->page, l->a, MARGIN, l->y, PAGE_W - MARGIN, top, 0.6, 1.0);
		l->y -= 10;
	} else {
		l->y = top - 2;
	}
}

/* The States a case concerns, in words: every item of `states_concerned`
 * when the form has it, else the country of the place of the summary's
 * "where" (one list item, one place); NULL when there is none. */
static const char *
states_words(struct lay *l)
{
	const struct cval *st = case_get(l->cd->root, "states_concerned");
	struct word_list states = { 0 };
	for (size_t i = 0; st != NULL && i < st->n_kids; i++)
		if (allowed(l, st->kids[i]->class))
			list_add(l, &states, format_value(l, st->kids[i]));
	const char *out = states.s;
	const struct form_value *where = l->cd->form->summary[2];
	if (out == NULL && where != NULL && where->kind == FV_PATH) {
		const struct cval *pl = value_at(l->cd->root, where->path);
		const struct cval *c = pl ? case_get(pl, "country") : NULL;
		if (c != NULL && c->field->type == FT_COUNTRY && allowed(l, c->class))
			out = format_value(l, c);
	}
	return out;
}

bool
layout_summary(const struct case_data *cd, const struct form_set *fs,
    const struct layout_options *o, struct arena *a, struct layout_summary *out)
{
	struct lay l = { .o = o, .cd = cd, .fs = fs, .a = a };
	l.g = o->gate ? o->gate : copy_gate_new(cd, o->copy, a);
	const struct form *fm = cd->form;
	for (int i = 0; i < 4; i++)
		out->line[i] = fm->summary[i] ? words(&l, fm->summary[i]) : NULL;
	out->title = tr(&l, fm->title_key);
	out->case_id = copy_case_id(l.g);
	out->states = states_words(&l);
	/* the kind of communication: what sp-general's source asks for, else
	 * the form's own (a WGAD or WGEID communication) */
	const struct cval *rt = case_path(cd->root, "communication.requested_type");
	out->kind = rt && allowed(&l, rt->class) ? format_value(&l, rt) : out->title;
	/* the subject's parts, from the form: urgency is form knowledge */
	out->n_subject = 0;
	for (size_t i = 0; i < fm->n_subject && out->n_subject < LAYOUT_SUBJECT_PARTS; i++) {
		const char *s = words(&l, fm->subject[i]);
		if (s != NULL && *s != '\0')
			out->subject[out->n_subject++] = s;
	}
	if (fm->n_subject == 0)
		out->subject[out->n_subject++] = out->kind;
	/* what the source asks the mandates to do, when the form asks it
	 * (sp-general's action_requested): its first paragraph */
	const struct cval *act = case_get(cd->root, "action_requested");
	out->action = act && shows(&l, act) ? value_words(&l, act) : NULL;
	return true;
}

/* Lines of a text a banner quotes before it says where the text goes on. */
#define QUOTE_LINES 6

/* Where the top-level field of path is printed: "continued in section 4"
 * (numbered forms) or "continued under “Request for urgent action”". */
static const char *
continued_in(struct lay *l, const char *path)
{
	const struct form *fm = l->cd->form;
	if (*path == '/')
		path++;
	size_t n = strcspn(path, ".");
	for (size_t s = 0; s < fm->n_sections; s++)
		for (size_t i = 0; i < fm->sections[s].n_fields; i++) {
			const char *f = fm->sections[s].fields[i];
			if (strlen(f) != n || strncmp(f, path, n) != 0)
				continue;
			char num[32];
			snprintf(num, sizeof num, "%zu", s + 1);
			const char *arg = fm->numbered ? num : tr(l, fm->sections[s].title_key);
			return trf(l, fm->numbered ? "doc.triage.continued_section"
			    : "doc.triage.continued_under", 1, &arg);
		}
	return NULL;
}

/* The longest start of paragraph p[0..n) that ends a sentence (or, when
 * the first sentence is itself too long, a word, with an ellipsis) and
 * takes at most max_lines lines of width w; NULL when not even a word
 * fits. */
static const char *
excerpt(struct lay *l, const char *p, size_t n, size_t max_lines, struct text_style st, double w)
{
	const char *best = NULL;
	for (size_t i = 0; i < n; i++) {
		/* a sentence ends after . ! ? and a space, or after 。！？ */
		bool end = ((p[i] == '.' || p[i] == '!' || p[i] == '?') && p[i + 1] == ' ') ||
		    (i + 3 <= n && (memcmp(p + i, "\xe3\x80\x82", 3) == 0 ||
		    memcmp(p + i, "\xef\xbc\x81", 3) == 0 || memcmp(p + i, "\xef\xbc\x9f", 3) == 0));
		if (!end)
			continue;
		size_t m = p[i] == '.' || p[i] == '!' || p[i] == '?' ? i + 1 : i + 3;
		struct block b = make_block(l, p, m, st, w, false);
		if (b.n_lines > max_lines)
			break;
		best = arena_strndup(l->a, p, m);
	}
	if (best != NULL || l->failed)
		return best;
	/* the first sentence alone is too long: whole words, then "…" */
	for (size_t i = 0; i < n; i++) {
		if (p[i] != ' ')
			continue;
		const char *s = arena_printf(l->a, "%.*s\xe2\x80\xa6", (int)i, p);
		struct block b = make_block(l, s, strlen(s), st, w, false);
		if (b.n_lines > max_lines)
			break;
		best = s;
	}
	return best;
}

/*
 * A text a banner quotes: its label, then its paragraphs as long as they
 * take at most QUOTE_LINES lines, the last one cut at a sentence, and
 * where the text continues when it is not whole.  The gate decides as in
 * the body: a translation that may name someone the copy withholds, or a
 * paragraph that does, gives the withheld note in its place.
 */
static void
quote(struct lay *l, const char *path, double indent, double w)
{
	const struct cval *v = value_at(l->cd->root, path);
	if (v == NULL || v->field->type != FT_TEXT || !shows(l, v))
		return;
	bool original = false;
	const char *text = copy_text_in(l->g, v, l->o->lang, &original);
	/* a translation is withheld whole when its original names someone
	 * the copy withholds (as in the body); the original is read
	 * paragraph by paragraph below */
	bool from_case = true;
	if (!original && strcmp(l->o->lang, l->cd->language) != 0 &&
	    !copy_value_allowed(l->g, v, l->o->lang)) {
		text = tr(l, "doc.withheld");
		from_case = false;
	}
	enum text_dir dir = l->rtl ? TEXT_RTL : TEXT_LTR;
	struct block lb = make_block(l, tr(l, v->field->label_key),
	    strlen(tr(l, v->field->label_key)), style(l, SIZE_LABEL, STYLE_BOLD, dir), w, false);
	flow_block(l, &lb, col_x(l, indent, w));
	struct text_style st = style(l, SIZE_BODY, STYLE_REGULAR, TEXT_AUTO);
	size_t used = 0;
	bool whole = true;
	const char *p = text;
	char *para;
	while (!l->failed && (para = case_next_paragraph(l->a, &p)) != NULL) {
		const char *shown = from_case ? printable_case_text(l, para) : printable_text(l, para);
		bool printable = shown != NULL;
		if (!printable)
			shown = tr(l, "doc.withheld");
		struct block b = make_block(l, shown, strlen(shown), st, w, false);
		if (used + b.n_lines > QUOTE_LINES) {
			whole = false;
			shown = used < QUOTE_LINES && printable
			    ? excerpt(l, shown, strlen(shown), QUOTE_LINES - used, st, w) : NULL;
			if (shown == NULL || !text_ok(l, shown))
				break;
			b = make_block(l, shown, strlen(shown), st, w, false);
		}
		flow_block(l, &b, col_x(l, indent, w));
		used += b.n_lines;
		if (!whole)
			break;
	}
	const char *more = whole ? NULL : continued_in(l, path);
	if (more) {
		struct block mb = make_block(l, more, strlen(more),
		    style(l, SIZE_LABEL, STYLE_ITALIC, dir), w, false);
		flow_block(l, &mb, col_x(l, indent, w));
	}
	l->y -= 3;
}

/*
 * A triage banner of page 1 (form-language.md, "Triage banners"): when
 * its line gives something in this copy (its condition holds and reads
 * only values the copy shows, its arguments are shown), the line in bold
 * and the texts it quotes, framed.
 */
static void
triage_banner(struct lay *l, const struct form_triage *t)
{
	const char *line = words(l, t->line);
	if (line == NULL || *line == '\0')
		return;
	if (!text_ok(l, line))
		line = tr(l, "doc.withheld");
	double w = PAGE_W - 2 * MARGIN - 16;
	double top = l->y;
	struct display_page *page = l->page;
	l->y -= 6;
	struct block b = make_block(l, line, strlen(line),
	    style(l, SIZE_BODY + 1, STYLE_BOLD, l->rtl ? TEXT_RTL : TEXT_LTR), w, false);
	flow_block(l, &b, col_x(l, 8, w));
	l->y -= 3;
	for (size_t i = 0; i < t->n_quote && !l->failed; i++)
		quote(l, t->quote[i], 8, w);
	l->y -= 3;
	/* a frame only around what stayed on one page */
	if (l->page == page)
		display_rect(l->page, l->a, MARGIN, l->y, PAGE_W - MARGIN, top, 1.2, 1.0);
	l->y -= 8;
}

/* The label of each narrative of the case that this copy shows and that
 * has no text in the output language, once each, joined as a list. */
static void
untranslated(struct lay *l, const struct cval *v, const char **labels, size_t *n, size_t cap)
{
	if (!shows(l, v))
		return;
	if (v->field->type == FT_TEXT && v->field->translatable && allowed(l, v->class)) {
		bool original = false;
		(void)copy_text_in(l->g, v, l->o->lang, &original);
		const char *label = tr(l, v->field->label_key);
		for (size_t i = 0; i < *n; i++)
			if (strcmp(labels[i], label) == 0)
				return;
		if (original && *n < cap)
			labels[(*n)++] = label;
		return;
	}
	for (size_t i = 0; i < v->n_kids; i++)
		untranslated(l, v->kids[i], labels, n, cap);
}

/*
 * A rendering in another language than the case's is an unofficial
 * translation: page 1 says so, in which language the submission was
 * written, and which narratives are still in that language (those with
 * no translation in this one).
 */
static void
translation_notice(struct lay *l)
{
	const struct case_data *cd = l->cd;
	if (strcmp(l->o->lang, cd->language) == 0)
		return;
	const char *args[2] = { lang_name(l, cd->language, true), NULL };
	small_lines(l, trf(l, "doc.translation.notice", 1, args), SIZE_LABEL, STYLE_BOLD);
	const char *labels[64];
	size_t n = 0;
	untranslated(l, cd->root, labels, &n, sizeof labels / sizeof *labels);
	if (n > 0) {
		struct word_list list = { 0 };
		for (size_t i = 0; i < n; i++)
			list_add(l, &list, labels[i]);
		args[1] = list.s ? list.s : "";
		small_lines(l, trf(l, "doc.translation.untranslated", 2, args), SIZE_LABEL,
		    STYLE_REGULAR);
	}
	l->y -= 4;
}

static const char *
copy_marking(struct lay *l)
{
	switch (copy_gate_kind(l->g)) {
	case COPY_GOVERNMENT: return tr(l, "doc.copy.government");
	case COPY_PUBLIC: return tr(l, "doc.copy.public");
	default: return tr(l, "doc.copy.full");
	}
}

static void
first_page(struct lay *l)
{
	const struct case_data *cd = l->cd;
	addressee_block(l);
	double w = PAGE_W - 2 * MARGIN;
	struct block t = make_block(l, tr(l, cd->form->title_key), strlen(tr(l, cd->form->title_key)),
	    style(l, SIZE_TITLE, STYLE_BOLD, l->rtl ? TEXT_RTL : TEXT_LTR), w, false);
	flow_block(l, &t, col_x(l, 0, w));
	l->y -= 4;
	if (cd->form->banner) {
		const struct cval *b = case_path(cd->root, cd->form->banner);
		const char *s = b && allowed(l, b->class) ? format_value(l, b) : NULL;
		if (s && !text_ok(l, s))
			s = tr(l, "doc.withheld");
		if (s) {
			struct block bb = make_block(l, s, strlen(s),
			    style(l, SIZE_SECTION, STYLE_BOLD, l->rtl ? TEXT_RTL : TEXT_LTR), w - 12, false);
			double h = block_height(&bb) + 8;
			display_rect(l->page, l->a, MARGIN, l->y - h, PAGE_W - MARGIN, l->y, 0, 0.88);
			l->y -= 4;
			flow_block(l, &bb, col_x(l, 6, w - 12));
			l->y -= 8;
		}
	}
	for (size_t i = 0; i < cd->form->n_triage && !l->failed; i++)
		triage_banner(l, &cd->form->triage[i]);
	translation_notice(l);
	/* date prepared, case id, language, copy: label/value rows */
	row(l, tr(l, "doc.date_prepared"), format_date(l, &cd->date), 0, true);
	row(l, tr(l, "doc.case_id"), copy_case_id(l->g), 0, true);
	row(l, tr(l, "doc.language"), lang_name(l, cd->language, false), 0, true);
	heading(l, copy_marking(l), SIZE_LABEL + 1, 0, 0);
	l->y -= 6;
	struct arena scratch;
	struct arena *outer = scratch_begin(l, &scratch);
	summary_box(l);
	scratch_end(l, outer);
}

static void
footers(struct lay *l)
{
	const char *total = number(l, (long long)l->d->n_pages);
	double w = PAGE_W - 2 * MARGIN;
	for (size_t i = 0; i < l->d->n_pages; i++) {
		struct arena scratch;
		struct arena *outer = scratch_begin(l, &scratch);
		const char *args[2] = { number(l, (long long)i + 1), total };
		const char *right = trf(l, "doc.page", 2, args);
		struct text_style st = style(l, SIZE_SMALL, STYLE_REGULAR, l->rtl ? TEXT_RTL : TEXT_LTR);
		struct block b = make_block(l, right, strlen(right), st, w * 0.3, false);
		/* the case id and the copy's marking, beside the page number: on
		 * one line when they fit, else each on its own, and every line of
		 * them, so that neither is cut ("confidential, for OHCHR only" in
		 * a long language, a 64-character id) */
		double lw = w - (b.n_lines > 0 ? b.lines[0].width : 0) - FOOTER_GAP;
		const char *id = copy_case_id(l->g), *mark = copy_marking(l);
		const char *left = arena_printf(l->a, "%s \xc2\xb7 %s", id, mark);
		struct block a[2];
		size_t n_a = 1;
		a[0] = make_block(l, left, strlen(left), st, lw, false);
		if (a[0].n_lines > 1) {
			a[0] = make_block(l, id, strlen(id), st, lw, false);
			a[1] = make_block(l, mark, strlen(mark), st, lw, false);
			n_a = 2;
		}
		struct display_page *pg = &l->d->pages[i];
		display_rule(pg, l->a, MARGIN, FOOTER_BASELINE + 12, PAGE_W - MARGIN,
		    FOOTER_BASELINE + 12, 0.4, 0.5);
		struct display_page *keep = l->page;
		l->page = pg;
		double y = FOOTER_BASELINE;
		for (size_t k = 0; k < n_a; k++)
			for (size_t j = 0; j < a[k].n_lines; j++) {
				place_line(l, &a[k], j, col_x(l, 0, lw), y);
				y = fmax(y - SIZE_SMALL * FOOTER_LEADING, FOOTER_LOWEST);
			}
		if (b.n_lines > 0) {
			/* the page number sits at the outer edge */
			struct text_line *ln = &b.lines[0];
			double x = l->rtl ? MARGIN : PAGE_W - MARGIN - ln->width;
			for (size_t r = 0; r < ln->n_runs; r++)
				display_glyphs(pg, l->a, x + ln->runs[r].x, FOOTER_BASELINE,
				    ln->runs[r].face, SIZE_SMALL, ln->runs[r].text, ln->runs[r].len,
				    ln->runs[r].glyphs, ln->runs[r].n_glyphs, ln->runs[r].plain);
		}
		l->page = keep;
		scratch_end(l, outer);
	}
}

/* The form's facts for section id, in words. */
static void
facts(struct lay *l, const char *section)
{
	const struct form *fm = l->cd->form;
	for (size_t i = 0; i < fm->n_facts && !l->failed; i++) {
		const struct form_fact *fa = &fm->facts[i];
		if (strcmp(fa->section, section) != 0)
			continue;
		if (fa->when && !cond_eval(fa->when, l->cd->root->node, l->cd->root->node))
			continue;
		const char *s;
		if (fa->from) {
			const char *d = duration_words(l, fa->from, fa->to, false);
			if (d == NULL)
				continue;
			s = trf(l, fa->text_key, 1, &d);
		} else {
			s = tr(l, fa->text_key);
		}
		paragraphs(l, s, 0, false);
	}
}

const char *
layout_copy_suffix(enum copy_kind c)
{
	return c == COPY_GOVERNMENT ? "government" : c == COPY_PUBLIC ? "public" : "";
}

struct display *
layout_case(const struct case_data *cd, const struct form_set *fs,
    const struct layout_options *o, struct text_ctx *tc, struct arena *a,
    char *err, size_t errlen)
{
	struct lay l = { .o = o, .cd = cd, .fs = fs, .tc = tc, .a = a, .err = err,
		.errlen = errlen };
	l.g = o->gate ? o->gate : copy_gate_new(cd, o->copy, a);
	l.rtl = strcmp(o->lang, "ar") == 0;
	l.d = display_new(a, PAGE_W, PAGE_H);
	l.d->lang = o->lang;
	l.d->creation_time = o->creation_time;
	const char *title = tr(&l, cd->form->title_key);
	l.d->title = arena_printf(a, "%s \xe2\x80\x94 %s", title, copy_case_id(l.g));
	l.d->subject = copy_marking(&l);
	l.d->keywords = cd->form->key;
	new_page(&l);
	first_page(&l);

	for (size_t s = 0; s < cd->form->n_sections && !l.failed; s++) {
		const struct form_section *sec = &cd->form->sections[s];
		/* a section with nothing this copy may show is left out, but
		 * keeps its number so the UN's numbering stays intact */
		bool any = false;
		for (size_t i = 0; i < sec->n_fields; i++) {
			const struct cval *v = case_get(cd->root, sec->fields[i]);
			any |= v != NULL && shows(&l, v);
		}
		if (!any)
			continue;
		char num[32];
		snprintf(num, sizeof num, "%zu", s + 1);
		const char *t = tr(&l, sec->title_key);
		const char *h = cd->form->numbered ? arena_printf(a, "%s. %s", num, t) : t;
		l.y -= 6;
		heading(&l, h, SIZE_SECTION, 0, SIZE_BODY * LEADING * 3);
		display_outline_add(l.d, h, l.d->n_pages - 1, l.y + SIZE_SECTION * LEADING + 4, 0);
		display_rule(l.page, a, MARGIN, l.y + 1, PAGE_W - MARGIN, l.y + 1, 0.5, 0.3);
		l.y -= 4;
		for (size_t i = 0; i < sec->n_fields && !l.failed; i++) {
			const struct cval *v = case_get(cd->root, sec->fields[i]);
			if (v == NULL)
				continue;
			/* a record or an annex list that opens its section is
			 * titled by the section */
			bool is_annexes = v->field->type == FT_LIST && v->field->item->block &&
			    strcmp(v->field->item->block, "attachment") == 0;
			if (i == 0 && v->field->type == FT_RECORD && !is_inline(v) && shows(&l, v))
				render_members(&l, v, 0, false);
			else if (i == 0 && is_annexes && allowed(&l, v->class))
				annexes(&l, v, 0, true);
			else
				render_value(&l, v, 0);
		}
		if (sec->id)
			facts(&l, sec->id);
	}
	if (l.failed)
		return NULL;
	footers(&l);
	return l.d;
}
