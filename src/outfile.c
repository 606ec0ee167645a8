/*
 * outfile.c - output files: atomic files, streams, stale temporaries (see
 * outfile.h, docs/security.md and reliability.md 7.1).
 *
 * renameat2() and RENAME_NOREPLACE (glibc 2.28+, Linux 3.15+) are
 * declared only under _GNU_SOURCE, and so is syscall() that would be the
 * alternative; the project compiles with _XOPEN_SOURCE=700.  So this
 * one file, and no other, asks for the GNU extensions, before any include.
 */
#define _GNU_SOURCE 1

#include "outfile.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

/* Distinguishes temporaries of several threads of one process. */
static atomic_uint tmp_counter;

/* A temporary removed by outfile_remove_stale between its creation and
 * its lock is made again under a new name; more than this is not a race
 * but a cleaner gone mad. */
#define TMP_ATTEMPTS 8

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

/* ----- what is at the output name ----- */

struct target {
	enum outfile_kind kind;
	int fd;             /* a descriptor name's descriptor, else -1 */
	bool via_link;      /* a stream reached through a symbolic link */
	dev_t dev;          /* the stream's, to check what open() gives */
	ino_t ino;
};

/* Fill err, set errno to e, and say the name is refused. */
static enum outfile_kind refuse(int e, char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static enum outfile_kind
refuse(int e, char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	errno = e;
	return OUTFILE_REFUSED;
}

/* The descriptor a name stands for: /dev/stdout, /dev/stderr, /dev/fd/N,
 * /proc/self/fd/N as spelled (the links the kernel and udev make), else
 * -1.  Writing into the open descriptor keeps what the shell set up: the
 * offset of a file opened with >, the O_APPEND of >>. */
static int
descriptor_name(const char *path)
{
	const char *num = NULL;
	if (strcmp(path, "/dev/stdout") == 0)
		return 1;
	if (strcmp(path, "/dev/stderr") == 0)
		return 2;
	if (strncmp(path, "/dev/fd/", 8) == 0)
		num = path + 8;
	else if (strncmp(path, "/proc/self/fd/", 14) == 0)
		num = path + 14;
	if (num == NULL || *num < '0' || *num > '9' || strlen(num) > 6)
		return -1;
	for (const char *p = num; *p; p++)
		if (*p < '0' || *p > '9')
			return -1;
	return atoi(num);
}

static const char *
kind_words(mode_t m)
{
	return S_ISDIR(m) ? "a directory" : S_ISSOCK(m) ? "a socket" : S_ISBLK(m) ? "a block device"
	    : S_ISFIFO(m) ? "a FIFO" : S_ISCHR(m) ? "a character device" : "not a regular file";
}

/* A FIFO or character device we may write case data into: ours or
 * root's (devices; /dev/null), never one another user can read from. */
static enum outfile_kind
stream(const char *path, const struct stat *st, bool via_link, struct target *t, char *err,
    size_t errlen)
{
	if (st->st_uid != geteuid() && st->st_uid != 0)
		return refuse(EPERM, err, errlen, "cannot write %s: it is %s%s that belongs to "
		    "another user (uid %lu); case data is never sent to another user's stream",
		    path, via_link ? "a link to " : "", kind_words(st->st_mode),
		    (unsigned long)st->st_uid);
	t->via_link = via_link;
	t->dev = st->st_dev;
	t->ino = st->st_ino;
	return t->kind = OUTFILE_STREAM;
}

static enum outfile_kind
descriptor(const char *path, int fd, struct target *t, char *err, size_t errlen)
{
	int fl = fcntl(fd, F_GETFL);
	if (fl < 0)
		return refuse(EBADF, err, errlen, "cannot write %s: descriptor %d is not open", path, fd);
	if ((fl & O_ACCMODE) == O_RDONLY)
		return refuse(EBADF, err, errlen, "cannot write %s: descriptor %d is not open for "
		    "writing", path, fd);
	t->fd = fd;
	return t->kind = OUTFILE_STREAM;
}

static enum outfile_kind
link_target(const char *path, unsigned flags, struct target *t, char *err, size_t errlen)
{
	struct stat st;
	if ((flags & OUTFILE_STREAMS) && stat(path, &st) == 0 &&
	    (S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode)))
		return stream(path, &st, true, t, err, errlen);
	return refuse(ELOOP, err, errlen, "cannot write %s: it is a symbolic link; spcomm never "
	    "writes through a link nor replaces one, even with --force (name the file itself, "
	    "or remove the link)", path);
}

