/* namekey.c - keys of a person's name across scripts (see namekey.h). */
#include "namekey.h"

#include <stdlib.h>
#include <string.h>

#include "intl.h"
#include "match.h"

/* One way of writing the name: its two parts, either may be NULL. */
struct spelling {
	const char *family, *given;
	bool read_in_latin;
	enum namekey_script script;
};

struct keys {
	struct namekey *v;
	size_t n, cap;
	bool several_words;    /* some form has two words or more */
};

static void
add_key(struct keys *k, const char *key, const struct spelling *f, enum namekey_order order)
{
	bool read_in_latin = f->read_in_latin;
	if (*key == '\0')
		return;
	for (size_t i = 0; i < k->n; i++)
		if (strcmp(k->v[i].key, key) == 0) {
			/* as written says more than a reading */
			k->v[i].read_in_latin &= read_in_latin;
			return;
		}
	if (k->n == k->cap) {
		k->cap = k->cap ? 2 * k->cap : 8;
		k->v = xrealloc(k->v, k->cap * sizeof *k->v);
	}
	k->v[k->n++] = (struct namekey){ xstrdup(key), read_in_latin, order, f->script };
}

/* words ("jose garcia") without their spaces, into the arena */
static char *
letters(struct arena *a, const char *words)
{
	char *s = arena_strndup(a, words, strlen(words)), *o = s;
	for (const char *p = words; *p; p++)
		if (*p != ' ')
			*o++ = *p;
	*o = '\0';
	return s;
}

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The words of "a b" and "c d" sorted and joined without spaces. */
static char *
sorted_letters(struct arena *a, const char *w1, const char *w2)
{
	char *all = arena_printf(a, "%s %s", w1, w2);
	size_t len = strlen(all), n = 0;
	char **word = arena_alloc(a, (len / 2 + 1) * sizeof *word);
	/* words are separated by one space (match_words) */
	for (char *p = all; *p;) {
		if (*p == ' ') {
			p++;
			continue;
		}
		word[n++] = p;
		while (*p && *p != ' ')
			p++;
		if (*p)
			*p++ = '\0';
	}
	qsort(word, n, sizeof *word, str_cmp);
	char *s = arena_alloc(a, len + 1), *o = s;
	for (size_t i = 0; i < n; i++) {
		size_t wl = strlen(word[i]);
		memcpy(o, word[i], wl);
		o += wl;
	}
	*o = '\0';
	return s;
}

static void
add_form(struct arena *a, struct keys *k, const struct spelling *f)
{
	size_t nf = 0, ng = 0;
	const char *wf = f->family ? match_words(a, f->family, strlen(f->family), &nf) : "";
	const char *wg = f->given ? match_words(a, f->given, strlen(f->given), &ng) : "";
	if (nf + ng == 0)
		return;
	k->several_words |= nf + ng > 1;
	const char *lf = letters(a, wf), *lg = letters(a, wg);
	if (nf > 0 && ng > 0) {
		add_key(k, arena_printf(a, "%s%s", lf, lg), f, NAMEKEY_FAMILY_GIVEN);
		add_key(k, arena_printf(a, "%s%s", lg, lf), f, NAMEKEY_GIVEN_FAMILY);
	} else {
		add_key(k, nf ? lf : lg, f, NAMEKEY_WHOLE);
	}
	if (nf + ng > 2)
		add_key(k, sorted_letters(a, wf, wg), f, NAMEKEY_WHOLE);
}

static size_t
count_words(const char *s)
{
	size_t n = 0;
	for (const char *p = s; *p; p++)
		n += *p != ' ' && (p == s || p[-1] == ' ');
	return n;
}

/*
 * A name part in Latin letters, or NULL when it has no Han or Cyrillic
 * letter to read.  Han-Latin/Names reads the first characters of what it
 * is given with surname readings (单 alone is "Shan", as a given name
 * "Dan"): a given name written in Han is read after its family name, and
 * the family's syllables (one a character) dropped.
 */
