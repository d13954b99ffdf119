/* ContainerRuntime as ADS 2.15 translates it: the image and its command go to
 * the service's own jobEnvironmentConfigurationDetails (OCIR_CONTAINER)
 * instead of CONTAINER_* variables, and there is no placeholder artifact (a
 * scriptPathURI, when given, is uploaded as a ScriptArtifact).
 *
 * ADS 2.15 fills the object by walking the runtime's whole attribute map, so
 * at the runtime level it also holds env, args and the tags as the spec gives
 * them; the SDK model has no such attributes and the CreateJob body drops them
 * (job_environment_body). ADS 2.15 no longer checks the image or the command's
 * items, and sends what the API rejects; dsjob keeps those checks. */
#include <stdio.h>
#include <string.h>

#include "runtime/container_native.h"
#include "runtime/convert.h"
#include "util/diag.h"

/* A spec key of ContainerRuntime.attribute_map and its snake_case alias. */
struct native_key {
	const char *camel, *snake;
};

static const struct native_key command_keys[] = {
	{"cmd", NULL},
	{"entrypoint", NULL},
	{NULL, NULL},
};

static const struct native_key string_keys[] = {
	{"imageDigest", "image_digest"},
	{"imageSignatureId", "image_signature_id"},
	{NULL, NULL},
};

/* The inherited Runtime attributes that ride along at the runtime level. */
static const struct native_key extra_keys[] = {
	{"args", NULL},
	{"freeformTags", "freeform_tags"},
	{"definedTags", "defined_tags"},
	{NULL, NULL},
};

/* The attributes of the SDK's OcirContainerJobEnvironmentConfigurationDetails. */
static const char *const model_keys[] = {
	"jobEnvironmentType", "image", "cmd", "entrypoint", "imageDigest", "imageSignatureId", NULL,
};

/* The snake_case alias wins, as it does for every spec key. */
static struct node *native_get(struct translate_ctx *t, const struct native_key *k,
			       const char **written)
{
	struct node *v = k->snake ? map_get(t->spec, k->snake) : NULL;
	*written = k->snake;
	if (!v) {
		v = map_get(t->spec, k->camel);
		*written = k->camel;
	}
	return v && v->kind != NODE_NULL ? v : NULL;
}

/* "a, b ,c" -> ["a", "b", "c"]; "" -> []; a list stays as it is, but the API
 * takes strings only. */
static int command_list(struct translate_ctx *t, struct node *v, const char *key, struct node **out)
{
	if (v->kind == NODE_STR) {
		*out = v->u.str.len ? split_text(t->a, v->u.str, ',', true)
				    : node_new(t->a, NODE_SEQ, v->line, v->col);
		return *out ? 0 : diag_nomem(t->err);
	}
	if (v->kind != NODE_SEQ)
		return spec_fail(t, v, key, PY_TYPE_ERROR,
				 "expected a string or a list of strings, got %s",
				 describe_value(t->a, v));
	for (size_t i = 0; i < v->u.seq.count; i++) {
		char sub[64];
		snprintf(sub, sizeof(sub), "%s[%zu]", key, i);
		int rc = require_str(t, v->u.seq.items[i], sub);
		if (rc)
			return rc;
	}
	*out = v;
	return 0;
}

/* env as ADS keeps it: a list of {name, value}, a mapping turned into one. */
static int env_as_list(struct translate_ctx *t, struct node *env, struct node **out)
{
	*out = env;
	if (env->kind != NODE_MAP)
		return 0;
	struct node *list = node_new(t->a, NODE_SEQ, env->line, env->col);
	if (!list)
		return diag_nomem(t->err);
	for (size_t i = 0; i < env->u.map.count; i++) {
		struct node *item = node_new(t->a, NODE_MAP, 0, 0);
		if (!item || map_set(t->a, item, "name", env->u.map.items[i].key) ||
		    map_set(t->a, item, "value", env->u.map.items[i].value) ||
		    seq_push(t->a, list, item))
			return diag_nomem(t->err);
	}
	*out = list;
	return 0;
}

