/*
 * form.c - load forms/<name>.yaml into the form model (see form.h and
 * docs/form-language.md).  Form files go through the same strict loader
 * as case files; every key of the form language is checked here, so a
 * misspelt `requird:` in a form is an error, not a silently optional field.
 */
#include "form.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "intl.h"
#include "ytree.h"

static const char *const type_names[FT__COUNT] = {
	"string", "text", "date", "pdate", "time", "bool", "tri", "int",
	"enum", "country", "lang", "email", "ref", "record", "list", "mandate",
};

const char *
form_type_name(enum field_type t)
{
	return t < FT__COUNT ? type_names[t] : "?";
}

const char *
form_class_name(enum disclosure c)
{
	return c == CLASS_SRC ? "SRC" : c == CLASS_GOV ? "GOV" : "PUB";
}

/* State while loading one form set, kept with it (fs->ld) so that a
 * form can be added when first asked for (form_set_add). */
struct loader {
	struct form_set *fs;
	struct arena *a;
	struct diag_list *dl;   /* of the current call */
	const char *dir;        /* forms/ */
	const char *file;       /* form file being read */
	struct form_field *top; /* common.yaml's `top:`, the fields every form has */
	/* blocks by name; fields referring to a block are resolved at the end */
	struct pending { struct form_field *field; const char *block; const struct ynode *at; } *pending;
	size_t n_pending, cap_pending;
	/* per form, its `overrides:` mapping, applied once blocks are resolved */
	struct override { struct form *form; const struct ynode *map; } *overrides;
	size_t n_overrides;
	/* common.yaml's `triage:`, after each form's own */
	struct form_triage *common_triage;
	size_t n_common_triage;
	/* common.yaml's `rules:`, which every form has after its own */
	struct form_rule *common_rules;
	size_t n_common_rules;
	bool ok;
};

static void
ferr(struct loader *ld, const struct ynode *at, const char *fmt, const char *arg)
{
	char msg[512];
	snprintf(msg, sizeof msg, fmt, arg ? arg : "");
	/* the diagnostic names the form file: the list may be another
	 * file's (a case that asked for this form) */
	diag_add_in(ld->dl, ld->file, DIAG_FORM_FILE, at ? &at->span : NULL, NULL, NULL, "%s",
	    msg);
	ld->ok = false;
}

static const char *
scalar(struct loader *ld, const struct ynode *n, const char *what)
{
	if (n == NULL)
		return NULL;
	if (n->kind != YNODE_SCALAR) {
		ferr(ld, n, "%s must be a scalar", what);
		return NULL;
	}
	return n->text;
}

static const char **
string_list(struct loader *ld, const struct ynode *n, size_t *count, const char *what)
{
	*count = 0;
	if (n == NULL)
		return NULL;
	if (n->kind != YNODE_SEQUENCE) {
		ferr(ld, n, "%s must be a list", what);
		return NULL;
	}
	const char **v = arena_alloc(ld->a, (n->n_children + 1) * sizeof *v);
	for (const struct ynode *c = n->first_child; c; c = c->next) {
		const char *s = scalar(ld, c, what);
		if (s != NULL)
			v[(*count)++] = s;
	}
	return v;
}

static bool
check_keys(struct loader *ld, const struct ynode *map, const char *const *allowed)
{
	bool ok = true;
	for (const struct ynode *c = map->first_child; c; c = c->next) {
		bool found = false;
		for (size_t i = 0; allowed[i]; i++)
			if (strcmp(c->key, allowed[i]) == 0)
				found = true;
		if (!found) {
			ferr(ld, c, "unknown key '%s' in the form language", c->key);
			ok = false;
		}
	}
	return ok;
}

/* The window of a `recent` condition or rule: `days: N` or `months: N`
 * (calendar months, for rules worded "within one year"), exactly one. */
static bool
parse_window(struct loader *ld, const struct ynode *n, int *days, int *months)
{
	const char *d = scalar(ld, ytree_get(n, "days"), "days");
	const char *m = scalar(ld, ytree_get(n, "months"), "months");
	*days = d ? atoi(d) : 0;
	*months = m ? atoi(m) : 0;
	if ((d != NULL) == (m != NULL) || (*days <= 0 && *months <= 0)) {
		ferr(ld, n, "'recent' needs a date path and a positive number of 'days' or "
		    "'months'%s", NULL);
		return false;
	}
	return true;
}

static struct cond *
parse_cond(struct loader *ld, const struct ynode *n)
{
	struct cond *c = arena_alloc(ld->a, sizeof *c);
	if (n->kind == YNODE_SCALAR) {
		if (strcmp(n->text, "true") == 0) {
			c->kind = COND_TRUE;
			return c;
		}
		ferr(ld, n, "a condition is 'true' or a mapping, not '%s'", n->text);
		return NULL;
	}
	if (n->kind != YNODE_MAPPING) {
		ferr(ld, n, "a condition must be a mapping%s", NULL);
		return NULL;
	}
	static const char *const keys[] = { "field", "is", "in", "not_in", "present",
		"all", "any", "not", "recent", "days", "months", "every", "some", "where", NULL };
	if (!check_keys(ld, n, keys))
		return NULL;
	const struct ynode *v;
	if ((v = ytree_get(n, "recent")) != NULL) {
		c->kind = COND_RECENT;
		c->path = scalar(ld, v, "recent");
		if (c->path == NULL || !parse_window(ld, n, &c->days, &c->months))
			return NULL;
		return c;
	}
	if ((v = ytree_get(n, "every")) != NULL || (v = ytree_get(n, "some")) != NULL) {
		/* a quantifier over the items of a list: {every: LIST, where: COND} */
		c->kind = ytree_get(n, "every") ? COND_EVERY : COND_SOME;
		c->path = scalar(ld, v, "every/some");
		const struct ynode *w = ytree_get(n, "where");
		c->subs = arena_alloc(ld->a, sizeof *c->subs);
		c->subs[0] = w ? parse_cond(ld, w) : NULL;
		if (c->path == NULL || c->subs[0] == NULL) {
			ferr(ld, n, "every/some need a list path and 'where'%s", NULL);
			return NULL;
		}
		c->n_subs = 1;
		return c;
	}
	if ((v = ytree_get(n, "all")) != NULL || (v = ytree_get(n, "any")) != NULL) {
		c->kind = ytree_get(n, "all") ? COND_ALL : COND_ANY;
		if (v->kind != YNODE_SEQUENCE) {
			ferr(ld, v, "all/any take a list of conditions%s", NULL);
			return NULL;
		}
		c->subs = arena_alloc(ld->a, (v->n_children + 1) * sizeof *c->subs);
		for (const struct ynode *s = v->first_child; s; s = s->next)
			if ((c->subs[c->n_subs] = parse_cond(ld, s)) != NULL)
				c->n_subs++;
		return c;
	}
	if ((v = ytree_get(n, "not")) != NULL) {
		c->kind = COND_NOT;
		c->subs = arena_alloc(ld->a, sizeof *c->subs);
		c->subs[0] = parse_cond(ld, v);
		c->n_subs = c->subs[0] ? 1 : 0;
		return c;
	}
	c->path = scalar(ld, ytree_get(n, "field"), "field");
	if (c->path == NULL) {
		ferr(ld, n, "a condition needs 'field'%s", NULL);
		return NULL;
	}
	if ((v = ytree_get(n, "is")) != NULL) {
		c->kind = COND_IS;
		c->values = arena_alloc(ld->a, sizeof *c->values);
		c->values[0] = scalar(ld, v, "is");
		c->n_values = 1;
	} else if ((v = ytree_get(n, "in")) != NULL) {
		c->kind = COND_IN;
		c->values = string_list(ld, v, &c->n_values, "in");
	} else if ((v = ytree_get(n, "not_in")) != NULL) {
		c->kind = COND_NOT_IN;
		c->values = string_list(ld, v, &c->n_values, "not_in");
	} else if ((v = ytree_get(n, "present")) != NULL) {
		c->kind = COND_PRESENT;
		const char *s = scalar(ld, v, "present");
		c->present = s == NULL || strcmp(s, "false") != 0;
	} else {
		ferr(ld, n, "a condition needs is, in, not_in or present%s", NULL);
		return NULL;
	}
	return c;
}

