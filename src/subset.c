/* subset.c - TrueType subsets with hb-subset (see subset.h). */
#include "subset.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hb.h>
#include <hb-subset.h>

#include "arena.h"

struct subset_face {
	hb_face_t *face;
};

/*
 * Tables never wanted in a subset: the layout tables (text is shaped
 * before it reaches the device; kept, they would also make the subsetter
 * add every glyph a substitution can reach), and tables a PDF's font
 * program has no use for (PDF viewers read the glyphs, their metrics and
 * the cmap, not vertical metrics, device records or signatures).  The
 * subset is embedded as it is.
 */
static const char *const drop_tags[] = {
	"GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "kern", "gasp", "DSIG",
	"hdmx", "LTSH", "VDMX", "vhea", "vmtx", "VORG", "meta", "STAT", "PCLT",
};

struct subset_face *
subset_face_open(const char *path, unsigned index, char *err, size_t errlen)
{
	/* Maps the file (read-only) rather than reading it. */
	hb_blob_t *blob = hb_blob_create_from_file_or_fail(path);
	if (blob == NULL) {
		snprintf(err, errlen, "cannot read font %.400s", path);
		return NULL;
	}
	hb_face_t *face = hb_face_create(blob, index);
	hb_blob_destroy(blob); /* the face holds its own reference */
	if (face == NULL || face == hb_face_get_empty() || hb_face_get_glyph_count(face) == 0) {
		snprintf(err, errlen, "font %.400s has no face %u", path, index);
		hb_face_destroy(face);
		return NULL;
	}
	/* Nothing is parsed lazily from another thread later: make the
	 * face immutable now (HarfBuzz's lazy loaders are thread-safe
	 * anyway; this only documents that nothing changes it). */
	hb_face_make_immutable(face);
	struct subset_face *sf = xcalloc(1, sizeof *sf);
	sf->face = face;
	return sf;
}

struct hb_face_t *
subset_face_hb(struct subset_face *sf)
{
	return sf != NULL ? sf->face : NULL;
}

void
subset_face_close(struct subset_face *sf)
{
	if (sf == NULL)
		return;
	hb_face_destroy(sf->face);
	free(sf);
}

/* A cmap entry of the subset: code -> new glyph id. */
struct cmap_entry {
	uint32_t code, gid;
};

static int
by_code(const void *a, const void *b)
{
	const struct cmap_entry *x = a, *y = b;
	return (x->code > y->code) - (x->code < y->code);
}

static void
put16(unsigned char **p, unsigned v)
{
	(*p)[0] = (unsigned char)(v >> 8);
	(*p)[1] = (unsigned char)v;
	*p += 2;
}

/*
 * A cmap table of one (3,1) format 4 subtable mapping e[0..n) (sorted,
 * distinct BMP codes below U+FFFF): one segment per stretch of
 * consecutive codes, by idDelta when the glyph ids are consecutive too,
 * else through glyphIdArray; then the closing 0xFFFF segment.  libharu
 * 2.3.0 reads this subtable only.  NULL if it would not fit format 4's
 * 16-bit lengths.
 */
static hb_blob_t *
build_cmap(const struct cmap_entry *e, size_t n)
{
	size_t segs = 1, ids = 0;
	for (size_t i = 0, j; i < n; i = j) {
		bool delta = true;
		for (j = i + 1; j < n && e[j].code == e[j - 1].code + 1; j++)
			delta = delta && e[j].gid == e[j - 1].gid + 1;
		segs++;
		if (!delta)
			ids += j - i;
	}
	size_t sub_len = 16 + 8 * segs + 2 * ids;
	if (sub_len > 0xFFFF)
		return NULL;
	size_t len = 4 + 8 + sub_len;
	unsigned char *buf = xcalloc(1, len), *p = buf;
	put16(&p, 0);             /* version */
	put16(&p, 1);             /* one subtable */
	put16(&p, 3);             /* Windows */
	put16(&p, 1);             /* Unicode BMP */
	put16(&p, 0);
	put16(&p, 12);            /* offset (32-bit, high half above) */
	unsigned segx2 = (unsigned)(2 * segs), pow2 = 1, log2 = 0;
	while (pow2 * 2 <= segs) {
		pow2 *= 2;
		log2++;
	}
	put16(&p, 4);
	put16(&p, (unsigned)sub_len);
	put16(&p, 0);             /* language */
	put16(&p, segx2);
	put16(&p, 2 * pow2);
	put16(&p, log2);
	put16(&p, segx2 - 2 * pow2);
	unsigned char *end_codes = p, *start_codes = p + segx2 + 2,
	    *deltas = start_codes + segx2, *offsets = deltas + segx2,
	    *glyph_ids = offsets + segx2;
	size_t seg = 0, id = 0;
	for (size_t i = 0, j; i < n; i = j, seg++) {
		bool delta = true;
		for (j = i + 1; j < n && e[j].code == e[j - 1].code + 1; j++)
			delta = delta && e[j].gid == e[j - 1].gid + 1;
		unsigned char *q = end_codes + 2 * seg;
		put16(&q, e[j - 1].code);
		q = start_codes + 2 * seg;
		put16(&q, e[i].code);
		q = deltas + 2 * seg;
		put16(&q, delta ? (unsigned)((e[i].gid - e[i].code) & 0xFFFF) : 0);
		q = offsets + 2 * seg;
		if (delta) {
			put16(&q, 0);
		} else {
			/* from this offset entry to its first glyph id */
			put16(&q, (unsigned)((glyph_ids + 2 * id) - (offsets + 2 * seg)));
			unsigned char *g = glyph_ids + 2 * id;
			for (size_t k = i; k < j; k++)
				put16(&g, e[k].gid);
			id += j - i;
		}
	}
	/* the closing segment, 0xFFFF -> .notdef */
	unsigned char *q = end_codes + 2 * seg;
	put16(&q, 0xFFFF);
	q = start_codes + 2 * seg;
	put16(&q, 0xFFFF);
	q = deltas + 2 * seg;
	put16(&q, 1);
	q = offsets + 2 * seg;
	put16(&q, 0);
	/* reservedPad between endCode and startCode is the 0 from calloc */
	return hb_blob_create((const char *)buf, (unsigned)len, HB_MEMORY_MODE_WRITABLE,
	    buf, free);
}

