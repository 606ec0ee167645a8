/*
 * test_forms_cover.c - the forms' rules, exercised field by field on the
 * bundled cases: every required field present in a case is removed in turn
 * and must be reported as missing at its path; every conditionally
 * required field is removed in turn and must be reported exactly when its
 * condition holds (so each condition is tried both ways across the
 * cases); every enumeration value is misspelt in turn and must be refused
 * with the right value suggested.
 *
 * Then every conditional requirement of the forms (a `required` or
 * `recommended` that is a condition, in any record or shared block) and
 * every rule (some, every, check, recent, with their `when`) is exercised
 * both ways on each bundled case of its form: the case is edited
 * programmatically so that the condition holds, then so that it does not,
 * with the field removed (or the rule's test failed) each time; the
 * diagnostic must appear exactly in the first case.  The conditions are
 * read from the loaded forms, so a condition added to a form is tested
 * without a change here, and one that the editor below cannot build fails
 * the test.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "cond.h"
#include "form.h"
#include "harness.h"
#include "intl.h"
#include "validate.h"
#include "ytree.h"

#ifndef SPCOMM_SOURCE_DIR
#define SPCOMM_SOURCE_DIR "."
#endif

static struct form_set *fs;
static struct catalog *en;
static const char *case_file;
static struct ytree *tree;
static size_t n_required, n_cond_true, n_cond_false, n_enums;

/* The bundled cases, kept as text: each edit starts from a fresh tree. */
struct bundled {
	char *file;
	char *src;
	size_t len;
	const struct form *form;
};
static struct bundled *cases;
static size_t n_cases;

/* Validate the tree t of file; true if the diagnostics have `code` at
 * `path`. */
static bool
reports_in(const struct ytree *t, const char *file, enum diag_code code, const char *path,
    char *hint, size_t hint_len)
{
	struct arena a = { 0 };
	struct diag_list dl;
	diag_list_init(&dl, file);
	validate_case(fs, en, t, file, &a, &dl);
	bool found = false;
	for (size_t i = 0; i < dl.n_items; i++)
		if (dl.items[i].code == code && dl.items[i].path && strcmp(dl.items[i].path, path) == 0) {
			found = true;
			if (hint && dl.items[i].hint)
				snprintf(hint, hint_len, "%s", dl.items[i].hint);
		}
	diag_list_free(&dl);
	arena_free(&a);
	return found;
}

/* Validate the (mutated) tree of the case being walked. */
static bool
reports(enum diag_code code, const char *path, char *hint, size_t hint_len)
{
	return reports_in(tree, case_file, code, path, hint, hint_len);
}

static void
unlink_child(struct ynode *map, struct ynode *c, struct ynode **prev_out)
{
	struct ynode *prev = NULL;
	for (struct ynode *k = map->first_child; k && k != c; k = k->next)
		prev = k;
	if (prev)
		prev->next = c->next;
	else
		map->first_child = c->next;
	if (map->last_child == c)
		map->last_child = prev;
	map->n_children--;
	*prev_out = prev;
}

static void
relink_child(struct ynode *map, struct ynode *c, struct ynode *prev)
{
	if (prev) {
		c->next = prev->next;
		prev->next = c;
	} else {
		c->next = map->first_child;
		map->first_child = c;
	}
	if (c->next == NULL)
		map->last_child = c;
	map->n_children++;
}

static void walk(const struct form_field *f, struct ynode *n, const char *path);

