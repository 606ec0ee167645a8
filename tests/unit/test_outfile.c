/*
 * test_outfile.c - atomic output files: what is left on disk after
 * success and after each kind of failure (reliability.md 7.1).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness.h"

#include "outfile.h"

static char tmpdir[64];

static void
join(char *buf, size_t size, const char *dir, const char *name)
{
	snprintf(buf, size, "%s/%s", dir, name);
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	if (fp == NULL)
		return NULL;
	char *buf = malloc(1 << 20);
	size_t n = fread(buf, 1, (1 << 20) - 1, fp);
	fclose(fp);
	buf[n] = '\0';
	*len = n;
	return buf;
}

/* Number of entries in dir that are our temporaries or probes (and, to
 * be safe, anything named as temporaries used to be). */
static int
count_temps(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;
	if (d == NULL)
		return -1;
	while ((e = readdir(d)) != NULL)
		if (strncmp(e->d_name, OUTFILE_TMP_PREFIX, strlen(OUTFILE_TMP_PREFIX)) == 0 ||
		    strstr(e->d_name, ".tmp.") != NULL || strstr(e->d_name, ".spcomm-probe") != NULL)
			n++;
	closedir(d);
	return n;
}

static bool
exists(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0;
}

static void
test_write(void)
{
	char path[256], err[256] = "";
	const char data[] = "%PDF-1.4 test data";
	join(path, sizeof path, tmpdir, "a.en.pdf");
	CHECK(outfile_write(path, data, sizeof data - 1, 0, err, sizeof err));
	struct stat st;
	CHECK(stat(path, &st) == 0 && S_ISREG(st.st_mode));
	CHECK_INT(st.st_mode & 07777, 0600);
	size_t len = 0;
	char *got = slurp(path, &len);
	CHECK(got != NULL && len == sizeof data - 1 && memcmp(got, data, len) == 0);
	free(got);
	CHECK_INT(count_temps(tmpdir), 0);

	/* An empty document is still a file. */
	join(path, sizeof path, tmpdir, "empty.pdf");
	CHECK(outfile_write(path, "", 0, 0, err, sizeof err));
	CHECK(stat(path, &st) == 0 && st.st_size == 0);

	/* A name without a directory is in the current directory. */
	char cwd[4096];
	CHECK(getcwd(cwd, sizeof cwd) != NULL);
	CHECK(chdir(tmpdir) == 0);
	CHECK(outfile_write("rel.pdf", "x", 1, 0, err, sizeof err));
	CHECK(chdir(cwd) == 0);
	join(path, sizeof path, tmpdir, "rel.pdf");
	CHECK(exists(path));

	/* A large document goes through the write loop in several calls. */
	size_t big = 8u << 20;
	char *buf = malloc(big);
	for (size_t i = 0; i < big; i++)
		buf[i] = (char)(i * 7);
	join(path, sizeof path, tmpdir, "big.pdf");
	CHECK(outfile_write(path, buf, big, 0, err, sizeof err));
	FILE *fp = fopen(path, "rb");
	char *back = malloc(big);
	CHECK(fp != NULL && fread(back, 1, big, fp) == big && memcmp(back, buf, big) == 0);
	if (fp != NULL)
		fclose(fp);
	free(back);
	free(buf);
}

static void
test_existing(void)
{
	char path[256], err[256] = "";
	join(path, sizeof path, tmpdir, "b.pdf");
	CHECK(outfile_write(path, "old", 3, 0, err, sizeof err));
	CHECK(!outfile_write(path, "new", 3, 0, err, sizeof err));
	CHECK(strstr(err, "File exists") != NULL);
	CHECK(strstr(err, path) != NULL);
	size_t len;
	char *got = slurp(path, &len);
	CHECK(got != NULL && len == 3 && memcmp(got, "old", 3) == 0);
	free(got);
	CHECK_INT(count_temps(tmpdir), 0);

	CHECK(outfile_write(path, "newer", 5, OUTFILE_FORCE, err, sizeof err));
	got = slurp(path, &len);
	CHECK(got != NULL && len == 5 && memcmp(got, "newer", 5) == 0);
	free(got);
	CHECK_INT(count_temps(tmpdir), 0);
}

