/*
 * spcomm.c - the commands behind spcomm.h: check, render, package, i18n,
 * forms and new, each a loop over its case files through the single-case
 * steps of driver.c (read -> ytree -> validate -> layout -> pdf), writing
 * what they make with outfile.c.
 */
#include "spcomm.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "batch.h"
#include "case.h"
#include "catalog.h"
#include "diag.h"
#include "driver.h"
#include "form.h"
#include "i18n.h"
#include "intl.h"
#include "layout.h"
#include "mime.h"
#include "outfile.h"
#include "package.h"
#include "po.h"
#include "sha256.h"

/* the source tree (CMakeLists.txt defines it), which schema_ref tells
 * from an installed data directory */
#ifndef SPCOMM_SOURCE_DATA_DIR
#define SPCOMM_SOURCE_DATA_DIR "."
#endif
#ifndef SPCOMM_VERSION
#define SPCOMM_VERSION "0"
#endif
/* the JSON Schemas the build writes, for the executable of the build tree
 * (installed ones are in <data dir>/schema) */
#ifndef SPCOMM_BUILD_SCHEMA_DIR
#define SPCOMM_BUILD_SCHEMA_DIR ""
#endif

const char *
spc_version(void)
{
	return SPCOMM_VERSION;
}

static void
count_diags(const struct diag_list *dl, const struct spc_print *pr)
{
	if (pr->counts == NULL)
		return;
	pr->counts->files++;
	pr->counts->errors += dl->n_errors;
	pr->counts->warnings += dl->n_warnings;
}

static void
print_diags(const struct diag_list *dl, const struct spc_print *pr)
{
	count_diags(dl, pr);
	if (pr->format == SPC_FORMAT_JSON)
		diag_print_json(pr->fp, dl);
	else
		diag_print_text(pr->fp, dl, pr->color);
}

/* Where messages other than diagnostics go. */
static FILE *
msg_fp(const struct spc_print *pr)
{
	return pr->msg ? pr->msg : pr->fp;
}

enum spc_status
spc_check(struct spc_env *env, const char *file, const struct spc_print *pr)
{
	struct arena a = { 0 };
	struct diag_list dl;
	char *src = NULL;
	diag_list_init(&dl, driver_shown_name(file));
	struct case_data *cd = driver_load_case(env, file, &a, &dl, &src);
	diag_sort(&dl);
	print_diags(&dl, pr);
	enum spc_status st = cd != NULL && dl.n_errors == 0 ? SPC_OK : SPC_INVALID;
	diag_list_free(&dl);
	free(src);
	arena_free(&a);
	return st;
}

enum spc_status
spc_check_paths(struct spc_env *env, const char *const *args, size_t n_args,
    const struct spc_print *pr)
{
	size_t n = 0;
	char **paths = batch_find_inputs(args, n_args, &n, msg_fp(pr));
	if (paths == NULL)
		return SPC_USAGE;
	enum spc_status st = SPC_OK;
	if (n == 0) {
		fprintf(msg_fp(pr), "spcomm: no case file (*.yaml) found\n");
		st = SPC_USAGE;
	}
	for (size_t i = 0; i < n; i++)
		if (spc_check(env, paths[i], pr) != SPC_OK)
			st = SPC_INVALID;
	batch_free_inputs(paths, n);
	return st;
}

/* -o names a file the user chose: it may be a stream (/dev/stdout, a
 * FIFO).  -d makes the names: only regular files there. */
static unsigned
output_flags(const struct spc_render_options *o)
{
	return (o->force ? OUTFILE_FORCE : 0u) | (o->out_file ? OUTFILE_STREAMS : 0u);
}

/* The file of one document: -o, or DIR/<id>.<lang>[.<copy>].pdf with the
 * id the copy shows (a neutral one when the case id names someone the
 * copy withholds: driver_copy_id). */
static void
output_path(const struct case_data *cd, const struct spc_render_options *o, const char *lang,
    enum spc_copy copy, char *path, size_t size)
{
	struct arena a = { 0 };
	if (o->out_file)
		snprintf(path, size, "%s", o->out_file);
	else
		driver_document_path(path, size, o->out_dir ? o->out_dir : ".",
		    driver_copy_id(cd, copy, &a, NULL, NULL), lang, copy, "pdf");
	arena_free(&a);
}

/* Before any work: every output name can be written (a link, a directory
 * or another user's FIFO there is refused), and the directory of each
 * new file is writable.  A stream needs no directory.  False with the
 * reason printed. */
