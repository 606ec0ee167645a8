/*
 * cli.c - the command line (spcomm(1), man/spcomm.1): options, help, subcommands and exit
 * statuses.  Includes only spcomm.h and libc, as curl's tool does: the
 * library below never prints on its own and never exits.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "spcomm.h"

int cli_main(int argc, char **argv);

static const char usage_text[] =
    "Usage: spcomm [GLOBAL OPTION]... COMMAND [OPTION]... [FILE]...\n"
    "Turn YAML case files into submissions to the UN Special Procedures.\n"
    "\n"
    "Commands:\n"
    "  check [--format text|json] FILE|DIR...\n"
    "                                       validate case files; print every problem\n"
    "  render [-l LANGS] [-o FILE | -d DIR] [--copy full|government|public] [--pdfa]\n"
    "         [--force] FILE                validate, then write one PDF per language\n"
    "  batch -d DIR [-l LANGS] [-j N] [--copy KIND]... [--pdfa] [--package] [--resume]\n"
    "        [--shard I/N] [--force] [-q] FILE|DIR...\n"
    "                                       render many cases in parallel, with a manifest\n"
    "  package [-l LANGS] [-d DIR] [--pdfa] [--force] FILE...\n"
    "                                       e-mail drafts: the PDF and annexes, addressed\n"
    "  manifest merge [-o FILE] [--force] [--inputs FILE|DIR]... MANIFEST...\n"
    "                                       combine the manifests of batch --shard runs\n"
    "  new FORM [-l LANG]                   print a commented case-file template for FORM\n"
    "  forms [--markdown] [FORM]            list the forms, or describe one\n"
    "  forms --json-schema FORM [-l LANG]   the JSON Schema of FORM's case files, for editors\n"
    "  i18n check|status                    check the catalogs in locale/; percent translated\n"
    "  i18n status [-l LANGS] FILE...       what a case still needs translated\n"
    "  i18n extract -l LANG [-o FILE.po] FILE\n"
    "                                       a case's texts as a PO file for a translator\n"
    "  i18n export -l LANG [-o FILE.po]     a catalog of locale/ as a PO file\n"
    "  i18n import FILE.po                  its translations back into locale/LANG.yaml\n"
    "\n"
    "A FILE '-' is standard input (check, render).\n"
    "\n"
    "Options for every command, before or after it:\n"
    "  --data-dir DIR   where forms/ and locale/ are (default: $SPCOMM_DATA_DIR, else\n"
    "                   ../share/spcomm from the directory of the program)\n"
    "  --font-dir DIR   where the fonts are (default: Debian's, or $SPCOMM_FONT_DIR)\n"
    "  --color=WHEN     colour diagnostics: auto (a terminal, not TERM=dumb nor\n"
    "                   NO_COLOR), always, never\n"
    "  -h, --help       this text; 'spcomm COMMAND --help' for one command\n"
    "  -V, --version    print the version\n"
    "\n"
    "Exit status: 0 every case valid and every document written; 1 a case is invalid\n"
    "or failed (each one reported); 2 usage error, or the run could not start.\n";

static const char check_help[] =
    "Usage: spcomm check [--format text|json] FILE|DIR...\n"
    "Validate case files against their form and print every diagnostic\n"
    "(file:line:column: severity: field path: message [code]), then the line and a caret.\n"
    "A directory is searched recursively for *.yaml, as batch does; '-' reads a case\n"
    "from standard input (its annexes are then found from the current directory).\n"
    "After several files, a count on standard error (\"2 errors, 5 warnings in 3 files\";\n"
    "nothing when there is no diagnostic).\n"
    "      --format FMT   text (default, on standard error) or json: JSON Lines on\n"
    "                     standard output, one object per diagnostic (spcomm(1))\n"
    "Writes nothing.  Exit 0 if every file is valid (warnings allowed), 1 otherwise.\n";

static const char render_help[] =
    "Usage: spcomm render [-l LANGS] [-o FILE | -d DIR] [--copy KIND] [--pdfa] [--force]\n"
    "                     [--translations FILE.po]... [--format text|json] FILE\n"
    "Validate the case, then render one PDF per language and copy.  FILE '-' reads\n"
    "the case from standard input (annexes from the current directory).\n"
    "  -l, --lang LANGS   comma-separated among en fr es ru zh ar (default: the case's language)\n"
    "  -o, --output FILE  the PDF to write (exactly one language and copy); '-' is\n"
    "                     standard output; also a stream: /dev/fd/N, a FIFO or\n"
    "                     device of yours\n"
    "  -d, --dir DIR      directory for <id>.<lang>.pdf (default: .)\n"
    "      --copy KIND    full (default), government or public; may be repeated\n"
    "      --pdfa         PDF/A-1b, for archives (needs Debian's icc-profiles-free)\n"
    "      --force        replace existing regular files (never done otherwise; a\n"
    "                     link, directory, socket or block device is refused)\n"
    "      --translations FILE.po\n"
    "                     translations of the case's texts from a translator (may be\n"
    "                     repeated); <case>.<lang>.po beside the case is read without it\n"
    "      --format FMT   diagnostics as text (standard error) or json (JSON Lines on\n"
    "                     standard output, so not with -o -)\n"
    "Files are written atomically: after a failure no partial file is left.\n"
    "A stream is written into as it is, not atomically.\n"
    "SOURCE_DATE_EPOCH sets the creation date (default: the case's date).\n";

static const char batch_help[] =
    "Usage: spcomm batch -d DIR [-l LANGS] [-j N] [--copy KIND]... [--pdfa]\n"
    "                    [--package] [--resume] [--shard I/N] [--force] [-q] FILE|DIR...\n"
    "Validate every case, then render them in parallel: one PDF per case, language\n"
    "and copy in DIR, and one line per document in DIR/manifest.jsonl (status ok,\n"
    "invalid, failed or skipped, diagnostics, outputs with size and SHA-256).\n"
    "Directories are searched recursively for *.yaml.  A failing case never stops\n"
    "the others; cases sharing an id are both refused.\n"
    "  -d, --dir DIR      where documents and manifest go (required; must exist)\n"
    "                     (each case's <case>.<lang>.po translation files are read)\n"
    "  -l, --lang LANGS   comma-separated among en fr es ru zh ar (default: each case's)\n"
    "  -j, --jobs N       worker threads (default: the number of CPUs); one more\n"
    "                     commits their documents in groups, each line of the\n"
    "                     manifest after its document is durably in place\n"
    "      --copy KIND    full (default), government or public; may be repeated\n"
    "      --pdfa         PDF/A-1b, for archives (needs Debian's icc-profiles-free)\n"
    "      --package      with each full copy, its e-mail draft <id>.<lang>.eml, as\n"
    "                     'spcomm package' writes it (needs the full copy)\n"
    "      --resume       skip documents the manifest shows done, input and output\n"
    "                     unchanged and in the same format; redo the rest\n"
    "      --shard I/N    take only shard I of N (1 <= I <= N) of the inputs, for\n"
    "                     several machines; the N shards together take every input once\n"
    "      --force        replace existing regular files (never done otherwise)\n"
    "  -q, --quiet        no progress line and no closing summary unless a case failed\n"
    "One batch at a time per DIR (DIR/.spcomm.lock); it removes the temporary files\n"
    "a killed run left there.  Interrupted (SIGINT, SIGTERM), it finishes and\n"
    "commits the documents in flight and exits 1; --resume then completes it.\n"
    "Progress is shown on standard error when it is a terminal (not TERM=dumb).\n"
    "Each run first appends a {\"run\":...} line to the manifest: its start, options\n"
    "and version.  Documents already in DIR with the same bytes are counted as\n"
    "unchanged, not as written.\n";

static const char package_help[] =
    "Usage: spcomm package [-l LANGS] [-d DIR] [--pdfa] [--force] FILE...\n"
    "Validate each case, then write one e-mail draft per case and language,\n"
    "DIR/<id>.<lang>.eml (RFC 5322 and MIME, marked X-Unsent so that mail programs\n"
    "open it as a draft): To the mandates the case addresses, Cc OHCHR's reprisals\n"
    "address when the case fears reprisals, From the submitter's e-mail; the\n"
    "subject names the kind of communication, the States and the case id; the body\n"
    "summarizes the case and lists the attachments with sizes and SHA-256.\n"
    "Attached: the full copy, byte for byte the PDF 'spcomm render' writes, and\n"
    "every annex.  A warning when a message exceeds 20 MB, a common mailbox limit.\n"
    "  -l, --lang LANGS   comma-separated among en fr es ru zh ar (default: the case's language)\n"
    "  -d, --dir DIR      where the drafts go (default: .; must exist)\n"
    "      --pdfa         attach the full copy as PDF/A-1b, as 'render --pdfa' writes it\n"
    "      --force        replace existing regular files\n"
    "The same case gives the same bytes; SOURCE_DATE_EPOCH sets the Date (default:\n"
    "the case's date).  Files are written atomically.\n";

static const char manifest_help[] =
    "Usage: spcomm manifest merge [-o FILE] [--force] [--inputs FILE|DIR]... MANIFEST...\n"
    "Combine the manifests of the shards of one batch (each shard I/N run with its\n"
    "own -d DIR) into one.  A MANIFEST is a manifest.jsonl or a batch's DIR.\n"
    "Of each document, the last record of each manifest is kept; every run line is\n"
    "kept, with \"manifest\" naming the file it came from.  Refused (exit 1, nothing\n"
    "written, the files named) when a case is in two manifests, or when the runs\n"
    "differ in version or in what shapes the documents (languages, copies, PDF/A).\n"
    "  -o, --output FILE  the merged manifest, written atomically (default: standard\n"
    "                     output)\n"
    "      --force        replace an existing FILE\n"
    "      --inputs FILE|DIR\n"
    "                     the batch's operands (may be repeated), found as batch finds\n"
    "                     them: every case must be in exactly one manifest; the\n"
    "                     missing ones are listed\n"
    "Exit 0 merged, 1 refused, 2 a manifest cannot be read or the output written.\n";

static const char new_help[] =
    "Usage: spcomm new FORM [-l LANG] > case.yaml\n"
    "Print a case-file template for FORM to standard output: every field of the form,\n"
    "each with its label, help text, whether it is required and who may see it.\n"
    "Required fields hold placeholders (\"\" or \"<...>\") that 'spcomm check' reports\n"
    "until they are filled in; optional fields are commented out.\n"
    "  -l, --lang LANG    language of the labels and help: en fr es ru zh ar (default: en)\n"
    "'spcomm forms' lists the forms.\n";

static const char i18n_help[] =
    "Usage: spcomm i18n check|status\n"
    "       spcomm i18n status [-l LANGS] [--translations FILE.po]... FILE...\n"
    "       spcomm i18n extract -l LANG [-o FILE.po] [--force] [--translations FILE.po]... FILE\n"
    "       spcomm i18n export -l LANG [-o FILE.po] [--force]\n"
    "       spcomm i18n import FILE.po\n"
    "check: compare every catalog locale/<lang>.yaml with locale/en.yaml: every key\n"
    "present and no other, the same numbered arguments ({0}, {1}), every pattern\n"
    "accepted by ICU for its language; and en.yaml holds every label, help text and\n"
    "value the forms need.  One line per problem (file:line:column: error: key ...).\n"
    "A catalog not yet started is a warning.  Exit 0 if none, 1 otherwise.\n"
    "status: per language, keys translated, percent, and patterns still in English.\n"
    "status FILE...: for each case and each language of -l (default: all six) other\n"
    "than the case's own, the translatable values with no text in that language yet\n"
    "(they print in the original, marked so), one per line as file:line:column: path;\n"
    "a translation whose original changed since (stale) is marked so.\n"
    "Exit 0, or 1 if a case or a translation file is invalid.\n"
    "extract: the case's translatable texts that the Government copy may show (never\n"
    "the source's), as a gettext PO file for a translator into LANG (default: standard\n"
    "output); the translator's file comes back as <case>.<LANG>.po beside the case, or\n"
    "through --translations.  See docs/translating.md.\n"
    "export: the catalog locale/LANG.yaml (en fr es ru zh ar) as a PO file against\n"
    "en.yaml (msgctxt the key, msgid the English, msgstr LANG's, comments of both files\n"
    "as notes), for Poedit, Weblate or gettext's tools.\n"
    "import: the translations of such a file back into locale/LANG.yaml (LANG from its\n"
    "Language header), changing only the values that differ and adding missing keys in\n"
    "en.yaml's order; fuzzy and empty entries are left out; a pattern i18n check would\n"
    "refuse stops the import (file:line of the entry).  Exit 0, or 1 if nothing could\n"
    "be written.\n";

static const char forms_help[] =
    "Usage: spcomm forms [--markdown] [FORM]\n"
    "       spcomm forms --json-schema FORM [-l LANG]\n"
    "Without FORM, list the forms.  With FORM, describe every field: type, whether it\n"
    "is required, who may see it (SRC, GOV, PUB) and what the UN needs there.\n"
    "  --markdown         as a Markdown table\n"
    "  --json-schema      as a JSON Schema (draft 2020-12) for editors such as VS Code\n"
    "                     and Neovim (yaml-language-server), titles and descriptions in\n"
    "                     LANG (-l: en fr es ru zh ar; default en); 'spcomm check' stays\n"
    "                     the authority and checks more\n";

enum {
	OPT_DATA_DIR = 256, OPT_FONT_DIR, OPT_COLOR, OPT_FORMAT, OPT_COPY, OPT_FORCE,
	OPT_MARKDOWN, OPT_RESUME, OPT_SHARD, OPT_PDFA, OPT_TRANSLATIONS, OPT_JSON_SCHEMA,
	OPT_INPUTS, OPT_PACKAGE,
};

static const struct option long_options[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ "data-dir", required_argument, NULL, OPT_DATA_DIR },
	{ "font-dir", required_argument, NULL, OPT_FONT_DIR },
	{ "color", required_argument, NULL, OPT_COLOR },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "lang", required_argument, NULL, 'l' },
	{ "output", required_argument, NULL, 'o' },
	{ "dir", required_argument, NULL, 'd' },
	{ "copy", required_argument, NULL, OPT_COPY },
	{ "force", no_argument, NULL, OPT_FORCE },
	{ "markdown", no_argument, NULL, OPT_MARKDOWN },
	{ "json-schema", no_argument, NULL, OPT_JSON_SCHEMA },
	{ "jobs", required_argument, NULL, 'j' },
	{ "resume", no_argument, NULL, OPT_RESUME },
	{ "shard", required_argument, NULL, OPT_SHARD },
	{ "pdfa", no_argument, NULL, OPT_PDFA },
	{ "package", no_argument, NULL, OPT_PACKAGE },
	{ "translations", required_argument, NULL, OPT_TRANSLATIONS },
	{ "quiet", no_argument, NULL, 'q' },
	{ "inputs", required_argument, NULL, OPT_INPUTS },
	{ NULL, 0, NULL, 0 },
};

static int
usage_error(const char *fmt, const char *arg)
{
	fputs("spcomm: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\nTry 'spcomm --help'.\n", stderr);
	return SPC_USAGE;
}

/* Flush standard output and report a failed write (a full disk under a
 * redirected listing must not exit 0). */
