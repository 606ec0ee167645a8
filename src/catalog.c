/* catalog.c - locale catalogs (see catalog.h). */
#include "catalog.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/umsg.h>
#include <unicode/upluralrules.h>
#include <unicode/ustring.h>

#include "ytree.h"

struct entry {
	const char *key, *pattern;
};

struct catalog {
	struct arena arena;
	char lang[16];
	struct entry *entries;      /* file order */
	size_t n_entries;
	struct entry *sorted;       /* by key, for lookup */
};

static int
cmp_entry(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->key, ((const struct entry *)b)->key);
}

/* A named argument is "{" followed by a letter in message text: ICU's C
 * API would print it literally.  Inside an argument, "{" opens a
 * sub-message of plural or select ("one {about # person}", "female
 * {...}"), which is message text again.  Quoted text ('{...}') is skipped
 * as ICU does, in message text only. */
static bool
has_named_argument(const char *p)
{
	/* depth levels alternate: even = message text, odd = an argument */
	unsigned depth = 0;
	bool quoted = false;
	for (; *p; p++) {
		bool text = depth % 2 == 0;
		if (text && *p == '\'') {
			if (p[1] == '\'')
				p++;
			else
				quoted = !quoted;
		} else if (quoted) {
			continue;
		} else if (*p == '{') {
			const char *q = p + 1;
			while (*q == ' ')
				q++;
			if (text && ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') || *q == '_'))
				return true;
			depth++;
		} else if (*p == '}' && depth > 0) {
			depth--;
		}
	}
	return false;
}

struct catalog *
catalog_load(const char *dir, const char *lang, struct diag_list *dl)
{
	struct catalog *c = xcalloc(1, sizeof *c);
	char path[4096];
	snprintf(c->lang, sizeof c->lang, "%s", lang);
	snprintf(path, sizeof path, "%s/%s.yaml", dir, lang);
	struct ytree tree;
	bool ok = ytree_load_file(path, &c->arena, &tree, NULL, NULL, dl);
	if (ok && (tree.root == NULL || tree.root->kind != YNODE_MAPPING)) {
		diag_add_in(dl, path, DIAG_FORM_FILE, NULL, NULL, NULL,
		    "a catalog is a mapping of keys to patterns");
		ok = false;
	}
	if (ok) {
		const struct ynode *r = tree.root;
		c->entries = arena_alloc(&c->arena, (r->n_children + 1) * sizeof *c->entries);
		for (const struct ynode *n = r->first_child; n; n = n->next) {
			if (n->kind != YNODE_SCALAR) {
				diag_add_in(dl, path, DIAG_FORM_FILE, &n->span, n->key, NULL,
				    "a catalog value must be a pattern (a string)");
				ok = false;
				continue;
			}
			if (has_named_argument(n->text)) {
				diag_add_in(dl, path, DIAG_FORM_FILE, &n->span, n->key,
				    "use numbered arguments: {0}, {1}",
				    "named arguments are not supported by the ICU C API");
				ok = false;
				continue;
			}
			c->entries[c->n_entries].key = n->key;
			c->entries[c->n_entries].pattern = n->text;
			c->n_entries++;
		}
		c->sorted = arena_alloc(&c->arena, (c->n_entries + 1) * sizeof *c->sorted);
		memcpy(c->sorted, c->entries, c->n_entries * sizeof *c->sorted);
		qsort(c->sorted, c->n_entries, sizeof *c->sorted, cmp_entry);
	}
	if (!ok) {
		catalog_free(c);
		return NULL;
	}
	return c;
}

void
catalog_free(struct catalog *c)
{
	if (c == NULL)
		return;
	arena_free(&c->arena);
	free(c);
}

const char *
catalog_lang(const struct catalog *c)
{
	return c->lang;
}

const char *
catalog_pattern(const struct catalog *c, const char *key)
{
	struct entry k = { key, NULL };
	const struct entry *e = bsearch(&k, c->sorted, c->n_entries, sizeof k, cmp_entry);
	return e ? e->pattern : NULL;
}

size_t
catalog_size(const struct catalog *c)
{
	return c->n_entries;
}

const char *
catalog_key_at(const struct catalog *c, size_t i)
{
	return i < c->n_entries ? c->entries[i].key : NULL;
}

#define CATALOG_MAX_ARGS 6

static UChar *
u16(const char *s, int32_t *n)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t len = 0;
	size_t sl = strlen(s);
	u_strFromUTF8(NULL, 0, &len, s, (int32_t)sl, &st);
	UChar *u = xmalloc(((size_t)len + 1) * sizeof *u);
	st = U_ZERO_ERROR;
	u_strFromUTF8(u, len + 1, &len, s, (int32_t)sl, &st);
	if (U_FAILURE(st))
		len = 0;
	u[len] = 0;
	if (n)
		*n = len;
	return u;
}

