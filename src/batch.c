/*
 * batch.c - `spcomm batch` (see batch.h, spcomm.h, cli.md and
 * reliability.md 7): many cases, every language asked for, in worker
 * threads, with a manifest that survives an interruption and lets a later
 * run redo only what changed.
 *
 * Threads: one mutex (struct batch.lock) guards the job counter, the
 * counters, the commit queue and everything written to err; a second
 * (struct batch.commit_lock, taken before lock when both are) the
 * manifest and the renames.  Workers share the environment read-only
 * (every catalog is loaded before they start); each case gets its own
 * arena, diagnostics and, per document, its own libharu document and
 * text context (driver_render_one).
 *
 * Group commit (docs/architecture.md, "Batches"): a worker stages each
 * document (its temporary written and fsynced: outfile_stage) and hands
 * it with its manifest record to the committer thread through a bounded
 * queue.  The committer renames a group of documents into place, fsyncs
 * the directory once, appends the group's records in one write and one
 * fsync, and only then prints their errors and counts them: a record is
 * never on disk before its file is.  Without a committer thread each
 * worker commits its own documents, a group of one.
 */
#include "batch.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "case.h"
#include "diag.h"
#include "driver.h"
#include "form.h"
#include "intl.h"
#include "manifest.h"
#include "match.h"
#include "namekey.h"
#include "outfile.h"
#include "sha256.h"
#include "spcomm.h"

/* libharu needs more than 128 KiB of stack in HPDF_GetFont (pdf.h); the
 * sanitizers triple frame sizes.  Only address space is reserved. */
#define WORKER_STACK (4u * 1024u * 1024u)

/* Each worker holds one document with its fonts (a few MiB): more threads
 * than this only add memory, never speed. */
#define MAX_JOBS 256u

/* Directory nesting searched for case files; deeper is a mistake (or a
 * loop through bind mounts), not a case collection. */
#define MAX_DIR_DEPTH 32

#define LOCK_NAME ".spcomm.lock"

/* The commit queue: about this many documents per worker, within
 * [QUEUE_MIN, QUEUE_MAX] and half the open-file limit (commit_capacity):
 * enough for groups of several documents, few enough that a document
 * waits little and staged files hold few descriptors. */
#define QUEUE_PER_WORKER 4u
#define QUEUE_MIN 8u
#define QUEUE_MAX 64u

/* The longest a staged document waits for its group, in nanoseconds: a
 * slow batch commits (and shows progress) at least this often. */
#define COMMIT_DELAY_NS 250000000L

/* How often the committer looks for an interruption while documents
 * wait (a signal handler cannot wake a thread: spc_batch_interrupt). */
#define COMMIT_POLL_NS 50000000L

/* Set by spc_batch_interrupt (a signal handler): start nothing new. */
static atomic_int stop_requested;

void
spc_batch_interrupt(void)
{
	atomic_store(&stop_requested, 1);
}

static bool
stopping(void)
{
	return atomic_load(&stop_requested) != 0;
}

/* ----- shards and inputs ----- */

unsigned
batch_shard_of(const char *path, unsigned n)
{
	struct sha256 s;
	char hex[65];
	sha256_init(&s);
	sha256_update(&s, path, strlen(path));
	sha256_hex(&s, hex);
	hex[16] = '\0';
	return n ? (unsigned)(strtoull(hex, NULL, 16) % n) : 0;
}

void
batch_pseudonym(const char *path, const void *src, size_t len, char out[BATCH_PSEUDONYM_SIZE])
{
	struct sha256 ph;
	char phex[65];
	sha256_init(&ph);
	sha256_update(&ph, path, strlen(path) + 1);
	if (src != NULL)
		sha256_update(&ph, src, len);
	sha256_hex(&ph, phex);
	snprintf(out, BATCH_PSEUDONYM_SIZE, "withheld-%.16s.yaml", phex);
}

struct found {
	char *path;
	bool have_id;       /* stat worked: dev and ino say which file it is */
	dev_t dev;
	ino_t ino;
	size_t order;
};

struct found_list {
	struct found *v;
	size_t n, cap;
};

static void
push_found(struct found_list *l, char *path, const struct stat *st)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 64;
		l->v = xrealloc(l->v, l->cap * sizeof *l->v);
	}
	l->v[l->n] = (struct found){ .path = path, .have_id = st != NULL, .order = l->n };
	if (st) {
		l->v[l->n].dev = st->st_dev;
		l->v[l->n].ino = st->st_ino;
	}
	l->n++;
}

static char *
join_path(const char *dir, const char *name)
{
	size_t n = strlen(dir);
	bool slash = n > 0 && dir[n - 1] == '/';
	char *s = xmalloc(n + strlen(name) + 2);
	sprintf(s, "%s%s%s", dir, slash ? "" : "/", name);
	return s;
}