static void
walk_record(const struct form_field *f, struct ynode *map, const char *path)
{
	for (size_t i = 0; i < f->n_fields; i++) {
		const struct form_field *m = f->fields[i];
		struct ynode *c = (struct ynode *)ytree_get(map, m->name);
		char sub[512];
		snprintf(sub, sizeof sub, "%s%s%s", path, *path ? "." : "", m->name);
		if (c == NULL || !cond_present(c))
			continue;
		if (m->required != NULL) {
			/* is the condition true with the field in place?  It may
			 * not depend on the field itself. */
			bool expect = cond_eval(m->required, tree->root, map);
			struct ynode *prev;
			unlink_child(map, c, &prev);
			bool got = reports(DIAG_REQUIRED, sub, NULL, 0);
			relink_child(map, c, prev);
			if (got != expect)
				fprintf(stderr, "%s: %s: required %s, reported %s\n", case_file, sub,
				    expect ? "yes" : "no", got ? "yes" : "no");
			CHECK(got == expect);
			if (m->required->kind == COND_TRUE)
				n_required++;
			else if (expect)
				n_cond_true++;
			else
				n_cond_false++;
		}
		walk(m, c, sub);
	}
}

static void
walk(const struct form_field *f, struct ynode *n, const char *path)
{
	if (f->type == FT_RECORD && n->kind == YNODE_MAPPING) {
		walk_record(f, n, path);
	} else if (f->type == FT_LIST && n->kind == YNODE_SEQUENCE) {
		size_t i = 0;
		for (struct ynode *c = n->first_child; c; c = c->next, i++) {
			char sub[512];
			snprintf(sub, sizeof sub, "%s[%zu]", path, i);
			walk(f->item, c, sub);
		}
	} else if (f->type == FT_ENUM && n->kind == YNODE_SCALAR) {
		/* misspell: a stray letter at the end ("urgent_appealx"), which
		 * cannot turn one value into another */
		const char *orig = n->text;
		size_t len = n->len;
		char *bad = malloc(len + 2);
		memcpy(bad, orig, len);
		bad[len] = 'x';
		bad[len + 1] = '\0';
		n->text = bad;
		n->len = len + 1;
		char hint[512] = "";
		/* `form` names the form itself: its own code */
		bool got = reports(strcmp(path, "form") == 0 ? DIAG_FORM_UNKNOWN : DIAG_ENUM, path,
		    hint, sizeof hint);
		char want[256];
		snprintf(want, sizeof want, "did you mean '%s'?", orig);
		CHECK(got);
		if (!strstr(hint, want))
			fprintf(stderr, "%s: %s: hint \"%s\" lacks %s\n", case_file, path, hint, want);
		CHECK(strstr(hint, want) != NULL);
		n->text = orig;
		n->len = len;
		free(bad);
		n_enums++;
	}
}

static void
cover_case(const char *file)
{
	char *src = NULL;
	size_t len;
	struct arena a = { 0 };
	struct diag_list dl;
	struct ytree t = { 0 };
	diag_list_init(&dl, file);
	CHECK(ytree_read_file(file, &src, &len, &dl));
	if (src == NULL)
		return;
	CHECK(ytree_load(src, len, &a, &t, &dl));
	tree = &t;
	case_file = file;
	const struct ynode *fn = t.root ? ytree_get(t.root, "form") : NULL;
	const struct form *f = fn ? form_find(fs, fn->text) : NULL;
	CHECK(f != NULL);
	/* the case is valid to begin with */
	CHECK(!reports(DIAG_REQUIRED, "", NULL, 0));
	if (f != NULL)
		walk(f->root, (struct ynode *)t.root, "");
	diag_list_free(&dl);
	arena_free(&a);
	cases = xrealloc(cases, (n_cases + 1) * sizeof *cases);
	cases[n_cases++] = (struct bundled){ xstrdup(file), src, len, f };
}

/* ----- conditions both ways, on edited copies of the bundled cases ----- */

#define MAX_DEPTH 16

/* A record of a form and the way to it from the root: the member name,
 * either a record or a list whose first item is the record. */
struct frame {
	const struct form_field *rec;   /* a RECORD field (a list's item) */
	const char *name;               /* NULL for the root */
	bool list;
};

struct chain {
	struct frame f[MAX_DEPTH];
	size_t n;
};

/* A fresh tree of one bundled case being edited, and the records the
 * edit stands in (root first), with the diagnostic path of the last. */
