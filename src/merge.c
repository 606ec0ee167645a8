/*
 * merge.c - `spcomm manifest merge` (spc_manifest_merge, spcomm.h): the
 * manifests of the shards of one batch (`batch --shard I/N` on several
 * machines) combined into one, checking that every case appears in
 * exactly one shard, that the shards ran with the same document options,
 * and, given the inputs, that no case is missing.
 *
 * Each manifest is read whole; the records are parsed with manifest.c's
 * reader.  Of a document (input, lang, copy) only its last line in each
 * manifest is kept (a --resume run appends a newer one).  The output
 * keeps every run line, with "manifest" naming the file it came from,
 * followed by that file's kept records in their order.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "batch.h"
#include "diag.h"
#include "manifest.h"
#include "outfile.h"
#include "spcomm.h"
#include "spcomm_limits.h"

struct line {
	size_t file;             /* index of its manifest */
	size_t seq;              /* position in the whole read */
	const char *text;        /* the line, without '\n' */
	size_t len;
	bool run;                /* a {"run":...} line */
	struct manifest_record r;
};

struct merge {
	struct arena a;
	const char **names;      /* the manifest files read */
	struct line *v;
	size_t n, cap;
	FILE *err;
	bool bad;                /* a conflict, a missing case: exit 1 */
};

/* The bytes of path, malloc'd (*len set), if it is a regular file of at
 * most max bytes; NULL with errno set (EINVAL for a FIFO, a device or a
 * directory, which would hang the read or never end it; EFBIG). */
static char *
slurp(const char *path, size_t *len, size_t max)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	struct stat st;
	if (fd < 0)
		return NULL;
	int e = fstat(fd, &st) != 0 ? errno : !S_ISREG(st.st_mode) ? EINVAL
	    : (uintmax_t)st.st_size > max ? EFBIG : 0;
	if (e != 0) {
		close(fd);
		errno = e;
		return NULL;
	}
	/* one byte more than announced, so growth since fstat is noticed */
	size_t cap = (size_t)st.st_size + 1, n = 0;
	char *buf = xmalloc(cap + 1);
	ssize_t got;
	while (n < cap && (got = read(fd, buf + n, cap - n)) != 0) {
		if (got < 0) {
			if (errno == EINTR)
				continue;
			e = errno;
			free(buf);
			close(fd);
			errno = e;
			return NULL;
		}
		n += (size_t)got;
	}
	close(fd);
	if (n > max) {
		free(buf);
		errno = EFBIG;
		return NULL;
	}
	*len = n;
	return buf;
}

/* The bytes of path in the arena, NUL-terminated; NULL with the reason
 * printed. */
static char *
read_all(struct merge *m, const char *path, size_t *len)
{
	char *buf = slurp(path, len, LIMIT_MANIFEST_BYTES);
	if (buf == NULL) {
		fprintf(m->err, "spcomm: %s: %s\n", path, errno == EINVAL ? "not a regular file"
		    : errno == EFBIG ? "larger than a manifest may be (2 GiB)" : strerror(errno));
		return NULL;
	}
	char *s = arena_strndup(&m->a, buf, *len);
	free(buf);
	return s;
}

static void
push(struct merge *m, const struct line *l)
{
	if (m->n == m->cap)
		m->v = xrealloc(m->v, (m->cap = m->cap ? 2 * m->cap : 256) * sizeof *m->v);
	m->v[m->n] = *l;
	m->v[m->n].seq = m->n;
	m->n++;
}

/* A manifest's lines into m; false (reason printed) if it cannot be read. */
static bool
load(struct merge *m, size_t file)
{
	size_t len;
	char *s = read_all(m, m->names[file], &len);
	if (s == NULL)
		return false;
	size_t n_bad = 0, n_records = 0;
	for (char *p = s, *end = s + len; p < end;) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t l = nl ? (size_t)(nl - p) : (size_t)(end - p);
		struct line ln = { .file = file, .text = p, .len = l };
		if (l == 0) {
			/* an empty line: nothing */
		} else if (strncmp(p, "{\"run\":", 7) == 0 && p[l - 1] == '}') {
			ln.run = true;
			push(m, &ln);
		} else if (nl != NULL && manifest_parse(p, l, &m->a, &ln.r) && ln.r.input != NULL) {
			push(m, &ln);
			n_records++;
		} else {
			n_bad++;
		}
		p += l + 1;
	}
	if (n_bad > 0)
		fprintf(m->err, "spcomm: %s: %zu line%s not a whole record, passed over\n",
		    m->names[file], n_bad, n_bad == 1 ? "" : "s");
	if (n_records == 0)
		fprintf(m->err, "spcomm: %s: no document record\n", m->names[file]);
	return true;
}