static bool
is_yaml(const char *name)
{
	size_t n = strlen(name);
	return n > 5 && strcmp(name + n - 5, ".yaml") == 0;
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool
walk(struct found_list *l, const char *dir, int depth, FILE *err)
{
	char **names = NULL;
	size_t n = 0, cap = 0;
	bool ok = false;
	struct dirent *e;
	if (depth > MAX_DIR_DEPTH) {
		fprintf(err, "spcomm: %s: directories nested deeper than %d\n", dir, MAX_DIR_DEPTH);
		return false;
	}
	DIR *d = opendir(dir);
	if (d == NULL) {
		fprintf(err, "spcomm: cannot read directory %s: %s\n", dir, strerror(errno));
		return false;
	}
	errno = 0;
	while ((e = readdir(d)) != NULL) {
		/* ".", "..", and hidden files: editors' and VCS's, not cases */
		if (e->d_name[0] != '.') {
			if (n == cap) {
				cap = cap ? 2 * cap : 32;
				names = xrealloc(names, cap * sizeof *names);
			}
			names[n++] = xstrdup(e->d_name);
		}
		errno = 0;
	}
	if (errno != 0) {
		fprintf(err, "spcomm: cannot read directory %s: %s\n", dir, strerror(errno));
		goto done;
	}
	/* readdir's order depends on the file system: sort for a run that
	 * is the same everywhere */
	if (n > 0)
		qsort(names, n, sizeof *names, name_cmp);
	for (size_t i = 0; i < n; i++) {
		char *p = join_path(dir, names[i]);
		struct stat lst, st;
		if (lstat(p, &lst) == 0 && S_ISDIR(lst.st_mode)) {
			bool r = walk(l, p, depth + 1, err);
			free(p);
			if (!r)
				goto done;
		} else if (is_yaml(names[i]) && stat(p, &st) == 0 && S_ISREG(st.st_mode)) {
			push_found(l, p, &st);
		} else {
			free(p);
		}
	}
	ok = true;
done:
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	closedir(d);
	return ok;
}

static int
found_cmp(const void *pa, const void *pb)
{
	const struct found *a = pa, *b = pb;
	if (a->have_id != b->have_id)
		return a->have_id ? -1 : 1;
	if (a->have_id && a->dev != b->dev)
		return a->dev < b->dev ? -1 : 1;
	if (a->have_id && a->ino != b->ino)
		return a->ino < b->ino ? -1 : 1;
	return a->order < b->order ? -1 : a->order > b->order;
}

static int
order_cmp(const void *pa, const void *pb)
{
	const struct found *a = pa, *b = pb;
	return a->order < b->order ? -1 : a->order > b->order;
}

char **
batch_find_inputs(const char *const *args, size_t n_args, size_t *n, FILE *err)
{
	struct found_list l = { 0 };
	for (size_t i = 0; i < n_args; i++) {
		struct stat st;
		bool known = stat(args[i], &st) == 0;
		if (known && S_ISDIR(st.st_mode)) {
			if (!walk(&l, args[i], 0, err)) {
				for (size_t k = 0; k < l.n; k++)
					free(l.v[k].path);
				free(l.v);
				return NULL;
			}
		} else {
			/* taken as given: if it cannot be read, validation says so */
			push_found(&l, xstrdup(args[i]), known ? &st : NULL);
		}
	}
	/* the same file twice (named and inside a directory): keep the first */
	if (l.n > 0)
		qsort(l.v, l.n, sizeof *l.v, found_cmp);
	size_t k = 0;
	for (size_t i = 0; i < l.n; i++) {
		if (k > 0 && l.v[i].have_id && l.v[k - 1].have_id && l.v[i].dev == l.v[k - 1].dev &&
		    l.v[i].ino == l.v[k - 1].ino) {
			free(l.v[i].path);
			continue;
		}
		l.v[k++] = l.v[i];
	}
	if (k > 0)
		qsort(l.v, k, sizeof *l.v, order_cmp);
	char **paths = xcalloc(k ? k : 1, sizeof *paths);
	for (size_t i = 0; i < k; i++)
		paths[i] = l.v[i].path;
	free(l.v);
	*n = k;
	return paths;
}

void
batch_free_inputs(char **paths, size_t n)
{
	for (size_t i = 0; paths && i < n; i++)
		free(paths[i]);
	free(paths);
}

/* ----- the run ----- */

/* A person of a case (a `person` block), for duplicate victims. */
struct person {
	struct namekey *keys; /* of the name (namekey.h) */
	size_t n_keys;
	bool one_word;      /* the name is one word: a date of birth must agree too */
	struct pdate dob;   /* precision 0: none given */
	char *path;         /* "victims[0].name" */
	unsigned line, col; /* of the name; 1-based, 0 when unknown */
	size_t input;
};

struct input {
	char *path;
	char sha256[65];    /* of the bytes validated; "" if unreadable */
	char deps_sha256[65]; /* annexes, forms and catalogs (manifest.h); "" if unknown */
	bool valid;         /* no error */
	char *id;           /* from the case model, or NULL */
	/* Per copy (enum spc_copy): the id it shows and names its file with,
	 * and the input path as its manifest records may hold it
	 * (driver_copy_id).  Valid cases only. */
	char *copy_id[3];
	char *copy_input[3];
	/* "withheld-<hash>.yaml": the path in a record that may not show it,
	 * the hash keyed with the file's bytes, so that a guessed path cannot
	 * be tested against it */
	char pseudonym[BATCH_PSEUDONYM_SIZE];
	char *language;     /* the case's language (valid cases) */
	char *diag_text;    /* diagnostics for err */
	char *diag_json;    /* diagnostics for the manifest: objects joined by ',' */
	char *refused;      /* why it is not rendered though valid (shared id) */
	bool failed;        /* a document of it failed (under batch.lock) */
	struct person *persons;
	size_t n_persons;
};

enum phase { PHASE_VALIDATE, PHASE_RENDER };

struct batch {
	struct spc_env *env;
	const struct spc_batch_options *o;
	FILE *err;
	struct input *in;
	size_t n_in;
	unsigned n_threads;
	const char *ready[6];        /* output languages whose catalog is loaded */
	size_t n_ready;
	const char *tried[6];        /* output languages whose catalog was loaded or not */
	size_t n_tried;
	struct manifest *man;
	struct manifest_index *prev; /* --resume */
	/* No full copy in the run: the manifest sits beside Government or
	 * public copies only, and holds no more than the most restricted of
	 * them may show (`shown` is that copy). */
	bool restricted;
	enum spc_copy shown;
	char data_sha256[65];        /* forms and catalogs (driver_data_sha256) */

	pthread_mutex_t lock;
	pthread_cond_t cond;
	/* under commit_lock: the manifest, the renames of a group */
	pthread_mutex_t commit_lock;
	bool manifest_failed;
	int dirfd;                   /* o->out_dir, for a group with no rename */
	/* The commit queue, under lock: documents staged by the workers for
	 * the committer thread (commit_run). */
	struct pending **queue;
	size_t queue_cap, queued;
	size_t in_flight;            /* queued or being committed */
	struct timespec first_queued; /* CLOCK_MONOTONIC, of queue[0] */
	bool committer;              /* the thread runs: workers hand it documents */
	bool closing;                /* no more documents: commit the rest, end */
	pthread_cond_t queue_room;   /* in_flight fell below queue_cap */
	pthread_cond_t queue_wake;   /* for the committer (CLOCK_MONOTONIC) */
	/* under lock: */
	enum phase phase;
	const size_t *jobs;          /* input indices of this phase */
	size_t n_jobs, next;
	unsigned running;
	size_t cases_done, cases_failed;
	size_t docs_written, docs_skipped, docs_failed;
	size_t docs_unchanged;       /* already in DIR with the same bytes */
	bool progress_shown;
	atomic_bool abort;           /* the manifest cannot be written: stop */
	struct timespec start;
};

static const char *
copy_word(enum spc_copy c)
{
	return c == SPC_COPY_GOVERNMENT ? "government" : c == SPC_COPY_PUBLIC ? "public" : "full";
}

static double
seconds_since(const struct timespec *t0)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

/* Print to err under the lock, first clearing the progress line. */
static void say(struct batch *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
say(struct batch *b, const char *fmt, ...)
{
	va_list ap;
	if (b->progress_shown) {
		fputs("\r\033[K", b->err);
		b->progress_shown = false;
	}
	va_start(ap, fmt);
	vfprintf(b->err, fmt, ap);
	va_end(ap);
}

static void
show_progress(struct batch *b)
{
	if (!b->o->progress)
		return;
	if (b->phase == PHASE_VALIDATE) {
		fprintf(b->err, "\r\033[Kvalidating: %zu/%zu cases", b->next, b->n_jobs);
	} else {
		double t = seconds_since(&b->start);
		double rate = t > 0 ? (double)b->cases_done / t : 0;
		fprintf(b->err, "\r\033[K%zu/%zu cases done, %zu failed", b->cases_done, b->n_jobs,
		    b->cases_failed);
		if (rate > 0) {
			unsigned long left = (unsigned long)((double)(b->n_jobs - b->cases_done) / rate + 0.5);
			fprintf(b->err, ", %.1f cases/s, %lu:%02lu:%02lu left", rate, left / 3600,
			    left / 60 % 60, left % 60);
		}
	}
	fflush(b->err);
	b->progress_shown = true;
}

/* Append records r[0..n) in one write (commit_lock held).  A manifest
 * that cannot be written stops the run: documents nobody could find
 * again are not worth making.  False with the reason in why the first
 * time, to be said under lock; false with why "" after. */
static bool
emit_many(struct batch *b, const struct manifest_record *r, size_t n, char *why,
    size_t why_len)
{
	why[0] = '\0';
	if (b->manifest_failed)
		return false;
	if (manifest_append_many(b->man, r, n, why, why_len))
		return true;
	b->manifest_failed = true;
	atomic_store(&b->abort, true);
	return false;
}

static void
hash_bytes(const void *p, size_t len, char hex[65])
{
	struct sha256 s;
	sha256_init(&s);
	sha256_update(&s, p, len);
	sha256_hex(&s, hex);
}

/* A FILE writing into memory (*buf malloc'd on fclose). */
static FILE *
open_buffer(char **buf, size_t *len)
{
	FILE *fp = open_memstream(buf, len);
	if (fp == NULL) {
		/* as xmalloc does: no memory is not an input error */
		fputs("spcomm: out of memory\n", stderr);
		abort();
	}
	return fp;
}

enum capture { CAPTURE_TEXT, CAPTURE_JSON, CAPTURE_REDACTED };

/* The diagnostics of dl as text, or as JSON objects joined by ','
 * (CAPTURE_REDACTED: without the messages' words, naming the case file
 * `file`: diag_print_json_redacted). */
static char *
capture(const struct diag_list *dl, enum capture how, bool color, const char *file)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_buffer(&buf, &len);
	if (how == CAPTURE_JSON)
		diag_print_json(fp, dl);
	else if (how == CAPTURE_REDACTED)
		diag_print_json_redacted(fp, dl, file);
	else
		diag_print_text(fp, dl, color);
	fclose(fp);
	if (how != CAPTURE_TEXT) {
		/* one object per line; the strings inside escape '\n' */
		if (len > 0 && buf[len - 1] == '\n')
			buf[--len] = '\0';
		for (char *p = buf; *p; p++)
			if (*p == '\n')
				*p = ',';
	}
	return buf;
}

static char *
concat(char *s, const char *sep, const char *t)
{
	size_t n = s ? strlen(s) : 0;
	bool with_sep = n > 0 && *sep;
	s = xrealloc(s, n + (with_sep ? strlen(sep) : 0) + strlen(t) + 1);
	sprintf(s + n, "%s%s", with_sep ? sep : "", t);
	return s;
}

/* The person c (at path) of input idx, by its name, if it has one. */
static void
add_person(struct input *in, size_t idx, struct arena *a, const struct cval *c,
    struct case_path_buf *path)
{
	const struct cval *name = case_get(c, "name"), *dob = case_get(c, "date_of_birth");
	size_t ni = 0;
	while (ni < c->n_kids && c->kids[ni] != name)
		ni++;
	if (name == NULL || ni == c->n_kids)
		return;
	size_t mark = case_path_push_child(path, c, ni);
	struct person p = { .input = idx, .path = xstrdup(path->s) };
	case_path_pop(path, mark);
	p.n_keys = namekey_of_name(a, name, &p.keys, &p.one_word);
	if (dob != NULL)
		p.dob = dob->date;
	if (name->node != NULL) {
		/* the key `name:`, where a reader looks */
		const struct span *at = name->node->key ? &name->node->key_span : &name->node->span;
		p.line = at->line + 1;
		p.col = at->col + 1;
	}
	in->persons = xrealloc(in->persons, (in->n_persons + 1) * sizeof *in->persons);
	in->persons[in->n_persons++] = p;
}

static void
find_persons(struct input *in, size_t idx, struct arena *a, const struct cval *c,
    struct case_path_buf *path, int depth)
{
	if (depth > 32)
		return;
	if (case_is_block(c, "person"))
		add_person(in, idx, a, c, path);
	for (size_t i = 0; i < c->n_kids; i++) {
		size_t mark = case_path_push_child(path, c, i);
		find_persons(in, idx, a, c->kids[i], path, depth + 1);
		case_path_pop(path, mark);
	}
}

/* The SHA-256 of each annex of the case (values that carry one), in the
 * case's order. */
static void
hash_annexes(struct sha256 *s, const struct cval *c)
{
	if (c->sha256 != NULL)
		sha256_update(s, c->sha256, strlen(c->sha256) + 1);
	for (size_t i = 0; i < c->n_kids; i++)
		hash_annexes(s, c->kids[i]);
}

/* Whether the run renders copy c: asking a copy's name of the case builds
 * its gate, which costs as much as validating the case. */
static bool
copy_in_run(const struct batch *b, enum spc_copy c)
{
	if (b->o->n_copies == 0)
		return c == SPC_COPY_FULL;
	for (size_t i = 0; i < b->o->n_copies; i++)
		if (b->o->copies[i] == c)
			return true;
	return false;
}

/* Pass 1 for one case: validate it and keep what the run needs later. */
static void
validate_input(struct batch *b, size_t idx)
{
	struct input *in = &b->in[idx];
	struct arena a = { 0 };
	struct diag_list dl;
	char *src = NULL;
	diag_list_init(&dl, in->path);
	struct case_data *cd = driver_load_case(b->env, in->path, &a, &dl, &src);
	if (src != NULL)
		hash_bytes(src, dl.src_len, in->sha256);
	batch_pseudonym(in->path, src, src != NULL ? dl.src_len : 0, in->pseudonym);
	diag_sort(&dl);
	in->valid = cd != NULL && dl.n_errors == 0;
	if (cd != NULL && cd->id != NULL)
		in->id = xstrdup(cd->id);
	for (int c = 0; in->valid && c < 3; c++) {
		bool shown;
		if (!copy_in_run(b, (enum spc_copy)c))
			continue;
		in->copy_id[c] = xstrdup(driver_copy_id(cd, (enum spc_copy)c, &a, in->path, &shown));
		in->copy_input[c] = xstrdup(shown ? in->path : in->pseudonym);
	}
	in->diag_text = capture(&dl, CAPTURE_TEXT, b->o->color, NULL);
	/* an invalid case has no model to ask: its path stays out of a
	 * restricted manifest */
	in->diag_json = b->restricted
	    ? capture(&dl, CAPTURE_REDACTED, false,
	        in->valid ? in->copy_input[b->shown] : in->pseudonym)
	    : capture(&dl, CAPTURE_JSON, false, NULL);
	if (in->valid) {
		in->language = xstrdup(cd->language);
		struct case_path_buf path;
		case_path_init(&path);
		find_persons(in, idx, &a, cd->root, &path, 0);
		case_path_free(&path);
		struct sha256 s;
		sha256_init(&s);
		sha256_update(&s, b->data_sha256, 64);
		hash_annexes(&s, cd->root);
		driver_hash_translations(in->path, &s);
		sha256_hex(&s, in->deps_sha256);
	}
	diag_list_free(&dl);
	free(src);
	arena_free(&a);
}

/* Whether path is a regular file (not a link) of that size and hash. */
static bool
file_matches(const char *path, uint64_t size, const char *sha)
{
	struct stat st;
	char hex[65];
	uint64_t got;
	if (path == NULL || sha == NULL || lstat(path, &st) != 0 || !S_ISREG(st.st_mode) ||
	    (uint64_t)st.st_size != size)
		return false;
	return sha256_file(path, hex, &got) && got == size && strcmp(hex, sha) == 0;
}

static bool
outputs_intact(const struct manifest_record *r)
{
	if (r->n_outputs == 0)
		return false;
	for (size_t i = 0; i < r->n_outputs; i++)
		if (!file_matches(r->outputs[i].path, r->outputs[i].size, r->outputs[i].sha256))
			return false;
	return true;
}

/* Whether a and b name the same file as manifest_path_key reads them. */
static bool
same_path(const char *a, const char *b)
{
	char ka[4096], kb[4096];
	const char *x = manifest_path_key(a, ka, sizeof ka), *y = manifest_path_key(b, kb, sizeof kb);
	return x && y ? strcmp(x, y) == 0 : strcmp(a, b) == 0;
}

/* Whether the previous manifest lists path as an output, and the file
 * there is still the one it lists. */
static bool
written_here(const struct manifest_index *prev, const char *path)
{
	const struct manifest_output *o = manifest_index_output(prev, path);
	return o != NULL && file_matches(path, o->size, o->sha256);
}

static bool
lang_ready(const struct batch *b, const char *lang)
{
	for (size_t i = 0; i < b->n_ready; i++)
		if (strcmp(b->ready[i], lang) == 0)
			return true;
	return false;
}

/* The case as the worker rendering it loaded it again. */
struct loaded {
	bool tried;
	struct arena a;
	struct diag_list dl;
	char *src;
	struct case_data *cd;
	int64_t ctime;
	char why[600];      /* why it cannot be rendered, or "" */
};

static void
load_again(struct batch *b, const struct input *in, struct loaded *l)
{
	char hex[65] = "";
	l->tried = true;
	/* validated before: its bytes are compared right after */
	l->cd = driver_load_case_again(b->env, in->path, &l->a, &l->dl, &l->src);
	if (l->src != NULL)
		hash_bytes(l->src, l->dl.src_len, hex);
	/* not read at all (EMFILE, EIO): say so, not "changed"; an I/O
	 * diagnostic names the file system's error, never the case's text */
	const struct diag *io = NULL;
	for (size_t i = 0; i < l->dl.n_items && io == NULL; i++)
		if (l->dl.items[i].code == DIAG_IO)
			io = &l->dl.items[i];
	if (l->src == NULL && io != NULL)
		snprintf(l->why, sizeof l->why, "the file could not be read again (%s); run the batch "
		    "again", io->message);
	else if (strcmp(hex, in->sha256) != 0)
		snprintf(l->why, sizeof l->why, "the file changed after it was validated; run the batch again");
	else if (l->cd == NULL || l->dl.n_errors > 0)
		snprintf(l->why, sizeof l->why, "the case no longer validates (an annex changed?); run the batch again");
	else
		l->ctime = driver_creation_time(l->cd, b->o->creation_time);
}

/* Stage one output of a document into *staged, for the committer
 * (never OUTFILE_STREAMS: a manifest records files that --resume can
 * check again, and a FIFO would hold a worker forever).  The same bytes
 * already there (a run stopped between the file and its record) are the
 * output: nothing is staged (*staged NULL), and *exists says so; so does
 * a file there with other bytes, for the hint.  False with the reason in
 * why. */
static bool
stage_output(const char *path, const void *data, size_t len, const char *hex, bool replace,
    struct outfile_staged **staged, bool *exists, char *why, size_t why_len)
{
	char err[600];
	*exists = false;
	*staged = outfile_stage(path, data, len, replace ? OUTFILE_FORCE : 0u, err, sizeof err);
	if (*staged != NULL)
		return true;
	*exists = errno == EEXIST;
	if (*exists && file_matches(path, len, hex))
		return true;
	snprintf(why, why_len, "%s", err);
	return false;
}

/* ----- the group commit ----- */

/* A finished document on its way to the manifest: its record, and the
 * staged files that must be in place before the record is written (none
 * for a document skipped or failed). */
struct pending {
	struct manifest_record rec;  /* strings: the batch's, or below */
	struct manifest_output out[2];
	char *path[2];               /* out[i].path */
	char hex[2][65];             /* out[i].sha256 */
	struct outfile_staged *staged[2]; /* NULL: none, or already there */
	bool exists[2];              /* the output was already there */
	char *error;                 /* rec.error, malloc'd */
	bool hint;                   /* failed on a file already there */
	size_t input;                /* index in batch.in */
	bool ends_case;              /* the last document of its case */
};

static void
pending_free(struct pending *p)
{
	for (int i = 0; i < 2; i++) {
		outfile_release(p->staged[i]);
		free(p->path[i]);
	}
	free(p->error);
	free(p);
}

/* p failed: why becomes its error, its staged files are dropped. */
static void
pending_fail(struct pending *p, const char *why)
{
	free(p->error);
	p->error = xstrdup(why);
	p->rec.error = p->error;
	p->rec.status = "failed";
	p->rec.outputs = NULL;
	p->rec.n_outputs = 0;
}

/* Rename p's staged files into place; a failure fails p.  Committed
 * files are added to done[*n_done]. */
static void
commit_files(struct pending *p, struct outfile_staged **done, size_t *n_done)
{
	char err[600];
	for (int i = 0; i < 2 && strcmp(p->rec.status, "ok") == 0; i++) {
		if (p->staged[i] == NULL)
			continue;
		if (outfile_commit(p->staged[i], err, sizeof err)) {
			done[(*n_done)++] = p->staged[i];
			continue;
		}
		/* someone wrote the same bytes at the name since the stage */
		if (errno == EEXIST && file_matches(p->path[i], p->out[i].size, p->hex[i])) {
			p->exists[i] = true;
			continue;
		}
		p->hint = errno == EEXIST;
		pending_fail(p, err);
	}
}

/* Make what g[0..n) put in place durable: one fsync of the directory
 * for the group, also when its files were all there already (an earlier
 * run may have died between its rename and its fsync).  A failure fails
 * every document of the group that has a file. */
static void
sync_group(struct batch *b, struct pending **g, size_t n, struct outfile_staged **done,
    size_t n_done)
{
	char err[600];
	bool any = n_done > 0, ok;
	for (size_t k = 0; k < n && !any; k++)
		any = strcmp(g[k]->rec.status, "ok") == 0 && (g[k]->exists[0] || g[k]->exists[1]);
	if (!any)
		return;
	if (n_done > 0) {
		ok = outfile_sync_dirs(done, n_done, err, sizeof err);
	} else {
		ok = fsync(b->dirfd) == 0;
		if (!ok)
			snprintf(err, sizeof err, "cannot write %s: %s", b->o->out_dir, strerror(errno));
	}
	if (ok)
		return;
	for (size_t k = 0; k < n; k++)
		if (strcmp(g[k]->rec.status, "ok") == 0 && g[k]->rec.n_outputs > 0)
			pending_fail(g[k], err);
}

/* Commit a group, in order: the renames, one directory fsync, the
 * records in one append; then, under lock, the errors said and the
 * documents counted.  Frees the group's documents. */
static void
commit_group(struct batch *b, struct pending **g, size_t n)
{
	char why[600];
	struct outfile_staged *done[2 * QUEUE_MAX + 2];
	struct manifest_record *recs = xcalloc(n ? n : 1, sizeof *recs);
	size_t n_done = 0;
	pthread_mutex_lock(&b->commit_lock);
	for (size_t k = 0; k < n; k++)
		commit_files(g[k], done, &n_done);
	sync_group(b, g, n, done, n_done);
	for (size_t k = 0; k < n; k++)
		recs[k] = g[k]->rec;
	bool recorded = emit_many(b, recs, n, why, sizeof why);
	pthread_mutex_lock(&b->lock);
	for (size_t k = 0; k < n; k++) {
		struct pending *p = g[k];
		struct input *in = &b->in[p->input];
		if (strcmp(p->rec.status, "failed") == 0) {
			say(b, "%s: error: %s\n", in->path, p->rec.error);
			if (p->hint)
				say(b, "      = hint: use --force to replace it\n");
			b->docs_failed++;
			in->failed = true;
		} else if (strcmp(p->rec.status, "skipped") == 0) {
			b->docs_skipped++;
		} else if (p->exists[0] && (p->rec.n_outputs < 2 || p->exists[1])) {
			/* a rerun without --resume makes the same bytes again: say
			 * so rather than count them as written */
			b->docs_unchanged++;
		} else {
			b->docs_written++;
		}
		if (p->ends_case) {
			b->cases_done++;
			b->cases_failed += in->failed;
		}
	}
	if (!recorded && why[0] != '\0')
		say(b, "spcomm: %s; stopping\n", why);
	pthread_mutex_unlock(&b->lock);
	pthread_mutex_unlock(&b->commit_lock);
	for (size_t k = 0; k < n; k++)
		pending_free(g[k]);
	free(recs);
}

/* Hand a finished document to the committer, waiting while the queue is
 * full; without a committer, commit it here, a group of one. */
static void
submit(struct batch *b, struct pending *p)
{
	pthread_mutex_lock(&b->lock);
	while (b->committer && b->in_flight >= b->queue_cap)
		pthread_cond_wait(&b->queue_room, &b->lock);
	if (!b->committer) {
		pthread_mutex_unlock(&b->lock);
		commit_group(b, &p, 1);
		return;
	}
	if (b->queued == 0)
		clock_gettime(CLOCK_MONOTONIC, &b->first_queued);
	b->queue[b->queued++] = p;
	b->in_flight++;
	if (b->queued >= (b->queue_cap + 1) / 2)
		pthread_cond_signal(&b->queue_wake);
	pthread_mutex_unlock(&b->lock);
}

static int64_t
ns_since(const struct timespec *t0)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)(t.tv_sec - t0->tv_sec) * 1000000000 + (t.tv_nsec - t0->tv_nsec);
}

