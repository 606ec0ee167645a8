/* cond.c - conditions of the form language, on the YAML tree (cond.h). */
#include "cond.h"

#include <string.h>

#include "arena.h"

/* The record that holds node: the nearest mapping above it, skipping the
 * sequences of lists (so '../' from a list item reaches the record that
 * holds the list). */
static const struct ynode *
enclosing_record(const struct ynode *n)
{
	n = n->parent;
	while (n != NULL && n->kind != YNODE_MAPPING)
		n = n->parent;
	return n;
}

const struct ynode *
cond_resolve(const struct ynode *root, const struct ynode *rec, const char *path)
{
	if (path[0] == '/') {
		rec = root;
		path++;
	}
	while (strncmp(path, "../", 3) == 0 && rec != NULL) {
		rec = enclosing_record(rec);
		path += 3;
	}
	char part[128];
	while (rec != NULL && *path) {
		const char *dot = strchr(path, '.');
		size_t n = dot ? (size_t)(dot - path) : strlen(path);
		if (n >= sizeof part || rec->kind != YNODE_MAPPING)
			return NULL;
		memcpy(part, path, n);
		part[n] = '\0';
		rec = ytree_get(rec, part);
		path += n + (dot != NULL);
	}
	return rec;
}

bool
cond_present(const struct ynode *n)
{
	return n != NULL && !(n->kind == YNODE_SCALAR && n->len == 0 && n->style == YSTYLE_PLAIN);
}

static bool
matches(const struct cond *c, const struct ynode *n)
{
	if (n == NULL)
		return false;
	if (n->kind == YNODE_SEQUENCE) {
		for (const struct ynode *it = n->first_child; it; it = it->next)
			if (matches(c, it))
				return true;
		return false;
	}
	if (n->kind != YNODE_SCALAR)
		return false;
	for (size_t i = 0; i < c->n_values; i++)
		if (strcmp(n->text, c->values[i]) == 0)
			return true;
	return false;
}

bool
cond_recent(const struct ynode *root, const char *path, int days, int months)
{
	const struct ynode *n = cond_resolve(root, root, path);
	const struct ynode *d = ytree_get(root, "date");
	struct pdate when, date;
	char why[160];
	if (n == NULL || d == NULL || n->kind != YNODE_SCALAR || d->kind != YNODE_SCALAR ||
	    !intl_parse_date(n->text, true, &when, why, sizeof why) ||
	    !intl_parse_date(d->text, false, &date, why, sizeof why))
		return false;
	if (months > 0) {
		/* calendar months, inclusive: "not more than one year before" */
		struct intl_span sp;
		if (intl_date_cmp(&when, &date) > 0 || when.precision < 2)
			return false; /* a year alone cannot tell */
		if (!intl_date_span(&when, &date, &sp))
			return true; /* shorter than a partial date can tell */
		int whole = sp.years * 12 + sp.months;
		return whole < months || (whole == months && sp.days == 0);
	}
	long between = intl_days_between(&when, &date);
	return between >= 0 && between <= days;
}

/* Whether the items of the list at path (relative to rec) satisfy c:
 * every one (true for no items), or some. */
static bool
quantify(const struct cond *c, const struct ynode *root, const struct ynode *rec)
{
	const struct ynode *list = cond_resolve(root, rec, c->path);
	bool every = c->kind == COND_EVERY;
	if (list == NULL || list->kind != YNODE_SEQUENCE || c->n_subs != 1)
		return every;
	for (const struct ynode *it = list->first_child; it; it = it->next) {
		if (it->kind != YNODE_MAPPING)
			continue;
		if (cond_eval(c->subs[0], root, it) != every)
			return !every;
	}
	return every;
}

bool
cond_eval(const struct cond *c, const struct ynode *root, const struct ynode *rec)
{
	if (c == NULL)
		return false;
	switch (c->kind) {
	case COND_TRUE:
		return true;
	case COND_ALL:
		for (size_t i = 0; i < c->n_subs; i++)
			if (!cond_eval(c->subs[i], root, rec))
				return false;
		return true;
	case COND_ANY:
		for (size_t i = 0; i < c->n_subs; i++)
			if (cond_eval(c->subs[i], root, rec))
				return true;
		return false;
	case COND_NOT:
		return c->n_subs == 1 && !cond_eval(c->subs[0], root, rec);
	case COND_RECENT:
		return cond_recent(root, c->path, c->days, c->months);
	case COND_EVERY:
	case COND_SOME:
		return quantify(c, root, rec);
	case COND_PRESENT:
		return cond_present(cond_resolve(root, rec, c->path)) == c->present;
	case COND_IS:
	case COND_IN:
		return matches(c, cond_resolve(root, rec, c->path));
	case COND_NOT_IN:
		return !matches(c, cond_resolve(root, rec, c->path));
	}
	return false;
}

