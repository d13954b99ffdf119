/* A hash index over an array the caller owns: open addressing (linear
 * probing) from a key's hash to its position in the array. The index stores
 * only (hash, position); the caller compares the keys, so one index serves
 * string arrays, env lists and node maps alike. Tables live in an arena and
 * are kept at most half full. */
#ifndef DSJ_STRINDEX_H
#define DSJ_STRINDEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/arena.h"

/* 64-bit FNV-1a: start with STRINDEX_SEED, feed bytes. */
#define STRINDEX_SEED 0xcbf29ce484222325ull

static inline uint64_t strindex_hash(uint64_t h, const void *data, size_t len)
{
	const unsigned char *p = data;
	for (size_t i = 0; i < len; i++)
		h = (h ^ p[i]) * 0x100000001b3ull;
	return h;
}

struct strindex_slot {
	uint32_t hash; /* low bits of the key's hash */
	uint32_t pos;  /* position + 1 in the caller's array; 0 = empty */
};

struct strindex {
	struct strindex_slot *slots;
	size_t mask;  /* capacity - 1 (capacity a power of two) */
	size_t count; /* positions indexed */
};

/* Is keys[pos] the key being looked up? */
typedef bool (*strindex_eq)(const void *ctx, size_t pos);

/* An empty index with room for n positions; -1 when out of memory. */
int strindex_init(struct strindex *ix, struct arena *a, size_t n);
/* The position whose key matches (eq), or -1. */
long strindex_find(const struct strindex *ix, uint64_t hash, strindex_eq eq, const void *ctx);
/* Indexes position pos under hash (the caller knows it is not there yet);
 * doubles the table when half full (rehashing from the stored hashes). */
int strindex_add(struct strindex *ix, struct arena *a, uint64_t hash, size_t pos);
/* Forgets position pos and renumbers the positions after it down by one, as
 * when an element is removed from the middle of the array. */
void strindex_remove_shift(struct strindex *ix, size_t pos);
/* Empties the index, keeping its capacity (for re-adding the same keys). */
void strindex_clear(struct strindex *ix);
/* Positions are 32-bit: arrays longer than this stay unindexed. */
#define STRINDEX_MAX ((size_t)UINT32_MAX - 1)

#endif
