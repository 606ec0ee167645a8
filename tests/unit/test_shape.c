/*
 * test_shape.c - the PDF device's shaping (shape.c through device.h)
 * against HarfBuzz's own command-line shaper, hb-shape (Debian package
 * libharfbuzz-bin), run on the same font files: the same glyphs, clusters
 * and positions for Latin, Cyrillic and Greek with kerning, Arabic with
 * joining, lam-alef and harakat placed by GPOS, and Chinese.  Then what
 * the device adds: no optional ligatures, kerned text narrower than its
 * glyphs' own advances, w as libharu's /W width, and the character each
 * glyph stands for.  Without hb-shape the comparison prints a line and
 * the other checks still run.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#include "device.h"
#include "fonts.h"
#include "pdf.h"

static const struct device *dev;

/* UTF-8 -> UTF-16 (BMP and pairs); byte offset of each unit in at8. */
static size_t
to16(const char *s, uint16_t *u, size_t *at8, size_t cap)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = 0, i = 0;
	while (p[i] != 0 && n + 2 < cap) {
		uint32_t c;
		size_t l;
		if (p[i] < 0x80)
			c = p[i], l = 1;
		else if ((p[i] & 0xE0) == 0xC0)
			c = (p[i] & 0x1Fu) << 6 | (p[i + 1] & 0x3Fu), l = 2;
		else if ((p[i] & 0xF0) == 0xE0)
			c = (p[i] & 0x0Fu) << 12 | (p[i + 1] & 0x3Fu) << 6 | (p[i + 2] & 0x3Fu), l = 3;
		else
			c = (p[i] & 0x07u) << 18 | (p[i + 1] & 0x3Fu) << 12 |
			    (p[i + 2] & 0x3Fu) << 6 | (p[i + 3] & 0x3Fu), l = 4;
		if (c > 0xFFFF) {
			at8[n] = i;
			u[n++] = (uint16_t)(0xD800 + ((c - 0x10000) >> 10));
			at8[n] = i;
			u[n++] = (uint16_t)(0xDC00 + ((c - 0x10000) & 0x3FF));
		} else {
			at8[n] = i;
			u[n++] = (uint16_t)c;
		}
		i += l;
	}
	return n;
}

struct hb_glyph {
	long g, cl, dx, dy, ax;
};

/* hb-shape's glyphs for text in face at 1000 units per em, or -1 if
 * hb-shape cannot be run. */
static int
hb_shape(enum font_face face, const char *text, bool rtl, struct hb_glyph *out, int cap)
{
	char path[4096], cmd[8192], buf[65536];
	if (!fonts_path(face, NULL, path, sizeof path))
		return -1;
	/* The text goes through a file: no shell quoting of Arabic. */
	char tmp[] = "/tmp/spcomm-shape-XXXXXX";
	int fd = mkstemp(tmp);
	if (fd < 0)
		return -1;
	FILE *fp = fdopen(fd, "w");
	fputs(text, fp);
	fclose(fp);
	snprintf(cmd, sizeof cmd,
	    "hb-shape --font-size=1000 --output-format=json --no-glyph-names %s %s "
	    "--text-file=%s '%s' 2>/dev/null",
	    rtl ? "--direction=rtl" : "--direction=ltr",
	    rtl ? "" : "--features=-liga,-clig", tmp, path);
	FILE *p = popen(cmd, "r");
	if (p == NULL) {
		remove(tmp);
		return -1;
	}
	size_t n = fread(buf, 1, sizeof buf - 1, p);
	int st = pclose(p);
	remove(tmp);
	buf[n] = '\0';
	if (st != 0 || n == 0)
		return -1;
	int k = 0;
	for (const char *q = strstr(buf, "{\"g\":"); q != NULL && k < cap;
	    q = strstr(q + 1, "{\"g\":")) {
		struct hb_glyph *h = &out[k];
		long ay;
		if (sscanf(q, "{\"g\":%ld,\"cl\":%ld,\"dx\":%ld,\"dy\":%ld,\"ax\":%ld,\"ay\":%ld",
		    &h->g, &h->cl, &h->dx, &h->dy, &h->ax, &ay) == 6)
			k++;
	}
	return k;
}

struct sample {
	enum font_face face;
	const char *text;
	bool rtl;
};