/* Whether the committer should take the queue now (lock held): half
 * full, its oldest document waiting COMMIT_DELAY_NS, an interruption
 * (what is staged is finished: record it before the run ends), or the
 * end. */
static bool
group_ready(const struct batch *b)
{
	if (b->queued == 0)
		return false;
	return b->closing || b->queued >= (b->queue_cap + 1) / 2 || stopping() ||
	    atomic_load(&b->abort) || ns_since(&b->first_queued) >= COMMIT_DELAY_NS;
}

static void *
committer(void *arg)
{
	struct batch *b = arg;
	struct pending **g = xcalloc(b->queue_cap, sizeof *g);
	pthread_mutex_lock(&b->lock);
	for (;;) {
		while (!group_ready(b) && !(b->closing && b->queued == 0)) {
			if (b->queued == 0) {
				pthread_cond_wait(&b->queue_wake, &b->lock);
				continue;
			}
			int64_t left = COMMIT_DELAY_NS - ns_since(&b->first_queued);
			struct timespec ts;
			clock_gettime(CLOCK_MONOTONIC, &ts);
			ts.tv_nsec += left < COMMIT_POLL_NS ? (left > 0 ? left : 0) : COMMIT_POLL_NS;
			if (ts.tv_nsec >= 1000000000L) {
				ts.tv_sec++;
				ts.tv_nsec -= 1000000000L;
			}
			pthread_cond_timedwait(&b->queue_wake, &b->lock, &ts);
		}
		if (b->queued == 0)
			break;   /* closing, and nothing left */
		size_t n = b->queued;
		memcpy(g, b->queue, n * sizeof *g);
		b->queued = 0;
		pthread_mutex_unlock(&b->lock);
		commit_group(b, g, n);
		pthread_mutex_lock(&b->lock);
		b->in_flight -= n;
		pthread_cond_broadcast(&b->queue_room);
	}
	pthread_mutex_unlock(&b->lock);
	free(g);
	return NULL;
}

