/*
 * batch.h - the batch driver behind spc_batch (spcomm.h): the list of case
 * files, shards, worker threads, per-case isolation, the manifest
 * (manifest.h), the lock on the output directory, resume.
 *
 * A run: lock OUT/.spcomm.lock (flock; a second run on the same directory
 * is refused), find the inputs, keep this shard's, check fonts and
 * catalogs, then validate every case (in the workers), refuse cases that
 * share an id and warn about victims that appear in two files, and render
 * the documents of the valid cases in the workers.  Each case is loaded
 * and validated again in the worker that renders it, so that no case
 * model stays in memory between the two passes.
 *
 * These helpers are exposed for the unit tests.
 */
#ifndef SPCOMM_BATCH_H
#define SPCOMM_BATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/*
 * The shard (0-based) of a case file among n: the first 8 bytes of the
 * SHA-256 of its path as given, read as a big-endian number, modulo n.
 * Stable across runs and machines, so that `--shard I/N` for I = 1..N
 * together take every input exactly once.
 */
unsigned batch_shard_of(const char *path, unsigned n);

/*
 * The name a manifest record gives a case file whose path it may not show
 * (a batch without the full copy): "withheld-<hash>.yaml", the hash of
 * the path and the file's bytes src[0..len) (src NULL: unreadable), so
 * that a guessed path cannot be tested against it without the file.
 */
#define BATCH_PSEUDONYM_SIZE 48
void batch_pseudonym(const char *path, const void *src, size_t len,
    char out[BATCH_PSEUDONYM_SIZE]);

/*
 * The case files named by args: a file is taken as given (whatever its
 * name), a directory is searched recursively for regular files named
 * *.yaml (names starting with '.' and symbolic links to directories are
 * passed over), each directory's entries in byte order.  The same file
 * reached twice is kept once.  Returns a malloc'd array of malloc'd
 * paths (*n set; free with batch_free_inputs), or NULL with the reason
 * printed to err when a directory cannot be read.
 */
char **batch_find_inputs(const char *const *args, size_t n_args, size_t *n, FILE *err);
void batch_free_inputs(char **paths, size_t n);

#endif
