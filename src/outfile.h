/*
 * outfile.h - atomic output files.
 *
 * A document is rendered to memory, then written here: a temporary file
 * in the target directory (O_EXCL, mode 0600), a write loop that handles
 * short writes and EINTR, fsync, close (checked), rename to the final
 * name (renameat2 RENAME_NOREPLACE unless force; a symlink at the final
 * name is never followed), then fsync of the directory.  After any
 * failure the temporary is removed and nothing is left at the final name:
 * HPDF_SaveToFile is never used because it reports success on a full disk.
 * SIGXFSZ must be ignored by the program (cli.c does it) so that a file
 * size limit gives EFBIG instead of killing the process.
 */
#ifndef SPCOMM_OUTFILE_H
#define SPCOMM_OUTFILE_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Write data[0..len) to path atomically.  Without force an existing file
 * (or symlink) at path is an error (EEXIST).  On failure returns false and
 * writes a one-line reason (with strerror) into err[0..errlen).
 */
bool outfile_write(const char *path, const void *data, size_t len, bool force,
    char *err, size_t errlen);

/* Check that dir exists, is a directory and is writable by us (creating
 * and removing a probe file, so it holds for root too on a read-only
 * file system).  On failure fills err and returns false. */
bool outfile_check_dir(const char *dir, char *err, size_t errlen);

#endif
