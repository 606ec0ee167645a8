/*
 * cond.h - the condition language of the forms (`required`, `recommended`,
 * rules and facts; docs/form-language.md), evaluated on a case's YAML
 * tree so that conditions work before the case has been validated.
 */
#ifndef SPCOMM_COND_H
#define SPCOMM_COND_H

#include <stdbool.h>

#include "form.h"
#include "intl.h"
#include "ytree.h"

/* The node at path, relative to the record rec ("kind", "../kind") or
 * from root ("/communication.subject_kind"); NULL if absent. */
const struct ynode *cond_resolve(const struct ynode *root, const struct ynode *rec,
    const char *path);

/* A value is present when it exists and is not an empty plain scalar. */
bool cond_present(const struct ynode *n);

/* Evaluate c with paths relative to rec.  IS and IN on a list are true
 * when one of its items matches. */
bool cond_eval(const struct cond *c, const struct ynode *root, const struct ynode *rec);

/* The date at path (from root) lies within days before the case's
 * `date` (or, months > 0, within that many calendar months, inclusive).
 * False when either date is missing or invalid. */
bool cond_recent(const struct ynode *root, const char *path, int days, int months);

/* The condition in words, as templates and diagnostics print it
 * ("kind is organization", "status is filled in and is not given"),
 * into the arena. */
const char *cond_describe(struct arena *a, const struct cond *c);

/* A value not filled in yet: a template placeholder ("<...>" on one
 * line), an empty quoted string, or a record or list holding only such
 * values (a block of `spcomm new` left as it was written). */
bool cond_unfilled(const struct ynode *n);

/* Whether a field the condition reads holds a value not filled in yet
 * (a template placeholder "<...>" or an empty quoted string), seen from
 * rec: the condition cannot be decided before it is.  The first such
 * path goes to *path. */
bool cond_undecided(const struct cond *c, const struct ynode *root, const struct ynode *rec,
    const char **path);

#endif
