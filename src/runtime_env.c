/* The runtime's own environment variables (spec.env), as Runtime and
 * env_var_parser build them: a mapping or a list of {name, value}; values made
 * strings (null -> "", others as json.dumps); ${NAME} substituted. */
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "envinterp.h"
#include "json.h"
#include "pyrepr.h"
#include "runtime_env.h"

struct env_list {
	struct node **keys;  /* the names as written */
	struct str *names;   /* str() of each name */
	struct str *values;
	struct node **at;    /* value nodes, for messages */
	size_t count;
	long *slots;         /* hash index over names: -1 empty, else list index */
	size_t nslots;
};

static size_t hash_str(struct str s)
{
	size_t h = 1469598103934665603u;
	for (size_t i = 0; i < s.len; i++)
		h = (h ^ (unsigned char)s.ptr[i]) * 1099511628211u;
	return h;
}

/* The slot holding `name`, or the empty slot where it would go. */
static long *slot_for(struct env_list *l, struct str name)
{
	size_t mask = l->nslots - 1;
	for (size_t i = hash_str(name) & mask;; i = (i + 1) & mask) {
		long *slot = &l->slots[i];
		if (*slot < 0)
			return slot;
		struct str other = l->names[*slot];
		if (other.len == name.len && memcmp(other.ptr, name.ptr, name.len) == 0)
			return slot;
	}
}

