/* dsj_oci_fetch: an Object Storage source copied to a local path, as ADS's
 * fsspec copy (ocifs) does: the URI names one object (GetObject), or, when
 * there is none by that name, a prefix whose objects become a folder
 * (ListObjects page by page, then GetObject each). Object names become local
 * paths only when they are plainly relative: no "..", no "." or empty parts. */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "doc/node.h"
#include "oci/oci.h"
#include "util/diag.h"

#define PAGES_MAX 1000
#define OBJECTS_MAX 100000

static int write_file(const char *path, const char *data, size_t len, struct dsj_error *err)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (fd < 0)
		return oci_fail(err, DSJ_EINPUT, "cannot write %s: %s", path, strerror(errno));
	while (len) {
		ssize_t n = write(fd, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			int e = errno;
			close(fd);
			return oci_fail(err, DSJ_EINPUT, "cannot write %s: %s", path, strerror(e));
		}
		data += n;
		len -= (size_t)n;
	}
	return close(fd) ? oci_fail(err, DSJ_EINPUT, "cannot write %s: %s", path, strerror(errno))
			 : 0;
}

static int make_dir(const char *path, struct dsj_error *err)
{
	if (mkdir(path, 0755) == 0 || errno == EEXIST)
		return 0;
	return oci_fail(err, DSJ_EINPUT, "cannot make %s: %s", path, strerror(errno));
}

const char *object_name_unsafe(const char *rel, size_t len)
{
	if (memchr(rel, '\0', len))
		return "a NUL byte";
	for (size_t i = 0; i < len;) {
		size_t j = i;
		while (j < len && rel[j] != '/')
			j++;
		size_t n = j - i;
		if (n == 0 && j < len)
			return "an empty path part";
		if ((n == 1 && rel[i] == '.') || (n == 2 && rel[i] == '.' && rel[i + 1] == '.'))
			return "a '.' or '..' part";
		i = j + 1;
	}
	return NULL;
}

/* path = dest/rel, with the folders on the way made (all of them for a
 * trailing "/": a folder marker object). */
static int make_parents(char *path, size_t size, const char *dest, const char *rel,
			struct dsj_error *err)
{
	if ((size_t)snprintf(path, size, "%s/%s", dest, rel) >= size)
		return oci_fail(err, DSJ_EINPUT, "the object name %.200s is too long", rel);
	for (char *p = path + strlen(dest) + 1; (p = strchr(p, '/')); p++) {
		*p = '\0';
		int rc = make_dir(path, err);
		*p = '/';
		if (rc)
			return rc;
	}
	return 0;
}

/* *status: the answer's HTTP status (404 when there is no such object). */
static int fetch_one(dsj_oci_client *c, const struct object_uri *u, const char *path,
		     long *status, struct dsj_error *err)
{
	struct dsj_oci_response resp = {0};
	int rc = object_read(c, u, &resp, err);
	*status = resp.status;
	if (!rc)
		rc = write_file(path, resp.body, resp.body_len, err);
	dsj_oci_response_free(&resp);
	return rc;
}

struct listing {
	dsj_oci_client *c;
	struct object_uri prefix; /* name = the prefix, ending in "/" (or "") */
	const char *dest;
	size_t count; /* objects copied */
};

static int copy_listed(void *ctx, const char *name, size_t name_len, struct dsj_error *err)
{
	struct listing *l = ctx;
	size_t plen = strlen(l->prefix.name);
	if (name_len < plen || name_len > OBJECT_NAME_MAX || memcmp(name, l->prefix.name, plen))
		return oci_fail(err, DSJ_OCI_EREPLY, "ListObjects answered a name outside %s",
				l->prefix.name);
	const char *rel = name + plen;
	size_t len = name_len - plen;
	if (len == 0)
		return 0; /* the prefix's own folder marker */
	const char *why = object_name_unsafe(rel, len);
	if (why)
		return oci_fail(err, DSJ_EINPUT, "the object %.300s has %s: not copied to a folder",
				name, why);
	char path[4096 + OBJECT_NAME_MAX];
	int rc = make_parents(path, sizeof(path), l->dest, rel, err);
	if (rc || rel[len - 1] == '/')
		return rc;
	struct object_uri u = l->prefix;
	memcpy(u.name, name, name_len + 1);
	if (++l->count > OBJECTS_MAX)
		return oci_fail(err, DSJ_EINPUT, "more than %d objects under %s", OBJECTS_MAX,
				l->prefix.name);
	long status;
	return fetch_one(l->c, &u, path, &status, err);
}