static int
finish(int status)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "spcomm: error writing standard output: %s\n", strerror(errno));
		return SPC_USAGE;
	}
	return status;
}

static bool
parse_epoch(const char *s, int64_t *out)
{
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < 0 || v > 253402300799LL)
		return false;
	*out = v;
	return true;
}

/* "I/N" with 1 <= I <= N. */
static bool
parse_shard(const char *s, unsigned *i, unsigned *n)
{
	char *end;
	errno = 0;
	unsigned long a = strtoul(s, &end, 10);
	if (errno != 0 || end == s || *end != '/' || *s < '0' || *s > '9')
		return false;
	const char *t = end + 1;
	unsigned long b = strtoul(t, &end, 10);
	if (errno != 0 || end == t || *end != '\0' || *t < '0' || *t > '9' ||
	    a < 1 || a > b || b > 1000000)
		return false;
	*i = (unsigned)a;
	*n = (unsigned)b;
	return true;
}

/* SIGINT, SIGTERM during a batch: finish the documents in flight, then
 * stop (the manifest stays whole, no temporary file is left). */
static void
on_stop_signal(int sig)
{
	(void)sig;
	spc_batch_interrupt();
}

#define MAX_LANGS 6
#define MAX_COPIES 3
/* --translations: one file per language is the use; a few more for
 * corrections given on top */