struct edit {
	const struct bundled *bc;
	struct arena a;
	struct diag_list dl;
	struct ytree t;
	struct ynode *nodes[MAX_DEPTH];
	const struct form_field *recs[MAX_DEPTH];
	char paths[MAX_DEPTH][512];
	size_t depth;
};

static bool
edit_open(struct edit *e, const struct bundled *bc)
{
	memset(e, 0, sizeof *e);
	e->bc = bc;
	diag_list_init(&e->dl, bc->file);
	if (!ytree_load(bc->src, bc->len, &e->a, &e->t, &e->dl) || e->t.root == NULL)
		return false;
	e->nodes[0] = e->t.root;
	e->recs[0] = bc->form->root;
	e->depth = 1;
	return true;
}

static void
edit_close(struct edit *e)
{
	diag_list_free(&e->dl);
	arena_free(&e->a);
}

static struct ynode *
new_node(struct edit *e, enum ynode_kind kind, const char *text)
{
	struct ynode *n = arena_alloc(&e->a, sizeof *n);
	n->kind = kind;
	if (text != NULL) {
		n->text = arena_strdup(&e->a, text);
		n->len = strlen(text);
		n->style = YSTYLE_QUOTED;
	}
	return n;
}

static void
append_child(struct ynode *parent, struct ynode *c)
{
	c->parent = parent;
	c->next = NULL;
	if (parent->last_child)
		parent->last_child->next = c;
	else
		parent->first_child = c;
	parent->last_child = c;
	parent->n_children++;
}

/* Member key of map becomes val: in place of the old value (keeping its
 * position in the file, for the diagnostics), or added at the end. */
static void
put(struct edit *e, struct ynode *map, const char *key, struct ynode *val)
{
	val->key = arena_strdup(&e->a, key);
	val->parent = map;
	struct ynode *prev = NULL;
	for (struct ynode *c = map->first_child; c; prev = c, c = c->next) {
		if (c->key == NULL || strcmp(c->key, key) != 0)
			continue;
		val->next = c->next;
		val->span = c->span;
		val->key_span = c->key_span;
		if (prev)
			prev->next = val;
		else
			map->first_child = val;
		if (map->last_child == c)
			map->last_child = val;
		return;
	}
	val->span = map->span;
	val->key_span = map->key_span;
	append_child(map, val);
}

static void
drop(struct ynode *map, const char *key)
{
	struct ynode *c = (struct ynode *)ytree_get(map, key);
	struct ynode *prev;
	if (c != NULL)
		unlink_child(map, c, &prev);
}

/* Stand in member m of the current record: the record itself, or the
 * first item of a list, made (empty) when the case has none. */
static bool
edit_enter(struct edit *e, const struct form_field *m)
{
	if (m == NULL || e->depth >= MAX_DEPTH)
		return false;
	struct ynode *map = e->nodes[e->depth - 1];
	char at[sizeof e->paths[0]];
	memcpy(at, e->paths[e->depth - 1], sizeof at);
	struct ynode *c = (struct ynode *)ytree_get(map, m->name);
	bool list = m->type == FT_LIST;
	const struct form_field *rec = list ? m->item : m;
	if (rec == NULL || rec->type != FT_RECORD)
		return false;
	if (list) {
		if (c == NULL || c->kind != YNODE_SEQUENCE || c->first_child == NULL) {
			c = new_node(e, YNODE_SEQUENCE, NULL);
			put(e, map, m->name, c);
			append_child(c, new_node(e, YNODE_MAPPING, NULL));
		}
		c = c->first_child;
	} else if (c == NULL || !cond_present(c)) {
		c = new_node(e, YNODE_MAPPING, NULL);
		put(e, map, m->name, c);
	}
	if (c->kind != YNODE_MAPPING)
		return false;
	snprintf(e->paths[e->depth], sizeof e->paths[0], "%.400s%s%.100s%s", at, *at ? "." : "",
	    m->name, list ? "[0]" : "");
	e->nodes[e->depth] = c;
	e->recs[e->depth] = rec;
	e->depth++;
	return true;
}

