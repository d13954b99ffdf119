/* One string out of a JSON answer, for the few fields the client reads itself
 * (an OCID, a state, an error code). */
#include <stdlib.h>
#include <string.h>

#include "doc/json.h"
#include "oci/oci.h"
#include "util/diag.h"

static const struct node *walk(const struct node *n, const char *path)
{
	while (n && *path) {
		const char *dot = strchr(path, '.');
		size_t k = dot ? (size_t)(dot - path) : strlen(path);
		n = n->kind == NODE_MAP ? map_getn(n, path, k) : NULL;
		path += k + (dot ? 1 : 0);
	}
	return n;
}

char *json_pick(const char *json, size_t len, const char *path)
{
	struct arena a;
	struct dsj_limits lim;
	struct node *root = NULL;
	arena_init(&a, 0);
	limits_resolve(&lim, NULL);
	char *out = NULL;
	if (json_read(&root, json, len, &a, &lim, 0, NULL) == 0) {
		const struct node *n = walk(root, path);
		if (n && n->kind == NODE_STR)
			out = strndup(n->u.str.ptr, n->u.str.len);
	}
	arena_free(&a);
	return out;
}
