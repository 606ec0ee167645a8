/*
 * schema.c - the JSON Schema of a form (schema.h), written from the form
 * model alone.
 *
 * Looser, never stricter.  `spcomm check` is the authority; the schema
 * only helps while a case is typed.  Where the two could disagree, the
 * schema accepts:
 *
 * - An editor reads YAML 1.2: a plain `34` is an integer, `true` a
 *   boolean, `~` or an empty value null; spcomm reads every scalar as
 *   text and types it by the form.  So a one-line or text field also
 *   takes numbers and booleans (`number: 12345`), an int field a string
 *   of digits ("34"), a partial date a bare year (2019), a bool field the
 *   strings "true" and "false"; an enumeration value that YAML 1.2 would
 *   type (none does today) is also listed typed.
 * - spcomm treats `key:` with nothing after it as absent; an editor sees
 *   null, and cannot tell it from `key: null` or `key: ~`, which spcomm
 *   reads as the text "null" or "~".  Null is accepted wherever absence
 *   is, and also in text fields (where "~" is text).
 * - Conditional requirements become if/then only where the condition
 *   reads the same in both worlds: enumerations, booleans and yes/no
 *   values compared with listed values, and whether a field is given,
 *   on fields of the same record or from the top of the case, through
 *   records (not lists).  Each is built so that the `if` holds only when
 *   spcomm's condition holds (presence: a key missing entirely is absent
 *   for both).  The others are left to `spcomm check` and the description
 *   says so.  Rules across fields, calendar dates, dates in time, names,
 *   translations in the case's language and annex files are left to it
 *   too.
 *
 * Editors: every property has a title (its label) and a description (its
 * help text, whether it is required, who may see it); enumerations are
 * `enum` with `enumDescriptions` (their labels), which yaml-language-
 * server and VS Code show in completion and hover and which validators
 * ignore (an unknown keyword is an annotation in 2020-12).  The country
 * and mandate lists are written once, under $defs.
 */
#include "schema.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "cond.h"
#include "diag.h"
#include "intl.h"
#include "spcomm_limits.h"

/* Records nest less deeply than this in every form; the bound stops a
 * broken form model from recursing forever (as template.c). */
#define MAX_DEPTH 12

/* ----- a small JSON tree, printed in insertion order ----- */

enum jkind { J_NULL, J_TRUE, J_FALSE, J_INT, J_NUM, J_STR, J_ARR, J_OBJ };

struct jv;

struct jmember {
	const char *key;        /* NULL in an array */
	struct jv *v;
	struct jmember *next;
};

struct jv {
	enum jkind kind;
	const char *s;          /* STR; INT and NUM: the number as JSON writes it */
	struct jmember *first, *last;
};

static struct jv *
jnew(struct arena *a, enum jkind k)
{
	struct jv *v = arena_alloc(a, sizeof *v);
	v->kind = k;
	return v;
}

static struct jv *
jstr(struct arena *a, const char *s)
{
	struct jv *v = jnew(a, J_STR);
	v->s = s;
	return v;
}

static struct jv *
jint(struct arena *a, long long n)
{
	struct jv *v = jnew(a, J_INT);
	v->s = arena_printf(a, "%lld", n);
	return v;
}

static void
jadd(struct arena *a, struct jv *o, const char *key, struct jv *v)
{
	struct jmember *m = arena_alloc(a, sizeof *m);
	m->key = key;
	m->v = v;
	if (o->last)
		o->last->next = m;
	else
		o->first = m;
	o->last = m;
}

static struct jmember *
jfind(const struct jv *o, const char *key)
{
	for (struct jmember *m = o->first; m; m = m->next)
		if (m->key && strcmp(m->key, key) == 0)
			return m;
	return NULL;
}

static struct jv *
jget(const struct jv *o, const char *key)
{
	struct jmember *m = jfind(o, key);
	return m ? m->v : NULL;
}

/* Set o[key], in place when it is there. */
static void
jset(struct arena *a, struct jv *o, const char *key, struct jv *v)
{
	struct jmember *m = jfind(o, key);
	if (m)
		m->v = v;
	else
		jadd(a, o, key, v);
}

