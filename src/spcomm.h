/*
 * spcomm.h - the library's surface for the command-line tool, the tests and
 * the benchmarks.  cli.c includes only this header.
 *
 * Ownership: everything derived from one case (its tree, its model, its
 * display list) lives in that case's arena and is freed before the call
 * returns.  An environment (forms, catalogs, font directory) is loaded
 * once, is immutable, and may be shared read-only by worker threads.
 * Diagnostics are printed by these functions to the FILE they are given;
 * library code below this layer never prints.
 */
#ifndef SPCOMM_SPCOMM_H
#define SPCOMM_SPCOMM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Exit statuses (spcomm(1), EXIT STATUS). */
enum spc_status {
	SPC_OK = 0,        /* every case valid, every document written */
	SPC_INVALID = 1,   /* at least one case invalid or failed */
	SPC_USAGE = 2,     /* usage error, or the run could not start */
};

enum spc_format { SPC_FORMAT_TEXT, SPC_FORMAT_JSON };

struct spc_env;

/*
 * Put the calling (main) thread's heap on transparent huge pages where
 * the system gives them on request (Linux's "madvise" mode): one fault
 * for each 2 MiB instead of one for each 4 KiB page first touched, which
 * in a virtual machine can be most of a short run's time.  Call once,
 * from the main thread, before the run's work allocates (later calls do
 * nothing); does nothing where it cannot (not glibc, sanitizers).  The
 * process keeps its heap's first 8 MiB and blocks up to 4 MiB in it.
 */
void spc_heap_init(void);

/*
 * Load forms/ and locale/ from data_dir (NULL: $SPCOMM_DATA_DIR if set,
 * else ../share/spcomm beside the executable's directory, or the source
 * tree for the executable the build tree holds).  font_dir may be NULL.  On failure prints why to err
 * and returns NULL.
 */
struct spc_env *spc_env_open(const char *data_dir, const char *font_dir, FILE *err);
void spc_env_close(struct spc_env *env);

/* Diagnostics counted over a run (the closing "2 errors, 5 warnings"). */
struct spc_counts {
	size_t files, errors, warnings;
};

struct spc_print {
	FILE *fp;                  /* where diagnostics go (JSON: standard output) */
	FILE *msg;                 /* other messages (written, failed); NULL: fp */
	enum spc_format format;
	bool color;
	struct spc_counts *counts; /* NULL, or the diagnostics printed are added */
};

/*
 * Validate one case file; prints its diagnostics.  SPC_OK or SPC_INVALID.
 * The file "-" is standard input, named "<stdin>" in diagnostics; its
 * annexes are then found from the current directory, and no translation
 * file is read beside it.
 */
enum spc_status spc_check(struct spc_env *env, const char *file, const struct spc_print *pr);

/*
 * spc_check over args: a file as given, a directory searched recursively
 * for *.yaml as `spcomm batch` does (batch.h).  SPC_USAGE, with the
 * reason to pr->msg, when a directory cannot be read or nothing is found.
 */
enum spc_status spc_check_paths(struct spc_env *env, const char *const *args, size_t n_args,
    const struct spc_print *pr);

enum spc_copy { SPC_COPY_FULL, SPC_COPY_GOVERNMENT, SPC_COPY_PUBLIC };

struct spc_render_options {
	const char *const *langs;  /* NULL: the case's language */
	size_t n_langs;
	const enum spc_copy *copies; /* NULL: full */
	size_t n_copies;
	const char *out_file;      /* -o: exactly one document */
	const char *out_dir;       /* -d (default "."), names <id>.<lang>[.<copy>].pdf */
	bool force;                /* overwrite existing files */
	bool pdfa;                 /* PDF/A-1b (needs an sRGB ICC profile, pdf.h) */
	int64_t creation_time;     /* from SOURCE_DATE_EPOCH, or -1: the case's date */
	FILE *report;              /* one line per written file, or NULL */
	/* --translations: PO files applied after <case>.<lang>.po beside the
	 * case (docs/translating.md) */
	const char *const *translations;
	size_t n_translations;
};

/* Validate, then render one case to one PDF per language and copy. */
enum spc_status spc_render(struct spc_env *env, const char *file,
    const struct spc_render_options *o, const struct spc_print *pr);

