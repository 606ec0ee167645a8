/*
 * test_ytree.c - the loader: positions, encodings, the YAML features the
 * case format forbids, the limits (with generous time bounds on the
 * pathological inputs), and reading files that are not case files.
 */
#include <sys/stat.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"
#include "spcomm_limits.h"
#include "ytree.h"

/* One load: its arena, diagnostics and tree. */
struct fx {
	struct arena a;
	struct diag_list dl;
	struct ytree t;
	bool ok;
	double secs;
};

static double
now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
load_n(struct fx *f, const char *src, size_t len)
{
	memset(f, 0, sizeof *f);
	diag_list_init(&f->dl, "test.yaml");
	f->dl.src = src;
	f->dl.src_len = len;
	double t0 = now();
	f->ok = ytree_load(src, len, &f->a, &f->t, &f->dl);
	f->secs = now() - t0;
}

static void
load(struct fx *f, const char *src)
{
	load_n(f, src, strlen(src));
}

static void
fx_free(struct fx *f)
{
	diag_list_free(&f->dl);
	arena_free(&f->a);
}

/* The first diagnostic with this code, or NULL. */
static const struct diag *
find(const struct fx *f, enum diag_code code)
{
	for (size_t i = 0; i < f->dl.n_items; i++)
		if (f->dl.items[i].code == code)
			return &f->dl.items[i];
	return NULL;
}

static size_t
count(const struct fx *f, enum diag_code code)
{
	size_t n = 0;
	for (size_t i = 0; i < f->dl.n_items; i++)
		n += f->dl.items[i].code == code;
	return n;
}

static bool
msg_has(const struct diag *d, const char *s)
{
	return d != NULL && strstr(d->message, s) != NULL;
}

/* Check a diagnostic exists with that code at a 0-based line:col. */
#define CHECK_AT(fx, code, l, c) do { \
	const struct diag *d_ = find((fx), (code)); \
	CHECK(d_ != NULL); \
	if (d_ != NULL) { \
		CHECK(d_->has_span); \
		CHECK_INT(d_->span.line, (l)); \
		CHECK_INT(d_->span.col, (c)); \
	} \
} while (0)

static size_t
off_of(const char *src, const char *needle)
{
	const char *p = strstr(src, needle);
	return p ? (size_t)(p - src) : (size_t)-1;
}

/* ---- the normal case ---- */

static const char nested[] =
    "# a case\n"
    "name: Chen\n"
    "address:\n"
    "  city: 北京\n"
    "  城市名: 上海\n"
    "  lines:\n"
    "    - \"Room 5\"\n"
    "    - 7\n"
    "名前: 陈勇\n"
    "note: |\n"
    "  line one\n"
    "  line two\n"
    "empty:\n";

static void
test_nested_positions(void)
{
	struct fx f;
	load(&f, nested);
	CHECK(f.ok);
	CHECK_INT(f.dl.n_items, 0);
	const struct ynode *root = f.t.root;
	CHECK(root != NULL && root->kind == YNODE_MAPPING);
	if (root == NULL)
		goto out;
	CHECK_INT(root->n_children, 5);
	CHECK_INT(root->span.line, 1);
	CHECK_INT(root->span.col, 0);
	CHECK_INT(root->span.offset, off_of(nested, "name"));

	const struct ynode *n = ytree_get(root, "name");
	CHECK(n != NULL && n->kind == YNODE_SCALAR);
	CHECK_STR(n->text, "Chen");
	CHECK_INT(n->style, YSTYLE_PLAIN);
	CHECK_INT(n->span.line, 1);
	CHECK_INT(n->span.col, 6);
	CHECK_INT(n->span.end_col, 10);
	CHECK_INT(n->span.offset, off_of(nested, "Chen"));
	CHECK_INT(n->span.end_offset, off_of(nested, "Chen") + 4);
	CHECK_INT(n->key_span.line, 1);
	CHECK_INT(n->key_span.col, 0);
	CHECK(n->parent == root);

	const struct ynode *addr = ytree_get(root, "address");
	CHECK(addr != NULL && addr->kind == YNODE_MAPPING);
	CHECK_INT(addr->n_children, 3);
	CHECK_INT(addr->span.line, 3);
	CHECK_INT(addr->span.col, 2);

	/* Columns count code points, offsets count bytes. */
	const struct ynode *city = ytree_get(addr, "city");
	CHECK_STR(city->text, "北京");
	CHECK_INT(city->span.col, 8);
	CHECK_INT(city->span.end_col, 10);
	CHECK_INT(city->span.offset, off_of(nested, "北京"));
	CHECK_INT(city->span.end_offset, off_of(nested, "北京") + 6);

	const struct ynode *cn = ytree_get(addr, "城市名");
	CHECK(cn != NULL);
	if (cn != NULL) {
		CHECK_STR(cn->text, "上海");
		CHECK_INT(cn->key_span.line, 4);
		CHECK_INT(cn->key_span.col, 2);
		CHECK_INT(cn->key_span.offset, off_of(nested, "城市名"));
		CHECK_INT(cn->span.line, 4);
		CHECK_INT(cn->span.col, 7);
		CHECK_INT(cn->span.offset, off_of(nested, "上海"));
	}

	const struct ynode *lines = ytree_get(addr, "lines");
	CHECK(lines != NULL && lines->kind == YNODE_SEQUENCE);
	CHECK_INT(lines->n_children, 2);
	const struct ynode *l0 = lines->first_child;
	CHECK_STR(l0->text, "Room 5");
	CHECK_INT(l0->style, YSTYLE_QUOTED);
	CHECK(l0->key == NULL);
	CHECK_INT(l0->span.line, 6);
	CHECK_INT(l0->span.col, 6);
	CHECK_INT(l0->span.offset, off_of(nested, "\"Room 5\""));
	CHECK_STR(l0->next->text, "7");
	CHECK(l0->next == lines->last_child);

	const struct ynode *jp = ytree_get(root, "名前");
	CHECK(jp != NULL);
	if (jp != NULL) {
		CHECK_STR(jp->text, "陈勇");
		CHECK_INT(jp->span.line, 8);
		CHECK_INT(jp->span.col, 4);
		CHECK_INT(jp->span.end_col, 6);
		CHECK_INT(jp->span.offset, off_of(nested, "陈勇"));
		CHECK_INT(jp->span.end_offset, off_of(nested, "陈勇") + 6);
	}

	const struct ynode *note = ytree_get(root, "note");
	CHECK_STR(note->text, "line one\nline two\n");
	CHECK_INT(note->style, YSTYLE_BLOCK);

	/* `key:` with nothing is an empty plain scalar. */
	const struct ynode *e = ytree_get(root, "empty");
	CHECK(e != NULL && e->kind == YNODE_SCALAR);
	CHECK_INT(e->len, 0);
	CHECK_STR(e->text, "");
	CHECK_INT(e->style, YSTYLE_PLAIN);

	CHECK(ytree_get(root, "nope") == NULL);
	CHECK(ytree_get(n, "x") == NULL);
	CHECK(ytree_get(NULL, "x") == NULL);
out:
	fx_free(&f);
}

