/* test_form.c - the form model and the catalogs: the real forms load, and
 * mistakes in form files and catalogs are reported, not ignored. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catalog.h"
#include "form.h"
#include "harness.h"
#include "intl.h"

#ifndef SPCOMM_SOURCE_DIR
#define SPCOMM_SOURCE_DIR "."
#endif

static char tmpdir[] = "/tmp/spcomm-test-form-XXXXXX";

/* A diagnostic whose file ends in file, at 1-based line, with part in
 * its message: the form file's own position, not the list's file. */
static bool
has_at(const struct diag_list *dl, const char *file, unsigned line, const char *part)
{
	size_t n = strlen(file);
	for (size_t i = 0; i < dl->n_items; i++) {
		const struct diag *d = &dl->items[i];
		size_t m = d->file ? strlen(d->file) : 0;
		if (m >= n && strcmp(d->file + m - n, file) == 0 && d->has_span &&
		    d->span.line + 1 == line && strstr(d->message, part) != NULL)
			return true;
	}
	return false;
}

static void
write_file(const char *name, const char *text)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", tmpdir, name);
	FILE *fp = fopen(path, "w");
	if (fp == NULL)
		return;
	fputs(text, fp);
	fclose(fp);
}

static bool
has_message(const struct diag_list *dl, const char *part)
{
	for (size_t i = 0; i < dl->n_items; i++)
		if (strstr(dl->items[i].message, part) != NULL ||
		    (dl->items[i].file && strstr(dl->items[i].file, part) != NULL))
			return true;
	return false;
}

static void
real_forms_load(void)
{
	struct diag_list dl;
	diag_list_init(&dl, NULL);
	struct form_set *fs = form_set_load(SPCOMM_SOURCE_DIR "/forms", &dl);
	CHECK(fs != NULL);
	CHECK_INT(dl.n_items, 0);
	if (fs != NULL) {
		const struct form *f = form_find(fs, "sp-general");
		CHECK(f != NULL);
		if (f != NULL) {
			CHECK(f->n_sections > 0);
			const struct form_field *sub = form_member(f->root, "submitter");
			CHECK(sub != NULL);
			/* whole block SRC, and SRC absorbs what is below it */
			CHECK(sub && form_effective_class(sub, CLASS_PUB) == CLASS_SRC);
			const struct form_field *name = sub ? form_member(sub, "name") : NULL;
			CHECK(name && form_effective_class(name, CLASS_SRC) == CLASS_SRC);
			const struct form_field *victims = form_member(f->root, "victims");
			CHECK(victims && victims->type == FT_LIST && victims->item->type == FT_RECORD);
			CHECK(victims && victims->required && victims->required->kind == COND_IN);
		}
		CHECK(form_mandate(fs, "wg_disappearances") != NULL);
		CHECK(form_mandate(fs, "nobody") == NULL);
		/* every mandate is checked data: where it was read, and when */
		size_t country = 0;
		for (size_t i = 0; i < fs->n_mandates; i++) {
			const struct mandate *m = &fs->mandates[i];
			CHECK(m->email != NULL && strchr(m->email, '@') != NULL);
			CHECK(m->source != NULL && strncmp(m->source, "http", 4) == 0);
			CHECK(m->checked != NULL && strlen(m->checked) == 10);
			CHECK(!m->address_confirmed || m->address_source != NULL);
			country += m->kind == MANDATE_COUNTRY;
		}
		CHECK(country > 0 && country < fs->n_mandates);
		CHECK(fs->reprisals.email != NULL && fs->reprisals.source != NULL && fs->reprisals.checked != NULL);
	}
	form_set_free(fs);
	diag_list_free(&dl);
}

static const char common_yaml[] =
    "blocks:\n  name:\n    fields:\n      family: {type: string}\n"
    "top:\n  form: {type: enum, values: [t], required: true}\n";
static const char mandates_yaml[] =
    "mandates:\n  m1: {email: a@b.org, kind: thematic, source: \"https://b.org/m1\", checked: 2026-01-31,\n"
    "       address_confirmed: true, address_source: \"https://b.org/m1\"}\n"
    "reprisals: {email: r@b.org, source: \"https://b.org/r\", checked: 2026-01-31}\n";

