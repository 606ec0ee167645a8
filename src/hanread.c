/*
 * hanread.c - Latin readings of Han characters from the generated table
 * (see hanread.h).
 */
#include "hanread.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"

/* The strings this path reads are names and words: a longer one goes to
 * ICU, which needs no buffer of ours. */
enum { HANREAD_MAX = 256 };

static const struct hanread_char *
find_char(uint32_t cp)
{
	const struct hanread_table *t = &hanread_table;
	size_t lo = 0, hi = t->n_chars;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (t->chars[mid].cp < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < t->n_chars && t->chars[lo].cp == cp ? &t->chars[lo] : NULL;
}

static const struct hanread_pair *
find_pair(uint32_t cp, uint32_t next)
{
	const struct hanread_table *t = &hanread_table;
	for (size_t i = 0; i < t->n_pairs; i++)
		if (t->pairs[i].cp == cp && t->pairs[i].next == next)
			return &t->pairs[i];
	return NULL;
}

bool
hanread_latin(const uint16_t *u, int32_t n, uint16_t **out, int32_t *out_len)
{
	const struct hanread_table *t = &hanread_table;
	if (t->n_chars == 0 || n <= 0 || n > 2 * HANREAD_MAX)
		return false;
	uint32_t cps[2 * HANREAD_MAX];
	const struct hanread_char *ch[2 * HANREAD_MAX];
	int32_t k = 0;
	for (int32_t i = 0; i < n;) {
		uint32_t c = u[i++];
		/* a surrogate pair; a lone surrogate is in no table */
		if (c >= 0xD800 && c < 0xDC00 && i < n && u[i] >= 0xDC00 && u[i] < 0xE000)
			c = 0x10000 + ((c - 0xD800) << 10) + (u[i++] - 0xDC00u);
		if ((ch[k] = find_char(c)) == NULL)
			return false;
		cps[k++] = c;
	}
	/* the syllables, one space between them, as ICU joins them */
	size_t len = 0;
	uint16_t syl[2 * HANREAD_MAX];
	for (int32_t i = 0; i < k; i++) {
		const struct hanread_pair *p = i + 1 < k ? find_pair(cps[i], cps[i + 1]) : NULL;
		syl[i] = p ? (i == 0 ? p->start : p->after) : (i == 0 ? ch[i]->start : ch[i]->after);
		if (syl[i] >= t->n_syllables)
			return false;
		len += strlen(t->syllables + t->syllable_at[syl[i]]) + (i > 0);
	}
	uint16_t *buf = xmalloc((len + 1) * sizeof *buf);
	size_t at = 0;
	for (int32_t i = 0; i < k; i++) {
		if (i > 0)
			buf[at++] = ' ';
		for (const char *s = t->syllables + t->syllable_at[syl[i]]; *s; s++)
			buf[at++] = (uint16_t)(unsigned char)*s;
	}
	buf[at] = 0;
	*out = buf;
	*out_len = (int32_t)at;
	return true;
}
