/*
 * copy.h - the disclosure gate: what each copy of a case may show.
 *
 * A case goes out in three copies (docs/case-format.md, section 2): the full
 * copy for OHCHR, the Government copy (PUB and GOV values) and the public
 * copy (PUB values).  Every string a copy prints, names in a file name,
 * writes in its metadata or in a manifest asks this module first; the
 * layout and the batch never decide.  The gate works on the normalized
 * case (case.h), before any layout:
 *
 * - values: a copy holds only the disclosure classes it allows (an
 *   allow-list over the form's `class`, never redaction);
 * - persons: a person's name is shown, as initials, or withheld, as the
 *   person's consent says for this copy;
 * - free text: a text that names a person this copy withholds (full name
 *   in either order, a name part not shared with a person the copy names,
 *   an alias, the original script, its transliteration), or holds an
 *   identity of the source, is withheld whole; matching is match.h's,
 *   which reads text as people do;
 * - scripts: the gate knows each of those names in some scripts (the
 *   ones the case writes it in, Latin through a transliteration); a text
 *   with letters of another script may write the name in a form the case
 *   never gives (a Chinese transcription of a name given in Latin letters)
 *   and is not printed: a translation gives way to its original, an
 *   original is withheld (docs/security.md, "Scripts");
 * - the case id: replaced by a neutral one when it holds such a name.
 *
 * The same identities serve the validator's source check
 * (copy_source_identities): a source's identity in a GOV or PUB text is an
 * error there, so it never reaches a copy at all.
 */
#ifndef SPCOMM_COPY_H
#define SPCOMM_COPY_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "case.h"
#include "match.h"

enum copy_kind { COPY_FULL, COPY_GOVERNMENT, COPY_PUBLIC };

/* How a copy shows a person's name. */
enum name_shown { NAME_SHOWN, NAME_INITIALS, NAME_WITHHELD };

struct copy_gate;

/* The gate of one copy of cd, in a (the gate lives as long as the arena). */
struct copy_gate *copy_gate_new(const struct case_data *cd, enum copy_kind copy, struct arena *a);

enum copy_kind copy_gate_kind(const struct copy_gate *g);

/* Whether the copy holds values of class c. */
bool copy_allows(const struct copy_gate *g, enum disclosure c);

/* Whether the copy may list or mention an annex (an `attachment`
 * record): its own `disclosure`, within the class of the list. */
bool copy_allows_annex(const struct copy_gate *g, const struct cval *att);

/* How the copy shows the name of person (a `person` record). */
enum name_shown copy_person_name(const struct copy_gate *g, const struct cval *person);

/* Whether utf8[0..len) may be printed in the copy: it names no person the
 * copy withholds and holds no identity of the source. */
bool copy_text_allowed(const struct copy_gate *g, const char *utf8, size_t len);

/* copy_text_allowed for a text that comes from the case (a value, a
 * paragraph, a translation, the case id, a file name): also that the
 * gate can read it (copy_text_unreadable).  Not for the program's own
 * words (labels, dates, countries from the catalogs), which name nobody
 * whatever their script. */
bool copy_case_text_allowed(const struct copy_gate *g, const char *utf8, size_t len);

/* copy_case_text_allowed for an identifier (the case id, an input file's
 * path), which joins words: also no word of it holds a part of a name the
 * copy withholds, of 4 letters or more ("ua-2026-asadykova"). */
bool copy_ident_allowed(const struct copy_gate *g, const char *utf8, size_t len);

/* NULL when the gate can read utf8[0..len) for every name the copy may
 * not print; else the first name record it cannot (the text has letters
 * of a script the case gives that name in no form of), and that script
 * into *script (an ICU UScriptCode; match_script_name) when non-NULL. */
const struct cval *copy_text_unreadable(const struct copy_gate *g, const char *utf8, size_t len,
    int *script);

/* copy_text_unreadable's *script when the text holds, outside the names
 * the copy shows, a Han character that is a whole part of the name (陈 of
 * 陈勇): one character is no name the matcher can tell from a word (陈列,
 * 陈述), so the gate reads no such text for that name. */
#define COPY_LONE_HAN (-2)

/* The text of v the copy prints in lang (case_text_in): its translation
 * into lang, unless the gate cannot read it (copy_text_unreadable), and
 * then its original; *is_original (may be NULL) says which. */
const char *copy_text_in(const struct copy_gate *g, const struct cval *v, const char *lang,
    bool *is_original);

/*
 * utf8[0..len) as the copy may print it: itself when copy_text_allowed;
 * else, when every name in it the copy withholds is of a person whose
 * consent gives initials in this copy, the text with each of those names
 * written as the person's initials (case_name_initials: "Ms. Sadykova's"
 * -> "Ms. A. S.'s"), if the result passes copy_text_allowed; else NULL
 * (the caller withholds the text).  Into the arena.
 */
const char *copy_text_with_initials(const struct copy_gate *g, const char *utf8, size_t len,
    struct arena *a);

/* Whether a value may be printed in lang (copy_text_allowed): its text in
 * lang (copy_text_in) and its original both, since a translation may
 * write a name in a way the matcher cannot read. */
bool copy_value_allowed(const struct copy_gate *g, const struct cval *v, const char *lang);

/* Whether utf8[0..len) holds a whole withheld name or a whole identity of
 * the source (not only a part): the layout's last guard, for every string
 * it is given, labels included. */
bool copy_text_leaks(const struct copy_gate *g, const char *utf8, size_t len);

/* The case id as the copy may show it (pages, metadata, file name): the
 * case's own, or "case-" and 12 hex digits of a hash of the whole case
 * when the id names someone the copy withholds. */
const char *copy_case_id(const struct copy_gate *g);

/* The number of persons whose name this copy withholds or shortens. */
size_t copy_withheld_persons(const struct copy_gate *g);

/*
 * The source's identities in the case tree under root (validator and
 * gate): every SRC value that identifies a person or an organisation, as
 * the form's `identity` says (form-language.md), as match.h needles: names
 * (full, either order, original script, transliteration, aliases: FULL;
 * each word not shared with a name in `shown`: PART), organisation names,
 * e-mail addresses and a distinctive local part (FULL) or domain (PART),
 * phone numbers, postal address lines, references.  A submitter with
 * keep_identity_confidential: false and a witness with confidential: false
 * may be named: their names are left out.  The needles' owner is the SRC
 * value they come from; path its field path.
 */
void copy_source_identities(struct match_set *out, struct arena *a, const struct cval *root,
    const struct match_set *shown);

/* The places of the case (the localities and regions of its `place`
 * records), whole: an address line or a word of a name that is only part
 * of a town the case is about ("Kong" in "Hong Kong") is no identity. */
void copy_case_places(struct match_set *out, const struct cval *root);

/* Every name outside SRC values (any consent) under root: its full forms
 * and each of its words, for copy_source_identities's `shown`. */
void copy_case_names(struct match_set *out, struct arena *a, const struct cval *root);

#endif
