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

/*
 * The subset as a font file, with one-byte stand-ins for the hinting
 * tables the subsetter dropped.  libharu 2.3.0 rewrites the font when it
 * saves the document and writes all 13 tables of its list, a missing one
 * as an empty table at the current end of its output buffer; it then
 * seeks to each table's offset, and a memory stream refuses a seek to
 * its very end when that end falls on its 4096-byte block boundary
 * (HPDF_INVALID_OBJECT, the whole document fails: about 1 subset in
 * 1000).  No table is empty if each exists: cvt  holds one zero value
 * and fpgm and prep the single instruction RTG (round to grid, which is
 * already the default state), so a rasteriser that runs them changes
 * nothing, and no glyph carries instructions that could use them.
 */
static bool
add_hinting_stubs(hb_face_t *sub)
{
	static const char cvt[2], rtg[1] = { 0x18 };
	static const struct { const char *tag; const char *data; unsigned len; } stubs[] = {
		{ "cvt ", cvt, sizeof cvt }, { "fpgm", rtg, sizeof rtg },
		{ "prep", rtg, sizeof rtg },
	};
	for (size_t i = 0; i < sizeof stubs / sizeof stubs[0]; i++) {
		hb_tag_t tag = hb_tag_from_string(stubs[i].tag, 4);
		hb_blob_t *t = hb_face_reference_table(sub, tag);
		unsigned have = hb_blob_get_length(t);
		hb_blob_destroy(t);
		if (have > 0)
			continue;
		/* The subsetter's result is a face builder: the table joins the
		 * others when the face is serialised. */
		t = hb_blob_create(stubs[i].data, stubs[i].len, HB_MEMORY_MODE_READONLY, NULL, NULL);
		bool added = hb_face_builder_add_table(sub, tag, t);
		hb_blob_destroy(t);
		if (!added)
			return false;
	}
	return true;
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
	sub = hb_subset_or_fail(sf->face, in);
	if (sub == NULL) {
		snprintf(err, errlen, "font subset failed");
		goto done;
	}
	if (!add_hinting_stubs(sub)) {
		snprintf(err, errlen, "font subset: cannot add the hinting stand-ins");
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
