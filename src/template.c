/*
 * template.c - `spcomm new FORM`: a commented case-file template written
 * from the form model alone (template.h), so that it changes when a form
 * file changes and never says something the validator does not.
 *
 * Layout of the template: the header fields (spcomm, form, id, language,
 * date: those no section lists), then the form's sections in the UN's
 * order, each headed by its title.  Within the header, each section and
 * each record, required fields come first, then conditionally required,
 * recommended and optional ones.  Every field is preceded by its label,
 * its help text, whether it is needed, who may see it (where that changes)
 * and, for enumerations, the allowed values with their labels.
 *
 * Required and conditionally required fields are written out with a
 * placeholder that `spcomm check` rejects until it is replaced: a
 * description in angle brackets where the type has a syntax ("<date
 * YYYY-MM-DD>" is no date), and an empty string "" where any text would
 * be accepted (a string or text field would take "<name>" as a name).
 * Recommended and optional fields are written commented out, so that the
 * file is valid once the placeholders are filled; uncommenting a block
 * (removing one "# " from each of its lines) gives a valid block again,
 * with its own optional members still commented.
 */
#include "template.h"

#include <string.h>

#include "arena.h"
#include "cond.h"

/* Comments are wrapped at this column (for a terminal-sized
 * template), but never narrower than MIN_TEXT columns of text, so that a
 * deeply nested field still gets readable lines. */
#define WRAP_COLUMN 78
#define MIN_TEXT 36
/* Deeper records than this do not exist in the forms; the bound keeps a
 * cycle in a broken form model from recursing forever. */
#define MAX_DEPTH 12

enum rank { RANK_REQUIRED, RANK_REQUIRED_IF, RANK_RECOMMENDED, RANK_OPTIONAL };

struct tw {
	const struct form *form;
	const struct form_set *fs;
	const struct catalog *cat;
	FILE *out;
	struct arena a;
};

/* ----- output ----- */

/* Display columns of a UTF-8 string: CJK and other wide characters take
 * two columns in a terminal, combining marks none (roughly: enough to
 * wrap Chinese and Russian help texts sensibly). */
static size_t
columns(const char *s, size_t len)
{
	size_t w = 0;
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)s[i];
		unsigned cp;
		size_t n;
		if (c < 0x80) {
			cp = c;
			n = 1;
		} else if ((c & 0xE0) == 0xC0) {
			cp = c & 0x1F;
			n = 2;
		} else if ((c & 0xF0) == 0xE0) {
			cp = c & 0x0F;
			n = 3;
		} else {
			cp = c & 0x07;
			n = 4;
		}
		for (size_t k = 1; k < n && i + k < len; k++)
			cp = (cp << 6) | ((unsigned char)s[i + k] & 0x3F);
		i += n;
		if (cp >= 0x300 && cp < 0x370)
			continue;
		w += (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
		    (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
		    (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
		    (cp >= 0xFFE0 && cp <= 0xFFE6) ? 2 : 1;
	}
	return w;
}

/* Length in bytes of the UTF-8 sequence starting with byte c. */
static size_t
seq_len(unsigned char c)
{
	return c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
}

/* A line: the comment prefix of the enclosing commented-out fields, the
 * indentation, the text.  Trailing blanks are never written. */
static void
line(struct tw *w, const char *pfx, int indent, const char *text)
{
	if (*text == '\0') {
		size_t n = strlen(pfx);
		while (n > 0 && pfx[n - 1] == ' ')
			n--;
		fprintf(w->out, "%.*s\n", (int)n, pfx);
		return;
	}
	fprintf(w->out, "%s%*s%s\n", pfx, indent, "", text);
}

/*
 * Write text as comment lines "# ..." at pfx + indent, wrapped at
 * WRAP_COLUMN.  Words longer than a line (Chinese has no spaces) are cut
 * between characters.  cont is the indentation of continuation lines
 * within the comment (for value lists).
 */
static void
comment(struct tw *w, const char *pfx, int indent, const char *text, int cont)
{
	size_t lead = columns(pfx, strlen(pfx)) + (size_t)indent + 2;
	size_t width = lead + MIN_TEXT > WRAP_COLUMN ? MIN_TEXT : WRAP_COLUMN - lead;
	const char *p = text;
	bool first = true;
	while (*p) {
		/* one output line: as many words as fit */
		size_t pad = first ? 0 : (size_t)cont;
		size_t used = pad, end = 0, last_break = 0;
		const char *s = p;
		while (*s == ' ')
			s++;
		size_t i = 0;
		while (s[i] && s[i] != '\n') {
			size_t n = seq_len((unsigned char)s[i]);
			size_t cw = columns(s + i, n);
			if (used + cw > width && i > 0)
				break;
			used += cw;
			i += n;
			if (s[i] == ' ' || s[i] == '\0' || s[i] == '\n')
				last_break = i;
		}
		if (s[i] == '\0' || s[i] == '\n' || last_break == 0)
			end = i;
		else
			end = last_break;
		char *buf = arena_printf(&w->a, "# %*s%.*s", (int)pad, "", (int)end, s);
		line(w, pfx, indent, buf);
		p = s + end;
		while (*p == ' ')
			p++;
		if (*p == '\n')
			p++;
		first = false;
	}
}

/* ----- words from the model ----- */

static const char *
text_of(struct tw *w, const char *key)
{
	if (key == NULL || catalog_pattern(w->cat, key) == NULL)
		return NULL;
	return catalog_text(w->cat, &w->a, key);
}

static const char *
sub_text(struct tw *w, const char *key, const char *suffix)
{
	if (key == NULL)
		return NULL;
	return text_of(w, arena_printf(&w->a, "%s.%s", key, suffix));
}

/* A path as the user reads it: root paths without their "/". */
static const char *
path_words(const char *path)
{
	return path[0] == '/' ? path + 1 : path;
}

static const char *
values_words(struct tw *w, const char *const *v, size_t n, const char *conj)
{
	char *s = arena_printf(&w->a, "%s", n ? v[0] : "");
	for (size_t i = 1; i < n; i++)
		s = arena_printf(&w->a, "%s%s%s", s, i + 1 == n ? conj : ", ", v[i]);
	return s;
}

static const char *
cond_words(struct tw *w, const struct cond *c)
{
	return cond_describe(&w->a, c);
}

static bool
in_list(const char *name, const char **list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i], name) == 0)
			return true;
	return false;
}