static void
test_symlink(void)
{
	char target[128], link[128], err[256] = "";
	join(target, sizeof target, tmpdir, "victim.txt");
	join(link, sizeof link, tmpdir, "c.pdf");
	FILE *fp = fopen(target, "w");
	CHECK(fp != NULL);
	if (fp == NULL)
		return;
	fputs("precious", fp);
	fclose(fp);
	CHECK(symlink(target, link) == 0);

	/* Without force: refused, the link's target untouched. */
	CHECK(!outfile_write(link, "evil", 4, 0, err, sizeof err));
	CHECK(strstr(err, "symbolic link") != NULL);
	size_t len;
	char *got = slurp(target, &len);
	CHECK(got != NULL && len == 8 && memcmp(got, "precious", 8) == 0);
	free(got);

	/* With force: refused all the same, the link and its target kept. */
	CHECK(!outfile_write(link, "pdf!", 4, OUTFILE_FORCE | OUTFILE_STREAMS, err, sizeof err));
	CHECK(strstr(err, "symbolic link") != NULL);
	CHECK_INT(outfile_target(link, OUTFILE_FORCE, err, sizeof err), OUTFILE_REFUSED);
	struct stat st;
	CHECK(lstat(link, &st) == 0 && S_ISLNK(st.st_mode));
	got = slurp(target, &len);
	CHECK(got != NULL && len == 8 && memcmp(got, "precious", 8) == 0);
	free(got);
	CHECK_INT(count_temps(tmpdir), 0);

	/* A link to a stream is the stream, with OUTFILE_STREAMS only. */
	char null_link[128];
	join(null_link, sizeof null_link, tmpdir, "null.pdf");
	CHECK(symlink("/dev/null", null_link) == 0);
	CHECK(!outfile_write(null_link, "x", 1, OUTFILE_FORCE, err, sizeof err));
	CHECK(outfile_write(null_link, "x", 1, OUTFILE_STREAMS, err, sizeof err));
	CHECK(lstat(null_link, &st) == 0 && S_ISLNK(st.st_mode));
}

/* Writes into a FIFO through outfile_write; returns what a reader read. */
static char *
through_fifo(const char *fifo, unsigned flags, bool *ok)
{
	static char got[64];
	int p[2];
	if (pipe(p) != 0)
		return NULL;
	pid_t pid = fork();
	if (pid == 0) {
		char buf[64];
		close(p[0]);
		FILE *fp = fopen(fifo, "r");
		size_t n = fp ? fread(buf, 1, sizeof buf, fp) : 0;
		if (write(p[1], buf, n) < 0)
			_exit(1);
		_exit(0);
	}
	close(p[1]);
	char err[256];
	*ok = outfile_write(fifo, "stream!", 7, flags, err, sizeof err);
	ssize_t n = read(p[0], got, sizeof got - 1);
	got[n > 0 ? n : 0] = '\0';
	close(p[0]);
	waitpid(pid, NULL, 0);
	return got;
}