/* A set opened without its forms reads each when asked, once, keeps them
 * in name order whatever the order asked, and answers every form of the
 * directory for suggestions; a form read alone is the one form_set_load
 * reads with the others. */
static void
forms_read_when_asked(void)
{
	struct diag_list dl;
	diag_list_init(&dl, NULL);
	struct form_set *fs = form_set_open(SPCOMM_SOURCE_DIR "/forms", &dl);
	struct form_set *all = form_set_load(SPCOMM_SOURCE_DIR "/forms", &dl);
	CHECK(fs != NULL && all != NULL);
	CHECK_INT(dl.n_items, 0);
	if (fs == NULL || all == NULL)
		goto done;
	CHECK_INT(fs->n_forms, 0);
	CHECK_INT(fs->n_names, 3);
	CHECK(fs->n_mandates > 0 && fs->n_blocks > 0);
	CHECK(form_set_add(fs, "wgeid", &dl) && form_set_add(fs, "wgad", &dl));
	CHECK(form_set_add(fs, "wgad", &dl));
	CHECK_INT(fs->n_forms, 2);
	CHECK(fs->n_forms == 2 && strcmp(fs->forms[0]->key, "wgad") == 0 &&
	    strcmp(fs->forms[1]->key, "wgeid") == 0);
	CHECK(!form_set_add(fs, "wgaad", &dl));
	CHECK(!form_set_add(fs, "common", &dl) && !form_set_add(fs, "mandates", &dl));
	CHECK_INT(dl.n_items, 0);
	const struct form *one = form_find(fs, "wgad"), *other = form_find(all, "wgad");
	CHECK(one && other && one->n_sections == other->n_sections &&
	    one->root->n_fields == other->root->n_fields && one->n_rules == other->n_rules &&
	    one->n_triage == other->n_triage);
	CHECK(form_set_add_all(fs, &dl));
	CHECK_INT(fs->n_forms, all->n_forms);
done:
	form_set_free(fs);
	form_set_free(all);
	diag_list_free(&dl);
}

static void
form_file_mistakes(void)
{
	write_file("common.yaml", common_yaml);
	write_file("mandates.yaml", mandates_yaml);
	write_file("t.yaml",
	    "form: t\ntitle: t.title\nfields:\n"
	    "  x:\n    type: strng\n"
	    "  y:\n    type: string\n    requird: true\n"
	    "  z:\n    type: enum\n"
	    "sections:\n  - id: s\n    fields: [x, nothere]\n");
	struct diag_list dl;
	diag_list_init(&dl, NULL);
	struct form_set *fs = form_set_load(tmpdir, &dl);
	CHECK(fs == NULL);
	CHECK(has_message(&dl, "unknown key 'requird'"));
	CHECK(has_message(&dl, "unknown type or block 'strng'"));
	CHECK(has_message(&dl, "enum field 'z' needs values"));
	CHECK(has_message(&dl, "section lists unknown field 'nothere'"));
	/* each names its file and where in it: `requird: true` on line 8 */
	CHECK(has_at(&dl, "/t.yaml", 8, "unknown key 'requird'"));
	form_set_free(fs);
	diag_list_free(&dl);
}

/* A mandates.yaml entry without its record, or with a wrong one, is
 * refused, each mistake with its own message. */