static void
test_dump(void)
{
	struct fx f;
	load(&f, "a: 1\nl:\n  - x\n  - \"q\\ty\"\n");
	CHECK(f.ok);
	char *buf = NULL;
	size_t sz = 0;
	FILE *fp = open_memstream(&buf, &sz);
	ytree_dump(fp, f.t.root, 0);
	fclose(fp);
	CHECK_STR(buf,
	    "mapping 1:1-5:1\n"
	    "  a@1:1 scalar plain 1:4-1:5 \"1\"\n"
	    "  l@2:1 sequence 3:3-5:1\n"
	    "    - scalar plain 3:5-3:6 \"x\"\n"
	    "    - scalar quoted 4:5-4:11 \"q\\x09y\"\n");
	free(buf);
	fx_free(&f);
}

static void
test_crlf(void)
{
	static const char src[] = "a: x\r\nbb: yy\r\nc: 名\r\nd: z\r\n";
	struct fx f;
	load(&f, src);
	CHECK(f.ok);
	const struct ynode *b = ytree_get(f.t.root, "bb");
	CHECK_STR(b->text, "yy");
	CHECK_INT(b->span.line, 1);
	CHECK_INT(b->span.col, 4);
	CHECK_INT(b->span.offset, off_of(src, "yy"));
	const struct ynode *d = ytree_get(f.t.root, "d");
	CHECK_INT(d->span.line, 3);
	CHECK_INT(d->span.offset, off_of(src, "z"));
	fx_free(&f);

	/* CR alone ends a line too (libyaml's rule); offsets stay exact. */
	static const char cr[] = "a: x\rb: 名\rc: z\r";
	load(&f, cr);
	CHECK(f.ok);
	const struct ynode *c = ytree_get(f.t.root, "c");
	CHECK_INT(c->span.line, 2);
	CHECK_INT(c->span.col, 3);
	CHECK_INT(c->span.offset, off_of(cr, "z"));
	fx_free(&f);
}

static void
test_eof_without_newline(void)
{
	/* libyaml puts end-of-file marks on a line that does not exist. */
	struct fx f;
	load(&f, "x: 1\na: 名b");
	CHECK(f.ok);
	CHECK_INT(f.t.root->span.end_line, 1);
	CHECK_INT(f.t.root->span.end_col, 5);
	CHECK_INT(f.t.root->span.end_offset, 12);
	fx_free(&f);

	load(&f, "?");
	CHECK(f.ok);
	const struct ynode *v = f.t.root->first_child;
	CHECK(v != NULL && v->len == 0);
	CHECK_INT(v->span.line, 0);
	CHECK_INT(v->span.col, 1);
	fx_free(&f);

	load(&f, "a: [1,");
	CHECK_AT(&f, DIAG_YAML_SYNTAX, 0, 6);
	fx_free(&f);
}

static void
test_bom(void)
{
	static const char src[] = "\xEF\xBB\xBF" "a: x\nb: y\n";
	struct fx f;
	load(&f, src);
	CHECK(f.ok);
	const struct ynode *a = ytree_get(f.t.root, "a");
	CHECK(a != NULL);
	if (a != NULL) {
		CHECK_STR(a->text, "x");
		CHECK_INT(a->span.line, 0);
		CHECK_INT(a->span.col, 3);
		CHECK_INT(a->span.offset, 6);
		CHECK_INT(a->key_span.offset, 3);
	}
	fx_free(&f);

	/* Errors found before libyaml use the same columns. */
	load(&f, "\xEF\xBB\xBF" "a: \xE9\n");
	CHECK(!f.ok);
	CHECK_AT(&f, DIAG_UTF8, 0, 3);
	CHECK(msg_has(find(&f, DIAG_UTF8), "offset 6"));
	fx_free(&f);
}

