/*
 * sha256.h - SHA-256 (FIPS 180-4), for the annex list (the recipient can
 * check that each file that arrived is the file that was sent), the batch
 * manifest and the content-derived PDF document ID.
 */
#ifndef SPCOMM_SHA256_H
#define SPCOMM_SHA256_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct sha256 {
	uint32_t h[8];
	uint64_t bytes;
	unsigned char buf[64];
	size_t n_buf;
};

void sha256_init(struct sha256 *s);
void sha256_update(struct sha256 *s, const void *data, size_t len);
/* The digest as 64 lower-case hex digits and a NUL. */
void sha256_hex(struct sha256 *s, char out[65]);
/* The digest as 32 bytes (the PDF document ID takes 16 of them). */
void sha256_digest(struct sha256 *s, unsigned char out[32]);

/* Hash a whole file; false (errno set) if it cannot be read. */
bool sha256_file(const char *path, char out[65], uint64_t *size);

#endif
