/*
 * case.h - the normalized case: what the validator builds from a case tree
 * that matches its form, and what the layout reads.
 *
 * A struct cval mirrors one value of the case file, typed by its form
 * field: text in NFC, dates parsed, enumerations checked, translations
 * kept.  Records hold their present members in form order; lists their
 * items.  Each value knows its effective disclosure class (form.h), so a
 * copy for the Government or the public is built by including only the
 * allowed classes.  Everything lives in the case's arena.
 */
#ifndef SPCOMM_CASE_H
#define SPCOMM_CASE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "form.h"
#include "intl.h"
#include "ytree.h"

enum tri_value { TRI_NO, TRI_YES, TRI_UNKNOWN };

struct translation {
	const char *lang;
	const char *text;      /* NFC */
};

struct cval {
	const struct form_field *field;
	const struct ynode *node;  /* where it was written */
	enum disclosure class;     /* effective */
	/* scalars */
	const char *text;          /* NFC; the case language's text when translated */
	size_t len;
	struct translation *translations;  /* when given as a mapping */
	size_t n_translations;
	struct pdate date;         /* DATE, PDATE */
	long long number;          /* INT */
	bool flag;                 /* BOOL */
	enum tri_value tri;        /* TRI */
	/* attachment records: the file's size and SHA-256, read at validation */
	const char *sha256;
	uint64_t file_size;
	/* RECORD members (present ones, form order) and LIST items */
	struct cval **kids;
	size_t n_kids;
};

struct case_data {
	const struct form *form;
	struct cval *root;
	const char *file;          /* path as given */
	const char *dir;           /* directory of the case file, for attachments */
	const char *id;
	const char *language;
	struct pdate date;         /* the submission date */
};

/*
 * The path of a value as diagnostics name it ("victims[2].name.family"),
 * built while walking a case: one buffer for the whole walk, a segment
 * added on the way down and taken off on the way up, so that walking a
 * case of 8,000 victims does not leave a string per value behind.  s is
 * the path so far ("" at the top); it changes as the walk moves, so copy
 * it (arena_strdup) where a path is kept.  Each push returns a mark to
 * pop back to.  The buffer is malloc'd: case_path_free it after the walk.
 */
struct case_path_buf {
	char *s;
	size_t len, cap;
};

void case_path_init(struct case_path_buf *p);
void case_path_free(struct case_path_buf *p);
/* ".name" ("name" at the top). */
size_t case_path_push_key(struct case_path_buf *p, const char *name);
/* "[i]". */
size_t case_path_push_index(struct case_path_buf *p, size_t i);
/* The i-th child of c: "[i]" for an item of a list, ".name" for a
 * member of a record. */
size_t case_path_push_child(struct case_path_buf *p, const struct cval *c, size_t i);
/* Back to the path as it was when the push returned mark. */
void case_path_pop(struct case_path_buf *p, size_t mark);
/* The path of the value target under c pushed onto p (which holds c's);
 * false, p as it was, when target is not under c. */
bool case_path_of(struct case_path_buf *p, const struct cval *c, const struct cval *target);

/* The member of a record value, or NULL when absent. */
const struct cval *case_get(const struct cval *rec, const char *name);
/* Follow a dotted path of members ("communication.requested_type"). */
const struct cval *case_path(const struct cval *rec, const char *path);
/* The date of the events for ages at the event: the earliest date at the
 * form's `event_dates` paths, through every item of lists (the first
 * incident of several), as the validator checks a stated age against it.
 * False when the case has none. */
bool case_event_date(const struct case_data *cd, struct pdate *out);
/* The earliest date at the dotted path from rec, through every item of
 * lists, into *best if it is earlier than *best or *have is false (then
 * set). */
void case_earliest_date(const struct cval *rec, const char *path, struct pdate *best,
    bool *have);
/* Whether c is a record of the block `block` (form.h): "person" for a
 * victim, a disappeared person or a detainee; "name" for a name. */
bool case_is_block(const struct cval *c, const char *block);

/* What a person's consent says about showing the name (docs/case-format.md,
 * "Persons and consent").  Absent answers are the safe ones: not shared, not
 * published. */
enum publish_name { PUBLISH_NO, PUBLISH_INITIALS, PUBLISH_FULL };
struct case_consent {
	bool share_with_government;   /* consent.share_name_with_government: yes */
	enum publish_name publish;    /* consent.publish_name */
};
struct case_consent case_person_consent(const struct cval *person);

/* The given and family name parts of a name record: the Latin ones, or
 * the original script's when no Latin part is written (either may be
 * NULL). */
void case_name_given_family(const struct cval *name, const struct cval **g,
    const struct cval **f);

/* Whether the original family name of a name record is in a CJK script. */
bool case_name_is_cjk(const struct cval *name);

/* Whether a name record is written family name first: its `order`, else
 * the script of its original (Chinese, Japanese and Korean names are). */
bool case_name_family_first(const struct cval *name);

/* "A. S.": the first letter of each part of a name record, in the order
 * the name is printed ("Z. W." for Zhang Wei); for a name given only in
 * its own script, those of its Latin transliteration (NULL when there is
 * none).  Into the arena. */
const char *case_name_initials(struct arena *a, const struct cval *name);

/* The paragraph of a text value at *p, or NULL after the last one; *p
 * moves past it.  Blank lines separate paragraphs; single line breaks
 * inside a paragraph are spaces (text written at 80 columns must not
 * print ragged).  The layout prints paragraphs so, and the validator
 * reads them so to tell what a copy will withhold.  Into the arena. */
char *case_next_paragraph(struct arena *a, const char **p);

/* The text of v in lang: the translation if there is one, else the
 * original; *translated says which. */
const char *case_text_in(const struct cval *v, const char *lang, bool *is_original);

#endif