/* A scalar member named by the record's one_of_required counts as
 * conditionally required: at least one of them must be written, and the
 * user deletes the others.  A record among them (a name's `original`)
 * stays optional, or every Latin name would carry an empty original. */
static bool
one_of(const struct form_field *rec, const struct form_field *m)
{
	return rec != NULL && m->type != FT_RECORD && m->type != FT_LIST &&
	    in_list(m->name, rec->one_of_required, rec->n_one_of_required);
}

/*
 * The value of a condition that depends only on the form (1 true, 0
 * false), or -1.  The common blocks ask things of one form only
 * ({field: /form, is: wgeid}); in a template for another form that
 * field is simply optional, and "required if form is wgeid" would only
 * puzzle the reader.
 */
static int
form_cond(const struct cond *c, const char *form)
{
	switch (c->kind) {
	case COND_TRUE:
		return 1;
	case COND_IS:
	case COND_IN:
	case COND_NOT_IN:
		if (strcmp(c->path, "/form") != 0)
			return -1;
		return in_list(form, c->values, c->n_values) == (c->kind != COND_NOT_IN);
	case COND_NOT: {
		int v = c->n_subs ? form_cond(c->subs[0], form) : -1;
		return v < 0 ? -1 : !v;
	}
	case COND_ALL:
	case COND_ANY: {
		bool all = c->kind == COND_ALL, unknown = false;
		for (size_t i = 0; i < c->n_subs; i++) {
			int v = form_cond(c->subs[i], form);
			if (v < 0)
				unknown = true;
			else if (v != all)
				return v;
		}
		return unknown ? -1 : all;
	}
	case COND_PRESENT:
	case COND_RECENT:
	case COND_EVERY:
	case COND_SOME:
		break;
	}
	return -1;
}

/* The field's required or recommended condition as it applies in this
 * form: NULL when the form rules it out, a true condition when the form
 * alone makes it hold. */
static const struct cond *
in_form(const struct cond *c, const char *form)
{
	static const struct cond always = { .kind = COND_TRUE };
	if (c == NULL)
		return NULL;
	int v = form_cond(c, form);
	return v == 0 ? NULL : v == 1 ? &always : c;
}

static enum rank
rank_of(const char *form, const struct form_field *rec, const struct form_field *m)
{
	const struct cond *req = in_form(m->required, form);
	if (req)
		return req->kind == COND_TRUE ? RANK_REQUIRED : RANK_REQUIRED_IF;
	if (one_of(rec, m))
		return RANK_REQUIRED_IF;
	if (in_form(m->recommended, form) || (rec != NULL &&
	    in_list(m->name, rec->one_of_recommended, rec->n_one_of_recommended)))
		return RANK_RECOMMENDED;
	return RANK_OPTIONAL;
}

