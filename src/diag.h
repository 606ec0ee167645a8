/*
 * diag.h - diagnostics: what is wrong with an input, where, and what to do.
 *
 * Library code never prints: problems are appended to a struct diag_list,
 * and the caller (cli.c, the batch driver) decides how to show them, as
 * compiler-style text with the source line and a caret, or as JSON lines.
 * Positions are stored 0-based, counted in code points as libyaml counts
 * them, and printed 1-based.
 */
#ifndef SPCOMM_DIAG_H
#define SPCOMM_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "diag_codes.h"

enum diag_severity { DIAG_ERROR, DIAG_WARNING };

enum diag_code {
#define X(name, str, sev) DIAG_##name,
	DIAG_CODES(X)
#undef X
	DIAG__COUNT
};

/* A region of the source.  line/col are 0-based code-point positions (as
 * libyaml marks), offset is the byte offset of the start. */
struct span {
	uint32_t line, col;
	uint32_t end_line, end_col;
	size_t offset, end_offset;
};

struct diag {
	enum diag_code code;
	enum diag_severity severity;
	bool has_span;
	struct span span;
	char *path;    /* field path such as "victims[0].name.family", or NULL */
	char *message; /* one sentence, no trailing period */
	char *hint;    /* what to do, or NULL */
	char *file;    /* the file it is about when not the list's (a translation
	                  file of the case, po.h), or NULL; no excerpt then */
};

/* The diagnostics of one input file.  The list owns its strings (malloc). */
struct diag_list {
	const char *file;   /* name as given by the user, borrowed */
	const char *src;    /* the file's bytes for excerpts, borrowed, may be NULL */
	size_t src_len;
	struct diag *items;
	size_t n_items, cap;
	size_t n_errors, n_warnings;
	size_t n_dropped;   /* past LIMIT_DIAGS_PER_FILE */
};

void diag_list_init(struct diag_list *dl, const char *file);
void diag_list_free(struct diag_list *dl);

/* Append a diagnostic.  span and path and hint may be NULL; hint is a
 * plain string (copied).  The message is printf-formatted. */
void diag_add(struct diag_list *dl, enum diag_code code, const struct span *span,
    const char *path, const char *hint, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* Say that the diagnostic added last is about file (copied), not the
 * list's own file: a translation file read with the case. */
void diag_set_file(struct diag_list *dl, const char *file);

/* diag_add for a problem in another file than the list's (a form or
 * catalog of the data directory): the diagnostic names file, so it prints
 * as "file:line:col: error: ..." whatever list it is in. */
void diag_add_in(struct diag_list *dl, const char *file, enum diag_code code,
    const struct span *span, const char *path, const char *hint, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));

/* Say that every diagnostic from index first on is about file: those a
 * reader added while loading another file than the list's. */
void diag_set_file_from(struct diag_list *dl, size_t first, const char *file);

/* Sort by position (stable), so output follows the file; diagnostics of
 * other files (diag_set_file) come after the list's own. */
void diag_sort(struct diag_list *dl);

enum diag_severity diag_code_severity(enum diag_code code);
const char *diag_code_name(enum diag_code code);

/* Text form: "file:line:col: error: path: message [code]", the source line
 * with a caret under the span, then "hint: ...".  color: ANSI colours. */
void diag_print_text(FILE *fp, const struct diag_list *dl, bool color);
/* One JSON object per line: file, line, column, severity, path, code,
 * message, hint. */
void diag_print_json(FILE *fp, const struct diag_list *dl);
/* The same without the message's words and the hint, which may quote the
 * case: for records kept beside Government or public copies (a batch
 * manifest).  file stands for the list's file name. */
void diag_print_json_redacted(FILE *fp, const struct diag_list *dl, const char *file);
/* Write s as a JSON string literal (with quotes). */
void diag_json_string(FILE *fp, const char *s);

/* Span from a byte offset in src: computes 0-based line and code-point
 * column.  Used for errors that libyaml reports only as a byte offset. */
struct span diag_span_at_offset(const char *src, size_t len, size_t offset);

#endif