static void
jprint(FILE *out, const struct jv *v, int indent)
{
	switch (v->kind) {
	case J_NULL: fputs("null", out); return;
	case J_TRUE: fputs("true", out); return;
	case J_FALSE: fputs("false", out); return;
	case J_INT:
	case J_NUM: fputs(v->s, out); return;
	case J_STR: diag_json_string(out, v->s); return;
	case J_ARR:
	case J_OBJ:
		break;
	}
	bool obj = v->kind == J_OBJ;
	if (v->first == NULL) {
		fputs(obj ? "{}" : "[]", out);
		return;
	}
	/* arrays of scalars on one line: enum lists stay readable */
	bool flat = !obj;
	for (const struct jmember *m = v->first; m && flat; m = m->next)
		flat = m->v->kind != J_ARR && m->v->kind != J_OBJ;
	fputc(obj ? '{' : '[', out);
	for (const struct jmember *m = v->first; m; m = m->next) {
		if (flat)
			fputs(m == v->first ? "" : ", ", out);
		else
			fprintf(out, "%s\n%*s", m == v->first ? "" : ",", indent + 2, "");
		if (obj) {
			diag_json_string(out, m->key);
			fputs(": ", out);
		}
		jprint(out, m->v, indent + 2);
	}
	if (!flat)
		fprintf(out, "\n%*s", indent, "");
	fputc(obj ? '}' : ']', out);
}

/* ----- the writer ----- */

struct sw {
	const struct form *form;
	const struct form_set *fs;
	const struct catalog *cat;
	const struct countries *co;
	struct arena a;
	struct jv *root_allof;  /* conditions from the top of the case */
	struct jv *defs;
};

/* One step from the top of the case to a record: a member, or the items
 * of the list above. */
struct step {
	const char *name;       /* NULL: the items of a list */
	const struct step *up;
};

static struct jv *
obj(struct sw *w)
{
	return jnew(&w->a, J_OBJ);
}

static struct jv *
arr(struct sw *w)
{
	return jnew(&w->a, J_ARR);
}

static struct jv *
str(struct sw *w, const char *s)
{
	return jstr(&w->a, s);
}

/* {"type": t} */
static struct jv *
typed(struct sw *w, const char *t)
{
	struct jv *o = obj(w);
	jadd(&w->a, o, "type", str(w, t));
	return o;
}

static struct jv *
type_list(struct sw *w, const char *const *types)
{
	struct jv *t = arr(w);
	for (size_t i = 0; types[i]; i++)
		jadd(&w->a, t, NULL, str(w, types[i]));
	return t;
}

/* {"required": [name]} */
static struct jv *
requires(struct sw *w, const char *name)
{
	struct jv *o = obj(w), *r = arr(w);
	jadd(&w->a, r, NULL, str(w, name));
	jadd(&w->a, o, "required", r);
	return o;
}

static struct jv *
negate(struct sw *w, struct jv *s)
{
	struct jv *o = obj(w);
	jadd(&w->a, o, "not", s);
	return o;
}

/* A catalog text, or NULL when the catalog has no such key. */
static const char *
text_of(struct sw *w, const char *key)
{
	if (key == NULL || catalog_pattern(w->cat, key) == NULL)
		return NULL;
	return catalog_text(w->cat, &w->a, key);
}

static const char *
fmt(struct sw *w, const char *key, const char *a0, const char *a1)
{
	const char *args[2] = { a0, a1 };
	return catalog_format(w->cat, &w->a, key, a1 ? 2 : a0 ? 1 : 0, args);
}

/* The value YAML 1.2 (core schema) gives the plain scalar s, when it is
 * not a string: null, a boolean, an integer or a number. */
static struct jv *
yaml12_value(struct sw *w, const char *s)
{
	static const char *const nulls[] = { "", "~", "null", "Null", "NULL", NULL };
	static const char *const trues[] = { "true", "True", "TRUE", NULL };
	static const char *const falses[] = { "false", "False", "FALSE", NULL };
	for (size_t i = 0; nulls[i]; i++)
		if (strcmp(s, nulls[i]) == 0)
			return jnew(&w->a, J_NULL);
	for (size_t i = 0; trues[i]; i++)
		if (strcmp(s, trues[i]) == 0)
			return jnew(&w->a, J_TRUE);
	for (size_t i = 0; falses[i]; i++)
		if (strcmp(s, falses[i]) == 0)
			return jnew(&w->a, J_FALSE);
	const char *p = s + (*s == '-' || *s == '+');
	bool digits = *p != '\0';
	for (const char *q = p; *q; q++)
		digits &= *q >= '0' && *q <= '9';
	char *end;
	errno = 0;
	if (digits) {
		long long n = strtoll(s, &end, 10);
		return errno == 0 ? jint(&w->a, n) : NULL;
	}
	if ((s[0] == '0' && (s[1] == 'x' || s[1] == 'o')) || strpbrk(s, "0123456789") == NULL)
		return NULL;   /* hex, octal, .inf, .nan: no enum value is one */
	double d = strtod(s, &end);
	if (*end != '\0' || errno != 0 || strspn(s, "+-.0123456789eE") != strlen(s))
		return NULL;
	struct jv *v = jnew(&w->a, J_NUM);
	v->s = arena_printf(&w->a, "%.17g", d);
	return v;
}

