/* Optimal string alignment distance (Levenshtein plus adjacent transpositions),
 * case-insensitive: "shapename", "shapeNmae" and "shapeNam" all point to
 * shapeName. A case-only difference is distance 0 and wins over any edit. */
#include "util/suggest.h"

#include <ctype.h>
#include <string.h>

#define WORD_MAX 64

static int fold(char c)
{
	return tolower((unsigned char)c);
}

size_t suggest_distance(const char *a, size_t alen, const char *b, size_t blen, size_t cap)
{
	if (alen > WORD_MAX || blen > WORD_MAX)
		return cap + 1;
	if ((alen > blen ? alen - blen : blen - alen) > cap)
		return cap + 1;
	/* three rows: two back (transpositions), one back, current */
	size_t rows[3][WORD_MAX + 1];
	size_t *prev2 = rows[0], *prev = rows[1], *cur = rows[2];
	for (size_t j = 0; j <= blen; j++)
		prev[j] = j;
	for (size_t i = 1; i <= alen; i++) {
		cur[0] = i;
		size_t row_min = cur[0];
		for (size_t j = 1; j <= blen; j++) {
			size_t cost = fold(a[i - 1]) != fold(b[j - 1]);
			size_t d = prev[j] + 1;
			if (cur[j - 1] + 1 < d)
				d = cur[j - 1] + 1;
			if (prev[j - 1] + cost < d)
				d = prev[j - 1] + cost;
			if (i > 1 && j > 1 && fold(a[i - 1]) == fold(b[j - 2]) &&
			    fold(a[i - 2]) == fold(b[j - 1]) && prev2[j - 2] + 1 < d)
				d = prev2[j - 2] + 1;
			cur[j] = d;
			if (d < row_min)
				row_min = d;
		}
		if (row_min > cap)
			return cap + 1;
		size_t *t = prev2;
		prev2 = prev;
		prev = cur;
		cur = t;
	}
	return prev[blen] <= cap ? prev[blen] : cap + 1;
}

/* One edit for short names, two from 6 characters, three from 12. */
static size_t bound(size_t len)
{
	return len < 6 ? 1 : len < 12 ? 2 : 3;
}

void suggest_consider(struct suggestion *s, size_t *best, const char *word, size_t len,
		      const char *candidate)
{
	if (s->count == 0)
		*best = bound(len) + 1;
	size_t d = suggest_distance(word, len, candidate, strlen(candidate), bound(len));
	if (d > *best || d > bound(len))
		return;
	if (d < *best) {
		s->count = 0;
		*best = d;
	}
	for (size_t i = 0; i < s->count; i++)
		if (strcmp(s->names[i], candidate) == 0)
			return;
	if (s->count < SUGGEST_MAX)
		s->names[s->count++] = candidate;
}