/* A value in words (form.h, struct form_value): a path, a list of
 * alternatives, {value: PATH}, or a mapping with `text`.  A triage
 * banner is the last with `quote:` (triage is true). */
static struct form_value *
parse_value(struct loader *ld, const struct ynode *n, bool triage)
{
	struct form_value *fv = arena_alloc(ld->a, sizeof *fv);
	if (n->kind == YNODE_SCALAR) {
		fv->kind = FV_PATH;
		fv->path = n->text;
		return fv;
	}
	if (n->kind == YNODE_SEQUENCE) {
		fv->kind = FV_FIRST;
		fv->args = arena_alloc(ld->a, (n->n_children + 1) * sizeof *fv->args);
		for (const struct ynode *c = n->first_child; c; c = c->next)
			if ((fv->args[fv->n_args] = parse_value(ld, c, false)) != NULL)
				fv->n_args++;
		return fv;
	}
	static const char *const keys[] = { "text", "args", "count", "duration", "when",
		"value", NULL };
	static const char *const tkeys[] = { "text", "args", "count", "duration", "when",
		"quote", NULL };
	static const char *const dkeys[] = { "from", "to", NULL };
	if (!check_keys(ld, n, triage ? tkeys : keys))
		return NULL;
	const struct ynode *v;
	if (!triage && (v = ytree_get(n, "value")) != NULL) {
		fv->kind = FV_RAW;
		fv->path = scalar(ld, v, "value");
		if (n->n_children != 1 || fv->path == NULL) {
			ferr(ld, n, "'value' stands alone: {value: PATH}%s", NULL);
			return NULL;
		}
		return fv;
	}
	fv->kind = FV_TEXT;
	fv->text_key = scalar(ld, ytree_get(n, "text"), "text");
	if (fv->text_key == NULL) {
		ferr(ld, n, "a value in words needs 'text' (a catalog key)%s", NULL);
		return NULL;
	}
	fv->count = scalar(ld, ytree_get(n, "count"), "count");
	if ((v = ytree_get(n, "duration")) != NULL) {
		if (v->kind != YNODE_MAPPING || !check_keys(ld, v, dkeys) ||
		    (fv->from = scalar(ld, ytree_get(v, "from"), "from")) == NULL) {
			ferr(ld, v, "'duration' needs 'from' (and may have 'to')%s", NULL);
			return NULL;
		}
		fv->to = scalar(ld, ytree_get(v, "to"), "to");
	}
	if (fv->count && (fv->from || ytree_get(n, "args"))) {
		ferr(ld, n, "'count' is the pattern's only argument: no 'args' or 'duration' with it%s",
		    NULL);
		return NULL;
	}
	if ((v = ytree_get(n, "when")) != NULL)
		fv->when = parse_cond(ld, v);
	if ((v = ytree_get(n, "args")) != NULL) {
		if (v->kind != YNODE_SEQUENCE) {
			ferr(ld, v, "'args' is a list of values%s", NULL);
			return NULL;
		}
		fv->args = arena_alloc(ld->a, (v->n_children + 1) * sizeof *fv->args);
		for (const struct ynode *c = v->first_child; c; c = c->next)
			if ((fv->args[fv->n_args] = parse_value(ld, c, false)) != NULL)
				fv->n_args++;
	}
	return fv;
}

/* `triage:` of a form or of common.yaml: a list of banners. */
static struct form_triage *
parse_triage(struct loader *ld, const struct ynode *n, size_t *count)
{
	*count = 0;
	if (n == NULL)
		return NULL;
	if (n->kind != YNODE_SEQUENCE) {
		ferr(ld, n, "'triage' is a list of banners%s", NULL);
		return NULL;
	}
	struct form_triage *t = arena_alloc(ld->a, (n->n_children + 1) * sizeof *t);
	for (const struct ynode *c = n->first_child; c; c = c->next) {
		if (c->kind != YNODE_MAPPING) {
			ferr(ld, c, "a triage banner is a mapping with 'text'%s", NULL);
			continue;
		}
		struct form_triage *b = &t[*count];
		if ((b->line = parse_value(ld, c, true)) == NULL)
			continue;
		b->quote = string_list(ld, ytree_get(c, "quote"), &b->n_quote, "quote");
		(*count)++;
	}
	return t;
}

static bool
parse_type(const char *s, enum field_type *t)
{
	for (int i = 0; i < FT__COUNT; i++)
		if (strcmp(s, type_names[i]) == 0) {
			*t = (enum field_type)i;
			return true;
		}
	return false;
}

/* f is a record of block `name`; its members are copied once every block
 * is known (resolve_pending). */
static void
use_block(struct loader *ld, struct form_field *f, const char *name, const struct ynode *at)
{
	f->type = FT_RECORD;
	f->block = name;
	if (ld->n_pending == ld->cap_pending) {
		ld->cap_pending = ld->cap_pending ? 2 * ld->cap_pending : 64;
		ld->pending = xrealloc(ld->pending, ld->cap_pending * sizeof *ld->pending);
	}
	ld->pending[ld->n_pending++] = (struct pending){ f, name, at };
}

static struct form_field *parse_field(struct loader *ld, const char *name,
    const struct ynode *def, const char *label_key);

