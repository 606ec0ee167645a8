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