static void
test_streams(void)
{
	char fifo[128], path[128], err[256] = "";
	struct stat st;
	join(fifo, sizeof fifo, tmpdir, "fifo.pdf");
	CHECK(mkfifo(fifo, 0600) == 0);
	/* Without OUTFILE_STREAMS (a batch): refused, even forced. */
	CHECK(!outfile_write(fifo, "x", 1, OUTFILE_FORCE, err, sizeof err));
	CHECK(strstr(err, "a FIFO") != NULL);
	/* With it: written into, no --force needed, the FIFO kept. */
	CHECK_INT(outfile_target(fifo, OUTFILE_STREAMS, err, sizeof err), OUTFILE_STREAM);
	bool ok = false;
	char *got = through_fifo(fifo, OUTFILE_STREAMS, &ok);
	CHECK(ok);
	CHECK(got != NULL && strcmp(got, "stream!") == 0);
	CHECK(lstat(fifo, &st) == 0 && S_ISFIFO(st.st_mode));
	CHECK_INT(count_temps(tmpdir), 0);

	/* Another user's FIFO: refused before it is opened (root can make one). */
	if (geteuid() == 0 && chown(fifo, 65534, 65534) == 0) {
		CHECK_INT(outfile_target(fifo, OUTFILE_STREAMS, err, sizeof err), OUTFILE_REFUSED);
		CHECK(strstr(err, "another user") != NULL);
		CHECK(!outfile_write(fifo, "x", 1, OUTFILE_STREAMS | OUTFILE_FORCE, err, sizeof err));
		CHECK(lstat(fifo, &st) == 0 && S_ISFIFO(st.st_mode));
	}

	/* A full device: its error, the device kept.  Root could replace the
	 * system's /dev/full if this regressed (it once did): root tries a
	 * node of its own. */
	char full[128] = "/dev/full";
	if (geteuid() == 0) {
		join(full, sizeof full, tmpdir, "full");
		CHECK(mknod(full, S_IFCHR | 0666, makedev(1, 7)) == 0);
	}
	CHECK(!outfile_write(full, "x", 1, OUTFILE_STREAMS | OUTFILE_FORCE, err, sizeof err));
	CHECK(strstr(err, "No space left on device") != NULL);
	CHECK(lstat(full, &st) == 0 && S_ISCHR(st.st_mode));
	CHECK(outfile_write("/dev/null", "x", 1, OUTFILE_STREAMS, err, sizeof err));

	/* A descriptor name writes into the open descriptor, at its offset. */
	join(path, sizeof path, tmpdir, "fd-target");
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	CHECK(fd >= 0 && write(fd, "head:", 5) == 5);
	char name[64];
	snprintf(name, sizeof name, "/dev/fd/%d", fd);
	CHECK_INT(outfile_target(name, OUTFILE_STREAMS, err, sizeof err), OUTFILE_STREAM);
	CHECK(outfile_write(name, "body", 4, OUTFILE_STREAMS, err, sizeof err));
	snprintf(name, sizeof name, "/proc/self/fd/%d", fd);
	CHECK(outfile_write(name, "!", 1, OUTFILE_STREAMS, err, sizeof err));
	close(fd);
	size_t len = 0;
	got = slurp(path, &len);
	CHECK(got != NULL && strcmp(got, "head:body!") == 0);
	free(got);
	/* ... only one open for writing */
	fd = open(path, O_RDONLY);
	snprintf(name, sizeof name, "/dev/fd/%d", fd);
	CHECK(!outfile_write(name, "x", 1, OUTFILE_STREAMS, err, sizeof err));
	CHECK(strstr(err, "not open for writing") != NULL);
	close(fd);
	CHECK(!outfile_write("/dev/fd/999", "x", 1, OUTFILE_STREAMS, err, sizeof err));
	CHECK(strstr(err, "not open") != NULL);

	/* A directory is refused, forced or not. */
	join(path, sizeof path, tmpdir, "dir.pdf");
	CHECK(mkdir(path, 0700) == 0);
	CHECK_INT(outfile_target(path, OUTFILE_FORCE | OUTFILE_STREAMS, err, sizeof err),
	    OUTFILE_REFUSED);
	CHECK(strstr(err, "a directory") != NULL);
	CHECK(!outfile_write(path, "x", 1, OUTFILE_FORCE | OUTFILE_STREAMS, err, sizeof err));
	CHECK(stat(path, &st) == 0 && S_ISDIR(st.st_mode));
	CHECK_INT(count_temps(tmpdir), 0);
}