static void
mandate_mistakes(void)
{
	static const struct { const char *yaml, *message; } bad[] = {
		{ "  m1: {email: a@b.org, kind: thematic, checked: 2026-01-31, address_confirmed: false}\n",
		  "'m1' needs 'source'" },
		{ "  m1: {email: a@b.org, kind: thematic, source: \"https://b.org\", address_confirmed: false}\n",
		  "'m1' needs 'checked'" },
		{ "  m1: {email: a@b.org, kind: thematic, source: \"https://b.org\", checked: 2026-02-30,"
		  " address_confirmed: false}\n", "'checked' is the date" },
		{ "  m1: {email: a@b.org, kind: thematic, source: b.org, checked: 2026-01-31,"
		  " address_confirmed: false}\n", "'source' is the URL" },
		{ "  m1: {email: a@b.org, kind: thematic, source: \"https://b.org\", checked: 2026-01-31,"
		  " address_confirmed: true}\n", "a confirmed address needs 'address_source'" },
		{ "  m1: {email: a@b.org, kind: thematic, source: \"https://b.org\", checked: 2026-01-31}\n",
		  "'m1' needs 'address_confirmed'" },
		{ "  m1: {email: a@b.org, kind: regional, source: \"https://b.org\", checked: 2026-01-31,"
		  " address_confirmed: false}\n", "'kind' is thematic or country" },
		{ "  m1: {email: \"a b@b.org\", kind: thematic, source: \"https://b.org\", checked: 2026-01-31,"
		  " address_confirmed: false}\n", "'email' is one plain address" },
		{ "  m1: {email: a@b.org, kind: thematic, source: \"https://b.org\", checked: 2026-01-31,"
		  " address_confirmed: false, verified: yes}\n", "unknown key 'verified'" },
	};
	write_file("common.yaml", common_yaml);
	write_file("t.yaml", "form: t\ntitle: t.title\nfields:\n  x: {type: string}\n"
	    "sections:\n  - id: s\n    fields: [x]\n");
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char text[1024];
		snprintf(text, sizeof text, "mandates:\n%sreprisals: {email: r@b.org, source: \"https://b.org/r\","
		    " checked: 2026-01-31}\n", bad[i].yaml);
		write_file("mandates.yaml", text);
		struct diag_list dl;
		diag_list_init(&dl, NULL);
		struct form_set *fs = form_set_load(tmpdir, &dl);
		CHECK(fs == NULL);
		CHECK(has_message(&dl, bad[i].message));
		if (!has_message(&dl, bad[i].message))
			fprintf(stderr, "  case %zu: no \"%s\"\n", i, bad[i].message);
		form_set_free(fs);
		diag_list_free(&dl);
	}
	/* the reprisals address is required, with its own record */
	write_file("mandates.yaml", "mandates:\n  m1: {email: a@b.org, kind: country, source: \"https://b.org\","
	    " checked: 2026-01-31, address_confirmed: false}\n");
	struct diag_list dl;
	diag_list_init(&dl, NULL);
	struct form_set *fs = form_set_load(tmpdir, &dl);
	CHECK(fs == NULL && has_message(&dl, "needs a 'reprisals' mapping"));
	form_set_free(fs);
	diag_list_free(&dl);
	/* and a complete file loads, with what it says */
	write_file("mandates.yaml", mandates_yaml);
	diag_list_init(&dl, NULL);
	fs = form_set_load(tmpdir, &dl);
	CHECK(fs != NULL);
	if (fs != NULL) {
		const struct mandate *m = form_mandate(fs, "m1");
		CHECK(m && m->address_confirmed && m->kind == MANDATE_THEMATIC);
		CHECK(m && strcmp(m->checked, "2026-01-31") == 0);
		CHECK(fs->reprisals.email && strcmp(fs->reprisals.email, "r@b.org") == 0);
	}
	form_set_free(fs);
	diag_list_free(&dl);
}