/* An enumeration of values (and the typed form of any an editor would
 * type), with their labels (label_key.<value>, or labels[i]). */
static struct jv *
enum_of(struct sw *w, const char *const *values, size_t n, const char *label_key,
    const char *const *labels)
{
	struct jv *o = obj(w), *e = arr(w), *d = arr(w);
	bool any_label = false;
	for (size_t i = 0; i < n; i++) {
		const char *l = labels ? labels[i]
		    : label_key ? text_of(w, arena_printf(&w->a, "%s.%s", label_key, values[i])) : NULL;
		any_label |= l != NULL;
		jadd(&w->a, e, NULL, str(w, values[i]));
		jadd(&w->a, d, NULL, str(w, l ? l : ""));
		struct jv *t = yaml12_value(w, values[i]);
		if (t && t->kind != J_NULL) {
			jadd(&w->a, e, NULL, t);
			jadd(&w->a, d, NULL, str(w, l ? l : ""));
		}
	}
	jadd(&w->a, o, "enum", e);
	if (any_label)
		jadd(&w->a, o, "enumDescriptions", d);
	return o;
}

static bool
in_list(const char *name, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i], name) == 0)
			return true;
	return false;
}

/* Types whose text may be "null" or "~": an editor's null there may be
 * such a text, which spcomm accepts. */
static bool
null_may_be_text(const struct form_field *f)
{
	return f->type == FT_STRING || f->type == FT_TEXT || f->type == FT_LANG || f->type == FT_REF;
}

/* ----- conditions ----- */

/* Where a condition's schema applies: nowhere yet (a constant), at the
 * record holding the field, or at the top of the case. */
enum level { AT_ANY, AT_RECORD, AT_ROOT, AT_NONE };

static enum level
join_level(enum level a, enum level b)
{
	return a == AT_ANY ? b : b == AT_ANY ? a : a == b ? a : AT_NONE;
}

/*
 * {"required": [a], "properties": {a: {"required": [b], ... leaf}}}: the
 * path (dots between record members) exists from rec and its value
 * satisfies leaf (NULL: anything).  NULL when a step is not a record
 * member; *last gets the field the path names.
 */
static struct jv *
exists(struct sw *w, const struct form_field *rec, const char *path, struct jv *leaf,
    const struct form_field **last)
{
	const struct form_field *chain[16];
	const char *names[16];
	size_t n = 0;
	const char *p = path;
	while (*p) {
		const char *dot = strchr(p, '.');
		size_t len = dot ? (size_t)(dot - p) : strlen(p);
		if (n == 16 || rec == NULL || rec->type != FT_RECORD)
			return NULL;
		names[n] = arena_strndup(&w->a, p, len);
		chain[n] = form_member(rec, names[n]);
		if (chain[n] == NULL)
			return NULL;
		rec = chain[n];
		n++;
		p += len + (dot != NULL);
	}
	if (n == 0)
		return NULL;
	*last = chain[n - 1];
	struct jv *s = leaf;
	for (size_t i = n; i-- > 0;) {
		struct jv *o = requires(w, names[i]);
		if (s) {
			struct jv *props = obj(w);
			jadd(&w->a, props, names[i], s);
			jadd(&w->a, o, "properties", props);
		}
		s = o;
	}
	return s;
}

/* The value at the path is one of the condition's values (for a list:
 * one of its items is).  Only for enumerations, booleans and yes/no
 * values, whose accepted texts an editor types one way each. */
static struct jv *
matches(struct sw *w, const struct cond *c, const struct form_field *rec)
{
	/* the field first, to know its type */
	const struct form_field *f = NULL;
	if (exists(w, rec, c->path, NULL, &f) == NULL)
		return NULL;
	const struct form_field *e = f->type == FT_LIST ? f->item : f;
	if (e == NULL || (e->type != FT_ENUM && e->type != FT_BOOL && e->type != FT_TRI))
		return NULL;
	struct jv *leaf = obj(w);
	jadd(&w->a, leaf, "enum", jget(enum_of(w, c->values, c->n_values, NULL, NULL), "enum"));
	if (f->type == FT_LIST) {
		struct jv *l = typed(w, "array");
		jadd(&w->a, l, "contains", leaf);
		leaf = l;
	}
	return exists(w, rec, c->path, leaf, &f);
}

static struct jv *
not_null(struct sw *w)
{
	return negate(w, typed(w, "null"));
}

/*
 * The schema of condition c, for the record rec (relative paths) or the
 * root (paths from "/").  sure: the schema must hold only when spcomm's
 * condition holds (an `if`); !sure: whenever it holds (under a `not`).
 * JSON true or false for a condition the form alone decides ({field:
 * /form, ...}).  NULL when it cannot be said simply; *lv says where the
 * schema applies.
 */
