/* diag.c - diagnostic records and their text and JSON forms (see diag.h). */
#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "spcomm_limits.h"

static const struct {
	const char *name;
	enum diag_severity severity;
} code_info[] = {
#define X(name, str, sev) { str, DIAG_##sev },
	DIAG_CODES(X)
#undef X
};

enum diag_severity
diag_code_severity(enum diag_code code)
{
	return code_info[code].severity;
}

const char *
diag_code_name(enum diag_code code)
{
	return code_info[code].name;
}

void
diag_list_init(struct diag_list *dl, const char *file)
{
	memset(dl, 0, sizeof *dl);
	dl->file = file;
}

void
diag_list_free(struct diag_list *dl)
{
	for (size_t i = 0; i < dl->n_items; i++) {
		free(dl->items[i].path);
		free(dl->items[i].message);
		free(dl->items[i].hint);
		free(dl->items[i].file);
	}
	free(dl->items);
	dl->items = NULL;
	dl->n_items = dl->cap = 0;
	dl->n_errors = dl->n_warnings = dl->n_dropped = 0;
}

static void
vadd(struct diag_list *dl, enum diag_code code, const struct span *span,
    const char *path, const char *hint, const char *fmt, va_list args)
{
	enum diag_severity sev = diag_code_severity(code);
	if (sev == DIAG_ERROR)
		dl->n_errors++;
	else
		dl->n_warnings++;
	if (dl->n_items >= LIMIT_DIAGS_PER_FILE) {
		dl->n_dropped++;
		return;
	}
	if (dl->n_items == dl->cap) {
		dl->cap = dl->cap ? dl->cap * 2 : 16;
		dl->items = xrealloc(dl->items, dl->cap * sizeof *dl->items);
	}
	struct diag *d = &dl->items[dl->n_items++];
	memset(d, 0, sizeof *d);
	d->code = code;
	d->severity = sev;
	if (span != NULL) {
		d->has_span = true;
		d->span = *span;
	}
	d->path = path ? xstrdup(path) : NULL;
	d->hint = hint ? xstrdup(hint) : NULL;
	va_list ap;
	va_copy(ap, args);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	d->message = xmalloc(n > 0 ? (size_t)n + 1 : 1);
	vsnprintf(d->message, n > 0 ? (size_t)n + 1 : 1, fmt, args);
}

void
diag_add(struct diag_list *dl, enum diag_code code, const struct span *span,
    const char *path, const char *hint, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vadd(dl, code, span, path, hint, fmt, ap);
	va_end(ap);
}

void
diag_add_in(struct diag_list *dl, const char *file, enum diag_code code,
    const struct span *span, const char *path, const char *hint, const char *fmt, ...)
{
	size_t first = dl->n_items;
	va_list ap;
	va_start(ap, fmt);
	vadd(dl, code, span, path, hint, fmt, ap);
	va_end(ap);
	diag_set_file_from(dl, first, file);
}

void
diag_set_file(struct diag_list *dl, const char *file)
{
	if (dl->n_items == 0 || dl->n_dropped > 0)
		return;
	struct diag *d = &dl->items[dl->n_items - 1];
	free(d->file);
	d->file = file ? xstrdup(file) : NULL;
}

void
diag_set_file_from(struct diag_list *dl, size_t first, const char *file)
{
	for (size_t i = first; i < dl->n_items; i++) {
		free(dl->items[i].file);
		dl->items[i].file = file ? xstrdup(file) : NULL;
	}
}

static int
cmp_diag(const void *a, const void *b)
{
	const struct diag *x = a, *y = b;
	/* The case's own file first, then each other file. */
	if ((x->file != NULL) != (y->file != NULL))
		return x->file ? 1 : -1;
	if (x->file != NULL && strcmp(x->file, y->file) != 0)
		return strcmp(x->file, y->file);
	/* Diagnostics without position (whole-file problems) come first. */
	if (x->has_span != y->has_span)
		return x->has_span ? 1 : -1;
	if (x->span.line != y->span.line)
		return x->span.line < y->span.line ? -1 : 1;
	if (x->span.col != y->span.col)
		return x->span.col < y->span.col ? -1 : 1;
	return x < y ? -1 : x > y;
}

struct sort_item {
	struct diag d;
	size_t i;
};