#define MAX_TRANSLATIONS 16

/* The command line, parsed. */
struct cli {
	const char *cmd;
	char **files;                   /* the operands after the options */
	int nfiles;
	const char *data_dir, *font_dir, *out_file, *out_dir;
	const char *langs[MAX_LANGS];
	size_t n_langs;
	enum spc_copy copies[MAX_COPIES];
	size_t n_copies;
	const char *translations[MAX_TRANSLATIONS];
	size_t n_translations;
	const char **inputs;            /* manifest merge --inputs; room for argc */
	size_t n_inputs;
	bool force, markdown, resume, pdfa, quiet, json_schema, package;
	unsigned jobs, shard, n_shards;
	struct spc_print pr;
	struct spc_counts counts;
	int color;                      /* 1 always, 0 never, -1 auto */
	int64_t epoch;
	char *lang_buf;
};

/* The options every command takes, and so may come before it
 * (`spcomm --data-dir . i18n check`); whether the option takes a value. */
static bool
global_option(const char *arg, bool *takes_value)
{
	static const char *const with_value[] = { "--data-dir", "--font-dir", "--color" };
	*takes_value = false;
	if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0 || strcmp(arg, "-V") == 0 ||
	    strcmp(arg, "--version") == 0)
		return true;
	for (size_t i = 0; i < sizeof with_value / sizeof with_value[0]; i++) {
		size_t n = strlen(with_value[i]);
		if (strncmp(arg, with_value[i], n) == 0 && (arg[n] == '=' || arg[n] == '\0')) {
			*takes_value = arg[n] == '\0';
			return true;
		}
	}
	return false;
}

