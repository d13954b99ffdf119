/* How a live job differs from its YAML: the CreateJob body is walked and each
 * value it sets is compared with the Job's (numbers by value: the service may
 * answer 2 for 2.0). The service adds fields of its own (ids, times, defaults),
 * so only the body's keys count, except in the maps the user owns whole
 * (environment variables, tags), where a key only the live job has is drift
 * too. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc/json.h"
#include "oci/oci.h"
#include "util/diag.h"

struct drift {
	struct arena *a;
	struct node *list;
	size_t count;
};

static int is_number(const struct node *n)
{
	return n && (n->kind == NODE_INT || n->kind == NODE_FLOAT);
}

static double number(const struct node *n)
{
	return n->kind == NODE_FLOAT ? n->u.real
	       : n->u.integer.fits   ? (double)n->u.integer.i64
				     : strtod(n->u.integer.text.ptr, NULL);
}

static int same(const struct node *a, const struct node *b)
{
	if (is_number(a) && is_number(b))
		return number(a) == number(b);
	return a && b && node_equal(a, b, false);
}

static int owned_whole(const char *key)
{
	return strcmp(key, "environmentVariables") == 0 || strcmp(key, "freeformTags") == 0 ||
	       strcmp(key, "definedTags") == 0;
}

static int add(struct drift *d, const char *path, const struct node *file, const struct node *live)
{
	struct node *m = node_new(d->a, NODE_MAP, 0, 0);
	struct node *null = node_new(d->a, NODE_NULL, 0, 0);
	if (!m || !null || map_set(d->a, m, "path", node_new_cstr(d->a, path)) ||
	    map_set(d->a, m, "file", file ? node_clone(d->a, file) : null) ||
	    map_set(d->a, m, "live", live ? node_clone(d->a, live) : null) ||
	    seq_push(d->a, d->list, m))
		return -1;
	d->count++;
	return 0;
}

static int walk(struct drift *d, const char *path, const struct node *file, const struct node *live,
		int whole);

static int walk_map(struct drift *d, const char *path, const struct node *file,
		    const struct node *live, int whole)
{
	char sub[1024];
	for (size_t i = 0; i < file->u.map.count; i++) {
		const struct node *k = file->u.map.items[i].key;
		if (k->kind != NODE_STR)
			continue;
		snprintf(sub, sizeof(sub), "%s%s%s", path, *path ? "." : "", k->u.str.ptr);
		const struct node *other = map_getn(live, k->u.str.ptr, k->u.str.len);
		if (walk(d, sub, file->u.map.items[i].value, other, owned_whole(k->u.str.ptr)))
			return -1;
	}
	for (size_t i = 0; whole && i < live->u.map.count; i++) {
		const struct node *k = live->u.map.items[i].key;
		if (k->kind != NODE_STR || map_getn(file, k->u.str.ptr, k->u.str.len))
			continue;
		snprintf(sub, sizeof(sub), "%s%s%s", path, *path ? "." : "", k->u.str.ptr);
		if (add(d, sub, NULL, live->u.map.items[i].value))
			return -1;
	}
	return 0;
}

static int walk(struct drift *d, const char *path, const struct node *file, const struct node *live,
		int whole)
{
	if (file->kind == NODE_MAP && live && live->kind == NODE_MAP)
		return walk_map(d, path, file, live, whole);
	if (file->kind == NODE_NULL && !live)
		return 0;
	return same(file, live) ? 0 : add(d, path, file, live);
}

/* One line per difference, values as one-line JSON. */
static int as_text(struct buf *b, const struct node *list, struct dsj_error *err)
{
	for (size_t i = 0; i < list->u.seq.count; i++) {
		const struct node *m = list->u.seq.items[i];
		buf_printf(b, "%s: file ", map_get(m, "path")->u.str.ptr);
		if (json_write(b, map_get(m, "file"), 0, err))
			return -1;
		buf_puts(b, ", live ");
		if (json_write(b, map_get(m, "live"), 0, err))
			return -1;
		buf_putc(b, '\n');
	}
	return b->failed ? -1 : 0;
}

static int compare(struct arena *a, struct buf *b, size_t *count, const struct node *body,
		   const struct node *job, int text, struct dsj_error *err)
{
	if (!body || body->kind != NODE_MAP || !job || job->kind != NODE_MAP)
		return oci_fail(err, DSJ_EINPUT,
				"drift: a CreateJob body and a Job are JSON objects");
	const struct node *data = json_walk(job, "data");
	struct drift d = {a, node_new(a, NODE_SEQ, 0, 0), 0};
	if (!d.list || walk_map(&d, "", body, data && data->kind == NODE_MAP ? data : job, 0) ||
	    (text ? as_text(b, d.list, err) : json_write(b, d.list, JSON_PRETTY, err)))
		return diag_nomem(err);
	*count = d.count;
	return 0;
}

DSJ_API int dsj_oci_job_drift(char **out, size_t *out_len, size_t *count, const char *body,
			      size_t body_len, const char *job, size_t job_len, int text,
			      struct dsj_error *err)
{
	diag_clear(err);
	*out = NULL;
	*count = 0;
	struct arena a1, a2;
	const struct node *b = answer_read(&a1, body, body_len);
	const struct node *j = answer_read(&a2, job, job_len);
	struct buf out_text;
	buf_init(&out_text, 0);
	int rc = compare(&a1, &out_text, count, b, j, text, err);
	if (!rc && !(*out = buf_detach(&out_text, out_len)))
		rc = diag_nomem(err);
	buf_free(&out_text);
	arena_free(&a1);
	arena_free(&a2);
	return rc;
}