static bool
check_outputs(const struct case_data *cd, const struct spc_render_options *o,
    const char *const *langs, size_t n_langs, const enum spc_copy *copies, size_t n_copies,
    FILE *fp)
{
	char path[4096], err[4200];
	bool need_dir = false;
	for (size_t li = 0; li < n_langs; li++)
		for (size_t ci = 0; ci < n_copies; ci++) {
			output_path(cd, o, langs[li], copies[ci], path, sizeof path);
			enum outfile_kind k = outfile_target(path, output_flags(o), err, sizeof err);
			if (k == OUTFILE_REFUSED) {
				fprintf(fp, "spcomm: %s\n", err);
				return false;
			}
			need_dir |= k != OUTFILE_STREAM;
		}
	if (!need_dir)
		return true;
	/* the directory of -o, or -d, must exist and be writable */
	char *d = xstrdup(o->out_file ? o->out_file : o->out_dir ? o->out_dir : ".");
	char *slash = o->out_file ? strrchr(d, '/') : NULL;
	if (slash)
		*slash = '\0';
	bool ok = outfile_check_dir(o->out_file ? (slash ? (*d ? d : "/") : ".") : d, err,
	    sizeof err);
	free(d);
	if (!ok)
		fprintf(fp, "spcomm: %s\n", err);
	return ok;
}

enum spc_status
spc_render(struct spc_env *env, const char *file, const struct spc_render_options *o,
    const struct spc_print *pr)
{
	struct arena a = { 0 };
	struct diag_list dl;
	char *src = NULL;
	enum spc_status st = SPC_OK;
	FILE *msg = msg_fp(pr);
	diag_list_init(&dl, driver_shown_name(file));
	struct case_data *cd = driver_load_case_tr(env, file, o->translations, o->n_translations, NULL,
	    &a, &dl, &src);
	diag_sort(&dl);
	/* JSON is for records that may be kept beside the documents: a run of
	 * Government or public copies only gets no message words that could
	 * quote the case (as its batch manifest) */
	bool restricted = o->n_copies > 0;
	for (size_t i = 0; i < o->n_copies; i++)
		restricted &= o->copies[i] != SPC_COPY_FULL;
	if (restricted && pr->format == SPC_FORMAT_JSON) {
		count_diags(&dl, pr);
		diag_print_json_redacted(pr->fp, &dl, driver_shown_name(file));
	}
	else {
		print_diags(&dl, pr);
	}
	if (cd == NULL || dl.n_errors > 0) {
		st = SPC_INVALID;
		goto done;
	}
	const char *own[1] = { cd->language };
	const char *const *langs = o->n_langs ? o->langs : own;
	size_t n_langs = o->n_langs ? o->n_langs : 1;
	const enum spc_copy full[1] = { SPC_COPY_FULL };
	const enum spc_copy *copies = o->n_copies ? o->copies : full;
	size_t n_copies = o->n_copies ? o->n_copies : 1;
	if (o->out_file && n_langs * n_copies != 1) {
		fprintf(msg, "spcomm: -o names one file, but %zu documents were asked for; use -d DIR\n",
		    n_langs * n_copies);
		st = SPC_USAGE;
		goto done;
	}
	char err[512];
	if (!check_outputs(cd, o, langs, n_langs, copies, n_copies, msg) ||
	    !driver_fonts_present(env, msg) || (o->pdfa && !driver_prepare_pdfa(env, msg))) {
		st = SPC_USAGE;
		goto done;
	}
	/* the catalog of each language now, so that a broken one is shown
	 * with its problems before any document */
	for (size_t li = 0; li < n_langs; li++)
		if (driver_catalog(env, langs[li], msg) == NULL) {
			fprintf(msg, "spcomm: no usable catalog for language '%s' in %s/locale\n",
			    langs[li], driver_data_dir(env));
			st = SPC_USAGE;
			goto done;
		}
	int64_t ctime = driver_creation_time(cd, o->creation_time);
	for (size_t li = 0; li < n_langs; li++) {
		for (size_t ci = 0; ci < n_copies; ci++) {
			unsigned char *pdf = NULL;
			size_t pdf_len = 0;
			char path[4096];
			output_path(cd, o, langs[li], copies[ci], path, sizeof path);
			/* a document sent to standard output is not followed there
			 * by its name */
			bool report = o->report && !outfile_is_fd(path, fileno(o->report));
			if (!driver_render_one(env, cd, langs[li], copies[ci], ctime, o->pdfa, &pdf, &pdf_len,
			    err, sizeof err)) {
				fprintf(msg, "%s: error: cannot render %s: %s\n", dl.file, path, err);
				st = SPC_INVALID;
				continue;
			}
			if (!outfile_write(path, pdf, pdf_len, output_flags(o), err, sizeof err)) {
				bool exists = errno == EEXIST;
				fprintf(msg, "%s: error: %s\n", dl.file, err);
				if (exists)
					fprintf(msg, "      = hint: use --force to replace it\n");
				st = SPC_INVALID;
			} else if (report) {
				fprintf(o->report, "%s\n", path);
			}
			free(pdf);
		}
	}
done:
	diag_list_free(&dl);
	free(src);
	arena_free(&a);
	return st;
}

/* ----- spcomm i18n ----- */