/* argv with the global options that come before the command moved after
 * it (getopt_long reads options anywhere after the command): into out,
 * which has room for argc + 1 pointers, the command at out[1].  1 when
 * there is a command, 0 when there is none, -1 with the reason printed
 * when an option before it is not a global one or lacks its value. */
static int
move_globals(int argc, char **argv, char **out)
{
	int k = 1, first = 1;
	while (first < argc && argv[first][0] == '-' && argv[first][1] != '\0') {
		bool takes_value;
		if (!global_option(argv[first], &takes_value)) {
			usage_error("'%s' goes after the command (only --data-dir, --font-dir, "
			    "--color, --help and --version may come before it)", argv[first]);
			return -1;
		}
		if (takes_value && first + 1 == argc) {
			usage_error("%s needs a value", argv[first]);
			return -1;
		}
		first += takes_value ? 2 : 1;
	}
	out[0] = argv[0];
	if (first < argc)
		out[k++] = argv[first];
	for (int i = 1; i < first; i++)
		out[k++] = argv[i];
	for (int i = first + 1; i < argc; i++)
		out[k++] = argv[i];
	out[k] = NULL;
	return first < argc ? 1 : 0;
}

static const char *
help_of(const char *cmd)
{
	static const struct { const char *cmd, *help; } helps[] = {
		{ "check", check_help }, { "render", render_help }, { "forms", forms_help },
		{ "batch", batch_help }, { "new", new_help }, { "i18n", i18n_help },
		{ "package", package_help }, { "manifest", manifest_help },
	};
	for (size_t i = 0; i < sizeof helps / sizeof helps[0]; i++)
		if (strcmp(cmd, helps[i].cmd) == 0)
			return helps[i].help;
	return NULL;
}