static const char *
class_words(enum disclosure c)
{
	return c == CLASS_SRC ? "Confidential to OHCHR (SRC): only in the full copy."
	    : c == CLASS_GOV ? "May go to the Government (GOV)."
	    : "May be public (PUB).";
}

/* The value written for a field the user must fill in.  Angle brackets
 * where the type has a syntax, so the validator names what is expected;
 * "" for free text, which the validator rejects as empty. */
static const char *
placeholder(struct tw *w, const struct form_field *f)
{
	switch (f->type) {
	case FT_STRING:
	case FT_TEXT:
		return "\"\"";
	case FT_DATE:
		return "\"<date YYYY-MM-DD>\"";
	case FT_PDATE:
		return f->min_precision >= 3 ? "\"<date YYYY-MM-DD>\""
		    : f->min_precision == 2 ? "\"<date: YYYY-MM or YYYY-MM-DD>\""
		    : "\"<date: YYYY, YYYY-MM or YYYY-MM-DD>\"";
	case FT_TIME:
		return "\"<time HH:MM>\"";
	case FT_BOOL:
		return "\"<true or false>\"";
	case FT_TRI:
		return "\"<yes, no or unknown>\"";
	case FT_INT:
		return "\"<whole number>\"";
	case FT_ENUM:
		return arena_printf(&w->a, "\"<one of: %s>\"",
		    values_words(w, f->values, f->n_values, ", "));
	case FT_COUNTRY:
		return "\"<country: ISO code such as KG>\"";
	case FT_LANG:
		return "\"<language tag such as en>\"";
	case FT_EMAIL:
		return "\"<e-mail address>\"";
	case FT_MANDATE:
		return "\"<mandate key>\"";
	case FT_REF:
		return arena_printf(&w->a, "\"<id of an item of %s>\"",
		    f->refs ? path_words(f->refs) : "the list it refers to");
	case FT_RECORD:
	case FT_LIST:
	case FT__COUNT:
		break;
	}
	return "\"\"";
}

/* ----- fields ----- */

static void write_field(struct tw *w, const struct form_field *rec, const struct form_field *m,
    const char *pfx, int indent, enum disclosure parent, int depth);

/* The comment above a field. */
static void
describe(struct tw *w, const struct form_field *rec, const struct form_field *m,
    const char *pfx, int indent, enum disclosure parent, enum disclosure cls, bool top)
{
	const char *label = text_of(w, m->label_key);
	enum rank r = rank_of(w->form->key, rec, m);
	const struct cond *req = in_form(m->required, w->form->key);
	const struct cond *rcm = in_form(m->recommended, w->form->key);
	const char *need;
	if (r == RANK_REQUIRED)
		need = "Required.";
	else if (req)
		need = arena_printf(&w->a, "Required if %s.", cond_words(w, req));
	else if (r == RANK_REQUIRED_IF)
		need = arena_printf(&w->a, "At least one of %s is required; delete the others.",
		    values_words(w, rec->one_of_required, rec->n_one_of_required, " or "));
	else if (in_list(m->name, rec->one_of_recommended, rec->n_one_of_recommended))
		need = arena_printf(&w->a, "Recommended: the UN asks for one of %s.",
		    values_words(w, rec->one_of_recommended, rec->n_one_of_recommended, " or "));
	else if (rcm && rcm->kind == COND_TRUE)
		need = "Recommended: the UN asks for it.";
	else if (rcm)
		need = arena_printf(&w->a, "Recommended if %s.", cond_words(w, rcm));
	else
		need = "Optional.";
	/* "Did they show a warrant?" reads badly as "...?: Required." */
	if (label == NULL)
		label = m->name;
	size_t ll = strlen(label);
	bool punct = ll > 0 && strchr("?.:!", label[ll - 1]) != NULL;
	char *head = arena_printf(&w->a, "%s%s %s", label, punct ? "" : ":", need);
	if (top || cls != parent)
		head = arena_printf(&w->a, "%s %s", head, class_words(cls));
	if (m->type == FT_LIST && m->min_items > 0)
		head = arena_printf(&w->a, "%s At least %zu.", head, m->min_items);
	if (m->must_be && strcmp(m->name, "spcomm") != 0)
		head = arena_printf(&w->a, "%s Must be %s.", head, m->must_be);
	if (m->default_value)
		head = arena_printf(&w->a, "%s Default: %s.", head, m->default_value);
	if (m->not_before)
		head = arena_printf(&w->a, "%s Not before %s.", head, path_words(m->not_before));
	if (m->translatable)
		head = arena_printf(&w->a, "%s May be written in several languages (en: ..., fr: ...).",
		    head);
	if (m->type == FT_TEXT)
		head = arena_printf(&w->a, "%s For paragraphs, replace \"\" by | and write the "
		    "text on the lines below, indented.", head);
	comment(w, pfx, indent, head, 0);
	const char *help = sub_text(w, m->label_key, "help");
	if (help)
		comment(w, pfx, indent, help, 0);

	/* allowed values of an enumeration (or of the items of a list of
	 * them), with their labels */
	const struct form_field *e = m->type == FT_LIST && m->item ? m->item : m;
	if (e->type == FT_ENUM && e->n_values > 0) {
		char *s = arena_printf(&w->a, "%s", "Values:");
		for (size_t i = 0; i < e->n_values; i++) {
			const char *vl = sub_text(w, e->label_key, e->values[i]);
			s = vl ? arena_printf(&w->a, "%s %s (%s)%s", s, e->values[i], vl,
			    i + 1 < e->n_values ? "," : "")
			    : arena_printf(&w->a, "%s %s%s", s, e->values[i],
			    i + 1 < e->n_values ? "," : "");
		}
		comment(w, pfx, indent, s, 2);
	}
	if (e->type == FT_MANDATE && w->form->addressees_free) {
		comment(w, pfx, indent, "Mandates:", 0);
		for (size_t i = 0; i < w->fs->n_mandates; i++) {
			const char *nm = text_of(w, w->fs->mandates[i].name_key);
			comment(w, pfx, indent, arena_printf(&w->a, "  %s%s%s", w->fs->mandates[i].key,
			    nm ? ": " : "", nm ? nm : ""), 4);
		}
	}
}

