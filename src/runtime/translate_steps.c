/* The translate steps every runtime handler shares. */
#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "doc/json.h"
#include "py/pypath.h"
#include "py/pyrepr.h"
#include "py/pyurl.h"
#include "runtime/runtime.h"
#include "runtime/spec_keys.h"
#include "util/buf.h"
#include "util/diag.h"

const char *const runtime_base_keys[] = {"env", "args", "maximumRuntimeInMinutes", NULL};

/* translate_conda and conda_custom read these. */
const struct spec_section conda_section = {
	.key = "conda",
	.names = (const char *const[]){"type", "slug", "uri", "region", NULL},
};

const struct spec_alias aliases_base[] = {
	{"freeformTags", "freeform_tags"},
	{"definedTags", "defined_tags"},
	{NULL, NULL},
};

const struct spec_alias aliases_script[] = {
	{"scriptPathURI", "script_path_uri"},
	{NULL, NULL},
};

const struct spec_alias aliases_python_mixin[] = {
	{"outputDir", "output_dir"},   {"outputUri", "output_uri"},
	{"pythonPath", "python_path"}, {"entryFunction", "entry_function"},
	{"workingDir", "working_dir"}, {NULL, NULL},
};

static const char *alias_of(const struct runtime_type *type, const char *camel)
{
	for (const struct spec_alias *const *table = type->aliases; *table; table++)
		for (const struct spec_alias *al = *table; al->camel; al++)
			if (strcmp(al->camel, camel) == 0)
				return al->snake;
	return NULL;
}

struct node *spec_get(struct translate_ctx *t, const char *camel, const char **written)
{
	assert(spec_key_known_ads(t->type, (struct str){camel, strlen(camel)}, t->opts->ads) &&
	       "a key the type's tables do not name");
	const char *snake = alias_of(t->type, camel);
	struct node *v = snake ? map_get(t->spec, snake) : NULL;
	if (v) {
		if (written)
			*written = snake;
		return v;
	}
	v = map_get(t->spec, camel);
	if (written)
		*written = v ? camel : NULL;
	return v;
}

int spec_fail(struct translate_ctx *t, const struct node *at, const char *key, const char *type,
	      const char *fmt, ...)
{
	char path[DSJ_ERROR_PATH_MAX];
	if (key && *key)
		snprintf(path, sizeof(path), "%sspec.%s", t->prefix, key);
	else
		snprintf(path, sizeof(path), "%sspec", t->prefix);
	va_list ap;
	va_start(ap, fmt);
	int rc = diag_vnode(t->err, DSJ_EINPUT, at ? at : t->spec, path, type, fmt, ap);
	va_end(ap);
	return rc;
}

int env_put(struct translate_ctx *t, const char *name, struct node *value)
{
	if (!value || map_set(t->a, t->env, name, value))
		return diag_nomem(t->err);
	return 0;
}

int env_put_cstr(struct translate_ctx *t, const char *name, const char *value)
{
	return env_put(t, name, node_new_cstr(t->a, value));
}

int env_put_json(struct translate_ctx *t, const char *name, const struct node *value,
		 const char *key)
{
	struct buf b;
	buf_init(&b, 0);
	struct dsj_error jerr = {0};
	if (py_json_dumps(&b, value, &jerr)) {
		buf_free(&b);
		if (jerr.code == DSJ_ENOMEM)
			return diag_nomem(t->err);
		return spec_fail(t, value, key, jerr.type, "%s", jerr.message);
	}
	struct node *s = b.failed ? NULL : node_new_str(t->a, buf_cstr(&b), b.len);
	buf_free(&b);
	return env_put(t, name, s);
}

const char *describe_value(struct arena *a, const struct node *v)
{
	struct buf b;
	buf_init(&b, 4096);
	const char *what = "value";
	switch (v ? v->kind : NODE_NULL) {
	case NODE_NULL:
		buf_puts(&b, "null");
		break;
	case NODE_BOOL:
		buf_puts(&b, v->u.boolean ? "boolean true" : "boolean false");
		break;
	case NODE_INT:
		what = "integer";
		break;
	case NODE_FLOAT:
		what = "float";
		break;
	case NODE_DATE:
		what = "date";
		break;
	case NODE_DATETIME:
		what = "datetime";
		break;
	case NODE_STR:
		what = "string";
		break;
	case NODE_BINARY:
		buf_puts(&b, "binary data");
		break;
	case NODE_SEQ:
		buf_puts(&b, "a list");
		break;
	case NODE_MAP:
		buf_puts(&b, "a mapping");
		break;
	}
	if (b.len == 0 && v->kind == NODE_STR && v->u.str.len < 60)
		buf_printf(&b, "string \"%.*s\"", (int)v->u.str.len, v->u.str.ptr);
	else if (b.len == 0 && v->kind == NODE_STR)
		buf_puts(&b, "a long string");
	else if (b.len == 0) {
		buf_printf(&b, "%s ", what);
		py_str(&b, v);
	}
	char *s = arena_strndup(a, buf_cstr(&b), b.len);
	buf_free(&b);
	return s ? s : "value";
}

