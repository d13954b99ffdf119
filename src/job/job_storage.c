/* Storage mounts: the infrastructure's storageMount [{src, dest}] <->
 * jobStorageMountConfigurationDetailsList, as the reference's
 * DSCFileSystemManager intends it (see conformance/README.md, "Storage
 * mounts": sources it could only resolve by searching the tenancy are
 * reported as not found, since dsjob does not call OCI). */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "util/buf.h"
#include "util/diag.h"
#include "job/job_parts.h"
#include "runtime/runtime.h"

#define MAX_MOUNTS 5
#define PATH "spec.infrastructure.spec.storageMount"

struct mount_ctx {
	struct job_ctx *j;
	const struct node *at;
	char path[DSJ_ERROR_PATH_MAX];
	struct node *out;
};

static int set(struct mount_ctx *m, const char *key, const char *s, size_t len)
{
	return map_set(m->j->a, m->out, key, node_new_str(m->j->a, s, len)) ? diag_nomem(m->j->err)
									    : 0;
}

static int invalid(struct mount_ctx *m, const char *why)
{
	return job_problem(m->j, m->at, m->path, PY_VALUE_ERROR,
			   "Invalid dict for mounting file systems. Specify a valid one.%s", why);
}

/* oci://bucket@namespace/prefix */
static int object_storage(struct mount_ctx *m, struct str src)
{
	const char *at = memchr(src.ptr, '@', src.len);
	const char *end = src.ptr + src.len;
	const char *next_at = memchr(at + 1, '@', (size_t)(end - at - 1));
	const char *ns = at + 1, *ns_end = next_at ? next_at : end;
	while (ns < ns_end && *ns == '/')
		ns++;
	while (ns_end > ns && ns_end[-1] == '/')
		ns_end--;
	const char *slash = memchr(ns, '/', (size_t)(ns_end - ns));
	const char *bucket = src.ptr + 6;
	if (at <= bucket || (slash ? slash : ns_end) == ns)
		return invalid(m, " (an object storage source is oci://bucket@namespace/prefix)");
	int rc = set(m, "storageType", "OBJECT_STORAGE", 14);
	rc = rc ? rc : set(m, "bucket", bucket, (size_t)(at - bucket));
	rc = rc ? rc : set(m, "namespace", ns, (size_t)((slash ? slash : ns_end) - ns));
	if (!rc && slash && slash + 1 < ns_end)
		rc = set(m, "prefix", slash + 1, (size_t)(ns_end - slash - 1));
	return rc;
}

static bool contains(const char *s, size_t len, const char *needle)
{
	size_t n = strlen(needle);
	for (size_t i = 0; i + n <= len; i++)
		if (memcmp(s + i, needle, n) == 0)
			return true;
	return false;
}

/* <mount target OCID>:<export OCID> */
static int file_storage(struct mount_ctx *m, struct str src, size_t colon)
{
	const char *second = src.ptr + colon + 1;
	const char *end = memchr(second, ':', src.len - colon - 1);
	size_t second_len = end ? (size_t)(end - second) : src.len - colon - 1;
	if (!contains(src.ptr, colon, "mounttarget"))
		return invalid(m, " (the part before ':' must be a mount target OCID)");
	if (second_len < 4 || memcmp(second, "ocid", 4) != 0 ||
	    !contains(second, second_len, "export"))
		return job_problem(m->j, m->at, m->path, PY_VALUE_ERROR,
				   "No `export_id` found with `export_path` %.*s. Specify a valid "
				   "`src` (an export OCID: finding an export by path needs the OCI "
				   "API, which dsjob does not call).",
				   (int)second_len, second);
	int rc = set(m, "storageType", "FILE_STORAGE", 12);
	rc = rc ? rc : set(m, "mountTargetId", src.ptr, colon);
	rc = rc ? rc : set(m, "exportId", second, second_len);
	return rc;
}

static bool is_ipv4(const char *s, size_t len)
{
	char text[64];
	unsigned char addr[4];
	if (len >= sizeof(text))
		return false;
	memcpy(text, s, len);
	text[len] = '\0';
	char *slash = strchr(text, '/');
	if (slash)
		*slash = '\0';
	return inet_pton(AF_INET, text, addr) == 1;
}

