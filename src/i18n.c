/* i18n.c - `spcomm i18n check|status|export|import` (see i18n.h). */
#include "i18n.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "catalog.h"
#include "diag.h"
#include "intl.h"
#include "outfile.h"
#include "ytree.h"

/* The catalogs, reference first (the order of the status table). */
static const char *const langs[] = { "en", "fr", "es", "ru", "zh", "ar" };
#define N_LANGS (sizeof langs / sizeof langs[0])

/* Nesting of plural/select inside plural/select: real patterns use two
 * levels; the bound keeps a hostile pattern off the stack. */
#define I18N_MAX_DEPTH 16

/* ----- the arguments of a pattern ----- */

struct scan {
	const char *p;
	struct i18n_args *a;
	int depth;
	const char *start;      /* the pattern */
	const char *arg;        /* the '{' of the argument being read */
};

/* Stop reading at `at`, saying why (the first reason is kept). */
static bool
fail(struct scan *s, const char *at, const char *why)
{
	if (s->a->error == NULL) {
		s->a->error = why;
		s->a->error_offset = (size_t)(at - s->start);
	}
	return false;
}

static bool
is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static void
skip_ws(struct scan *s)
{
	while (is_ws(*s->p))
		s->p++;
}

static bool is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* A quoted literal starting at the apostrophe s->p: up to the next single
 * apostrophe ('' inside is an apostrophe), or to the end as ICU does. */
static void
skip_quoted(struct scan *s)
{
	s->p++;
	for (; *s->p; s->p++) {
		if (*s->p == '\'') {
			if (s->p[1] == '\'') {
				s->p++;
				continue;
			}
			s->p++;
			return;
		}
	}
}

static bool scan_argument(struct scan *s);

/* Message text up to the '}' closing a sub-message (nested) or the end.
 * in_plural: '#' is syntax, so an apostrophe before it quotes. */
static bool
scan_message(struct scan *s, bool nested, bool in_plural)
{
	if (++s->depth > I18N_MAX_DEPTH)
		return fail(s, s->p, "plurals and selects nested too deep");
	while (*s->p) {
		char c = *s->p;
		if (c == '\'') {
			char n = s->p[1];
			if (n == '\'')
				s->p += 2;
			else if (n == '{' || n == '}' || (in_plural && n == '#'))
				skip_quoted(s);
			else
				s->p++;
		} else if (c == '{') {
			if (!scan_argument(s))
				return false;
		} else if (c == '}' && nested) {
			s->depth--;
			return true;
		} else {
			s->p++;
		}
	}
	s->depth--;
	return nested ? fail(s, s->arg, "this argument is never closed: a '}' is missing") : true;
}

/* The style of a simple argument ({0, number, #,##0}): up to the '}' that
 * closes the argument, counting nested braces and skipping quotes. */
static bool
skip_simple_style(struct scan *s)
{
	int level = 0;
	while (*s->p) {
		if (*s->p == '\'') {
			skip_quoted(s);
			continue;
		}
		if (*s->p == '{')
			level++;
		else if (*s->p == '}' && level-- == 0)
			return true;
		s->p++;
	}
	return false;
}

static void
add_keyword(struct i18n_args *a, const char *w, size_t n, bool ordinal, bool select)
{
	if (a->n_keywords >= I18N_MAX_KEYWORDS)
		return;
	/* a keyword too long for the record is kept cut: it is no plural
	 * or sex keyword anyway, and check_pattern says so */
	if (n >= sizeof a->keywords[0].word)
		n = sizeof a->keywords[0].word - 1;
	for (size_t i = 0; i < a->n_keywords; i++)
		if (a->keywords[i].ordinal == ordinal && a->keywords[i].select == select &&
		    strlen(a->keywords[i].word) == n && memcmp(a->keywords[i].word, w, n) == 0)
			return;
	memcpy(a->keywords[a->n_keywords].word, w, n);
	a->keywords[a->n_keywords].word[n] = '\0';
	a->keywords[a->n_keywords].ordinal = ordinal;
	a->keywords[a->n_keywords].select = select;
	a->n_keywords++;
}

/* The style of a plural, selectordinal or select argument: selectors each
 * followed by a {sub-message}, up to the '}' closing the argument. */
static bool
scan_cases(struct scan *s, bool plural, bool ordinal, bool select)
{
	const char *arg = s->arg;
	bool other = false;
	for (;;) {
		skip_ws(s);
		if (*s->p == '}') {
			s->arg = arg;
			return other ? true : fail(s, arg, plural
			    ? "a plural without its 'other' case (other {...})"
			    : "a select without its 'other' case (other {...})");
		}
		if (*s->p == '\0')
			return fail(s, arg, "this argument is never closed: a '}' is missing");
		const char *w = s->p;
		while (*s->p && !is_ws(*s->p) && *s->p != '{' && *s->p != '}')
			s->p++;
		size_t n = (size_t)(s->p - w);
		if (n == 0)
			return fail(s, w, "a '{' where a case name (one, few, other...) belongs");
		if (plural && n >= 7 && strncmp(w, "offset:", 7) == 0)
			continue;
		other |= n == 5 && strncmp(w, "other", 5) == 0;
		if ((plural && w[0] != '=') || select)
			add_keyword(s->a, w, n, ordinal, select);
		skip_ws(s);
		if (*s->p != '{')
			return fail(s, w, "this case has no {message} after its name");
		s->arg = s->p;
		s->p++;
		if (!scan_message(s, true, plural))
			return false;
		s->p++;   /* the '}' of the sub-message */
	}
}

/* The argument types ICU's MessageFormat knows. */
static bool
known_type(const char *t, size_t n)
{
	static const char *const types[] = { "number", "date", "time", "spellout", "ordinal",
	    "duration", "plural", "select", "selectordinal", "choice" };
	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
		if (strlen(types[i]) == n && strncmp(types[i], t, n) == 0)
			return true;
	return false;
}

