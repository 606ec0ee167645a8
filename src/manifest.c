/*
 * manifest.c - OUT/manifest.jsonl: writing records, reading them back for
 * --resume (see manifest.h and reliability.md 7.2).
 */
#include "manifest.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"

#define MANIFEST_NAME "manifest.jsonl"

/* Nesting the reader follows: records are 3 levels deep; anything much
 * deeper is not ours and must not recurse without bound. */
#define MAX_DEPTH 16

/* ----- writing ----- */

static void
string_or_null(FILE *fp, const char *s)
{
	if (s != NULL)
		diag_json_string(fp, s);
	else
		fputs("null", fp);
}

void
manifest_format(FILE *fp, const struct manifest_record *r)
{
	fputs("{\"input\":", fp);
	string_or_null(fp, r->input);
	fputs(",\"input_sha256\":", fp);
	string_or_null(fp, r->input_sha256);
	fputs(",\"deps_sha256\":", fp);
	string_or_null(fp, r->deps_sha256);
	fputs(",\"id\":", fp);
	string_or_null(fp, r->id);
	fputs(",\"lang\":", fp);
	string_or_null(fp, r->lang);
	fputs(",\"copy\":", fp);
	string_or_null(fp, r->copy);
	fputs(",\"format\":", fp);
	string_or_null(fp, r->format);
	fputs(",\"status\":", fp);
	string_or_null(fp, r->status);
	fputs(",\"error\":", fp);
	string_or_null(fp, r->error);
	fprintf(fp, ",\"diagnostics\":[%s]", r->diagnostics ? r->diagnostics : "");
	fputs(",\"outputs\":[", fp);
	for (size_t i = 0; i < r->n_outputs; i++) {
		fputs(i ? ",{\"path\":" : "{\"path\":", fp);
		string_or_null(fp, r->outputs[i].path);
		fprintf(fp, ",\"size\":%llu,\"sha256\":", (unsigned long long)r->outputs[i].size);
		string_or_null(fp, r->outputs[i].sha256);
		fputc('}', fp);
	}
	fputs("],\"version\":", fp);
	string_or_null(fp, r->version);
	fputs("}\n", fp);
}

struct manifest {
	int fd;
	char path[4096];
};

static bool
write_all(int fd, const char *p, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = ENOSPC;
			return false;
		}
		p += n;
		len -= (size_t)n;
	}
	return true;
}

/* Where the last line of the file (size bytes) starts: just after the
 * last '\n' before its final byte, or 0. */
static bool
last_line_start(int fd, off_t size, off_t *start)
{
	char buf[4096];
	off_t end = size - 1;   /* the final byte is the line's own '\n', if any */
	while (end > 0) {
		off_t from = end > (off_t)sizeof buf ? end - (off_t)sizeof buf : 0;
		ssize_t n = pread(fd, buf, (size_t)(end - from), from);
		if (n != end - from) {
			if (n >= 0)
				errno = EIO;
			return false;
		}
		for (ssize_t i = n; i > 0; i--)
			if (buf[i - 1] == '\n') {
				*start = from + i;
				return true;
			}
		end = from;
	}
	*start = 0;
	return true;
}

/* Whether bytes [start, size) are one whole record: a JSON object and
 * its '\n'. */
static bool
whole_line(int fd, off_t start, off_t size)
{
	size_t len = (size_t)(size - start);
	char *line = xmalloc(len);
	struct arena a = { 0 };
	struct manifest_record r;
	bool ok = pread(fd, line, len, start) == (ssize_t)len && line[len - 1] == '\n' &&
	    manifest_parse(line, len - 1, &a, &r);
	arena_free(&a);
	free(line);
	return ok;
}

/* A run killed in the middle of a record (or one from before records
 * were taken back, manifest_append) leaves a cut last line: cut the file
 * back to the end of the last whole line, so that every line is a record
 * again.  *cut gets the bytes removed. */
static bool
repair_tail(int fd, size_t *cut)
{
	struct stat st;
	off_t start;
	*cut = 0;
	if (fstat(fd, &st) != 0)
		return false;
	if (st.st_size == 0)
		return true;
	if (!last_line_start(fd, st.st_size, &start))
		return false;
	if (whole_line(fd, start, st.st_size))
		return true;
	if (ftruncate(fd, start) != 0 || fsync(fd) != 0)
		return false;
	*cut = (size_t)(st.st_size - start);
	return true;
}

