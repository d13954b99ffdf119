#include "util/arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_BLOCK_MIN 16384
#define ARENA_KEEP_MAX ((size_t)8 << 20)

struct arena_block {
	struct arena_block *next;
	size_t size;
	_Alignas(ARENA_ALIGN) unsigned char data[];
};

void arena_init(struct arena *a, size_t max_total)
{
	a->head = NULL;
	a->spare = NULL;
	a->used_total = 0;
	a->max_total = max_total;
	a->cur = a->limit = NULL;
}

static void free_blocks(struct arena_block *b)
{
	while (b) {
		struct arena_block *next = b->next;
		free(b);
		b = next;
	}
}

void arena_free(struct arena *a)
{
	free_blocks(a->head);
	free_blocks(a->spare);
	a->head = a->spare = NULL;
	a->used_total = 0;
	a->cur = a->limit = NULL;
}

void arena_reset(struct arena *a)
{
#ifdef DSJ_ARENA_DEBUG
	arena_free(a);
#else
	size_t kept = 0;
	for (struct arena_block *b = a->spare; b; b = b->next)
		kept += b->size;
	struct arena_block *b = a->head;
	while (b) {
		struct arena_block *next = b->next;
		if (kept + b->size <= ARENA_KEEP_MAX) {
			kept += b->size;
			b->next = a->spare;
			a->spare = b;
		} else {
			free(b);
		}
		b = next;
	}
	a->head = NULL;
	a->used_total = 0;
	a->cur = a->limit = NULL;
#endif
}

static size_t round_up(size_t n)
{
	return (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
}

static struct arena_block *new_block(struct arena *a, size_t need)
{
	size_t size = need;
#ifndef DSJ_ARENA_DEBUG
	if (size < ARENA_BLOCK_MIN)
		size = ARENA_BLOCK_MIN;
	for (struct arena_block **p = &a->spare; *p; p = &(*p)->next) {
		if ((*p)->size >= size) {
			struct arena_block *b = *p;
			*p = b->next;
			b->next = a->head;
			a->head = b;
			return b;
		}
	}
#endif
	if (size > SIZE_MAX - sizeof(struct arena_block))
		return NULL;
	struct arena_block *b = malloc(sizeof(*b) + size);
	if (!b)
		return NULL;
	b->size = size;
	b->next = a->head;
	a->head = b;
	return b;
}

/* Uninitialized memory: strings are copied over at once, zeroing them first
 * was a measurable share of a translate. The inline arena_alloc_uninit comes
 * here when the head block has no room: a new block becomes the head (the
 * old one's rest is left unused). */
void *arena_alloc_slow(struct arena *a, size_t size)
{
	if (size == 0)
		size = 1;
	if (size > SIZE_MAX / 2)
		return NULL;
	size_t need = round_up(size);
	if (a->max_total && a->used_total + need > a->max_total)
		return NULL;
#ifdef DSJ_ARENA_DEBUG
	struct arena_block *b = new_block(a, size);
	if (!b)
		return NULL;
	void *p = b->data;
#else
	if (need > (size_t)(a->limit - a->cur)) {
		struct arena_block *b = new_block(a, need);
		if (!b)
			return NULL;
		a->cur = b->data;
		a->limit = b->data + b->size;
	}
	void *p = a->cur;
	a->cur += need;
#endif
	a->used_total += need;
	return p;
}

void *arena_alloc(struct arena *a, size_t size)
{
	if (size == 0)
		size = 1;
	void *p = arena_alloc_uninit(a, size);
	if (p)
		memset(p, 0, size);
	return p;
}

void *arena_grow(struct arena *a, void *old, size_t old_size, size_t new_size)
{
	/* the copied part need not be zeroed first; the rest must be */
	void *p = arena_alloc_uninit(a, new_size ? new_size : 1);
	if (!p)
		return NULL;
	size_t keep = old && old_size ? (old_size < new_size ? old_size : new_size) : 0;
	if (keep)
		memcpy(p, old, keep);
	memset((char *)p + keep, 0, (new_size ? new_size : 1) - keep);
	return p;
}
