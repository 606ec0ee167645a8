/*
 * test_pdfa.c - the document ID and PDF/A at the device level (pdf.h):
 * the /ID follows the content and nothing else, PDF/A output holds what
 * PDF/A-1b needs, and what it cannot hold is refused.  PDFBox's verdict on
 * whole documents is tests/cli/pdfa.sh.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "display.h"
#include "harness.h"
#include "pdf.h"

static struct pdf_fonts *fonts;
static unsigned char *icc;
static size_t icc_len;

static struct display *
build(struct arena *a, const char *line, const char *title)
{
	struct display *d = display_new(a, 595.276, 841.89);
	struct display_page *p = display_add_page(d);
	display_text(p, a, 72, 770, FACE_SANS_BOLD, 16, "Urgent appeal", 13);
	display_text(p, a, 72, 740, FACE_SANS, 11, line, strlen(line));
	display_text(p, a, 72, 720, FACE_CJK, 11, "\xe6\xa1\x88\xe4\xbb\xb6", 6); /* 案件 */
	display_rule(p, a, 72, 700, 523, 700, 0.5, 0);
	display_outline_add(d, "Summary", 0, 780, 0);
	d->title = title;
	d->subject = "Full submission";
	d->keywords = "sp-general";
	d->lang = "en";
	d->creation_time = 1795132800; /* 2026-11-20 */
	return d;
}

/* Render; NULL (err filled) on failure. */
static unsigned char *
render(const struct display *d, bool pdfa, size_t *len, char *err, size_t errlen)
{
	struct pdf_options o = { .pdfa = pdfa, .icc = icc, .icc_len = icc_len };
	unsigned char *out = NULL;
	if (!pdf_render_opts(fonts, d, &o, &out, len, err, errlen))
		return NULL;
	return out;
}

static const unsigned char *
find(const unsigned char *hay, size_t len, const char *needle)
{
	size_t n = strlen(needle);
	for (size_t i = 0; n <= len && i + n <= len; i++)
		if (memcmp(hay + i, needle, n) == 0)
			return hay + i;
	return NULL;
}

/* The /ID of a document as "HEX HEX" (libharu writes it in the trailer). */
static void
id_of(const unsigned char *pdf, size_t len, char out[80])
{
	out[0] = '\0';
	const unsigned char *p = find(pdf, len, "/ID [ <");
	if (p == NULL || (size_t)(pdf + len - p) < 80)
		return;
	p += 7;
	if (memcmp(p + 32, "> <", 3) != 0 || p[67] != '>')
		return;
	snprintf(out, 80, "%.32s %.32s", (const char *)p, (const char *)p + 35);
}

static void
test_id(void)
{
	struct arena a = { 0 };
	char err[512] = "", id1[80], id2[80], id3[80], id4[80];
	size_t l1 = 0, l2 = 0, l3 = 0, l4 = 0;
	unsigned char *p1 = render(build(&a, "The victim was detained.", "T"), false, &l1, err,
	    sizeof err);
	unsigned char *p2 = render(build(&a, "The victim was detained.", "T"), false, &l2, err,
	    sizeof err);
	/* one character more */
	unsigned char *p3 = render(build(&a, "The victim was detained!", "T"), false, &l3, err,
	    sizeof err);
	unsigned char *p4 = render(build(&a, "The victim was detained.", "T"), true, &l4, err,
	    sizeof err);
	CHECK(p1 != NULL && p2 != NULL && p3 != NULL && p4 != NULL);
	if (p1 == NULL || p2 == NULL || p3 == NULL || p4 == NULL) {
		fprintf(stderr, "render: %s\n", err);
		goto done;
	}
	id_of(p1, l1, id1);
	id_of(p2, l2, id2);
	id_of(p3, l3, id3);
	id_of(p4, l4, id4);
	CHECK_INT(strlen(id1), 65);
	CHECK(memcmp(id1, id1 + 33, 32) == 0); /* both halves */
	/* same display list: same ID, same bytes, from the same pdf_fonts */
	CHECK_STR(id1, id2);
	CHECK(l1 == l2 && memcmp(p1, p2, l1) == 0);
	/* one character, or the format, changes the ID */
	CHECK(strcmp(id1, id3) != 0);
	CHECK(strcmp(id1, id4) != 0);
	CHECK_INT(strlen(id4), 65);
done:
	free(p1);
	free(p2);
	free(p3);
	free(p4);
	arena_free(&a);
}

