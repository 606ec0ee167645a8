/* case.c - accessors of the normalized case (see case.h). */
#include "case.h"

#include <string.h>

const struct cval *
case_get(const struct cval *rec, const char *name)
{
	if (rec == NULL || rec->field == NULL || rec->field->type != FT_RECORD)
		return NULL;
	for (size_t i = 0; i < rec->n_kids; i++)
		if (strcmp(rec->kids[i]->field->name, name) == 0)
			return rec->kids[i];
	return NULL;
}

const struct cval *
case_path(const struct cval *rec, const char *path)
{
	char part[128];
	while (rec != NULL && *path) {
		const char *dot = strchr(path, '.');
		size_t n = dot ? (size_t)(dot - path) : strlen(path);
		if (n >= sizeof part)
			return NULL;
		memcpy(part, path, n);
		part[n] = '\0';
		rec = case_get(rec, part);
		path += n + (dot != NULL);
	}
	return rec;
}

const char *
case_text_in(const struct cval *v, const char *lang, bool *is_original)
{
	if (is_original)
		*is_original = true;
	for (size_t i = 0; i < v->n_translations; i++)
		if (strcmp(v->translations[i].lang, lang) == 0) {
			if (is_original)
				*is_original = false;
			return v->translations[i].text;
		}
	return v->text;
}

void
case_earliest_date(const struct cval *c, const char *path, struct pdate *best, bool *have)
{
	if (c == NULL)
		return;
	if (c->field->type == FT_LIST) {
		for (size_t i = 0; i < c->n_kids; i++)
			case_earliest_date(c->kids[i], path, best, have);
		return;
	}
	if (*path == '\0') {
		if ((c->field->type == FT_DATE || c->field->type == FT_PDATE) && c->date.precision > 0 &&
		    (!*have || intl_date_cmp(&c->date, best) < 0)) {
			*best = c->date;
			*have = true;
		}
		return;
	}
	const char *dot = strchr(path, '.');
	char part[128];
	size_t n = dot ? (size_t)(dot - path) : strlen(path);
	if (n >= sizeof part)
		return;
	memcpy(part, path, n);
	part[n] = '\0';
	case_earliest_date(case_get(c, part), path + n + (dot != NULL), best, have);
}

bool
case_event_date(const struct case_data *cd, struct pdate *out)
{
	bool have = false;
	for (size_t i = 0; i < cd->form->n_event_dates; i++)
		case_earliest_date(cd->root, cd->form->event_dates[i], out, &have);
	return have;
}

const char *
case_child_path(struct arena *a, const struct cval *c, const char *path, size_t i)
{
	if (c->field->type == FT_LIST)
		return arena_printf(a, "%s[%zu]", path, i);
	return *path ? arena_printf(a, "%s.%s", path, c->kids[i]->field->name)
	    : c->kids[i]->field->name;
}

bool
case_is_block(const struct cval *c, const char *block)
{
	return c != NULL && c->field->type == FT_RECORD && c->field->block != NULL &&
	    strcmp(c->field->block, block) == 0;
}

struct case_consent
case_person_consent(const struct cval *person)
{
	struct case_consent r = { false, PUBLISH_NO };
	const struct cval *consent = case_get(person, "consent");
	const struct cval *share = case_get(consent, "share_name_with_government");
	const struct cval *publish = case_get(consent, "publish_name");
	r.share_with_government = share != NULL && share->tri == TRI_YES;
	if (publish != NULL && strcmp(publish->text, "full_name") == 0)
		r.publish = PUBLISH_FULL;
	else if (publish != NULL && strcmp(publish->text, "initials") == 0)
		r.publish = PUBLISH_INITIALS;
	return r;
}

void
case_name_given_family(const struct cval *name, const struct cval **g, const struct cval **f)
{
	const struct cval *o = case_get(name, "original");
	*g = case_get(name, "given");
	*f = case_get(name, "family");
	if (*g == NULL && *f == NULL && o != NULL) {
		*g = case_get(o, "given");
		*f = case_get(o, "family");
	}
}
