/* The public JSON helpers: callers of the OCI layer read a few fields of the
 * answers (an OCID, a state) and take one member of a translation (its body). */
#include <stdlib.h>
#include <string.h>

#include "doc/json.h"
#include "oci/oci.h"
#include "util/diag.h"

DSJ_API int dsj_oci_json_string(char **out, const char *json, size_t len, const char *path)
{
	*out = json && path ? json_pick(json, len, path) : NULL;
	return *out ? 0 : DSJ_EINPUT;
}

const struct node *json_walk(const struct node *n, const char *path)
{
	while (n && *path) {
		const char *dot = strchr(path, '.');
		size_t k = dot ? (size_t)(dot - path) : strlen(path);
		n = n->kind == NODE_MAP ? map_getn(n, path, k) : NULL;
		path += k + (dot ? 1 : 0);
	}
	return n;
}

DSJ_API int dsj_oci_json_member(char **out, size_t *out_len, const char *json, size_t len,
				const char *path)
{
	*out = NULL;
	struct arena a;
	int rc = DSJ_EINPUT;
	const struct node *n = path ? json_walk(answer_read(&a, json, len), path) : NULL;
	if (!path)
		arena_init(&a, 0);
	if (n) {
		struct buf b;
		buf_init(&b, 0);
		rc = json_write(&b, n, JSON_PRETTY, NULL) ? DSJ_EINPUT : 0;
		if (!rc && !(*out = buf_detach(&b, out_len)))
			rc = DSJ_ENOMEM;
		buf_free(&b);
	}
	arena_free(&a);
	return rc;
}