static int value_text(struct translate_ctx *t, struct node *v, const char *path, struct str *out)
{
	if (!v || v->kind == NODE_NULL) {
		*out = (struct str){"", 0};
		return 0;
	}
	if (v->kind == NODE_STR) {
		*out = v->u.str;
		return 0;
	}
	struct buf b;
	buf_init(&b, 0);
	struct dsj_error jerr = {0};
	int rc = 0;
	if (v->kind == NODE_DATE || v->kind == NODE_DATETIME)
		rc = py_str(&b, v); /* json.dumps fails; the reference falls back to str() */
	else if (py_json_dumps(&b, v, &jerr))
		rc = jerr.code == DSJ_ENOMEM ? diag_nomem(t->err)
					     : diag_node(t->err, DSJ_EINPUT, v, path, PY_TYPE_ERROR,
							 "%s", jerr.message);
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

/* ConfigParser keys are str(name): str, int and float names work. */
static int name_text(struct translate_ctx *t, struct node *name, const char *path, struct str *out)
{
	if (name->kind == NODE_STR) {
		*out = name->u.str;
		return 0;
	}
	if (name->kind != NODE_INT && name->kind != NODE_FLOAT)
		return diag_node(t->err, DSJ_EINPUT, name, path, PY_TYPE_ERROR,
				 "environment variable names must be strings, got %s",
				 describe_value(t->a, name));
	struct buf b;
	buf_init(&b, 0);
	py_str(&b, name);
	char *s = b.failed ? NULL : arena_strndup(t->a, buf_cstr(&b), b.len);
	*out = (struct str){s, b.len};
	buf_free(&b);
	return s ? 0 : diag_nomem(t->err);
}

/* A repeated name keeps its first position and takes the last value, as the
 * reference's dict does; two different names with the same str() collide in
 * ConfigParser. */
static int add_var(struct translate_ctx *t, struct env_list *l, struct node *name,
		   struct node *value, const char *path)
{
	char vpath[DSJ_ERROR_PATH_MAX];
	struct str text, key;
	int rc = name_text(t, name, path, &key);
	if (rc)
		return rc;
	snprintf(vpath, sizeof(vpath), "%s.value", path);
	if ((rc = value_text(t, value, vpath, &text)))
		return rc;
	long *slot = slot_for(l, key);
	if (*slot >= 0 && !node_key_equal(l->keys[*slot], name))
		return diag_node(t->err, DSJ_EINPUT, name, path, "DuplicateOptionError",
				 "While reading from '<dict>': option '%.*s' in section 'envs' "
				 "already exists", (int)key.len, key.ptr);
	if (*slot < 0) {
		*slot = (long)l->count++;
		l->keys[*slot] = name;
		l->names[*slot] = key;
	}
	l->values[*slot] = text;
	l->at[*slot] = value ? value : name;
	return 0;
}

static int collect_mapping(struct translate_ctx *t, struct node *env, const char *key,
			   struct env_list *l)
{
	char path[DSJ_ERROR_PATH_MAX];
	for (size_t i = 0; i < env->u.map.count; i++) {
		struct node *name = env->u.map.items[i].key;
		bool named = name->kind == NODE_STR;
		snprintf(path, sizeof(path), "%sspec.%s%s%s", t->prefix, key, named ? "." : "",
			 named ? name->u.str.ptr : "");
		if (name->kind != NODE_STR)
			return diag_node(t->err, DSJ_EINPUT, name, path, PY_TYPE_ERROR,
					 "environment variable names must be strings, got %s",
					 describe_value(t->a, name));
		if (str_eq(name->u.str, "self"))
			return diag_node(t->err, DSJ_EINPUT, name, path, PY_TYPE_ERROR,
					 "Runtime.with_environment_variable() got multiple values "
					 "for argument 'self'");
		int rc = add_var(t, l, name, env->u.map.items[i].value, path);
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
		snprintf(path, sizeof(path), "%sspec.%s[%zu]", t->prefix, key, i);
		if (item->kind != NODE_MAP)
			return diag_node(t->err, DSJ_EINPUT, item, path, PY_TYPE_ERROR,
					 "expected a mapping {name, value}, got %s",
					 describe_value(t->a, item));
		struct node *name = map_get(item, "name");
		struct node *value = map_get(item, "value");
		if (!name || map_find(item, "value", 5) < 0)
			return diag_node(t->err, DSJ_EINPUT, item, path, PY_KEY_ERROR,
					 "'%s' is required", name ? "value" : "name");
		char npath[DSJ_ERROR_PATH_MAX];
		snprintf(npath, sizeof(npath), "%s.name", path);
		int rc = add_var(t, l, name, value, npath);
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
	int rc = env_interpolate(t->a, l->names, l->values, l->count, out, &ie);
	if (rc == -2)
		return diag_nomem(t->err);
	if (rc) {
		char path[DSJ_ERROR_PATH_MAX];
		snprintf(path, sizeof(path), "%sspec.%s.%.*s", t->prefix, key,
			 (int)l->names[ie.index].len, l->names[ie.index].ptr);
		return diag_node(t->err, DSJ_EINPUT, l->at[ie.index], path, ie.type, "%s", ie.message);
	}
	for (size_t i = 0; i < l->count; i++) {
		char *name = arena_strndup(t->a, l->names[i].ptr, l->names[i].len);
		struct node *value = node_new_str(t->a, out[i].ptr, out[i].len);
		if (!name || !value || map_set(t->a, t->env, name, value))
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
	size_t nslots = 8;
	while (nslots < 2 * n)
		nslots *= 2;
	struct env_list l = {
		.keys = arena_alloc(t->a, n * sizeof(struct node *)),
		.names = arena_alloc(t->a, n * sizeof(struct str)),
		.values = arena_alloc(t->a, n * sizeof(struct str)),
		.at = arena_alloc(t->a, n * sizeof(struct node *)),
		.slots = arena_alloc(t->a, nslots * sizeof(long)),
		.nslots = nslots,
	};
	if (!l.keys || !l.names || !l.values || !l.at || !l.slots)
		return diag_nomem(t->err);
	memset(l.slots, 0xff, nslots * sizeof(long));
	int rc = env->kind == NODE_MAP ? collect_mapping(t, env, key, &l)
				       : collect_list(t, env, key, &l);
	return rc ? rc : interpolate_into(t, &l, key);
}
