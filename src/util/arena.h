/* One arena per document or conversion: many small allocations, one free.
 * Built with -DDSJ_ARENA_DEBUG every block is its own malloc, so sanitizers and
 * valgrind see each allocation's bounds. */
#ifndef DSJ_ARENA_H
#define DSJ_ARENA_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct arena_block;

struct arena {
	struct arena_block *head;
	struct arena_block *spare; /* blocks kept by arena_reset for reuse */
	size_t used_total;	   /* bytes handed out, for the memory limit */
	size_t max_total;	   /* 0 = no limit */
	/* the free part of head, for the inline fast path below (both NULL
	 * with -DDSJ_ARENA_DEBUG, so every allocation takes the slow one) */
	unsigned char *cur, *limit;
};

#define ARENA_ALIGN 16

void arena_init(struct arena *a, size_t max_total);
void arena_free(struct arena *a);
/* Forgets every allocation but keeps the blocks (up to ARENA_KEEP_MAX bytes of
 * them) for the next ones: a batch reuses one arena, so the pages stay mapped.
 * With -DDSJ_ARENA_DEBUG it frees them, as arena_free. */
void arena_reset(struct arena *a);
/* arena_alloc_uninit when the head block has no room (arena.c). */
void *arena_alloc_slow(struct arena *a, size_t size);

/* Memory that is not zeroed (for what is written over at once), aligned for
 * any type; NULL when out of memory or over the limit. Inline: a translate
 * makes a hundred thousand of these, most of them a few bytes. */
static inline void *arena_alloc_uninit(struct arena *a, size_t size)
{
	size_t room = (size_t)((uintptr_t)a->limit - (uintptr_t)a->cur);
	if (size - 1 < room) { /* 0 < size <= room */
		size_t need = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
		if (need <= room && (!a->max_total || a->used_total + need <= a->max_total)) {
			void *p = a->cur;
			a->cur += need;
			a->used_total += need;
			return p;
		}
	}
	return arena_alloc_slow(a, size);
}

/* Zeroed memory, aligned for any type; NULL when out of memory or over the limit. */
void *arena_alloc(struct arena *a, size_t size);
/* A NUL-terminated copy of [s, s+len). */
static inline char *arena_strndup(struct arena *a, const char *s, size_t len)
{
	if (len == SIZE_MAX)
		return NULL;
	char *p = arena_alloc_uninit(a, len + 1);
	if (!p)
		return NULL;
	if (len)
		memcpy(p, s, len);
	p[len] = '\0';
	return p;
}
/* Grows an array allocated from this arena (old contents copied; old block is not reused). */
void *arena_grow(struct arena *a, void *old, size_t old_size, size_t new_size);

#endif