enum spc_status
spc_i18n(struct spc_env *env, const char *what, FILE *out, FILE *err)
{
	if (strcmp(what, "check") == 0) {
		/* the catalogs are checked against every form's keys */
		if (!driver_load_forms(env, err))
			return SPC_USAGE;
		long n = i18n_check(driver_data_dir(env), driver_forms(env), out, err);
		return n < 0 ? SPC_USAGE : n > 0 ? SPC_INVALID : SPC_OK;
	}
	if (strcmp(what, "status") == 0)
		return i18n_status(driver_data_dir(env), out, err) ? SPC_OK : SPC_USAGE;
	fprintf(err, "spcomm: i18n takes 'check' or 'status', not '%s'\n", what);
	return SPC_USAGE;
}

enum spc_status
spc_i18n_cases(struct spc_env *env, const char *const *files, size_t n_files,
    const char *const *langs, size_t n_langs, const char *const *translations,
    size_t n_translations, FILE *out, const struct spc_print *pr)
{
	enum spc_status status = SPC_OK;
	if (n_langs == 0) {
		langs = intl_langs;
		n_langs = INTL_N_LANGS;
	}
	for (size_t i = 0; i < n_files; i++) {
		struct arena a = { 0 };
		struct diag_list dl;
		struct po_set set = { 0 };
		char *src = NULL;
		diag_list_init(&dl, files[i]);
		struct case_data *cd = driver_load_case_tr(env, files[i], translations, n_translations,
		    &set, &a, &dl, &src);
		/* a translation file's errors are printed; its stale entries
		 * are listed below */
		diag_sort(&dl);
		if (cd == NULL || dl.n_errors > 0) {
			print_diags(&dl, pr);
			status = SPC_INVALID;
		}
		if (cd != NULL)
			i18n_case_status(cd, langs, n_langs, &set, out);
		diag_list_free(&dl);
		free(src);
		arena_free(&a);
	}
	return status;
}

enum spc_status
spc_i18n_export(struct spc_env *env, const char *lang, const char *out_file, bool force,
    int64_t creation_time, FILE *err)
{
	char *po = NULL, why[600];
	size_t po_len = 0;
	struct i18n_export_stats st;
	if (!i18n_export(driver_data_dir(env), lang, creation_time, SPCOMM_VERSION, &po, &po_len, &st,
	    err))
		return SPC_USAGE;
	const char *path = out_file ? out_file : "/dev/stdout";
	enum spc_status status = SPC_OK;
	if (!outfile_write(path, po, po_len, OUTFILE_STREAMS | (force ? OUTFILE_FORCE : 0u), why,
	    sizeof why)) {
		fprintf(err, "spcomm: %s: %s%s\n", path, why, errno == EEXIST
		    ? " (use --force to replace it)" : "");
		status = SPC_INVALID;
	} else {
		fprintf(err, "spcomm: locale/%s.yaml: %zu keys, %zu translated%s%s\n", lang,
		    st.entries, st.translated, out_file ? ", to " : "", out_file ? out_file : "");
	}
	free(po);
	return status;
}

enum spc_status
spc_i18n_import(struct spc_env *env, const char *po_file, FILE *out, FILE *err)
{
	struct i18n_import_stats st;
	return i18n_import(driver_data_dir(env), po_file, &st, out, err) > 0 ? SPC_INVALID : SPC_OK;
}

enum spc_status
spc_i18n_extract(struct spc_env *env, const char *file, const char *lang,
    const struct spc_extract_options *o, const struct spc_print *pr)
{
	struct arena a = { 0 };
	struct diag_list dl;
	struct po_set set = { 0 };
	char *src = NULL, *po = NULL, err[600];
	size_t po_len = 0;
	enum spc_status st = SPC_OK;
	diag_list_init(&dl, file);
	struct case_data *cd = driver_load_case_tr(env, file, o->translations, o->n_translations, &set,
	    &a, &dl, &src);
	diag_sort(&dl);
	print_diags(&dl, pr);
	if (cd == NULL || dl.n_errors > 0) {
		st = SPC_INVALID;
		goto done;
	}
	struct catalog *cat = driver_catalog(env, lang, msg_fp(pr));
	if (cat == NULL) {
		fprintf(msg_fp(pr), "spcomm: no catalog for language '%s' in %s/locale\n", lang,
		    driver_data_dir(env));
		st = SPC_USAGE;
		goto done;
	}
	struct po_extract_stats stats;
	if (!po_extract(cd, lang, cat, &set, SPCOMM_VERSION, &po, &po_len, &stats, err,
	    sizeof err)) {
		fprintf(msg_fp(pr), "%s: error: %s\n", file, err);
		st = SPC_USAGE;
		goto done;
	}
	const char *path = o->out_file ? o->out_file : "/dev/stdout";
	unsigned flags = OUTFILE_STREAMS | (o->force ? OUTFILE_FORCE : 0u);
	if (!outfile_write(path, po, po_len, flags, err, sizeof err)) {
		bool exists = errno == EEXIST;
		fprintf(msg_fp(pr), "%s: error: %s\n", file, err);
		if (exists)
			fprintf(msg_fp(pr), "      = hint: use --force to replace it\n");
		st = SPC_INVALID;
		goto done;
	}
	fprintf(msg_fp(pr), "%s: %zu texts for %s, %zu translated", o->out_file ? o->out_file
	    : file, stats.entries, lang, stats.translated);
	if (stats.withheld > 0)
		fprintf(msg_fp(pr), "; %zu left out: they name someone the Government copy may not "
		    "name, so they stay with you (translate them in the case file)", stats.withheld);
	fputc('\n', msg_fp(pr));
done:
	free(po);
	diag_list_free(&dl);
	free(src);
	arena_free(&a);
	return st;
}

