/* po.c - translation files of a case, through libgettextpo (see po.h and
 * gettextpo.h: the library is loaded when first needed). */
#include "po.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "copy.h"
#include "gettextpo.h"
#include "match.h"
#include "spcomm_limits.h"

/* The output languages and gettext's Plural-Forms for each (the gettext
 * manual, "Plural forms"): a PO file without them fails msgfmt --check
 * as soon as a plural entry exists, and editors ask for them. */
static const struct {
	const char *lang;
	const char *plural_forms;
} po_langs[] = {
	{ "en", "nplurals=2; plural=(n != 1);" },
	{ "fr", "nplurals=2; plural=(n > 1);" },
	{ "es", "nplurals=2; plural=(n != 1);" },
	{ "ru", "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
	    "(n%100<10 || n%100>=20) ? 1 : 2);" },
	{ "zh", "nplurals=1; plural=0;" },
	{ "ar", "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && "
	    "n%100<=10 ? 3 : n%100>=11 ? 4 : 5);" },
};
#define N_PO_LANGS (sizeof po_langs / sizeof po_langs[0])

static const char *
known_lang(const char *s, size_t n)
{
	for (size_t i = 0; i < N_PO_LANGS; i++)
		if (strlen(po_langs[i].lang) == n && strncmp(po_langs[i].lang, s, n) == 0)
			return po_langs[i].lang;
	return NULL;
}

/* ----- libgettextpo, under one lock ----- */

static pthread_mutex_t po_lock = PTHREAD_MUTEX_INITIALIZER;

/* Where the error handler reports (set under po_lock). */
static struct {
	struct diag_list *dl;
	const char *file;        /* the name printed */
	size_t errors;
	char first[256];         /* the first message, for a write error */
	jmp_buf fatal;
} po_report;

static void
on_po_problem(int severity, const char *filename, size_t lineno, size_t column,
    const char *text)
{
	(void)filename;          /* it is /dev/fd/N: po_report.file is the name */
	if (severity == PO_SEVERITY_WARNING)
		return;
	po_report.errors++;
	/* one line: libgettextpo may give several */
	char msg[256];
	size_t k = 0;
	for (const char *p = text; *p && k + 1 < sizeof msg; p++)
		msg[k++] = *p == '\n' ? ' ' : *p;
	while (k > 0 && msg[k - 1] == ' ')
		k--;
	msg[k] = '\0';
	if (po_report.first[0] == '\0')
		snprintf(po_report.first, sizeof po_report.first, "%s", msg);
	if (po_report.dl != NULL) {
		struct span sp = { 0 };
		bool at = lineno != (size_t)-1 && lineno > 0;
		if (at) {
			sp.line = sp.end_line = (uint32_t)(lineno - 1);
			sp.col = column != (size_t)-1 && column > 0 ? (uint32_t)(column - 1) : 0;
			sp.end_col = sp.col + 1;
		}
		diag_add(po_report.dl, DIAG_PO_FILE, at ? &sp : NULL, NULL,
		    "open it in a PO editor (Poedit) or run msgfmt --check on it to see the problem",
		    "not a valid PO file: %s", msg);
		diag_set_file(po_report.dl, po_report.file);
	}
	if (severity == PO_SEVERITY_FATAL_ERROR)
		longjmp(po_report.fatal, 1);
}

static void
xerror(int severity, po_message_t message, const char *filename, size_t lineno,
    size_t column, int multiline_p, const char *text)
{
	(void)message;
	(void)multiline_p;
	on_po_problem(severity, filename, lineno, column, text);
}

static void
xerror2(int severity, po_message_t m1, const char *f1, size_t l1, size_t c1, int ml1,
    const char *t1, po_message_t m2, const char *f2, size_t l2, size_t c2, int ml2,
    const char *t2)
{
	(void)m1;
	(void)ml1;
	(void)m2;
	(void)f2;
	(void)l2;
	(void)c2;
	(void)ml2;
	char both[512];
	snprintf(both, sizeof both, "%s %s", t1, t2);
	on_po_problem(severity, f1, l1, c1, both);
}

static const struct po_xerror_handler handler = { xerror, xerror2 };

/* po_file_read and po_file_write with a way back from a fatal error
 * (the handler may not return then); NULL on failure.  Under po_lock. */
static po_file_t
guarded_read(const char *path)
{
	po_file_t volatile pf = NULL;
	if (setjmp(po_report.fatal) == 0)
		pf = po_file_read(path, &handler);
	return pf;
}

static bool
guarded_write(po_file_t pf, const char *path)
{
	volatile bool ok = false;
	if (setjmp(po_report.fatal) == 0)
		ok = po_file_write(pf, path, &handler) != NULL;
	return ok;
}

/* ----- reading ----- */

/* The value at a path as case_path_push_child writes it ("victims[2].name"),
 * or NULL. */
static const struct cval *
resolve(const struct cval *c, const char *path)
{
	const char *p = path;
	while (c != NULL && *p) {
		if (*p == '[') {
			size_t i = 0, digits = 0;
			for (p++; *p >= '0' && *p <= '9'; p++, digits++) {
				if (i > LIMIT_LIST_ITEMS)
					return NULL;
				i = i * 10 + (size_t)(*p - '0');
			}
			if (digits == 0 || *p++ != ']' || c->field->type != FT_LIST || i >= c->n_kids)
				return NULL;
			c = c->kids[i];
		} else {
			if (p != path && *p++ != '.')
				return NULL;
			const char *end = p;
			while (*end && *end != '.' && *end != '[')
				end++;
			char name[128];
			if (end == p || (size_t)(end - p) >= sizeof name)
				return NULL;
			memcpy(name, p, (size_t)(end - p));
			name[end - p] = '\0';
			c = case_get(c, name);
			p = end;
		}
	}
	return c;
}