static struct jv *
cond_schema(struct sw *w, const struct cond *c, const struct form_field *rec, bool sure,
    enum level *lv)
{
	if (c == NULL)
		return NULL;
	const struct form_field *base = rec;
	const char *path = c->path;
	if (path) {
		if (strncmp(path, "../", 3) == 0)
			return NULL;
		if (path[0] == '/') {
			path++;
			base = w->form->root;
		}
		if (strcmp(c->path, "/form") == 0 && c->kind != COND_PRESENT) {
			bool in = in_list(w->form->key, c->values, c->n_values);
			if (c->kind == COND_NOT_IN)
				in = !in;
			return jnew(&w->a, in ? J_TRUE : J_FALSE);
		}
	}
	enum level here = base == w->form->root ? AT_ROOT : AT_RECORD;
	const struct form_field *f;
	struct jv *s = NULL;
	switch (c->kind) {
	case COND_TRUE:
		return jnew(&w->a, J_TRUE);
	case COND_RECENT:
	case COND_EVERY:
	case COND_SOME:
		/* dates and list items: left to spcomm check */
		return NULL;
	case COND_IS:
	case COND_IN: {
		struct cond one = *c;
		one.path = path;
		s = matches(w, &one, base);
		break;
	}
	case COND_NOT_IN: {
		struct cond one = *c;
		one.path = path;
		s = matches(w, &one, base);
		s = s ? negate(w, s) : NULL;
		break;
	}
	case COND_PRESENT:
		/* sure that it is given: the key is there and not null (a
		 * `key: ~` that spcomm reads as "~" is not counted); sure that
		 * it is not: the key is missing entirely */
		if (c->present)
			s = exists(w, base, path, sure ? not_null(w) : NULL, &f);
		else if (sure)
			s = (s = exists(w, base, path, NULL, &f)) ? negate(w, s) : NULL;
		else
			s = (s = exists(w, base, path, not_null(w), &f)) ? negate(w, s) : NULL;
		break;
	case COND_NOT:
		if (c->n_subs != 1 || (s = cond_schema(w, c->subs[0], rec, !sure, lv)) == NULL)
			return NULL;
		return s->kind == J_TRUE ? jnew(&w->a, J_FALSE) : s->kind == J_FALSE
		    ? jnew(&w->a, J_TRUE) : negate(w, s);
	case COND_ALL:
	case COND_ANY: {
		bool all = c->kind == COND_ALL;
		struct jv *list = arr(w);
		size_t n = 0;
		for (size_t i = 0; i < c->n_subs; i++) {
			struct jv *sub = cond_schema(w, c->subs[i], rec, sure, lv);
			if (sub == NULL)
				return NULL;
			if (sub->kind == (all ? J_FALSE : J_TRUE))
				return sub;     /* decides the whole */
			if (sub->kind == (all ? J_TRUE : J_FALSE))
				continue;
			jadd(&w->a, list, NULL, sub);
			n++;
		}
		if (n == 0)
			return jnew(&w->a, all ? J_TRUE : J_FALSE);
		if (n == 1)
			return list->first->v;
		struct jv *o = obj(w);
		jadd(&w->a, o, all ? "allOf" : "anyOf", list);
		return *lv == AT_NONE ? NULL : o;
	}
	}
	if (s == NULL)
		return NULL;
	*lv = join_level(*lv, here);
	return *lv == AT_NONE ? NULL : s;
}

/* A condition in words, in the catalog's language. */
static const char *
cond_words(struct sw *w, const struct cond *c)
{
	const char *p = c->path ? (c->path[0] == '/' ? c->path + 1 : c->path) : "";
	const char *vals = "";
	for (size_t i = 0; i < c->n_values; i++)
		vals = i == 0 ? c->values[0] : fmt(w, i + 1 == c->n_values ? "schema.cond.or"
		    : "schema.cond.list", vals, c->values[i]);
	switch (c->kind) {
	case COND_TRUE:
		return "";
	case COND_IS:
	case COND_IN:
		return fmt(w, "schema.cond.is", p, vals);
	case COND_NOT_IN:
		return fmt(w, "schema.cond.is_not", p, vals);
	case COND_PRESENT:
		return fmt(w, c->present ? "schema.cond.present" : "schema.cond.absent", p, NULL);
	case COND_RECENT:
		return fmt(w, "schema.cond.recent", p, arena_printf(&w->a, "%d", c->days));
	case COND_NOT:
		return fmt(w, "schema.cond.not", c->n_subs ? cond_words(w, c->subs[0]) : "", NULL);
	case COND_EVERY:
	case COND_SOME:
		/* over the items of a list: in the words cond.c has (English) */
		return cond_describe(&w->a, c);
	case COND_ALL:
	case COND_ANY:
		break;
	}
	const char *s = "";
	for (size_t i = 0; i < c->n_subs; i++)
		s = i == 0 ? cond_words(w, c->subs[0]) : fmt(w, c->kind == COND_ALL ? "schema.cond.and"
		    : "schema.cond.or", s, cond_words(w, c->subs[i]));
	return s;
}