static bool
parse_members(struct loader *ld, struct form_field *f, const struct ynode *fields,
    const char *scope)
{
	if (fields->kind != YNODE_MAPPING) {
		ferr(ld, fields, "'fields' must be a mapping of field names%s", NULL);
		return false;
	}
	f->fields = arena_alloc(ld->a, (fields->n_children + 1) * sizeof *f->fields);
	for (const struct ynode *c = fields->first_child; c; c = c->next) {
		const char *key = arena_printf(ld->a, "%s.%s", scope, c->key);
		struct form_field *m = parse_field(ld, c->key, c, key);
		if (m != NULL)
			f->fields[f->n_fields++] = m;
	}
	return true;
}

/* The parts of a field definition that a block definition shares. */
static void
parse_record_rules(struct loader *ld, struct form_field *f, const struct ynode *def)
{
	f->one_of_required = string_list(ld, ytree_get(def, "one_of_required"),
	    &f->n_one_of_required, "one_of_required");
	f->one_of_missing = scalar(ld, ytree_get(def, "one_of_missing"), "one_of_missing");
	f->one_of_recommended = string_list(ld, ytree_get(def, "one_of_recommended"),
	    &f->n_one_of_recommended, "one_of_recommended");
}

static bool
parse_class(struct loader *ld, const struct ynode *v, enum disclosure *c)
{
	const char *s = scalar(ld, v, "class");
	if (s == NULL)
		return false;
	if (strcmp(s, "SRC") == 0)
		*c = CLASS_SRC;
	else if (strcmp(s, "GOV") == 0)
		*c = CLASS_GOV;
	else if (strcmp(s, "PUB") == 0)
		*c = CLASS_PUB;
	else {
		ferr(ld, v, "class must be SRC, GOV or PUB, not '%s'", s);
		return false;
	}
	return true;
}

static void
parse_identity(struct loader *ld, const struct ynode *v, enum identity_kind *k)
{
	static const char *const names[] = { "none", "organization", "phone", "address",
		"reference", NULL };
	static const enum identity_kind kinds[] = { ID_NONE, ID_ORGANIZATION, ID_PHONE,
		ID_ADDRESS, ID_REFERENCE };
	const char *s = scalar(ld, v, "identity");
	if (s == NULL)
		return;
	for (size_t i = 0; names[i]; i++)
		if (strcmp(s, names[i]) == 0) {
			*k = kinds[i];
			return;
		}
	ferr(ld, v, "identity must be none, organization, phone, address or reference, not '%s'", s);
}

static struct form_field *
parse_field(struct loader *ld, const char *name, const struct ynode *def,
    const char *label_key)
{
	static const char *const keys[] = { "type", "values", "fields", "of",
		"min_items", "required", "recommended", "class", "translatable",
		"pattern", "not_after", "not_before", "refs", "default", "must_be",
		"one_of_required", "one_of_missing", "one_of_recommended", "min_precision", "missing",
		"identity", "aliases", NULL };
	if (def->kind != YNODE_MAPPING) {
		ferr(ld, def, "field '%s' must be a mapping", name);
		return NULL;
	}
	check_keys(ld, def, keys);
	struct form_field *f = arena_alloc(ld->a, sizeof *f);
	f->name = name;
	f->label_key = label_key;
	const char *type = scalar(ld, ytree_get(def, "type"), "type");
	if (type == NULL) {
		ferr(ld, def, "field '%s' has no type", name);
		return NULL;
	}
	if (!parse_type(type, &f->type)) {
		/* a block name: resolved once every block is known */
		use_block(ld, f, type, def);
	}
	const struct ynode *v;
	if ((v = ytree_get(def, "class")) != NULL)
		f->class_set = parse_class(ld, v, &f->class);
	if ((v = ytree_get(def, "translatable")) != NULL)
		f->translatable = scalar(ld, v, "translatable") &&
		    strcmp(v->text, "true") == 0;
	if ((v = ytree_get(def, "identity")) != NULL)
		parse_identity(ld, v, &f->identity);
	if ((v = ytree_get(def, "required")) != NULL)
		f->required = parse_cond(ld, v);
	if ((v = ytree_get(def, "recommended")) != NULL)
		f->recommended = parse_cond(ld, v);
	f->values = string_list(ld, ytree_get(def, "values"), &f->n_values, "values");
	if (f->type == FT_ENUM && f->n_values == 0)
		ferr(ld, def, "enum field '%s' needs values", name);
	f->pattern = scalar(ld, ytree_get(def, "pattern"), "pattern");
	f->not_after = scalar(ld, ytree_get(def, "not_after"), "not_after");
	f->not_before = scalar(ld, ytree_get(def, "not_before"), "not_before");
	f->refs = scalar(ld, ytree_get(def, "refs"), "refs");
	f->default_value = scalar(ld, ytree_get(def, "default"), "default");
	f->must_be = scalar(ld, ytree_get(def, "must_be"), "must_be");
	f->missing = scalar(ld, ytree_get(def, "missing"), "missing");
	f->aliases = string_list(ld, ytree_get(def, "aliases"), &f->n_aliases, "aliases");
	if ((v = ytree_get(def, "min_precision")) != NULL && scalar(ld, v, "min_precision"))
		f->min_precision = atoi(v->text);
	if ((v = ytree_get(def, "min_items")) != NULL && scalar(ld, v, "min_items"))
		f->min_items = (size_t)strtoul(v->text, NULL, 10);
	parse_record_rules(ld, f, def);
	if ((v = ytree_get(def, "fields")) != NULL) {
		if (f->type == FT_LIST) {
			/* list of inline records */
			f->item = arena_alloc(ld->a, sizeof *f->item);
			f->item->name = name;
			f->item->label_key = label_key;
			f->item->type = FT_RECORD;
			parse_members(ld, f->item, v, label_key);
			parse_record_rules(ld, f->item, def);
		} else if (f->type == FT_RECORD && f->block == NULL) {
			parse_members(ld, f, v, label_key);
		} else {
			ferr(ld, v, "'fields' is only for record and list fields (in '%s')", name);
		}
	} else if (f->type == FT_RECORD && f->block == NULL) {
		ferr(ld, def, "record field '%s' needs 'fields'", name);
	}
	if (f->type == FT_LIST && f->item == NULL) {
		const char *of = scalar(ld, ytree_get(def, "of"), "of");
		if (of == NULL) {
			ferr(ld, def, "list field '%s' needs 'of' or 'fields'", name);
		} else {
			/* The element is described by the list's own keys that
			 * apply to scalars (values, pattern, refs...). */
			struct form_field *it = arena_alloc(ld->a, sizeof *it);
			*it = *f;
			it->item = NULL;
			it->required = NULL;
			it->recommended = NULL;
			it->min_items = 0;
			if (!parse_type(of, &it->type)) {
				use_block(ld, it, of, def);
			}
			f->item = it;
			f->values = NULL;
			f->n_values = 0;
		}
	}
	return f;
}

