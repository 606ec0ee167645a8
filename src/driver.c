/*
 * driver.c - the environment a run works in (the data directory, its
 * forms and catalogs, the fonts) and the single-case steps every command
 * shares: read, load and validate one case; render one document to
 * memory; name it.  See driver.h.
 */
#include "driver.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catalog.h"
#include "countries.h"
#include "coverage.h"
#include "fonts.h"
#include "form.h"
#include "intl.h"
#include "layout.h"
#include "match.h"
#include "mime.h"
#include "pdf.h"
#include "po.h"
#include "text.h"
#include "validate.h"
#include "ytree.h"
#include "ytree_image.h"

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
#ifndef SPCOMM_BUILD_TREES
#define SPCOMM_BUILD_TREES ""
#endif
#ifndef SPCOMM_TREES_INSTALLED
#define SPCOMM_TREES_INSTALLED ""
#endif
/* The e-mail module (mime.h): relative to the executable's directory as
 * installed (../lib/spcomm/modules/spcomm_mime.so), where it is installed,
 * and the build tree's (CMakeLists.txt defines all three) */
#ifndef SPCOMM_MIME_REL
#define SPCOMM_MIME_REL "../lib/spcomm/modules/spcomm_mime.so"
#endif
#ifndef SPCOMM_MIME_INSTALLED
#define SPCOMM_MIME_INSTALLED "/usr/local/lib/spcomm/modules/spcomm_mime.so"
#endif
#ifndef SPCOMM_BUILD_MIME
#define SPCOMM_BUILD_MIME ""
#endif