struct manifest *
manifest_open(const char *dir, size_t *cut, char *err, size_t errlen)
{
	struct manifest *m = xcalloc(1, sizeof *m);
	snprintf(m->path, sizeof m->path, "%s/%s", dir, MANIFEST_NAME);
	/* O_RDWR, not O_WRONLY: repair_tail reads the last line.  A manifest
	 * is a regular file: a FIFO there would hang the reads (the batch
	 * holds its own writer), a device take any size. */
	m->fd = open(m->path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK,
	    0600);
	struct stat st;
	if (m->fd >= 0 && fstat(m->fd, &st) == 0 && !S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "cannot write %s: it is not a regular file", m->path);
		close(m->fd);
		free(m);
		return NULL;
	}
	if (m->fd < 0 || fcntl(m->fd, F_SETFL, O_APPEND) != 0 || !repair_tail(m->fd, cut))
		goto fail;
	return m;

fail:
	snprintf(err, errlen, "cannot write %s: %s", m->path, strerror(errno));
	if (m->fd >= 0)
		close(m->fd);
	free(m);
	return NULL;
}

/* Append the lines format_line writes (each with its '\n'), as
 * manifest_append_many says: all of them or none. */
static bool
append_line(struct manifest *m, void (*format_line)(FILE *, const void *), const void *arg,
    char *err, size_t errlen)
{
	char *buf = NULL;
	size_t len = 0;
	bool ok = false;
	struct stat st;
	FILE *fp = open_memstream(&buf, &len);
	if (fp == NULL)
		goto done;
	format_line(fp, arg);
	if (fclose(fp) != 0 || fstat(m->fd, &st) != 0)
		goto done;
	/* one write of all the lines: with O_APPEND, a reader (or a crash)
	 * sees whole records, at worst a cut last line; one fsync for the
	 * group is what makes a batch's group commit cheap */
	ok = write_all(m->fd, buf, len) && fsync(m->fd) == 0;
	if (!ok) {
		/* a short write (EFBIG under a file size limit, ENOSPC) must not
		 * leave half a record: take it back; shrinking is allowed
		 * under any limit */
		int saved = errno;
		if (ftruncate(m->fd, st.st_size) == 0)
			(void)fsync(m->fd);
		errno = saved;
	}
done:
	if (!ok)
		snprintf(err, errlen, "cannot write %s: %s", m->path, strerror(errno));
	free(buf);
	return ok;
}

/* Records r[0..n) for append_line. */
struct records {
	const struct manifest_record *r;
	size_t n;
};

static void
format_records(FILE *fp, const void *arg)
{
	const struct records *rs = arg;
	for (size_t i = 0; i < rs->n; i++)
		manifest_format(fp, &rs->r[i]);
}

bool
manifest_append(struct manifest *m, const struct manifest_record *r, char *err, size_t errlen)
{
	return manifest_append_many(m, r, 1, err, errlen);
}

bool
manifest_append_many(struct manifest *m, const struct manifest_record *r, size_t n, char *err,
    size_t errlen)
{
	struct records rs = { r, n };
	/* nothing to append is no write and no fsync */
	return n == 0 || append_line(m, format_records, &rs, err, errlen);
}

static void
format_run(FILE *fp, const void *arg)
{
	const struct manifest_run *run = arg;
	fputs("{\"run\":{\"start\":", fp);
	string_or_null(fp, run->start);
	fputs(",\"version\":", fp);
	string_or_null(fp, run->version);
	fprintf(fp, ",\"options\":%s}}\n", run->options ? run->options : "{}");
}

bool
manifest_append_run(struct manifest *m, const struct manifest_run *run, char *err,
    size_t errlen)
{
	return append_line(m, format_run, run, err, errlen);
}

bool
manifest_close(struct manifest *m, char *err, size_t errlen)
{
	if (m == NULL)
		return true;
	bool ok = close(m->fd) == 0;
	if (!ok)
		snprintf(err, errlen, "cannot write %s: %s", m->path, strerror(errno));
	free(m);
	return ok;
}

/* ----- reading ----- */

