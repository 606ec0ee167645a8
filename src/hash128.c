/* hash128.c - 128-bit non-cryptographic hash (see hash128.h).  The block
 * step, tail and finalisation are MurmurHash3 x64_128's (Austin Appleby,
 * public domain), with seed 0; the input may come in pieces of any size:
 * bytes are gathered into 16-byte blocks, so the result depends only on
 * the bytes, not on how they were split. */
#include "hash128.h"

#include <string.h>

#define C1 0x87c37b91114253d5ull
#define C2 0x4cf5ad432745937full

static uint64_t
rotl(uint64_t x, int r)
{
	return (x << r) | (x >> (64 - r));
}

/* The little-endian word at p: one load where the machine is little-endian
 * (a loop of byte shifts took four times the instructions of the rest of
 * the block step). */
static uint64_t
le64(const unsigned char *p)
{
	uint64_t v;
	memcpy(&v, p, sizeof v);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	v = __builtin_bswap64(v);
#elif !defined(__BYTE_ORDER__) || __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
	v = 0;
	for (int i = 7; i >= 0; i--)
		v = (v << 8) | p[i];
#endif
	return v;
}

static uint64_t
fmix(uint64_t k)
{
	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdull;
	k ^= k >> 33;
	k *= 0xc4ceb9fe1a85ec53ull;
	k ^= k >> 33;
	return k;
}

/* A key word before it is mixed into its half of the state. */
static uint64_t
scramble(uint64_t k, uint64_t a, int r, uint64_t b)
{
	return rotl(k * a, r) * b;
}

static void
block(struct hash128 *s, const unsigned char *p)
{
	s->h1 ^= scramble(le64(p), C1, 31, C2);
	s->h1 = (rotl(s->h1, 27) + s->h2) * 5 + 0x52dce729;
	s->h2 ^= scramble(le64(p + 8), C2, 33, C1);
	s->h2 = (rotl(s->h2, 31) + s->h1) * 5 + 0x38495ab5;
}

void
hash128_init(struct hash128 *s)
{
	memset(s, 0, sizeof *s);
}

void
hash128_update(struct hash128 *s, const void *data, size_t len)
{
	const unsigned char *p = data;
	s->bytes += len;
	if (s->n_buf > 0) {
		size_t take = 16 - s->n_buf < len ? 16 - s->n_buf : len;
		memcpy(s->buf + s->n_buf, p, take);
		s->n_buf += take;
		p += take;
		len -= take;
		if (s->n_buf < 16)
			return;
		block(s, s->buf);
		s->n_buf = 0;
	}
	for (; len >= 16; p += 16, len -= 16)
		block(s, p);
	memcpy(s->buf, p, len);
	s->n_buf = len;
}

void
hash128_digest(const struct hash128 *s, unsigned char out[16])
{
	uint64_t h1 = s->h1, h2 = s->h2, k1 = 0, k2 = 0;
	size_t n = s->n_buf;
	for (size_t i = n; i > 8; i--)
		k2 = (k2 << 8) | s->buf[i - 1];
	for (size_t i = n < 8 ? n : 8; i > 0; i--)
		k1 = (k1 << 8) | s->buf[i - 1];
	if (n > 8)
		h2 ^= scramble(k2, C2, 33, C1);
	if (n > 0)
		h1 ^= scramble(k1, C1, 31, C2);
	h1 ^= s->bytes;
	h2 ^= s->bytes;
	h1 += h2;
	h2 += h1;
	h1 = fmix(h1);
	h2 = fmix(h2);
	h1 += h2;
	h2 += h1;
	for (int i = 0; i < 8; i++) {
		out[i] = (unsigned char)(h1 >> (8 * i));
		out[8 + i] = (unsigned char)(h2 >> (8 * i));
	}
}