/* Members of record rec, required ones first (the order within a rank is
 * the form's). */
static void
write_members(struct tw *w, const struct form_field *rec, const char *pfx, int indent,
    enum disclosure cls, int depth)
{
	for (int r = RANK_REQUIRED; r <= RANK_OPTIONAL; r++)
		for (size_t i = 0; i < rec->n_fields; i++)
			if ((int)rank_of(w->form->key, rec, rec->fields[i]) == r)
				write_field(w, rec, rec->fields[i], pfx, indent, cls, depth);
}

/* A record with nothing active would be written as a bare key, which
 * YAML reads as null: its first member is written out as well. */
static bool
has_active(const struct tw *w, const struct form_field *rec)
{
	for (size_t i = 0; i < rec->n_fields; i++)
		if (rank_of(w->form->key, rec, rec->fields[i]) <= RANK_REQUIRED_IF)
			return true;
	return false;
}

static void
write_record_body(struct tw *w, const struct form_field *rec, const char *pfx, int indent,
    enum disclosure cls, int depth)
{
	if (!has_active(w, rec) && rec->n_fields > 0) {
		/* write the first member active, the others as usual */
		struct form_field first = *rec->fields[0];
		static const struct cond always = { .kind = COND_TRUE };
		first.required = &always;
		struct form_field **copy = arena_alloc(&w->a, rec->n_fields * sizeof *copy);
		memcpy(copy, rec->fields, rec->n_fields * sizeof *copy);
		copy[0] = &first;
		struct form_field r2 = *rec;
		r2.fields = copy;
		write_members(w, &r2, pfx, indent, cls, depth);
		return;
	}
	write_members(w, rec, pfx, indent, cls, depth);
}

/* Pre-filled top-level values: the format version, the form, the
 * language of the catalog when the secretariat accepts it. */
static const char *
prefilled(struct tw *w, const struct form_field *rec, const struct form_field *m)
{
	if (rec != w->form->root)
		return NULL;
	if (strcmp(m->name, "spcomm") == 0)
		return "1";
	if (strcmp(m->name, "form") == 0)
		return w->form->key;
	if (strcmp(m->name, "language") == 0) {
		const char *l = catalog_lang(w->cat);
		for (size_t i = 0; i < m->n_values; i++)
			if (strcmp(m->values[i], l) == 0)
				return l;
		return "en";
	}
	return NULL;
}

