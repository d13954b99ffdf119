/* The tests' seeded generator (xorshift64): a fixed seed gives the same cases
 * on every run and machine. Set test_rng_state before use. */
#ifndef DSJ_TEST_RNG_H
#define DSJ_TEST_RNG_H

#include <stdint.h>

static uint64_t test_rng_state = 12345;

static inline uint64_t test_rng(void)
{
	test_rng_state ^= test_rng_state << 13;
	test_rng_state ^= test_rng_state >> 7;
	test_rng_state ^= test_rng_state << 17;
	return test_rng_state;
}

/* A number in [0, n). */
static inline uint32_t test_rng_below(uint32_t n)
{
	return (uint32_t)(test_rng() % n);
}

#endif
