/* The log-line ids already printed: the search windows overlap, so every
 * line comes back several times. An open-addressing set of strings with a
 * bound, so an endless log cannot grow it without limit. */
#include <stdlib.h>
#include <string.h>

#include "oci/watch.h"
#include "util/strindex.h"

#define SEEN_MAX ((size_t)1 << 22)

static uint64_t hash(const char *s)
{
	return strindex_hash(STRINDEX_SEED, s, strlen(s));
}

static int grow(struct seen *s)
{
	size_t cap = s->cap ? s->cap * 2 : 1024;
	char **slots = calloc(cap, sizeof(*slots));
	if (!slots)
		return -1;
	for (size_t i = 0; i < s->cap; i++) {
		if (!s->slots[i])
			continue;
		size_t j = hash(s->slots[i]) & (cap - 1);
		while (slots[j])
			j = (j + 1) & (cap - 1);
		slots[j] = s->slots[i];
	}
	free(s->slots);
	s->slots = slots;
	s->cap = cap;
	return 0;
}

int seen_add(struct seen *s, const char *id)
{
	if ((s->count + 1) * 2 > s->cap && (s->count >= SEEN_MAX || grow(s)))
		return -1;
	size_t j = hash(id) & (s->cap - 1);
	for (; s->slots[j]; j = (j + 1) & (s->cap - 1))
		if (strcmp(s->slots[j], id) == 0)
			return 0;
	if (!(s->slots[j] = strdup(id)))
		return -1;
	s->count++;
	return 1;
}

void seen_free(struct seen *s)
{
	for (size_t i = 0; i < s->cap; i++)
		free(s->slots[i]);
	free(s->slots);
	memset(s, 0, sizeof(*s));
}