/* The queue's size: QUEUE_PER_WORKER documents a worker, clamped to
 * [QUEUE_MIN, QUEUE_MAX], and to half the open-file limit, since every
 * queued document holds the descriptors of its staged files (two with
 * --package). */
static size_t
commit_capacity(const struct batch *b)
{
	size_t cap = (size_t)b->n_threads * QUEUE_PER_WORKER;
	size_t per_doc = (size_t)OUTFILE_STAGED_FDS * (b->o->package ? 2 : 1);
	struct rlimit rl;
	cap = cap < QUEUE_MIN ? QUEUE_MIN : cap > QUEUE_MAX ? QUEUE_MAX : cap;
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY &&
	    rl.rlim_cur / 2 / per_doc < cap)
		cap = (size_t)(rl.rlim_cur / 2 / per_doc);
	return cap > 0 ? cap : 1;
}

/* Start the committer; false if it cannot (each worker then commits its
 * own documents, as it did before group commit). */
static bool
start_committer(struct batch *b, pthread_t *t)
{
	pthread_attr_t attr;
	b->queue_cap = commit_capacity(b);
	b->queue = xcalloc(b->queue_cap, sizeof *b->queue);
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, WORKER_STACK);
	b->committer = pthread_create(t, &attr, committer, b) == 0;
	pthread_attr_destroy(&attr);
	return b->committer;
}