void
diag_sort(struct diag_list *dl)
{
	/* Make qsort stable by breaking ties on the original index: copy
	 * through an index array. */
	size_t n = dl->n_items;
	if (n < 2)
		return;
	struct sort_item *tmp = xmalloc(n * sizeof *tmp);
	for (size_t i = 0; i < n; i++) {
		tmp[i].d = dl->items[i];
		tmp[i].i = i;
	}
	/* insertion sort: lists are short (<= LIMIT_DIAGS_PER_FILE) and this
	 * keeps equal elements in order */
	for (size_t i = 1; i < n; i++) {
		for (size_t j = i; j > 0 && cmp_diag(&tmp[j - 1].d, &tmp[j].d) > 0; j--) {
			struct sort_item t = tmp[j];
			tmp[j] = tmp[j - 1];
			tmp[j - 1] = t;
		}
	}
	for (size_t i = 0; i < n; i++)
		dl->items[i] = tmp[i].d;
	free(tmp);
}

struct span
diag_span_at_offset(const char *src, size_t len, size_t offset)
{
	struct span sp;
	memset(&sp, 0, sizeof sp);
	if (offset > len)
		offset = len;
	/* Lines end at LF, CRLF or a lone CR, as libyaml counts them; a BOM
	 * is not a column. */
	size_t i = len >= 3 && memcmp(src, "\xEF\xBB\xBF", 3) == 0 && offset >= 3 ? 3 : 0;
	for (; i < offset; i++) {
		unsigned char c = (unsigned char)src[i];
		if (c == '\n' || (c == '\r' && (i + 1 >= len || src[i + 1] != '\n'))) {
			sp.line++;
			sp.col = 0;
		} else if (c != '\r' && (c & 0xC0) != 0x80) {
			sp.col++;
		}
	}
	sp.offset = offset;
	sp.end_line = sp.line;
	sp.end_col = sp.col + 1;
	sp.end_offset = offset + 1 <= len ? offset + 1 : len;
	return sp;
}