/* An argument starting at its '{'; leaves s->p after its '}'. */
static bool
scan_argument(struct scan *s)
{
	const char *open = s->p, *outer = s->arg;
	s->arg = open;
	s->p++;
	skip_ws(s);
	const char *id = s->p;
	while (*s->p && !is_ws(*s->p) && *s->p != ',' && *s->p != '}' && *s->p != '{')
		s->p++;
	size_t n = (size_t)(s->p - id);
	long num = -1;
	if (n > 0 && id[0] >= '0' && id[0] <= '9') {
		num = 0;
		for (size_t i = 0; i < n; i++) {
			if (id[i] < '0' || id[i] > '9')
				return fail(s, id, "an argument number has only digits ({0}, {1})");
			if (num < 1000000)
				num = num * 10 + (id[i] - '0');
		}
		if (num >= 64)
			s->a->too_big = true;
		else
			s->a->numbers |= UINT64_C(1) << num;
	} else if (n > 0 && (is_alpha(id[0]) || id[0] == '_')) {
		if (s->a->named[0] == '\0') {
			size_t k = n < sizeof s->a->named - 1 ? n : sizeof s->a->named - 1;
			memcpy(s->a->named, id, k);
			s->a->named[k] = '\0';
		}
	} else {
		return fail(s, open, *id == '\0' ? "this '{' is never closed: a '}' is missing"
		    : "a '{' opens an argument, which starts with its number ({0}); to print a "
		    "brace, quote it: '{'");
	}
	skip_ws(s);
	if (*s->p == '}') {
		s->p++;
		s->arg = outer;
		if (num >= 0 && num < 64)
			s->a->plain |= UINT64_C(1) << num;
		return true;
	}
	if (*s->p != ',')
		return fail(s, *s->p ? s->p : open, *s->p ? "after the argument number, a ',' "
		    "or the closing '}' is expected" : "this argument is never closed: a '}' is missing");
	s->p++;
	skip_ws(s);
	const char *type = s->p;
	while (is_alpha(*s->p))
		s->p++;
	size_t tn = (size_t)(s->p - type);
	bool plural = tn == 6 && strncmp(type, "plural", 6) == 0;
	bool ordinal = tn == 13 && strncmp(type, "selectordinal", 13) == 0;
	bool select = tn == 6 && strncmp(type, "select", 6) == 0;
	if (tn == 0 || !known_type(type, tn))
		return fail(s, type, "an argument type that ICU does not know (number, date, time, "
		    "plural, select, selectordinal, spellout, ordinal, duration)");
	/* Everything but select formats its argument as a number (or a date,
	 * which also takes a number). */
	if (!select && num >= 0 && num < 64)
		s->a->numeric |= UINT64_C(1) << num;
	if (num >= 0 && num < 64)
		*(select ? &s->a->selects : &s->a->plain) |= UINT64_C(1) << num;
	skip_ws(s);
	if (*s->p == '}') {
		s->p++;
		s->arg = outer;
		return true;
	}
	if (*s->p != ',')
		return fail(s, *s->p ? s->p : open, *s->p ? "after the argument type, a ',' or the "
		    "closing '}' is expected" : "this argument is never closed: a '}' is missing");
	s->p++;
	bool ok = plural || ordinal || select ? scan_cases(s, plural || ordinal, ordinal, select)
	    : skip_simple_style(s);
	if (!ok)
		return fail(s, open, "this argument is never closed: a '}' is missing");
	if (*s->p != '}')
		return fail(s, open, "this argument is never closed: a '}' is missing");
	s->p++;
	s->arg = outer;
	return true;
}

bool
i18n_args(const char *pattern, struct i18n_args *out)
{
	memset(out, 0, sizeof *out);
	struct scan s = { pattern, out, 0, pattern, pattern };
	if (!scan_message(&s, false, false))
		out->malformed = true;
	return !out->malformed;
}

/* ----- catalog files with positions ----- */

struct entry {
	const char *key;
	const struct ynode *node;
	size_t index;          /* in file order */
};

struct cat_file {
	const char *lang;
	char path[4096];       /* as printed */
	bool present;          /* the file exists */
	bool loaded;           /* it is a mapping we could read */
	const char *buf;       /* the file's bytes, in arena */
	size_t len;            /* of buf */
	struct arena arena;
	struct entry *entries; /* file order, scalar values only */
	size_t n_entries;
	struct entry *sorted;  /* by key */
	uint32_t last_line;    /* 0-based line after the last entry */
};

static int
cmp_entry(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->key, ((const struct entry *)b)->key);
}

static const struct entry *
find(const struct cat_file *cf, const char *key)
{
	struct entry k = { key, NULL, 0 };
	return cf->n_entries ? bsearch(&k, cf->sorted, cf->n_entries, sizeof k, cmp_entry) : NULL;
}

/* The name printed: relative to the working directory when data_dir is
 * inside it (editors jump to "locale/fr.yaml:12:1"). */
static void
cat_path(char *buf, size_t n, const char *data_dir, const char *lang)
{
	char cwd[4096];
	size_t k = 0;
	if (strcmp(data_dir, ".") == 0) {
		data_dir = "";
	} else if (getcwd(cwd, sizeof cwd) != NULL && (k = strlen(cwd)) > 1
	    && strncmp(data_dir, cwd, k) == 0 && (data_dir[k] == '/' || data_dir[k] == '\0')) {
		data_dir += k + (data_dir[k] == '/');
	}
	snprintf(buf, n, "%s%slocale/%s.yaml", data_dir, *data_dir ? "/" : "", lang);
}

/* "path:line:col: error: key 'k': message" (span and key may be NULL;
 * err NULL: say nothing). */
