#include <math.h>
#include <stdio.h>
#include <string.h>

#include "py/pyrepr.h"
#include "py/shlex.h"
#include "runtime/convert.h"
#include "runtime/env_vars.h"
#include "runtime/oci_limits.h"
#include "runtime/runtime.h"
#include "runtime/spec_keys.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/suggest.h"

/* " ".join(shlex.quote(str(arg)) for arg in args) */
static int command_line(struct translate_ctx *t, struct node *jcd)
{
	const char *key;
	struct node *args = spec_get(t, "args", &key);
	if (!node_truthy(args))
		return 0;
	if (args->kind != NODE_SEQ)
		return spec_fail(t, args, key, PY_TYPE_ERROR,
				 "expected a list of arguments, got %s",
				 describe_value(t->a, args));
	struct buf line, item;
	buf_init(&line, 0);
	buf_init(&item, 0);
	int rc = 0;
	for (size_t i = 0; i < args->u.seq.count && !rc; i++) {
		struct node *arg = args->u.seq.items[i];
		struct str text = arg->kind == NODE_STR ? arg->u.str : (struct str){"", 0};
		if (arg->kind != NODE_STR) { /* str() of a str is itself */
			buf_reset(&item);
			if (py_str(&item, arg)) {
				char sub[64];
				snprintf(sub, sizeof(sub), "%s[%zu]", key, i);
				rc = spec_fail(t, arg, sub, PY_TYPE_ERROR,
					       "expected a string or a number, got %s",
					       describe_value(t->a, arg));
				break;
			}
			text = (struct str){item.data ? item.data : "", item.len};
		}
		if (i)
			buf_putc(&line, ' ');
		shlex_quote(&line, text.ptr, text.len);
	}
	if (!rc && (line.failed || item.failed))
		rc = diag_nomem(t->err);
	if (!rc && map_set(t->a, jcd, "commandLineArguments",
			   node_new_str(t->a, buf_cstr(&line), line.len)))
		rc = diag_nomem(t->err);
	buf_free(&line);
	buf_free(&item);
	return rc;
}

static int maximum_runtime(struct translate_ctx *t, struct node *jcd)
{
	const char *key;
	struct node *v = spec_get(t, "maximumRuntimeInMinutes", &key);
	if (!node_truthy(v))
		return 0;
	if (v->kind != NODE_INT || v->u.integer.text.ptr[0] == '-' || !v->u.integer.fits)
		return spec_fail(t, v, key, PY_TYPE_ERROR,
				 "expected a positive whole number of minutes, got %s",
				 describe_value(t->a, v));
	return map_set(t->a, jcd, "maximumRuntimeInMinutes", v) ? diag_nomem(t->err) : 0;
}

bool is_json_value(const struct node *v)
{
	switch (v->kind) {
	case NODE_NULL:
	case NODE_BOOL:
	case NODE_INT:
	case NODE_STR:
		return true;
	case NODE_FLOAT:
		return isfinite(v->u.real);
	case NODE_SEQ:
		for (size_t i = 0; i < v->u.seq.count; i++)
			if (!is_json_value(v->u.seq.items[i]))
				return false;
		return true;
	case NODE_MAP:
		for (size_t i = 0; i < v->u.map.count; i++)
			if (v->u.map.items[i].key->kind != NODE_STR ||
			    !is_json_value(v->u.map.items[i].value))
				return false;
		return true;
	default:
		return false;
	}
}

/* Freeform tag values are strings; defined tag values any JSON value. */
static int check_tag_value(struct translate_ctx *t, const struct node *v, const char *key,
			   bool strings_only)
{
	bool ok = v->kind == NODE_STR || (!strings_only && is_json_value(v));
	if (ok)
		return 0;
	return spec_fail(t, v, key, PY_TYPE_ERROR,
			 strings_only ? "expected a string, got %s"
				      : "expected a JSON value, got %s",
			 describe_value(t->a, v));
}

/* Tags are {name: string}; defined tags {namespace: {name: value}}. */
static int check_tags(struct translate_ctx *t, const struct node *tags, const char *key, int depth,
		      bool freeform)
{
	char sub[DSJ_ERROR_PATH_MAX];
	if (tags->kind != NODE_MAP)
		return spec_fail(t, tags, key, PY_TYPE_ERROR, "expected a mapping, got %s",
				 describe_value(t->a, tags));
	for (size_t i = 0; i < tags->u.map.count; i++) {
		const struct node *k = tags->u.map.items[i].key;
		const struct node *v = tags->u.map.items[i].value;
		/* json.dumps writes bool, int, float and None keys as strings; the rest it
		 * cannot */
		if (k->kind != NODE_STR && k->kind != NODE_BOOL && k->kind != NODE_INT &&
		    k->kind != NODE_FLOAT && k->kind != NODE_NULL)
			return spec_fail(t, k, key, PY_TYPE_ERROR,
					 "tag names must be strings, got %s",
					 describe_value(t->a, k));
		snprintf(sub, sizeof(sub), "%s.%s", key, k->kind == NODE_STR ? k->u.str.ptr : "?");
		int rc = depth > 0 ? check_tags(t, v, sub, depth - 1, freeform)
				   : check_tag_value(t, v, sub, freeform);
		if (rc)
			return rc;
	}
	return 0;
}

