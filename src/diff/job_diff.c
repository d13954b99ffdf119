/* Field by field, like `terraform plan`: the CreateJob body against the job
 * as GetJob returns it. Only the body's fields are compared (GetJob adds the
 * id, lifecycle state, times...), and within them every key of either side. */
#include "diff/job_diff.h"

#include <stdio.h>
#include <string.h>

#include "doc/json.h"

static const char *const body_fields[] = {
	"projectId",
	"compartmentId",
	"displayName",
	"description",
	"jobConfigurationDetails",
	"jobInfrastructureConfigurationDetails",
	"jobLogConfigurationDetails",
	"jobStorageMountConfigurationDetailsList",
	"freeformTags",
	"definedTags",
	NULL,
};

struct differ {
	struct buf *out;
	size_t changes;
};

static bool absent(const struct node *n)
{
	return !n || n->kind == NODE_NULL;
}

static bool numeric(const struct node *n, double *d)
{
	if (n->kind == NODE_INT && n->u.integer.fits)
		*d = (double)n->u.integer.i64;
	else if (n->kind == NODE_FLOAT)
		*d = n->u.real;
	else
		return false;
	return true;
}

static bool same(const struct node *a, const struct node *b)
{
	double x, y;
	if (numeric(a, &x) && numeric(b, &y))
		return x == y;
	return node_equal(a, b, false);
}

static void line(struct differ *d, char sign, const char *path, const struct node *old,
		 const struct node *new)
{
	buf_printf(d->out, "%c %s: ", sign, path);
	if (old)
		json_brief(d->out, old, 0);
	if (old && new)
		buf_puts(d->out, " -> ");
	if (new)
		json_brief(d->out, new, 0);
	buf_putc(d->out, '\n');
	d->changes++;
}

static void compare(struct differ *d, const char *path, const struct node *old,
		    const struct node *new);

static void compare_maps(struct differ *d, const char *path, const struct node *old,
			 const struct node *new)
{
	char sub[1024];
	for (size_t i = 0; i < new->u.map.count; i++) {
		const struct node *k = new->u.map.items[i].key;
		if (k->kind != NODE_STR)
			continue;
		snprintf(sub, sizeof(sub), "%s.%s", path, k->u.str.ptr);
		compare(d, sub, map_get(old, k->u.str.ptr), new->u.map.items[i].value);
	}
	for (size_t i = 0; i < old->u.map.count; i++) {
		const struct node *k = old->u.map.items[i].key;
		if (k->kind != NODE_STR || map_get(new, k->u.str.ptr))
			continue;
		/* tags the service adds itself are not the user's to remove */
		if (strcmp(path, "definedTags") == 0 && str_eq(k->u.str, "Oracle-Tags"))
			continue;
		snprintf(sub, sizeof(sub), "%s.%s", path, k->u.str.ptr);
		compare(d, sub, old->u.map.items[i].value, NULL);
	}
}

static void compare(struct differ *d, const char *path, const struct node *old,
		    const struct node *new)
{
	if (absent(old) && absent(new))
		return;
	if (absent(old)) {
		line(d, '+', path, NULL, new);
		return;
	}
	if (absent(new)) {
		line(d, '-', path, old, NULL);
		return;
	}
	if (old->kind == NODE_MAP && new->kind == NODE_MAP) {
		compare_maps(d, path, old, new);
		return;
	}
	if (old->kind == NODE_SEQ && new->kind == NODE_SEQ &&
	    old->u.seq.count == new->u.seq.count) {
		char sub[1024];
		for (size_t i = 0; i < old->u.seq.count; i++) {
			snprintf(sub, sizeof(sub), "%s[%zu]", path, i);
			compare(d, sub, old->u.seq.items[i], new->u.seq.items[i]);
		}
		return;
	}
	if (!same(old, new))
		line(d, '~', path, old, new);
}

bool job_diff(struct buf *out, const struct node *body, const struct node *job, size_t *changes)
{
	struct differ d = {.out = out};
	for (const char *const *f = body_fields; *f; f++) {
		const struct node *new = map_get(body, *f);
		const struct node *old = map_get(job, *f);
		/* GetJob has an empty tag mapping where the body leaves tags out */
		if (absent(new) && old && old->kind == NODE_MAP && old->u.map.count == 0)
			continue;
		if (absent(new) && strcmp(*f, "definedTags") == 0 && old && old->kind == NODE_MAP) {
			struct node empty = {.kind = NODE_MAP};
			compare_maps(&d, *f, old, &empty);
			continue;
		}
		compare(&d, *f, old, new);
	}
	*changes = d.changes;
	return !out->failed;
}