/* Where the field at a condition's path lives: relative to the current
 * record ("../" climbs), or from the root ("/"); records on the way are
 * made when absent.  *map gets the record, *field its member. */
static bool
edit_target(struct edit *e, const char *path, struct ynode **map,
    const struct form_field **field)
{
	size_t d = e->depth;
	if (path[0] == '/') {
		d = 1;
		path++;
	}
	while (strncmp(path, "../", 3) == 0) {
		if (d <= 1)
			return false;
		d--;
		path += 3;
	}
	struct ynode *cur = e->nodes[d - 1];
	const struct form_field *rec = e->recs[d - 1];
	for (;;) {
		const char *dot = strchr(path, '.');
		size_t n = dot ? (size_t)(dot - path) : strlen(path);
		char name[128];
		if (n == 0 || n >= sizeof name)
			return false;
		memcpy(name, path, n);
		name[n] = '\0';
		const struct form_field *m = form_member(rec, name);
		if (m == NULL)
			return false;
		if (dot == NULL) {
			*map = cur;
			*field = m;
			return true;
		}
		if (m->type != FT_RECORD)
			return false;
		struct ynode *c = (struct ynode *)ytree_get(cur, name);
		if (c == NULL || c->kind != YNODE_MAPPING) {
			c = new_node(e, YNODE_MAPPING, NULL);
			put(e, cur, name, c);
		}
		cur = c;
		rec = m;
		path = dot + 1;
	}
}

static const char *const tri_values[] = { "yes", "no", "unknown" };
static const char *const bool_values[] = { "true", "false" };

/* The values a field (or each item of a list) may take; 0: free text. */
static size_t
choices(const struct form_field *f, const char *const **out)
{
	const struct form_field *v = f->type == FT_LIST ? f->item : f;
	if (v == NULL)
		return 0;
	switch (v->type) {
	case FT_ENUM:
		*out = (const char *const *)v->values;
		return v->n_values;
	case FT_TRI:
		*out = tri_values;
		return 3;
	case FT_BOOL:
		*out = bool_values;
		return 2;
	default:
		return 0;
	}
}

static const char *
case_date(struct edit *e)
{
	const struct ynode *d = ytree_get(e->t.root, "date");
	return d && d->kind == YNODE_SCALAR ? d->text : NULL;
}

/* The case's date `years` earlier: a year is long before any urgent
 * procedure; a window of a year or more needs more. */
static const char *
years_before(struct edit *e, int years)
{
	const char *d = case_date(e);
	if (d == NULL || strlen(d) != 10)
		return NULL;
	int y = atoi(d), m = atoi(d + 5), day = atoi(d + 8);
	return arena_printf(&e->a, "%04d-%02d-%02d", y - years, m, m == 2 && day == 29 ? 28 : day);
}

static bool make(struct edit *e, const struct cond *c, bool want);

/* Quantifiers: each item of the list made so (every true, some false),
 * or its first item (every false, some true). */
static bool
make_items(struct edit *e, const struct cond *c, bool want)
{
	struct ynode *map;
	const struct form_field *f;
	if (c->n_subs != 1 || e->depth >= MAX_DEPTH || !edit_target(e, c->path, &map, &f) ||
	    f->type != FT_LIST || f->item == NULL || f->item->type != FT_RECORD)
		return false;
	struct ynode *list = (struct ynode *)ytree_get(map, f->name);
	if (list == NULL || list->kind != YNODE_SEQUENCE)
		return false;
	bool each = (c->kind == COND_EVERY) == want;
	bool ok = false;
	for (struct ynode *it = list->first_child; it; it = each ? it->next : NULL) {
		if (it->kind != YNODE_MAPPING)
			continue;
		e->nodes[e->depth] = it;
		e->recs[e->depth] = f->item;
		snprintf(e->paths[e->depth], sizeof e->paths[0], "%.500s", f->name);
		e->depth++;
		ok = make(e, c->subs[0], want);
		e->depth--;
		if (!ok)
			return false;
	}
	return ok;
}

