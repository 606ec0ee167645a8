/*
 * form.h - the form model: a UN questionnaire loaded from forms/<name>.yaml.
 *
 * forms/common.yaml declares the shared blocks (person, consent, place...)
 * and the top-level fields of every form; forms/<key>.yaml declares one
 * form's own fields, its sections in the UN's order and its rules across
 * fields; forms/mandates.yaml lists the mandates.  The language is
 * documented in docs/form-language.md.  Problems in the form files
 * themselves are diagnostics (code form-file) against those files.
 *
 * A struct form_set holds common.yaml and mandates.yaml from the start and
 * each form from when it is first asked for (form_set_add), so a run
 * reads the forms its cases use, not all of them.  Adding is not
 * thread-safe: a set shared by worker threads has every form added first
 * (form_set_add_all), and is read-only from then on.
 */
#ifndef SPCOMM_FORM_H
#define SPCOMM_FORM_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "diag.h"

enum field_type {
	FT_STRING, FT_TEXT, FT_DATE, FT_PDATE, FT_TIME, FT_BOOL, FT_TRI, FT_INT,
	FT_ENUM, FT_COUNTRY, FT_LANG, FT_EMAIL, FT_REF, FT_RECORD, FT_LIST,
	FT_MANDATE,   /* a key of forms/mandates.yaml */
	FT__COUNT
};

enum disclosure { CLASS_PUB, CLASS_GOV, CLASS_SRC };

/* How a confidential (SRC) value identifies the source, for the search of
 * free text (copy.c).  ID_DEFAULT: a `name` block is a name, an email
 * field an e-mail address, another string a reference matched whole, a
 * text nothing. */
enum identity_kind { ID_DEFAULT, ID_NONE, ID_ORGANIZATION, ID_PHONE, ID_ADDRESS, ID_REFERENCE };

/* A condition of `required`, `recommended` and rules (form-language.md). */
enum cond_kind { COND_TRUE, COND_IS, COND_IN, COND_NOT_IN, COND_PRESENT,
	COND_ALL, COND_ANY, COND_NOT, COND_RECENT, COND_EVERY, COND_SOME };

struct cond {
	enum cond_kind kind;
	/* IS, IN, NOT_IN, PRESENT: the path and the values */
	const char *path;       /* "kind", "../kind", "/communication.subject_kind" */
	const char **values;
	size_t n_values;
	bool present;           /* PRESENT: true or false */
	int days;               /* RECENT: within this many days before /date */
	int months;             /* RECENT: or within this many calendar months */
	/* ALL, ANY, NOT; EVERY, SOME: subs[0] is the condition on each item
	 * of the list at path */
	struct cond **subs;
	size_t n_subs;
};

struct form_field {
	const char *name;       /* key in the case file */
	const char *label_key;  /* catalog key; help is label_key + ".help" */
	enum field_type type;
	const char *block;      /* block this record came from, or NULL */
	/* Who may see it.  The effective class of a value is its own class
	 * if written (class_set), else its parent's; anything under an SRC
	 * field is SRC whatever it says (form_effective_class). */
	enum disclosure class;
	bool class_set;
	bool translatable;
	/* What kind of identity a value of the field is when it is the
	 * source's (form-language.md, `identity`): one of identity_kind. */
	enum identity_kind identity;
	const struct cond *required;    /* NULL: optional */
	const struct cond *recommended;
	const char **values;    /* ENUM */
	size_t n_values;
	struct form_field **fields; /* RECORD members, in order */
	size_t n_fields;
	struct form_field *item;    /* LIST: the element */
	size_t min_items;
	const char *pattern;    /* ICU regular expression, whole match */
	const char *not_after;  /* path, or NULL for /date default; "none" */
	const char *not_before;
	const char *refs;       /* REF: path of the list of records with `id` */
	const char *default_value;
	const char *must_be;
	int min_precision;      /* PDATE: 2 month, 3 day */
	const char *missing;    /* message when a required field is missing */
	const char **aliases;   /* other names people give it: suggested, never accepted */
	size_t n_aliases;
	const char **one_of_required;
	size_t n_one_of_required;
	const char *one_of_missing; /* the hint when none of them is given */
	const char **one_of_recommended;
	size_t n_one_of_recommended;
};

struct form_section {
	const char *id;
	const char *title_key;  /* <form>.section.<id> */
	const char **fields;    /* top-level field names */
	size_t n_fields;
};

enum rule_kind { RULE_SOME, RULE_EVERY, RULE_CHECK, RULE_RECENT };

struct form_rule {
	enum rule_kind kind;
	const char *list;       /* SOME, EVERY: path of a list; RECENT: of a date */
	const struct cond *where;  /* SOME, EVERY: per item; CHECK: from the root */
	const struct cond *when;
	int days;               /* RECENT */
	int months;             /* RECENT: calendar months instead of days */
	const char *message;
	const char *hint;       /* the rule as the UN words it, or NULL */
	enum diag_code code;    /* DIAG_RULE, DIAG_RULE_WARNING or the rule's own `code` */
	bool warning;           /* severity: warning */
	const char *at;         /* where the diagnostic points, or NULL */
};

/* A fact stated in words at the end of a section (form-language.md). */
struct form_fact {
	const char *section;
	const char *text_key;
	const char *from, *to;  /* duration between two dates (to NULL: /date) */
	const struct cond *when;
};

