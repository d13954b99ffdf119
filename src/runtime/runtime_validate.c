/* Every problem of a runtime, for validate. The handlers stop at the first
 * problem (as the reference raises its first exception), so validate runs the
 * translation again without the spec key that problem names, until it
 * succeeds or a problem names no key it can take away. A problem that a taken
 * key causes (the container image it required, say) names that key again and
 * is not reported. */
#include <string.h>

#include "runtime/convert.h"
#include "util/diag.h"

#define MAX_PASSES 64

/* The top-level spec key `path` names ("spec.conda.slug" -> "conda"), after
 * `prefix`; len 0 when it names none. */
static struct str spec_key_of(const char *path, const char *prefix)
{
	size_t n = strlen(prefix);
	struct str none = {"", 0};
	if (strncmp(path, prefix, n) != 0 || strncmp(path + n, "spec.", 5) != 0)
		return none;
	const char *key = path + n + 5;
	return (struct str){key, strcspn(key, ".[")};
}

/* `runtime` with a spec that lacks `key`; NULL when out of memory. */
static struct node *without(struct arena *a, const struct node *runtime, struct str key)
{
	const struct node *spec = map_get(runtime, "spec");
	struct node *copy = node_new(a, NODE_MAP, runtime->line, runtime->col);
	struct node *less = node_new(a, NODE_MAP, spec->line, spec->col);
	if (!copy || !less)
		return NULL;
	for (size_t i = 0; i < spec->u.map.count; i++) {
		const struct node *k = spec->u.map.items[i].key;
		if (!(k->kind == NODE_STR && k->u.str.len == key.len &&
		      memcmp(k->u.str.ptr, key.ptr, key.len) == 0) &&
		    map_push(a, less, spec->u.map.items[i].key, spec->u.map.items[i].value))
			return NULL;
	}
	for (size_t i = 0; i < runtime->u.map.count; i++) {
		const struct node *k = runtime->u.map.items[i].key;
		struct node *v = runtime->u.map.items[i].value;
		if (map_push(a, copy, runtime->u.map.items[i].key,
			     k->kind == NODE_STR && str_eq(k->u.str, "spec") ? less : v))
			return NULL;
	}
	return copy;
}

static bool has_spec_key(const struct node *runtime, struct str key)
{
	const struct node *spec = map_get(runtime, "spec");
	return spec && spec->kind == NODE_MAP && map_find(spec, key.ptr, key.len) >= 0;
}

int runtime_validate(struct node *runtime, struct arena *a, const struct dsj_options *opts,
		     const struct dsj_limits *limits, const char *prefix, dsj_report_fn report,
		     void *ctx, size_t *problems)
{
	struct dsj_options quiet = *opts;
	struct str removed[MAX_PASSES];
	size_t nremoved = 0;
	for (size_t pass = 0; pass < MAX_PASSES; pass++) {
		struct dsj_error e;
		struct node *payload = NULL;
		diag_clear(&e);
		int rc = runtime_translate(&payload, runtime, a, &quiet, limits, prefix, &e);
		quiet.warn = NULL; /* the warnings were given on the first pass */
		if (!rc || rc == DSJ_ENOMEM)
			return rc;
		struct str key = spec_key_of(e.path, prefix);
		for (size_t i = 0; i < nremoved; i++)
			if (removed[i].len == key.len &&
			    memcmp(removed[i].ptr, key.ptr, key.len) == 0)
				return 0; /* caused by taking that key away */
		report(&e, ctx);
		++*problems;
		if (!key.len || !has_spec_key(runtime, key))
			return 0;
		char *copy = arena_strndup(a, key.ptr, key.len);
		if (!copy || !(runtime = without(a, runtime, key)))
			return DSJ_ENOMEM;
		removed[nremoved++] = (struct str){copy, key.len};
	}
	return 0;
}
