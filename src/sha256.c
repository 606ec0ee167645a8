/* sha256.c - SHA-256 (FIPS 180-4), see sha256.h. */
#include "sha256.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const uint32_t k[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
	0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
	0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
	0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
	0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

#define ROR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

/* One 64-byte block, in portable C. */
static void
block_c(uint32_t h0[8], const unsigned char *p)
{
	uint32_t w[64], a, b, c, d, e, f, g, h;
	for (int i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		    (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
	for (int i = 16; i < 64; i++) {
		uint32_t s0 = ROR(w[i - 15], 7) ^ ROR(w[i - 15], 18) ^ (w[i - 15] >> 3);
		uint32_t s1 = ROR(w[i - 2], 17) ^ ROR(w[i - 2], 19) ^ (w[i - 2] >> 10);
		w[i] = w[i - 16] + s0 + w[i - 7] + s1;
	}
	a = h0[0]; b = h0[1]; c = h0[2]; d = h0[3];
	e = h0[4]; f = h0[5]; g = h0[6]; h = h0[7];
	for (int i = 0; i < 64; i++) {
		uint32_t t1 = h + (ROR(e, 6) ^ ROR(e, 11) ^ ROR(e, 25)) + ((e & f) ^ (~e & g)) + k[i] + w[i];
		uint32_t t2 = (ROR(a, 2) ^ ROR(a, 13) ^ ROR(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
		h = g; g = f; f = e; e = d + t1;
		d = c; c = b; b = a; a = t1 + t2;
	}
	h0[0] += a; h0[1] += b; h0[2] += c; h0[3] += d;
	h0[4] += e; h0[5] += f; h0[6] += g; h0[7] += h;
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <cpuid.h>
#include <immintrin.h>

/*
 * One 64-byte block with the x86 SHA extensions (sha256rnds2 does two
 * rounds, sha256msg1/2 extend the message schedule): about eight times
 * fewer instructions than block_c.  The batch hashes every PDF it writes
 * for the manifest, and the forms and catalogs once per run.  The state
 * is kept as the instructions want it, ABEF and CDGH.
 */
__attribute__((target("sha,sse4.1,ssse3")))
static void
block_ni(uint32_t h[8], const unsigned char *p)
{
	const __m128i bswap = _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);
	__m128i tmp = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&h[0]), 0xB1); /* CDAB */
	__m128i st1 = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&h[4]), 0x1B); /* EFGH */
	__m128i st0 = _mm_alignr_epi8(tmp, st1, 8);     /* ABEF */
	st1 = _mm_blend_epi16(st1, tmp, 0xF0);          /* CDGH */
	__m128i abef = st0, cdgh = st1, w[4];
	for (int g = 0; g < 16; g++) {
		__m128i m;
		if (g < 4) {
			m = w[g] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 16 * g)), bswap);
		} else {
			/* W[t] = W[t-16] + s0(W[t-15]) + W[t-7] + s1(W[t-2]), four at a time */
			__m128i x = _mm_sha256msg1_epu32(w[g & 3], w[(g + 1) & 3]);
			x = _mm_add_epi32(x, _mm_alignr_epi8(w[(g + 3) & 3], w[(g + 2) & 3], 4));
			m = w[g & 3] = _mm_sha256msg2_epu32(x, w[(g + 3) & 3]);
		}
		m = _mm_add_epi32(m, _mm_loadu_si128((const __m128i *)&k[4 * g]));
		st1 = _mm_sha256rnds2_epu32(st1, st0, m);
		st0 = _mm_sha256rnds2_epu32(st0, st1, _mm_shuffle_epi32(m, 0x0E));
	}
	st0 = _mm_add_epi32(st0, abef);
	st1 = _mm_add_epi32(st1, cdgh);
	tmp = _mm_shuffle_epi32(st0, 0x1B);             /* FEBA */
	st1 = _mm_shuffle_epi32(st1, 0xB1);             /* DCHG */
	_mm_storeu_si128((__m128i *)&h[0], _mm_blend_epi16(tmp, st1, 0xF0)); /* DCBA */
	_mm_storeu_si128((__m128i *)&h[4], _mm_alignr_epi8(st1, tmp, 8));   /* HGFE */
}

/* Whether this processor has the SHA extensions (and SSE4.1 and SSSE3,
 * which block_ni also uses).  Under valgrind, which does not emulate
 * them, CPUID says no. */
static bool
have_sha_ni(void)
{
	unsigned a, b, c, d;
	if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & bit_SSE4_1) || !(c & bit_SSSE3))
		return false;
	return __get_cpuid_count(7, 0, &a, &b, &c, &d) && (b & (1u << 29)) != 0;
}
#endif

/* The block function of this processor, chosen once (a race between two
 * threads choosing writes the same value). */
static void
block(struct sha256 *s, const unsigned char *p)
{
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
	static int ni = -1;
	int use = __atomic_load_n(&ni, __ATOMIC_RELAXED);
	if (use < 0) {
		use = have_sha_ni() && getenv("SPCOMM_SHA256_PORTABLE") == NULL;
		__atomic_store_n(&ni, use, __ATOMIC_RELAXED);
	}
	if (use) {
		block_ni(s->h, p);
		return;
	}
#endif
	block_c(s->h, p);
}

void
sha256_init(struct sha256 *s)
{
	static const uint32_t iv[8] = { 0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
		0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19 };
	memcpy(s->h, iv, sizeof iv);
	s->bytes = 0;
	s->n_buf = 0;
}

void
sha256_update(struct sha256 *s, const void *data, size_t len)
{
	const unsigned char *p = data;
	s->bytes += len;
	while (len > 0) {
		size_t take = 64 - s->n_buf < len ? 64 - s->n_buf : len;
		memcpy(s->buf + s->n_buf, p, take);
		s->n_buf += take;
		p += take;
		len -= take;
		if (s->n_buf == 64) {
			block(s, s->buf);
			s->n_buf = 0;
		}
	}
}

void
sha256_digest(struct sha256 *s, unsigned char out[32])
{
	uint64_t bits = s->bytes * 8;
	unsigned char pad = 0x80, zero = 0, len[8];
	sha256_update(s, &pad, 1);
	while (s->n_buf != 56)
		sha256_update(s, &zero, 1);
	for (int i = 0; i < 8; i++)
		len[i] = (unsigned char)(bits >> (56 - 8 * i));
	sha256_update(s, len, 8);
	for (int i = 0; i < 32; i++)
		out[i] = (unsigned char)(s->h[i / 4] >> (24 - 8 * (i % 4)));
}

void
sha256_hex(struct sha256 *s, char out[65])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char d[32];
	sha256_digest(s, d);
	for (int i = 0; i < 32; i++) {
		out[2 * i] = hex[d[i] >> 4];
		out[2 * i + 1] = hex[d[i] & 15];
	}
	out[64] = '\0';
}

bool
sha256_file(const char *path, char out[65], uint64_t *size)
{
	FILE *fp = fopen(path, "rb");
	if (fp == NULL)
		return false;
	struct sha256 s;
	unsigned char buf[1 << 15];
	size_t n;
	sha256_init(&s);
	while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
		sha256_update(&s, buf, n);
	bool ok = !ferror(fp);
	fclose(fp);
	if (ok) {
		*size = s.bytes;
		sha256_hex(&s, out);
	}
	return ok;
}
