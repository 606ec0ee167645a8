/*
 * test_forms_cover.c - the forms' rules, exercised field by field on the
 * bundled cases: every required field present in a case is removed in turn
 * and must be reported as missing at its path; every conditionally
 * required field is removed in turn and must be reported exactly when its
 * condition holds (so each condition is tried both ways across the
 * cases); every enumeration value is misspelt in turn and must be refused
 * with the right value suggested.
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

/* Validate the (mutated) tree; true if dl has `code` at `path`. */
static bool
reports(enum diag_code code, const char *path, char *hint, size_t hint_len)
{
	struct arena a = { 0 };
	struct diag_list dl;
	diag_list_init(&dl, case_file);
	validate_case(fs, en, tree, case_file, &a, &dl);
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
	free(src);
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
	catalog_free(en);
	form_set_free(fs);
	diag_list_free(&dl);
	return harness_done();
}