struct reader {
	const char *p, *end;
	struct arena *a;
	int depth;
};

static void
skip_ws(struct reader *r)
{
	while (r->p < r->end && (*r->p == ' ' || *r->p == '\t' || *r->p == '\r' || *r->p == '\n'))
		r->p++;
}

static bool
eat(struct reader *r, char c)
{
	skip_ws(r);
	if (r->p < r->end && *r->p == c) {
		r->p++;
		return true;
	}
	return false;
}

static bool
literal(struct reader *r, const char *word)
{
	size_t n = strlen(word);
	if ((size_t)(r->end - r->p) < n || memcmp(r->p, word, n) != 0)
		return false;
	r->p += n;
	return true;
}

static int
hex4(const char *p)
{
	int v = 0;
	for (int i = 0; i < 4; i++) {
		char c = p[i];
		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= c - '0';
		else if (c >= 'a' && c <= 'f')
			v |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			v |= c - 'A' + 10;
		else
			return -1;
	}
	return v;
}

static char *
put_utf8(char *o, uint32_t cp)
{
	if (cp < 0x80) {
		*o++ = (char)cp;
	} else if (cp < 0x800) {
		*o++ = (char)(0xC0 | cp >> 6);
		*o++ = (char)(0x80 | (cp & 0x3F));
	} else if (cp < 0x10000) {
		*o++ = (char)(0xE0 | cp >> 12);
		*o++ = (char)(0x80 | (cp >> 6 & 0x3F));
		*o++ = (char)(0x80 | (cp & 0x3F));
	} else {
		*o++ = (char)(0xF0 | cp >> 18);
		*o++ = (char)(0x80 | (cp >> 12 & 0x3F));
		*o++ = (char)(0x80 | (cp >> 6 & 0x3F));
		*o++ = (char)(0x80 | (cp & 0x3F));
	}
	return o;
}

/* A string; *out (if out) gets it decoded, in the arena.  The decoded
 * form is never longer than the escaped one, which sizes the buffer. */
static bool
string(struct reader *r, const char **out)
{
	skip_ws(r);
	if (r->p >= r->end || *r->p != '"')
		return false;
	const char *s = ++r->p;
	while (r->p < r->end && *r->p != '"') {
		if ((unsigned char)*r->p < 0x20)
			return false;
		r->p += *r->p == '\\' ? 2 : 1;
	}
	if (r->p >= r->end)
		return false;
	const char *e = r->p++;
	char *buf = out ? arena_alloc(r->a, (size_t)(e - s) + 1) : NULL;
	char *o = buf;
	for (const char *q = s; q < e; q++) {
		if (*q != '\\') {
			if (o)
				*o++ = *q;
			continue;
		}
		q++;
		char c = *q;
		uint32_t cp;
		switch (c) {
		case '"': case '\\': case '/': cp = (uint32_t)c; break;
		case 'b': cp = '\b'; break;
		case 'f': cp = '\f'; break;
		case 'n': cp = '\n'; break;
		case 'r': cp = '\r'; break;
		case 't': cp = '\t'; break;
		case 'u': {
			int v = e - q >= 5 ? hex4(q + 1) : -1;
			if (v <= 0) /* invalid, or U+0000 that a C string cannot hold */
				return false;
			q += 4;
			cp = (uint32_t)v;
			if (cp >= 0xD800 && cp < 0xDC00) {
				int lo = e - q >= 7 && q[1] == '\\' && q[2] == 'u' ? hex4(q + 3) : -1;
				if (lo < 0xDC00 || lo > 0xDFFF)
					return false;
				cp = 0x10000 + ((cp - 0xD800) << 10) + ((uint32_t)lo - 0xDC00);
				q += 6;
			} else if (cp >= 0xDC80 && cp <= 0xDCFF) {
				/* a byte of a name that is not UTF-8, as
				 * diag_json_string writes it (surrogateescape) */
				if (o)
					*o++ = (char)(cp - 0xDC00);
				continue;
			} else if (cp >= 0xDC00 && cp < 0xE000) {
				return false;
			}
			break;
		}
		default:
			return false;
		}
		if (o)
			o = put_utf8(o, cp);
	}
	if (o) {
		*o = '\0';
		*out = buf;
	}
	return true;
}

