/*
 * validate.c - case tree x form -> every diagnostic, and the normalized
 * case (see validate.h).  The walk builds a struct cval for each value it
 * accepts; rules across fields then run over those values (dates, ages,
 * references, leaks) or over the tree (conditions, the form's rules).
 */
#include "validate.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

#include "cond.h"
#include "copy.h"
#include "countries.h"
#include "guess.h"
#include "intl.h"
#include "sha256.h"
#include "spcomm_limits.h"

/* The output languages a translation may be given in. */

struct vctx {
	const struct form_set *fs;
	const struct form *form;
	const struct catalog *help;
	struct arena *a;
	/* what a check needs only while it runs (the identity sets of the
	 * source and consent checks, the copies' gates): freed when the
	 * validation ends, so that the render does not carry them */
	struct arena *tmp;
	struct diag_list *dl;
	const struct ynode *root;
	const char *language;
	struct pdate date;
	bool have_date;
	struct cval *croot;
	const char *case_dir;   /* directory of the case file, for annexes */
	const struct drawable *drawable; /* NULL: characters not checked against fonts */
	/* validate_case_again: the case was valid with these bytes before,
	 * so the checks that only read the whole case against its copies'
	 * gates (warnings, and errors it did not have) are not run again */
	bool again;
	/* the path of the value each walk is at ("victims[2].name"): one
	 * buffer for every walk, which starts and ends at the top */
	struct case_path_buf path;
};

static const char *
join(struct vctx *v, const char *path, const char *name)
{
	return path[0] ? arena_printf(v->a, "%s.%s", path, name) : name;
}

static const char *
help_for(struct vctx *v, const struct form_field *f)
{
	if (v->help == NULL || f->label_key == NULL)
		return NULL;
	char key[256];
	snprintf(key, sizeof key, "%s.help", f->label_key);
	return catalog_pattern(v->help, key);
}

/* Conditions are evaluated on the tree (cond.h). */
static bool
eval(const struct vctx *v, const struct cond *c, const struct ynode *rec)
{
	return cond_eval(c, v->root, rec);
}

static const struct ynode *
resolve(const struct vctx *v, const struct ynode *rec, const char *path)
{
	return cond_resolve(v->root, rec, path);
}

static bool
present(const struct ynode *n)
{
	return cond_present(n);
}

/* ----- suggestions ----- */

static size_t
common_prefix(const char *a, const char *b)
{
	size_t n = 0;
	while (a[n] && a[n] == b[n])
		n++;
	return n;
}

/* The known word nearest to word, within an edit distance that grows with
 * its length; ties go to the longer common prefix ("fmale" is "female",
 * not "male": people rarely mistype the first letter). */
static const char *
nearest(const char *word, const char *const *cands, size_t n)
{
	const char *best = NULL;
	unsigned best_d = strlen(word) < 5 ? 1 : strlen(word) < 9 ? 2 : 3;
	for (size_t i = 0; i < n; i++) {
		unsigned d = intl_edit_distance(word, cands[i], best_d);
		if (d > best_d)
			continue;
		if (best == NULL || d < best_d ||
		    common_prefix(word, cands[i]) > common_prefix(word, best)) {
			best = cands[i];
			best_d = d;
		}
	}
	return best;
}

/* A key as suggestions compare it: small letters, words joined by '_'
 * ("Birth-Date" is "birth_date"); NULL past 63 bytes. */
static const char *
key_form(struct arena *a, const char *key)
{
	size_t n = strlen(key);
	if (n == 0 || n > 63)
		return NULL;
	char *s = arena_strdup(a, key);
	for (size_t i = 0; i < n; i++)
		s[i] = s[i] == '-' || s[i] == ' ' ? '_' : s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] + 32) : s[i];
	return s;
}

/* Whether two keys hold the same words in any order, "of" and "the" left
 * out ("birth_date" and "date_of_birth"); at least two words. */
static bool
same_words(const char *a, const char *b)
{
	const char *wa[8], *wb[8];
	size_t la[8], lb[8], na = 0, nb = 0;
	const char *s[2] = { a, b };
	for (int k = 0; k < 2; k++) {
		const char **w = k ? wb : wa;
		size_t *l = k ? lb : la, *n = k ? &nb : &na;
		for (const char *p = s[k]; *p;) {
			size_t len = strcspn(p, "_");
			if (len > 0 && !(len == 2 && strncmp(p, "of", 2) == 0) &&
			    !(len == 3 && strncmp(p, "the", 3) == 0)) {
				if (*n == 8)
					return false;
				w[*n] = p;
				l[(*n)++] = len;
			}
			p += len + (p[len] == '_');
		}
	}
	if (na < 2 || na != nb)
		return false;
	bool used[8] = { false };
	for (size_t i = 0; i < na; i++) {
		size_t j = 0;
		while (j < nb && (used[j] || lb[j] != la[i] || strncmp(wa[i], wb[j], la[i]) != 0))
			j++;
		if (j == nb)
			return false;
		used[j] = true;
	}
	return true;
}

/* The member of rec that an unknown key means: the nearest by spelling,
 * then one the form lists the key among the aliases of (docs/form-
 * language.md, `aliases`: "mandates" for addressees), then one of the
 * same words in another order. */
static const char *
member_for(struct vctx *v, const struct form_field *rec, const char *key)
{
	const char **names = arena_alloc(v->a, (rec->n_fields + 1) * sizeof *names);
	for (size_t i = 0; i < rec->n_fields; i++)
		names[i] = rec->fields[i]->name;
	const char *sug = nearest(key, names, rec->n_fields);
	const char *k = key_form(v->a, key);
	for (size_t i = 0; sug == NULL && k != NULL && i < rec->n_fields; i++)
		for (size_t j = 0; sug == NULL && j < rec->fields[i]->n_aliases; j++)
			if (strcmp(k, rec->fields[i]->aliases[j]) == 0)
				sug = rec->fields[i]->name;
	for (size_t i = 0; sug == NULL && k != NULL && i < rec->n_fields; i++)
		if (same_words(k, rec->fields[i]->name))
			sug = rec->fields[i]->name;
	return sug;
}

/* Where else in the form a member named key is: up to 3 paths of the
 * records that hold one ("victims[].name"), for a key indented under
 * the wrong record.  depth bounds the walk (blocks are shared, not
 * recursive, but a form is data). */
struct elsewhere {
	const char *paths[3];
	size_t n;
};

static void
find_elsewhere(struct vctx *v, const struct form_field *rec, const char *path, const char *key,
    const struct form_field *here, struct elsewhere *out, int depth)
{
	if (rec == NULL || depth > 8 || out->n == 3)
		return;
	bool inside = false;  /* in a record found already: its name.original */
	for (size_t i = 0; i < out->n; i++) {
		size_t l = strlen(out->paths[i]);
		inside |= strncmp(path, out->paths[i], l) == 0 && path[l] == '.';
	}
	if (rec != here && !inside)
		for (size_t i = 0; i < rec->n_fields && out->n < 3; i++)
			if (strcmp(rec->fields[i]->name, key) == 0) {
				out->paths[out->n++] = path[0] ? path : "the top level";
				break;
			}
	for (size_t i = 0; i < rec->n_fields && out->n < 3; i++) {
		const struct form_field *m = rec->fields[i];
		const struct form_field *r = m->type == FT_LIST ? m->item : m;
		if (r == NULL || r->type != FT_RECORD || r->n_fields == 0)
			continue;
		const char *sub = arena_printf(v->a, "%s%s%s%s", path, path[0] ? "." : "", m->name,
		    m->type == FT_LIST ? "[]" : "");
		find_elsewhere(v, r, sub, key, here, out, depth + 1);
	}
}

static size_t
dots(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += *s == '.';
	return n;
}

/* Only the records nearest the top: "victims[].name", not also
 * "victims[].consent.given_by_name". */
static void
shallowest(struct elsewhere *ew)
{
	size_t min = SIZE_MAX, k = 0;
	for (size_t i = 0; i < ew->n; i++)
		if (dots(ew->paths[i]) < min)
			min = dots(ew->paths[i]);
	for (size_t i = 0; i < ew->n; i++)
		if (dots(ew->paths[i]) == min)
			ew->paths[k++] = ew->paths[i];
	ew->n = k;
}

/* ----- values ----- */

/* The hint for a country that is not a code: the code it names if it is a
 * country's name, alpha-3 code or lower-case code ("did you mean 'TR'
 * (Türkiye)?"), else how to write one.  The value stays an error: the
 * case file keeps codes. */
static const char *
country_hint(struct vctx *v, const char *s)
{
	static const char how[] = "use the ISO 3166-1 two-letter code in capitals, e.g. CN, MX, FR";
	char codes[3][3];
	size_t n = countries_suggest(v->fs->countries, s, codes, 3);
	if (n == 0)
		return how;
	char *h = arena_strdup(v->a, "did you mean");
	for (size_t i = 0; i < n; i++) {
		const char *name = countries_name(v->fs->countries, codes[i], "en");
		if (name == NULL)
			name = intl_country_name(v->a, codes[i], "en");
		h = arena_printf(v->a, "%s%s '%s' (%s)", h, i == 0 ? "" : i + 1 < n ? "," : " or",
		    codes[i], name);
	}
	return arena_printf(v->a, "%s? (%s)", h, how);
}

static struct cval *check_value(struct vctx *v, const struct form_field *f,
    const struct ynode *n, enum disclosure parent_class);

static bool
is_strict_text(const struct form_field *f)
{
	/* names and identifiers: no bidi controls, no invisible characters
	 * (docs/case-format.md section 1) */
	return (f->block != NULL && strcmp(f->block, "name") == 0) ||
	    strcmp(f->name, "id") == 0 || (f->label_key && strncmp(f->label_key, "name.", 5) == 0);
}