static int source(struct mount_ctx *m, struct str src)
{
	if (src.len > 6 && memcmp(src.ptr, "oci://", 6) == 0 && memchr(src.ptr, '@', src.len))
		return object_storage(m, src);
	const char *colon = memchr(src.ptr, ':', src.len);
	size_t first = colon ? (size_t)(colon - src.ptr) : src.len;
	if (first >= 4 && memcmp(src.ptr, "ocid", 4) == 0 && colon)
		return file_storage(m, src, first);
	if (is_ipv4(src.ptr, first))
		return invalid(m,
			       " (a mount target given by IP address needs an OCI lookup, "
			       "which dsjob does not do: give <mount target OCID>:<export OCID>)");
	return invalid(m, " (expected oci://bucket@namespace/prefix or "
			  "<mount target OCID>:<export OCID>)");
}

/* ADS 2.15: dest.rstrip('/') split as os.path.dirname / basename do, into
 * destinationPath (none when there is no directory part) and
 * destinationDirectoryName. ADS 2.8 sends dest whole as the directory name. */
static int destination(struct mount_ctx *m, const struct node *dest)
{
	struct str d = dest->u.str;
	if (m->j->opts->ads != DSJ_ADS_2_15)
		return set(m, "destinationDirectoryName", d.ptr, d.len);
	while (d.len > 0 && d.ptr[d.len - 1] == '/')
		d.len--;
	size_t name = d.len;
	while (name > 0 && d.ptr[name - 1] != '/')
		name--;
	if (name == d.len)
		return job_problem(m->j, dest, m->path, PY_VALUE_ERROR,
				   "dest needs a directory name, got \"%s\"", dest->u.str.ptr);
	int rc = set(m, "destinationDirectoryName", d.ptr + name, d.len - name);
	size_t head = name;
	while (head > 0 && d.ptr[head - 1] == '/')
		head--;
	if (head == 0)
		head = name; /* only slashes: dirname keeps them */
	return rc || name == 0 ? rc : set(m, "destinationPath", d.ptr, head);
}

/* The keys one_mount reads. */
const char *const job_mount_keys[] = {"src", "dest", NULL};

static int one_mount(struct job_ctx *j, const struct node *item, size_t i, struct node *list)
{
	struct mount_ctx m = {.j = j, .at = item};
	snprintf(m.path, sizeof(m.path), PATH "[%zu]", i);
	if (item->kind != NODE_MAP)
		return job_problem(j, item, m.path, PY_VALUE_ERROR,
				   "Parameter `storage_mount` should be a list of dictionaries.");
	const struct node *src = map_get(item, "src"), *dest = map_get(item, "dest");
	const char *missing = !src ? "src" : !dest ? "dest" : NULL;
	if (missing)
		return job_problem(j, item, m.path, PY_VALUE_ERROR,
				   "Parameter `%s` is required for mounting file storage system.",
				   missing);
	if (src->kind != NODE_STR || dest->kind != NODE_STR || !dest->u.str.len)
		return job_problem(j, src->kind != NODE_STR ? src : dest, m.path, PY_TYPE_ERROR,
				   "src and dest must be non-empty strings");
	if (!(m.out = node_new(j->a, NODE_MAP, 0, 0)))
		return diag_nomem(j->err);
	size_t before = j->problems;
	int rc = source(&m, src->u.str);
	rc = rc ? rc : destination(&m, dest);
	if (rc || j->problems != before)
		return rc;
	return seq_push(j->a, list, m.out) ? diag_nomem(j->err) : 0;
}

int job_storage_translate(struct job_ctx *j, const struct node *mounts, struct node **list)
{
	*list = NULL;
	if (!node_truthy(mounts))
		return 0;
	if (mounts->kind != NODE_SEQ)
		return job_problem(j, mounts, PATH, PY_VALUE_ERROR,
				   "expected a list of {src, dest}, got %s",
				   describe_value(j->a, mounts));
	if (mounts->u.seq.count > MAX_MOUNTS)
		return job_problem(
			j, mounts, PATH, PY_VALUE_ERROR,
			"A maximum number of %d file systems are allowed to be mounted at "
			"this time for a job.",
			MAX_MOUNTS);
	struct node *out = node_new(j->a, NODE_SEQ, 0, 0);
	if (!out)
		return diag_nomem(j->err);
	for (size_t i = 0; i < mounts->u.seq.count; i++) {
		int rc = one_mount(j, mounts->u.seq.items[i], i, out);
		if (rc)
			return rc;
	}
	*list = out;
	return 0;
}