/* A non-negative integer into *out; other numbers are read and give
 * false only if malformed (*is_uint says which). */
static bool
number(struct reader *r, uint64_t *out, bool *is_uint)
{
	const char *s = r->p;
	uint64_t v = 0;
	bool plain = true, digits = false;
	if (r->p < r->end && *r->p == '-') {
		plain = false;
		r->p++;
	}
	while (r->p < r->end && *r->p >= '0' && *r->p <= '9') {
		unsigned d = (unsigned)(*r->p - '0');
		if (v > (UINT64_MAX - d) / 10)
			plain = false;
		v = v * 10 + d;
		digits = true;
		r->p++;
	}
	while (r->p < r->end && (strchr(".eE+-", *r->p) || (*r->p >= '0' && *r->p <= '9'))) {
		plain = false;
		r->p++;
	}
	if (!digits || r->p == s)
		return false;
	*out = v;
	*is_uint = plain;
	return true;
}

static bool value(struct reader *r);

static bool
array_or_object(struct reader *r, bool object)
{
	if (++r->depth > MAX_DEPTH)
		return false;
	char close = object ? '}' : ']';
	if (eat(r, close)) {
		r->depth--;
		return true;
	}
	do {
		if (object && (!string(r, NULL) || !eat(r, ':')))
			return false;
		if (!value(r))
			return false;
	} while (eat(r, ','));
	r->depth--;
	return eat(r, close);
}

static bool
value(struct reader *r)
{
	uint64_t n;
	bool u;
	skip_ws(r);
	if (r->p >= r->end)
		return false;
	switch (*r->p) {
	case '"': return string(r, NULL);
	case '{': r->p++; return array_or_object(r, true);
	case '[': r->p++; return array_or_object(r, false);
	case 't': return literal(r, "true");
	case 'f': return literal(r, "false");
	case 'n': return literal(r, "null");
	default: return number(r, &n, &u);
	}
}

/* A string or null into *out. */
static bool
string_field(struct reader *r, const char **out)
{
	skip_ws(r);
	if (literal(r, "null")) {
		*out = NULL;
		return true;
	}
	return string(r, out);
}

static bool
output(struct reader *r, struct manifest_output *o)
{
	if (!eat(r, '{'))
		return false;
	if (eat(r, '}'))
		return true;
	do {
		const char *key;
		if (!string(r, &key) || !eat(r, ':'))
			return false;
		if (strcmp(key, "path") == 0 || strcmp(key, "sha256") == 0) {
			if (!string_field(r, key[0] == 'p' ? &o->path : &o->sha256))
				return false;
		} else if (strcmp(key, "size") == 0) {
			bool plain;
			skip_ws(r);
			if (!number(r, &o->size, &plain) || !plain)
				return false;
		} else if (!value(r)) {
			return false;
		}
	} while (eat(r, ','));
	return eat(r, '}');
}

static bool
outputs(struct reader *r, struct manifest_record *rec)
{
	struct manifest_output *v = NULL;
	size_t n = 0, cap = 0;
	if (!eat(r, '['))
		return false;
	if (!eat(r, ']')) {
		do {
			if (n == cap) {
				/* the arena cannot grow a block: copy into a bigger one */
				cap = cap ? 2 * cap : 2;
				struct manifest_output *w = arena_alloc(r->a, cap * sizeof *w);
				if (n)
					memcpy(w, v, n * sizeof *w);
				v = w;
			}
			if (!output(r, &v[n++]))
				return false;
		} while (eat(r, ','));
		if (!eat(r, ']'))
			return false;
	}
	rec->outputs = v;
	rec->n_outputs = n;
	return true;
}