/* ----- spcomm package ----- */

/* A mailbox limit common among the OHCHR's correspondents (Outlook.com
 * takes 20 MB; Gmail 25 MB): above it a warning. */
#define PACKAGE_WARN_BYTES (20u * 1000u * 1000u)

/* The whole of a file, malloc'd; NULL with the reason in err. */
static unsigned char *
read_whole(const char *path, size_t *len, char *err, size_t errlen)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf = NULL;
	size_t n = 0, cap = 0;
	if (f == NULL) {
		snprintf(err, errlen, "cannot read %s: %s", path, strerror(errno));
		return NULL;
	}
	for (;;) {
		if (n == cap) {
			cap = cap ? cap * 2 : 65536;
			unsigned char *t = realloc(buf, cap);
			if (t == NULL) {
				free(buf);
				fclose(f);
				snprintf(err, errlen, "out of memory reading %s", path);
				return NULL;
			}
			buf = t;
		}
		size_t got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	bool bad = ferror(f) != 0;
	fclose(f);
	if (bad) {
		free(buf);
		snprintf(err, errlen, "cannot read %s", path);
		return NULL;
	}
	*len = n;
	return buf;
}

/* The MIME type of an annex by its file name's extension. */
static void
annex_type(const char *name, const char **type, const char **subtype)
{
	static const struct { const char *ext, *type, *sub; } types[] = {
		{ ".pdf", "application", "pdf" }, { ".jpg", "image", "jpeg" },
		{ ".jpeg", "image", "jpeg" }, { ".png", "image", "png" },
		{ ".txt", "text", "plain" }, { ".mp4", "video", "mp4" },
		{ ".docx", "application",
		  "vnd.openxmlformats-officedocument.wordprocessingml.document" },
	};
	const char *dot = strrchr(name, '.');
	*type = "application";
	*subtype = "octet-stream";
	for (size_t i = 0; dot && i < sizeof types / sizeof types[0]; i++)
		if (strcasecmp(dot, types[i].ext) == 0) {
			*type = types[i].type;
			*subtype = types[i].sub;
		}
}

static const char *
base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

/* To: the addresses of the mandates addressed (the case's `addressees`,
 * or the form's fixed ones), each once.  Into to[], at most max. */
static size_t
package_to(struct spc_env *env, const struct case_data *cd, const char **to, size_t max)
{
	const struct cval *ad = case_get(cd->root, "addressees");
	const struct form *fm = cd->form;
	size_t n = ad ? ad->n_kids : fm->n_addressees_fixed, k = 0;
	for (size_t i = 0; i < n; i++) {
		const struct mandate *m = form_mandate(driver_forms(env),
		    ad ? ad->kids[i]->text : fm->addressees_fixed[i]);
		if (m == NULL || m->email == NULL)
			continue;
		bool dup = false;
		for (size_t j = 0; j < k; j++)
			dup |= strcmp(to[j], m->email) == 0;
		if (!dup && k < max)
			to[k++] = m->email;
	}
	return k;
}

/* The subject OHCHR asks for: the parts the form's `subject:` gives (the
 * kind of communication, an urgent procedure first), the States, the case
 * id. */
static const char *
package_subject(struct catalog *cat, struct arena *a, const struct layout_summary *sm)
{
	const char *parts[LAYOUT_SUBJECT_PARTS + 2];
	size_t n = 0;
	for (size_t i = 0; i < sm->n_subject; i++)
		parts[n++] = sm->subject[i];
	if (sm->states)
		parts[n++] = sm->states;
	parts[n++] = sm->case_id;
	const char *sep = catalog_text(cat, a, "package.subject_separator");
	char *s = arena_printf(a, "%s", parts[0]);
	for (size_t i = 1; i < n; i++)
		s = arena_printf(a, "%s%s%s", s, sep, parts[i]);
	return s;
}

/* A value on its own lines: each line after the first indented, so that
 * a place written on several lines stays under its label. */
static const char *
indented(struct arena *a, const char *v)
{
	char *out = arena_printf(a, "%s", "");
	for (const char *nl; (nl = strchr(v, '\n')) != NULL; v = nl + 1)
		out = arena_printf(a, "%s%.*s\n  ", out, (int)(nl - v), v);
	return arena_printf(a, "%s%s", out, v);
}

/* The plain-text body: the summary, the action requested (the case's
 * words, else the kind of communication), then the attachments with their
 * sizes and SHA-256. */