/* outfile_remove_stale: only our dead temporaries go. */
static void
test_stale(void)
{
	char dir[128], path[256], err[256] = "";
	join(dir, sizeof dir, tmpdir, "stale");
	CHECK(mkdir(dir, 0700) == 0);
	const char *dead[] = { ".spcomm-tmp.4242.0.ua-1.en.pdf", ".spcomm-tmp.1.17.x" };
	const char *kept[] = { ".spcomm-tmp.4242.0.", ".spcomm-tmp.x.0.a.pdf", ".spcomm-tmp.1.a.pdf",
		"spcomm-tmp.1.2.a.pdf", ".ua-1.en.pdf.tmp.4242.0", "ua-1.en.pdf", "manifest.jsonl" };
	for (size_t i = 0; i < 2; i++) {
		join(path, sizeof path, dir, dead[i]);
		FILE *fp = fopen(path, "w");
		CHECK(fp != NULL && fputs("case data", fp) >= 0 && fclose(fp) == 0);
	}
	for (size_t i = 0; i < sizeof kept / sizeof kept[0]; i++) {
		join(path, sizeof path, dir, kept[i]);
		FILE *fp = fopen(path, "w");
		CHECK(fp != NULL && fclose(fp) == 0);
	}
	/* a link and a directory named as temporaries, and a live one */
	join(path, sizeof path, dir, ".spcomm-tmp.5.5.link");
	CHECK(symlink("ua-1.en.pdf", path) == 0);
	join(path, sizeof path, dir, ".spcomm-tmp.6.6.dir");
	CHECK(mkdir(path, 0700) == 0);
	join(path, sizeof path, dir, ".spcomm-tmp.7.7.live");
	int live = open(path, O_WRONLY | O_CREAT, 0600);
	CHECK(live >= 0 && flock(live, LOCK_EX) == 0);

	size_t n = 99;
	CHECK(outfile_remove_stale(dir, &n, err, sizeof err));
	CHECK_INT(n, 2);
	for (size_t i = 0; i < 2; i++) {
		join(path, sizeof path, dir, dead[i]);
		CHECK(!exists(path));
	}
	for (size_t i = 0; i < sizeof kept / sizeof kept[0]; i++) {
		join(path, sizeof path, dir, kept[i]);
		CHECK(exists(path));
	}
	const char *others[] = { ".spcomm-tmp.5.5.link", ".spcomm-tmp.6.6.dir", ".spcomm-tmp.7.7.live" };
	for (size_t i = 0; i < 3; i++) {
		join(path, sizeof path, dir, others[i]);
		CHECK(exists(path));
	}
	close(live);
	CHECK(outfile_remove_stale(dir, &n, err, sizeof err));
	CHECK_INT(n, 1);   /* its writer gone, the live one is stale now */
	CHECK(!exists(path));

	CHECK(!outfile_remove_stale("/nonexistent-spcomm", &n, err, sizeof err));
	CHECK(strstr(err, "No such file") != NULL);
}

static void
test_missing_dir(void)
{
	char path[256], dir[128], file[128], err[256] = "";
	join(dir, sizeof dir, tmpdir, "no-such-dir");
	join(path, sizeof path, dir, "d.pdf");
	CHECK(!outfile_write(path, "x", 1, 0, err, sizeof err));
	CHECK(strstr(err, "No such file or directory") != NULL);
	CHECK(strstr(err, "d.pdf") != NULL);

	CHECK(!outfile_check_dir(dir, err, sizeof err));
	CHECK(strstr(err, "No such file or directory") != NULL);
	CHECK(outfile_check_dir(tmpdir, err, sizeof err));
	CHECK_INT(count_temps(tmpdir), 0);

	join(file, sizeof file, tmpdir, "plain-file");
	CHECK(outfile_write(file, "x", 1, 0, err, sizeof err));
	CHECK(!outfile_check_dir(file, err, sizeof err));
	CHECK(strstr(err, "Not a directory") != NULL);

	/* A trailing slash names no file. */
	join(path, sizeof path, tmpdir, "");
	CHECK(!outfile_write(path, "x", 1, 0, err, sizeof err));
}