static void
test_utf16_refused(void)
{
	static const char le[] = "\xFF\xFE" "a\0:\0 \0x\0\n\0";
	static const char be[] = "\xFE\xFF" "\0a\0:\0 \0x\0\n";
	static const char nobom[] = "a\0:\0 \0x\0\n\0";
	static const char benobom[] = "\0a\0:\0 \0x\0\n";
	static const char u32[] = "\0\0\xFE\xFF\0\0\0a";
	static const char u32le[] = "\xFF\xFE\0\0a\0\0\0:\0\0\0";
	static const char u32nobom[] = "a\0\0\0:\0\0\0 \0\0\0x\0\0\0";
	static const char u32benobom[] = "\0\0\0a\0\0\0:\0\0\0 \0\0\0x";
	const struct { const char *s; size_t n; const char *name; } cases[] = {
		{ le, sizeof le - 1, "UTF-16 (little-endian, with a byte-order mark)" },
		{ be, sizeof be - 1, "UTF-16 (big-endian, with a byte-order mark)" },
		{ nobom, sizeof nobom - 1, "UTF-16 (little-endian, without a byte-order mark)" },
		{ benobom, sizeof benobom - 1, "UTF-16 (big-endian, without a byte-order mark)" },
		{ u32, sizeof u32 - 1, "UTF-32 (big-endian, with a byte-order mark)" },
		{ u32le, sizeof u32le - 1, "UTF-32 (little-endian, with a byte-order mark)" },
		{ u32nobom, sizeof u32nobom - 1, "UTF-32 (little-endian, without a byte-order mark)" },
		{ u32benobom, sizeof u32benobom - 1, "UTF-32 (big-endian, without a byte-order mark)" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct fx f;
		load_n(&f, cases[i].s, cases[i].n);
		CHECK(!f.ok);
		CHECK(f.t.root == NULL);
		CHECK_INT(f.dl.n_items, 1);
		const struct diag *d = find(&f, DIAG_ENCODING);
		CHECK(msg_has(d, "case files must be UTF-8"));
		CHECK(msg_has(d, cases[i].name));
		/* a whole-file problem still has a position: 1:1 */
		CHECK_AT(&f, DIAG_ENCODING, 0, 0);
		fx_free(&f);
	}
}

static void
test_invalid_utf8(void)
{
	struct fx f;
	load(&f, "a: ok\nname: Jos\xE9\n");
	CHECK(!f.ok);
	CHECK(f.t.root == NULL);
	CHECK_INT(f.dl.n_items, 1);
	CHECK_AT(&f, DIAG_UTF8, 1, 9);
	const struct diag *d = find(&f, DIAG_UTF8);
	CHECK(msg_has(d, "invalid UTF-8 (byte 0xE9 at offset 15)"));
	CHECK(d != NULL && d->hint != NULL && strstr(d->hint, "UTF-8") != NULL);
	CHECK(d != NULL && d->span.offset == 15);
	fx_free(&f);

	/* Code-point columns after CJK text. */
	load(&f, "x: 1\n名前: 陈\xFF\n");
	CHECK_AT(&f, DIAG_UTF8, 1, 5);
	fx_free(&f);

	/* Overlong, surrogate, above U+10FFFF, stray continuation,
	 * truncated at the end: one report each, in order. */
	static const char bad[] =
	    "a: \xC0\xAF\n"
	    "b: \xED\xA0\x80\n"
	    "c: \xF4\x90\x80\x80\n"
	    "d: \x80x\n"
	    "e: \xE2\x82";
	load_n(&f, bad, sizeof bad - 1);
	CHECK(!f.ok);
	CHECK_INT(count(&f, DIAG_UTF8), 5);
	for (size_t i = 0; i < f.dl.n_items && i < 5; i++) {
		CHECK_INT(f.dl.items[i].span.line, i);
		CHECK_INT(f.dl.items[i].span.col, 3);
	}
	fx_free(&f);

	/* Valid 4-byte and boundary characters pass. */
	load(&f, "a: \xF0\x9F\x98\x80 \xEF\xBF\xBD \xF4\x8F\xBF\xBD \xC2\xA0\n");
	CHECK(f.ok);
	fx_free(&f);

	/* A binary file is not reported byte by byte. */
	char junk[400];
	memset(junk, 0xFF, sizeof junk);
	load_n(&f, junk, sizeof junk);
	CHECK(!f.ok);
	CHECK_INT(f.dl.n_items, 20);
	fx_free(&f);
}

static void
test_control_chars(void)
{
	static const char nul[] = "a: b\0c\nd: e\n";
	struct fx f;
	load_n(&f, nul, sizeof nul - 1);
	CHECK(!f.ok);
	CHECK(f.t.root == NULL);
	CHECK_AT(&f, DIAG_CONTROL_CHAR, 0, 4);
	CHECK(msg_has(find(&f, DIAG_CONTROL_CHAR), "U+0000"));
	fx_free(&f);

	load(&f, "a: ok\nb: red \x1B[31m\n");
	CHECK(!f.ok);
	CHECK_AT(&f, DIAG_CONTROL_CHAR, 1, 7);
	CHECK(msg_has(find(&f, DIAG_CONTROL_CHAR), "ESC"));
	fx_free(&f);

	/* C1 (NEL, which libyaml would take as a line break), DEL. */
	load(&f, "a: x\xC2\x85y\nb: \x7F\n");
	CHECK_INT(count(&f, DIAG_CONTROL_CHAR), 2);
	CHECK_AT(&f, DIAG_CONTROL_CHAR, 0, 4);
	fx_free(&f);

	/* Noncharacter that libyaml refuses with a bare offset. */
	load(&f, "a: \xEF\xBF\xBF\n");
	CHECK_AT(&f, DIAG_CONTROL_CHAR, 0, 3);
	fx_free(&f);

	/* Raw line and paragraph separators: libyaml would count lines
	 * differently from every editor. */
	load(&f, "a: x\xE2\x80\xA8y\nb: \xE2\x80\xA9\n");
	CHECK_INT(count(&f, DIAG_CONTROL_CHAR), 2);
	CHECK_AT(&f, DIAG_CONTROL_CHAR, 0, 4);
	CHECK(msg_has(find(&f, DIAG_CONTROL_CHAR), "U+2028"));
	fx_free(&f);

	/* TAB, CR, LF are fine. */
	load(&f, "a:\tb\r\nc: d\n");
	CHECK(f.ok);
	CHECK_STR(ytree_get(f.t.root, "a")->text, "b");
	fx_free(&f);
}

static void
test_tab_indentation(void)
{
	struct fx f;
	load(&f, "a:\n\tb: 1\n");
	CHECK(!f.ok);
	CHECK_INT(f.dl.n_items, 1);
	CHECK_AT(&f, DIAG_YAML_TAB, 1, 0);
	CHECK(msg_has(find(&f, DIAG_YAML_TAB), "tab"));
	fx_free(&f);

	load(&f, "a:\n  b: 1\n  \tc: 2\n");
	CHECK_AT(&f, DIAG_YAML_TAB, 2, 2);
	fx_free(&f);

	load(&f, "a: foo\n\tbar\n");
	CHECK_AT(&f, DIAG_YAML_TAB, 1, 0);
	fx_free(&f);

	load(&f, "a: |\n\tfoo\n");
	CHECK_AT(&f, DIAG_YAML_TAB, 1, 0);
	fx_free(&f);
}

static void
test_syntax_errors(void)
{
	struct fx f;
	load(&f, "a:\n  b: 1\n c: 2\n");
	CHECK(!f.ok);
	CHECK_AT(&f, DIAG_YAML_SYNTAX, 2, 1);
	CHECK(msg_has(find(&f, DIAG_YAML_SYNTAX),
	    "did not find expected key while parsing a block mapping that started at line 1"));
	fx_free(&f);

	load(&f, "a: [1, 2\nb: 3\n");
	CHECK_AT(&f, DIAG_YAML_SYNTAX, 1, 1);
	CHECK(msg_has(find(&f, DIAG_YAML_SYNTAX), "flow sequence"));
	fx_free(&f);

	/* Unterminated string: pointed at its opening quote. */
	load(&f, "x: 1\na: \"abc\nb: 2\n");
	CHECK_AT(&f, DIAG_YAML_SYNTAX, 1, 3);
	CHECK(msg_has(find(&f, DIAG_YAML_SYNTAX), "unterminated"));
	fx_free(&f);

	load(&f, "x: 1\nb: 'it''s\n  c: d\n");
	CHECK_AT(&f, DIAG_YAML_SYNTAX, 1, 3);
	CHECK(msg_has(find(&f, DIAG_YAML_SYNTAX), "the single quote opened here"));
	CHECK(strstr(find(&f, DIAG_YAML_SYNTAX)->hint, "close the quote opened here") != NULL);
	fx_free(&f);

	/* ... also when a document marker stops it */
	load(&f, "a: \"abc\n---\nb: c\n");
	CHECK_AT(&f, DIAG_YAML_SYNTAX, 0, 3);
	CHECK(msg_has(find(&f, DIAG_YAML_SYNTAX), "'---' or '...' line"));
	fx_free(&f);

	load(&f, "a: b: c\n");
	CHECK_AT(&f, DIAG_YAML_SYNTAX, 0, 4);
	CHECK(find(&f, DIAG_YAML_SYNTAX)->hint != NULL);
	fx_free(&f);

	/* Marks after CJK text are code points. */
	load(&f, "名前: [陈, 勇\n");
	CHECK_AT(&f, DIAG_YAML_SYNTAX, 1, 0);
	fx_free(&f);
}

/* A key over libyaml's 1024 characters: named as such, at the key. */
static void
test_long_key(void)
{
	static const struct { const char *pre, *post; size_t n; uint32_t line, col; } cases[] = {
		{ "a: 1\n", ": v\n", 1025, 1, 0 },         /* required key */
		{ "a: 1\n", ":\n", 1100, 1, 0 },
		{ "a:\n  b: 1\n  ", ": v\n", 1030, 2, 2 },  /* nested */
		{ "a:\n  - ", ": v\n", 1100, 1, 4 },        /* item of a list */
		{ "{", ": v}\n", 1100, 0, 1 },              /* flow mapping */
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t np = strlen(cases[i].pre), nq = strlen(cases[i].post);
		char *src = xmalloc(np + cases[i].n + nq + 1);
		memcpy(src, cases[i].pre, np);
		memset(src + np, 'k', cases[i].n);
		memcpy(src + np + cases[i].n, cases[i].post, nq + 1);
		struct fx f;
		load(&f, src);
		CHECK(!f.ok);
		CHECK_INT(f.dl.n_items, 1);
		CHECK_AT(&f, DIAG_YAML_SYNTAX, cases[i].line, cases[i].col);
		char want[64];
		snprintf(want, sizeof want, "this key is %zu characters long; the limit is 1024",
		    cases[i].n);
		CHECK(msg_has(find(&f, DIAG_YAML_SYNTAX), want));
		fx_free(&f);
		free(src);
	}
	/* 1024 characters is allowed */
	char *src = xmalloc(1024 + 8);
	memset(src, 'k', 1024);
	memcpy(src + 1024, ": v\n", 5);
	struct fx f;
	load(&f, src);
	CHECK(f.ok);
	fx_free(&f);
	free(src);
	/* a long value holding ": " is not a long key */
	src = xmalloc(1100 + 16);
	memcpy(src, "a: ", 3);
	memset(src + 3, 'v', 1100);
	memcpy(src + 1103, " b: c\n", 7);
	load(&f, src);
	CHECK(!msg_has(find(&f, DIAG_YAML_SYNTAX), "key is"));
	CHECK(msg_has(find(&f, DIAG_YAML_SYNTAX), "mapping values are not allowed"));
	fx_free(&f);
	free(src);
}

static void
test_anchor_alias(void)
{
	struct fx f;
	load(&f, "a: &x 1\nb: *x\nc: 2\n");
	CHECK(!f.ok);
	CHECK_INT(count(&f, DIAG_YAML_ALIAS), 2);
	CHECK(f.dl.items[0].span.line == 0 && f.dl.items[0].span.col == 3);
	CHECK(msg_has(&f.dl.items[0], "anchors and aliases are not allowed"));
	CHECK(msg_has(&f.dl.items[1], "'*x'"));
	CHECK_INT(f.dl.items[1].span.line, 1);
	/* Parsing went on; the alias left no node. */
	CHECK(ytree_get(f.t.root, "c") != NULL);
	CHECK(ytree_get(f.t.root, "b") == NULL);
	fx_free(&f);

	/* Anchors on collections, self reference, alias as a key. */
	load(&f, "victim: &v {name: x, again: *v}\n");
	CHECK(!f.ok);
	CHECK_AT(&f, DIAG_YAML_ALIAS, 0, 8);
	fx_free(&f);
	load(&f, "l: &s [1]\nm: {*s : 1}\n");
	CHECK_INT(count(&f, DIAG_YAML_ALIAS), 2);
	fx_free(&f);
}

static void
test_billion_laughs(void)
{
	static const char bomb[] =
	    "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
	    "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
	    "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
	    "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
	    "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
	    "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
	    "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
	    "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
	    "i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n";
	struct fx f;
	load(&f, bomb);
	CHECK(!f.ok);
	CHECK(f.dl.n_items > 0);
	/* The first report is the first anchor. */
	CHECK_INT(f.dl.items[0].code, DIAG_YAML_ALIAS);
	CHECK_INT(f.dl.items[0].span.line, 0);
	CHECK_INT(f.dl.items[0].span.col, 3);
	/* Reported, not flooded: 9 anchors and 72 aliases give 10 lines. */
	CHECK_INT(count(&f, DIAG_YAML_ALIAS), 10);
	CHECK(f.secs < 1.0);
	printf("  billion laughs: %.6f s\n", f.secs);
	fx_free(&f);
}

static void
test_deep_flow(void)
{
	/* 2 MB of "[": libyaml alone would take hours (quadratic). */
	size_t n = 2u * 1024u * 1024u;
	char *s = malloc(n);
	memset(s, '[', n);
	struct fx f;
	load_n(&f, s, n);
	CHECK(!f.ok);
	CHECK_INT(f.dl.n_items, 1);
	CHECK_AT(&f, DIAG_YAML_DEPTH, 0, LIMIT_YAML_DEPTH);
	CHECK(f.secs < 1.0);
	printf("  2 MB \"[[[[...\": %.6f s\n", f.secs);
	fx_free(&f);

	/* At the limit: accepted; one deeper: refused. */
	for (int extra = 0; extra <= 1; extra++) {
		size_t d = LIMIT_YAML_DEPTH + (size_t)extra, k = 0;
		for (size_t i = 0; i < d; i++)
			s[k++] = '[';
		for (size_t i = 0; i < d; i++)
			s[k++] = ']';
		load_n(&f, s, k);
		CHECK(f.ok == (extra == 0));
		CHECK_INT(count(&f, DIAG_YAML_DEPTH), extra);
		fx_free(&f);
	}
	free(s);
}

static void
test_deep_block(void)
{
	size_t depth = 100000, n = depth * 2 + 2, k = 0;
	char *s = malloc(n);
	for (size_t i = 0; i < depth; i++) {
		s[k++] = '-';
		s[k++] = ' ';
	}
	s[k++] = 'x';
	s[k++] = '\n';
	struct fx f;
	load_n(&f, s, k);
	CHECK(!f.ok);
	CHECK_INT(count(&f, DIAG_YAML_DEPTH), 1);
	CHECK(f.secs < 1.0);
	printf("  100k-deep \"- - - \": %.6f s\n", f.secs);
	fx_free(&f);
	free(s);

	/* A deep block mapping, one level per line. */
	size_t lines = 2000, cap = lines * (lines + 4), m = 0;
	s = malloc(cap);
	for (size_t i = 0; i < lines; i++) {
		memset(s + m, ' ', i);
		m += i;
		memcpy(s + m, "k:\n", 3);
		m += 3;
	}
	load_n(&f, s, m);
	CHECK_INT(count(&f, DIAG_YAML_DEPTH), 1);
	CHECK(f.secs < 1.0);
	fx_free(&f);
	free(s);
}

static void
test_node_limit(void)
{
	size_t items = LIMIT_YAML_NODES + 1, k = 0;
	char *s = malloc(items * 2 + 2);
	s[k++] = '[';
	for (size_t i = 0; i < items; i++) {
		s[k++] = '1';
		s[k++] = ',';
	}
	s[k - 1] = ']';
	struct fx f;
	load_n(&f, s, k);
	CHECK(!f.ok);
	CHECK_INT(count(&f, DIAG_YAML_NODES), 1);
	CHECK(f.secs < 5.0);
	fx_free(&f);
	free(s);
}

static void
test_scalar_too_long(void)
{
	size_t n = LIMIT_SCALAR_BYTES + 1;
	char *s = malloc(n + 8);
	memcpy(s, "a: ", 3);
	memset(s + 3, 'x', n);
	s[3 + n] = '\n';
	struct fx f;
	load_n(&f, s, n + 4);
	CHECK(!f.ok);
	CHECK_AT(&f, DIAG_SCALAR_TOO_LONG, 0, 3);
	fx_free(&f);
	/* One byte less is fine. */
	s[3 + n - 1] = '\n';
	load_n(&f, s, n + 3);
	CHECK(f.ok);
	fx_free(&f);
	free(s);
}

static void
test_tags(void)
{
	struct fx f;
	load(&f, "a: !!str x\nb: !custom y\nc: !!binary aGk=\nd: !!map {k: v}\ne: ok\n");
	CHECK(!f.ok);
	CHECK_INT(count(&f, DIAG_YAML_TAG), 4);
	CHECK_AT(&f, DIAG_YAML_TAG, 0, 3);
	CHECK(msg_has(find(&f, DIAG_YAML_TAG), "'!!str'"));
	CHECK(msg_has(&f.dl.items[1], "'!custom'"));
	/* Reported and continued: the rest of the tree is there. */
	CHECK(f.t.root != NULL);
	CHECK_STR(ytree_get(f.t.root, "e")->text, "ok");
	fx_free(&f);

	/* A tag with escaped control bytes cannot reach the terminal. */
	load(&f, "a: !x%1B%5B31m y\n");
	CHECK(find(&f, DIAG_YAML_TAG) != NULL);
	CHECK(strchr(find(&f, DIAG_YAML_TAG)->message, '\x1B') == NULL);
	fx_free(&f);
}

static void
test_multidoc(void)
{
	struct fx f;
	load(&f, "a: 1\n---\nb: 2\n");
	CHECK(!f.ok);
	CHECK_AT(&f, DIAG_YAML_MULTIDOC, 1, 0);
	fx_free(&f);

	load(&f, "---\na: 1\n...\n");
	CHECK(f.ok);
	fx_free(&f);
}

static void
test_duplicate_keys(void)
{
	struct fx f;
	load(&f, "a: 1\nb: 2\nname: x\nc: 3\nname: y\nl:\n  - {k: 1, k: 2}\n");
	CHECK(!f.ok);
	CHECK_INT(count(&f, DIAG_YAML_DUPKEY), 2);
	CHECK_AT(&f, DIAG_YAML_DUPKEY, 4, 0);
	CHECK(msg_has(find(&f, DIAG_YAML_DUPKEY), "duplicate key 'name' (first at line 3)"));
	/* The first stays; the rest of the file was read. */
	CHECK_STR(ytree_get(f.t.root, "name")->text, "x");
	CHECK(ytree_get(f.t.root, "l") != NULL);
	fx_free(&f);

	/* The same key in different mappings is fine. */
	load(&f, "a: {k: 1}\nb: {k: 2}\n");
	CHECK(f.ok);
	fx_free(&f);

	/* 10,000 keys, then a duplicate of the first: linear time. */
	size_t n = 10000, cap = n * 16 + 32, k = 0;
	char *s = malloc(cap);
	for (size_t i = 0; i < n; i++)
		k += (size_t)snprintf(s + k, cap - k, "key%zu: %zu\n", i, i);
	k += (size_t)snprintf(s + k, cap - k, "key0: again\n");
	load_n(&f, s, k);
	CHECK_INT(count(&f, DIAG_YAML_DUPKEY), 1);
	CHECK(msg_has(find(&f, DIAG_YAML_DUPKEY), "(first at line 1)"));
	CHECK_INT(f.t.root->n_children, n);
	CHECK(f.secs < 1.0);
	fx_free(&f);
	free(s);
}

/* A key lives in the node of its value: its text stored once for the
 * file, whatever mapping it is written in and however it is quoted; its
 * own position kept; and it still counts as a node for the limit. */
static void
test_keys_stored_once(void)
{
	struct fx f;
	load(&f, "l:\n  - name: a\n    age: 1\n  - \"name\": b\n    'age': 2\n"
	    "m: {name: c, nam: d}\n");
	CHECK(f.ok);
	const struct ynode *l = ytree_get(f.t.root, "l"), *m = ytree_get(f.t.root, "m");
	CHECK(l != NULL && l->n_children == 2 && m != NULL);
	if (l == NULL || l->n_children != 2 || m == NULL) {
		fx_free(&f);
		return;
	}
	const struct ynode *a = l->first_child, *b = a->next;
	const struct ynode *an = ytree_get(a, "name"), *bn = ytree_get(b, "name");
	const struct ynode *mn = ytree_get(m, "name"), *mm = ytree_get(m, "nam");
	CHECK(an && bn && mn && mm);
	if (an && bn && mn && mm) {
		CHECK_STR(bn->text, "b");
		CHECK(an->key == bn->key && bn->key == mn->key);
		CHECK(mm->key != mn->key);
		CHECK_STR(mm->key, "nam");
		CHECK(ytree_get(a, "age")->key == ytree_get(b, "age")->key);
		/* the key's own place: the quoted key of the second item */
		CHECK_INT(bn->key_span.line, 3);
		CHECK_INT(bn->key_span.col, 4);
		CHECK_INT(mm->key_span.line, 5);
		CHECK_INT(mm->key_span.col, 13);
	}
	fx_free(&f);

	/* keys count: a mapping of n members is 2n + 1 nodes */
	size_t n = LIMIT_YAML_NODES / 2, cap = n * 24 + 8, k = 0;
	char *s = malloc(cap);
	s[k++] = '{';
	for (size_t i = 0; i < n; i++)
		k += (size_t)snprintf(s + k, cap - k, "%sk%zu: 1", i ? ", " : "", i);
	s[k++] = '}';
	load_n(&f, s, k);
	CHECK(!f.ok);
	CHECK_INT(count(&f, DIAG_YAML_NODES), 1);
	fx_free(&f);
	free(s);
}

static void
test_complex_keys(void)
{
	struct fx f;
	load(&f, "? [a, b]\n: 1\nc: 2\n");
	CHECK(!f.ok);
	CHECK_AT(&f, DIAG_YAML_COMPLEX_KEY, 0, 2);
	CHECK_INT(f.t.root->n_children, 1);
	CHECK_STR(ytree_get(f.t.root, "c")->text, "2");
	fx_free(&f);

	load(&f, "{[a]: 1, {b: c}: 2, d: 3}\n");
	CHECK_INT(count(&f, DIAG_YAML_COMPLEX_KEY), 2);
	CHECK_STR(ytree_get(f.t.root, "d")->text, "3");
	fx_free(&f);
}

static void
test_empty(void)
{
	const char *cases[] = { "", "\n\n   \n", "# only a comment\n  # another\n",
	    "\xEF\xBB\xBF", "---\n", "--- # nothing\n...\n" };
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct fx f;
		load(&f, cases[i]);
		CHECK(!f.ok);
		CHECK_INT(f.dl.n_items, 1);
		const struct diag *d = find(&f, DIAG_EMPTY);
		CHECK(msg_has(d, "the case file is empty"));
		CHECK_AT(&f, DIAG_EMPTY, 0, 0);
		fx_free(&f);
	}
}

