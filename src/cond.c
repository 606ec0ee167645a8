/* cond.c - conditions of the form language, on the YAML tree (cond.h). */
#include "cond.h"

#include <string.h>

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
cond_recent(const struct ynode *root, const char *path, int days)
{
	const struct ynode *n = cond_resolve(root, root, path[0] == '/' ? path : path);
	const struct ynode *d = ytree_get(root, "date");
	struct pdate when, date;
	char why[160];
	if (n == NULL || d == NULL || n->kind != YNODE_SCALAR || d->kind != YNODE_SCALAR ||
	    !intl_parse_date(n->text, true, &when, why, sizeof why) ||
	    !intl_parse_date(d->text, false, &date, why, sizeof why))
		return false;
	long between = intl_days_between(&when, &date);
	return between >= 0 && between <= days;
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
		return cond_recent(root, c->path, c->days);
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