/* A tiny tmpfs: the write must fail cleanly and leave nothing behind. */
static void
test_full_disk(void)
{
	char mnt[128], path[256], cmd[256], err[256] = "";
	if (geteuid() != 0) {
		printf("skip: full-disk test needs root to mount a tmpfs\n");
		return;
	}
	join(mnt, sizeof mnt, tmpdir, "small");
	CHECK(mkdir(mnt, 0700) == 0);
	snprintf(cmd, sizeof cmd, "mount -t tmpfs -o size=64k tmpfs '%s' 2>/dev/null", mnt);
	if (system(cmd) != 0) {
		printf("skip: cannot mount a tmpfs here\n");
		rmdir(mnt);
		return;
	}
	join(path, sizeof path, mnt, "e.pdf");
	size_t big = 256u * 1024u;
	char *buf = calloc(1, big);
	CHECK(!outfile_write(path, buf, big, 0, err, sizeof err));
	CHECK(strstr(err, "No space left on device") != NULL);
	CHECK(strstr(err, "e.pdf") != NULL);
	CHECK(!exists(path));
	CHECK_INT(count_temps(mnt), 0);
	/* A document that fits still works afterwards. */
	CHECK(outfile_write(path, buf, 1024, 0, err, sizeof err));
	CHECK(exists(path));
	free(buf);

	/* Read-only: the probe tells even root the truth. */
	snprintf(cmd, sizeof cmd, "mount -o remount,ro '%s' 2>/dev/null", mnt);
	if (system(cmd) == 0) {
		CHECK(!outfile_check_dir(mnt, err, sizeof err));
		CHECK(strstr(err, "Read-only file system") != NULL);
	}
	snprintf(cmd, sizeof cmd, "umount '%s'", mnt);
	CHECK_INT(system(cmd), 0);
	rmdir(mnt);
}

/* RLIMIT_FSIZE with SIGXFSZ ignored (as cli.c does): EFBIG, no file. */
/* Whether the one temporary in dir is locked by someone (the file a
 * staged document is in); its name into name. */
static int
temp_locked(const char *dir, char *name, size_t size)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int r = -1;
	while (d != NULL && (e = readdir(d)) != NULL) {
		if (strncmp(e->d_name, OUTFILE_TMP_PREFIX, strlen(OUTFILE_TMP_PREFIX)) != 0)
			continue;
		join(name, size, dir, e->d_name);
		int fd = open(name, O_RDONLY);
		r = fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK;
		if (fd >= 0)
			close(fd);
	}
	if (d != NULL)
		closedir(d);
	return r;
}

/* The four steps of outfile_write, as a batch's group commit takes them:
 * nothing at the name before the commit, the temporary locked until it
 * is renamed or removed, a commit that never replaces what appeared
 * meanwhile, a release without commit that leaves nothing. */