struct spc_batch_options {
	const char *out_dir;       /* -d: must exist; holds the documents,
	                              manifest.jsonl and .spcomm.lock */
	const char *const *langs;  /* NULL: each case's language */
	size_t n_langs;
	const enum spc_copy *copies; /* NULL: full */
	size_t n_copies;
	unsigned jobs;             /* worker threads; 0: the online CPUs */
	bool force;                /* replace existing files */
	bool pdfa;                 /* PDF/A-1b, as for spc_render */
	bool package;              /* with each full copy, its e-mail draft
	                              <id>.<lang>.eml (as spc_package), a
	                              second output of its record; needs the
	                              full copy among copies (else SPC_USAGE) */
	bool resume;               /* skip documents the manifest shows done
	                              in the same format (PDF or PDF/A) */
	unsigned shard, n_shards;  /* this run takes shard 1..n_shards; 0: all */
	int64_t creation_time;     /* as for spc_render */
	bool progress;             /* progress lines on err (when a terminal) */
	bool quiet;                /* no closing summary when every case
	                              succeeded (-q) */
	bool color;                /* colour the text diagnostics on err */
};

/*
 * `spcomm batch`: find the case files (directories are searched
 * recursively for *.yaml, in sorted order), validate them all, then
 * render every document in o->jobs threads, appending one record per
 * document (one per case when it is invalid) to out_dir/manifest.jsonl.
 * Diagnostics, failures and progress go to err.  SPC_OK when every case
 * is valid and every document written or already done; SPC_INVALID when
 * any is not, or the run was interrupted; SPC_USAGE when the run could
 * not start (output directory, lock held by another run, fonts,
 * catalogs).  Uses the environment from several threads: no other call
 * may use env meanwhile.
 */
enum spc_status spc_batch(struct spc_env *env, const struct spc_batch_options *o,
    const char *const *inputs, size_t n_inputs, FILE *err);

/* Ask a running spc_batch to stop: the documents in flight are finished,
 * no other is started, and spc_batch returns SPC_INVALID.  Async-signal-
 * safe (meant for SIGINT and SIGTERM handlers). */
void spc_batch_interrupt(void);

struct spc_merge_options {
	const char *out_file;      /* -o: the merged manifest; NULL: standard output */
	bool force;                /* replace an existing -o file */
	const char *const *inputs; /* --inputs: the batch's operands, or NULL */
	size_t n_inputs;
};

/*
 * `spcomm manifest merge`: combine the manifests of a batch's shards (a
 * file, or a batch's output directory for its manifest.jsonl) into one,
 * written atomically: every run line, marked with the manifest it came
 * from, then each document's last record of each manifest.  SPC_INVALID,
 * nothing written and the reasons on err, when a case appears in two
 * manifests, the run lines differ in version or document options (langs,
 * copies, pdfa), or with inputs, when an input is in no manifest or a
 * record's input is not among them.  SPC_USAGE when a file cannot be
 * read or written.
 */
enum spc_status spc_manifest_merge(const char *const *manifests, size_t n,
    const struct spc_merge_options *o, FILE *err);

/* `spcomm forms`: list the forms, or describe one (markdown: as Markdown).
 * SPC_USAGE for an unknown form. */
enum spc_status spc_forms(struct spc_env *env, const char *form, bool markdown, FILE *out,
    FILE *err);

/* `spcomm forms --json-schema FORM`: the JSON Schema (draft 2020-12) of
 * form's case files for editors, titles and descriptions in lang (NULL:
 * en), to out.  SPC_USAGE for an unknown form or language, or when
 * writing fails. */
enum spc_status spc_forms_schema(struct spc_env *env, const char *form, const char *lang,
    FILE *out, FILE *err);

/* `spcomm new`: a commented case-file template for form, with labels and
 * help texts in lang, to out; its first line is the modeline that names
 * the form's JSON Schema for editors.  SPC_USAGE for an unknown form or language. */
enum spc_status spc_new(struct spc_env *env, const char *form, const char *lang, FILE *out,
    FILE *err);