static void
catalogs(void)
{
	write_file("xx.yaml", "a: \"plain\"\nb: \"Page {0} of {1}\"\nc: \"{count, plural, one {# day} other {# days}}\"\n");
	struct diag_list dl;
	diag_list_init(&dl, NULL);
	struct catalog *c = catalog_load(tmpdir, "xx", &dl);
	CHECK(c == NULL); /* the named argument refuses the catalog */
	CHECK(has_message(&dl, "named arguments"));
	diag_list_free(&dl);
	write_file("en.yaml", "a: \"plain\"\nb: \"Page {0} of {1}\"\nq: \"it''s {0}\"\n");
	diag_list_init(&dl, NULL);
	c = catalog_load(tmpdir, "en", &dl);
	CHECK(c != NULL);
	if (c != NULL) {
		struct arena a = { 0 };
		const char *args[2] = { "3", "12" };
		CHECK_STR(catalog_text(c, &a, "a"), "plain");
		CHECK_STR(catalog_format(c, &a, "b", 2, args), "Page 3 of 12");
		CHECK_STR(catalog_format(c, &a, "q", 1, args), "it's 3");
		CHECK_STR(catalog_text(c, &a, "missing.key"), "[missing.key]");
		CHECK_INT(catalog_size(c), 3);
		arena_free(&a);
	}
	catalog_free(c);
	diag_list_free(&dl);
	/* sub-messages of select and plural are message text: they may start
	 * with a letter; a named argument inside one is still refused */
	write_file("en.yaml", "s: \"{0}: {1, select, ongoing {the violation is ongoing} other {over}}\"\n"
	    "p: \"{0, plural, one {about # person} other {about # people}}\"\n");
	diag_list_init(&dl, NULL);
	c = catalog_load(tmpdir, "en", &dl);
	CHECK(c != NULL);
	if (c != NULL) {
		struct arena a = { 0 };
		const char *args[2] = { "Detained", "ongoing" };
		CHECK_STR(catalog_format(c, &a, "s", 2, args), "Detained: the violation is ongoing");
		CHECK_STR(catalog_format_count(c, &a, "p", 230), "about 230 people");
		arena_free(&a);
	}
	catalog_free(c);
	diag_list_free(&dl);
	write_file("xx.yaml", "s: \"{0, select, a {x {name} y} other {z}}\"\n");
	diag_list_init(&dl, NULL);
	c = catalog_load(tmpdir, "xx", &dl);
	CHECK(c == NULL);
	CHECK(has_message(&dl, "named arguments"));
	diag_list_free(&dl);
}

static void
real_catalog_covers_forms(void)
{
	/* every label, help text and enumeration value the forms name */
	struct diag_list dl;
	diag_list_init(&dl, NULL);
	struct form_set *fs = form_set_load(SPCOMM_SOURCE_DIR "/forms", &dl);
	struct catalog *en = catalog_load(SPCOMM_SOURCE_DIR "/locale", "en", &dl);
	CHECK(fs != NULL && en != NULL);
	size_t missing = 0;
	for (size_t i = 0; fs && en && i < fs->n_forms; i++) {
		const struct form *f = fs->forms[i];
		CHECK(catalog_pattern(en, f->title_key) != NULL);
		for (size_t s = 0; s < f->n_sections; s++)
			if (catalog_pattern(en, f->sections[s].title_key) == NULL) {
				fprintf(stderr, "missing %s\n", f->sections[s].title_key);
				missing++;
			}
		/* walk the fields */
		const struct form_field *stack[512];
		size_t n = 0;
		stack[n++] = f->root;
		while (n > 0) {
			const struct form_field *r = stack[--n];
			for (size_t k = 0; k < r->n_fields; k++) {
				const struct form_field *m = r->fields[k];
				char key[300];
				if (catalog_pattern(en, m->label_key) == NULL) {
					fprintf(stderr, "missing %s\n", m->label_key);
					missing++;
				}
				snprintf(key, sizeof key, "%s.help", m->label_key);
				if (catalog_pattern(en, key) == NULL) {
					fprintf(stderr, "missing %s\n", key);
					missing++;
				}
				for (size_t v = 0; v < m->n_values; v++) {
					snprintf(key, sizeof key, "%s.%s", m->label_key, m->values[v]);
					if (catalog_pattern(en, key) == NULL) {
						fprintf(stderr, "missing %s\n", key);
						missing++;
					}
				}
				const struct form_field *sub = m->type == FT_LIST ? m->item : m;
				if (sub->n_fields > 0 && n < 512)
					stack[n++] = sub;
			}
		}
	}
	CHECK_INT(missing, 0);
	catalog_free(en);
	form_set_free(fs);
	diag_list_free(&dl);
}

int
main(void)
{
	char err[128];
	if (!intl_init(err, sizeof err) || mkdtemp(tmpdir) == NULL)
		return 1;
	RUN(real_forms_load);
	RUN(forms_read_when_asked);
	RUN(form_file_mistakes);
	RUN(mandate_mistakes);
	RUN(catalogs);
	RUN(real_catalog_covers_forms);
	const char *names[] = { "common.yaml", "mandates.yaml", "t.yaml", "xx.yaml", "en.yaml" };
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		char p[512];
		snprintf(p, sizeof p, "%s/%s", tmpdir, names[i]);
		unlink(p);
	}
	rmdir(tmpdir);
	return harness_done();
}
