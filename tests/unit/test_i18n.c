/* test_i18n.c - the placeholder sets of `spcomm i18n check` (i18n_args). */
#include <stdint.h>

#include "harness.h"
#include "i18n.h"

#define BIT(n) (UINT64_C(1) << (n))

static void
plain_and_numbered(void)
{
	struct i18n_args a;
	CHECK(i18n_args("Date prepared", &a));
	CHECK_INT(a.numbers, 0);
	CHECK(i18n_args("Page {0} of {1}", &a));
	CHECK_INT(a.numbers, BIT(0) | BIT(1));
	CHECK_INT(a.numeric, 0);
	CHECK(i18n_args("Annex {0}: {1} ({2}, {3}, SHA-256 {4})", &a));
	CHECK_INT(a.numbers, BIT(0) | BIT(1) | BIT(2) | BIT(3) | BIT(4));
	CHECK(i18n_args("{ 1 }{1}", &a));
	CHECK_INT(a.numbers, BIT(1));
}

static void
inside_plural_and_select(void)
{
	struct i18n_args a;
	CHECK(i18n_args("{0, plural, one {# day} other {# days}}", &a));
	CHECK_INT(a.numbers, BIT(0));
	CHECK_INT(a.numeric, BIT(0));
	CHECK_INT(a.n_keywords, 2);
	CHECK_STR(a.keywords[0].word, "one");
	CHECK_STR(a.keywords[1].word, "other");
	/* an argument used only inside a sub-message counts */
	CHECK(i18n_args("{0, plural, =0 {none} one {# file in {1}} other {# files in {2}}}", &a));
	CHECK_INT(a.numbers, BIT(0) | BIT(1) | BIT(2));
	CHECK_INT(a.numeric, BIT(0));
	CHECK_INT(a.n_keywords, 2);   /* "=0" is not a keyword */
	CHECK(i18n_args("{1, select, male {M. {0}} female {Mme {0}} other {{0}}}", &a));
	CHECK_INT(a.numbers, BIT(0) | BIT(1));
	CHECK_INT(a.numeric, 0);
	CHECK(i18n_args("{0, plural, offset:1 one {#} other {#}}", &a));
	CHECK_INT(a.numbers, BIT(0));
	CHECK(i18n_args("{0, selectordinal, one {#st} two {#nd} few {#rd} other {#th}}", &a));
	CHECK_INT(a.n_keywords, 4);
	CHECK(a.keywords[0].ordinal);
	CHECK(i18n_args("{0, number, #,##0} and {1, date, short}", &a));
	CHECK_INT(a.numbers, BIT(0) | BIT(1));
	CHECK_INT(a.numeric, BIT(0) | BIT(1));
}

/* Agreement: which arguments only select, and the select's keywords. */
static void
select_on_sex(void)
{
	static const struct { const char *pattern; uint64_t selects, plain; } t[] = {
		{ "{0, select, female {Détenue} other {Détenu}}", BIT(0), 0 },
		/* a selector also printed as text */
		{ "{0, select, female {Mme} other {M.}} {0}", BIT(0), BIT(0) },
		/* text inside a case may use other arguments plainly */
		{ "{1, select, female {née {0}} other {né {0}}}", BIT(1), BIT(0) },
		{ "{0, plural, one {#} other {#}}", 0, BIT(0) },
	};
	struct i18n_args a;
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		CHECK(i18n_args(t[i].pattern, &a));
		CHECK_INT(a.selects, t[i].selects);
		CHECK_INT(a.plain, t[i].plain);
		CHECK_INT(a.numeric & a.selects & ~a.plain, 0);
		/* select keywords are marked, plural ones not */
		CHECK(a.keywords[0].select == (t[i].selects != 0));
	}
	CHECK(i18n_args(t[0].pattern, &a));
	CHECK_INT(a.n_keywords, 2);
	CHECK_STR(a.keywords[0].word, "female");
	CHECK(!a.keywords[0].ordinal);
}

static void
quoting(void)
{
	struct i18n_args a;
	/* a single apostrophe before { quotes the argument away */
	CHECK(i18n_args("vers l'{0}'", &a));
	CHECK_INT(a.numbers, 0);
	/* elsewhere it is an apostrophe, and '' always is */
	CHECK(i18n_args("l'arrestation de {0}", &a));
	CHECK_INT(a.numbers, BIT(0));
	CHECK(i18n_args("l''{0}", &a));
	CHECK_INT(a.numbers, BIT(0));
	CHECK(i18n_args("l’{0}", &a));
	CHECK_INT(a.numbers, BIT(0));
	/* '#' quoted in a plural */
	CHECK(i18n_args("{0, plural, other {'#'{1}}}", &a));
	CHECK_INT(a.numbers, BIT(0) | BIT(1));
}

static void
named_and_malformed(void)
{
	struct i18n_args a;
	CHECK(i18n_args("Page {page} of {1}", &a));
	CHECK_STR(a.named, "page");
	CHECK_INT(a.numbers, BIT(1));
	CHECK(i18n_args("{64}", &a));
	CHECK(a.too_big);
	CHECK(!i18n_args("{0, plural, one {# day} other {# days}", &a));
	CHECK(a.malformed);
	CHECK(!i18n_args("{0", &a));
	CHECK(!i18n_args("{}", &a));
	CHECK(!i18n_args("{0, plural, one}", &a));
	CHECK(!i18n_args("{-1}", &a));
	/* deep nesting is refused, not recursed into */
	char deep[40 * 12 + 1] = "";
	for (int i = 0; i < 40; i++)
		strcat(deep, "{0,select,a{");
	CHECK(!i18n_args(deep, &a));
}

/* Where reading stopped, and why in words: what `i18n check` prints at
 * file:line:column instead of ICU's error name. */
static void
error_positions(void)
{
	struct i18n_args a;
	CHECK(!i18n_args("x {0, plural, one {# day} other {# days}", &a));
	CHECK_INT(a.error_offset, 2);            /* the '{' never closed */
	CHECK(strstr(a.error, "never closed") != NULL);
	CHECK(!i18n_args("{0, plural, one {a} other {b} {1}", &a));
	CHECK_INT(a.error_offset, 30);           /* a '{' where a case name belongs */
	CHECK(!i18n_args("ab {0, nombre}", &a));
	CHECK_INT(a.error_offset, 7);            /* the unknown type */
	CHECK(strstr(a.error, "type") != NULL);
	CHECK(!i18n_args("{0, plural, one {x} few {y}}", &a));
	CHECK_INT(a.error_offset, 0);            /* the argument without 'other' */
	CHECK(strstr(a.error, "'other'") != NULL);
	CHECK(!i18n_args("{1, select, a {x} other {{0}", &a));
	CHECK_INT(a.error_offset, 24);           /* the innermost '{' left open */
	CHECK(!i18n_args("{0, plural, one # x other {y}}", &a));
	CHECK_INT(a.error_offset, 12);           /* the case without {message} */
	CHECK(!i18n_args("a {x y}", &a));
	CHECK(a.error != NULL);
	/* a readable pattern has no error */
	CHECK(i18n_args("{0, plural, one {# day} other {# days}}", &a));
	CHECK(a.error == NULL);
}

int
main(void)
{
	RUN(plain_and_numbered);
	RUN(inside_plural_and_select);
	RUN(select_on_sex);
	RUN(quoting);
	RUN(named_and_malformed);
	RUN(error_positions);
	return harness_done();
}
