/* The runtime types dsjob knows: one line each in RUNTIME_TYPES, in the order
 * the reference lists them in its "Supported types" message. Everything else
 * about a type (its extraction priority included) is in its own rt_*.c. */
#include <string.h>

#include "runtime/runtime.h"
#include "util/buf.h"

#define RUNTIME_TYPES(X)                                                                           \
	X(rt_script)                                                                               \
	X(rt_python)                                                                               \
	X(rt_notebook)                                                                             \
	X(rt_gitpython)                                                                            \
	X(rt_container)                                                                            \
	X(rt_pytorch)

#define DECLARE(type) extern const struct runtime_type type;
RUNTIME_TYPES(DECLARE)

#define ADDRESS(type) &type,
static const struct runtime_type *const types[] = {RUNTIME_TYPES(ADDRESS)};

#define N_TYPES (sizeof(types) / sizeof(types[0]))

const struct runtime_type *runtime_type_find(const char *name, size_t len)
{
	for (size_t i = 0; i < N_TYPES; i++)
		if (strlen(types[i]->name) == len && memcmp(types[i]->name, name, len) == 0)
			return types[i];
	return NULL;
}

const struct runtime_type *runtime_type_at(size_t i)
{
	return i < N_TYPES ? types[i] : NULL;
}

bool runtime_type_names(struct buf *b)
{
	for (size_t i = 0; i < N_TYPES; i++)
		if ((i && !buf_puts(b, ", ")) || !buf_puts(b, types[i]->name))
			return false;
	return true;
}

static bool has_all(const struct node *envs, const char *const *names)
{
	for (; names && *names; names++)
		if (!envs || map_find(envs, *names, strlen(*names)) < 0)
			return false;
	return true;
}

const struct runtime_type *runtime_type_for_job(const struct node *envs)
{
	const struct runtime_type *best = NULL;
	for (size_t i = 0; i < N_TYPES; i++)
		if ((!best || types[i]->extract_priority < best->extract_priority) &&
		    has_all(envs, types[i]->signature))
			best = types[i];
	return best;
}

int runtime_types_tried_before(const struct runtime_type *chosen, struct extract_ctx *x)
{
	/* a handful of types: finding the next one each time is cheaper than sorting */
	const struct runtime_type *last = NULL;
	for (;;) {
		const struct runtime_type *next = NULL;
		for (size_t i = 0; i < N_TYPES; i++) {
			int p = types[i]->extract_priority;
			if ((!last || p > last->extract_priority) && p < chosen->extract_priority &&
			    (!next || p < next->extract_priority))
				next = types[i];
		}
		if (!next)
			return 0;
		int rc = next->fails_before_rejecting ? next->fails_before_rejecting(x) : 0;
		if (rc)
			return rc;
		last = next;
	}
}
