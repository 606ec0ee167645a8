/* countries.c - UN country names that differ from CLDR, and country names
 * typed in place of a code (see countries.h). */
#include "countries.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "intl.h"
#include "ytree.h"

/* One folded name ("turkiye", "tur", "tr") and the code it stands for. */
struct country_key {
	const char *key;
	char code[3];
	bool is_code;   /* a code (alpha-2, alpha-3): matched exactly only */
	bool is_part;   /* the part of a name before its brackets: a match
			 * only when no whole name matches ("Saint-Martin" is
			 * MF, not "Saint-Martin (partie néerlandaise)", SX) */
};

struct countries {
	struct arena arena;
	const struct ynode *root;   /* CODE: {lang: name}, also_known_as, articles */
	/* The index of names, built on the first lookup under lock. */
	pthread_mutex_t lock;
	bool built;
	struct arena index_arena;
	struct country_key *keys;
	size_t n_keys, cap_keys;
};

/* The output languages: a name in any of them is recognised. */

static bool
is_code_key(const char *k)
{
	return strlen(k) == 2 && k[0] >= 'A' && k[0] <= 'Z' && k[1] >= 'A' && k[1] <= 'Z';
}

/* Check the also_known_as: {CODE: [name...]} and articles: [word...]
 * sections of path; false with the problems in dl. */
static bool
check_section(const struct ynode *n, const char *path, struct diag_list *dl)
{
	bool ok = true;
	if (strcmp(n->key, "articles") == 0) {
		if (n->kind != YNODE_SEQUENCE) {
			diag_add_in(dl, path, DIAG_FORM_FILE, &n->span, n->key, NULL, "expected a list of words");
			return false;
		}
		for (const struct ynode *w = n->first_child; w; w = w->next)
			if (w->kind != YNODE_SCALAR) {
				diag_add_in(dl, path, DIAG_FORM_FILE, &w->span, n->key, NULL, "a word is text");
				ok = false;
			}
		return ok;
	}
	if (n->kind != YNODE_MAPPING) {
		diag_add_in(dl, path, DIAG_FORM_FILE, &n->span, n->key, NULL,
		    "expected a mapping of country codes to lists of names");
		return false;
	}
	for (const struct ynode *m = n->first_child; m; m = m->next) {
		if (!intl_country_valid(m->key)) {
			diag_add_in(dl, path, DIAG_FORM_FILE, &m->span, m->key, NULL,
			    "\"%s\" is not a country code", m->key);
			ok = false;
		}
		if (m->kind != YNODE_SEQUENCE) {
			diag_add_in(dl, path, DIAG_FORM_FILE, &m->span, m->key, NULL, "expected a list of names");
			ok = false;
			continue;
		}
		for (const struct ynode *w = m->first_child; w; w = w->next)
			if (w->kind != YNODE_SCALAR) {
				diag_add_in(dl, path, DIAG_FORM_FILE, &w->span, m->key, NULL, "a name is text");
				ok = false;
			}
	}
	return ok;
}

struct countries *
countries_load(const char *dir, struct diag_list *dl)
{
	struct countries *c = xcalloc(1, sizeof *c);
	pthread_mutex_init(&c->lock, NULL);
	char path[4096];
	snprintf(path, sizeof path, "%s/countries.yaml", dir);
	FILE *probe = fopen(path, "r");
	if (probe == NULL)
		return c; /* no overrides: ICU's names throughout */
	fclose(probe);
	struct ytree t;
	bool ok = ytree_load_file(path, &c->arena, &t, NULL, NULL, dl);
	if (ok && (t.root == NULL || t.root->kind != YNODE_MAPPING)) {
		diag_add_in(dl, path, DIAG_FORM_FILE, NULL, NULL, NULL, "expected CODE: {lang: name}");
		ok = false;
	}
	for (const struct ynode *n = ok ? t.root->first_child : NULL; n; n = n->next) {
		if (!is_code_key(n->key)) {
			if (strcmp(n->key, "also_known_as") != 0 && strcmp(n->key, "articles") != 0) {
				diag_add_in(dl, path, DIAG_FORM_FILE, &n->span, n->key, NULL,
				    "expected a country code, also_known_as or articles");
				ok = false;
			} else if (!check_section(n, path, dl))
				ok = false;
			continue;
		}
		if (n->kind != YNODE_MAPPING) {
			diag_add_in(dl, path, DIAG_FORM_FILE, &n->span, n->key, NULL,
			    "expected a mapping of language tags to names");
			ok = false;
			continue;
		}
		for (const struct ynode *m = n->first_child; m; m = m->next)
			if (m->kind != YNODE_SCALAR) {
				diag_add_in(dl, path, DIAG_FORM_FILE, &m->span, m->key, NULL, "a name is text");
				ok = false;
			}
	}
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
	arena_free(&c->index_arena);
	free(c->keys);
	pthread_mutex_destroy(&c->lock);
	free(c);
}

const char *
countries_name(const struct countries *c, const char *code, const char *lang)
{
	if (c == NULL || c->root == NULL || !is_code_key(code))
		return NULL;
	const struct ynode *n = ytree_get(c->root, code);
	const struct ynode *name = n ? ytree_get(n, lang) : NULL;
	return name ? name->text : NULL;
}

/* ----- names typed in place of a code ----- */

