/*
 * outfile.c - atomic output files (see outfile.h and reliability.md 7.1).
 *
 * renameat2() and RENAME_NOREPLACE (glibc 2.28+, Linux 3.15+) are
 * declared only under _GNU_SOURCE, and so is syscall() that would be the
 * alternative; the project compiles with _XOPEN_SOURCE=700.  So this
 * one file, and no other, asks for the GNU extensions, before any include.
 */
#define _GNU_SOURCE 1

#include "outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Distinguishes temporaries of several threads of one process. */
static atomic_uint tmp_counter;

/*
 * Split path into its directory (malloc-free: written into dir) and the
 * final component (pointer into path).  "x.pdf" is in ".".
 */
static bool
split_path(const char *path, char *dir, size_t dirlen, const char **base)
{
	const char *slash = strrchr(path, '/');
	if (slash == NULL) {
		if (dirlen < 2)
			return false;
		strcpy(dir, ".");
		*base = path;
	} else {
		size_t n = (size_t)(slash - path);
		if (n == 0)
			n = 1; /* "/x.pdf" is in "/" */
		if (n >= dirlen)
			return false;
		memcpy(dir, path, n);
		dir[n] = '\0';
		*base = slash + 1;
	}
	return **base != '\0' && strcmp(*base, ".") != 0 && strcmp(*base, "..") != 0;
}

static bool
write_all(int fd, const unsigned char *p, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, p, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return false;
		}
		if (n == 0) {
			/* write() returning 0 for a non-zero count: treat it as a
			 * full device rather than loop forever. */
			errno = ENOSPC;
			return false;
		}
		p += n;
		len -= (size_t)n;
	}
	return true;
}

bool
outfile_write(const char *path, const void *data, size_t len, bool force,
    char *err, size_t errlen)
{
	char dir[4096], tmp[512];
	const char *base;
	int dirfd = -1, fd = -1, cfd, saved = 0;
	bool tmp_made = false, ok = false;

	if (path == NULL || !split_path(path, dir, sizeof dir, &base)) {
		snprintf(err, errlen, "cannot write %s: invalid output file name",
		    path ? path : "(null)");
		return false;
	}
	unsigned n = atomic_fetch_add(&tmp_counter, 1u);
	int tl = snprintf(tmp, sizeof tmp, ".%s.tmp.%ld.%u", base, (long)getpid(), n);
	if (tl < 0 || (size_t)tl >= sizeof tmp) {
		snprintf(err, errlen, "cannot write %s: file name too long", path);
		return false;
	}

	dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dirfd < 0)
		goto fail;
	fd = openat(dirfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0)
		goto fail;
	tmp_made = true;
	if (!write_all(fd, data, len))
		goto fail;
	/* A failed fsync is final: the kernel may have dropped the dirty
	 * pages and cleared the error, so a retry could lie (fsyncgate). */
	if (fsync(fd) != 0)
		goto fail;
	cfd = fd;
	fd = -1;
	if (close(cfd) != 0)
		goto fail;

	if (force) {
		/* renameat replaces a symlink at path itself, never its target. */
		if (renameat(dirfd, tmp, dirfd, base) != 0)
			goto fail;
	} else if (renameat2(dirfd, tmp, dirfd, base, RENAME_NOREPLACE) != 0) {
		goto fail;
	}
	tmp_made = false;
	/* Make the rename itself durable. */
	if (fsync(dirfd) != 0)
		goto fail;
	ok = true;

fail:
	if (!ok) {
		saved = errno;
		snprintf(err, errlen, "cannot write %s: %s", path, strerror(saved));
	}
	if (fd >= 0)
		close(fd);
	if (tmp_made)
		unlinkat(dirfd, tmp, 0);
	if (dirfd >= 0)
		close(dirfd);
	if (!ok)
		errno = saved;
	return ok;
}

bool
outfile_check_dir(const char *dir, char *err, size_t errlen)
{
	char probe[64];
	int dirfd = -1, fd = -1;
	bool ok = false;
	struct stat st;

	if (dir == NULL || *dir == '\0')
		dir = ".";
	if (stat(dir, &st) != 0)
		goto fail;
	if (!S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		goto fail;
	}
	dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dirfd < 0)
		goto fail;
	/* access(W_OK) says yes to root on a read-only file system; only
	 * creating a file tells the truth. */
	snprintf(probe, sizeof probe, ".spcomm-probe.%ld.%u", (long)getpid(),
	    atomic_fetch_add(&tmp_counter, 1u));
	fd = openat(dirfd, probe, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0)
		goto fail;
	close(fd);
	if (unlinkat(dirfd, probe, 0) != 0)
		goto fail;
	ok = true;

fail:
	if (!ok)
		snprintf(err, errlen, "cannot write to directory %s: %s", dir,
		    strerror(errno));
	if (dirfd >= 0)
		close(dirfd);
	return ok;
}
