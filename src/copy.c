/* copy.c - the disclosure gate (see copy.h). */
#include "copy.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "intl.h"
#include "sha256.h"

struct copy_gate {
	const struct case_data *cd;
	enum copy_kind kind;
	struct match_set *shown;     /* names the copy prints, and their words */
	struct match_set *withheld;  /* names the copy withholds: FULL and PART */
	struct match_set *sources;   /* the source's identities (FULL ones are searched) */
	/* the name records the copy withholds, and for each whether its
	 * person's consent gives initials in this copy */
	const struct cval **withheld_names;
	bool *withheld_initials;
	size_t n_withheld;
	/* the withheld names again, with the scripts the gate knows each in:
	 * a text in another script is one it cannot read for that name
	 * (copy_text_unreadable).  Not the source's names: docs/security.md,
	 * "Scripts", says why. */
	struct guarded *guarded;
	size_t n_guarded, cap_guarded;
	struct match_scripts readable;  /* the scripts every guarded name is known in */
	/* the words of 4 letters or more of the withheld names and of the
	 * source's names and mail domain, folded (match_words), for
	 * identifiers: the case's id and paths (copy_ident_allowed), and the
	 * words a text writes as identifiers (identifier_holds_part) */
	const char **ident_parts;
	size_t n_ident_parts, cap_ident_parts;
	const char *id;
};

struct guarded {
	const struct cval *name;
	struct match_scripts scripts;
	uint32_t lone_han[4];        /* its parts of one Han character (COPY_LONE_HAN) */
	int n_lone_han;
};

static const char *
text_of(const struct cval *v)
{
	return v && v->text && *v->text ? v->text : NULL;
}

/* The code point of s when s is one Han character (white space around it
 * aside), else 0. */