/* name folded (intl_fold_words) without the articles of the articles:
 * list at its start or end ("the Netherlands", "Gambia (the)", "la
 * France") and without spaces ("Viet Nam" and "Vietnam" are one key);
 * NULL when nothing is left. */
static const char *
fold_key(const struct countries *c, struct arena *a, const char *name)
{
	char *w = intl_fold_words(a, name);
	if (w == NULL)
		return NULL;
	const struct ynode *arts = c->root ? ytree_get(c->root, "articles") : NULL;
	for (bool changed = true; changed && arts != NULL;) {
		changed = false;
		for (const struct ynode *art = arts->first_child; art; art = art->next) {
			size_t al = strlen(art->text), wl = strlen(w);
			if (wl > al + 1 && strncmp(w, art->text, al) == 0 && w[al] == ' ') {
				w += al + 1;
				changed = true;
			} else if (wl > al + 1 && strcmp(w + wl - al, art->text) == 0 &&
			    w[wl - al - 1] == ' ') {
				w[wl - al - 1] = '\0';
				changed = true;
			}
		}
	}
	char *out = w, *o = w;
	for (; *w; w++)
		if (*w != ' ')
			*o++ = *w;
	*o = '\0';
	return *out ? out : NULL;
}

static void
add_key(struct countries *c, const char *code, const char *name, bool is_code, bool is_part)
{
	const char *k = fold_key(c, &c->index_arena, name);
	if (k == NULL)
		return;
	for (size_t i = 0; i < c->n_keys; i++)
		if (strcmp(c->keys[i].key, k) == 0 && strcmp(c->keys[i].code, code) == 0) {
			c->keys[i].is_part = c->keys[i].is_part && is_part;
			return;
		}
	if (c->n_keys == c->cap_keys) {
		c->cap_keys = c->cap_keys ? 2 * c->cap_keys : 2048;
		c->keys = xrealloc(c->keys, c->cap_keys * sizeof *c->keys);
	}
	struct country_key *e = &c->keys[c->n_keys++];
	e->key = k;
	memcpy(e->code, code, 3);
	e->is_code = is_code;
	e->is_part = is_part;
}

/* A name and, when it has a part in brackets ("Iran (Islamic Republic
 * of)", "Myanmar (Burma)"), the part before it. */
static void
add_name(struct countries *c, const char *code, const char *name)
{
	add_key(c, code, name, false, false);
	const char *br = strchr(name, '(');
	if (br != NULL && br > name)
		add_key(c, code, arena_strndup(&c->index_arena, name, (size_t)(br - name)), false,
		    true);
}

static void
build_index(struct countries *c)
{
	for (const char *const *iso = intl_country_codes(); *iso; iso++) {
		const char *code = *iso;
		if (!intl_country_valid(code))
			continue;
		add_key(c, code, code, true, false);
		const char *a3 = intl_country_alpha3(code);
		if (*a3)
			add_key(c, code, a3, true, false);
		for (size_t l = 0; l < INTL_N_LANGS; l++) {
			add_name(c, code, intl_country_name(&c->index_arena, code, intl_langs[l]));
			const char *un = countries_name(c, code, intl_langs[l]);
			if (un != NULL)
				add_name(c, code, un);
		}
	}
	const struct ynode *aka = c->root ? ytree_get(c->root, "also_known_as") : NULL;
	for (const struct ynode *m = aka ? aka->first_child : NULL; m; m = m->next)
		for (const struct ynode *w = m->first_child; w; w = w->next)
			add_name(c, m->key, w->text);
	c->built = true;
}

/* ICU's names, the codes and no data, for a NULL table. */
static struct countries icu_only = { .lock = PTHREAD_MUTEX_INITIALIZER };

size_t
countries_suggest(const struct countries *cc, const char *input, char codes[][3], size_t max)
{
	struct countries *c = (struct countries *)(cc ? cc : &icu_only);
	size_t n = 0;
	pthread_mutex_lock(&c->lock);
	if (!c->built)
		build_index(c);
	struct arena a = { 0 };
	const char *k = strlen(input) <= 256 ? fold_key(c, &a, input) : NULL;
	/* an exact match of the folded input: every code it names, whole
	 * names first */
	for (int part = 0; part < 2 && n == 0; part++)
		for (size_t i = 0; k != NULL && i < c->n_keys; i++) {
			if (c->keys[i].is_part != (part == 1) || strcmp(c->keys[i].key, k) != 0)
				continue;
			bool seen = false;
			for (size_t j = 0; j < n; j++)
				seen = seen || strcmp(codes[j], c->keys[i].code) == 0;
			if (!seen && n < max)
				memcpy(codes[n++], c->keys[i].code, 3);
		}
	/* else the nearest name, within an edit distance that grows with its
	 * length; codes are too short to guess at */
	size_t kl = k ? strlen(k) : 0;
	if (n == 0 && kl >= 4 && max > 0) {
		unsigned best_d = kl < 5 ? 1 : kl < 9 ? 2 : 3;
		const struct country_key *best = NULL;
		for (size_t i = 0; i < c->n_keys; i++) {
			if (c->keys[i].is_code)
				continue;
			unsigned d = intl_edit_distance(k, c->keys[i].key, best_d);
			if (d < best_d || (d == best_d && best == NULL)) {
				best = &c->keys[i];
				best_d = d;
			}
		}
		if (best != NULL)
			memcpy(codes[n++], best->code, 3);
	}
	arena_free(&a);
	pthread_mutex_unlock(&c->lock);
	return n;
}