/* cp in UTF-8 into buf (4 bytes); its length. */
static size_t
utf8_of(uint32_t cp, char buf[4])
{
	if (cp < 0x80) {
		buf[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		buf[0] = (char)(0xC0 | (cp >> 6));
		buf[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		buf[0] = (char)(0xE0 | (cp >> 12));
		buf[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		buf[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	buf[0] = (char)(0xF0 | (cp >> 18));
	buf[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	buf[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	buf[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* The first k bytes of what in s[0..n), or NULL. */
static const char *
find_bytes(const char *s, size_t n, const char *what, size_t k)
{
	for (size_t i = 0; k > 0 && i + k <= n; i++)
		if (memcmp(s + i, what, k) == 0)
			return s + i;
	return NULL;
}

/* The characters of nfc[0..nfc_len) no font of the PDF draws: each
 * distinct one reported (up to LIMIT_UNDRAWABLE_REPORTED), at its place
 * in the file where text[0..len), the value as written, holds it, with
 * the undrawable characters that follow it (a word of another script is
 * one report); a letter composed by NFC is reported at the value.  True
 * if any. */
static bool
report_undrawable(struct vctx *v, const struct ynode *n, const char *text, size_t len,
    const char *nfc, size_t nfc_len, const char *path)
{
	uint32_t seen[4 * LIMIT_UNDRAWABLE_REPORTED];
	size_t n_seen = 0, n_reports = 0, from = 0;
	uint32_t cp;
	while (n_reports < LIMIT_UNDRAWABLE_REPORTED && from < nfc_len &&
	    intl_first_undrawable(nfc + from, nfc_len - from, v->drawable->has, v->drawable->ctx,
	    &cp)) {
		char utf8[4];
		size_t k = utf8_of(cp, utf8);
		/* the next search starts after this character */
		const char *in_nfc = find_bytes(nfc + from, nfc_len - from, utf8, k);
		from = in_nfc != NULL ? (size_t)(in_nfc - nfc) + k : nfc_len;
		bool again = false;
		for (size_t i = 0; i < n_seen; i++)
			again |= seen[i] == cp;
		if (again)
			continue;
		if (n_seen < sizeof seen / sizeof *seen)
			seen[n_seen++] = cp;
		n_reports++;
		const char *in_text = text == n->text ? find_bytes(text, len, utf8, k) : NULL;
		struct span at = n->span;
		size_t more = 0;
		if (in_text != NULL) {
			/* the run of undrawable characters from there */
			size_t s0 = (size_t)(in_text - text), e = s0 + k;
			while (e < len) {
				size_t cl = 1;
				while (e + cl < len && ((unsigned char)text[e + cl] & 0xC0) == 0x80)
					cl++;
				uint32_t next;
				if (!intl_first_undrawable(text + e, cl, v->drawable->has, v->drawable->ctx,
				    &next))
					break;
				if (n_seen < sizeof seen / sizeof *seen)
					seen[n_seen++] = next;
				e += cl;
				more++;
			}
			at = ytree_value_span(n, v->dl->src, v->dl->src_len, s0, e);
		}
		char name[128], others[48] = "";
		intl_char_name(cp, name, sizeof name);
		if (more > 0)
			snprintf(others, sizeof others, " and the %zu after it", more);
		diag_add(v->dl, DIAG_UNDRAWABLE, &at, path,
		    "write it differently (e.g. a Latin transcription): the PDF fonts draw "
		    "Latin, Greek, Cyrillic, Arabic and Chinese script",
		    "character U+%04X%s%s%s%s cannot be drawn: no font of the PDF has %s",
		    (unsigned)cp, name[0] ? " (" : "", name, name[0] ? ")" : "", others,
		    more > 0 ? "them" : "it");
	}
	return n_reports > 0;
}

/* Check the characters of one string and normalise it. */
static const char *
check_text(struct vctx *v, const struct form_field *f, const struct ynode *n,
    const char *text, size_t len, const char *path, size_t *out_len)
{
	uint32_t cp;
	size_t off;
	bool one_line = f->type != FT_TEXT;
	enum intl_char_problem problem = intl_scan(text, len, one_line, is_strict_text(f), &cp, &off);
	/* the caret on the character itself, in a long narrative */
	char one[4];
	struct span at = problem != ICP_NONE && text == n->text ? ytree_value_span(n, v->dl->src,
	    v->dl->src_len, off, off + utf8_of(cp, one)) : n->span;
	switch (problem) {
	case ICP_NONE:
		break;
	case ICP_CONTROL:
		if (cp == '\n')
			diag_add(v->dl, DIAG_CONTROL_CHAR, &at, path,
			    "this field is one line; use a text field for paragraphs",
			    "line break in a one-line value");
		else
			diag_add(v->dl, DIAG_CONTROL_CHAR, &at, path,
			    "remove it; it cannot be printed", "control character U+%04X in the value",
			    (unsigned)cp);
		return NULL;
	case ICP_BIDI:
		diag_add(v->dl, DIAG_BIDI_CONTROL, &at, path,
		    "remove it: a bidi control can make a name read differently from what is stored",
		    "bidirectional control character U+%04X in a name or id", (unsigned)cp);
		return NULL;
	case ICP_OVERRIDE:
		/* What the file holds would not be what the page shows: a name
		 * typed backwards inside an override prints forwards, and the
		 * copies' filters, which read the file, would not see it. */
		diag_add(v->dl, DIAG_BIDI_CONTROL, &at, path,
		    "remove it: an override prints the characters after it in another order than "
		    "they are written, so the page would not say what the file says",
		    "bidirectional override U+%04X in the value", (unsigned)cp);
		return NULL;
	case ICP_INVISIBLE:
		diag_add(v->dl, DIAG_INVISIBLE_CHAR, &at, path,
		    "remove it: invisible characters make names that look equal differ",
		    "invisible character U+%04X in a name or id", (unsigned)cp);
		return NULL;
	case ICP_MARKS: {
		diag_add(v->dl, DIAG_TOO_MANY_MARKS, &at, path,
		    "remove the extra marks: no script puts more than a few on one letter",
		    "more than %u combining marks in a row (U+%04X is one too many)",
		    LIMIT_COMBINING_MARKS, (unsigned)cp);
		return NULL;
	}
	case ICP_NON_BMP: {
		char name[128];
		intl_char_name(cp, name, sizeof name);
		diag_add(v->dl, DIAG_UNDRAWABLE, &at, path,
		    "write the character differently (e.g. a Latin transcription); "
		    "characters above U+FFFF cannot be embedded by the PDF library",
		    "character U+%04X%s%s%s cannot be drawn", (unsigned)cp, name[0] ? " (" : "", name,
		    name[0] ? ")" : "");
		return NULL;
	}
	}
	const char *nfc = intl_nfc(v->a, text, len, out_len);
	if (nfc == NULL) {
		diag_add(v->dl, DIAG_UTF8, &n->span, path, NULL, "text is not valid UTF-8");
		return NULL;
	}
	/* After NFC: a letter written decomposed (e + U+0301) is drawn as
	 * its composed form, which is what the fonts must have. */
	if (v->drawable != NULL && report_undrawable(v, n, text, len, nfc, *out_len, path))
		return NULL;
	return nfc;
}

/* Whether c may be in a local part written without quotes (RFC 5322
 * atext; bytes of UTF-8 past ASCII too, RFC 6531). */
static bool
atext(unsigned char c)
{
	return isalnum(c) || c >= 0x80 || (c != '\0' && strchr("!#$%&'*+-/=?^_`{|}~", c) != NULL);
}

/*
 * An address mail software reads as the one written: a local part of
 * atext in dot-separated runs (no dot first, last or doubled), an "@",
 * and a domain of two labels or more of letters, digits and inner
 * hyphens (1 to 63 bytes each), the last not all digits.  Quoted local
 * parts, comments, groups and address literals are refused: "a:b@c.org"
 * is read as a group "a:" holding b@c.org, "a(c)@b.org" as a@b.org, and
 * the e-mail draft's From header would say another address.
 */
static bool
valid_email(const char *s)
{
	const char *at = strrchr(s, '@');
	size_t local = at ? (size_t)(at - s) : 0, len = strlen(s);
	if (at == NULL || local == 0 || local > 64 || len > 254)
		return false;
	for (size_t i = 0; i < local; i++)
		if (s[i] == '.' ? i == 0 || i + 1 == local || s[i - 1] == '.'
		    : !atext((unsigned char)s[i]))
			return false;
	const char *d = at + 1;
	size_t labels = 0;
	bool digits_only = true;
	for (;;) {
		size_t n = 0;
		digits_only = true;
		while (d[n] != '\0' && d[n] != '.') {
			unsigned char c = (unsigned char)d[n];
			if (!(isalnum(c) || c >= 0x80 || c == '-'))
				return false;
			digits_only &= isdigit(c) != 0;
			n++;
		}
		if (n == 0 || n > 63 || d[0] == '-' || d[n - 1] == '-')
			return false;
		labels++;
		if (d[n] == '\0')
			break;
		d += n + 1;
	}
	return labels >= 2 && !digits_only;
}

/* A value still holding a template placeholder ("<date YYYY-MM-DD>",
 * "<what happened>") would otherwise reach the UN as written. */
static bool
is_placeholder(const char *s, size_t n)
{
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	while (n > 0 && isspace((unsigned char)*s)) {
		s++;
		n--;
	}
	return n >= 2 && s[0] == '<' && s[n - 1] == '>' && memchr(s, '\n', n) == NULL;
}

/* A part of a person's name (the `name` block: family, given, original,
 * other), as opposed to an id or any other string. */
static bool
is_name_part(const struct form_field *f)
{
	return f->type == FT_STRING && f->label_key != NULL &&
	    strncmp(f->label_key, "name.", 5) == 0;
}

/*
 * A name part whose word mixes scripts as spoofed names do ("Pаvel" with a
 * Cyrillic а): a warning naming the scripts and the letter.  Such a name
 * is not the name typed elsewhere, so the withholding of names from the
 * Government and public copies, the duplicate check of a batch and any
 * search would miss it.  Names only: ids are ASCII by their pattern, and
 * other strings (institutions, places) are not matched by name.
 */
static void
check_mixed_script(struct vctx *v, const struct ynode *n, const char *text, size_t len,
    const char *path)
{
	struct intl_script_mix m;
	if (!intl_mixed_script(text, len, &m))
		return;
	char name[128];
	intl_char_name(m.cp, name, sizeof name);
	const char *looks = m.looks_like[0]
	    ? arena_printf(v->a, ", which looks like \"%s\"", m.looks_like) : "";
	diag_add(v->dl, DIAG_MIXED_SCRIPT, &n->span, path,
	    "retype it with one keyboard layout: a letter that only looks the same makes "
	    "another name, which the withholding of names from the Government and public "
	    "copies and the duplicate check would not recognise (a name in two scripts goes "
	    "in two fields: the Latin form, and 'original')",
	    "\"%.*s\" mixes %s and %s letters: U+%04X %s%s", (int)m.word_len,
	    text + m.word_off, m.main_script, m.other_script, (unsigned)m.cp, name, looks);
}

/* A value that shows nothing is empty, also when its blanks are not
 * ASCII: a name of no-break or ideographic spaces must not pass for a
 * name (and would print as a gap where the name belongs). */
static bool
check_blank(struct vctx *v, const struct form_field *f, const struct ynode *n,
    const char *path)
{
	uint32_t cp;
	if (!intl_blank(n->text, n->len, &cp))
		return false;
	if (cp == 0) {
		diag_add(v->dl, DIAG_EMPTY_VALUE, &n->span, path, help_for(v, f), "value is empty");
		return true;
	}
	char name[128];
	intl_char_name(cp, name, sizeof name);
	diag_add(v->dl, DIAG_EMPTY_VALUE, &n->span, path, help_for(v, f),
	    "value is empty: it holds only white space or invisible characters "
	    "(U+%04X%s%s)", (unsigned)cp, name[0] ? " " : "", name);
	return true;
}

/*
 * A plain value followed on its line by " #": YAML reads the rest of the
 * line as a comment, so "reference: Case #2026-117" is "Case", and
 * nothing else would say so.  A warning at the "#", with the value as it
 * was read.
 */
static void
check_comment_after(struct vctx *v, const struct ynode *n, const char *path)
{
	const char *src = v->dl->src;
	size_t at = n->span.end_offset, k = at;
	if (n->style != YSTYLE_PLAIN || src == NULL || at > v->dl->src_len)
		return;
	while (k < v->dl->src_len && (src[k] == ' ' || src[k] == '\t'))
		k++;
	if (k == at || k >= v->dl->src_len || src[k] != '#')
		return;
	struct span sp = { .line = n->span.end_line, .col = n->span.end_col + (uint32_t)(k - at),
		.end_line = n->span.end_line, .end_col = n->span.end_col + (uint32_t)(k - at) + 1,
		.offset = k, .end_offset = k + 1 };
	diag_add(v->dl, DIAG_VALUE_COMMENT, &sp, path,
	    "put the whole value in quotes to keep what follows the #, or write a comment on a "
	    "line of its own",
	    "the rest of the line after \" #\" is a YAML comment, not part of the value, "
	    "which is read as \"%.60s\"", n->text);
}

static bool
check_scalar(struct vctx *v, const struct form_field *f, const struct ynode *n,
    const char *path, struct cval *cv)
{
	const char *s = n->text;
	char why[160];
	if (is_placeholder(s, n->len)) {
		diag_add(v->dl, DIAG_PLACEHOLDER, &n->span, path, help_for(v, f),
		    "%s is a template placeholder: write the value", s);
		return false;
	}
	switch (f->type) {
	case FT_STRING:
	case FT_TEXT:
		if (check_blank(v, f, n, path))
			return false;
		cv->text = check_text(v, f, n, s, n->len, path, &cv->len);
		if (cv->text == NULL)
			return false;
		if (f->pattern && !intl_regex_match(f->pattern, cv->text, cv->len)) {
			diag_add(v->dl, DIAG_PATTERN, &n->span, path, help_for(v, f),
			    "\"%s\" does not have the required form (%s)", s, f->pattern);
			return false;
		}
		if (is_name_part(f))
			check_mixed_script(v, n, cv->text, cv->len, path);
		check_comment_after(v, n, path);
		return true;
	case FT_DATE:
	case FT_PDATE:
		if (!intl_parse_date(s, f->type == FT_PDATE, &cv->date, why, sizeof why)) {
			/* "14 May 1984", "19/11/2026": the date it may be */
			char g[2][11];
			size_t ng = guess_date(s, f->type == FT_PDATE, g);
			const char *hint = ng == 1 ? arena_printf(v->a, "did you mean %s? (%s)", g[0], why)
			    : ng == 2 ? arena_printf(v->a, "did you mean %s or %s? (the day and the month "
			    "could be either way round; %s)", g[0], g[1], why) : why;
			diag_add(v->dl, f->type == FT_DATE ? DIAG_DATE : DIAG_PDATE, &n->span, path,
			    hint, "\"%s\" is not a valid %sdate", s, f->type == FT_PDATE ? "partial " : "");
			return false;
		}
		if (cv->date.precision < f->min_precision) {
			diag_add(v->dl, DIAG_PDATE, &n->span, path, help_for(v, f),
			    "\"%s\" is not precise enough: give at least %s", s,
			    f->min_precision >= 3 ? "the day, month and year" : "the month and year");
			return false;
		}
		break;
	case FT_TIME:
		if (!(n->len == 5 && isdigit((unsigned char)s[0]) && isdigit((unsigned char)s[1]) &&
		    s[2] == ':' && isdigit((unsigned char)s[3]) && isdigit((unsigned char)s[4]) &&
		    atoi(s) < 24 && atoi(s + 3) < 60)) {
			char t[6];
			diag_add(v->dl, DIAG_TIME, &n->span, path, guess_time(s, t)
			    ? arena_printf(v->a, "did you mean %s? (write it as HH:MM, 24-hour clock)", t)
			    : "write it as HH:MM, 24-hour clock", "\"%s\" is not a valid time", s);
			return false;
		}
		break;
	case FT_BOOL:
		if (strcmp(s, "true") == 0)
			cv->flag = true;
		else if (strcmp(s, "false") == 0)
			cv->flag = false;
		else {
			diag_add(v->dl, DIAG_BOOL, &n->span, path, "write true or false",
			    "\"%s\" is not true or false", s);
			return false;
		}
		break;
	case FT_TRI:
		if (strcmp(s, "yes") == 0)
			cv->tri = TRI_YES;
		else if (strcmp(s, "no") == 0)
			cv->tri = TRI_NO;
		else if (strcmp(s, "unknown") == 0)
			cv->tri = TRI_UNKNOWN;
		else {
			diag_add(v->dl, DIAG_ENUM, &n->span, path, "write yes, no or unknown",
			    "\"%s\" is not yes, no or unknown", s);
			return false;
		}
		break;
	case FT_INT: {
		char *end;
		errno = 0;
		bool digits_only = n->len > 0 && n->len <= 18;
		for (size_t i = 0; i < n->len; i++)
			if (!isdigit((unsigned char)s[i]))
				digits_only = false;
		long long x = digits_only ? strtoll(s, &end, 10) : -1;
		if (!digits_only || errno == ERANGE) {
			diag_add(v->dl, DIAG_INT, &n->span, path,
			    "write a whole number without sign, spaces or separators",
			    "\"%s\" is not a non-negative whole number", s);
			return false;
		}
		cv->number = x;
		break;
	}
	case FT_ENUM: {
		for (size_t i = 0; i < f->n_values; i++)
			if (strcmp(s, f->values[i]) == 0)
				goto ok;
		const char *sug = nearest(s, f->values, f->n_values);
		/* "F" for female, "M" for male: the one value it begins */
		for (size_t i = 0, len = strlen(s); sug == NULL && len > 0 && i < f->n_values; i++)
			if (strncasecmp(f->values[i], s, len) == 0) {
				size_t j = 0;
				while (j < f->n_values && (j == i || strncasecmp(f->values[j], s, len) != 0))
					j++;
				if (j == f->n_values)
					sug = f->values[i];
			}
		char *list = arena_alloc(v->a, 1);
		for (size_t i = 0; i < f->n_values && i < 16; i++)
			list = arena_printf(v->a, "%s%s%s", list, i ? ", " : "", f->values[i]);
		if (sug)
			diag_add(v->dl, DIAG_ENUM, &n->span, path,
			    arena_printf(v->a, "did you mean '%s'? (one of: %s)", sug, list),
			    "\"%s\" is not one of the allowed values", s);
		else
			diag_add(v->dl, DIAG_ENUM, &n->span, path,
			    arena_printf(v->a, "one of: %s", list),
			    "\"%s\" is not one of the allowed values", s);
		return false;
	}
	case FT_COUNTRY:
		if (!intl_country_valid(s)) {
			diag_add(v->dl, DIAG_COUNTRY, &n->span, path, country_hint(v, s),
			    "\"%s\" is not a country code", s);
			return false;
		}
		break;
	case FT_LANG:
		if (!intl_lang_valid(s)) {
			diag_add(v->dl, DIAG_LANG, &n->span, path, "use a BCP 47 tag such as en, fr, zh-Hant",
			    "\"%s\" is not a language tag", s);
			return false;
		}
		break;
	case FT_EMAIL:
		if (!valid_email(s)) {
			diag_add(v->dl, DIAG_EMAIL, &n->span, path, "write one address, like name@example.org",
			    "\"%s\" is not an e-mail address", s);
			return false;
		}
		break;
	case FT_MANDATE:
		if (form_mandate(v->fs, s) == NULL) {
			const char **keys = arena_alloc(v->a, (v->fs->n_mandates + 1) * sizeof *keys);
			for (size_t j = 0; j < v->fs->n_mandates; j++)
				keys[j] = v->fs->mandates[j].key;
			const char *sug = nearest(s, keys, v->fs->n_mandates);
			diag_add(v->dl, DIAG_MANDATE, &n->span, path,
			    sug ? arena_printf(v->a, "did you mean '%s'?", sug)
			    : "'spcomm forms' and forms/mandates.yaml list the mandate keys",
			    "unknown mandate \"%s\"", s);
			return false;
		}
		break;
	case FT_REF:
		break;
	default:
		return false;
	}
ok:
	/* non-text scalars are ASCII by their syntax except enum and ref
	 * values, which are checked against known keys */
	cv->text = check_text(v, f, n, s, n->len, path, &cv->len);
	if (cv->text == NULL)
		return false;
	if (f->must_be && strcmp(s, f->must_be) != 0) {
		diag_add(v->dl, f->type == FT_INT ? DIAG_VERSION : DIAG_RULE, &n->span, path,
		    help_for(v, f), "must be %s here, not \"%s\"", f->must_be, s);
		return false;
	}
	return true;
}

static bool
is_output_lang(const char *s)
{
	for (size_t i = 0; intl_langs[i]; i++)
		if (strcmp(s, intl_langs[i]) == 0)
			return true;
	return false;
}

/* One language c of a translated value (at v->path), into cv. */
static bool
check_translation(struct vctx *v, const struct form_field *f, const struct ynode *c,
    struct cval *cv, bool *have_own)
{
	const char *cpath = v->path.s;
	if (!is_output_lang(c->key)) {
		diag_add(v->dl, DIAG_TRANSLATION, &c->key_span, cpath,
		    "translations are keyed by en, fr, es, ru, zh or ar",
		    "'%s' is not an output language", c->key);
		return false;
	}
	if (c->kind != YNODE_SCALAR) {
		diag_add(v->dl, DIAG_TYPE, &c->span, cpath, NULL, "a translation must be text");
		return false;
	}
	struct cval tmp = { 0 };
	if (!check_scalar(v, f, c, cpath, &tmp))
		return false;
	struct translation *t = &cv->translations[cv->n_translations++];
	t->lang = c->key;
	t->text = tmp.text;
	if (v->language && strcmp(c->key, v->language) == 0) {
		*have_own = true;
		cv->text = tmp.text;
		cv->len = tmp.len;
	}
	return true;
}

/* A translatable value written as {en: ..., fr: ...}. */
static bool
check_translations(struct vctx *v, const struct form_field *f, const struct ynode *n,
    struct cval *cv)
{
	bool ok = true, have_own = false;
	cv->translations = arena_alloc(v->a, (n->n_children + 1) * sizeof *cv->translations);
	for (const struct ynode *c = n->first_child; c; c = c->next) {
		size_t mark = case_path_push_key(&v->path, c->key);
		if (!check_translation(v, f, c, cv, &have_own))
			ok = false;
		case_path_pop(&v->path, mark);
	}
	if (ok && !have_own) {
		diag_add(v->dl, DIAG_TRANSLATION, &n->span, v->path.s,
		    "the text in the case's own language is the original; add it under its language tag",
		    "no text in the case's language (%s)", v->language ? v->language : "?");
		ok = false;
	}
	return ok;
}

static const char *
kind_word(const struct ynode *n)
{
	return n->kind == YNODE_MAPPING ? "a mapping" : n->kind == YNODE_SEQUENCE ? "a list" : "a single value";
}

static void
missing(struct vctx *v, const struct form_field *m, const struct ynode *rec,
    const char *path, bool required)
{
	/* Point at the key of the record that should hold the field, so the
	 * user sees where to add it. */
	const struct span *sp = rec->key ? &rec->key_span : &rec->span;
	const char *h = help_for(v, m);
	if (required && m->missing)
		diag_add(v->dl, DIAG_REQUIRED, sp, path, h, "%s", m->missing);
	else if (required)
		diag_add(v->dl, DIAG_REQUIRED, sp, path, h, "required field '%s' is missing", m->name);
	else
		diag_add(v->dl, DIAG_RECOMMENDED, sp, path, h,
		    "'%s' is missing; the UN asks for it", m->name);
}

/* When m is one of rec's one_of_required group, the first other member
 * of the group filled in; else NULL. */
static const char *
other_of_group(const struct form_field *rec, const struct form_field *m, const struct ynode *n)
{
	bool in_group = false;
	for (size_t i = 0; i < rec->n_one_of_required; i++)
		in_group |= strcmp(rec->one_of_required[i], m->name) == 0;
	for (size_t i = 0; in_group && i < rec->n_one_of_required; i++) {
		const char *o = rec->one_of_required[i];
		const struct ynode *c = ytree_get(n, o);
		if (strcmp(o, m->name) != 0 && present(c) && !cond_unfilled(c))
			return o;
	}
	return NULL;
}

/*
 * A field of a `spcomm new` template left as written ("" or "<...>", or
 * a block of them) that the case does not need: required only under a
 * condition that is false, or one of a group of which another member is
 * filled in (e-mail or telephone).  The template marks it "Required if
 * ..." and says to delete it when it does not apply, so it is a warning
 * saying so, not an empty or placeholder error.  While the condition
 * reads a value not filled in yet itself, the field may still apply: the
 * warning says what it depends on.  True when m was reported here (and
 * is not checked further).
 */
static bool
does_not_apply(struct vctx *v, const struct form_field *rec, const struct form_field *m,
    const struct ynode *n, const struct ynode *c, const char *path)
{
	if (!cond_unfilled(c))
		return false;
	const struct span *sp = c->kind != YNODE_SCALAR && c->key ? &c->key_span : &c->span;
	const char *other = other_of_group(rec, m, n), *waits = NULL;
	if (other != NULL) {
		diag_add(v->dl, DIAG_DOES_NOT_APPLY, sp, path,
		    "delete it: the template offers both, and one is enough",
		    "'%s' is not filled in and not needed: '%s' is given", m->name, other);
		return true;
	}
	if (m->required == NULL || m->required->kind == COND_TRUE)
		return false;
	const char *cond = cond_describe(v->a, m->required);
	if (cond_undecided(m->required, v->root, n, &waits)) {
		diag_add(v->dl, DIAG_DOES_NOT_APPLY, sp, path,
		    arena_printf(v->a, "fill in '%s' first; then fill this in if it applies, "
		    "or delete it", waits),
		    "'%s' is required only if %s, and '%s' is not filled in yet", m->name, cond,
		    waits);
		return true;
	}
	if (eval(v, m->required, n))
		return false;
	diag_add(v->dl, DIAG_DOES_NOT_APPLY, sp, path,
	    "delete it: the template lists every field a case may need",
	    "'%s' does not apply here (required only if %s): delete it", m->name, cond);
	return true;
}

static struct cval *
check_record(struct vctx *v, const struct form_field *f, const struct ynode *n,
    struct cval *cv)
{
	bool ok = true;
	/* unknown keys first, with the nearest known key (the names only
	 * for a record that has one) */
	for (const struct ynode *c = n->first_child; c; c = c->next) {
		if (form_member(f, c->key) != NULL)
			continue;
		const char *sug = member_for(v, f, c->key);
		struct elsewhere ew = { { NULL }, 0 };
		/* in a record under this one first ("family" beside "name:"),
		 * then anywhere */
		if (sug == NULL)
			find_elsewhere(v, f, v->path.s, c->key, f, &ew, 0);
		if (sug == NULL && ew.n == 0 && v->form != NULL)
			find_elsewhere(v, v->form->root, "", c->key, f, &ew, 0);
		shallowest(&ew);
		const char *hint = "remove it, or check the form with 'spcomm forms'";
		if (sug)
			hint = arena_printf(v->a, "did you mean '%s'?", sug);
		else if (ew.n > 0)
			hint = arena_printf(v->a, "'%s' is a member of %s%s%s%s%s, not of this record: "
			    "check its indentation", c->key, ew.paths[0], ew.n > 1 ? ew.n > 2 ? ", " : " and " : "",
			    ew.n > 1 ? ew.paths[1] : "", ew.n > 2 ? " and " : "", ew.n > 2 ? ew.paths[2] : "");
		size_t mark = case_path_push_key(&v->path, c->key);
		diag_add(v->dl, DIAG_UNKNOWN_KEY, &c->key_span, v->path.s, hint, "unknown key '%s'", c->key);
		case_path_pop(&v->path, mark);
		ok = false;
	}
	/* a member per key written, at most */
	size_t room = n->n_children < f->n_fields ? n->n_children : f->n_fields;
	cv->kids = arena_alloc(v->a, (room + 1) * sizeof *cv->kids);
	for (size_t i = 0; i < f->n_fields; i++) {
		const struct form_field *m = f->fields[i];
		const struct ynode *c = ytree_get(n, m->name);
		size_t mark = case_path_push_key(&v->path, m->name);
		if (!present(c)) {
			if (m->required && eval(v, m->required, n)) {
				missing(v, m, n, v->path.s, true);
				ok = false;
			} else if (m->recommended && eval(v, m->recommended, n)) {
				missing(v, m, n, v->path.s, false);
			}
		} else if (!does_not_apply(v, f, m, n, c, v->path.s)) {
			struct cval *k = check_value(v, m, c, cv->class);
			if (k == NULL)
				ok = false;
			else
				cv->kids[cv->n_kids++] = k;
		}
		case_path_pop(&v->path, mark);
	}
	if (f->n_one_of_required > 0) {
		bool any = false;
		for (size_t i = 0; i < f->n_one_of_required; i++)
			any |= present(ytree_get(n, f->one_of_required[i]));
		if (!any) {
			char *list = arena_alloc(v->a, 1);
			for (size_t i = 0; i < f->n_one_of_required; i++)
				list = arena_printf(v->a, "%s%s'%s'", list,
				    i == 0 ? "" : i + 1 == f->n_one_of_required ? " or " : ", ",
				    f->one_of_required[i]);
			diag_add(v->dl, DIAG_REQUIRED, n->key ? &n->key_span : &n->span, v->path.s,
			    f->one_of_missing, "give at least one of %s", list);
			ok = false;
		}
	}
	if (f->n_one_of_recommended > 0) {
		bool any = false;
		for (size_t i = 0; i < f->n_one_of_recommended; i++)
			any |= present(ytree_get(n, f->one_of_recommended[i]));
		if (!any) {
			char *list = arena_alloc(v->a, 1);
			size_t k = f->n_one_of_recommended;
			for (size_t i = 0; i < k; i++)
				list = arena_printf(v->a, "%s%s'%s'", list,
				    i == 0 ? "" : i + 1 < k ? ", " : k == 2 ? " nor " : " or ",
				    f->one_of_recommended[i]);
			diag_add(v->dl, DIAG_RECOMMENDED, n->key ? &n->key_span : &n->span,
			    v->path.s, NULL, "%s %s is given; the UN asks for one",
			    k == 2 ? "neither" : "none of", list);
		}
	}
	return ok ? cv : NULL;
}

/* The hint for a single value where a list belongs: the list it may be
 * ("KG, KZ" is [KG, KZ]), written in YAML's brackets. */
static const char *
list_hint(struct vctx *v, const struct ynode *n)
{
	static const char lines[] = "or each item on its own line starting with '- '";
	if (n->kind != YNODE_SCALAR || n->text == NULL || n->len == 0 || n->len > 200 ||
	    memchr(n->text, '\n', n->len) != NULL || strpbrk(n->text, "[]{}\"'#:") != NULL)
		return "write each item on its own line starting with '- '";
	char *list = arena_strdup(v->a, "[");
	for (const char *p = n->text; *p;) {
		size_t len = strcspn(p, ",;");
		const char *a = p, *b = p + len;
		while (a < b && (*a == ' ' || *a == '\t'))
			a++;
		while (b > a && (b[-1] == ' ' || b[-1] == '\t'))
			b--;
		if (b > a)
			list = arena_printf(v->a, "%s%s%.*s", list, list[1] ? ", " : "", (int)(b - a), a);
		p += len + (p[len] != '\0');
	}
	return arena_printf(v->a, "write it as a list: %s%s%s], %s", n->key ? n->key : "",
	    n->key ? ": " : "", list, lines);
}

static struct cval *
check_value(struct vctx *v, const struct form_field *f, const struct ynode *n,
    enum disclosure parent_class)
{
	struct cval *cv = arena_alloc(v->a, sizeof *cv);
	cv->field = f;
	cv->node = n;
	cv->class = form_effective_class(f, parent_class);

	if (f->type == FT_RECORD) {
		if (n->kind != YNODE_MAPPING)
			goto wrong_kind;
		return check_record(v, f, n, cv);
	}
	if (f->type == FT_LIST) {
		if (n->kind != YNODE_SEQUENCE)
			goto wrong_kind;
		if (n->n_children < f->min_items) {
			diag_add(v->dl, DIAG_LIST_EMPTY, &n->span, v->path.s, help_for(v, f),
			    "the list needs at least %zu item%s", f->min_items,
			    f->min_items == 1 ? "" : "s");
			return NULL;
		}
		if (n->n_children > LIMIT_LIST_ITEMS) {
			diag_add(v->dl, DIAG_LIST_TOO_LONG, &n->span, v->path.s, NULL,
			    "the list has %zu items; the limit is %u", n->n_children,
			    (unsigned)LIMIT_LIST_ITEMS);
			return NULL;
		}
		bool ok = true;
		cv->kids = arena_alloc(v->a, (n->n_children + 1) * sizeof *cv->kids);
		size_t i = 0;
		for (const struct ynode *c = n->first_child; c; c = c->next, i++) {
			size_t mark = case_path_push_index(&v->path, i);
			struct cval *k = check_value(v, f->item, c, cv->class);
			case_path_pop(&v->path, mark);
			if (k == NULL)
				ok = false;
			else
				cv->kids[cv->n_kids++] = k;
		}
		return ok ? cv : NULL;
	}
	if (n->kind == YNODE_MAPPING && f->translatable)
		return check_translations(v, f, n, cv) ? cv : NULL;
	if (n->kind != YNODE_SCALAR)
		goto wrong_kind;
	return check_scalar(v, f, n, v->path.s, cv) ? cv : NULL;

wrong_kind:
	/* a mapping or list where a value belongs reads best at its key */
	diag_add(v->dl, DIAG_TYPE, n->kind != YNODE_SCALAR && n->key ? &n->key_span : &n->span,
	    v->path.s,
	    f->type == FT_LIST ? list_hint(v, n) : help_for(v, f),
	    "expected %s, found %s", f->type == FT_RECORD ? "a mapping of fields"
	    : f->type == FT_LIST ? "a list" : f->translatable ? "text (or a mapping of translations)"
	    : "a single value", kind_word(n));
	return NULL;
}

/* ----- rules across fields, on the normalized values ----- */

struct walk {
	struct vctx *v;
	/* the earliest event date of the case, for ages */
	struct pdate event;
	bool have_event;
	const char *event_path;
};

static bool
is_date(const struct cval *c)
{
	return c->field->type == FT_DATE || c->field->type == FT_PDATE;
}

static const struct cval *
sibling(const struct cval *rec, const char *name)
{
	return case_get(rec, name);
}

/* The latest calendar date on Earth is that of UTC+14 (Kiribati's Line
 * Islands): a submission dated today anywhere is not after it, whatever
 * the computer's time zone or TZ. */
#define EARLIEST_ZONE_SECONDS (14 * 3600)

/*
 * The submission's own date after today: almost always a typing error
 * (2062 for 2026), and the date the UN reads first.  The one place
 * validation reads the clock; rendering never does (the PDF's dates come
 * from the case or SOURCE_DATE_EPOCH), and the message does not print
 * today's date, so the diagnostics of a case dated in the past do not
 * change from day to day.
 */
static void
check_date_not_after_today(struct vctx *v, const struct cval *date, const char *path)
{
	time_t now = time(NULL);
	if (now == (time_t)-1)
		return;
	struct pdate today;
	intl_date_from_unix((int64_t)now + EARLIEST_ZONE_SECONDS, &today);
	if (intl_date_cmp(&date->date, &today) > 0)
		diag_add(v->dl, DIAG_DATE_AFTER_TODAY, &date->node->span, path,
		    "write the date the submission is prepared; today is taken in the earliest "
		    "time zone (UTC+14), so a date that is today anywhere passes",
		    "the date of the submission, %s, is after today", date->node->text);
}

/* Date k of record rec, at v->path; top: rec is the case itself. */
static void
check_date(struct vctx *v, const struct cval *rec, const struct cval *k, bool top)
{
	const char *kpath = v->path.s;
	if (top && strcmp(k->field->name, "date") == 0)
		check_date_not_after_today(v, k, kpath);
	const char *na = k->field->not_after;
	if (v->have_date && (na == NULL || strcmp(na, "/date") == 0) &&
	    !(top && strcmp(k->field->name, "date") == 0) &&
	    intl_date_cmp(&k->date, &v->date) > 0)
		diag_add(v->dl, DIAG_DATE_FUTURE, &k->node->span, kpath,
		    "check the year; a submission cannot report what has not happened yet",
		    "%s is after the date of the submission (%s)", k->node->text,
		    ytree_get(v->root, "date")->text);
	const char *nb = k->field->not_before;
	const struct cval *o = nb ? sibling(rec, nb) : NULL;
	if (o != NULL && is_date(o) && intl_date_cmp(&k->date, &o->date) < 0)
		diag_add(v->dl, DIAG_DATE_ORDER, &k->node->span, kpath,
		    arena_printf(v->a, "'%s' must not be before '%s' (%s)", k->field->name,
		    nb, o->node->text), "%s is before %s", k->node->text, o->node->text);
}

/* The dates of record rec, at v->path, and of the records below it. */
static void
check_dates(struct vctx *v, const struct cval *rec)
{
	bool top = v->path.len == 0;
	for (size_t i = 0; i < rec->n_kids; i++) {
		const struct cval *k = rec->kids[i];
		size_t mark = case_path_push_key(&v->path, k->field->name);
		if (k->field->type == FT_RECORD) {
			check_dates(v, k);
		} else if (k->field->type == FT_LIST) {
			for (size_t j = 0; j < k->n_kids; j++) {
				size_t imark = case_path_push_index(&v->path, j);
				if (k->kids[j]->field->type == FT_RECORD)
					check_dates(v, k->kids[j]);
				case_path_pop(&v->path, imark);
			}
		} else if (is_date(k)) {
			check_date(v, rec, k, top);
		}
		case_path_pop(&v->path, mark);
	}
}

static void
check_person(struct walk *w, const struct cval *p, const char *path)
{
	struct vctx *v = w->v;
	const struct cval *dob = case_get(p, "date_of_birth");
	const struct cval *age = case_get(p, "age_at_event");
	if (dob == NULL || !w->have_event)
		return;
	if (intl_date_cmp(&dob->date, &w->event) >= 0 &&
	    !(dob->date.precision < 3 && intl_date_cmp(&dob->date, &w->event) == 0)) {
		diag_add(v->dl, DIAG_BIRTH_ORDER, &dob->node->span, join(v, path, "date_of_birth"),
		    "check the year of birth", "the date of birth is not before the events (%s)",
		    w->event_path);
		return;
	}
	if (age != NULL) {
		int hi, lo = intl_age_at(&dob->date, &w->event, &hi);
		if (age->number < lo || age->number > hi)
			diag_add(v->dl, DIAG_AGE_MISMATCH, &age->node->span,
			    join(v, path, "age_at_event"),
			    arena_printf(v->a, "born %s, the person was %d%s at the first event (%s)",
			    dob->node->text, lo, hi != lo ? arena_printf(v->a, " or %d", hi) : "",
			    w->event_path),
			    "age %lld does not agree with the date of birth", age->number);
	}
}

/* An annex must fit in the e-mail that carries the submission
 * (LIMIT_ANNEX_BYTES); checked before it is read.  Sizes in MB rounded up
 * to a tenth, so that a file over the limit never reads as the limit. */
static bool
check_annex_size(struct vctx *v, const struct cval *f, const char *fpath,
    const struct stat *st)
{
	if ((uintmax_t)st->st_size <= LIMIT_ANNEX_BYTES)
		return false;
	uintmax_t tenths = ((uintmax_t)st->st_size + 99999) / 100000;
	diag_add(v->dl, DIAG_ANNEX_TOO_LARGE, &f->node->span, fpath,
	    "make it smaller (a scan at 150-200 dpi in greyscale is usually a few MB) or "
	    "leave it out and send it separately: submissions reach OHCHR by e-mail, and "
	    "mailboxes commonly refuse messages over 20-25 MB",
	    "annex \"%s\" is %ju.%ju MB; the limit is %u MB", f->text, tenths / 10, tenths % 10,
	    (unsigned)(LIMIT_ANNEX_BYTES / 1000000));
	return true;
}

/* An annex is a file next to the case file (or below it), never outside
 * its directory: a case file from elsewhere must not make spcomm read,
 * hash and list /etc/shadow. */
static void
check_attachment(struct vctx *v, struct cval *att, const char *path)
{
	const struct cval *f = case_get(att, "file");
	if (f == NULL)
		return;
	const char *fpath = join(v, path, "file");
	const char *s = f->text;
	bool escapes = s[0] == '/' || strcmp(s, "..") == 0 || strncmp(s, "../", 3) == 0 ||
	    strstr(s, "/../") != NULL || (strlen(s) >= 3 && strcmp(s + strlen(s) - 3, "/..") == 0);
	if (escapes) {
		diag_add(v->dl, DIAG_ATTACHMENT, &f->node->span, fpath,
		    "put the annex in the case's directory (or below it) and give its relative path",
		    "\"%s\" is outside the case's directory", s);
		return;
	}
	const char *full = arena_printf(v->a, "%s/%s", v->case_dir, s);
	struct stat st;
	if (stat(full, &st) != 0) {
		diag_add(v->dl, DIAG_ATTACHMENT, &f->node->span, fpath,
		    "the path is relative to the case file's directory",
		    "annex \"%s\" not found: %s", s, strerror(errno));
		return;
	}
	if (!S_ISREG(st.st_mode)) {
		diag_add(v->dl, DIAG_ATTACHMENT, &f->node->span, fpath, NULL,
		    "annex \"%s\" is not a regular file", s);
		return;
	}
	/* a symbolic link inside the directory may still point outside it */
	char real_dir[PATH_MAX], real_file[PATH_MAX];
	if (realpath(v->case_dir, real_dir) != NULL && realpath(full, real_file) != NULL) {
		size_t n = strlen(real_dir);
		if (strncmp(real_file, real_dir, n) != 0 || (real_file[n] != '/' && n > 1)) {
			diag_add(v->dl, DIAG_ATTACHMENT, &f->node->span, fpath,
			    "copy the annex into the case's directory",
			    "annex \"%s\" leads outside the case's directory", s);
			return;
		}
	}
	if (check_annex_size(v, f, fpath, &st))
		return;
	/* size and SHA-256 go into the annex list of the PDF */
	char hex[65];
	uint64_t size;
	if (!sha256_file(full, hex, &size)) {
		diag_add(v->dl, DIAG_ATTACHMENT, &f->node->span, fpath, NULL,
		    "annex \"%s\" cannot be read: %s", s, strerror(errno));
		return;
	}
	att->sha256 = arena_strdup(v->a, hex);
	att->file_size = size;
}

/* The UN asks for institutions in full: "GKNB" means nothing to a desk
 * officer and may be ambiguous.  A value without a lower-case letter and
 * short enough to be an abbreviation gets a warning. */
static void
check_institution(struct vctx *v, const struct cval *perp, const char *path)
{
	const struct cval *inst = case_get(perp, "institution");
	if (inst == NULL || inst->len > 12)
		return;
	for (const unsigned char *p = (const unsigned char *)inst->text; *p; p++)
		if (islower(*p) || *p >= 0x80)
			return;
	diag_add(v->dl, DIAG_ABBREVIATION, &inst->node->span, join(v, path, "institution"),
	    "write the full name, with the abbreviation in brackets if it helps "
	    "(the UN asks for names in full)",
	    "\"%s\" looks like an abbreviation", inst->text);
}

/* A name given only in a script the program does not transliterate
 * (Arabic: without vowels a transliteration is useless; others: no
 * reliable rule) needs its Latin form written by a person. */
static void
check_latin_form(struct vctx *v, const struct cval *name, const char *path)
{
	if (case_get(name, "family") || case_get(name, "given"))
		return;
	const struct cval *orig = case_get(name, "original");
	if (orig == NULL)
		return;
	const struct cval *parts[2] = { case_get(orig, "family"), case_get(orig, "given") };
	for (int i = 0; i < 2; i++) {
		if (parts[i] == NULL || intl_transliterate_name(v->tmp, parts[i]->text) != NULL)
			continue;
		diag_add(v->dl, DIAG_REQUIRED, name->node->key ? &name->node->key_span : &name->node->span,
		    join(v, path, "family"),
		    "write the name in Latin letters as the person writes it (as on a passport); "
		    "only Chinese and Cyrillic names are transliterated by the program",
		    "the name is given only in its own script, which cannot be transliterated reliably");
		return;
	}
}

static void
walk_blocks(struct walk *w, struct cval *c)
{
	struct case_path_buf *p = &w->v->path;
	if (case_is_block(c, "person"))
		check_person(w, c, p->s);
	if (case_is_block(c, "attachment"))
		check_attachment(w->v, c, p->s);
	if (case_is_block(c, "perpetrator"))
		check_institution(w->v, c, p->s);
	if (case_is_block(c, "name"))
		check_latin_form(w->v, c, p->s);
	for (size_t i = 0; i < c->n_kids; i++) {
		size_t mark = case_path_push_child(p, c, i);
		walk_blocks(w, c->kids[i]);
		case_path_pop(p, mark);
	}
}

/* References: a `ref` names the `id` of an item of the list at f->refs. */
static void
check_refs(struct vctx *v, const struct cval *c)
{
	const char *path = v->path.s;  /* not pushed to before the last loop */
	if (c->field->type == FT_REF && c->field->refs) {
		const char *lp = c->field->refs[0] == '/' ? c->field->refs + 1 : c->field->refs;
		const struct cval *list = case_path(v->croot, lp);
		bool found = false;
		for (size_t i = 0; list && i < list->n_kids; i++) {
			const struct cval *id = case_get(list->kids[i], "id");
			if (id && strcmp(id->text, c->text) == 0)
				found = true;
		}
		if (!found)
			diag_add(v->dl, DIAG_REF, &c->node->span, path,
			    arena_printf(v->a, "give the id of one of the items of '%s'", lp),
			    "no item with id \"%s\" in %s", c->text, lp);
		return;
	}
	if (c->field->type == FT_LIST && c->field->item->type != FT_RECORD) {
		/* a list of values names each once ("victims: [v1, v1]" printed
		 * the victim twice) */
		for (size_t i = 0; i < c->n_kids; i++) {
			const struct cval *a = c->kids[i];
			for (size_t j = 0; a->text && j < i; j++) {
				const struct cval *b = c->kids[j];
				if (b->text && strcmp(a->text, b->text) == 0) {
					diag_add(v->dl, DIAG_DUPLICATE_ITEM, &a->node->span,
					    arena_printf(v->a, "%s[%zu]", path, i),
					    arena_printf(v->a, "remove it: it is already item %zu, at line %u",
					    j + 1, (unsigned)b->node->span.line + 1),
					    "\"%s\" is in the list twice", a->text);
					break;
				}
			}
		}
	}
	if (c->field->type == FT_LIST) {
		/* ids of a list's records are unique */
		for (size_t i = 0; i < c->n_kids; i++) {
			const struct cval *a = case_get(c->kids[i], "id");
			for (size_t j = 0; a && j < i; j++) {
				const struct cval *b = case_get(c->kids[j], "id");
				if (b && strcmp(a->text, b->text) == 0) {
					diag_add(v->dl, DIAG_DUPLICATE_ID, &a->node->span,
					    arena_printf(v->a, "%s[%zu].id", path, i),
					    arena_printf(v->a, "the same id is used at line %u",
					    (unsigned)b->node->span.line + 1),
					    "duplicate id \"%s\"", a->text);
					break;
				}
			}
		}
	}
	for (size_t i = 0; i < c->n_kids; i++) {
		size_t mark = case_path_push_child(&v->path, c, i);
		check_refs(v, c->kids[i]);
		case_path_pop(&v->path, mark);
	}
}

/*
 * The source's identity must not appear in text that leaves OHCHR: an
 * allow-list of classes cannot protect what is written inside a
 * narrative.  The identities are the gate's (copy.h), found as match.h
 * reads text: a whole identity is an error, a lone word of a name (not
 * shared with a person the case names) a warning.  Each occurrence is
 * reported once, with a caret on its words; the message names the field,
 * never the confidential value.
 */
struct src_search {
	struct vctx *v;
	const struct match_set *src;
	const struct match_set *places;  /* copy_case_places */
};

/* Whether bytes [start, end) lie inside one of the hits (a place of the
 * case written in the same text, "Kong" in "Hong Kong"; a whole identity). */
static bool
in_place(const struct match_hit *places, size_t n, size_t start, size_t end)
{
	for (size_t i = 0; i < n; i++)
		if (places[i].start <= start && end <= places[i].end)
			return true;
	return false;
}

static void
report_source(struct src_search *ss, const struct ynode *n, const char *path, bool is_id)
{
	struct vctx *v = ss->v;
	/* whole identities first: words of names never crowd them out */
	struct match_hit full[LIMIT_SOURCE_HITS], part[LIMIT_SOURCE_HITS], places[LIMIT_SOURCE_HITS];
	size_t nf = match_find(ss->src, n->text, n->len, full, LIMIT_SOURCE_HITS, MATCH_FULL, false);
	size_t full_end = 0;           /* end of the last whole identity reported */
	for (size_t i = 0; i < nf; i++) {
		const struct match_hit *h = &full[i];
		if (i > 0 && h->end <= full_end)
			continue; /* inside an identity already reported */
		full_end = h->end;
		struct span sp = ytree_value_span(n, v->dl->src, v->dl->src_len, h->start, h->end);
		const char *what = match_needle_what(h->needle), *from = match_needle_path(h->needle);
		diag_add(v->dl, DIAG_SOURCE_LEAK, &sp, path,
		    arena_printf(v->a, is_id ? "choose an id without it: the id is printed on "
		    "every copy and names the files" : "write \"the source\" instead, or leave it "
		    "out: %s is confidential and stays with OHCHR", from),
		    is_id ? "the case id holds the source's %s (%s)"
		    : "the source's %s (%s) is written here, in a text the Government may see",
		    what, from);
	}
	/* then a word of a name: once per field, only where written as a
	 * name (match_hit.ordinary), not inside a whole identity or a place */
	size_t np = match_find(ss->src, n->text, n->len, part, LIMIT_SOURCE_HITS, MATCH_PART, true);
	size_t n_places = match_find(ss->places, n->text, n->len, places, LIMIT_SOURCE_HITS,
	    MATCH_PART, false);
	const void *warned[LIMIT_SOURCE_HITS];
	size_t n_warned = 0;
	for (size_t i = 0; i < np; i++) {
		const struct match_hit *h = &part[i];
		if (match_needle_weight(h->needle) == MATCH_FULL || in_place(full, nf, h->start, h->end) ||
		    in_place(places, n_places, h->start, h->end))
			continue;
		bool seen = false;
		for (size_t k = 0; k < n_warned; k++)
			seen |= warned[k] == match_needle_owner(h->needle);
		if (seen)
			continue;
		warned[n_warned++] = match_needle_owner(h->needle);
		struct span sp = ytree_value_span(n, v->dl->src, v->dl->src_len, h->start, h->end);
		const char *what = match_needle_what(h->needle), *from = match_needle_path(h->needle);
		diag_add(v->dl, DIAG_SOURCE_PART, &sp, path,
		    arena_printf(v->a, "if it names the source, write \"the source\" instead (%s is "
		    "confidential); if it is someone else or a place, nothing needs to change", from),
		    "a word of the source's %s (%s) is written here, in a text the Government may see",
		    strcmp(what, "alias") == 0 ? "name" : what, from);
	}
}

static void
search_sources(struct src_search *ss, const struct cval *c)
{
	struct case_path_buf *p = &ss->v->path;
	/* names are identities, not narratives: a victim's name that is also
	 * the submitter's (a person who writes about themselves) is no leak */
	if (c->class == CLASS_SRC || case_is_block(c, "name"))
		return;
	if (c->field->type == FT_TEXT || c->field->type == FT_STRING) {
		const struct ynode *n = c->node;
		if (n->kind == YNODE_SCALAR)
			report_source(ss, n, p->s, false);
		/* every language version of a translated text */
		for (const struct ynode *t = n->kind == YNODE_MAPPING ? n->first_child : NULL; t;
		    t = t->next)
			if (t->kind == YNODE_SCALAR) {
				size_t mark = case_path_push_key(p, t->key);
				report_source(ss, t, p->s, false);
				case_path_pop(p, mark);
			}
	}
	for (size_t i = 0; i < c->n_kids; i++) {
		size_t mark = case_path_push_child(p, c, i);
		search_sources(ss, c->kids[i]);
		case_path_pop(p, mark);
	}
}

static void
check_source_identities(struct vctx *v, const struct cval *root)
{
	struct match_set *shown = match_set_new(v->tmp), *src = match_set_new(v->tmp);
	struct match_set *places = match_set_new(v->tmp);
	copy_case_names(shown, v->tmp, root);
	copy_source_identities(src, v->tmp, root, shown);
	if (match_set_count(src) == 0)
		return;
	copy_case_places(places, root);
	struct src_search ss = { v, src, places };
	const struct cval *id = case_get(root, "id");
	if (id && id->node->kind == YNODE_SCALAR)
		report_source(&ss, id->node, "id", true);
	for (size_t i = 0; i < root->n_kids; i++)
		if (root->kids[i] != id) {
			size_t mark = case_path_push_child(&v->path, root, i);
			search_sources(&ss, root->kids[i]);
			case_path_pop(&v->path, mark);
		}
}

/* Where a rule's diagnostic points: `at` if it exists, else the nearest
 * existing ancestor of it, else the default node. */
static const struct ynode *
rule_node(struct vctx *v, const char *at, const struct ynode *dflt)
{
	if (at == NULL)
		return dflt;
	char *p = arena_strdup(v->a, at[0] == '/' ? at + 1 : at);
	for (;;) {
		const struct ynode *n = resolve(v, v->root, arena_printf(v->a, "/%s", p));
		if (n != NULL)
			return n;
		char *dot = strrchr(p, '.');
		if (dot == NULL)
			return dflt;
		*dot = '\0';
	}
}

static void
rule_diag(struct vctx *v, const struct form_rule *ru, const struct ynode *n, const char *path)
{
	const struct span *sp = n->key && n->kind != YNODE_SCALAR ? &n->key_span : &n->span;
	diag_add(v->dl, ru->code, sp, path, ru->hint, "%s", ru->message);
}

static void
check_rules(struct vctx *v)
{
	for (size_t r = 0; r < v->form->n_rules; r++) {
		const struct form_rule *ru = &v->form->rules[r];
		const char *unfilled;
		/* a rule that reads a value not filled in yet (a template's
		 * placeholder) waits for it: the placeholder is reported */
		if ((ru->when && cond_undecided(ru->when, v->root, v->root, &unfilled)) ||
		    (ru->kind == RULE_CHECK && cond_undecided(ru->where, v->root, v->root, &unfilled)))
			continue;
		if (ru->when && !eval(v, ru->when, v->root))
			continue;
		const char *at = ru->at ? (ru->at[0] == '/' ? ru->at + 1 : ru->at) : NULL;
		if (ru->kind == RULE_CHECK) {
			if (!eval(v, ru->where, v->root))
				rule_diag(v, ru, rule_node(v, ru->at, v->root), at ? at : "");
			continue;
		}
		const char *lp = ru->list[0] == '/' ? ru->list : arena_printf(v->a, "/%s", ru->list);
		if (ru->kind == RULE_RECENT) {
			if (cond_recent(v->root, lp, ru->days, ru->months))
				rule_diag(v, ru, rule_node(v, ru->at ? ru->at : lp, v->root),
				    at ? at : lp + 1);
			continue;
		}
		const struct ynode *list = resolve(v, v->root, lp);
		if (list == NULL || list->kind != YNODE_SEQUENCE)
			continue; /* its absence is reported by `required` */
		bool any = false;
		size_t i = 0;
		for (const struct ynode *it = list->first_child; it; it = it->next, i++) {
			if (it->kind != YNODE_MAPPING)
				continue;
			bool ok = eval(v, ru->where, it);
			any |= ok;
			if (ru->kind == RULE_EVERY && !ok)
				rule_diag(v, ru, it, arena_printf(v->a, "%s[%zu]", lp + 1, i));
		}
		if (ru->kind == RULE_SOME && !any)
			rule_diag(v, ru, rule_node(v, ru->at, list), at ? at : lp + 1);
	}
}

static void
check_addressees(struct vctx *v)
{
	const struct ynode *ad = ytree_get(v->root, "addressees");
	if (ad == NULL || ad->kind != YNODE_SEQUENCE)
		return;
	size_t i = 0;
	for (const struct ynode *c = ad->first_child; c; c = c->next, i++) {
		if (c->kind != YNODE_SCALAR)
			continue;
		const char *path = arena_printf(v->a, "addressees[%zu]", i);
		if (!v->form->addressees_free) {
			bool ok = false;
			for (size_t j = 0; j < v->form->n_addressees_fixed; j++)
				ok |= strcmp(c->text, v->form->addressees_fixed[j]) == 0;
			if (!ok)
				diag_add(v->dl, DIAG_MANDATE, &c->span, path,
				    arena_printf(v->a, "this form goes to %s only; remove the list",
				    v->form->n_addressees_fixed ? v->form->addressees_fixed[0] : "?"),
				    "\"%s\" cannot be addressed with this form", c->text);
		}
	}
}

/* The case id goes on every page and into the file name: a copy that
 * withholds a name the id holds shows a neutral id instead (copy.h), and
 * the user hears of it now, not from the file name. */
static void
check_id_in_copies(struct vctx *v, const struct case_data *cd,
    const struct copy_gate *const gates[2])
{
	const struct cval *idv = case_get(cd->root, "id");
	const char *gov = copy_case_id(gates[0]);
	const char *pub = copy_case_id(gates[1]);
	bool in_gov = strcmp(gov, cd->id) != 0, in_pub = strcmp(pub, cd->id) != 0;
	if (!in_gov && !in_pub)
		return;
	diag_add(v->dl, DIAG_ID_NAMES_PERSON, &idv->node->span, "id",
	    "choose an id without the name (initials or a number) to keep one id for every copy",
	    "the case id names a person whose name the %s may not show: %s the id \"%s\" "
	    "instead, in %s pages and file name%s",
	    in_gov && in_pub ? "Government and public copies" : in_gov ? "Government copy"
	    : "public copy", in_gov && in_pub ? "they use" : "it uses", in_gov ? gov : pub,
	    in_gov && in_pub ? "their" : "its", in_gov && in_pub ? "s" : "");
}

/* Whether the copy leaves out every paragraph of text (original
 * language): paragraphs as the layout prints them (case_next_paragraph),
 * each asked of the gate the layout asks (a paragraph that names people
 * whose consent gives initials is printed with their initials). */
static bool
all_paragraphs_withheld(struct vctx *v, const struct copy_gate *g, const char *text)
{
	bool any = false;
	const char *p = text;
	for (char *para; (para = case_next_paragraph(v->tmp, &p)) != NULL; any = true)
		if (copy_text_with_initials(g, para, strlen(para), v->tmp) != NULL ||
		    copy_text_unreadable(g, para, strlen(para), NULL) != NULL)
			return false;  /* printed, or withheld for its script (script-unchecked) */
	return any;
}

/*
 * A narrative the Government or public copy will leave out whole: every
 * paragraph of it names a person whose name that copy may not show (the
 * consent gives initials only, or nothing), or a translation of it
 * does.  The copy prints "withheld" in its place, so the desk officer
 * reading it learns nothing of what happened; the user hears of it now.
 * The gates are those the renderer uses (copy.h), so the warning and the
 * copy agree.
 */
static void
check_withheld_texts(struct vctx *v, const struct copy_gate *const gates[2],
    const struct cval *c)
{
	const char *path = v->path.s;  /* not pushed to before the last loop */
	if (c->field->type == FT_TEXT && c->field->identity != ID_ADDRESS && c->text != NULL) {
		bool out[2] = { false, false };
		const char *lang = NULL;
		for (int k = 0; k < 2; k++) {
			if (!copy_allows(gates[k], c->class))
				continue;
			out[k] = all_paragraphs_withheld(v, gates[k], c->text);
			for (size_t t = 0; !out[k] && t < c->n_translations; t++)
				if (strcmp(c->translations[t].lang, v->language) != 0 &&
				    !copy_value_allowed(gates[k], c, c->translations[t].lang)) {
					out[k] = true;
					lang = c->translations[t].lang;
				}
		}
		if (out[0] || out[1])
			diag_add(v->dl, DIAG_NARRATIVE_WITHHELD, &c->node->span, path,
			    "write the person as the copy names them (\"the victim\", or a role), "
			    "or keep the name in one paragraph of its own, so that the rest reaches "
			    "the copy; or change the consent if the person agrees",
			    "the %s will leave out this whole text%s%s: it names a person whose "
			    "name that copy may not show", out[0] && out[1]
			    ? "Government and public copies" : out[0] ? "Government copy" : "public copy",
			    lang ? " in its translation into " : "", lang ? lang : "");
		return;
	}
	if (case_is_block(c, "name"))
		return;
	for (size_t i = 0; i < c->n_kids; i++) {
		size_t mark = case_path_push_child(&v->path, c, i);
		check_withheld_texts(v, gates, c->kids[i]);
		case_path_pop(&v->path, mark);
	}
}

/* A name and a script the gate cannot read texts in for it (one
 * script-unchecked warning each). */
struct unread {
	const struct cval *name;
	int script;
	bool copy[2];
	size_t originals, translations;  /* texts, counted for the first copy that has them */
	const char *first;  /* the first such text's path, with its language */
};

struct unread_walk {
	struct vctx *v;
	const struct copy_gate *const *gates;
	struct unread *u;
	size_t n, cap;
};

static void
note_unread(struct unread_walk *w, int k, const char *text, const char *lang)
{
	int script = -1;
	const struct cval *name = copy_text_unreadable(w->gates[k], text, strlen(text), &script);
	if (name == NULL)
		return;
	struct unread *e = NULL;
	for (size_t i = 0; i < w->n && e == NULL; i++)
		if (w->u[i].name == name && w->u[i].script == script)
			e = &w->u[i];
	if (e == NULL) {
		if (w->n == w->cap) {
			w->cap = w->cap ? 2 * w->cap : 4;
			struct unread *nu = arena_alloc(w->v->tmp, w->cap * sizeof *nu);
			if (w->n)
				memcpy(nu, w->u, w->n * sizeof *nu);
			w->u = nu;
		}
		e = &w->u[w->n++];
		*e = (struct unread){ name, script, { false, false }, 0, 0,
			lang ? arena_printf(w->v->tmp, "%s (%s)", w->v->path.s, lang)
			    : arena_strdup(w->v->tmp, w->v->path.s) };
	}
	if (k == 0 || !e->copy[0])
		*(lang ? &e->translations : &e->originals) += 1;
	e->copy[k] = true;
}

/* Every text value and translation the Government or public copy may
 * print (its class), asked of that copy's gate whether it can be read. */
static void
walk_unread(struct unread_walk *w, const struct cval *c)
{
	if ((c->field->type == FT_TEXT || c->field->type == FT_STRING) && c->text != NULL) {
		for (int k = 0; k < 2; k++) {
			if (!copy_allows(w->gates[k], c->class))
				continue;
			note_unread(w, k, c->text, NULL);
			for (size_t t = 0; t < c->n_translations; t++)
				if (strcmp(c->translations[t].lang, w->v->language) != 0)
					note_unread(w, k, c->translations[t].text, c->translations[t].lang);
		}
		return;
	}
	if (case_is_block(c, "name"))
		return;
	for (size_t i = 0; i < c->n_kids; i++) {
		size_t mark = case_path_push_child(&w->v->path, c, i);
		walk_unread(w, c->kids[i]);
		case_path_pop(&w->v->path, mark);
	}
}

/* The path of e's name record, or NULL (v->path left empty). */
static const char *
unread_name_path(struct vctx *v, const struct cval *root, const struct unread *e)
{
	case_path_pop(&v->path, 0);
	const char *p = case_path_of(&v->path, root, e->name) ? arena_strdup(v->tmp, v->path.s)
	    : NULL;
	case_path_pop(&v->path, 0);
	return p;
}

/* The copies e is about, as the warnings name them. */
static const char *
unread_copies(const struct unread *e)
{
	return e->copy[0] && e->copy[1] ? "Government and public copies"
	    : e->copy[0] ? "Government copy" : "public copy";
}

/* What those copies print instead of e's texts. */
static const char *
unread_outcome(const struct unread *e)
{
	bool both = e->copy[0] && e->copy[1];
	return e->originals == 0
	    ? (both ? "they print those translations' originals instead"
	        : "it prints those translations' originals instead")
	    : e->translations == 0 ? (both ? "they leave those texts out"
	        : "it leaves those texts out")
	    : (both ? "they leave those texts out, or print a translation's original instead"
	        : "it leaves those texts out, or prints a translation's original instead");
}

/* The same warning when the texts hold a one-character part of the name
 * (COPY_LONE_HAN): the gate cannot tell 陈 the name from 陈 of 陈述. */
static void
note_lone_han(struct vctx *v, const struct cval *root, const struct unread *e)
{
	size_t n = e->originals + e->translations;
	diag_add(v->dl, DIAG_SCRIPT_UNCHECKED, &e->name->node->span, unread_name_path(v, root, e),
	    "write the person in those texts as the copy may show them (a role, \"the victim\"), "
	    "or leave the name out of the translations: the copies then print them",
	    "the %s cannot check %zu text%s (the first: %s) for this name: a part of it is one "
	    "Chinese character, which those texts hold and which may be the name or part of "
	    "another word: %s", unread_copies(e), n, n == 1 ? "" : "s", e->first,
	    unread_outcome(e));
}

/*
 * A name the Government or public copy may not print, and texts for those
 * copies written in a script the case gives that name in no form of: the
 * gate cannot tell whether they name the person ("阿伊达·萨迪科娃" for a
 * name given as "Aida Sadykova"), so those copies print a translation's
 * original in its place and leave an original text out (copy.h).  One
 * warning per name and script, at the name, where the fix is.
 */
static void
check_unread_scripts(struct vctx *v, const struct copy_gate *const gates[2],
    const struct cval *root)
{
	struct unread_walk w = { v, gates, NULL, 0, 0 };
	walk_unread(&w, root);
	for (size_t i = 0; i < w.n; i++) {
		const struct unread *e = &w.u[i];
		if (e->script == COPY_LONE_HAN) {
			note_lone_han(v, root, e);
			continue;
		}
		const char *script = match_script_name(e->script);
		const char *name_path = unread_name_path(v, root, e);
		size_t n = e->originals + e->translations;
		diag_add(v->dl, DIAG_SCRIPT_UNCHECKED, &e->name->node->span, name_path,
		    arena_printf(v->tmp, "add the name as those texts write it, in the %s script, "
		    "to %s%sother (or to %s%soriginal if it is the person's own script): the copies "
		    "then check those texts and print the ones that do not name the person",
		    script, name_path ? name_path : "", name_path ? "." : "",
		    name_path ? name_path : "", name_path ? "." : ""),
		    "the %s cannot check %zu text%s written in the %s script (the first: %s) for "
		    "this name, which %s may not show and which the case gives in no %s form: %s",
		    unread_copies(e), n, n == 1 ? "" : "s", script, e->first,
		    e->copy[0] && e->copy[1] ? "they" : "it", script, unread_outcome(e));
	}
}

struct case_data *
validate_case(const struct form_set *fs, const struct catalog *help,
    const struct ytree *tree, const char *file, struct arena *arena, struct diag_list *dl)
{
	return validate_case_drawable(fs, help, NULL, tree, file, arena, dl);
}

static struct case_data *
validate(const struct form_set *fs, const struct catalog *help,
    const struct drawable *drawable, const struct ytree *tree, const char *file,
    struct arena *arena, struct diag_list *dl, bool again)
{
	struct vctx v = { .fs = fs, .help = help, .a = arena, .dl = dl, .root = tree->root,
	    .drawable = drawable, .again = again };
	const struct ynode *root = tree->root;
	if (root == NULL)
		return NULL;
	if (root->kind != YNODE_MAPPING) {
		diag_add(dl, DIAG_TYPE, &root->span, NULL, "start from 'spcomm new sp-general'",
		    "a case file is a mapping of fields, not %s", kind_word(root));
		return NULL;
	}
	const struct ynode *fn = ytree_get(root, "form");
	if (fn == NULL || fn->kind != YNODE_SCALAR) {
		diag_add(dl, DIAG_REQUIRED, &root->span, "form", "write form: sp-general, wgeid or wgad",
		    "required field 'form' is missing: it says which UN form this case fills");
		return NULL;
	}
	v.form = form_find(fs, fn->text);
	if (v.form == NULL) {
		/* every form of the directory, read or not */
		const char *const *keys = (const char *const *)fs->names;
		char *list = arena_alloc(arena, 1);
		for (size_t i = 0; i < fs->n_names; i++)
			list = arena_printf(arena, "%s%s%s", list, i ? ", " : "", keys[i]);
		const char *sug = nearest(fn->text, keys, fs->n_names);
		diag_add(dl, DIAG_FORM_UNKNOWN, &fn->span, "form",
		    sug ? arena_printf(arena, "did you mean '%s'?", sug) : arena_printf(arena, "one of: %s", list),
		    "unknown form \"%s\"", fn->text);
		return NULL;
	}
	/* The case's language and date are needed by the walk (translations,
	 * dates in the future): read them first, checked again in the walk. */
	const char *slash = strrchr(file, '/');
	v.case_dir = slash ? (slash == file ? "/" : arena_strndup(arena, file, (size_t)(slash - file))) : ".";
	const struct ynode *ln = ytree_get(root, "language");
	if (ln && ln->kind == YNODE_SCALAR)
		v.language = ln->text;
	const struct ynode *dn = ytree_get(root, "date");
	char why[160];
	if (dn && dn->kind == YNODE_SCALAR && intl_parse_date(dn->text, false, &v.date, why, sizeof why))
		v.have_date = true;

	size_t errors_before = dl->n_errors;
	struct arena tmp = { 0 };
	v.tmp = &tmp;
	case_path_init(&v.path);
	struct cval *croot = check_value(&v, v.form->root, root, CLASS_PUB);
	v.croot = croot;
	check_rules(&v);
	check_addressees(&v);
	if (croot != NULL) {
		check_dates(&v, croot);
		check_refs(&v, croot);
		struct walk w = { .v = &v };
		for (size_t i = 0; i < v.form->n_event_dates; i++) {
			bool had = w.have_event;
			case_earliest_date(croot, v.form->event_dates[i], &w.event, &w.have_event);
			if (w.have_event && !had)
				w.event_path = v.form->event_dates[i];
		}
		walk_blocks(&w, croot);
		if (!again)
			check_source_identities(&v, croot);
	}
	if (croot == NULL || dl->n_errors > errors_before) {
		case_path_free(&v.path);
		arena_free(&tmp);
		return NULL;
	}
	struct case_data *cd = arena_alloc(arena, sizeof *cd);
	cd->form = v.form;
	cd->root = croot;
	cd->file = file;
	cd->id = case_get(croot, "id")->text;
	cd->language = case_get(croot, "language")->text;
	cd->date = v.date;
	cd->dir = v.case_dir;
	if (!again) {
		/* the Government and public copies' gates, built once, as the
		 * renderer builds them (copy.h) */
		const struct copy_gate *gates[2] = { copy_gate_new(cd, COPY_GOVERNMENT, v.tmp),
			copy_gate_new(cd, COPY_PUBLIC, v.tmp) };
		check_id_in_copies(&v, cd, gates);
		check_withheld_texts(&v, gates, cd->root);
		check_unread_scripts(&v, gates, cd->root);
	}
	case_path_free(&v.path);
	arena_free(&tmp);
	return cd;
}

struct case_data *
validate_case_drawable(const struct form_set *fs, const struct catalog *help,
    const struct drawable *drawable, const struct ytree *tree, const char *file,
    struct arena *arena, struct diag_list *dl)
{
	return validate(fs, help, drawable, tree, file, arena, dl, false);
}

struct case_data *
validate_case_again(const struct form_set *fs, const struct catalog *help,
    const struct drawable *drawable, const struct ytree *tree, const char *file,
    struct arena *arena, struct diag_list *dl)
{
	return validate(fs, help, drawable, tree, file, arena, dl, true);
}
