/* test_batch.c - shard selection, finding inputs, and the manifest's
 * records written and read back. */
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "arena.h"
#include "batch.h"
#include "harness.h"
#include "manifest.h"

static void
shards(void)
{
	/* pinned: printf '%s' PATH | sha256sum, first 16 hex digits mod N */
	CHECK_INT(batch_shard_of("cases/ua-detained-lawyer.yaml", 3), 0);
	CHECK_INT(batch_shard_of("cases/ua-detained-lawyer.yaml", 7), 3);
	CHECK_INT(batch_shard_of("in/a.yaml", 3), 1);
	CHECK_INT(batch_shard_of("in/a.yaml", 1), 0);
	/* every path in exactly one shard, and no shard empty over 300 */
	unsigned count[5] = { 0 };
	for (int i = 0; i < 300; i++) {
		char p[64];
		snprintf(p, sizeof p, "cases/case-%03d.yaml", i);
		unsigned s = batch_shard_of(p, 5);
		CHECK(s < 5);
		count[s < 5 ? s : 0]++;
	}
	for (int s = 0; s < 5; s++)
		CHECK(count[s] > 30);
}

static void
roundtrip(void)
{
	struct manifest_output outs[2] = {
		{ "out/a \"b\".en.pdf", 123456789012ULL, "00ff" },
		{ "out/\xc3\xa9t\xc3\xa9.pdf", 0, "ab" },
	};
	struct manifest_record w = {
		.input = "in/a\\b.yaml", .input_sha256 = "abc", .id = "ua-1", .lang = "en",
		.copy = "full", .status = "ok", .error = "line\nbreak\ttab",
		.diagnostics = "{\"file\":\"x\",\"line\":null,\"nested\":[1,2,{\"a\":true}]}",
		.outputs = outs, .n_outputs = 2, .version = "0.1.0",
	};
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	manifest_format(fp, &w);
	fclose(fp);
	CHECK(len > 2 && buf[len - 1] == '\n' && buf[0] == '{');
	CHECK(memchr(buf, '\n', len - 1) == NULL);
	struct arena a = { 0 };
	struct manifest_record r;
	CHECK(manifest_parse(buf, len - 1, &a, &r));
	CHECK_STR(r.input, w.input);
	CHECK_STR(r.input_sha256, "abc");
	CHECK_STR(r.id, "ua-1");
	CHECK_STR(r.lang, "en");
	CHECK_STR(r.copy, "full");
	CHECK_STR(r.status, "ok");
	CHECK_STR(r.error, w.error);
	CHECK_STR(r.version, "0.1.0");
	CHECK_INT(r.n_outputs, 2);
	if (r.n_outputs == 2) {
		CHECK_STR(r.outputs[0].path, outs[0].path);
		CHECK_INT(r.outputs[0].size, 123456789012LL);
		CHECK_STR(r.outputs[0].sha256, "00ff");
		CHECK_STR(r.outputs[1].path, outs[1].path);
	}
	/* a line cut short by a crash is not a record */
	for (size_t cut = 1; cut < len - 1; cut += 7)
		CHECK(!manifest_parse(buf, cut, &a, &r));
	free(buf);

	/* nulls, \u escapes with a surrogate pair, unknown members skipped */
	const char *line = "{\"input\":\"x\\u00e9\\ud83d\\ude00\",\"lang\":null,\"extra\":"
	    "{\"k\":[-1.5e3,\"s\"]},\"outputs\":[],\"status\":\"skipped\"}";
	CHECK(manifest_parse(line, strlen(line), &a, &r));
	CHECK_STR(r.input, "x\xc3\xa9\xf0\x9f\x98\x80");
	CHECK(r.lang == NULL);
	CHECK_INT(r.n_outputs, 0);
	CHECK_STR(r.status, "skipped");
	const char *bad[] = { "", "{", "[]", "{\"a\":}", "{\"a\":1,}", "{\"a\":\"\\u0000\"}",
		"{\"a\":\"\\ud800\"}", "{\"a\":1} x", "{\"outputs\":[{\"size\":-1}]}" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		CHECK(!manifest_parse(bad[i], strlen(bad[i]), &a, &r));
	arena_free(&a);
}

/* A group of records: one append, every record or none. */
static void
append_many(void)
{
	char dir[] = "/tmp/spcomm-test-batch-XXXXXX";
	char err[256], path[512];
	struct stat st;
	size_t cut = 0, n_bad = 99;
	CHECK(mkdtemp(dir) != NULL);
	snprintf(path, sizeof path, "%s/manifest.jsonl", dir);
	struct manifest *m = manifest_open(dir, &cut, err, sizeof err);
	CHECK(m != NULL);
	struct manifest_output o = { "o/1.pdf", 1, "11" };
	struct manifest_record r[3] = {
		{ .input = "a.yaml", .lang = "en", .copy = "full", .status = "ok", .outputs = &o,
		  .n_outputs = 1, .version = "v" },
		{ .input = "b.yaml", .lang = "en", .copy = "full", .status = "failed",
		  .error = "cannot render", .version = "v" },
		{ .input = "c.yaml", .lang = "fr", .copy = "full", .status = "skipped",
		  .outputs = &o, .n_outputs = 1, .version = "v" },
	};
	CHECK(m && manifest_append_many(m, r, 3, err, sizeof err));
	CHECK(stat(path, &st) == 0);
	off_t three = st.st_size;
	/* an empty group writes nothing */
	CHECK(m && manifest_append_many(m, r, 0, err, sizeof err));
	CHECK(stat(path, &st) == 0 && st.st_size == three);
	CHECK(manifest_close(m, err, sizeof err));
	struct manifest_index *ix = manifest_index_load(dir, &n_bad, err, sizeof err);
	CHECK(ix != NULL);
	CHECK_INT(n_bad, 0);
	CHECK(ix && manifest_index_find(ix, "a.yaml", "en", "full") != NULL);
	CHECK(ix && manifest_index_find(ix, "b.yaml", "en", "full") == NULL); /* failed */
	CHECK(ix && manifest_index_find(ix, "c.yaml", "fr", "full") != NULL);
	manifest_index_free(ix);
	FILE *fp = fopen(path, "r");
	int lines = 0, ch;
	while (fp != NULL && (ch = fgetc(fp)) != EOF)
		lines += ch == '\n';
	if (fp != NULL)
		fclose(fp);
	CHECK_INT(lines, 3);

	/* A group that does not fit under the file size limit leaves none of
	 * its records, not even those that would have fitted. */
	char *first = NULL;
	size_t first_len = 0;
	fp = open_memstream(&first, &first_len);
	manifest_format(fp, &r[0]);
	fclose(fp);
	free(first);
	rlim_t limit = (rlim_t)three + first_len + 10;
	fflush(NULL);
	pid_t pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		struct rlimit rl = { limit, limit };
		signal(SIGXFSZ, SIG_IGN);
		struct manifest *c = manifest_open(dir, &cut, err, sizeof err);
		if (c == NULL || setrlimit(RLIMIT_FSIZE, &rl) != 0)
			_exit(3);
		bool ok = manifest_append_many(c, r, 3, err, sizeof err);
		manifest_close(c, err, sizeof err);
		_exit(ok ? 1 : strstr(err, "File too large") ? 0 : 2);
	}
	int status = 0;
	CHECK(waitpid(pid, &status, 0) == pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CHECK(stat(path, &st) == 0 && st.st_size == three);
	unlink(path);
	rmdir(dir);
}

static void
index_last_wins(void)
{
	char dir[] = "/tmp/spcomm-test-batch-XXXXXX";
	char err[256], path[512];
	CHECK(mkdtemp(dir) != NULL);
	size_t n_bad = 99;
	struct manifest_index *ix = manifest_index_load(dir, &n_bad, err, sizeof err);
	CHECK(ix != NULL && n_bad == 0);
	CHECK(ix && manifest_index_find(ix, "a.yaml", "en", "full") == NULL);
	manifest_index_free(ix);

	size_t cut = 99;
	struct manifest *m = manifest_open(dir, &cut, err, sizeof err);
	CHECK(m != NULL);
	CHECK_INT(cut, 0);
	struct manifest_output o1 = { "o/1.pdf", 1, "11" }, o2 = { "o/2.pdf", 2, "22" };
	struct manifest_record r = { .input = "a.yaml", .lang = "en", .copy = "full",
		.status = "ok", .outputs = &o1, .n_outputs = 1, .version = "v" };
	CHECK(manifest_append(m, &r, err, sizeof err));
	r.outputs = &o2;
	CHECK(manifest_append(m, &r, err, sizeof err));
	r.status = "failed";   /* not a finished document: ignored */
	CHECK(manifest_append(m, &r, err, sizeof err));
	r.input = "b.yaml";
	r.status = "skipped";
	CHECK(manifest_append(m, &r, err, sizeof err));
	CHECK(manifest_close(m, err, sizeof err));
	/* a crash in the middle of a line: the next run cuts it off */
	snprintf(path, sizeof path, "%s/manifest.jsonl", dir);
	struct stat st;
	CHECK(stat(path, &st) == 0);
	off_t whole = st.st_size;
	FILE *fp = fopen(path, "a");
	fputs("{\"input\":\"c.yaml\",\"sta", fp);
	fclose(fp);
	m = manifest_open(dir, &cut, err, sizeof err);
	CHECK_INT(cut, 22);
	CHECK(stat(path, &st) == 0 && st.st_size == whole);
	r.input = "d.yaml";
	CHECK(m && manifest_append(m, &r, err, sizeof err));
	CHECK(manifest_close(m, err, sizeof err));
	/* a last line with its '\n' that is not a record is cut too; a whole
	 * one is kept */
	CHECK(stat(path, &st) == 0);
	whole = st.st_size;
	fp = fopen(path, "a");
	fputs("{\"input\":\"e.yaml\"\n", fp);
	fclose(fp);
	m = manifest_open(dir, &cut, err, sizeof err);
	CHECK_INT(cut, 18);
	CHECK(manifest_close(m, err, sizeof err));
	m = manifest_open(dir, &cut, err, sizeof err);
	CHECK_INT(cut, 0);
	CHECK(manifest_close(m, err, sizeof err));
	CHECK(stat(path, &st) == 0 && st.st_size == whole);

	ix = manifest_index_load(dir, &n_bad, err, sizeof err);
	CHECK(ix != NULL);
	CHECK_INT(n_bad, 0);
	const struct manifest_record *a = ix ? manifest_index_find(ix, "a.yaml", "en", "full") : NULL;
	CHECK(a != NULL && a->n_outputs == 1);
	if (a && a->n_outputs == 1)
		CHECK_STR(a->outputs[0].path, "o/2.pdf");
	CHECK(ix && manifest_index_find(ix, "a.yaml", "fr", "full") == NULL);
	CHECK(ix && manifest_index_find(ix, "b.yaml", "en", "full") != NULL);
	CHECK(ix && manifest_index_find(ix, "c.yaml", "en", "full") == NULL);
	CHECK(ix && manifest_index_find(ix, "d.yaml", "en", "full") != NULL);
	manifest_index_free(ix);
	unlink(path);
	rmdir(dir);
}

static void
inputs(void)
{
	char dir[] = "/tmp/spcomm-test-inputs-XXXXXX", p[600];
	CHECK(mkdtemp(dir) != NULL);
	const char *files[] = { "b.yaml", "a.yaml", "sub/c.yaml", "sub/.hidden.yaml", "x.txt",
		".git/d.yaml" };
	snprintf(p, sizeof p, "%s/sub", dir);
	mkdir(p, 0700);
	snprintf(p, sizeof p, "%s/.git", dir);
	mkdir(p, 0700);
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		snprintf(p, sizeof p, "%s/%s", dir, files[i]);
		FILE *fp = fopen(p, "w");
		if (fp)
			fclose(fp);
	}
	char named[600];
	snprintf(named, sizeof named, "%s/a.yaml", dir);
	const char *args[] = { named, dir, "/nonexistent/z.yaml" };
	size_t n = 0;
	char **v = batch_find_inputs(args, 3, &n, stderr);
	CHECK(v != NULL);
	CHECK_INT(n, 4);
	if (v && n == 4) {
		CHECK_STR(v[0], named);   /* first as named; not again from the directory */
		snprintf(p, sizeof p, "%s/b.yaml", dir);
		CHECK_STR(v[1], p);
		snprintf(p, sizeof p, "%s/sub/c.yaml", dir);
		CHECK_STR(v[2], p);
		CHECK_STR(v[3], "/nonexistent/z.yaml");
	}
	batch_free_inputs(v, n);
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		snprintf(p, sizeof p, "%s/%s", dir, files[i]);
		unlink(p);
	}
	snprintf(p, sizeof p, "%s/sub", dir);
	rmdir(p);
	snprintf(p, sizeof p, "%s/.git", dir);
	rmdir(p);
	rmdir(dir);
}

int
main(void)
{
	RUN(shards);
	RUN(roundtrip);
	RUN(index_last_wins);
	RUN(append_many);
	RUN(inputs);
	return harness_done();
}
