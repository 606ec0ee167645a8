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