/* ----- conditions in words ----- */

/* A path as the user reads it: root paths without their "/". */
static const char *
path_words(const char *path)
{
	return path[0] == '/' ? path + 1 : path;
}

static const char *
values_words(struct arena *a, const char *const *v, size_t n, const char *conj)
{
	char *s = arena_printf(a, "%s", n ? v[0] : "");
	for (size_t i = 1; i < n; i++)
		s = arena_printf(a, "%s%s%s", s, i + 1 == n ? conj : ", ", v[i]);
	return s;
}

const char *
cond_describe(struct arena *a, const struct cond *c)
{
	switch (c->kind) {
	case COND_TRUE:
		return "always";
	case COND_IS:
		return arena_printf(a, "%s is %s", path_words(c->path), c->values[0]);
	case COND_IN:
		return arena_printf(a, "%s is %s", path_words(c->path),
		    values_words(a, c->values, c->n_values, " or "));
	case COND_NOT_IN:
		return arena_printf(a, "%s is not %s", path_words(c->path),
		    values_words(a, c->values, c->n_values, " or "));
	case COND_PRESENT:
		return arena_printf(a, "%s is %s", path_words(c->path),
		    c->present ? "filled in" : "not filled in");
	case COND_RECENT:
		return c->months > 0
		    ? arena_printf(a, "%s is at most %d months before the date of the submission",
		    path_words(c->path), c->months)
		    : arena_printf(a, "%s is at most %d days before the date of the submission",
		    path_words(c->path), c->days);
	case COND_NOT:
		return arena_printf(a, "not (%s)", c->n_subs ? cond_describe(a, c->subs[0]) : "");
	case COND_EVERY:
	case COND_SOME:
		return arena_printf(a, "%s item of %s has %s", c->kind == COND_EVERY ? "every" : "some",
		    path_words(c->path), c->n_subs ? cond_describe(a, c->subs[0]) : "");
	case COND_ALL:
	case COND_ANY:
		break;
	}
	/* "given_by is filled in and is not victim" rather than naming the
	 * field twice: the forms write that pair often */
	if (c->kind == COND_ALL && c->n_subs == 2 && c->subs[0]->kind == COND_PRESENT &&
	    c->subs[0]->present && c->subs[1]->kind == COND_NOT_IN &&
	    strcmp(c->subs[0]->path, c->subs[1]->path) == 0)
		return arena_printf(a, "%s is filled in and is not %s", path_words(c->subs[0]->path),
		    values_words(a, c->subs[1]->values, c->subs[1]->n_values, " or "));
	char *s = arena_printf(a, "%s", "");
	for (size_t i = 0; i < c->n_subs; i++)
		s = arena_printf(a, "%s%s%s", s, i ? (c->kind == COND_ALL ? " and " : " or ") : "",
		    cond_describe(a, c->subs[i]));
	return s;
}

bool
cond_unfilled(const struct ynode *n)
{
	if (n == NULL)
		return false;
	if (n->kind != YNODE_SCALAR) {
		/* a record or list of nothing but unfilled values */
		for (const struct ynode *c = n->first_child; c; c = c->next)
			if (!cond_unfilled(c))
				return false;
		return n->first_child != NULL;
	}
	if (n->len == 0)
		return n->style != YSTYLE_PLAIN;
	return n->len >= 2 && n->text[0] == '<' && n->text[n->len - 1] == '>' &&
	    memchr(n->text, '\n', n->len) == NULL;
}

bool
cond_undecided(const struct cond *c, const struct ynode *root, const struct ynode *rec,
    const char **path)
{
	if (c == NULL)
		return false;
	switch (c->kind) {
	case COND_TRUE:
		return false;
	case COND_ALL:
	case COND_ANY:
	case COND_NOT:
		for (size_t i = 0; i < c->n_subs; i++)
			if (cond_undecided(c->subs[i], root, rec, path))
				return true;
		return false;
	case COND_EVERY:
	case COND_SOME:
	case COND_RECENT:
	case COND_PRESENT:
	case COND_IS:
	case COND_IN:
	case COND_NOT_IN:
		break;
	}
	const struct ynode *n = cond_resolve(root, rec, c->path);
	if (n == NULL || n->kind != YNODE_SCALAR || !cond_unfilled(n))
		return false;
	*path = path_words(c->path);
	return true;
}