int require_str(struct translate_ctx *t, const struct node *v, const char *key)
{
	if (v && v->kind == NODE_STR)
		return 0;
	return spec_fail(t, v, key, PY_TYPE_ERROR, "expected a string, got %s",
			 describe_value(t->a, v));
}

/* delimiter.join(items), as Python does it: every item must be a str. */
static int join_list(struct translate_ctx *t, const struct node *list, const char *delimiter,
		     const char *key, struct node **out)
{
	struct buf b;
	buf_init(&b, 0);
	for (size_t i = 0; i < list->u.seq.count; i++) {
		const struct node *item = list->u.seq.items[i];
		if (item->kind != NODE_STR) {
			buf_free(&b);
			char sub[128];
			snprintf(sub, sizeof(sub), "%s[%zu]", key, i);
			return spec_fail(t, item, sub, PY_TYPE_ERROR,
					 "sequence item %zu: expected str instance, %s found", i,
					 node_type_name(item));
		}
		if (i)
			buf_puts(&b, delimiter);
		buf_append(&b, item->u.str.ptr, item->u.str.len);
	}
	if (b.failed) {
		buf_free(&b);
		return diag_nomem(t->err);
	}
	*out = node_new_str(t->a, b.data ? b.data : "", b.len);
	buf_free(&b);
	return *out ? 0 : diag_nomem(t->err);
}

int translate_specs(struct translate_ctx *t, const struct env_mapping *map, const char *delimiter)
{
	for (const struct env_mapping *m = map; m->spec_key; m++) {
		const char *key;
		struct node *v = spec_get(t, m->spec_key, &key);
		if (!node_truthy(v))
			continue;
		if (v->kind == NODE_SEQ && delimiter) {
			int rc = join_list(t, v, delimiter, key, &v);
			if (rc)
				return rc;
		}
		int rc = require_str(t, v, key);
		if (rc)
			return rc;
		if ((rc = env_put(t, m->env_name, v)))
			return rc;
	}
	return 0;
}

#define CONDA_URI_INVALID                                                                          \
	"Invalid URI for custom conda pack: %.*s. A valid URI should have the format: "            \
	"oci://your_bucket@namespace/object_name"

static int conda_custom(struct translate_ctx *t, const struct node *conda)
{
	const struct node *uri = map_get(conda, "uri");
	struct py_url url;
	const char *errmsg = NULL;
	/* urlparse() decodes an argument that is not a str: a truthy one without
	 * .decode() raises AttributeError, a falsy one (None, 0, [], ...) parses as ""
	 * and the pack is reported invalid under str(uri). */
	if (uri && uri->kind != NODE_STR && node_truthy(uri))
		return spec_fail(t, uri, "conda.uri",
				 uri->kind == NODE_BINARY ? PY_TYPE_ERROR : PY_ATTRIBUTE_ERROR,
				 "expected a string, got %s", describe_value(t->a, uri));
	if (uri && uri->kind != NODE_STR) {
		struct buf b;
		buf_init(&b, 64);
		if (py_str(&b, uri)) /* an empty list, mapping or bytes */
			buf_puts(&b, uri->kind == NODE_SEQ   ? "[]"
				     : uri->kind == NODE_MAP ? "{}"
							     : "b''");
		int rc = spec_fail(t, uri, "conda.uri", PY_VALUE_ERROR, CONDA_URI_INVALID,
				   (int)b.len, buf_cstr(&b));
		buf_free(&b);
		return rc;
	}
	const char *text = uri ? uri->u.str.ptr : "None";
	size_t len = uri ? uri->u.str.len : 4;
	int parsed = uri ? py_urlparse(t->a, text, len, &url, &errmsg) : 0;
	if (parsed == -2)
		return diag_nomem(t->err);
	if (parsed)
		return spec_fail(t, uri, "conda.uri", PY_VALUE_ERROR, "%s", errmsg);
	if (!uri || !url.has_username || !url.username.len || !url.has_hostname ||
	    !url.hostname.len || !url.path.len)
		return spec_fail(t, uri ? uri : conda, "conda.uri", PY_VALUE_ERROR,
				 CONDA_URI_INVALID, (int)len, text);

	struct node *region = map_get(conda, "region");
	struct node *region_value = NULL;
	if (node_truthy(region)) {
		int rc = require_str(t, region, "conda.region");
		if (rc)
			return rc;
		region_value = region;
	} else if (t->opts->region && *t->opts->region) {
		region_value = node_new_cstr(t->a, t->opts->region);
	} else {
		return spec_fail(
			t, region ? region : conda, "conda.region", PY_ATTRIBUTE_ERROR,
			"Unable to determine the region for the custom conda pack: add `region` "
			"to the conda mapping, or pass --region.");
	}
	struct str path = url.path;
	while (path.len && path.ptr[0] == '/') {
		path.ptr++;
		path.len--;
	}
	int rc = env_put(t, "CONDA_ENV_NAMESPACE",
			 node_new_str(t->a, url.hostname.ptr, url.hostname.len));
	if (!rc)
		rc = env_put(t, "CONDA_ENV_BUCKET",
			     node_new_str(t->a, url.username.ptr, url.username.len));
	if (!rc)
		rc = env_put(t, "CONDA_ENV_OBJECT_NAME", node_new_str(t->a, path.ptr, path.len));
	if (!rc)
		rc = env_put(t, "CONDA_ENV_REGION", region_value);
	return rc;
}