/*
 * A name holding a control character (a line feed, a tab, an escape) is
 * refused: spcomm prints the names it writes one a line, for scripts, and
 * a line feed in one would make two names of it (an unset variable's
 * "$DIR\n" is the usual way there).  The name is shown with the
 * character escaped.
 */
static bool
control_in_name(const char *path, char *err, size_t errlen)
{
	const unsigned char *bad = NULL;
	for (const unsigned char *p = (const unsigned char *)path; *p && bad == NULL; p++)
		if (*p < 0x20 || *p == 0x7F)
			bad = p;
	if (bad == NULL)
		return false;
	char shown[256];
	size_t k = 0;
	for (const unsigned char *p = (const unsigned char *)path; *p && k + 8 < sizeof shown; p++)
		if (*p == '\n')
			k += (size_t)snprintf(shown + k, sizeof shown - k, "\\n");
		else if (*p == '\t')
			k += (size_t)snprintf(shown + k, sizeof shown - k, "\\t");
		else if (*p < 0x20 || *p == 0x7F)
			k += (size_t)snprintf(shown + k, sizeof shown - k, "\\x%02X", *p);
		else
			shown[k++] = (char)*p;
	shown[k] = '\0';
	refuse(EINVAL, err, errlen, "cannot write \"%s\": the name holds a control character "
	    "(U+%04X), and spcomm reports the names it writes one a line; choose a name without it",
	    shown, *bad);
	return true;
}

static enum outfile_kind
classify(const char *path, unsigned flags, struct target *t, char *err, size_t errlen)
{
	struct stat st;
	*t = (struct target){ .kind = OUTFILE_REFUSED, .fd = -1 };
	if (control_in_name(path, err, errlen))
		return OUTFILE_REFUSED;
	int fd = descriptor_name(path);
	if (fd >= 0 && (flags & OUTFILE_STREAMS))
		return descriptor(path, fd, t, err, errlen);
	if (fstatat(AT_FDCWD, path, &st, AT_SYMLINK_NOFOLLOW) != 0) {
		if (errno == ENOENT)
			return t->kind = OUTFILE_NEW;
		return refuse(errno, err, errlen, "cannot write %s: %s", path, strerror(errno));
	}
	if (S_ISREG(st.st_mode))
		return t->kind = OUTFILE_REGULAR;
	if (S_ISLNK(st.st_mode))
		return link_target(path, flags, t, err, errlen);
	if ((S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode)) && (flags & OUTFILE_STREAMS))
		return stream(path, &st, false, t, err, errlen);
	return refuse(S_ISDIR(st.st_mode) ? EISDIR : EPERM, err, errlen,
	    "cannot write %s: it is %s; only a regular file is replaced%s", path,
	    kind_words(st.st_mode), (flags & OUTFILE_STREAMS) ? "" : " here");
}

enum outfile_kind
outfile_target(const char *path, unsigned flags, char *err, size_t errlen)
{
	struct target t;
	if (path == NULL)
		return refuse(EINVAL, err, errlen, "cannot write (null): no output file name");
	return classify(path, flags, &t, err, errlen);
}

bool
outfile_is_fd(const char *path, int fd)
{
	struct stat a, b;
	return stat(path, &a) == 0 && fstat(fd, &b) == 0 && a.st_dev == b.st_dev &&
	    a.st_ino == b.st_ino;
}

/* ----- streams ----- */

/* Open the stream t names, checking that it is still what classify saw
 * (a name swapped for a regular file in between is not written). */