/* A valid value of field f, to make it present. */
static const char *
sample(struct edit *e, const struct form_field *f)
{
	const char *const *v;
	if (choices(f, &v) > 0)
		return v[0];
	switch (f->type == FT_LIST && f->item ? f->item->type : f->type) {
	case FT_STRING:
	case FT_TEXT:
		return "Written by the forms test";
	case FT_DATE:
	case FT_PDATE:
		return case_date(e);
	case FT_INT:
		return "1";
	case FT_COUNTRY:
		return "FR";
	case FT_EMAIL:
		return "forms-test@example.org";
	case FT_LANG:
		return "en";
	default:
		return NULL;
	}
}

/* Member `name` of map (field f) becomes value: a scalar, or a list of one. */
static bool
set_value(struct edit *e, struct ynode *map, const struct form_field *f, const char *value)
{
	if (value == NULL || f->type == FT_RECORD)
		return false;
	struct ynode *v;
	if (f->type == FT_LIST) {
		if (f->item == NULL || f->item->type == FT_RECORD)
			return false;
		v = new_node(e, YNODE_SEQUENCE, NULL);
		append_child(v, new_node(e, YNODE_SCALAR, value));
	} else {
		v = new_node(e, YNODE_SCALAR, value);
	}
	put(e, map, f->name, v);
	return true;
}

/*
 * Edit the case so that c evaluates to want from the current record,
 * changing only what must change: a value named by the condition is set
 * to one it lists, to another value of the field, or removed; a
 * condition already as wanted is left alone.  False when it cannot be
 * done (the test then fails, naming the condition).
 */
static bool
make(struct edit *e, const struct cond *c, bool want)
{
	struct ynode *rec = e->nodes[e->depth - 1];
	if (cond_eval(c, e->t.root, rec) == want)
		return true;
	struct ynode *map;
	const struct form_field *f;
	switch (c->kind) {
	case COND_TRUE:
		return false;
	case COND_NOT:
		if (c->n_subs != 1 || !make(e, c->subs[0], !want))
			return false;
		break;
	case COND_ALL:
	case COND_ANY:
		if ((c->kind == COND_ALL) == want) {
			/* every part must be as wanted */
			for (size_t i = 0; i < c->n_subs; i++)
				if (!make(e, c->subs[i], want))
					return false;
		} else {
			/* one part is enough: the last one that can be made so
			 * (the first ones are often "is present") */
			bool done = false;
			for (size_t i = c->n_subs; i-- > 0 && !done;)
				done = make(e, c->subs[i], want) && cond_eval(c, e->t.root, rec) == want;
			if (!done)
				return false;
		}
		break;
	case COND_RECENT: {
		char path[256];
		snprintf(path, sizeof path, "%s%s", c->path[0] == '/' ? "" : "/", c->path);
		int back = 1 + c->months / 12 + c->days / 365;
		if (!edit_target(e, path, &map, &f) ||
		    !set_value(e, map, f, want ? case_date(e) : years_before(e, back)))
			return false;
		break;
	}
	case COND_EVERY:
	case COND_SOME:
		if (!make_items(e, c, want))
			return false;
		break;
	case COND_PRESENT:
		if (!edit_target(e, c->path, &map, &f))
			return false;
		if (want == c->present) {
			if (!set_value(e, map, f, sample(e, f)))
				return false;
		} else {
			drop(map, f->name);
		}
		break;
	case COND_IS:
	case COND_IN:
	case COND_NOT_IN: {
		if (!edit_target(e, c->path, &map, &f))
			return false;
		/* whether the value must be one of those the condition lists */
		bool listed = (c->kind != COND_NOT_IN) == want;
		if (listed) {
			if (c->n_values == 0 || !set_value(e, map, f, c->values[0]))
				return false;
			break;
		}
		const char *const *vals;
		size_t nv = choices(f, &vals);
		const char *other = NULL;
		for (size_t i = 0; i < nv && other == NULL; i++) {
			bool in = false;
			for (size_t j = 0; j < c->n_values; j++)
				in |= strcmp(vals[i], c->values[j]) == 0;
			if (!in)
				other = vals[i];
		}
		if (other != NULL) {
			if (!set_value(e, map, f, other))
				return false;
		} else {
			drop(map, f->name);  /* absent: `is` and `in` are false */
		}
		break;
	}
	}
	return cond_eval(c, e->t.root, rec) == want;
}

