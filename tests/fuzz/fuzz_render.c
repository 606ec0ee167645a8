/*
 * fuzz_render.c - libFuzzer harness for the whole pipeline, case -> PDF in
 * memory: bytes -> tree -> validate_case, and when the case is one the CLI
 * would render (a model and no error), layout_case + pdf_render for the
 * full, Government and public copies, in one output language chosen by a
 * hash of the input (so mutations reach all six, bidi and CJK included).
 *
 * The steps are those of render_one in spcomm.c, which is static (and
 * spc_render only reads files): the same catalogs per language, country
 * names, a text context per document over the measuring fonts of
 * pdf_fonts_open.  Those fonts are opened once per process and reused
 * for every input, as a batch worker reuses them, so that state carried
 * from one document to the next is fuzzed too.
 *
 * The case is validated as if it were SPCOMM_SOURCE_DIR/cases/fuzz.yaml,
 * so the annexes of the bundled cases (cases/annexes/) resolve and the
 * seed cases render with their annex lists.
 *
 * Checked beyond "no crash, leak or UB": a render either succeeds with a
 * whole PDF (starts "%PDF-", ends with the "%%EOF" line, and its last
 * startxref points at the cross-reference table) or fails with a
 * non-empty message.  Only the layout may refuse a valid case (too many
 * pages, a character no font has): once it has laid a document out,
 * pdf_render must draw it, since a failure there means the device and the
 * layout disagree, and the user would get a libharu error for a valid case.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "case.h"
#include "catalog.h"
#include "countries.h"
#include "diag.h"
#include "driver.h"
#include "form.h"
#include "intl.h"
#include "layout.h"
#include "pdf.h"
#include "text.h"
#include "validate.h"
#include "ytree.h"

#ifndef SPCOMM_SOURCE_DIR
#define SPCOMM_SOURCE_DIR "."
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const langs[] = { "en", "fr", "es", "ru", "zh", "ar" };
#define N_LANGS (sizeof langs / sizeof langs[0])

static struct form_set *forms;
static struct catalog *catalogs[N_LANGS];  /* [0] "en" also gives the help texts */
static struct countries *countries;
static struct pdf_fonts *fonts;

static void
setup(void)
{
	char err[256];
	struct diag_list dl;
	diag_list_init(&dl, NULL);
	if (!intl_init(err, sizeof err))
		abort();
	forms = form_set_load(SPCOMM_SOURCE_DIR "/forms", &dl);
	countries = countries_load(SPCOMM_SOURCE_DIR "/locale", &dl);
	bool cats = true;
	for (size_t i = 0; i < N_LANGS; i++) {
		catalogs[i] = catalog_load(SPCOMM_SOURCE_DIR "/locale", langs[i], &dl);
		cats = cats && catalogs[i] != NULL;
	}
	fonts = pdf_fonts_open(NULL, err, sizeof err);
	if (forms == NULL || countries == NULL || !cats || fonts == NULL) {
		fprintf(stderr, "fuzz_render: setup: %s\n",
		    fonts == NULL ? err : dl.n_items ? dl.items[0].message : "forms or catalogs");
		abort();
	}
	forms->countries = countries; /* the validator's country suggestions */
	diag_list_free(&dl);
}

/* The PDF is whole: header, "%%EOF" as its last line, and a startxref
 * offset that lands on "xref" (a truncated or shifted file fails). */
static bool
whole_pdf(const unsigned char *p, size_t n)
{
	if (n < 32 || memcmp(p, "%PDF-", 5) != 0)
		return false;
	size_t end = n;
	if (end > 0 && p[end - 1] == '\n')
		end--;
	if (end > 0 && p[end - 1] == '\r')
		end--;
	if (end < 5 || memcmp(p + end - 5, "%%EOF", 5) != 0)
		return false;
	/* the last "startxref" lies in the final few dozen bytes */
	size_t from = n > 64 ? n - 64 : 0;
	const unsigned char *sx = NULL;
	for (size_t i = from; i + 9 <= n; i++)
		if (memcmp(p + i, "startxref", 9) == 0)
			sx = p + i;
	if (sx == NULL)
		return false;
	size_t off = 0, digits = 0;
	const unsigned char *q = sx + 9;
	while (q < p + n && (*q == '\r' || *q == '\n'))
		q++;
	for (; q < p + n && *q >= '0' && *q <= '9' && digits < 12; q++, digits++)
		off = off * 10 + (size_t)(*q - '0');
	return digits > 0 && off + 4 <= n && memcmp(p + off, "xref", 4) == 0;
}

/* Lay out and render one copy, as render_one does. */
static void
render(const struct case_data *cd, size_t li, enum copy_kind copy)
{
	struct text_ctx *tc = text_ctx_new(pdf_fonts_device(fonts));
	struct arena a = { 0 };
	struct layout_options lo = {
		.lang = langs[li],
		.copy = copy,
		.cat = catalogs[li],
		.countries = countries,
		.creation_time = driver_creation_time(cd, -1),
	};
	char err[512] = "";
	unsigned char *pdf = NULL;
	size_t len = 0;
	struct display *d = layout_case(cd, forms, &lo, tc, &a, err, sizeof err);
	if (d == NULL && err[0] == '\0')
		abort();
	if (d != NULL) {
		if (!pdf_render(fonts, d, &pdf, &len, err, sizeof err)) {
			fprintf(stderr, "fuzz_render: copy %d in %s laid out, not drawn: %s\n",
			    (int)copy, langs[li], err);
			abort();
		}
		if (!whole_pdf(pdf, len))
			abort();
	}
	free(pdf);
	arena_free(&a);
	text_ctx_free(tc);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (forms == NULL)
		setup();
	char *src = malloc(size + 1);
	if (src == NULL)
		return 0;
	memcpy(src, data, size);
	src[size] = '\0';
	struct arena a = { 0 };
	struct diag_list dl;
	diag_list_init(&dl, SPCOMM_SOURCE_DIR "/cases/fuzz.yaml");
	dl.src = src;
	dl.src_len = size;
	struct ytree t = { 0 };
	if (ytree_load(src, size, &a, &t, &dl)) {
		struct case_data *cd = validate_case(forms, catalogs[0], &t, dl.file, &a, &dl);
		/* what the CLI renders: a model with no error (warnings are fine) */
		if (cd != NULL && dl.n_errors == 0) {
			uint32_t h = 2166136261u;  /* FNV-1a */
			for (size_t i = 0; i < size; i++)
				h = (h ^ data[i]) * 16777619u;
			size_t li = h % N_LANGS;
			render(cd, li, COPY_FULL);
			render(cd, li, COPY_GOVERNMENT);
			render(cd, li, COPY_PUBLIC);
		}
	}
	diag_list_free(&dl);
	arena_free(&a);
	free(src);
	return 0;
}