/* The names of a record's members, as the description lists them. */
static const char *
names_words(struct sw *w, const char *const *names, size_t n)
{
	const char *s = "";
	for (size_t i = 0; i < n; i++)
		s = i == 0 ? names[0] : fmt(w, i + 1 == n ? "schema.cond.or" : "schema.cond.list", s,
		    names[i]);
	return s;
}

/* ----- values ----- */

static struct jv *field_schema(struct sw *w, const struct form_field *rec,
    const struct form_field *f, enum disclosure parent, const struct step *at, int depth);

/* Text an editor may show as a string, a number or a boolean. */
static struct jv *
text_value(struct sw *w, const struct form_field *f)
{
	static const char *const types[] = { "string", "number", "boolean", NULL };
	struct jv *o = obj(w);
	jadd(&w->a, o, "type", type_list(w, types));
	if (f->type == FT_STRING || f->type == FT_TEXT)
		jadd(&w->a, o, "minLength", jint(&w->a, 1));
	if (f->pattern)
		jadd(&w->a, o, "pattern", str(w, arena_printf(&w->a, "^(?:%s)$", f->pattern)));
	else if (f->type == FT_STRING)
		jadd(&w->a, o, "pattern", str(w, "^[^\\n]*$"));
	return o;
}

static struct jv *
patterned(struct sw *w, const char *pattern, const char *message_key)
{
	struct jv *o = typed(w, "string");
	jadd(&w->a, o, "pattern", str(w, pattern));
	const char *m = text_of(w, message_key);
	if (m)
		jadd(&w->a, o, "patternErrorMessage", str(w, m));
	return o;
}

#define YEAR "(1[89][0-9]{2}|[2-9][0-9]{3})"
#define MONTH "(0[1-9]|1[0-2])"
#define DAY "(0[1-9]|[12][0-9]|3[01])"

/* $defs/name, made on first use from make. */
static struct jv *
def_ref(struct sw *w, const char *name, struct jv *(*make)(struct sw *))
{
	if (jget(w->defs, name) == NULL)
		jadd(&w->a, w->defs, name, make(w));
	struct jv *o = obj(w);
	jadd(&w->a, o, "$ref", str(w, arena_printf(&w->a, "#/$defs/%s", name)));
	return o;
}

/* Every code intl_country_valid accepts (ICU's list less the withdrawn
 * ones), with its name as documents print it. */
static struct jv *
make_countries(struct sw *w)
{
	size_t n = 0;
	const char **codes = arena_alloc(&w->a, 26 * 26 * sizeof *codes);
	const char **names = arena_alloc(&w->a, 26 * 26 * sizeof *names);
	const char *lang = catalog_lang(w->cat);
	for (char a = 'A'; a <= 'Z'; a++)
		for (char b = 'A'; b <= 'Z'; b++) {
			char code[3] = { a, b, '\0' };
			if (!intl_country_valid(code))
				continue;
			codes[n] = arena_strdup(&w->a, code);
			const char *un = countries_name(w->co, code, lang);
			names[n++] = un ? un : intl_country_name(&w->a, code, lang);
		}
	return enum_of(w, codes, n, NULL, names);
}

static struct jv *
make_mandates(struct sw *w)
{
	size_t n = w->fs->n_mandates;
	const char **keys = arena_alloc(&w->a, (n + 1) * sizeof *keys);
	const char **names = arena_alloc(&w->a, (n + 1) * sizeof *names);
	for (size_t i = 0; i < n; i++) {
		keys[i] = w->fs->mandates[i].key;
		const char *t = text_of(w, w->fs->mandates[i].name_key);
		names[i] = t ? t : "";
	}
	return enum_of(w, keys, n, NULL, names);
}

