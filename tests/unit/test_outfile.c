/*
 * test_outfile.c - atomic output files: what is left on disk after
 * success and after each kind of failure (reliability.md 7.1).
 */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
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

/* Number of entries in dir whose name contains ".tmp." (our temporaries). */
static int
count_temps(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;
	if (d == NULL)
		return -1;
	while ((e = readdir(d)) != NULL)
		if (strstr(e->d_name, ".tmp.") != NULL || strstr(e->d_name, ".spcomm-probe") != NULL)
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
	CHECK(outfile_write(path, data, sizeof data - 1, false, err, sizeof err));
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
	CHECK(outfile_write(path, "", 0, false, err, sizeof err));
	CHECK(stat(path, &st) == 0 && st.st_size == 0);

	/* A name without a directory is in the current directory. */
	char cwd[4096];
	CHECK(getcwd(cwd, sizeof cwd) != NULL);
	CHECK(chdir(tmpdir) == 0);
	CHECK(outfile_write("rel.pdf", "x", 1, false, err, sizeof err));
	CHECK(chdir(cwd) == 0);
	join(path, sizeof path, tmpdir, "rel.pdf");
	CHECK(exists(path));

	/* A large document goes through the write loop in several calls. */
	size_t big = 8u << 20;
	char *buf = malloc(big);
	for (size_t i = 0; i < big; i++)
		buf[i] = (char)(i * 7);
	join(path, sizeof path, tmpdir, "big.pdf");
	CHECK(outfile_write(path, buf, big, false, err, sizeof err));
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
	CHECK(outfile_write(path, "old", 3, false, err, sizeof err));
	CHECK(!outfile_write(path, "new", 3, false, err, sizeof err));
	CHECK(strstr(err, "File exists") != NULL);
	CHECK(strstr(err, path) != NULL);
	size_t len;
	char *got = slurp(path, &len);
	CHECK(got != NULL && len == 3 && memcmp(got, "old", 3) == 0);
	free(got);
	CHECK_INT(count_temps(tmpdir), 0);

	CHECK(outfile_write(path, "newer", 5, true, err, sizeof err));
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
	CHECK(!outfile_write(link, "evil", 4, false, err, sizeof err));
	CHECK(strstr(err, "File exists") != NULL);
	size_t len;
	char *got = slurp(target, &len);
	CHECK(got != NULL && len == 8 && memcmp(got, "precious", 8) == 0);
	free(got);

	/* With force: the link itself is replaced by the new file. */
	CHECK(outfile_write(link, "pdf!", 4, true, err, sizeof err));
	struct stat st;
	CHECK(lstat(link, &st) == 0 && S_ISREG(st.st_mode));
	got = slurp(target, &len);
	CHECK(got != NULL && len == 8 && memcmp(got, "precious", 8) == 0);
	free(got);
	CHECK_INT(count_temps(tmpdir), 0);
}

static void
test_missing_dir(void)
{
	char path[256], dir[128], file[128], err[256] = "";
	join(dir, sizeof dir, tmpdir, "no-such-dir");
	join(path, sizeof path, dir, "d.pdf");
	CHECK(!outfile_write(path, "x", 1, false, err, sizeof err));
	CHECK(strstr(err, "No such file or directory") != NULL);
	CHECK(strstr(err, "d.pdf") != NULL);

	CHECK(!outfile_check_dir(dir, err, sizeof err));
	CHECK(strstr(err, "No such file or directory") != NULL);
	CHECK(outfile_check_dir(tmpdir, err, sizeof err));
	CHECK_INT(count_temps(tmpdir), 0);

	join(file, sizeof file, tmpdir, "plain-file");
	CHECK(outfile_write(file, "x", 1, false, err, sizeof err));
	CHECK(!outfile_check_dir(file, err, sizeof err));
	CHECK(strstr(err, "Not a directory") != NULL);

	/* A trailing slash names no file. */
	join(path, sizeof path, tmpdir, "");
	CHECK(!outfile_write(path, "x", 1, false, err, sizeof err));
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
	CHECK(!outfile_write(path, buf, big, false, err, sizeof err));
	CHECK(strstr(err, "No space left on device") != NULL);
	CHECK(strstr(err, "e.pdf") != NULL);
	CHECK(!exists(path));
	CHECK_INT(count_temps(mnt), 0);
	/* A document that fits still works afterwards. */
	CHECK(outfile_write(path, buf, 1024, false, err, sizeof err));
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
		if (outfile_write(path, buf, sizeof buf, false, err, sizeof err))
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
	RUN(test_missing_dir);
	RUN(test_full_disk);
	RUN(test_file_size_limit);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", tmpdir);
	return harness_done();
}
