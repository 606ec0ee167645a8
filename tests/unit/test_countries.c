/* test_countries.c - country names, alpha-3 and lower-case codes typed in
 * place of an ISO 3166-1 alpha-2 code map back to it (countries_suggest). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "countries.h"
#include "harness.h"
#include "intl.h"
#include "ytree.h"

#ifndef SPCOMM_SOURCE_DIR
#define SPCOMM_SOURCE_DIR "."
#endif

static struct countries *table;

/* Whether input gives exactly code as its one suggestion; prints it if not. */
static bool
maps_to(const struct countries *c, const char *input, const char *code)
{
	char got[3][3];
	size_t n = countries_suggest(c, input, got, 3);
	bool ok = n == 1 && strcmp(got[0], code) == 0;
	if (!ok)
		fprintf(stderr, "  \"%s\": %zu suggestion(s)%s%s%s%s, want %s\n", input, n,
		    n > 0 ? " " : "", n > 0 ? got[0] : "", n > 1 ? " " : "", n > 1 ? got[1] : "",
		    code);
	return ok;
}

/* Every current ISO code's ICU display name in the six languages,
 * its alpha-3 code and its lower-case alpha-2 code give that code alone. */
static void
every_code_maps_back(void)
{
	struct arena a = { 0 };
	size_t n_codes = 0;
	for (const char *const *iso = intl_country_codes(); *iso; iso++) {
		const char *code = *iso;
		if (!intl_country_valid(code))
			continue;
		n_codes++;
		static const char *const langs[] = { "en", "fr", "es", "ru", "zh", "ar" };
		for (size_t l = 0; l < 6; l++)
			CHECK(maps_to(table, intl_country_name(&a, code, langs[l]), code));
		char lower[3] = { (char)(code[0] - 'A' + 'a'), (char)(code[1] - 'A' + 'a'), 0 };
		CHECK(*intl_country_alpha3(code));
		CHECK(maps_to(table, intl_country_alpha3(code), code));
		CHECK(maps_to(table, lower, code));
		/* the UN's names (locale/countries.yaml) too, in all six */
		static const char *const all[] = { "en", "fr", "es", "ru", "zh", "ar" };
		for (size_t l = 0; l < 6; l++) {
			const char *un = countries_name(table, code, all[l]);
			if (un != NULL)
				CHECK(maps_to(table, un, code));
		}
	}
	CHECK(n_codes > 240);
	arena_free(&a);
}

/* Case, accents, punctuation, spacing and articles do not matter; codes
 * that do not exist and words far from every name get nothing. */
static void
folding(void)
{
	static const char *const typed[][2] = {
		{ "TÜRKIYE", "TR" }, { "turkiye", "TR" }, { "cote d'ivoire", "CI" },
		{ "Côte d’Ivoire", "CI" }, { "COTE-D-IVOIRE", "CI" }, { "viet   nam", "VN" },
		{ "The Netherlands", "NL" }, { "la France", "FR" }, { "el Perú", "PE" },
		{ "Gambia (the)", "GM" }, { "l'Inde", "IN" }, { "Iran (Islamic Republic of)", "IR" },
		{ "Saint-Martin", "MF" },  /* not SX, "Saint-Martin (partie néerlandaise)" */
		{ "Kirgyzstan", "KG" }, { "Argentinia", "AR" },  /* nearest by edit distance */
	};
	for (size_t i = 0; i < sizeof typed / sizeof *typed; i++)
		CHECK(maps_to(table, typed[i][0], typed[i][1]));
	/* an area the UN names as part of a State: its UN name printed, and
	 * the short name typed still its code */
	CHECK_STR(countries_name(table, "TW", "en"), "Taiwan Province of China");
	CHECK_STR(countries_name(table, "TW", "zh"), "\xe4\xb8\xad\xe5\x9b\xbd\xe5\x8f\xb0\xe6\xb9\xbe\xe7\x9c\x81");
	CHECK(maps_to(table, "Taiwan", "TW"));
	char got[3][3];
	CHECK_INT(countries_suggest(table, "XX", got, 3), 0);
	CHECK_INT(countries_suggest(table, "xx", got, 3), 0);
	CHECK_INT(countries_suggest(table, "Atlantis", got, 3), 0);
	CHECK_INT(countries_suggest(table, "", got, 3), 0);
	CHECK_INT(countries_suggest(table, "---", got, 3), 0);
	CHECK_INT(countries_suggest(table, "the", got, 3), 0);
	CHECK_INT(countries_suggest(table, "\xff\xfe", got, 3), 0);
	/* a table-less lookup still knows ICU's names and the codes */
	CHECK(maps_to(NULL, "Turkey", "TR"));
	CHECK(maps_to(NULL, "tur", "TR"));
}