/*
 * A value in words on page 1 (form-language.md, "Values in words"): the
 * summary box's who/what/where/when and the triage banners are built of
 * these.  FV_PATH: the value at a path, as the layout prints it; FV_RAW:
 * its own text (an enumeration's key, "true"), for ICU `select`;
 * FV_FIRST: the first of args that gives something; FV_TEXT: a catalog
 * pattern whose arguments are args ({0}, {1}...), or a number (`count`:
 * an int at a path, plural rules apply) or a duration (`from`..`to`) as
 * {0} followed by args.  A FV_TEXT is nothing when its `when` is false or
 * when any of its arguments is nothing: an alternative then gives way to
 * the next.
 */
enum form_value_kind { FV_PATH, FV_RAW, FV_FIRST, FV_TEXT };

struct form_value {
	enum form_value_kind kind;
	const char *path;          /* PATH, RAW */
	const char *text_key;      /* TEXT */
	const char *count;         /* TEXT: path of an int, or NULL */
	const char *from, *to;     /* TEXT: a duration (to NULL: /date), or NULL */
	const struct cond *when;   /* TEXT: evaluated from the root, or NULL */
	struct form_value **args;  /* TEXT: its arguments; FIRST: the alternatives */
	size_t n_args;
};

/* A banner of page 1 above the summary box (form-language.md, "Triage
 * banners"): its line (a FV_TEXT value) and the texts it quotes. */
struct form_triage {
	struct form_value *line;
	const char **quote;        /* paths of text values, quoted in their first lines */
	size_t n_quote;
};

struct form {
	const char *key;        /* "sp-general" */
	const char *title_key;
	const char *banner;     /* field path, or NULL */
	bool numbered;          /* sections get "1. " (false: titles carry the UN's numbers) */
	bool addressees_free;
	const char **addressees_fixed;
	size_t n_addressees_fixed;
	/* Summary box of page 1: who, what, where, when (or NULL) */
	struct form_value *summary[4];
	/* Banners of page 1, the form's own then common.yaml's, in order */
	struct form_triage *triage;
	size_t n_triage;
	/* The subject of the e-mail draft of `spcomm package` (form-language.md,
	 * "E-mail subject"): its leading parts in order, each printed when it
	 * has words (a `when` false, an absent value: left out); the States
	 * and the case id follow them.  None: the kind of communication. */
	struct form_value **subject;
	size_t n_subject;
	const char **event_dates;  /* paths of event dates */
	size_t n_event_dates;
	struct form_field *root;   /* RECORD: common top fields + the form's own */
	struct form_section *sections;
	size_t n_sections;
	struct form_rule *rules;
	size_t n_rules;
	struct form_fact *facts;
	size_t n_facts;
	const char *file;       /* path of the form file */
};

enum mandate_kind { MANDATE_THEMATIC, MANDATE_COUNTRY };

/* One entry of forms/mandates.yaml: checked data, each with where and when
 * it was read (docs/form-language.md, "Mandates"). */
struct mandate {
	const char *key;
	const char *name_key;
	const char *email;
	enum mandate_kind kind;
	const char *source;          /* URL of the page the entry was taken from */
	const char *address_source;  /* URL that gives `email`, when confirmed */
	const char *checked;         /* YYYY-MM-DD: when the sources were read */
	bool address_confirmed;      /* a cited source gives `email` for this mandate */
};

/* The address a case copies when it fears reprisals (mandates.yaml
 * `reprisals:`), with its source. */
struct reprisals_address {
	const char *email;
	const char *source;
	const char *checked;
};

struct loader;

struct form_set {
	struct arena arena;
	struct form **forms;         /* those loaded so far, by key */
	size_t n_forms;
	char **names;                /* every form of the directory: its key, */
	size_t n_names;              /* the name of its file; sorted */
	struct loader *ld;           /* form.c's, for form_set_add */
	struct mandate *mandates;
	size_t n_mandates;
	struct reprisals_address reprisals;
	struct form_field **blocks;  /* for `spcomm forms` */
	size_t n_blocks;
	/* locale/countries.yaml, for the validator's suggestions when a
	 * country is not a code; set by the caller, not owned; may be NULL */
	const struct countries *countries;
};

/*
 * Load forms/common.yaml and forms/mandates.yaml under dir, and list its
 * forms (every other forms/<key>.yaml) without reading them.  Problems
 * are appended to dl, each naming its file.  NULL when common.yaml or
 * mandates.yaml is invalid.  Free with form_set_free.
 */
struct form_set *form_set_open(const char *dir, struct diag_list *dl);
/* Read the form of key (forms/<key>.yaml) into fs, unless it is there
 * already.  False when the directory has no such form (nothing added to
 * dl) or the form file is invalid (its problems in dl). */
bool form_set_add(struct form_set *fs, const char *key, struct diag_list *dl);
/* Every form of the directory; false if one is invalid. */
bool form_set_add_all(struct form_set *fs, struct diag_list *dl);
/* form_set_open and form_set_add_all: NULL when any form file is
 * invalid. */
struct form_set *form_set_load(const char *dir, struct diag_list *dl);
void form_set_free(struct form_set *fs);

const struct form *form_find(const struct form_set *fs, const char *key);
const struct mandate *form_mandate(const struct form_set *fs, const char *key);
/* Member of a record field by name, or NULL. */
const struct form_field *form_member(const struct form_field *rec, const char *name);

/* The class of field f inside a parent whose effective class is parent. */
enum disclosure form_effective_class(const struct form_field *f, enum disclosure parent);

const char *form_type_name(enum field_type t);
const char *form_class_name(enum disclosure c);

#endif