/* -l LANGS into c->langs; SPC_OK or the usage error printed. */
static int
parse_langs(struct cli *c, const char *arg)
{
	size_t len = strlen(arg);
	if (len == 0 || arg[0] == ',' || arg[len - 1] == ',' || strstr(arg, ",,") != NULL)
		return usage_error("-l takes output languages separated by commas, none of them "
		    "empty, not '%s'", arg);
	free(c->lang_buf);
	c->lang_buf = strdup(arg);
	c->n_langs = 0;
	if (c->lang_buf == NULL)
		return usage_error("%s", "out of memory");
	for (char *save = NULL, *t = strtok_r(c->lang_buf, ",", &save); t;
	    t = strtok_r(NULL, ",", &save)) {
		if (!spc_output_lang(t))
			return usage_error("'%s' is not an output language (en, fr, es, ru, zh, ar)", t);
		bool dup = false;
		for (size_t i = 0; i < c->n_langs; i++)
			dup |= strcmp(c->langs[i], t) == 0;
		if (!dup && c->n_langs < MAX_LANGS)
			c->langs[c->n_langs++] = t;
	}
	return SPC_OK;
}

/* The options of argv (the command at argv[1]).  -1 to go on, else the
 * exit status (help, version, or a usage error printed). */
static int
parse_options(struct cli *c, int argc, char **argv, const char *help)
{
	int o;
	optind = 2;
	opterr = 0;
	while ((o = getopt_long(argc, argv, "hVql:o:d:j:", long_options, NULL)) != -1) {
		switch (o) {
		case 'h':
			fputs(help, stdout);
			return finish(SPC_OK);
		case 'V':
			printf("spcomm %s\n", spc_version());
			return finish(SPC_OK);
		case 'q': c->quiet = true; break;
		case OPT_DATA_DIR:
		case OPT_FONT_DIR:
			if (*optarg == '\0')
				return usage_error("--%s takes a directory, not an empty name",
				    o == OPT_DATA_DIR ? "data-dir" : "font-dir");
			*(o == OPT_DATA_DIR ? &c->data_dir : &c->font_dir) = optarg;
			break;
		case OPT_COLOR:
			if (strcmp(optarg, "always") == 0) c->color = 1;
			else if (strcmp(optarg, "never") == 0) c->color = 0;
			else if (strcmp(optarg, "auto") == 0) c->color = -1;
			else return usage_error("--color takes auto, always or never, not '%s'", optarg);
			break;
		case OPT_FORMAT:
			if (strcmp(optarg, "json") == 0) c->pr.format = SPC_FORMAT_JSON;
			else if (strcmp(optarg, "text") == 0) c->pr.format = SPC_FORMAT_TEXT;
			else return usage_error("--format takes text or json, not '%s'", optarg);
			break;
		case 'l':
			if (parse_langs(c, optarg) != SPC_OK)
				return SPC_USAGE;
			break;
		case 'o': c->out_file = optarg; break;
		case 'd':
			/* "" (an unset $OUTDIR) would join to "/name": the root */
			if (*optarg == '\0')
				return usage_error("%s takes a directory, not an empty name", "-d");
			c->out_dir = optarg;
			break;
		case OPT_COPY: {
			enum spc_copy k;
			if (strcmp(optarg, "full") == 0) k = SPC_COPY_FULL;
			else if (strcmp(optarg, "government") == 0) k = SPC_COPY_GOVERNMENT;
			else if (strcmp(optarg, "public") == 0) k = SPC_COPY_PUBLIC;
			else return usage_error("--copy takes full, government or public, not '%s'", optarg);
			bool dup = false;
			for (size_t i = 0; i < c->n_copies; i++)
				dup |= c->copies[i] == k;
			if (!dup)
				c->copies[c->n_copies++] = k;
			break;
		}
		case OPT_FORCE: c->force = true; break;
		case OPT_MARKDOWN: c->markdown = true; break;
		case OPT_JSON_SCHEMA: c->json_schema = true; break;
		case OPT_RESUME: c->resume = true; break;
		case OPT_PDFA: c->pdfa = true; break;
		case OPT_PACKAGE: c->package = true; break;
		case OPT_TRANSLATIONS:
			if (c->n_translations == MAX_TRANSLATIONS)
				return usage_error("at most %s --translations files", "16");
			c->translations[c->n_translations++] = optarg;
			break;
		case OPT_INPUTS: c->inputs[c->n_inputs++] = optarg; break;
		case 'j': {
			char *end;
			errno = 0;
			unsigned long v = strtoul(optarg, &end, 10);
			if (errno != 0 || end == optarg || *end != '\0' || *optarg == '-' || v < 1 ||
			    v > 1024)
				return usage_error("-j takes a number of threads from 1 to 1024, not '%s'",
				    optarg);
			c->jobs = (unsigned)v;
			break;
		}
		case OPT_SHARD:
			if (!parse_shard(optarg, &c->shard, &c->n_shards))
				return usage_error("--shard takes I/N with 1 <= I <= N, not '%s'", optarg);
			break;
		default:
			if (optopt >= 256 || optopt == 0)
				return usage_error("unknown or incomplete option '%s'", argv[optind - 1]);
			/* optind has not always passed the word the option is in
			 * ("-case.yaml" is -c, -a, ... to getopt): name the letter */
			{
				char opt[3] = { '-', (char)optopt, '\0' };
				if (strchr("lodj", optopt) != NULL)
					return usage_error("option '%s' needs an argument", opt);
				return usage_error("unknown option '%s' (a file whose name begins with '-' "
				    "is written ./NAME, or after --)", opt);
			}
		}
	}
	c->files = argv + optind;
	c->nfiles = argc - optind;
	return -1;
}

