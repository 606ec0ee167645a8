/*
 * package.h - the e-mail draft of `spcomm package`: one RFC 5322 + MIME
 * message (a plain-text body and attachments), written with GMime 3,
 * which this module alone includes (tests/cli/layers.sh).
 *
 * package.c (with sha256.c) is built apart from the program, as the
 * module spcomm_mime.so, so that GMime and the libraries it pulls in
 * (GLib, GIO, GPGME...) are loaded only by a run that writes a draft:
 * the program calls package_build through mime.h, which loads the
 * module and resolves this one symbol, the only one it exports.
 *
 * The message is a draft (`X-Unsent: 1`: Thunderbird, Outlook and Apple
 * Mail open it as one), CRLF line ends, headers with non-ASCII words
 * encoded (RFC 2047), attachments in base64 with their file names as
 * RFC 2231 says.  The same input gives the same bytes: the Message-ID and
 * the MIME boundary are derived from a SHA-256 of the content, the Date
 * is the one given.
 */
#ifndef SPCOMM_PACKAGE_H
#define SPCOMM_PACKAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct package_part {
	const char *name;              /* file name, UTF-8 */
	const char *type, *subtype;    /* MIME type: "application", "pdf" */
	const unsigned char *data;
	size_t len;
};

struct package_message {
	const char *from;              /* an address, or NULL */
	const char *const *to;         /* addresses */
	size_t n_to;
	const char *const *cc;
	size_t n_cc;
	const char *subject;           /* UTF-8 */
	const char *body;              /* UTF-8, LF line ends */
	int64_t date;                  /* seconds since the epoch, UTC */
	const struct package_part *parts;
	size_t n_parts;
};

/* What the module exports; everything else in it is hidden. */
#if defined(__GNUC__)
#define PACKAGE_EXPORT __attribute__((visibility("default")))
#else
#define PACKAGE_EXPORT
#endif

/* The message as bytes (*out malloc'd, *len its size).  False with a
 * one-line reason in err when GMime fails.  Safe in several threads at
 * once: GMime is initialised once (pthread_once) by the first call. */
PACKAGE_EXPORT bool package_build(const struct package_message *m, char **out, size_t *len,
    char *err, size_t errlen);

/* Its type, for the pointer the program resolves (mime.c) */
typedef bool (*package_build_fn)(const struct package_message *m, char **out, size_t *len,
    char *err, size_t errlen);

#endif
