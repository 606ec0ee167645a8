/*
 * spcomm.c - the driver behind spcomm.h: one case file through the
 * phases (read -> ytree -> validate -> layout -> pdf -> outfile), and the
 * form descriptions of `spcomm forms`.
 */
#include "spcomm.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "arena.h"
#include "batch.h"
#include "case.h"
#include "catalog.h"
#include "countries.h"
#include "coverage.h"
#include "diag.h"
#include "driver.h"
#include "fonts.h"
#include "form.h"
#include "i18n.h"
#include "intl.h"
#include "layout.h"
#include "outfile.h"
#include "package.h"
#include "pdf.h"
#include "po.h"
#include "sha256.h"
#include "text.h"
#include "validate.h"
#include "ytree.h"

/* forms/ and locale/ relative to the directory of the executable, as
 * installed (../share/spcomm); the source tree, for the executable the
 * build tree holds (CMakeLists.txt defines all three) */
#ifndef SPCOMM_DATA_REL
#define SPCOMM_DATA_REL "../share/spcomm"
#endif
#ifndef SPCOMM_SOURCE_DATA_DIR
#define SPCOMM_SOURCE_DATA_DIR "."
#endif
#ifndef SPCOMM_BUILD_EXE_DIR
#define SPCOMM_BUILD_EXE_DIR ""
#endif
#ifndef SPCOMM_VERSION
#define SPCOMM_VERSION "0"
#endif
/* the JSON Schemas the build writes, for the executable of the build tree
 * (installed ones are in <data dir>/schema) */
#ifndef SPCOMM_BUILD_SCHEMA_DIR
#define SPCOMM_BUILD_SCHEMA_DIR ""
#endif

static const char *const output_langs[] = { "en", "fr", "es", "ru", "zh", "ar" };
#define N_LANGS (sizeof output_langs / sizeof output_langs[0])

struct spc_env {
	char *data_dir;
	char *font_dir;
	struct form_set *forms;
	struct catalog *catalogs[N_LANGS];
	struct countries *countries;
	/* measuring fonts, loaded once per rendering thread (pdf.h) */
	struct pdf_pool *fonts;
	/* the sRGB profile PDF/A documents embed: read before the first
	 * PDF/A document (env_load_icc), then only read */
	unsigned char *icc;
	size_t icc_len;
	/* What the fonts can draw, read when a first case has a non-ASCII
	 * character (ASCII they all draw); NULL if the fonts cannot be read
	 * (then rendering fails with the reason, and checking skips the
	 * test).  Batch workers validate in parallel, hence the lock. */
	pthread_mutex_t drawable_lock;
	bool drawable_tried;
	char drawable_why[512];         /* why the fonts cannot be read */
	struct coverage *coverage;
	struct drawable drawable;
};

const char *
spc_version(void)
{
	return SPCOMM_VERSION;
}

bool
spc_output_lang(const char *lang)
{
	for (size_t i = 0; i < N_LANGS; i++)
		if (strcmp(lang, output_langs[i]) == 0)
			return true;
	return false;
}