static int add_tags(struct translate_ctx *t, struct node *payload, const char *camel, int depth)
{
	const char *key;
	struct node *tags = spec_get(t, camel, &key);
	if (!node_truthy(tags))
		return 0;
	int rc = check_tags(t, tags, key, depth, depth == 0);
	if (rc)
		return rc;
	return map_set(t->a, payload, camel, tags) ? diag_nomem(t->err) : 0;
}

/* Why a document has no type, when it shows: a job read as a runtime. */
static const char *missing_type_hint(const struct node *runtime)
{
	const struct node *spec = map_get(runtime, "spec");
	const struct node *kind = map_get(runtime, "kind");
	if (kind && kind->kind == NODE_STR && !str_eq(kind->u.str, "runtime") &&
	    suggest_distance(kind->u.str.ptr, kind->u.str.len, "job", 3, 1) <= 1)
		return " (`kind` is not `job`: a job document has `kind: job`)";
	bool job_like = spec && spec->kind == NODE_MAP &&
			(map_get(spec, "infrastructure") || map_get(spec, "runtime"));
	return job_like ? " (this looks like a job: a job document has `kind: job`)" : "";
}

/* " (did you mean 'python'?)" for a near miss of a type name. */
static const char *type_suggestion(struct arena *a, const struct node *type)
{
	if (type->kind != NODE_STR)
		return "";
	struct suggestion s = {0};
	size_t best = 0;
	const struct runtime_type *rt;
	for (size_t i = 0; (rt = runtime_type_at(i)); i++)
		suggest_consider(&s, &best, type->u.str.ptr, type->u.str.len, rt->name);
	if (!s.count)
		return "";
	struct buf b;
	buf_init(&b, 0);
	buf_printf(&b, " (did you mean '%s'?)", s.names[0]);
	char *text = b.failed ? NULL : arena_strndup(a, buf_cstr(&b), b.len);
	buf_free(&b);
	return text ? text : "";
}

static const struct runtime_type *find_type(struct translate_ctx *t, struct node *runtime)
{
	struct node *type = map_get(runtime, "type");
	if (type && type->kind == NODE_STR) {
		const struct runtime_type *rt = runtime_type_find(type->u.str.ptr, type->u.str.len);
		if (rt)
			return rt;
	}
	char path[DSJ_ERROR_PATH_MAX];
	snprintf(path, sizeof(path), "%stype", t->prefix);
	if (type && type->kind == NODE_STR && str_eq(type->u.str, "dataFlow")) {
		diag_node(t->err, DSJ_EINPUT, type, path, PY_NOT_IMPLEMENTED,
			  "DataFlowRuntime is not supported as the runtime of DataScienceJob.");
		return NULL;
	}
	if (type && (type->kind == NODE_SEQ || type->kind == NODE_MAP)) {
		diag_node(t->err, DSJ_EINPUT, type, path, PY_TYPE_ERROR,
			  "expected a runtime type name, got %s", describe_value(t->a, type));
		return NULL;
	}
	struct buf b, names;
	buf_init(&b, 1024);
	buf_init(&names, 1024);
	if (!type || py_str(&b, type))
		buf_puts(&b, "None");
	if (!runtime_type_names(&names))
		diag_nomem(t->err);
	else if (!type || type->kind == NODE_NULL)
		diag_node(t->err, DSJ_EINPUT, type ? type : runtime, path, PY_NOT_IMPLEMENTED,
			  "the runtime has no `type`%s: add `type:` with one of %s (Runtime type: "
			  "None is not supported).",
			  missing_type_hint(runtime), buf_cstr(&names));
	else
		diag_node(t->err, DSJ_EINPUT, type, path, PY_NOT_IMPLEMENTED,
			  "Runtime type: %.200s is not supported%s. Supported types: %s.",
			  buf_cstr(&b), type_suggestion(t->a, type), buf_cstr(&names));
	buf_free(&b);
	buf_free(&names);
	return NULL;
}

/* ADS 2.8's Runtime.__init__ tests `"env" in spec`, which raises TypeError on a
 * number, a boolean or bytes, and reads spec["env"] (TypeError again) when a string
 * or list holds "env"; anything else reaches Builder._standardize_spec's
 * spec.keys(): AttributeError. */
