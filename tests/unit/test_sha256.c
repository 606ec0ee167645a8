/* test_sha256.c - FIPS 180-4 test vectors and the file hash. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "sha256.h"

static const char *
hash(const char *s, size_t len)
{
	static char out[65];
	struct sha256 h;
	sha256_init(&h);
	sha256_update(&h, s, len);
	sha256_hex(&h, out);
	return out;
}

static void
vectors(void)
{
	CHECK_STR(hash("", 0), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	CHECK_STR(hash("abc", 3), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	CHECK_STR(hash(two, strlen(two)), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	/* one million 'a', fed in uneven pieces */
	struct sha256 h;
	char a[997], out[65];
	memset(a, 'a', sizeof a);
	sha256_init(&h);
	size_t left = 1000000;
	while (left > 0) {
		size_t n = left < sizeof a ? left : sizeof a;
		sha256_update(&h, a, n);
		left -= n;
	}
	sha256_hex(&h, out);
	CHECK_STR(out, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

static void
file(void)
{
	char path[] = "/tmp/spcomm-sha-XXXXXX";
	FILE *fp = fdopen(mkstemp(path), "w");
	CHECK(fp != NULL);
	if (fp == NULL)
		return;
	fputs("abc", fp);
	fclose(fp);
	char out[65];
	uint64_t size = 0;
	CHECK(sha256_file(path, out, &size));
	CHECK_INT(size, 3);
	CHECK_STR(out, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	remove(path);
	CHECK(!sha256_file("/nonexistent/file", out, &size));
}

/* Every length from 0 to 1099 in steps of 7 (partial blocks, the padding
 * spilling into a second block, several blocks), each digest fed to one
 * more hash; the expected value is Python's hashlib.  ctest runs this
 * file twice: with the processor's SHA extensions where it has them, and
 * with SPCOMM_SHA256_PORTABLE set, the portable code. */
static void
lengths(void)
{
	struct sha256 acc, h;
	unsigned char d[1100];
	char out[65];
	sha256_init(&acc);
	for (size_t n = 0; n < 1100; n += 7) {
		for (size_t i = 0; i < n; i++)
			d[i] = (unsigned char)((i * 31 + 7 * n) & 255);
		sha256_init(&h);
		sha256_update(&h, d, n);
		sha256_hex(&h, out);
		sha256_update(&acc, out, 64);
	}
	sha256_hex(&acc, out);
	CHECK_STR(out, "d79955ff6dc762242e59e00091a3f6ac9694ad4907db6da07b654e12d27b9ec7");
}

int
main(void)
{
	RUN(vectors);
	RUN(lengths);
	RUN(file);
	return harness_done();
}