static uint32_t
lone_han(const char *s)
{
	if (s == NULL)
		return 0;
	while (*s == ' ')
		s++;
	const unsigned char *u = (const unsigned char *)s;
	uint32_t c;
	size_t n;
	if ((u[0] & 0xF0) == 0xE0 && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80)
		c = ((uint32_t)(u[0] & 0x0F) << 12) | ((uint32_t)(u[1] & 0x3F) << 6) | (u[2] & 0x3F), n = 3;
	else
		return 0;
	for (size_t i = n; u[i]; i++)
		if (u[i] != ' ')
			return 0;
	bool han = (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
	    (c >= 0xF900 && c <= 0xFAFF);
	return han ? c : 0;
}

/* Whether utf8[from..to) holds one of the code points cps[0..n). */
static bool
holds_cp(const char *utf8, size_t from, size_t to, const uint32_t *cps, int n)
{
	for (size_t i = from; i + 3 <= to; i++) {
		const unsigned char *u = (const unsigned char *)utf8 + i;
		if ((u[0] & 0xF0) != 0xE0)
			continue;
		uint32_t c = ((uint32_t)(u[0] & 0x0F) << 12) | ((uint32_t)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
		for (int k = 0; k < n; k++)
			if (cps[k] == c)
				return true;
	}
	return false;
}

/* The scripts slot of a new guarded name of g. */
static struct match_scripts *
guard(struct copy_gate *g, struct arena *a, const struct cval *name)
{
	if (g->n_guarded == g->cap_guarded) {
		g->cap_guarded = g->cap_guarded ? 2 * g->cap_guarded : 8;
		struct guarded *v = arena_alloc(a, g->cap_guarded * sizeof *v);
		if (g->n_guarded)
			memcpy(v, g->guarded, g->n_guarded * sizeof *v);
		g->guarded = v;
	}
	struct guarded *e = &g->guarded[g->n_guarded++];
	e->name = name;
	memset(&e->scripts, 0, sizeof e->scripts);
	e->n_lone_han = 0;
	static const char *const parts[] = { "family", "given" };
	const struct cval *forms[2] = { name, case_get(name, "original") };
	for (int f = 0; f < 2; f++)
		for (int k = 0; k < 2 && forms[f]; k++) {
			const char *part = text_of(case_get(forms[f], parts[k]));
			char *simplified = part ? intl_simplified_aligned(part, strlen(part)) : NULL;
			uint32_t c = lone_han(simplified ? simplified : part);
			free(simplified);
			if (c != 0 && e->n_lone_han < 4)
				e->lone_han[e->n_lone_han++] = c;
		}
	return &e->scripts;
}

static bool
class_allowed(enum copy_kind k, enum disclosure c)
{
	switch (k) {
	case COPY_FULL: return true;
	case COPY_GOVERNMENT: return c != CLASS_SRC;
	case COPY_PUBLIC: return c == CLASS_PUB;
	}
	return false;
}

bool
copy_allows(const struct copy_gate *g, enum disclosure c)
{
	return class_allowed(g->kind, c);
}

enum copy_kind
copy_gate_kind(const struct copy_gate *g)
{
	return g->kind;
}

bool
copy_allows_annex(const struct copy_gate *g, const struct cval *att)
{
	const struct cval *d = case_get(att, "disclosure");
	enum disclosure c = att->class;
	if (d != NULL) {
		enum disclosure own = strcmp(d->text, "SRC") == 0 ? CLASS_SRC
		    : strcmp(d->text, "GOV") == 0 ? CLASS_GOV : CLASS_PUB;
		if (own > c)
			c = own;
	}
	return class_allowed(g->kind, c);
}

enum name_shown
copy_person_name(const struct copy_gate *g, const struct cval *person)
{
	if (g->kind == COPY_FULL)
		return NAME_SHOWN;
	struct case_consent c = case_person_consent(person);
	if (!c.share_with_government)
		return NAME_WITHHELD;
	if (g->kind == COPY_GOVERNMENT || c.publish == PUBLISH_FULL)
		return NAME_SHOWN;
	return c.publish == PUBLISH_INITIALS ? NAME_INITIALS : NAME_WITHHELD;
}

/* ----- names as needles ----- */

/* "x y" as a FULL needle, unless it is a name the copy shows (the
 * submitter who is the victim, two persons of the same name). */
static void
add_full(struct match_set *s, struct arena *a, const char *x, const char *y,
    const struct match_set *shown, const void *owner, const char *path, const char *what)
{
	const char *t = x && y ? arena_printf(a, "%s %s", x, y) : x ? x : y;
	if (t == NULL || (shown && match_set_has(shown, t, strlen(t))))
		return;
	match_add(s, MATCH_WORDS, MATCH_FULL, t, strlen(t), owner, path, what);
}

/* Whether a script set holds Latin letters. */
static bool
has_latin(const struct match_scripts *sc)
{
	struct match_scripts latin = { { 0 } };
	match_scripts_add(&latin, "a", 1);
	return match_scripts_outside(&latin, sc) < 0;
}

/* Whether s is a given name of two Han characters or more and nothing
 * else (明华, 建国). */
static bool
han_given_name(const char *s)
{
	return s != NULL && match_han_name(s, strlen(s), 2);
}

/* The forms of a name record people write: given and family name in
 * either order, the original script (family name first without a space
 * in scripts written without spaces), a transliteration when the name has
 * no Latin letters (the one the copy would print when only the original
 * is given), and the aliases.  With parts_except (non-NULL), each word of
 * them too, as PART needles, except words in parts_except.  With scripts,
 * the scripts of all those forms are added to it: the scripts a text may
 * be read in for this name (copy_text_unreadable). */
static void
add_name(struct match_set *s, struct arena *a, const struct cval *name,
    const struct match_set *shown, bool parts, const void *owner, const char *path,
    struct match_scripts *scripts)
{
	const char *f = text_of(case_get(name, "family")), *g = text_of(case_get(name, "given"));
	const struct cval *orig = case_get(name, "original");
	const char *of = text_of(case_get(orig, "family")), *og = text_of(case_get(orig, "given"));
	struct match_scripts own = { { 0 } };
	if (f)
		match_scripts_add(&own, f, strlen(f));
	if (g)
		match_scripts_add(&own, g, strlen(g));
	const char *tf = NULL, *tg = NULL;
	if (!has_latin(&own)) {
		const char *sf = f ? f : of, *sg = g ? g : og;
		tf = sf ? intl_transliterate_name(a, sf) : NULL;
		tg = sg ? intl_transliterate_name(a, sg) : NULL;
	}
	const char *what = "name";
	add_full(s, a, g, f, shown, owner, path, what);
	add_full(s, a, f, g, shown, owner, path, what);
	add_full(s, a, tg, tf, shown, owner, path, what);
	add_full(s, a, tf, tg, shown, owner, path, what);
	add_full(s, a, of, og, shown, owner, path, what);
	bool dense = (of && match_text_dense(of, strlen(of))) || (og && match_text_dense(og, strlen(og)));
	if (!dense)
		add_full(s, a, og, of, shown, owner, path, what);
	const struct cval *other = case_get(name, "other");
	for (size_t i = 0; other && i < other->n_kids; i++)
		add_full(s, a, text_of(other->kids[i]), NULL, shown, owner, path, "alias");
	const char *words[6] = { f, g, tf, tg, of, og };
	if (scripts) {
		for (int i = 0; i < 6; i++)
			if (words[i])
				match_scripts_add(scripts, words[i], strlen(words[i]));
		for (size_t i = 0; other && i < other->n_kids; i++)
			if (text_of(other->kids[i]))
				match_scripts_add(scripts, other->kids[i]->text, other->kids[i]->len);
	}
	if (!parts)
		return;
	for (int i = 0; i < 6; i++)
		if (words[i])
			match_add_words(s, words[i], strlen(words[i]), 2, shown, owner, path, what);
	/* the other gender's form of a Slavic, Baltic or Czech surname (a
	 * father "Sadykov" of a withheld "Sadykova", a husband "Novák" of
	 * a withheld "Nováková") */
	if (f)
		match_add_gendered(s, f, strlen(f), shown, owner, path, what);
	if (tf)
		match_add_gendered(s, tf, strlen(tf), shown, owner, path, what);
	/* a Han given name of two characters or more alone (明华被拘留): a
	 * Chinese text names a person so; one character is too common a word */
	const char *han_given[2] = { g, og };
	for (int i = 0; i < 2; i++)
		if (han_given_name(han_given[i]) &&
		    !(shown && match_set_has(shown, han_given[i], strlen(han_given[i]))))
			match_add(s, MATCH_WORDS, MATCH_PART, han_given[i], strlen(han_given[i]), owner,
			    path, what);
	/* a Han family name with a title (陈先生) or after 老/小 (老陈) */
	if (f)
		match_add_han_family(s, f, strlen(f), shown, owner, path, what);
	if (of)
		match_add_han_family(s, of, strlen(of), shown, owner, path, what);
	for (size_t i = 0; other && i < other->n_kids; i++)
		if (text_of(other->kids[i]))
			match_add_words(s, other->kids[i]->text, other->kids[i]->len, 2, shown, owner,
			    path, "alias");
}

/* A name the copy shows: every form whole, each word alone, and its Han
 * family name with a title (match_add_han_family). */
static void
add_shown_name(struct match_set *s, struct arena *a, const struct cval *name)
{
	add_name(s, a, name, NULL, false, name, NULL, NULL);
	const char *parts[] = { "family", "given" };
	const struct cval *orig = case_get(name, "original");
	for (int i = 0; i < 2; i++) {
		const struct cval *p = case_get(name, parts[i]), *o = case_get(orig, parts[i]);
		if (text_of(p))
			match_add_words(s, p->text, p->len, 1, NULL, name, NULL, "name");
		if (text_of(o))
			match_add_words(s, o->text, o->len, 1, NULL, name, NULL, "name");
		if (i == 1 && han_given_name(text_of(p)))
			match_add(s, MATCH_WORDS, MATCH_PART, p->text, p->len, name, NULL, "name");
		if (i == 1 && han_given_name(text_of(o)))
			match_add(s, MATCH_WORDS, MATCH_PART, o->text, o->len, name, NULL, "name");
		if (i == 0 && text_of(p))
			match_add_han_family(s, p->text, p->len, NULL, name, NULL, "name");
		if (i == 0 && text_of(o))
			match_add_han_family(s, o->text, o->len, NULL, name, NULL, "name");
		if (text_of(o) && !text_of(case_get(name, "family")) && !text_of(case_get(name, "given"))) {
			const char *t = intl_transliterate_name(a, o->text);
			if (t)
				match_add_words(s, t, strlen(t), 1, NULL, name, NULL, "name");
		}
	}
}

void
copy_case_names(struct match_set *out, struct arena *a, const struct cval *root)
{
	if (root == NULL)
		return;
	if (case_is_block(root, "name")) {
		if (root->class != CLASS_SRC)
			add_shown_name(out, a, root);
		return;
	}
	for (size_t i = 0; i < root->n_kids; i++)
		copy_case_names(out, a, root->kids[i]);
}

/* ----- the source's identities ----- */

/* Whether the local part of an e-mail address points at one person when
 * it is read alone: several words ("nattaya.srisuk", "a-okafor") or
 * letters with digits ("jdoe84").  A single word ("detention", "cases",
 * "info") is a role or a dictionary word, and a surname alone is found as
 * a name part anyway. */
static bool
distinctive_local_part(const char *s, size_t n)
{
	size_t words = 0;
	bool alpha = false, digit = false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		bool w = isalnum(c) || c >= 0x80;
		alpha |= isalpha(c) || c >= 0x80;
		digit |= isdigit(c) != 0;
		if (w && (i == 0 || !(isalnum((unsigned char)s[i - 1]) || (unsigned char)s[i - 1] >= 0x80)))
			words++;
	}
	return n >= 4 && (words >= 2 || (alpha && digit));
}

/* Mail providers whose domain says nothing about who writes. */
static bool
public_mail_domain(const char *d)
{
	static const char *const providers[] = { "gmail.", "googlemail.", "yahoo.", "ymail.",
		"hotmail.", "outlook.", "live.", "msn.", "aol.", "icloud.", "me.com", "mac.com",
		"protonmail.", "proton.me", "pm.me", "tutanota.", "tuta.io", "gmx.", "web.de",
		"mail.ru", "yandex.", "qq.com", "163.com", "126.com", "riseup.net", "zoho.",
		"laposte.net", "orange.fr", "free.fr", "wanadoo.", NULL };
	for (size_t i = 0; providers[i]; i++)
		if (strncasecmp(d, providers[i], strlen(providers[i])) == 0)
			return true;
	return false;
}

/* An identity of the source, unless it reads as a name the case shows
 * (an e-mail address le.minh.tuan@ of a victim who writes about himself). */
static void
add_source(struct match_set *s, enum match_kind k, enum match_weight w, const char *text,
    size_t len, const struct match_set *shown, const struct cval *v, const char *path,
    const char *what)
{
	if (k == MATCH_WORDS && shown && match_set_has(shown, text, len))
		return;
	match_add(s, k, w, text, len, v, path, what);
}

static void
add_email(struct match_set *s, const struct cval *v, const char *path,
    const struct match_set *shown)
{
	add_source(s, MATCH_WORDS, MATCH_FULL, v->text, v->len, shown, v, path, "e-mail address");
	const char *at = strrchr(v->text, '@');
	if (at == NULL)
		return;
	size_t ln = (size_t)(at - v->text);
	if (distinctive_local_part(v->text, ln))
		add_source(s, MATCH_WORDS, MATCH_FULL, v->text, ln, shown, v, path, "e-mail address");
	if (!public_mail_domain(at + 1))
		add_source(s, MATCH_WORDS, MATCH_PART, at + 1, strlen(at + 1), shown, v, path,
		    "e-mail domain");
	/* written out as people write an address to keep it from robots:
	 * "bq at northwind.example.org", "bq [at] northwind [dot] example
	 * [dot] org" (brackets and dots are no words once folded) */
	char spelt[2][320];
	size_t n[2] = { 0, 0 };
	for (const char *p = v->text; *p && n[1] + 6 < sizeof spelt[1]; p++) {
		const char *w = p == at ? " at " : *p == '.' ? " dot " : NULL;
		for (int k = 0; k < 2; k++) {
			const char *put = w && (k == 1 || p == at) ? w : NULL;
			size_t l = put ? strlen(put) : 1;
			memcpy(spelt[k] + n[k], put ? put : p, l);
			n[k] += l;
		}
	}
	if (n[1] + 6 < sizeof spelt[1]) {
		for (int k = 0; k < 2; k++)
			add_source(s, MATCH_WORDS, MATCH_FULL, spelt[k], n[k], shown, v, path,
			    "e-mail address");
		const char *dom = strstr(spelt[1], " at ");
		if (dom != NULL && !public_mail_domain(at + 1))
			add_source(s, MATCH_WORDS, MATCH_PART, dom + 4, n[1] - (size_t)(dom + 4 - spelt[1]),
			    shown, v, path, "e-mail domain");
	}
}

void
copy_case_places(struct match_set *out, const struct cval *c)
{
	if (c == NULL)
		return;
	if (case_is_block(c, "place")) {
		const char *parts[] = { "locality", "region" };
		for (int i = 0; i < 2; i++) {
			const struct cval *p = case_get(c, parts[i]);
			if (text_of(p))
				match_add(out, MATCH_WORDS, MATCH_FULL, p->text, p->len, p, NULL, "place");
		}
		return;
	}
	for (size_t i = 0; i < c->n_kids; i++)
		copy_case_places(out, c->kids[i]);
}

/*
 * A postal address: whole, and each line that points at a building or a
 * box: three words or more with a digit ("PO Box 1142", "14, rue
 * d'Alger"), or four words or more ("Cabinet de Me Ben Salah"), unless
 * the line is only a place the case names anyway.  Shorter lines are
 * more often a town with its postcode ("Bangkok 10500"), a floor ("2nd
 * floor") or a town ("Ciudad de México") than a building, and a narrative
 * may well name them.
 */
static void
add_address(struct match_set *s, struct arena *a, const struct cval *v, const char *path,
    const struct match_set *places, const struct match_set *shown)
{
	add_source(s, MATCH_WORDS, MATCH_FULL, v->text, v->len, shown, v, path, "postal address");
	const char *p = v->text;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		bool digit = false;
		size_t words = 0;
		for (size_t i = 0; i < n; i++) {
			digit |= isdigit((unsigned char)p[i]) != 0;
			bool starts = p[i] != ' ' && p[i] != ',' && (i == 0 || p[i - 1] == ' ' ||
			    p[i - 1] == ',');
			words += starts;
		}
		if (((digit && words >= 3) || words >= 4) && !match_set_has(places, p, n))
			add_source(s, MATCH_WORDS, MATCH_FULL, arena_strndup(a, p, n), n, shown, v, path,
			    "postal address");
		p += n + (nl != NULL);
	}
}