static const struct sample samples[] = {
	{ FACE_SANS, "AVATAR", false },
	{ FACE_SANS, "Type Wolf, Yves LAWYER To", false },
	{ FACE_SANS, "office affiche ff", false },
	{ FACE_SANS_BOLD, "ТАУ Ворота Үй", false },
	{ FACE_SANS_ITALIC, "ΑΥΤΟ Ελλάδα", false },
	{ FACE_SANS, "Trần Thị Lan, Nguyễn", false },
	{ FACE_NASKH, "مُحَمَّد", true },
	{ FACE_NASKH, "لا إله إلا الله", true },
	{ FACE_NASKH, "الموجَّهة إليها", true },
	{ FACE_NASKH_BOLD, "بِسْمِ اللَّهِ", true },
	{ FACE_CJK, "陈勇案件，编号", false },
};

static void
compare_with_hb_shape(void)
{
	bool have = system("command -v hb-shape >/dev/null 2>&1") == 0;
	if (!have) {
		printf("hb-shape not installed (libharfbuzz-bin): comparison skipped\n");
		return;
	}
	for (size_t s = 0; s < sizeof samples / sizeof samples[0]; s++) {
		const struct sample *sm = &samples[s];
		uint16_t u[256];
		size_t at8[256];
		struct hb_glyph want[256];
		const struct glyph *g;
		size_t n = to16(sm->text, u, at8, 256);
		size_t ng = dev->shape(dev->ctx, sm->face, u, n, sm->rtl, NULL, &g);
		int nw = hb_shape(sm->face, sm->text, sm->rtl, want, 256);
		CHECK(nw > 0);
		CHECK_INT((long)ng, nw);
		if (nw <= 0 || (long)ng != nw)
			continue;
		for (size_t i = 0; i < ng; i++) {
			CHECK_INT((long)g[i].gid, want[i].g);
			/* hb-shape counts clusters in characters of its input
			 * file; the samples are all in the BMP */
			CHECK_INT((long)g[i].cluster, want[i].cl);
			/* adv keeps libharu's truncated width: within 1/1000 em */
			CHECK(fabs(g[i].adv - (double)want[i].ax) <= 1.0);
			CHECK(fabs(g[i].dx - (double)want[i].dx) <= 1.0);
			CHECK(fabs(g[i].dy - (double)want[i].dy) <= 1.0);
			if (fabs(g[i].adv - (double)want[i].ax) > 1.0 ||
			    fabs(g[i].dx - (double)want[i].dx) > 1.0 ||
			    fabs(g[i].dy - (double)want[i].dy) > 1.0)
				printf("  sample %zu glyph %zu: adv %g dx %g dy %g, hb-shape %ld %ld %ld\n",
				    s, i, g[i].adv, g[i].dx, g[i].dy, want[i].ax, want[i].dx, want[i].dy);
		}
	}
}

static size_t
shape8(enum font_face face, const char *text, bool rtl, const struct glyph **g)
{
	uint16_t u[256];
	size_t at8[256];
	size_t n = to16(text, u, at8, 256);
	return dev->shape(dev->ctx, face, u, n, rtl, NULL, g);
}

