/* case.c - accessors of the normalized case (see case.h). */
#include "case.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct cval *
case_get(const struct cval *rec, const char *name)
{
	if (rec == NULL || rec->field == NULL || rec->field->type != FT_RECORD)
		return NULL;
	for (size_t i = 0; i < rec->n_kids; i++)
		if (strcmp(rec->kids[i]->field->name, name) == 0)
			return rec->kids[i];
	return NULL;
}

const struct cval *
case_path(const struct cval *rec, const char *path)
{
	char part[128];
	while (rec != NULL && *path) {
		const char *dot = strchr(path, '.');
		size_t n = dot ? (size_t)(dot - path) : strlen(path);
		if (n >= sizeof part)
			return NULL;
		memcpy(part, path, n);
		part[n] = '\0';
		rec = case_get(rec, part);
		path += n + (dot != NULL);
	}
	return rec;
}

const char *
case_text_in(const struct cval *v, const char *lang, bool *is_original)
{
	if (is_original)
		*is_original = true;
	for (size_t i = 0; i < v->n_translations; i++)
		if (strcmp(v->translations[i].lang, lang) == 0) {
			if (is_original)
				*is_original = false;
			return v->translations[i].text;
		}
	return v->text;
}

void
case_earliest_date(const struct cval *c, const char *path, struct pdate *best, bool *have)
{
	if (c == NULL)
		return;
	if (c->field->type == FT_LIST) {
		for (size_t i = 0; i < c->n_kids; i++)
			case_earliest_date(c->kids[i], path, best, have);
		return;
	}
	if (*path == '\0') {
		if ((c->field->type == FT_DATE || c->field->type == FT_PDATE) && c->date.precision > 0 &&
		    (!*have || intl_date_cmp(&c->date, best) < 0)) {
			*best = c->date;
			*have = true;
		}
		return;
	}
	const char *dot = strchr(path, '.');
	char part[128];
	size_t n = dot ? (size_t)(dot - path) : strlen(path);
	if (n >= sizeof part)
		return;
	memcpy(part, path, n);
	part[n] = '\0';
	case_earliest_date(case_get(c, part), path + n + (dot != NULL), best, have);
}

bool
case_event_date(const struct case_data *cd, struct pdate *out)
{
	bool have = false;
	for (size_t i = 0; i < cd->form->n_event_dates; i++)
		case_earliest_date(cd->root, cd->form->event_dates[i], out, &have);
	return have;
}

void
case_path_init(struct case_path_buf *p)
{
	p->cap = 64;
	p->s = xmalloc(p->cap);
	p->s[0] = '\0';
	p->len = 0;
}

void
case_path_free(struct case_path_buf *p)
{
	free(p->s);
	p->s = NULL;
	p->len = p->cap = 0;
}

static size_t
push(struct case_path_buf *p, const char *sep, const char *seg, size_t n)
{
	size_t mark = p->len, ns = strlen(sep);
	if (p->cap - p->len <= ns + n) {
		while (p->cap - p->len <= ns + n)
			p->cap *= 2;
		p->s = xrealloc(p->s, p->cap);
	}
	memcpy(p->s + p->len, sep, ns);
	memcpy(p->s + p->len + ns, seg, n);
	p->len += ns + n;
	p->s[p->len] = '\0';
	return mark;
}

size_t
case_path_push_key(struct case_path_buf *p, const char *name)
{
	return push(p, p->len ? "." : "", name, strlen(name));
}

size_t
case_path_push_index(struct case_path_buf *p, size_t i)
{
	char n[32];
	int k = snprintf(n, sizeof n, "[%zu]", i);
	return push(p, "", n, (size_t)k);
}

size_t
case_path_push_child(struct case_path_buf *p, const struct cval *c, size_t i)
{
	return c->field->type == FT_LIST ? case_path_push_index(p, i)
	    : case_path_push_key(p, c->kids[i]->field->name);
}

void
case_path_pop(struct case_path_buf *p, size_t mark)
{
	p->len = mark;
	p->s[mark] = '\0';
}