static struct form_field *
find_block(const struct form_set *fs, const char *name)
{
	for (size_t i = 0; i < fs->n_blocks; i++)
		if (strcmp(fs->blocks[i]->block, name) == 0)
			return fs->blocks[i];
	return NULL;
}

static void
resolve_pending(struct loader *ld)
{
	/* Blocks may use blocks (person uses name and consent); resolving in
	 * rounds copies members once their own block is complete.  A cycle
	 * leaves fields unresolved and is reported. */
	bool progress = true;
	size_t left = ld->n_pending;
	while (left > 0 && progress) {
		progress = false;
		left = 0;
		for (size_t i = 0; i < ld->n_pending; i++) {
			struct pending *p = &ld->pending[i];
			if (p->field == NULL)
				continue;
			struct form_field *b = find_block(ld->fs, p->block);
			if (b == NULL) {
				ferr(ld, p->at, "unknown type or block '%s'", p->block);
				p->field = NULL;
				continue;
			}
			/* a block is complete when none of its members is pending */
			bool ready = true;
			for (size_t j = 0; j < ld->n_pending; j++)
				for (size_t k = 0; k < b->n_fields; k++)
					if (ld->pending[j].field == b->fields[k] && j != i)
						ready = false;
			if (!ready) {
				left++;
				continue;
			}
			p->field->fields = b->fields;
			p->field->n_fields = b->n_fields;
			p->field->one_of_required = b->one_of_required;
			p->field->n_one_of_required = b->n_one_of_required;
			p->field->one_of_missing = b->one_of_missing;
			p->field->one_of_recommended = b->one_of_recommended;
			p->field->n_one_of_recommended = b->n_one_of_recommended;
			if (!p->field->class_set && b->class_set) {
				p->field->class = b->class;
				p->field->class_set = true;
			}
			p->field = NULL;
			progress = true;
		}
	}
	if (left > 0)
		ferr(ld, NULL, "blocks refer to each other in a cycle%s", NULL);
	ld->n_pending = 0;
}

/* The root mapping of the form file at path (ld->file), or NULL with
 * the problems in ld->dl. */
static const struct ynode *
load_yaml(struct loader *ld, const char *path)
{
	struct ytree tree;
	if (!ytree_load_file(path, ld->a, &tree, NULL, NULL, ld->dl)) {
		ld->ok = false;
		return NULL;
	}
	if (tree.root == NULL || tree.root->kind != YNODE_MAPPING) {
		ferr(ld, tree.root, "a form file is a mapping%s", NULL);
		return NULL;
	}
	return tree.root;
}

static bool parse_rule(struct loader *ld, const struct ynode *s, struct form_rule *ru);

static bool
load_common(struct loader *ld, const char *dir, struct form_field **top)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/common.yaml", dir);
	ld->file = arena_strdup(ld->a, path);
	const struct ynode *root = load_yaml(ld, path);
	if (root == NULL)
		return false;
	static const char *const keys[] = { "blocks", "top", "triage", "rules", NULL };
	check_keys(ld, root, keys);
	ld->common_triage = parse_triage(ld, ytree_get(root, "triage"), &ld->n_common_triage);
	const struct ynode *blocks = ytree_get(root, "blocks");
	const struct ynode *topn = ytree_get(root, "top");
	if (blocks == NULL || blocks->kind != YNODE_MAPPING || topn == NULL) {
		ferr(ld, root, "common.yaml needs 'blocks' and 'top' mappings%s", NULL);
		return false;
	}
	ld->fs->blocks = arena_alloc(ld->a, (blocks->n_children + 1) * sizeof *ld->fs->blocks);
	static const char *const bkeys[] = { "class", "fields", "one_of_required",
		"one_of_missing", "one_of_recommended", NULL };
	for (const struct ynode *b = blocks->first_child; b; b = b->next) {
		if (b->kind != YNODE_MAPPING) {
			ferr(ld, b, "block '%s' must be a mapping", b->key);
			continue;
		}
		check_keys(ld, b, bkeys);
		struct form_field *f = arena_alloc(ld->a, sizeof *f);
		f->name = b->key;
		f->label_key = b->key;
		f->type = FT_RECORD;
		f->block = b->key;
		const struct ynode *v;
		if ((v = ytree_get(b, "class")) != NULL)
			f->class_set = parse_class(ld, v, &f->class);
		parse_record_rules(ld, f, b);
		if ((v = ytree_get(b, "fields")) != NULL)
			parse_members(ld, f, v, b->key);
		else
			ferr(ld, b, "block '%s' needs fields", b->key);
		ld->fs->blocks[ld->fs->n_blocks++] = f;
	}
	struct form_field *t = arena_alloc(ld->a, sizeof *t);
	t->name = "";
	t->label_key = "top";
	t->type = FT_RECORD;
	parse_members(ld, t, topn, "top");
	*top = t;
	const struct ynode *rules = ytree_get(root, "rules");
	if (rules != NULL && rules->kind == YNODE_SEQUENCE) {
		ld->common_rules = arena_alloc(ld->a, (rules->n_children + 1) * sizeof *ld->common_rules);
		for (const struct ynode *s = rules->first_child; s; s = s->next)
			if (parse_rule(ld, s, &ld->common_rules[ld->n_common_rules]))
				ld->n_common_rules++;
	}
	return ld->ok;
}

/* A rule's own diagnostic code (`code: consent-refused`): one of the
 * catalogue's codes of the rules band (diag_codes.h, from DIAG_RULE on),
 * whose severity is then the rule's; `severity`, if also written, must
 * agree with it. */
static bool
rule_code(struct loader *ld, const struct ynode *s, const char *name, const char *sev,
    struct form_rule *ru)
{
	for (int c = DIAG_RULE; c < DIAG__COUNT; c++) {
		if (strcmp(diag_code_name((enum diag_code)c), name) != 0)
			continue;
		bool warning = diag_code_severity((enum diag_code)c) == DIAG_WARNING;
		if (sev != NULL && warning != (strcmp(sev, "warning") == 0)) {
			ferr(ld, s, "code '%s' has another severity than the rule's", name);
			return false;
		}
		ru->code = (enum diag_code)c;
		ru->warning = warning;
		return true;
	}
	ferr(ld, s, "unknown diagnostic code '%s' (diag_codes.h, rules band)", name);
	return false;
}