static const char *
package_body(struct catalog *cat, struct arena *a, const struct layout_summary *sm,
    const struct package_part *parts, size_t n_parts)
{
	static const char *const keys[4] = { "doc.summary.who", "doc.summary.what",
		"doc.summary.where", "doc.summary.when" };
	const char *intro[2] = { sm->title, sm->case_id };
	char *b = arena_printf(a, "%s\n\n", catalog_format(cat, a, "package.body.intro", 2, intro));
	for (int i = 0; i < 4; i++)
		if (sm->line[i] && *sm->line[i])
		{
			const char *args[2] = { catalog_text(cat, a, keys[i]), indented(a, sm->line[i]) };
			b = arena_printf(a, "%s%s\n", b, catalog_format(cat, a, "package.body.line", 2,
			    args));
		}
	const char *kind[1] = { sm->action ? sm->action : sm->kind };
	b = arena_printf(a, "%s%s\n\n%s\n", b, catalog_format(cat, a, "package.body.action", 1, kind),
	    catalog_text(cat, a, "package.body.attachments"));
	for (size_t i = 0; i < n_parts; i++) {
		struct sha256 s;
		char hex[65];
		sha256_init(&s);
		sha256_update(&s, parts[i].data, parts[i].len);
		sha256_hex(&s, hex);
		const char *args[3] = { parts[i].name,
			catalog_format_count(cat, a, "doc.bytes", (long)parts[i].len), hex };
		b = arena_printf(a, "%s- %s\n", b, catalog_format(cat, a, "package.body.attachment", 3,
		    args));
	}
	return b;
}

/* The draft of a valid case in lang around pdf, its full copy already
 * rendered (the same bytes `spcomm render` writes): *eml malloc'd; the
 * warnings (no To:, no From:, a message above 20 MB that would be written
 * to path) to warn.  False with the reason in err. */
static bool
package_draft(struct spc_env *env, const struct case_data *cd, const char *lang, int64_t ctime,
    const unsigned char *pdf, size_t pdf_len, const char *path, char **eml, size_t *eml_len,
    FILE *warn, char *err, size_t errlen)
{
	struct catalog *cat = driver_catalog(env, lang, NULL);
	if (cat == NULL) {
		snprintf(err, errlen, "no catalog for language '%s'", lang);
		return false;
	}
	struct arena a = { 0 };
	struct package_part parts[1 + 64];
	size_t n_parts = 0;
	unsigned char *annex[64] = { 0 };
	bool ok = false;
	char name[4096];
	driver_document_path(name, sizeof name, NULL, cd->id, lang, SPC_COPY_FULL, "pdf");
	parts[n_parts++] = (struct package_part){ arena_strdup(&a, name), "application", "pdf", pdf,
		pdf_len };
	const struct cval *at = case_get(cd->root, "attachments");
	for (size_t i = 0; at != NULL && i < at->n_kids; i++) {
		const struct cval *file = case_get(at->kids[i], "file");
		if (file == NULL)
			continue;
		if (n_parts == sizeof parts / sizeof parts[0]) {
			snprintf(err, errlen, "more than 64 annexes");
			goto done;
		}
		const char *fp = file->text[0] == '/' ? file->text
		    : arena_printf(&a, "%s/%s", cd->dir, file->text);
		size_t len = 0;
		unsigned char *data = read_whole(fp, &len, err, errlen);
		if (data == NULL)
			goto done;
		annex[n_parts - 1] = data;
		struct package_part *p = &parts[n_parts++];
		*p = (struct package_part){ base_name(file->text), NULL, NULL, data, len };
		annex_type(p->name, &p->type, &p->subtype);
	}
	struct layout_options lo = { .lang = lang, .copy = COPY_FULL, .cat = cat,
		.countries = driver_countries(env), .creation_time = ctime };
	struct layout_summary sm;
	layout_summary(cd, driver_forms(env), &lo, &a, &sm);
	const char *to[16];
	size_t n_to = package_to(env, cd, to, sizeof to / sizeof to[0]);
	const struct cval *feared = case_path(cd->root, "reprisal_concern.feared");
	const char *cc[1] = { driver_forms(env)->reprisals.email };
	size_t n_cc = feared && feared->flag && cc[0] != NULL;
	const struct cval *from = case_path(cd->root, "submitter.email");
	struct package_message m = {
		.from = from ? from->text : NULL, .to = to, .n_to = n_to, .cc = cc, .n_cc = n_cc,
		.subject = package_subject(cat, &a, &sm),
		.body = package_body(cat, &a, &sm, parts, n_parts), .date = ctime,
		.parts = parts, .n_parts = n_parts,
	};
	if (!mime_package_build(&m, eml, eml_len, err, errlen))
		goto done;
	if (n_to == 0)
		fprintf(warn, "%s: warning: no mandate address for To:; fill it in before sending\n",
		    cd->file);
	if (from == NULL)
		fprintf(warn, "%s: warning: the submitter has no e-mail: From: is left empty\n",
		    cd->file);
	if (*eml_len > PACKAGE_WARN_BYTES)
		fprintf(warn, "%s: warning: %s is %zu bytes, above 20 MB (%u bytes), a common "
		    "mailbox limit: send the largest annexes another way\n", cd->file, path,
		    *eml_len, PACKAGE_WARN_BYTES);
	ok = true;
done:
	for (size_t i = 0; i < sizeof annex / sizeof annex[0]; i++)
		free(annex[i]);
	arena_free(&a);
	return ok;
}

