/* Warnings for mapping keys nobody reads: ADS ignores a key it does not know,
 * so `shapename:` or `enviroment:` silently drops a setting. The known keys
 * are the conversion's own tables, passed in as a key_set. */
#ifndef DSJ_UNKNOWN_KEYS_H
#define DSJ_UNKNOWN_KEYS_H

#include <stdbool.h>

#include "doc/node.h"
#include "dsjob.h"

struct buf;

/* The keys one mapping may hold. */
struct key_set {
	/* The i-th known name (suggestions come from these), NULL past the last. */
	const char *(*nth)(const void *data, size_t i);
	/* Whether `key` is known; NULL = exactly one of nth's names. */
	bool (*has)(const void *data, struct str key);
	const void *data;
};

/* A key_set over a NULL-terminated list of names. */
struct key_set key_set_names(const char *const *names);

/* Says more about an unknown key than the nearest known names do (where it
 * belongs instead, what it is usually meant for): appends that to `out`
 * ("a key of python runtimes, ...") and returns true, or returns false. */
typedef bool (*key_elsewhere_fn)(struct str key, const void *ctx, struct buf *out);

/* Passes a warning to opts->warn (when set) for each string key of `map` (a
 * mapping; anything else is ignored) that `known` lacks: "unknown key 'x'
 * (did you mean 'y'?)", at the key, path `path`.KEY. `elsewhere` may be
 * NULL. */
void unknown_keys_warn(const struct dsj_options *opts, const struct node *map, const char *path,
		       const struct key_set *known, key_elsewhere_fn elsewhere,
		       const void *elsewhere_ctx);

#endif