bool
case_path_of(struct case_path_buf *p, const struct cval *c, const struct cval *target)
{
	if (c == target)
		return true;
	for (size_t i = 0; i < c->n_kids; i++) {
		size_t mark = case_path_push_child(p, c, i);
		if (case_path_of(p, c->kids[i], target))
			return true;
		case_path_pop(p, mark);
	}
	return false;
}

bool
case_is_block(const struct cval *c, const char *block)
{
	return c != NULL && c->field->type == FT_RECORD && c->field->block != NULL &&
	    strcmp(c->field->block, block) == 0;
}

struct case_consent
case_person_consent(const struct cval *person)
{
	struct case_consent r = { false, PUBLISH_NO };
	const struct cval *consent = case_get(person, "consent");
	const struct cval *share = case_get(consent, "share_name_with_government");
	const struct cval *publish = case_get(consent, "publish_name");
	r.share_with_government = share != NULL && share->tri == TRI_YES;
	if (publish != NULL && strcmp(publish->text, "full_name") == 0)
		r.publish = PUBLISH_FULL;
	else if (publish != NULL && strcmp(publish->text, "initials") == 0)
		r.publish = PUBLISH_INITIALS;
	return r;
}

void
case_name_given_family(const struct cval *name, const struct cval **g, const struct cval **f)
{
	const struct cval *o = case_get(name, "original");
	*g = case_get(name, "given");
	*f = case_get(name, "family");
	if (*g == NULL && *f == NULL && o != NULL) {
		*g = case_get(o, "given");
		*f = case_get(o, "family");
	}
}

/* Whether the original family name of a name is in a CJK script (its
 * first character in U+3000..U+DFFF). */
bool
case_name_is_cjk(const struct cval *v)
{
	const struct cval *orig = case_get(v, "original");
	const struct cval *of = orig ? case_get(orig, "family") : NULL;
	return of && (unsigned char)of->text[0] >= 0xE3 && (unsigned char)of->text[0] <= 0xED;
}

/* Whether a name is written family name first: Chinese, Japanese and
 * Korean names are (without a space in their own script); the default
 * order follows the script of the original, `order` overrides it
 * (docs/case-format.md, "Names"). */
bool
case_name_family_first(const struct cval *v)
{
	const struct cval *ord = case_get(v, "order");
	return ord ? strcmp(ord->text, "family_given") == 0 : case_name_is_cjk(v);
}

/* "A. S.": the first letter of each part of the name, in the order the
 * name is printed ("Z. W." for Zhang Wei, family name first). */
const char *
case_name_initials(struct arena *a, const struct cval *name)
{
	const char *parts[2] = { NULL, NULL };
	const struct cval *g, *f;
	case_name_given_family(name, &g, &f);
	bool ff = case_name_family_first(name);
	parts[ff] = g ? g->text : NULL;
	parts[!ff] = f ? f->text : NULL;
	/* a name given only in its own script: the initials of the Latin
	 * form the copy would print (a Chinese name's first characters are
	 * most of the name); none when there is no Latin form */
	if (!case_get(name, "given") && !case_get(name, "family"))
		for (int i = 0; i < 2; i++)
			if (parts[i] && (parts[i] = intl_transliterate_name(a, parts[i])) == NULL)
				return NULL;
	char *s = arena_alloc(a, 1);
	for (int i = 0; i < 2; i++) {
		if (parts[i] == NULL || parts[i][0] == '\0')
			continue;
		/* the whole first UTF-8 sequence */
		size_t n = 1;
		while ((parts[i][n] & 0xC0) == 0x80)
			n++;
		s = arena_printf(a, "%s%s%.*s.", s, *s ? " " : "", (int)n, parts[i]);
	}
	return s;
}

char *
case_next_paragraph(struct arena *a, const char **p)
{
	while (**p == '\n' || **p == ' ')
		(*p)++;
	if (!**p)
		return NULL;
	const char *end = strstr(*p, "\n\n");
	size_t n = end ? (size_t)(end - *p) : strlen(*p);
	char *para = arena_strndup(a, *p, n);
	*p += n;
	while (n > 0 && (para[n - 1] == '\n' || para[n - 1] == ' '))
		para[--n] = '\0';
	for (size_t i = 0; i < n; i++)
		if (para[i] == '\n')
			para[i] = ' ';
	return para;
}