static int image(struct translate_ctx *t, struct node *cfg)
{
	struct node *v = map_get(t->spec, "image");
	if (!node_truthy(v))
		return spec_fail(t, v, "image", PY_VALUE_ERROR,
				 "Specify container image for ContainerRuntime.");
	int rc = require_str(t, v, "image");
	return rc ? rc : (map_set(t->a, cfg, "image", v) ? diag_nomem(t->err) : 0);
}

static int command(struct translate_ctx *t, struct node *cfg)
{
	for (const struct native_key *k = command_keys; k->camel; k++) {
		const char *key;
		struct node *v = native_get(t, k, &key), *list = NULL;
		if (!v)
			continue;
		int rc = command_list(t, v, key, &list);
		if (rc)
			return rc;
		if (map_set(t->a, cfg, k->camel, list))
			return diag_nomem(t->err);
	}
	for (const struct native_key *k = string_keys; k->camel; k++) {
		const char *key;
		struct node *v = native_get(t, k, &key);
		if (!v)
			continue;
		int rc = require_str(t, v, key);
		if (rc)
			return rc;
		if (map_set(t->a, cfg, k->camel, v))
			return diag_nomem(t->err);
	}
	return 0;
}

static int extras(struct translate_ctx *t, struct node *cfg)
{
	const char *key;
	struct node *env = spec_get(t, "env", &key), *list = NULL;
	if (node_truthy(env)) {
		int rc = env_as_list(t, env, &list);
		if (rc)
			return rc;
		if (map_set(t->a, cfg, "env", list))
			return diag_nomem(t->err);
	}
	for (const struct native_key *k = extra_keys; k->camel; k++) {
		struct node *v = native_get(t, k, &key);
		if (node_truthy(v) && map_set(t->a, cfg, k->camel, v))
			return diag_nomem(t->err);
	}
	return 0;
}

int container_translate_native(struct translate_ctx *t)
{
	struct node *cfg = node_new(t->a, NODE_MAP, 0, 0);
	if (!cfg || map_set(t->a, cfg, "jobEnvironmentType", node_new_cstr(t->a, "OCIR_CONTAINER")))
		return diag_nomem(t->err);
	int rc = image(t, cfg);
	rc = rc ? rc : command(t, cfg);
	rc = rc ? rc : extras(t, cfg);
	if (rc)
		return rc;
	t->environment = cfg;
	const char *key;
	struct node *source = spec_get(t, "scriptPathURI", &key);
	if (!source)
		source = map_get(t->spec, key = "script_path_uri");
	if (!node_truthy(source))
		return set_artifact_cstr(t, NULL, NULL);
	return set_artifact(t, "ScriptArtifact", source, key);
}

int job_environment_body(struct arena *a, const struct node *cfg, struct node **out)
{
	struct node *body = node_new(a, NODE_MAP, 0, 0);
	if (!body)
		return -1;
	for (size_t i = 0; model_keys[i]; i++) {
		struct node *v = map_get(cfg, model_keys[i]);
		if (v && map_set(a, body, model_keys[i], v))
			return -1;
	}
	*out = body;
	return 0;
}

const struct node *container_native_config(const struct node *job)
{
	const struct node *cfg = map_get(job, "jobEnvironmentConfigurationDetails");
	const struct node *type =
		cfg && cfg->kind == NODE_MAP ? map_get(cfg, "jobEnvironmentType") : NULL;
	return node_is_str(type) && str_eq(type->u.str, "OCIR_CONTAINER") ? cfg : NULL;
}

/* ADS 2.15's ContainerRuntimeHandler: the image and command come from the
 * service's object; every variable stays a variable. */
int container_extract_native(struct extract_ctx *x, const struct node *cfg)
{
	static const char *const keys[] = {
		"image", "cmd", "entrypoint", "imageDigest", "imageSignatureId", NULL};
	for (size_t i = 0; keys[i]; i++) {
		struct node *v = map_get(cfg, keys[i]);
		if (v && v->kind != NODE_NULL && spec_put(x, keys[i], v))
			return diag_nomem(x->err);
	}
	return 0;
}
