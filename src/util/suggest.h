/* "Did you mean": the known names nearest to a misspelled one. */
#ifndef DSJ_SUGGEST_H
#define DSJ_SUGGEST_H

#include <stddef.h>

#define SUGGEST_MAX 4

struct suggestion {
	const char *names[SUGGEST_MAX]; /* best first, in the candidates' order */
	size_t count;
};

/* Adds `candidate` to what `word` (len bytes) may have meant: a name equal to
 * it ignoring case beats any other; else the smallest edit distance (ignoring
 * case, an adjacent transposition counting as one edit) within a bound that
 * grows with the word's length. Call for every candidate, then read `s`. */
void suggest_consider(struct suggestion *s, size_t *best, const char *word, size_t len,
		      const char *candidate);

/* The edit distance described above, or `cap` + 1 when it exceeds `cap`. */
size_t suggest_distance(const char *a, size_t alen, const char *b, size_t blen, size_t cap);

#endif
