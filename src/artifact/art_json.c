/* The artifact description as JSON, for `dsjob artifact --output json` and
 * callers in other languages. */
#include <string.h>

#include "artifact/artifact.h"
#include "doc/json.h"
#include "util/buf.h"

static struct node *str_or_null(struct arena *a, const char *s)
{
	return s && *s ? node_new_cstr(a, s) : node_new(a, NODE_NULL, 0, 0);
}

static int set(struct arena *a, struct node *map, const char *key, struct node *value)
{
	return value ? map_set(a, map, key, value) : -1;
}

static struct node *describe(struct arena *a, const struct dsj_artifact *art)
{
	struct node *root = node_new(a, NODE_MAP, 0, 0);
	struct node *entries = node_new(a, NODE_SEQ, 0, 0);
	struct node *size = node_new_int(a, (int64_t)art->size);
	if (!root || !entries || !size)
		return NULL;
	for (size_t i = 0; i < art->entry_count; i++) {
		struct node *name = node_new_cstr(a, art->entries[i]);
		if (!name || seq_push(a, entries, name))
			return NULL;
	}
	if (set(a, root, "path", str_or_null(a, art->path)) ||
	    set(a, root, "uploadName", str_or_null(a, art->upload_name)) ||
	    set(a, root, "sha256", str_or_null(a, art->sha256)) || set(a, root, "size", size) ||
	    set(a, root, "entries", entries))
		return NULL;
	return root;
}

int dsj_artifact_to_json(char **out, size_t *out_len, const struct dsj_artifact *artifact)
{
	struct arena a;
	arena_init(&a, 0);
	struct buf b;
	buf_init(&b, 0);
	struct dsj_error err = {0};
	struct node *root = describe(&a, artifact);
	int rc = root && json_write(&b, root, JSON_PRETTY, &err) == 0 ? 0 : DSJ_ENOMEM;
	arena_free(&a);
	*out = rc ? NULL : buf_detach(&b, out_len);
	buf_free(&b);
	return *out ? 0 : DSJ_ENOMEM;
}