static const char *missing_field(const struct node *mount, const char *const *fields,
				 const char *const *names)
{
	for (size_t i = 0; fields[i]; i++)
		if (!node_truthy(map_get(mount, fields[i])) ||
		    map_get(mount, fields[i])->kind != NODE_STR)
			return names[i];
	return NULL;
}

/* destinationPath and destinationDirectoryName joined as os.path.join does. */
static struct node *destination_joined(struct arena *a, const struct dsj_options *opts,
				       const struct node *mount, struct dsj_error *err)
{
	struct node *name = map_get(mount, "destinationDirectoryName");
	const struct node *path = map_get(mount, "destinationPath");
	if (!node_is_str(path) || !path->u.str.len)
		return name;
	if (opts->ads != DSJ_ADS_2_15) {
		if (opts->warn) {
			struct dsj_error w;
			diag_clear(&w);
			diag_node(&w, DSJ_OK, path, "jobStorageMountConfigurationDetailsList",
				  "UserWarning",
				  "destinationPath \"%s\" is left out: ADS 2.8 has no place for it "
				  "(extract with --ads 2.15 to keep it in dest)",
				  path->u.str.ptr);
			opts->warn(&w, opts->warn_ctx);
		}
		return name;
	}
	struct buf b;
	buf_init(&b, 0);
	struct str p = path->u.str, n = name->u.str;
	if (n.len && n.ptr[0] == '/')
		buf_printf(&b, "%.*s", (int)n.len, n.ptr);
	else
		buf_printf(&b, "%.*s%s%.*s", (int)p.len, p.ptr, p.ptr[p.len - 1] == '/' ? "" : "/",
			   (int)n.len, n.ptr);
	struct node *joined = b.failed ? NULL : node_new_str(a, buf_cstr(&b), b.len);
	buf_free(&b);
	if (!joined)
		diag_nomem(err);
	return joined;
}

int job_storage_extract(struct arena *a, const struct dsj_options *opts, const struct node *mount,
			struct node **item, struct dsj_error *err)
{
	static const char *const file_fields[] = {"mountTargetId", "exportId",
						  "destinationDirectoryName", NULL};
	static const char *const file_names[] = {"mount_target_id", "export_id",
						 "destination_directory_name", NULL};
	static const char *const object_fields[] = {"namespace", "bucket",
						    "destinationDirectoryName", NULL};
	static const char *const object_names[] = {"namespace", "bucket",
						   "destination_directory_name", NULL};
	*item = NULL;
	const struct node *type = mount->kind == NODE_MAP ? map_get(mount, "storageType") : NULL;
	if (!type || type->kind != NODE_STR)
		return 0;
	bool file = str_eq(type->u.str, "FILE_STORAGE");
	if (!file && !str_eq(type->u.str, "OBJECT_STORAGE"))
		return 0;
	const char *missing = file ? missing_field(mount, file_fields, file_names)
				   : missing_field(mount, object_fields, object_names);
	if (missing)
		return diag_node(
			err, DSJ_EINPUT, mount, "jobStorageMountConfigurationDetailsList",
			PY_VALUE_ERROR,
			"Missing parameter `%s` from service. Check service log to see the "
			"error.",
			missing);
	struct buf b;
	buf_init(&b, 0);
	const struct node *prefix = map_get(mount, "prefix");
	if (file)
		buf_printf(&b, "%s:%s", map_get(mount, "mountTargetId")->u.str.ptr,
			   map_get(mount, "exportId")->u.str.ptr);
	else
		buf_printf(&b, "oci://%s@%s/%s", map_get(mount, "bucket")->u.str.ptr,
			   map_get(mount, "namespace")->u.str.ptr,
			   prefix && prefix->kind == NODE_STR ? prefix->u.str.ptr : "");
	struct node *out = node_new(a, NODE_MAP, 0, 0);
	struct node *dest = destination_joined(a, opts, mount, err);
	int rc = !out || !dest || b.failed ||
		 map_set(a, out, "src", node_new_str(a, buf_cstr(&b), b.len)) ||
		 map_set(a, out, "dest", dest);
	buf_free(&b);
	if (rc)
		return diag_nomem(err);
	*item = out;
	return 0;
}