/* ----- conditional requirements ----- */

struct creq {
	const struct form *form;
	struct chain ch;                /* the record that holds the field */
	const struct form_field *field;
	const struct cond *cond;
	bool recommended;
	size_t done[2];                 /* cases exercised with the condition false, true */
};

static struct creq *creqs;
static size_t n_creqs;

static void
collect_requirements(const struct form *fm, struct chain *ch)
{
	const struct form_field *rec = ch->f[ch->n - 1].rec;
	for (size_t i = 0; i < rec->n_fields; i++) {
		const struct form_field *m = rec->fields[i];
		const struct cond *cs[2] = { m->required, m->recommended };
		for (int k = 0; k < 2; k++) {
			if (cs[k] == NULL || cs[k]->kind == COND_TRUE)
				continue;
			creqs = xrealloc(creqs, (n_creqs + 1) * sizeof *creqs);
			creqs[n_creqs++] = (struct creq){ .form = fm, .ch = *ch, .field = m,
				.cond = cs[k], .recommended = k == 1 };
		}
		const struct form_field *sub = m->type == FT_LIST ? m->item : m;
		if (sub != NULL && sub->type == FT_RECORD && ch->n < MAX_DEPTH) {
			ch->f[ch->n++] = (struct frame){ sub, m->name, m->type == FT_LIST };
			collect_requirements(fm, ch);
			ch->n--;
		}
	}
}

/* The path of a requirement's field, as diagnostics name it. */
static void
creq_path(const struct creq *r, char *buf, size_t n)
{
	size_t k = 0;
	buf[0] = '\0';
	for (size_t i = 1; i < r->ch.n && k < n; i++)
		k += (size_t)snprintf(buf + k, n - k, "%s%s%s", k ? "." : "", r->ch.f[i].name,
		    r->ch.f[i].list ? "[0]" : "");
	if (k < n)
		snprintf(buf + k, n - k, "%s%s", k ? "." : "", r->field->name);
}

/* The field removed and its condition made `want`: 1 if the case is
 * reported as missing it, 0 if not, -1 if the case could not be edited
 * so. */
static int
try_requirement(const struct creq *r, const struct bundled *bc, bool want)
{
	struct edit e;
	int result = -1;
	bool ok = edit_open(&e, bc);
	for (size_t i = 1; ok && i < r->ch.n; i++)
		ok = edit_enter(&e, form_member(e.recs[e.depth - 1], r->ch.f[i].name));
	if (ok && make(&e, r->cond, want)) {
		struct ynode *rec = e.nodes[e.depth - 1];
		drop(rec, r->field->name);
		/* the condition must not depend on the field itself */
		if (cond_eval(r->cond, e.t.root, rec) == want) {
			char path[1024];
			snprintf(path, sizeof path, "%s%s%s", e.paths[e.depth - 1],
			    *e.paths[e.depth - 1] ? "." : "", r->field->name);
			result = reports_in(&e.t, bc->file, r->recommended ? DIAG_RECOMMENDED
			    : DIAG_REQUIRED, path, NULL, 0);
		}
	}
	edit_close(&e);
	return result;
}