int object_page_parse(const char *json, size_t len, const char *start, object_name_fn each,
		      void *ctx, char **next, struct dsj_error *err)
{
	struct arena a;
	const struct node *root = answer_read(&a, json, len);
	const struct node *objects = json_walk(root, "objects");
	int rc = 0;
	*next = NULL;
	if (!objects || objects->kind != NODE_SEQ)
		rc = oci_fail(err, DSJ_OCI_EREPLY, "ListObjects answered without objects");
	for (size_t i = 0; !rc && i < objects->u.seq.count; i++) {
		const struct node *name = json_walk(objects->u.seq.items[i], "name");
		rc = name && name->kind == NODE_STR
			     ? each(ctx, name->u.str.ptr, name->u.str.len, err)
			     : oci_fail(err, DSJ_OCI_EREPLY, "ListObjects answered an object without a name");
	}
	*next = rc ? NULL : json_pick_at(root, "nextStartWith");
	if (*next && start && strcmp(*next, start) <= 0) {
		free(*next);
		*next = NULL;
		rc = oci_fail(err, DSJ_OCI_EREPLY, "ListObjects' nextStartWith goes backwards");
	}
	arena_free(&a);
	return rc;
}

/* One ListObjects page from `start`; *next gets nextStartWith (heap) or NULL. */
static int list_page(struct listing *l, const char *start, char **next, struct dsj_error *err)
{
	char prefix[OBJECT_NAME_MAX * 3 + 1], from[OBJECT_NAME_MAX * 3 + 1];
	char path[OBJECT_NAME_MAX * 6 + 700];
	url_escape(prefix, sizeof(prefix), l->prefix.name);
	url_escape(from, sizeof(from), start ? start : "");
	snprintf(path, sizeof(path), "/n/%s/b/%s/o?prefix=%s&fields=name%s%s", l->prefix.ns,
		 l->prefix.bucket, prefix, start ? "&start=" : "", start ? from : "");
	struct dsj_oci_request req = {
		DSJ_OCI_OBJECT_STORAGE, "GET", path, NULL, 0, NULL, NULL, 0, 0};
	struct dsj_oci_response resp;
	*next = NULL;
	int rc = dsj_oci_call(l->c, &req, &resp, err);
	if (rc)
		return rc;
	rc = object_page_parse(resp.body, resp.body_len, start, copy_listed, l, next, err);
	dsj_oci_response_free(&resp);
	return rc;
}

static int fetch_prefix(struct listing *l, struct dsj_error *err)
{
	int rc = make_dir(l->dest, err);
	char *start = NULL;
	for (int page = 0; !rc; page++) {
		char *next = NULL;
		rc = page < PAGES_MAX ? list_page(l, start, &next, err)
				      : oci_fail(err, DSJ_OCI_EREPLY, "more than %d pages of objects",
						 PAGES_MAX);
		free(start);
		start = next;
		if (!next)
			break;
	}
	free(start);
	return rc;
}

/* u's name as a prefix: "code" -> "code/"; "" and "x/" stay. */
static int as_prefix(struct object_uri *u)
{
	size_t n = strlen(u->name);
	if (n == 0 || u->name[n - 1] == '/')
		return 0;
	if (n + 1 > OBJECT_NAME_MAX)
		return -1;
	memcpy(u->name + n, "/", 2);
	return 0;
}

DSJ_API int dsj_oci_fetch(void *client, const char *uri, const char *dest, struct dsj_error *err)
{
	diag_clear(err);
	struct listing l = {client, {{0}, {0}, {0}}, dest, 0};
	if (uri && strncmp(uri, "oci://", 6) != 0)
		return 1; /* not Object Storage: dsj_fetch_fn's "not mine" */
	if (!client || !uri || !dest || object_uri_parse(&l.prefix, uri, 0))
		return oci_fail(err, DSJ_EUSAGE,
				"'%.300s' is not oci://bucket@namespace/name (a file or a prefix)",
				uri ? uri : "");
	size_t n = strlen(l.prefix.name);
	bool one_object = n && l.prefix.name[n - 1] != '/';
	struct dsj_error missing;
	if (one_object) {
		long status;
		int rc = fetch_one(client, &l.prefix, dest, &status, &missing);
		if (!rc || status != 404)
			return rc ? (*err = missing, rc) : 0;
	}
	if (as_prefix(&l.prefix))
		return oci_fail(err, DSJ_EINPUT, "the object name of %.300s is too long", uri);
	int rc = fetch_prefix(&l, err);
	if (!rc && l.count == 0 && one_object) { /* neither an object nor a prefix */
		rmdir(dest);
		*err = missing;
		return missing.code;
	}
	if (!rc && l.count == 0)
		return oci_fail(err, DSJ_EINPUT, "no objects under %s", uri);
	return rc;
}