/* What the operands and options must be for the command; SPC_OK or the
 * usage error printed. */
static int
check_usage(const struct cli *c)
{
	const char *cmd = c->cmd;
	int nfiles = c->nfiles;
	int n_stdin = 0;
	for (int i = 0; i < nfiles; i++)
		n_stdin += strcmp(c->files[i], "-") == 0;
	if (strcmp(cmd, "i18n") == 0) {
		const char *word = nfiles > 0 ? c->files[0] : "";
		const char *why = NULL;
		if (strcmp(word, "check") != 0 && strcmp(word, "status") != 0 &&
		    strcmp(word, "extract") != 0 && strcmp(word, "export") != 0 &&
		    strcmp(word, "import") != 0)
			why = "i18n takes a word: check, status, extract, export or import";
		else if (nfiles > 1 && strcmp(word, "check") == 0)
			why = "i18n check takes no file: it checks locale/; "
			    "'i18n status CASE' lists what a case still needs translated";
		else if (strcmp(word, "extract") == 0 && (nfiles != 2 || c->n_langs != 1))
			why = "i18n extract takes one language (-l LANG) and one case file";
		else if (strcmp(word, "export") == 0 && (nfiles != 1 || c->n_langs != 1))
			why = "i18n export takes one language (-l LANG) and no file";
		else if (strcmp(word, "import") == 0 && (nfiles != 2 || c->n_langs != 0))
			why = "i18n import takes one PO file (its Language header names the catalog)";
		else if (c->n_translations > 0 && nfiles < 2)
			why = "--translations goes with a case file";
		if (why != NULL)
			return usage_error("%s", why);
	} else if (strcmp(cmd, "forms") == 0) {
		if (nfiles > 1)
			return usage_error("%s", "forms takes at most one form name");
		if (c->json_schema && (nfiles != 1 || c->markdown || c->n_langs > 1))
			return usage_error("%s", nfiles != 1 ? "--json-schema takes one form name "
			    "('spcomm forms' lists them)" : c->markdown ? "give --json-schema or "
			    "--markdown, not both" : "--json-schema takes one language (-l LANG)");
	} else if (strcmp(cmd, "new") == 0) {
		/* one template, so one language */
		if (nfiles != 1 || c->n_langs > 1)
			return usage_error("%s", nfiles != 1 ? "new takes one form name ('spcomm forms' "
			    "lists them)" : "new takes one language (-l LANG)");
	} else if (strcmp(cmd, "manifest") == 0) {
		if (nfiles < 2 || strcmp(c->files[0], "merge") != 0)
			return usage_error("%s", nfiles < 1 || strcmp(c->files[0], "merge") != 0 ?
			    "manifest takes a word: merge" : "manifest merge: no manifest given");
		if (c->out_dir != NULL)
			return usage_error("%s", "manifest merge writes one file: give -o FILE, not -d");
	} else if (nfiles < 1) {
		return usage_error("%s: no case file given", cmd);
	}
	if (n_stdin > 0 && strcmp(cmd, "check") != 0 && strcmp(cmd, "render") != 0)
		return usage_error("%s", "'-' (standard input) goes with check and render");
	if (n_stdin > 1)
		return usage_error("%s", "'-' (standard input) can be read once");
	if (c->n_inputs > 0 && strcmp(cmd, "manifest") != 0)
		return usage_error("%s", "--inputs goes with manifest merge");
	if (c->quiet && strcmp(cmd, "batch") != 0)
		return usage_error("%s", "-q goes with batch");
	if (c->package && strcmp(cmd, "batch") != 0)
		return usage_error("%s", "--package goes with batch ('spcomm package' for a few cases)");
	if (c->package && c->n_copies > 0) {
		bool full = false;
		for (size_t i = 0; i < c->n_copies; i++)
			full |= c->copies[i] == SPC_COPY_FULL;
		if (!full)
			return usage_error("%s", "--package attaches the full copy to each draft: add "
			    "--copy full");
	}
	if (c->n_translations > 0 && strcmp(cmd, "render") != 0 && strcmp(cmd, "i18n") != 0)
		return usage_error("%s", "--translations goes with render, i18n status and i18n "
		    "extract (batch reads each case's <case>.<lang>.po)");
	if (strcmp(cmd, "render") == 0 && nfiles != 1)
		return usage_error("%s", "render takes one case file; 'spcomm batch' is for many");
	if (strcmp(cmd, "package") == 0 && c->out_file != NULL)
		return usage_error("%s", "package writes <id>.<lang>.eml files: give -d DIR, not -o");
	if (strcmp(cmd, "batch") == 0 && (c->out_dir == NULL || c->out_file != NULL))
		return usage_error("%s", "batch writes into a directory: give -d DIR (and no -o)");
	if (c->out_file && c->out_dir)
		return usage_error("%s", "give -o FILE or -d DIR, not both");
	if (c->out_file && strcmp(c->out_file, "-") == 0) {
		/* the PDF or PO file takes standard output */
		if (c->pr.format == SPC_FORMAT_JSON)
			return usage_error("%s", "-o - and --format json both want standard output; "
			    "give -o FILE");
		if (strcmp(cmd, "render") == 0 && isatty(STDOUT_FILENO))
			return usage_error("%s", "-o - would write a PDF to the terminal; redirect "
			    "standard output (> FILE, | COMMAND)");
	}
	return SPC_OK;
}