static void
report(FILE *err, const struct cat_file *cf, const struct span *sp, const char *key,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void
report(FILE *err, const struct cat_file *cf, const struct span *sp, const char *key,
    const char *fmt, ...)
{
	va_list ap;
	if (err == NULL)
		return;
	if (sp)
		fprintf(err, "%s:%u:%u: error: ", cf->path, (unsigned)sp->line + 1,
		    (unsigned)sp->col + 1);
	else
		fprintf(err, "%s: error: ", cf->path);
	if (key)
		fprintf(err, "key '%s': ", key);
	va_start(ap, fmt);
	vfprintf(err, fmt, ap);
	va_end(ap);
	fputc('\n', err);
}

/* Read data_dir/locale/<lang>.yaml.  A missing file is not an error
 * (cf->present false); anything else that stops reading it is, and
 * counts in *errors. */
static void
cat_load(struct cat_file *cf, const char *data_dir, const char *lang, FILE *err, long *errors)
{
	memset(cf, 0, sizeof *cf);
	cf->lang = lang;
	cat_path(cf->path, sizeof cf->path, data_dir, lang);
	char file[4096];
	snprintf(file, sizeof file, "%s/locale/%s.yaml", data_dir, lang);
	struct stat st;
	if (stat(file, &st) != 0 && errno == ENOENT)
		return;
	cf->present = true;
	struct diag_list dl;
	diag_list_init(&dl, cf->path);
	struct ytree tree;
	bool ok = ytree_load_file(file, &cf->arena, &tree, &cf->buf, &cf->len, &dl);
	for (size_t i = 0; i < dl.n_items; i++) {
		const struct diag *d = &dl.items[i];
		report(err, cf, d->has_span ? &d->span : NULL, NULL, "%s", d->message);
		(*errors)++;
	}
	diag_list_free(&dl);
	if (!ok)
		return;
	if (tree.root == NULL || tree.root->kind != YNODE_MAPPING) {
		report(err, cf, tree.root ? &tree.root->span : NULL, NULL,
		    "a catalog is a mapping of keys to patterns");
		(*errors)++;
		return;
	}
	const struct ynode *r = tree.root;
	cf->entries = arena_alloc(&cf->arena, (r->n_children + 1) * sizeof *cf->entries);
	for (const struct ynode *n = r->first_child; n; n = n->next) {
		if (n->span.end_line + 1 > cf->last_line)
			cf->last_line = n->span.end_line + 1;
		if (n->kind != YNODE_SCALAR) {
			report(err, cf, &n->key_span, n->key, "a catalog value must be a pattern (a string)");
			(*errors)++;
			continue;
		}
		cf->entries[cf->n_entries].key = n->key;
		cf->entries[cf->n_entries].node = n;
		cf->entries[cf->n_entries].index = cf->n_entries;
		cf->n_entries++;
	}
	cf->sorted = arena_alloc(&cf->arena, (cf->n_entries + 1) * sizeof *cf->sorted);
	memcpy(cf->sorted, cf->entries, cf->n_entries * sizeof *cf->sorted);
	qsort(cf->sorted, cf->n_entries, sizeof *cf->sorted, cmp_entry);
	cf->loaded = true;
}

static void
cat_free(struct cat_file *cf)
{
	arena_free(&cf->arena);
	cf->buf = NULL;
}

/* ----- one pattern ----- */

/* "{0}, {2}" or "none" */
static const char *
arg_list(char *buf, size_t n, uint64_t set)
{
	size_t k = 0;
	buf[0] = '\0';
	for (unsigned i = 0; i < 64 && k + 8 < n; i++)
		if (set & (UINT64_C(1) << i))
			k += (size_t)snprintf(buf + k, n - k, "%s{%u}", k ? ", " : "", i);
	return k ? buf : "none";
}

/* Skip spaces; then whether word follows (and skip it). */
static bool
skip_word(const char **p, const char *word)
{
	while (**p == ' ')
		(*p)++;
	size_t n = strlen(word);
	if (strncmp(*p, word, n) != 0)
		return false;
	*p += n;
	return true;
}

/* Whether pattern has an argument "{N, number, integer}": catalog.c passes
 * numbers as doubles, and ICU reads an int for that style (printing 7 for
 * 30, say); plural or "{N, number}" read the double. */
static bool
has_integer_style(const char *pattern)
{
	for (const char *p = strchr(pattern, '{'); p != NULL; p = strchr(p + 1, '{')) {
		const char *q = p + 1;
		while (*q == ' ')
			q++;
		if (*q < '0' || *q > '9')
			continue;
		while (*q >= '0' && *q <= '9')
			q++;
		if (skip_word(&q, ",") && skip_word(&q, "number") && skip_word(&q, ",") &&
		    skip_word(&q, "integer"))
			return true;
	}
	return false;
}

/* What an ICU error of umsg_open means, for the errors i18n_args does
 * not see itself (it reads the structure, not the styles). */
static const char *
icu_words(const char *name)
{
	static const struct {
		const char *name, *words;
	} table[] = {
		{ "U_DEFAULT_KEYWORD_MISSING", "a plural or select without its 'other' case" },
		{ "U_DUPLICATE_KEYWORD", "the same plural or select case written twice" },
		{ "U_UNQUOTED_SPECIAL", "a number or date style with a character that must be "
		    "quoted ('#' or ',' in the wrong place)" },
		{ "U_ILLEGAL_ARGUMENT_ERROR", "an argument type or style that ICU does not know" },
		{ "U_UNMATCHED_BRACES", "a '{' without its '}', or the reverse" },
		{ "U_PATTERN_SYNTAX_ERROR", "the pattern is not MessageFormat syntax here" },
		{ "U_INVALID_FORMAT_ERROR", "a style that ICU cannot read" },
		{ "U_INVALID_CHAR_FOUND", "the pattern is not valid UTF-8" },
	};
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
		if (strcmp(name, table[i].name) == 0)
			return table[i].words;
	return "ICU cannot compile the pattern";
}

/* Whether the English pattern's arguments select on word. */
static bool
has_select_keyword(const struct i18n_args *ref, const char *word)
{
	for (size_t i = 0; i < ref->n_keywords; i++)
		if (ref->keywords[i].select && strcmp(ref->keywords[i].word, word) == 0)
			return true;
	return false;
}

/* Whether word is a value of an enumeration under field f. */
static bool
field_has_value(const struct form_field *f, const char *word)
{
	if (f == NULL)
		return false;
	for (size_t i = 0; i < f->n_values; i++)
		if (strcmp(f->values[i], word) == 0)
			return true;
	for (size_t i = 0; i < f->n_fields; i++)
		if (field_has_value(f->fields[i], word))
			return true;
	return field_has_value(f->item, word);
}

/* Whether word is a value of any enumeration of the forms. */
static bool
forms_have_value(const struct form_set *fs, const char *word)
{
	for (size_t i = 0; i < fs->n_forms; i++)
		if (field_has_value(fs->forms[i]->root, word))
			return true;
	return false;
}

/* Check one pattern of cf; ref is the English pattern's arguments (NULL
 * for en.yaml itself), fs the forms (NULL: not loaded).  Returns the
 * number of errors. */
static long
check_pattern(FILE *err, const struct cat_file *cf, const struct entry *e,
    const struct i18n_args *ref, struct i18n_args *args, const struct form_set *fs)
{
	long errors = 0;
	const struct ynode *n = e->node;
	const struct span *sp = &n->span;
	bool readable = i18n_args(n->text, args);
	if (args->named[0]) {
		report(err, cf, sp, e->key, "named argument {%s}: the ICU C API formats numbered "
		    "arguments only; use {0}, {1}", args->named);
		errors++;
	}
	if (has_integer_style(n->text)) {
		report(err, cf, sp, e->key, "{N, number, integer} reads an int, but numbers come as "
		    "doubles: write {N, number} or a plural");
		errors++;
	}
	if (args->too_big || (args->numbers >> I18N_MAX_ARGS) != 0) {
		report(err, cf, sp, e->key, "argument numbers go from {0} to {%d}", I18N_MAX_ARGS - 1);
		errors++;
	}
	/* ICU's verdict; said in plain words at the place reading stopped */
	char why[256];
	bool compiled = catalog_pattern_compiles(cf->lang, n->text, n->len, why, sizeof why);
	if (!compiled || !readable) {
		struct span at = *sp;
		if (args->error != NULL)
			at = ytree_value_span(n, cf->buf, cf->len, args->error_offset,
			    args->error_offset + 1);
		why[strcspn(why, " ")] = '\0';
		report(err, cf, &at, e->key, "%s%s%s%s", args->error ? args->error
		    : icu_words(why), compiled ? "" : " (ICU: ", compiled ? "" : why,
		    compiled ? "" : ")");
		errors++;
	}
	if (!readable || !compiled)
		return errors;
	char a[128], b[128];
	/* an argument only one side uses only to select (agreement with the
	 * person's sex, which English may not need) does not count */
	uint64_t select_only = (args->selects & ~args->plain) | (ref ? ref->selects & ~ref->plain : 0);
	if (ref != NULL && !ref->malformed &&
	    ((args->numbers ^ ref->numbers) & ~select_only) != 0) {
		report(err, cf, sp, e->key, "placeholders %s, but locale/en.yaml has %s",
		    arg_list(a, sizeof a, args->numbers), arg_list(b, sizeof b, ref->numbers));
		errors++;
	} else if (ref != NULL && !ref->malformed && args->numeric != ref->numeric) {
		uint64_t d = args->numeric ^ ref->numeric;
		unsigned i = 0;
		while (i < 63 && !(d & (UINT64_C(1) << i)))
			i++;
		report(err, cf, sp, e->key, "{%u} is formatted as %s here but as %s in locale/en.yaml",
		    i, args->numeric & (UINT64_C(1) << i) ? "a number" : "text",
		    ref->numeric & (UINT64_C(1) << i) ? "a number (plural, number)" : "text");
		errors++;
	}
	for (size_t i = 0; i < args->n_keywords; i++) {
		char all[96];
		if (args->keywords[i].select) {
			/* the layout selects on a person's sex (form person.sex),
			 * on what a date gives (doc.around: day, month, year) or on
			 * the value of an enumeration (a form's summary); a
			 * translation selects on what English selects on */
			const char *w = args->keywords[i].word;
			static const char *const program[] = { "female", "male", "other", "unknown",
				"day", "month", "year" };
			bool known = false;
			for (size_t k = 0; k < sizeof program / sizeof *program; k++)
				known |= strcmp(w, program[k]) == 0;
			if (!known && ref != NULL)
				known = has_select_keyword(ref, w);
			else if (!known)
				known = fs == NULL || forms_have_value(fs, w);
			if (!known) {
				report(err, cf, sp, e->key, "select keyword '%s' is %s", w, ref != NULL
				    ? "not one locale/en.yaml selects on (nor a value of a person's sex: "
				    "female, male, other, unknown; nor what a date gives: day, month, year)"
				    : "no value of a person's sex (female, male, other, unknown), of what a "
				    "date gives (day, month, year) nor of any enumeration of the forms: the "
				    "program selects on nothing else");
				errors++;
			}
			continue;
		}
		if (!catalog_plural_keyword(cf->lang, args->keywords[i].word,
		    args->keywords[i].ordinal, all, sizeof all)) {
			report(err, cf, sp, e->key, "%s keyword '%s' is never selected in '%s' "
			    "(its keywords: %s)", args->keywords[i].ordinal ? "selectordinal" : "plural",
			    args->keywords[i].word, cf->lang, all);
			errors++;
		}
	}
	return errors;
}

/* ----- what the forms need from en.yaml ----- */

struct keyset {
	const char **keys;
	size_t n, cap;
};

static void
need(struct keyset *ks, struct arena *a, const char *fmt, const char *x, const char *y)
{
	if (x == NULL)
		return;
	if (ks->n == ks->cap) {
		ks->cap = ks->cap ? ks->cap * 2 : 256;
		ks->keys = xrealloc(ks->keys, ks->cap * sizeof *ks->keys);
	}
	ks->keys[ks->n++] = arena_printf(a, fmt, x, y ? y : "");
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void
need_field(struct keyset *ks, struct arena *a, const struct form_field *rec, int depth)
{
	if (rec == NULL || depth > 16)
		return;
	for (size_t k = 0; k < rec->n_fields; k++) {
		const struct form_field *m = rec->fields[k];
		need(ks, a, "%s%s", m->label_key, NULL);
		need(ks, a, "%s.help%s", m->label_key, NULL);
		for (size_t v = 0; v < m->n_values; v++)
			need(ks, a, "%s.%s", m->label_key, m->values[v]);
		const struct form_field *sub = m->type == FT_LIST ? m->item : m;
		if (m->type == FT_LIST && sub != NULL && sub->n_fields == 0)
			for (size_t v = 0; v < sub->n_values; v++)
				need(ks, a, "%s.%s", sub->label_key ? sub->label_key : m->label_key,
				    sub->values[v]);
		if (sub != NULL && sub->n_fields > 0)
			need_field(ks, a, sub, depth + 1);
	}
}

/* The catalog keys of a value in words (summary, triage banners). */
static void
need_value(struct keyset *ks, struct arena *a, const struct form_value *fv)
{
	if (fv == NULL)
		return;
	if (fv->text_key)
		need(ks, a, "%s%s", fv->text_key, NULL);
	for (size_t i = 0; i < fv->n_args; i++)
		need_value(ks, a, fv->args[i]);
}

/* Keys the forms use that en.yaml lacks, reported at its end. */
static long
check_forms(FILE *err, const struct cat_file *en, const struct form_set *fs)
{
	struct keyset ks = { 0 };
	struct arena a = { 0 };
	for (size_t i = 0; i < fs->n_forms; i++) {
		const struct form *f = fs->forms[i];
		need(&ks, &a, "%s%s", f->title_key, NULL);
		for (size_t s = 0; s < f->n_sections; s++)
			need(&ks, &a, "%s%s", f->sections[s].title_key, NULL);
		for (size_t s = 0; s < f->n_facts; s++)
			need(&ks, &a, "%s%s", f->facts[s].text_key, NULL);
		for (size_t s = 0; s < 4; s++)
			need_value(&ks, &a, f->summary[s]);
		for (size_t s = 0; s < f->n_triage; s++)
			need_value(&ks, &a, f->triage[s].line);
		for (size_t s = 0; s < f->n_subject; s++)
			need_value(&ks, &a, f->subject[s]);
		need_field(&ks, &a, f->root, 0);
	}
	for (size_t i = 0; i < fs->n_mandates; i++)
		need(&ks, &a, "%s%s", fs->mandates[i].name_key, NULL);
	if (ks.n > 0)
		qsort(ks.keys, ks.n, sizeof *ks.keys, cmp_str);
	long errors = 0;
	struct span end = { .line = en->last_line };
	for (size_t i = 0; i < ks.n; i++) {
		if (i > 0 && strcmp(ks.keys[i], ks.keys[i - 1]) == 0)
			continue;
		if (find(en, ks.keys[i]) == NULL) {
			report(err, en, &end, ks.keys[i], "the forms use it, but locale/en.yaml lacks it");
			errors++;
		}
	}
	free(ks.keys);
	arena_free(&a);
	return errors;
}

/* ----- check and status ----- */

/* Where a key missing from cf belongs: at the next key of en.yaml that cf
 * has, or after its last entry. */
static struct span
insert_point(const struct cat_file *en, size_t i, const struct cat_file *cf)
{
	for (size_t j = i + 1; j < en->n_entries; j++) {
		const struct entry *e = find(cf, en->entries[j].key);
		if (e)
			return e->node->key_span;
	}
	struct span sp = { .line = cf->last_line };
	return sp;
}

static const char *
nearest_key(const struct cat_file *en, const char *key)
{
	const char *best = NULL;
	unsigned best_d = strlen(key) < 9 ? 2 : 3;
	for (size_t i = 0; i < en->n_entries; i++) {
		unsigned d = intl_edit_distance(key, en->entries[i].key, best_d);
		if (d <= best_d && (best == NULL || d < best_d)) {
			best = en->entries[i].key;
			best_d = d;
		}
	}
	return best;
}

long
i18n_check(const char *data_dir, const struct form_set *fs, FILE *out, FILE *err)
{
	long errors = 0;
	struct cat_file en;
	cat_load(&en, data_dir, "en", err, &errors);
	if (!en.loaded) {
		if (!en.present)
			fprintf(err, "%s: error: the reference catalog is missing\n", en.path);
		cat_free(&en);
		return -1;
	}
	struct i18n_args *ref = xcalloc(en.n_entries + 1, sizeof *ref);
	for (size_t i = 0; i < en.n_entries; i++)
		errors += check_pattern(err, &en, &en.entries[i], NULL, &ref[i], fs);
	if (fs != NULL)
		errors += check_forms(err, &en, fs);
	size_t checked = 1;
	for (size_t l = 1; l < N_LANGS; l++) {
		struct cat_file cf;
		cat_load(&cf, data_dir, langs[l], err, &errors);
		if (!cf.present) {
			fprintf(err, "%s: warning: not present (no %s translation yet)\n", cf.path,
			    langs[l]);
			continue;
		}
		checked++;
		if (!cf.loaded) {
			cat_free(&cf);
			continue;
		}
		for (size_t i = 0; i < cf.n_entries; i++) {
			const struct entry *e = &cf.entries[i];
			const struct entry *r = find(&en, e->key);
			if (r == NULL) {
				const char *sug = nearest_key(&en, e->key);
				report(err, &cf, &e->node->key_span, e->key,
				    "not in locale/en.yaml%s%s%s", sug ? "; did you mean '" : "",
				    sug ? sug : "", sug ? "'?" : " (remove it, or add it to en.yaml first)");
				errors++;
				continue;
			}
			struct i18n_args args;
			errors += check_pattern(err, &cf, e, &ref[r->index], &args, fs);
		}
		for (size_t i = 0; i < en.n_entries; i++) {
			if (find(&cf, en.entries[i].key) != NULL)
				continue;
			struct span sp = insert_point(&en, i, &cf);
			report(err, &cf, &sp, en.entries[i].key, "missing (locale/en.yaml:%u has it); "
			    "it belongs before this line", (unsigned)en.entries[i].node->key_span.line + 1);
			errors++;
		}
		cat_free(&cf);
	}
	free(ref);
	cat_free(&en);
	if (errors == 0)
		fprintf(out, "spcomm: %zu catalogs checked against locale/en.yaml: no problem\n", checked);
	return errors;
}

bool
i18n_status(const char *data_dir, FILE *out, FILE *err)
{
	long errors = 0;
	struct cat_file en;
	cat_load(&en, data_dir, "en", err, &errors);
	if (!en.loaded) {
		if (!en.present)
			fprintf(err, "%s: error: the reference catalog is missing\n", en.path);
		cat_free(&en);
		return false;
	}
	fprintf(out, "%-4s %-16s %11s %7s %10s %7s\n", "lang", "catalog", "translated", "%",
	    "same as en", "extra");
	for (size_t l = 0; l < N_LANGS; l++) {
		struct cat_file cf;
		long ignored = 0;
		if (l == 0)
			cf = en;
		else
			cat_load(&cf, data_dir, langs[l], NULL, &ignored);
		char name[32];
		snprintf(name, sizeof name, "%s.yaml", langs[l]);
		if (!cf.present) {
			fprintf(out, "%-4s %-16s %11s %7s %10s %7s  not started\n", langs[l], name, "-",
			    "-", "-", "-");
			continue;
		}
		if (!cf.loaded) {
			fprintf(out, "%-4s %-16s %11s %7s %10s %7s  unreadable: run 'spcomm i18n check'\n",
			    langs[l], name, "-", "-", "-", "-");
			cat_free(&cf);
			continue;
		}
		size_t have = 0, same = 0, extra = 0;
		for (size_t i = 0; i < en.n_entries; i++) {
			const struct entry *e = find(&cf, en.entries[i].key);
			if (e == NULL)
				continue;
			have++;
			if (l > 0 && strcmp(e->node->text, en.entries[i].node->text) == 0)
				same++;
		}
		for (size_t i = 0; i < cf.n_entries; i++)
			if (find(&en, cf.entries[i].key) == NULL)
				extra++;
		char frac[32], pct[16], sm[16], ex[16];
		snprintf(frac, sizeof frac, "%zu/%zu", have, en.n_entries);
		/* floor, so that 100.0% means complete */
		snprintf(pct, sizeof pct, "%.1f%%", en.n_entries ? (double)(have * 1000 / en.n_entries)
		    / 10.0 : 100.0);
		snprintf(sm, sizeof sm, l == 0 ? "-" : "%zu", same);
		snprintf(ex, sizeof ex, "%zu", extra);
		fprintf(out, "%-4s %-16s %11s %7s %10s %7s\n", langs[l], name, frac, pct, sm, ex);
		if (l > 0)
			cat_free(&cf);
	}
	cat_free(&en);
	return true;
}

/* ----- i18n status CASE ----- */

struct tr_item {
	uint32_t line, col;
	const char *path;
	const struct po_entry *stale;  /* its stale entry in a translation file */
};

struct tr_walk {
	const char *lang;
	const struct po_set *po;
	struct arena *a;
	struct tr_item *items;  /* values without a translation in lang */
	size_t n_items, cap, values;
	struct case_path_buf path;  /* of the value walked */
};

static void
walk_translatable(struct tr_walk *w, const struct cval *c)
{
	if (c->field->translatable && c->text != NULL) {
		bool original = true;
		(void)case_text_in(c, w->lang, &original);
		w->values++;
		if (original) {
			if (w->n_items == w->cap) {
				w->cap = w->cap ? 2 * w->cap : 32;
				w->items = xrealloc(w->items, w->cap * sizeof *w->items);
			}
			const struct po_entry *e = po_find(w->po, c, w->lang);
			w->items[w->n_items++] = (struct tr_item){
				c->node->span.line, c->node->span.col,
				arena_strdup(w->a, w->path.s),
				e != NULL && e->state == PO_STALE ? e : NULL };
		}
	}
	for (size_t i = 0; i < c->n_kids; i++) {
		size_t mark = case_path_push_child(&w->path, c, i);
		walk_translatable(w, c->kids[i]);
		case_path_pop(&w->path, mark);
	}
}

static int
by_position(const void *pa, const void *pb)
{
	const struct tr_item *a = pa, *b = pb;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	return a->col < b->col ? -1 : a->col > b->col;
}

size_t
i18n_case_status(const struct case_data *cd, const char *const *tags, size_t n,
    const struct po_set *po, FILE *out)
{
	struct arena a = { 0 };
	size_t total = 0;
	for (size_t l = 0; l < n; l++) {
		if (strcmp(tags[l], cd->language) == 0)
			continue;
		struct tr_walk w = { .lang = tags[l], .po = po, .a = &a };
		case_path_init(&w.path);
		walk_translatable(&w, cd->root);
		case_path_free(&w.path);
		if (w.n_items == 0)
			fprintf(out, "%s: %s: all %zu translatable values translated\n", cd->file,
			    tags[l], w.values);
		else {
			size_t stale = 0;
			for (size_t i = 0; i < w.n_items; i++)
				stale += w.items[i].stale != NULL;
			fprintf(out, "%s: %s: %zu of %zu translatable values need a translation",
			    cd->file, tags[l], w.n_items, w.values);
			if (stale > 0)
				fprintf(out, " (%zu of them stale)", stale);
			fputc('\n', out);
		}
		/* In the order of the file, the order a translator works in. */
		if (w.n_items > 0)
			qsort(w.items, w.n_items, sizeof *w.items, by_position);
		for (size_t i = 0; i < w.n_items; i++) {
			const struct tr_item *it = &w.items[i];
			fprintf(out, "%s:%u:%u: %s", cd->file, (unsigned)it->line + 1,
			    (unsigned)it->col + 1, it->path);
			if (it->stale)
				fprintf(out, " (stale: %s:%u translates an older original)",
				    it->stale->file, (unsigned)it->stale->line + 1);
			fputc('\n', out);
		}
		total += w.n_items;
		free(w.items);
	}
	arena_free(&a);
	return total;
}

/* ----- i18n export / import: a catalog through a PO file ----- */

/* The lines of a loaded catalog, for its comments. */
struct lines {
	size_t *start;   /* offset of each line; start[n] = the length */
	size_t n;
};

static void
lines_index(struct lines *ln, const char *buf, size_t len)
{
	size_t n = 1;
	for (size_t i = 0; i < len; i++)
		n += buf[i] == '\n' && i + 1 < len;
	ln->start = xcalloc(n + 1, sizeof *ln->start);
	ln->n = 0;
	ln->start[ln->n++] = 0;
	for (size_t i = 0; i < len; i++)
		if (buf[i] == '\n' && i + 1 < len)
			ln->start[ln->n++] = i + 1;
	ln->start[ln->n] = len;
}

/* What line l of buf is: '#' a comment, ' ' blank, 'k' anything else
 * (an entry, or the rest of one written on several lines). */
static char
line_kind(const char *buf, const struct lines *ln, size_t l)
{
	for (size_t i = ln->start[l]; i < ln->start[l + 1] && buf[i] != '\n'; i++) {
		if (buf[i] == '#')
			return '#';
		if (buf[i] != ' ' && buf[i] != '\t' && buf[i] != '\r')
			return 'k';
	}
	return ' ';
}

/* The comment block that opens the block of entries holding the entry at
 * line `line` (0-based): the comment lines just above the first entry of
 * a run of entries without a blank line, without their '#' and the space
 * after it, each ending in '\n'; "" when the block has none.  A section
 * rule ("# ---- document") stands apart, after a blank line, and is not
 * taken. */
static const char *
block_comment(const struct cat_file *cf, const struct lines *ln, uint32_t line, struct arena *a)
{
	size_t l = line;
	while (l > 0 && line_kind(cf->buf, ln, l - 1) == 'k')
		l--;
	size_t end = l;
	while (l > 0 && line_kind(cf->buf, ln, l - 1) == '#')
		l--;
	char *out = arena_strdup(a, "");
	for (; l < end; l++) {
		const char *s = cf->buf + ln->start[l];
		size_t n = ln->start[l + 1] - ln->start[l];
		while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r'))
			n--;
		s++, n--;                      /* '#' */
		if (n > 0 && *s == ' ')
			s++, n--;
		out = arena_printf(a, "%s%.*s\n", out, (int)n, s);
	}
	return out;
}

static bool
is_catalog_lang(const char *lang)
{
	for (size_t l = 0; l < N_LANGS; l++)
		if (strcmp(lang, langs[l]) == 0)
			return true;
	return false;
}

bool
i18n_export(const char *data_dir, const char *lang, int64_t when, const char *version,
    char **out, size_t *out_len, struct i18n_export_stats *st, FILE *err)
{
	long errors = 0;
	bool ok = false;
	struct cat_file en, cf;
	struct lines en_ln = { 0 }, cf_ln = { 0 };
	struct arena a = { 0 };
	memset(st, 0, sizeof *st);
	*out = NULL;
	*out_len = 0;
	if (!is_catalog_lang(lang)) {
		fprintf(err, "spcomm: i18n export: '%s' is not a catalog (en, fr, es, ru, zh or "
		    "ar)\n", lang);
		return false;
	}
	cat_load(&en, data_dir, "en", err, &errors);
	cat_load(&cf, data_dir, lang, err, &errors);
	if (!en.loaded || (cf.present && !cf.loaded)) {
		fprintf(err, "spcomm: i18n export: %s cannot be read: run 'spcomm i18n check'\n",
		    en.loaded ? cf.path : en.path);
		goto done;
	}
	lines_index(&en_ln, en.buf, en.len);
	if (cf.loaded)
		lines_index(&cf_ln, cf.buf, cf.len);
	struct po_item *items = xcalloc(en.n_entries + 1, sizeof *items);
	for (size_t i = 0; i < en.n_entries; i++) {
		const struct entry *e = &en.entries[i];
		const struct entry *t = cf.loaded ? find(&cf, e->key) : NULL;
		struct po_item *p = &items[i];
		p->ctx = e->key;
		p->id = e->node->text;
		p->str = t ? t->node->text : "";
		p->extracted = block_comment(&en, &en_ln, e->node->key_span.line, &a);
		p->comments = t ? block_comment(&cf, &cf_ln, t->node->key_span.line, &a) : "";
		if (strcmp(p->comments, p->extracted) == 0)
			p->comments = "";
		st->entries++;
		st->translated += t != NULL;
	}
	/* the date: SOURCE_DATE_EPOCH, else when the catalog last changed */
	struct stat sb;
	char file[4096];
	snprintf(file, sizeof file, "%s/locale/%s.yaml", data_dir, cf.present ? lang : "en");
	if (when < 0)
		when = stat(file, &sb) == 0 ? (int64_t)sb.st_mtime : 0;
	time_t tt = (time_t)when;
	struct tm tm;
	char date[32];
	gmtime_r(&tt, &tm);
	strftime(date, sizeof date, "%Y-%m-%d %H:%M+0000", &tm);
	const char *header = po_header(&a, arena_printf(&a, "spcomm %s", version), date, lang,
	    version, "X-Spcomm-Catalog", arena_printf(&a, "locale/%s.yaml", lang));
	const char *comments = arena_printf(&a,
	    "The catalog locale/%s.yaml of spcomm, against locale/en.yaml.\n"
	    "msgctxt is the key: keep it.  msgid is the English pattern, msgstr yours.\n"
	    "Patterns are ICU MessageFormat (flag icu-message-format): keep {0}, {1}...\n"
	    "and the plural and select structure; write the typographic apostrophe.\n"
	    "Back into the catalog: spcomm i18n import FILE.po\n", lang);
	char why[300];
	ok = po_write_items(header, comments, items, en.n_entries, "icu-message-format", out,
	    out_len, why, sizeof why);
	if (!ok)
		fprintf(err, "spcomm: i18n export: %s\n", why);
	free(items);
done:
	free(en_ln.start);
	free(cf_ln.start);
	cat_free(&en);
	cat_free(&cf);
	arena_free(&a);
	return ok;
}

/* text as a YAML double-quoted scalar, in a: backslash, double quote,
 * and the characters YAML reads as line breaks or that a catalog must not
 * hold raw escaped. */
static const char *
yaml_quoted(struct arena *a, const char *text)
{
	size_t n = strlen(text), k = 0;
	char *q = arena_alloc(a, 6 * n + 3);
	q[k++] = '"';
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)text[i];
		const unsigned char *u = (const unsigned char *)text + i;
		if (c == '"' || c == '\\') {
			q[k++] = '\\';
			q[k++] = (char)c;
		} else if (c < 0x20 || c == 0x7f) {
			k += (size_t)sprintf(q + k, "\\x%02X", c);
		} else if (c == 0xC2 && i + 1 < n && u[1] == 0x85) {
			k += (size_t)sprintf(q + k, "\\N");
			i++;
		} else if (c == 0xE2 && i + 2 < n && u[1] == 0x80 && (u[2] == 0xA8 || u[2] == 0xA9)) {
			k += (size_t)sprintf(q + k, "\\%c", u[2] == 0xA8 ? 'L' : 'P');
			i += 2;
		} else if (c == 0xEF && i + 2 < n && u[1] == 0xBB && u[2] == 0xBF) {
			k += (size_t)sprintf(q + k, "\\uFEFF");
			i += 2;
		} else {
			q[k++] = (char)c;
		}
	}
	q[k++] = '"';
	q[k] = '\0';
	return q;
}

