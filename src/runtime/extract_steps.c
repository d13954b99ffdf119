/* The extract steps every runtime handler shares. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "util/buf.h"
#include "util/diag.h"
#include "py/pyrepr.h"
#include "runtime/runtime.h"

struct node *envs_pop(struct extract_ctx *x, const char *name)
{
	return map_remove(x->envs, name);
}

bool envs_has(struct extract_ctx *x, const char *name)
{
	return map_find(x->envs, name, strlen(name)) >= 0;
}

int spec_put(struct extract_ctx *x, const char *key, struct node *value)
{
	if (!value || map_set(x->a, x->spec, key, value))
		return diag_nomem(x->err);
	return 0;
}

int extract_fail(struct extract_ctx *x, const struct node *at, const char *name, const char *type,
		 const char *fmt, ...)
{
	char path[DSJ_ERROR_PATH_MAX] = "";
	if (name)
		snprintf(path, sizeof(path), "jobConfigurationDetails.environmentVariables.%s",
			 name);
	va_list ap;
	va_start(ap, fmt);
	int rc = diag_vnode(x->err, DSJ_EINPUT, at, path, type, fmt, ap);
	va_end(ap);
	return rc;
}

int extract_specs(struct extract_ctx *x, const struct env_mapping *map)
{
	for (const struct env_mapping *m = map; m->spec_key; m++) {
		struct node *v = envs_pop(x, m->env_name);
		if (node_truthy(v) && spec_put(x, m->spec_key, v))
			return -1;
	}
	return 0;
}

/* Python's f"{value}" of a variable value. */
static int append_str(struct extract_ctx *x, struct buf *b, const struct node *v, const char *name)
{
	if (py_str(b, v))
		return extract_fail(x, v, name, PY_TYPE_ERROR, "expected a string, got %s",
				    node_type_name(v));
	return 0;
}

static int conda_custom_uri(struct extract_ctx *x, struct node *conda)
{
	struct node *ns_node = map_get(x->envs, "CONDA_ENV_NAMESPACE");
	if (!ns_node)
		return extract_fail(x, x->job, "CONDA_ENV_NAMESPACE", PY_KEY_ERROR,
				    "'CONDA_ENV_NAMESPACE' is required with CONDA_ENV_BUCKET");
	struct node *bucket = envs_pop(x, "CONDA_ENV_BUCKET");
	struct node *ns = envs_pop(x, "CONDA_ENV_NAMESPACE");
	struct node *name = envs_pop(x, "CONDA_ENV_OBJECT_NAME");
	struct buf b;
	buf_init(&b, 0);
	buf_puts(&b, "oci://");
	int rc = append_str(x, &b, bucket, "CONDA_ENV_BUCKET");
	buf_putc(&b, '@');
	if (!rc)
		rc = append_str(x, &b, ns, "CONDA_ENV_NAMESPACE");
	buf_putc(&b, '/');
	if (!rc)
		rc = append_str(x, &b, name, "CONDA_ENV_OBJECT_NAME");
	if (!rc && b.failed)
		rc = diag_nomem(x->err);
	struct node *uri = rc ? NULL : node_new_str(x->a, b.data, b.len);
	buf_free(&b);
	if (rc)
		return rc;
	if (map_set(x->a, conda, "type", envs_pop(x, "CONDA_ENV_TYPE")) ||
	    map_set(x->a, conda, "uri", uri))
		return diag_nomem(x->err);
	if (envs_has(x, "CONDA_ENV_REGION") &&
	    map_set(x->a, conda, "region", envs_pop(x, "CONDA_ENV_REGION")))
		return diag_nomem(x->err);
	return 0;
}

int extract_conda(struct extract_ctx *x)
{
	if (x->envs->u.map.count == 0)
		return 0;
	struct node *conda = node_new(x->a, NODE_MAP, 0, 0);
	if (!conda)
		return diag_nomem(x->err);
	if (envs_has(x, "CONDA_ENV_TYPE") && envs_has(x, "CONDA_ENV_SLUG")) {
		if (map_set(x->a, conda, "type", envs_pop(x, "CONDA_ENV_TYPE")) ||
		    map_set(x->a, conda, "slug", envs_pop(x, "CONDA_ENV_SLUG")))
			return diag_nomem(x->err);
		return spec_put(x, "conda", conda);
	}
	const struct node *type = map_get(x->envs, "CONDA_ENV_TYPE");
	if (type && type->kind == NODE_STR && str_eq(type->u.str, "published") &&
	    envs_has(x, "CONDA_ENV_BUCKET") && envs_has(x, "CONDA_ENV_OBJECT_NAME")) {
		int rc = conda_custom_uri(x, conda);
		return rc ? rc : spec_put(x, "conda", conda);
	}
	return 0;
}

/* The ASCII characters Python's str.strip() removes. */
static bool is_py_space(char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f);
}

struct node *split_text(struct arena *a, struct str text, char delim, bool strip)
{
	struct node *list = node_new(a, NODE_SEQ, 0, 0);
	if (!list)
		return NULL;
	const char *p = text.ptr, *end = p + text.len;
	for (;;) {
		const char *stop = memchr(p, delim, (size_t)(end - p));
		const char *s = p, *e = stop ? stop : end;
		while (strip && s < e && is_py_space(*s))
			s++;
		while (strip && e > s && is_py_space(e[-1]))
			e--;
		struct node *item = node_new_str(a, s, (size_t)(e - s));
		if (!item || seq_push(a, list, item))
			return NULL;
		if (!stop)
			return list;
		p = stop + 1;
	}
}

int spec_split_list(struct extract_ctx *x, const char *key, char delim)
{
	struct node *v = map_get(x->spec, key);
	if (!v)
		return 0;
	if (v->kind != NODE_STR)
		return extract_fail(x, v, NULL, PY_ATTRIBUTE_ERROR,
				    "'%s' object has no attribute 'split'", node_type_name(v));
	struct node *list = split_text(x->a, v->u.str, delim, false);
	return list ? spec_put(x, key, list) : diag_nomem(x->err);
}