/* After the last worker: commit what is queued, and end the thread. */
static void
stop_committer(struct batch *b, pthread_t t)
{
	pthread_mutex_lock(&b->lock);
	b->closing = true;
	pthread_cond_signal(&b->queue_wake);
	pthread_mutex_unlock(&b->lock);
	pthread_join(t, NULL);
	b->committer = false;
}

/* With --package, the e-mail draft around the full copy pdf just rendered
 * (driver_package_draft) into *eml, its warnings to err.  False with the
 * reason in why. */
static bool
build_draft(struct batch *b, const struct input *in, const struct loaded *l, const char *lang,
    const unsigned char *pdf, size_t pdf_len, const char *path, char **eml, size_t *eml_len,
    char *why, size_t why_len)
{
	char err[600], *warn_text = NULL;
	size_t warn_len = 0;
	FILE *warn = open_buffer(&warn_text, &warn_len);
	bool ok = driver_package_draft(b->env, l->cd, lang, l->ctime, pdf, pdf_len, path, eml,
	    eml_len, warn, err, sizeof err);
	fclose(warn);
	if (warn_len > 0) {
		pthread_mutex_lock(&b->lock);
		say(b, "%s", warn_text);
		pthread_mutex_unlock(&b->lock);
	}
	free(warn_text);
	if (!ok)
		snprintf(why, why_len, "cannot package %s: %s", in->path, err);
	return ok;
}

/* One document: skip it (--resume), or render and stage it (with
 * --package and the full copy, its e-mail draft too, a second output);
 * then hand it with its record to the committer (submit), which counts
 * it and says why it failed.  ends_case: the case's last document. */
static void
render_doc(struct batch *b, size_t idx, struct loaded *l, const char *lang,
    enum spc_copy copy, bool ends_case)
{
	const struct input *in = &b->in[idx];
	char path[4096], eml_path[4096], why[5000] = "";
	unsigned char *pdf = NULL;
	char *eml = NULL;
	size_t pdf_len = 0, eml_len = 0;
	bool package = b->o->package && copy == SPC_COPY_FULL;
	struct pending *p = xcalloc(1, sizeof *p);
	driver_document_path(path, sizeof path, b->o->out_dir, in->copy_id[copy], lang, copy, "pdf");
	driver_document_path(eml_path, sizeof eml_path, b->o->out_dir, in->copy_id[copy], lang, copy,
	    "eml");
	p->input = idx;
	p->ends_case = ends_case;
	p->path[0] = xstrdup(path);
	p->path[1] = xstrdup(eml_path);
	for (int i = 0; i < 2; i++) {
		p->out[i].path = p->path[i];
		p->out[i].sha256 = p->hex[i];
	}
	size_t n_out = package ? 2 : 1;
	p->rec = (struct manifest_record){
		.input = b->restricted ? in->copy_input[b->shown] : in->path,
		.input_sha256 = in->sha256,
		.deps_sha256 = in->deps_sha256[0] ? in->deps_sha256 : NULL,
		.id = in->copy_id[b->restricted ? b->shown : copy], .lang = lang,
		.copy = copy_word(copy), .format = b->o->pdfa ? "pdf/a-1b" : "pdf",
		.diagnostics = in->diag_json, .version = spc_version(),
	};
	struct manifest_record *rec = &p->rec;
	bool replace = b->o->force, replace_eml = b->o->force;
	const struct manifest_record *prev = b->prev
	    ? manifest_index_find(b->prev, rec->input, lang, rec->copy) : NULL;
	if (prev != NULL && outputs_intact(prev)) {
		/* A record from before the format was recorded is a plain PDF. */
		if (prev->input_sha256 && strcmp(prev->input_sha256, in->sha256) == 0 &&
		    prev->deps_sha256 && strcmp(prev->deps_sha256, in->deps_sha256) == 0 &&
		    prev->version && strcmp(prev->version, spc_version()) == 0 &&
		    strcmp(prev->format ? prev->format : "pdf", rec->format) == 0 &&
		    prev->n_outputs == n_out) {
			rec->status = "skipped";
			rec->outputs = prev->outputs;
			rec->n_outputs = prev->n_outputs;
			submit(b, p);
			return;
		}
		/* The file at the name is the one an earlier run wrote, untouched
		 * since: the case (or the format asked for) changed, and its
		 * document is redone.  So is its draft, the second output, or
		 * the document of a run with --package now without. */
		if (same_path(prev->outputs[0].path, path))
			replace = true;
		if (prev->n_outputs == 2 && same_path(prev->outputs[1].path, eml_path))
			replace_eml = true;
	}
	/* A file an earlier run of this directory wrote at the name, untouched
	 * since, is redone too when no record of this input names it: the
	 * input or the directory spelled otherwise ("./in", "out/"), or a
	 * restricted run's record of it under a pseudonym, which changes with
	 * the case's bytes. */
	if (b->prev != NULL && !replace)
		replace = written_here(b->prev, path);
	if (b->prev != NULL && !replace_eml && package)
		replace_eml = written_here(b->prev, eml_path);

	if (!l->tried)
		load_again(b, in, l);
	if (l->why[0] != '\0') {
		snprintf(why, sizeof why, "%s", l->why);
		goto fail;
	}
	if (!lang_ready(b, lang)) {
		snprintf(why, sizeof why, "cannot render %s: no catalog for language '%s'", path, lang);
		goto fail;
	}
	char err[600];
	if (!driver_render_one(b->env, l->cd, lang, copy, l->ctime, b->o->pdfa, &pdf, &pdf_len,
	    err, sizeof err)) {
		snprintf(why, sizeof why, "cannot render %s: %s", path, err);
		goto fail;
	}
	hash_bytes(pdf, pdf_len, p->hex[0]);
	p->out[0].size = pdf_len;
	/* the draft built before either file is staged: a case that cannot
	 * be packaged leaves no document of this run behind */
	if (package) {
		if (!build_draft(b, in, l, lang, pdf, pdf_len, eml_path, &eml, &eml_len, why,
		    sizeof why))
			goto fail;
		hash_bytes(eml, eml_len, p->hex[1]);
		p->out[1].size = eml_len;
	}
	if (!stage_output(path, pdf, pdf_len, p->hex[0], replace, &p->staged[0], &p->exists[0],
	    why, sizeof why) ||
	    (package && !stage_output(eml_path, eml, eml_len, p->hex[1], replace_eml,
	    &p->staged[1], &p->exists[1], why, sizeof why)))
		goto fail;
	free(pdf);
	free(eml);
	rec->status = "ok";
	rec->outputs = p->out;
	rec->n_outputs = n_out;
	submit(b, p);
	return;

fail:
	free(pdf);
	free(eml);
	/* neither file is put in place: the PDF staged before a draft that
	 * could not be is removed with it */
	for (int i = 0; i < 2; i++) {
		outfile_release(p->staged[i]);
		p->staged[i] = NULL;
	}
	p->hint = p->exists[0] || p->exists[1];
	pending_fail(p, why);
	submit(b, p);
}

/* Pass 2 for one case: each of its documents. */
static void
render_input(struct batch *b, size_t idx)
{
	const struct input *in = &b->in[idx];
	const char *own[1] = { in->language };
	const char *const *langs = b->o->n_langs ? b->o->langs : own;
	size_t n_langs = b->o->n_langs ? b->o->n_langs : 1;
	const enum spc_copy full[1] = { SPC_COPY_FULL };
	const enum spc_copy *copies = b->o->n_copies ? b->o->copies : full;
	size_t n_copies = b->o->n_copies ? b->o->n_copies : 1;
	struct loaded l = { 0 };
	diag_list_init(&l.dl, in->path);
	/* the case is counted done (and failed) when its last document is
	 * committed (commit_group) */
	for (size_t li = 0; li < n_langs; li++)
		for (size_t ci = 0; ci < n_copies; ci++) {
			if (stopping() || atomic_load(&b->abort))
				goto done;
			render_doc(b, idx, &l, langs[li], copies[ci],
			    li + 1 == n_langs && ci + 1 == n_copies);
		}
done:
	diag_list_free(&l.dl);
	free(l.src);
	arena_free(&l.a);
}