static void
test_strings_stay_strings(void)
{
	struct fx f;
	load(&f, "id: \"007\"\nn: 007\ncountry: NO\non: yes\nref: 1e3\nnull: ~\n");
	CHECK(f.ok);
	const struct ynode *id = ytree_get(f.t.root, "id");
	CHECK_STR(id->text, "007");
	CHECK_INT(id->style, YSTYLE_QUOTED);
	CHECK_STR(ytree_get(f.t.root, "n")->text, "007");
	const struct ynode *c = ytree_get(f.t.root, "country");
	CHECK_STR(c->text, "NO");
	CHECK_INT(c->style, YSTYLE_PLAIN);
	CHECK_STR(ytree_get(f.t.root, "on")->text, "yes");
	CHECK_STR(ytree_get(f.t.root, "ref")->text, "1e3");
	CHECK_STR(ytree_get(f.t.root, "null")->text, "~");
	fx_free(&f);
}

static void
test_nul_escape(void)
{
	struct fx f;
	load(&f, "a: \"Alice\\0SECRET\"\n");
	CHECK(f.ok);
	const struct ynode *a = ytree_get(f.t.root, "a");
	CHECK_INT(a->len, 12);
	CHECK_INT(strlen(a->text), 5);
	CHECK(memcmp(a->text, "Alice\0SECRET", 13) == 0);
	fx_free(&f);

	/* A key cut short by NUL would pass for another key: refused. */
	load(&f, "\"name\\0x\": v\nname: w\n");
	CHECK(!f.ok);
	CHECK_AT(&f, DIAG_CONTROL_CHAR, 0, 0);
	CHECK_INT(count(&f, DIAG_YAML_DUPKEY), 0);
	CHECK_STR(ytree_get(f.t.root, "name")->text, "w");
	fx_free(&f);
}