bool
driver_package_draft(struct spc_env *env, const struct case_data *cd, const char *lang,
    int64_t ctime, const unsigned char *pdf, size_t pdf_len, const char *path, char **eml,
    size_t *eml_len, FILE *warn, char *err, size_t errlen)
{
	return package_draft(env, cd, lang, ctime, pdf, pdf_len, path, eml, eml_len, warn, err,
	    errlen);
}

/* One draft of a valid case in lang, to path; false with the reason
 * printed. */
static bool
package_one(struct spc_env *env, const struct case_data *cd, const char *lang,
    const struct spc_package_options *o, const char *path, FILE *msg)
{
	char err[600];
	int64_t ctime = driver_creation_time(cd, o->creation_time);
	unsigned char *pdf = NULL;
	size_t pdf_len = 0;
	char *eml = NULL;
	size_t eml_len = 0;
	bool ok = false;
	if (driver_catalog(env, lang, msg) == NULL) {
		fprintf(msg, "%s: error: no usable catalog for language '%s'\n", cd->file, lang);
		return false;
	}
	/* the full copy, as `spcomm render` writes it (with --pdfa, as
	 * `render --pdfa` does) */
	if (!driver_render_one(env, cd, lang, SPC_COPY_FULL, ctime, o->pdfa, &pdf, &pdf_len, err,
	    sizeof err)) {
		fprintf(msg, "%s: error: cannot render the %s copy: %s\n", cd->file, lang, err);
		goto done;
	}
	if (!package_draft(env, cd, lang, ctime, pdf, pdf_len, path, &eml, &eml_len, msg, err,
	    sizeof err)) {
		fprintf(msg, "%s: error: %s\n", cd->file, err);
		goto done;
	}
	unsigned flags = o->force ? OUTFILE_FORCE : 0u;
	if (!outfile_write(path, eml, eml_len, flags, err, sizeof err)) {
		bool exists = errno == EEXIST;
		fprintf(msg, "%s: error: %s\n", cd->file, err);
		if (exists)
			fprintf(msg, "      = hint: use --force to replace it\n");
		goto done;
	}
	if (o->report)
		fprintf(o->report, "%s\n", path);
	ok = true;
done:
	free(eml);
	free(pdf);
	return ok;
}

enum spc_status
spc_package(struct spc_env *env, const char *const *files, size_t n_files,
    const struct spc_package_options *o, const struct spc_print *pr)
{
	FILE *msg = msg_fp(pr);
	const char *dir = o->out_dir ? o->out_dir : ".";
	char err[4200] = "";
	if (!outfile_check_dir(dir, err, sizeof err) || !driver_fonts_present(env, msg) ||
	    (o->pdfa && !driver_prepare_pdfa(env, msg)) || !driver_load_mime(msg)) {
		if (*err)
			fprintf(msg, "spcomm: %s\n", err);
		return SPC_USAGE;
	}
	enum spc_status st = SPC_OK;
	for (size_t i = 0; i < n_files; i++) {
		struct arena a = { 0 };
		struct diag_list dl;
		char *src = NULL;
		diag_list_init(&dl, files[i]);
		struct case_data *cd = driver_load_case(env, files[i], &a, &dl, &src);
		diag_sort(&dl);
		print_diags(&dl, pr);
		if (cd == NULL || dl.n_errors > 0) {
			st = SPC_INVALID;
		} else {
			const char *own[1] = { cd->language };
			const char *const *langs = o->n_langs ? o->langs : own;
			size_t n_langs = o->n_langs ? o->n_langs : 1;
			for (size_t li = 0; li < n_langs; li++) {
				char path[4096];
				driver_document_path(path, sizeof path, dir, cd->id, langs[li],
				    SPC_COPY_FULL, "eml");
				if (!package_one(env, cd, langs[li], o, path, msg))
					st = SPC_INVALID;
			}
		}
		diag_list_free(&dl);
		free(src);
		arena_free(&a);
	}
	return st;
}

/* ----- spcomm forms ----- */