/* The value of a scalar field, null aside. */
static struct jv *
scalar_value(struct sw *w, const struct form_field *f)
{
	switch (f->type) {
	case FT_STRING:
	case FT_TEXT:
	case FT_REF:
		return text_value(w, f);
	case FT_DATE:
		return patterned(w, "^" YEAR "-" MONTH "-" DAY "$", "schema.date");
	case FT_PDATE: {
		if (f->min_precision >= 3)
			return patterned(w, "^" YEAR "-" MONTH "-" DAY "[~?]?$", "schema.pdate_day");
		if (f->min_precision == 2)
			return patterned(w, "^" YEAR "-" MONTH "(-" DAY ")?[~?]?$", "schema.pdate_month");
		/* a bare year is an integer to an editor */
		struct jv *o = obj(w), *any = arr(w), *year = typed(w, "integer");
		jadd(&w->a, any, NULL, patterned(w, "^" YEAR "(-" MONTH "(-" DAY ")?)?[~?]?$",
		    "schema.pdate"));
		jadd(&w->a, year, "minimum", jint(&w->a, 1800));
		jadd(&w->a, year, "maximum", jint(&w->a, 9999));
		jadd(&w->a, any, NULL, year);
		jadd(&w->a, o, "anyOf", any);
		return o;
	}
	case FT_TIME:
		return patterned(w, "^([01][0-9]|2[0-3]):[0-5][0-9]$", "schema.time");
	case FT_BOOL: {
		static const char *const tf[] = { "true", "false" };
		struct jv *o = obj(w), *any = arr(w);
		jadd(&w->a, any, NULL, typed(w, "boolean"));
		struct jv *e = obj(w), *ev = arr(w);
		for (size_t i = 0; i < 2; i++)
			jadd(&w->a, ev, NULL, str(w, tf[i]));
		jadd(&w->a, e, "enum", ev);
		jadd(&w->a, any, NULL, e);
		jadd(&w->a, o, "anyOf", any);
		return o;
	}
	case FT_TRI: {
		static const char *const v[] = { "yes", "no", "unknown" };
		const char *l[3] = { text_of(w, "doc.yes"), text_of(w, "doc.no"),
			text_of(w, "doc.unknown") };
		for (size_t i = 0; i < 3; i++)
			l[i] = l[i] ? l[i] : "";
		return enum_of(w, v, 3, NULL, l);
	}
	case FT_INT: {
		if (f->must_be)
			return enum_of(w, &f->must_be, 1, NULL, NULL);
		struct jv *o = obj(w), *any = arr(w), *n = typed(w, "integer");
		jadd(&w->a, n, "minimum", jint(&w->a, 0));
		jadd(&w->a, any, NULL, n);
		jadd(&w->a, any, NULL, patterned(w, "^[0-9]{1,18}$", NULL));
		jadd(&w->a, o, "anyOf", any);
		return o;
	}
	case FT_ENUM:
		/* a case's form is the one this schema is for */
		if (f == form_member(w->form->root, "form") && strcmp(f->name, "form") == 0)
			return enum_of(w, &w->form->key, 1, NULL, NULL);
		return enum_of(w, f->values, f->n_values, f->label_key, NULL);
	case FT_COUNTRY:
		return def_ref(w, "country", make_countries);
	case FT_LANG: {
		struct jv *o = typed(w, "string");
		jadd(&w->a, o, "minLength", jint(&w->a, 1));
		jadd(&w->a, o, "maxLength", jint(&w->a, 35));
		return o;
	}
	case FT_EMAIL:
		return patterned(w, "^[^@ \\t\\n\\r\\f\\v,<>]+@[^@ \\t\\n\\r\\f\\v,<>]*\\.[^@ \\t\\n\\r\\f\\v,<>]+$",
		    "schema.email");
	case FT_MANDATE:
		if (!w->form->addressees_free)
			return enum_of(w, w->form->addressees_fixed, w->form->n_addressees_fixed, NULL, NULL);
		return def_ref(w, "mandate", make_mandates);
	case FT_RECORD:
	case FT_LIST:
	case FT__COUNT:
		break;
	}
	return jnew(&w->a, J_TRUE);
}

/* A translatable value: the text, or a mapping of output languages to
 * texts (at least one). */
static struct jv *
translatable(struct sw *w, const struct form_field *f, struct jv *value)
{
	static const char *const text_or_null[] = { "string", "number", "boolean", "null", NULL };
	struct jv *o = obj(w), *any = arr(w), *map = typed(w, "object"), *props = obj(w);
	for (size_t i = 0; i < INTL_N_LANGS; i++) {
		struct jv *t = text_value(w, f);
		jset(&w->a, t, "type", type_list(w, text_or_null));
		jadd(&w->a, props, intl_langs[i], t);
	}
	jadd(&w->a, map, "properties", props);
	jadd(&w->a, map, "additionalProperties", jnew(&w->a, J_FALSE));
	jadd(&w->a, map, "minProperties", jint(&w->a, 1));
	jadd(&w->a, any, NULL, value);
	jadd(&w->a, any, NULL, map);
	jadd(&w->a, o, "anyOf", any);
	return o;
}

/* Accept null as well (a key with nothing after it), and the empty
 * string: a template's untouched "" where the field does not apply, which
 * spcomm check accepts with a warning (does-not-apply). */
