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
    "Usage: spcomm COMMAND [OPTION]... [FILE]...\n"
    "Turn YAML case files into submissions to the UN Special Procedures.\n"
    "\n"
    "Commands:\n"
    "  check [--format text|json] FILE...   validate case files; print every problem\n"
    "  render [-l LANGS] [-o FILE | -d DIR] [--copy full|government|public] [--pdfa]\n"
    "         [--force] FILE                validate, then write one PDF per language\n"
    "  batch -d DIR [-l LANGS] [-j N] [--copy KIND]... [--pdfa] [--resume]\n"
    "        [--shard I/N] [--force] FILE|DIR...\n"
    "                                       render many cases in parallel, with a manifest\n"
    "  new FORM [-l LANG]                   print a commented case-file template for FORM\n"
    "  forms [--markdown] [FORM]            list the forms, or describe one\n"
    "  forms --json-schema FORM [-l LANG]   the JSON Schema of FORM's case files, for editors\n"
    "  i18n check|status                    check the catalogs in locale/; percent translated\n"
    "  i18n status [-l LANGS] FILE...       what a case still needs translated\n"
    "  i18n extract -l LANG [-o FILE.po] FILE\n"
    "                                       a case's texts as a PO file for a translator\n"
    "\n"
    "Options for every command:\n"
    "  --data-dir DIR   where forms/ and locale/ are (default: $SPCOMM_DATA_DIR, else\n"
    "                   ../share/spcomm from the directory of the program)\n"
    "  --font-dir DIR   where the fonts are (default: Debian's, or $SPCOMM_FONT_DIR)\n"
    "  --color=WHEN     colour diagnostics: auto, always, never\n"
    "  -h, --help       this text; 'spcomm COMMAND --help' for one command\n"
    "  -V, --version    print the version\n"
    "\n"
    "Exit status: 0 every case valid and every document written; 1 a case is invalid\n"
    "or failed (each one reported); 2 usage error, or the run could not start.\n";

static const char check_help[] =
    "Usage: spcomm check [--format text|json] FILE...\n"
    "Validate case files against their form and print every diagnostic\n"
    "(file:line:column: severity: field path: message [code]), then the line and a caret.\n"
    "Writes nothing.  Exit 0 if every file is valid (warnings allowed), 1 otherwise.\n";

static const char render_help[] =
    "Usage: spcomm render [-l LANGS] [-o FILE | -d DIR] [--copy KIND] [--pdfa] [--force]\n"
    "                     [--translations FILE.po]... FILE\n"
    "Validate the case, then render one PDF per language and copy.\n"
    "  -l, --lang LANGS   comma-separated among en fr es ru zh ar (default: the case's language)\n"
    "  -o, --output FILE  the PDF to write (exactly one language and copy); also a\n"
    "                     stream: /dev/stdout, /dev/fd/N, a FIFO or device of yours\n"
    "  -d, --dir DIR      directory for <id>.<lang>.pdf (default: .)\n"
    "      --copy KIND    full (default), government or public; may be repeated\n"
    "      --pdfa         PDF/A-1b, for archives (needs Debian's icc-profiles-free)\n"
    "      --force        replace existing regular files (never done otherwise; a\n"
    "                     link, directory, socket or block device is refused)\n"
    "      --translations FILE.po\n"
    "                     translations of the case's texts from a translator (may be\n"
    "                     repeated); <case>.<lang>.po beside the case is read without it\n"
    "Files are written atomically: after a failure no partial file is left.\n"
    "A stream is written into as it is, not atomically.\n"
    "SOURCE_DATE_EPOCH sets the creation date (default: the case's date).\n";