static int
nzcmp(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

/* Records by (input, lang, copy), then manifest, then position; run
 * lines last. */
static int
doc_cmp(const void *pa, const void *pb)
{
	const struct line *a = pa, *b = pb;
	int c;
	if (a->run != b->run)
		return a->run ? 1 : -1;
	if ((c = nzcmp(a->r.input, b->r.input)) != 0 || (c = nzcmp(a->r.lang, b->r.lang)) != 0 ||
	    (c = nzcmp(a->r.copy, b->r.copy)) != 0)
		return c;
	if (a->file != b->file)
		return a->file < b->file ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static int
seq_cmp(const void *pa, const void *pb)
{
	const struct line *a = pa, *b = pb;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* The part of a run line that shapes the documents: the version and the
 * options before "resume" (langs, copies, pdfa), as batch writes them.
 * The whole options object if that layout is not found. */
static const char *
run_key(struct merge *m, const struct line *l)
{
	const char *s = arena_strndup(&m->a, l->text, l->len);
	const char *v = strstr(s, "\"version\":");
	const char *o = strstr(s, "\"options\":");
	const char *ve = v ? strchr(v + 11, '"') : NULL;
	const char *oe = o ? strstr(o, ",\"resume\":") : NULL;
	if (oe == NULL && o != NULL)
		oe = s + strlen(s);
	return arena_printf(&m->a, "%.*s %.*s", ve ? (int)(ve - v) : 0, ve ? v : "",
	    oe ? (int)(oe - o) : 0, oe ? o : "");
}

/* Every run line must shape documents as the first one does. */
static void
check_runs(struct merge *m)
{
	const struct line *first = NULL;
	const char *key0 = NULL;
	for (size_t i = 0; i < m->n; i++) {
		if (!m->v[i].run)
			continue;
		const char *key = run_key(m, &m->v[i]);
		if (first == NULL) {
			first = &m->v[i];
			key0 = key;
		} else if (strcmp(key, key0) != 0) {
			fprintf(m->err, "spcomm: %s and %s were written with different run options "
			    "or versions:\n  %s\n  %s\n", m->names[first->file],
			    m->names[m->v[i].file], key0, key);
			m->bad = true;
			return;
		}
	}
}

static bool
same_doc(const struct manifest_record *a, const struct manifest_record *b)
{
	return nzcmp(a->input, b->input) == 0 && nzcmp(a->lang, b->lang) == 0 &&
	    nzcmp(a->copy, b->copy) == 0;
}

/* Keep each document's last line per manifest; refuse a case found in two
 * manifests. */
static void
keep_last(struct merge *m)
{
	qsort(m->v, m->n, sizeof *m->v, doc_cmp);
	size_t k = 0;
	for (size_t i = 0; i < m->n; i++) {
		struct line *l = &m->v[i];
		if (!l->run && i + 1 < m->n && !m->v[i + 1].run && m->v[i + 1].file == l->file &&
		    same_doc(&l->r, &m->v[i + 1].r))
			continue; /* a later line of the same document in the same file */
		m->v[k++] = *l;
	}
	m->n = k;
	/* now one line per (document, file), sorted by input then file */
	for (size_t i = 0; i + 1 < m->n; i++) {
		const struct line *a = &m->v[i];
		if (a->run || m->v[i + 1].run)
			continue;
		for (size_t j = i + 1; j < m->n && !m->v[j].run &&
		    strcmp(m->v[j].r.input, a->r.input) == 0; j++)
			if (m->v[j].file != a->file) {
				fprintf(m->err, "spcomm: case %s is in two shards: %s and %s\n",
				    a->r.input, m->names[a->file], m->names[m->v[j].file]);
				m->bad = true;
				/* report each case once */
				while (i + 1 < m->n && !m->v[i + 1].run &&
				    strcmp(m->v[i + 1].r.input, a->r.input) == 0)
					i++;
				break;
			}
	}
}

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A name a record may give an input: its path, or its pseudonym (a batch
 * without the full copy). */
struct name {
	const char *name;
	size_t input;
};

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(((const struct name *)a)->name, ((const struct name *)b)->name);
}

/* The pseudonym of path as batch_pseudonym makes it from the file. */
static const char *
pseudonym_of(struct merge *m, const char *path)
{
	char out[BATCH_PSEUDONYM_SIZE];
	size_t len = 0;
	char *buf = slurp(path, &len, LIMIT_CASE_BYTES);
	batch_pseudonym(path, buf, len, out);
	free(buf);
	return arena_strdup(&m->a, out);
}

/* Every input exactly once among the records; none that is not an input. */
static bool
check_inputs(struct merge *m, const char *const *args, size_t n_args)
{
	size_t n_in;
	char **in = batch_find_inputs(args, n_args, &n_in, m->err);
	if (in == NULL)
		return false;
	struct name *names = xcalloc(2 * n_in + 1, sizeof *names);
	size_t *seen = xcalloc(n_in + 1, sizeof *seen);
	for (size_t i = 0; i < n_in; i++) {
		names[2 * i] = (struct name){ in[i], i };
		names[2 * i + 1] = (struct name){ pseudonym_of(m, in[i]), i };
	}
	if (n_in > 0)
		qsort(names, 2 * n_in, sizeof *names, name_cmp);
	/* the distinct inputs of the records (m->v is sorted by input) */
	size_t extra = 0, missing = 0;
	for (size_t i = 0; i < m->n; i++) {
		const char *input = m->v[i].r.input;
		if (m->v[i].run || (i > 0 && !m->v[i - 1].run && strcmp(m->v[i - 1].r.input, input) == 0))
			continue;
		struct name key = { input, 0 };
		const struct name *hit = n_in ? bsearch(&key, names, 2 * n_in, sizeof *names, name_cmp) :
		    NULL;
		if (hit == NULL) {
			fprintf(m->err, "spcomm: %s is in a manifest but not among the inputs\n", input);
			extra++;
		} else if (seen[hit->input]++ > 0) {
			fprintf(m->err, "spcomm: case %s is in the manifests twice (by its path and as "
			    "withheld)\n", in[hit->input]);
			extra++;
		}
	}
	qsort(in, n_in, sizeof *in, str_cmp);
	for (size_t i = 0; i < n_in; i++) {
		/* seen[] is by the order before the sort: count again by name */
		struct name key = { in[i], 0 };
		const struct name *hit = bsearch(&key, names, 2 * n_in, sizeof *names, name_cmp);
		if (hit != NULL && seen[hit->input] == 0) {
			fprintf(m->err, "spcomm: missing: %s is in no manifest\n", in[i]);
			missing++;
		}
	}
	if (missing > 0)
		fprintf(m->err, "spcomm: %zu of %zu input%s missing (a shard not run or not "
		    "given?)\n", missing, n_in, n_in == 1 ? "" : "s");
	m->bad |= missing > 0 || extra > 0;
	free(seen);
	free(names);
	batch_free_inputs(in, n_in);
	return true;
}

/* The merged manifest as text. */
static char *
format(struct merge *m, size_t *len)
{
	char *buf = NULL;
	FILE *fp = open_memstream(&buf, len);
	if (fp == NULL)
		return NULL;
	qsort(m->v, m->n, sizeof *m->v, seq_cmp);
	for (size_t i = 0; i < m->n; i++) {
		const struct line *l = &m->v[i];
		if (l->run) {
			/* {"run":{...},"manifest":"<file>"} */
			fwrite(l->text, 1, l->len - 1, fp);
			fputs(",\"manifest\":", fp);
			diag_json_string(fp, m->names[l->file]);
			fputs("}\n", fp);
		} else {
			fwrite(l->text, 1, l->len, fp);
			fputc('\n', fp);
		}
	}
	if (fclose(fp) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

enum spc_status
spc_manifest_merge(const char *const *manifests, size_t n, const struct spc_merge_options *o,
    FILE *err)
{
	struct merge m = { .err = err };
	enum spc_status st = SPC_USAGE;
	m.names = xcalloc(n ? n : 1, sizeof *m.names);
	/* each file's identity: "b.jsonl" and "./b.jsonl", or a link to it,
	 * are one manifest given twice, not two shards that conflict */
	struct stat *ids = xcalloc(n ? n : 1, sizeof *ids);
	for (size_t i = 0; i < n; i++) {
		/* a batch's output directory stands for its manifest */
		struct stat sb;
		m.names[i] = stat(manifests[i], &sb) == 0 && S_ISDIR(sb.st_mode) ?
		    arena_printf(&m.a, "%s/manifest.jsonl", manifests[i]) : manifests[i];
		bool known = stat(m.names[i], &ids[i]) == 0;
		for (size_t j = 0; j < i; j++)
			if (strcmp(m.names[i], m.names[j]) == 0 || (known && ids[j].st_ino != 0 &&
			    ids[i].st_dev == ids[j].st_dev && ids[i].st_ino == ids[j].st_ino)) {
				fprintf(err, "spcomm: %s is given twice%s%s\n", m.names[i],
				    strcmp(m.names[i], m.names[j]) ? ", as " : "",
				    strcmp(m.names[i], m.names[j]) ? m.names[j] : "");
				goto out;
			}
		if (!known)
			memset(&ids[i], 0, sizeof ids[i]);
		if (!load(&m, i))
			goto out;
	}
	check_runs(&m);
	keep_last(&m);
	if (o->n_inputs > 0 && !check_inputs(&m, o->inputs, o->n_inputs))
		goto out;
	if (m.bad) {
		fputs("spcomm: manifests not merged\n", err);
		st = SPC_INVALID;
		goto out;
	}
	size_t len = 0;
	char *text = format(&m, &len);
	if (text == NULL) {
		fputs("spcomm: out of memory\n", err);
		goto out;
	}
	char why[512];
	const char *out = o->out_file ? o->out_file : "/dev/stdout";
	if (!outfile_write(out, text, len, OUTFILE_STREAMS | (o->force ? OUTFILE_FORCE : 0), why,
	    sizeof why))
		fprintf(err, "spcomm: %s\n", why);
	else
		st = SPC_OK;
	free(text);
out:
	free(ids);
	free(m.v);
	free(m.names);
	arena_free(&m.a);
	return st;
}