/* The words of part (a name, an alias) of 4 letters or more, folded,
 * added to g's identifier parts. */
static void
add_ident_parts(struct copy_gate *g, struct arena *a, const char *part,
    const struct match_set *except)
{
	size_t n;
	const char *p = part ? match_words(a, part, strlen(part), &n) : "";
	for (const char *w = p; *w;) {
		size_t len = strcspn(w, " ");
		size_t chars = 0;
		for (size_t i = 0; i < len; i++)
			chars += ((unsigned char)w[i] & 0xC0) != 0x80;
		if (chars >= 4 && !(except && match_set_has(except, w, len))) {
			if (g->n_ident_parts == g->cap_ident_parts) {
				g->cap_ident_parts = g->cap_ident_parts ? 2 * g->cap_ident_parts : 8;
				const char **v = arena_alloc(a, g->cap_ident_parts * sizeof *v);
				if (g->n_ident_parts)
					memcpy(v, g->ident_parts, g->n_ident_parts * sizeof *v);
				g->ident_parts = v;
			}
			g->ident_parts[g->n_ident_parts++] = arena_strndup(a, w, len);
		}
		w += len + (w[len] == ' ');
	}
}

/* The identifier parts of a withheld name record: its family and given
 * names, in its own script too, and its aliases. */