bool
manifest_parse(const char *line, size_t len, struct arena *a, struct manifest_record *rec)
{
	static const struct { const char *key; size_t off; } fields[] = {
		{ "input", offsetof(struct manifest_record, input) },
		{ "input_sha256", offsetof(struct manifest_record, input_sha256) },
		{ "deps_sha256", offsetof(struct manifest_record, deps_sha256) },
		{ "id", offsetof(struct manifest_record, id) },
		{ "lang", offsetof(struct manifest_record, lang) },
		{ "copy", offsetof(struct manifest_record, copy) },
		{ "format", offsetof(struct manifest_record, format) },
		{ "status", offsetof(struct manifest_record, status) },
		{ "error", offsetof(struct manifest_record, error) },
		{ "version", offsetof(struct manifest_record, version) },
	};
	struct reader r = { .p = line, .end = line + len, .a = a };
	memset(rec, 0, sizeof *rec);
	if (!eat(&r, '{'))
		return false;
	if (!eat(&r, '}')) {
		do {
			const char *key;
			if (!string(&r, &key) || !eat(&r, ':'))
				return false;
			size_t i = 0;
			while (i < sizeof fields / sizeof fields[0] && strcmp(key, fields[i].key) != 0)
				i++;
			bool ok;
			if (i < sizeof fields / sizeof fields[0])
				ok = string_field(&r, (const char **)((char *)rec + fields[i].off));
			else if (strcmp(key, "outputs") == 0)
				ok = outputs(&r, rec);
			else
				ok = value(&r);
			if (!ok)
				return false;
		} while (eat(&r, ','));
		if (!eat(&r, '}'))
			return false;
	}
	skip_ws(&r);
	return r.p == r.end;
}

/* ----- the index of finished documents ----- */

struct entry {
	struct manifest_record rec;
	size_t line;    /* later lines win */
	const char *key; /* rec.input as manifest_path_key writes it */
};

/* An output of a kept record, by its path's key. */
struct output_entry {
	const char *key;
	const struct manifest_output *out;
};

struct manifest_index {
	struct arena arena;
	struct entry *entries;
	size_t n;
	struct output_entry *outputs;
	size_t n_outputs;
};

char *
manifest_path_key(const char *path, char *buf, size_t size)
{
	size_t n = 0;
	const char *p = path;
	bool abs = *p == '/';
	if (size == 0)
		return NULL;
	if (abs)
		buf[n++] = '/';
	while (*p) {
		while (*p == '/')
			p++;
		size_t len = strcspn(p, "/");
		if (len == 0)
			break;
		/* "." segments say nothing; ".." is kept (a symbolic link's
		 * parent is not the lexical one) */
		if (!(len == 1 && p[0] == '.')) {
			if (n > (size_t)abs && n < size)
				buf[n++] = '/';
			if (n + len >= size)
				return NULL;
			memcpy(buf + n, p, len);
			n += len;
		}
		p += len;
	}
	if (n == 0)
		buf[n++] = '.';
	if (n >= size)
		return NULL;
	buf[n] = '\0';
	return buf;
}

/* The key of path in the arena (path itself when too long to key). */
static const char *
arena_key(struct arena *a, const char *path)
{
	char buf[4096];
	const char *k = path ? manifest_path_key(path, buf, sizeof buf) : NULL;
	return k ? arena_strdup(a, k) : path;
}

static const char *
nz(const char *s)
{
	return s ? s : "";
}

static int
key_cmp(const struct entry *a, const char *input, const char *lang, const char *copy)
{
	int c = strcmp(nz(a->key), nz(input));
	if (c == 0)
		c = strcmp(nz(a->rec.lang), nz(lang));
	if (c == 0)
		c = strcmp(nz(a->rec.copy), nz(copy));
	return c;
}

static int
output_cmp(const void *pa, const void *pb)
{
	return strcmp(((const struct output_entry *)pa)->key, ((const struct output_entry *)pb)->key);
}

static int
entry_cmp(const void *pa, const void *pb)
{
	const struct entry *a = pa, *b = pb;
	int c = key_cmp(a, b->key, b->rec.lang, b->rec.copy);
	if (c == 0)
		c = a->line < b->line ? -1 : a->line > b->line;
	return c;
}