/*
 * Replace the subset's cmap by one mapping the requested code points and
 * the extra codes to their new glyph ids (plan: the subsetting plan).
 */
static bool
replace_cmap(hb_face_t *sub, hb_subset_plan_t *plan, const uint32_t *cps, size_t n,
    const struct subset_extra *extra, size_t n_extra)
{
	const hb_map_t *u2old = hb_subset_plan_unicode_to_old_glyph_mapping(plan);
	const hb_map_t *old2new = hb_subset_plan_old_to_new_glyph_mapping(plan);
	struct cmap_entry *e = xmalloc((n + n_extra + 1) * sizeof *e);
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		hb_codepoint_t old = hb_map_get(u2old, cps[i]);
		if (old == HB_MAP_VALUE_INVALID || cps[i] >= 0xFFFF)
			continue;
		hb_codepoint_t nw = hb_map_get(old2new, old);
		if (nw != HB_MAP_VALUE_INVALID)
			e[m++] = (struct cmap_entry){ cps[i], nw };
	}
	for (size_t i = 0; i < n_extra; i++) {
		hb_codepoint_t nw = hb_map_get(old2new, extra[i].gid);
		if (nw != HB_MAP_VALUE_INVALID && extra[i].code < 0xFFFF)
			e[m++] = (struct cmap_entry){ extra[i].code, nw };
	}
	qsort(e, m, sizeof *e, by_code);
	size_t k = 0;
	for (size_t i = 0; i < m; i++)
		if (k == 0 || e[i].code != e[k - 1].code)
			e[k++] = e[i];
	hb_blob_t *t = build_cmap(e, k);
	free(e);
	if (t == NULL)
		return false;
	bool ok = hb_face_builder_add_table(sub, HB_TAG('c', 'm', 'a', 'p'), t);
	hb_blob_destroy(t);
	return ok;
}

bool
subset_make(struct subset_face *sf, const uint32_t *cps, size_t n,
    const struct subset_extra *extra, size_t n_extra,
    unsigned char **out, size_t *out_len, char *err, size_t errlen)
{
	hb_subset_input_t *in = NULL;
	hb_subset_plan_t *plan = NULL;
	hb_face_t *sub = NULL;
	hb_blob_t *blob = NULL;
	bool ok = false;

	*out = NULL;
	*out_len = 0;
	in = hb_subset_input_create_or_fail();
	if (in == NULL) {
		snprintf(err, errlen, "font subset: out of memory");
		goto done;
	}
	hb_set_t *unicodes = hb_subset_input_unicode_set(in);
	for (size_t i = 0; i < n; i++)
		hb_set_add(unicodes, cps[i]);
	hb_set_t *glyphs = hb_subset_input_glyph_set(in);
	for (size_t i = 0; i < n_extra; i++)
		hb_set_add(glyphs, extra[i].gid);
	hb_set_t *drop = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
	for (size_t i = 0; i < sizeof drop_tags / sizeof drop_tags[0]; i++)
		hb_set_add(drop, hb_tag_from_string(drop_tags[i], 4));
	/* Names: copyright, family, style, full and PostScript name (libharu
	 * takes the font's name from the last); not the unique id or the
	 * version string, which is also the autohinter's command line. */
	hb_set_t *names = hb_subset_input_set(in, HB_SUBSET_SETS_NAME_ID);
	hb_set_clear(names);
	static const hb_codepoint_t name_ids[] = { 0, 1, 2, 4, 6 };
	for (size_t i = 0; i < sizeof name_ids / sizeof name_ids[0]; i++)
		hb_set_add(names, name_ids[i]);
	/* No glyph names (HB_SUBSET_FLAGS_GLYPH_NAMES unset): post format 3. */
	hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING);
	if (hb_set_allocation_successful(unicodes) == 0 ||
	    hb_set_allocation_successful(drop) == 0 ||
	    hb_set_allocation_successful(names) == 0) {
		snprintf(err, errlen, "font subset: out of memory");
		goto done;
	}
	if (n_extra == 0) {
		sub = hb_subset_or_fail(sf->face, in);
	} else {
		plan = hb_subset_plan_create_or_fail(sf->face, in);
		sub = plan != NULL ? hb_subset_plan_execute_or_fail(plan) : NULL;
		if (sub != NULL && !replace_cmap(sub, plan, cps, n, extra, n_extra)) {
			snprintf(err, errlen, "font subset: cannot write its cmap");
			goto done;
		}
	}
	if (sub == NULL) {
		snprintf(err, errlen, "font subset failed");
		goto done;
	}
	blob = hb_face_reference_blob(sub);
	unsigned len = 0;
	const char *data = hb_blob_get_data(blob, &len);
	if (data == NULL || len < 12) {
		snprintf(err, errlen, "font subset is empty");
		goto done;
	}
	*out = xmalloc(len);
	memcpy(*out, data, len);
	*out_len = len;
	ok = true;

done:
	hb_blob_destroy(blob);
	hb_face_destroy(sub);
	hb_subset_plan_destroy(plan);
	hb_subset_input_destroy(in);
	return ok;
}