static void *
worker(void *arg)
{
	struct batch *b = arg;
	for (;;) {
		pthread_mutex_lock(&b->lock);
		size_t i = b->next;
		bool go = i < b->n_jobs && !stopping() && !atomic_load(&b->abort);
		if (go)
			b->next++;
		enum phase phase = b->phase;
		pthread_mutex_unlock(&b->lock);
		if (!go)
			break;
		if (phase == PHASE_VALIDATE)
			validate_input(b, b->jobs[i]);
		else
			render_input(b, b->jobs[i]);
	}
	match_forget();
	pthread_mutex_lock(&b->lock);
	b->running--;
	pthread_cond_signal(&b->cond);
	pthread_mutex_unlock(&b->lock);
	return NULL;
}

/* Run the jobs of one phase in the workers; the calling thread shows the
 * progress meanwhile. */
static void
run_phase(struct batch *b, enum phase phase, const size_t *jobs, size_t n_jobs)
{
	pthread_attr_t attr;
	unsigned n = b->n_threads < n_jobs ? b->n_threads : (unsigned)n_jobs, started = 0;
	pthread_t *t = xcalloc(n ? n : 1, sizeof *t);
	b->phase = phase;
	b->jobs = jobs;
	b->n_jobs = n_jobs;
	b->next = 0;
	b->running = 0;
	clock_gettime(CLOCK_MONOTONIC, &b->start);
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, WORKER_STACK);
	for (unsigned k = 0; k < n; k++) {
		pthread_mutex_lock(&b->lock);
		b->running++;
		pthread_mutex_unlock(&b->lock);
		if (pthread_create(&t[k], &attr, worker, b) != 0) {
			pthread_mutex_lock(&b->lock);
			b->running--;
			pthread_mutex_unlock(&b->lock);
			break;
		}
		started++;
	}
	pthread_attr_destroy(&attr);
	if (started == 0 && n_jobs > 0) {
		/* no thread could be made: do the work here, slowly but surely */
		b->running = 1;
		worker(b);
	}
	pthread_mutex_lock(&b->lock);
	while (b->running > 0) {
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_nsec += 250000000L;
		if (ts.tv_nsec >= 1000000000L) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&b->cond, &b->lock, &ts);
		show_progress(b);
	}
	if (b->progress_shown) {
		fputs("\r\033[K", b->err);
		b->progress_shown = false;
	}
	pthread_mutex_unlock(&b->lock);
	for (unsigned k = 0; k < started; k++)
		pthread_join(t[k], NULL);
	free(t);
}

static int
by_id(const void *pa, const void *pb)
{
	const struct input *a = *(const struct input *const *)pa;
	const struct input *b = *(const struct input *const *)pb;
	int c = strcmp(a->id, b->id);
	/* one array: address order is input order */
	return c ? c : a < b ? -1 : a > b;
}

/* Cases sharing an id would write the same files: neither is rendered. */
static void
refuse_shared_ids(struct batch *b)
{
	struct input **v = xcalloc(b->n_in ? b->n_in : 1, sizeof *v);
	size_t n = 0;
	for (size_t i = 0; i < b->n_in; i++)
		if (b->in[i].id != NULL)
			v[n++] = &b->in[i];
	qsort(v, n, sizeof *v, by_id);
	for (size_t i = 0; i < n;) {
		size_t j = i + 1;
		while (j < n && strcmp(v[j]->id, v[i]->id) == 0)
			j++;
		for (size_t k = i; j - i > 1 && k < j; k++) {
			struct input *in = v[k];
			const struct input *other = v[k == i ? i + 1 : i];
			char msg[5000];
			snprintf(msg, sizeof msg, "case id \"%s\" is also the id of %s%s; neither is "
			    "rendered (give each case its own id)", in->id, other->path,
			    j - i > 2 ? " and others" : "");
			in->refused = xstrdup(msg);
		}
		i = j;
	}
	free(v);
}

/* How the dates of birth of two persons compare. */
enum dob_match {
	DOB_SAME,       /* the same, as far as both go (1981 and 1981-04-09) */
	DOB_MISSING,    /* one or both not given */
	DOB_NEAR,       /* a year apart at most, and one approximate or uncertain */
	DOB_DIFFERENT,  /* two persons */
};

static enum dob_match
dob_match(const struct pdate *a, const struct pdate *b)
{
	if (a->precision == 0 || b->precision == 0)
		return DOB_MISSING;
	if (intl_date_cmp(a, b) == 0)
		return DOB_SAME;
	bool exact = !a->approximate && !a->uncertain && !b->approximate && !b->uncertain;
	return !exact && abs(a->year - b->year) <= 1 ? DOB_NEAR : DOB_DIFFERENT;
}

/* Why two persons may be one: the keys that matched and their dates. */
struct why_same {
	const struct namekey *mine, *theirs;
	enum dob_match dob;
};

/* Whether why a says more than why b: the name as written rather than a
 * reading, in the same order rather than swapped. */
static bool
says_more(const struct why_same *a, const struct why_same *b)
{
	bool ra = a->mine->read_in_latin || a->theirs->read_in_latin;
	bool rb = b->mine->read_in_latin || b->theirs->read_in_latin;
	if (ra != rb)
		return rb;
	return a->mine->order == a->theirs->order && b->mine->order != b->theirs->order;
}

/* The path of in as the manifest may show it (a restricted run: the
 * copy's, or withheld-<hash>.yaml). */
static const char *
shown_path(const struct batch *b, const struct input *in)
{
	return b->restricted ? in->copy_input[b->shown] : in->path;
}

/* "may be the same person as F at FILE:L:C (the same name ..., ...)" */
static void
print_same(FILE *fp, const char *other_file, const struct person *other,
    const struct why_same *w)
{
	bool read = w->mine->read_in_latin || w->theirs->read_in_latin;
	bool swapped = w->mine->order != NAMEKEY_WHOLE && w->theirs->order != NAMEKEY_WHOLE &&
	    w->mine->order != w->theirs->order;
	fprintf(fp, "may be the same person as %s at %s:%u:%u (%s%s, %s)", other->path, other_file,
	    other->line, other->col, read ? "the same name read in Latin letters" : "the same name",
	    swapped ? " with family and given names swapped" : "",
	    w->dob == DOB_SAME ? "the same date of birth"
	    : w->dob == DOB_NEAR ? "dates of birth at most a year apart, one approximate"
	    : "no date of birth to compare");
}

/* The warning on person p (of input in) that other may be the same. */
static void
warn_same(struct batch *b, const struct person *p, const struct person *other,
    const struct why_same *w)
{
	struct input *in = &b->in[p->input];
	const struct input *oin = &b->in[other->input];
	char *msg = NULL, *obj = NULL;
	size_t len = 0;
	FILE *fp = open_buffer(&msg, &len);
	print_same(fp, oin->path, other, w);
	fclose(fp);
	char *line = NULL;
	fp = open_buffer(&line, &len);
	fprintf(fp, "%s:%u:%u: warning: %s: %s [duplicate-victim]\n", in->path, p->line, p->col,
	    p->path, msg);
	fclose(fp);
	in->diag_text = concat(in->diag_text, "", line);
	free(line);
	if (b->restricted) {
		/* no name in it, but the paths may be withheld ones */
		free(msg);
		fp = open_buffer(&msg, &len);
		print_same(fp, shown_path(b, oin), other, w);
		fclose(fp);
	}
	fp = open_buffer(&obj, &len);
	const struct person *who[2] = { p, other };
	const char *file[2] = { shown_path(b, in), shown_path(b, oin) };
	for (int i = 0; i < 2; i++) {
		fputs(i ? ",\"other\":{\"file\":" : "{\"file\":", fp);
		diag_json_string(fp, file[i]);
		if (who[i]->line)
			fprintf(fp, ",\"line\":%u,\"column\":%u", who[i]->line, who[i]->col);
		else
			fputs(",\"line\":null,\"column\":null", fp);
		fputs(i ? ",\"path\":" : ",\"severity\":\"warning\",\"path\":", fp);
		diag_json_string(fp, who[i]->path);
		if (i == 0) {
			fputs(",\"code\":\"duplicate-victim\",\"message\":", fp);
			diag_json_string(fp, msg);
			fputs(",\"hint\":\"if they are one person, submit one case\"", fp);
		}
	}
	fputs("}}", fp);
	fclose(fp);
	in->diag_json = concat(in->diag_json, ",", obj);
	free(msg);
	free(obj);
}

static uint32_t
hash_str(const char *s)
{
	uint32_t h = 2166136261u;
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 16777619u;
	}
	return h;
}

