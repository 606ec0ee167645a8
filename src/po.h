/*
 * po.h - a case's narratives out to translators and back as gettext PO
 * files (docs/translating.md), read and written with gettext's own
 * library, libgettextpo.  Nothing else includes <gettext-po.h>.
 *
 * Out (`spcomm i18n extract`): one entry per translatable text of the
 * case, msgctxt the field's path ("victims[0].occupation"), msgid the
 * original, msgstr the translation the case already has, extracted
 * comments the field's label and help in the target language.  Only what
 * the Government copy may show goes out (class GOV or PUB, through the
 * disclosure gate of copy.h): a translator is a third party, like the
 * Government, so a text naming someone whose consent keeps the name from
 * the Government, and every SRC value, stay in the lawyer's hands.
 *
 * Back (`render --translations`, and <case>.<lang>.po beside the case): a
 * translation is used when its msgctxt names a translatable GOV or PUB
 * value of the case and its msgid is the value's original as it is now.
 * An entry whose original changed since (a stale one) is not used: the
 * value prints in its original with the "original in X" marker, and a
 * warning says so.  Fuzzy and empty entries are not used either.  An
 * entry for a field that does not exist, is not translatable or is SRC is
 * an error, as is a file that is not valid PO, not UTF-8 or too large:
 * the case is then not rendered, and no text of that file is applied.
 *
 * For the catalogs of locale/ (`spcomm i18n export|import`, i18n.h), the
 * same library reads and writes plain entries (struct po_item).
 *
 * libgettextpo keeps its state in globals: every call into it is made
 * under one lock, so batch workers may read translation files at once.
 */
#ifndef SPCOMM_PO_H
#define SPCOMM_PO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "case.h"
#include "catalog.h"
#include "diag.h"
#include "validate.h"

enum po_state {
	PO_USED,          /* applied to the value */
	PO_STALE,         /* its msgid is no longer the value's original */
	PO_UNTRANSLATED,  /* empty msgstr, or marked fuzzy */
};

/* One entry read from a translation file. */
struct po_entry {
	const char *file;        /* as given */
	uint32_t line;           /* 0-based line of its msgctxt, for messages */
	const char *lang;
	const char *path;        /* msgctxt */
	const char *msgid, *msgstr;  /* NFC */
	const struct cval *value;
	enum po_state state;
};

/* What the translation files of one case held (in the case's arena). */
struct po_set {
	struct po_entry *items;
	size_t n_items, cap;
	size_t n_files;
};

/*
 * Read the translation file `file` and apply its usable entries to cd's
 * values (their translations; a translation the case file has for the
 * same language is replaced).  lang: the language the file's name says
 * (<case>.<lang>.po), or NULL to take the file's Language header.  Every
 * problem goes to dl, tagged with the file (diag_set_file): the file's
 * own (code translation-file), an entry's (translation-entry), a stale
 * entry (translation-stale, a warning).  drawable (may be NULL) refuses a
 * character no font draws, as the validator does.  Entries are recorded
 * in set.  Returns false when the file was refused as a whole.
 */
bool po_apply_file(struct case_data *cd, const char *file, const char *lang,
    const struct drawable *drawable, struct po_set *set, struct arena *a,
    struct diag_list *dl);

/*
 * The translation files beside case_file that exist: <stem>.<lang>.po for
 * each output language, stem being the case file's name without .yaml or
 * .yml.  paths[i] and langs[i] (in a); returns how many (at most 6).
 */
size_t po_beside(const char *case_file, struct arena *a, const char *paths[6],
    const char *langs[6]);

/* The entry of set for value v in lang (the last one read), or NULL. */
const struct po_entry *po_find(const struct po_set *set, const struct cval *v,
    const char *lang);

/* What po_extract wrote. */
struct po_extract_stats {
	size_t entries;       /* texts in the file */
	size_t translated;    /* of them, with a translation */
	size_t withheld;      /* GOV/PUB texts the Government copy may not show, left out */
};

/*
 * Write the PO file of cd's translatable texts for lang (see above) to
 * *out (malloc'd, *out_len bytes).  cat: the catalog of lang (labels and
 * help).  set: translation files already applied (po_apply_file), whose
 * stale entries come back marked fuzzy with their previous msgid, as
 * msgmerge leaves them; may be NULL.  version: spcomm's, for the header.
 * False with err filled when it cannot be written.
 */
bool po_extract(const struct case_data *cd, const char *lang, const struct catalog *cat,
    const struct po_set *set, const char *version, char **out, size_t *out_len,
    struct po_extract_stats *stats, char *err, size_t errlen);

/* One entry of a PO file for po_write_items and po_read_items: the
 * catalogs' round trip (`spcomm i18n export|import`, i18n.h). */
struct po_item {
	const char *ctx, *id, *str;   /* msgctxt (NULL: none), msgid, msgstr */
	const char *comments;         /* translator comments ("# "), "" or NULL */
	const char *extracted;        /* extracted comments ("#."), "" or NULL */
	bool fuzzy;
	bool plural;                  /* read: it has a msgid_plural */
	uint32_t line;                /* read: 0-based line of its msgctxt (of its
	                                 msgid when it has none) */
	bool located;                 /* read: line was found (false: a text
	                                 escaped in the file) */
};

/*
 * A PO file of the header (the header entry's msgstr, its translator
 * comments `comments`) and items[0..n), in that order, into *out
 * (malloc'd, *out_len bytes).  flag (may be NULL): a flag written on
 * every entry with a msgctxt ("icu-message-format"), which libgettextpo
 * cannot write itself.  False with err filled when it cannot be written.
 */
bool po_write_items(const char *header, const char *comments, const struct po_item *items,
    size_t n, const char *flag, char **out, size_t *out_len, char *err, size_t errlen);

/*
 * Read the PO file `file` (at most LIMIT_PO_BYTES, UTF-8): the header
 * entry's msgstr to *header and the other entries, obsolete ones left
 * out, to *items (*n), all in a.  False, with file-level diagnostics
 * (translation-file) in dl, when the file is refused.
 */
bool po_read_items(const char *file, struct arena *a, const char **header,
    struct po_item **items, size_t *n, struct diag_list *dl);

/* A field of a PO header ("Language"), in a; "" when absent. */
const char *po_header_value(struct arena *a, const char *header, const char *name);

/* gettext's Plural-Forms of an output language, or NULL. */
const char *po_plural_forms(const char *lang);

/* The msgstr of a PO header entry in a: project as Project-Id-Version,
 * date (gettext's "YYYY-MM-DD HH:MM+ZZZZ") as both dates, lang's Language
 * and Plural-Forms, UTF-8, X-Generator spcomm version, and one field of
 * spcomm's own (extra_name: extra_value). */
const char *po_header(struct arena *a, const char *project, const char *date, const char *lang,
    const char *version, const char *extra_name, const char *extra_value);

#endif
