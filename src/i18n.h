/*
 * i18n.h - `spcomm i18n check|status`: the catalogs of locale/ measured
 * against locale/en.yaml, the reference, and en.yaml against the forms.
 *
 * check reports, one line per problem ("locale/fr.yaml:12:1: error: key
 * 'x': ..."): a key of en.yaml missing from a catalog, a key absent from
 * en.yaml, a pattern whose set of numbered arguments differs from the
 * English one (or uses one as a number where English uses it as text)
 * other than by arguments used only to select ({0, select, female {...}
 * other {...}}: agreement with the person's sex, which English may not
 * need), a select keyword that is no value of a person's sex (female,
 * male, other, unknown: the only thing the program selects on), a
 * named argument, an {N, number, integer} argument (numbers come as
 * doubles), a pattern ICU's umsg_open refuses for that language, a
 * plural keyword the language never selects, and any label, help text,
 * enumeration value, section or form title, mandate name or fact the forms
 * need that en.yaml lacks.  A catalog that does not exist yet is a
 * warning, not an error; one that exists must be complete.
 *
 * export and import carry a catalog to a translator as a gettext PO file
 * and back into the YAML in place (below; docs/translating.md).
 *
 * Only spcomm.c (spc_i18n) and the unit tests include this header.  The
 * functions read the files afresh (positions are needed, which a loaded
 * struct catalog does not keep) and print to the FILEs they are given.
 */
#ifndef SPCOMM_I18N_H
#define SPCOMM_I18N_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "case.h"
#include "form.h"
#include "po.h"

/* catalog_format passes at most this many arguments (CATALOG_MAX_ARGS in
 * catalog.c): an argument {6} or above would always print empty. */
#define I18N_MAX_ARGS 6

/* Plural keywords recorded per pattern: CLDR has six (zero one two few
 * many other); room for both plural and selectordinal arguments. */
#define I18N_MAX_KEYWORDS 16

/* The arguments of one ICU MessageFormat pattern. */
struct i18n_args {
	uint64_t numbers;   /* bit N set: {N} occurs, also inside plural/select */
	uint64_t numeric;   /* bit N set: {N} is formatted as a number (plural,
	                       selectordinal, number, choice...) somewhere */
	uint64_t selects;   /* bit N set: {N} selects ({N, select, ...}) */
	uint64_t plain;     /* bit N set: {N} is used other than as a select */
	char named[32];     /* the first named argument ({count}), or "" */
	bool too_big;       /* an argument number of 64 or more */
	bool malformed;     /* unbalanced braces or an unreadable argument */
	/* when malformed: the byte offset in the pattern where reading
	 * stopped, and why in plain words */
	size_t error_offset;
	const char *error;
	/* the keywords of plural (ordinal false) and selectordinal (true)
	 * arguments, "=N" selectors excluded, and of select arguments */
	struct {
		char word[32];
		bool ordinal;
		bool select;    /* a keyword of a select argument */
	} keywords[I18N_MAX_KEYWORDS];
	size_t n_keywords;
};

/*
 * Read the arguments of pattern as ICU reads it, with apostrophe quoting
 * in ICU's default mode (a single ASCII apostrophe quotes only before
 * { } and, in a plural, #; '' is an apostrophe).  Returns false (and
 * out->malformed, with where and why) when the pattern cannot be read:
 * an argument never closed, one without a number, an unknown type, a
 * plural or select case without its {message} or without 'other'.
 * Never reads past the terminating NUL.
 */
bool i18n_args(const char *pattern, struct i18n_args *out);

/*
 * `spcomm i18n check`: problems to err, one line each, and a one-line
 * summary to out when there are none.  data_dir holds locale/; fs is the
 * loaded form set (NULL skips the forms' coverage).  Returns the number of
 * errors (warnings do not count); -1 when locale/en.yaml cannot be read.
 */
long i18n_check(const char *data_dir, const struct form_set *fs, FILE *out, FILE *err);

/*
 * `spcomm i18n status`: one line per language to out, keys translated
 * over the keys of en.yaml, the percentage, and how many patterns are
 * still the English text.  Returns false when en.yaml cannot be read
 * (reason to err).
 */
bool i18n_status(const char *data_dir, FILE *out, FILE *err);

/*
 * `spcomm i18n status CASE -l LANGS`: for each language of langs[0..n)
 * other than the case's own, the translatable (T) values the case holds
 * and which of them have no text in that language yet, one per line with
 * its file:line:column and path ("victims[0].occupation"), so that a
 * translator can go through them.  A value whose entry in a translation
 * file (po, may be NULL) is stale says so, with the entry's file:line.
 * Returns the number of values still needing a translation, over all
 * languages.
 */
size_t i18n_case_status(const struct case_data *cd, const char *const *langs, size_t n,
    const struct po_set *po, FILE *out);

/* What i18n_export wrote. */
struct i18n_export_stats {
	size_t entries;      /* keys of en.yaml, one entry each */
	size_t translated;   /* of them, with the language's pattern as msgstr */
};

/*
 * `spcomm i18n export -l LANG`: the catalog locale/<lang>.yaml against
 * locale/en.yaml as a gettext PO file, into *out (malloc'd, *out_len
 * bytes).  One entry per key of en.yaml, in its order: msgctxt the key,
 * msgid the English pattern, msgstr the language's (empty when the key is
 * missing); extracted comments (#.) the comment block of en.yaml above
 * the key's block of entries, translator comments (#) the language's own
 * block comment when it differs; every entry flagged icu-message-format.
 * No entry is marked fuzzy: a catalog keeps no record of the English its
 * translation was made from.  when: the header's dates (SOURCE_DATE_EPOCH;
 * -1: the catalog file's modification time).  lang is one of the six (en
 * too: its msgstr is then the English itself, for a copy-editor).  False
 * with the reason to err.
 */
bool i18n_export(const char *data_dir, const char *lang, int64_t when, const char *version,
    char **out, size_t *out_len, struct i18n_export_stats *st, FILE *err);

/* What i18n_import did. */
struct i18n_import_stats {
	size_t changed;      /* patterns replaced in place */
	size_t added;        /* keys the catalog lacked */
	size_t fuzzy;        /* fuzzy entries, not imported */
	size_t empty;        /* untranslated entries (nothing to import) */
	size_t stale;        /* made from another English pattern, not imported */
};

/*
 * `spcomm i18n import FILE.po`: the translations of a PO file (as
 * i18n_export writes it; the language from its Language header) written
 * back into data_dir/locale/<lang>.yaml, atomically.  Only the bytes of
 * the values that change are rewritten (as double-quoted scalars): every
 * comment, blank line and the order of the keys stay.  A key the catalog
 * lacks goes on a line of its own after the nearest key before it in
 * en.yaml that the catalog has (else above the block of the nearest one
 * after it).  Fuzzy and empty entries are not imported; an entry whose msgid is
 * no longer the English pattern is not imported (a warning).  An entry
 * for a key en.yaml lacks, or whose msgstr `i18n check` would refuse (ICU
 * syntax, other arguments than English's, ...), is an error at the PO
 * file's line ("fr.po:123:1: error: key 'doc.page': ..."), to err; with
 * any error nothing is written.  A one-line summary to out.  Returns the
 * number of errors.
 */
long i18n_import(const char *data_dir, const char *po_file, struct i18n_import_stats *st,
    FILE *out, FILE *err);

#endif