/* The message format of pat in the catalog's language, Western digits.
 * Returned even when parsing failed (umsg_open does so): close it. */
static UMessageFormat *
open_pattern(const struct catalog *c, const char *pat, UErrorCode *st)
{
	int32_t plen;
	UChar *upat = u16(pat, &plen);
	UParseError pe;
	char loc[32];
	snprintf(loc, sizeof loc, "%s@numbers=latn", c->lang);
	UMessageFormat *mf = umsg_open(upat, plen, loc, &pe, st);
	free(upat);
	return mf;
}

static const char *
utf8_in_arena(struct arena *a, const UChar *u, int32_t n)
{
	int32_t m = 0;
	UErrorCode st = U_ZERO_ERROR;
	u_strToUTF8(NULL, 0, &m, u, n, &st);
	char *r = arena_alloc(a, (size_t)m + 1);
	st = U_ZERO_ERROR;
	u_strToUTF8(r, m + 1, &m, u, n, &st);
	return r;
}

const char *
catalog_format(const struct catalog *c, struct arena *a, const char *key,
    size_t n_args, const char *const *args)
{
	const char *pat = catalog_pattern(c, key);
	if (pat == NULL)
		return arena_printf(a, "[%s]", key);
	/* Most labels are plain text: no need for ICU to parse them. */
	if (strchr(pat, '{') == NULL && strchr(pat, '\'') == NULL)
		return pat;
	UChar *uargs[CATALOG_MAX_ARGS];
	for (size_t i = 0; i < CATALOG_MAX_ARGS; i++)
		uargs[i] = u16(i < n_args && args[i] ? args[i] : "", NULL);
	UErrorCode st = U_ZERO_ERROR;
	UMessageFormat *mf = open_pattern(c, pat, &st);
	const char *result = NULL;
	if (U_SUCCESS(st)) {
		/* Always pass CATALOG_MAX_ARGS string arguments: umsg_format
		 * takes varargs, extra ones are ignored. */
		int32_t n = umsg_format(mf, NULL, 0, &st, uargs[0], uargs[1], uargs[2],
		    uargs[3], uargs[4], uargs[5]);
		if (st == U_BUFFER_OVERFLOW_ERROR) {
			UChar *out = xmalloc(((size_t)n + 1) * sizeof *out);
			st = U_ZERO_ERROR;
			umsg_format(mf, out, n + 1, &st, uargs[0], uargs[1], uargs[2],
			    uargs[3], uargs[4], uargs[5]);
			if (U_SUCCESS(st))
				result = utf8_in_arena(a, out, n);
			free(out);
		} else if (U_SUCCESS(st)) {
			result = arena_strdup(a, "");
		}
	}
	if (mf != NULL) /* returned even when parsing failed */
		umsg_close(mf);
	for (size_t i = 0; i < CATALOG_MAX_ARGS; i++)
		free(uargs[i]);
	return result ? result : arena_printf(a, "[%s]", key);
}

const char *
catalog_format_count(const struct catalog *c, struct arena *a, const char *key, long n)
{
	const char *pat = catalog_pattern(c, key);
	if (pat == NULL)
		return arena_printf(a, "[%s]", key);
	UErrorCode st = U_ZERO_ERROR;
	UMessageFormat *mf = open_pattern(c, pat, &st);
	const char *result = NULL;
	if (U_SUCCESS(st)) {
		UChar out[512];
		int32_t m = umsg_format(mf, out, 511, &st, (double)n);
		if (U_SUCCESS(st) && m < 511)
			result = utf8_in_arena(a, out, m);
	}
	if (mf != NULL) /* returned even when parsing failed */
		umsg_close(mf);
	return result ? result : arena_printf(a, "[%s]", key);
}

