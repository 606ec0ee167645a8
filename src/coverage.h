/*
 * coverage.h - which characters spcomm's fonts can draw, so that the
 * validator refuses a character before a PDF shows it as an empty box.
 *
 * A character is drawable when, in each style (regular, bold, italic),
 * some face of that style's fallback chain (fonts.h) maps it to a glyph:
 * then a label in bold and a value in regular both show it.  Answered
 * from the fonts' cmap tables with HarfBuzz (no libharu, no glyph loaded),
 * so `spcomm check` needs no PDF device: opening maps the six files, each
 * question is a few table lookups.  Basic Multilingual Plane only, as
 * libharu draws nothing above it.
 *
 * Thread safety: once open, a coverage may be asked from any thread.
 */
#ifndef SPCOMM_COVERAGE_H
#define SPCOMM_COVERAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct coverage;

/*
 * The fonts in font_dir (NULL: where fonts.h finds them).  NULL with the
 * reason (a missing font file and its Debian package) in err.
 */
struct coverage *coverage_open(const char *font_dir, char *err, size_t errlen);

void coverage_close(struct coverage *cov);

/* Whether cp is drawable (see above).  ctx is a struct coverage, so that
 * the validator can take it as a plain predicate (validate.h). */
bool coverage_has(const void *cov, uint32_t cp);

#endif