static const char *
cond_text(struct arena *a, const struct cond *c)
{
	if (c == NULL)
		return "";
	char *s;
	switch (c->kind) {
	case COND_TRUE:
		return "always";
	case COND_IS:
		return arena_printf(a, "%s is %s", c->path, c->values[0]);
	case COND_IN:
	case COND_NOT_IN:
		s = arena_printf(a, "%s %s ", c->path, c->kind == COND_IN ? "is one of" : "is none of");
		for (size_t i = 0; i < c->n_values; i++)
			s = arena_printf(a, "%s%s%s", s, i ? ", " : "", c->values[i]);
		return s;
	case COND_PRESENT:
		return arena_printf(a, "%s is %s", c->path, c->present ? "given" : "not given");
	case COND_ALL:
	case COND_ANY:
		s = arena_alloc(a, 1);
		for (size_t i = 0; i < c->n_subs; i++)
			s = arena_printf(a, "%s%s%s", s, i ? (c->kind == COND_ALL ? " and " : " or ") : "",
			    cond_text(a, c->subs[i]));
		return s;
	case COND_NOT:
		return arena_printf(a, "not (%s)", c->n_subs ? cond_text(a, c->subs[0]) : "");
	case COND_RECENT:
		return c->months > 0
		    ? arena_printf(a, "%s is at most %d months before the submission", c->path, c->months)
		    : arena_printf(a, "%s is at most %d days before the submission", c->path, c->days);
	case COND_EVERY:
	case COND_SOME:
		return arena_printf(a, "%s item of %s has %s", c->kind == COND_EVERY ? "every" : "some",
		    c->path, c->n_subs ? cond_text(a, c->subs[0]) : "");
	}
	return "";
}

static const char *
type_text(struct arena *a, const struct form_field *f)
{
	if (f->type == FT_LIST) {
		const char *it = f->item->block ? f->item->block : form_type_name(f->item->type);
		return f->min_items ? arena_printf(a, "list of %s, at least %zu", it, f->min_items)
		    : arena_printf(a, "list of %s", it);
	}
	if (f->block)
		return f->block;
	if (f->type == FT_ENUM) {
		char *s = arena_printf(a, "one of ");
		for (size_t i = 0; i < f->n_values; i++)
			s = arena_printf(a, "%s%s%s", s, i ? ", " : "", f->values[i]);
		return s;
	}
	return form_type_name(f->type);
}

static void
describe(struct spc_env *env, struct arena *a, const struct form_field *f, const char *path,
    enum disclosure parent, bool md, FILE *out, int depth)
{
	if (depth > 8)
		return;
	for (size_t i = 0; i < f->n_fields; i++) {
		const struct form_field *m = f->fields[i];
		const char *p = *path ? arena_printf(a, "%s.%s", path, m->name) : m->name;
		enum disclosure cls = form_effective_class(m, parent);
		/* a list holds its items: their class, which a block may narrow
		 * (a list of witnesses, each SRC) */
		if (m->type == FT_LIST)
			cls = form_effective_class(m->item, cls);
		const char *req = m->required
		    ? (m->required->kind == COND_TRUE ? "required" : arena_printf(a, "required if %s",
		    cond_text(a, m->required)))
		    : m->recommended ? (m->recommended->kind == COND_TRUE ? "recommended"
		    : arena_printf(a, "recommended if %s", cond_text(a, m->recommended)))
		    : "optional";
		char key[300];
		snprintf(key, sizeof key, "%s.help", m->label_key);
		const char *help = catalog_pattern(driver_catalog(env, "en", NULL), key);
		const char *label = catalog_pattern(driver_catalog(env, "en", NULL), m->label_key);
		const char *type = type_text(a, m);
		if (m->translatable)
			type = arena_printf(a, "%s (translatable)", type);
		if (md)
			fprintf(out, "| `%s` | %s | %s | %s | %s |\n", p, type, req,
			    form_class_name(cls), help ? help : label ? label : "");
		else
			fprintf(out, "%-44s %-10s %s, %s\n%*s%s\n", p, form_class_name(cls), type,
			    req, 4, "", help ? help : label ? label : "");
		const struct form_field *sub = m->type == FT_LIST ? m->item : m;
		if (sub->n_fields > 0)
			describe(env, a, sub, m->type == FT_LIST ? arena_printf(a, "%s[]", p) : p,
			    cls, md, out, depth + 1);
	}
}

enum spc_status
spc_forms(struct spc_env *env, const char *key, bool md, FILE *out, FILE *err)
{
	const struct catalog *en = driver_catalog(env, "en", NULL);
	if (key == NULL) {
		if (!driver_load_forms(env, err))
			return SPC_USAGE;
		const struct form_set *fs = driver_forms(env);
		for (size_t i = 0; i < fs->n_forms; i++) {
			const struct form *f = fs->forms[i];
			const char *t = catalog_pattern(en, f->title_key);
			fprintf(out, "%-12s %s\n", f->key, t ? t : f->title_key);
		}
		return SPC_OK;
	}
	const struct form *f = driver_form(env, key, err);
	if (f == NULL)
		return SPC_USAGE;
	struct arena a = { 0 };
	const char *t = catalog_pattern(en, f->title_key);
	if (md) {
		fprintf(out, "# Form `%s`: %s\n\n", f->key, t ? t : "");
		fprintf(out, "Generated by `spcomm forms --markdown %s` from `forms/%s.yaml`; "
		    "do not edit.\n\n", f->key, f->key);
		fprintf(out, "| field | type | required | class | what the UN needs |\n");
		fprintf(out, "| --- | --- | --- | --- | --- |\n");
	} else {
		fprintf(out, "%s: %s\n\n", f->key, t ? t : "");
	}
	describe(env, &a, f->root, "", CLASS_PUB, md, out, 0);
	if (f->n_rules > 0) {
		fprintf(out, md ? "\n## Rules\n\n" : "\nRules:\n");
		for (size_t i = 0; i < f->n_rules; i++)
			fprintf(out, "%s%s\n", md ? "- " : "  ", f->rules[i].message);
	}
	arena_free(&a);
	return SPC_OK;
}