static int
open_stream(const char *path, const struct target *t)
{
	struct stat st;
	if (t->fd >= 0)
		return fcntl(t->fd, F_DUPFD_CLOEXEC, 0);
	/* blocks until a FIFO has a reader, as the shell's > does */
	int fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC | (t->via_link ? 0 : O_NOFOLLOW));
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) != 0 || st.st_dev != t->dev || st.st_ino != t->ino) {
		close(fd);
		errno = ESTALE;
		return -1;
	}
	return fd;
}

static bool
write_stream(const char *path, const struct target *t, const void *data, size_t len,
    char *err, size_t errlen)
{
	struct stat st;
	int fd = open_stream(path, t), saved;
	bool ok = fd >= 0 && write_all(fd, data, len);
	/* a descriptor name may be the regular file the shell opened: make
	 * it as durable as any other document; pipes and ttys have no fsync */
	if (ok && fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
		ok = fsync(fd) == 0;
	saved = errno;
	if (fd >= 0 && close(fd) != 0 && ok) {
		ok = false;
		saved = errno;
	}
	if (!ok) {
		snprintf(err, errlen, "cannot write %s: %s", path, strerror(saved));
		errno = saved;
	}
	return ok;
}

/* ----- atomic files ----- */

/* Create and lock a temporary for base in dirfd; its name into tmp.  The
 * lock tells outfile_remove_stale that the file is alive: it is taken
 * before any byte is written, and a temporary removed before we had it
 * (nlink 0) is made again. */
static int
create_temp(int dirfd, const char *base, char *tmp, size_t tmplen)
{
	for (int i = 0; i < TMP_ATTEMPTS; i++) {
		struct stat st;
		unsigned n = atomic_fetch_add(&tmp_counter, 1u);
		int tl = snprintf(tmp, tmplen, OUTFILE_TMP_PREFIX "%ld.%u.%s", (long)getpid(), n, base);
		if (tl < 0 || (size_t)tl >= tmplen) {
			errno = ENAMETOOLONG;
			return -1;
		}
		int fd = openat(dirfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
		if (fd < 0)
			return -1;
		if (flock(fd, LOCK_EX) != 0 || fstat(fd, &st) != 0) {
			int saved = errno;
			close(fd);
			unlinkat(dirfd, tmp, 0);
			errno = saved;
			return -1;
		}
		if (st.st_nlink > 0)
			return fd;
		close(fd);
	}
	errno = EAGAIN;
	return -1;
}

/* A document in its temporary, written and synced, waiting for its
 * rename (outfile.h). */
struct outfile_staged {
	int dirfd;          /* the directory, for the rename and its fsync */
	int hold;           /* the temporary, open only to keep its lock */
	bool replace;       /* rename over a regular file (OUTFILE_FORCE) */
	bool committed;     /* renamed: nothing left to remove */
	char *path;         /* the final name as given, for messages */
	const char *base;   /* its last component, inside path */
	char tmp[512];      /* the temporary's name in dirfd; "" if none */
};

/* Fill err with path and strerror(e), keep errno e, and return false. */
static bool
fail_errno(int e, const char *path, char *err, size_t errlen)
{
	snprintf(err, errlen, "cannot write %s: %s", path, strerror(e));
	errno = e;
	return false;
}

/* Create the temporary of s, write data into it, fsync and close it,
 * keeping its lock through s->hold.  False with errno set; whatever was
 * made is left for outfile_release to remove. */
static bool
fill_temp(struct outfile_staged *s, const void *data, size_t len)
{
	int fd = create_temp(s->dirfd, s->base, s->tmp, sizeof s->tmp), saved;
	if (fd < 0) {
		s->tmp[0] = '\0';
		return false;
	}
	/* A failed fsync is final: the kernel may have dropped the dirty
	 * pages and cleared the error, so a retry could lie (fsyncgate).
	 * Each file is synced by the thread that wrote it, so that a batch's
	 * workers sync in parallel and its group commit is left with the
	 * renames, one directory fsync and one manifest append. */
	if (!write_all(fd, data, len) || fsync(fd) != 0)
		goto fail;
	/* close is checked (NFS reports errors there), but the lock must
	 * outlive it until the rename: a second descriptor keeps it */
	s->hold = fcntl(fd, F_DUPFD_CLOEXEC, 0);
	if (s->hold < 0)
		goto fail;
	return close(fd) == 0;

fail:
	saved = errno;
	close(fd);
	errno = saved;
	return false;
}

struct outfile_staged *
outfile_stage(const char *path, const void *data, size_t len, unsigned flags, char *err,
    size_t errlen)
{
	struct target t;
	char dir[4096];
	if (path == NULL) {
		refuse(EINVAL, err, errlen, "cannot write (null): no output file name");
		return NULL;
	}
	/* streams are written at once (outfile_write), never staged */
	flags &= ~(unsigned)OUTFILE_STREAMS;
	switch (classify(path, flags, &t, err, errlen)) {
	case OUTFILE_REFUSED:
	case OUTFILE_STREAM:
		return NULL;
	case OUTFILE_REGULAR:
		if (!(flags & OUTFILE_FORCE)) {
			fail_errno(EEXIST, path, err, errlen);
			return NULL;
		}
		break;
	case OUTFILE_NEW:
		break;
	}
	struct outfile_staged *s = calloc(1, sizeof *s);
	if (s == NULL || (s->path = strdup(path)) == NULL) {
		free(s);
		fail_errno(ENOMEM, path, err, errlen);
		return NULL;
	}
	s->dirfd = s->hold = -1;
	/* something may appear at a new name meanwhile: never replace it
	 * then unless forced (and renameat never follows a link) */
	s->replace = (flags & OUTFILE_FORCE) != 0;
	if (!split_path(s->path, dir, sizeof dir, &s->base)) {
		snprintf(err, errlen, "cannot write %s: invalid output file name", path);
		outfile_release(s);
		errno = EINVAL;
		return NULL;
	}
	s->dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (s->dirfd < 0 || !fill_temp(s, data, len)) {
		int saved = errno;
		fail_errno(saved, path, err, errlen);
		outfile_release(s);
		errno = saved;
		return NULL;
	}
	return s;
}

bool
outfile_commit(struct outfile_staged *s, char *err, size_t errlen)
{
	int r;
	if (s->replace)
		/* classify saw a regular file; if a link took its place since,
		 * renameat replaces the link itself, never its target. */
		r = renameat(s->dirfd, s->tmp, s->dirfd, s->base);
	else
		r = renameat2(s->dirfd, s->tmp, s->dirfd, s->base, RENAME_NOREPLACE);
	if (r != 0)
		return fail_errno(errno, s->path, err, errlen);
	s->committed = true;
	return true;
}

bool
outfile_sync_dirs(struct outfile_staged *const *s, size_t n, char *err, size_t errlen)
{
	/* a batch's files share one directory: one fsync makes all their
	 * renames durable */
	for (size_t i = 0; i < n; i++) {
		struct stat st, seen;
		bool done = false;
		if (fstat(s[i]->dirfd, &st) != 0)
			return fail_errno(errno, s[i]->path, err, errlen);
		for (size_t k = 0; k < i && !done; k++)
			done = fstat(s[k]->dirfd, &seen) == 0 && seen.st_dev == st.st_dev &&
			    seen.st_ino == st.st_ino;
		if (!done && fsync(s[i]->dirfd) != 0)
			return fail_errno(errno, s[i]->path, err, errlen);
	}
	return true;
}

void
outfile_release(struct outfile_staged *s)
{
	if (s == NULL)
		return;
	int saved = errno;
	/* removed while still locked, so that no cleaner can take it for a
	 * dead run's meanwhile */
	if (!s->committed && s->tmp[0] != '\0' && s->dirfd >= 0)
		unlinkat(s->dirfd, s->tmp, 0);
	if (s->hold >= 0)
		close(s->hold);
	if (s->dirfd >= 0)
		close(s->dirfd);
	free(s->path);
	free(s);
	errno = saved;
}

bool
outfile_write(const char *path, const void *data, size_t len, unsigned flags,
    char *err, size_t errlen)
{
	struct target t;
	if (path == NULL) {
		refuse(EINVAL, err, errlen, "cannot write (null): no output file name");
		return false;
	}
	switch (classify(path, flags, &t, err, errlen)) {
	case OUTFILE_REFUSED:
		return false;
	case OUTFILE_STREAM:
		return write_stream(path, &t, data, len, err, errlen);
	case OUTFILE_REGULAR:
	case OUTFILE_NEW:
		break;
	}
	/* the atomic way is the four steps a batch takes apart (outfile.h);
	 * outfile_stage looks at the name again and refuses what it must */
	struct outfile_staged *s = outfile_stage(path, data, len, flags, err, errlen);
	bool ok = s != NULL && outfile_commit(s, err, errlen) &&
	    outfile_sync_dirs(&s, 1, err, errlen);
	outfile_release(s);
	return ok;
}

/* ----- stale temporaries ----- */

/* "<digits>." at *p, moving past it. */
static bool
skip_number(const char **p)
{
	const char *s = *p;
	while (**p >= '0' && **p <= '9')
		(*p)++;
	if (*p == s || **p != '.')
		return false;
	(*p)++;
	return true;
}

/* Exactly OUTFILE_TMP_PREFIX "<digits>.<digits>.<name>". */
static bool
is_temp_name(const char *name)
{
	size_t n = strlen(OUTFILE_TMP_PREFIX);
	if (strncmp(name, OUTFILE_TMP_PREFIX, n) != 0)
		return false;
	const char *p = name + n;
	return skip_number(&p) && skip_number(&p) && *p != '\0';
}

/* Remove name if it is a regular file whose lock we get (its writer is
 * gone); 1 removed, 0 left alone, -1 error. */
static int
remove_if_stale(int dirfd, const char *name)
{
	struct stat st, now;
	int r = 0;
	int fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	/* gone meanwhile, a link, or another user's that we cannot read
	 * (so cannot tell dead from alive): not ours to remove */
	if (fd < 0)
		return errno == ENOENT || errno == ELOOP || errno == EACCES ? 0 : -1;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && flock(fd, LOCK_EX | LOCK_NB) == 0 &&
	    fstatat(dirfd, name, &now, AT_SYMLINK_NOFOLLOW) == 0 && now.st_dev == st.st_dev &&
	    now.st_ino == st.st_ino)
		r = unlinkat(dirfd, name, 0) == 0 ? 1 : -1;
	int saved = errno;
	close(fd);
	errno = saved;
	return r;
}

bool
outfile_remove_stale(const char *dir, size_t *n_removed, char *err, size_t errlen)
{
	bool ok = true;
	*n_removed = 0;
	int dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int listfd = dirfd >= 0 ? fcntl(dirfd, F_DUPFD_CLOEXEC, 0) : -1;
	DIR *d = listfd >= 0 ? fdopendir(listfd) : NULL;
	if (d == NULL) {
		snprintf(err, errlen, "cannot read directory %s: %s", dir, strerror(errno));
		if (listfd >= 0)
			close(listfd);
		if (dirfd >= 0)
			close(dirfd);
		return false;
	}
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (!is_temp_name(e->d_name))
			continue;
		int r = remove_if_stale(dirfd, e->d_name);
		if (r > 0)
			(*n_removed)++;
		if (r < 0 && ok) {
			snprintf(err, errlen, "cannot remove %s/%s: %s", dir, e->d_name, strerror(errno));
			ok = false;
		}
	}
	closedir(d);
	/* the removals are made durable as a rename is; a failure here
	 * leaves at worst a file the next run removes again */
	if (*n_removed > 0)
		(void)fsync(dirfd);
	close(dirfd);
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
