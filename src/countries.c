/* countries.c - UN country names that differ from CLDR (see countries.h). */
#include "countries.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "ytree.h"

struct countries {
	struct arena arena;
	const struct ynode *root;   /* CODE: {lang: name} */
};

struct countries *
countries_load(const char *dir, struct diag_list *dl)
{
	struct countries *c = xcalloc(1, sizeof *c);
	char path[4096], *buf = NULL;
	size_t len;
	snprintf(path, sizeof path, "%s/countries.yaml", dir);
	FILE *probe = fopen(path, "r");
	if (probe == NULL)
		return c; /* no overrides: ICU's names throughout */
	fclose(probe);
	struct diag_list local;
	diag_list_init(&local, path);
	struct ytree t = { 0 };
	bool ok = ytree_read_file(path, &buf, &len, &local) &&
	    ytree_load(buf, len, &c->arena, &t, &local);
	if (ok && (t.root == NULL || t.root->kind != YNODE_MAPPING)) {
		diag_add(&local, DIAG_FORM_FILE, NULL, NULL, NULL, "expected CODE: {lang: name}");
		ok = false;
	}
	for (const struct ynode *n = ok ? t.root->first_child : NULL; n; n = n->next) {
		if (n->kind != YNODE_MAPPING) {
			diag_add(&local, DIAG_FORM_FILE, &n->span, n->key, NULL,
			    "expected a mapping of language tags to names");
			ok = false;
			continue;
		}
		for (const struct ynode *m = n->first_child; m; m = m->next)
			if (m->kind != YNODE_SCALAR) {
				diag_add(&local, DIAG_FORM_FILE, &m->span, m->key, NULL, "a name is text");
				ok = false;
			}
	}
	for (size_t i = 0; i < local.n_items; i++) {
		const struct diag *d = &local.items[i];
		diag_add(dl, DIAG_FORM_FILE, NULL, NULL, NULL, "%s:%u:%u: %s", path,
		    d->has_span ? (unsigned)d->span.line + 1 : 0,
		    d->has_span ? (unsigned)d->span.col + 1 : 0, d->message);
	}
	diag_list_free(&local);
	free(buf);
	if (!ok) {
		countries_free(c);
		return NULL;
	}
	c->root = t.root;
	return c;
}

void
countries_free(struct countries *c)
{
	if (c == NULL)
		return;
	arena_free(&c->arena);
	free(c);
}

const char *
countries_name(const struct countries *c, const char *code, const char *lang)
{
	if (c == NULL || c->root == NULL)
		return NULL;
	const struct ynode *n = ytree_get(c->root, code);
	const struct ynode *name = n ? ytree_get(n, lang) : NULL;
	return name ? name->text : NULL;
}