/* Where each msgctxt of a file is: its value (as libgettextpo gives it:
 * escapes read, continuation lines joined) and the 0-based line of its
 * `msgctxt` keyword, the first when two share one; an open-addressing
 * table made once per file, so that every entry is placed in the time of
 * one read of the file. */
struct ctx_line {
	const char *ctx;
	uint32_t line;
};

struct ctx_index {
	struct ctx_line *slot;
	size_t n_slots, n;
};

static uint64_t
ctx_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

/* The C-escaped string literal at *p (at its opening quote) appended to
 * out, unescaped; *p moved past it.  False if the line holds none. */
static bool
take_literal(const char **p, const char *end, char **out, size_t *n, size_t *cap)
{
	const char *q = *p;
	while (q < end && (*q == ' ' || *q == '\t'))
		q++;
	if (q >= end || *q != '"')
		return false;
	for (q++; q < end && *q != '"'; q++) {
		char c = *q;
		if (c == '\\' && q + 1 < end) {
			c = *++q;
			c = c == 'n' ? '\n' : c == 't' ? '\t' : c == 'r' ? '\r' : c == 'a' ? '\a'
			    : c == 'b' ? '\b' : c == 'f' ? '\f' : c == 'v' ? '\v' : c;
		}
		if (*n + 2 > *cap) {
			*cap = *cap ? 2 * *cap : 64;
			*out = xrealloc(*out, *cap);
		}
		(*out)[(*n)++] = c;
	}
	*p = q;
	return true;
}

static void
ctx_index_add(struct ctx_index *ix, struct arena *a, const char *ctx, size_t len, uint32_t line)
{
	if (2 * (ix->n + 1) > ix->n_slots) {
		size_t n = ix->n_slots ? 2 * ix->n_slots : 256;
		struct ctx_line *v = xcalloc(n, sizeof *v);
		for (size_t i = 0; i < ix->n_slots; i++)
			if (ix->slot[i].ctx != NULL) {
				size_t k = ctx_hash(ix->slot[i].ctx) & (n - 1);
				while (v[k].ctx != NULL)
					k = (k + 1) & (n - 1);
				v[k] = ix->slot[i];
			}
		free(ix->slot);
		ix->slot = v;
		ix->n_slots = n;
	}
	const char *c = arena_strndup(a, ctx, len);
	size_t k = ctx_hash(c) & (ix->n_slots - 1);
	for (; ix->slot[k].ctx != NULL; k = (k + 1) & (ix->n_slots - 1))
		if (strcmp(ix->slot[k].ctx, c) == 0)
			return;  /* the first one's line */
	ix->slot[k] = (struct ctx_line){ c, line };
	ix->n++;
}

static void
ctx_index_build(struct ctx_index *ix, struct arena *a, const char *src, size_t len)
{
	char *buf = NULL;
	size_t cap = 0;
	uint32_t line = 0;
	for (const char *p = src, *end = src + len; p < end; line++) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		if (eol == NULL)
			eol = end;
		if ((size_t)(eol - p) > 8 && memcmp(p, "msgctxt ", 8) == 0) {
			size_t n = 0;
			const char *q = p + 8;
			uint32_t at = line;
			if (take_literal(&q, eol, &buf, &n, &cap)) {
				/* continuation lines: a string literal alone */
				while (eol < end) {
					const char *next = eol + 1, *nl = memchr(next, '\n', (size_t)(end - next));
					if (nl == NULL)
						nl = end;
					const char *r = next;
					if (!take_literal(&r, nl, &buf, &n, &cap))
						break;
					eol = nl;
					line++;
				}
				ctx_index_add(ix, a, buf ? buf : "", n, at);
			}
		}
		p = eol + 1;
	}
	free(buf);
}

/* The 0-based line of the entry whose msgctxt is ctx, or 0. */
static uint32_t
line_of(const struct ctx_index *ix, const char *ctx)
{
	if (ix->n_slots == 0)
		return 0;
	for (size_t k = ctx_hash(ctx) & (ix->n_slots - 1); ix->slot[k].ctx != NULL;
	    k = (k + 1) & (ix->n_slots - 1))
		if (strcmp(ix->slot[k].ctx, ctx) == 0)
			return ix->slot[k].line;
	return 0;
}

/* text without the white space at its ends, NFC, in a; NULL if it is not
 * UTF-8. */
static const char *
trimmed_nfc(struct arena *a, const char *text, size_t *len)
{
	size_t n = strlen(text);
	while (n > 0 && (text[n - 1] == ' ' || text[n - 1] == '\n' || text[n - 1] == '\t' ||
	    text[n - 1] == '\r'))
		n--;
	while (n > 0 && (*text == ' ' || *text == '\n' || *text == '\t' || *text == '\r')) {
		text++;
		n--;
	}
	return intl_nfc(a, text, n, len);
}

/* Read the whole regular file at path (at most LIMIT_PO_BYTES) into a
 * malloc'd buffer, keeping it open as *fd for libgettextpo. */
