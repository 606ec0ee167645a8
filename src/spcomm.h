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

/* Exit statuses (cli.md). */
enum spc_status {
	SPC_OK = 0,        /* every case valid, every document written */
	SPC_INVALID = 1,   /* at least one case invalid or failed */
	SPC_USAGE = 2,     /* usage error, or the run could not start */
};

enum spc_format { SPC_FORMAT_TEXT, SPC_FORMAT_JSON };

struct spc_env;

/*
 * Load forms/ and locale/ from data_dir (NULL: the built-in default or
 * $SPCOMM_DATA_DIR).  font_dir may be NULL.  On failure prints why to err
 * and returns NULL.
 */
struct spc_env *spc_env_open(const char *data_dir, const char *font_dir, FILE *err);
void spc_env_close(struct spc_env *env);

struct spc_print {
	FILE *fp;                  /* where diagnostics go */
	enum spc_format format;
	bool color;
};

/* Validate one case file; prints its diagnostics.  SPC_OK or SPC_INVALID. */
enum spc_status spc_check(struct spc_env *env, const char *file, const struct spc_print *pr);

enum spc_copy { SPC_COPY_FULL, SPC_COPY_GOVERNMENT, SPC_COPY_PUBLIC };

struct spc_render_options {
	const char *const *langs;  /* NULL: the case's language */
	size_t n_langs;
	const enum spc_copy *copies; /* NULL: full */
	size_t n_copies;
	const char *out_file;      /* -o: exactly one document */
	const char *out_dir;       /* -d (default "."), names <id>.<lang>[.<copy>].pdf */
	bool force;                /* overwrite existing files */
	int64_t creation_time;     /* from SOURCE_DATE_EPOCH, or -1: the case's date */
	FILE *report;              /* one line per written file, or NULL */
};

/* Validate, then render one case to one PDF per language and copy. */
enum spc_status spc_render(struct spc_env *env, const char *file,
    const struct spc_render_options *o, const struct spc_print *pr);

/* `spcomm forms`: list the forms, or describe one (markdown: as Markdown).
 * SPC_USAGE for an unknown form. */
enum spc_status spc_forms(struct spc_env *env, const char *form, bool markdown, FILE *out,
    FILE *err);

/* `spcomm new`: a commented case-file template for form, with labels and
 * help texts in lang, to out.  SPC_USAGE for an unknown form or language. */
enum spc_status spc_new(struct spc_env *env, const char *form, const char *lang, FILE *out,
    FILE *err);

/* Whether lang is an output language (en fr es ru zh ar). */
bool spc_output_lang(const char *lang);

/* Library version. */
const char *spc_version(void);

#endif
