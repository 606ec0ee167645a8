/*
 * spcomm_limits.h - every explicit limit of spcomm, each with the reason for its
 * value.  docs/limits.md mirrors this file; a bad-input test sits at each
 * limit.  Included by any module.
 */
#ifndef SPCOMM_SPCOMM_LIMITS_H
#define SPCOMM_SPCOMM_LIMITS_H

/* A case file is a typed form, not a data dump: the largest realistic one
 * (200 victims, a 40-page narrative) is under 1 MiB.  8 MiB leaves room and
 * bounds the memory and time of a hostile file before libyaml sees it. */
#define LIMIT_CASE_BYTES (8u * 1024u * 1024u)

/* The deepest path any form declares is about 6 levels (incidents[0].place
 * .country inside a list inside a mapping).  libyaml 0.2.5 is quadratic in
 * nesting depth (100k levels take 30 s), so we stop at 32 inside the event
 * loop: a 2 MB "[[[[..." file is refused after 33 events. */
#define LIMIT_YAML_DEPTH 32

/* Nodes in one case tree.  200 victims with 40 fields each is 8,000; 200k
 * bounds memory for files that are large but shallow. */
#define LIMIT_YAML_NODES 200000u

/* libyaml's limit, not ours: a simple (implicit) key may be at most 1024
 * characters long (YAML 1.2 section 7.4, counted from the key's start to
 * its ':').  libyaml 0.2.5 reports a longer one as "could not find
 * expected ':'"; the loader names the limit instead. */
#define LIMIT_YAML_KEY_CHARS 1024u

/* libharu raises HPDF_STRING_OUT_OF_RANGE for strings of 65535 bytes or
 * more; we keep every single scalar under 1 MiB (a 40-page narrative is
 * about 120 KiB) and split text into lines long before libharu sees it. */
#define LIMIT_SCALAR_BYTES (1024u * 1024u)

/* Combining marks in a row (accents, harakat, vowel signs): Unicode's
 * stream-safe text (UAX #15) allows 30 after a base letter, no script
 * needs more than a few, and hundreds on one letter ("Zalgo" text) make
 * one cluster that shaping and line breaking measure again and again:
 * 20,000 of them took seconds to lay out, 40,000 failed in libharu. */
#define LIMIT_COMBINING_MARKS 30u

/* Characters no font draws, reported for one value: each distinct one
 * at its place, so that one run shows what to change. */
#define LIMIT_UNDRAWABLE_REPORTED 8u

/* Diagnostics printed for one file: past this, a file is not a case file
 * with mistakes but something else, and the flood hides the first error. */
#define LIMIT_DIAGS_PER_FILE 200u

/* Occurrences of the source's identities looked at in one text: a
 * narrative that names the source 64 times has made its point; the first
 * ones are reported (each is an error already). */
#define LIMIT_SOURCE_HITS 64u

/* Items in one list (victims, incidents, attachments...).  Thousands of
 * victims belong to a group description, not to a list of persons. */
#define LIMIT_LIST_ITEMS 10000u

/* One annex file.  Submissions reach OHCHR by e-mail, and mailboxes
 * commonly refuse messages over 20-25 MB; an attachment grows by a third
 * in an e-mail (base64), so 15 MB of file is 20 MB of message.  In bytes
 * (MB as mail services count them), checked with stat before the annex is
 * read for its SHA-256. */
#define LIMIT_ANNEX_BYTES 15000000u

/* Pages in one document: 10,000 victims at two per page stays inside. */
#define LIMIT_PAGES 20000u

/* The sRGB ICC profile --pdfa embeds in every document (pdf.h): Debian's
 * (icc-profiles-free) is 6,922 bytes; a profile of megabytes is not an
 * sRGB one, and would be copied into each PDF. */
#define LIMIT_ICC_BYTES (1024u * 1024u)

/* One translation file of a case (po.h): it holds the case's texts (at
 * most LIMIT_CASE_BYTES) and their translation, each once, with short
 * comments; twice the case's limit leaves room for scripts that take more
 * bytes per letter.  Checked with fstat before libgettextpo reads it. */
#define LIMIT_PO_BYTES (16u * 1024u * 1024u)

/* One manifest that `manifest merge` reads whole (merge.c): a record is
 * under 2 KB for a case with its diagnostics, so a million cases fit;
 * a regular file only (a FIFO or /dev/zero is refused, not read). */
#define LIMIT_MANIFEST_BYTES (2048u * 1024u * 1024u)

#endif
