/* ContainerRuntime: bring your own container. No conda pack; the artifact is a
 * placeholder script the service requires. */
#include <string.h>

#include "util/diag.h"
#include "runtime/runtime.h"
#include "runtime/container_native.h"

static const struct env_mapping container_env_mappings[] = {
	{"image", "CONTAINER_CUSTOM_IMAGE"},
	{"entrypoint", "CONTAINER_ENTRYPOINT"},
	{"cmd", "CONTAINER_CMD"},
	{NULL, NULL},
};

static const struct spec_alias *const container_aliases[] = {aliases_base, NULL};

static int container_translate(struct translate_ctx *t)
{
	if (t->opts->ads == DSJ_ADS_2_15)
		return container_translate_native(t);
	const char *key;
	struct node *image = spec_get(t, "image", &key);
	if (!node_truthy(image))
		return spec_fail(
			t, image, key ? key : "image", PY_VALUE_ERROR,
			"Specify container image for ContainerRuntime: add `image:` to the "
			"spec (e.g. iad.ocir.io/namespace/repository:tag).");
	int rc = translate_specs(t, container_env_mappings, ",");
	return rc ? rc : set_artifact_cstr(t, "path", "jobs/templates/container.py");
}

/* "-c,echo Hello" -> ["-c", "echo Hello"]; items are stripped; "" -> none. */
static int split_args(struct extract_ctx *x, const char *name, const char *key)
{
	struct node *v = envs_pop(x, name);
	if (!v || (v->kind == NODE_STR && v->u.str.len == 0))
		return 0;
	if (v->kind != NODE_STR)
		return extract_fail(x, v, name, PY_ATTRIBUTE_ERROR,
				    "'%s' object has no attribute 'split'", node_type_name(v));
	struct node *list = split_text(x->a, v->u.str, ',', true);
	return list ? spec_put(x, key, list) : diag_nomem(x->err);
}

static int container_extract(struct extract_ctx *x)
{
	const struct node *native = container_native_config(x->job);
	if (x->opts->ads == DSJ_ADS_2_15 && native)
		return container_extract_native(x, native);
	int rc = spec_put(x, "image", envs_pop(x, "CONTAINER_CUSTOM_IMAGE"));
	if (!rc)
		rc = split_args(x, "CONTAINER_CMD", "cmd");
	if (!rc)
		rc = split_args(x, "CONTAINER_ENTRYPOINT", "entrypoint");
	return rc;
}

const struct runtime_type rt_container = {
	.name = "container",
	.class_name = "ContainerRuntime",
	.aliases = container_aliases,
	.translate = container_translate,
	.extract = container_extract,
	.signature = (const char *const[]){"CONTAINER_CUSTOM_IMAGE", NULL},
	.extract_priority = 10,
	.job_name_ignores_artifact = true,
	.mappings = (const struct env_mapping *const[]){container_env_mappings, NULL},
	/* container_native.c reads these */
	.keys_ads215 = (const char *const[]){"scriptPathURI", "script_path_uri", "imageDigest",
					     "image_digest", "imageSignatureId",
					     "image_signature_id", NULL},
};
