/*
 * layout.h - page layout: a validated case, its form and a catalog ->
 * a display list of A4 pages (display.h).
 *
 * Generic over forms: page 1 has the addressee block, the title, the
 * banner, the line with date, case id, language and copy, and the
 * summary box; then the form's sections in the UN's order, numbered, with
 * label/value rows, narratives as justified paragraphs, records and lists
 * of records as numbered blocks; then the footer on every page with
 * "Page N of M".  A row is never split across pages unless it is taller
 * than a page (a long narrative then continues, with no widow or orphan
 * line).  Right-to-left languages mirror the page (labels on the right).
 *
 * What the copy may show is the gate's decision (copy.h): values of the
 * classes it allows, names as consent says, free text that names nobody it
 * withholds, the case id it may show.  The layout asks; it never decides.
 * Measures text through the text layer (text.h); never includes hpdf.h.
 */
#ifndef SPCOMM_LAYOUT_H
#define SPCOMM_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "case.h"
#include "catalog.h"
#include "copy.h"
#include "countries.h"
#include "display.h"
#include "form.h"
#include "text.h"

struct layout_options {
	const char *lang;            /* output language */
	enum copy_kind copy;
	const struct copy_gate *gate; /* of cd for `copy`; NULL: the layout makes one */
	const struct catalog *cat;   /* the output language's catalog */
	const struct countries *countries; /* UN names that differ from ICU's, or NULL */
	int64_t creation_time;       /* seconds since the epoch (UTC) */
};

/*
 * Lay out cd.  Returns the display list (in a), or NULL with a message in
 * err (a page limit exceeded, text that cannot be broken).
 */
struct display *layout_case(const struct case_data *cd, const struct form_set *fs,
    const struct layout_options *o, struct text_ctx *tc, struct arena *a,
    char *err, size_t errlen);

/* The most parts of a subject taken from the form (the rest unused). */
#define LAYOUT_SUBJECT_PARTS 8

/* The summary box of page 1 in words, as the copy shows it, for the
 * e-mail of `spcomm package` (package.h): who, what, where, when (NULL
 * where the box has no line); the form's title; the case id the copy
 * shows; the States concerned (NULL when none).  All in a. */
struct layout_summary {
	const char *line[4];
	const char *title;
	const char *case_id;
	const char *states;
	const char *kind;     /* the kind of communication asked for */
	const char *action;   /* the action requested, first paragraph, or NULL */
	/* the subject's leading parts, as the form's `subject:` gives them
	 * for this case ("URGENT APPEAL"; the kind of communication), or the
	 * kind alone when the form has none; the States and id follow */
	const char *subject[LAYOUT_SUBJECT_PARTS];
	size_t n_subject;
};
bool layout_summary(const struct case_data *cd, const struct form_set *fs,
    const struct layout_options *o, struct arena *a, struct layout_summary *out);

/* The copy's name as used in file names ("", "government", "public"). */
const char *layout_copy_suffix(enum copy_kind c);

#endif
