/* ScriptRuntime: a script (or archive) run as is, with a conda pack. */
#include "runtime/runtime.h"

static const struct spec_alias *const script_aliases[] = {aliases_script, aliases_base, NULL};

static int script_translate(struct translate_ctx *t)
{
	int rc = translate_conda(t);
	if (rc)
		return rc;
	const char *key;
	struct node *entry = spec_get(t, "entrypoint", &key);
	if (node_truthy(entry)) {
		if ((rc = require_str(t, entry, key)) ||
		    (rc = env_put(t, "JOB_RUN_ENTRYPOINT", entry)))
			return rc;
	}
	struct node *source = spec_get(t, "scriptPathURI", &key);
	return set_artifact(t, "ScriptArtifact", source, key);
}

static int script_extract(struct extract_ctx *x)
{
	int rc = extract_conda(x);
	if (rc)
		return rc;
	struct node *entry = envs_pop(x, "JOB_RUN_ENTRYPOINT");
	if (node_truthy(entry) && (rc = spec_put(x, "entrypoint", entry)))
		return rc;
	return spec_put(x, "scriptPathURI", node_new_cstr(x->a, x->artifact));
}

const struct runtime_type rt_script = {
	.name = "script",
	.class_name = "ScriptRuntime",
	.aliases = script_aliases,
	.translate = script_translate,
	.extract = script_extract,
	.extract_priority = 60,
	.keys = (const char *const[]){"entrypoint", NULL},
	.sections = (const struct spec_section *const[]){&conda_section, NULL},
};