static void
add_name_ident_parts(struct copy_gate *g, struct arena *a, const struct cval *name,
    const struct match_set *except)
{
	static const char *const parts[] = { "family", "given" };
	const struct cval *orig = case_get(name, "original");
	for (int k = 0; k < 2; k++) {
		add_ident_parts(g, a, text_of(case_get(name, parts[k])), except);
		add_ident_parts(g, a, text_of(case_get(orig, parts[k])), except);
	}
	const struct cval *other = case_get(name, "other");
	for (size_t k = 0; other && k < other->n_kids; k++)
		add_ident_parts(g, a, text_of(other->kids[k]), except);
	/* the other gender's form of the family name ("ua-2026-sadykov" for a
	 * withheld Sadykova), as the texts are searched for it */
	const char *family = text_of(case_get(name, "family"));
	const char *forms[8];
	size_t n = family ? match_gendered_words(a, family, strlen(family), forms, 8) : 0;
	for (size_t k = 0; k < n; k++)
		add_ident_parts(g, a, forms[k], except);
}

struct src_walk {
	struct match_set *out;
	struct arena *a;
	const struct match_set *shown;
	struct match_set *places;
	struct case_path_buf path;  /* of the value walked */
	struct copy_gate *gate;     /* the gate's identifier parts get the
	                               source's too (NULL: not asked) */
};