static bool
parse_rule(struct loader *ld, const struct ynode *s, struct form_rule *ru)
{
	static const char *const rkeys[] = { "some", "every", "check", "recent", "days",
		"months", "where", "when", "message", "hint", "code", "severity", "at", NULL };
	if (s->kind != YNODE_MAPPING || !check_keys(ld, s, rkeys))
		return false;
	const struct ynode *v;
	memset(ru, 0, sizeof *ru);
	if ((v = ytree_get(s, "some")) != NULL || (v = ytree_get(s, "every")) != NULL) {
		ru->kind = ytree_get(s, "some") ? RULE_SOME : RULE_EVERY;
		ru->list = scalar(ld, v, "list");
		if ((v = ytree_get(s, "where")) != NULL)
			ru->where = parse_cond(ld, v);
		if (ru->where == NULL) {
			ferr(ld, s, "a some/every rule needs 'where'%s", NULL);
			return false;
		}
	} else if ((v = ytree_get(s, "check")) != NULL) {
		ru->kind = RULE_CHECK;
		ru->where = parse_cond(ld, v);
		if (ru->where == NULL)
			return false;
	} else if ((v = ytree_get(s, "recent")) != NULL) {
		ru->kind = RULE_RECENT;
		ru->list = scalar(ld, v, "recent");
		if (ru->list == NULL || !parse_window(ld, s, &ru->days, &ru->months))
			return false;
	} else {
		ferr(ld, s, "a rule is some, every, check or recent%s", NULL);
		return false;
	}
	if ((v = ytree_get(s, "when")) != NULL)
		ru->when = parse_cond(ld, v);
	ru->message = scalar(ld, ytree_get(s, "message"), "message");
	ru->at = scalar(ld, ytree_get(s, "at"), "at");
	const char *sev = scalar(ld, ytree_get(s, "severity"), "severity");
	if (sev != NULL && strcmp(sev, "warning") != 0 && strcmp(sev, "error") != 0)
		ferr(ld, s, "severity is error or warning, not '%s'", sev);
	ru->warning = sev != NULL && strcmp(sev, "warning") == 0;
	ru->code = ru->warning ? DIAG_RULE_WARNING : DIAG_RULE;
	ru->hint = scalar(ld, ytree_get(s, "hint"), "hint");
	const char *code = scalar(ld, ytree_get(s, "code"), "code");
	if (code != NULL && !rule_code(ld, s, code, sev, ru))
		return false;
	if (ru->message == NULL) {
		ferr(ld, s, "a rule needs a 'message'%s", NULL);
		return false;
	}
	return true;
}

/* A private copy of member `name` of rec (whose fields array is private),
 * so that an override changes this form only: blocks and the common top
 * fields are shared by every form. */
static struct form_field *
own_member(struct loader *ld, struct form_field *rec, const char *name)
{
	for (size_t i = 0; i < rec->n_fields; i++) {
		if (strcmp(rec->fields[i]->name, name) != 0)
			continue;
		struct form_field *m = arena_alloc(ld->a, sizeof *m);
		*m = *rec->fields[i];
		if (m->n_fields > 0) {
			struct form_field **a = arena_alloc(ld->a, m->n_fields * sizeof *a);
			memcpy(a, m->fields, m->n_fields * sizeof *a);
			m->fields = a;
		}
		if (m->item != NULL) {
			struct form_field *it = arena_alloc(ld->a, sizeof *it);
			*it = *m->item;
			if (it->n_fields > 0) {
				struct form_field **a = arena_alloc(ld->a, it->n_fields * sizeof *a);
				memcpy(a, it->fields, it->n_fields * sizeof *a);
				it->fields = a;
			}
			m->item = it;
		}
		rec->fields[i] = m;
		return m;
	}
	return NULL;
}

static void
apply_overrides(struct loader *ld, struct form *fm, const struct ynode *map)
{
	static const char *const okeys[] = { "required", "recommended", "must_be",
		"min_precision", "missing", NULL };
	for (const struct ynode *o = map->first_child; o; o = o->next) {
		if (o->kind != YNODE_MAPPING) {
			ferr(ld, o, "override '%s' must be a mapping", o->key);
			continue;
		}
		check_keys(ld, o, okeys);
		struct form_field *f = fm->root;
		char part[128];
		const char *p = o->key;
		while (f != NULL && *p) {
			const char *dot = strchr(p, '.');
			size_t n = dot ? (size_t)(dot - p) : strlen(p);
			if (n >= sizeof part) {
				f = NULL;
				break;
			}
			memcpy(part, p, n);
			part[n] = '\0';
			struct form_field *rec = f->type == FT_LIST ? f->item : f;
			f = rec ? own_member(ld, rec, part) : NULL;
			p += n + (dot != NULL);
		}
		if (f == NULL) {
			ferr(ld, o, "override of unknown field '%s'", o->key);
			continue;
		}
		const struct ynode *v;
		if ((v = ytree_get(o, "required")) != NULL)
			f->required = parse_cond(ld, v);
		if ((v = ytree_get(o, "recommended")) != NULL)
			f->recommended = parse_cond(ld, v);
		if ((v = ytree_get(o, "must_be")) != NULL)
			f->must_be = scalar(ld, v, "must_be");
		if ((v = ytree_get(o, "missing")) != NULL)
			f->missing = scalar(ld, v, "missing");
		if ((v = ytree_get(o, "min_precision")) != NULL && scalar(ld, v, "min_precision"))
			f->min_precision = atoi(v->text);
	}
}