static struct jv *
or_null(struct sw *w, struct jv *s)
{
	struct jv *o = obj(w), *any = arr(w), *empty = obj(w);
	jadd(&w->a, empty, "const", str(w, ""));
	jadd(&w->a, any, NULL, s);
	jadd(&w->a, any, NULL, typed(w, "null"));
	jadd(&w->a, any, NULL, empty);
	jadd(&w->a, o, "anyOf", any);
	return o;
}

/* Wrap s (a schema of the record at `at`) so that it applies from the top
 * of the case. */
static struct jv *
from_root(struct sw *w, const struct step *at, struct jv *s)
{
	for (; at; at = at->up) {
		struct jv *o = obj(w);
		if (at->name == NULL) {
			jadd(&w->a, o, "items", s);
		} else {
			struct jv *props = obj(w);
			jadd(&w->a, props, at->name, s);
			jadd(&w->a, o, "properties", props);
		}
		s = o;
	}
	return s;
}

/* The members of record rec as an object schema; at: where rec is. */
static struct jv *
record_schema(struct sw *w, const struct form_field *rec, enum disclosure cls,
    const struct step *at, int depth)
{
	struct jv *o = typed(w, "object"), *props = obj(w), *req = arr(w);
	/* the top record's conditions go with those from the top */
	struct jv *all = rec == w->form->root ? w->root_allof : arr(w);
	for (size_t i = 0; i < rec->n_fields; i++) {
		const struct form_field *m = rec->fields[i];
		struct step here = { m->name, at };
		jadd(&w->a, props, m->name, field_schema(w, rec, m, cls, &here, depth + 1));
		enum level lv = AT_ANY;
		struct jv *c = m->required ? cond_schema(w, m->required, rec, true, &lv) : NULL;
		if (c == NULL || c->kind == J_FALSE)
			continue;
		if (c->kind == J_TRUE) {
			jadd(&w->a, req, NULL, str(w, m->name));
			continue;
		}
		/* then: the member is there, and not null unless null may be its
		 * text */
		struct jv *then = requires(w, m->name);
		if (!null_may_be_text(m)) {
			struct jv *p = obj(w);
			jadd(&w->a, p, m->name, not_null(w));
			jadd(&w->a, then, "properties", p);
		}
		struct jv *ift = obj(w);
		jadd(&w->a, ift, "if", c);
		if (lv == AT_ROOT && rec != w->form->root) {
			jadd(&w->a, ift, "then", from_root(w, at, then));
			jadd(&w->a, w->root_allof, NULL, ift);
		} else {
			jadd(&w->a, ift, "then", then);
			jadd(&w->a, all, NULL, ift);
		}
	}
	if (rec->n_one_of_required > 0) {
		struct jv *any = arr(w), *one = obj(w);
		for (size_t i = 0; i < rec->n_one_of_required; i++)
			jadd(&w->a, any, NULL, requires(w, rec->one_of_required[i]));
		jadd(&w->a, one, "anyOf", any);
		jadd(&w->a, all, NULL, one);
	}
	jadd(&w->a, o, "properties", props);
	jadd(&w->a, o, "additionalProperties", jnew(&w->a, J_FALSE));
	if (req->first)
		jadd(&w->a, o, "required", req);
	if (rec != w->form->root && all->first)
		jadd(&w->a, o, "allOf", all);
	return o;
}

/* Whether the field is required, conditionally or not, in words. */
static const char *
need_words(struct sw *w, const struct form_field *rec, const struct form_field *m)
{
	enum level lv = AT_ANY;
	struct jv *c = m->required ? cond_schema(w, m->required, rec, true, &lv) : NULL;
	if (c && c->kind == J_TRUE)
		return text_of(w, "schema.required");
	if (m->required && (c == NULL || c->kind != J_FALSE))
		return fmt(w, c ? "schema.required_if" : "schema.required_if_check",
		    cond_words(w, m->required), NULL);
	if (rec && in_list(m->name, rec->one_of_required, rec->n_one_of_required))
		return fmt(w, "schema.one_of_required", names_words(w, rec->one_of_required,
		    rec->n_one_of_required), NULL);
	if (rec && in_list(m->name, rec->one_of_recommended, rec->n_one_of_recommended))
		return fmt(w, "schema.one_of_recommended", names_words(w, rec->one_of_recommended,
		    rec->n_one_of_recommended), NULL);
	if (m->recommended) {
		lv = AT_ANY;
		c = cond_schema(w, m->recommended, rec, true, &lv);
		if (c && c->kind == J_TRUE)
			return text_of(w, "schema.recommended");
		if (c == NULL || c->kind != J_FALSE)
			return fmt(w, "schema.recommended_if", cond_words(w, m->recommended), NULL);
	}
	return NULL;
}