struct spc_env {
	char *data_dir;
	char *font_dir;
	struct form_set *forms;
	struct catalog *catalogs[INTL_N_LANGS];
	struct countries *countries;
	/* measuring fonts, loaded once per rendering thread (pdf.h) */
	struct pdf_pool *fonts;
	/* the sRGB profile PDF/A documents embed: read before the first
	 * PDF/A document (driver_prepare_pdfa), then only read */
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

static size_t
lang_index(const char *lang)
{
	for (size_t i = 0; i < INTL_N_LANGS; i++)
		if (strcmp(lang, intl_langs[i]) == 0)
			return i;
	return INTL_N_LANGS;
}

bool
spc_output_lang(const char *lang)
{
	return lang_index(lang) < INTL_N_LANGS;
}

/* "-" is standard input (ytree_read_file); diagnostics call it so, as
 * gcc does. */
static bool
is_stdin(const char *file)
{
	return strcmp(file, "-") == 0;
}

const char *
driver_shown_name(const char *file)
{
	return is_stdin(file) ? "<stdin>" : file;
}

/* Print to err (if not NULL) and free the diagnostics of loading the
 * data directory's files, each naming its file (ytree_load_file). */
static void
print_data_diags(struct diag_list *dl, FILE *err)
{
	if (err != NULL)
		diag_print_text(err, dl, false);
	diag_list_free(dl);
}

struct catalog *
driver_catalog(struct spc_env *env, const char *lang, FILE *err)
{
	size_t i = lang_index(lang);
	if (i == INTL_N_LANGS)
		return NULL;
	if (env->catalogs[i] == NULL) {
		char dir[4096];
		struct diag_list dl;
		snprintf(dir, sizeof dir, "%s/locale", env->data_dir);
		diag_list_init(&dl, NULL);
		env->catalogs[i] = catalog_load(dir, lang, &dl);
		print_data_diags(&dl, err);
	}
	return env->catalogs[i];
}

/* The directory of the running executable, symbolic links resolved, into
 * dir (n bytes); false without /proc or a slash in the path.  *build:
 * whether it is the build tree's (SPCOMM_BUILD_EXE_DIR), which is never
 * installed there and so finds its data and modules in the source and
 * build trees. */
static bool
exe_dir(char *dir, size_t n, bool *build)
{
	char real[PATH_MAX];
	ssize_t len = readlink("/proc/self/exe", dir, n - 1);
	if (len <= 0)
		return false;
	dir[len] = '\0';
	char *slash = strrchr(dir, '/');
	if (slash == NULL)
		return false;
	*slash = '\0';
	*build = *SPCOMM_BUILD_EXE_DIR && realpath(SPCOMM_BUILD_EXE_DIR, real) != NULL &&
	    strcmp(dir, real) == 0;
	return true;
}

/* The data directory when neither --data-dir nor $SPCOMM_DATA_DIR names
 * one, into buf: SPCOMM_DATA_REL from the directory of the running
 * executable, so that an installed, staged, relocated or extracted tree
 * finds its own data with the source tree gone; the source tree for the
 * executable of the build tree (exe_dir), or when there is no /proc.
 * NULL when the path does not fit in buf. */
static const char *
default_data_dir(char *buf, size_t n)
{
	char exe[PATH_MAX];
	bool build = false;
	if (!exe_dir(exe, sizeof exe, &build) || build)
		return SPCOMM_SOURCE_DATA_DIR;
	int w = snprintf(buf, n, "%s/%s", exe, SPCOMM_DATA_REL);
	return w > 0 && (size_t)w < n ? buf : NULL;
}

/* A file installed with the program, into buf: build for the build
 * tree's executable; rel from the executable's directory (the installed
 * tree's own, as the data, wherever the tree was moved); installed where
 * there is no /proc.  NULL when the path does not fit in buf. */
static const char *
own_file(const char *build, const char *rel, const char *installed, char *buf, size_t n)
{
	char exe[PATH_MAX];
	bool in_build = false;
	if (!exe_dir(exe, sizeof exe, &in_build))
		return installed;
	if (in_build)
		return build;
	int w = snprintf(buf, n, "%s/%s", exe, rel);
	return w > 0 && (size_t)w < n ? buf : NULL;
}

/* The image of the data files' trees (ytree_image.h), once per process:
 * $SPCOMM_TREES if set (empty: none), else trees.bin beside the data
 * (own_file). */
static void
use_trees_image(void)
{
	static bool tried;
	if (tried)
		return;
	tried = true;
	char buf[PATH_MAX + 64];
	const char *path = getenv("SPCOMM_TREES");
	if (path == NULL)
		path = own_file(SPCOMM_BUILD_TREES, SPCOMM_DATA_REL "/trees.bin",
		    SPCOMM_TREES_INSTALLED, buf, sizeof buf);
	if (path != NULL && *path != '\0')
		(void)ytree_image_use(path);
}

/* Where the e-mail module is, into buf: $SPCOMM_MIME_MODULE if set, else
 * the program's own (own_file).  NULL when the path does not fit in buf. */
static const char *
mime_path(char *buf, size_t n)
{
	const char *env = getenv("SPCOMM_MIME_MODULE");
	if (env != NULL && *env != '\0')
		return env;
	return own_file(SPCOMM_BUILD_MIME, SPCOMM_MIME_REL, SPCOMM_MIME_INSTALLED, buf, n);
}

bool
driver_load_mime(FILE *err)
{
	char buf[PATH_MAX + 64], why[PATH_MAX + 256];
	const char *path = mime_path(buf, sizeof buf);
	if (path == NULL) {
		fprintf(err, "spcomm: the program's path is too long to find the e-mail module "
		    "beside it; give SPCOMM_MIME_MODULE\n");
		return false;
	}
	if (!mime_load(path, why, sizeof why)) {
		fprintf(err, "spcomm: cannot load the e-mail module %s: %s\n", path, why);
		return false;
	}
	return true;
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
	use_trees_image();
	struct spc_env *env = xcalloc(1, sizeof *env);
	env->data_dir = xstrdup(data_dir);
	env->font_dir = font_dir ? xstrdup(font_dir) : NULL;
	env->fonts = pdf_pool_new(font_dir);
	pthread_mutex_init(&env->drawable_lock, NULL);
	char dir[4096];
	snprintf(dir, sizeof dir, "%s/forms", data_dir);
	struct diag_list dl;
	diag_list_init(&dl, NULL);
	env->forms = form_set_open(dir, &dl);
	print_data_diags(&dl, err);
	snprintf(dir, sizeof dir, "%s/locale", data_dir);
	diag_list_init(&dl, NULL);
	env->countries = countries_load(dir, &dl);
	if (env->forms != NULL)
		env->forms->countries = env->countries;
	print_data_diags(&dl, err);
	if (env->forms == NULL || env->countries == NULL || driver_catalog(env, "en", err) == NULL) {
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
	for (size_t i = 0; i < INTL_N_LANGS; i++)
		catalog_free(env->catalogs[i]);
	pdf_pool_free(env->fonts);
	free(env->icc);
	coverage_close(env->coverage);
	pthread_mutex_destroy(&env->drawable_lock);
	free(env->data_dir);
	free(env->font_dir);
	free(env);
	match_forget();
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

static struct case_data *
load_case(struct spc_env *env, const char *file, const char *const *tr, size_t n_tr,
    struct po_set *set, struct arena *a, struct diag_list *dl, char **src, bool again)
{
	size_t len = 0;
	struct ytree tree = { 0 };
	*src = NULL;
	if (!ytree_read_file(file, src, &len, dl))
		return NULL;
	/* from here on the name diagnostics show; "<stdin>" has no '/', so
	 * its annexes are found from the current directory */
	bool from_stdin = is_stdin(file);
	file = driver_shown_name(file);
	dl->src = *src;
	dl->src_len = len;
	if (!ytree_load(*src, len, a, &tree, dl))
		return NULL;
	/* the form the case names, read now if no case read it before: a
	 * broken form file is this case's error, named in the form's file */
	const struct ynode *fn = tree.root && tree.root->kind == YNODE_MAPPING
	    ? ytree_get(tree.root, "form") : NULL;
	size_t errors = dl->n_errors;
	if (fn != NULL && fn->kind == YNODE_SCALAR && !form_set_add(env->forms, fn->text, dl) &&
	    dl->n_errors > errors)
		return NULL;
	const struct drawable *drawable = env_drawable(env, *src, len);
	if (drawable == NULL && env->drawable_tried && env->coverage == NULL)
		diag_add(dl, DIAG_FONTS_UNREADABLE, NULL, NULL, NULL,
		    "characters not checked against the fonts: %s", env->drawable_why);
	struct case_data *cd = (again ? validate_case_again : validate_case_drawable)(env->forms,
	    env->catalogs[0], drawable, &tree, file, a, dl);
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

int64_t
driver_creation_time(const struct case_data *cd, int64_t given)
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
bool
driver_prepare_pdfa(struct spc_env *env, FILE *err)
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
 * pdfa needs driver_prepare_pdfa first. */
bool
driver_render_one(struct spc_env *env, const struct case_data *cd, const char *lang,
    enum spc_copy copy, int64_t ctime, bool pdfa, unsigned char **pdf, size_t *pdf_len,
    char *err, size_t errlen)
{
	struct catalog *cat = driver_catalog(env, lang, NULL);
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
		*input_shown = copy_ident_allowed(g, input, strlen(input));
	return copy_case_id(g);
}

struct case_data *
driver_load_case_tr(struct spc_env *env, const char *file, const char *const *tr, size_t n_tr,
    struct po_set *set, struct arena *a, struct diag_list *dl, char **src)
{
	return load_case(env, file, tr, n_tr, set, a, dl, src, false);
}

struct case_data *
driver_load_case(struct spc_env *env, const char *file, struct arena *a, struct diag_list *dl,
    char **src)
{
	return load_case(env, file, NULL, 0, NULL, a, dl, src, false);
}

struct case_data *
driver_load_case_again(struct spc_env *env, const char *file, struct arena *a,
    struct diag_list *dl, char **src)
{
	return load_case(env, file, NULL, 0, NULL, a, dl, src, true);
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

void
driver_document_path(char *path, size_t size, const char *dir, const char *id, const char *lang,
    enum spc_copy copy, const char *ext)
{
	const char *suffix = copy_name(copy);
	snprintf(path, size, "%s%s%s.%s%s%s.%s", dir ? dir : "", dir ? "/" : "", id, lang,
	    *suffix ? "." : "", suffix, ext);
}

const char *
driver_data_dir(const struct spc_env *env)
{
	return env->data_dir;
}

struct form_set *
driver_forms(struct spc_env *env)
{
	return env->forms;
}

bool
driver_load_forms(struct spc_env *env, FILE *err)
{
	struct diag_list dl;
	diag_list_init(&dl, NULL);
	bool ok = form_set_add_all(env->forms, &dl);
	print_data_diags(&dl, err);
	return ok;
}

const struct form *
driver_form(struct spc_env *env, const char *key, FILE *err)
{
	struct diag_list dl;
	diag_list_init(&dl, NULL);
	bool ok = form_set_add(env->forms, key, &dl);
	bool broken = dl.n_errors > 0;
	print_data_diags(&dl, err);
	if (ok)
		return form_find(env->forms, key);
	if (!broken) {
		fprintf(err, "spcomm: unknown form '%s'; the forms are:", key);
		for (size_t i = 0; i < env->forms->n_names; i++)
			fprintf(err, " %s", env->forms->names[i]);
		fprintf(err, "\n");
	}
	return NULL;
}

const struct countries *
driver_countries(const struct spc_env *env)
{
	return env->countries;
}