static const char batch_help[] =
    "Usage: spcomm batch -d DIR [-l LANGS] [-j N] [--copy KIND]... [--pdfa]\n"
    "                    [--resume] [--shard I/N] [--force] FILE|DIR...\n"
    "Validate every case, then render them in parallel: one PDF per case, language\n"
    "and copy in DIR, and one line per document in DIR/manifest.jsonl (status ok,\n"
    "invalid, failed or skipped, diagnostics, outputs with size and SHA-256).\n"
    "Directories are searched recursively for *.yaml.  A failing case never stops\n"
    "the others; cases sharing an id are both refused.\n"
    "  -d, --dir DIR      where documents and manifest go (required; must exist)\n"
    "                     (each case's <case>.<lang>.po translation files are read)\n"
    "  -l, --lang LANGS   comma-separated among en fr es ru zh ar (default: each case's)\n"
    "  -j, --jobs N       worker threads (default: the number of CPUs)\n"
    "      --copy KIND    full (default), government or public; may be repeated\n"
    "      --pdfa         PDF/A-1b, for archives (needs Debian's icc-profiles-free)\n"
    "      --resume       skip documents the manifest shows done, input and output\n"
    "                     unchanged and in the same format; redo the rest\n"
    "      --shard I/N    take only shard I of N (1 <= I <= N) of the inputs, for\n"
    "                     several machines; the N shards together take every input once\n"
    "      --force        replace existing regular files (never done otherwise)\n"
    "One batch at a time per DIR (DIR/.spcomm.lock); it removes the temporary files\n"
    "a killed run left there.  Interrupted (SIGINT, SIGTERM), it finishes the\n"
    "documents in flight and exits 1; --resume then completes it.\n"
    "Progress is shown on standard error when it is a terminal.\n";

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
    "through --translations.  See docs/translating.md.\n";

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
	{ "translations", required_argument, NULL, OPT_TRANSLATIONS },
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

