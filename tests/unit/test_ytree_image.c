/* test_ytree_image.c - the data files' trees from the image are the trees
 * the loader builds, and a damaged image gives the same trees or none. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "arena.h"
#include "diag.h"
#include "gen/xorshift.h"
#include "harness.h"
#include "ytree.h"
#include "ytree_image.h"

#ifndef SPCOMM_SOURCE_DIR
#define SPCOMM_SOURCE_DIR "."
#endif

static char **files;
static size_t n_files;
static char image_path[64] = "/tmp/spcomm-trees-XXXXXX";

/* Every file of forms/ and locale/, by path. */
static void
list_files(void)
{
	static const char *const dirs[] = { SPCOMM_SOURCE_DIR "/forms", SPCOMM_SOURCE_DIR "/locale" };
	for (size_t d = 0; d < 2; d++) {
		size_t n;
		char **names = ytree_yaml_files(dirs[d], &n);
		CHECK(names != NULL && n > 0);
		for (size_t i = 0; names != NULL && i < n; i++) {
			files = realloc(files, (n_files + 1) * sizeof *files);
			size_t len = strlen(dirs[d]) + strlen(names[i]) + 2;
			files[n_files] = malloc(len);
			snprintf(files[n_files++], len, "%s/%s", dirs[d], names[i]);
		}
		ytree_names_free(names, n);
	}
}

/* The dump of path's tree: from the image (image true) or parsed; NULL
 * when the image has no tree of it. */
static char *
dump(const char *path, bool image)
{
	char *buf, *out = NULL;
	size_t len, out_len;
	struct diag_list dl;
	struct arena a = { 0 };
	struct ytree t = { 0 };
	diag_list_init(&dl, NULL);
	bool ok = ytree_read_file(path, &buf, &len, &dl);
	if (ok)
		ok = image ? ytree_image_tree(buf, len, &a, &t) : ytree_load(buf, len, &a, &t, &dl);
	if (ok) {
		FILE *fp = open_memstream(&out, &out_len);
		ytree_dump(fp, t.root, 0);
		fclose(fp);
	}
	free(buf);
	diag_list_free(&dl);
	arena_free(&a);
	return out;
}

static bool
write_image(const char *const *which, size_t n)
{
	FILE *fp = fopen(image_path, "wb");
	bool ok = fp != NULL && ytree_image_write(fp, which, n, stderr);
	return fp != NULL && fclose(fp) == 0 && ok;
}

/* Every data file's tree, from an image of all of them, dumps as the
 * parsed one does: kinds, keys, values, styles and every position. */
static void
same_trees(void)
{
	CHECK(write_image((const char *const *)files, n_files));
	CHECK(ytree_image_use(image_path));
	for (size_t i = 0; i < n_files; i++) {
		char *a = dump(files[i], true), *b = dump(files[i], false);
		CHECK(a != NULL && b != NULL);
		if (a != NULL && b != NULL && strcmp(a, b) != 0) {
			fprintf(stderr, "%s: the image's tree differs from the parsed one\n", files[i]);
			CHECK(strcmp(a, b) == 0);
		}
		free(a);
		free(b);
	}
	/* the same files give the same bytes */
	char *first = NULL, *second = NULL;
	size_t n1 = 0, n2 = 0;
	FILE *fp = fopen(image_path, "rb");
	CHECK(fp != NULL && (first = malloc(4 << 20)) != NULL);
	if (fp) { n1 = fread(first, 1, 4 << 20, fp); fclose(fp); }
	CHECK(write_image((const char *const *)files, n_files));
	fp = fopen(image_path, "rb");
	CHECK(fp != NULL && (second = malloc(4 << 20)) != NULL);
	if (fp) { n2 = fread(second, 1, 4 << 20, fp); fclose(fp); }
	CHECK(n1 > 0 && n1 == n2 && memcmp(first, second, n1) == 0);
	free(first);
	free(second);
	ytree_image_forget();
}

/* A file whose bytes differ by one from the image's is not found there. */
static void
edited_file_not_found(void)
{
	const char *one[] = { files[0] };
	CHECK(write_image(one, 1));
	CHECK(ytree_image_use(image_path));
	char *buf;
	size_t len;
	struct diag_list dl;
	struct arena a = { 0 };
	struct ytree t = { 0 };
	diag_list_init(&dl, NULL);
	CHECK(ytree_read_file(files[0], &buf, &len, &dl));
	CHECK(ytree_image_tree(buf, len, &a, &t));
	buf[len / 2] ^= 0x01;
	CHECK(!ytree_image_tree(buf, len, &a, &t));
	buf[len / 2] ^= 0x01;
	CHECK(!ytree_image_tree(buf, len - 1, &a, &t));
	free(buf);
	diag_list_free(&dl);
	arena_free(&a);
	ytree_image_forget();
	/* no image, an empty file, a file of another kind */
	CHECK(!ytree_image_use("/nonexistent/trees.bin"));
	CHECK(!ytree_image_use("/dev/null"));
	CHECK(!ytree_image_use(files[0]));
}