/* Find the start and end of line number `line` (0-based) in src. */
static bool
source_line(const char *src, size_t len, uint32_t line, size_t *start, size_t *end)
{
	size_t i = len >= 3 && memcmp(src, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	uint32_t l = 0;
	/* LF, CRLF and a lone CR end a line (libyaml's counting) */
	while (l < line && i < len) {
		if (src[i] == '\n' || src[i] == '\r') {
			if (src[i] == '\r' && i + 1 < len && src[i + 1] == '\n')
				i++;
			l++;
		}
		i++;
	}
	if (l != line || i > len)
		return false;
	size_t j = i;
	while (j < len && src[j] != '\n' && src[j] != '\r')
		j++;
	*start = i;
	*end = j;
	return true;
}

/* Display width of one code point in a terminal: wide East Asian
 * characters take two columns.  An approximation of wcwidth that needs no
 * locale (the output must not depend on LANG). */
static int
cp_width(uint32_t cp)
{
	if (cp == 0)
		return 0;
	if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
	    (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
	    (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
	    (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD))
		return 2;
	if (cp >= 0x300 && cp <= 0x36F)
		return 0;
	return 1;
}

/* Decode one UTF-8 sequence at s (already validated by the loader; falls
 * back to one byte on anything odd). */
static uint32_t
decode(const unsigned char *s, size_t n, size_t *adv)
{
	if (s[0] < 0x80 || n < 2) {
		*adv = 1;
		return s[0];
	}
	if ((s[0] & 0xE0) == 0xC0) {
		*adv = 2;
		return ((uint32_t)(s[0] & 0x1F) << 6) | (s[1] & 0x3F);
	}
	if ((s[0] & 0xF0) == 0xE0 && n >= 3) {
		*adv = 3;
		return ((uint32_t)(s[0] & 0x0F) << 12) | ((uint32_t)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
	}
	if ((s[0] & 0xF8) == 0xF0 && n >= 4) {
		*adv = 4;
		return ((uint32_t)(s[0] & 0x07) << 18) | ((uint32_t)(s[1] & 0x3F) << 12) |
		    ((uint32_t)(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
	}
	*adv = 1;
	return 0xFFFD;
}

/* code points of context shown before and after the column */
#define EXCERPT_BEFORE 60
#define EXCERPT_AFTER 60

static void
print_excerpt(FILE *fp, const struct diag_list *dl, const struct diag *d, bool color)
{
	size_t start, end;
	/* A file in UTF-16 or UTF-32 is not text to the terminal: its first
	 * line would show as NULs and replacement characters. */
	if (d->code == DIAG_ENCODING)
		return;
	if (dl->src == NULL || !source_line(dl->src, dl->src_len, d->span.line, &start, &end))
		return;
	/* Replace control characters and invalid bytes so the excerpt itself
	 * cannot move the terminal's cursor. */
	fprintf(fp, "%5u | ", (unsigned)d->span.line + 1);
	const unsigned char *s = (const unsigned char *)dl->src;
	size_t i = start;
	uint32_t col = 0, caret_from = 0, caret_len = 0;
	/* a few words that go on to the next line (a name broken across two
	 * lines of a narrative) are underlined to the end of the first line;
	 * a record that spans lines keeps its single caret */
	bool wrapped = d->span.end_line == d->span.line + 1 &&
	    d->span.end_offset - d->span.offset < 200;
	uint32_t want_end = wrapped ? UINT32_MAX
	    : d->span.end_line == d->span.line && d->span.end_col > d->span.col
	    ? d->span.end_col : d->span.col + 1;
	/* A long line (a 2 MB "[[[[" file is one line) is shown as a window
	 * around the column, so the excerpt stays readable and cheap. */
	uint32_t first = d->span.col > EXCERPT_BEFORE ? d->span.col - EXCERPT_BEFORE : 0;
	uint32_t last = d->span.col + EXCERPT_AFTER;
	if (first > 0) {
		fputs("...", fp);
		caret_from += 3;
	}
	while (i < end) {
		size_t adv;
		uint32_t cp = decode(s + i, end - i, &adv);
		int w = cp_width(cp);
		if (col < first || col >= last) {
			if (col >= last) {
				fputs("...", fp);
				break;
			}
			col++;
			i += adv;
			continue;
		}
		if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) ||
		    (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)) {
			fputc(cp == '\t' ? ' ' : '?', fp);
			w = 1;
		} else if (cp == 0xFFFD) {
			/* an invalid byte: never copy it to the terminal */
			fputs("\xEF\xBF\xBD", fp);
		} else {
			fwrite(s + i, 1, adv, fp);
		}
		if (col < d->span.col)
			caret_from += (uint32_t)w;
		else if (col < want_end)
			caret_len += (uint32_t)w;
		col++;
		i += adv;
	}
	fputs("\n      | ", fp);
	for (uint32_t k = 0; k < caret_from; k++)
		fputc(' ', fp);
	if (color)
		fputs("\033[1;32m", fp);
	fputc('^', fp);
	for (uint32_t k = 1; k < caret_len && k < 200; k++)
		fputc('~', fp);
	if (color)
		fputs("\033[0m", fp);
	fputc('\n', fp);
}

static size_t utf8_sequence(const unsigned char *p);

/*
 * s for a terminal: what would act on it instead of showing (C0 and C1
 * controls, DEL: a file named with "\033[31m" would colour or move the
 * screen) and the bidirectional controls that would reorder what follows
 * on the line are written as \xNN or \uNNNN, and so is a byte of no
 * UTF-8 sequence (a file name that is not UTF-8).
 */
static void
put_text(FILE *fp, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		if (*p >= 0x20 && *p < 0x7F) {
			fputc(*p++, fp);
			continue;
		}
		size_t n = *p < 0x80 ? 0 : utf8_sequence(p);
		if (n == 0) {
			fprintf(fp, "\\x%02x", *p++);
			continue;
		}
		size_t adv;
		uint32_t c = decode(p, n, &adv);
		if (c < 0xA0 || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) ||
		    c == 0x200E || c == 0x200F || c == 0x061C)
			fprintf(fp, "\\u%04x", (unsigned)c);
		else
			fwrite(p, 1, n, fp);
		p += n;
	}
}

void
diag_print_text(FILE *fp, const struct diag_list *dl, bool color)
{
	for (size_t i = 0; i < dl->n_items; i++) {
		const struct diag *d = &dl->items[i];
		const char *file = d->file ? d->file : dl->file ? dl->file : "<input>";
		const char *sev = d->severity == DIAG_ERROR ? "error" : "warning";
		if (color)
			fputs("\033[1m", fp);
		put_text(fp, file);
		if (d->has_span)
			fprintf(fp, ":%u:%u", (unsigned)d->span.line + 1, (unsigned)d->span.col + 1);
		fputs(": ", fp);
		if (color)
			fputs(d->severity == DIAG_ERROR ? "\033[1;31m" : "\033[1;35m", fp);
		fprintf(fp, "%s: ", sev);
		if (color)
			fputs("\033[0m", fp);
		if (d->path != NULL && d->path[0] != '\0') {
			put_text(fp, d->path);
			fputs(": ", fp);
		}
		put_text(fp, d->message);
		fprintf(fp, " [%s]\n", diag_code_name(d->code));
		if (d->has_span && d->file == NULL)
			print_excerpt(fp, dl, d, color);
		if (d->hint != NULL) {
			fputs("      = hint: ", fp);
			put_text(fp, d->hint);
			fputc('\n', fp);
		}
	}
	if (dl->n_dropped > 0) {
		put_text(fp, dl->file ? dl->file : "<input>");
		fprintf(fp, ": note: %zu more diagnostics not shown (limit %u per file)\n",
		    dl->n_dropped, (unsigned)LIMIT_DIAGS_PER_FILE);
	}
}

/* The length of the well-formed UTF-8 sequence at p (RFC 3629: no
 * overlong form, no surrogate, nothing past U+10FFFF), or 0. */
static size_t
utf8_sequence(const unsigned char *p)
{
	unsigned char c = p[0];
	size_t n = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
	for (size_t k = 1; k < n; k++)
		if ((p[k] & 0xC0) != 0x80)
			return 0;
	if ((c == 0xE0 && p[1] < 0xA0) || (c == 0xED && p[1] > 0x9F) || (c == 0xF0 && p[1] < 0x90) ||
	    (c == 0xF4 && p[1] > 0x8F))
		return 0;
	return n;
}

void
diag_json_string(FILE *fp, const char *s)
{
	fputc('"', fp);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"': fputs("\\\"", fp); continue;
		case '\\': fputs("\\\\", fp); continue;
		case '\n': fputs("\\n", fp); continue;
		case '\r': fputs("\\r", fp); continue;
		case '\t': fputs("\\t", fp); continue;
		}
		if (*p < 0x20 || *p == 0x7F) {
			fprintf(fp, "\\u%04x", *p);
			continue;
		}
		if (*p < 0x80) {
			fputc(*p, fp);
			continue;
		}
		/* a whole UTF-8 sequence as it is, but the C1 controls
		 * (U+0080-U+009F) escaped; a byte of no sequence (a file name
		 * that is not UTF-8) as Python's surrogateescape writes it,
		 * U+DC80-U+DCFF, which manifest.c reads back as the byte: JSON
		 * holds text, and the name stays the name */
		size_t i = utf8_sequence(p);
		if (i == 0)
			fprintf(fp, "\\u%04x", 0xDC00u + *p);
		else if (i == 2 && p[0] == 0xC2 && p[1] < 0xA0)
			fprintf(fp, "\\u%04x", (unsigned)p[1]);
		else
			fwrite(p, 1, i, fp);
		p += (i ? i : 1) - 1;
	}
	fputc('"', fp);
}