/* countries.yaml with its also_known_as list left out, in a directory of
 * its own; NULL on failure. */
static struct countries *
load_without_list(char *dir)
{
	FILE *in = fopen(SPCOMM_SOURCE_DIR "/locale/countries.yaml", "r");
	if (in == NULL || mkdtemp(dir) == NULL)
		return NULL;
	char path[512], line[4096];
	snprintf(path, sizeof path, "%s/countries.yaml", dir);
	FILE *out = fopen(path, "w");
	bool skip = false;
	while (out != NULL && fgets(line, sizeof line, in) != NULL) {
		if (strncmp(line, "also_known_as:", 14) == 0)
			skip = true;
		else if (line[0] != ' ')
			skip = false;
		if (!skip)
			fputs(line, out);
	}
	fclose(in);
	if (out != NULL)
		fclose(out);
	struct diag_list dl;
	diag_list_init(&dl, NULL);
	struct countries *c = countries_load(dir, &dl);
	diag_list_free(&dl);
	return c;
}

/* Each entry of the also_known_as list gives its code alone, and is
 * needed: without the list, it would not. */
static void
data_list(void)
{
	struct arena a = { 0 };
	struct ytree t = { 0 };
	char *buf = NULL;
	size_t len;
	struct diag_list dl;
	diag_list_init(&dl, NULL);
	CHECK(ytree_read_file(SPCOMM_SOURCE_DIR "/locale/countries.yaml", &buf, &len, &dl) &&
	    ytree_load(buf, len, &a, &t, &dl));
	diag_list_free(&dl);
	char dir[] = "/tmp/spcomm-countries-XXXXXX";
	struct countries *bare = load_without_list(dir);
	CHECK(bare != NULL);
	const struct ynode *aka = t.root ? ytree_get(t.root, "also_known_as") : NULL;
	CHECK(aka != NULL);
	size_t n = 0;
	for (const struct ynode *m = aka ? aka->first_child : NULL; m; m = m->next)
		for (const struct ynode *w = m->first_child; w; w = w->next, n++) {
			CHECK(maps_to(table, w->text, m->key));
			char got[3][3];
			size_t k = bare ? countries_suggest(bare, w->text, got, 3) : 0;
			bool needed = k == 0 || strcmp(got[0], m->key) != 0;
			if (!needed)
				fprintf(stderr, "  \"%s\" needs no entry: ICU or the UN names give %s\n",
				    w->text, m->key);
			CHECK(needed);
		}
	CHECK(n > 20);
	countries_free(bare);
	char path[600];
	snprintf(path, sizeof path, "%s/countries.yaml", dir);
	unlink(path);
	rmdir(dir);
	free(buf);
	arena_free(&a);
}

int
main(void)
{
	struct diag_list dl;
	diag_list_init(&dl, NULL);
	table = countries_load(SPCOMM_SOURCE_DIR "/locale", &dl);
	CHECK(table != NULL && dl.n_items == 0);
	diag_list_free(&dl);
	RUN(every_code_maps_back);
	RUN(folding);
	RUN(data_list);
	countries_free(table);
	return harness_done();
}