static bool
flag_is_false(const struct cval *rec, const char *name)
{
	const struct cval *f = case_get(rec, name);
	return f != NULL && f->field->type == FT_BOOL && !f->flag;
}

static void
walk_sources(struct src_walk *w, const struct cval *c, bool freed)
{
	/* who agreed to be named: the submitter who does not ask for
	 * confidentiality, a witness who is not confidential */
	if (case_is_block(c, "submitter"))
		freed = flag_is_false(c, "keep_identity_confidential");
	else if (case_is_block(c, "witness"))
		freed = flag_is_false(c, "confidential");
	if (c->class == CLASS_SRC) {
		enum identity_kind id = c->field->identity;
		bool is_name = case_is_block(c, "name");
		if (!is_name && id == ID_NONE)
			return;
		/* the needles keep the path: a copy of the walk's */
		const char *path = arena_strdup(w->a, w->path.s);
		if (is_name) {
			if (!freed)
				add_name(w->out, w->a, c, w->shown, true, c, path, NULL);
			/* not the words of a name the copy shows: a relative
			 * who writes shares the victim's family name */
			if (!freed && w->gate != NULL)
				add_name_ident_parts(w->gate, w->a, c, w->shown);
			return;
		}
		if (c->field->type == FT_EMAIL) {
			add_email(w->out, c, path, w->shown);
			/* the domain's first label: "calrn" of urgent@calrn.example.org
			 * in "info@calrn-hague.nl" */
			const char *at = c->text ? strrchr(c->text, '@') : NULL;
			if (at != NULL && w->gate != NULL && !public_mail_domain(at + 1))
				add_ident_parts(w->gate, w->a, arena_strndup(w->a, at + 1, strcspn(at + 1, ".")),
				    w->shown);
			return;
		}
		if (c->text && (c->field->type == FT_STRING || c->field->type == FT_TEXT)) {
			if (id == ID_PHONE)
				match_add(w->out, MATCH_PHONE, MATCH_FULL, c->text, c->len, c, path,
				    "phone number");
			else if (id == ID_ADDRESS)
				add_address(w->out, w->a, c, path, w->places, w->shown);
			else if (id == ID_ORGANIZATION && !freed) {
				add_source(w->out, MATCH_WORDS, MATCH_FULL, c->text, c->len, w->shown, c,
				    path, "organization");
				match_add_acronym(w->out, c->text, c->len, w->shown, c, path,
				    "organization");
			}
			else if (id == ID_REFERENCE || (id == ID_DEFAULT && c->field->type == FT_STRING &&
			    c->len >= 4))
				add_source(w->out, MATCH_WORDS, MATCH_FULL, c->text, c->len, w->shown, c,
				    path, "reference");
			return;
		}
	}
	for (size_t i = 0; i < c->n_kids; i++) {
		size_t mark = case_path_push_child(&w->path, c, i);
		walk_sources(w, c->kids[i], freed);
		case_path_pop(&w->path, mark);
	}
}

static void
source_identities(struct match_set *out, struct arena *a, const struct cval *root,
    const struct match_set *shown, struct copy_gate *gate)
{
	if (root == NULL)
		return;
	struct src_walk w = { out, a, shown, match_set_new(a), { 0 }, gate };
	copy_case_places(w.places, root);
	case_path_init(&w.path);
	walk_sources(&w, root, false);
	case_path_free(&w.path);
}

void
copy_source_identities(struct match_set *out, struct arena *a, const struct cval *root,
    const struct match_set *shown)
{
	source_identities(out, a, root, shown, NULL);
}

/* ----- the gate ----- */

/* The name records a copy withholds, and for each whether its person's
 * consent gives initials in the copy. */
struct withheld_list {
	const struct cval **names;
	bool *initials;
	size_t n, cap;
};

/* Every name record of the tree: shown ones into g->shown, and the
 * persons whose name the copy withholds into w. */
static void
sort_names(struct copy_gate *g, struct arena *a, const struct cval *c, const struct cval *person,
    struct withheld_list *w)
{
	if (case_is_block(c, "name")) {
		/* a person's own name: the consent decides, whatever the class */
		if (person == NULL && !class_allowed(g->kind, c->class))
			return;
		enum name_shown how = person ? copy_person_name(g, person) : NAME_SHOWN;
		if (how != NAME_SHOWN) {
			if (w->n == w->cap) {
				w->cap = w->cap ? 2 * w->cap : 16;
				const struct cval **v = arena_alloc(a, w->cap * sizeof *v);
				bool *b = arena_alloc(a, w->cap * sizeof *b);
				if (w->n) {
					memcpy(v, w->names, w->n * sizeof *v);
					memcpy(b, w->initials, w->n * sizeof *b);
				}
				w->names = v;
				w->initials = b;
			}
			w->names[w->n] = c;
			w->initials[w->n++] = how == NAME_INITIALS;
			return;
		}
		add_shown_name(g->shown, a, c);
		return;
	}
	bool is_person = case_is_block(c, "person");
	for (size_t i = 0; i < c->n_kids; i++) {
		const struct cval *k = c->kids[i];
		bool own_name = is_person && strcmp(k->field->name, "name") == 0;
		sort_names(g, a, k, own_name ? c : NULL, w);
	}
}