/* Escape sequences (the progress line, colour) only on a terminal that
 * knows them: standard error a terminal, TERM not dumb. */
static bool
escapes_wanted(void)
{
	const char *term = getenv("TERM");
	return isatty(STDERR_FILENO) && (term == NULL || strcmp(term, "dumb") != 0);
}

/* The closing count of a check (standard error, as gcc and clang do):
 * "spcomm: 2 errors, 5 warnings in 3 of 12 files"; nothing when no file
 * has a diagnostic. */
static void
print_counts(const struct spc_counts *n)
{
	if (n->errors + n->warnings == 0)
		return;
	fputs("spcomm: ", stderr);
	if (n->errors > 0)
		fprintf(stderr, "%zu error%s", n->errors, n->errors == 1 ? "" : "s");
	if (n->warnings > 0)
		fprintf(stderr, "%s%zu warning%s", n->errors ? ", " : "", n->warnings,
		    n->warnings == 1 ? "" : "s");
	fprintf(stderr, " in %zu file%s\n", n->files, n->files == 1 ? "" : "s");
}

static int
cmd_check(struct spc_env *env, struct cli *c)
{
	int st = spc_check_paths(env, (const char *const *)c->files, (size_t)c->nfiles, &c->pr);
	if (c->counts.files > 1)
		print_counts(&c->counts);
	return st;
}

static int
cmd_render(struct spc_env *env, struct cli *c)
{
	struct spc_render_options ro = {
		.langs = c->langs, .n_langs = c->n_langs, .copies = c->copies,
		.n_copies = c->n_copies, .out_file = c->out_file, .out_dir = c->out_dir,
		.force = c->force, .pdfa = c->pdfa, .creation_time = c->epoch, .report = stdout,
		.translations = c->translations, .n_translations = c->n_translations,
	};
	return spc_render(env, c->files[0], &ro, &c->pr);
}

static int
cmd_batch(struct spc_env *env, struct cli *c)
{
	struct spc_batch_options bo = {
		.out_dir = c->out_dir, .langs = c->langs, .n_langs = c->n_langs,
		.copies = c->copies, .n_copies = c->n_copies, .jobs = c->jobs, .force = c->force,
		.pdfa = c->pdfa, .package = c->package, .resume = c->resume, .shard = c->shard, .n_shards = c->n_shards,
		.creation_time = c->epoch, .progress = !c->quiet && escapes_wanted(),
		.quiet = c->quiet, .color = c->pr.color,
	};
	/* installed even if the shell started us with SIGINT ignored (a
	 * background job): a batch must always be stoppable cleanly */
	struct sigaction sa = { .sa_handler = on_stop_signal, .sa_flags = SA_RESTART };
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	return spc_batch(env, &bo, (const char *const *)c->files, (size_t)c->nfiles, stderr);
}

static int
cmd_package(struct spc_env *env, struct cli *c)
{
	struct spc_package_options po = {
		.langs = c->langs, .n_langs = c->n_langs, .out_dir = c->out_dir, .force = c->force,
		.pdfa = c->pdfa,
		.creation_time = c->epoch, .report = stdout,
	};
	return spc_package(env, (const char *const *)c->files, (size_t)c->nfiles, &po, &c->pr);
}

static int
cmd_i18n(struct spc_env *env, struct cli *c)
{
	const char *const *files = (const char *const *)c->files;
	if (strcmp(files[0], "extract") == 0) {
		struct spc_extract_options eo = {
			.out_file = c->out_file, .force = c->force, .translations = c->translations,
			.n_translations = c->n_translations,
		};
		return spc_i18n_extract(env, files[1], c->langs[0], &eo, &c->pr);
	}
	if (strcmp(files[0], "export") == 0)
		return spc_i18n_export(env, c->langs[0], c->out_file, c->force, c->epoch, stderr);
	if (strcmp(files[0], "import") == 0)
		return spc_i18n_import(env, files[1], stdout, stderr);
	if (c->nfiles > 1)
		return spc_i18n_cases(env, files + 1, (size_t)c->nfiles - 1, c->langs, c->n_langs,
		    c->translations, c->n_translations, stdout, &c->pr);
	return spc_i18n(env, files[0], stdout, stderr);
}