static void
test_diag_list_kept(void)
{
	/* ytree_load appends; earlier errors do not make it fail. */
	struct fx f;
	memset(&f, 0, sizeof f);
	diag_list_init(&f.dl, "x");
	diag_add(&f.dl, DIAG_IO, NULL, NULL, NULL, "earlier");
	CHECK(ytree_load("a: 1\n", 5, &f.a, &f.t, &f.dl));
	CHECK_INT(f.dl.n_items, 1);
	fx_free(&f);
}

/* ---- files ---- */

static char tmpdir[64];

static void
test_read_file(void)
{
	struct diag_list dl;
	char path[128], *buf = (char *)1;
	size_t len = 99;

	snprintf(tmpdir, sizeof tmpdir, "/tmp/test_ytree.XXXXXX");
	CHECK(mkdtemp(tmpdir) != NULL);

	/* A normal file. */
	snprintf(path, sizeof path, "%s/case.yaml", tmpdir);
	FILE *fp = fopen(path, "w");
	fputs("a: 1\n", fp);
	fclose(fp);
	diag_list_init(&dl, path);
	CHECK(ytree_read_file(path, &buf, &len, &dl));
	CHECK_INT(len, 5);
	CHECK(buf != NULL && memcmp(buf, "a: 1\n", 6) == 0);
	CHECK_INT(dl.n_items, 0);
	free(buf);
	diag_list_free(&dl);

	/* An empty file reads fine (the loader says it is empty). */
	snprintf(path, sizeof path, "%s/empty.yaml", tmpdir);
	fclose(fopen(path, "w"));
	diag_list_init(&dl, path);
	CHECK(ytree_read_file(path, &buf, &len, &dl));
	CHECK_INT(len, 0);
	CHECK(buf != NULL && buf[0] == '\0');
	free(buf);
	diag_list_free(&dl);
	unlink(path);

	/* A directory. */
	diag_list_init(&dl, tmpdir);
	CHECK(!ytree_read_file(tmpdir, &buf, &len, &dl));
	CHECK(buf == NULL);
	CHECK_INT(dl.n_items, 1);
	CHECK_INT(dl.items[0].code, DIAG_NOT_REGULAR);
	CHECK(strstr(dl.items[0].message, "directory") != NULL);
	CHECK(!dl.items[0].has_span);
	diag_list_free(&dl);

	/* A FIFO with no writer: refused, without blocking. */
	snprintf(path, sizeof path, "%s/fifo", tmpdir);
	CHECK(mkfifo(path, 0600) == 0);
	diag_list_init(&dl, path);
	double t0 = now();
	CHECK(!ytree_read_file(path, &buf, &len, &dl));
	CHECK(now() - t0 < 1.0);
	CHECK_INT(dl.n_items, 1);
	CHECK_INT(dl.items[0].code, DIAG_NOT_REGULAR);
	CHECK(strstr(dl.items[0].message, "FIFO") != NULL);
	diag_list_free(&dl);
	unlink(path);

	/* A character device. */
	diag_list_init(&dl, "/dev/null");
	CHECK(!ytree_read_file("/dev/null", &buf, &len, &dl));
	CHECK(dl.n_items == 1 && dl.items[0].code == DIAG_NOT_REGULAR);
	CHECK(strstr(dl.items[0].message, "device") != NULL);
	diag_list_free(&dl);

	/* Over the limit: refused from fstat, before reading (sparse). */
	snprintf(path, sizeof path, "%s/big.yaml", tmpdir);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	CHECK(fd >= 0);
	CHECK(ftruncate(fd, (off_t)LIMIT_CASE_BYTES + 1) == 0);
	close(fd);
	diag_list_init(&dl, path);
	t0 = now();
	CHECK(!ytree_read_file(path, &buf, &len, &dl));
	CHECK(now() - t0 < 1.0);
	CHECK(buf == NULL);
	CHECK(dl.n_items == 1 && dl.items[0].code == DIAG_TOO_LARGE);
	CHECK(!dl.items[0].has_span);
	diag_list_free(&dl);

	/* Exactly at the limit: read whole. */
	fd = open(path, O_WRONLY | O_TRUNC);
	CHECK(ftruncate(fd, (off_t)LIMIT_CASE_BYTES) == 0);
	close(fd);
	diag_list_init(&dl, path);
	CHECK(ytree_read_file(path, &buf, &len, &dl));
	CHECK_INT(len, LIMIT_CASE_BYTES);
	CHECK(buf != NULL && buf[len] == '\0');
	free(buf);
	diag_list_free(&dl);
	unlink(path);

	/* Missing. */
	snprintf(path, sizeof path, "%s/missing.yaml", tmpdir);
	diag_list_init(&dl, path);
	CHECK(!ytree_read_file(path, &buf, &len, &dl));
	CHECK(buf == NULL);
	CHECK(dl.n_items == 1 && dl.items[0].code == DIAG_IO);
	CHECK(strstr(dl.items[0].message, "No such file") != NULL);
	diag_list_free(&dl);

	snprintf(path, sizeof path, "%s/case.yaml", tmpdir);
	unlink(path);
	rmdir(tmpdir);
}

int
main(void)
{
	RUN(test_nested_positions);
	RUN(test_dump);
	RUN(test_crlf);
	RUN(test_eof_without_newline);
	RUN(test_bom);
	RUN(test_utf16_refused);
	RUN(test_long_key);
	RUN(test_invalid_utf8);
	RUN(test_control_chars);
	RUN(test_tab_indentation);
	RUN(test_syntax_errors);
	RUN(test_anchor_alias);
	RUN(test_billion_laughs);
	RUN(test_deep_flow);
	RUN(test_deep_block);
	RUN(test_node_limit);
	RUN(test_scalar_too_long);
	RUN(test_tags);
	RUN(test_multidoc);
	RUN(test_duplicate_keys);
	RUN(test_keys_stored_once);
	RUN(test_complex_keys);
	RUN(test_empty);
	RUN(test_strings_stay_strings);
	RUN(test_nul_escape);
	RUN(test_diag_list_kept);
	RUN(test_read_file);
	return harness_done();
}
