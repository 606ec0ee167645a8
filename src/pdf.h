/*
 * pdf.h - the PDF device: the only module (with pdf_fixups.c) that talks to
 * libharu.
 *
 * A struct pdf_device opens one HPDF document with the faces of fonts.h
 * loaded on first use (TrueType, embedded, UTF-8 encoder, compression set
 * before any font), answers the device.h questions with libharu's own
 * metrics, and then draws a display list (display.h) into that document
 * and saves it to memory.  One pdf_device per document and per thread.
 * libharu needs more than 128 KiB of stack in HPDF_GetFont: worker
 * threads need at least 512 KiB.
 */
#ifndef SPCOMM_PDF_H
#define SPCOMM_PDF_H

#include <stdbool.h>
#include <stddef.h>

#include "device.h"
#include "display.h"

struct pdf_device;

/*
 * Create a document.  font_dir as for fonts_path (NULL: default).  Returns
 * NULL and fills err on failure (libharu error, font file missing).
 */
struct pdf_device *pdf_open(const char *font_dir, char *err, size_t errlen);

/* The measuring interface of this document (valid until pdf_close). */
const struct device *pdf_device(struct pdf_device *pd);

/*
 * Draw the display list and save the document to memory.  On success
 * *out is malloc'd (caller frees) and *out_len set.  The libharu 2.3.0
 * fixups (glyph closure, valid ToUnicode CMaps) are applied before saving.
 * Same display list, same bytes.
 */
bool pdf_render(struct pdf_device *pd, const struct display *d,
    unsigned char **out, size_t *out_len, char *err, size_t errlen);

void pdf_close(struct pdf_device *pd);

#endif