static struct form *
load_form(struct loader *ld, const char *path, const struct form_field *top)
{
	ld->file = arena_strdup(ld->a, path);
	const struct ynode *root = load_yaml(ld, path);
	if (root == NULL)
		return NULL;
	static const char *const keys[] = { "form", "title", "banner", "addressees",
		"event_dates", "summary", "fields", "sections", "rules", "overrides", "facts",
		"numbering", "triage", "subject", NULL };
	check_keys(ld, root, keys);
	struct form *fm = arena_alloc(ld->a, sizeof *fm);
	fm->file = ld->file;
	fm->key = scalar(ld, ytree_get(root, "form"), "form");
	fm->title_key = scalar(ld, ytree_get(root, "title"), "title");
	fm->banner = scalar(ld, ytree_get(root, "banner"), "banner");
	const char *numbering = scalar(ld, ytree_get(root, "numbering"), "numbering");
	fm->numbered = numbering == NULL || strcmp(numbering, "auto") == 0;
	if (numbering != NULL && !fm->numbered && strcmp(numbering, "none") != 0)
		ferr(ld, root, "numbering is auto or none, not '%s'", numbering);
	if (fm->key == NULL || fm->title_key == NULL) {
		ferr(ld, root, "a form needs 'form' and 'title'%s", NULL);
		return NULL;
	}
	const struct ynode *v = ytree_get(root, "addressees");
	if (v != NULL && v->kind == YNODE_SCALAR && strcmp(v->text, "free") == 0)
		fm->addressees_free = true;
	else
		fm->addressees_fixed = string_list(ld, v, &fm->n_addressees_fixed, "addressees");
	if ((v = ytree_get(root, "summary")) != NULL && v->kind == YNODE_MAPPING) {
		static const char *const sk[] = { "who", "what", "where", "when", NULL };
		check_keys(ld, v, sk);
		for (int i = 0; i < 4; i++) {
			const struct ynode *e = ytree_get(v, sk[i]);
			fm->summary[i] = e ? parse_value(ld, e, false) : NULL;
		}
	}
	if ((v = ytree_get(root, "subject")) != NULL) {
		if (v->kind != YNODE_SEQUENCE) {
			ferr(ld, v, "'subject' is a list of values in words%s", NULL);
		} else {
			fm->subject = arena_alloc(ld->a, (v->n_children + 1) * sizeof *fm->subject);
			for (const struct ynode *c = v->first_child; c; c = c->next)
				if ((fm->subject[fm->n_subject] = parse_value(ld, c, false)) != NULL)
					fm->n_subject++;
		}
	}
	/* the form's banners, then those every form has (common.yaml) */
	size_t n_own;
	struct form_triage *own_triage = parse_triage(ld, ytree_get(root, "triage"), &n_own);
	fm->triage = arena_alloc(ld->a, (n_own + ld->n_common_triage + 1) * sizeof *fm->triage);
	for (size_t i = 0; i < n_own; i++)
		fm->triage[fm->n_triage++] = own_triage[i];
	for (size_t i = 0; i < ld->n_common_triage; i++)
		fm->triage[fm->n_triage++] = ld->common_triage[i];
	fm->event_dates = string_list(ld, ytree_get(root, "event_dates"),
	    &fm->n_event_dates, "event_dates");

	/* The root record: the common top fields, then the form's own. */
	struct form_field own = { 0 };
	const struct ynode *fields = ytree_get(root, "fields");
	if (fields != NULL)
		parse_members(ld, &own, fields, fm->key);
	struct form_field *r = arena_alloc(ld->a, sizeof *r);
	r->name = "";
	r->label_key = fm->key;
	r->type = FT_RECORD;
	r->fields = arena_alloc(ld->a, (top->n_fields + own.n_fields + 1) * sizeof *r->fields);
	for (size_t i = 0; i < top->n_fields; i++)
		r->fields[r->n_fields++] = top->fields[i];
	for (size_t i = 0; i < own.n_fields; i++) {
		if (form_member(top, own.fields[i]->name) != NULL) {
			ferr(ld, fields, "field '%s' is already a common top-level field",
			    own.fields[i]->name);
			continue;
		}
		r->fields[r->n_fields++] = own.fields[i];
	}
	fm->root = r;

	const struct ynode *secs = ytree_get(root, "sections");
	if (secs == NULL || secs->kind != YNODE_SEQUENCE) {
		ferr(ld, root, "a form needs a list of 'sections'%s", NULL);
		return NULL;
	}
	fm->sections = arena_alloc(ld->a, (secs->n_children + 1) * sizeof *fm->sections);
	static const char *const skeys[] = { "id", "fields", NULL };
	for (const struct ynode *s = secs->first_child; s; s = s->next) {
		if (s->kind != YNODE_MAPPING) {
			ferr(ld, s, "a section must be a mapping%s", NULL);
			continue;
		}
		check_keys(ld, s, skeys);
		struct form_section *sec = &fm->sections[fm->n_sections++];
		sec->id = scalar(ld, ytree_get(s, "id"), "id");
		sec->title_key = arena_printf(ld->a, "%s.section.%s", fm->key,
		    sec->id ? sec->id : "?");
		sec->fields = string_list(ld, ytree_get(s, "fields"), &sec->n_fields, "fields");
		for (size_t i = 0; i < sec->n_fields; i++)
			if (form_member(r, sec->fields[i]) == NULL)
				ferr(ld, s, "section lists unknown field '%s'", sec->fields[i]);
	}

	const struct ynode *rules = ytree_get(root, "rules");
	size_t n_own_rules = rules != NULL && rules->kind == YNODE_SEQUENCE ? rules->n_children : 0;
	fm->rules = arena_alloc(ld->a, (n_own_rules + ld->n_common_rules + 1) * sizeof *fm->rules);
	for (const struct ynode *s = n_own_rules ? rules->first_child : NULL; s; s = s->next)
		if (parse_rule(ld, s, &fm->rules[fm->n_rules]))
			fm->n_rules++;
	for (size_t i = 0; i < ld->n_common_rules; i++)
		fm->rules[fm->n_rules++] = ld->common_rules[i];
	const struct ynode *facts = ytree_get(root, "facts");
	if (facts != NULL && facts->kind == YNODE_SEQUENCE) {
		fm->facts = arena_alloc(ld->a, (facts->n_children + 1) * sizeof *fm->facts);
		static const char *const fkeys[] = { "section", "text", "duration", "when", NULL };
		static const char *const dkeys[] = { "from", "to", NULL };
		for (const struct ynode *s = facts->first_child; s; s = s->next) {
			if (s->kind != YNODE_MAPPING || !check_keys(ld, s, fkeys))
				continue;
			struct form_fact *fa = &fm->facts[fm->n_facts];
			fa->section = scalar(ld, ytree_get(s, "section"), "section");
			fa->text_key = scalar(ld, ytree_get(s, "text"), "text");
			if ((v = ytree_get(s, "duration")) != NULL && v->kind == YNODE_MAPPING &&
			    check_keys(ld, v, dkeys)) {
				fa->from = scalar(ld, ytree_get(v, "from"), "from");
				fa->to = scalar(ld, ytree_get(v, "to"), "to");
			}
			if ((v = ytree_get(s, "when")) != NULL)
				fa->when = parse_cond(ld, v);
			bool known = false;
			for (size_t i = 0; fa->section && i < fm->n_sections; i++)
				known |= fm->sections[i].id && strcmp(fm->sections[i].id, fa->section) == 0;
			if (!known || fa->text_key == NULL) {
				ferr(ld, s, "a fact needs 'text' and the id of one of the form's sections%s", NULL);
				continue;
			}
			fm->n_facts++;
		}
	}
	const struct ynode *ov = ytree_get(root, "overrides");
	if (ov != NULL) {
		if (ov->kind != YNODE_MAPPING) {
			ferr(ld, ov, "'overrides' maps field paths to changes%s", NULL);
		} else {
			ld->overrides = xrealloc(ld->overrides, (ld->n_overrides + 1) * sizeof *ld->overrides);
			ld->overrides[ld->n_overrides++] = (struct override){ fm, ov };
		}
	}
	return fm;
}

