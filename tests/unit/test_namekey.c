/*
 * test_namekey.c - the keys of a name (namekey.h): the same person's name
 * written in another script, spelling, case or order shares a key; other
 * persons' names, however close, share none, and names written apart in
 * Chinese characters are told apart whatever their readings.
 */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "namekey.h"

static struct arena A;

/* The form fields of a `name` record (forms/common.yaml), by hand. */
static struct form_field f_family = { .name = "family", .type = FT_STRING };
static struct form_field f_given = { .name = "given", .type = FT_STRING };
static struct form_field *original_fields[] = { &f_family, &f_given };
static struct form_field f_original = { .name = "original", .type = FT_RECORD,
	.fields = original_fields, .n_fields = 2 };
static struct form_field *name_fields[] = { &f_family, &f_given, &f_original };
static struct form_field f_name = { .name = "name", .type = FT_RECORD, .block = "name",
	.fields = name_fields, .n_fields = 3 };

static struct cval *
value(const struct form_field *f, const char *text)
{
	struct cval *v = arena_alloc(&A, sizeof *v);
	memset(v, 0, sizeof *v);
	v->field = f;
	v->text = text;
	v->len = text ? strlen(text) : 0;
	return v;
}

static void
add(struct cval *rec, struct cval *kid)
{
	struct cval **k = arena_alloc(&A, (rec->n_kids + 1) * sizeof *k);
	if (rec->n_kids)
		memcpy(k, rec->kids, rec->n_kids * sizeof *k);
	k[rec->n_kids++] = kid;
	rec->kids = k;
}

/* A name: family and given as written, and in the original script (each
 * may be NULL). */
static struct cval *
name(const char *family, const char *given, const char *o_family, const char *o_given)
{
	struct cval *n = value(&f_name, NULL);
	if (family)
		add(n, value(&f_family, family));
	if (given)
		add(n, value(&f_given, given));
	if (o_family || o_given) {
		struct cval *o = value(&f_original, NULL);
		if (o_family)
			add(o, value(&f_family, o_family));
		if (o_given)
			add(o, value(&f_given, o_given));
		add(n, o);
	}
	return n;
}

struct keyed {
	struct namekey *k;
	size_t n;
	bool one_word;
};

static struct keyed
keys(const struct cval *n)
{
	struct keyed r;
	r.n = namekey_of_name(&A, n, &r.k, &r.one_word);
	return r;
}

/* The key a and b share, or NULL. */
static const struct namekey *
shared(const struct keyed *a, const struct keyed *b)
{
	for (size_t i = 0; i < a->n; i++)
		for (size_t j = 0; j < b->n; j++)
			if (strcmp(a->k[i].key, b->k[j].key) == 0)
				return &a->k[i];
	return NULL;
}

/* Whether the batch would call a and b one person by name. */
static bool
same(const struct cval *na, const struct cval *nb)
{
	struct keyed a = keys(na), b = keys(nb);
	bool r = shared(&a, &b) != NULL && !namekey_written_apart(a.k, a.n, b.k, b.n);
	namekey_free(a.k, a.n);
	namekey_free(b.k, b.n);
	return r;
}

static void
test_same_person(void)
{
	/* scripts */
	CHECK(same(name(NULL, NULL, "陈", "勇"), name("Chen", "Yong", NULL, NULL)));
	CHECK(same(name(NULL, NULL, "陳", "勇"), name(NULL, NULL, "陈", "勇")));
	CHECK(same(name(NULL, NULL, "陈", "单"), name("CHEN", "Dan", NULL, NULL)));
	CHECK(same(name(NULL, NULL, "Садыкова", "Наталья"), name("Sadykova", "Natalya", NULL, NULL)));
	CHECK(same(name("Щербаков", "Юрий", NULL, NULL), name("Shcherbakov", "Yuriy", NULL, NULL)));
	CHECK(same(name("Bin Salih", "Nur", "بن صالح", "نور"), name("Ben Salah", "Nour", "بن صالح", "نور")));
	/* accents, case, punctuation, compatibility forms */
	CHECK(same(name("Ramírez Núñez", "José Luis", NULL, NULL),
	    name("RAMIREZ-NUNEZ", "Jose Luis", NULL, NULL)));
	CHECK(same(name("Trần", "Thị Lan", NULL, NULL), name("Tran", "Thi Lan", NULL, NULL)));
	CHECK(same(name("Łukasiewicz", "Paweł", NULL, NULL), name("Lukasiewicz", "Pawel", NULL, NULL)));
	CHECK(same(name("Ｃｈｅｎ", "Ｙｏｎｇ", NULL, NULL), name("Chen", "Yong", NULL, NULL)));
	CHECK(same(name("Li", "Hong-wei", NULL, NULL), name("Li", "Hongwei", NULL, NULL)));
	/* order of the parts, and the whole name in one part */
	CHECK(same(name("Yong", "Chen", NULL, NULL), name("Chen", "Yong", NULL, NULL)));
	CHECK(same(name(NULL, "Nguyen Van An", NULL, NULL), name("Nguyễn", "Văn An", NULL, NULL)));
	CHECK(same(name("Aung San Suu Kyi", NULL, NULL, NULL), name(NULL, "Aung San Suu Kyi", NULL, NULL)));
}

static void
test_other_person(void)
{
	/* a relative sharing the family name; a name inside a longer one */
	CHECK(!same(name("Chen", "Yong", NULL, NULL), name("Chen", "Jianguo", NULL, NULL)));
	CHECK(!same(name(NULL, NULL, "陈", "勇"), name(NULL, NULL, "陈", "建国")));
	CHECK(!same(name("Chen", "Yong", NULL, NULL), name("Chen", "Yonghong", NULL, NULL)));
	CHECK(!same(name("Chen", "Yong", NULL, NULL), name(NULL, "Yong", NULL, NULL)));
	CHECK(!same(name("Sadykova", "Aida", NULL, NULL), name("Sadykov", "Aida", NULL, NULL)));
	/* read alike, written apart */
	CHECK(!same(name(NULL, NULL, "李", "洋"), name("Yang", "Li", "杨", "丽")));
	CHECK(!same(name(NULL, NULL, "张", "伟"), name(NULL, NULL, "章", "伟")));
	/* ... but a Latin name alone cannot be told apart from either */
	CHECK(same(name(NULL, NULL, "李", "洋"), name("Yang", "Li", NULL, NULL)));
}

static void
test_flags(void)
{
	struct keyed k = keys(name(NULL, NULL, "陈", "勇"));
	CHECK(!k.one_word);
	struct keyed l = keys(name("Chen", "Yong", NULL, NULL));
	const struct namekey *s = shared(&k, &l);
	CHECK(s != NULL && s->read_in_latin && s->script == NAMEKEY_HAN);
	namekey_free(k.k, k.n);
	namekey_free(l.k, l.n);
	k = keys(name(NULL, "Ahmed", NULL, NULL));
	CHECK(k.one_word);
	CHECK_INT(k.n, 1);
	namekey_free(k.k, k.n);
	k = keys(name(NULL, NULL, NULL, NULL));
	CHECK_INT(k.n, 0);
	namekey_free(k.k, k.n);
}

int
main(void)
{
	RUN(test_same_person);
	RUN(test_other_person);
	RUN(test_flags);
	arena_free(&A);
	return harness_done();
}