static bool
read_bytes(const char *path, int *fd, char **buf, size_t *len, char *why, size_t whylen)
{
	struct stat st;
	*buf = NULL;
	*len = 0;
	*fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (*fd < 0) {
		snprintf(why, whylen, "cannot open it: %s", strerror(errno));
		return false;
	}
	if (fstat(*fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		snprintf(why, whylen, "it is not a regular file");
		return false;
	}
	if (st.st_size < 0 || (uintmax_t)st.st_size > LIMIT_PO_BYTES) {
		snprintf(why, whylen, "it is %jd bytes; the limit is %u bytes (16 MiB)",
		    (intmax_t)st.st_size, (unsigned)LIMIT_PO_BYTES);
		return false;
	}
	size_t cap = (size_t)st.st_size + 1;
	*buf = xmalloc(cap + 1);
	while (*len < cap) {
		ssize_t n = read(*fd, *buf + *len, cap - *len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			snprintf(why, whylen, "cannot read it: %s", strerror(errno));
			return false;
		}
		if (n == 0)
			break;
		*len += (size_t)n;
	}
	if (*len > (size_t)st.st_size) {
		snprintf(why, whylen, "it grew while it was read");
		return false;
	}
	(*buf)[*len] = '\0';
	return true;
}

/* The file-level diagnostic: translation-file, tagged with the file. */
static void
file_error(struct diag_list *dl, const char *file, const char *hint, const char *what)
{
	diag_add(dl, DIAG_PO_FILE, NULL, NULL, hint, "%s", what);
	diag_set_file(dl, file);
}

/* The header field name of header (malloc'd by libgettextpo), as a
 * string in a; "" when absent. */
static const char *
header_field(struct arena *a, const char *header, const char *name)
{
	char unused[1];
	char *v = header && gettextpo_load(unused, 0) ? po_header_field(header, name) : NULL;
	const char *r = arena_strdup(a, v ? v : "");
	free(v);
	return r;
}

/* The identities of the case's source, as the validator searches them. */
static struct match_set *
source_needles(const struct case_data *cd, struct arena *a)
{
	struct match_set *shown = match_set_new(a), *src = match_set_new(a);
	copy_case_names(shown, a, cd->root);
	copy_source_identities(src, a, cd->root, shown);
	return src;
}

struct reader {
	struct case_data *cd;
	const char *file, *lang;
	const char *src;
	size_t src_len;
	const struct drawable *drawable;
	struct match_set *sources;
	struct po_set *set;
	struct arena *a;
	struct diag_list *dl;
	size_t errors;
	struct ctx_index lines;  /* where each msgctxt is, made on first use */
	bool lines_made;
};

static void
entry_diag(struct reader *r, enum diag_code code, uint32_t line, const char *path,
    const char *hint, const char *what)
{
	struct span sp = { .line = line, .end_line = line, .end_col = 1 };
	diag_add(r->dl, code, &sp, path, hint, "%s", what);
	diag_set_file(r->dl, r->file);
	if (code != DIAG_PO_STALE)
		r->errors++;
}

/* Whether a translation may stand in the case: the validator's checks of
 * a text value (characters, fonts, the source's identity). */
static bool
translation_ok(struct reader *r, const struct cval *v, const char *text, size_t len,
    uint32_t line, const char *path)
{
	uint32_t cp;
	size_t off;
	enum intl_char_problem p = intl_scan(text, len, v->field->type != FT_TEXT, false, &cp, &off);
	if (p == ICP_CONTROL && cp == '\n') {
		entry_diag(r, DIAG_PO_ENTRY, line, path, "write the translation on one line",
		    "the field is one line, but its translation has a line break");
		return false;
	}
	if (p != ICP_NONE) {
		entry_diag(r, DIAG_PO_ENTRY, line, path, "remove it from the translation",
		    arena_printf(r->a, "the translation has the character U+%04X, which cannot "
		    "be printed", (unsigned)cp));
		return false;
	}
	if (len > LIMIT_SCALAR_BYTES) {
		entry_diag(r, DIAG_PO_ENTRY, line, path, NULL, arena_printf(r->a,
		    "the translation is %zu bytes; the limit of a value is %u", len,
		    (unsigned)LIMIT_SCALAR_BYTES));
		return false;
	}
	if (r->drawable != NULL &&
	    intl_first_undrawable(text, len, r->drawable->has, r->drawable->ctx, &cp)) {
		entry_diag(r, DIAG_PO_ENTRY, line, path, "write it differently: the PDF fonts draw "
		    "Latin, Greek, Cyrillic, Arabic and Chinese script", arena_printf(r->a,
		    "the translation has the character U+%04X, which no font of the PDF has",
		    (unsigned)cp));
		return false;
	}
	struct match_hit hit;
	if (match_find(r->sources, text, len, &hit, 1, MATCH_FULL, false) > 0) {
		entry_diag(r, DIAG_PO_ENTRY, line, path, "write \"the source\" instead: the "
		    "source's identity is confidential and stays with OHCHR", arena_printf(r->a,
		    "the translation holds the source's %s (%s), in a text the Government may see",
		    match_needle_what(hit.needle), match_needle_path(hit.needle)));
		return false;
	}
	return true;
}

static void
record(struct reader *r, const struct po_entry *e)
{
	struct po_set *s = r->set;
	if (s->n_items == s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 32;
		struct po_entry *items = arena_alloc(r->a, cap * sizeof *items);
		if (s->n_items)
			memcpy(items, s->items, s->n_items * sizeof *items);
		s->items = items;
		s->cap = cap;
	}
	s->items[s->n_items++] = *e;
}

/* Put text in lang into v's translations (replacing one in lang). */
static void
set_translation(struct arena *a, struct cval *v, const char *lang, const char *text)
{
	for (size_t i = 0; i < v->n_translations; i++)
		if (strcmp(v->translations[i].lang, lang) == 0) {
			v->translations[i].text = text;
			return;
		}
	struct translation *t = arena_alloc(a, (v->n_translations + 1) * sizeof *t);
	if (v->n_translations)
		memcpy(t, v->translations, v->n_translations * sizeof *t);
	t[v->n_translations].lang = lang;
	t[v->n_translations].text = text;
	v->translations = t;
	v->n_translations++;
}

/* One message of the file; *apply collects the usable ones. */
static void
read_message(struct reader *r, po_message_t m, struct po_entry *apply, size_t *n_apply)
{
	const char *ctx = po_message_msgctxt(m);
	const char *id = po_message_msgid(m);
	if (po_message_is_obsolete(m))
		return;
	if (ctx == NULL) {
		entry_diag(r, DIAG_PO_ENTRY, 0, NULL, "extract the file again with 'spcomm i18n "
		    "extract': its entries name their field in msgctxt", arena_printf(r->a,
		    "an entry without msgctxt (msgid \"%.40s%s\"): it names no field", id,
		    strlen(id) > 40 ? "..." : ""));
		return;
	}
	if (!r->lines_made) {
		ctx_index_build(&r->lines, r->a, r->src, r->src_len);
		r->lines_made = true;
	}
	uint32_t line = line_of(&r->lines, ctx);
	/* the path as printed: a hostile msgctxt may hold anything */
	size_t clen = strlen(ctx);
	const char *path = intl_nfc(r->a, ctx, clen < 200 ? clen : 200, &clen);
	if (path == NULL || intl_scan(path, clen, true, true, &(uint32_t){ 0 }, &(size_t){ 0 })
	    != ICP_NONE) {
		entry_diag(r, DIAG_PO_ENTRY, line, NULL, NULL,
		    "an entry's msgctxt is not a field path (it has characters no path has)");
		return;
	}
	const struct cval *v = resolve(r->cd->root, ctx);
	if (po_message_msgid_plural(m) != NULL) {
		entry_diag(r, DIAG_PO_ENTRY, line, path, NULL,
		    "an entry with plural forms: a case's texts have none");
		return;
	}
	if (v == NULL) {
		entry_diag(r, DIAG_PO_ENTRY, line, path, "the case has no such value: was the "
		    "file made for another case, or was the value removed?",
		    "no value of the case at this path");
		return;
	}
	if (v->class == CLASS_SRC) {
		entry_diag(r, DIAG_PO_ENTRY, line, path, "a source's details (class SRC) never go "
		    "to a translator and take no translation from one",
		    "the field is confidential to the source (SRC): no translation is accepted");
		return;
	}
	if (!v->field->translatable || (v->field->type != FT_TEXT && v->field->type != FT_STRING)
	    || v->text == NULL) {
		entry_diag(r, DIAG_PO_ENTRY, line, path, "only fields marked (translatable) in "
		    "'spcomm forms' take translations", "the field is not translatable");
		return;
	}
	struct po_entry e = { .file = r->file, .line = line, .lang = r->lang, .path = path,
	    .value = v, .state = PO_UNTRANSLATED };
	size_t idlen, slen;
	e.msgid = trimmed_nfc(r->a, id, &idlen);
	e.msgstr = trimmed_nfc(r->a, po_message_msgstr(m), &slen);
	if (e.msgid == NULL || e.msgstr == NULL) {
		entry_diag(r, DIAG_PO_ENTRY, line, path, "save the file as UTF-8",
		    "the entry is not valid UTF-8");
		return;
	}
	size_t olen;
	const char *orig = trimmed_nfc(r->a, v->text, &olen);
	uint32_t blank;
	if (!po_message_is_fuzzy(m) && slen > 0 && !intl_blank(e.msgstr, slen, &blank)) {
		if (orig == NULL || olen != idlen || memcmp(orig, e.msgid, olen) != 0) {
			e.state = PO_STALE;
			entry_diag(r, DIAG_PO_STALE, line, path, "extract the file again (the "
			    "translation comes back marked fuzzy) and have it updated",
			    "the original changed since it was translated: the translation is not "
			    "used, the value prints in its original");
		} else if (translation_ok(r, v, e.msgstr, slen, line, path)) {
			e.state = PO_USED;
			apply[(*n_apply)++] = e;
		}
	}
	record(r, &e);
}

/* A name and a script the copies cannot read this file's translations
 * in, and the first such entry. */
struct unread_po {
	const struct cval *name;
	int script;
	bool copy[2];
	size_t n;
	const struct po_entry *first;
};

/*
 * The translations of this file that the Government or public copy
 * cannot check for a name it withholds (copy_text_unreadable: a script
 * the case gives that name in no form of): those copies print the
 * value's original in their place (copy_text_in), as for a translation
 * written in the case file, and the user is told as the validator tells
 * of those (script-unchecked): one warning per name and script, at the
 * file's first such entry.
 */
static void
warn_unreadable(struct reader *r, const struct po_entry *apply, size_t n_apply)
{
	if (n_apply == 0)
		return;
	const struct copy_gate *gates[2] = { copy_gate_new(r->cd, COPY_GOVERNMENT, r->a),
		copy_gate_new(r->cd, COPY_PUBLIC, r->a) };
	struct unread_po *u = arena_alloc(r->a, 2 * n_apply * sizeof *u);
	size_t n = 0;
	for (size_t i = 0; i < n_apply; i++)
		for (int k = 0; k < 2; k++) {
			const struct po_entry *e = &apply[i];
			int script = -1;
			const struct cval *name = copy_allows(gates[k], e->value->class)
			    ? copy_text_unreadable(gates[k], e->msgstr, strlen(e->msgstr), &script) : NULL;
			if (name == NULL)
				continue;
			size_t j = 0;
			while (j < n && !(u[j].name == name && u[j].script == script))
				j++;
			if (j == n)
				u[n++] = (struct unread_po){ name, script, { false, false }, 0, e };
			u[j].n += k == 0 || !u[j].copy[0];
			u[j].copy[k] = true;
		}
	struct case_path_buf path;
	case_path_init(&path);
	for (size_t j = 0; j < n; j++) {
		/* one Chinese character of the name (COPY_LONE_HAN): the Han
		 * script is the one to name */
		const char *script = u[j].script == COPY_LONE_HAN ? "Han"
		    : match_script_name(u[j].script);
		case_path_pop(&path, 0);
		const char *name = case_path_of(&path, r->cd->root, u[j].name)
		    ? arena_strdup(r->a, path.s) : "?";
		bool both = u[j].copy[0] && u[j].copy[1];
		struct span sp = { .line = u[j].first->line, .end_line = u[j].first->line,
			.end_col = 1 };
		diag_add(r->dl, DIAG_SCRIPT_UNCHECKED, &sp, u[j].first->path,
		    arena_printf(r->a, "add the name as the translation writes it, in the %s script, "
		    "to %s.other in the case (or to %s.original if it is the person's own script): "
		    "the copies then check the translations and print the ones that do not name "
		    "the person", script, name, name),
		    "the %s cannot check %zu translation%s of this file written in the %s script "
		    "for the name at %s, which %s may not show and which the case gives in no %s "
		    "form: %s the originals instead", both ? "Government and public copies"
		    : u[j].copy[0] ? "Government copy" : "public copy", u[j].n, u[j].n == 1 ? "" : "s",
		    script, name, both ? "they" : "it", script, both ? "they print" : "it prints");
		diag_set_file(r->dl, r->file);
	}
	case_path_free(&path);
}

/* The file's language: its Language header ("fr", "fr_FR", "fr-FR"), which
 * must agree with want (from the file's name) when both are there. */
static const char *
file_language(struct reader *r, const char *header, const char *want)
{
	const char *l = header_field(r->a, header, "Language");
	size_t n = strcspn(l, "_-@.");
	const char *lang = known_lang(l, n);
	if (*l && lang == NULL) {
		file_error(r->dl, r->file, "set Language to en, fr, es, ru, zh or ar",
		    arena_printf(r->a, "the Language header \"%.20s\" is not an output language", l));
		return NULL;
	}
	if (want != NULL && lang != NULL && strcmp(lang, want) != 0) {
		file_error(r->dl, r->file, arena_printf(r->a, "rename the file to end in .%s.po, "
		    "or correct its Language header", lang), arena_printf(r->a,
		    "the file's name says %s, but its Language header says %s", want, lang));
		return NULL;
	}
	if (lang == NULL && want == NULL) {
		file_error(r->dl, r->file, "add a header line \"Language: fr\\n\" (the target "
		    "language), or extract the file again", "the file has no Language header: "
		    "the language of its translations is unknown");
		return NULL;
	}
	lang = lang ? lang : want;
	if (strcmp(lang, r->cd->language) == 0) {
		file_error(r->dl, r->file, NULL, arena_printf(r->a, "the file translates into %s, "
		    "the case's own language: there is nothing to translate", lang));
		return NULL;
	}
	return lang;
}

/* Open the translation file `file` with libgettextpo: its bytes in *buf
 * (*len, malloc'd, for line numbers), the file kept open as *fd, its
 * header in *header.  Refuses (file-level diagnostics to dl, what the
 * refusal is called in `refused`) a file too large, not valid PO or not
 * in UTF-8.  NULL then; *buf and *fd are for the caller to release either
 * way. */
static po_file_t
open_po(const char *file, const char *refused, int *fd, char **buf, size_t *len,
    const char **header, struct arena *a, struct diag_list *dl)
{
	char why[300];
	*header = NULL;
	if (!gettextpo_load(why, sizeof why)) {
		file_error(dl, file, NULL, arena_printf(a, "%s not read: %s", refused, why));
		return NULL;
	}
	if (!read_bytes(file, fd, buf, len, why, sizeof why)) {
		file_error(dl, file, NULL, arena_printf(a, "%s refused: %s", refused, why));
		return NULL;
	}
	char dev[64];
	snprintf(dev, sizeof dev, "/dev/fd/%d", *fd);
	size_t errors_before = dl->n_errors;
	pthread_mutex_lock(&po_lock);
	po_report.dl = dl;
	po_report.file = file;
	po_report.errors = 0;
	po_report.first[0] = '\0';
	po_file_t pf = guarded_read(dev);
	size_t read_errors = po_report.errors;
	po_report.dl = NULL;
	pthread_mutex_unlock(&po_lock);
	if (pf == NULL || read_errors > 0) {
		if (dl->n_errors == errors_before)
			file_error(dl, file, NULL, "the file cannot be read as a PO file");
		goto refuse;
	}
	/* libgettextpo hands over the bytes as they are: only UTF-8 is read */
	*header = po_file_domain_header(pf, NULL);
	const char *ctype = header_field(a, *header, "Content-Type");
	const char *cs = strstr(ctype, "charset=");
	if (cs == NULL || (strncasecmp(cs + 8, "utf-8", 5) != 0 && strncasecmp(cs + 8, "utf8", 4) != 0)) {
		file_error(dl, file, "save it as UTF-8 (Poedit and msgconv --to-code=UTF-8 do)",
		    arena_printf(a, "the file is in the character set \"%.30s\"; only UTF-8 is read",
		    cs ? cs + 8 : "(none given)"));
		goto refuse;
	}
	return pf;
refuse:
	if (pf != NULL) {
		pthread_mutex_lock(&po_lock);
		po_file_free(pf);
		pthread_mutex_unlock(&po_lock);
	}
	return NULL;
}

bool
po_apply_file(struct case_data *cd, const char *file, const char *lang,
    const struct drawable *drawable, struct po_set *set, struct arena *a,
    struct diag_list *dl)
{
	struct reader r = { .cd = cd, .file = file, .drawable = drawable, .set = set, .a = a,
	    .dl = dl };
	char *buf = NULL;
	int fd = -1;
	bool ok = false;
	const char *header;
	po_file_t pf = open_po(file, "translation file", &fd, &buf, &r.src_len, &header, a, dl);
	r.src = buf;
	if (pf == NULL)
		goto out;
	r.lang = file_language(&r, header, lang);
	if (r.lang == NULL)
		goto out;
	r.sources = source_needles(cd, a);
	/* every entry checked first; applied only if the file has no error */
	size_t n_msgs = 0;
	po_message_iterator_t it = po_message_iterator(pf, NULL);
	for (po_message_t m; (m = po_next_message(it)) != NULL;)
		n_msgs++;
	po_message_iterator_free(it);
	struct po_entry *apply = arena_alloc(a, (n_msgs + 1) * sizeof *apply);
	size_t n_apply = 0;
	it = po_message_iterator(pf, NULL);
	for (po_message_t m; (m = po_next_message(it)) != NULL;)
		if (*po_message_msgid(m) != '\0' || po_message_msgctxt(m) != NULL)
			read_message(&r, m, apply, &n_apply);
	po_message_iterator_free(it);
	if (r.errors == 0) {
		for (size_t i = 0; i < n_apply; i++)
			set_translation(a, (struct cval *)apply[i].value, r.lang, apply[i].msgstr);
		warn_unreadable(&r, apply, n_apply);
	}
	set->n_files++;
	ok = r.errors == 0;
out:
	if (pf != NULL) {
		pthread_mutex_lock(&po_lock);
		po_file_free(pf);
		pthread_mutex_unlock(&po_lock);
	}
	if (fd >= 0)
		close(fd);
	free(buf);
	free(r.lines.slot);
	return ok;
}

size_t
po_beside(const char *case_file, struct arena *a, const char *paths[6], const char *langs[6])
{
	size_t n = strlen(case_file), k = 0;
	if (n > 5 && strcmp(case_file + n - 5, ".yaml") == 0)
		n -= 5;
	else if (n > 4 && strcmp(case_file + n - 4, ".yml") == 0)
		n -= 4;
	for (size_t i = 0; i < N_PO_LANGS && k < 6; i++) {
		const char *p = arena_printf(a, "%.*s.%s.po", (int)n, case_file, po_langs[i].lang);
		struct stat st;
		if (lstat(p, &st) != 0)
			continue;
		paths[k] = p;
		langs[k] = po_langs[i].lang;
		k++;
	}
	return k;
}

const struct po_entry *
po_find(const struct po_set *set, const struct cval *v, const char *lang)
{
	const struct po_entry *found = NULL;
	for (size_t i = 0; set != NULL && i < set->n_items; i++)
		if (set->items[i].value == v && strcmp(set->items[i].lang, lang) == 0)
			found = &set->items[i];
	return found;
}

/* ----- writing ----- */

struct writer {
	const struct case_data *cd;
	const char *lang;
	const struct catalog *cat;
	const struct po_set *set;
	struct copy_gate *gate;
	po_message_iterator_t it;
	struct arena *a;
	struct po_extract_stats *stats;
	struct case_path_buf path;  /* of the value walked */
};

static void
add_entry(struct writer *w, const struct cval *v, const char *path)
{
	if (!copy_value_allowed(w->gate, v, w->lang)) {
		w->stats->withheld++;
		return;
	}
	size_t len;
	const char *orig = trimmed_nfc(w->a, v->text, &len);
	bool original;
	const char *shown = copy_text_in(w->gate, v, w->lang, &original);
	po_message_t m = po_message_create();
	po_message_set_msgctxt(m, path);
	po_message_set_msgid(m, orig ? orig : v->text);
	const char *str = "";
	const struct po_entry *e = po_find(w->set, v, w->lang);
	if (!original) {
		str = trimmed_nfc(w->a, shown, &len);
	} else if (e != NULL && e->state == PO_STALE &&
	    copy_case_text_allowed(w->gate, e->msgstr, strlen(e->msgstr))) {
		/* as msgmerge leaves a changed entry: the old translation,
		 * fuzzy, with the original it was made from */
		str = e->msgstr;
		po_message_set_fuzzy(m, 1);
		po_message_set_prev_msgid(m, e->msgid);
	}
	po_message_set_msgstr(m, str ? str : "");
	if (*str && !po_message_is_fuzzy(m))
		w->stats->translated++;
	/* the label and the help, as the form shows them in lang */
	const char *label = v->field->label_key ? catalog_pattern(w->cat, v->field->label_key)
	    : NULL;
	const char *help = v->field->label_key ? catalog_pattern(w->cat,
	    arena_printf(w->a, "%s.help", v->field->label_key)) : NULL;
	const char *note = arena_printf(w->a, "%s%s%s%s", label ? label : "", label ? "\n" : "",
	    help ? help : "", help ? "\n" : "");
	po_message_set_extracted_comments(m, note);
	po_message_insert(w->it, m);
	w->stats->entries++;
}

static void
walk(struct writer *w, const struct cval *c)
{
	if (c->class == CLASS_SRC)
		return;
	if (c->field->translatable && c->text != NULL &&
	    (c->field->type == FT_TEXT || c->field->type == FT_STRING))
		add_entry(w, c, w->path.s);
	for (size_t i = 0; i < c->n_kids; i++) {
		size_t mark = case_path_push_child(&w->path, c, i);
		walk(w, c->kids[i]);
		case_path_pop(&w->path, mark);
	}
}

static const char *
header_text(struct writer *w, const char *version)
{
	const struct pdate *d = &w->cd->date;
	const char *date = arena_printf(w->a, "%04d-%02d-%02d 00:00+0000", d->year, d->month,
	    d->day);
	return po_header(w->a, copy_case_id(w->gate), date, w->lang, version,
	    "X-Spcomm-Source-Language", w->cd->language);
}

/* Write pf with libgettextpo into memory: through an unlinked temporary
 * file (mode 0600), read back.  Called with po_lock held. */
static bool
write_memory(po_file_t pf, char **out, size_t *out_len, char *err, size_t errlen)
{
	FILE *tmp = tmpfile();
	if (tmp == NULL) {
		snprintf(err, errlen, "cannot create a temporary file: %s", strerror(errno));
		return false;
	}
	char dev[64];
	snprintf(dev, sizeof dev, "/dev/fd/%d", fileno(tmp));
	po_report.dl = NULL;
	po_report.errors = 0;
	po_report.first[0] = '\0';
	bool ok = guarded_write(pf, dev) && po_report.errors == 0;
	if (!ok)
		snprintf(err, errlen, "libgettextpo cannot write the file: %s",
		    po_report.first[0] ? po_report.first : "unknown error");
	struct stat st;
	if (ok && (fstat(fileno(tmp), &st) != 0 || st.st_size < 0)) {
		snprintf(err, errlen, "cannot examine the temporary file: %s", strerror(errno));
		ok = false;
	}
	if (ok) {
		*out_len = (size_t)st.st_size;
		*out = xmalloc(*out_len + 1);
		if (fseek(tmp, 0, SEEK_SET) != 0 || fread(*out, 1, *out_len, tmp) != *out_len) {
			snprintf(err, errlen, "cannot read back the temporary file: %s",
			    strerror(errno));
			free(*out);
			*out = NULL;
			*out_len = 0;
			ok = false;
		}
	}
	fclose(tmp);
	return ok;
}

bool
po_extract(const struct case_data *cd, const char *lang, const struct catalog *cat,
    const struct po_set *set, const char *version, char **out, size_t *out_len,
    struct po_extract_stats *stats, char *err, size_t errlen)
{
	*out = NULL;
	*out_len = 0;
	memset(stats, 0, sizeof *stats);
	if (!gettextpo_load(err, errlen))
		return false;
	if (strcmp(lang, cd->language) == 0) {
		snprintf(err, errlen, "the case is written in %s: extract for another language", lang);
		return false;
	}
	struct arena a = { 0 };
	struct writer w = { .cd = cd, .lang = lang, .cat = cat, .set = set, .a = &a,
	    .stats = stats };
	w.gate = copy_gate_new(cd, COPY_GOVERNMENT, &a);
	pthread_mutex_lock(&po_lock);
	po_file_t pf = po_file_create();
	w.it = po_message_iterator(pf, NULL);
	po_message_t h = po_message_create();
	po_message_set_msgid(h, "");
	po_message_set_msgstr(h, header_text(&w, version));
	po_message_set_comments(h, arena_printf(&a,
	    "Translation of the texts of a case into %s, for spcomm.\n"
	    "Keep each msgctxt as it is: it names the field of the case.\n"
	    "Only what the Government copy of the case may show is here.\n", lang));
	po_message_insert(w.it, h);
	case_path_init(&w.path);
	walk(&w, cd->root);
	case_path_free(&w.path);
	po_message_iterator_free(w.it);
	bool ok = write_memory(pf, out, out_len, err, errlen);
	po_file_free(pf);
	pthread_mutex_unlock(&po_lock);
	arena_free(&a);
	return ok;
}

/* ----- plain entries: the catalogs' round trip (i18n.h) ----- */

/* Add `#, flag` to every entry with a msgctxt of the text libgettextpo
 * wrote (its flags line when it has one, else a new line just before the
 * msgctxt): libgettextpo 0.21 writes only the flags it knows (fuzzy and
 * the format types of po_format_list).  Replaces *out. */
static void
add_flag(char **out, size_t *out_len, const char *flag)
{
	const char *s = *out;
	size_t len = *out_len, n_ctx = 0, flen = strlen(flag);
	for (size_t i = 0; i + 8 <= len; i++)
		n_ctx += (i == 0 || s[i - 1] == '\n') && memcmp(s + i, "msgctxt ", 8) == 0;
	char *r = xmalloc(len + n_ctx * (flen + 4) + 1);
	size_t k = 0, line = 0;   /* start of the line last copied */
	for (size_t i = 0; i < len;) {
		size_t e = i;
		while (e < len && s[e] != '\n')
			e++;
		if (e < len)
			e++;
		if (e - i >= 8 && memcmp(s + i, "msgctxt ", 8) == 0) {
			if (k > line && k - line > 3 && memcmp(r + line, "#, ", 3) == 0) {
				k--;    /* the previous line's '\n' */
				k += (size_t)sprintf(r + k, ", %s\n", flag);
			} else {
				k += (size_t)sprintf(r + k, "#, %s\n", flag);
			}
		}
		line = k;
		memcpy(r + k, s + i, e - i);
		k += e - i;
		i = e;
	}
	r[k] = '\0';
	free(*out);
	*out = r;
	*out_len = k;
}

bool
po_write_items(const char *header, const char *comments, const struct po_item *items,
    size_t n, const char *flag, char **out, size_t *out_len, char *err, size_t errlen)
{
	*out = NULL;
	*out_len = 0;
	if (!gettextpo_load(err, errlen))
		return false;
	pthread_mutex_lock(&po_lock);
	po_file_t pf = po_file_create();
	po_message_iterator_t it = po_message_iterator(pf, NULL);
	po_message_t h = po_message_create();
	po_message_set_msgid(h, "");
	po_message_set_msgstr(h, header);
	po_message_set_comments(h, comments ? comments : "");
	po_message_insert(it, h);
	for (size_t i = 0; i < n; i++) {
		po_message_t m = po_message_create();
		po_message_set_msgctxt(m, items[i].ctx);
		po_message_set_msgid(m, items[i].id);
		po_message_set_msgstr(m, items[i].str ? items[i].str : "");
		if (items[i].comments && *items[i].comments)
			po_message_set_comments(m, items[i].comments);
		if (items[i].extracted && *items[i].extracted)
			po_message_set_extracted_comments(m, items[i].extracted);
		po_message_set_fuzzy(m, items[i].fuzzy);
		po_message_insert(it, m);
	}
	po_message_iterator_free(it);
	bool ok = write_memory(pf, out, out_len, err, errlen);
	po_file_free(pf);
	pthread_mutex_unlock(&po_lock);
	if (ok && flag != NULL)
		add_flag(out, out_len, flag);
	return ok;
}

bool
po_read_items(const char *file, struct arena *a, const char **header, struct po_item **items,
    size_t *n, struct diag_list *dl)
{
	char *buf = NULL;
	size_t len = 0;
	int fd = -1;
	*items = NULL;
	*n = 0;
	po_file_t pf = open_po(file, "PO file", &fd, &buf, &len, header, a, dl);
	if (pf == NULL)
		goto out;
	*header = arena_strdup(a, *header ? *header : "");
	pthread_mutex_lock(&po_lock);
	size_t cap = 0;
	po_message_iterator_t it = po_message_iterator(pf, NULL);
	for (po_message_t m; (m = po_next_message(it)) != NULL;)
		cap++;
	po_message_iterator_free(it);
	*items = arena_alloc(a, (cap + 1) * sizeof **items);
	/* messages come in file order: each msgctxt line is found after the
	 * last one */
	size_t at = 0;
	uint32_t at_line = 0;
	it = po_message_iterator(pf, NULL);
	for (po_message_t m; (m = po_next_message(it)) != NULL;) {
		const char *ctx = po_message_msgctxt(m);
		if (po_message_is_obsolete(m) || (ctx == NULL && *po_message_msgid(m) == '\0'))
			continue;
		struct po_item *p = &(*items)[(*n)++];
		memset(p, 0, sizeof *p);
		p->ctx = ctx ? arena_strdup(a, ctx) : NULL;
		p->id = arena_strdup(a, po_message_msgid(m));
		p->str = arena_strdup(a, po_message_msgstr(m));
		p->comments = arena_strdup(a, po_message_comments(m));
		p->extracted = arena_strdup(a, po_message_extracted_comments(m));
		p->fuzzy = po_message_is_fuzzy(m);
		p->plural = po_message_msgid_plural(m) != NULL;
		/* its msgctxt line, or its msgid's when it has none (found when
		 * the text needs no escape in the file) */
		char needle[320];
		int nl = ctx ? snprintf(needle, sizeof needle, "msgctxt \"%s\"", ctx)
		    : snprintf(needle, sizeof needle, "msgid \"%s\"", p->id);
		for (size_t i = at, line = at_line; nl > 0 && (size_t)nl < sizeof needle &&
		    i + (size_t)nl <= len; i++) {
			if ((i == 0 || buf[i - 1] == '\n') && memcmp(buf + i, needle, (size_t)nl) == 0) {
				p->line = (uint32_t)line;
				p->located = true;
				at = i + 1;
				at_line = (uint32_t)line;
				break;
			}
			line += buf[i] == '\n';
		}
	}
	po_message_iterator_free(it);
	po_file_free(pf);
	pthread_mutex_unlock(&po_lock);
out:
	if (fd >= 0)
		close(fd);
	free(buf);
	return pf != NULL;
}

const char *
po_header_value(struct arena *a, const char *header, const char *name)
{
	return header_field(a, header, name);
}

const char *
po_plural_forms(const char *lang)
{
	for (size_t i = 0; i < N_PO_LANGS; i++)
		if (strcmp(po_langs[i].lang, lang) == 0)
			return po_langs[i].plural_forms;
	return NULL;
}

const char *
po_header(struct arena *a, const char *project, const char *date, const char *lang,
    const char *version, const char *extra_name, const char *extra_value)
{
	const char *plural = po_plural_forms(lang);
	return arena_printf(a,
	    "Project-Id-Version: %s\n"
	    "Report-Msgid-Bugs-To: \n"
	    "POT-Creation-Date: %s\n"
	    "PO-Revision-Date: %s\n"
	    "Last-Translator: \n"
	    "Language-Team: \n"
	    "Language: %s\n"
	    "MIME-Version: 1.0\n"
	    "Content-Type: text/plain; charset=UTF-8\n"
	    "Content-Transfer-Encoding: 8bit\n"
	    "Plural-Forms: %s\n"
	    "X-Generator: spcomm %s\n"
	    "%s: %s\n",
	    project, date, date, lang, plural ? plural : "", version, extra_name, extra_value);
}
