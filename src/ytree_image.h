/*
 * ytree_image.h - the trees of spcomm's own data files (forms/, locale/),
 * parsed once at build time and kept in one file, the image, so that a
 * run need not parse their YAML again.
 *
 * Parsing the forms and the catalog a render needs with libyaml is a
 * quarter of a cold `spcomm render` (about 25 M instructions of 98 M).
 * The build parses every data file with the loader (ytree_load) and
 * writes the trees, with their positions, into trees.bin
 * (src/gen/trees_gen.c), installed beside the data.  A run that loads a
 * data file (ytree_load_file) still reads its bytes, then looks for a
 * tree made from exactly those bytes (their length and 128-bit hash) in
 * the image, and parses the YAML only when there is none: a file a
 * translator has edited, a data directory of one's own, a missing or
 * damaged image.  Only files that loaded with no diagnostic are in it, so
 * a tree from the image is the tree ytree_load would build, and nothing
 * is reported either way.
 *
 * The image is checked before any tree is taken from it (its header, and
 * every offset, length, kind and child count of the tree asked for); one
 * that fails is ignored, silently: it can only cost time.
 */
#ifndef SPCOMM_YTREE_IMAGE_H
#define SPCOMM_YTREE_IMAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "arena.h"
#include "ytree.h"

/*
 * Write the image of the trees of files[0..n) to fp.  A file that cannot
 * be read or does not load without a diagnostic is left out, named on
 * err.  False if fp could not be written.
 */
bool ytree_image_write(FILE *fp, const char *const *files, size_t n, FILE *err);

/*
 * Use the image at path for the rest of the process (replacing any other):
 * ytree_load_file looks there first.  False, and no image, when it cannot
 * be read, is larger than 256 MiB or its header is not this build's.  Only
 * the header and the file records are read now (the file stays open); a
 * tree's part of the image is read when the tree is asked for and checked
 * against its record's hash, so a file rewritten in place later gives the
 * same tree or none.  Not thread-safe: call it before the threads that
 * load data files start (ytree_image_tree is thread-safe).
 */
bool ytree_image_use(const char *path);

/* Stop using the image (its file closed, its memory released). */
void ytree_image_forget(void);

/*
 * The tree of the file whose bytes are src[0..len), from the image, built
 * in arena: true if the image has it (and it passed the checks).
 */
bool ytree_image_tree(const char *src, size_t len, struct arena *arena, struct ytree *tree);

#endif
