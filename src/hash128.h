/*
 * hash128.h - a fast non-cryptographic 128-bit hash (the MurmurHash3
 * x64_128 construction, fed incrementally), for the content-derived PDF
 * document ID: the same bytes give the same ID on every machine, and two
 * documents that differ give different IDs with overwhelming probability.
 * Not for anything an adversary chooses to collide: annexes and the
 * manifest keep SHA-256 (sha256.h).
 *
 * About 1.5 instructions a byte where SHA-256 takes about 15, and no
 * per-call block setup, so the display list can be fed field by field.
 */
#ifndef SPCOMM_HASH128_H
#define SPCOMM_HASH128_H

#include <stddef.h>
#include <stdint.h>

struct hash128 {
	uint64_t h1, h2;
	uint64_t bytes;             /* fed so far */
	unsigned char buf[16];      /* an unfinished block */
	size_t n_buf;
};

void hash128_init(struct hash128 *s);
void hash128_update(struct hash128 *s, const void *data, size_t len);
/* The 16 bytes of the hash (h1 then h2, little-endian). */
void hash128_digest(const struct hash128 *s, unsigned char out[16]);

#endif
