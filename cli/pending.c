/* A file's problems and warnings, held until the file is done and printed in
 * the order of their place in it (line, then column; those without one last),
 * so a reader goes through the file once from the top. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

struct pending {
	struct dsj_error e;
	int warning;
	size_t seq; /* arrival order, for ties */
};

void pending_add(struct cli *c, const struct dsj_error *e, int warning)
{
	if (c->npending == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 16;
		struct pending *bigger = realloc(c->pending, cap * sizeof(*bigger));
		if (!bigger) { /* print it now rather than lose it */
			struct dsj_error copy = *e;
			if (warning)
				snprintf(copy.message, sizeof(copy.message), "warning: %s",
					 e->message);
			report(c->current, &copy);
			return;
		}
		c->pending = bigger;
		c->cap = cap;
	}
	c->pending[c->npending] = (struct pending){.e = *e, .warning = warning, .seq = c->npending};
	c->npending++;
}

static int by_place(const void *pa, const void *pb)
{
	const struct pending *a = pa, *b = pb;
	unsigned la = a->e.line ? a->e.line : ~0u, lb = b->e.line ? b->e.line : ~0u;
	if (la != lb)
		return la < lb ? -1 : 1;
	if (a->e.column != b->e.column)
		return a->e.column < b->e.column ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

void pending_flush(struct cli *c)
{
	if (c->npending)
		qsort(c->pending, c->npending, sizeof(*c->pending), by_place);
	for (size_t i = 0; i < c->npending; i++) {
		struct dsj_error copy = c->pending[i].e;
		if (c->pending[i].warning)
			snprintf(copy.message, sizeof(copy.message), "%s: %s",
				 c->strict ? "error" : "warning", c->pending[i].e.message);
		report(c->current, &copy);
	}
	free(c->pending);
	c->pending = NULL;
	c->npending = c->cap = 0;
}