/* `spcomm i18n check|status` (what: "check" or "status"): compare every
 * catalog of locale/ with locale/en.yaml and en.yaml with the forms.
 * check prints one line per problem to err and a summary to out: SPC_OK,
 * or SPC_INVALID when a catalog that exists has a problem (a missing one
 * is a warning).  status prints the percent translated per language to
 * out.  SPC_USAGE for another word or an unreadable en.yaml. */
enum spc_status spc_i18n(struct spc_env *env, const char *what, FILE *out, FILE *err);

/* `spcomm i18n status CASE... [-l LANGS]`: for each case and each language
 * of langs[0..n_langs) (all output languages when n_langs is 0) other than
 * the case's own, the translatable values still without a translation
 * (i18n.h), to out, those whose translation is stale marked so.  The
 * translation files beside each case are read, and translations[0..n) on
 * top.  SPC_INVALID when a case does not validate or a translation file
 * has an error (the diagnostics printed as pr says), else SPC_OK: the list
 * is information, not a failure. */
enum spc_status spc_i18n_cases(struct spc_env *env, const char *const *files, size_t n_files,
    const char *const *langs, size_t n_langs, const char *const *translations,
    size_t n_translations, FILE *out, const struct spc_print *pr);

struct spc_extract_options {
	const char *out_file;      /* -o; NULL: standard output */
	bool force;                /* replace an existing file */
	const char *const *translations;  /* --translations, as for render */
	size_t n_translations;
};

/* `spcomm i18n extract -l LANG CASE`: the case's translatable texts of
 * classes GOV and PUB that the Government copy may show, as a gettext PO
 * file for a translator into lang (po.h), with the translations the case
 * and its translation files already have.  A one-line summary (and how
 * many texts were left out) to pr->fp.  SPC_INVALID for an invalid case
 * or a failed write, SPC_USAGE when lang is the case's own language. */
enum spc_status spc_i18n_extract(struct spc_env *env, const char *file, const char *lang,
    const struct spc_extract_options *o, const struct spc_print *pr);

/* `spcomm i18n export -l LANG [-o FILE.po]`: the catalog locale/<lang>.yaml
 * against locale/en.yaml as a gettext PO file for a translator (i18n.h),
 * to out_file (NULL: standard output; an existing file is replaced only
 * with force).  creation_time: SOURCE_DATE_EPOCH, or -1.  A one-line
 * summary to err.  SPC_USAGE for a language that is not en fr es ru zh ar or
 * an unreadable catalog, SPC_INVALID for a failed write. */
enum spc_status spc_i18n_export(struct spc_env *env, const char *lang, const char *out_file,
    bool force, int64_t creation_time, FILE *err);

/* `spcomm i18n import FILE.po`: its translations back into the catalog of
 * its Language, in place, keeping the file's comments and order
 * (i18n.h).  SPC_INVALID, with nothing written, when an entry is refused
 * (its file:line to err). */
enum spc_status spc_i18n_import(struct spc_env *env, const char *po_file, FILE *out,
    FILE *err);

struct spc_package_options {
	const char *const *langs;  /* NULL: the case's language */
	size_t n_langs;
	const char *out_dir;       /* -d (default "."): <id>.<lang>.eml */
	bool force;                /* replace existing files */
	bool pdfa;                 /* attach the PDF/A-1b full copy (as render --pdfa) */
	int64_t creation_time;     /* the Date: SOURCE_DATE_EPOCH, or -1: the case's date */
	FILE *report;              /* one line per written file, or NULL */
};

/* `spcomm package`: for each case and language, an e-mail draft
 * (package.h) to the mandates the case addresses, with the full-copy PDF
 * `spcomm render` writes and every annex attached.  A warning when a
 * message exceeds 20 MB.  SPC_OK, SPC_INVALID when a case is invalid or a
 * draft could not be written, SPC_USAGE when the output directory cannot
 * be written. */
enum spc_status spc_package(struct spc_env *env, const char *const *files, size_t n_files,
    const struct spc_package_options *o, const struct spc_print *pr);

/* Whether lang is an output language (en fr es ru zh ar). */
bool spc_output_lang(const char *lang);

/* Library version. */
const char *spc_version(void);

#endif