const char *
catalog_format_duration(const struct catalog *c, struct arena *a, int years, int months,
    int days, bool approximate)
{
	/* Built from patterns, never from C strings: the separators, the
	 * word for "and" and whether there is a space at all (Chinese has
	 * none) belong to each language. */
	const char *parts[3];
	size_t n = 0;
	if (years > 0)
		parts[n++] = catalog_format_count(c, a, "doc.duration.years", years);
	if (months > 0)
		parts[n++] = catalog_format_count(c, a, "doc.duration.months", months);
	if (days > 0 || n == 0)
		parts[n++] = catalog_format_count(c, a, "doc.duration.days", days);
	const char *s = parts[0];
	for (size_t i = 1; i < n; i++) {
		const char *args[2] = { s, parts[i] };
		s = catalog_format(c, a, i + 1 == n ? "doc.duration.join_last" : "doc.duration.join",
		    2, args);
	}
	if (approximate)
		s = catalog_format(c, a, "doc.duration.about", 1, &s);
	return s;
}

const char *
catalog_text(const struct catalog *c, struct arena *a, const char *key)
{
	return catalog_format(c, a, key, 0, NULL);
}

bool
catalog_pattern_compiles(const char *lang, const char *pattern, size_t len, char *why,
    size_t why_len)
{
	char loc[32];
	snprintf(loc, sizeof loc, "%s@numbers=latn", lang);
	UErrorCode st = U_ZERO_ERROR;
	int32_t ulen = 0;
	u_strFromUTF8(NULL, 0, &ulen, pattern, (int32_t)len, &st);
	UChar *u = xmalloc(((size_t)ulen + 1) * sizeof *u);
	st = U_ZERO_ERROR;
	u_strFromUTF8(u, ulen + 1, &ulen, pattern, (int32_t)len, &st);
	if (U_FAILURE(st)) {
		snprintf(why, why_len, "%s (not UTF-8)", u_errorName(st));
		free(u);
		return false;
	}
	UParseError pe;
	memset(&pe, 0, sizeof pe);
	UMessageFormat *mf = umsg_open(u, ulen, loc, &pe, &st);
	free(u);
	/* umsg_open returns its object even when the pattern fails to parse:
	 * it must be closed either way */
	if (mf != NULL)
		umsg_close(mf);
	if (U_SUCCESS(st))
		return true;
	char pre[4 * U_PARSE_CONTEXT_LEN + 1];
	int32_t plen = 0;
	UErrorCode s2 = U_ZERO_ERROR;
	u_strToUTF8(pre, (int32_t)sizeof pre - 1, &plen, pe.preContext, u_strlen(pe.preContext), &s2);
	if (U_FAILURE(s2))
		plen = 0;
	pre[plen] = '\0';
	snprintf(why, why_len, "%s at offset %d%s%s%s", u_errorName(st), (int)pe.offset,
	    plen ? " (after \"" : "", pre, plen ? "\")" : "");
	return false;
}

bool
catalog_plural_keyword(const char *lang, const char *keyword, bool ordinal, char *all,
    size_t all_len)
{
	char loc[32];
	snprintf(loc, sizeof loc, "%s@numbers=latn", lang);
	UErrorCode st = U_ZERO_ERROR;
	all[0] = '\0';
	UPluralRules *pr = uplrules_openForType(loc, ordinal ? UPLURAL_TYPE_ORDINAL
	    : UPLURAL_TYPE_CARDINAL, &st);
	if (U_FAILURE(st))
		return true;
	UEnumeration *e = uplrules_getKeywords(pr, &st);
	bool found = e == NULL || U_FAILURE(st);
	size_t k = 0;
	const char *kw;
	int32_t n;
	while (e != NULL && U_SUCCESS(st) && (kw = uenum_next(e, &n, &st)) != NULL) {
		found |= strcmp(kw, keyword) == 0;
		if (k + (size_t)n + 3 < all_len)
			k += (size_t)snprintf(all + k, all_len - k, "%s%s", k ? ", " : "", kw);
	}
	if (e != NULL)
		uenum_close(e);
	uplrules_close(pr);
	return found;
}