static void
print_json(FILE *fp, const struct diag_list *dl, const char *file, bool redacted)
{
	for (size_t i = 0; i < dl->n_items; i++) {
		const struct diag *d = &dl->items[i];
		fputs("{\"file\":", fp);
		/* redacted: every record stands for the case (its pseudonym) */
		diag_json_string(fp, d->file && !redacted ? d->file : file ? file : "");
		if (d->has_span)
			fprintf(fp, ",\"line\":%u,\"column\":%u", (unsigned)d->span.line + 1,
			    (unsigned)d->span.col + 1);
		else
			fputs(",\"line\":null,\"column\":null", fp);
		fprintf(fp, ",\"severity\":\"%s\",\"path\":",
		    d->severity == DIAG_ERROR ? "error" : "warning");
		diag_json_string(fp, d->path ? d->path : "");
		fprintf(fp, ",\"code\":\"%s\",\"message\":", diag_code_name(d->code));
		if (redacted) {
			/* a message may quote the case (an e-mail address that is
			 * not valid, a name): the code and the field say enough here */
			fputs("\"details withheld: run spcomm check on the case\"", fp);
		} else {
			diag_json_string(fp, d->message);
			if (d->hint) {
				fputs(",\"hint\":", fp);
				diag_json_string(fp, d->hint);
			}
		}
		fputs("}\n", fp);
	}
}

void
diag_print_json(FILE *fp, const struct diag_list *dl)
{
	print_json(fp, dl, dl->file, false);
}

void
diag_print_json_redacted(FILE *fp, const struct diag_list *dl, const char *file)
{
	print_json(fp, dl, file, true);
}