int translate_conda(struct translate_ctx *t)
{
	const char *key;
	struct node *conda = spec_get(t, "conda", &key);
	if (!node_truthy(conda))
		return 0;
	if (conda->kind != NODE_MAP)
		return spec_fail(t, conda, key, PY_ATTRIBUTE_ERROR,
				 "expected a mapping {type, slug} or {type, uri, region}, got %s",
				 describe_value(t->a, conda));
	struct node *type = map_get(conda, "type");
	if (!type || type->kind != NODE_STR)
		return spec_fail(t, type ? type : conda, "conda.type", PY_TYPE_ERROR,
				 "expected \"service\" or \"published\", got %s",
				 describe_value(t->a, type));
	int rc = env_put(t, "CONDA_ENV_TYPE", type);
	if (rc)
		return rc;
	if (str_eq(type->u.str, "service")) {
		struct node *slug = map_get(conda, "slug");
		if (!slug || slug->kind != NODE_STR)
			return spec_fail(t, slug ? slug : conda, "conda.slug", PY_TYPE_ERROR,
					 "expected a string, got %s", describe_value(t->a, slug));
		return env_put(t, "CONDA_ENV_SLUG", slug);
	}
	if (str_eq(type->u.str, "published"))
		return conda_custom(t, conda);
	return 0;
}

static bool has_url_scheme(struct translate_ctx *t, struct str s)
{
	struct py_url url;
	const char *errmsg;
	if (py_urlparse(t->a, s.ptr, s.len, &url, &errmsg))
		return true; /* a netloc was found: it is a URL, kept as written */
	return url.scheme.len > 0;
}

/* artifact = {type, source}; `src` NULL when allocating it failed. */
static int put_artifact(struct translate_ctx *t, const char *type, struct node *src)
{
	struct node *art = node_new(t->a, NODE_MAP, 0, 0);
	struct node *kind = type ? node_new_cstr(t->a, type) : node_new(t->a, NODE_NULL, 0, 0);
	if (!art || !src || map_set(t->a, art, "type", kind) || map_set(t->a, art, "source", src))
		return diag_nomem(t->err);
	t->artifact = art;
	return 0;
}

int set_artifact_cstr(struct translate_ctx *t, const char *type, const char *source)
{
	return put_artifact(t, type,
			    source ? node_new_cstr(t->a, source) : node_new(t->a, NODE_NULL, 0, 0));
}

int set_artifact(struct translate_ctx *t, const char *type, const struct node *source,
		 const char *key)
{
	if (!source || source->kind == NODE_NULL)
		return set_artifact_cstr(t, type, NULL);
	int rc = require_str(t, source, key);
	if (rc)
		return rc;
	struct str s = source->u.str;
	if (s.len && !has_url_scheme(t, s))
		s = py_abspath(t->a, s, t->opts->cwd, t->opts->home);
	if (!s.ptr)
		return diag_nomem(t->err);
	return put_artifact(t, type, node_new_str(t->a, s.ptr, s.len));
}