static const char *
latin_part(struct arena *a, const char *part, const char *family)
{
	if (part == NULL)
		return NULL;
	const char *r = intl_latin_reading(a, part, strlen(part));
	if (r == NULL || family == NULL || !match_text_dense(part, strlen(part)) ||
	    !match_text_dense(family, strlen(family)))
		return r;
	const char *both = arena_printf(a, "%s%s", family, part);
	const char *rb = intl_latin_reading(a, both, strlen(both));
	const char *rf = intl_latin_reading(a, family, strlen(family));
	if (rb == NULL || rf == NULL)
		return r;
	size_t skip = count_words(rf);
	if (count_words(rb) != skip + count_words(r))
		return r;
	const char *p = rb;
	for (size_t i = 0; i < skip; i++) {
		while (*p == ' ')
			p++;
		while (*p && *p != ' ')
			p++;
	}
	return p;
}

/* Han characters in their simplified forms; NULL stays NULL. */
static const char *
simplified(struct arena *a, const char *s)
{
	const char *r = s && match_text_dense(s, strlen(s)) ? intl_simplified(a, s, strlen(s)) : NULL;
	return r ? r : s;
}

/* The form's parts as written, and read in Latin letters if it has Han or
 * Cyrillic ones (a part without them stays as written). */
static void
add_written(struct arena *a, struct keys *k, const struct cval *fam, const struct cval *giv)
{
	const char *tf = fam ? fam->text : NULL, *tg = giv ? giv->text : NULL;
	const char *lf = latin_part(a, tf, NULL), *lg = latin_part(a, tg, tf);
	enum namekey_script script = NAMEKEY_OTHER;
	/* only Han and Cyrillic are read; of them only Han is written without spaces */
	if (lf != NULL || lg != NULL)
		script = match_text_dense(lf ? tf : tg, strlen(lf ? tf : tg)) ? NAMEKEY_HAN
		    : NAMEKEY_CYRILLIC;
	struct spelling f = { simplified(a, tf), simplified(a, tg), false, script };
	add_form(a, k, &f);
	if (script == NAMEKEY_OTHER)
		return;
	struct spelling r = { lf ? lf : tf, lg ? lg : tg, true, script };
	add_form(a, k, &r);
}

size_t
namekey_of_name(struct arena *a, const struct cval *name, struct namekey **out, bool *one_word)
{
	struct keys k = { 0 };
	const struct cval *o = case_get(name, "original");
	add_written(a, &k, case_get(name, "family"), case_get(name, "given"));
	add_written(a, &k, case_get(o, "family"), case_get(o, "given"));
	*one_word = !k.several_words;
	*out = k.v;
	return k.n;
}

/* Whether some key of a is written (not read) in script sc; with b, whether
 * b has that key written so too. */
static bool
written_in(const struct namekey *a, size_t na, enum namekey_script sc,
    const struct namekey *b, size_t nb)
{
	for (size_t i = 0; i < na; i++) {
		if (a[i].read_in_latin || a[i].script != sc)
			continue;
		if (b == NULL)
			return true;
		for (size_t j = 0; j < nb; j++)
			if (!b[j].read_in_latin && b[j].script == sc && strcmp(a[i].key, b[j].key) == 0)
				return true;
	}
	return false;
}

bool
namekey_written_apart(const struct namekey *a, size_t na, const struct namekey *b, size_t nb)
{
	for (enum namekey_script sc = NAMEKEY_HAN; sc <= NAMEKEY_CYRILLIC; sc++)
		if (written_in(a, na, sc, NULL, 0) && written_in(b, nb, sc, NULL, 0) &&
		    !written_in(a, na, sc, b, nb))
			return true;
	return false;
}

void
namekey_free(struct namekey *keys, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(keys[i].key);
	free(keys);
}
