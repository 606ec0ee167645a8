/*
 * validate.h - the validator: a case tree checked against its form,
 * reporting every problem (never just the first), and building the
 * normalized case (case.h) in the same walk.
 *
 * Generic over form files: types, required and recommended fields and
 * their conditions, enumerations, patterns, references, lists, records,
 * translations, unknown keys with the nearest known key, characters that
 * cannot be drawn; then the rules across fields: dates after the
 * submission date or out of order, births after events, ages that
 * disagree with dates of birth, the form's own `rules:`, and text of the
 * source's identity (SRC) found inside a narrative that leaves OHCHR.
 *
 * The hint of a missing field is its help text from the English catalog
 * (what the UN needs there), when a catalog is given.
 */
#ifndef SPCOMM_VALIDATE_H
#define SPCOMM_VALIDATE_H

#include <stdbool.h>
#include <stdint.h>

#include "arena.h"
#include "case.h"
#include "catalog.h"
#include "diag.h"
#include "form.h"
#include "ytree.h"

/*
 * Validate tree (loaded from file) against the form its `form:` names.
 * Diagnostics go to dl.  Returns the case (in arena) when there is no
 * error; NULL otherwise.  help may be NULL.
 */
struct case_data *validate_case(const struct form_set *fs, const struct catalog *help,
    const struct ytree *tree, const char *file, struct arena *arena,
    struct diag_list *dl);

/*
 * Whether the fonts draw code point cp (coverage.h answers it; the
 * validator sees only this predicate, not the fonts).
 */
struct drawable {
	bool (*has)(const void *ctx, uint32_t cp);
	const void *ctx;
};

/*
 * The same, also refusing any character drawable->has refuses, rather
 * than let the PDF show an empty box.  validate_case is this with
 * drawable NULL (tests and fuzzing without fonts).
 */
struct case_data *validate_case_drawable(const struct form_set *fs,
    const struct catalog *help, const struct drawable *drawable,
    const struct ytree *tree, const char *file, struct arena *arena,
    struct diag_list *dl);

/*
 * validate_case_drawable for a case already validated with no error, read
 * again from the same bytes (a batch validates every case first and
 * renders later): the checks of the whole case against its copies' gates
 * (the source's identity in the narrative, what the copies withhold, the
 * scripts they cannot read) are skipped, as they can only add warnings
 * the first validation gave.  The caller compares the bytes.
 */
struct case_data *validate_case_again(const struct form_set *fs,
    const struct catalog *help, const struct drawable *drawable,
    const struct ytree *tree, const char *file, struct arena *arena,
    struct diag_list *dl);

#endif
