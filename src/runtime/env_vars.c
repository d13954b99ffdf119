/* The runtime's own environment variables (spec.env), as Runtime and
 * env_var_parser build them: a mapping or a list of {name, value}; values made
 * strings (null -> "", others as json.dumps); ${NAME} substituted. */
#include <stdio.h>
#include <string.h>

#include "doc/json.h"
#include "py/envinterp.h"
#include "py/pyrepr.h"
#include "runtime/env_vars.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/strindex.h"

struct env_list {
	struct node **keys; /* the names as written */
	struct str *names;  /* str() of each name */
	struct str *values;
	struct node **at; /* value nodes, for messages */
	size_t count;
	struct strindex index; /* over names */
};

struct name_probe {
	const struct str *names;
	struct str key;
};

static bool name_is(const void *ctx, size_t pos)
{
	const struct name_probe *p = ctx;
	struct str a = p->names[pos];
	return a.len == p->key.len && memcmp(a.ptr, p->key.ptr, a.len) == 0;
}

/* Where a variable was written; its key path is spelled out only for a
 * message, not for every variable. */
struct env_where {
	const char *key;	 /* "env" as written */
	const struct node *name; /* mapping form: the name key */
	size_t index;		 /* list form: the item's index */
	bool list;
};

/* spec.env.NAME (mapping) or spec.env[i].name (list), then `suffix`. */
static const char *where_path(struct translate_ctx *t, const struct env_where *w,
			      const char *suffix, char *out, size_t size)
{
	if (w->list)
		snprintf(out, size, "%sspec.%s[%zu].name%s", t->prefix, w->key, w->index, suffix);
	else if (w->name->kind == NODE_STR)
		snprintf(out, size, "%sspec.%s.%s%s", t->prefix, w->key, w->name->u.str.ptr,
			 suffix);
	else
		snprintf(out, size, "%sspec.%s%s", t->prefix, w->key, suffix);
	return out;
}

static int value_text(struct translate_ctx *t, struct node *v, const struct env_where *w,
		      struct str *out)
{
	if (!v || v->kind == NODE_NULL) {
		*out = (struct str){"", 0};
		return 0;
	}
	if (v->kind == NODE_STR) {
		*out = v->u.str;
		return 0;
	}
	char path[DSJ_ERROR_PATH_MAX];
	struct buf b;
	buf_init(&b, 0);
	struct dsj_error jerr = {0};
	int rc = 0;
	if (v->kind == NODE_DATE || v->kind == NODE_DATETIME)
		rc = py_str(&b, v); /* json.dumps fails; the reference falls back to str() */
	else if (py_json_dumps(&b, v, &jerr))
		rc = jerr.code == DSJ_ENOMEM
			     ? diag_nomem(t->err)
			     : diag_node(t->err, DSJ_EINPUT, v,
					 where_path(t, w, ".value", path, sizeof(path)),
					 PY_TYPE_ERROR, "%s", jerr.message);
	if (!rc && b.failed)
		rc = diag_nomem(t->err);
	if (!rc) {
		char *s = arena_strndup(t->a, buf_cstr(&b), b.len);
		*out = (struct str){s, b.len};
		if (!s)
			rc = diag_nomem(t->err);
	}
	buf_free(&b);
	return rc;
}

/* ConfigParser keys are str(name), lower-cased as its optionxform does for a
 * name that was not a string: `- name: yes` is the variable "true", 1.5 is
 * "1.5". A null or any other kind of name is an error. */
static int name_text(struct translate_ctx *t, struct node *name, const struct env_where *w,
		     struct str *out)
{
	char path[DSJ_ERROR_PATH_MAX];
	if (name->kind == NODE_STR) {
		*out = name->u.str;
		return 0;
	}
	if (name->kind != NODE_INT && name->kind != NODE_FLOAT && name->kind != NODE_BOOL)
		return diag_node(t->err, DSJ_EINPUT, name, where_path(t, w, "", path, sizeof(path)),
				 PY_TYPE_ERROR,
				 "environment variable names must be strings, got %s",
				 describe_value(t->a, name));
	struct buf b;
	buf_init(&b, 0);
	py_str(&b, name);
	char *s = b.failed ? NULL : arena_strndup(t->a, buf_cstr(&b), b.len);
	for (size_t i = 0; s && i < b.len; i++)
		if (s[i] >= 'A' && s[i] <= 'Z')
			s[i] = (char)(s[i] - 'A' + 'a');
	*out = (struct str){s, b.len};
	buf_free(&b);
	return s ? 0 : diag_nomem(t->err);
}