#define NO_ENTRY SIZE_MAX

/* A key of a person, chained in a bucket of the table of keys. */
struct key_entry {
	const struct namekey *key;
	size_t person;       /* index in the run's list of persons */
	uint32_t hash;
	size_t next;         /* NO_ENTRY at the end */
};

/*
 * The same person in two case files: a warning on both (the UN would
 * otherwise open two cases for one person).  Every key of every person's
 * name goes into one hash table; a person meets only those that share a
 * key, never the whole run.  Names that share a key are one person unless
 * their dates of birth differ or both are written in Han (or Cyrillic)
 * characters that differ; a name of one word needs the same date of
 * birth.  Each person is warned about once, naming the first such person
 * of another file (input order).
 */
static void
warn_shared_persons(struct batch *b)
{
	size_t n = 0, n_keys = 0;
	for (size_t i = 0; i < b->n_in; i++)
		n += b->in[i].n_persons;
	const struct person **v = xcalloc(n ? n : 1, sizeof *v);
	n = 0;
	for (size_t i = 0; i < b->n_in; i++)
		for (size_t k = 0; k < b->in[i].n_persons; k++) {
			v[n++] = &b->in[i].persons[k];
			n_keys += b->in[i].persons[k].n_keys;
		}
	size_t n_buckets = 16;
	while (n_buckets < 2 * n_keys)
		n_buckets *= 2;
	size_t *bucket = xmalloc(n_buckets * sizeof *bucket);
	for (size_t i = 0; i < n_buckets; i++)
		bucket[i] = NO_ENTRY;
	struct key_entry *e = xcalloc(n_keys ? n_keys : 1, sizeof *e);
	size_t ne = 0;
	/* the last first: each chain in input order, the first person of
	 * another file that fits is the one to name */
	for (size_t pi = n; pi-- > 0;)
		for (size_t k = 0; k < v[pi]->n_keys; k++) {
			uint32_t h = hash_str(v[pi]->keys[k].key);
			e[ne] = (struct key_entry){ &v[pi]->keys[k], pi, h, bucket[h & (n_buckets - 1)] };
			bucket[h & (n_buckets - 1)] = ne++;
		}
	for (size_t pi = 0; pi < n; pi++) {
		const struct person *p = v[pi];
		size_t best = NO_ENTRY;
		struct why_same why = { 0 };
		for (size_t k = 0; k < p->n_keys; k++) {
			uint32_t h = hash_str(p->keys[k].key);
			for (size_t i = bucket[h & (n_buckets - 1)]; i != NO_ENTRY; i = e[i].next) {
				const struct person *q = v[e[i].person];
				if (e[i].hash != h || q->input == p->input ||
				    strcmp(e[i].key->key, p->keys[k].key) != 0)
					continue;
				struct why_same w = { &p->keys[k], e[i].key, dob_match(&p->dob, &q->dob) };
				if (w.dob == DOB_DIFFERENT ||
				    ((p->one_word || q->one_word) && w.dob != DOB_SAME) ||
				    namekey_written_apart(p->keys, p->n_keys, q->keys, q->n_keys))
					continue;
				if (best == NO_ENTRY || e[i].person < best ||
				    (e[i].person == best && says_more(&w, &why))) {
					best = e[i].person;
					why = w;
				}
				break;
			}
		}
		if (best != NO_ENTRY)
			warn_same(b, p, v[best], &why);
	}
	free(e);
	free(bucket);
	free(v);
}

static void
free_inputs(struct batch *b)
{
	for (size_t i = 0; i < b->n_in; i++) {
		struct input *in = &b->in[i];
		free(in->path);
		free(in->id);
		for (int c = 0; c < 3; c++) {
			free(in->copy_id[c]);
			free(in->copy_input[c]);
		}
		free(in->language);
		free(in->diag_text);
		free(in->diag_json);
		free(in->refused);
		for (size_t k = 0; k < in->n_persons; k++) {
			namekey_free(in->persons[k].keys, in->persons[k].n_keys);
			free(in->persons[k].path);
		}
		free(in->persons);
	}
	free(b->in);
}

static void
add_ready(struct batch *b, struct spc_env *env, const char *lang)
{
	if (!spc_output_lang(lang))
		return;
	for (size_t i = 0; i < b->n_tried; i++)
		if (strcmp(b->tried[i], lang) == 0)
			return;
	/* six output languages: neither array can overflow */
	b->tried[b->n_tried++] = lang;
	if (driver_catalog(env, lang, b->err) != NULL)
		b->ready[b->n_ready++] = lang;
}

/* With the lock held (no other batch writes here): the temporaries an
 * earlier run left when it was killed hold case data; remove them.
 * False, with the reason printed, if one cannot be removed. */
static bool
remove_stale(const char *dir, FILE *err)
{
	char why[4200];
	size_t n = 0;
	bool ok = outfile_remove_stale(dir, &n, why, sizeof why);
	if (n > 0)
		fprintf(err, "spcomm: removed %zu temporary file%s that an interrupted run left "
		    "in %s\n", n, n == 1 ? "" : "s", dir);
	if (!ok)
		fprintf(err, "spcomm: %s\n", why);
	return ok;
}

static void
json_words(FILE *fp, const char *key, const char *const *words, size_t n)
{
	fprintf(fp, "\"%s\":[", key);
	for (size_t i = 0; i < n; i++)
		fprintf(fp, "%s\"%s\"", i ? "," : "", words[i]);
	fputc(']', fp);
}

/* The manifest line that starts a run (manifest.h): when (the
 * SOURCE_DATE_EPOCH of the documents if given, else the clock), the
 * version, and the options that shape the documents.  No input path: a
 * restricted run's manifest must not name the case files. */
static bool
emit_run(struct batch *b, char *why, size_t why_len)
{
	const struct spc_batch_options *o = b->o;
	char start[32] = "", *opts = NULL;
	size_t opts_len = 0;
	time_t t = o->creation_time >= 0 ? (time_t)o->creation_time : time(NULL);
	struct tm tm;
	if (gmtime_r(&t, &tm) != NULL)
		strftime(start, sizeof start, "%Y-%m-%dT%H:%M:%SZ", &tm);
	const char *copies[3];
	for (size_t i = 0; i < o->n_copies && i < 3; i++)
		copies[i] = copy_word(o->copies[i]);
	FILE *fp = open_buffer(&opts, &opts_len);
	fputc('{', fp);
	json_words(fp, "langs", o->langs, o->n_langs);
	fputc(',', fp);
	json_words(fp, "copies", copies, o->n_copies < 3 ? o->n_copies : 3);
	fprintf(fp, ",\"pdfa\":%s,\"resume\":%s,\"force\":%s,\"shard\":",
	    o->pdfa ? "true" : "false", o->resume ? "true" : "false", o->force ? "true" : "false");
	if (o->n_shards > 1)
		fprintf(fp, "\"%u/%u\"", o->shard, o->n_shards);
	else
		fputs("null", fp);
	fprintf(fp, ",\"jobs\":%u}", b->n_threads);
	fclose(fp);
	struct manifest_run run = {
		.start = start[0] ? start : NULL, .version = spc_version(), .options = opts,
	};
	bool ok = manifest_append_run(b->man, &run, why, why_len);
	free(opts);
	return ok;
}

