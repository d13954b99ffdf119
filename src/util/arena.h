/* One arena per document or conversion: many small allocations, one free.
 * Built with -DDSJ_ARENA_DEBUG every block is its own malloc, so sanitizers and
 * valgrind see each allocation's bounds. */
#ifndef DSJ_ARENA_H
#define DSJ_ARENA_H

#include <stddef.h>

struct arena_block;

struct arena {
	struct arena_block *head;
	struct arena_block *spare; /* blocks kept by arena_reset for reuse */
	size_t used_total;	   /* bytes handed out, for the memory limit */
	size_t max_total;	   /* 0 = no limit */
};

void arena_init(struct arena *a, size_t max_total);
void arena_free(struct arena *a);
/* Forgets every allocation but keeps the blocks (up to ARENA_KEEP_MAX bytes of
 * them) for the next ones: a batch reuses one arena, so the pages stay mapped.
 * With -DDSJ_ARENA_DEBUG it frees them, as arena_free. */
void arena_reset(struct arena *a);
/* Zeroed memory, aligned for any type; NULL when out of memory or over the limit. */
void *arena_alloc(struct arena *a, size_t size);
/* Memory that is not zeroed (for what is written over at once), aligned. */
void *arena_alloc_uninit(struct arena *a, size_t size);
/* A NUL-terminated copy of [s, s+len). */
char *arena_strndup(struct arena *a, const char *s, size_t len);
/* Grows an array allocated from this arena (old contents copied; old block is not reused). */
void *arena_grow(struct arena *a, void *old, size_t old_size, size_t new_size);

#endif
