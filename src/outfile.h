/*
 * outfile.h - output files (docs/security.md, "Output files").
 *
 * A document is rendered to memory, then written here.  What is done
 * depends on what is at the output name (looked at without following a
 * link):
 *
 *   nothing        a new file, atomically: a temporary in the target
 *                  directory (OUTFILE_TMP_PREFIX, O_EXCL, mode 0600,
 *                  flock'ed while it exists), a write loop that handles
 *                  short writes and EINTR, fsync, close (checked), rename
 *                  to the final name without replacing, fsync of the
 *                  directory.  After any failure the temporary is removed
 *                  and nothing is left at the final name.
 *   regular file   an error (EEXIST) unless OUTFILE_FORCE; then replaced
 *                  the same atomic way.
 *   FIFO or        with OUTFILE_STREAMS, written into as a stream (not
 *   char. device   atomic: a reader may have taken part of it), if it
 *                  belongs to us or to root: a FIFO another user made
 *                  could be a trap to read case data.  Refused otherwise.
 *   descriptor     /dev/stdout, /dev/stderr, /dev/fd/N, /proc/self/fd/N
 *   name           (spelled so): with OUTFILE_STREAMS, written into the
 *                  descriptor already open, whatever it is (pipe, tty,
 *                  socket, or the regular file the shell opened with >).
 *   symbolic link  with OUTFILE_STREAMS, a link to a FIFO or character
 *                  device (as above, ours or root's) is that stream; any
 *                  other link is refused, even with OUTFILE_FORCE:
 *                  spcomm never writes through nor replaces a link.
 *   anything else  (directory, socket, block device) refused.
 *
 * HPDF_SaveToFile is never used because it reports success on a full
 * disk.  SIGXFSZ must be ignored by the program (cli.c does it) so that a
 * file size limit gives EFBIG instead of killing the process.
 */
#ifndef SPCOMM_OUTFILE_H
#define SPCOMM_OUTFILE_H

#include <stdbool.h>
#include <stddef.h>

/* Temporaries are named OUTFILE_TMP_PREFIX "<pid>.<n>.<final name>". */
#define OUTFILE_TMP_PREFIX ".spcomm-tmp."

enum {
	OUTFILE_FORCE = 1u << 0,   /* replace an existing regular file */
	OUTFILE_STREAMS = 1u << 1, /* write into FIFOs, char. devices, descriptors */
};

enum outfile_kind {
	OUTFILE_NEW,      /* nothing at the name: a new file */
	OUTFILE_REGULAR,  /* a regular file: replaced only with OUTFILE_FORCE */
	OUTFILE_STREAM,   /* written into as it is */
	OUTFILE_REFUSED,  /* never written: err says why */
};

/*
 * What outfile_write would do with path under flags.  OUTFILE_REFUSED
 * (with err filled) for a link, a directory, a socket, a block device, a
 * stream without OUTFILE_STREAMS or not ours, a descriptor not open for
 * writing, or a name that cannot be looked at.  Lets a caller refuse
 * before any work; outfile_write looks again.
 */
enum outfile_kind outfile_target(const char *path, unsigned flags, char *err, size_t errlen);

/*
 * Write data[0..len) to path as the table above says (a new or replaced
 * file: outfile_stage, outfile_commit, outfile_sync_dirs and
 * outfile_release below).  On failure returns
 * false, errno set, with a one-line reason (with strerror) in
 * err[0..errlen); an existing regular file without OUTFILE_FORCE is
 * EEXIST.
 */
bool outfile_write(const char *path, const void *data, size_t len, unsigned flags,
    char *err, size_t errlen);

/*
 * outfile_write's atomic way in four steps, for a caller that commits
 * many files at once (the batch: docs/architecture.md, "Batches"):
 *
 *   outfile_stage      looks at the name as outfile_write does (streams
 *                      are refused: they are never staged), then makes
 *                      the locked temporary, writes data and fsyncs it.
 *                      NULL with err filled and errno set on failure
 *                      (EEXIST: a regular file without OUTFILE_FORCE),
 *                      nothing then left behind.
 *   outfile_commit     renames the temporary to the final name, without
 *                      replacing anything unless OUTFILE_FORCE was given
 *                      (EEXIST then).  Not yet durable.
 *   outfile_sync_dirs  fsyncs the directories of n committed files, each
 *                      once: from then on the renames survive a crash.
 *   outfile_release    removes the temporary if it was not committed,
 *                      closes and frees.  NULL is allowed.
 *
 * The guarantees above hold at every step: the final name holds nothing
 * or the whole file, a temporary is locked while it exists (a killed
 * process's are removed by the next batch), and a staged file that is
 * released without a commit leaves nothing.  A staged file holds
 * OUTFILE_STAGED_FDS descriptors until released.  A staged file may be
 * committed and released by another thread than the one that staged it.
 */
struct outfile_staged;

#define OUTFILE_STAGED_FDS 2  /* the directory and the temporary's lock */

struct outfile_staged *outfile_stage(const char *path, const void *data, size_t len,
    unsigned flags, char *err, size_t errlen);
bool outfile_commit(struct outfile_staged *s, char *err, size_t errlen);
bool outfile_sync_dirs(struct outfile_staged *const *s, size_t n, char *err, size_t errlen);
void outfile_release(struct outfile_staged *s);

/* Whether path (following links) is the file open as fd: a document
 * written to standard output must not be followed by its name there. */
bool outfile_is_fd(const char *path, int fd);

/* Check that dir exists, is a directory and is writable by us (creating
 * and removing a probe file, so it holds for root too on a read-only
 * file system).  On failure fills err and returns false. */
bool outfile_check_dir(const char *dir, char *err, size_t errlen);

/*
 * Remove from dir the temporaries that a killed run left: regular files
 * (not links) named exactly OUTFILE_TMP_PREFIX "<digits>.<digits>.<name>"
 * whose lock nobody holds (a writer holds it as long as the temporary
 * exists, and the kernel drops it when the writer dies, however it dies).
 * Nothing else is touched.  *n_removed counts them.  False with err
 * filled if one could not be removed (the others still are).
 */
bool outfile_remove_stale(const char *dir, size_t *n_removed, char *err, size_t errlen);

#endif