static void
hash_values(struct sha256 *h, const struct cval *c)
{
	if (c->text)
		sha256_update(h, c->text, c->len + 1);
	for (size_t i = 0; i < c->n_kids; i++)
		hash_values(h, c->kids[i]);
}

/* A neutral id: a hash of every value of the case, so that nobody can
 * test a guessed id against it without the case file itself. */
static const char *
neutral_id(struct arena *a, const struct cval *root)
{
	struct sha256 h;
	sha256_init(&h);
	hash_values(&h, root);
	char hex[65];
	sha256_hex(&h, hex);
	return arena_printf(a, "case-%.12s", hex);
}

struct copy_gate *
copy_gate_new(const struct case_data *cd, enum copy_kind copy, struct arena *a)
{
	struct copy_gate *g = arena_alloc(a, sizeof *g);
	g->cd = cd;
	g->kind = copy;
	g->shown = match_set_new(a);
	g->withheld = match_set_new(a);
	g->sources = match_set_new(a);
	g->id = cd->id;
	if (copy == COPY_FULL)
		return g;
	struct withheld_list w = { NULL, NULL, 0, 0 };
	sort_names(g, a, cd->root, NULL, &w);
	for (size_t i = 0; i < w.n; i++) {
		add_name(g->withheld, a, w.names[i], g->shown, true, w.names[i], NULL,
		    guard(g, a, w.names[i]));
		add_name_ident_parts(g, a, w.names[i], NULL);
	}
	g->withheld_names = w.names;
	g->withheld_initials = w.initials;
	g->n_withheld = w.n;
	source_identities(g->sources, a, cd->root, g->shown, g);
	memset(&g->readable, 0xff, sizeof g->readable);
	for (size_t i = 0; i < g->n_guarded; i++)
		for (int k = 0; k < 4; k++)
			g->readable.bits[k] &= g->guarded[i].scripts.bits[k];
	if (!copy_ident_allowed(g, cd->id, strlen(cd->id)))
		g->id = neutral_id(a, cd->root);
	return g;
}

/* The scripts of utf8[0..len) outside the names the copy shows in it: a
 * shown name is read as the needle it is ("Li Wen (李文)" holds nothing
 * unknown), whatever its script. */
static void
unexplained_scripts(const struct copy_gate *g, const char *utf8, size_t len,
    struct match_scripts *out)
{
	enum { MAX_HITS = 32 };
	struct match_hit hits[MAX_HITS + 1];
	size_t n = match_find(g->shown, utf8, len, hits, MAX_HITS + 1, MATCH_FULL, false);
	if (n > MAX_HITS)
		n = 0;  /* too many to take out: the whole text */
	size_t from = 0;
	for (size_t i = 0; i < n; i++) {
		if (hits[i].start > from)
			match_scripts_add_text(out, utf8 + from, hits[i].start - from);
		if (hits[i].end > from)
			from = hits[i].end;
	}
	match_scripts_add_text(out, utf8 + from, len - from);
}

/* Whether utf8 holds one of e's one-character parts outside the names
 * the copy shows (陈 of a shown 陈刚 is his); t is utf8 with its Han
 * characters simplified, at the same offsets. */
static bool
lone_han_in(const struct copy_gate *g, const char *utf8, const char *t, size_t len,
    const struct guarded *e)
{
	enum { MAX_HITS = 32 };
	struct match_hit hits[MAX_HITS + 1];
	if (!holds_cp(t, 0, len, e->lone_han, e->n_lone_han))
		return false;
	size_t n = match_find(g->shown, utf8, len, hits, MAX_HITS + 1, MATCH_FULL, false);
	if (n > MAX_HITS)
		return true;
	size_t from = 0;
	for (size_t i = 0; i < n; i++) {
		if (hits[i].start > from && holds_cp(t, from, hits[i].start, e->lone_han, e->n_lone_han))
			return true;
		if (hits[i].end > from)
			from = hits[i].end;
	}
	return holds_cp(t, from, len, e->lone_han, e->n_lone_han);
}

/* The same, the text read with its Han characters simplified, as the
 * parts are kept (guard): 張 is 张. */
static bool
lone_han_outside_shown(const struct copy_gate *g, const char *utf8, size_t len,
    const struct guarded *e)
{
	char *simplified = intl_simplified_aligned(utf8, len);
	bool held = lone_han_in(g, utf8, simplified ? simplified : utf8, len, e);
	free(simplified);
	return held;
}

const struct cval *
copy_text_unreadable(const struct copy_gate *g, const char *utf8, size_t len, int *script)
{
	if (g->kind == COPY_FULL || g->n_guarded == 0)
		return NULL;
	for (size_t i = 0; i < g->n_guarded; i++)
		if (g->guarded[i].n_lone_han > 0 && lone_han_outside_shown(g, utf8, len, &g->guarded[i])) {
			if (script)
				*script = COPY_LONE_HAN;
			return g->guarded[i].name;
		}
	struct match_scripts t = { { 0 } };
	match_scripts_add_text(&t, utf8, len);
	if (match_scripts_outside(&t, &g->readable) < 0)
		return NULL;
	memset(&t, 0, sizeof t);
	unexplained_scripts(g, utf8, len, &t);
	for (size_t i = 0; i < g->n_guarded; i++) {
		int sc = match_scripts_outside(&t, &g->guarded[i].scripts);
		if (sc >= 0) {
			if (script)
				*script = sc;
			return g->guarded[i].name;
		}
	}
	return NULL;
}