static void
cover_requirements(void)
{
	harness_current = "requirements both ways";
	for (size_t i = 0; i < fs->n_forms; i++) {
		struct chain ch = { .n = 1 };
		ch.f[0] = (struct frame){ fs->forms[i]->root, NULL, false };
		collect_requirements(fs->forms[i], &ch);
	}
	size_t tries = 0;
	for (size_t i = 0; i < n_creqs; i++) {
		struct creq *r = &creqs[i];
		char path[1024];
		creq_path(r, path, sizeof path);
		for (size_t c = 0; c < n_cases; c++) {
			if (cases[c].form != r->form)
				continue;
			for (int want = 0; want < 2; want++) {
				int got = try_requirement(r, &cases[c], want);
				if (got < 0)
					continue;
				tries++;
				if (got != want)
					fprintf(stderr, "%s: %s: %s removed with its condition %s: "
					    "reported %s\n", cases[c].file, path, r->recommended
					    ? "recommended field" : "required field", want ? "true" : "false",
					    got ? "yes" : "no");
				CHECK(got == want);
				r->done[want]++;
			}
		}
		if (r->done[0] == 0 || r->done[1] == 0)
			fprintf(stderr, "%s: %s (%s): no bundled case could be edited to make its "
			    "condition %s\n", r->form->key, path, r->recommended ? "recommended"
			    : "required", r->done[1] == 0 ? "true" : "false");
		CHECK(r->done[0] > 0 && r->done[1] > 0);
	}
	printf("%zu conditional requirements of the forms, each both ways: %zu edited cases\n",
	    n_creqs, tries);
	CHECK(n_creqs > 0);
	free(creqs);
}

/* ----- rules ----- */

/*
 * The rule made to apply (its `when` true) and its test failed: 1 if the
 * rule's diagnostic appears, 0 if not, -1 if the case could not be edited
 * so.  With want false: the same failure with `when` false, or, for a
 * rule without `when`, its test passed.
 */
static int
try_rule(const struct form_rule *ru, const struct bundled *bc, bool want)
{
	struct edit e;
	int result = -1;
	bool fail = want || ru->when != NULL;
	bool ok = edit_open(&e, bc) && (ru->when == NULL || make(&e, ru->when, want));
	char at[512] = "";
	if (ok && ru->at)
		snprintf(at, sizeof at, "%s", ru->at + (ru->at[0] == '/'));
	if (ok && ru->kind == RULE_CHECK) {
		ok = make(&e, ru->where, !fail);
	} else if (ok && ru->kind == RULE_RECENT) {
		struct cond recent = { .kind = COND_RECENT, .path = ru->list, .days = ru->days,
			.months = ru->months };
		ok = make(&e, &recent, fail);
		if (!*at)
			snprintf(at, sizeof at, "%s", ru->list + (ru->list[0] == '/'));
	} else if (ok) {
		/* some / every: stand in the list's first item (made if absent),
		 * then in each of its items in turn */
		const char *p = ru->list + (ru->list[0] == '/');
		while (ok && *p) {
			const char *dot = strchr(p, '.');
			size_t n = dot ? (size_t)(dot - p) : strlen(p);
			char name[128];
			if (n == 0 || n >= sizeof name) {
				ok = false;
				break;
			}
			memcpy(name, p, n);
			name[n] = '\0';
			ok = edit_enter(&e, form_member(e.recs[e.depth - 1], name));
			p += n + (dot != NULL);
		}
		/* `some` fails when no item passes; `every` when one fails */
		bool all_items = ru->kind == RULE_SOME ? fail : !fail;
		struct ynode *first = ok ? e.nodes[e.depth - 1] : NULL;
		for (struct ynode *it = first; ok && it; it = all_items ? it->next : NULL) {
			if (it->kind != YNODE_MAPPING)
				continue;
			e.nodes[e.depth - 1] = it;
			ok = make(&e, ru->where, !fail);
		}
		if (ok) {
			e.nodes[e.depth - 1] = first;
			const char *list = e.paths[e.depth - 1];
			size_t len = strlen(list);
			if (ru->kind == RULE_EVERY)
				snprintf(at, sizeof at, "%.500s", list);  /* reported at the item */
			else if (!*at)
				snprintf(at, sizeof at, "%.*s", (int)(len > 3 ? len - 3 : 0), list);
		}
	}
	/* the edits for the test must have left `when` as wanted */
	if (ok && (ru->when == NULL || cond_eval(ru->when, e.t.root, e.t.root) == want))
		result = reports_in(&e.t, bc->file, ru->code, at,
		    NULL, 0);
	edit_close(&e);
	return result;
}