int
cli_main(int argc, char **argv)
{
	/* A file size limit must give EFBIG, not kill us with a half-written
	 * file; and a crash must not leave a core file full of victims'
	 * names. */
	signal(SIGXFSZ, SIG_IGN);
	struct rlimit no_core = { 0, 0 };
	setrlimit(RLIMIT_CORE, &no_core);

	if (argc < 2)
		return usage_error("%s", "no command given");
	const char *cmd = argv[1];
	if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0) {
		fputs(usage_text, stdout);
		return finish(SPC_OK);
	}
	if (strcmp(cmd, "-V") == 0 || strcmp(cmd, "--version") == 0) {
		printf("spcomm %s\n", spc_version());
		return finish(SPC_OK);
	}
	const char *help = NULL;
	if (strcmp(cmd, "check") == 0)
		help = check_help;
	else if (strcmp(cmd, "render") == 0)
		help = render_help;
	else if (strcmp(cmd, "forms") == 0)
		help = forms_help;
	else if (strcmp(cmd, "batch") == 0)
		help = batch_help;
	else if (strcmp(cmd, "new") == 0)
		help = new_help;
	else if (strcmp(cmd, "i18n") == 0)
		help = i18n_help;
	else
		return usage_error("unknown command '%s'", cmd);

	const char *data_dir = NULL, *font_dir = getenv("SPCOMM_FONT_DIR");
	const char *out_file = NULL, *out_dir = NULL;
	const char *langs[MAX_LANGS];
	size_t n_langs = 0;
	enum spc_copy copies[MAX_COPIES];
	size_t n_copies = 0;
	const char *translations[MAX_TRANSLATIONS];
	size_t n_translations = 0;
	bool force = false, markdown = false, resume = false, pdfa = false, json_schema = false;
	unsigned jobs = 0, shard = 0, n_shards = 0;
	struct spc_print pr = { .fp = stderr, .format = SPC_FORMAT_TEXT };
	int color = -1;
	char *lang_buf = NULL;
	int c;
	optind = 2;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "hVl:o:d:j:", long_options, NULL)) != -1) {
		switch (c) {
		case 'h':
			fputs(help, stdout);
			free(lang_buf);
			return finish(SPC_OK);
		case 'V':
			printf("spcomm %s\n", spc_version());
			free(lang_buf);
			return finish(SPC_OK);
		case OPT_DATA_DIR: data_dir = optarg; break;
		case OPT_FONT_DIR: font_dir = optarg; break;
		case OPT_COLOR:
			if (strcmp(optarg, "always") == 0) color = 1;
			else if (strcmp(optarg, "never") == 0) color = 0;
			else if (strcmp(optarg, "auto") == 0) color = -1;
			else return usage_error("--color takes auto, always or never, not '%s'", optarg);
			break;
		case OPT_FORMAT:
			if (strcmp(optarg, "json") == 0) pr.format = SPC_FORMAT_JSON;
			else if (strcmp(optarg, "text") == 0) pr.format = SPC_FORMAT_TEXT;
			else return usage_error("--format takes text or json, not '%s'", optarg);
			break;
		case 'l': {
			free(lang_buf);
			lang_buf = strdup(optarg);
			n_langs = 0;
			for (char *save = NULL, *t = strtok_r(lang_buf, ",", &save); t;
			    t = strtok_r(NULL, ",", &save)) {
				if (!spc_output_lang(t)) {
					int r = usage_error("'%s' is not an output language "
					    "(en, fr, es, ru, zh, ar)", t);
					free(lang_buf);
					return r;
				}
				bool dup = false;
				for (size_t i = 0; i < n_langs; i++)
					dup |= strcmp(langs[i], t) == 0;
				if (!dup && n_langs < MAX_LANGS)
					langs[n_langs++] = t;
			}
			break;
		}
		case 'o': out_file = optarg; break;
		case 'd': out_dir = optarg; break;
		case OPT_COPY: {
			enum spc_copy k;
			if (strcmp(optarg, "full") == 0) k = SPC_COPY_FULL;
			else if (strcmp(optarg, "government") == 0) k = SPC_COPY_GOVERNMENT;
			else if (strcmp(optarg, "public") == 0) k = SPC_COPY_PUBLIC;
			else return usage_error("--copy takes full, government or public, not '%s'", optarg);
			bool dup = false;
			for (size_t i = 0; i < n_copies; i++)
				dup |= copies[i] == k;
			if (!dup)
				copies[n_copies++] = k;
			break;
		}
		case OPT_FORCE: force = true; break;
		case OPT_MARKDOWN: markdown = true; break;
		case OPT_JSON_SCHEMA: json_schema = true; break;
		case OPT_RESUME: resume = true; break;
		case OPT_PDFA: pdfa = true; break;
		case OPT_TRANSLATIONS:
			if (n_translations == MAX_TRANSLATIONS) {
				free(lang_buf);
				return usage_error("at most %s --translations files", "16");
			}
			translations[n_translations++] = optarg;
			break;
		case 'j': {
			char *end;
			errno = 0;
			unsigned long v = strtoul(optarg, &end, 10);
			if (errno != 0 || end == optarg || *end != '\0' || *optarg == '-' || v < 1 ||
			    v > 1024) {
				free(lang_buf);
				return usage_error("-j takes a number of threads from 1 to 1024, not '%s'",
				    optarg);
			}
			jobs = (unsigned)v;
			break;
		}
		case OPT_SHARD:
			if (!parse_shard(optarg, &shard, &n_shards)) {
				free(lang_buf);
				return usage_error("--shard takes I/N with 1 <= I <= N, not '%s'", optarg);
			}
			break;
		default:
			free(lang_buf);
			if (optopt >= 256 || optopt == 0)
				return usage_error("unknown or incomplete option '%s'", argv[optind - 1]);
			return usage_error("option needs an argument or is unknown: '%s'", argv[optind - 1]);
		}
	}
	pr.color = color == 1 || (color == -1 && isatty(STDERR_FILENO) && getenv("NO_COLOR") == NULL);
	int nfiles = argc - optind;
	int status = SPC_OK;

	if (strcmp(cmd, "i18n") == 0) {
		const char *word = nfiles > 0 ? argv[optind] : "";
		const char *why = NULL;
		if (strcmp(word, "check") != 0 && strcmp(word, "status") != 0 &&
		    strcmp(word, "extract") != 0)
			why = "i18n takes a word: check, status or extract";
		else if (nfiles > 1 && strcmp(word, "check") == 0)
			why = "i18n check takes no file: it checks locale/; "
			    "'i18n status CASE' lists what a case still needs translated";
		else if (strcmp(word, "extract") == 0 && (nfiles != 2 || n_langs != 1))
			why = "i18n extract takes one language (-l LANG) and one case file";
		else if (n_translations > 0 && nfiles < 2)
			why = "--translations goes with a case file";
		if (why != NULL) {
			free(lang_buf);
			return usage_error("%s", why);
		}
	} else if (strcmp(cmd, "forms") == 0) {
		if (nfiles > 1) {
			free(lang_buf);
			return usage_error("%s", "forms takes at most one form name");
		}
		if (json_schema && (nfiles != 1 || markdown || n_langs > 1)) {
			free(lang_buf);
			return usage_error("%s", nfiles != 1 ? "--json-schema takes one form name "
			    "('spcomm forms' lists them)" : markdown ? "give --json-schema or --markdown, "
			    "not both" : "--json-schema takes one language (-l LANG)");
		}
	} else if (strcmp(cmd, "new") == 0) {
		/* one template, so one language */
		if (nfiles != 1 || n_langs > 1) {
			free(lang_buf);
			return usage_error("%s", nfiles != 1 ? "new takes one form name ('spcomm forms' "
			    "lists them)" : "new takes one language (-l LANG)");
		}
	} else if (nfiles < 1) {
		free(lang_buf);
		return usage_error("%s: no case file given", cmd);
	}
	if (n_translations > 0 && strcmp(cmd, "render") != 0 && strcmp(cmd, "i18n") != 0) {
		free(lang_buf);
		return usage_error("%s", "--translations goes with render, i18n status and i18n "
		    "extract (batch reads each case's <case>.<lang>.po)");
	}
	if (strcmp(cmd, "render") == 0 && nfiles != 1) {
		free(lang_buf);
		return usage_error("%s", "render takes one case file; 'spcomm batch' is for many");
	}
	if (strcmp(cmd, "batch") == 0 && (out_dir == NULL || out_file != NULL)) {
		free(lang_buf);
		return usage_error("%s", "batch writes into a directory: give -d DIR (and no -o)");
	}
	if (out_file && out_dir) {
		free(lang_buf);
		return usage_error("%s", "give -o FILE or -d DIR, not both");
	}
	int64_t epoch = -1;
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	if (sde != NULL && *sde != '\0' && !parse_epoch(sde, &epoch)) {
		free(lang_buf);
		return usage_error("SOURCE_DATE_EPOCH must be a number of seconds, not '%s'", sde);
	}

	struct spc_env *env = spc_env_open(data_dir, font_dir, stderr);
	if (env == NULL) {
		free(lang_buf);
		return SPC_USAGE;
	}
	if (strcmp(cmd, "check") == 0) {
		for (int i = optind; i < argc; i++)
			if (spc_check(env, argv[i], &pr) != SPC_OK)
				status = SPC_INVALID;
	} else if (strcmp(cmd, "render") == 0) {
		struct spc_render_options ro = {
			.langs = langs, .n_langs = n_langs, .copies = copies, .n_copies = n_copies,
			.out_file = out_file, .out_dir = out_dir, .force = force, .pdfa = pdfa,
			.creation_time = epoch, .report = stdout,
			.translations = translations, .n_translations = n_translations,
		};
		status = spc_render(env, argv[optind], &ro, &pr);
	} else if (strcmp(cmd, "batch") == 0) {
		struct spc_batch_options bo = {
			.out_dir = out_dir, .langs = langs, .n_langs = n_langs, .copies = copies,
			.n_copies = n_copies, .jobs = jobs, .force = force, .pdfa = pdfa, .resume = resume,
			.shard = shard, .n_shards = n_shards, .creation_time = epoch,
			.progress = isatty(STDERR_FILENO), .color = pr.color,
		};
		/* installed even if the shell started us with SIGINT ignored (a
		 * background job): a batch must always be stoppable cleanly */
		struct sigaction sa = { .sa_handler = on_stop_signal, .sa_flags = SA_RESTART };
		sigemptyset(&sa.sa_mask);
		sigaction(SIGINT, &sa, NULL);
		sigaction(SIGTERM, &sa, NULL);
		status = spc_batch(env, &bo, (const char *const *)argv + optind,
		    (size_t)(argc - optind), stderr);
	} else if (strcmp(cmd, "new") == 0) {
		status = spc_new(env, argv[optind], n_langs ? langs[0] : NULL, stdout, stderr);
	} else if (strcmp(cmd, "i18n") == 0) {
		if (strcmp(argv[optind], "extract") == 0) {
			struct spc_extract_options eo = {
				.out_file = out_file, .force = force, .translations = translations,
				.n_translations = n_translations,
			};
			status = spc_i18n_extract(env, argv[optind + 1], langs[0], &eo, &pr);
		} else if (nfiles > 1)
			status = spc_i18n_cases(env, (const char *const *)argv + optind + 1,
			    (size_t)nfiles - 1, langs, n_langs, translations, n_translations, stdout,
			    &pr);
		else
			status = spc_i18n(env, argv[optind], stdout, stderr);
	} else if (json_schema) {
		status = spc_forms_schema(env, argv[optind], n_langs ? langs[0] : NULL, stdout, stderr);
	} else {
		status = spc_forms(env, nfiles ? argv[optind] : NULL, markdown, stdout, stderr);
	}
	spc_env_close(env);
	free(lang_buf);
	return finish(status);
}
