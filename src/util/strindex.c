#include "util/strindex.h"

#include <string.h>

static size_t capacity_for(size_t n)
{
	size_t cap = 16;
	while (cap < 2 * n)
		cap *= 2;
	return cap;
}

int strindex_init(struct strindex *ix, struct arena *a, size_t n)
{
	size_t cap = capacity_for(n);
	ix->slots = arena_alloc(a, cap * sizeof(*ix->slots));
	ix->mask = cap - 1;
	ix->count = 0;
	return ix->slots ? 0 : -1;
}

void strindex_clear(struct strindex *ix)
{
	memset(ix->slots, 0, (ix->mask + 1) * sizeof(*ix->slots));
	ix->count = 0;
}

long strindex_find(const struct strindex *ix, uint64_t hash, strindex_eq eq, const void *ctx)
{
	uint32_t h = (uint32_t)hash;
	for (size_t i = h & ix->mask;; i = (i + 1) & ix->mask) {
		const struct strindex_slot *s = &ix->slots[i];
		if (!s->pos)
			return -1;
		if (s->hash == h && eq(ctx, s->pos - 1))
			return (long)(s->pos - 1);
	}
}

static void place(struct strindex_slot *slots, size_t mask, uint32_t hash, uint32_t pos)
{
	size_t i = hash & mask;
	while (slots[i].pos)
		i = (i + 1) & mask;
	slots[i].hash = hash;
	slots[i].pos = pos;
}

int strindex_add(struct strindex *ix, struct arena *a, uint64_t hash, size_t pos)
{
	if (pos >= STRINDEX_MAX)
		return -1;
	if (2 * (ix->count + 1) > ix->mask + 1) {
		size_t cap = 2 * (ix->mask + 1);
		struct strindex_slot *slots = arena_alloc(a, cap * sizeof(*slots));
		if (!slots)
			return -1;
		for (size_t i = 0; i <= ix->mask; i++)
			if (ix->slots[i].pos)
				place(slots, cap - 1, ix->slots[i].hash, ix->slots[i].pos);
		ix->slots = slots;
		ix->mask = cap - 1;
	}
	place(ix->slots, ix->mask, (uint32_t)hash, (uint32_t)pos + 1);
	ix->count++;
	return 0;
}

void strindex_remove_shift(struct strindex *ix, size_t pos)
{
	size_t mask = ix->mask;
	uint32_t target = (uint32_t)pos + 1;
	size_t hole = (size_t)-1;
	for (size_t i = 0; i <= mask; i++) {
		uint32_t p = ix->slots[i].pos;
		if (p == target)
			hole = i;
		else if (p > target)
			ix->slots[i].pos = p - 1;
	}
	if (hole == (size_t)-1)
		return;
	/* backward-shift deletion: pull later members of the probe run into
	 * the hole when their home slot allows it, so no tombstones are needed */
	ix->slots[hole].pos = 0;
	ix->count--;
	for (size_t j = (hole + 1) & mask; ix->slots[j].pos; j = (j + 1) & mask) {
		size_t home = ix->slots[j].hash & mask;
		/* j may move to hole unless home lies cyclically in (hole, j] */
		bool stays = hole <= j ? (hole < home && home <= j) : (hole < home || home <= j);
		if (stays)
			continue;
		ix->slots[hole] = ix->slots[j];
		ix->slots[j].pos = 0;
		hole = j;
	}
}