static void
cover_rules(void)
{
	harness_current = "rules both ways";
	size_t n_rules = 0, tries = 0;
	for (size_t i = 0; i < fs->n_forms; i++) {
		const struct form *fm = fs->forms[i];
		for (size_t r = 0; r < fm->n_rules; r++) {
			const struct form_rule *ru = &fm->rules[r];
			size_t done[2] = { 0, 0 };
			n_rules++;
			for (size_t c = 0; c < n_cases; c++) {
				if (cases[c].form != fm)
					continue;
				for (int want = 0; want < 2; want++) {
					int got = try_rule(ru, &cases[c], want);
					if (got < 0)
						continue;
					tries++;
					if (got != want)
						fprintf(stderr, "%s: rule %zu of %s (\"%.50s...\"), %s: "
						    "reported %s\n", cases[c].file, r + 1, fm->key, ru->message,
						    want ? "applies and fails" : ru->when ? "does not apply"
						    : "passes", got ? "yes" : "no");
					CHECK(got == want);
					done[want]++;
				}
			}
			if (done[0] == 0 || done[1] == 0)
				fprintf(stderr, "%s: rule %zu (\"%.50s...\"): no bundled case could be "
				    "edited to make it %s\n", fm->key, r + 1, ru->message,
				    done[1] == 0 ? "fail" : ru->when ? "not apply" : "pass");
			CHECK(done[0] > 0 && done[1] > 0);
		}
	}
	printf("%zu rules of the forms, each both ways: %zu edited cases\n", n_rules, tries);
	CHECK(n_rules > 0);
}

int
main(void)
{
	char err[128];
	struct diag_list dl;
	diag_list_init(&dl, NULL);
	if (!intl_init(err, sizeof err))
		return 1;
	fs = form_set_load(SPCOMM_SOURCE_DIR "/forms", &dl);
	en = catalog_load(SPCOMM_SOURCE_DIR "/locale", "en", &dl);
	if (fs == NULL || en == NULL)
		return 1;
	DIR *d = opendir(SPCOMM_SOURCE_DIR "/cases");
	struct dirent *e;
	char **names = NULL;
	size_t n = 0;
	while (d && (e = readdir(d)) != NULL) {
		size_t l = strlen(e->d_name);
		if (l > 5 && strcmp(e->d_name + l - 5, ".yaml") == 0) {
			names = realloc(names, (n + 1) * sizeof *names);
			names[n] = malloc(strlen(SPCOMM_SOURCE_DIR) + l + 8);
			sprintf(names[n++], "%s/cases/%s", SPCOMM_SOURCE_DIR, e->d_name);
		}
	}
	if (d)
		closedir(d);
	harness_current = "cover";
	for (size_t i = 0; i < n; i++) {
		cover_case(names[i]);
		free(names[i]);
	}
	free(names);
	printf("%zu required fields removed, %zu conditional ones reported, %zu not "
	    "(condition false), %zu enumerations misspelt, over the bundled cases\n",
	    n_required, n_cond_true, n_cond_false, n_enums);
	CHECK(n_required > 0 && n_cond_true > 0 && n_cond_false > 0 && n_enums > 0);
	cover_requirements();
	cover_rules();
	for (size_t i = 0; i < n_cases; i++) {
		free(cases[i].file);
		free(cases[i].src);
	}
	free(cases);
	catalog_free(en);
	form_set_free(fs);
	diag_list_free(&dl);
	return harness_done();
}