/* One change to the catalog's bytes: [from, to) becomes text. */
struct edit {
	size_t from, to;
	size_t order;          /* en.yaml's order, for insertions at one place */
	const char *text;
	const char *key, *value;
};

static int
cmp_edit(const void *pa, const void *pb)
{
	const struct edit *a = pa, *b = pb;
	if (a->from != b->from)
		return a->from < b->from ? -1 : 1;
	return a->order < b->order ? -1 : a->order > b->order;
}

/* Where the value of node n ends in cf: libyaml ends a block scalar
 * ("|", ">") at the start of the line after it (after its trailing blank
 * lines), which a replacement must not take nor an insertion skip. */
static size_t
value_end(const struct cat_file *cf, const struct ynode *n)
{
	size_t to = n->span.end_offset;
	if (n->style == YSTYLE_BLOCK)
		while (to > n->span.offset && (cf->buf[to - 1] == '\n' || cf->buf[to - 1] == ' ' ||
		    cf->buf[to - 1] == '\r' || cf->buf[to - 1] == '\t'))
			to--;
	return to;
}

/* The offset after the line that ends the entry e (its value's end). */
static size_t
after_line(const struct cat_file *cf, const struct entry *e)
{
	size_t i = value_end(cf, e->node);
	while (i < cf->len && cf->buf[i] != '\n')
		i++;
	return i < cf->len ? i + 1 : cf->len;
}

