/*
 * diag_codes.h - the catalogue of diagnostics: one row per kind of problem,
 * so the enum, the stable code printed in brackets and in JSON, and the
 * severity cannot drift apart.  docs/diagnostics.md explains every code;
 * a test fails when one is undocumented.
 *
 * X(ENUM_SUFFIX, "stable-code", SEVERITY)
 */
#define DIAG_CODES(X) \
	/* input: reading the file and the YAML syntax */ \
	X(IO, "io", ERROR) \
	X(NOT_REGULAR, "not-regular-file", ERROR) \
	X(TOO_LARGE, "file-too-large", ERROR) \
	X(EMPTY, "empty-file", ERROR) \
	X(ENCODING, "encoding", ERROR) \
	X(UTF8, "invalid-utf8", ERROR) \
	X(CONTROL_CHAR, "control-character", ERROR) \
	X(YAML_SYNTAX, "yaml-syntax", ERROR) \
	X(YAML_TAB, "yaml-tab", ERROR) \
	X(YAML_ALIAS, "yaml-alias", ERROR) \
	X(YAML_TAG, "yaml-tag", ERROR) \
	X(YAML_MULTIDOC, "yaml-multiple-documents", ERROR) \
	X(YAML_DUPKEY, "duplicate-key", ERROR) \
	X(YAML_DEPTH, "nesting-too-deep", ERROR) \
	X(YAML_NODES, "too-many-nodes", ERROR) \
	X(YAML_COMPLEX_KEY, "complex-key", ERROR) \
	X(SCALAR_TOO_LONG, "value-too-long", ERROR) \
	/* schema: the case against its form */ \
	X(FORM_UNKNOWN, "unknown-form", ERROR) \
	X(VERSION, "format-version", ERROR) \
	X(UNKNOWN_KEY, "unknown-key", ERROR) \
	X(REQUIRED, "required", ERROR) \
	X(RECOMMENDED, "recommended", WARNING) \
	X(TYPE, "wrong-type", ERROR) \
	X(EMPTY_VALUE, "empty-value", ERROR) \
	X(PLACEHOLDER, "placeholder", ERROR) \
	X(ENUM, "not-in-list", ERROR) \
	X(DATE, "invalid-date", ERROR) \
	X(PDATE, "invalid-partial-date", ERROR) \
	X(TIME, "invalid-time", ERROR) \
	X(INT, "invalid-integer", ERROR) \
	X(BOOL, "invalid-boolean", ERROR) \
	X(COUNTRY, "invalid-country", ERROR) \
	X(LANG, "invalid-language", ERROR) \
	X(EMAIL, "invalid-email", ERROR) \
	X(PATTERN, "invalid-format", ERROR) \
	X(LIST_EMPTY, "list-empty", ERROR) \
	X(LIST_TOO_LONG, "list-too-long", ERROR) \
	X(REF, "unknown-reference", ERROR) \
	X(DUPLICATE_ID, "duplicate-id", ERROR) \
	X(DUPLICATE_ITEM, "duplicate-item", ERROR) \
	X(INVISIBLE_CHAR, "invisible-character", ERROR) \
	X(TOO_MANY_MARKS, "too-many-marks", ERROR) \
	X(BIDI_CONTROL, "bidi-control", ERROR) \
	X(MIXED_SCRIPT, "mixed-script", WARNING) \
	X(UNDRAWABLE, "character-not-supported", ERROR) \
	X(TRANSLATION, "translation", ERROR) \
	X(MANDATE, "unknown-mandate", ERROR) \
	/* rules across fields */ \
	X(DATE_FUTURE, "date-after-submission", ERROR) \
	X(DATE_AFTER_TODAY, "date-after-today", WARNING) \
	X(DATE_ORDER, "date-order", ERROR) \
	X(BIRTH_ORDER, "birth-after-event", ERROR) \
	X(AGE_MISMATCH, "age-mismatch", ERROR) \
	X(RULE, "rule", ERROR) \
	X(RULE_WARNING, "rule-warning", WARNING) \
	/* the forms' own rules with a code of their own (`code:` in the form files) */ \
	X(NAME_NOT_SHARED, "name-not-shared", ERROR) \
	X(FAMILY_CONSENT, "family-consent", ERROR) \
	X(CONSENT_REFUSED, "consent-refused", ERROR) \
	X(CONSENT_REFUSED_COPY, "consent-refused-copy", WARNING) \
	X(CONNECTED_CASE, "connected-case", WARNING) \
	X(DOES_NOT_APPLY, "does-not-apply", WARNING) \
	X(NARRATIVE_WITHHELD, "narrative-withheld", WARNING) \
	X(SCRIPT_UNCHECKED, "script-unchecked", WARNING) \
	X(SOURCE_LEAK, "source-in-narrative", ERROR) \
	X(SOURCE_PART, "source-name-part", WARNING) \
	X(ID_NAMES_PERSON, "id-names-person", WARNING) \
	X(ABBREVIATION, "abbreviation", WARNING) \
	X(VALUE_COMMENT, "comment-after-value", WARNING) \
	X(MEDIA_ONLY, "media-report", WARNING) \
	X(ATTACHMENT, "attachment", ERROR) \
	X(ANNEX_TOO_LARGE, "annex-too-large", ERROR) \
	X(FONTS_UNREADABLE, "fonts-unreadable", WARNING) \
	/* translation files read with the case (po.h) */ \
	X(PO_FILE, "translation-file", ERROR) \
	X(PO_ENTRY, "translation-entry", ERROR) \
	X(PO_STALE, "translation-stale", WARNING) \
	/* across the files of a batch */ \
	X(DUPLICATE_VICTIM, "duplicate-victim", WARNING) \
	/* the form files themselves (errors of the tool's data, not of a case) */ \
	X(FORM_FILE, "form-file", ERROR)
