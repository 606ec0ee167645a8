/*
 * fuzz_validate.c - libFuzzer harness for the validator: bytes -> tree ->
 * validate_case against the real forms, then the diagnostics printed to
 * /dev/null (excerpts and carets exercised too).  A case that validates
 * must have an id and a language.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "catalog.h"
#include "diag.h"
#include "form.h"
#include "intl.h"
#include "validate.h"
#include "ytree.h"

#ifndef SPCOMM_SOURCE_DIR
#define SPCOMM_SOURCE_DIR "."
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct form_set *forms;
static struct catalog *help;
static FILE *devnull;

static void
setup(void)
{
	char err[256];
	struct diag_list dl;
	diag_list_init(&dl, NULL);
	if (!intl_init(err, sizeof err))
		abort();
	forms = form_set_load(SPCOMM_SOURCE_DIR "/forms", &dl);
	help = catalog_load(SPCOMM_SOURCE_DIR "/locale", "en", &dl);
	devnull = fopen("/dev/null", "w");
	if (forms == NULL || help == NULL || devnull == NULL)
		abort();
	diag_list_free(&dl);
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
		struct case_data *cd = validate_case(forms, help, &t, dl.file, &a, &dl);
		if (cd != NULL && (cd->id == NULL || cd->language == NULL || dl.n_errors > 0))
			abort();
	}
	diag_sort(&dl);
	diag_print_text(devnull, &dl, true);
	diag_print_json(devnull, &dl);
	diag_list_free(&dl);
	arena_free(&a);
	free(src);
	return 0;
}
