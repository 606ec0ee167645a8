/* test_hash128.c - the document ID's hash: MurmurHash3 x64_128 values,
 * independence from how the input is split, and sensitivity to every
 * byte. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "hash128.h"

static const char *
hex(const void *s, size_t len)
{
	static char out[33];
	struct hash128 h;
	unsigned char d[16];
	hash128_init(&h);
	hash128_update(&h, s, len);
	hash128_digest(&h, d);
	for (int i = 0; i < 16; i++)
		snprintf(out + 2 * i, 3, "%02x", d[i]);
	return out;
}

static void
vectors(void)
{
	/* MurmurHash3_x64_128, seed 0: h1 then h2, little-endian bytes */
	const char *fox = "The quick brown fox jumps over the lazy dog";
	CHECK_STR(hex(fox, strlen(fox)), "6c1b07bc7bbc4be347939ac4a93c437a");
	CHECK_STR(hex("hello", 5), "029bbd41b3a7d8cb191dae486a901e5b");
	CHECK_STR(hex("", 0), "00000000000000000000000000000000");
}

/* Any split of the same bytes gives the same digest: lengths 0 to 100,
 * every split point, and three pieces. */
static void
pieces(void)
{
	unsigned char data[100];
	for (size_t i = 0; i < sizeof data; i++)
		data[i] = (unsigned char)(i * 37 + 11);
	for (size_t len = 0; len <= sizeof data; len++) {
		char whole[33];
		snprintf(whole, sizeof whole, "%s", hex(data, len));
		for (size_t a = 0; a <= len; a++) {
			size_t b = a + (len - a) / 2;
			struct hash128 h;
			unsigned char d[16];
			char got[33];
			hash128_init(&h);
			hash128_update(&h, data, a);
			hash128_update(&h, data + a, b - a);
			hash128_update(&h, data + b, len - b);
			hash128_digest(&h, d);
			for (int i = 0; i < 16; i++)
				snprintf(got + 2 * i, 3, "%02x", d[i]);
			if (strcmp(got, whole) != 0) {
				CHECK_STR(got, whole);
				return;
			}
		}
	}
}

/* Flipping any one bit of a 64-byte input, or adding a zero byte,
 * changes the digest; no two of these 514 digests are equal. */
static void
every_byte(void)
{
	enum { N = 64, VARIANTS = N * 8 + 2 };
	unsigned char data[N + 1];
	static char seen[VARIANTS][33];
	memset(data, 0, sizeof data);
	size_t n = 0;
	snprintf(seen[n++], 33, "%s", hex(data, N));
	snprintf(seen[n++], 33, "%s", hex(data, N + 1));
	for (size_t i = 0; i < N; i++)
		for (int bit = 0; bit < 8; bit++) {
			data[i] ^= (unsigned char)(1u << bit);
			snprintf(seen[n++], 33, "%s", hex(data, N));
			data[i] ^= (unsigned char)(1u << bit);
		}
	size_t same = 0;
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++)
			same += strcmp(seen[i], seen[j]) == 0;
	CHECK_INT(same, 0);
	CHECK_INT(n, VARIANTS);
}

int
main(void)
{
	RUN(vectors);
	RUN(pieces);
	RUN(every_byte);
	return harness_done();
}