/* An address as forms/mandates.yaml writes one: ASCII letters, digits and
 * . _ - around one '@', and a dot in the domain. */
static bool
plain_address(const char *s)
{
	const char *at = strchr(s, '@');
	if (at == NULL || at == s || strchr(at + 1, '.') == NULL)
		return false;
	for (const char *p = s; *p; p++)
		if (p != at && !isalnum((unsigned char)*p) && strchr("._-", *p) == NULL)
			return false;
	return at[1] != '.' && s[strlen(s) - 1] != '.';
}

static bool
is_url(const char *s)
{
	return (strncmp(s, "https://", 8) == 0 && s[8] != '\0') ||
	    (strncmp(s, "http://", 7) == 0 && s[7] != '\0');
}

/* A required scalar key of a mandates.yaml mapping: NULL (and an error
 * naming the entry) when absent. */
static const char *
entry_key(struct loader *ld, const struct ynode *m, const char *key)
{
	const struct ynode *n = ytree_get(m, key);
	if (n == NULL) {
		ferr(ld, m, "%s", arena_printf(ld->a, "'%s' needs '%s'", m->key, key));
		return NULL;
	}
	return scalar(ld, n, key);
}

/* The record of where and when an entry was read: `source` (and, for a
 * mandate, `address_source`) a URL, `checked` a date. */
static bool
provenance(struct loader *ld, const struct ynode *m, const char **source, const char **checked)
{
	*source = entry_key(ld, m, "source");
	*checked = entry_key(ld, m, "checked");
	bool ok = true;
	if (*source != NULL && !is_url(*source)) {
		ferr(ld, ytree_get(m, "source"), "'source' is the URL of the page read, not '%s'", *source);
		ok = false;
	}
	struct pdate d;
	char why[128];
	if (*checked != NULL && !intl_parse_date(*checked, false, &d, why, sizeof why)) {
		ferr(ld, ytree_get(m, "checked"), "'checked' is the date the source was read (YYYY-MM-DD), not '%s'",
		    *checked);
		ok = false;
	}
	return ok && *source != NULL && *checked != NULL;
}

static void
load_mandate(struct loader *ld, const struct ynode *c, struct mandate *md)
{
	md->key = c->key;
	md->name_key = scalar(ld, ytree_get(c, "name"), "name");
	if (md->name_key == NULL)
		md->name_key = arena_printf(ld->a, "mandate.%s", c->key);
	md->email = entry_key(ld, c, "email");
	if (md->email != NULL && !plain_address(md->email))
		ferr(ld, ytree_get(c, "email"), "'email' is one plain address, not '%s'", md->email);
	const char *kind = entry_key(ld, c, "kind");
	if (kind != NULL && strcmp(kind, "thematic") != 0 && strcmp(kind, "country") != 0)
		ferr(ld, ytree_get(c, "kind"), "'kind' is thematic or country, not '%s'", kind);
	md->kind = kind != NULL && strcmp(kind, "country") == 0 ? MANDATE_COUNTRY : MANDATE_THEMATIC;
	provenance(ld, c, &md->source, &md->checked);
	const char *conf = entry_key(ld, c, "address_confirmed");
	if (conf != NULL && strcmp(conf, "true") != 0 && strcmp(conf, "false") != 0)
		ferr(ld, ytree_get(c, "address_confirmed"), "'address_confirmed' is true or false, not '%s'", conf);
	md->address_confirmed = conf != NULL && strcmp(conf, "true") == 0;
	md->address_source = scalar(ld, ytree_get(c, "address_source"), "address_source");
	if (md->address_confirmed && md->address_source == NULL)
		ferr(ld, c, "%s", arena_printf(ld->a, "'%s': a confirmed address needs 'address_source', "
		    "the URL that gives it", c->key));
	else if (md->address_source != NULL && !is_url(md->address_source))
		ferr(ld, ytree_get(c, "address_source"), "'address_source' is a URL, not '%s'", md->address_source);
}

static bool
load_mandates(struct loader *ld, const char *dir)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/mandates.yaml", dir);
	ld->file = arena_strdup(ld->a, path);
	const struct ynode *root = load_yaml(ld, path);
	if (root == NULL)
		return false;
	static const char *const top[] = { "mandates", "reprisals", NULL };
	check_keys(ld, root, top);
	const struct ynode *m = ytree_get(root, "mandates");
	if (m == NULL || m->kind != YNODE_MAPPING) {
		ferr(ld, root, "mandates.yaml needs a 'mandates' mapping%s", NULL);
		return false;
	}
	ld->fs->mandates = arena_alloc(ld->a, (m->n_children + 1) * sizeof *ld->fs->mandates);
	static const char *const keys[] = { "name", "email", "kind", "source", "checked",
		"address_confirmed", "address_source", NULL };
	for (const struct ynode *c = m->first_child; c; c = c->next) {
		if (c->kind != YNODE_MAPPING) {
			ferr(ld, c, "a mandate is a mapping (email, kind, source, checked...)%s", NULL);
			continue;
		}
		if (check_keys(ld, c, keys))
			load_mandate(ld, c, &ld->fs->mandates[ld->fs->n_mandates++]);
	}
	/* where a case that fears reprisals sends a copy */
	const struct ynode *r = ytree_get(root, "reprisals");
	static const char *const rkeys[] = { "email", "source", "checked", NULL };
	if (r == NULL || r->kind != YNODE_MAPPING) {
		ferr(ld, r ? r : root, "mandates.yaml needs a 'reprisals' mapping (email, source, checked)%s", NULL);
	} else if (check_keys(ld, r, rkeys)) {
		struct reprisals_address *ra = &ld->fs->reprisals;
		ra->email = entry_key(ld, r, "email");
		if (ra->email != NULL && !plain_address(ra->email))
			ferr(ld, ytree_get(r, "email"), "'email' is one plain address, not '%s'", ra->email);
		provenance(ld, r, &ra->source, &ra->checked);
	}
	return true;
}

/* The field at a dotted path from the root record (a leading '/'
 * allowed), through list items; NULL when the form has none. */
static const struct form_field *
field_at(const struct form_field *rec, const char *path)
{
	if (*path == '/')
		path++;
	while (rec != NULL && *path) {
		while (rec != NULL && rec->type == FT_LIST)
			rec = rec->item;
		if (rec == NULL)
			return NULL;
		size_t n = strcspn(path, ".");
		const struct form_field *next = NULL;
		for (size_t i = 0; i < rec->n_fields; i++)
			if (strlen(rec->fields[i]->name) == n &&
			    strncmp(rec->fields[i]->name, path, n) == 0)
				next = rec->fields[i];
		rec = next;
		path += n + (path[n] == '.');
	}
	return rec;
}