/* A repeated name keeps its first position and takes the last value, as the
 * reference's dict does; two different names with the same str() collide in
 * ConfigParser. Names are found by their str(), so 1 and 1.0 (one dict key in
 * Python, "1" and "1.0" here) stay two variables. */
static int add_var(struct translate_ctx *t, struct env_list *l, struct node *name,
		   struct node *value, const struct env_where *w)
{
	char path[DSJ_ERROR_PATH_MAX];
	struct str text, key;
	int rc = name_text(t, name, w, &key);
	if (rc)
		return rc;
	if ((rc = value_text(t, value, w, &text)))
		return rc;
	uint64_t hash = strindex_hash(STRINDEX_SEED, key.ptr, key.len);
	struct name_probe probe = {l->names, key};
	long i = strindex_find(&l->index, hash, name_is, &probe);
	if (i >= 0 && !node_key_equal(l->keys[i], name))
		return diag_node(t->err, DSJ_EINPUT, name, where_path(t, w, "", path, sizeof(path)),
				 "DuplicateOptionError",
				 "While reading from '<dict>': option '%.*s' in section 'envs' "
				 "already exists",
				 (int)key.len, key.ptr);
	if (i < 0) {
		i = (long)l->count++;
		l->keys[i] = name;
		l->names[i] = key;
		if (strindex_add(&l->index, t->a, hash, (size_t)i))
			return diag_nomem(t->err);
	}
	l->values[i] = text;
	l->at[i] = value ? value : name;
	return 0;
}

static int collect_mapping(struct translate_ctx *t, struct node *env, const char *key,
			   struct env_list *l)
{
	char path[DSJ_ERROR_PATH_MAX];
	for (size_t i = 0; i < env->u.map.count; i++) {
		struct node *name = env->u.map.items[i].key;
		struct env_where w = {.key = key, .name = name};
		if (name->kind != NODE_STR)
			return diag_node(t->err, DSJ_EINPUT, name,
					 where_path(t, &w, "", path, sizeof(path)), PY_TYPE_ERROR,
					 "environment variable names must be strings, got %s",
					 describe_value(t->a, name));
		if (str_eq(name->u.str, "self"))
			return diag_node(t->err, DSJ_EINPUT, name,
					 where_path(t, &w, "", path, sizeof(path)), PY_TYPE_ERROR,
					 "Runtime.with_environment_variable() got multiple values "
					 "for argument 'self'");
		int rc = add_var(t, l, name, env->u.map.items[i].value, &w);
		if (rc)
			return rc;
	}
	return 0;
}

static int collect_list(struct translate_ctx *t, struct node *env, const char *key,
			struct env_list *l)
{
	char path[DSJ_ERROR_PATH_MAX];
	for (size_t i = 0; i < env->u.seq.count; i++) {
		struct node *item = env->u.seq.items[i];
		long at = item->kind == NODE_MAP ? map_find(item, "value", 5) : -1;
		struct node *name = item->kind == NODE_MAP ? map_get(item, "name") : NULL;
		if (item->kind != NODE_MAP || !name || at < 0)
			snprintf(path, sizeof(path), "%sspec.%s[%zu]", t->prefix, key, i);
		if (item->kind != NODE_MAP)
			return diag_node(t->err, DSJ_EINPUT, item, path, PY_TYPE_ERROR,
					 "expected a mapping {name, value}, got %s",
					 describe_value(t->a, item));
		if (!name || at < 0)
			return diag_node(t->err, DSJ_EINPUT, item, path, PY_KEY_ERROR,
					 "'%s' is required", name ? "value" : "name");
		struct node *value = item->u.map.items[at].value;
		struct env_where w = {.key = key, .index = i, .list = true};
		int rc = add_var(t, l, name, value, &w);
		if (rc)
			return rc;
	}
	return 0;
}