static void
test_pdfa_parts(void)
{
	struct arena a = { 0 };
	char err[512] = "";
	size_t len = 0, plain_len = 0;
	unsigned char *pdf = render(build(&a, "text", "A & B <c>"), true, &len, err, sizeof err);
	unsigned char *plain = render(build(&a, "text", "A & B <c>"), false, &plain_len, err,
	    sizeof err);
	CHECK(pdf != NULL && plain != NULL);
	if (pdf == NULL || plain == NULL) {
		fprintf(stderr, "render: %s\n", err);
		goto done;
	}
	CHECK(memcmp(pdf, "%PDF-1.4\n", 9) == 0);
	/* the XMP is not compressed: its text is in the file */
	CHECK(find(pdf, len, "<rdf:li xml:lang=\"x-default\">A &amp; B &lt;c&gt;</rdf:li>") != NULL);
	CHECK(find(pdf, len, "<pdfaid:part>1</pdfaid:part>") != NULL);
	CHECK(find(pdf, len, "<xmp:CreateDate>2026-11-20T00:00:00+00:00</xmp:CreateDate>") != NULL);
	CHECK(find(pdf, len, "/Type /Metadata") != NULL);
	CHECK(find(pdf, len, "/S /GTS_PDFA1") != NULL);
	CHECK(find(pdf, len, "/DestOutputProfile ") != NULL);
	CHECK(find(pdf, len, "/CIDSet ") != NULL);
	/* a plain PDF has the ID and the cap height, not the rest */
	CHECK(find(plain, plain_len, "/CapHeight ") != NULL);
	CHECK(find(plain, plain_len, "/ID [ <") != NULL);
	CHECK(find(plain, plain_len, "/CIDSet") == NULL);
	CHECK(find(plain, plain_len, "/Metadata") == NULL);
	CHECK(find(plain, plain_len, "/OutputIntents") == NULL);
	/* outline destinations are direct arrays, which PDFBox reads */
	CHECK(find(plain, plain_len, "/Dest [") != NULL);
done:
	free(pdf);
	free(plain);
	arena_free(&a);
}

static void
test_refused(void)
{
	struct arena a = { 0 };
	char err[512] = "";
	size_t len = 0;
	/* XML 1.0 has no control characters: PDF/A refuses such a title */
	unsigned char *pdf = render(build(&a, "text", "A\x01" "B"), true, &len, err, sizeof err);
	CHECK(pdf == NULL);
	CHECK(strstr(err, "control character") != NULL);
	free(pdf);
	/* PDF/A without a profile */
	struct pdf_options o = { .pdfa = true };
	pdf = NULL;
	CHECK(!pdf_render_opts(fonts, build(&a, "text", "T"), &o, &pdf, &len, err, sizeof err));
	CHECK(strstr(err, "ICC") != NULL);
	free(pdf);
	/* the profile: missing, not one, or not RGB */
	size_t n = 1;
	CHECK(pdf_icc_load("/nonexistent/sRGB.icc", &n, err, sizeof err) == NULL);
	CHECK(strstr(err, "icc-profiles-free") != NULL);
	CHECK_INT(n, 0);
	CHECK(pdf_icc_load(SPCOMM_SOURCE_DIR "/README.md", &n, err, sizeof err) == NULL);
	CHECK(strstr(err, "not an ICC profile") != NULL);
	CHECK(pdf_icc_load("/usr/share/color/icc/Gray.icc", &n, err, sizeof err) == NULL);
	CHECK(strstr(err, "not an RGB profile") != NULL);
	arena_free(&a);
}

int
main(void)
{
	char err[512] = "";
	fonts = pdf_fonts_open(NULL, err, sizeof err);
	icc = pdf_icc_load(NULL, &icc_len, err, sizeof err);
	CHECK(fonts != NULL);
	CHECK(icc != NULL);
	if (fonts == NULL || icc == NULL) {
		fprintf(stderr, "setup: %s\n", err);
		return harness_done();
	}
	RUN(test_id);
	RUN(test_pdfa_parts);
	RUN(test_refused);
	pdf_fonts_close(fonts);
	free(icc);
	return harness_done();
}
