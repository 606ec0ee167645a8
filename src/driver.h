/*
 * driver.h - the environment of a run and the single-case steps (driver.c)
 * that the commands (spcomm.c) and the batch driver (batch.c) share: load
 * and validate one case, render one document to memory, name it.  Not
 * part of the library's surface (spcomm.h); cli.c never includes it.
 *
 * Thread safety: driver_load_case and driver_render_one may run in several
 * threads at once on one environment, provided every form was read first
 * (driver_load_forms) and every language they will use was loaded with
 * driver_catalog: forms and catalogs are read when first needed, and that
 * reading is not thread-safe.
 */
#ifndef SPCOMM_DRIVER_H
#define SPCOMM_DRIVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "arena.h"
#include "case.h"
#include "diag.h"
#include "sha256.h"
#include "spcomm.h"

struct catalog;
struct countries;
struct form;
struct form_set;
struct po_set;

/* The data directory the environment reads (--data-dir, or found). */
const char *driver_data_dir(const struct spc_env *env);
/* The forms read so far (form.h: common.yaml, mandates.yaml, and each
 * form once a case or a command asked for it). */
struct form_set *driver_forms(struct spc_env *env);
/* Read every form now: for what needs them all (`spcomm forms`, `i18n
 * check`) and before worker threads share the set.  False (the problems
 * printed to err) if a form file is broken. */
bool driver_load_forms(struct spc_env *env, FILE *err);
/* The form of key, read if it was not; NULL after saying why on err (no
 * such form: the list of forms; a broken form file: its problems). */
const struct form *driver_form(struct spc_env *env, const char *key, FILE *err);
/* The country names of locale/countries.yaml. */
const struct countries *driver_countries(const struct spc_env *env);
/* The catalog of lang, loaded on first use; NULL (the reason printed to
 * err, if not NULL) when lang is no output language or its catalog is
 * missing or broken.  Not thread-safe the first time for a language. */
struct catalog *driver_catalog(struct spc_env *env, const char *lang, FILE *err);

/* The name diagnostics give file: "<stdin>" for "-" (standard input, as
 * gcc says), else file. */
const char *driver_shown_name(const char *file);

/* Read, load and validate one case into a (diagnostics to dl, whose src
 * is set to the file's bytes).  *src is malloc'd, NULL if the file could
 * not be read; the caller frees it after printing the diagnostics.  NULL
 * when no case model could be built; a model may come back with errors
 * in dl too. */
struct case_data *driver_load_case(struct spc_env *env, const char *file, struct arena *a,
    struct diag_list *dl, char **src);

/* driver_load_case for a case that validated with no error before
 * (validate_case_again): the caller must compare *src with the bytes it
 * validated, and treat the case as changed if they differ. */
struct case_data *driver_load_case_again(struct spc_env *env, const char *file,
    struct arena *a, struct diag_list *dl, char **src);

/* driver_load_case, then the case's translation files: <case>.<lang>.po
 * beside it, then the n_tr files of tr (po.h).  set (may be NULL)
 * receives what the translation files held. */
struct case_data *driver_load_case_tr(struct spc_env *env, const char *file,
    const char *const *tr, size_t n_tr, struct po_set *set, struct arena *a,
    struct diag_list *dl, char **src);

/* Render one document of a valid case to memory (*pdf malloc'd); PDF/A-1b
 * if pdfa, which needs driver_prepare_pdfa first. */
bool driver_render_one(struct spc_env *env, const struct case_data *cd, const char *lang,
    enum spc_copy copy, int64_t ctime, bool pdfa, unsigned char **pdf, size_t *pdf_len,
    char *err, size_t errlen);

/* The e-mail draft of `spcomm package` (package.h; in spcomm.c, beside
 * the command) for a valid case in
 * lang, around pdf, its full copy already rendered: the same bytes
 * `spcomm package` writes when pdf is `spcomm render`'s.  *eml malloc'd;
 * warnings (no To:, no From:, above 20 MB; path names the draft) to warn;
 * false with the reason in err.  Thread-safe as driver_render_one. */
bool driver_package_draft(struct spc_env *env, const struct case_data *cd, const char *lang,
    int64_t ctime, const unsigned char *pdf, size_t pdf_len, const char *path, char **eml,
    size_t *eml_len, FILE *warn, char *err, size_t errlen);
/* Load the e-mail module the drafts are written with (mime.h), once per
 * process, before any worker starts: from $SPCOMM_MIME_MODULE if set,
 * else the build tree's for the build tree's executable, else the one
 * installed beside the program (SPCOMM_MIME_REL from its directory).
 * False with "spcomm: cannot load the e-mail module PATH: reason" printed
 * to err. */
bool driver_load_mime(FILE *err);
/* Read what PDF/A documents embed (the sRGB ICC profile) before any
 * worker starts; false (the reason, naming the package, printed to err)
 * if it is missing. */
bool driver_prepare_pdfa(struct spc_env *env, FILE *err);

/*
 * SHA-256 (hex) of spcomm's data: every YAML file of forms/ and locale/,
 * names and bytes, in name order.  False (reason to err) if a file cannot
 * be read.
 */
bool driver_data_sha256(struct spc_env *env, char hex[65], FILE *err);

/* Every font file is there (else the first missing one and its Debian
 * package to err): fonts_all_present, reported. */
bool driver_fonts_present(struct spc_env *env, FILE *err);

/* The creation time of the case's documents: given if >= 0, else
 * midnight UTC of the case's date. */
int64_t driver_creation_time(const struct case_data *cd, int64_t given);

/* The case id as the copy shows it and names its file (copy_case_id): a
 * neutral one when the id names someone the copy withholds.  With input
 * (a case file's path), *input_shown says whether records kept beside the
 * copy may hold that path.  In a. */
const char *driver_copy_id(const struct case_data *cd, enum spc_copy copy, struct arena *a,
    const char *input, bool *input_shown);

/* Add to s the SHA-256 of each translation file beside case_file
 * (<case>.<lang>.po, po.h), which driver_load_case applies: a --resume
 * must redo the documents of a case whose translations changed. */
void driver_hash_translations(const char *case_file, struct sha256 *s);

/* The name of one document into path (size bytes):
 * DIR/ID.LANG[.COPY].EXT ("out/ua-2026-017.fr.government.pdf"), without
 * "DIR/" when dir is NULL.  id is the one the copy shows (driver_copy_id);
 * ext "pdf", or "eml" for the draft of a full copy.  The one naming of
 * documents that render, package and batch share. */
void driver_document_path(char *path, size_t size, const char *dir, const char *id,
    const char *lang, enum spc_copy copy, const char *ext);

#endif