static void
check_value_paths(struct loader *ld, const struct form *fm, const struct form_value *fv)
{
	if (fv == NULL)
		return;
	const char *paths[4] = { fv->path, fv->count, fv->from, fv->to };
	for (int i = 0; i < 4; i++)
		if (paths[i] && field_at(fm->root, paths[i]) == NULL)
			ferr(ld, NULL, arena_printf(ld->a, "form '%s': the summary, a triage banner or "
			    "the subject names '%%s', which is no field of the form", fm->key), paths[i]);
	for (size_t i = 0; i < fv->n_args; i++)
		check_value_paths(ld, fm, fv->args[i]);
}

/* The paths of the summary, the triage banners and the subject name
 * fields of the form (a misspelt path would silently print nothing). */
static void
check_page1_paths(struct loader *ld, const struct form *fm)
{
	ld->file = fm->file;
	for (int i = 0; i < 4; i++)
		check_value_paths(ld, fm, fm->summary[i]);
	for (size_t i = 0; i < fm->n_subject; i++)
		check_value_paths(ld, fm, fm->subject[i]);
	for (size_t i = 0; i < fm->n_triage; i++) {
		check_value_paths(ld, fm, fm->triage[i].line);
		for (size_t q = 0; q < fm->triage[i].n_quote; q++) {
			const struct form_field *f = field_at(fm->root, fm->triage[i].quote[q]);
			if (f == NULL || f->type != FT_TEXT)
				ferr(ld, NULL, arena_printf(ld->a, "form '%s': a triage banner quotes "
				    "'%%s', which is no text field of the form", fm->key),
				    fm->triage[i].quote[q]);
		}
	}
}

/* The forms of dir: the names of its *.yaml files other than
 * common.yaml and mandates.yaml, without ".yaml", sorted (the keys of the
 * forms, since a form file is named after its key).  NULL if dir cannot
 * be read. */
static char **
form_names(const char *dir, size_t *n)
{
	char **names = ytree_yaml_files(dir, n);
	size_t k = 0;
	for (size_t i = 0; names && i < *n; i++) {
		if (strcmp(names[i], "common.yaml") == 0 || strcmp(names[i], "mandates.yaml") == 0) {
			free(names[i]);
			continue;
		}
		names[i][strlen(names[i]) - strlen(".yaml")] = '\0';
		names[k++] = names[i];
	}
	*n = k;
	return names;
}

struct form_set *
form_set_open(const char *dir, struct diag_list *dl)
{
	struct form_set *fs = xcalloc(1, sizeof *fs);
	struct loader *ld = xcalloc(1, sizeof *ld);
	*ld = (struct loader){ .fs = fs, .a = &fs->arena, .dl = dl, .ok = true,
		.dir = arena_strdup(&fs->arena, dir) };
	fs->ld = ld;
	if (!load_common(ld, dir, &ld->top) || !load_mandates(ld, dir))
		goto fail;
	fs->names = form_names(dir, &fs->n_names);
	if (fs->names == NULL) {
		diag_add_in(dl, dir, DIAG_IO, NULL, NULL, NULL, "cannot read the directory: %s",
		    strerror(errno));
		goto fail;
	}
	fs->forms = arena_alloc(ld->a, (fs->n_names + 1) * sizeof *fs->forms);
	resolve_pending(ld);
	if (!ld->ok)
		goto fail;
	return fs;
fail:
	form_set_free(fs);
	return NULL;
}

bool
form_set_add(struct form_set *fs, const char *key, struct diag_list *dl)
{
	if (form_find(fs, key) != NULL)
		return true;
	size_t at = 0;
	while (at < fs->n_names && strcmp(fs->names[at], key) != 0)
		at++;
	if (at == fs->n_names)
		return false;
	struct loader *ld = fs->ld;
	char path[4096];
	snprintf(path, sizeof path, "%s/%s.yaml", ld->dir, key);
	ld->dl = dl;
	ld->ok = true;
	ld->n_pending = ld->n_overrides = 0;
	struct form *f = load_form(ld, path, ld->top);
	if (f == NULL)
		return false;
	if (strcmp(f->key, key) != 0)
		ferr(ld, NULL, "the form of this file is '%s': a form file is named after its form "
		    "(forms/<form>.yaml)", f->key);
	resolve_pending(ld);
	for (size_t i = 0; i < ld->n_overrides; i++)
		apply_overrides(ld, ld->overrides[i].form, ld->overrides[i].map);
	check_page1_paths(ld, f);
	if (!ld->ok)
		return false;
	/* in name order, whatever order the forms were asked for in */
	size_t i = fs->n_forms++;
	for (; i > 0 && strcmp(fs->forms[i - 1]->key, key) > 0; i--)
		fs->forms[i] = fs->forms[i - 1];
	fs->forms[i] = f;
	return true;
}

bool
form_set_add_all(struct form_set *fs, struct diag_list *dl)
{
	bool ok = true;
	for (size_t i = 0; i < fs->n_names; i++)
		ok &= form_set_add(fs, fs->names[i], dl);
	return ok;
}

struct form_set *
form_set_load(const char *dir, struct diag_list *dl)
{
	struct form_set *fs = form_set_open(dir, dl);
	if (fs != NULL && !form_set_add_all(fs, dl)) {
		form_set_free(fs);
		return NULL;
	}
	return fs;
}

void
form_set_free(struct form_set *fs)
{
	if (fs == NULL)
		return;
	if (fs->ld != NULL) {
		free(fs->ld->pending);
		free(fs->ld->overrides);
		free(fs->ld);
	}
	ytree_names_free(fs->names, fs->n_names);
	arena_free(&fs->arena);
	free(fs);
}

const struct form *
form_find(const struct form_set *fs, const char *key)
{
	for (size_t i = 0; i < fs->n_forms; i++)
		if (strcmp(fs->forms[i]->key, key) == 0)
			return fs->forms[i];
	return NULL;
}

const struct mandate *
form_mandate(const struct form_set *fs, const char *key)
{
	for (size_t i = 0; i < fs->n_mandates; i++)
		if (strcmp(fs->mandates[i].key, key) == 0)
			return &fs->mandates[i];
	return NULL;
}

enum disclosure
form_effective_class(const struct form_field *f, enum disclosure parent)
{
	if (parent == CLASS_SRC)
		return CLASS_SRC;
	return f->class_set ? f->class : parent;
}

const struct form_field *
form_member(const struct form_field *rec, const char *name)
{
	for (size_t i = 0; i < rec->n_fields; i++)
		if (strcmp(rec->fields[i]->name, name) == 0)
			return rec->fields[i];
	return NULL;
}