static const char *spec_error_type(const struct node *spec)
{
	if (spec->kind == NODE_SEQ) {
		for (size_t i = 0; i < spec->u.seq.count; i++) {
			const struct node *item = spec->u.seq.items[i];
			if (item->kind == NODE_STR && str_eq(item->u.str, "env"))
				return PY_TYPE_ERROR;
		}
		return PY_ATTRIBUTE_ERROR;
	}
	if (spec->kind != NODE_STR)
		return PY_TYPE_ERROR;
	for (size_t i = 0; i + 3 <= spec->u.str.len; i++)
		if (memcmp(spec->u.str.ptr + i, "env", 3) == 0)
			return PY_TYPE_ERROR;
	return PY_ATTRIBUTE_ERROR;
}

static int load_spec(struct translate_ctx *t, struct node *runtime)
{
	struct node *spec = map_get(runtime, "spec");
	const struct node *outside = spec_key_outside(t->type, runtime);
	if (outside && !node_truthy(spec)) {
		long i = map_find(runtime, "spec", 4);
		if (i < 0)
			return spec_fail(
				t, outside, NULL, PY_TYPE_ERROR,
				"the runtime has no `spec:`, and %s (line %u) is one of its "
				"keys: put the spec's keys under `spec:`, indented",
				outside->u.str.ptr, outside->line);
		return spec_fail(t, outside, NULL, PY_TYPE_ERROR,
				 "`spec` must be a mapping, and %s (line %u) is one of its keys: "
				 "check the indentation of the lines below line %u",
				 outside->u.str.ptr, outside->line,
				 runtime->u.map.items[i].key->line);
	}
	/* _standardize_spec: a falsy spec (0, "", [], false) is {} */
	if (!node_truthy(spec)) {
		spec = node_new(t->a, NODE_MAP, runtime->line, runtime->col);
		if (!spec)
			return diag_nomem(t->err);
	}
	t->spec = spec;
	if (spec->kind != NODE_MAP) {
		long i = map_find(runtime, "spec", 4);
		return spec_fail(t, spec, NULL, spec_error_type(spec),
				 "`spec` must be a mapping, got %s; check the indentation of the "
				 "lines below line %u",
				 describe_value(t->a, spec), runtime->u.map.items[i].key->line);
	}
	return 0;
}

static int job_configuration(struct translate_ctx *t, struct node **out)
{
	struct node *jcd = node_new(t->a, NODE_MAP, 0, 0);
	if (!jcd || map_set(t->a, jcd, "jobType", node_new_cstr(t->a, "DEFAULT")) ||
	    map_set(t->a, jcd, "environmentVariables", t->env))
		return diag_nomem(t->err);
	int rc = command_line(t, jcd);
	if (!rc)
		rc = maximum_runtime(t, jcd);
	*out = jcd;
	return rc;
}

int runtime_translate(struct node **payload, struct node *runtime, struct arena *a,
		      const struct dsj_options *opts, const struct dsj_limits *limits,
		      const char *prefix, struct dsj_error *err)
{
	struct translate_ctx t = {
		.a = a, .opts = opts, .limits = limits, .err = err, .prefix = prefix};
	if (!runtime || runtime->kind != NODE_MAP) {
		char path[DSJ_ERROR_PATH_MAX];
		snprintf(path, sizeof(path), "%.*s", prefix[0] ? (int)strlen(prefix) - 1 : 0,
			 prefix);
		return diag_node(err, DSJ_EINPUT, runtime, path, PY_ATTRIBUTE_ERROR,
				 "expected a runtime mapping {kind, type, spec}, got %s",
				 describe_value(a, runtime));
	}
	int rc;
	if (!(t.type = find_type(&t, runtime)))
		return err->code ? err->code : DSJ_EINPUT;
	if ((rc = load_spec(&t, runtime)))
		return rc;
	spec_keys_check(&t, runtime);
	if (!(t.env = node_new(a, NODE_MAP, 0, 0)))
		return diag_nomem(err);
	if ((rc = translate_user_env(&t)) || (rc = t.type->translate(&t)))
		return rc;
	struct node *out = node_new(a, NODE_MAP, 0, 0);
	struct node *jcd = NULL;
	if (!out)
		return diag_nomem(err);
	if ((rc = job_configuration(&t, &jcd)))
		return rc;
	if (map_set(a, out, "jobConfigurationDetails", jcd))
		return diag_nomem(err);
	if ((rc = add_tags(&t, out, "freeformTags", 0)) ||
	    (rc = add_tags(&t, out, "definedTags", 1)))
		return rc;
	if (map_set(a, out, "artifact", t.artifact) ||
	    (t.environment && map_set(a, out, "jobEnvironmentConfigurationDetails", t.environment)))
		return diag_nomem(err);
	if ((rc = oci_check_job_configuration(&t, jcd)))
		return rc;
	*payload = out;
	return 0;
}