static void
test_staged(void)
{
	char path[256], path2[256], tmp[512], err[256] = "";
	size_t len, n = 0;
	join(path, sizeof path, tmpdir, "staged.pdf");
	join(path2, sizeof path2, tmpdir, "staged2.pdf");
	struct outfile_staged *s = outfile_stage(path, "one", 3, 0, err, sizeof err);
	struct outfile_staged *s2 = outfile_stage(path2, "two", 3, 0, err, sizeof err);
	CHECK(s != NULL && s2 != NULL);
	CHECK(!exists(path) && !exists(path2));
	CHECK_INT(count_temps(tmpdir), 2);
	/* a batch starting now must take them for a live writer's */
	CHECK(outfile_remove_stale(tmpdir, &n, err, sizeof err));
	CHECK_INT(n, 0);
	CHECK_INT(count_temps(tmpdir), 2);
	CHECK(s && outfile_commit(s, err, sizeof err));
	CHECK(s2 && outfile_commit(s2, err, sizeof err));
	struct outfile_staged *both[2] = { s, s2 };
	CHECK(s && s2 && outfile_sync_dirs(both, 2, err, sizeof err));
	outfile_release(s);
	outfile_release(s2);
	char *got = slurp(path, &len);
	CHECK(got != NULL && len == 3 && memcmp(got, "one", 3) == 0);
	free(got);
	CHECK(exists(path2));
	CHECK_INT(count_temps(tmpdir), 0);

	/* released without a commit: no file, no temporary */
	unlink(path);
	s = outfile_stage(path, "one", 3, 0, err, sizeof err);
	CHECK(s != NULL);
	CHECK_INT(temp_locked(tmpdir, tmp, sizeof tmp), 1);
	outfile_release(s);
	CHECK(!exists(path) && !exists(tmp));
	CHECK_INT(count_temps(tmpdir), 0);

	/* a file that appears at the name after the stage is kept */
	s = outfile_stage(path, "one", 3, 0, err, sizeof err);
	CHECK(s != NULL);
	FILE *fp = fopen(path, "w");
	fputs("theirs", fp);
	fclose(fp);
	CHECK(s && !outfile_commit(s, err, sizeof err));
	CHECK(errno == EEXIST && strstr(err, path) != NULL);
	outfile_release(s);
	got = slurp(path, &len);
	CHECK(got != NULL && len == 6 && memcmp(got, "theirs", 6) == 0);
	free(got);
	CHECK_INT(count_temps(tmpdir), 0);

	/* an existing file: refused before any temporary, replaced forced */
	errno = 0;
	CHECK(outfile_stage(path, "one", 3, 0, err, sizeof err) == NULL);
	CHECK(errno == EEXIST);
	CHECK_INT(count_temps(tmpdir), 0);
	s = outfile_stage(path, "one", 3, OUTFILE_FORCE, err, sizeof err);
	CHECK(s && outfile_commit(s, err, sizeof err) && outfile_sync_dirs(&s, 1, err, sizeof err));
	outfile_release(s);
	got = slurp(path, &len);
	CHECK(got != NULL && len == 3 && memcmp(got, "one", 3) == 0);
	free(got);

	/* streams are never staged, even asked for */
	CHECK(outfile_stage("/dev/null", "x", 1, OUTFILE_STREAMS, err, sizeof err) == NULL);
	CHECK(outfile_stage("/dev/stdout", "x", 1, OUTFILE_STREAMS, err, sizeof err) == NULL);
	CHECK_INT(count_temps(tmpdir), 0);
	unlink(path);
	unlink(path2);
}

static void
test_file_size_limit(void)
{
	char path[256];
	join(path, sizeof path, tmpdir, "f.pdf");
	fflush(NULL);
	pid_t pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		char err[256] = "";
		struct rlimit rl = { 4096, 4096 };
		signal(SIGXFSZ, SIG_IGN);
		if (setrlimit(RLIMIT_FSIZE, &rl) != 0)
			_exit(3);
		static char buf[65536];
		if (outfile_write(path, buf, sizeof buf, 0, err, sizeof err))
			_exit(1);
		_exit(strstr(err, "File too large") != NULL ? 0 : 2);
	}
	int status = 0;
	CHECK(waitpid(pid, &status, 0) == pid);
	CHECK(WIFEXITED(status));
	CHECK_INT(WEXITSTATUS(status), 0);
	CHECK(!exists(path));
	CHECK_INT(count_temps(tmpdir), 0);
}

int
main(void)
{
	snprintf(tmpdir, sizeof tmpdir, "/tmp/spcomm-test-outfile-XXXXXX");
	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	RUN(test_write);
	RUN(test_existing);
	RUN(test_symlink);
	RUN(test_streams);
	RUN(test_stale);
	RUN(test_missing_dir);
	RUN(test_full_disk);
	RUN(test_file_size_limit);
	RUN(test_staged);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", tmpdir);
	return harness_done();
}
