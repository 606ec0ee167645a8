/*
 * xorshift.h - the random strings of the build's generators and of the
 * tests that check them: Marsaglia's xorshift64, the same sequence on
 * every machine for the same seed (a failure can be replayed).
 */
#ifndef SPCOMM_XORSHIFT_H
#define SPCOMM_XORSHIFT_H

#include <stdint.h>

/* The next number of the sequence in *state (never seed it with 0). */
static inline uint32_t
xorshift_next(uint64_t *state)
{
	*state ^= *state << 13;
	*state ^= *state >> 7;
	*state ^= *state << 17;
	return (uint32_t)(*state >> 11);
}

#endif
