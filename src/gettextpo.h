/*
 * gettextpo.h - libgettextpo, loaded when a PO file is first read or
 * written.  Only a translator's round trip needs it (a PO file beside a
 * case or given with --translation, `spcomm po`, the catalogs' `i18n`
 * commands), but linked into the program it and libunistring, which it
 * needs, cost every run two more libraries to map and relocate: about 18
 * page faults and 0.4 ms of a 25 ms cold render here (docs/architecture.md,
 * "Start-up").  So po.c calls the library through the table below, filled
 * by dlopen()/dlsym() the first time gettextpo_load() is called.
 *
 * The library's own names are defined as the table's entries (as OpenGL
 * loaders do), so po.c reads as a plain user of <gettext-po.h>; every use
 * must come after a gettextpo_load() that returned true.
 */
#ifndef SPCOMM_GETTEXTPO_H
#define SPCOMM_GETTEXTPO_H

#include <gettext-po.h>
#include <stdbool.h>
#include <stddef.h>

/* X(return type, field, symbol, parameters): every function po.c calls.
 * po_file_read and po_file_write are macros of <gettext-po.h> for the
 * versioned symbols given here. */
#define GETTEXTPO_FUNCTIONS(X) \
	X(po_file_t, file_create, "po_file_create", (void)) \
	X(po_file_t, file_read, "po_file_read_v3", (const char *, po_xerror_handler_t)) \
	X(po_file_t, file_write, "po_file_write_v2", (po_file_t, const char *, \
	    po_xerror_handler_t)) \
	X(void, file_free, "po_file_free", (po_file_t)) \
	X(const char *, file_domain_header, "po_file_domain_header", (po_file_t, const char *)) \
	X(char *, header_field, "po_header_field", (const char *, const char *)) \
	X(po_message_iterator_t, message_iterator, "po_message_iterator", \
	    (po_file_t, const char *)) \
	X(void, message_iterator_free, "po_message_iterator_free", (po_message_iterator_t)) \
	X(po_message_t, next_message, "po_next_message", (po_message_iterator_t)) \
	X(void, message_insert, "po_message_insert", (po_message_iterator_t, po_message_t)) \
	X(po_message_t, message_create, "po_message_create", (void)) \
	X(const char *, message_msgctxt, "po_message_msgctxt", (po_message_t)) \
	X(void, message_set_msgctxt, "po_message_set_msgctxt", (po_message_t, const char *)) \
	X(const char *, message_msgid, "po_message_msgid", (po_message_t)) \
	X(void, message_set_msgid, "po_message_set_msgid", (po_message_t, const char *)) \
	X(const char *, message_msgid_plural, "po_message_msgid_plural", (po_message_t)) \
	X(const char *, message_msgstr, "po_message_msgstr", (po_message_t)) \
	X(void, message_set_msgstr, "po_message_set_msgstr", (po_message_t, const char *)) \
	X(const char *, message_comments, "po_message_comments", (po_message_t)) \
	X(void, message_set_comments, "po_message_set_comments", (po_message_t, const char *)) \
	X(const char *, message_extracted_comments, "po_message_extracted_comments", \
	    (po_message_t)) \
	X(void, message_set_extracted_comments, "po_message_set_extracted_comments", \
	    (po_message_t, const char *)) \
	X(void, message_set_prev_msgid, "po_message_set_prev_msgid", \
	    (po_message_t, const char *)) \
	X(int, message_is_obsolete, "po_message_is_obsolete", (po_message_t)) \
	X(int, message_is_fuzzy, "po_message_is_fuzzy", (po_message_t)) \
	X(void, message_set_fuzzy, "po_message_set_fuzzy", (po_message_t, int))

#define GETTEXTPO_FIELD(ret, field, symbol, params) ret (*field) params;
struct gettextpo {
	GETTEXTPO_FUNCTIONS(GETTEXTPO_FIELD)
};
#undef GETTEXTPO_FIELD

/* Filled by the first gettextpo_load() that succeeds; not changed after. */
extern struct gettextpo gettextpo;

/*
 * Load the library (SPCOMM_GETTEXTPO names another file, for tests;
 * otherwise the soname the build found, SPCOMM_GETTEXTPO_SONAME) and every
 * function of the table.  True at once after a success.  False with why
 * in err (dlerror()'s words, naming the file or the symbol, and the
 * Debian package to install); the next call tries again.  Thread-safe.
 */
bool gettextpo_load(char *err, size_t errlen);

#undef po_file_read
#undef po_file_write
#define po_file_create (gettextpo.file_create)
#define po_file_read (gettextpo.file_read)
#define po_file_write (gettextpo.file_write)
#define po_file_free (gettextpo.file_free)
#define po_file_domain_header (gettextpo.file_domain_header)
#define po_header_field (gettextpo.header_field)
#define po_message_iterator (gettextpo.message_iterator)
#define po_message_iterator_free (gettextpo.message_iterator_free)
#define po_next_message (gettextpo.next_message)
#define po_message_insert (gettextpo.message_insert)
#define po_message_create (gettextpo.message_create)
#define po_message_msgctxt (gettextpo.message_msgctxt)
#define po_message_set_msgctxt (gettextpo.message_set_msgctxt)
#define po_message_msgid (gettextpo.message_msgid)
#define po_message_set_msgid (gettextpo.message_set_msgid)
#define po_message_msgid_plural (gettextpo.message_msgid_plural)
#define po_message_msgstr (gettextpo.message_msgstr)
#define po_message_set_msgstr (gettextpo.message_set_msgstr)
#define po_message_comments (gettextpo.message_comments)
#define po_message_set_comments (gettextpo.message_set_comments)
#define po_message_extracted_comments (gettextpo.message_extracted_comments)
#define po_message_set_extracted_comments (gettextpo.message_set_extracted_comments)
#define po_message_set_prev_msgid (gettextpo.message_set_prev_msgid)
#define po_message_is_obsolete (gettextpo.message_is_obsolete)
#define po_message_is_fuzzy (gettextpo.message_is_fuzzy)
#define po_message_set_fuzzy (gettextpo.message_set_fuzzy)

#endif
