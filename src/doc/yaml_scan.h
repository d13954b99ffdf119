/* A cursor over a scalar's bytes, for the hand-written matchers that stand in
 * for PyYAML's regexes (the resolver's and the constructors'). */
#ifndef DSJ_YAML_SCAN_H
#define DSJ_YAML_SCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

struct cur {
	const char *s;
	size_t i, n;
};

static inline bool at_end(const struct cur *c)
{
	return c->i == c->n;
}

static inline bool peek_in(const struct cur *c, const char *set)
{
	if (c->i >= c->n)
		return false;
	for (const char *p = set; *p; p++)
		if (*p == c->s[c->i])
			return true;
	return false;
}

static inline bool accept(struct cur *c, const char *set)
{
	if (!peek_in(c, set))
		return false;
	c->i++;
	return true;
}

static inline size_t accept_run(struct cur *c, const char *set)
{
	size_t start = c->i;
	while (accept(c, set))
		;
	return c->i - start;
}

static inline bool accept_word(struct cur *c, const char *w)
{
	size_t len = strlen(w);
	if (c->n - c->i < len || memcmp(c->s + c->i, w, len) != 0)
		return false;
	c->i += len;
	return true;
}

#define DIGITS "0123456789"
#define DIGITS_ "0123456789_"

#endif
