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
 * add every glyph a substitution can reach), and tables libharu 2.3.0
 * does not embed anyway (it writes only the 13 tables of its
 * REQUIRED_TAGS), dropped to save the subsetter's time.
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

void
subset_face_close(struct subset_face *sf)
{
	if (sf == NULL)
		return;
	hb_face_destroy(sf->face);
	free(sf);
}

bool
subset_make(struct subset_face *sf, const uint32_t *cps, size_t n,
    unsigned char **out, size_t *out_len, char *err, size_t errlen)
{
	hb_subset_input_t *in = NULL;
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
	hb_set_t *drop = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
	for (size_t i = 0; i < sizeof drop_tags / sizeof drop_tags[0]; i++)
		hb_set_add(drop, hb_tag_from_string(drop_tags[i], 4));
	/* No glyph names (HB_SUBSET_FLAGS_GLYPH_NAMES unset): post format 3. */
	hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING);
	if (hb_set_allocation_successful(unicodes) == 0 ||
	    hb_set_allocation_successful(drop) == 0) {
		snprintf(err, errlen, "font subset: out of memory");
		goto done;
	}
	sub = hb_subset_or_fail(sf->face, in);
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
	hb_subset_input_destroy(in);
	return ok;
}