/* Whether folded (match_words, in a) holds an identifier part of g,
 * inside a word, or across its spaces when joined is set (the words of
 * one identifier run together). */
static bool
holds_ident_part(const struct copy_gate *g, struct arena *a, const char *folded, bool joined)
{
	if (joined) {
		char *run = arena_strdup(a, folded);
		size_t k = 0;
		for (const char *p = folded; *p; p++)
			if (*p != ' ')
				run[k++] = *p;
		run[k] = '\0';
		folded = run;
	}
	bool inside = false;
	for (size_t i = 0; i < g->n_ident_parts && !inside; i++)
		inside = strstr(folded, g->ident_parts[i]) != NULL;
	return inside;
}

/*
 * Whether the word s[0..n) (no white space in it) is written as an
 * identifier: an e-mail address or handle (@), a hashtag (#), a web
 * address or file name (a dot or slash between letters, "://"), words
 * run together with "_", letters run into digits ("sadykova84"), or
 * words run together in CamelCase ("FreeAidaSadykova").  Prose words,
 * "Chengdu" or "Sadykov-Street", are not.
 */
static bool
identifier_like(const char *s, size_t n)
{
	bool letter_before = false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i], next = i + 1 < n ? (unsigned char)s[i + 1] : 0;
		if (c == '@' || c == '#' || c == '_')
			return true;
		if ((c == '.' || c == '/') && letter_before && (isalnum(next) || next >= 0x80))
			return true;
		if (isdigit(c) && letter_before)
			return true;
		if (isalpha(c) && i > 0 && isdigit((unsigned char)s[i - 1]))
			return true;
		if (islower(c) && isupper(next))
			return true;
		letter_before = isalpha(c) || c >= 0x80;
	}
	return false;
}

/*
 * Whether a word of utf8 written as an identifier holds a withheld name
 * part inside it: "asadykova@mail.kg", "#FreeAidaSadykova",
 * "www.sadykovalaw.kg", "photo_sadykova2026.jpg".  The matcher reads
 * words as wholes ("Chen" is not in "Chengdu"), so these pass it; a
 * word the text writes as an identifier is read here as the id of a
 * case is (copy_ident_allowed): its letters run together, and a name
 * part of 4 letters or more anywhere in them.
 */
static bool
identifier_holds_part(const struct copy_gate *g, const char *utf8, size_t len)
{
	if (g->n_ident_parts == 0)
		return false;
	bool hit = false;
	for (size_t i = 0; i < len && !hit;) {
		while (i < len && isspace((unsigned char)utf8[i]))
			i++;
		size_t start = i;
		while (i < len && !isspace((unsigned char)utf8[i]))
			i++;
		if (i == start || !identifier_like(utf8 + start, i - start))
			continue;
		struct arena a = { 0 };
		size_t n;
		const char *folded = match_words(&a, utf8 + start, i - start, &n);
		hit = holds_ident_part(g, &a, folded ? folded : "", true);
		arena_free(&a);
	}
	return hit;
}

/*
 * utf8 with the words hyphenated at the end of a line joined again
 * ("Sady-" then "kova" on the next line: "Sadykova"), in a, or NULL when
 * it has none: a letter, "-", white space, a lower-case letter.  A block
 * scalar keeps what was typed, hyphen and break, and a paragraph reaches
 * the gate with its lines joined by spaces.  "pre- and post-war" reads
 * "preand post-war": no name is made of such a join but a split one.
 */
static const char *
unhyphenated(struct arena *a, const char *utf8, size_t len)
{
	char *out = NULL;
	size_t k = 0;
	for (size_t i = 0; i < len; i++) {
		if (utf8[i] == '-' && i > 0 && (isalpha((unsigned char)utf8[i - 1]) ||
		    (unsigned char)utf8[i - 1] >= 0x80)) {
			size_t j = i + 1;
			while (j < len && (utf8[j] == ' ' || utf8[j] == '\t' || utf8[j] == '\n' ||
			    utf8[j] == '\r'))
				j++;
			if (j > i + 1 && j < len && (islower((unsigned char)utf8[j]) ||
			    (unsigned char)utf8[j] >= 0x80)) {
				if (out == NULL) {
					out = arena_alloc(a, len + 1);
					memcpy(out, utf8, i);
					k = i;
				}
				i = j - 1;
				continue;
			}
		}
		if (out != NULL)
			out[k++] = utf8[i];
	}
	if (out != NULL)
		out[k] = '\0';
	return out;
}

/* Whether utf8 names a withheld person or the source, as the matcher
 * reads it. */
static bool
names_withheld(const struct copy_gate *g, const char *utf8, size_t len)
{
	return match_any_name(g->withheld, utf8, len) || match_any(g->sources, utf8, len, MATCH_FULL);
}