static void
what_the_device_adds(void)
{
	const struct glyph *g;
	size_t n;

	/* Kerning: AVATAR is narrower than its glyphs' own advances, and w
	 * is what libharu measures for each character. */
	n = shape8(FACE_SANS, "AVATAR", false, &g);
	CHECK_INT((long)n, 6);
	double adv = 0, w = 0;
	for (size_t i = 0; i < n; i++) {
		adv += g[i].adv;
		w += g[i].w;
		char c[2] = { "AVATAR"[i], 0 };
		CHECK(g[i].w == dev->text_width(dev->ctx, FACE_SANS, c, 1));
		CHECK(g[i].cp == (uint32_t)c[0]);
	}
	CHECK(adv < w - 100);

	/* No optional ligature: one glyph per letter, each its own letter. */
	n = shape8(FACE_SANS, "office", false, &g);
	CHECK_INT((long)n, 6);
	for (size_t i = 0; i < n && i < 6; i++)
		CHECK(g[i].cp == (uint32_t)"office"[i]);

	/* Unkerned text: every advance is the /W width, so a line is drawn
	 * without adjustments (and measures what it did before shaping). */
	n = shape8(FACE_SANS, "nnmm", false, &g);
	for (size_t i = 0; i < n; i++)
		CHECK(g[i].adv == g[i].w);

	/* Arabic: joined forms (no isolated letter inside محمد), the marks
	 * of مُحَمَّد moved by GPOS, and every glyph either some character's
	 * glyph or one only GSUB reaches (cp 0). */
	n = shape8(FACE_NASKH, "مُحَمَّد", true, &g);
	CHECK(n >= 6);
	bool moved = false;
	for (size_t i = 0; i < n; i++) {
		moved = moved || g[i].dy != 0 || g[i].dx != 0;
		CHECK(g[i].cp != 0x0645 && g[i].cp != 0x062D); /* not isolated م ح */
	}
	CHECK(moved);
	/* Visual order: the last letter (د, cluster 7) comes first. */
	CHECK_INT(g[0].cluster, 7);

	/* Lam-alef: required ligature, whatever the script's optional ones. */
	n = shape8(FACE_NASKH, "لا", true, &g);
	CHECK(n >= 1 && n <= 2);
	for (size_t i = 0; i < n; i++)
		CHECK(g[i].cp != 0x0644 && g[i].cp != 0x0627);

	/* Chinese: one glyph per character, each the character's own. */
	n = shape8(FACE_CJK, "陈勇", false, &g);
	CHECK_INT((long)n, 2);
	if (n == 2) {
		CHECK(g[0].cp == 0x9648 && g[1].cp == 0x52C7);
		CHECK(g[0].adv == 1000 && g[1].adv == 1000);
	}

	/* Empty text and a face that has nothing for it: no glyph, no crash. */
	CHECK_INT((long)shape8(FACE_SANS, "", false, &g), 0);
	n = shape8(FACE_NASKH, "陈", false, &g);
	CHECK(n == 1 && g[0].gid == 0);
}

/* The word cache: a run shaped word by word and from the cache gives the
 * glyphs of the same run shaped fresh, before and after the cache has
 * been filled and emptied by thousands of other words. */
static void
word_cache(void)
{
	static const char *const texts[] = {
		"To Tokyo, AVATAR and WAVY: To Tokyo, AVATAR and WAVY.",
		"مُحَمَّد و مُحَمَّد لا إله إلا الله",
		"  two  spaces   and a trailing one ",
	};
	for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++) {
		bool rtl = t == 1;
		enum font_face face = rtl ? FACE_NASKH : FACE_SANS;
		static struct glyph first[512];
		const struct glyph *g;
		size_t n1 = shape8(face, texts[t], rtl, &g);
		CHECK(n1 > 0 && n1 < 512);
		if (n1 == 0 || n1 >= 512)
			continue;
		memcpy(first, g, n1 * sizeof *g);
		/* the repeated words come from the cache: the halves match */
		if (t == 0) {
			CHECK(n1 % 2 == 0 || n1 > 2);
			CHECK(first[0].gid == first[(n1 + 1) / 2].gid);
		}
		/* fill the cache past its size with distinct words */
		char word[32];
		for (int i = 0; i < 20000; i++) {
			snprintf(word, sizeof word, "w%dq%d", i, i * 7);
			shape8(face, word, rtl, &g);
		}
		size_t n2 = shape8(face, texts[t], rtl, &g);
		CHECK_INT((long)n2, (long)n1);
		if (n2 != n1)
			continue;
		for (size_t i = 0; i < n1; i++) {
			CHECK(g[i].gid == first[i].gid && g[i].cluster == first[i].cluster &&
			    g[i].adv == first[i].adv && g[i].dx == first[i].dx &&
			    g[i].dy == first[i].dy && g[i].cp == first[i].cp);
		}
	}
}

int
main(void)
{
	char err[512];
	struct pdf_fonts *pf = pdf_fonts_open(NULL, err, sizeof err);
	if (pf == NULL) {
		fprintf(stderr, "fonts: %s\n", err);
		return 1;
	}
	dev = pdf_fonts_device(pf);
	RUN(compare_with_hb_shape);
	RUN(what_the_device_adds);
	RUN(word_cache);
	pdf_fonts_close(pf);
	return harness_done();
}
