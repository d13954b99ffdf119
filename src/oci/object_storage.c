/* Reading an Object Storage object named as ADS names them,
 * oci://bucket@namespace/path/to/object (GetObject; the object name is one
 * path segment, so its "/" are percent-encoded as the SDKs do). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oci/oci.h"
#include "util/diag.h"

static int part_ok(const char *s, size_t n)
{
	if (n == 0 || n >= 256)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
		      (s[i] >= '0' && s[i] <= '9') || s[i] == '-' || s[i] == '_' || s[i] == '.'))
			return 0;
	return 1;
}

int object_uri_parse(struct object_uri *u, const char *uri, int name_needed)
{
	if (strncmp(uri, "oci://", 6) != 0)
		return -1;
	const char *b = uri + 6, *at = strchr(b, '@');
	const char *slash = at ? strchr(at, '/') : NULL;
	if (at && !slash && !name_needed)
		slash = at + strlen(at); /* oci://bucket@namespace: the whole bucket */
	if (!slash || !part_ok(b, (size_t)(at - b)) || !part_ok(at + 1, (size_t)(slash - at - 1)))
		return -1;
	const char *name = *slash ? slash + 1 : slash;
	size_t n = strlen(name);
	if ((n == 0 && name_needed) || n > OBJECT_NAME_MAX)
		return -1;
	snprintf(u->bucket, sizeof(u->bucket), "%.*s", (int)(at - b), b);
	snprintf(u->ns, sizeof(u->ns), "%.*s", (int)(slash - at - 1), at + 1);
	memcpy(u->name, name, n + 1);
	return 0;
}

int object_read(dsj_oci_client *c, const struct object_uri *u, struct dsj_oci_response *resp,
		struct dsj_error *err)
{
	char name[OBJECT_NAME_MAX * 3 + 1], path[OBJECT_NAME_MAX * 3 + 600];
	url_escape(name, sizeof(name), u->name);
	snprintf(path, sizeof(path), "/n/%s/b/%s/o/%s", u->ns, u->bucket, name);
	struct dsj_oci_request req = {
		DSJ_OCI_OBJECT_STORAGE, "GET", path, NULL, 0, NULL, NULL, 0, 0};
	return dsj_oci_call(c, &req, resp, err);
}

DSJ_API int dsj_oci_object_get(dsj_oci_client *c, const char *uri, char **data, size_t *len,
			       struct dsj_error *err)
{
	diag_clear(err);
	*data = NULL;
	*len = 0;
	struct object_uri u;
	if (!uri || object_uri_parse(&u, uri, 1))
		return oci_fail(err, DSJ_EUSAGE, "'%.300s' is not oci://bucket@namespace/object",
				uri ? uri : "");
	struct dsj_oci_response resp;
	int rc = object_read(c, &u, &resp, err);
	if (rc)
		return rc;
	*data = resp.body;
	*len = resp.body_len;
	return 0;
}