/* ----- spcomm forms --json-schema ----- */

#include "schema.h"

/* The form of key and the catalog of lang (NULL: en) for `new` and the
 * schema; NULL after saying why on err. */
static const struct form *
form_and_catalog(struct spc_env *env, const char *key, const char *lang, struct catalog **cat,
    FILE *err)
{
	const struct form *f = driver_form(env, key, err);
	if (f == NULL)
		return NULL;
	if (lang == NULL)
		lang = "en";
	/* driver_catalog says why a catalog that exists cannot be loaded; a
	 * language without one is refused here */
	*cat = spc_output_lang(lang) ? driver_catalog(env, lang, err) : NULL;
	if (*cat == NULL) {
		fprintf(err, "spcomm: no catalog for language '%s' in %s/locale\n", lang,
		    driver_data_dir(env));
		return NULL;
	}
	return f;
}

enum spc_status
spc_forms_schema(struct spc_env *env, const char *form, const char *lang, FILE *out, FILE *err)
{
	struct catalog *cat;
	const struct form *f = form_and_catalog(env, form, lang, &cat, err);
	if (f == NULL)
		return SPC_USAGE;
	if (!schema_write(f, driver_forms(env), cat, driver_countries(env), out)) {
		fprintf(err, "spcomm: error writing the schema: %s\n", strerror(errno));
		return SPC_USAGE;
	}
	return SPC_OK;
}

/*
 * The schema reference of a case of form in lang, for the modeline of
 * `spcomm new` (docs/case-format.md, "Editors"): the absolute path of
 * schema/<form>.<lang>.json in the data directory (installed:
 * share/spcomm/schema), or, for the build tree's executable reading the
 * source tree, in the build tree.  A path with blanks becomes a file:
 * URI, since the modeline ends at a blank.  NULL when neither exists.
 */
static const char *
schema_ref(struct spc_env *env, struct arena *a, const char *form, const char *lang)
{
	const char *dirs[2] = { arena_printf(a, "%s/schema", driver_data_dir(env)), NULL };
	char real[PATH_MAX], src[PATH_MAX];
	/* the source tree however it was named (--data-dir . from the checkout) */
	if (*SPCOMM_BUILD_SCHEMA_DIR && (strcmp(driver_data_dir(env), SPCOMM_SOURCE_DATA_DIR) == 0 ||
	    (realpath(driver_data_dir(env), real) != NULL && realpath(SPCOMM_SOURCE_DATA_DIR, src) != NULL &&
	    strcmp(real, src) == 0)))
		dirs[1] = SPCOMM_BUILD_SCHEMA_DIR;
	for (size_t i = 0; i < 2; i++) {
		if (dirs[i] == NULL || realpath(arena_printf(a, "%s/%s.%s.json", dirs[i], form, lang),
		    real) == NULL)
			continue;
		if (strpbrk(real, " \t%#") == NULL)
			return arena_strdup(a, real);
		char *uri = arena_printf(a, "file://");
		for (const char *p = real; *p; p++)
			uri = strchr(" \t%#", *p) ? arena_printf(a, "%s%%%02X", uri, (unsigned char)*p)
			    : arena_printf(a, "%s%c", uri, *p);
		return uri;
	}
	return NULL;
}

/* ----- spcomm new ----- */

#include "template.h"

enum spc_status
spc_new(struct spc_env *env, const char *form, const char *lang, FILE *out, FILE *err)
{
	struct catalog *cat;
	const struct form *f = form_and_catalog(env, form, lang, &cat, err);
	if (f == NULL)
		return SPC_USAGE;
	/* first line: the schema for editors (yaml-language-server reads
	 * the modeline among the comments that open the file); without an
	 * installed or built one, where to write it */
	struct arena a = { 0 };
	const char *l = catalog_lang(cat);
	const char *ref = schema_ref(env, &a, f->key, l);
	if (ref)
		fprintf(out, "# yaml-language-server: $schema=%s\n", ref);
	else
		fprintf(out, "# yaml-language-server: $schema=%s.%s.json\n"
		    "# (write it beside this file: spcomm forms --json-schema %s -l %s > %s.%s.json)\n",
		    f->key, l, f->key, l, f->key, l);
	arena_free(&a);
	if (!template_write(f, driver_forms(env), cat, out)) {
		fprintf(err, "spcomm: error writing the template: %s\n", strerror(errno));
		return SPC_USAGE;
	}
	return SPC_OK;
}
