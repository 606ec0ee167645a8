/*
 * manifest.h - the batch manifest, OUT/manifest.jsonl (spcomm(1), "batch"): JSON Lines, one object per document (one per case when the
 * case is invalid or refused), appended and flushed to disk as each
 * finishes (in a batch, as each group of documents is committed, after
 * their files are durably in place), so that it survives an interrupted
 * run and `--resume` can tell what is already done.  A record:
 *
 *   {"input":"cases/a.yaml","input_sha256":"9f…","deps_sha256":"2b…",
 *    "id":"ua-2026-017",
 *    "lang":"en","copy":"full","format":"pdf","status":"ok","error":null,
 *    "diagnostics":[{"file":…,"line":…,"severity":"warning",…}],
 *    "outputs":[{"path":"out/ua-2026-017.en.pdf","size":48211,"sha256":"c1…"}],
 *    "version":"0.1.0"}
 *
 * deps_sha256 covers what a document depends on besides the case file:
 * the bytes of its annexes (their SHA-256, in the case's order) and of
 * spcomm's forms and catalogs, so that --resume redoes a document whose
 * annex or wording changed.
 * outputs holds the PDF, then, for a full copy of a run with --package,
 * its e-mail draft <id>.<lang>.eml (docs/package.md).
 * status is ok, invalid, failed or skipped; format is "pdf" or "pdf/a-1b"
 * (--pdfa); lang, copy and format are null in a record about the whole case; diagnostics are diag_print_json's objects.
 * Each run first appends one line of its own, which the reader passes
 * over (it has no "input"), so that the records of two runs can be told
 * apart:
 *
 *   {"run":{"start":"2026-03-01T09:30:00Z","version":"0.1.0",
 *    "options":{"langs":["en"],"copies":["full"],"pdfa":false,
 *    "resume":true,"force":false,"shard":"1/4","jobs":8}}}
 *
 * The reader is a small JSON parser for these records only (no library):
 * it takes the string fields and the outputs and skips everything else.
 */
#ifndef SPCOMM_MANIFEST_H
#define SPCOMM_MANIFEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "arena.h"

struct manifest_output {
	const char *path;
	uint64_t size;
	const char *sha256;       /* 64 lower-case hex digits */
};

struct manifest_record {
	const char *input;        /* path of the case file as given */
	const char *input_sha256; /* NULL: the file could not be read */
	const char *deps_sha256;  /* annexes, forms and catalogs; NULL if unknown */
	const char *id;           /* case id, or NULL */
	const char *lang, *copy;  /* NULL for a record about the whole case */
	const char *format;       /* "pdf", "pdf/a-1b"; NULL as lang */
	const char *status;       /* "ok", "invalid", "failed", "skipped" */
	const char *error;        /* why it failed, or NULL */
	const char *diagnostics;  /* writing only: JSON objects joined by ','
	                             (the inside of the array), or NULL */
	const struct manifest_output *outputs;
	size_t n_outputs;
	const char *version;      /* spcomm's */
};

/* The record as one line of JSON, with its '\n', to fp. */
void manifest_format(FILE *fp, const struct manifest_record *r);

/*
 * Parse one line (without its '\n') into r; strings and outputs are
 * allocated in a.  Fields absent or null are NULL.  False if the line is
 * not a JSON object (a line cut by a crash, or anything else), r then
 * being unspecified.
 */
bool manifest_parse(const char *line, size_t len, struct arena *a, struct manifest_record *r);

/* The open manifest of an output directory.  Not thread-safe: the batch
 * appends under its own lock. */
struct manifest;

/* Open dir/manifest.jsonl for appending (created 0600).  If its last line
 * is not a whole record (no '\n', or not a JSON object: a run killed in
 * the middle of it), the file is cut back to the end of the line before,
 * and *cut gets the bytes removed (else 0).  NULL with err filled on
 * failure. */
struct manifest *manifest_open(const char *dir, size_t *cut, char *err, size_t errlen);
/* Append r as one write(2) and fsync it.  False with err filled on
 * failure; the file is then cut back to its length before, so that no
 * half record is left (stop writing all the same). */
bool manifest_append(struct manifest *m, const struct manifest_record *r, char *err,
    size_t errlen);
/* Append r[0..n) as manifest_append does one record: one write(2) of all
 * their lines and one fsync.  On failure none of them is left (the file
 * is cut back to its length before).  n == 0 writes nothing. */
bool manifest_append_many(struct manifest *m, const struct manifest_record *r, size_t n,
    char *err, size_t errlen);
/* The line a run starts with: start is ISO 8601 UTC, options a JSON
 * object (text) or NULL for {}. */
struct manifest_run {
	const char *start;
	const char *version;
	const char *options;
};

/* Append a run's line, as manifest_append does. */
bool manifest_append_run(struct manifest *m, const struct manifest_run *run, char *err,
    size_t errlen);

/* Close; false with err filled if close(2) reports an error. */
bool manifest_close(struct manifest *m, char *err, size_t errlen);

/* What an earlier run finished: for each document (input, lang, copy),
 * the last record with status ok or skipped. */
struct manifest_index;

/* Read dir/manifest.jsonl (a missing file gives an empty index).  Lines
 * that do not parse are counted in *n_bad and ignored.  NULL with err
 * filled if the file exists but cannot be read. */
struct manifest_index *manifest_index_load(const char *dir, size_t *n_bad, char *err,
    size_t errlen);
/* The record of a document, or NULL.  Inputs are compared as
 * manifest_path_key writes them: "./in/a.yaml" is "in/a.yaml". */
const struct manifest_record *manifest_index_find(const struct manifest_index *ix,
    const char *input, const char *lang, const char *copy);
/* The output a kept record lists at path (compared as keys), or NULL:
 * the file an earlier run wrote there, whichever input it was for. */
const struct manifest_output *manifest_index_output(const struct manifest_index *ix,
    const char *path);
void manifest_index_free(struct manifest_index *ix);

/* path written without what names no other file lexically: "." segments
 * and repeated or trailing slashes ("./out//x.pdf" is "out/x.pdf"; ".."
 * is kept, as a symbolic link's parent is not the lexical one), into
 * buf; NULL if it does not fit. */
char *manifest_path_key(const char *path, char *buf, size_t size);

#endif