/* Where a key of en.yaml (index i) that cf lacks goes: after the nearest
 * key before it in en.yaml that cf has; else before the nearest one after
 * it, above the comment block that one may have (*own_block: a blank line
 * is then wanted between them); else at the end. */
static size_t
insert_offset(const struct cat_file *en, size_t i, const struct cat_file *cf, bool *own_block)
{
	*own_block = false;
	for (size_t j = i; j-- > 0;) {
		const struct entry *e = cf->loaded ? find(cf, en->entries[j].key) : NULL;
		if (e)
			return after_line(cf, e);
	}
	for (size_t j = i + 1; j < en->n_entries; j++) {
		const struct entry *e = cf->loaded ? find(cf, en->entries[j].key) : NULL;
		if (e) {
			size_t o = e->node->key_span.offset;
			while (o > 0 && cf->buf[o - 1] != '\n')
				o--;
			/* the comment lines just above belong to that key's block */
			while (o > 0) {
				size_t p = o - 1;
				while (p > 0 && cf->buf[p - 1] != '\n')
					p--;
				if (cf->buf[p] != '#')
					break;
				o = p;
				*own_block = true;
			}
			return o;
		}
	}
	return cf->len;
}

/* "file:line:1: error: key 'k': ..." for an entry of the PO file. */
static void
po_report(FILE *err, const char *file, const struct po_item *p, const char *level,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void
po_report(FILE *err, const char *file, const struct po_item *p, const char *level,
    const char *fmt, ...)
{
	va_list ap;
	if (p->located)
		fprintf(err, "%s:%u:1: %s: ", file, (unsigned)p->line + 1, level);
	else
		fprintf(err, "%s: %s: ", file, level);
	if (p->ctx) {
		/* the file's own words: no control character reaches the
		 * terminal, and a long one is cut */
		fputs("key '", err);
		for (size_t i = 0; p->ctx[i] && i < 80; i++)
			fputc((unsigned char)p->ctx[i] < 0x20 || p->ctx[i] == 0x7f ? '?' : p->ctx[i], err);
		fputs(strlen(p->ctx) > 80 ? "...': " : "': ", err);
	}
	va_start(ap, fmt);
	vfprintf(err, fmt, ap);
	va_end(ap);
	fputc('\n', err);
}

/* Check the translation p (lang) of the English entry r as `i18n check`
 * checks a catalog's pattern, with the PO file's name and the entry's
 * line in the messages.  Returns the number of errors. */
static long
check_po_pattern(FILE *err, const char *file, const char *lang, const struct po_item *p,
    const char *text, const struct entry *r)
{
	struct cat_file fake;
	memset(&fake, 0, sizeof fake);
	fake.lang = lang;
	snprintf(fake.path, sizeof fake.path, "%s", file);
	struct ynode node;
	memset(&node, 0, sizeof node);
	node.kind = YNODE_SCALAR;
	node.key = p->ctx;
	node.text = text;
	node.len = strlen(text);
	node.span.line = node.span.end_line = p->line;
	node.key_span = node.span;
	struct entry e = { p->ctx, &node, 0 };
	struct i18n_args ref, args;
	i18n_args(r->node->text, &ref);
	return check_pattern(err, &fake, &e, &ref, &args, NULL);
}

/* Whether the new bytes read back as intended: every edited key has its
 * new value, and the file as many entries as expected. */
static bool
reads_back(const char *buf, size_t len, const struct edit *ed, size_t n_ed, size_t n_entries)
{
	struct arena a = { 0 };
	struct ytree tree = { 0 };
	struct diag_list dl;
	diag_list_init(&dl, "(new catalog)");
	bool ok = ytree_load(buf, len, &a, &tree, &dl) && tree.root != NULL &&
	    tree.root->kind == YNODE_MAPPING && tree.root->n_children == n_entries;
	for (size_t i = 0; ok && i < n_ed; i++) {
		const struct ynode *n = ytree_get(tree.root, ed[i].key);
		ok = n != NULL && n->kind == YNODE_SCALAR && strcmp(n->text, ed[i].value) == 0;
	}
	diag_list_free(&dl);
	arena_free(&a);
	return ok;
}

long
i18n_import(const char *data_dir, const char *po_file, struct i18n_import_stats *st,
    FILE *out, FILE *err)
{
	long errors = 0;
	struct arena a = { 0 };
	struct diag_list dl;
	struct cat_file en, cf;
	struct edit *ed = NULL;
	char *nbuf = NULL;
	bool loaded = false;
	memset(st, 0, sizeof *st);
	diag_list_init(&dl, po_file);
	const char *header = NULL;
	struct po_item *items = NULL;
	size_t n_items = 0;
	if (!po_read_items(po_file, &a, &header, &items, &n_items, &dl)) {
		for (size_t i = 0; i < dl.n_items; i++) {
			const struct diag *d = &dl.items[i];
			if (d->has_span)
				fprintf(err, "%s:%u:%u: error: %s\n", po_file, (unsigned)d->span.line + 1,
				    (unsigned)d->span.col + 1, d->message);
			else
				fprintf(err, "%s: error: %s\n", po_file, d->message);
		}
		diag_list_free(&dl);
		arena_free(&a);
		return dl.n_items ? (long)dl.n_items : 1;
	}
	diag_list_free(&dl);
	const char *l = po_header_value(&a, header, "Language");
	const char *lang = arena_strndup(&a, l, strcspn(l, "_-@."));
	if (!is_catalog_lang(lang)) {
		fprintf(err, "%s: error: the Language header is \"%.20s\": a catalog to import is "
		    "en, fr, es, ru, zh or ar\n", po_file, l);
		arena_free(&a);
		return 1;
	}
	cat_load(&en, data_dir, "en", err, &errors);
	cat_load(&cf, data_dir, lang, err, &errors);
	loaded = true;
	if (!en.loaded || (cf.present && !cf.loaded)) {
		fprintf(err, "spcomm: i18n import: %s cannot be read: run 'spcomm i18n check'\n",
		    en.loaded ? cf.path : en.path);
		errors += errors == 0;
		goto done;
	}
	ed = xcalloc(n_items + 1, sizeof *ed);
	size_t n_ed = 0, n_added = 0;
	for (size_t i = 0; i < n_items; i++) {
		const struct po_item *p = &items[i];
		const struct entry *r = p->ctx ? find(&en, p->ctx) : NULL;
		if (p->ctx == NULL) {
			po_report(err, po_file, p, "error", "an entry without msgctxt: it names no key");
			errors++;
			continue;
		}
		if (r == NULL) {
			po_report(err, po_file, p, "error", "not a key of locale/en.yaml");
			errors++;
			continue;
		}
		if (p->plural) {
			po_report(err, po_file, p, "error", "an entry with msgid_plural: catalog "
			    "patterns hold their plurals inside ({0, plural, ...})");
			errors++;
			continue;
		}
		if (strcmp(p->id, r->node->text) != 0) {
			po_report(err, po_file, p, "warning", "the English pattern changed since the "
			    "file was exported (locale/en.yaml:%u): not imported; export again",
			    (unsigned)r->node->key_span.line + 1);
			st->stale++;
			continue;
		}
		if (p->fuzzy) {
			st->fuzzy++;
			continue;
		}
		if (*p->str == '\0') {
			st->empty++;
			continue;
		}
		size_t nlen;
		const char *text = intl_nfc(&a, p->str, strlen(p->str), &nlen);
		uint32_t cp = 0;
		size_t off;
		if (text == NULL) {
			po_report(err, po_file, p, "error", "the translation is not valid UTF-8");
			errors++;
			continue;
		}
		if (intl_scan(text, nlen, true, false, &cp, &off) != ICP_NONE) {
			po_report(err, po_file, p, "error", "the translation has the character U+%04X, "
			    "which a pattern may not hold (a line break or another control character, "
			    "or one above U+FFFF, which the PDF cannot draw)",
			    (unsigned)cp);
			errors++;
			continue;
		}
		long e = check_po_pattern(err, po_file, lang, p, text, r);
		if (e > 0) {
			errors += e;
			continue;
		}
		const struct entry *t = cf.loaded ? find(&cf, p->ctx) : NULL;
		if (t != NULL && (strcmp(t->node->text, text) == 0 ||
		    strcmp(t->node->text, p->str) == 0))
			continue;
		struct edit *d = &ed[n_ed++];
		d->key = p->ctx;
		d->value = text;
		d->order = r->index;
		if (t != NULL) {
			d->from = t->node->span.offset;
			d->to = value_end(&cf, t->node);
			d->text = yaml_quoted(&a, text);
			st->changed++;
		} else {
			bool own_block;
			d->from = d->to = insert_offset(&en, r->index, &cf, &own_block);
			bool nl = d->from == cf.len && cf.len > 0 && cf.buf[cf.len - 1] != '\n';
			d->text = arena_printf(&a, "%s%s: %s\n%s", nl ? "\n" : "", p->ctx,
			    yaml_quoted(&a, text), own_block ? "\n" : "");
			st->added++;
			n_added++;
		}
	}
	if (errors > 0) {
		fprintf(err, "%s: %ld error%s: %s not changed\n", po_file, errors,
		    errors == 1 ? "" : "s", cf.path);
		goto done;
	}
	if (n_ed > 0) {
		qsort(ed, n_ed, sizeof *ed, cmp_edit);
		size_t cap = cf.len + 1, k = 0, pos = 0;
		for (size_t i = 0; i < n_ed; i++)
			cap += strlen(ed[i].text);
		nbuf = xmalloc(cap);
		for (size_t i = 0; i < n_ed; i++) {
			memcpy(nbuf + k, cf.buf + pos, ed[i].from - pos);
			k += ed[i].from - pos;
			size_t tl = strlen(ed[i].text);
			memcpy(nbuf + k, ed[i].text, tl);
			k += tl;
			pos = ed[i].to;
		}
		memcpy(nbuf + k, cf.buf + pos, cf.len - pos);
		k += cf.len - pos;
		if (!reads_back(nbuf, k, ed, n_ed, cf.n_entries + n_added)) {
			fprintf(err, "spcomm: i18n import: internal error: the new %s would not read "
			    "back as intended; not changed\n", cf.path);
			errors++;
			goto done;
		}
		char file[4096], why[600];
		snprintf(file, sizeof file, "%s/locale/%s.yaml", data_dir, lang);
		struct stat sb;
		mode_t mode = stat(file, &sb) == 0 ? sb.st_mode & 07777 : 0644;
		if (!outfile_write(file, nbuf, k, OUTFILE_FORCE, why, sizeof why)) {
			fprintf(err, "%s: error: %s\n", cf.path, why);
			errors++;
			goto done;
		}
		/* outfile makes new files 0600: a catalog keeps its mode */
		if (chmod(file, mode) != 0)
			fprintf(err, "%s: warning: cannot restore its mode %04o: %s\n", cf.path,
			    (unsigned)mode, strerror(errno));
	}
	fprintf(out, "%s: %zu pattern%s changed, %zu added", cf.path, st->changed,
	    st->changed == 1 ? "" : "s", st->added);
	if (st->fuzzy)
		fprintf(out, ", %zu fuzzy not imported", st->fuzzy);
	if (st->stale)
		fprintf(out, ", %zu made from another English not imported", st->stale);
	if (st->empty)
		fprintf(out, ", %zu untranslated", st->empty);
	fprintf(out, "%s\n", n_ed ? "" : " (file unchanged)");
done:
	free(nbuf);
	free(ed);
	if (loaded) {
		cat_free(&en);
		cat_free(&cf);
	}
	arena_free(&a);
	return errors;
}
