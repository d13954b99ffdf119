/* One string out of a JSON answer, for the few fields the client reads itself
 * (an OCID, a state, an error code). */
#include <stdlib.h>
#include <string.h>

#include "doc/json.h"
#include "oci/oci.h"
#include "util/diag.h"

struct node *answer_read(struct arena *a, const char *json, size_t len)
{
	struct dsj_limits lim;
	struct node *root = NULL;
	arena_init(a, 0);
	limits_resolve(&lim, NULL);
	return json && json_read(&root, json, len, a, &lim, 0, NULL) == 0 ? root : NULL;
}

char *json_pick_at(const struct node *root, const char *path)
{
	const struct node *n = json_walk(root, path);
	return n && n->kind == NODE_STR ? strndup(n->u.str.ptr, n->u.str.len) : NULL;
}

char *json_pick(const char *json, size_t len, const char *path)
{
	struct arena a;
	char *out = json_pick_at(answer_read(&a, json, len), path);
	arena_free(&a);
	return out;
}