/* Each byte of an image of two files changed in turn (a sample of them):
 * a tree is the parsed one or none, never another, and nothing crashes. */
static void
damaged_image(void)
{
	const char *two[] = { SPCOMM_SOURCE_DIR "/forms/common.yaml",
		SPCOMM_SOURCE_DIR "/forms/sp-general.yaml" };
	CHECK(write_image(two, 2));
	FILE *fp = fopen(image_path, "rb");
	static unsigned char good[1 << 20];
	size_t n = fp ? fread(good, 1, sizeof good, fp) : 0;
	if (fp)
		fclose(fp);
	CHECK(n > 0 && n < sizeof good);
	char *want[2] = { dump(two[0], false), dump(two[1], false) };
	/* undamaged, both trees are there */
	CHECK(ytree_image_use(image_path));
	for (int f = 0; f < 2; f++) {
		char *got = dump(two[f], true);
		CHECK(got != NULL && want[f] != NULL && strcmp(got, want[f]) == 0);
		free(got);
	}
	uint64_t rng = 0x1234567887654321ULL;
	int other = 0;
	for (int k = 0; k < 1500 && n > 0; k++) {
		/* the header and file records often, the rest at random */
		size_t at = k < 300 ? (size_t)k : xorshift_next(&rng) % n;
		unsigned char saved = good[at];
		good[at] ^= (unsigned char)(1u << (xorshift_next(&rng) % 8));
		fp = fopen(image_path, "wb");
		if (fp) {
			fwrite(good, 1, n, fp);
			fclose(fp);
		}
		good[at] = saved;
		if (!ytree_image_use(image_path))
			continue;
		for (int f = 0; f < 2; f++) {
			char *got = dump(two[f], true);
			if (got != NULL && (want[f] == NULL || strcmp(got, want[f]) != 0) &&
			    other++ < 3)
				fprintf(stderr, "byte %zu changed: another tree of %s\n", at, two[f]);
			free(got);
		}
		ytree_image_forget();
	}
	CHECK_INT(other, 0);
	free(want[0]);
	free(want[1]);
}

/* The image rewritten in place while a run uses it (a `cp` or an install
 * over it, truncating the file first): the run's trees are still the
 * parsed ones or none, and nothing crashes (a mapped image that shrinks
 * under the process faults with SIGBUS).  In a child, so that a crash is
 * a failed check. */
static void
image_rewritten_in_place(void)
{
	const char *two[] = { SPCOMM_SOURCE_DIR "/forms/common.yaml",
		SPCOMM_SOURCE_DIR "/forms/sp-general.yaml" };
	CHECK(write_image(two, 2));
	char *want[2] = { dump(two[0], false), dump(two[1], false) };
	fflush(NULL);
	pid_t pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		if (!ytree_image_use(image_path))
			_exit(2);
		/* shorter: 100 bytes of another file */
		FILE *fp = fopen(image_path, "wb");
		if (fp == NULL)
			_exit(2);
		for (int i = 0; i < 100; i++)
			fputc('x', fp);
		fclose(fp);
		for (int f = 0; f < 2; f++) {
			char *got = dump(two[f], true);
			if (got != NULL && (want[f] == NULL || strcmp(got, want[f]) != 0))
				_exit(3);
			free(got);
		}
		ytree_image_forget();
		_exit(0);
	}
	int status = 0;
	CHECK(pid > 0 && waitpid(pid, &status, 0) == pid);
	if (WIFSIGNALED(status))
		fprintf(stderr, "the image rewritten under the process: signal %d\n", WTERMSIG(status));
	CHECK(WIFEXITED(status));
	CHECK_INT(WIFEXITED(status) ? WEXITSTATUS(status) : -1, 0);
	free(want[0]);
	free(want[1]);
}

/* An image of more than 256 MiB is not read whole: a header that claims
 * the size of a large file (sparse here) is refused before its body. */
static void
large_image_refused(void)
{
	const char *one[] = { files[0] };
	CHECK(write_image(one, 1));
	CHECK(ytree_image_use(image_path));
	ytree_image_forget();
	FILE *fp = fopen(image_path, "r+b");
	uint64_t size = (uint64_t)300 << 20;
	CHECK(fp != NULL);
	if (fp != NULL) {
		CHECK(fseek(fp, 32, SEEK_SET) == 0 && fwrite(&size, sizeof size, 1, fp) == 1);
		fclose(fp);
	}
	CHECK(truncate(image_path, (off_t)size) == 0);
	CHECK(!ytree_image_use(image_path));
	CHECK(truncate(image_path, 0) == 0);
}

int
main(void)
{
	int fd = mkstemp(image_path);
	CHECK(fd >= 0);
	if (fd >= 0)
		close(fd);
	list_files();
	RUN(same_trees);
	RUN(edited_file_not_found);
	RUN(damaged_image);
	RUN(image_rewritten_in_place);
	RUN(large_image_refused);
	unlink(image_path);
	for (size_t i = 0; i < n_files; i++)
		free(files[i]);
	free(files);
	return harness_done();
}