static size_t
lang_index(const char *lang)
{
	for (size_t i = 0; i < N_LANGS; i++)
		if (strcmp(lang, output_langs[i]) == 0)
			return i;
	return N_LANGS;
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

/* "-" is standard input (ytree_read_file); diagnostics call it so, as
 * gcc does. */
static bool
is_stdin(const char *file)
{
	return strcmp(file, "-") == 0;
}

static const char *
shown_name(const char *file)
{
	return is_stdin(file) ? "<stdin>" : file;
}

/* Load a catalog once; NULL (with the reason printed) if it is missing
 * or broken. */
static struct catalog *
env_catalog(struct spc_env *env, const char *lang, FILE *err)
{
	size_t i = lang_index(lang);
	if (i == N_LANGS)
		return NULL;
	if (env->catalogs[i] == NULL) {
		char dir[4096];
		struct diag_list dl;
		snprintf(dir, sizeof dir, "%s/locale", env->data_dir);
		diag_list_init(&dl, NULL);
		env->catalogs[i] = catalog_load(dir, lang, &dl);
		for (size_t k = 0; k < dl.n_items && err; k++)
			fprintf(err, "spcomm: %s\n", dl.items[k].message);
		diag_list_free(&dl);
	}
	return env->catalogs[i];
}

/* The data directory when neither --data-dir nor $SPCOMM_DATA_DIR names
 * one, into buf: SPCOMM_DATA_REL from the directory of the running
 * executable (symbolic links resolved), so that an installed, staged,
 * relocated or extracted tree finds its own data with the source tree
 * gone; the source tree for the executable of the build tree, which is
 * never installed there and so never falls back to a checkout.  NULL
 * when the path does not fit in buf. */
static const char *
default_data_dir(char *buf, size_t n)
{
	char exe[PATH_MAX], build[PATH_MAX];
	ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (len <= 0)
		return SPCOMM_SOURCE_DATA_DIR;  /* no /proc: only the build tree's default */
	exe[len] = '\0';
	char *slash = strrchr(exe, '/');
	if (slash == NULL)
		return SPCOMM_SOURCE_DATA_DIR;
	*slash = '\0';
	if (*SPCOMM_BUILD_EXE_DIR && realpath(SPCOMM_BUILD_EXE_DIR, build) != NULL &&
	    strcmp(exe, build) == 0)
		return SPCOMM_SOURCE_DATA_DIR;
	int w = snprintf(buf, n, "%s/%s", exe, SPCOMM_DATA_REL);
	return w > 0 && (size_t)w < n ? buf : NULL;
}

struct spc_env *
spc_env_open(const char *data_dir, const char *font_dir, FILE *err)
{
	char default_dir[PATH_MAX - 64];  /* room for "/forms" in dir below */
	char msg[256];
	if (!intl_init(msg, sizeof msg)) {
		fprintf(err, "spcomm: %s\n", msg);
		return NULL;
	}
	if (data_dir == NULL)
		data_dir = getenv("SPCOMM_DATA_DIR");
	if (data_dir == NULL || *data_dir == '\0')
		data_dir = default_data_dir(default_dir, sizeof default_dir);
	if (data_dir == NULL) {
		fprintf(err, "spcomm: the program's path is too long to find forms/ and locale/ "
		    "beside it; give --data-dir or SPCOMM_DATA_DIR\n");
		return NULL;
	}
	struct spc_env *env = xcalloc(1, sizeof *env);
	env->data_dir = xstrdup(data_dir);
	env->font_dir = font_dir ? xstrdup(font_dir) : NULL;
	env->fonts = pdf_pool_new(font_dir);
	pthread_mutex_init(&env->drawable_lock, NULL);
	char dir[4096];
	snprintf(dir, sizeof dir, "%s/forms", data_dir);
	struct diag_list dl;
	diag_list_init(&dl, NULL);
	env->forms = form_set_load(dir, &dl);
	for (size_t k = 0; k < dl.n_items; k++)
		fprintf(err, "spcomm: %s\n", dl.items[k].message);
	diag_list_free(&dl);
	snprintf(dir, sizeof dir, "%s/locale", data_dir);
	diag_list_init(&dl, NULL);
	env->countries = countries_load(dir, &dl);
	if (env->forms != NULL)
		env->forms->countries = env->countries;
	for (size_t k = 0; k < dl.n_items; k++)
		fprintf(err, "spcomm: %s\n", dl.items[k].message);
	diag_list_free(&dl);
	if (env->forms == NULL || env->countries == NULL || env_catalog(env, "en", err) == NULL) {
		fprintf(err, "spcomm: cannot load the forms and catalogs from %s "
		    "(--data-dir or SPCOMM_DATA_DIR names another directory)\n", data_dir);
		spc_env_close(env);
		return NULL;
	}
	return env;
}

void
spc_env_close(struct spc_env *env)
{
	if (env == NULL)
		return;
	form_set_free(env->forms);
	countries_free(env->countries);
	for (size_t i = 0; i < N_LANGS; i++)
		catalog_free(env->catalogs[i]);
	pdf_pool_free(env->fonts);
	free(env->icc);
	coverage_close(env->coverage);
	pthread_mutex_destroy(&env->drawable_lock);
	free(env->data_dir);
	free(env->font_dir);
	free(env);
}

/* The characters the fonts draw (read once), or NULL if the fonts
 * cannot be read. */
static const struct drawable *
env_coverage(struct spc_env *env)
{
	pthread_mutex_lock(&env->drawable_lock);
	if (!env->drawable_tried) {
		env->drawable_tried = true;
		env->coverage = coverage_open(env->font_dir, env->drawable_why,
		    sizeof env->drawable_why);
		env->drawable = (struct drawable){ coverage_has, env->coverage };
	}
	pthread_mutex_unlock(&env->drawable_lock);
	return env->coverage != NULL ? &env->drawable : NULL;
}

/* The same for a case of len bytes at src: NULL when all are ASCII,
 * which every font draws. */
static const struct drawable *
env_drawable(struct spc_env *env, const char *src, size_t len)
{
	size_t i = 0;
	while (i < len && (unsigned char)src[i] < 0x80)
		i++;
	return i == len ? NULL : env_coverage(env);
}

/* Read, load and validate one case, then apply its translation files:
 * <case>.<lang>.po beside it, then the n_tr files of tr (po.h).  *src is
 * malloc'd (the caller frees it after printing the diagnostics, which
 * quote it).  set (may be NULL) receives what the files held. */
static struct case_data *
load_case_tr(struct spc_env *env, const char *file, const char *const *tr, size_t n_tr,
    struct po_set *set, struct arena *a, struct diag_list *dl, char **src)
{
	size_t len = 0;
	struct ytree tree = { 0 };
	*src = NULL;
	if (!ytree_read_file(file, src, &len, dl))
		return NULL;
	/* from here on the name diagnostics show; "<stdin>" has no '/', so
	 * its annexes are found from the current directory */
	bool from_stdin = is_stdin(file);
	file = shown_name(file);
	dl->src = *src;
	dl->src_len = len;
	if (!ytree_load(*src, len, a, &tree, dl))
		return NULL;
	const struct drawable *drawable = env_drawable(env, *src, len);
	if (drawable == NULL && env->drawable_tried && env->coverage == NULL)
		diag_add(dl, DIAG_FONTS_UNREADABLE, NULL, NULL, NULL,
		    "characters not checked against the fonts: %s", env->drawable_why);
	struct case_data *cd = validate_case_drawable(env->forms, env->catalogs[0], drawable,
	    &tree, file, a, dl);
	if (cd == NULL || dl->n_errors > 0)
		return cd;
	struct po_set own = { 0 };
	const char *paths[6], *langs[6];
	size_t n = from_stdin ? 0 : po_beside(file, a, paths, langs);
	for (size_t i = 0; i < n + n_tr; i++)
		po_apply_file(cd, i < n ? paths[i] : tr[i - n], i < n ? langs[i] : NULL,
		    env_coverage(env), set ? set : &own, a, dl);
	return cd;
}

static struct case_data *
load_case(struct spc_env *env, const char *file, struct arena *a, struct diag_list *dl,
    char **src)
{
	return load_case_tr(env, file, NULL, 0, NULL, a, dl, src);
}

enum spc_status
spc_check(struct spc_env *env, const char *file, const struct spc_print *pr)
{
	struct arena a = { 0 };
	struct diag_list dl;
	char *src = NULL;
	diag_list_init(&dl, shown_name(file));
	struct case_data *cd = load_case(env, file, &a, &dl, &src);
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

static int64_t
creation_time(const struct case_data *cd, int64_t given)
{
	if (given >= 0)
		return given;
	/* midnight UTC of the case's date: deterministic, no clock */
	struct pdate epoch = { .year = 1970, .month = 1, .day = 1, .precision = 3 };
	return (int64_t)intl_days_between(&epoch, &cd->date) * 86400;
}

static enum copy_kind
copy_kind_of(enum spc_copy c)
{
	return c == SPC_COPY_GOVERNMENT ? COPY_GOVERNMENT : c == SPC_COPY_PUBLIC ? COPY_PUBLIC
	    : COPY_FULL;
}

static const char *
copy_name(enum spc_copy c)
{
	return layout_copy_suffix(copy_kind_of(c));
}

/* Read the ICC profile of PDF/A output intents, once: before any
 * document, so that a missing package stops the run before any work
 * (and batch workers only read it).  False with the reason printed. */
static bool
env_load_icc(struct spc_env *env, FILE *err)
{
	char why[600];
	if (env->icc != NULL)
		return true;
	env->icc = pdf_icc_load(NULL, &env->icc_len, why, sizeof why);
	if (env->icc == NULL) {
		fprintf(err, "spcomm: --pdfa needs an sRGB ICC profile: %s\n", why);
		return false;
	}
	return true;
}

/* Render one document to memory.  The fonts come from the environment's
 * pool: a thread that renders again reuses the faces it loaded before.
 * pdfa needs env_load_icc first. */
static bool
render_one(struct spc_env *env, const struct case_data *cd, const char *lang,
    enum spc_copy copy, int64_t ctime, bool pdfa, unsigned char **pdf, size_t *pdf_len,
    char *err, size_t errlen)
{
	struct catalog *cat = env_catalog(env, lang, NULL);
	if (cat == NULL) {
		snprintf(err, errlen, "no catalog for language '%s' in %s/locale", lang, env->data_dir);
		return false;
	}
	struct pdf_fonts *pf = pdf_pool_take(env->fonts, err, errlen);
	if (pf == NULL)
		return false;
	struct text_ctx *tc = text_ctx_new(pdf_fonts_device(pf));
	struct arena a = { 0 };
	struct layout_options lo = {
		.lang = lang,
		.copy = copy_kind_of(copy),
		.cat = cat,
		.countries = env->countries,
		.creation_time = ctime,
	};
	struct pdf_options po = { .pdfa = pdfa, .icc = env->icc, .icc_len = env->icc_len };
	bool ok = false;
	struct display *d = layout_case(cd, env->forms, &lo, tc, &a, err, errlen);
	/* each page's items freed once drawn: memory for the PDF's pages, not
	 * for the display list's as well (docs/limits.md) */
	po.page_drawn = display_release_page;
	po.page_drawn_ctx = d;
	if (d != NULL)
		ok = pdf_render_opts(pf, d, &po, pdf, pdf_len, err, errlen);
	arena_free(&a);
	text_ctx_free(tc);
	pdf_pool_give(env->fonts, pf);
	return ok;
}

/* ----- the single-case steps, for batch.c (driver.h) ----- */

const char *
driver_copy_id(const struct case_data *cd, enum spc_copy copy, struct arena *a,
    const char *input, bool *input_shown)
{
	if (input_shown)
		*input_shown = true;
	if (copy == SPC_COPY_FULL)
		return cd->id;
	struct copy_gate *g = copy_gate_new(cd, copy_kind_of(copy), a);
	if (input && input_shown)
		*input_shown = copy_text_allowed(g, input, strlen(input));
	return copy_case_id(g);
}

struct case_data *
driver_load_case(struct spc_env *env, const char *file, struct arena *a, struct diag_list *dl,
    char **src)
{
	return load_case(env, file, a, dl, src);
}

bool
driver_render_one(struct spc_env *env, const struct case_data *cd, const char *lang,
    enum spc_copy copy, int64_t ctime, bool pdfa, unsigned char **pdf, size_t *pdf_len,
    char *err, size_t errlen)
{
	return render_one(env, cd, lang, copy, ctime, pdfa, pdf, pdf_len, err, errlen);
}

bool
driver_prepare_pdfa(struct spc_env *env, FILE *err)
{
	return env_load_icc(env, err);
}

bool
driver_preload(struct spc_env *env, const char *lang, FILE *err)
{
	return env_catalog(env, lang, err) != NULL;
}

void
driver_hash_translations(const char *case_file, struct sha256 *s)
{
	struct arena a = { 0 };
	const char *paths[6], *langs[6];
	size_t n = po_beside(case_file, &a, paths, langs);
	for (size_t i = 0; i < n; i++) {
		char hex[65] = "unreadable";
		uint64_t size;
		if (!sha256_file(paths[i], hex, &size))
			hex[10] = '\0';
		sha256_update(s, langs[i], strlen(langs[i]) + 1);
		sha256_update(s, hex, strlen(hex) + 1);
	}
	arena_free(&a);
}

/* Add the *.yaml files of data_dir/sub (names and SHA-256) to s. */
static bool
hash_yaml_dir(struct sha256 *s, const char *data_dir, const char *sub, FILE *err)
{
	char dir[4096], path[4096 + 256], hex[65];
	snprintf(dir, sizeof dir, "%s/%s", data_dir, sub);
	size_t n;
	char **names = ytree_yaml_files(dir, &n);
	if (names == NULL) {
		fprintf(err, "spcomm: cannot read %s: %s\n", dir, strerror(errno));
		return false;
	}
	bool ok = true;
	for (size_t i = 0; i < n; i++) {
		uint64_t size;
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		ok = sha256_file(path, hex, &size);
		if (!ok) {
			fprintf(err, "spcomm: cannot read %s\n", path);
			break;
		}
		/* the name as data_dir holds it ("/forms/wgad.yaml"), and the bytes */
		const char *name = path + strlen(data_dir);
		sha256_update(s, name, strlen(name) + 1);
		sha256_update(s, hex, 64);
	}
	ytree_names_free(names, n);
	return ok;
}

bool
driver_data_sha256(struct spc_env *env, char hex[65], FILE *err)
{
	struct sha256 s;
	sha256_init(&s);
	if (!hash_yaml_dir(&s, env->data_dir, "forms", err) ||
	    !hash_yaml_dir(&s, env->data_dir, "locale", err))
		return false;
	sha256_hex(&s, hex);
	return true;
}

bool
driver_fonts_present(struct spc_env *env, FILE *err)
{
	char why[600];
	if (fonts_all_present(env->font_dir, why, sizeof why))
		return true;
	fprintf(err, "spcomm: %s\n", why);
	return false;
}

int64_t
driver_creation_time(const struct case_data *cd, int64_t given)
{
	return creation_time(cd, given);
}

const char *
driver_copy_suffix(enum spc_copy c)
{
	return copy_name(c);
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
	const char *suffix = copy_name(copy);
	struct arena a = { 0 };
	if (o->out_file)
		snprintf(path, size, "%s", o->out_file);
	else
		snprintf(path, size, "%s/%s.%s%s%s.pdf", o->out_dir ? o->out_dir : ".",
		    driver_copy_id(cd, copy, &a, NULL, NULL), lang, *suffix ? "." : "", suffix);
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
	diag_list_init(&dl, shown_name(file));
	struct case_data *cd = load_case_tr(env, file, o->translations, o->n_translations, NULL,
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
		diag_print_json_redacted(pr->fp, &dl, shown_name(file));
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
	    !driver_fonts_present(env, msg) || (o->pdfa && !env_load_icc(env, msg))) {
		st = SPC_USAGE;
		goto done;
	}
	int64_t ctime = creation_time(cd, o->creation_time);
	for (size_t li = 0; li < n_langs; li++) {
		for (size_t ci = 0; ci < n_copies; ci++) {
			unsigned char *pdf = NULL;
			size_t pdf_len = 0;
			char path[4096];
			output_path(cd, o, langs[li], copies[ci], path, sizeof path);
			/* a document sent to standard output is not followed there
			 * by its name */
			bool report = o->report && !outfile_is_fd(path, fileno(o->report));
			if (!render_one(env, cd, langs[li], copies[ci], ctime, o->pdfa, &pdf, &pdf_len,
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
		long n = i18n_check(env->data_dir, env->forms, out, err);
		return n < 0 ? SPC_USAGE : n > 0 ? SPC_INVALID : SPC_OK;
	}
	if (strcmp(what, "status") == 0)
		return i18n_status(env->data_dir, out, err) ? SPC_OK : SPC_USAGE;
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
		langs = output_langs;
		n_langs = N_LANGS;
	}
	for (size_t i = 0; i < n_files; i++) {
		struct arena a = { 0 };
		struct diag_list dl;
		struct po_set set = { 0 };
		char *src = NULL;
		diag_list_init(&dl, files[i]);
		struct case_data *cd = load_case_tr(env, files[i], translations, n_translations,
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
	struct case_data *cd = load_case_tr(env, file, o->translations, o->n_translations, &set,
	    &a, &dl, &src);
	diag_sort(&dl);
	print_diags(&dl, pr);
	if (cd == NULL || dl.n_errors > 0) {
		st = SPC_INVALID;
		goto done;
	}
	struct catalog *cat = env_catalog(env, lang, msg_fp(pr));
	if (cat == NULL) {
		fprintf(msg_fp(pr), "spcomm: no catalog for language '%s' in %s/locale\n", lang,
		    env->data_dir);
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
		const struct mandate *m = form_mandate(env->forms,
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

/* The subject OHCHR asks for: the kind of communication (URGENT APPEAL
 * first when urgent, the kind not said twice), the States, the case id. */
static const char *
package_subject(struct catalog *cat, struct arena *a, const struct layout_summary *sm)
{
	const char *parts[4];
	size_t n = 0;
	if (sm->urgent)
		parts[n++] = catalog_text(cat, a, "package.subject_urgent");
	if (!sm->kind_is_urgent)
		parts[n++] = sm->kind;
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
	struct catalog *cat = env_catalog(env, lang, NULL);
	if (cat == NULL) {
		snprintf(err, errlen, "no catalog for language '%s'", lang);
		return false;
	}
	struct arena a = { 0 };
	struct package_part parts[1 + 64];
	size_t n_parts = 0;
	unsigned char *annex[64] = { 0 };
	bool ok = false;
	parts[n_parts++] = (struct package_part){ arena_printf(&a, "%s.%s.pdf", cd->id, lang),
		"application", "pdf", pdf, pdf_len };
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
		.countries = env->countries, .creation_time = ctime };
	struct layout_summary sm;
	layout_summary(cd, env->forms, &lo, &a, &sm);
	const char *to[16];
	size_t n_to = package_to(env, cd, to, sizeof to / sizeof to[0]);
	const struct cval *feared = case_path(cd->root, "reprisal_concern.feared");
	const char *cc[1] = { env->forms->reprisals.email };
	size_t n_cc = feared && feared->flag && cc[0] != NULL;
	const struct cval *from = case_path(cd->root, "submitter.email");
	struct package_message m = {
		.from = from ? from->text : NULL, .to = to, .n_to = n_to, .cc = cc, .n_cc = n_cc,
		.subject = package_subject(cat, &a, &sm),
		.body = package_body(cat, &a, &sm, parts, n_parts), .date = ctime,
		.parts = parts, .n_parts = n_parts,
	};
	if (!package_build(&m, eml, eml_len, err, errlen))
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
	int64_t ctime = creation_time(cd, o->creation_time);
	unsigned char *pdf = NULL;
	size_t pdf_len = 0;
	char *eml = NULL;
	size_t eml_len = 0;
	bool ok = false;
	if (env_catalog(env, lang, NULL) == NULL) {
		fprintf(msg, "%s: error: no catalog for language '%s'\n", cd->file, lang);
		return false;
	}
	/* the full copy, as `spcomm render` writes it */
	if (!render_one(env, cd, lang, SPC_COPY_FULL, ctime, false, &pdf, &pdf_len, err,
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
	if (!outfile_check_dir(dir, err, sizeof err) || !driver_fonts_present(env, msg)) {
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
		struct case_data *cd = load_case(env, files[i], &a, &dl, &src);
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
				snprintf(path, sizeof path, "%s/%s.%s.eml", dir, cd->id, langs[li]);
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
		const char *help = catalog_pattern(env->catalogs[0], key);
		const char *label = catalog_pattern(env->catalogs[0], m->label_key);
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
	const struct catalog *en = env->catalogs[0];
	if (key == NULL) {
		for (size_t i = 0; i < env->forms->n_forms; i++) {
			const struct form *f = env->forms->forms[i];
			const char *t = catalog_pattern(en, f->title_key);
			fprintf(out, "%-12s %s\n", f->key, t ? t : f->title_key);
		}
		return SPC_OK;
	}
	const struct form *f = form_find(env->forms, key);
	if (f == NULL) {
		fprintf(err, "spcomm: unknown form '%s'; 'spcomm forms' lists them\n", key);
		return SPC_USAGE;
	}
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
	const struct form *f = form_find(env->forms, key);
	if (f == NULL) {
		fprintf(err, "spcomm: unknown form '%s'; the forms are:", key);
		for (size_t i = 0; i < env->forms->n_forms; i++)
			fprintf(err, " %s", env->forms->forms[i]->key);
		fprintf(err, "\n");
		return NULL;
	}
	if (lang == NULL)
		lang = "en";
	/* env_catalog says why a catalog that exists cannot be loaded; a
	 * language without one is refused here */
	*cat = spc_output_lang(lang) ? env_catalog(env, lang, err) : NULL;
	if (*cat == NULL) {
		fprintf(err, "spcomm: no catalog for language '%s' in %s/locale\n", lang,
		    env->data_dir);
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
	if (!schema_write(f, env->forms, cat, env->countries, out)) {
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
	const char *dirs[2] = { arena_printf(a, "%s/schema", env->data_dir), NULL };
	char real[PATH_MAX], src[PATH_MAX];
	/* the source tree however it was named (--data-dir . from the checkout) */
	if (*SPCOMM_BUILD_SCHEMA_DIR && (strcmp(env->data_dir, SPCOMM_SOURCE_DATA_DIR) == 0 ||
	    (realpath(env->data_dir, real) != NULL && realpath(SPCOMM_SOURCE_DATA_DIR, src) != NULL &&
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
	if (!template_write(f, env->forms, cat, out)) {
		fprintf(err, "spcomm: error writing the template: %s\n", strerror(errno));
		return SPC_USAGE;
	}
	return SPC_OK;
}