bool
copy_text_allowed(const struct copy_gate *g, const char *utf8, size_t len)
{
	if (g->kind == COPY_FULL)
		return true;
	if (names_withheld(g, utf8, len) || identifier_holds_part(g, utf8, len))
		return false;
	struct arena a = { 0 };
	const char *joined = unhyphenated(&a, utf8, len);
	bool ok = joined == NULL || !names_withheld(g, joined, strlen(joined));
	arena_free(&a);
	return ok;
}

bool
copy_case_text_allowed(const struct copy_gate *g, const char *utf8, size_t len)
{
	return copy_text_allowed(g, utf8, len) && copy_text_unreadable(g, utf8, len, NULL) == NULL;
}

bool
copy_ident_allowed(const struct copy_gate *g, const char *utf8, size_t len)
{
	if (!copy_case_text_allowed(g, utf8, len))
		return false;
	if (g->n_ident_parts == 0)
		return true;
	struct arena a = { 0 };
	size_t n;
	const char *folded = match_words(&a, utf8, len, &n);
	bool inside = holds_ident_part(g, &a, folded, false);
	arena_free(&a);
	return !inside;
}

const char *
copy_text_in(const struct copy_gate *g, const struct cval *v, const char *lang, bool *is_original)
{
	bool original = true;
	const char *t = case_text_in(v, lang, &original);
	if (!original && t != NULL && copy_text_unreadable(g, t, strlen(t), NULL) != NULL) {
		t = v->text;
		original = true;
	}
	if (is_original)
		*is_original = original;
	return t;
}

/* A one-line value read as the gate reads text, but its first word no
 * sentence's: a title or a label starts with a capital whatever it is,
 * so "Cruz medical certificate", "Long family photograph" or "Rosa at the
 * hospital" name the person as "Mr. Cruz" would. */
static bool
value_allowed(const struct copy_gate *g, const char *utf8, size_t len)
{
	/* after an em dash: no letter (no script for copy_text_unreadable),
	 * no digit (no phone number), no full stop */
	static const char lead[] = "\xe2\x80\x94 ";
	size_t k = sizeof lead - 1;
	char *v = xmalloc(len + k + 1);
	memcpy(v, lead, k);
	memcpy(v + k, utf8, len);
	v[len + k] = '\0';
	bool ok = copy_case_text_allowed(g, v, len + k);
	free(v);
	return ok;
}

bool
copy_value_allowed(const struct copy_gate *g, const struct cval *v, const char *lang)
{
	const char *shown = copy_text_in(g, v, lang, NULL);
	return (v->text == NULL || value_allowed(g, v->text, v->len)) &&
	    (shown == NULL || shown == v->text || value_allowed(g, shown, strlen(shown)));
}

/* The withheld name record that is owner, when its person is named by
 * initials in this copy; else NULL. */
static const struct cval *
initials_name(const struct copy_gate *g, const void *owner)
{
	for (size_t i = 0; i < g->n_withheld; i++)
		if (g->withheld_names[i] == owner)
			return g->withheld_initials[i] ? g->withheld_names[i] : NULL;
	return NULL;
}

const char *
copy_text_with_initials(const struct copy_gate *g, const char *utf8, size_t len,
    struct arena *a)
{
	if (copy_text_allowed(g, utf8, len))
		return arena_strndup(a, utf8, len);
	/* the hits the gate counts (copy_text_allowed: every FULL hit, a
	 * PART one where it is written as a name); one more than the limit
	 * tells that there were too many to rewrite */
	enum { MAX_HITS = 64 };
	struct match_hit hits[MAX_HITS + 1];
	size_t n = match_find(g->withheld, utf8, len, hits, MAX_HITS + 1, MATCH_PART, true);
	if (n == 0 || n > MAX_HITS)
		return NULL;
	char *out = arena_alloc(a, 1);
	size_t from = 0;
	for (size_t i = 0; i < n;) {
		/* overlapping hits ("Aida Sadykova" and "Sadykova") are one span,
		 * and must be one person's */
		const void *owner = match_needle_owner(hits[i].needle);
		size_t start = hits[i].start, end = hits[i].end;
		size_t j = i + 1;
		for (; j < n && hits[j].start < end; j++) {
			if (match_needle_owner(hits[j].needle) != owner)
				return NULL;
			if (hits[j].end > end)
				end = hits[j].end;
		}
		const struct cval *name = initials_name(g, owner);
		const char *ini = name && start >= from ? case_name_initials(a, name) : NULL;
		if (ini == NULL)
			return NULL;
		out = arena_printf(a, "%s%.*s%s", out, (int)(start - from), utf8 + from, ini);
		from = end;
		i = j;
	}
	out = arena_printf(a, "%s%.*s", out, (int)(len - from), utf8 + from);
	/* what is left must pass as any text does: no other name, no
	 * identity of the source, no part the rewriting missed */
	return copy_text_allowed(g, out, strlen(out)) ? out : NULL;
}

bool
copy_text_leaks(const struct copy_gate *g, const char *utf8, size_t len)
{
	if (g->kind == COPY_FULL)
		return false;
	return match_any(g->withheld, utf8, len, MATCH_FULL) ||
	    match_any(g->sources, utf8, len, MATCH_FULL);
}

const char *
copy_case_id(const struct copy_gate *g)
{
	return g->id;
}

size_t
copy_withheld_persons(const struct copy_gate *g)
{
	return g->n_withheld;
}