static void
write_field(struct tw *w, const struct form_field *rec, const struct form_field *m,
    const char *pfx, int indent, enum disclosure parent, int depth)
{
	if (depth > MAX_DEPTH)
		return;
	enum disclosure cls = form_effective_class(m, parent);
	bool top = rec == w->form->root;
	enum rank r = rank_of(w->form->key, rec, m);
	const char *pre = prefilled(w, rec, m);

	/* a form with fixed addressees: say so rather than offer a list */
	if (top && m->type == FT_LIST && m->item && m->item->type == FT_MANDATE &&
	    !w->form->addressees_free) {
		const char *label = text_of(w, m->label_key);
		comment(w, pfx, indent, arena_printf(&w->a, "%s: this form goes to %s only; "
		    "leave it out.", label ? label : m->name, values_words(w,
		    w->form->addressees_fixed, w->form->n_addressees_fixed, " and ")), 0);
		line(w, "", 0, "");
		return;
	}

	describe(w, rec, m, pfx, indent, parent, cls, top);
	/* optional and recommended fields: the same lines, commented out at
	 * the field's own indentation */
	if (r >= RANK_RECOMMENDED) {
		pfx = arena_printf(&w->a, "%s%*s# ", pfx, indent, "");
		indent = 0;
	}
	if (pre) {
		line(w, pfx, indent, arena_printf(&w->a, "%s: %s", m->name, pre));
	} else if (m->type == FT_RECORD) {
		line(w, pfx, indent, arena_printf(&w->a, "%s:", m->name));
		write_record_body(w, m, pfx, indent + 2, cls, depth + 1);
	} else if (m->type == FT_LIST && m->item) {
		const struct form_field *it = m->item;
		line(w, pfx, indent, arena_printf(&w->a, "%s:", m->name));
		if (it->type == FT_RECORD) {
			line(w, pfx, indent + 2, "- # one item; copy from this line for each further one");
			write_record_body(w, it, pfx, indent + 4, form_effective_class(it, cls),
			    depth + 1);
		} else {
			line(w, pfx, indent + 2, arena_printf(&w->a, "- %s", placeholder(w, it)));
		}
	} else {
		line(w, pfx, indent, arena_printf(&w->a, "%s: %s", m->name, placeholder(w, m)));
	}
	if (top)
		line(w, "", 0, "");
}

/* ----- the template ----- */

static bool
in_sections(const struct form *f, const char *name)
{
	for (size_t s = 0; s < f->n_sections; s++)
		if (in_list(name, f->sections[s].fields, f->sections[s].n_fields))
			return true;
	return false;
}

/* Top-level fields in names (all when names is NULL: those of no
 * section), required ones first. */
static void
write_group(struct tw *w, const char **names, size_t n)
{
	const struct form_field *root = w->form->root;
	for (int r = RANK_REQUIRED; r <= RANK_OPTIONAL; r++) {
		for (size_t i = 0; i < root->n_fields; i++) {
			const struct form_field *m = root->fields[i];
			if ((int)rank_of(w->form->key, root, m) != r)
				continue;
			if (names ? !in_list(m->name, names, n) : in_sections(w->form, m->name))
				continue;
			write_field(w, root, m, "", 0, CLASS_PUB, 0);
		}
	}
}

bool
template_write(const struct form *f, const struct form_set *fs, const struct catalog *cat,
    FILE *out)
{
	struct tw w = { .form = f, .fs = fs, .cat = cat, .out = out };
	const char *title = text_of(&w, f->title_key);
	char rule[WRAP_COLUMN + 1];
	memset(rule, '-', WRAP_COLUMN - 2);
	rule[WRAP_COLUMN - 2] = '\0';

	fprintf(out, "# %s\n", rule);
	comment(&w, "", 0, arena_printf(&w.a, "%s (spcomm form %s): case-file template.",
	    title ? title : f->key, f->key), 0);
	comment(&w, "", 0, "Fill in every value in quotes that is empty (\"\") or in angle "
	    "brackets (\"<...>\"); `spcomm check` points at each one left. Recommended "
	    "and optional fields are commented out: remove the \"# \" before a key (and "
	    "before the lines of its block) to use one. A field marked \"Required if ...\" "
	    "that does not apply to your case may be deleted.", 0);
	comment(&w, "", 0, "Who may see what: SRC is confidential to OHCHR (the full copy "
	    "only), GOV may go to the Government, PUB may be public. A field takes the "
	    "class of the one it is in unless its comment says otherwise.", 0);
	comment(&w, "", 0, "Indent with spaces, never tabs; keep the quotes around values "
	    "such as \"NO\" or \"yes\".", 0);
	fprintf(out, "# %s\n\n", rule);

	write_group(&w, NULL, 0);
	for (size_t s = 0; s < f->n_sections; s++) {
		const struct form_section *sec = &f->sections[s];
		if (sec->n_fields == 0)
			continue;
		const char *st = text_of(&w, sec->title_key);
		fprintf(out, "# %s\n", rule);
		comment(&w, "", 0, st ? st : sec->id, 0);
		fprintf(out, "# %s\n\n", rule);
		write_group(&w, sec->fields, sec->n_fields);
	}
	arena_free(&w.a);
	return fflush(out) == 0 && !ferror(out);
}