static int interpolate_into(struct translate_ctx *t, struct env_list *l, const char *key)
{
	struct str *out = arena_alloc(t->a, (l->count + 1) * sizeof(*out));
	if (!out)
		return diag_nomem(t->err);
	struct env_interp_error ie;
	memset(&ie, 0, sizeof(ie));
	int rc = env_interpolate_indexed(t->a, l->names, l->values, l->count, &l->index, out, &ie);
	if (rc == -2)
		return diag_nomem(t->err);
	if (rc) {
		char path[DSJ_ERROR_PATH_MAX];
		snprintf(path, sizeof(path), "%sspec.%s.%.*s", t->prefix, key,
			 (int)l->names[ie.index].len, l->names[ie.index].ptr);
		return diag_node(t->err, DSJ_EINPUT, l->at[ie.index], path, ie.type, "%s",
				 ie.message);
	}
	/* map_set(env, name, value) without copying: the names and values
	 * already live in the arena, NUL-terminated. A name is a C string to
	 * map_set, so one with a NUL byte ends there. The names are unique, so
	 * while the map held nothing else and no name was cut at a NUL, none
	 * can be in it yet. Room for the variables the type sets after these. */
	bool unique = t->env->u.map.count == 0;
	if (map_reserve(t->a, t->env, l->count + 16))
		return diag_nomem(t->err);
	for (size_t i = 0; i < l->count; i++) {
		struct str name = {l->names[i].ptr, strnlen(l->names[i].ptr, l->names[i].len)};
		struct node *value = node_new(t->a, NODE_STR, 0, 0);
		if (!value)
			return diag_nomem(t->err);
		value->u.str = out[i];
		unique = unique && name.len == l->names[i].len;
		long at = unique ? -1 : map_find(t->env, name.ptr, name.len);
		if (at >= 0) {
			t->env->u.map.items[at].value = value;
			continue;
		}
		struct node *name_node = node_new(t->a, NODE_STR, 0, 0);
		if (!name_node)
			return diag_nomem(t->err);
		name_node->u.str = name;
		if (map_push(t->a, t->env, name_node, value))
			return diag_nomem(t->err);
	}
	return 0;
}

int translate_user_env(struct translate_ctx *t)
{
	const char *key;
	struct node *env = spec_get(t, "env", &key);
	if (!node_truthy(env))
		return 0;
	if (env->kind != NODE_MAP && env->kind != NODE_SEQ)
		return spec_fail(t, env, key, PY_ATTRIBUTE_ERROR,
				 "expected a mapping or a list of {name, value}, got %s",
				 describe_value(t->a, env));
	size_t n = env->kind == NODE_MAP ? env->u.map.count : env->u.seq.count;
	if (n > t->limits->max_env_vars) {
		char path[DSJ_ERROR_PATH_MAX];
		snprintf(path, sizeof(path), "%sspec.%s", t->prefix, key);
		return diag_node(t->err, DSJ_ELIMIT, env, path, "LimitError",
				 "%zu environment variables exceed the limit of %zu", n,
				 t->limits->max_env_vars);
	}
	struct env_list l = {
		.keys = arena_alloc(t->a, n * sizeof(struct node *)),
		.names = arena_alloc(t->a, n * sizeof(struct str)),
		.values = arena_alloc(t->a, n * sizeof(struct str)),
		.at = arena_alloc(t->a, n * sizeof(struct node *)),
	};
	if (!l.keys || !l.names || !l.values || !l.at || strindex_init(&l.index, t->a, n))
		return diag_nomem(t->err);
	int rc = env->kind == NODE_MAP ? collect_mapping(t, env, key, &l)
				       : collect_list(t, env, key, &l);
	return rc ? rc : interpolate_into(t, &l, key);
}