struct manifest_index *
manifest_index_load(const char *dir, size_t *n_bad, char *err, size_t errlen)
{
	char path[4096];
	struct manifest_index *ix = xcalloc(1, sizeof *ix);
	size_t cap = 0, lineno = 0;
	char *line = NULL;
	size_t line_cap = 0;
	ssize_t len;
	*n_bad = 0;
	snprintf(path, sizeof path, "%s/%s", dir, MANIFEST_NAME);
	/* not blocking on a FIFO's open, and refused unless a regular file */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW);
	struct stat st;
	FILE *fp = NULL;
	if (fd >= 0 && fstat(fd, &st) == 0 && !S_ISREG(st.st_mode)) {
		close(fd);
		snprintf(err, errlen, "cannot read %s: it is not a regular file", path);
		manifest_index_free(ix);
		return NULL;
	}
	if (fd >= 0 && (fcntl(fd, F_SETFL, 0) != 0 || (fp = fdopen(fd, "r")) == NULL))
		close(fd);
	if (fp == NULL) {
		if (errno == ENOENT)
			return ix;
		snprintf(err, errlen, "cannot read %s: %s", path, strerror(errno));
		manifest_index_free(ix);
		return NULL;
	}
	while ((len = getline(&line, &line_cap, fp)) > 0) {
		lineno++;
		if (line[len - 1] == '\n')
			len--;
		struct manifest_record rec;
		if (len == 0)
			continue;
		if (!manifest_parse(line, (size_t)len, &ix->arena, &rec)) {
			(*n_bad)++;
			continue;
		}
		if (rec.input == NULL || rec.status == NULL ||
		    (strcmp(rec.status, "ok") != 0 && strcmp(rec.status, "skipped") != 0))
			continue;
		if (ix->n == cap) {
			cap = cap ? 2 * cap : 64;
			ix->entries = xrealloc(ix->entries, cap * sizeof *ix->entries);
		}
		ix->entries[ix->n++] = (struct entry){ rec, lineno, arena_key(&ix->arena, rec.input) };
	}
	bool failed = ferror(fp);
	free(line);
	fclose(fp);
	if (failed) {
		snprintf(err, errlen, "cannot read %s: %s", path, strerror(errno));
		manifest_index_free(ix);
		return NULL;
	}
	/* sort by key, then keep only the last line of each key; entries is
	 * NULL when no document was finished, and qsort must not see NULL */
	if (ix->n > 1)
		qsort(ix->entries, ix->n, sizeof *ix->entries, entry_cmp);
	size_t k = 0;
	for (size_t i = 0; i < ix->n; i++) {
		if (i + 1 < ix->n && key_cmp(&ix->entries[i], ix->entries[i + 1].key,
		    ix->entries[i + 1].rec.lang, ix->entries[i + 1].rec.copy) == 0)
			continue;
		ix->entries[k++] = ix->entries[i];
	}
	ix->n = k;
	/* the kept records' outputs, by path */
	size_t n_out = 0;
	for (size_t i = 0; i < ix->n; i++)
		n_out += ix->entries[i].rec.n_outputs;
	ix->outputs = n_out ? xcalloc(n_out, sizeof *ix->outputs) : NULL;
	for (size_t i = 0; i < ix->n; i++)
		for (size_t j = 0; j < ix->entries[i].rec.n_outputs; j++) {
			const struct manifest_output *o = &ix->entries[i].rec.outputs[j];
			ix->outputs[ix->n_outputs++] = (struct output_entry){
				arena_key(&ix->arena, o->path), o };
		}
	if (ix->n_outputs > 1)
		qsort(ix->outputs, ix->n_outputs, sizeof *ix->outputs, output_cmp);
	return ix;
}

const struct manifest_record *
manifest_index_find(const struct manifest_index *ix, const char *input, const char *lang,
    const char *copy)
{
	char buf[4096];
	const char *key = input ? manifest_path_key(input, buf, sizeof buf) : NULL;
	if (key == NULL)
		key = input;
	size_t lo = 0, hi = ix->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = key_cmp(&ix->entries[mid], key, lang, copy);
		if (c == 0)
			return &ix->entries[mid].rec;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const struct manifest_output *
manifest_index_output(const struct manifest_index *ix, const char *path)
{
	char buf[4096];
	const char *key = manifest_path_key(path, buf, sizeof buf);
	if (key == NULL || ix->n_outputs == 0)
		return NULL;
	size_t lo = 0, hi = ix->n_outputs;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(ix->outputs[mid].key, key);
		if (c == 0)
			return ix->outputs[mid].out;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

void
manifest_index_free(struct manifest_index *ix)
{
	if (ix == NULL)
		return;
	free(ix->outputs);
	arena_free(&ix->arena);
	free(ix->entries);
	free(ix);
}