enum spc_status
spc_batch(struct spc_env *env, const struct spc_batch_options *o, const char *const *inputs,
    size_t n_inputs, FILE *err)
{
	struct batch b = { .env = env, .o = o, .err = err, .restricted = o->n_copies > 0,
		.shown = SPC_COPY_GOVERNMENT, .dirfd = -1 };
	for (size_t i = 0; i < o->n_copies; i++) {
		b.restricted &= o->copies[i] != SPC_COPY_FULL;
		if (o->copies[i] == SPC_COPY_PUBLIC)
			b.shown = SPC_COPY_PUBLIC;
	}
	enum spc_status st = SPC_USAGE;
	char why[600], lock_path[4096];
	int lock_fd = -1;
	char **paths = NULL;
	size_t n_paths = 0, *jobs = NULL;
	pthread_condattr_t monotonic;
	pthread_t commit_thread;
	pthread_mutex_init(&b.lock, NULL);
	pthread_cond_init(&b.cond, NULL);
	pthread_mutex_init(&b.commit_lock, NULL);
	pthread_cond_init(&b.queue_room, NULL);
	/* the committer's deadlines are on the monotonic clock, as the
	 * queue's times are */
	pthread_condattr_init(&monotonic);
	pthread_condattr_setclock(&monotonic, CLOCK_MONOTONIC);
	pthread_cond_init(&b.queue_wake, &monotonic);
	pthread_condattr_destroy(&monotonic);
	atomic_init(&b.abort, false);

	if (o->out_dir == NULL) {
		fprintf(err, "spcomm: batch needs an output directory: -d DIR\n");
		goto done;
	}
	if (!outfile_check_dir(o->out_dir, why, sizeof why)) {
		fprintf(err, "spcomm: %s\n", why);
		goto done;
	}
	if (o->package && b.restricted) {
		fprintf(err, "spcomm: --package attaches the full copy to each draft: add --copy "
		    "full\n");
		goto done;
	}
	/* flock, not a lock file's existence: the kernel drops it when the
	 * run ends however it ends, so there is nothing stale to clean up */
	snprintf(lock_path, sizeof lock_path, "%s/%s", o->out_dir, LOCK_NAME);
	lock_fd = open(lock_path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (lock_fd < 0) {
		fprintf(err, "spcomm: cannot open %s: %s\n", lock_path, strerror(errno));
		goto done;
	}
	if (flock(lock_fd, LOCK_EX | LOCK_NB) != 0) {
		if (errno == EWOULDBLOCK)
			fprintf(err, "spcomm: another batch is writing to %s (%s is locked); "
			    "wait for it to end, or give another -d\n", o->out_dir, lock_path);
		else
			fprintf(err, "spcomm: cannot lock %s: %s\n", lock_path, strerror(errno));
		goto done;
	}
	if (!remove_stale(o->out_dir, err))
		goto done;
	b.dirfd = open(o->out_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (b.dirfd < 0) {
		fprintf(err, "spcomm: cannot open %s: %s\n", o->out_dir, strerror(errno));
		goto done;
	}

	paths = batch_find_inputs(inputs, n_inputs, &n_paths, err);
	if (paths == NULL)
		goto done;
	if (n_paths == 0) {
		fprintf(err, "spcomm: no case file (*.yaml) found\n");
		goto done;
	}
	b.in = xcalloc(n_paths, sizeof *b.in);
	for (size_t i = 0; i < n_paths; i++) {
		if (o->n_shards > 1 && batch_shard_of(paths[i], o->n_shards) != o->shard - 1) {
			free(paths[i]);
			continue;
		}
		b.in[b.n_in++].path = paths[i];
	}
	free(paths);
	paths = NULL;

	/* every form before the workers share them (driver.h) */
	if (!driver_fonts_present(env, err) || (o->pdfa && !driver_prepare_pdfa(env, err)) ||
	    (o->package && !driver_load_mime(err)) || !driver_load_forms(env, err) ||
	    !driver_data_sha256(env, b.data_sha256, err))
		goto done;
	for (size_t i = 0; i < o->n_langs; i++) {
		add_ready(&b, env, o->langs[i]);
		if (!lang_ready(&b, o->langs[i])) {
			fprintf(err, "spcomm: no usable catalog for language '%s'\n", o->langs[i]);
			goto done;
		}
	}
	/* opened (and its cut last line repaired) before --resume reads it */
	size_t cut = 0;
	b.man = manifest_open(o->out_dir, &cut, why, sizeof why);
	if (b.man == NULL) {
		fprintf(err, "spcomm: %s\n", why);
		goto done;
	}
	if (cut > 0)
		fprintf(err, "spcomm: warning: the last line of %s/manifest.jsonl was cut short "
		    "by an interrupted run; removed it (%zu bytes)\n", o->out_dir, cut);
	if (o->resume) {
		size_t n_bad = 0;
		b.prev = manifest_index_load(o->out_dir, &n_bad, why, sizeof why);
		if (b.prev == NULL) {
			fprintf(err, "spcomm: %s\n", why);
			goto done;
		}
		if (n_bad > 0)
			fprintf(err, "spcomm: warning: %zu lines of %s/manifest.jsonl cannot be read; "
			    "their documents are done again\n", n_bad, o->out_dir);
	}
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	b.n_threads = o->jobs ? o->jobs : cpus > 0 ? (unsigned)cpus : 1;
	if (b.n_threads > MAX_JOBS)
		b.n_threads = MAX_JOBS;
	if (!emit_run(&b, why, sizeof why)) {
		/* as a record that cannot be written: the run stops, status 1 */
		fprintf(err, "spcomm: %s; stopping\n", why);
		st = SPC_INVALID;
		goto done;
	}

	/* Pass 1: validate everything before the first document, so that a
	 * batch with data errors says so at once. */
	st = SPC_OK;
	jobs = xcalloc(b.n_in ? b.n_in : 1, sizeof *jobs);
	for (size_t i = 0; i < b.n_in; i++)
		jobs[i] = i;
	run_phase(&b, PHASE_VALIDATE, jobs, b.n_in);
	if (stopping()) {
		fprintf(err, "spcomm: interrupted while validating; nothing was written\n");
		st = SPC_INVALID;
		goto done;
	}
	refuse_shared_ids(&b);
	warn_shared_persons(&b);
	size_t n_invalid = 0, n_refused = 0, n_render = 0, n_recs = 0;
	/* the records of the cases not rendered: one append for all */
	struct manifest_record *recs = xcalloc(b.n_in ? b.n_in : 1, sizeof *recs);
	for (size_t i = 0; i < b.n_in; i++) {
		struct input *in = &b.in[i];
		fputs(in->diag_text, err);
		if (in->refused)
			fprintf(err, "%s: error: %s\n", in->path, in->refused);
		if (in->valid && in->refused == NULL) {
			jobs[n_render++] = i;
			continue;
		}
		n_invalid += !in->valid;
		n_refused += in->valid;
		recs[n_recs++] = (struct manifest_record){
			.input = !b.restricted ? in->path : in->valid ? in->copy_input[b.shown]
			    : in->pseudonym,
			.input_sha256 = in->sha256[0] ? in->sha256 : NULL,
			.id = b.restricted && in->valid ? in->copy_id[b.shown] : in->id,
			.status = in->valid ? "failed" : "invalid",
			.error = b.restricted && in->refused ? "refused: two cases of this run share "
			    "one id" : in->refused,
			.diagnostics = in->diag_json, .version = spc_version(),
		};
	}
	pthread_mutex_lock(&b.commit_lock);
	if (!emit_many(&b, recs, n_recs, why, sizeof why))
		fprintf(err, "spcomm: %s; stopping\n", why);
	pthread_mutex_unlock(&b.commit_lock);
	free(recs);
	if (o->n_langs == 0)
		for (size_t i = 0; i < n_render; i++)
			add_ready(&b, env, b.in[jobs[i]].language);

	/* Pass 2: the documents, committed in groups by a thread of their
	 * own; without it, each by its worker. */
	bool grouped = start_committer(&b, &commit_thread);
	run_phase(&b, PHASE_RENDER, jobs, n_render);
	if (grouped)
		stop_committer(&b, commit_thread);

	bool interrupted = stopping() || atomic_load(&b.abort);
	if (n_invalid || n_refused || b.docs_failed || b.manifest_failed || interrupted)
		st = SPC_INVALID;
	if (interrupted && !b.manifest_failed)
		fprintf(err, "spcomm: interrupted: %zu of %zu cases done; run again with --resume "
		    "to finish\n", b.cases_done, n_render);
	/* the summary closes every run a script logs too, -q's but a good one */
	if (st != SPC_OK || !o->quiet)
		fprintf(err, "spcomm: %zu case%s: %zu document%s written, %zu already there "
		    "unchanged, %zu already done, %zu failed; %zu invalid, %zu refused "
		    "(see %s/manifest.jsonl)\n", b.n_in, b.n_in == 1 ? "" : "s", b.docs_written,
		    b.docs_written == 1 ? "" : "s", b.docs_unchanged, b.docs_skipped, b.docs_failed,
		    n_invalid, n_refused, o->out_dir);

done:
	if (b.man != NULL && !manifest_close(b.man, why, sizeof why)) {
		fprintf(err, "spcomm: %s\n", why);
		st = SPC_INVALID;
	}
	manifest_index_free(b.prev);
	free(jobs);
	batch_free_inputs(paths, n_paths);
	free_inputs(&b);
	if (lock_fd >= 0)
		close(lock_fd);
	if (b.dirfd >= 0)
		close(b.dirfd);
	free(b.queue);
	pthread_cond_destroy(&b.queue_wake);
	pthread_cond_destroy(&b.queue_room);
	pthread_mutex_destroy(&b.commit_lock);
	pthread_cond_destroy(&b.cond);
	pthread_mutex_destroy(&b.lock);
	return st;
}