static int
cmd_new(struct spc_env *env, struct cli *c)
{
	return spc_new(env, c->files[0], c->n_langs ? c->langs[0] : NULL, stdout, stderr);
}

static int
cmd_forms(struct spc_env *env, struct cli *c)
{
	if (c->json_schema)
		return spc_forms_schema(env, c->files[0], c->n_langs ? c->langs[0] : NULL, stdout,
		    stderr);
	return spc_forms(env, c->nfiles ? c->files[0] : NULL, c->markdown, stdout, stderr);
}

/* The commands that work in an environment (forms, catalogs, fonts):
 * all but `manifest`. */
static const struct {
	const char *name;
	int (*run)(struct spc_env *, struct cli *);
} commands[] = {
	{ "check", cmd_check }, { "render", cmd_render }, { "batch", cmd_batch },
	{ "package", cmd_package }, { "new", cmd_new }, { "forms", cmd_forms },
	{ "i18n", cmd_i18n },
};

static int
run(struct cli *c, int argc, char **argv)
{
	const char *help = help_of(c->cmd);
	if (help == NULL)
		return usage_error("unknown command '%s'", c->cmd);
	int st = parse_options(c, argc, argv, help);
	if (st >= 0)
		return st;
	if ((st = check_usage(c)) != SPC_OK)
		return st;
	/* "-o -" is standard output, written as the stream /dev/stdout is */
	if (c->out_file && strcmp(c->out_file, "-") == 0)
		c->out_file = "/dev/stdout";
	/* --color=auto: and not under NO_COLOR */
	c->pr.color = c->color == 1 ||
	    (c->color == -1 && escapes_wanted() && getenv("NO_COLOR") == NULL);
	/* JSON Lines go to standard output for a program to read; messages
	 * for people stay on standard error */
	if (c->pr.format == SPC_FORMAT_JSON &&
	    (strcmp(c->cmd, "check") == 0 || strcmp(c->cmd, "render") == 0))
		c->pr.fp = stdout;
	if (strcmp(c->cmd, "manifest") == 0) {
		/* needs no forms, catalogs nor fonts */
		struct spc_merge_options mo = {
			.out_file = c->out_file, .force = c->force, .inputs = c->inputs,
			.n_inputs = c->n_inputs,
		};
		return finish(spc_manifest_merge((const char *const *)c->files + 1,
		    (size_t)c->nfiles - 1, &mo, stderr));
	}
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	if (sde != NULL && *sde != '\0' && !parse_epoch(sde, &c->epoch))
		return usage_error("SOURCE_DATE_EPOCH must be a number of seconds, not '%s'", sde);

	/* a command that loads forms and catalogs: its heap on huge pages */
	spc_heap_init();
	struct spc_env *env = spc_env_open(c->data_dir, c->font_dir, stderr);
	if (env == NULL)
		return SPC_USAGE;
	st = SPC_USAGE;
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(c->cmd, commands[i].name) == 0)
			st = commands[i].run(env, c);
	spc_env_close(env);
	return finish(st);
}

int
cli_main(int argc, char **argv)
{
	/* A file size limit must give EFBIG, not kill us with a half-written
	 * file; and a crash must not leave a core file full of victims'
	 * names. */
	signal(SIGXFSZ, SIG_IGN);
	struct rlimit no_core = { 0, 0 };
	setrlimit(RLIMIT_CORE, &no_core);

	char **args = malloc(((size_t)argc + 1) * sizeof *args);
	const char **inputs = malloc(((size_t)argc + 1) * sizeof *inputs);
	if (args == NULL || inputs == NULL) {
		free(args);
		free(inputs);
		fputs("spcomm: out of memory\n", stderr);
		return SPC_USAGE;
	}
	struct cli c = {
		.font_dir = getenv("SPCOMM_FONT_DIR"), .color = -1, .epoch = -1,
		.pr = { .fp = stderr, .msg = stderr, .format = SPC_FORMAT_TEXT },
	};
	c.pr.counts = &c.counts;
	c.inputs = inputs;
	int st = move_globals(argc, argv, args);
	if (st > 0) {
		c.cmd = args[1];
		st = run(&c, argc, args);
	} else if (st == 0) {
		/* no command: --help or --version, else a usage error */
		st = -1;
		for (int i = 1; i < argc && st < 0; i++)
			if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
				fputs(usage_text, stdout);
				st = finish(SPC_OK);
			} else if (strcmp(argv[i], "-V") == 0 || strcmp(argv[i], "--version") == 0) {
				printf("spcomm %s\n", spc_version());
				st = finish(SPC_OK);
			}
		if (st < 0)
			st = usage_error("%s", "no command given");
	} else {
		st = SPC_USAGE;
	}
	free(c.lang_buf);
	free(args);
	free(inputs);
	return st;
}