/* Title and description of field m. */
static void
describe(struct sw *w, struct jv *o, const struct form_field *rec, const struct form_field *m,
    enum disclosure cls, enum disclosure parent)
{
	const char *label = text_of(w, m->label_key);
	const char *help = m->label_key ? text_of(w, arena_printf(&w->a, "%s.help", m->label_key))
	    : NULL;
	const char *facts[6];
	size_t n = 0;
	if ((facts[n] = need_words(w, rec, m)) != NULL)
		n++;
	if (rec == w->form->root || cls != parent)
		facts[n++] = text_of(w, cls == CLASS_SRC ? "schema.class.SRC"
		    : cls == CLASS_GOV ? "schema.class.GOV" : "schema.class.PUB");
	if (m->translatable)
		facts[n++] = text_of(w, "schema.translatable");
	if (m->type == FT_LIST && m->min_items > 0)
		facts[n++] = catalog_format_count(w->cat, &w->a, "schema.min_items", (long)m->min_items);
	if (m->default_value)
		facts[n++] = fmt(w, "schema.default", m->default_value, NULL);
	/* the help text, then the facts as one paragraph */
	const char *d = help ? help : "";
	bool first = true;
	for (size_t i = 0; i < n; i++) {
		if (facts[i] == NULL)
			continue;
		d = arena_printf(&w->a, "%s%s%s", d, !*d ? "" : first ? "\n\n" : " ", facts[i]);
		first = false;
	}
	if (label)
		jadd(&w->a, o, "title", str(w, label));
	if (*d)
		jadd(&w->a, o, "description", str(w, d));
}

/* The schema of member f of record rec (NULL for a list's item). */
static struct jv *
field_schema(struct sw *w, const struct form_field *rec, const struct form_field *f,
    enum disclosure parent, const struct step *at, int depth)
{
	enum disclosure cls = form_effective_class(f, parent);
	struct jv *s;
	if (depth > MAX_DEPTH) {
		s = jnew(&w->a, J_TRUE);
	} else if (f->type == FT_RECORD) {
		s = record_schema(w, f, cls, at, depth);
	} else if (f->type == FT_LIST && f->item) {
		struct step items = { NULL, at };
		s = typed(w, "array");
		const struct form_field *it = f->item;
		jadd(&w->a, s, "items", it->type == FT_RECORD
		    ? record_schema(w, it, form_effective_class(it, cls), &items, depth + 1)
		    : scalar_value(w, it));
		if (f->min_items > 0)
			jadd(&w->a, s, "minItems", jint(&w->a, (long long)f->min_items));
		jadd(&w->a, s, "maxItems", jint(&w->a, LIMIT_LIST_ITEMS));
	} else {
		s = scalar_value(w, f);
		if (f->translatable)
			s = translatable(w, f, s);
	}
	if (rec == NULL)
		return s;
	/* null: absent to spcomm, unless the field must be there (and null
	 * cannot be its text) */
	enum level lv = AT_ANY;
	struct jv *req = f->required ? cond_schema(w, f->required, rec, true, &lv) : NULL;
	if (!(req && req->kind == J_TRUE) || null_may_be_text(f))
		s = or_null(w, s);
	/* title and description beside the value's own keywords (an allOf
	 * keeps them apart from a $ref for older readers) */
	struct jv *o = obj(w);
	describe(w, o, rec, f, cls, parent);
	if (jget(s, "$ref") != NULL || jget(s, "anyOf") != NULL) {
		struct jv *one = arr(w);
		jadd(&w->a, one, NULL, s);
		jadd(&w->a, o, "allOf", one);
	} else {
		for (const struct jmember *k = s->first; k; k = k->next)
			jadd(&w->a, o, k->key, k->v);
	}
	return o;
}

bool
schema_write(const struct form *f, const struct form_set *fs, const struct catalog *cat,
    const struct countries *co, FILE *out)
{
	struct sw w = { .form = f, .fs = fs, .cat = cat, .co = co };
	w.defs = obj(&w);
	w.root_allof = arr(&w);
	struct jv *root = obj(&w);
	const char *title = text_of(&w, f->title_key);
	jadd(&w.a, root, "$schema", str(&w, "https://json-schema.org/draft/2020-12/schema"));
	jadd(&w.a, root, "title", str(&w, title ? title : f->key));
	jadd(&w.a, root, "description", str(&w, fmt(&w, "schema.root", f->key, NULL)));
	struct jv *body = record_schema(&w, f->root, CLASS_PUB, NULL, 0);
	for (const struct jmember *k = body->first; k; k = k->next)
		jadd(&w.a, root, k->key, k->v);
	if (w.root_allof->first)
		jadd(&w.a, root, "allOf", w.root_allof);
	if (w.defs->first)
		jadd(&w.a, root, "$defs", w.defs);
	jprint(out, root, 0);
	fputc('\n', out);
	arena_free(&w.a);
	return fflush(out) == 0 && !ferror(out);
}
